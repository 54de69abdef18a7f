// SPDX-License-Identifier: Apache-2.0
// minga/ranked/scottish_stv.hpp - Scottish STV: The Scottish Local Government
// Elections Order 2007 (SSI 2007/42), schedule 1, rules 45 to 52.
//
// The count, stage by stage, as the rules say it (rule numbers in brackets):
//   [45] first stage: every valid paper counts 1 for its first preference;
//   [46] quota = floor(valid papers / (seats + 1)) + 1, fixed for the count;
//   [47] a candidate whose votes equal or exceed the quota is elected (at the
//        end of the stage that brought them there; several at once are taken
//        in order of votes, highest first);
//   [48] a surplus (votes above the quota) moves in a stage of its own: EVERY
//        paper the candidate holds goes to its next continuing preference, at
//        transfer value  truncate_5(surplus x value of the paper / candidate's
//        votes)  - one multiplication and one division, truncated once to five
//        decimal places; papers without a next preference are non-transferable.
//        The candidate keeps exactly the quota; what truncation loses is the
//        action's residual. A candidate at exactly the quota has no surplus and
//        no transfer stage;
//   [49] the largest surplus moves first; equal surpluses: the candidate with
//        more votes at the most recent preceding stage where they differed,
//        else by lot;
//   [50] when no surplus is left to move and seats remain, the candidate with
//        the fewest votes is excluded, one per stage; their papers move at the
//        value they carry;
//   [51] equal lowest: the one with fewer votes at the most recent preceding
//        stage where they differed, else by lot;
//   [52] once the continuing candidates are no more than the open seats, they
//        are all elected and nothing more moves.
// Papers go only to continuing (hopeful) candidates: an elected candidate,
// whether or not their surplus has moved, receives nothing more.
//
// Ties: `tie_break` should look back (LookBack::previous_rounds_backwards);
// the default stops and reports a tie that needs the lot, so the returning
// officer's draw can be supplied (TieFinal::lot_order with the drawn order,
// or TieFinal::seeded_random with a published seed). With three or more tied
// candidates the look-back narrows to those at the extreme of each stage
// visited (see tiebreak.hpp).
//
// Arithmetic: exact. Every value has five decimals (paper values are truncated
// there; totals are sums of them), so the count runs on whole numbers of
// 10^-5 in 64-bit integers; with other `decimals`, on exact rationals.
//
// Result: round k is stage k. Its tally is the candidates' votes at the start
// of the stage (round 1: first preferences); its actions are the candidates
// elected on those votes, then the stage's one transfer (ActionKind::surplus or
// ActionKind::excluded), whose effect is the next round's tally. The last round
// shows the final votes and the last elections. Inactive ballots are the
// non-transferable papers, by reason.
#pragma once

#include "minga/export.h"

#include <cstdint>

#include "minga/ballot/election.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

struct ScottishStvOptions {
  /// How marks are read; BLT files and Scottish papers have no overvotes, the default applies otherwise.
  BallotInterpretation ballots;
  /// Default: the statute's look-back, then stop and report (the lot is the caller's to supply).
  TieBreak tie_break{LookBack::previous_rounds_backwards, TieFinal::stop, {}, {}};
  std::uint32_t seats = 1;
  unsigned decimals = 5;  ///< places of transfer values (rule 48(3): five)
};

/// Throws Error(invalid_argument) for seats = 0 or non-ranked ballots.
MINGA_EXPORT Result scottish_stv(const Election& election, const ScottishStvOptions& options);

}  // namespace minga::ranked
