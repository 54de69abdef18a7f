// SPDX-License-Identifier: Apache-2.0
// src/ranked/irish_stv.cpp - Irish PR-STV (Electoral Act 1992 Part XIX), paper by paper.
#include "minga/ranked/irish_stv.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <optional>

#include "minga/core/error.hpp"
#include "minga/core/random.hpp"
#include "ranked/ballots.hpp"
#include "ranked/holdings.hpp"

namespace minga::ranked {

namespace {

using Paper = std::uint32_t;

/// Papers one candidate received in one count, in filing order (the last is on top).
struct SubParcel {
  std::uint32_t count = 0;
  std::vector<Paper> papers;
};

/// Where every paper lies: each candidate's pile of sub-parcels, and each paper's ballot and rank.
class Piles {
 public:
  Piles(const detail::BallotTable& table, std::uint32_t num_candidates)
      : table_(table), piles_(num_candidates), votes_(num_candidates, 0) {}

  const detail::BallotTable& table() const { return table_; }

  /// Files the papers of the first count (in `order`) by first preference; the
  /// papers without a valid first preference are returned (invalid, s.119).
  std::vector<Paper> first_count(const std::vector<std::uint32_t>& entry_of, const std::vector<Paper>& order,
                                 const std::vector<char>& continuing) {
    entry_.assign(entry_of.begin(), entry_of.end());
    rank_.assign(entry_of.size(), 0);
    std::vector<Paper> invalid;
    for (Paper p : order) {
      const detail::Choice choice = table_.next(entry_[p], 0, continuing);
      if (choice.candidate == detail::Choice::kExhausted) {
        invalid.push_back(p);
        continue;
      }
      rank_[p] = choice.position;
      receive(choice.candidate, 1, p);
    }
    return invalid;
  }

  /// The next available preference of a paper for a continuing candidate.
  detail::Choice next(Paper p, const std::vector<char>& continuing) const {
    return table_.next(entry_[p], rank_[p] + 1, continuing);
  }

  /// Puts `p` on top of `to`'s sub-parcel of count `count` (opening it when new).
  void receive(std::uint32_t to, std::uint32_t count, Paper p) {
    auto& pile = piles_[to];
    if (pile.empty() || pile.back().count != count) pile.push_back(SubParcel{count, {}});
    pile.back().papers.push_back(p);
    ++votes_[to];
  }
  void set_rank(Paper p, std::uint32_t rank) { rank_[p] = rank; }

  std::vector<SubParcel>& pile(std::uint32_t c) { return piles_[c]; }
  std::uint64_t votes(std::uint32_t c) const { return votes_[c]; }
  void set_votes(std::uint32_t c, std::uint64_t v) { votes_[c] = v; }

 private:
  const detail::BallotTable& table_;
  std::vector<std::vector<SubParcel>> piles_;
  std::vector<std::uint64_t> votes_;  // what the count credits (an elected candidate keeps the quota)
  std::vector<std::uint32_t> entry_;  // paper -> profile entry
  std::vector<std::uint32_t> rank_;   // paper -> rank index of the candidate holding it
};

/// The examined papers of one transfer, sorted by next available preference.
struct Sorted {
  explicit Sorted(std::uint32_t n) : to(n) {}
  std::vector<std::vector<std::pair<Paper, std::uint32_t>>> to;  // per candidate: (paper, its new rank)
  std::vector<std::pair<Paper, ExhaustReason>> non_transferable;
  std::uint64_t transferable = 0;
};

Sorted sort_papers(const Piles& piles, const std::vector<Paper>& papers, const std::vector<char>& continuing) {
  Sorted sorted(static_cast<std::uint32_t>(continuing.size()));
  for (Paper p : papers) {
    const detail::Choice choice = piles.next(p, continuing);
    if (choice.candidate == detail::Choice::kExhausted) {
      sorted.non_transferable.emplace_back(p, choice.reason);
    } else {
      sorted.to[choice.candidate].emplace_back(p, choice.position);
      ++sorted.transferable;
    }
  }
  return sorted;
}

Rational as_rational(std::uint64_t v) { return Rational(Integer(v)); }

std::string text(std::uint64_t v) { return std::to_string(v); }

class IrishCount {
 public:
  IrishCount(const Election& election, const IrishStvOptions& options)
      : options_(options),
        table_(election, options.ballots),
        n_(table_.candidates().size()),
        piles_(table_, n_),
        ties_(options.tie_break, table_.candidates().names),
        continuing_(n_, 1),
        shown_(n_, 1),
        elected_at_(n_, 0) {}

  Result run();

 private:
  void file_first_count();
  void record_round(std::uint32_t count);
  void elect_at_quota(std::uint32_t count);
  bool fill_last_seats();  // s.124
  std::vector<std::uint32_t> live() const;
  std::uint64_t untransferred() const;
  bool surplus_can_matter() const;  // s.121 deferral test
  std::optional<std::uint32_t> next_surplus();
  bool transfer_surplus(std::uint32_t from, std::uint32_t count);
  bool exclude(std::uint32_t count);
  void elect(std::uint32_t c);
  void stop_at_tie(const std::vector<std::uint32_t>& tied, bool for_exclusion, const std::string& what);
  void set_aside(Action& action, ExhaustReason reason, std::uint64_t papers);

  const IrishStvOptions& options_;
  detail::BallotTable table_;
  std::uint32_t n_;
  Piles piles_;
  TieBreaker ties_;
  Result result_;
  std::vector<char> continuing_;           // hopeful: neither elected nor excluded
  std::vector<char> shown_;                // not excluded
  std::vector<std::uint32_t> elected_at_;  // count that elected the candidate (0: not elected)
  std::vector<std::uint32_t> pending_;     // elected with a surplus not yet transferred
  std::vector<std::vector<Rational>> history_;
  std::array<Rational, kNumExhaustReasons> inactive_{};
  std::uint64_t quota_ = 0;
};

void IrishCount::file_first_count() {
  // Every valid paper of the profile, entry by entry (each entry's copies together).
  std::vector<std::uint32_t> entry_of;
  for (std::size_t e = 0; e < table_.size(); ++e)
    if (!table_.blank(e))
      for (std::uint64_t k = 0; k < table_.count(e); ++k) {
        if (entry_of.size() == std::numeric_limits<Paper>::max())
          throw Error(Errc::invalid_argument, "Irish STV counts at most 4,294,967,294 papers");
        entry_of.push_back(static_cast<std::uint32_t>(e));
      }
  std::vector<Paper> order(entry_of.size());
  std::iota(order.begin(), order.end(), Paper{0});
  if (options_.paper_selection == PaperSelection::seeded_random) {
    SeededRandom random(options_.paper_seed);
    random.shuffle(order);
    result_.notes.push_back("papers filed in the order of a SeededRandom(\"" + options_.paper_seed +
                            "\") shuffle (Fisher-Yates, docs/randomness.md); the papers last filed move");
  } else {
    result_.notes.push_back("papers filed in input order; the papers last filed move");
  }
  const std::vector<Paper> invalid = piles_.first_count(entry_of, order, continuing_);
  const std::uint64_t valid = order.size() - invalid.size();
  if (!invalid.empty())
    result_.notes.push_back(text(invalid.size()) + " papers without one valid first preference rejected as invalid (s.119)");
  quota_ = valid / (options_.seats + 1) + 1;
  result_.notes.push_back("valid papers: " + text(valid));
  result_.notes.push_back("quota (s.120): floor(" + text(valid) + " / " + std::to_string(options_.seats + 1) +
                          ") + 1 = " + text(quota_));
}

void IrishCount::record_round(std::uint32_t count) {
  Round round;
  round.number = count;
  round.tally.resize(n_);
  for (std::uint32_t c = 0; c < n_; ++c)
    if (shown_[c]) round.tally[c] = as_rational(piles_.votes(c));
  round.threshold = as_rational(quota_);
  round.inactive = inactive_;
  history_.push_back(detail::totals_of(round));
  result_.rounds.push_back(std::move(round));
}

void IrishCount::elect(std::uint32_t c) {
  continuing_[c] = 0;
  result_.winners.push_back(c);
  result_.rounds.back().actions.push_back(detail::action_without_transfers(ActionKind::elected, c, n_));
}

// s.120(2): at the end of a count, everyone at or above the quota is deemed elected (highest first).
void IrishCount::elect_at_quota(std::uint32_t count) {
  std::vector<std::uint32_t> reached;
  for (std::uint32_t c = 0; c < n_; ++c)
    if (continuing_[c] && piles_.votes(c) >= quota_) reached.push_back(c);
  std::stable_sort(reached.begin(), reached.end(),
                   [&](auto a, auto b) { return piles_.votes(a) > piles_.votes(b); });
  for (auto c : reached) {
    elect(c);
    elected_at_[c] = count;
    if (piles_.votes(c) > quota_) pending_.push_back(c);
  }
}

std::vector<std::uint32_t> IrishCount::live() const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < n_; ++c)
    if (continuing_[c]) out.push_back(c);
  // Lowest first; equal votes in candidate order (ties are settled where they matter).
  std::stable_sort(out.begin(), out.end(), [&](auto a, auto b) { return piles_.votes(a) < piles_.votes(b); });
  return out;
}

std::uint64_t IrishCount::untransferred() const {
  std::uint64_t total = 0;
  for (auto c : pending_) total += piles_.votes(c) - quota_;
  return total;
}

// s.124: the last vacancies. True when the count is over.
bool IrishCount::fill_last_seats() {
  const std::size_t open = options_.seats - std::min<std::size_t>(options_.seats, result_.winners.size());
  if (open == 0) return true;
  std::vector<std::uint32_t> hopeful = live();
  const std::uint64_t surplus = untransferred();
  auto elect_highest_first = [&](std::vector<std::uint32_t> who) {
    std::stable_sort(who.begin(), who.end(), [&](auto a, auto b) { return piles_.votes(a) > piles_.votes(b); });
    for (auto c : who) elect(c);
  };
  if (hopeful.size() <= open) {  // (1)
    elect_highest_first(hopeful);
    return true;
  }
  if (hopeful.size() == open + 1 && piles_.votes(hopeful[0]) + surplus < piles_.votes(hopeful[1])) {  // (1A)
    elect_highest_first(std::vector<std::uint32_t>(hopeful.begin() + 1, hopeful.end()));
    return true;
  }
  if (open == 1) {  // (2)
    std::uint64_t all = surplus;
    for (auto c : hopeful) all += piles_.votes(c);
    const std::uint32_t top = hopeful.back();
    if (piles_.votes(top) > all - piles_.votes(top)) {
      elect(top);
      return true;
    }
  }
  return false;
}

// s.121 deferral: could the surpluses not yet transferred, all together, change anything?
bool IrishCount::surplus_can_matter() const {
  if (!options_.defer_surpluses) return true;
  const std::uint64_t s = untransferred();
  const std::vector<std::uint32_t> hopeful = live();
  if (hopeful.empty()) return true;
  if (piles_.votes(hopeful.back()) + s >= quota_) return true;                                  // (a) elect
  if (hopeful.size() >= 2 && piles_.votes(hopeful[0]) + s >= piles_.votes(hopeful[1])) return true;  // (b) lowest
  for (auto c : hopeful)                                                                          // (c) quarter
    if (4 * piles_.votes(c) <= quota_ && 4 * (piles_.votes(c) + s) > quota_) return true;
  return false;
}

void IrishCount::stop_at_tie(const std::vector<std::uint32_t>& tied, bool for_exclusion, const std::string& what) {
  result_.unresolved_tie = TieRecord{tied, tied.front(), for_exclusion, "stop (" + what + ")"};
}

// s.121(2): surpluses of earlier counts first, then the largest; equal: look back, then lot.
std::optional<std::uint32_t> IrishCount::next_surplus() {
  std::uint32_t earliest = elected_at_[pending_.front()];
  for (auto c : pending_) earliest = std::min(earliest, elected_at_[c]);
  std::uint64_t largest = 0;
  for (auto c : pending_)
    if (elected_at_[c] == earliest) largest = std::max(largest, piles_.votes(c));
  std::vector<std::uint32_t> top;
  for (auto c : pending_)
    if (elected_at_[c] == earliest && piles_.votes(c) == largest) top.push_back(c);
  if (top.size() == 1) return top.front();
  std::sort(top.begin(), top.end());
  auto tie = ties_.choose(top, false, history_);
  if (!tie) {
    stop_at_tie(top, false, "equal surpluses");
    return std::nullopt;
  }
  tie->how = "equal surpluses: " + tie->how;
  result_.ties.push_back(*tie);
  return tie->chosen;
}

void IrishCount::set_aside(Action& action, ExhaustReason reason, std::uint64_t papers) {
  const Rational v = as_rational(papers);
  action.exhausted[static_cast<std::size_t>(reason)] += v;
  inactive_[static_cast<std::size_t>(reason)] += v;
}

// s.121(3)-(5): one surplus, moved as whole papers from the examined parcel. False when a tie stops the count.
bool IrishCount::transfer_surplus(std::uint32_t from, std::uint32_t count) {
  pending_.erase(std::find(pending_.begin(), pending_.end(), from));
  const std::uint64_t surplus = piles_.votes(from) - quota_;
  auto& pile = piles_.pile(from);
  // Elected on the first count: all papers (they are its only parcel); otherwise the sub-parcel last received.
  std::vector<Paper> examined;
  for (std::size_t i = elected_at_[from] == 1 ? 0 : pile.size() - 1; i < pile.size(); ++i)
    examined.insert(examined.end(), pile[i].papers.begin(), pile[i].papers.end());
  const Sorted sorted = sort_papers(piles_, examined, continuing_);

  std::vector<std::uint64_t> give(n_, 0);
  Action action = detail::action_without_transfers(ActionKind::surplus, from, n_);
  if (sorted.transferable <= surplus) {
    for (std::uint32_t c = 0; c < n_; ++c) give[c] = sorted.to[c].size();
    // "Not effective": surplus - transferable of the examined non-transferable papers, the last filed, are set aside.
    std::uint64_t rest = surplus - sorted.transferable;
    for (auto it = sorted.non_transferable.rbegin(); rest > 0 && it != sorted.non_transferable.rend(); ++it, --rest)
      set_aside(action, it->second, 1);
  } else {
    // floor(n_i x surplus / T) each; the papers still missing go to the largest remainders.
    const std::uint64_t t = sorted.transferable;
    std::uint64_t given = 0;
    std::vector<std::uint32_t> order;
    std::vector<std::uint64_t> remainder(n_, 0);
    for (std::uint32_t c = 0; c < n_; ++c) {
      const std::uint64_t size = sorted.to[c].size();
      if (size == 0) continue;
      const std::uint64_t product = size * surplus;  // below 2^64: both are below 2^32 papers
      give[c] = product / t;
      remainder[c] = product % t;
      given += give[c];
      if (remainder[c] > 0) order.push_back(c);
    }
    std::uint64_t missing = surplus - given;
    // Larger remainder first; equal remainders: the larger sub-parcel first.
    auto before = [&](auto a, auto b) {
      if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
      return sorted.to[a].size() > sorted.to[b].size();
    };
    std::stable_sort(order.begin(), order.end(), before);
    std::size_t i = 0;
    while (missing > 0) {
      // The group of equal (remainder, size) starting at i.
      std::size_t j = i + 1;
      while (j < order.size() && !before(order[i], order[j])) ++j;
      std::vector<std::uint32_t> group(order.begin() + i, order.begin() + j);
      if (group.size() <= missing) {
        for (auto c : group) ++give[c];
        missing -= group.size();
        i = j;
        continue;
      }
      // More equal remainders than papers left: the look-back, then lot, picks them one by one.
      while (missing > 0) {
        std::sort(group.begin(), group.end());
        auto tie = ties_.choose(group, false, history_);
        if (!tie) {
          stop_at_tie(group, false, "equal fractional remainders");
          return false;
        }
        tie->how = "equal fractional remainders: " + tie->how;
        result_.ties.push_back(*tie);
        if (!action.tie) action.tie = *tie;
        ++give[tie->chosen];
        --missing;
        group.erase(std::find(group.begin(), group.end(), tie->chosen));
      }
    }
  }

  // Move the last-filed `give[c]` papers of each sub-parcel; they leave the elected candidate's pile.
  std::vector<Paper> moved;
  for (std::uint32_t c = 0; c < n_; ++c) {
    const auto& sub = sorted.to[c];
    for (std::size_t k = sub.size() - give[c]; k < sub.size(); ++k) {
      piles_.set_rank(sub[k].first, sub[k].second);
      piles_.receive(c, count, sub[k].first);
      moved.push_back(sub[k].first);
    }
    action.to[c] = as_rational(give[c]);
  }
  std::sort(moved.begin(), moved.end());
  for (auto& parcel : pile)
    std::erase_if(parcel.papers, [&](Paper p) { return std::binary_search(moved.begin(), moved.end(), p); });
  piles_.set_votes(from, quota_);
  result_.rounds.back().actions.push_back(std::move(action));
  return true;
}

// s.122: exclude the lowest (or the lowest few together) and move all their papers in one count.
bool IrishCount::exclude(std::uint32_t count) {
  const std::vector<std::uint32_t> hopeful = live();
  const std::size_t open = options_.seats - result_.winners.size();
  const std::uint64_t surplus = untransferred();
  std::vector<std::uint32_t> out;
  if (options_.multiple_exclusion) {
    // The largest group of k >= 2 lowest whose votes plus the surpluses are below the (k+1)-th.
    std::uint64_t sum = surplus;
    for (std::size_t k = 1; k < hopeful.size() && hopeful.size() - k >= open; ++k) {
      sum += piles_.votes(hopeful[k - 1]);
      if (k >= 2 && sum < piles_.votes(hopeful[k])) out.assign(hopeful.begin(), hopeful.begin() + k);
    }
  }
  std::optional<TieRecord> tie;
  if (out.empty()) {
    std::vector<std::uint32_t> lowest;
    for (auto c : hopeful)
      if (piles_.votes(c) == piles_.votes(hopeful.front())) lowest.push_back(c);
    if (lowest.size() == 1) {
      out.push_back(lowest.front());
    } else {
      tie = ties_.choose(lowest, true, history_);
      if (!tie) {
        stop_at_tie(lowest, true, "equal lowest");
        return false;
      }
      result_.ties.push_back(*tie);
      out.push_back(tie->chosen);
    }
  }
  for (auto c : out) {
    continuing_[c] = 0;
    shown_[c] = 0;
  }
  for (auto c : out) {
    Action action = detail::action_without_transfers(ActionKind::excluded, c, n_);
    if (tie) action.tie = tie;
    std::vector<Paper> papers;
    for (const auto& parcel : piles_.pile(c)) papers.insert(papers.end(), parcel.papers.begin(), parcel.papers.end());
    for (Paper p : papers) {
      const detail::Choice choice = piles_.next(p, continuing_);
      if (choice.candidate == detail::Choice::kExhausted) {
        set_aside(action, choice.reason, 1);
        continue;
      }
      piles_.set_rank(p, choice.position);
      piles_.receive(choice.candidate, count, p);
      action.to[choice.candidate] += 1;
    }
    piles_.pile(c).clear();
    piles_.set_votes(c, 0);
    result_.rounds.back().actions.push_back(std::move(action));
  }
  return true;
}

Result IrishCount::run() {
  if (options_.seats == 0) throw Error(Errc::invalid_argument, "seats must be at least 1");
  if (table_.candidates().write_in != detail::Candidates::kNone)
    throw Error(Errc::invalid_argument, "Irish STV has no undeclared write-in candidate (use write-ins: skip)");
  if (options_.paper_selection == PaperSelection::seeded_random && options_.paper_seed.empty())
    throw Error(Errc::invalid_argument, "seeded paper selection needs a published seed (paper_seed)");
  result_ = detail::start_result("irish-stv", table_, options_.ballots, options_.tie_break);
  result_.seats = options_.seats;
  for (std::uint32_t c = 0; c < n_; ++c)
    if (table_.candidates().withdrawn[c]) continuing_[c] = shown_[c] = 0;
  file_first_count();
  if (!options_.defer_surpluses) result_.notes.push_back("surpluses never deferred (s.121 deferral off)");
  if (!options_.multiple_exclusion) result_.notes.push_back("one exclusion at a time (s.122 multiple exclusion off)");

  for (std::uint32_t count = 1;; ++count) {
    record_round(count);
    elect_at_quota(count);
    if (fill_last_seats()) break;
    // The next count: a surplus unless it is deferred, else an exclusion.
    if (!pending_.empty() && surplus_can_matter()) {
      auto from = next_surplus();
      if (!from || !transfer_surplus(*from, count + 1)) break;
      continue;
    }
    if (!exclude(count + 1)) break;
  }
  return std::move(result_);
}

}  // namespace

Result irish_stv(const Election& election, const IrishStvOptions& options) {
  IrishCount count(election, options);
  return count.run();
}

}  // namespace minga::ranked
