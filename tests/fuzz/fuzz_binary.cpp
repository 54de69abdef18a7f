// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_binary.cpp - libFuzzer target: the binary (.mingab) reader, and round trips through binary and JSON.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minga::fuzz;
  check_input(data, size, minga::Format::binary, {kThroughBinary, kThroughJson});
  return 0;
}
