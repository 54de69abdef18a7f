// SPDX-License-Identifier: Apache-2.0
// minga/ranked/quota.hpp - winning thresholds (quotas) of ranked counts.
//
// For V votes and S seats, with d decimal places:
//   droop                floor(V / (S + 1)) + 1                     (integer Droop; S = 1: a majority)
//   hagenbach_bischoff   trunc_d(V / (S + 1)) + 10^-d               (RCTab "non-integer threshold")
//   hare                 V / S rounded up to d decimals
//   exact_droop          V / (S + 1), exact; a candidate must exceed it (not reach it)
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <string_view>

#include "minga/core/number.hpp"

namespace minga::ranked {

struct Quota {
  enum class Kind : std::uint8_t { droop = 0, hagenbach_bischoff = 1, hare = 2, exact_droop = 3 };
  Kind kind = Kind::droop;
  unsigned decimals = 0;  ///< d for hagenbach_bischoff and hare
};

MINGA_EXPORT const char* quota_name(Quota::Kind kind) noexcept;
/// "droop", "hagenbach-bischoff" (or "hb"), "hare", "exact-droop". Throws Error(invalid_argument).
MINGA_EXPORT Quota::Kind quota_from_name(std::string_view name);

/// The threshold for `votes` and `seats` (seats >= 1).
MINGA_EXPORT Rational quota_value(const Quota& quota, const Rational& votes, std::uint32_t seats);
/// True when `votes` elect under this quota (>= threshold; > for exact_droop).
MINGA_EXPORT bool reaches_quota(const Quota& quota, const Rational& votes, const Rational& threshold);

/// Truncation toward zero to d decimal places (non-negative values: rounding down).
MINGA_EXPORT Rational truncate_decimals(const Rational& value, unsigned decimals);
/// 10^-d.
MINGA_EXPORT Rational decimal_unit(unsigned decimals);

}  // namespace minga::ranked
