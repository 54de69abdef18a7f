// SPDX-License-Identifier: Apache-2.0
// minga/budget/maximin_support.hpp - the maximin support rule for budgets (Generalised Sequential Phragmén).
//
// Funding a set of projects W means splitting each project's cost among its
// supporters; the fairest split keeps the largest load any voter carries as
// small as possible. That least maximal load is
//     z(W) = max over non-empty S within W of  cost(S) / supporters(S),
// where supporters(S) counts the voters who support at least one project of S
// (Hall's theorem: a split with every load <= z exists exactly when no S
// needs more than z per supporter). The rule adds, round after round, the
// affordable project p whose set W + {p} has the smallest z (ties by the
// chain), until nothing left fits. Projects nobody supports are never funded.
//
// Definition: Sánchez-Fernández, Fernández-García, Fisteus and Brill, "The
// maximin support method" (AAAI 2021), extended to costs as Aziz, Lee and
// Talmon's Generalised Sequential Phragmén (AAMAS 2018); pabutools calls it
// maximin_support and solves a floating-point linear program per candidate.
// minga finds z exactly: Dinkelbach's iteration on a max-flow over groups of
// voters with the same supported projects, each cut naming a subset S with a
// larger ratio, in exact integers (64-bit, 128-bit or GMP, chosen from bounds).
#pragma once

#include <span>

#include "minga/budget/allocation.hpp"
#include "minga/budget/tie_break.hpp"

namespace minga::budget {

struct MaximinSupportOptions {
  TieBreakChain tie_break;
  std::optional<Rational> budget;  ///< default the instance's budget
};

/// The rule. Each FundingStep's price is z of the projects funded so far.
MINGA_EXPORT Allocation maximin_support(const BudgetInstance& instance, const MaximinSupportOptions& options);

/// z(projects): the least possible maximal load of a voter when the projects'
/// costs are split among their supporters. Error(invalid_argument) when a
/// project has no supporter (no split exists) or the list is empty.
MINGA_EXPORT Rational minimal_max_load(const BudgetInstance& instance, std::span<const ProjectIndex> projects);

}  // namespace minga::budget
