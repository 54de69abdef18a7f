// SPDX-License-Identifier: Apache-2.0
// src/ranked/meek.cpp - Meek and Warren STV: keep factors iterated to convergence, round by round.
#include "minga/ranked/meek.hpp"

#include <algorithm>

#include "minga/core/error.hpp"
#include "minga/ranked/quota.hpp"
#include "ranked/holdings.hpp"

namespace minga::ranked {

namespace {

/// A distinct ballot as Meek reads it: its ranks, each the candidates marked there.
struct MeekBallot {
  std::uint64_t count = 0;
  std::vector<std::vector<std::uint32_t>> ranks;
};

/// Empty ranks and write-in marks are dropped, a repeated candidate is dropped
/// where it repeats, and an overvote token ends the ballot.
std::vector<MeekBallot> meek_ballots(const Election& election, std::uint64_t& valid) {
  const Profile& profile = election.profile;
  if (profile.kind() != BallotKind::ranked)
    throw Error(Errc::invalid_argument, std::string("a ranked count needs ranked ballots, not ") +
                                            ballot_kind_name(profile.kind()) + " ballots");
  const std::uint32_t n = election.num_alternatives();
  std::vector<MeekBallot> out;
  Ranking ranking;
  valid = 0;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, ranking);
    MeekBallot ballot;
    ballot.count = profile.count(e);
    std::vector<char> seen(n, 0);
    bool stop = false;
    for (std::size_t r = 0; r < ranking.num_positions() && !stop; ++r) {
      std::vector<std::uint32_t> rank;
      for (std::uint32_t i = ranking.position_begin[r]; i < ranking.position_begin[r + 1]; ++i) {
        const std::uint32_t m = ranking.marks[i];
        if (m == Mark::overvote) {
          stop = true;
          break;
        }
        if (m >= n || seen[m]) continue;
        seen[m] = 1;
        rank.push_back(m);
      }
      if (!stop && !rank.empty()) ballot.ranks.push_back(std::move(rank));
    }
    if (ballot.ranks.empty() || ballot.count == 0) continue;
    valid += ballot.count;
    out.push_back(std::move(ballot));
  }
  return out;
}

enum class State : std::uint8_t { hopeful, elected, excluded };

class MeekCounter {
 public:
  MeekCounter(const Election& election, const MeekOptions& options)
      : options_(options), n_(election.num_alternatives()), ballots_(meek_ballots(election, valid_)) {
    if (options.decimals) unit_ = decimal_unit(*options.decimals);
    guarded_ = options.decimals && options.guard_digits > 0;
    if (guarded_) tolerance_ = decimal_unit(*options.decimals - options.guard_digits) / 2;
    state_.assign(n_, State::hopeful);
    keep_.assign(n_, Rational(1));
    for (std::uint32_t c = 0; c < n_; ++c)
      if (election.alternatives[c].withdrawn) state_[c] = State::excluded, keep_[c] = 0;
    omega_ = Rational(1) / Rational(pow(Integer(10), options.omega_exponent));
  }

  std::uint64_t valid() const { return valid_; }
  const std::vector<State>& states() const { return state_; }
  const std::vector<Rational>& keep() const { return keep_; }
  const std::vector<Rational>& votes() const { return votes_; }
  const Rational& residual() const { return residual_; }
  const Rational& quota() const { return quota_; }
  const Rational& surplus() const { return surplus_; }

  /// -1, 0, 1; with guard digits, values closer than half a unit of the shown places are equal.
  int cmp(const Rational& a, const Rational& b) const {
    if (guarded_) {
      const Rational d = a - b;
      if (d < tolerance_ && -d < tolerance_) return 0;
    }
    return a < b ? -1 : (b < a ? 1 : 0);
  }

  /// One round's iterations (steps 1-5 of meek.hpp). Returns why they ended;
  /// `elected` and `batch` receive the candidates concerned.
  /// Keeps every step's (iteration's) votes in `log` from now on (the New Zealand tie-break
  /// looks back step by step and draws the current step's PRNs).
  void log_steps(std::vector<std::vector<Rational>>* log) { steps_ = log; }

  std::string iterate(std::vector<std::uint32_t>& elected, std::vector<std::uint32_t>& batch,
                      std::uint32_t& iterations) {
    Rational last_surplus(valid_);
    iterations = 0;
    for (;;) {
      ++iterations;
      distribute();
      if (steps_) {
        std::vector<Rational> totals(n_);
        for (std::uint32_t c = 0; c < n_; ++c)
          if (state_[c] != State::excluded) totals[c] = votes_[c];
        steps_->push_back(std::move(totals));
      }
      Rational total = 0;
      for (std::uint32_t c = 0; c < n_; ++c)
        if (state_[c] != State::excluded) total += votes_[c];
      quota_ = guarded_ ? down(total / (options_.seats + 1)) : quota_value(quota_kind(), total, options_.seats);
      for (std::uint32_t c = 0; c < n_; ++c)
        if (state_[c] == State::hopeful && elects(votes_[c])) elected.push_back(c);
      for (auto c : elected) state_[c] = State::elected;
      surplus_ = 0;
      for (std::uint32_t c = 0; c < n_; ++c)
        if (state_[c] == State::elected) surplus_ += votes_[c] - quota_;
      if (options_.surplus_at_least_zero && surplus_ < 0) surplus_ = 0;
      if (!elected.empty()) return "elected";
      if (options_.omega_strict ? cmp(surplus_, omega_) < 0 : cmp(surplus_, omega_) <= 0) return "omega";
      if (cmp(surplus_, last_surplus) >= 0) return "stable";
      if (options_.batch_defeat) {
        batch = sure_losers();
        if (!batch.empty()) return "batch";
      }
      last_surplus = surplus_;
      for (std::uint32_t c = 0; c < n_; ++c)
        if (state_[c] == State::elected) keep_[c] = up(up(keep_[c] * quota_) / votes_[c]);
    }
  }

  Quota quota_kind() const {
    return options_.decimals ? Quota{Quota::Kind::hagenbach_bischoff, *options_.decimals}
                             : Quota{Quota::Kind::exact_droop, 0};
  }
  /// Exact and guarded arithmetic: vote > quota; fixed point: vote >= quota (the quota carries + 10^-d).
  bool elects(const Rational& vote) const {
    if (guarded_) return cmp(vote, quota_) > 0;
    return reaches_quota(quota_kind(), vote, quota_);
  }

  void exclude(std::uint32_t c) {
    state_[c] = State::excluded;
    keep_[c] = 0;
  }
  void elect(std::uint32_t c) { state_[c] = State::elected; }

  /// Step 1: every ballot down its ranks with the current keep factors.
  void distribute() {
    votes_.assign(n_, Rational(0));
    residual_ = 0;
    for (const MeekBallot& b : ballots_) {
      kept_ = 0;
      descend(b, 0, Rational(1));
      residual_ += Rational(b.count) * (1 - kept_);
    }
  }

 private:
  Rational down(const Rational& x) const { return options_.decimals ? truncate_decimals(x, *options_.decimals) : x; }
  /// Rounded up to the decimals (values here are never negative).
  Rational up(const Rational& x) const {
    if (!options_.decimals) return x;
    Rational t = truncate_decimals(x, *options_.decimals);
    return t == x ? t : t + unit_;
  }

  /// Candidate c keeps part of `weight`, which becomes what goes on.
  void keep_part(std::uint32_t c, Rational& weight, std::uint64_t count) {
    const Rational& kf = keep_[c];
    Rational kept;
    if (options_.keep == KeepRule::warren) {
      kept = kf < weight ? kf : weight;
      weight -= kept;
    } else {
      switch (options_.rounding) {
        case MeekRounding::keep_up_rest_subtracted:
          kept = up(weight * kf);
          weight -= kept;
          break;
        case MeekRounding::both_truncated:
          kept = down(weight * kf);
          weight = down(weight * (1 - kf));
          break;
        case MeekRounding::both_up:
          kept = up(weight * kf);
          weight = up(weight * (1 - kf));
          break;
      }
    }
    votes_[c] += kept * count;
    kept_ += kept;
  }

  void descend(const MeekBallot& b, std::size_t from, Rational weight) {
    for (std::size_t r = from; r < b.ranks.size() && weight > 0; ++r) {
      const auto& rank = b.ranks[r];
      if (rank.size() == 1) {
        if (keep_[rank[0]] != 0) keep_part(rank[0], weight, b.count);
        continue;
      }
      std::vector<std::uint32_t> live;
      for (auto c : rank)
        if (keep_[c] != 0) live.push_back(c);
      if (live.empty()) continue;
      if (live.size() == 1) {
        keep_part(live[0], weight, b.count);
        continue;
      }
      const Rational share = down(weight / static_cast<unsigned>(live.size()));
      for (auto c : live) {
        Rational part = share;
        keep_part(c, part, b.count);
        descend(b, r + 1, part);
      }
      return;
    }
  }

  /// The largest batch of lowest hopefuls that cannot catch up (meek.hpp step 4).
  std::vector<std::uint32_t> sure_losers() const {
    std::vector<std::uint32_t> hopeful;
    for (std::uint32_t c = 0; c < n_; ++c)
      if (state_[c] == State::hopeful) hopeful.push_back(c);
    std::stable_sort(hopeful.begin(), hopeful.end(), [&](auto a, auto b) { return votes_[a] < votes_[b]; });
    std::vector<std::vector<std::uint32_t>> groups;  // candidates within the surplus of a group's first
    for (auto c : hopeful) {
      if (!groups.empty() && cmp(votes_[groups.back().front()] + surplus_, votes_[c]) >= 0) groups.back().push_back(c);
      else groups.push_back({c});
    }
    std::size_t elected = 0;
    for (auto s : state_) elected += s == State::elected;
    const std::size_t open = options_.seats > elected ? options_.seats - elected : 0;
    const std::size_t most = hopeful.size() > open ? hopeful.size() - open : 0;
    std::size_t taken = 0, best = 0;
    Rational sum = 0;
    for (std::size_t g = 0; g + 1 < groups.size(); ++g) {
      taken += groups[g].size();
      if (taken > most) break;
      for (auto c : groups[g]) sum += votes_[c];
      if (cmp(sum + surplus_, votes_[groups[g + 1].front()]) < 0) best = g + 1;
    }
    std::vector<std::uint32_t> batch;
    for (std::size_t g = 0; g < best; ++g) batch.insert(batch.end(), groups[g].begin(), groups[g].end());
    std::sort(batch.begin(), batch.end());
    return batch;
  }

  const MeekOptions& options_;
  std::uint32_t n_;
  std::uint64_t valid_ = 0;
  std::vector<MeekBallot> ballots_;
  Rational unit_, omega_, tolerance_;
  bool guarded_ = false;
  std::vector<State> state_;
  std::vector<Rational> keep_, votes_;
  Rational residual_, quota_, surplus_, kept_;
  std::vector<std::vector<Rational>>* steps_ = nullptr;
};


}  // namespace

MeekOptions meek_new_zealand_options(std::uint32_t seats, TieBreak tie_break) {
  MeekOptions options;
  options.tie_break = std::move(tie_break);
  options.seats = seats;
  options.decimals = 9;
  options.rounding = MeekRounding::keep_up_rest_subtracted;
  options.omega_exponent = 6;
  options.omega_strict = true;
  options.surplus_at_least_zero = true;
  options.batch_defeat = false;
  return options;
}

MeekOptions meek_exact_options(std::uint32_t seats, unsigned omega_exponent, TieBreak tie_break) {
  MeekOptions options;
  options.tie_break = std::move(tie_break);
  options.seats = seats;
  options.decimals.reset();
  options.omega_exponent = omega_exponent;
  options.omega_strict = false;
  options.surplus_at_least_zero = false;
  options.batch_defeat = true;
  return options;
}

MeekCount meek_count(const Election& election, const MeekOptions& options) {
  if (options.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  if (options.decimals && *options.decimals > 30)
    throw Error(Errc::invalid_argument, "decimals: at most 30 (or exact rationals)");
  if (options.guard_digits > 0 && (!options.decimals || options.guard_digits >= *options.decimals))
    throw Error(Errc::invalid_argument, "guard_digits: needs fixed point with more decimals than guard digits");
  MeekCounter counter(election, options);
  const std::uint32_t n = election.num_alternatives();
  MeekCount out;
  Result& result = out.result;
  result.method = options.keep == KeepRule::warren ? "warren" : "meek";
  for (const auto& a : election.alternatives) result.candidates.push_back(a.label());
  result.seats = options.seats;
  result.ballots = election.profile.num_ballots();
  result.blank_ballots = result.ballots - counter.valid();
  result.notes.push_back(options.decimals ? "arithmetic: fixed point, " + std::to_string(*options.decimals) + " decimals"
                                          : std::string("arithmetic: exact rationals"));
  result.notes.push_back("omega: 10^-" + std::to_string(options.omega_exponent) +
                         (options.omega_strict ? " (surplus < omega ends a round)" : " (surplus <= omega ends a round)"));
  result.notes.push_back(std::string("batch defeats of sure losers: ") + (options.batch_defeat ? "yes" : "no"));
  result.notes.push_back(std::string("tie-break: ") + look_back_name(options.tie_break.look_back) + ", then " +
                         tie_final_name(options.tie_break.final));
  TieBreaker ties(options.tie_break, result.candidates);
  std::vector<std::vector<Rational>> history;  // each round's last totals
  // New Zealand ties (Schedule 1A cl. 40, 48) count steps: every iteration is one, the first
  // (all keep factors 1) the count of first preferences.
  const bool by_steps = options.tie_break.look_back == LookBack::ahead_at_first_difference ||
                        options.tie_break.final == TieFinal::new_zealand_prn;
  std::vector<std::vector<Rational>> steps;
  if (by_steps) {
    counter.log_steps(&steps);
    ties.number_steps_for_new_zealand(options.seats, counter.valid());
  }

  auto count_of = [&](State s) {
    std::size_t k = 0;
    for (auto x : counter.states()) k += x == s;
    return k;
  };
  auto open = [&] { return options.seats - std::min<std::size_t>(options.seats, count_of(State::elected)); };

  while (open() > 0 && count_of(State::hopeful) > open()) {
    std::vector<std::uint32_t> elected, batch;
    MeekRoundState detail;
    detail.ended_by = counter.iterate(elected, batch, detail.iterations);
    Round round;
    round.number = static_cast<std::uint32_t>(result.rounds.size() + 1);
    round.tally.resize(n);
    for (std::uint32_t c = 0; c < n; ++c)
      if (counter.states()[c] != State::excluded) round.tally[c] = counter.votes()[c];
    round.threshold = counter.quota();
    round.inactive[static_cast<std::size_t>(ExhaustReason::no_continuing_choice)] = counter.residual();
    detail.keep = counter.keep();
    detail.surplus = counter.surplus();
    detail.residual = counter.residual();

    if (!elected.empty()) {
      std::stable_sort(elected.begin(), elected.end(),
                       [&](auto a, auto b) { return counter.votes()[a] > counter.votes()[b]; });
      for (auto c : elected) {
        result.winners.push_back(c);
        round.actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
      }
    } else if (!batch.empty()) {
      for (auto c : batch) {
        counter.exclude(c);
        round.actions.push_back(detail::action_without_transfers(ActionKind::excluded, c, n));
      }
    } else {
      Rational low;
      bool first = true;
      for (std::uint32_t c = 0; c < n; ++c)
        if (counter.states()[c] == State::hopeful && (first || counter.votes()[c] < low)) low = counter.votes()[c], first = false;
      std::vector<std::uint32_t> tied;
      for (std::uint32_t c = 0; c < n; ++c)
        if (counter.states()[c] == State::hopeful && counter.cmp(counter.votes()[c], low + counter.surplus()) <= 0)
          tied.push_back(c);
      std::optional<TieRecord> tie;
      if (tied.size() > 1) {
        tie = ties.choose(tied, true, by_steps ? steps : history);
        if (!tie) {
          result.unresolved_tie = TieRecord{tied, tied.front(), true, "stop"};
          result.rounds.push_back(std::move(round));
          out.rounds.push_back(std::move(detail));
          return out;
        }
        result.ties.push_back(*tie);
      }
      const std::uint32_t loser = tie ? tie->chosen : tied.front();
      counter.exclude(loser);
      Action action = detail::action_without_transfers(ActionKind::excluded, loser, n);
      action.tie = tie;
      round.actions.push_back(std::move(action));
    }
    std::vector<Rational> totals(n);
    for (std::uint32_t c = 0; c < n; ++c)
      if (round.tally[c]) totals[c] = *round.tally[c];
    history.push_back(std::move(totals));
    result.rounds.push_back(std::move(round));
    out.rounds.push_back(std::move(detail));
  }

  // The hopefuls left fill the open seats (or are not needed).
  std::vector<std::uint32_t> rest;
  for (std::uint32_t c = 0; c < n; ++c)
    if (counter.states()[c] == State::hopeful) rest.push_back(c);
  if (open() > 0 && !rest.empty()) {
    if (result.rounds.empty()) {  // no round was needed: show the first distribution
      counter.distribute();
      Round round;
      round.number = 1;
      round.tally.resize(n);
      for (std::uint32_t c = 0; c < n; ++c)
        if (counter.states()[c] != State::excluded) round.tally[c] = counter.votes()[c];
      round.inactive[static_cast<std::size_t>(ExhaustReason::no_continuing_choice)] = counter.residual();
      result.rounds.push_back(std::move(round));
      MeekRoundState detail;
      detail.keep = counter.keep();
      detail.residual = counter.residual();
      detail.ended_by = "complete";
      out.rounds.push_back(std::move(detail));
    }
    std::stable_sort(rest.begin(), rest.end(), [&](auto a, auto b) { return counter.votes()[a] > counter.votes()[b]; });
    for (auto c : rest) {
      counter.elect(c);
      result.winners.push_back(c);
      result.rounds.back().actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n));
    }
  }
  return out;
}

Result meek(const Election& election, const MeekOptions& options) { return meek_count(election, options).result; }

}  // namespace minga::ranked
