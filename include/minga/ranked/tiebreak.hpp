// SPDX-License-Identifier: Apache-2.0
// minga/ranked/tiebreak.hpp - explicit tie-break policies for ranked counts.
//
// Every rule that can meet a tie takes a TieBreak; there is no hidden default.
// A policy is an optional look-back over earlier rounds, then a final step:
//
//   look_back  previous_rounds_backwards  the most recent earlier round where the
//                                         tied candidates had different totals
//                                         decides (Scottish STV, SSI 2007/42 r.49-51)
//              first_difference_forwards  the earliest round where they differed
//                                         decides, then later rounds narrow further
//                                         (Irish practice)
//              ahead_at_first_difference  New Zealand's AAFD method (Local Electoral
//                                         Regulations 2001, Schedule 1A, cl. 40): at
//                                         the earliest step where the tied candidates'
//                                         votes were not all equal, those with the
//                                         fewest (most, when electing) stay tied; no
//                                         later step is looked at
//   final      stop                       the count stops and the result reports the tie
//              candidate_order            `order` (default: election order); the
//                                         earlier candidate is favoured
//              seeded_random              minga::SeededRandom(seed): the tied candidates
//                                         in index order, one drawn with below(n)
//              rctab_random               RCTab's "random": java.util.Random(seed as a
//                                         64-bit integer), tied names sorted by code
//                                         unit, index floor(nextDouble() * n)
//              rctab_permutation          RCTab's "generatePermutation": every name,
//                                         sorted, shuffled once by Java's
//                                         Collections.shuffle(Random(seed)); earlier
//                                         in the permutation is favoured
//              lot_order                  `order` (default: election order) is a lot
//                                         drawn before the count: the tied candidate
//                                         listed first is the one picked, whether to
//                                         exclude or to elect (Droop's "by lot")
//              new_zealand_prn            Schedule 1A cl. 19 and 41-48: the candidate
//                                         with the lowest pseudo-random number (PRN) at
//                                         the current step (NewZealandPrng below); only
//                                         a count that numbers its steps takes it (Meek:
//                                         TieBreaker::number_steps_for_new_zealand)
//
// The policy "new-zealand" is ahead_at_first_difference, then new_zealand_prn:
// Schedule 1A's whole rule for a tie (cl. 19: "exclude the candidate identified
// by the AAFD method ... If the AAFD method does not identify a single candidate
// to exclude, exclude the candidate with the lowest PRN").
// Look-back narrows step by step: at each round visited, only the tied
// candidates with the extreme total (lowest when choosing whom to exclude,
// highest when choosing whom to elect) stay tied; one left ends the search.
#pragma once

#include "minga/export.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "minga/ballot/ballot.hpp"
#include "minga/core/number.hpp"

namespace minga::ranked {

enum class LookBack : std::uint8_t {
  none = 0,
  previous_rounds_backwards = 1,
  first_difference_forwards = 2,
  ahead_at_first_difference = 3,
};
enum class TieFinal : std::uint8_t {
  stop = 0,
  candidate_order = 1,
  seeded_random = 2,
  rctab_random = 3,
  rctab_permutation = 4,
  lot_order = 5,
  new_zealand_prn = 6,
};

struct TieBreak {
  LookBack look_back = LookBack::none;
  TieFinal final = TieFinal::stop;
  std::string seed;                      ///< seeded_random: any published text; rctab_*: a decimal integer
  std::vector<AlternativeIndex> order;   ///< candidate_order: most favoured first; lot_order: first
                                         ///< drawn first; empty = election order
};

MINGA_EXPORT const char* look_back_name(LookBack look_back) noexcept;
MINGA_EXPORT const char* tie_final_name(TieFinal final) noexcept;
/// "stop", "candidate-order", "random" (seeded_random), "rctab-random",
/// "rctab-permutation", "lot-order", "nz-prn", optionally prefixed by "backwards,", "forwards,"
/// or "aafd," ("backwards,random"); "new-zealand" = "aafd,nz-prn". Throws
/// Error(invalid_argument) on anything else.
MINGA_EXPORT TieBreak tie_break_from_name(std::string_view name, std::string seed = {});

/// How one tie was settled, for the round log.
struct TieRecord {
  std::vector<AlternativeIndex> tied;   ///< the candidates that were tied
  AlternativeIndex chosen = 0;          ///< the one excluded (or elected)
  bool for_exclusion = true;            ///< true: choosing whom to exclude
  std::string how;                      ///< "previous round 3", "candidate order", "seeded random", ...
};

/// Applies a TieBreak during one count (random generators keep their state
/// from one tie to the next, as the tabulators do).
class MINGA_EXPORT TieBreaker {
 public:
  /// `names` are the candidates' names (RCTab policies sort by them).
  TieBreaker(TieBreak policy, std::vector<std::string> names);
  ~TieBreaker();
  TieBreaker(TieBreaker&&) noexcept;
  TieBreaker& operator=(TieBreaker&&) noexcept;

  /// Chooses among `tied` (two or more). `history[r][c]` is candidate c's
  /// total at earlier round r (oldest first). Returns nullopt when the policy
  /// is `stop` and the look-back did not settle it.
  std::optional<TieRecord> choose(std::span<const AlternativeIndex> tied, bool for_exclusion,
                                  std::span<const std::vector<Rational>> history);

  const TieBreak& policy() const noexcept;

  /// For new_zealand_prn: the count's c (candidates: `names`), n (vacancies) and v (valid
  /// voting documents) seed the generator (cl. 42). The count then passes one `history` entry
  /// per step, the current step included: history.size() is the step whose PRNs decide (cl. 48).
  /// Without this call, a tie that reaches new_zealand_prn is Error(invalid_argument).
  void number_steps_for_new_zealand(std::uint32_t vacancies, std::uint64_t valid_documents);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// New Zealand's pseudo-random numbers for ties, as Schedule 1A Part 5 of the Local
/// Electoral Regulations 2001 (SR 2001/145) specifies them:
///   cl. 42  x = c + 5, y = n, z = (v + 1 000 (v rem 10)) rem 30 323 (c candidates,
///           n vacancies, v valid voting documents);
///   cl. 43  x = 171x rem 30 269, y = 172y rem 30 307, z = 170z rem 30 323,
///           rc = (10 000x) div 30 269 + (10 000y) div 30 307 + (10 000z) div 30 323
///           (the recurrences of Wichmann and Hill's AS 183 generator; rc is 0..29 997,
///           with no final "rem 10 000");
///   cl. 44-47  four values of rc are discarded, the fifth goes to the first candidate,
///           and each next candidate gets the next rc not yet given to a candidate;
///   cl. 48  at the second and each later step, each candidate's PRN is 10 000 minus
///           its PRN at the step before (so PRN at step k: the first PRN when k is odd,
///           10 000 minus it when k is even; it can be negative).
/// Candidates get their numbers in election order. Deviations reported in the NZ STV
/// Calculator (D. Hill's program: 10 000 for 1 000 in z, rc rem 10 000, an inversion
/// already at the first step) are not followed: this is the regulation's text.
class MINGA_EXPORT NewZealandPrng {
 public:
  /// cl. 42. `valid_documents` may be any size (taken rem 30 323 first, which is the same).
  NewZealandPrng(std::uint32_t candidates, std::uint32_t vacancies, std::uint64_t valid_documents);
  /// cl. 43: advances x, y, z and returns rc.
  std::int32_t next();
  std::array<std::uint32_t, 3> state() const noexcept { return {x_, y_, z_}; }

  /// cl. 44-47: each candidate's PRN at the first step. Error(invalid_argument) for more than
  /// 29 998 candidates (rc takes no more distinct values).
  static std::vector<std::int32_t> first_step_prns(std::uint32_t candidates, std::uint32_t vacancies,
                                                   std::uint64_t valid_documents);
  /// cl. 48: a PRN of the first step as it stands at step `step` (1 = the first).
  static std::int32_t at_step(std::int32_t first_step_prn, std::uint64_t step) noexcept;

 private:
  std::uint32_t x_, y_, z_;
};

/// java.util.Random, exactly (a 48-bit linear congruential generator; used to
/// reproduce RCTab's random tie-breaks).
class MINGA_EXPORT JavaRandom {
 public:
  explicit JavaRandom(std::int64_t seed);
  std::int32_t next(int bits);
  double next_double();
  std::int32_t next_int(std::int32_t bound);

 private:
  std::uint64_t seed_;
};

}  // namespace minga::ranked
