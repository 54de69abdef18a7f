// SPDX-License-Identifier: Apache-2.0
// src/ranked/gregory_stv.cpp - weighted inclusive Gregory STV with pending surpluses
// (exact Gregory with a choice of quota, Droop's generic WIGM, the PRF reference WIGM).
#include "minga/ranked/gregory_stv.hpp"

#include <algorithm>

#include "minga/core/error.hpp"
#include "minga/ranked/quota.hpp"
#include "ranked/ballots.hpp"
#include "ranked/holdings.hpp"

namespace minga::ranked {

namespace {

using Count = detail::Holdings<Rational>;

enum class State : std::uint8_t { hopeful, pending, elected, defeated };

/// The quota rule and the arithmetic of one count.
class Arithmetic {
 public:
  explicit Arithmetic(const GregoryStvOptions& options) : options_(options) {}

  /// The threshold for `votes` (valid ballots, or the ballots still counting for `dynamic`).
  Rational quota(const Rational& votes) const {
    const std::uint32_t seats = options_.seats;
    switch (options_.quota) {
      case GregoryQuota::droop:
        return quota_value(Quota{Quota::Kind::droop, 0}, votes, seats);
      case GregoryQuota::hare:
        if (options_.decimals) return quota_value(Quota{Quota::Kind::hare, *options_.decimals}, votes, seats);
        return votes / seats;
      case GregoryQuota::hagenbach_bischoff:
      case GregoryQuota::dynamic:
        if (options_.decimals)
          return quota_value(Quota{Quota::Kind::hagenbach_bischoff, *options_.decimals}, votes, seats);
        return votes / (seats + 1);
    }
    return votes;
  }

  /// Exact Hagenbach-Bischoff (and dynamic) must be exceeded; every other quota is reached at >=.
  bool reaches(const Rational& vote, const Rational& quota) const {
    const bool strict = !options_.decimals && (options_.quota == GregoryQuota::hagenbach_bischoff ||
                                               options_.quota == GregoryQuota::dynamic);
    return strict ? vote > quota : vote >= quota;
  }

  /// A ballot's weight after a surplus transfer: w x surplus / vote (each step truncated with decimals).
  Rational transfer_weight(const Rational& weight, const Rational& surplus, const Rational& vote) const {
    if (!options_.decimals) return weight * surplus / vote;
    const unsigned d = *options_.decimals;
    return truncate_decimals(truncate_decimals(weight * surplus, d) / vote, d);
  }

 private:
  const GregoryStvOptions& options_;
};

std::vector<std::uint32_t> with_state(const std::vector<State>& state, State wanted) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < state.size(); ++c)
    if (state[c] == wanted) out.push_back(c);
  return out;
}

/// PRF WIGM B.2: the largest batch of sure losers among `hopeful`, given the pending surpluses.
std::vector<std::uint32_t> sure_losers(const Count& count, std::vector<std::uint32_t> hopeful, const Rational& surplus,
                                       std::size_t max_defeats) {
  std::stable_sort(hopeful.begin(), hopeful.end(), [&](auto a, auto b) { return count.tally(a) < count.tally(b); });
  // Groups: a candidate within (the group's lowest vote + surplus) joins the group.
  std::vector<std::vector<std::uint32_t>> groups;
  for (auto c : hopeful) {
    if (!groups.empty() && count.tally(groups.back().front()) + surplus >= count.tally(c)) groups.back().push_back(c);
    else groups.push_back({c});
  }
  Rational votes = 0;
  std::size_t defeated = 0, batch_groups = 0;
  for (std::size_t g = 0; g + 1 < groups.size(); ++g) {
    defeated += groups[g].size();
    if (defeated > max_defeats) break;
    for (auto c : groups[g]) votes += count.tally(c);
    if (votes + surplus < count.tally(groups[g + 1].front())) batch_groups = g + 1;
  }
  std::vector<std::uint32_t> out;
  for (std::size_t g = 0; g < batch_groups; ++g) out.insert(out.end(), groups[g].begin(), groups[g].end());
  std::sort(out.begin(), out.end());
  return out;
}

/// Moves a surplus: every ballot `from` holds goes on at its new weight; `from` keeps `quota`.
Action move_surplus(Count& count, std::uint32_t from, const Rational& quota, ActionKind kind,
                    const Arithmetic& arithmetic) {
  const Rational total = count.tally(from);
  const Rational surplus = total - quota;
  Count::Moved moved(count.continuing().size());
  count.move_all(
      from, moved, [&](const Rational& weight) { return arithmetic.transfer_weight(weight, surplus, total); }, true);
  Action action = detail::action_of<Rational>(kind, from, moved);
  Rational sent = action.exhausted_total();
  for (const auto& v : action.to) sent += v;
  action.residual = surplus - sent;
  count.set_tally(from, quota);
  return action;
}

/// Defeats: ballots move at their weights (unless `move` is false).
Action defeat(Count& count, std::uint32_t c, bool move) {
  Count::Moved moved(count.continuing().size());
  if (move) count.move_all(c, moved, [](const Rational& weight) { return weight; }, true);
  return detail::action_of<Rational>(ActionKind::excluded, c, moved);
}

/// Defeats `losers` together: none of them receives ballots, then each one's ballots move at
/// their weights (unless `move` is false); the defeated leave the shown tallies.
void defeat_all(Round& round, Count& count, const std::vector<std::uint32_t>& losers, bool move,
                std::vector<char>& shown) {
  for (auto c : losers) count.continuing()[c] = 0;
  for (auto c : losers) {
    round.actions.push_back(defeat(count, c, move));
    shown[c] = 0;
  }
}

/// A round opening with the candidates' votes (those still shown) and the inactive ballots.
Round opening(std::uint32_t number, const Count& count, const std::vector<char>& shown) {
  Round round;
  round.number = number;
  round.tally.resize(shown.size());
  for (std::uint32_t c = 0; c < shown.size(); ++c)
    if (shown[c]) round.tally[c] = count.tally(c);
  round.inactive = count.inactive();
  return round;
}

}  // namespace

const char* gregory_quota_name(GregoryQuota quota) noexcept {
  switch (quota) {
    case GregoryQuota::hagenbach_bischoff: return "hb";
    case GregoryQuota::droop: return "droop";
    case GregoryQuota::hare: return "hare";
    case GregoryQuota::dynamic: return "dynamic";
  }
  return "?";
}

GregoryQuota gregory_quota_from_name(std::string_view name) {
  if (name == "hb" || name == "hagenbach-bischoff") return GregoryQuota::hagenbach_bischoff;
  if (name == "droop") return GregoryQuota::droop;
  if (name == "hare") return GregoryQuota::hare;
  if (name == "dynamic") return GregoryQuota::dynamic;
  throw Error(Errc::invalid_argument,
              "unknown quota '" + std::string(name) + "' (expected droop, hare, hb or dynamic)");
}

GregoryStvOptions gregory_exact_options(std::uint32_t seats, GregoryQuota quota, TieBreak tie_break) {
  GregoryStvOptions options;
  options.seats = seats;
  options.quota = quota;
  options.tie_break = std::move(tie_break);
  return options;
}

GregoryStvOptions droop_wigm_options(std::uint32_t seats, TieBreak tie_break) {
  return gregory_exact_options(seats, GregoryQuota::hagenbach_bischoff, std::move(tie_break));
}

GregoryStvOptions prf_wigm_options(std::uint32_t seats, bool defeat_sure_losers, TieBreak tie_break) {
  GregoryStvOptions options = gregory_exact_options(seats, GregoryQuota::hagenbach_bischoff, std::move(tie_break));
  options.decimals = 4;
  options.batch = defeat_sure_losers ? LoserBatch::sure_losers : LoserBatch::none;
  return options;
}

Result gregory_stv(const Election& election, const GregoryStvOptions& options) {
  if (options.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  const detail::BallotTable table(election, options.ballots);
  if (table.candidates().write_in != detail::Candidates::kNone)
    throw Error(Errc::invalid_argument, "Gregory STV has no undeclared write-in candidate (use write-ins: skip)");
  Result result = detail::start_result("gregory", table, options.ballots, options.tie_break);
  result.seats = options.seats;
  const Arithmetic arithmetic(options);
  const std::uint32_t n = table.candidates().size();
  const Rational valid(table.total_ballots() - table.blank_ballots());
  result.notes.push_back(std::string("quota: ") + gregory_quota_name(options.quota) +
                         (options.quota == GregoryQuota::dynamic ? " over each round's continuing votes"
                                                                 : " over the valid ballots"));
  result.notes.push_back(options.decimals ? "arithmetic: " + std::to_string(*options.decimals) +
                                                " decimals, every multiplication and division truncated"
                                          : std::string("arithmetic: exact rationals"));
  if (options.batch == LoserBatch::sure_losers) result.notes.push_back("defeat sure losers in batches");
  if (options.batch == LoserBatch::zero) result.notes.push_back("defeat every hopeful at zero votes at once");

  std::vector<State> state(n, State::hopeful);
  std::vector<char> start(n, 1);
  for (std::uint32_t c = 0; c < n; ++c)
    if (table.candidates().withdrawn[c]) start[c] = 0, state[c] = State::defeated;
  Count count(table, start);  // count.continuing(): the hopeful candidates
  std::vector<char> shown = start;
  TieBreaker ties(options.tie_break, table.candidates().names);
  std::vector<std::vector<Rational>> history;
  Rational quota = arithmetic.quota(valid);

  auto decide = [&](std::uint32_t c, State to) {
    state[c] = to;
    count.continuing()[c] = 0;
  };

  for (std::uint32_t number = 1;; ++number) {
    Round round = opening(number, count, shown);
    if (options.quota == GregoryQuota::dynamic) {
      Rational continuing = 0;
      for (std::uint32_t c = 0; c < n; ++c)
        if (state[c] != State::defeated) continuing += count.tally(c);
      quota = arithmetic.quota(continuing);
    }
    round.threshold = quota;
    history.push_back(detail::totals_of(round));

    std::vector<std::uint32_t> hopeful = with_state(state, State::hopeful);
    const std::size_t open = options.seats - result.winners.size();  // winners include the pending
    if (open == 0 || hopeful.size() <= open) {  // the count is complete
      for (auto c : with_state(state, State::pending)) state[c] = State::elected;
      if (open > 0) {
        std::stable_sort(hopeful.begin(), hopeful.end(),
                         [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
        for (auto c : hopeful) {
          decide(c, State::elected);
          result.winners.push_back(c);
          round.actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
        }
      }
      result.rounds.push_back(std::move(round));
      break;
    }

    // 1. Elect (pending) every hopeful reaching the quota, highest first.
    std::vector<std::uint32_t> reached;
    for (auto c : hopeful)
      if (arithmetic.reaches(count.tally(c), quota)) reached.push_back(c);
    std::stable_sort(reached.begin(), reached.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
    if (reached.size() > open) reached.resize(open);
    for (auto c : reached) {
      decide(c, State::pending);
      result.winners.push_back(c);
      round.actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
    }
    hopeful = with_state(state, State::hopeful);
    const std::vector<std::uint32_t> pending = with_state(state, State::pending);

    // 2. Defeat sure losers.
    if (options.batch == LoserBatch::sure_losers) {
      Rational surplus = 0;
      for (auto c : pending) surplus += count.tally(c) - quota;
      const std::size_t still_open = options.seats - result.winners.size();
      const std::size_t max_defeats = hopeful.size() > still_open ? hopeful.size() - still_open : 0;
      const std::vector<std::uint32_t> losers = sure_losers(count, hopeful, surplus, max_defeats);
      if (!losers.empty()) {
        for (auto c : losers) state[c] = State::defeated;
        defeat_all(round, count, losers, hopeful.size() - losers.size() > still_open, shown);
        result.rounds.push_back(std::move(round));
        continue;
      }
    }

    // 3. Move the largest pending surplus (possibly zero).
    if (!pending.empty()) {
      std::optional<TieRecord> tie;
      const auto from = detail::extreme_candidate(count, pending, false, ties, history, result, tie);
      if (!from) {
        result.rounds.push_back(std::move(round));
        break;
      }
      state[*from] = State::elected;
      Action action = move_surplus(count, *from, quota, ActionKind::surplus, arithmetic);
      action.tie = tie;
      round.actions.push_back(std::move(action));
      result.rounds.push_back(std::move(round));
      continue;
    }

    // 4. Defeat the lowest hopeful (with LoserBatch::zero: every hopeful at zero).
    std::vector<std::uint32_t> leaving;
    std::optional<TieRecord> tie;
    Rational low = count.tally(hopeful.front());
    for (auto c : hopeful) low = std::min(low, count.tally(c));
    if (options.batch == LoserBatch::zero && low == 0) {
      for (auto c : hopeful)
        if (count.tally(c) == 0) leaving.push_back(c);
    } else {
      auto out = detail::lowest_to_exclude(count, hopeful, ties, history, result, tie);
      if (!out) {
        result.rounds.push_back(std::move(round));
        break;
      }
      leaving.push_back(*out);
    }
    for (auto c : leaving) state[c] = State::defeated;
    defeat_all(round, count, leaving, true, shown);
    round.actions.back().tie = tie;  // a tie leaves one candidate
    result.rounds.push_back(std::move(round));
  }
  return result;
}

Result minneapolis_stv(const Election& election, const MinneapolisStvOptions& options) {
  if (options.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  const detail::BallotTable table(election, options.ballots);
  if (table.candidates().write_in != detail::Candidates::kNone)
    throw Error(Errc::invalid_argument,
                "Minneapolis STV counts undeclared write-ins as candidates marked undeclared=true "
                "(use write-ins: skip for write-in marks)");
  Result result = detail::start_result("minneapolis-stv", table, options.ballots, options.tie_break);
  result.seats = options.seats;
  const std::uint32_t n = table.candidates().size();
  const std::uint32_t seats = options.seats;
  GregoryStvOptions rule;  // threshold and arithmetic: 167.20 "Threshold", "Surplus fraction", "Transfer value"
  rule.seats = seats;
  rule.quota = GregoryQuota::droop;
  rule.decimals = 4;
  const Arithmetic arithmetic(rule);
  const Rational threshold = arithmetic.quota(Rational(table.total_ballots() - table.blank_ballots()));
  result.notes.push_back("threshold (167.20): floor(valid ballots / (seats + 1)) + 1 = " + to_exact_string(threshold));
  result.notes.push_back("arithmetic: 4 decimals, every multiplication and division truncated");

  std::vector<char> undeclared(n, 0), start(n, 1);
  for (std::uint32_t c = 0; c < election.num_alternatives(); ++c) {
    const std::string* mark = election.alternatives[c].attribute("undeclared");
    undeclared[c] = mark && *mark == "true";
  }
  for (std::uint32_t c = 0; c < n; ++c)
    if (table.candidates().withdrawn[c]) start[c] = 0;
  Count count(table, start);  // count.continuing(): the hopeful candidates
  std::vector<char> shown = start;
  TieBreaker ties(options.tie_break, table.candidates().names);
  std::vector<std::vector<Rational>> history;

  auto hopefuls = [&] {
    std::vector<std::uint32_t> out;
    for (std::uint32_t c = 0; c < n; ++c)
      if (count.continuing()[c]) out.push_back(c);
    return out;
  };
  auto at_threshold = [&] {  // declared hopefuls at or above the threshold, highest first
    std::vector<std::uint32_t> out;
    for (auto c : hopefuls())
      if (!undeclared[c] && count.tally(c) >= threshold) out.push_back(c);
    std::stable_sort(out.begin(), out.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
    return out;
  };
  auto elect = [&](Round& round, std::vector<std::uint32_t> winners) {
    std::stable_sort(winners.begin(), winners.end(), [&](auto a, auto b) { return count.tally(a) > count.tally(b); });
    for (auto c : winners) {
      if (result.winners.size() >= seats) break;
      count.continuing()[c] = 0;
      result.winners.push_back(c);
      round.actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
    }
  };

  for (std::uint32_t number = 1;; ++number) {
    Round round = opening(number, count, shown);
    round.threshold = threshold;
    history.push_back(detail::totals_of(round));

    // (a) the count so far fills the seats.
    const std::vector<std::uint32_t> reached = at_threshold();
    if (result.winners.size() + reached.size() >= seats) {
      elect(round, reached);
      result.rounds.push_back(std::move(round));
      break;
    }
    if (number == 1) {  // round 1 counts the first choices
      result.rounds.push_back(std::move(round));
      continue;
    }
    std::vector<std::uint32_t> hopeful = hopefuls();
    const std::size_t open = seats - result.winners.size();

    // (c) certain losers (round 2: and the undeclared write-ins).
    Rational surplus = 0;
    for (auto c : reached) surplus += count.tally(c) - threshold;
    std::vector<std::uint32_t> losers, declared;
    for (auto c : hopeful) {
      if (number == 2 && undeclared[c]) losers.push_back(c), surplus += count.tally(c);
      else declared.push_back(c);
    }
    const std::size_t max_defeats = declared.size() > open ? declared.size() - open : 0;
    for (auto c : sure_losers(count, declared, surplus, max_defeats)) losers.push_back(c);
    if (!losers.empty()) {
      std::sort(losers.begin(), losers.end());
      defeat_all(round, count, losers, true, shown);
      result.rounds.push_back(std::move(round));
      continue;
    }

    // (d) elect the highest at the threshold and move its surplus at once.
    if (!reached.empty()) {
      std::optional<TieRecord> tie;
      const auto winner = detail::extreme_candidate(count, reached, false, ties, history, result, tie);
      if (!winner) {
        result.rounds.push_back(std::move(round));
        break;
      }
      count.continuing()[*winner] = 0;
      result.winners.push_back(*winner);
      Action action = move_surplus(count, *winner, threshold, ActionKind::elected, arithmetic);
      action.tie = tie;
      round.actions.push_back(std::move(action));
      result.rounds.push_back(std::move(round));
      continue;
    }

    // (e) elect the remaining, or defeat the lowest.
    if (hopeful.size() <= open) {
      elect(round, hopeful);
      result.rounds.push_back(std::move(round));
      break;
    }
    std::optional<TieRecord> tie;
    const auto out = detail::lowest_to_exclude(count, hopeful, ties, history, result, tie);
    if (!out) {
      result.rounds.push_back(std::move(round));
      break;
    }
    const bool complete = hopeful.size() - 1 <= open;
    defeat_all(round, count, {*out}, !complete, shown);
    round.actions.back().tie = tie;
    if (complete) {
      elect(round, hopefuls());
      result.rounds.push_back(std::move(round));
      break;
    }
    result.rounds.push_back(std::move(round));
  }
  return result;
}

}  // namespace minga::ranked
