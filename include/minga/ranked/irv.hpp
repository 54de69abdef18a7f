// SPDX-License-Identifier: Apache-2.0
// minga/ranked/irv.hpp - single-winner counts: plurality, instant runoff, sequential IRV.
//
// Instant runoff (IRV, RCV), round by round, as RCTab counts a single-winner contest:
//   1. every active ballot counts for its highest-ranked continuing candidate
//      (BallotInterpretation says how marks are read);
//   2. the threshold is computed from the active votes of this round (or of
//      round 1 when `freeze_threshold` is set); a candidate at or above it wins,
//      unless `continue_until_two` asks to go on while more than two continue;
//   3. otherwise candidates leave the count: the undeclared write-in
//      pseudo-candidate first; in round 1 every candidate below
//      `minimum_votes` at once; with `batch_elimination` every candidate in the
//      largest group of lowest candidates whose combined votes are below the
//      next candidate's (a "mathematically safe" batch of two or more);
//      else the single lowest candidate, ties settled by `tie_break`.
//      Their ballots move to the next continuing choice, and the next round begins.
// Counts are whole ballots, so the arithmetic is integer and exact.
//
// Sequential IRV (RCTab's multiPassIrv) fills several seats by repeating IRV,
// each winner leaving the count for the passes after.
// Bottoms-up (block) elimination fills several seats at once: candidates leave
// exactly as in IRV's step 3, one round at a time, until those still
// continuing all win together: when no more than `seats` continue (RCTab's
// bottomsUp), or when every continuing candidate has at least `share` of the
// round's active votes (RCTab's bottomsUpUsingPercentageThreshold, as used by
// party primaries with a 15% viability threshold). No surplus moves.
// Plurality counts first choices only (with the same ballot interpretation);
// with several seats the top `seats` win (single non-transferable vote).
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>

#include "minga/ballot/election.hpp"
#include "minga/ranked/quota.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

struct IrvOptions {
  BallotInterpretation ballots;
  TieBreak tie_break;  ///< default: stop and report the tie
  /// Winning threshold over the round's active votes; the default (Droop with
  /// one seat) is a majority: floor(active / 2) + 1.
  Quota threshold{};
  bool batch_elimination = false;
  bool continue_until_two = false;
  bool freeze_threshold = false;       ///< the first round's threshold holds for every round
  Rational minimum_votes;              ///< round 1: candidates below this leave together (0 = off)
  std::optional<std::uint32_t> stop_after_round;  ///< stop without a winner after this round
};

/// Throws Error(invalid_argument) unless election holds ranked ballots, and
/// Error(parse) when a ballot breaks `max_rankings`. Withdrawn alternatives never count.
MINGA_EXPORT Result irv(const Election& election, const IrvOptions& options = {});

/// Sequential IRV for `seats` seats (seats = 1 is IRV).
MINGA_EXPORT Result sequential_irv(const Election& election, std::uint32_t seats, const IrvOptions& options = {});

struct BottomsUpOptions {
  BallotInterpretation ballots;
  TieBreak tie_break;  ///< default: stop and report the tie
  bool batch_elimination = false;
  Rational minimum_votes;              ///< round 1: candidates below this leave together (0 = off)
  std::optional<std::uint32_t> stop_after_round;
  std::uint32_t seats = 1;             ///< stop when no more than this many continue (ignored with `share`)
  /// Stop when every continuing candidate has at least share x the round's
  /// active votes (a fraction: 15% is 3/20); each round's threshold is that product, exact.
  std::optional<Rational> share;
};

/// Bottoms-up elimination. Error(invalid_argument) for zero seats or a share outside (0, 1].
MINGA_EXPORT Result bottoms_up(const Election& election, const BottomsUpOptions& options);

struct PluralityOptions {
  BallotInterpretation ballots;
  TieBreak tie_break;
  std::uint32_t seats = 1;
};

MINGA_EXPORT Result plurality(const Election& election, const PluralityOptions& options = {});

}  // namespace minga::ranked
