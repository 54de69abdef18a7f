// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/quadratic.cpp - minga._minga._qv_* and _qf_*: rows, files or an Election and a JSON spec in,
// result JSON out.
//
// No decision logic here: the spec is read by minga/quadratic/spec_json.hpp (the
// same reader as the C ABI), the library validates, tallies or matches with the
// GIL released, and minga/_quadratic.py turns the JSON into plain Python objects.
#include "src/quadratic.hpp"

#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "minga/quadratic/funding.hpp"
#include "minga/quadratic/spec_json.hpp"
#include "minga/quadratic/voting.hpp"
#include "src/convert.hpp"
#include "src/election.hpp"

namespace minga::python {

namespace {

std::string spec_text(py::handle spec) {
  return spec.is_none() ? std::string() : std::string(utf8_view(spec, "spec"));
}

std::string tally_input(QvInput input, const QvSpec& spec) {
  for (const auto& id : spec.options) input.options.push_back(Alternative{id, {}, {}, false, {}});
  if (!spec.options_file.empty()) input.options = read_qv_options(spec.options_file);
  return qv_result_to_json(tally_qv(validate_qv(input, spec.rules), spec.rules));
}

py::str qv_tally_rows(const std::vector<std::string>& voters, const std::vector<std::string>& options,
                      const std::vector<std::string>& votes, py::handle spec) {
  if (voters.size() != options.size() || voters.size() != votes.size())
    throw_argument_error("rows", "voters, options and votes differ in length");
  const std::string text = spec_text(spec);
  std::string result;
  {
    py::gil_scoped_release no_gil;
    const QvSpec s = qv_spec_from_json(text, "minga.qv");
    QvInput input;
    input.source = "<rows>";
    input.rows.reserve(voters.size());
    for (std::size_t i = 0; i < voters.size(); ++i)
      input.rows.push_back(QvRow{voters[i], options[i], votes[i], {}, i + 1});
    result = tally_input(std::move(input), s);
  }
  return to_py_str(result);
}

py::str qv_tally_file(const std::string& path, py::handle spec) {
  const std::string text = spec_text(spec);
  std::string result;
  {
    py::gil_scoped_release no_gil;
    result = tally_input(read_qv_rows(path), qv_spec_from_json(text, "minga.qv"));
  }
  return to_py_str(result);
}

py::str qv_tally(const PyElection& election, py::handle spec) {
  const std::string text = spec_text(spec);
  return to_py_str(reading(election, [&](const Election& e) {
    return qv_result_to_json(tally_qv(e, qv_spec_from_json(text, "minga.qv").rules));
  }));
}

py::str qf_match(const std::vector<std::string>& donors, const std::vector<std::string>& projects,
                 const std::vector<std::string>& amounts, py::handle spec) {
  if (donors.size() != projects.size() || donors.size() != amounts.size())
    throw_argument_error("contributions", "donors, projects and amounts differ in length");
  const std::string text = spec_text(spec);
  std::string result;
  {
    py::gil_scoped_release no_gil;
    const QfOptions options = qf_spec_from_json(text, "minga.qf", nullptr);
    Contributions c;
    c.reserve(donors.size());
    for (std::size_t i = 0; i < donors.size(); ++i) {
      Integer amount;
      try {
        amount = parse_integer(amounts[i], "amount");
      } catch (const Error& e) {
        throw Error(Errc::invalid_argument, Location{{}, 0, "contributions[" + std::to_string(i) + "]"}, e.reason());
      }
      c.add(donors[i], projects[i], amount);
    }
    result = qf_result_to_json(match_qf(c, options));
  }
  return to_py_str(result);
}

py::str qf_match_file(const std::string& path, py::handle spec) {
  const std::string text = spec_text(spec);
  std::string result;
  {
    py::gil_scoped_release no_gil;
    Integer vcf = 0;
    const QfOptions options = qf_spec_from_json(text, "minga.qf", &vcf);
    if (is_maci_tally_file(path)) {
      if (vcf == 0) throw Error(Errc::invalid_argument, "minga.qf: a MACI tally needs voice_credit_factor");
      result = qf_result_to_json(fit_qf(maci_subsidies(read_maci_tally(path), vcf), options));
    } else {
      result = qf_result_to_json(match_qf(read_contributions(path), options));
    }
  }
  return to_py_str(result);
}

}  // namespace

void define_quadratic(py::module_& m) {
  using namespace pybind11::literals;
  m.def("_qv_tally_rows", &qv_tally_rows, "voters"_a, "options"_a, "votes"_a, "spec"_a = py::none(),
        "_qv_tally_rows(voters, options, votes, spec=None) -> str (minga.qv/1 JSON). Use minga.qv() instead.");
  m.def("_qv_tally_file", &qv_tally_file, "path"_a, "spec"_a = py::none(),
        "_qv_tally_file(path, spec=None) -> str (minga.qv/1 JSON). Use minga.qv() instead.");
  m.def("_qv_tally", &qv_tally, "election"_a, "spec"_a = py::none(),
        "_qv_tally(election, spec=None) -> str (minga.qv/1 JSON). Use minga.qv() instead.");
  m.def("_qf_match", &qf_match, "donors"_a, "projects"_a, "amounts"_a, "spec"_a = py::none(),
        "_qf_match(donors, projects, amounts, spec=None) -> str (minga.qf/1 JSON). Use minga.qf() instead.");
  m.def("_qf_match_file", &qf_match_file, "path"_a, "spec"_a = py::none(),
        "_qf_match_file(path, spec=None) -> str (minga.qf/1 JSON). Use minga.qf() instead.");
}

}  // namespace minga::python
