// SPDX-License-Identifier: Apache-2.0
// minga/ranked/stv.hpp - single transferable vote: weighted inclusive Gregory (WIGM).
//
// WIGM, as RCTab counts a multi-seat contest (and as Minneapolis and Portland
// count theirs):
//   1. the quota is computed once, from the active votes of round 1;
//   2. every continuing candidate at or above the quota is elected (with
//      `one_winner_per_round`, only the highest); each winner's surplus moves
//      at once, largest winner first: the surplus fraction
//      (total - quota) / total is truncated to `decimals` places, and every
//      ballot with the winner moves to its next continuing choice at weight
//      truncate(weight x fraction) (rounded down per ballot, so the winner keeps
//      at least the quota). What rounding loses is the winner's residual surplus;
//      the winner keeps exactly the quota from then on;
//   3. when no one is elected, the lowest candidate leaves (write-in
//      pseudo-candidate first, one at a time, ties by `tie_break`) and its
//      ballots move at their current weights. There is no batch elimination:
//      RCTab refuses batchElimination in a multi-seat contest (read_rctab_config
//      does too);
//   4. when the continuing candidates are no more than the open seats, they are
//      all elected.
// When the last seat is filled by a surplus transfer, the surplus stays as the
// final round's "final surplus" (RCTab's extra round).
// Arithmetic: exact rationals, truncated exactly where the rule says.
#pragma once

#include "minga/export.h"

#include <cstdint>

#include "minga/ballot/election.hpp"
#include "minga/ranked/quota.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

struct StvOptions {
  BallotInterpretation ballots;
  TieBreak tie_break;
  std::uint32_t seats = 2;
  Quota quota{Quota::Kind::droop, 4};
  unsigned decimals = 4;              ///< places kept in surplus fractions and ballot weights
  bool one_winner_per_round = false;
};

MINGA_EXPORT Result wigm(const Election& election, const StvOptions& options);

}  // namespace minga::ranked
