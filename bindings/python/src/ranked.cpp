// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/ranked.cpp - minga._minga._ranked_tally: an Election and named options in, minga.result/1 JSON out.
//
// No decision logic here: the options fill a ranked::CountSpec with the
// library's own name parsers, ranked::count() runs with the GIL released, and
// the result is ranked::to_json(). minga/_ranked.py turns it into a TallyResult.
#include "src/ranked.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "minga/ranked/condorcet.hpp"
#include "minga/ranked/count.hpp"
#include "src/convert.hpp"
#include "src/election.hpp"

namespace minga::python {

namespace {

using namespace minga::ranked;

template <class Parse>
auto parsed(const std::optional<std::string>& name, const char* field, Parse&& parse)
    -> std::optional<decltype(parse(std::string_view{}))> {
  if (!name) return std::nullopt;
  return with_field(field, [&] { return parse(std::string_view(*name)); });
}

std::optional<std::uint32_t> count_or_none(py::handle value, const char* field) {
  if (value.is_none()) return std::nullopt;
  const Integer n = to_integer(value, field);
  if (n < 0 || n > 1000000) throw_argument_error(field, "must be between 0 and 1000000");
  return n.convert_to<std::uint32_t>();
}

py::str ranked_tally(const PyElection& self, const std::string& method, py::handle seats,
                     const std::optional<std::string>& overvote, py::handle max_skipped,
                     const std::optional<std::string>& duplicate, py::handle max_rankings,
                     const std::optional<std::string>& write_ins, const std::optional<std::string>& tie_break,
                     const std::optional<std::string>& seed, bool batch, bool continue_until_two, py::handle share,
                     const std::optional<std::string>& quota, py::handle decimals) {
  CountSpec spec;
  spec.method = method;
  spec.seats = count_or_none(seats, "seats");
  if (auto r = parsed(overvote, "overvote", overvote_rule_from_name)) spec.ballots.overvote = *r;
  if (auto r = parsed(duplicate, "duplicate", duplicate_rule_from_name)) spec.ballots.duplicate = *r;
  if (auto r = parsed(write_ins, "write_ins", write_in_rule_from_name)) spec.ballots.write_in = *r;
  spec.ballots.max_skipped_ranks = count_or_none(max_skipped, "max_skipped");
  spec.ballots.max_rankings = count_or_none(max_rankings, "max_rankings");
  if (tie_break || seed)
    spec.tie_break = with_field("tie_break", [&] { return tie_break_from_name(tie_break.value_or("stop"), seed.value_or("")); });
  spec.batch_elimination = batch;
  spec.continue_until_two = continue_until_two;
  if (!share.is_none()) spec.share = to_rational(share, "share");
  spec.quota = parsed(quota, "quota", quota_from_name);
  if (auto d = count_or_none(decimals, "decimals")) spec.decimals = *d;
  return to_py_str(reading(self, [&](const Election& e) { return to_json(count(e, spec), -1); }));
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
  m.def("_ranked_tally", &ranked_tally, "election"_a, "method"_a, "seats"_a = py::none(), "overvote"_a = py::none(),
        "max_skipped"_a = py::none(), "duplicate"_a = py::none(), "max_rankings"_a = py::none(),
        "write_ins"_a = py::none(), "tie_break"_a = py::none(), "seed"_a = py::none(), "batch"_a = false,
        "continue_until_two"_a = false, "share"_a = py::none(), "quota"_a = py::none(), "decimals"_a = py::none(),
        "_ranked_tally(election, method, ...) -> str: counts ranked ballots by a named method (as `minga tally "
        "--method`) with the GIL released; returns the result as JSON (schema minga.result/1). Use minga.tally().");
  m.def("_ranked_methods", &ranked_methods, "The method names _ranked_tally accepts.");
  m.def("_pairwise", &pairwise, "election"_a,
        "_pairwise(election) -> list of rows: [a][b] = ballots ranking alternative a above b (partial ballots: "
        "ranked above unranked). Use minga.pairwise_matrix().");
}

}  // namespace minga::python
