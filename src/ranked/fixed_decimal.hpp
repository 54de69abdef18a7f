// SPDX-License-Identifier: Apache-2.0
// src/ranked/fixed_decimal.hpp - (internal) non-negative amounts with D decimals, held as integer units.
//
// Rules that truncate every transfer value to D decimals (Scottish STV: five)
// only ever hold multiples of 10^-D: paper values are truncated there and
// totals are sums of them. Such a value is exactly an integer count of 10^-D
// units, so the count can run on 64-bit integers instead of GMP rationals,
// about twenty times faster, with the same results to the last unit. The
// caller checks fits() before choosing this type and falls back to Rational.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "minga/core/error.hpp"
#include "minga/core/number.hpp"
#include "minga/ranked/quota.hpp"

namespace minga::ranked::detail {

template <unsigned Decimals>
class FixedDecimal {
 public:
  static constexpr std::int64_t kUnit = [] {
    std::int64_t unit = 1;
    for (unsigned i = 0; i < Decimals; ++i) unit *= 10;
    return unit;
  }();

  /// True when every amount of a count over `ballots` papers (at most that
  /// many whole votes) fits in 63 bits (products are taken in 128 bits).
  static constexpr bool fits(std::uint64_t ballots) { return ballots <= (std::uint64_t{1} << 62) / kUnit; }

  FixedDecimal() = default;
  explicit FixedDecimal(std::uint64_t whole) : units_(static_cast<std::int64_t>(whole) * kUnit) {}
  /// A value with at most D decimals (quotas, thresholds); Error(internal) otherwise.
  static FixedDecimal exactly(const Rational& value) {
    const Rational units = value * kUnit;
    if (denominator(units) != 1) throw Error(Errc::internal, "fixed decimal: " + to_exact_string(value) + " has more than " +
                                                                 std::to_string(Decimals) + " decimals");
    FixedDecimal out;
    out.units_ = static_cast<std::int64_t>(numerator(units));
    return out;
  }

  explicit operator Rational() const { return Rational(Integer(units_), Integer(kUnit)); }

  FixedDecimal& operator+=(FixedDecimal other) {
    units_ += other.units_;
    return *this;
  }
  friend FixedDecimal operator-(FixedDecimal a, FixedDecimal b) {
    a.units_ -= b.units_;
    return a;
  }
  /// `count` papers at this value each.
  friend FixedDecimal operator*(FixedDecimal value, std::uint64_t count) {
    value.units_ *= static_cast<std::int64_t>(count);
    return value;
  }
  friend auto operator<=>(FixedDecimal, FixedDecimal) = default;
  friend bool operator==(FixedDecimal, FixedDecimal) = default;

  /// value x numerator / denominator, truncated to D decimals (all non-negative).
  friend FixedDecimal scaled_down(FixedDecimal value, FixedDecimal numerator, FixedDecimal denominator) {
    FixedDecimal out;
    __extension__ using Wide = __int128;  // GCC and Clang
    out.units_ = static_cast<std::int64_t>(static_cast<Wide>(value.units_) * numerator.units_ / denominator.units_);
    return out;
  }

 private:
  std::int64_t units_ = 0;
};

/// The same for exact rationals (any number of decimals).
inline Rational scaled_down(const Rational& value, const Rational& numerator, const Rational& denominator,
                            unsigned decimals) {
  return truncate_decimals(value * numerator / denominator, decimals);
}

}  // namespace minga::ranked::detail
