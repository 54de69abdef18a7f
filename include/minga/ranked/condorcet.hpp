// SPDX-License-Identifier: Apache-2.0
// minga/ranked/condorcet.hpp - the pairwise matrix and the methods built on it; Borda.
//
// The pairwise matrix counts, for every ordered pair of candidates (a, b), the
// ballots that rank a above b. Ballots may be partial: a candidate a ballot
// ranks is above every candidate it leaves unranked; candidates marked at the
// same rank are tied (not compared); overvote tokens, write-ins and skipped
// ranks carry no preference; a candidate marked twice counts at its highest
// rank; withdrawn candidates are left out. margin(a, b) = pairs(a, b) - pairs(b, a).
//
// Set-valued methods (every candidate that the definition makes a winner):
//   condorcet_winner / condorcet_loser  beats (loses to) every other candidate head to head
//   smith_set        the smallest non-empty set whose members beat everyone outside it
//   schulze          beat-path on margins: a wins when its strongest path to every b
//                    is at least as strong as b's path to a
//   ranked_pairs     pairs locked in decreasing margin unless they close a cycle;
//                    equal margins are taken in a fixed order (winner's index, then
//                    loser's), so the method is single-valued (pref_voting's
//                    "Ranked Pairs with a tiebreaker" with candidate order)
//   minimax          smallest largest margin against (pairwise defeats only)
//   copeland         most head-to-head wins minus losses
//   borda            most pairwise wins counted over ballots (the Borda count on
//                    complete strict ballots: n-1 points for first place ... 0 for last;
//                    on partial ballots unranked candidates share the bottom)
// condorcet_count() turns any of them into a Result, settling a tie among
// co-winners with the TieBreak (policy stop: the result reports the tie).
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

class MINGA_EXPORT PairwiseMatrix {
 public:
  explicit PairwiseMatrix(std::uint32_t n = 0) : n_(n), pairs_(static_cast<std::size_t>(n) * n, 0) {}
  std::uint32_t size() const noexcept { return n_; }
  /// Ballots ranking a above b.
  std::uint64_t pairs(std::uint32_t a, std::uint32_t b) const { return pairs_[static_cast<std::size_t>(a) * n_ + b]; }
  std::int64_t margin(std::uint32_t a, std::uint32_t b) const {
    return static_cast<std::int64_t>(pairs(a, b)) - static_cast<std::int64_t>(pairs(b, a));
  }
  void add(std::uint32_t a, std::uint32_t b, std::uint64_t count) { pairs_[static_cast<std::size_t>(a) * n_ + b] += count; }
  /// Candidates in the count (withdrawn candidates are not).
  std::vector<char> present;

 private:
  std::uint32_t n_;
  std::vector<std::uint64_t> pairs_;
};

/// The pairwise matrix of a ranked election. Throws Error(invalid_argument) for other ballot kinds.
MINGA_EXPORT PairwiseMatrix pairwise_matrix(const Election& election);

MINGA_EXPORT std::optional<std::uint32_t> condorcet_winner(const PairwiseMatrix& m);
MINGA_EXPORT std::optional<std::uint32_t> condorcet_loser(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint32_t> smith_set(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint32_t> schulze_winners(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint32_t> ranked_pairs_winners(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint32_t> minimax_winners(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint32_t> copeland_winners(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint32_t> borda_winners(const PairwiseMatrix& m);

/// Per-candidate scores: Copeland (wins - losses), Minimax (largest margin against, negated
/// so that higher is better), Borda (pairwise wins over ballots).
MINGA_EXPORT std::vector<std::int64_t> copeland_scores(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::int64_t> minimax_scores(const PairwiseMatrix& m);
MINGA_EXPORT std::vector<std::uint64_t> borda_scores(const PairwiseMatrix& m);

enum class PairwiseMethod : std::uint8_t { condorcet, smith, schulze, ranked_pairs, minimax, copeland, borda };
MINGA_EXPORT const char* pairwise_method_name(PairwiseMethod method) noexcept;
/// "condorcet", "smith", "schulze", "ranked-pairs", "minimax", "copeland", "borda". Throws Error(invalid_argument).
MINGA_EXPORT PairwiseMethod pairwise_method_from_name(std::string_view name);

/// One winner by `method`; co-winners are settled by `tie_break` (stop: the
/// result lists none and reports the tie). "condorcet" has no winner when
/// there is no Condorcet winner (a note says so). The result carries the
/// method's scores (Borda, Copeland, Minimax) and no rounds.
MINGA_EXPORT Result condorcet_count(const Election& election, PairwiseMethod method, const TieBreak& tie_break = {});

}  // namespace minga::ranked
