// SPDX-License-Identifier: Apache-2.0
// src/ranked/holdings.hpp - (internal) which candidate holds each ballot, and at what weight.
//
// Every distinct ballot sits with the candidate it counts for; when a candidate
// leaves (or passes on a surplus) only that candidate's ballots are read
// further, so a count costs about one pass over the ballots plus the transfers.
// Value is std::uint64_t for whole-ballot counts (every weight is 1) or
// Rational for weighted transfers.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <cstdint>
#include <vector>

#include "minga/core/number.hpp"
#include "minga/ranked/tiebreak.hpp"
#include "ranked/ballots.hpp"

namespace minga::ranked::detail {

template <class Value>
class Holdings {
 public:
  /// Where ballots went in one move.
  struct Moved {
    explicit Moved(std::size_t n) : to(n, Value(0)) {}
    std::vector<Value> to;
    std::array<Value, kNumExhaustReasons> exhausted{};
  };

  Holdings(const BallotTable& table, std::vector<char> continuing)
      : table_(table),
        continuing_(std::move(continuing)),
        tally_(continuing_.size(), Value(0)),
        holders_(continuing_.size()),
        position_(table.size(), 0),
        weight_(table.size(), Value(1)) {
    for (auto& v : inactive_) v = Value(0);
    for (std::size_t e = 0; e < table.size(); ++e)
      if (!table.blank(e)) place(e, 0, nullptr, true);
  }

  std::vector<char>& continuing() { return continuing_; }
  const std::vector<char>& continuing() const { return continuing_; }
  const std::vector<std::string>& names() const { return table_.candidates().names; }
  const Value& tally(std::uint32_t c) const { return tally_[c]; }
  void set_tally(std::uint32_t c, Value value) { tally_[c] = std::move(value); }
  const std::array<Value, kNumExhaustReasons>& inactive() const { return inactive_; }

  /// Moves every ballot `from` holds to its next continuing choice, each at
  /// weight reweight(old weight). With `count_inactive` false, exhausted
  /// ballots appear in `moved` only (not in the inactive totals).
  template <class Reweight>
  void move_all(std::uint32_t from, Moved& moved, Reweight reweight, bool count_inactive) {
    std::vector<std::uint32_t> moving;
    moving.swap(holders_[from]);
    for (auto e : moving) {
      weight_[e] = reweight(weight_[e]);
      place(e, position_[e] + 1, &moved, count_inactive);
    }
    tally_[from] = Value(0);
  }

 private:
  void place(std::size_t e, std::uint32_t from, Moved* moved, bool count_inactive) {
    const Choice choice = table_.next(e, from, continuing_);
    const Value value = weight_[e] * table_.count(e);
    if (choice.candidate == Choice::kExhausted) {
      const auto reason = static_cast<std::size_t>(choice.reason);
      if (count_inactive) inactive_[reason] += value;
      if (moved) moved->exhausted[reason] += value;
      return;
    }
    holders_[choice.candidate].push_back(static_cast<std::uint32_t>(e));
    position_[e] = choice.position;
    tally_[choice.candidate] += value;
    if (moved) moved->to[choice.candidate] += value;
  }

  const BallotTable& table_;
  std::vector<char> continuing_;
  std::vector<Value> tally_;
  std::vector<std::vector<std::uint32_t>> holders_;
  std::vector<std::uint32_t> position_;
  std::vector<Value> weight_;
  std::array<Value, kNumExhaustReasons> inactive_;
};

/// An Action for `candidate` from what a move did.
template <class Value>
Action action_of(ActionKind kind, std::uint32_t candidate, const typename Holdings<Value>::Moved& moved) {
  Action action;
  action.kind = kind;
  action.candidate = candidate;
  action.to.reserve(moved.to.size());
  for (const auto& v : moved.to) action.to.emplace_back(v);
  for (std::size_t i = 0; i < moved.exhausted.size(); ++i) action.exhausted[i] = Rational(moved.exhausted[i]);
  return action;
}

/// An Action that moves no ballots (an election without a transfer).
inline Action action_without_transfers(ActionKind kind, std::uint32_t candidate, std::uint32_t num_candidates) {
  Action action;
  action.kind = kind;
  action.candidate = candidate;
  action.to.assign(num_candidates, Rational(0));
  return action;
}

/// The candidate of `among` with the lowest total (`lowest`, to exclude) or the highest (to
/// elect), a tie settled by `ties` (kept in `tie` and result.ties). Nothing when the policy
/// stops; then result.unresolved_tie names the tie.
template <class Value>
std::optional<std::uint32_t> extreme_candidate(const Holdings<Value>& count, const std::vector<std::uint32_t>& among,
                                               bool lowest, TieBreaker& ties,
                                               const std::vector<std::vector<Rational>>& history, Result& result,
                                               std::optional<TieRecord>& tie) {
  Value extreme = count.tally(among.front());
  for (auto c : among) extreme = lowest ? std::min(extreme, count.tally(c)) : std::max(extreme, count.tally(c));
  std::vector<std::uint32_t> tied;
  for (auto c : among)
    if (count.tally(c) == extreme) tied.push_back(c);
  if (tied.size() == 1) return tied.front();
  tie = ties.choose(tied, lowest, history);
  if (!tie) {
    result.unresolved_tie = TieRecord{tied, tied.front(), lowest, "stop"};
    return std::nullopt;
  }
  result.ties.push_back(*tie);
  return tie->chosen;
}

/// The candidate to exclude among `live`: the lowest (see extreme_candidate).
template <class Value>
std::optional<std::uint32_t> lowest_to_exclude(const Holdings<Value>& count, const std::vector<std::uint32_t>& live,
                                               TieBreaker& ties, const std::vector<std::vector<Rational>>& history,
                                               Result& result, std::optional<TieRecord>& tie) {
  return extreme_candidate(count, live, true, ties, history, result, tie);
}

/// Each candidate's total in a round (0 for those no longer shown), for tie-break look-backs.
inline std::vector<Rational> totals_of(const Round& round) {
  std::vector<Rational> out(round.tally.size());
  for (std::size_t c = 0; c < round.tally.size(); ++c)
    if (round.tally[c]) out[c] = *round.tally[c];
  return out;
}

}  // namespace minga::ranked::detail
