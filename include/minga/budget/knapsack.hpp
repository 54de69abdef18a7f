// SPDX-License-Identifier: Apache-2.0
// minga/budget/knapsack.hpp - the exact utilitarian optimum: the affordable set of projects with the most welfare.
//
// Welfare is the total satisfaction under the instance's model (cost
// satisfaction: sum over funded projects of votes x cost; cardinality: votes).
// Solved exactly by depth-first branch and bound on integers (costs and
// satisfactions scaled to a common denominator), with the fractional-knapsack
// bound; the optimum is proven, never approximated.
//
// Several sets may reach the optimum. The tie-break chain picks one: the
// optimal sets are compared by their projects taken in chain order (the set
// holding the project the chain puts first wins; then the next...). With
// list_all, every optimal set (up to max_optima) is returned as well.
#pragma once

#include "minga/budget/allocation.hpp"
#include "minga/budget/tie_break.hpp"

namespace minga::budget {

struct KnapsackOptions {
  TieBreakChain tie_break;
  bool list_all = false;
  std::size_t max_optima = 1000;       ///< Error(limit) if more optima exist and list_all is set
  std::uint64_t max_nodes = 2'000'000'000;  ///< search nodes before Error(limit)
};

struct KnapsackResult {
  Allocation allocation;                          ///< the chosen optimum
  Rational welfare;                               ///< its total satisfaction
  std::vector<std::vector<ProjectIndex>> optima;  ///< with list_all: every optimal set, chosen first
  std::uint64_t nodes = 0;                        ///< search nodes visited
};

MINGA_EXPORT KnapsackResult max_welfare(const BudgetInstance& instance, const KnapsackOptions& options);

}  // namespace minga::budget
