// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the verify tests (tests/unit/test_verify_*.cpp).
#pragma once

#include <functional>
#include <string>

#include "minga/core/error.hpp"

namespace minga::verify::testing {

/// The field of the minga::Error that f throws, or "" when it throws none.
inline std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.where().field;
  }
  return "";
}

/// A 64-hex scalar or hash with its first digit changed (a scalar stays < L: its top byte is the last).
inline std::string flip_hex(const std::string& hex) {
  std::string h = hex;
  h[0] = h[0] == '0' ? '1' : '0';
  return h;
}

/// The code of the minga::Error that f throws, or Errc::ok when it throws none.
inline Errc code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

}  // namespace minga::verify::testing
