// SPDX-License-Identifier: Apache-2.0
// minga/budget/allocation.hpp - what a budgeting rule returns: the funded projects and why.
//
// An Allocation lists the funded projects in the order the rule chose them,
// the total cost, one FundingStep per choice (with the numbers that decided
// it), the projects left unfunded with the reason, and for the Method of Equal
// Shares the final per-voter endowment and the price system (who paid what).
// allocation_to_json() writes it as "schema": "minga.budget.result/1".
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "minga/budget/instance.hpp"
#include "minga/core/number.hpp"

namespace minga::budget {

/// One project chosen by a rule, with the figures behind the choice.
struct FundingStep {
  ProjectIndex project = 0;
  std::string phase;                  ///< "equal shares", "greedy", "utilitarian completion", "phragmen"...
  /// Equal shares: the price per unit of satisfaction each supporter paid at
  /// most (rho); Phragmén: the new maximal load.
  std::optional<Rational> price;
  /// Equal shares: cost / (rho x total satisfaction of its supporters) x voters,
  /// i.e. how many fully paying voters it was worth ("effective votes" for cost satisfaction).
  std::optional<Rational> effective_votes;
  std::uint64_t supporters = 0;       ///< voters supporting it
  std::uint64_t paying_everything = 0;  ///< supporters who spent all they had left on it
  std::vector<ProjectIndex> tied;     ///< other projects that were exactly as good (broken by the chain)
};

/// A project the rule did not fund and why.
struct UnfundedProject {
  ProjectIndex project = 0;
  std::string reason;  ///< "supporters had 41,203.5 left, it costs 50,000", "does not fit the 1,200 left"...
};

/// Who paid for what (equal shares): a price system certifying the outcome.
struct Payment {
  std::uint32_t group = 0;   ///< voter group (BudgetInstance::ballot)
  ProjectIndex project = 0;
  Rational per_voter;        ///< what each voter of the group paid
};

struct Allocation {
  std::string rule;                      ///< the rule and every parameter, e.g. "equal_shares(cost; add1 step 1, ...)"
  std::vector<ProjectIndex> selected;    ///< in the order chosen
  Rational total_cost;
  std::vector<FundingStep> steps;        ///< one per selected project, same order
  std::vector<UnfundedProject> unfunded; ///< every eligible project not selected
  std::optional<Rational> endowment;     ///< equal shares: the per-voter budget of the final run
  std::vector<Payment> payments;         ///< equal shares: the price system (empty for other rules)
  std::vector<std::string> notes;        ///< completions applied, comparison verdict, ...

  MINGA_EXPORT bool contains(ProjectIndex p) const;
  /// True when no unselected project fits in the money left.
  MINGA_EXPORT bool is_exhaustive(const BudgetInstance& instance) const;
  /// Records a project as not funded, with the reason.
  MINGA_EXPORT void leave_unfunded(ProjectIndex project, std::string reason);
  /// Moves the projects of `open` that cost more than budget - total_cost to
  /// `unfunded` ("costs 500, only 120 left"), keeping the order of the rest.
  MINGA_EXPORT void drop_unaffordable(const BudgetInstance& instance, std::vector<ProjectIndex>& open,
                                      const Rational& budget);
};

struct OutcomeAnalysis;  // analysis.hpp

/// The allocation as JSON ("schema": "minga.budget.result/1"; project ids, exact amounts as strings),
/// with an "analysis" object when one is given. indent < 0 writes one line.
MINGA_EXPORT std::string allocation_to_json(const BudgetInstance& instance, const Allocation& allocation,
                                            int indent = 2, const OutcomeAnalysis* analysis = nullptr);

}  // namespace minga::budget
