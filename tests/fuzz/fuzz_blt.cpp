// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_blt.cpp - libFuzzer target: the BLT reader, and round trips through BLT, JSON and binary.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minga::fuzz;
  check_input(data, size, minga::Format::blt, {{minga::Format::blt, WriterMay::refuse}, kThroughJson, kThroughBinary});
  return 0;
}
