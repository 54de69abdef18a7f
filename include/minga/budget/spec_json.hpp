// SPDX-License-Identifier: Apache-2.0
// minga/budget/spec_json.hpp - a RuleSpec from a small JSON object: how the C ABI and Python name a budgeting rule.
//
// The C ABI (minga_budget_run) and the Python module (minga.budget) take the
// rule as one JSON object, read here, so both doors accept exactly the same
// options. Every key is optional; unknown keys are an error naming the key.
//
//   "rule"              "official" (the default: the rule the file's META
//                       names, with the parameters of official_rule()), or
//                       "greedy", "greedy-no-skip", "max-welfare", "mes"
//                       (also "equal-shares"), "phragmen". A rule other than
//                       "official" starts from the tie-break chain
//                       min_cost,max_votes,by_id and, for greedy, the order
//                       "votes" on approval ballots and "score" otherwise.
//   "utility"           satisfaction model: "cost", "cardinality" (also
//                       "approval"), "points"
//   "order"             greedy: "votes", "score", "welfare_per_cost"
//   "completion"        mes: "none", "utilitarian", "add1", "add1_utilitarian"
//                       (also "add1u")
//   "step"              add1: endowment step per voter (exact, see below)
//   "exhaustive_stop"   add1: true/false
//   "integral_start"    add1: true/false
//   "comparison"        mes: "none", "satisfaction", "exclusion_ratio"
//   "tie_break"         the chain, e.g. "min_cost,max_votes,lot" (see tie_break.hpp)
//   "seed"              the published seed of the "lot" tie-break
//   "budget"            replaces the file's budget (exact)
//   "support_per_cost"  Świecie's eligibility filter factor (exact)
//   "check"             true: the result also carries "analysis" (analysis.hpp's
//                       analyze(): empty-handed voters overall and by channel and
//                       district, the proportionality axioms, MES's price system)
//
// Names take "-" or "_" alike. Exact amounts are strings ("1500.50", "1/3")
// or JSON integers; a JSON number with a fraction or exponent is refused (it
// may not be exact). null for any key means "not given".
//
// Errors: Error(invalid_argument) with field = the key ("spec: field 'rule':
// unknown rule ..."), Error(parse) for text that is not a JSON object;
// official_rule()'s Error(unsupported) when the file names no rule minga can
// reproduce.
#pragma once

#include <string_view>

#include "minga/budget/rule.hpp"

namespace minga::budget {

/// The RuleSpec `json` describes for `election` (empty text or "{}" = official_rule(election)).
MINGA_EXPORT RuleSpec rule_spec_from_json(const Election& election, std::string_view json);

}  // namespace minga::budget
