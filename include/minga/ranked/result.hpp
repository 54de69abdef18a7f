// SPDX-License-Identifier: Apache-2.0
// minga/ranked/result.hpp - the outcome of a ranked count, round by round.
//
// Every ranked method returns a Result: the winners, and for round-based
// methods every round with each candidate's total, what was decided (elected,
// excluded), where the moved ballots went, the threshold, and the inactive
// ballots by reason. All values are exact (Rational); rules with statutory
// rounding have already rounded where their text says so.
//
// to_json() writes the "minga.result/1" object (schema in docs/ranked.md);
// to_text() a plain table for people.
#pragma once

#include "minga/export.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "minga/core/number.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

/// surplus: the surplus of a candidate elected earlier moves (rules that transfer
/// surpluses in stages of their own, such as Scottish STV).
enum class ActionKind : std::uint8_t { elected = 0, excluded = 1, surplus = 2 };

/// One decision in a round and the ballots it moved.
struct MINGA_EXPORT Action {
  ActionKind kind = ActionKind::excluded;
  std::uint32_t candidate = 0;
  /// Votes moved to each candidate (indexed like Result::candidates; zeros for none).
  std::vector<Rational> to;
  /// Votes that stopped counting, by ExhaustReason.
  std::array<Rational, kNumExhaustReasons> exhausted{};
  /// An elected candidate's surplus lost to rounding (weighted Gregory rules).
  Rational residual;
  /// Set when a tie decided this action.
  std::optional<TieRecord> tie;

  Rational exhausted_total() const;
};

struct MINGA_EXPORT Round {
  std::uint32_t number = 0;  ///< 1-based
  /// Each candidate's total at the start of the round; unset once the
  /// candidate has left the count (excluded). Elected candidates stay at
  /// what they keep (the threshold, after a surplus transfer).
  std::vector<std::optional<Rational>> tally;
  std::optional<Rational> threshold;  ///< votes that elect, when the rule has one
  /// Ballots no longer counting at the start of the round, by ExhaustReason (cumulative).
  std::array<Rational, kNumExhaustReasons> inactive{};
  /// Surplus left with the winners when the count ended (RCTab's "final round surplus").
  Rational final_surplus;
  std::vector<Action> actions;

  /// Sum of the totals of the candidates still in the count.
  Rational active() const;
};

struct MINGA_EXPORT Result {
  std::string method;                   ///< "irv", "plurality", "wigm", "schulze", ...
  std::vector<std::string> candidates;  ///< names; may end with the write-in pseudo-candidate
  std::uint32_t seats = 1;
  std::vector<std::uint32_t> winners;   ///< in the order elected (ranked methods: best first)
  std::vector<Round> rounds;            ///< empty for one-shot methods
  /// Per-candidate scores of one-shot methods (Borda points, Copeland score, ...); empty otherwise.
  std::vector<Rational> scores;
  std::string score_name;
  std::uint64_t ballots = 0;            ///< ballots in the profile (with counts)
  std::uint64_t blank_ballots = 0;      ///< ballots with no mark at all
  /// Set when the tie-break policy is `stop` and a tie stopped the count.
  std::optional<TieRecord> unresolved_tie;
  /// Ties settled on the way (also attached to their actions).
  std::vector<TieRecord> ties;
  /// Settings and facts a reader of the result needs ("overvote: exhaust_immediately", ...).
  std::vector<std::string> notes;

  bool complete() const { return !unresolved_tie.has_value(); }
  std::vector<std::string> winner_names() const;
};

/// The "minga.result/1" JSON object: method, candidates, seats, winners (names),
/// rounds (tally, threshold, inactive by reason, actions with transfers), scores,
/// ties, notes. Exact values are strings: "12", "0.0937", or "1/3".
MINGA_EXPORT std::string to_json(const Result& result, int indent = 2);
/// A human-readable table: one line per round and candidate, then the decisions.
MINGA_EXPORT std::string to_text(const Result& result);

}  // namespace minga::ranked
