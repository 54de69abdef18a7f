// SPDX-License-Identifier: Apache-2.0
// tests/fuzz/fuzz_json.cpp - libFuzzer target: the JSON reader, and round trips through JSON and binary.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minga::fuzz;
  check_input(data, size, minga::Format::json, {kThroughJson, kThroughBinary});
  return 0;
}
