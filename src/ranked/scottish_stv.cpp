// SPDX-License-Identifier: Apache-2.0
// src/ranked/scottish_stv.cpp - Scottish STV (SSI 2007/42 rules 45-52), stage by stage.
#include "minga/ranked/scottish_stv.hpp"

#include <algorithm>
#include <type_traits>

#include "minga/core/error.hpp"
#include "minga/ranked/quota.hpp"
#include "ranked/ballots.hpp"
#include "ranked/fixed_decimal.hpp"
#include "ranked/holdings.hpp"

namespace minga::ranked {

namespace {

/// The candidates of `among` with the most votes (all of them when tied).
template <class Value>
std::vector<std::uint32_t> highest(const detail::Holdings<Value>& count, const std::vector<std::uint32_t>& among) {
  Value top = count.tally(among.front());
  for (auto c : among) top = std::max(top, count.tally(c));
  std::vector<std::uint32_t> out;
  for (auto c : among)
    if (count.tally(c) == top) out.push_back(c);
  return out;
}

// Rule 48(3)'s five decimals make every value a whole number of 10^-5: the
// count runs on FixedDecimal<5> then, on Rational for any other decimals.
using FiveDecimals = detail::FixedDecimal<5>;

template <class Value>
Value value_of(const Rational& exact) {
  if constexpr (std::is_same_v<Value, Rational>) return exact;
  else return Value::exactly(exact);
}

template <class Value>
Rational rational_of(const Value& value) {
  return Rational(value);
}

/// The stages of the count (rules 47-52), on Rational or FixedDecimal values: the same results.
template <class Value>
void count_stages(const detail::BallotTable& table, const ScottishStvOptions& options, const Rational& quota_exact,
                  Result& result) {
  using Count = detail::Holdings<Value>;
  const std::uint32_t n = table.candidates().size();
  const Value quota = value_of<Value>(quota_exact);
  const auto transfer_value = [&](const Value& value, const Value& surplus, const Value& total) {
    if constexpr (std::is_same_v<Value, Rational>) return detail::scaled_down(value, surplus, total, options.decimals);
    else return scaled_down(value, surplus, total);
  };

  std::vector<char> hopeful(n, 1);
  for (std::uint32_t c = 0; c < n; ++c)
    if (table.candidates().withdrawn[c]) hopeful[c] = 0;
  Count count(table, hopeful);  // count.continuing() is the set of hopeful candidates
  TieBreaker ties(options.tie_break, table.candidates().names);
  std::vector<char> shown = hopeful;
  std::vector<std::uint32_t> pending;  // elected, surplus not yet moved
  std::vector<std::vector<Rational>> history;

  for (std::uint32_t stage = 1;; ++stage) {
    Round round;
    round.number = stage;
    round.tally.resize(n);
    for (std::uint32_t c = 0; c < n; ++c)
      if (shown[c]) round.tally[c] = rational_of(count.tally(c));
    round.threshold = quota_exact;
    for (std::size_t r = 0; r < round.inactive.size(); ++r) round.inactive[r] = rational_of(count.inactive()[r]);
    history.push_back(detail::totals_of(round));

    // [47]: elect everyone at or above the quota, highest first.
    std::vector<std::uint32_t> reached;
    for (std::uint32_t c = 0; c < n; ++c)
      if (count.continuing()[c] && count.tally(c) >= quota) reached.push_back(c);
    std::stable_sort(reached.begin(), reached.end(),
                     [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
    for (auto c : reached) {
      count.continuing()[c] = 0;
      result.winners.push_back(c);
      round.actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
      if (count.tally(c) > quota) pending.push_back(c);  // [48]: only a surplus above the quota moves
    }

    // [52]: the seats are filled, or the continuing candidates just fill them.
    std::vector<std::uint32_t> live;
    for (std::uint32_t c = 0; c < n; ++c)
      if (count.continuing()[c]) live.push_back(c);
    const std::size_t open = options.seats - std::min<std::size_t>(options.seats, result.winners.size());
    if (open == 0 || live.size() <= open) {
      if (open == 0) live.clear();  // the seats are filled: the rest stay unelected
      std::stable_sort(live.begin(), live.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
      for (auto c : live) {
        result.winners.push_back(c);
        round.actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
      }
      result.rounds.push_back(std::move(round));
      break;
    }

    if (!pending.empty()) {
      // [48], [49]: move the largest surplus.
      std::vector<std::uint32_t> top = highest(count, pending);
      std::optional<TieRecord> tie;
      if (top.size() > 1) {
        tie = ties.choose(top, false, history);
        if (!tie) {
          result.unresolved_tie = TieRecord{top, top.front(), false, "stop"};
          result.rounds.push_back(std::move(round));
          break;
        }
        result.ties.push_back(*tie);
      }
      const std::uint32_t from = tie ? tie->chosen : top.front();
      pending.erase(std::find(pending.begin(), pending.end(), from));
      const Value total = count.tally(from);
      const Value surplus = total - quota;
      typename Count::Moved moved(n);
      count.move_all(
          from, moved, [&](const Value& value) { return transfer_value(value, surplus, total); }, true);
      Action action = detail::action_of<Value>(ActionKind::surplus, from, moved);
      Rational sent = action.exhausted_total();
      for (const auto& v : action.to) sent += v;
      action.residual = rational_of(surplus) - sent;
      action.tie = tie;
      count.set_tally(from, quota);
      round.actions.push_back(std::move(action));
      result.rounds.push_back(std::move(round));
      continue;
    }

    // [50], [51]: exclude the lowest.
    std::optional<TieRecord> tie;
    auto out = detail::lowest_to_exclude(count, live, ties, history, result, tie);
    if (!out) {
      result.rounds.push_back(std::move(round));
      break;
    }
    count.continuing()[*out] = 0;
    typename Count::Moved moved(n);
    count.move_all(*out, moved, [](const Value& value) { return value; }, true);
    Action action = detail::action_of<Value>(ActionKind::excluded, *out, moved);
    action.tie = tie;
    round.actions.push_back(std::move(action));
    shown[*out] = 0;
    result.rounds.push_back(std::move(round));
  }
}

}  // namespace

Result scottish_stv(const Election& election, const ScottishStvOptions& options) {
  if (options.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  const detail::BallotTable table(election, options.ballots);
  Result result = detail::start_result("scottish-stv", table, options.ballots, options.tie_break);
  result.seats = options.seats;
  if (table.candidates().write_in != detail::Candidates::kNone)
    throw Error(Errc::invalid_argument, "Scottish STV has no undeclared write-in candidate (use write-ins: skip)");

  // [45], [46]: the valid papers and the quota.
  const Rational valid(table.total_ballots() - table.blank_ballots());
  const Rational quota = quota_value(Quota{Quota::Kind::droop, 0}, valid, options.seats);
  result.notes.push_back("quota (rule 46): floor(" + to_exact_string(valid) + " / " +
                         std::to_string(options.seats + 1) + ") + 1 = " + to_exact_string(quota));
  result.notes.push_back("transfer values truncated to " + std::to_string(options.decimals) + " decimals (rule 48(3))");
  if (options.decimals == 5 && FiveDecimals::fits(table.total_ballots()))
    count_stages<FiveDecimals>(table, options, quota, result);
  else
    count_stages<Rational>(table, options, quota, result);
  return result;
}

}  // namespace minga::ranked
