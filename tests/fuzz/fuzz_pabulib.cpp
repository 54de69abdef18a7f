// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_pabulib.cpp - libFuzzer target: the pabulib reader, and round trips through pabulib, JSON and binary.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minga::fuzz;
  check_input(data, size, minga::Format::pabulib,
              {{minga::Format::pabulib, WriterMay::refuse}, kThroughJson, kThroughBinary});
  return 0;
}
