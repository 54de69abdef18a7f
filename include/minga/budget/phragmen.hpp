// SPDX-License-Identifier: Apache-2.0
// minga/budget/phragmen.hpp - sequential Phragmén for budgets: voters earn money at the same rate and buy projects together.
//
// Each supporter of a project carries a load (money spent so far). Funding
// project p would lift every supporter's load to
//     t(p) = (cost(p) + sum of supporters' loads) / supporters(p);
// the affordable project with the smallest t is funded (ties by the chain) and
// its supporters' loads become t. Projects that no longer fit in the money
// left are dropped. Supporters count as in the instance (any positive
// satisfaction); exact rationals throughout.
#pragma once

#include "minga/budget/allocation.hpp"
#include "minga/budget/tie_break.hpp"

namespace minga::budget {

struct PhragmenOptions {
  TieBreakChain tie_break;
  std::optional<Rational> budget;  ///< default the instance's budget
};

MINGA_EXPORT Allocation sequential_phragmen(const BudgetInstance& instance, const PhragmenOptions& options);

}  // namespace minga::budget
