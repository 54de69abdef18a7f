// SPDX-License-Identifier: Apache-2.0
// src/ranked/irv.cpp - plurality, instant runoff and sequential IRV on whole ballots.
//
#include "minga/ranked/irv.hpp"

#include <algorithm>
#include <numeric>

#include "minga/core/error.hpp"
#include "ranked/ballots.hpp"
#include "ranked/holdings.hpp"

namespace minga::ranked {

namespace {

using detail::BallotTable;
using detail::Choice;

using Count = detail::Holdings<std::uint64_t>;

/// Removes `leaving` from the count together and moves their ballots; one Action each.
std::vector<Action> exclude(Count& count, const std::vector<std::uint32_t>& leaving) {
  for (auto c : leaving) count.continuing()[c] = 0;
  std::vector<Action> actions;
  for (auto c : leaving) {
    Count::Moved moved(count.continuing().size());
    count.move_all(c, moved, [](std::uint64_t weight) { return weight; }, true);
    actions.push_back(detail::action_of<std::uint64_t>(ActionKind::excluded, c, moved));
  }
  return actions;
}

std::vector<char> initially_continuing(const BallotTable& table) {
  const auto& cands = table.candidates();
  std::vector<char> continuing(cands.size(), 1);
  for (std::uint32_t c = 0; c < cands.size(); ++c)
    if (cands.withdrawn[c]) continuing[c] = 0;
  return continuing;
}

Round snapshot(const Count& count, std::uint32_t number, const std::vector<char>& shown) {
  Round round;
  round.number = number;
  round.tally.resize(shown.size());
  for (std::uint32_t c = 0; c < shown.size(); ++c)
    if (shown[c]) round.tally[c] = Rational(count.tally(c));
  for (int i = 0; i < kNumExhaustReasons; ++i)
    round.inactive[static_cast<std::size_t>(i)] = Rational(count.inactive()[static_cast<std::size_t>(i)]);
  return round;
}

/// The largest group of two or more lowest candidates whose combined votes are
/// below the next candidate's (empty if there is none).
std::vector<std::uint32_t> safe_batch(const Count& count, const std::vector<std::uint32_t>& live) {
  std::vector<std::uint32_t> sorted = live;
  std::stable_sort(sorted.begin(), sorted.end(), [&](auto a, auto b) { return count.tally(a) < count.tally(b); });
  std::size_t best = 0;
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
    sum += count.tally(sorted[i]);
    if (sum < count.tally(sorted[i + 1])) best = i + 1;
  }
  if (best < 2) return {};
  sorted.resize(best);
  // Listed by name, as RCTab lists a batch.
  const auto& names = count.names();
  std::sort(sorted.begin(), sorted.end(), [&](auto a, auto b) { return names[a] < names[b]; });
  return sorted;
}

struct EliminationRules {
  bool batch = false;
  const Rational& minimum_votes;
};

/// IRV's step 3: who leaves the count this round (the write-in pseudo-candidate
/// with votes; in round 1 everyone below the minimum; a safe batch; else the
/// lowest, ties by the policy). Moves their ballots, records the round in
/// `result` and returns false when an unresolved tie stopped the count.
bool eliminate(Count& count, const std::vector<std::uint32_t>& live, const EliminationRules& rules,
               std::uint32_t pass_round, std::uint32_t write_in, TieBreaker& ties,
               std::vector<std::vector<Rational>>& history, Result& result, Round& round, std::vector<char>& shown) {
  std::vector<std::uint32_t> leaving;
  std::optional<TieRecord> tie;
  if (write_in != detail::Candidates::kNone && count.continuing()[write_in] && count.tally(write_in) > 0) {
    leaving.push_back(write_in);  // write-ins with votes leave first
  } else if (pass_round == 1 && rules.minimum_votes > 0) {
    for (auto c : live)
      if (Rational(count.tally(c)) < rules.minimum_votes) leaving.push_back(c);
    if (leaving.size() == live.size()) leaving.clear();  // never everyone at once
  }
  if (leaving.empty() && rules.batch) leaving = safe_batch(count, live);
  if (leaving.empty()) {
    auto out = detail::lowest_to_exclude(count, live, ties, history, result, tie);
    if (!out) {
      result.rounds.push_back(std::move(round));
      return false;
    }
    leaving.push_back(*out);
  }
  history.push_back(detail::totals_of(round));
  round.actions = exclude(count, leaving);
  if (tie) round.actions.front().tie = tie;
  for (auto c : leaving) shown[c] = 0;
  result.rounds.push_back(std::move(round));
  return true;
}

/// One IRV pass. Appends rounds to `result` (numbered from result.rounds.size() + 1)
/// and returns the winner, or nothing when a tie stopped the count or the rounds ran out.
std::optional<std::uint32_t> irv_pass(const BallotTable& table, const IrvOptions& options,
                                      const std::vector<char>& start, TieBreaker& ties, Result& result) {
  Count count(table, start);
  std::vector<char> shown = start;  // candidates whose totals the rounds show
  std::vector<std::vector<Rational>> history;
  std::optional<Rational> frozen;
  const std::uint32_t write_in = table.candidates().write_in;
  for (std::uint32_t pass_round = 1;; ++pass_round) {
    Round round = snapshot(count, static_cast<std::uint32_t>(result.rounds.size() + 1), shown);
    std::vector<std::uint32_t> live;
    for (std::uint32_t c = 0; c < shown.size(); ++c)
      if (count.continuing()[c]) live.push_back(c);
    const Rational active = round.active();
    Rational threshold = frozen ? *frozen : quota_value(options.threshold, active, 1);
    if (options.freeze_threshold && !frozen) frozen = threshold;
    round.threshold = threshold;

    // A winner?
    if (!live.empty()) {
      std::uint64_t top = 0;
      for (auto c : live) top = std::max(top, count.tally(c));
      std::vector<std::uint32_t> leaders;
      for (auto c : live)
        if (count.tally(c) == top) leaders.push_back(c);
      const bool over = reaches_quota(options.threshold, Rational(top), threshold);
      const bool may_stop = !options.continue_until_two || live.size() <= 2;
      if ((over && may_stop) || live.size() <= 2) {
        Action action;
        action.kind = ActionKind::elected;
        action.candidate = leaders.front();
        if (leaders.size() > 1) {
          auto tie = ties.choose(leaders, false, history);
          if (!tie) {
            result.unresolved_tie = TieRecord{leaders, leaders.front(), false, "stop"};
            result.rounds.push_back(std::move(round));
            return std::nullopt;
          }
          action.candidate = tie->chosen;
          action.tie = *tie;
          result.ties.push_back(*tie);
        }
        action.to.assign(shown.size(), Rational(0));
        const std::uint32_t winner = action.candidate;
        round.actions.push_back(std::move(action));
        result.rounds.push_back(std::move(round));
        return winner;
      }
    }
    if (live.empty() || (options.stop_after_round && pass_round >= *options.stop_after_round)) {
      result.rounds.push_back(std::move(round));
      return std::nullopt;
    }

    if (!eliminate(count, live, {options.batch_elimination, options.minimum_votes}, pass_round, write_in, ties,
                   history, result, round, shown))
      return std::nullopt;
  }
}

void describe(Result& result, const IrvOptions& options) {
  result.notes.push_back(std::string("threshold: ") + quota_name(options.threshold.kind) + " over each round's active votes" +
                         (options.freeze_threshold ? " (frozen after round 1)" : ""));
  if (options.batch_elimination) result.notes.push_back("batch elimination: on");
  if (options.continue_until_two) result.notes.push_back("continue until two candidates remain: on");
  if (options.minimum_votes > 0)
    result.notes.push_back("minimum votes to stay after round 1: " + to_exact_string(options.minimum_votes));
}

}  // namespace

Result irv(const Election& election, const IrvOptions& options) { return sequential_irv(election, 1, options); }

Result sequential_irv(const Election& election, std::uint32_t seats, const IrvOptions& options) {
  if (seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  const BallotTable table(election, options.ballots);
  Result result = detail::start_result(seats == 1 ? "irv" : "sequential-irv", table, options.ballots, options.tie_break);
  describe(result, options);
  result.seats = seats;
  TieBreaker ties(options.tie_break, table.candidates().names);
  std::vector<char> start = initially_continuing(table);
  for (std::uint32_t pass = 1; pass <= seats; ++pass) {
    if (std::count(start.begin(), start.end(), 1) == 0) break;
    if (seats > 1) result.notes.push_back("pass " + std::to_string(pass) + " starts at round " +
                                          std::to_string(result.rounds.size() + 1));
    auto winner = irv_pass(table, options, start, ties, result);
    if (!winner) break;
    result.winners.push_back(*winner);
    start[*winner] = 0;
  }
  return result;
}

Result bottoms_up(const Election& election, const BottomsUpOptions& options) {
  if (options.seats == 0 && !options.share) throw Error(Errc::invalid_argument, "bottoms-up: seats must be at least 1");
  if (options.share && (*options.share <= 0 || *options.share > 1))
    throw Error(Errc::invalid_argument, "bottoms-up: the share must be above 0 and at most 1, not " +
                                            to_exact_string(*options.share));
  const BallotTable table(election, options.ballots);
  Result result = detail::start_result("bottoms-up", table, options.ballots, options.tie_break);
  if (options.share) {
    result.notes.push_back("winners: every continuing candidate once all have at least " +
                           to_exact_string(*options.share) + " of the round's active votes");
  } else {
    result.seats = options.seats;
    result.notes.push_back("winners: the candidates still continuing once no more than " +
                           std::to_string(options.seats) + " continue");
  }
  TieBreaker ties(options.tie_break, table.candidates().names);
  const std::vector<char> start = initially_continuing(table);
  Count count(table, start);
  std::vector<char> shown = start;
  std::vector<std::vector<Rational>> history;
  const std::uint32_t write_in = table.candidates().write_in;
  for (std::uint32_t number = 1;; ++number) {
    Round round = snapshot(count, number, shown);
    std::vector<std::uint32_t> live;
    for (std::uint32_t c = 0; c < shown.size(); ++c)
      if (count.continuing()[c]) live.push_back(c);
    bool done = live.empty();
    if (options.share) {
      round.threshold = round.active() * *options.share;
      done = done || std::all_of(live.begin(), live.end(),
                                 [&](auto c) { return Rational(count.tally(c)) >= *round.threshold; });
    } else {
      done = done || live.size() <= options.seats;
    }
    if (done) {
      std::stable_sort(live.begin(), live.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
      for (auto c : live) {
        Action action;
        action.kind = ActionKind::elected;
        action.candidate = c;
        action.to.assign(shown.size(), Rational(0));
        round.actions.push_back(std::move(action));
        result.winners.push_back(c);
      }
      result.rounds.push_back(std::move(round));
      break;
    }
    if (options.stop_after_round && number >= *options.stop_after_round) {
      result.rounds.push_back(std::move(round));
      break;
    }
    if (!eliminate(count, live, {options.batch_elimination, options.minimum_votes}, number, write_in, ties, history,
                   result, round, shown))
      break;
  }
  if (options.share) result.seats = static_cast<std::uint32_t>(result.winners.size());
  return result;
}

Result plurality(const Election& election, const PluralityOptions& options) {
  if (options.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  const BallotTable table(election, options.ballots);
  Result result = detail::start_result("plurality", table, options.ballots, options.tie_break);
  result.seats = options.seats;
  TieBreaker ties(options.tie_break, table.candidates().names);
  std::vector<char> start = initially_continuing(table);
  Count count(table, start);
  Round round = snapshot(count, 1, start);
  std::vector<std::uint32_t> live;
  for (std::uint32_t c = 0; c < start.size(); ++c)
    if (start[c] && c != table.candidates().write_in) live.push_back(c);
  std::stable_sort(live.begin(), live.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
  const std::vector<std::vector<Rational>> no_history;
  std::size_t next = 0;
  while (result.winners.size() < options.seats && next < live.size()) {
    std::vector<std::uint32_t> group;  // candidates level with live[next]
    for (std::size_t k = next; k < live.size() && count.tally(live[k]) == count.tally(live[next]); ++k)
      group.push_back(live[k]);
    const std::size_t free = options.seats - result.winners.size();
    if (group.size() <= free) {
      for (auto c : group) result.winners.push_back(c);
      next += group.size();
      continue;
    }
    auto tie = ties.choose(group, false, no_history);
    if (!tie) {
      result.unresolved_tie = TieRecord{group, group.front(), false, "stop"};
      break;
    }
    result.ties.push_back(*tie);
    result.winners.push_back(tie->chosen);
    live.erase(std::find(live.begin(), live.end(), tie->chosen));
  }
  for (auto w : result.winners) {
    Action action;
    action.kind = ActionKind::elected;
    action.candidate = w;
    action.to.assign(start.size(), Rational(0));
    round.actions.push_back(std::move(action));
  }
  result.rounds.push_back(std::move(round));
  return result;
}

}  // namespace minga::ranked
