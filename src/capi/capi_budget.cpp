// SPDX-License-Identifier: Apache-2.0
// src/capi/capi_budget.cpp - the C ABI of participatory budgeting (minga_budget_*): spec JSON in, result JSON out.
//
// No decision logic here: the spec becomes a RuleSpec (budget/spec_json.hpp),
// the rule runs through run_rule() and the result is allocation_to_json().
#include <optional>
#include <string>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "minga.h"
#include "minga/budget/allocation.hpp"
#include "minga/budget/analysis.hpp"
#include "minga/budget/rule.hpp"
#include "minga/budget/spec_json.hpp"

extern "C" {

int minga_budget_run(const minga_election* election, const char* spec_json, char** result_json) {
  constexpr const char* fn = "minga_budget_run";
  if (result_json != nullptr) *result_json = nullptr;
  return minga::capi::guarded(fn, [&] {
    minga::capi::require(election, fn, "election");
    minga::capi::require(result_json, fn, "result_json");
    using namespace minga::budget;
    const RuleSpec spec = rule_spec_from_json(election->election, spec_json ? std::string_view(spec_json) : "");
    const BudgetInstance instance(election->election, spec.instance);
    const Allocation allocation = run_rule(instance, spec);
    std::optional<OutcomeAnalysis> analysis;
    if (spec.check) analysis = analyze(instance, allocation);
    minga::capi::copy_out(allocation_to_json(instance, allocation, 2, analysis ? &*analysis : nullptr), result_json,
                          nullptr);
    return MINGA_OK;
  });
}

}  // extern "C"
