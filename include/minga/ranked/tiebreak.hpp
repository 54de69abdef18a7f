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
//                                         decides (Irish and New Zealand practice)
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
//
// Look-back narrows step by step: at each round visited, only the tied
// candidates with the extreme total (lowest when choosing whom to exclude,
// highest when choosing whom to elect) stay tied; one left ends the search.
#pragma once

#include "minga/export.h"

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

enum class LookBack : std::uint8_t { none = 0, previous_rounds_backwards = 1, first_difference_forwards = 2 };
enum class TieFinal : std::uint8_t {
  stop = 0,
  candidate_order = 1,
  seeded_random = 2,
  rctab_random = 3,
  rctab_permutation = 4,
  lot_order = 5,
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
/// "rctab-permutation", "lot-order", optionally prefixed by "backwards," or "forwards,"
/// ("backwards,random"). Throws Error(invalid_argument) on anything else.
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

 private:
  struct State;
  std::unique_ptr<State> state_;
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
