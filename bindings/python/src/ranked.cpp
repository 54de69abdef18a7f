// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/ranked.cpp - minga._minga._ranked_count: an Election and a JSON count spec in, minga.result/1
// JSON out.
//
// No decision logic here: the spec becomes a ranked::CountSpec
// (minga/ranked/spec_json.hpp, the same reader as the C ABI's
// minga_ranked_count), ranked::count() runs with the GIL released, and the
// result is ranked::to_json(). minga/_ranked.py builds the spec from
// minga.tally's keywords and turns the result into a TallyResult.
#include "src/ranked.hpp"

#include <pybind11/stl.h>

#include <string>

#include "minga/ranked/condorcet.hpp"
#include "minga/ranked/count.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/rctab_output.hpp"
#include "minga/ranked/spec_json.hpp"
#include "src/convert.hpp"
#include "src/election.hpp"

namespace minga::python {

namespace {

using namespace minga::ranked;

py::str ranked_count(const PyElection& self, py::handle spec) {
  const std::string text = spec.is_none() ? std::string() : std::string(utf8_view(spec, "spec"));
  return to_py_str(reading(self, [&](const Election& e) { return to_json(count(e, count_spec_from_json(text)), -1); }));
}

// RCTab's summary JSON and CSV and minga's result for an RCTab contest, the GIL released.
py::tuple rctab_tabulate(const std::string& config_path) {
  std::string summary, csv, result;
  {
    py::gil_scoped_release no_gil;
    const RctabContest contest = read_rctab_config(config_path);
    const Result counted = tabulate_rctab(contest, load_rctab_cvrs(contest));
    summary = rctab_summary_json(contest, counted);
    csv = rctab_summary_csv(contest, counted);
    result = to_json(counted, -1);
  }
  return py::make_tuple(to_py_str(summary), to_py_str(csv), to_py_str(result));
}

py::list ranked_methods() {
  py::list out;
  for (std::string_view name : count_method_names()) out.append(to_py_str(name));
  return out;
}

py::list pairwise(const PyElection& self) {
  const PairwiseMatrix m = reading(self, [](const Election& e) { return pairwise_matrix(e); });
  py::list rows;
  for (std::uint32_t a = 0; a < m.size(); ++a) {
    py::list row;
    for (std::uint32_t b = 0; b < m.size(); ++b) row.append(m.pairs(a, b));
    rows.append(row);
  }
  return rows;
}

}  // namespace

void define_ranked(py::module_& m) {
  using namespace pybind11::literals;
  m.def("_ranked_count", &ranked_count, "election"_a, "spec"_a = py::none(),
        "_ranked_count(election, spec=None) -> str: counts ranked ballots as a JSON spec says (keys as in minga.h's "
        "minga_ranked_count: method, seats, ballot rules, tie_break, ...; None or '{}' = IRV) with the GIL released; "
        "returns the result as JSON (schema minga.result/1). Use minga.tally().");
  m.def("_ranked_methods", &ranked_methods, "The method names _ranked_count accepts.");
  m.def("_rctab_tabulate", &rctab_tabulate, "config_path"_a,
        "_rctab_tabulate(config_path) -> (summary_json, summary_csv, result_json): an RCTab contest counted as RCTab "
        "would (minga.h's minga_rctab_tabulate). Use minga.rctab().");
  m.def("_pairwise", &pairwise, "election"_a,
        "_pairwise(election) -> list of rows: [a][b] = ballots ranking alternative a above b (partial ballots: "
        "ranked above unranked). Use minga.pairwise_matrix().");
}

}  // namespace minga::python
