// SPDX-License-Identifier: Apache-2.0
// minga/budget/greedy.hpp - greedy utilitarian rules: fund the best project that fits, then the next.
//
// Projects are taken in decreasing order of the key, ties broken by the chain:
//   votes              supporters (pabulib's `greedy` on approval files; CONSUL)
//   score              total points (pabulib's `greedy` on cumulative and ordinal files)
//   welfare_per_cost   total satisfaction / cost under the instance's model
//                      (pabutools' greedy_utilitarian_welfare: with cost satisfaction
//                      it is greedy by votes; with cardinality, votes per cost)
// With skip (the usual rule), a project that does not fit in the money left is
// passed over and the next one tried; without skip ("greedy-no-skip") the rule
// stops at the first project that does not fit.
#pragma once

#include <span>

#include "minga/budget/allocation.hpp"
#include "minga/budget/tie_break.hpp"

namespace minga::budget {

enum class GreedyOrder : std::uint8_t { votes, score, welfare_per_cost };

MINGA_EXPORT const char* greedy_order_name(GreedyOrder order) noexcept;
MINGA_EXPORT GreedyOrder parse_greedy_order(std::string_view name);

struct GreedyOptions {
  GreedyOrder order = GreedyOrder::votes;
  bool skip = true;
  TieBreakChain tie_break;
  /// Money to spend; default the instance's budget.
  std::optional<Rational> budget;
};

/// Greedy selection. `already` are funded first (a completion continues from
/// another rule's outcome); their cost counts against the budget.
MINGA_EXPORT Allocation greedy(const BudgetInstance& instance, const GreedyOptions& options,
                               std::span<const ProjectIndex> already = {});

}  // namespace minga::budget
