// SPDX-License-Identifier: Apache-2.0
// minga/budget/tie_break.hpp - how a budgeting rule chooses between projects it values equally.
//
// Every rule call names its tie-break chain; there is no hidden default. The
// chain is applied in order until one project comes first:
//
//   min_cost   the cheaper project        (equalshares.net's first criterion)
//   max_cost   the dearer project
//   max_votes  the project more voters support (raw votes, not effective votes)
//   max_score  the project with more points
//   by_id      the smaller id in byte order (pabutools' default is by name)
//   lot        a seeded lot: SeededRandom(seed).shuffle() of the projects in
//              instance order, drawn once per call; earlier in the draw wins
//              (docs/randomness.md)
//   refuse     any tie reaching this step fails with Error(Errc::tie)
//
// A tie that survives the whole chain also fails with Error(Errc::tie), naming
// the projects: end the chain with by_id or lot to always get an outcome.
// equalshares.net recommends {min_cost, max_votes, lot}.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minga/budget/instance.hpp"

namespace minga::budget {

enum class TieBreak : std::uint8_t { min_cost, max_cost, max_votes, max_score, by_id, lot, refuse };

struct TieBreakChain {
  std::vector<TieBreak> order;
  std::string seed;  ///< for lot: the published seed

  /// Parses "min_cost,max_votes,lot" (names as above; "-" and "_" are the same).
  MINGA_EXPORT static TieBreakChain parse(std::string_view text, std::string seed = {});
  /// The chain as text, e.g. "min_cost,max_votes,lot".
  MINGA_EXPORT std::string to_string() const;
};

MINGA_EXPORT const char* tie_break_name(TieBreak t) noexcept;

/// The chain applied to one instance: a strict order on tied projects.
class MINGA_EXPORT TieBreaker {
 public:
  TieBreaker(const BudgetInstance& instance, TieBreakChain chain);

  /// The preferred project among `tied` (non-empty). Error(tie) when the
  /// chain cannot separate two of them. `context` (e.g. "round 3") goes into
  /// the message.
  ProjectIndex choose(std::span<const ProjectIndex> tied, std::string_view context) const;
  /// True when a comes before b; Error(tie) when the chain cannot tell.
  bool before(ProjectIndex a, ProjectIndex b, std::string_view context) const;

  const TieBreakChain& chain() const noexcept { return chain_; }

 private:
  int compare(ProjectIndex a, ProjectIndex b, std::string_view context) const;  // <0: a first
  const BudgetInstance* instance_;
  TieBreakChain chain_;
  std::vector<std::uint32_t> lot_rank_;
};

}  // namespace minga::budget
