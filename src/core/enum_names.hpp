// SPDX-License-Identifier: Apache-2.0
// src/core/enum_names.hpp - parsing an option's name back into its enum, with one error message for all (internal).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "minga/core/error.hpp"

namespace minga {

/// The value of `all` whose name_of() is `text`; otherwise Error(invalid_argument)
/// "unknown <what> '<text>' (expected a, b or c)".
template <class Enum, std::size_t N>
Enum parse_enum_name(std::string_view text, const Enum (&all)[N], const char* (*name_of)(Enum), std::string_view what) {
  for (Enum e : all)
    if (text == name_of(e)) return e;
  std::string choices;
  for (std::size_t k = 0; k < N; ++k) {
    if (k > 0) choices += k + 1 == N ? " or " : ", ";
    choices += name_of(all[k]);
  }
  throw Error(Errc::invalid_argument,
              "unknown " + std::string(what) + " '" + std::string(text) + "' (expected " + choices + ")");
}

}  // namespace minga
