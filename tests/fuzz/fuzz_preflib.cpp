// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_preflib.cpp - libFuzzer target: the PrefLib reader, and round trips through PrefLib, JSON and binary.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minga::fuzz;
  check_input(data, size, minga::Format::preflib,
              {{minga::Format::preflib, WriterMay::refuse}, kThroughJson, kThroughBinary});
  return 0;
}
