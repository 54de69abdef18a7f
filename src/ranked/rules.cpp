// SPDX-License-Identifier: Apache-2.0
// src/ranked/rules.cpp - names of the ballot-interpretation options, quotas and truncation.
#include <string>

#include "minga/core/error.hpp"
#include "minga/ranked/quota.hpp"
#include "minga/ranked/rules.hpp"

namespace minga::ranked {

namespace {

[[noreturn]] void unknown(std::string_view what, std::string_view name, std::string_view accepted) {
  throw Error(Errc::invalid_argument,
              "unknown " + std::string(what) + " \"" + std::string(name) + "\" (accepted: " + std::string(accepted) + ")");
}

}  // namespace

const char* overvote_rule_name(OvervoteRule rule) noexcept {
  switch (rule) {
    case OvervoteRule::exhaust_immediately: return "exhaust_immediately";
    case OvervoteRule::skip_to_next_rank: return "skip_to_next_rank";
    case OvervoteRule::exhaust_if_multiple_continuing: return "exhaust_if_multiple_continuing";
  }
  return "?";
}

const char* duplicate_rule_name(DuplicateRule rule) noexcept { return rule == DuplicateRule::skip ? "skip" : "exhaust"; }

const char* write_in_rule_name(WriteInRule rule) noexcept {
  return rule == WriteInRule::candidate ? "candidate" : "skip";
}

const char* exhaust_reason_name(ExhaustReason reason) noexcept {
  switch (reason) {
    case ExhaustReason::overvote: return "overvote";
    case ExhaustReason::skipped_ranks: return "skipped_ranks";
    case ExhaustReason::repeated_candidate: return "repeated_candidate";
    case ExhaustReason::no_continuing_choice: return "no_continuing_choice";
  }
  return "?";
}

OvervoteRule overvote_rule_from_name(std::string_view name) {
  if (name == "exhaust_immediately" || name == "exhaustImmediately" || name == "exhaust")
    return OvervoteRule::exhaust_immediately;
  if (name == "skip_to_next_rank" || name == "alwaysSkipToNextRank" || name == "skip")
    return OvervoteRule::skip_to_next_rank;
  if (name == "exhaust_if_multiple_continuing" || name == "exhaustIfMultipleContinuing")
    return OvervoteRule::exhaust_if_multiple_continuing;
  unknown("overvote rule", name, "exhaust_immediately, skip_to_next_rank, exhaust_if_multiple_continuing");
}

DuplicateRule duplicate_rule_from_name(std::string_view name) {
  if (name == "skip") return DuplicateRule::skip;
  if (name == "exhaust") return DuplicateRule::exhaust;
  unknown("duplicate rule", name, "skip, exhaust");
}

WriteInRule write_in_rule_from_name(std::string_view name) {
  if (name == "candidate") return WriteInRule::candidate;
  if (name == "skip") return WriteInRule::skip;
  unknown("write-in rule", name, "candidate, skip");
}

// ---- quotas -----------------------------------------------------------------

const char* quota_name(Quota::Kind kind) noexcept {
  switch (kind) {
    case Quota::Kind::droop: return "droop";
    case Quota::Kind::hagenbach_bischoff: return "hagenbach-bischoff";
    case Quota::Kind::hare: return "hare";
    case Quota::Kind::exact_droop: return "exact-droop";
  }
  return "?";
}

Quota::Kind quota_from_name(std::string_view name) {
  if (name == "droop") return Quota::Kind::droop;
  if (name == "hagenbach-bischoff" || name == "hb") return Quota::Kind::hagenbach_bischoff;
  if (name == "hare") return Quota::Kind::hare;
  if (name == "exact-droop") return Quota::Kind::exact_droop;
  unknown("quota", name, "droop, hagenbach-bischoff, hare, exact-droop");
}

Rational decimal_unit(unsigned decimals) {
  Integer ten = 1;
  for (unsigned i = 0; i < decimals; ++i) ten *= 10;
  return Rational(Integer(1), ten);
}

Rational truncate_decimals(const Rational& value, unsigned decimals) {
  Integer scale = 1;
  for (unsigned i = 0; i < decimals; ++i) scale *= 10;
  Integer scaled = numerator(value) * scale / denominator(value);  // truncates toward zero
  return Rational(scaled, scale);
}

namespace {

Integer floor_of(const Rational& value) {
  Integer q = numerator(value) / denominator(value);
  if (value < 0 && Rational(q) != value) q -= 1;
  return q;
}

}  // namespace

Rational quota_value(const Quota& quota, const Rational& votes, std::uint32_t seats) {
  if (seats == 0) throw Error(Errc::invalid_argument, "a quota needs at least one seat");
  switch (quota.kind) {
    case Quota::Kind::droop: return Rational(floor_of(votes / (seats + 1)) + 1);
    case Quota::Kind::hagenbach_bischoff:
      return truncate_decimals(votes / (seats + 1), quota.decimals) + decimal_unit(quota.decimals);
    case Quota::Kind::hare: {
      Rational exact = votes / seats;
      Rational down = truncate_decimals(exact, quota.decimals);
      return down == exact ? down : down + decimal_unit(quota.decimals);
    }
    case Quota::Kind::exact_droop: return votes / (seats + 1);
  }
  return Rational(0);
}

bool reaches_quota(const Quota& quota, const Rational& votes, const Rational& threshold) {
  return quota.kind == Quota::Kind::exact_droop ? votes > threshold : votes >= threshold;
}

}  // namespace minga::ranked
