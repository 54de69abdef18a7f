// SPDX-License-Identifier: Apache-2.0
// minga/ranked/gregory_stv.hpp - weighted inclusive Gregory STV, the reference-rule family:
// exact fractional Gregory with a choice of quota, the generic WIGM and the PR Foundation
// reference WIGM (with and without "defeat sure losers"), and Minneapolis STV.
//
// (RCTab's multi-seat WIGM, which elects and transfers in one round and truncates
// a surplus fraction, is wigm() in stv.hpp; Scottish STV is scottish_stv.hpp.)
//
// gregory_stv() counts round by round. N is the number of valid (non-blank)
// ballots. Candidates are HOPEFUL, PENDING (elected, surplus not yet moved),
// ELECTED or DEFEATED; ballots pass only to hopeful candidates.
//   0. the count is over when no seat is open (elected + pending = seats) or
//      the hopefuls are no more than the open seats; then every pending
//      candidate is elected, and the hopefuls are elected if seats remain;
//   1. every hopeful reaching the quota becomes pending (highest vote first);
//   2. with LoserBatch::sure_losers: the largest set of lowest hopefuls whose
//      votes plus all pending surpluses are below the lowest vote outside the
//      set is defeated at once. Hopefuls are grouped so that a candidate whose
//      vote is within (group's lowest vote + pending surpluses) joins the
//      group, and groups are never split; enough hopefuls are always left for
//      the open seats. If the defeats leave no more hopefuls than open seats,
//      the count ends without moving their ballots; otherwise their ballots move
//      at their weights and the round ends;
//   3. else, the pending candidate with the most votes (ties: `tie_break`, to
//      elect) has its surplus s = vote - quota moved, possibly zero: EVERY ballot
//      it holds goes on at weight  w x s / vote  (with `decimals`: w x s
//      truncated to d places, then divided by the vote and truncated again,
//      as the PRF rule's D.4 says); the candidate keeps the quota;
//   4. else, the hopeful with the fewest votes is defeated (ties: `tie_break`,
//      to exclude; with LoserBatch::zero and a lowest vote of 0, every hopeful
//      at 0) and its ballots move at their weights.
//
// Quotas (GregoryQuota), for N ballots and S seats:
//   hagenbach_bischoff  exact: q = N/(S+1) and a candidate must EXCEED it
//                       (Hagenbach-Bischoff + epsilon); with d decimals:
//                       q = trunc_d(N/(S+1)) + 10^-d, reached at >= q
//   droop               q = floor(N/(S+1)) + 1, reached at >= q
//   hare                q = N/S (with d decimals: rounded up to d places), reached at >= q
//   dynamic             as hagenbach_bischoff, but N is recomputed at the start of
//                       every round as the votes held by hopeful, pending and
//                       elected candidates (the ballots still counting). An
//                       elected candidate keeps what it kept when its surplus moved.
//
// Arithmetic: exact rationals (decimals unset) or d-decimal fixed point where
// every multiplication and division truncates (decimals = d). Sums and
// comparisons are exact either way.
//
// Presets and what they reproduce (Droop, J. Lundell's STV package, reference
// counts at commit cf58293; see docs/ranked.md and tests/unit/test_ranked_gregory_stv.cpp):
//   gregory_exact_options(seats, quota)   fractional exact Gregory with a choice of quota
//   droop_wigm_options(seats)             Droop's generic "wigm" rule with its defaults
//                                         (integer_quota=false, defeat_batch=none),
//                                         exact: its rational and guarded (18+9) counts
//   prf_wigm_options(seats, batch)        "PR Foundation Reference WIGM" (rules A-D as
//                                         Droop's wigm_prf states them): 4 decimals,
//                                         quota trunc4(N/(S+1)) + 0.0001, single defeat
//                                         or with B.2 "defeat sure losers"
//
// minneapolis_stv(): Minneapolis multiple-seat STV (Code of Ordinances, Title 8.5,
// ch. 167: 167.20 definitions, 167.70 tabulation, as amended in 2013), as Droop's
// "mpls" rule counts it:
//   threshold T = floor(N/(S+1)) + 1; 4 decimals, every multiplication and division
//   truncated. Round 1 counts the first choices. Every round first checks (a): if
//   the elected plus the hopefuls at or above T (undeclared write-ins left out)
//   fill the seats, those hopefuls are elected (highest first) and the count ends.
//   Rounds 2, 3, ... then take ONE step:
//   (c) certain losers: with s = the surpluses (vote - T) of the hopefuls at or
//       above T, the largest set of lowest-vote hopefuls whose votes plus s are
//       below the next-higher hopeful's vote (equal votes never split; enough
//       hopefuls left for the open seats; an equality keeps them, Droop's reading
//       of 167.20) is defeated at once and its ballots move. In round 2 every
//       undeclared write-in (a candidate with attribute undeclared=true, BLT
//       "[undeclared k]") is defeated too, its votes added to s for the test;
//   (d) else the hopeful with the most votes at or above T is elected and its
//       surplus moves at once: weight trunc_4(trunc_4(w x surplus) / vote); it
//       keeps T. Ballots pass to hopeful candidates, those at or above T included;
//   (e) else, when the hopefuls are no more than the open seats they are elected;
//       otherwise the lowest hopeful is defeated, and its ballots move unless the
//       hopefuls left are no more than the open seats (then they are elected).
//   Ties (the ordinance's "by lot"): `tie_break`.
//
// Result (gregory_stv): round k's tally is the votes at the start of round k (round 1: first
// preferences); its actions are the candidates that became pending (elected)
// in it, then its one transfer (ActionKind::surplus, or ActionKind::excluded
// once per defeated candidate). The last round shows the final votes and the
// candidates elected without a transfer. Inactive ballots are the non-transferable
// votes, by reason; an action's residual is its surplus lost to truncation.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "minga/ballot/election.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

enum class GregoryQuota : std::uint8_t { hagenbach_bischoff = 0, droop = 1, hare = 2, dynamic = 3 };
enum class LoserBatch : std::uint8_t { none = 0, zero = 1, sure_losers = 2 };

MINGA_EXPORT const char* gregory_quota_name(GregoryQuota quota) noexcept;
/// "droop", "hare", "hb" (or "hagenbach-bischoff"), "dynamic". Throws Error(invalid_argument).
MINGA_EXPORT GregoryQuota gregory_quota_from_name(std::string_view name);

struct GregoryStvOptions {
  BallotInterpretation ballots;
  TieBreak tie_break;  ///< default: stop and report the tie
  std::uint32_t seats = 1;
  GregoryQuota quota = GregoryQuota::hagenbach_bischoff;
  std::optional<unsigned> decimals;  ///< unset: exact rationals
  LoserBatch batch = LoserBatch::none;
};

/// Fractional exact Gregory STV (rationals, no rounding) with the given quota.
MINGA_EXPORT GregoryStvOptions gregory_exact_options(std::uint32_t seats, GregoryQuota quota,
                                                     TieBreak tie_break = {});
/// Droop's generic WIGM with its defaults: exact, N/(S+1) exceeded, one defeat at a time.
MINGA_EXPORT GregoryStvOptions droop_wigm_options(std::uint32_t seats, TieBreak tie_break = {});
/// The PR Foundation reference WIGM: 4 truncating decimals; `defeat_sure_losers` adds step B.2.
MINGA_EXPORT GregoryStvOptions prf_wigm_options(std::uint32_t seats, bool defeat_sure_losers,
                                                TieBreak tie_break = {});

/// Throws Error(invalid_argument) for seats = 0 or non-ranked ballots.
MINGA_EXPORT Result gregory_stv(const Election& election, const GregoryStvOptions& options);

struct MinneapolisStvOptions {
  BallotInterpretation ballots;
  TieBreak tie_break;  ///< default: stop and report the tie (the lot is the city's to draw)
  std::uint32_t seats = 2;
};

/// Result: round k's tally is the votes at the start of round k (round 1: first choices,
/// no action); its actions are its step's defeats (excluded) or election (elected, with the
/// surplus transfer), and the candidates elected when the count ends. A count ended by (a)
/// after a round's transfers shows the final votes and the elections in a round of its own.
/// Throws Error(invalid_argument) for seats = 0, non-ranked ballots, or write-ins counted as a candidate.
MINGA_EXPORT Result minneapolis_stv(const Election& election, const MinneapolisStvOptions& options);

}  // namespace minga::ranked
