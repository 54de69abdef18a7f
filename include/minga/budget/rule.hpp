// SPDX-License-Identifier: Apache-2.0
// minga/budget/rule.hpp - one description of "which budgeting rule, with which parameters", and the rule a file names.
//
// A RuleSpec names a rule and every parameter; run_rule() builds the instance
// and runs it. The C ABI, Python and the `minga budget` command all go through
// here, so they cannot disagree.
//
// official_rule() reads pabulib's META `rule` and returns the parameters that
// reproduce the official outcome of every real file we have
// (docs/budget.md lists them):
//   greedy, greedy-threshold   greedy by votes (approval, choose-1) or by score
//                              (cumulative, ordinal, scoring), skipping what does
//                              not fit; META min_project_score_threshold applies
//   greedy-no-skip             the same, stopping at the first that does not fit
//   equalshares, equalshares/add1
//                              MES, cost satisfaction, Add1 (step 1, integral
//                              start, no exhaustive stop), no comparison
//   equalshares/add1-comparison  the same, then the comparison step (satisfaction)
// Ties: {min_cost, max_votes, by_id} (files do not record how ties were broken).
// Anything else (unknown, greedy-custom, ...) is Error(unsupported).
#pragma once

#include "minga/budget/equal_shares.hpp"
#include "minga/budget/greedy.hpp"
#include "minga/budget/knapsack.hpp"
#include "minga/budget/maximin_support.hpp"
#include "minga/budget/phragmen.hpp"

namespace minga::budget {

enum class Rule : std::uint8_t { greedy, max_welfare, equal_shares, phragmen, maximin_support };

/// "greedy", "max_welfare", "equal_shares", "phragmen", "maximin_support".
MINGA_EXPORT const char* rule_name(Rule rule) noexcept;
/// Also accepts "-" for "_", "mes" and "greedy-no-skip" (greedy without skip: sets *skip = false when given).
MINGA_EXPORT Rule parse_rule(std::string_view name, bool* skip = nullptr);

struct RuleSpec {
  Rule rule = Rule::equal_shares;
  InstanceOptions instance;
  TieBreakChain tie_break;          ///< used by every rule
  GreedyOptions greedy;             ///< order and skip (its tie_break is replaced)
  EqualSharesOptions equal_shares;  ///< completion, step, comparison (its tie_break is replaced)
  KnapsackOptions knapsack;         ///< its tie_break is replaced
  std::string origin;               ///< where the parameters came from, e.g. "META rule 'greedy-threshold'"
  /// Not part of the rule: the caller is asked to also analyze() the outcome
  /// (empty-handed voters, EJR/PJR-style axioms, MES's price system), as the
  /// C ABI and Python do for the spec key "check".
  bool check = false;
};

/// The rule the election's META `rule` names, with the parameters above.
MINGA_EXPORT RuleSpec official_rule(const Election& election);

/// Runs the rule on an instance built by the caller from the same spec.instance.
MINGA_EXPORT Allocation run_rule(const BudgetInstance& instance, const RuleSpec& spec);

}  // namespace minga::budget
