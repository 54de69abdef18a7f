// SPDX-License-Identifier: Apache-2.0
// src/ranked/wigm.cpp - weighted inclusive Gregory STV (RCTab multi-seat, Minneapolis, Portland).
#include <algorithm>

#include "minga/core/error.hpp"
#include "minga/ranked/stv.hpp"
#include "ranked/ballots.hpp"
#include "ranked/holdings.hpp"

namespace minga::ranked {

namespace {

using detail::BallotTable;
using detail::Choice;

using Count = detail::Holdings<Rational>;

}  // namespace

Result wigm(const Election& election, const StvOptions& options) {
  if (options.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  const BallotTable table(election, options.ballots);
  Result result = detail::start_result("wigm", table, options.ballots, options.tie_break);
  result.seats = options.seats;
  result.notes.push_back(std::string("quota: ") + quota_name(options.quota.kind) + " over round 1's active votes");
  result.notes.push_back("surplus fractions and ballot weights truncated to " + std::to_string(options.decimals) +
                         " decimals");
  const std::uint32_t n = table.candidates().size();
  const std::uint32_t write_in = table.candidates().write_in;
  std::vector<char> start(n, 1);
  for (std::uint32_t c = 0; c < n; ++c)
    if (table.candidates().withdrawn[c]) start[c] = 0;
  Count count(table, start);
  TieBreaker ties(options.tie_break, table.candidates().names);
  std::vector<char> shown = start, elected(n, 0);
  std::vector<std::vector<Rational>> history;
  std::optional<Rational> quota;
  Rational final_surplus = 0;

  for (std::uint32_t number = 1;; ++number) {
    Round round;
    round.number = number;
    round.tally.resize(n);
    for (std::uint32_t c = 0; c < n; ++c)
      if (shown[c]) round.tally[c] = count.tally(c);
    round.inactive = count.inactive();
    round.final_surplus = final_surplus;
    if (!quota) quota = quota_value(options.quota, round.active(), options.seats);
    round.threshold = *quota;
    if (result.winners.size() >= options.seats) {  // RCTab's closing round after the last surplus
      result.rounds.push_back(std::move(round));
      break;
    }
    std::vector<std::uint32_t> live;
    for (std::uint32_t c = 0; c < n; ++c)
      if (count.continuing()[c]) live.push_back(c);
    const std::size_t open = options.seats - result.winners.size();

    std::vector<std::uint32_t> winners;
    for (auto c : live)
      if (c != write_in && reaches_quota(options.quota, count.tally(c), *quota)) winners.push_back(c);
    std::stable_sort(winners.begin(), winners.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
    if (options.one_winner_per_round && winners.size() > 1) winners.resize(1);
    if (winners.size() > open) winners.resize(open);

    if (!winners.empty()) {
      for (auto w : winners) {
        count.continuing()[w] = 0;
        elected[w] = 1;
        result.winners.push_back(w);
      }
      const bool filled = result.winners.size() >= options.seats;
      std::vector<char> saved;
      if (filled) {  // nothing continues: the surpluses stay as the final surplus
        saved = count.continuing();
        std::fill(count.continuing().begin(), count.continuing().end(), 0);
      }
      bool any_surplus = false;
      for (auto w : winners) {
        const Rational total = count.tally(w);
        const Rational surplus = total - *quota;
        Count::Moved moved(n);
        if (surplus > 0) {
          const Rational fraction = truncate_decimals(surplus / total, options.decimals);
          const unsigned d = options.decimals;
          count.move_all(w, moved, [&](const Rational& weight) { return truncate_decimals(weight * fraction, d); },
                         !filled);
        }
        Action action = detail::action_of<Rational>(ActionKind::elected, w, moved);
        if (surplus > 0) {
          any_surplus = true;
          Rational sent = action.exhausted_total();
          for (const auto& v : action.to) sent += v;
          action.residual = surplus - sent;
          if (filled) final_surplus += action.exhausted_total();
          count.set_tally(w, *quota);
        }
        round.actions.push_back(std::move(action));
      }
      if (filled) count.continuing() = saved;
      history.push_back(detail::totals_of(round));
      result.rounds.push_back(std::move(round));
      if (filled && !any_surplus) break;
      continue;
    }

    if (live.size() <= open) {  // the rest are elected
      for (auto c : live) {
        if (c == write_in) continue;
        Action action;
        action.kind = ActionKind::elected;
        action.candidate = c;
        action.to.assign(n, Rational(0));
        round.actions.push_back(std::move(action));
        result.winners.push_back(c);
      }
      result.rounds.push_back(std::move(round));
      break;
    }

    // Exclusion.
    std::vector<std::uint32_t> leaving;
    std::optional<TieRecord> tie;
    if (write_in != detail::Candidates::kNone && count.continuing()[write_in] && count.tally(write_in) > 0) {
      leaving.push_back(write_in);
    } else {
      auto out = detail::lowest_to_exclude(count, live, ties, history, result, tie);
      if (!out) {
        result.rounds.push_back(std::move(round));
        break;
      }
      leaving.push_back(*out);
    }
    for (auto c : leaving) count.continuing()[c] = 0;
    for (auto c : leaving) {
      Count::Moved moved(n);
      count.move_all(c, moved, [](const Rational& weight) { return weight; }, true);
      Action action = detail::action_of<Rational>(ActionKind::excluded, c, moved);
      if (tie) action.tie = tie;
      round.actions.push_back(std::move(action));
      shown[c] = 0;
    }
    history.push_back(detail::totals_of(round));
    result.rounds.push_back(std::move(round));
  }
  return result;
}

}  // namespace minga::ranked
