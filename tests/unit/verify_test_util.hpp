// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the crypto-core tests (tests/unit/test_verify_{group,proofs,threshold}.cpp).
#pragma once

#include <functional>

#include "minga/core/error.hpp"

namespace minga::verify::testing {

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
