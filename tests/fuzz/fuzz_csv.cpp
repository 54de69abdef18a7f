// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_csv.cpp - libFuzzer target: the three CSV readers (ranked, scottish, patterns), and round trips through CSV or BLT, JSON and binary.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minga::fuzz;
  // The same bytes go to the three CSV readers (ranked, scot-elex ward files, ranking patterns).
  check_input(data, size, minga::Format::csv, {{minga::Format::csv, WriterMay::refuse}, kThroughJson, kThroughBinary});
  check_input(data, size, minga::Format::scottish, {{minga::Format::blt, WriterMay::refuse}, kThroughJson, kThroughBinary});
  check_input(data, size, minga::Format::patterns, {{minga::Format::csv, WriterMay::refuse}, kThroughJson, kThroughBinary});
  return 0;
}
