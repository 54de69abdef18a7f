// SPDX-License-Identifier: Apache-2.0
// minga/core/number.hpp - exact numbers.
//
// Money, points, quotas and transfer values are exact: arbitrary-precision
// integers and rationals from Boost.Multiprecision on the GMP backend (measured
// 4.6x faster than cpp_rational on a mixed workload, see bench/rational_backends.cpp).
// Floating point is never used for an outcome.
#pragma once

#include "minga/export.h"

#include <boost/multiprecision/gmp.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace minga {

using Integer = boost::multiprecision::mpz_int;
using Rational = boost::multiprecision::mpq_rational;

/// Parses an exact decimal number: an optional sign, digits, an optional '.'
/// and digits, an optional exponent ("1e6", "2.5E-3"). "1546168.66" becomes
/// 154616866/100 exactly. Also accepts a fraction "p/q". Surrounding spaces
/// are not accepted. Throws Error(parse) with `what_for` in the reason.
MINGA_EXPORT Rational parse_decimal(std::string_view text, std::string_view what_for = "number");

/// Parses a base-10 integer (optional sign). Throws Error(parse).
MINGA_EXPORT Integer parse_integer(std::string_view text, std::string_view what_for = "integer");

/// Parses a non-negative integer that fits in 64 bits (counts, weights).
/// Throws Error(parse) or Error(limit).
MINGA_EXPORT std::uint64_t parse_count(std::string_view text, std::string_view what_for = "count");

/// Exact text of a rational: "3", "-7", "1546168.66" when the value is a
/// terminating decimal, otherwise "1/3". parse_decimal() reads it back exactly.
MINGA_EXPORT std::string to_exact_string(const Rational& value);

/// Decimal text with exactly `digits` digits after the point, rounded toward
/// zero (the usual statutory rounding of tabulators).
MINGA_EXPORT std::string to_fixed_string(const Rational& value, unsigned digits);

/// True when the value is an integer.
MINGA_EXPORT bool is_integer(const Rational& value);

/// The least common multiple of the values' denominators (1 for none): the
/// smallest scale that turns them all into integers.
MINGA_EXPORT Integer common_denominator(std::span<const Rational> values);

}  // namespace minga
