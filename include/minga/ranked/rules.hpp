// SPDX-License-Identifier: Apache-2.0
// minga/ranked/rules.hpp - how raw ranked marks are read at tabulation time.
//
// A ranked Profile keeps every mark as made (skipped ranks, several marks at
// one rank, the scanner's overvote token, undeclared write-ins, a candidate
// ranked twice). Jurisdictions differ in what those mean, so the count applies
// a BallotInterpretation, never the reader. The options are the ones RCTab,
// the certified US tabulator, exposes; every default is stated below.
//
// A ballot counts for its highest-ranked continuing candidate. Reading goes
// down the ranks from the ballot's current position:
//   1. an empty rank is a skipped rank. When a rank with marks is reached after
//      more than `max_skipped_ranks` consecutive skipped ranks, the ballot is
//      exhausted (reason: skipped ranks);
//   2. a rank with two or more marks, or with the overvote token, is an
//      overvote, handled by `overvote` (reason: overvote);
//   3. a candidate already marked at an earlier rank is a duplicate, skipped or
//      exhausting by `duplicate` (reason: repeated candidate);
//   4. an undeclared write-in is handled by `write_in`;
//   5. a continuing candidate receives the ballot; any other mark is passed.
// Running out of ranks exhausts the ballot (reason: no continuing choice).
// A ballot with no mark at all is blank: it is never active and is counted
// apart from exhausted ballots.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace minga::ranked {

enum class OvervoteRule : std::uint8_t {
  exhaust_immediately = 0,             ///< the ballot stops counting at the overvoted rank
  skip_to_next_rank = 1,               ///< the overvoted rank is passed over
  exhaust_if_multiple_continuing = 2,  ///< exhausts only if two or more marked candidates still continue;
                                       ///< one continuing candidate receives the ballot; none: passed over
};

enum class DuplicateRule : std::uint8_t {
  skip = 0,     ///< a repeated candidate is passed over
  exhaust = 1,  ///< reaching a repeated candidate exhausts the ballot
};

enum class WriteInRule : std::uint8_t {
  candidate = 0,  ///< undeclared write-ins together are one pseudo-candidate, eliminated before anyone else (RCTab)
  skip = 1,       ///< a write-in mark is passed over like an eliminated candidate
};

/// Why a ballot stopped counting. Blank ballots are not exhausted: they never counted.
enum class ExhaustReason : std::uint8_t {
  overvote = 0,
  skipped_ranks = 1,
  repeated_candidate = 2,
  no_continuing_choice = 3,
};
inline constexpr int kNumExhaustReasons = 4;

MINGA_EXPORT const char* overvote_rule_name(OvervoteRule rule) noexcept;
MINGA_EXPORT const char* duplicate_rule_name(DuplicateRule rule) noexcept;
MINGA_EXPORT const char* write_in_rule_name(WriteInRule rule) noexcept;
MINGA_EXPORT const char* exhaust_reason_name(ExhaustReason reason) noexcept;
/// Accept the names above ("exhaust_immediately", "skip_to_next_rank", ...) and
/// RCTab's spellings ("exhaustImmediately", "alwaysSkipToNextRank",
/// "exhaustIfMultipleContinuing"). Throw Error(invalid_argument) on others.
MINGA_EXPORT OvervoteRule overvote_rule_from_name(std::string_view name);
MINGA_EXPORT DuplicateRule duplicate_rule_from_name(std::string_view name);
MINGA_EXPORT WriteInRule write_in_rule_from_name(std::string_view name);

struct BallotInterpretation {
  /// Default: an overvote exhausts the ballot (Maine, RCTab's usual setting).
  OvervoteRule overvote = OvervoteRule::exhaust_immediately;
  /// Consecutive skipped ranks tolerated before the next marked rank; unset = any
  /// number (default). 0 = any skipped rank exhausts; 1 = two in a row exhaust (Maine).
  std::optional<std::uint32_t> max_skipped_ranks;
  /// Default: a repeated candidate is passed over.
  DuplicateRule duplicate = DuplicateRule::skip;
  /// Ranks a voter may use; a mark at a higher rank is an input error (RCTab
  /// refuses such a CVR). Unset (default) = no limit.
  std::optional<std::uint32_t> max_rankings;
  /// Default: undeclared write-ins form one pseudo-candidate, eliminated first.
  WriteInRule write_in = WriteInRule::candidate;
  /// With write_in = candidate: the pseudo-candidate takes part even when no
  /// ballot has a write-in (RCTab does so when a source declares a write-in label). Default: off.
  bool write_in_always_present = false;
};

}  // namespace minga::ranked
