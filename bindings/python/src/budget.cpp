// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/budget.cpp - minga._minga._budget_run: an Election and a JSON rule spec in, the result JSON out.
//
// No decision logic here: the spec becomes a RuleSpec (minga/budget/spec_json.hpp,
// the same reader as the C ABI's minga_budget_run), the rule runs through
// run_rule() with the GIL released, and the result is allocation_to_json().
// minga/_budget.py turns that JSON into a BudgetResult with exact Fractions.
#include "src/budget.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "minga/budget/allocation.hpp"
#include "minga/budget/analysis.hpp"
#include "minga/budget/rule.hpp"
#include "minga/budget/spec_json.hpp"
#include "src/convert.hpp"
#include "src/election.hpp"
#include "src/progress.hpp"

namespace minga::python {

namespace {

py::str budget_run(const PyElection& self, py::handle spec, py::handle add1_progress) {
  std::string spec_text = spec.is_none() ? std::string() : std::string(utf8_view(spec, "spec"));
  // told(run, endowment, total_cost, budget), the figures as exact decimal or fraction text
  const auto told =
      progress_callback<std::function<void(std::uint32_t, std::string, std::string, std::string)>>(add1_progress);
  std::string result = reading(self, [&](const Election& e) {
    using namespace minga::budget;
    RuleSpec rule_spec = rule_spec_from_json(e, spec_text);
    if (told)
      rule_spec.equal_shares.on_add1_run = [&told](const Add1Run& r) {
        told(r.run, to_exact_string(r.endowment), to_exact_string(r.total_cost), to_exact_string(r.budget));
      };
    const BudgetInstance instance(e, rule_spec.instance);
    const Allocation allocation = run_rule(instance, rule_spec);
    std::optional<OutcomeAnalysis> analysis;
    if (rule_spec.check) analysis = analyze(instance, allocation);
    return allocation_to_json(instance, allocation, -1, analysis ? &*analysis : nullptr);
  });
  return to_py_str(result);
}

}  // namespace

void define_budget(py::module_& m) {
  using namespace pybind11::literals;
  m.def("_budget_run", &budget_run, "election"_a, "spec"_a = py::none(), "add1_progress"_a = py::none(),
        "_budget_run(election, spec=None, add1_progress=None) -> str: runs a participatory-budgeting rule described "
        "by a JSON spec (keys as in minga.h's minga_budget_run; None or '{}' = the rule the file names) with the GIL "
        "released, and returns the result as JSON (schema minga.budget.result/1); add1_progress(run, endowment, "
        "total_cost, budget) is called after each Add1 run, the figures as exact text. Use minga.budget() instead.");
}

}  // namespace minga::python
