// SPDX-License-Identifier: Apache-2.0
// src/ranked/condorcet.cpp - pairwise matrix, Condorcet winner/loser, Smith, Schulze, Ranked Pairs, Minimax, Copeland, Borda.
#include "minga/ranked/condorcet.hpp"

#include <algorithm>
#include <limits>

#include "minga/core/error.hpp"

namespace minga::ranked {

namespace {

// The hot loop of the pairwise matrix: row[b] += count for every b below `above`.
// Branch-free so that it vectorises; GCC does so at -O2 only when asked.
template <class Count>
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("tree-vectorize")))
#endif
void add_below(Count* row, const std::uint32_t* level, std::uint32_t above, std::uint32_t n, Count count) {
  for (std::uint32_t b = 0; b < n; ++b) row[b] += count & (0 - static_cast<Count>(above < level[b]));
}

/// Counts every (a above b) pair; Count is std::uint32_t when the total number
/// of ballots fits (twice the vector lanes), else std::uint64_t.
template <class Count>
void count_pairs(const Profile& profile, std::vector<std::uint32_t>& level, std::uint32_t n, PairwiseMatrix& m) {
  constexpr std::uint32_t kUnranked = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> ranked;
  std::vector<Count> pairs(static_cast<std::size_t>(n) * n, 0);
  Ranking ranking;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, ranking);
    ranked.clear();
    for (std::uint32_t r = 0; r < ranking.num_positions(); ++r)
      for (std::uint32_t i = ranking.position_begin[r]; i < ranking.position_begin[r + 1]; ++i) {
        const std::uint32_t c = ranking.marks[i];
        if (c >= n || level[c] != kUnranked) continue;  // tokens, withdrawn, repeats
        level[c] = r + 1;
        ranked.push_back(c);
      }
    const auto count = static_cast<Count>(profile.count(e));
    for (auto a : ranked) add_below<Count>(pairs.data() + static_cast<std::size_t>(a) * n, level.data(), level[a], n, count);
    for (auto c : ranked) level[c] = kUnranked;
  }
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::uint32_t b = 0; b < n; ++b) m.add(a, b, pairs[static_cast<std::size_t>(a) * n + b]);
}

}  // namespace

PairwiseMatrix pairwise_matrix(const Election& election) {
  const Profile& profile = election.profile;
  if (profile.kind() != BallotKind::ranked)
    throw Error(Errc::invalid_argument, std::string("a pairwise count needs ranked ballots, not ") +
                                            ballot_kind_name(profile.kind()) + " ballots");
  const std::uint32_t n = election.num_alternatives();
  PairwiseMatrix m(n);
  m.present.assign(n, 1);
  for (std::uint32_t c = 0; c < n; ++c)
    if (election.alternatives[c].withdrawn) m.present[c] = 0;
  // level: 0 = not in the count, r + 1 = ranked at rank r, kUnranked = present but unranked.
  // a is above b on a ballot exactly when level[a] < level[b] and a is ranked, so
  // each ranked candidate's row is updated without branches (the loop vectorises).
  constexpr std::uint32_t kUnranked = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> level(n);
  for (std::uint32_t c = 0; c < n; ++c) level[c] = m.present[c] ? kUnranked : 0;
  if (profile.num_ballots() <= std::numeric_limits<std::uint32_t>::max()) count_pairs<std::uint32_t>(profile, level, n, m);
  else count_pairs<std::uint64_t>(profile, level, n, m);
  return m;
}

namespace {

std::vector<std::uint32_t> present_candidates(const PairwiseMatrix& m) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < m.size(); ++c)
    if (m.present.empty() || m.present[c]) out.push_back(c);
  return out;
}

template <class Score>
std::vector<std::uint32_t> best_of(const PairwiseMatrix& m, const std::vector<Score>& scores) {
  std::vector<std::uint32_t> out;
  const auto cands = present_candidates(m);
  if (cands.empty()) return out;
  Score best = scores[cands.front()];
  for (auto c : cands) best = std::max(best, scores[c]);
  for (auto c : cands)
    if (scores[c] == best) out.push_back(c);
  return out;
}

}  // namespace

std::optional<std::uint32_t> condorcet_winner(const PairwiseMatrix& m) {
  const auto cands = present_candidates(m);
  for (auto a : cands) {
    bool beats_all = true;
    for (auto b : cands)
      if (a != b && m.margin(a, b) <= 0) {
        beats_all = false;
        break;
      }
    if (beats_all) return a;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> condorcet_loser(const PairwiseMatrix& m) {
  const auto cands = present_candidates(m);
  for (auto a : cands) {
    bool loses_all = true;
    for (auto b : cands)
      if (a != b && m.margin(a, b) >= 0) {
        loses_all = false;
        break;
      }
    if (loses_all && cands.size() > 1) return a;
  }
  return std::nullopt;
}

std::vector<std::uint32_t> smith_set(const PairwiseMatrix& m) {
  // a is in the Smith set when a reaches every b through pairs it does not lose (margin >= 0).
  const auto cands = present_candidates(m);
  const std::size_t k = cands.size();
  std::vector<char> reach(k * k, 0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) reach[i * k + j] = i == j || m.margin(cands[i], cands[j]) >= 0;
  for (std::size_t via = 0; via < k; ++via)
    for (std::size_t i = 0; i < k; ++i)
      if (reach[i * k + via])
        for (std::size_t j = 0; j < k; ++j)
          if (reach[via * k + j]) reach[i * k + j] = 1;
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < k; ++i)
    if (std::all_of(reach.begin() + static_cast<std::ptrdiff_t>(i * k),
                    reach.begin() + static_cast<std::ptrdiff_t>(i * k + k), [](char r) { return r != 0; }))
      out.push_back(cands[i]);
  return out;
}

std::vector<std::uint32_t> schulze_winners(const PairwiseMatrix& m) {
  const auto cands = present_candidates(m);
  const std::size_t k = cands.size();
  std::vector<std::int64_t> path(k * k, 0);  // strongest beat-path strength (0 = none)
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j)
      if (i != j) path[i * k + j] = std::max<std::int64_t>(0, m.margin(cands[i], cands[j]));
  for (std::size_t via = 0; via < k; ++via)
    for (std::size_t i = 0; i < k; ++i) {
      if (i == via) continue;
      const std::int64_t to_via = path[i * k + via];
      if (to_via == 0) continue;
      for (std::size_t j = 0; j < k; ++j)
        if (j != i && j != via) path[i * k + j] = std::max(path[i * k + j], std::min(to_via, path[via * k + j]));
    }
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < k; ++i) {
    bool wins = true;
    for (std::size_t j = 0; j < k && wins; ++j)
      if (i != j && path[i * k + j] < path[j * k + i]) wins = false;
    if (wins) out.push_back(cands[i]);
  }
  return out;
}

std::vector<std::uint32_t> ranked_pairs_winners(const PairwiseMatrix& m) {
  const auto cands = present_candidates(m);
  const std::size_t k = cands.size();
  struct Pair {
    std::int64_t margin;
    std::size_t winner, loser;
  };
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j)
      if (i != j && m.margin(cands[i], cands[j]) > 0) pairs.push_back({m.margin(cands[i], cands[j]), i, j});
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.margin > b.margin; });
  std::vector<char> locked(k * k, 0);
  std::vector<std::size_t> stack;
  std::vector<char> seen(k);
  auto reaches = [&](std::size_t from, std::size_t to) {
    std::fill(seen.begin(), seen.end(), 0);
    stack.assign(1, from);
    seen[from] = 1;
    while (!stack.empty()) {
      const std::size_t x = stack.back();
      stack.pop_back();
      if (x == to) return true;
      for (std::size_t y = 0; y < k; ++y)
        if (locked[x * k + y] && !seen[y]) seen[y] = 1, stack.push_back(y);
    }
    return false;
  };
  for (const Pair& p : pairs)
    if (!reaches(p.loser, p.winner)) locked[p.winner * k + p.loser] = 1;
  std::vector<std::uint32_t> out;
  for (std::size_t j = 0; j < k; ++j) {
    bool beaten = false;
    for (std::size_t i = 0; i < k && !beaten; ++i) beaten = locked[i * k + j] != 0;
    if (!beaten) out.push_back(cands[j]);
  }
  return out;
}

std::vector<std::int64_t> copeland_scores(const PairwiseMatrix& m) {
  std::vector<std::int64_t> scores(m.size(), 0);
  const auto cands = present_candidates(m);
  for (auto a : cands)
    for (auto b : cands)
      if (a != b) scores[a] += m.margin(a, b) > 0 ? 1 : m.margin(a, b) < 0 ? -1 : 0;
  return scores;
}

std::vector<std::int64_t> minimax_scores(const PairwiseMatrix& m) {
  std::vector<std::int64_t> scores(m.size(), 0);
  const auto cands = present_candidates(m);
  for (auto a : cands) {
    std::int64_t worst = std::numeric_limits<std::int64_t>::min();
    for (auto b : cands)
      if (a != b) worst = std::max(worst, m.margin(b, a));
    scores[a] = cands.size() > 1 ? -worst : 0;
  }
  return scores;
}

std::vector<std::uint64_t> borda_scores(const PairwiseMatrix& m) {
  std::vector<std::uint64_t> scores(m.size(), 0);
  const auto cands = present_candidates(m);
  for (auto a : cands)
    for (auto b : cands)
      if (a != b) scores[a] += m.pairs(a, b);
  return scores;
}

std::vector<std::uint32_t> minimax_winners(const PairwiseMatrix& m) { return best_of(m, minimax_scores(m)); }
std::vector<std::uint32_t> copeland_winners(const PairwiseMatrix& m) { return best_of(m, copeland_scores(m)); }
std::vector<std::uint32_t> borda_winners(const PairwiseMatrix& m) { return best_of(m, borda_scores(m)); }

const char* pairwise_method_name(PairwiseMethod method) noexcept {
  switch (method) {
    case PairwiseMethod::condorcet: return "condorcet";
    case PairwiseMethod::smith: return "smith";
    case PairwiseMethod::schulze: return "schulze";
    case PairwiseMethod::ranked_pairs: return "ranked-pairs";
    case PairwiseMethod::minimax: return "minimax";
    case PairwiseMethod::copeland: return "copeland";
    case PairwiseMethod::borda: return "borda";
  }
  return "?";
}

PairwiseMethod pairwise_method_from_name(std::string_view name) {
  for (auto method : {PairwiseMethod::condorcet, PairwiseMethod::smith, PairwiseMethod::schulze,
                      PairwiseMethod::ranked_pairs, PairwiseMethod::minimax, PairwiseMethod::copeland,
                      PairwiseMethod::borda})
    if (name == pairwise_method_name(method)) return method;
  throw Error(Errc::invalid_argument,
              "unknown pairwise method \"" + std::string(name) +
                  "\" (accepted: condorcet, smith, schulze, ranked-pairs, minimax, copeland, borda)");
}

Result condorcet_count(const Election& election, PairwiseMethod method, const TieBreak& tie_break) {
  const PairwiseMatrix m = pairwise_matrix(election);
  Result result;
  result.method = pairwise_method_name(method);
  for (const Alternative& a : election.alternatives) result.candidates.push_back(a.label());
  result.ballots = election.profile.num_ballots();
  result.notes.push_back("pairwise: unranked candidates below ranked ones; candidates at one rank tied");
  result.notes.push_back(std::string("tie-break: ") + look_back_name(tie_break.look_back) + ", then " +
                         tie_final_name(tie_break.final));
  std::vector<std::uint32_t> winners;
  auto set_scores = [&](const auto& scores, const char* name) {
    result.score_name = name;
    for (auto s : scores) result.scores.emplace_back(s);
  };
  switch (method) {
    case PairwiseMethod::condorcet:
      if (auto w = condorcet_winner(m)) winners.push_back(*w);
      else result.notes.push_back("no Condorcet winner");
      break;
    case PairwiseMethod::smith: winners = smith_set(m); break;
    case PairwiseMethod::schulze: winners = schulze_winners(m); break;
    case PairwiseMethod::ranked_pairs: winners = ranked_pairs_winners(m); break;
    case PairwiseMethod::minimax:
      winners = minimax_winners(m);
      set_scores(minimax_scores(m), "minimax (minus the largest margin against)");
      break;
    case PairwiseMethod::copeland:
      winners = copeland_winners(m);
      set_scores(copeland_scores(m), "copeland (wins minus losses)");
      break;
    case PairwiseMethod::borda:
      winners = borda_winners(m);
      set_scores(borda_scores(m), "borda (pairwise wins over ballots)");
      break;
  }
  if (method == PairwiseMethod::smith) {  // a set, not one winner
    result.seats = static_cast<std::uint32_t>(winners.size());
    result.winners = winners;
    return result;
  }
  if (winners.size() > 1) {
    result.notes.push_back(std::to_string(winners.size()) + " co-winners before the tie-break");
    TieBreaker ties(tie_break, result.candidates);
    auto tie = ties.choose(winners, false, {});
    if (!tie) {
      result.unresolved_tie = TieRecord{winners, winners.front(), false, "stop"};
      return result;
    }
    result.ties.push_back(*tie);
    winners.assign(1, tie->chosen);
  }
  result.winners = winners;
  return result;
}

}  // namespace minga::ranked
