// SPDX-License-Identifier: Apache-2.0
// minga/ranked/meek.hpp - Meek STV (and Warren STV): keep factors, iterated to convergence.
//
// Every candidate has a keep factor kf: 1 while hopeful, 0 once excluded (or
// withdrawn), below 1 once elected. A ROUND is:
//   1. distribute: each ballot starts at weight w = 1 and goes down its ranks;
//      at each candidate with kf > 0 the candidate keeps part of w and the rest
//      goes on (stopping once w is 0):
//        Meek    keeps w x kf, passes on w x (1 - kf)     (rounding: see below)
//        Warren  keeps min(kf, w), passes on w - kept     (kf is an amount, not a share)
//      Equal ranks ("b=c"): w is split equally among the rank's hopeful and
//      elected candidates and each share goes on by itself. Empty ranks,
//      repeated candidates and write-in marks are passed over; an overvote
//      token ends the ballot. What no candidate keeps is the residual
//      (exhausted ballots and rounding);
//   2. quota q = (votes of hopeful and elected candidates) / (seats + 1),
//      recomputed every iteration: exact  q = V / (S + 1), elected when vote > q;
//      fixed-point  q = trunc_d(V / (S + 1)) + 10^-d, elected when vote >= q;
//   3. every hopeful candidate reaching q is elected: the round ends;
//   4. total surplus s = sum over the elected of (vote - q) (floored at 0 with
//      `surplus_at_least_zero`). The round also ends when s <= omega (s < omega
//      with `omega_strict`), when s did not fall since the last iteration
//      ("stable"), or, with `batch_defeat`, when there is a batch of sure losers:
//      the largest set of lowest hopefuls whose votes plus s are below the next
//      hopeful's vote, never splitting candidates within s of each other and
//      leaving enough hopefuls for the open seats; that batch is excluded;
//   5. otherwise every elected candidate's kf becomes kf x q / vote (fixed
//      point: kf x q rounded up, then divided by the vote rounded up) and the
//      next iteration runs;
//   6. a round that ended without an election or a batch excludes the lowest
//      hopeful; every hopeful within s of the lowest vote counts as tied with
//      it, and `tie_break` chooses. Look-backs visit the rounds' last totals,
//      except New Zealand's (tiebreak.hpp: "new-zealand", "aafd,...", "nz-prn"),
//      which visit the steps of Schedule 1A: every iteration is a step, the
//      first one (all keep factors 1) the count of first preferences. Its PRNs
//      are seeded with c = all candidates (withdrawn ones too), n = seats and
//      v = ballots with at least one mark counted, and the tie at step k uses
//      step k's PRNs (cl. 48).
// The count ends when the seats are filled or the hopefuls just fill them
// (they are elected).
//
// Arithmetic, per MeekOptions::decimals:
//   unset  exact rationals; convergence stops at omega = 10^-omega_exponent, so
//          an exact count still terminates (each round after finitely many
//          iterations: s falls geometrically, or "stable" ends it). Exact
//          numbers grow with every iteration (a keep factor's size adds that
//          of a quota and a vote), so exact Meek is for modest omegas;
//   d      fixed-point with d decimals; how w x kf is rounded is `rounding`:
//          keep_up_rest_subtracted  kept = ceil_d(w x kf), w -= kept
//                                   (New Zealand Schedule 1A as the PR Foundation
//                                   reference Meek restates it)
//          both_truncated           kept = trunc_d(w x kf), w = trunc_d(w x (1 - kf))
//                                   (OpenSTV, Droop's fixed Meek)
//          both_up                  kept = ceil_d(w x kf), w = ceil_d(w x (1 - kf))
//                                   (the words of NZ Schedule 1A, clause 10)
//
//   d, g   guarded fixed point: d decimals of which the last g are guard digits
//          (guard_digits); comparisons tolerate half a unit in place d - g.
//
// Presets: meek_new_zealand_options() (9 decimals, omega 10^-6, surplus < omega,
// no batches: the NZ rules as the PR Foundation reference Meek rule counts
// them) and meek_exact_options() (rationals, omega 10^-k, batches of sure losers).
//
// Result: round r is the r-th round above; its tally is the votes after its
// last iteration, its threshold that iteration's quota, its inactive
// "no_continuing_choice" the residual. Actions: the candidates elected, or the
// candidates excluded (no transfers listed: Meek moves every ballot every time).
// MeekCount adds each round's keep factors, total surplus and iterations.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

enum class KeepRule : std::uint8_t { meek = 0, warren = 1 };
enum class MeekRounding : std::uint8_t { keep_up_rest_subtracted = 0, both_truncated = 1, both_up = 2 };

struct MeekOptions {
  TieBreak tie_break;  ///< default: stop and report the tie
  std::uint32_t seats = 1;
  KeepRule keep = KeepRule::meek;
  std::optional<unsigned> decimals;  ///< unset: exact rationals
  MeekRounding rounding = MeekRounding::keep_up_rest_subtracted;  ///< fixed point only
  /// Fixed point only: the last guard_digits of `decimals` are guard digits (Droop's "guarded"
  /// arithmetic): values closer than half a unit in the place before them compare equal, the
  /// quota is trunc_d(V / (S + 1)) with nothing added, and a candidate must exceed it.
  unsigned guard_digits = 0;
  unsigned omega_exponent = 6;       ///< omega = 10^-omega_exponent
  bool omega_strict = true;          ///< true: stop when s < omega; false: when s <= omega
  bool surplus_at_least_zero = true;
  bool batch_defeat = false;
};

/// New Zealand rules (Local Electoral Regulations 2001, Schedule 1A) as the PR
/// Foundation's reference Meek rule states them: 9 decimals, kept votes rounded
/// up, quota truncated plus 10^-9, omega 10^-6.
MINGA_EXPORT MeekOptions meek_new_zealand_options(std::uint32_t seats, TieBreak tie_break = {});
/// Exact rationals, omega 10^-omega_exponent (stop at s <= omega), batches of sure losers.
MINGA_EXPORT MeekOptions meek_exact_options(std::uint32_t seats, unsigned omega_exponent = 10, TieBreak tie_break = {});

/// One round's keep-factor state.
struct MeekRoundState {
  std::vector<Rational> keep;   ///< per candidate (0: excluded or withdrawn)
  Rational surplus;             ///< total surplus of the round's last iteration
  Rational residual;            ///< what no candidate kept
  std::uint32_t iterations = 0;
  std::string ended_by;         ///< "elected", "omega", "stable", "batch"
};

struct MeekCount {
  Result result;
  std::vector<MeekRoundState> rounds;  ///< one per result.rounds entry
};

/// Throws Error(invalid_argument) for seats = 0 or non-ranked ballots.
MINGA_EXPORT MeekCount meek_count(const Election& election, const MeekOptions& options);
MINGA_EXPORT Result meek(const Election& election, const MeekOptions& options);

}  // namespace minga::ranked
