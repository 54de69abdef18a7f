// SPDX-License-Identifier: Apache-2.0
// bindings/python/_minga.cpp - the Python module minga._minga: pybind11 over the C++ core, no decision logic.
//
// Threading: every mutation of an Election happens with the GIL held. Long reads
// (writing files, JSON, bytes, summaries) release the GIL under a ReadLease; a
// mutation attempted while a lease is out raises RuntimeError instead of racing.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/ballot/summary.hpp"
#include "minga/io/format.hpp"
#include "minga/version.h"
#include "src/ballots.hpp"
#include "src/budget.hpp"
#include "src/quadratic.hpp"
#include "src/verify.hpp"
#include "src/ranked.hpp"
#include "src/convert.hpp"
#include "src/election.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace minga::python {
namespace {

// PyElection, ReadLease and reading() live in src/election.hpp (shared with src/budget.cpp).

std::unique_ptr<PyElection> wrap(Election e) {
  return std::make_unique<PyElection>(std::move(e));
}

py::object fraction_or_none(const std::optional<Rational>& value) {
  return value ? to_fraction(*value) : py::none();
}
py::object text_or_none(const std::string& text) {
  return text.empty() ? py::object(py::none()) : py::object(to_py_str(text));
}

py::list key_values(const KeyValues& pairs) {
  py::list out;
  for (const auto& [k, v] : pairs) out.append(py::make_tuple(to_py_str(k), to_py_str(v)));
  return out;
}

KeyValues key_values_from(py::handle pairs, const char* what) {
  KeyValues out;
  if (pairs.is_none()) return out;
  py::object items =
      py::hasattr(pairs, "items") ? py::object(pairs.attr("items")()) : py::reinterpret_borrow<py::object>(pairs);
  for (py::handle pair : items) {
    py::tuple kv = py::tuple(py::reinterpret_borrow<py::object>(pair));
    if (kv.size() != 2) throw py::type_error(std::string(what) + " must be a dict or (key, value) pairs");
    out.emplace_back(std::string(utf8_view(kv[0], what)), std::string(utf8_view(kv[1], what)));
  }
  return out;
}

std::uint32_t to_uint32(py::handle value, const std::string& what) {
  Integer v = to_integer(value, what);
  if (v < 0 || v > std::numeric_limits<std::uint32_t>::max())
    throw_argument_error(what, "must be between 0 and 4294967295");
  return v.convert_to<std::uint32_t>();
}

// ---- alternatives -----------------------------------------------------------------------

Alternative make_alternative(const std::string& id, const std::string& name, py::handle cost, bool withdrawn,
                             py::handle attributes) {
  Alternative a;
  a.id = id;
  a.name = name;
  if (!cost.is_none()) a.cost = to_rational(cost, "cost");
  a.withdrawn = withdrawn;
  a.attributes = key_values_from(attributes, "attributes");
  return a;
}

Alternative alternative_from(py::handle item, std::size_t i) {
  if (PyUnicode_Check(item.ptr()))
    return make_alternative(std::string(utf8_view(item, "id")), "", py::none(), false, py::none());
  if (py::isinstance<Alternative>(item)) return item.cast<Alternative>();
  if (PyDict_Check(item.ptr())) {
    py::dict fields = py::reinterpret_borrow<py::dict>(item);
    return py::type::of<Alternative>()(**fields).cast<Alternative>();
  }
  throw py::type_error("alternatives[" + std::to_string(i) + "] must be an id (str), an Alternative or a dict, not " +
                       std::string(Py_TYPE(item.ptr())->tp_name));
}

std::string alternative_repr(const Alternative& a) {
  std::string out = "Alternative(" + py::repr(to_py_str(a.id)).cast<std::string>();
  if (!a.name.empty()) out += ", name=" + py::repr(to_py_str(a.name)).cast<std::string>();
  if (a.cost) out += ", cost=" + py::repr(to_fraction(*a.cost)).cast<std::string>();
  if (a.withdrawn) out += ", withdrawn=True";
  if (!a.attributes.empty()) out += ", attributes=" + py::repr(key_values(a.attributes)).cast<std::string>();
  return out + ")";
}

// ---- ballot rules -------------------------------------------------------------------------

struct CountRule {
  const char* name;
  std::optional<std::uint32_t> BallotRules::*member;
};
struct ExactRule {
  const char* name;
  std::optional<Rational> BallotRules::*member;
};
constexpr CountRule kCountRules[] = {{"min_length", &BallotRules::min_length},
                                     {"max_length", &BallotRules::max_length}};
constexpr ExactRule kExactRules[] = {
    {"min_total_cost", &BallotRules::min_total_cost},
    {"max_total_cost", &BallotRules::max_total_cost},
    {"min_points", &BallotRules::min_points},
    {"max_points", &BallotRules::max_points},
    {"min_total_points", &BallotRules::min_total_points},
    {"max_total_points", &BallotRules::max_total_points},
};

py::dict rules_to_dict(const BallotRules& rules) {
  py::dict out;
  for (const auto& rule : kCountRules)
    if (rules.*rule.member) out[rule.name] = *(rules.*rule.member);
  for (const auto& rule : kExactRules)
    if (rules.*rule.member) out[rule.name] = to_fraction(*(rules.*rule.member));
  if (rules.credits) out["credits"] = to_py_int(*rules.credits);
  return out;
}

BallotRules rules_from_dict(py::handle mapping) {
  BallotRules rules;
  for (auto [key, value] : py::dict(py::reinterpret_borrow<py::object>(mapping))) {
    std::string name(utf8_view(key, "a rule name"));
    if (value.is_none()) continue;
    bool known = false;
    for (const auto& rule : kCountRules) {
      if (name != rule.name) continue;
      rules.*rule.member = to_uint32(value, name);
      known = true;
    }
    for (const auto& rule : kExactRules) {
      if (name != rule.name) continue;
      rules.*rule.member = to_rational(value, name);
      known = true;
    }
    if (name == "credits") {
      rules.credits = to_integer(value, name);
      known = true;
    }
    if (!known)
      throw_argument_error("rules",
                           "unknown rule '" + name +
                               "' (min_length, max_length, min_total_cost, max_total_cost, min_points, max_points, "
                               "min_total_points, max_total_points, credits)");
  }
  return rules;
}

// ---- building and inspecting an Election -----------------------------------------------------

std::unique_ptr<PyElection> make_election(const std::string& kind, py::iterable alternatives, const std::string& title,
                                          py::object budget, py::object seats) {
  std::vector<Alternative> list;
  std::unordered_map<std::string, std::size_t> seen;
  for (py::handle item : alternatives) {
    std::size_t i = list.size();
    list.push_back(alternative_from(item, i));
    std::string field = "alternatives[" + std::to_string(i) + "]";
    if (list.back().id.empty()) throw_argument_error(field, "an alternative needs a non-empty id");
    if (!seen.emplace(list.back().id, i).second)
      throw_argument_error(
          field, "id '" + list.back().id + "' is also alternatives[" + std::to_string(seen[list.back().id]) + "]");
  }
  Election e(ballot_kind_from_name(kind), std::move(list));
  e.title = title;
  if (!budget.is_none()) e.budget = to_rational(budget, "budget");
  if (!seats.is_none()) e.seats = to_uint32(seats, "seats");
  return wrap(std::move(e));
}

using ProfileBuilder = Profile (*)(const IdIndex&, py::handle, const BallotOptions&);

void add_ballots(PyElection& self, BallotKind kind, ProfileBuilder build, py::handle ballots, py::handle counts,
                 py::handle channels, py::handle districts) {
  if (self.election.kind() != kind)
    throw Error(Errc::invalid_argument, std::string("cannot add ") + ballot_kind_name(kind) + " ballots to a " +
                                            ballot_kind_name(self.election.kind()) + " election");
  Profile batch = build(self.ids, ballots, BallotOptions{counts, channels, districts});
  Election& e = self.for_change();
  if (e.profile.num_entries() == 0 && e.profile.strata().size() == 1) {
    e.profile = std::move(batch);
  } else {
    e.profile.merge(batch);  // all or nothing
  }
}

bool same_ballots(const PyElection& a, const PyElection& b) {
  const Election &x = a.election, &y = b.election;
  if (x.kind() != y.kind() || x.num_alternatives() != y.num_alternatives()) return false;
  std::vector<AlternativeIndex> map(y.num_alternatives());
  bool identity = true;
  for (std::size_t i = 0; i < map.size(); ++i) {
    const AlternativeIndex* j = a.ids.find(y.alternatives[i].id);
    if (!j) return false;
    map[i] = *j;
    identity = identity && *j == i;
  }
  if (identity) return x.profile.same_ballots(y.profile);
  return x.profile.same_ballots(y.profile.remapped(map, x.num_alternatives()));
}

py::object stratum_key(const Stratum& s, const std::string& by) {
  if (by == "channel") return py::str(channel_name(s.channel));
  if (by == "district") return text_or_none(s.district);
  return py::make_tuple(channel_name(s.channel), text_or_none(s.district));
}

py::dict breakdown(const Profile& profile, const std::string& by) {
  if (by != "channel" && by != "district" && by != "stratum")
    throw_argument_error("by", "must be 'channel', 'district' or 'stratum', not '" + by + "'");
  std::vector<std::uint64_t> per = profile.ballots_per_stratum();
  py::dict out;
  for (std::size_t s = 0; s < per.size(); ++s) {
    if (per[s] == 0) continue;
    py::object key = stratum_key(profile.strata()[s], by);
    std::uint64_t before = out.contains(key) ? out[key].cast<std::uint64_t>() : 0;
    out[key] = before + per[s];
  }
  return out;
}

py::dict info(const PyElection& self) {
  ElectionSummary summary;
  std::string text = reading(self, [&](const Election& e) {
    summary = summarize(e);
    return summary_to_json(summary);
  });
  py::dict out = py::module_::import("json").attr("loads")(to_py_str(text));
  out["budget"] = fraction_or_none(summary.budget);
  out["total_cost"] = fraction_or_none(summary.total_cost);
  out["rules"] = rules_to_dict(summary.rules);
  return out;
}

py::list rule_violations(const PyElection& self) {
  std::vector<RuleViolation> found = reading(self, [](const Election& e) { return check_ballot_rules(e); });
  py::list out;
  for (const auto& v : found)
    out.append(py::dict("rule"_a = v.rule, "ballots"_a = v.ballots, "distinct_ballots"_a = v.entries,
                        "example"_a = to_py_str(v.example)));
  return out;
}

std::string election_repr(const Election& e) {
  std::string out = std::string("<minga.Election ") + ballot_kind_name(e.kind());
  if (!e.title.empty()) out += " " + py::repr(to_py_str(e.title)).cast<std::string>();
  out += ": " + std::to_string(e.num_alternatives()) + " alternatives, " + std::to_string(e.profile.num_ballots()) +
         " ballots (" + std::to_string(e.profile.num_entries()) + " distinct)";
  if (!e.source_format.empty()) out += ", from " + e.source_format;
  return out + ">";
}

// ---- iterating ballots --------------------------------------------------------------------------

/// Yields (ballot, count, channel, district) with alternative ids, or
/// (ballot, count, stratum_id) with alternative indices.
class BallotIterator {
 public:
  BallotIterator(py::object owner, const Profile& profile, py::list labels, bool named_strata)
      : owner_(std::move(owner)), profile_(profile), reader_(profile, std::move(labels)), named_strata_(named_strata) {}

  py::tuple next() {
    if (next_ >= profile_.num_entries()) throw py::stop_iteration();
    std::size_t e = next_++;
    py::object ballot = reader_.ballot(e);
    StratumId s = profile_.stratum_of(e);
    if (!named_strata_) return py::make_tuple(ballot, profile_.count(e), s);
    const Stratum& stratum = profile_.strata()[s];
    return py::make_tuple(ballot, profile_.count(e), channel_name(stratum.channel), text_or_none(stratum.district));
  }
  std::size_t remaining() const { return profile_.num_entries() > next_ ? profile_.num_entries() - next_ : 0; }

 private:
  py::object owner_;  // keeps the profile alive
  const Profile& profile_;
  BallotsToPython reader_;
  std::size_t next_ = 0;
  bool named_strata_;
};

py::list id_labels(const Election& e) {
  py::list labels;
  for (const auto& a : e.alternatives) labels.append(to_py_str(a.id));
  return labels;
}

py::list index_labels(std::uint32_t n) {
  py::list labels;
  for (std::uint32_t i = 0; i < n; ++i) labels.append(py::int_(i));
  return labels;
}

// ---- files, JSON, bytes -----------------------------------------------------------------------------

Format format_of(py::handle format) {
  if (format.is_none()) return Format::auto_detect;
  return format_from_name(utf8_view(format, "format"));
}

char one_char(py::handle value, const char* name) {
  if (value.is_none()) return 0;
  std::string_view text = utf8_view(value, name);
  if (text.size() > 1) throw_argument_error(name, "must be a single ASCII character");
  return text.empty() ? 0 : text[0];
}

std::vector<std::string> strings(py::handle value, const char* name) {
  std::vector<std::string> out;
  if (PyUnicode_Check(value.ptr())) throw py::type_error(std::string(name) + " must be a list of str, not a str");
  for (py::handle item : py::reinterpret_borrow<py::iterable>(value)) out.emplace_back(utf8_view(item, name));
  return out;
}

ReadOptions read_options(py::handle format, const py::kwargs& csv, std::string display_name) {
  ReadOptions options;
  options.format = format_of(format);
  options.display_name = std::move(display_name);
  RankedCsvOptions& o = options.csv;
  for (auto [key, value] : csv) {
    std::string name = key.cast<std::string>();
    if (name == "delimiter")
      o.delimiter = one_char(value, "delimiter");
    else if (name == "rank_columns")
      o.rank_columns = strings(value, "rank_columns");
    else if (name == "count_column")
      o.count_column = utf8_view(value, "count_column");
    else if (name == "channel_column")
      o.channel_column = utf8_view(value, "channel_column");
    else if (name == "district_column")
      o.district_column = utf8_view(value, "district_column");
    else if (name == "skip_tokens")
      o.skip_tokens = strings(value, "skip_tokens");
    else if (name == "overvote_tokens")
      o.overvote_tokens = strings(value, "overvote_tokens");
    else if (name == "write_in_tokens")
      o.write_in_tokens = strings(value, "write_in_tokens");
    else if (name == "tie_separator")
      o.tie_separator = one_char(value, "tie_separator");
    else
      throw py::type_error("unexpected keyword argument '" + name +
                           "' (CSV options: delimiter, rank_columns, count_column, channel_column, district_column, "
                           "skip_tokens, overvote_tokens, write_in_tokens, tie_separator)");
  }
  if (o.delimiter == 0) throw_argument_error("delimiter", "must not be empty");
  return options;
}

std::string path_text(py::handle path) {
  py::str decoded = py::module_::import("os").attr("fsdecode")(path);
  return std::string(utf8_view(decoded, "path"));
}

std::unique_ptr<PyElection> read_text(const std::string& text, const ReadOptions& options) {
  Election e = [&] {
    py::gil_scoped_release no_gil;
    return read_election_from_string(text, options);
  }();
  return wrap(std::move(e));
}

std::unique_ptr<PyElection> read_file(py::handle path, py::handle format, const py::kwargs& csv) {
  std::filesystem::path where(path_text(path));
  ReadOptions options = read_options(format, csv, {});
  Election e = [&] {
    py::gil_scoped_release no_gil;
    return read_election(where, options);
  }();
  return wrap(std::move(e));
}

std::unique_ptr<PyElection> read_string(py::handle text, py::handle format, py::handle name, const py::kwargs& csv) {
  return read_text(text_or_bytes(text, "text"),
                   read_options(format, csv, name.is_none() ? "" : std::string(utf8_view(name, "name"))));
}

std::unique_ptr<PyElection> read_as(py::handle data, Format format, py::handle name, const char* default_name) {
  ReadOptions options;
  options.format = format;
  options.display_name = name.is_none() ? default_name : std::string(utf8_view(name, "name"));
  return read_text(text_or_bytes(data, "data"), options);
}

std::string write_text(const PyElection& self, Format format) {
  return reading(self, [&](const Election& e) { return write_election_to_string(e, format); });
}

py::bytes to_bytes(const PyElection& self) {
  return py::bytes(write_text(self, Format::binary));
}

std::unique_ptr<PyElection> merge_all(py::iterable elections) {
  std::vector<py::object> keep;
  std::vector<const PyElection*> parts;
  for (py::handle item : elections) {
    if (!py::isinstance<PyElection>(item))
      throw py::type_error("elections[" + std::to_string(parts.size()) + "] must be an Election, not " +
                           std::string(Py_TYPE(item.ptr())->tp_name));
    keep.push_back(py::reinterpret_borrow<py::object>(item));
    parts.push_back(&item.cast<const PyElection&>());
  }
  if (parts.empty()) throw_argument_error("elections", "nothing to merge");
  std::vector<std::unique_ptr<ReadLease>> leases;
  for (const PyElection* p : parts) leases.push_back(std::make_unique<ReadLease>(*p));
  Election merged = [&] {
    py::gil_scoped_release no_gil;
    Election out = parts.front()->election;
    for (std::size_t i = 1; i < parts.size(); ++i) out.merge(parts[i]->election);
    return out;
  }();
  return wrap(std::move(merged));
}

// ---- docstrings ---------------------------------------------------------------------------------------

constexpr const char* kElectionDoc = R"doc(An election: alternatives, rules, metadata and a profile of ballots.

Election(kind, alternatives=(), *, title="", budget=None, seats=None)

kind is "approval", "ranked", "score" or "quadratic". Each alternative is an id
(str), an Alternative or a dict of Alternative's arguments. Ballots are added
with add_approvals / add_rankings / add_scores / add_quadratic, each taking a
list of ballots or a tuple of integer arrays (NumPy or any buffer), and read
back with ballots(). Exact values (costs, budget, points) are fractions.Fraction.

Elections over the same alternative ids merge: ``a + b`` gives a new election,
``a.merge(b)`` adds b's ballots to a (on failure a is unchanged). Elections
pickle through their binary form, so Dask and multiprocessing can ship them.
)doc";

constexpr const char* kAddOptionsDoc = R"doc(
counts: None (each ballot once), or one int per ballot (a list or an integer array).
channels: None, one channel name for every ballot, or one per ballot (str or None):
    "online", "kiosk", "paper", "sms", "other" (also "internet", "postal"...).
districts: None, one district for every ballot, or one per ballot (str or None).

The call is all or nothing: a bad ballot raises MingaError (field "ballots[i]")
and the election is left unchanged. The ballots are added with the GIL released.
)doc";

}  // namespace

// ---- the module -------------------------------------------------------------------------------------------

void define_module(py::module_& m) {
  register_minga_error(m);

  py::class_<Alternative>(m, "Alternative", "A candidate, a project or an option (an immutable value).")
      .def(py::init(&make_alternative), "id"_a, "name"_a = "", "cost"_a = py::none(), py::kw_only(),
           "withdrawn"_a = false, "attributes"_a = py::none(),
           "Alternative(id, name='', cost=None, *, withdrawn=False, attributes=None): cost is exact "
           "(int, Fraction, Decimal or a str like '1500.50'); attributes is a dict or (key, value) pairs of str.")
      .def_property_readonly("id", [](const Alternative& a) { return to_py_str(a.id); })
      .def_property_readonly("name", [](const Alternative& a) { return to_py_str(a.name); })
      .def_property_readonly(
          "label", [](const Alternative& a) { return to_py_str(a.label()); },
          "The name, or the id when there is no name.")
      .def_property_readonly(
          "cost", [](const Alternative& a) { return fraction_or_none(a.cost); }, "Exact cost (Fraction) or None.")
      .def_property_readonly("withdrawn", [](const Alternative& a) { return a.withdrawn; })
      .def_property_readonly(
          "attributes", [](const Alternative& a) { return key_values(a.attributes); },
          "Every other field as read, as (key, value) pairs in input order.")
      .def(
          "attribute",
          [](const Alternative& a, const std::string& key) -> py::object {
            const std::string* v = a.attribute(key);
            return v ? py::object(to_py_str(*v)) : py::object(py::none());
          },
          "key"_a, "The value of an attribute, or None.")
      .def("__repr__", &alternative_repr)
      .def(
          "__eq__",
          [](const Alternative& a, const Alternative& b) {
            return a.id == b.id && a.name == b.name && a.cost == b.cost && a.withdrawn == b.withdrawn &&
                   a.attributes == b.attributes;
          },
          py::is_operator())
      .def(py::pickle(
          [](const Alternative& a) {
            return py::make_tuple(to_py_str(a.id), to_py_str(a.name), fraction_or_none(a.cost), a.withdrawn,
                                  key_values(a.attributes));
          },
          [](py::tuple state) {
            return make_alternative(state[0].cast<std::string>(), state[1].cast<std::string>(), state[2],
                                    state[3].cast<bool>(), state[4]);
          }));

  py::class_<Profile>(m, "Profile",
                      "A view of an election's ballots in index terms: alternative i is the i-th of "
                      "Election.alternatives. Obtained from Election.profile; it stays valid while the election lives.")
      .def_property_readonly("kind", [](const Profile& p) { return ballot_kind_name(p.kind()); })
      .def_property_readonly("num_alternatives", &Profile::num_alternatives)
      .def_property_readonly("num_ballots", &Profile::num_ballots, "Total number of ballots (the sum of counts).")
      .def_property_readonly("num_distinct", &Profile::num_entries, "Number of distinct (stratum, ballot) entries.")
      .def_property_readonly("memory_bytes", &Profile::memory_bytes)
      .def_property_readonly(
          "strata",
          [](const Profile& p) {
            py::list out;
            for (const auto& s : p.strata())
              out.append(py::make_tuple(channel_name(s.channel), text_or_none(s.district)));
            return out;
          },
          "(channel, district or None) per stratum id; stratum 0 is ('unspecified', None).")
      .def("ballots_per_stratum", &Profile::ballots_per_stratum)
      .def(
          "entries",
          [](py::object self) {
            const Profile& p = self.cast<const Profile&>();
            return BallotIterator(self, p, index_labels(p.num_alternatives()), false);
          },
          "Iterates (ballot, count, stratum_id) with alternatives as indices.")
      .def("same_ballots", &Profile::same_ballots, "other"_a, "Same ballots, counts and strata (in any order).")
      .def("__repr__", [](const Profile& p) {
        return std::string("<minga.Profile ") + ballot_kind_name(p.kind()) + ": " + std::to_string(p.num_ballots()) +
               " ballots (" + std::to_string(p.num_entries()) + " distinct)>";
      });

  py::class_<BallotIterator>(m, "BallotIterator")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &BallotIterator::next)
      .def("__length_hint__", &BallotIterator::remaining);

  const std::string add_doc(kAddOptionsDoc);
  py::class_<PyElection>(m, "Election", kElectionDoc)
      .def(py::init(&make_election), "kind"_a, "alternatives"_a = py::tuple(), py::kw_only(), "title"_a = "",
           "budget"_a = py::none(), "seats"_a = py::none())
      .def_property_readonly("kind", [](const PyElection& s) { return ballot_kind_name(s.election.kind()); })
      .def_property(
          "title", [](const PyElection& s) { return to_py_str(s.election.title); },
          [](PyElection& s, const std::string& title) { s.for_change().title = title; })
      .def_property_readonly(
          "source_format", [](const PyElection& s) { return to_py_str(s.election.source_format); },
          "The format it was read from ('pabulib', 'blt'...), or '' when built in Python.")
      .def_property_readonly("num_alternatives", [](const PyElection& s) { return s.election.num_alternatives(); })
      .def_property_readonly(
          "alternatives", [](const PyElection& s) { return py::cast(s.election.alternatives); },
          "A list of Alternative (copies), in index order.")
      .def_property(
          "budget", [](const PyElection& s) { return fraction_or_none(s.election.budget); },
          [](PyElection& s, py::object value) {
            std::optional<Rational> budget;
            if (!value.is_none()) budget = to_rational(value, "budget");
            s.for_change().budget = std::move(budget);
          },
          "Exact budget (Fraction) or None.")
      .def_property(
          "seats",
          [](const PyElection& s) -> py::object {
            return s.election.seats ? py::object(py::int_(*s.election.seats)) : py::object(py::none());
          },
          [](PyElection& s, py::object value) {
            std::optional<std::uint32_t> seats;
            if (!value.is_none()) seats = to_uint32(value, "seats");
            s.for_change().seats = seats;
          },
          "Seats or winners to choose, or None.")
      .def_property_readonly(
          "meta", [](const PyElection& s) { return key_values(s.election.meta); },
          "Metadata as (key, value) pairs in input order; dict(e.meta) for lookups.")
      .def(
          "meta_value",
          [](const PyElection& s, const std::string& key) -> py::object {
            const std::string* v = s.election.meta_value(key);
            return v ? py::object(to_py_str(*v)) : py::object(py::none());
          },
          "key"_a, "The value of a metadata key, or None.")
      .def(
          "set_meta",
          [](PyElection& s, const std::string& key, const std::string& value) { s.for_change().set_meta(key, value); },
          "key"_a, "value"_a, "Sets a metadata key (added at the end when new).")
      .def_property(
          "rules", [](const PyElection& s) { return rules_to_dict(s.election.rules); },
          [](PyElection& s, py::object rules) { s.for_change().rules = rules_from_dict(rules); },
          "The ballot rules that are set, as a dict: min_length, max_length (int), min_total_cost, "
          "max_total_cost, min_points, max_points, min_total_points, max_total_points (Fraction), "
          "credits (int). Assigning a dict replaces every rule.")
      .def_property_readonly(
          "notes",
          [](const PyElection& s) {
            py::list out;
            for (const auto& n : s.election.notes) out.append(to_py_str(n));
            return out;
          },
          "What the reader saw but did not keep, in plain sentences.")
      .def_property_readonly("num_ballots", [](const PyElection& s) { return s.election.profile.num_ballots(); })
      .def_property_readonly("num_distinct", [](const PyElection& s) { return s.election.profile.num_entries(); })
      .def_property_readonly(
          "profile", [](PyElection& s) -> Profile& { return s.election.profile; },
          py::return_value_policy::reference_internal)
      .def(
          "index_of",
          [](const PyElection& s, const std::string& id) {
            const AlternativeIndex* i = s.ids.find(id);
            if (!i) throw py::key_error(id);
            return *i;
          },
          "id"_a, "The index of the alternative with this id (KeyError if none).")
      .def(
          "add_approvals",
          [](PyElection& s, py::object ballots, py::object counts, py::object channels, py::object districts) {
            add_ballots(s, BallotKind::approval, &approvals_profile, ballots, counts, channels, districts);
          },
          "ballots"_a, "counts"_a = py::none(), "channels"_a = py::none(), "districts"_a = py::none(),
          ("Adds approval ballots.\n\nballots: a list of ballots, each a list of alternatives (id str or index int),\n"
           "or a tuple (offsets, indices) of integer arrays: ballot i approves indices[offsets[i]:offsets[i+1]].\n" +
           add_doc)
              .c_str())
      .def(
          "add_rankings",
          [](PyElection& s, py::object ballots, py::object counts, py::object channels, py::object districts) {
            add_ballots(s, BallotKind::ranked, &rankings_profile, ballots, counts, channels, districts);
          },
          "ballots"_a, "counts"_a = py::none(), "channels"_a = py::none(), "districts"_a = py::none(),
          ("Adds ranked ballots.\n\nballots: a list of ballots, each a list of ranks (first choice first). A rank is "
           "an\n"
           "alternative (id or index), None (a skipped rank), the token 'overvote' or 'write-in', or a\n"
           "set/tuple/list of those for several marks at one rank (a tie, or an overvote left to the rule).\n"
           "An alternative whose id is spelled like a token wins over the token.\n"
           "Or a tuple (offsets, ranks) of integer arrays, one mark per rank: an index >= 0, -1 skipped,\n"
           "-2 overvote, -3 write-in.\n" +
           add_doc)
              .c_str())
      .def(
          "add_scores",
          [](PyElection& s, py::object ballots, py::object counts, py::object channels, py::object districts) {
            add_ballots(s, BallotKind::score, &scores_profile, ballots, counts, channels, districts);
          },
          "ballots"_a, "counts"_a = py::none(), "channels"_a = py::none(), "districts"_a = py::none(),
          ("Adds score (or cumulative) ballots.\n\nballots: a list of ballots, each a dict {alternative: points} or "
           "(alternative, points)\n"
           "pairs; points are exact (int, Fraction, Decimal, str; never float). Or a tuple\n"
           "(offsets, alternatives, values) of integer arrays.\n" +
           add_doc)
              .c_str())
      .def(
          "add_quadratic",
          [](PyElection& s, py::object ballots, py::object counts, py::object channels, py::object districts) {
            add_ballots(s, BallotKind::quadratic, &quadratic_profile, ballots, counts, channels, districts);
          },
          "ballots"_a, "counts"_a = py::none(), "channels"_a = py::none(), "districts"_a = py::none(),
          ("Adds quadratic ballots.\n\nballots: a list of ballots, each a dict {option: votes} or (option, votes) "
           "pairs;\n"
           "votes are ints, possibly negative. Or a tuple (offsets, alternatives, values) of integer arrays.\n" +
           add_doc)
              .c_str())
      .def(
          "ballots",
          [](py::object self) {
            const PyElection& s = self.cast<const PyElection&>();
            return BallotIterator(self, s.election.profile, id_labels(s.election), true);
          },
          "Iterates (ballot, count, channel, district) over distinct ballots, alternatives as ids.\n\n"
          "approval: a tuple of ids; ranked: a tuple of ranks (an id, None for a skipped rank,\n"
          "'overvote', 'write-in', or a frozenset of those); score: {id: Fraction};\n"
          "quadratic: {id: int}. district is None when none was given.")
      .def(
          "breakdown", [](const PyElection& s, const std::string& by) { return breakdown(s.election.profile, by); },
          "by"_a = "channel",
          "Ballots per channel, per district (None = no district) or per stratum ((channel, district) keys).")
      .def("info", &info, "A summary as a dict (the same facts as `minga info`; exact values as Fraction).")
      .def("rule_violations", &rule_violations,
           "Every ballot rule some ballots break: rule, ballots, distinct_ballots, example.")
      .def(
          "merge", [](PyElection& s, const PyElection& other) { s.for_change().merge(other.election); }, "other"_a,
          "Adds other's ballots (same kind and alternative ids, in any order). On failure nothing changes.")
      .def(
          "__add__",
          [](const PyElection& a, const PyElection& b) {
            ReadLease lease_a(a), lease_b(b);
            Election sum = [&] {
              py::gil_scoped_release no_gil;
              Election out = a.election;
              out.merge(b.election);
              return out;
            }();
            return wrap(std::move(sum));
          },
          py::is_operator())
      .def(
          "same_ballots", [](const PyElection& a, const PyElection& b) { return same_ballots(a, b); }, "other"_a,
          "True when both hold the same ballots with the same counts, channels and districts, "
          "alternatives matched by id.")
      .def("copy", [](const PyElection& s) { return wrap(s.election); })
      .def("__copy__", [](const PyElection& s) { return wrap(s.election); })
      .def(
          "__deepcopy__", [](const PyElection& s, py::handle) { return wrap(s.election); }, "memo"_a)
      .def(py::pickle([](const PyElection& s) { return to_bytes(s); },
                      [](const py::bytes& state) { return read_as(state, Format::binary, py::none(), "<pickle>"); }))
      .def("__repr__", [](const PyElection& s) { return election_repr(s.election); });

  m.def("read", &read_file, "path"_a, "format"_a = py::none(),
        "Reads an election file. format: None (from the extension, else the content) or a name: "
        "'pabulib', 'preflib', 'blt', 'csv', 'scottish', 'patterns', 'json', 'binary'. Ranked CSV options as "
        "keywords: delimiter, rank_columns, count_column, channel_column, district_column, skip_tokens, "
        "overvote_tokens, write_in_tokens, tie_separator. The GIL is released while reading.");
  m.def("read_string", &read_string, "text"_a, "format"_a, py::kw_only(), "name"_a = py::none(),
        "Reads an election from text (str or bytes). name is used in error messages.");
  m.def(
      "write",
      [](const PyElection& e, py::handle path, py::handle format) {
        std::filesystem::path where(path_text(path));
        Format f = format_of(format);
        reading(e, [&](const Election& x) { write_election(x, where, f); });
      },
      "election"_a, "path"_a, "format"_a = py::none(),
      "Writes an election file (format from the extension when None). Written to a temporary file, then renamed.");
  m.def(
      "write_string",
      [](const PyElection& e, py::handle format) {
        Format f = format_of(format);
        if (f == Format::binary) throw_argument_error("format", "the binary format is not text; use to_bytes()");
        return to_py_str(write_text(e, f));
      },
      "election"_a, "format"_a, "The election in a text format, as a str.");
  m.def(
      "to_json", [](const PyElection& e) { return to_py_str(write_text(e, Format::json)); }, "election"_a,
      "The election as JSON (schema 'minga.election/1').");
  m.def(
      "from_json", [](py::handle text, py::handle name) { return read_as(text, Format::json, name, "<json>"); },
      "text"_a, py::kw_only(), "name"_a = py::none(), "Reads an election from JSON text (str or bytes).");
  m.def("to_bytes", &to_bytes, "election"_a, "The election in minga's compact, checksummed binary form.");
  m.def(
      "from_bytes", [](py::handle data, py::handle name) { return read_as(data, Format::binary, name, "<bytes>"); },
      "data"_a, py::kw_only(), "name"_a = py::none(), "Reads an election from its binary form (bytes-like).");
  m.def("merge", &merge_all, "elections"_a,
        "Merges elections over the same alternative ids into a new one (e.g. partitions of a count).");

  m.attr("__version__") = MINGA_VERSION_STRING;
  m.attr("KINDS") = py::make_tuple("approval", "ranked", "score", "quadratic");
  m.attr("CHANNELS") = py::make_tuple("unspecified", "online", "kiosk", "paper", "sms", "other");
  m.attr("FORMATS") = py::make_tuple("pabulib", "preflib", "blt", "csv", "scottish", "patterns", "json", "binary");
  m.attr("OVERVOTE") = kOvervoteToken;
  m.attr("WRITE_IN") = kWriteInToken;

  define_budget(m);
  define_quadratic(m);  // quadratic voting and funding (issue 5)
  define_ranked(m);     // ranked tallies (issue 3)
  define_verify(m);     // verifiable elections (issue 6)
}

}  // namespace minga::python

PYBIND11_MODULE(_minga, m) {
  m.doc() = "minga's compiled core (use the `minga` package, which re-exports it).";
  minga::python::define_module(m);
}
