// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/ballots.cpp - ballots from Python (lists or integer arrays) into a Profile, and back.
#include "ballots.hpp"

#include <optional>
#include <span>

#include "convert.hpp"

namespace minga::python {

IdIndex::IdIndex(const std::vector<Alternative>& alternatives)
    : size_(static_cast<std::uint32_t>(alternatives.size())) {
  by_id_.reserve(alternatives.size());
  for (std::size_t i = 0; i < alternatives.size(); ++i)
    by_id_.emplace(alternatives[i].id, static_cast<AlternativeIndex>(i));
}

const AlternativeIndex* IdIndex::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

namespace {

std::string indexed(const char* name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}
std::string ballot_field(std::size_t i) {
  return indexed("ballots", i);
}
std::string type_name(py::handle value) {
  return Py_TYPE(value.ptr())->tp_name;
}

// A list or tuple seen without copying (other iterables are listed once).
class FastSequence {
 public:
  FastSequence(py::handle object, const std::string& what) {
    if (PyUnicode_Check(object.ptr()) || PyBytes_Check(object.ptr()))
      throw py::type_error(what + " must be a sequence, not " + type_name(object));
    seq_ = py::reinterpret_steal<py::object>(PySequence_Fast(object.ptr(), "not iterable"));
    if (!seq_) {
      PyErr_Clear();
      throw py::type_error(what + " must be a sequence, not " + type_name(object));
    }
  }
  std::size_t size() const { return static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq_.ptr())); }
  py::handle operator[](std::size_t i) const {
    return PySequence_Fast_GET_ITEM(seq_.ptr(), static_cast<Py_ssize_t>(i));
  }

 private:
  py::object seq_;
};

// One str per ballot: None (all ""), one str for every ballot, or a sequence of str/None.
class TextColumn {
 public:
  TextColumn(py::handle object, std::size_t ballots, const char* name) : name_(name) {
    if (object.is_none()) return;
    if (PyUnicode_Check(object.ptr())) {
      single_ = utf8_view(object, name);
      return;
    }
    items_.emplace(object, name);
    if (items_->size() != ballots)
      throw_argument_error(
          name, "has " + std::to_string(items_->size()) + " entries for " + std::to_string(ballots) + " ballots");
  }
  std::string_view at(std::size_t i) const {
    if (!items_) return single_;
    py::handle item = (*items_)[i];
    if (item.is_none()) return {};
    if (!PyUnicode_Check(item.ptr()))
      throw py::type_error(indexed(name_, i) + " must be a str or None, not " + type_name(item));
    return utf8_view(item, name_);
  }
  bool empty() const { return !items_ && single_.empty(); }

 private:
  const char* name_;
  std::string_view single_;
  std::optional<FastSequence> items_;
};

std::vector<StratumId> strata_of(Profile& batch, std::size_t ballots, const BallotOptions& options) {
  std::vector<StratumId> strata(ballots, 0);
  TextColumn channels(options.channels, ballots, "channels");
  TextColumn districts(options.districts, ballots, "districts");
  if (channels.empty() && districts.empty()) return strata;
  std::unordered_map<std::string, Channel> channel_by_name;
  std::unordered_map<std::string, StratumId> stratum_by_key;
  std::string key;
  for (std::size_t i = 0; i < ballots; ++i) {
    std::string name(channels.at(i));
    auto known = channel_by_name.find(name);
    if (known == channel_by_name.end())
      known = channel_by_name.emplace(name, with_field(indexed("channels", i), [&] { return channel_from_name(name); }))
                  .first;
    std::string_view district = districts.at(i);
    key.assign(1, static_cast<char>(known->second));
    key += district;
    auto id = stratum_by_key.find(key);
    if (id == stratum_by_key.end())
      id = stratum_by_key.emplace(key, batch.intern_stratum(Stratum{known->second, std::string(district)})).first;
    strata[i] = id->second;
  }
  return strata;
}

std::vector<std::uint64_t> counts_of(py::handle counts, std::size_t ballots) {
  if (counts.is_none()) return std::vector<std::uint64_t>(ballots, 1);
  std::vector<std::uint64_t> out;
  if (is_buffer(counts)) {
    std::vector<std::int64_t> raw = int64_array(counts, "counts");
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] < 0) throw_argument_error(indexed("counts", i), "a count cannot be negative");
      out.push_back(static_cast<std::uint64_t>(raw[i]));
    }
  } else {
    FastSequence items(counts, "counts");
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(to_count(items[i], indexed("counts", i)));
  }
  if (out.size() != ballots)
    throw_argument_error("counts",
                         "has " + std::to_string(out.size()) + " entries for " + std::to_string(ballots) + " ballots");
  return out;
}

// ---- the array form: a tuple of integer arrays, the first being offsets -----------

bool is_array_form(py::handle ballots, std::size_t parts) {
  if (!PyTuple_Check(ballots.ptr()) || static_cast<std::size_t>(PyTuple_GET_SIZE(ballots.ptr())) != parts) return false;
  for (std::size_t i = 0; i < parts; ++i)
    if (!is_buffer(PyTuple_GET_ITEM(ballots.ptr(), static_cast<Py_ssize_t>(i)))) return false;
  return true;
}

py::handle part(py::handle tuple, std::size_t i) {
  return PyTuple_GET_ITEM(tuple.ptr(), static_cast<Py_ssize_t>(i));
}

/// Ballot i's items are [begin[i], begin[i+1]).
std::vector<std::size_t> offsets_of(py::handle offsets, std::size_t items) {
  std::vector<std::int64_t> raw = int64_array(offsets, "offsets");
  if (raw.empty() || raw[0] != 0)
    throw_argument_error("offsets", "must start with 0 and have one entry more than there are ballots");
  for (std::size_t i = 1; i < raw.size(); ++i)
    if (raw[i] < raw[i - 1]) throw_argument_error(indexed("offsets", i), "offsets must not decrease");
  if (static_cast<std::uint64_t>(raw.back()) != items)
    throw_argument_error("offsets", "the last offset is " + std::to_string(raw.back()) + " but there are " +
                                        std::to_string(items) + " items");
  return std::vector<std::size_t>(raw.begin(), raw.end());
}

AlternativeIndex checked_index(std::int64_t index, const IdIndex& ids, const char* name, std::size_t i) {
  if (index < 0 || index >= static_cast<std::int64_t>(ids.size()))
    throw_argument_error(indexed(name, i), "alternative index " + std::to_string(index) + " out of range (there are " +
                                               std::to_string(ids.size()) + " alternatives)");
  return static_cast<AlternativeIndex>(index);
}

// ---- the list form ------------------------------------------------------------------

AlternativeIndex resolve(const IdIndex& ids, py::handle item, std::size_t ballot) {
  if (PyUnicode_Check(item.ptr())) {
    std::string_view id = utf8_view(item, "an alternative id");
    if (const AlternativeIndex* i = ids.find(id)) return *i;
    throw_argument_error(ballot_field(ballot), "unknown alternative '" + std::string(id.substr(0, 60)) + "'");
  }
  if (PyIndex_Check(item.ptr())) return checked_index(to_int64(item, ballot_field(ballot)), ids, "ballots", ballot);
  throw py::type_error(ballot_field(ballot) + ": an alternative is given by its id (str) or its index (int), not " +
                       type_name(item));
}

template <class Item>
struct Flat {
  std::vector<std::size_t> begin{0};
  std::vector<Item> items;
  std::size_t size() const { return begin.size() - 1; }
  std::span<const Item> ballot(std::size_t i) const { return {items.data() + begin[i], begin[i + 1] - begin[i]}; }
  void end_ballot() { begin.push_back(items.size()); }
};

// Fills `batch` from the converted ballots with the GIL released.
template <class AddOne>
Profile fill(Profile batch, std::size_t ballots, const BallotOptions& options, AddOne&& add_one) {
  std::vector<std::uint64_t> counts = counts_of(options.counts, ballots);
  std::vector<StratumId> strata = strata_of(batch, ballots, options);
  {
    py::gil_scoped_release no_gil;
    for (std::size_t i = 0; i < ballots; ++i) {
      try {
        add_one(batch, i, counts[i], strata[i]);
      } catch (const Error& e) {
        throw Error(e.code(), Location{{}, 0, ballot_field(i)}, e.reason());
      }
    }
  }
  return batch;
}

}  // namespace

// ---- approval -----------------------------------------------------------------------

Profile approvals_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options) {
  Flat<AlternativeIndex> flat;
  if (is_array_form(ballots, 2)) {
    std::vector<std::int64_t> indices = int64_array(part(ballots, 1), "indices");
    flat.begin = offsets_of(part(ballots, 0), indices.size());
    flat.items.reserve(indices.size());
    for (std::size_t j = 0; j < indices.size(); ++j) flat.items.push_back(checked_index(indices[j], ids, "indices", j));
  } else {
    FastSequence all(ballots, "ballots");
    flat.begin.reserve(all.size() + 1);
    for (std::size_t i = 0; i < all.size(); ++i) {
      FastSequence ballot(all[i], ballot_field(i));
      for (std::size_t k = 0; k < ballot.size(); ++k) flat.items.push_back(resolve(ids, ballot[k], i));
      flat.end_ballot();
    }
  }
  return fill(Profile(BallotKind::approval, ids.size()), flat.size(), options,
              [&](Profile& p, std::size_t i, std::uint64_t count, StratumId stratum) {
                p.add_approval(flat.ballot(i), count, stratum);
              });
}

// ---- ranked -------------------------------------------------------------------------

namespace {

// Ballot i has ranks [ballot_begin[i], ballot_begin[i+1]); rank r has marks [rank_begin[r], rank_begin[r+1]).
struct FlatRankings {
  std::vector<std::size_t> ballot_begin{0};
  std::vector<std::size_t> rank_begin{0};
  std::vector<std::uint32_t> marks;

  std::size_t size() const { return ballot_begin.size() - 1; }
  void end_rank() { rank_begin.push_back(marks.size()); }
  void end_ballot() { ballot_begin.push_back(rank_begin.size() - 1); }
  void fill(std::size_t i, Ranking& out) const {
    out.clear();
    for (std::size_t r = ballot_begin[i]; r < ballot_begin[i + 1]; ++r)
      out.add_position(marks.data() + rank_begin[r], rank_begin[r + 1] - rank_begin[r]);
  }
};

// Array codes: an index >= 0, or one of these.
constexpr std::int64_t kSkippedCode = -1, kOvervoteCode = -2, kWriteInCode = -3;

std::uint32_t mark_of_code(std::int64_t code, const IdIndex& ids, std::size_t j) {
  if (code == kOvervoteCode) return Mark::overvote;
  if (code == kWriteInCode) return Mark::write_in;
  if (code < 0)
    throw_argument_error(indexed("ranks", j),
                         "unknown code " + std::to_string(code) + " (-1 skipped, -2 overvote, -3 write-in)");
  return checked_index(code, ids, "ranks", j);
}

std::uint32_t resolve_mark(const IdIndex& ids, py::handle item, std::size_t ballot) {
  if (PyUnicode_Check(item.ptr())) {
    std::string_view text = utf8_view(item, "a candidate id");
    if (const AlternativeIndex* i = ids.find(text)) return *i;  // an id wins over a token of the same spelling
    if (text == kOvervoteToken) return Mark::overvote;
    if (text == kWriteInToken) return Mark::write_in;
    throw_argument_error(ballot_field(ballot), "unknown candidate '" + std::string(text.substr(0, 60)) + "'");
  }
  return resolve(ids, item, ballot);
}

bool is_group(py::handle rank) {
  return PyAnySet_Check(rank.ptr()) || PyTuple_Check(rank.ptr()) || PyList_Check(rank.ptr());
}

void add_rank(FlatRankings& flat, const IdIndex& ids, py::handle rank, std::size_t ballot) {
  if (is_group(rank)) {
    for (py::handle mark : py::reinterpret_borrow<py::iterable>(rank)) {
      if (mark.is_none()) throw_argument_error(ballot_field(ballot), "None inside a group of tied marks");
      flat.marks.push_back(resolve_mark(ids, mark, ballot));
    }
  } else if (!rank.is_none()) {
    flat.marks.push_back(resolve_mark(ids, rank, ballot));
  }
  flat.end_rank();
}

}  // namespace

Profile rankings_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options) {
  FlatRankings flat;
  if (is_array_form(ballots, 2)) {
    std::vector<std::int64_t> codes = int64_array(part(ballots, 1), "ranks");
    std::vector<std::size_t> begin = offsets_of(part(ballots, 0), codes.size());
    for (std::size_t i = 0; i + 1 < begin.size(); ++i) {
      for (std::size_t j = begin[i]; j < begin[i + 1]; ++j) {
        if (codes[j] != kSkippedCode) flat.marks.push_back(mark_of_code(codes[j], ids, j));
        flat.end_rank();
      }
      flat.end_ballot();
    }
  } else {
    FastSequence all(ballots, "ballots");
    for (std::size_t i = 0; i < all.size(); ++i) {
      FastSequence ranks(all[i], ballot_field(i));
      for (std::size_t k = 0; k < ranks.size(); ++k) add_rank(flat, ids, ranks[k], i);
      flat.end_ballot();
    }
  }
  Ranking ranking;
  return fill(Profile(BallotKind::ranked, ids.size()), flat.size(), options,
              [&](Profile& p, std::size_t i, std::uint64_t count, StratumId stratum) {
                flat.fill(i, ranking);
                p.add_ranking(ranking, count, stratum);
              });
}

// ---- score and quadratic --------------------------------------------------------------

namespace {

/// Calls on_pair(key, value) for each entry of a dict, of any object with
/// items(), or of a sequence of (key, value) pairs.
template <class OnPair>
void for_each_pair(py::handle ballot, std::size_t i, OnPair&& on_pair) {
  if (PyDict_Check(ballot.ptr())) {
    Py_ssize_t position = 0;
    PyObject *key = nullptr, *value = nullptr;
    while (PyDict_Next(ballot.ptr(), &position, &key, &value)) on_pair(py::handle(key), py::handle(value));
    return;
  }
  py::object pairs =
      py::hasattr(ballot, "items") ? py::object(ballot.attr("items")()) : py::reinterpret_borrow<py::object>(ballot);
  FastSequence items(pairs, ballot_field(i));
  for (std::size_t k = 0; k < items.size(); ++k) {
    py::handle pair = items[k];
    if (!(PyTuple_Check(pair.ptr()) || PyList_Check(pair.ptr())) || PySequence_Size(pair.ptr()) != 2)
      throw py::type_error(ballot_field(i) + ": expected a dict or (alternative, value) pairs");
    FastSequence kv(pair, ballot_field(i));
    on_pair(kv[0], kv[1]);
  }
}

// Reads ballots of (alternative, value) entries into Flat<Entry>; make(index, value_handle or integer).
template <class Entry, class FromPython, class FromInteger>
Flat<Entry> read_valued(const IdIndex& ids, py::handle ballots, FromPython&& from_python, FromInteger&& from_integer) {
  Flat<Entry> flat;
  if (is_array_form(ballots, 3)) {
    std::vector<std::int64_t> alternatives = int64_array(part(ballots, 1), "alternatives");
    std::vector<std::int64_t> values = int64_array(part(ballots, 2), "values");
    if (values.size() != alternatives.size())
      throw_argument_error("values", "has " + std::to_string(values.size()) + " entries for " +
                                         std::to_string(alternatives.size()) + " alternatives");
    flat.begin = offsets_of(part(ballots, 0), alternatives.size());
    flat.items.reserve(values.size());
    for (std::size_t j = 0; j < values.size(); ++j)
      flat.items.push_back(from_integer(checked_index(alternatives[j], ids, "alternatives", j), values[j]));
    return flat;
  }
  FastSequence all(ballots, "ballots");
  for (std::size_t i = 0; i < all.size(); ++i) {
    for_each_pair(all[i], i, [&](py::handle key, py::handle value) {
      flat.items.push_back(from_python(resolve(ids, key, i), value, i));
    });
    flat.end_ballot();
  }
  return flat;
}

}  // namespace

Profile scores_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options) {
  Flat<Score> flat = read_valued<Score>(
      ids, ballots,
      [](AlternativeIndex a, py::handle points, std::size_t i) {
        return Score{a, to_rational(points, ballot_field(i))};
      },
      [](AlternativeIndex a, std::int64_t points) {
        return Score{a, Rational(points)};
      });
  return fill(Profile(BallotKind::score, ids.size()), flat.size(), options,
              [&](Profile& p, std::size_t i, std::uint64_t count, StratumId stratum) {
                p.add_scores(flat.ballot(i), count, stratum);
              });
}

Profile quadratic_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options) {
  Flat<QuadraticVote> flat = read_valued<QuadraticVote>(
      ids, ballots,
      [](AlternativeIndex a, py::handle votes, std::size_t i) {
        return QuadraticVote{a, to_int64(votes, ballot_field(i))};
      },
      [](AlternativeIndex a, std::int64_t votes) {
        return QuadraticVote{a, votes};
      });
  return fill(Profile(BallotKind::quadratic, ids.size()), flat.size(), options,
              [&](Profile& p, std::size_t i, std::uint64_t count, StratumId stratum) {
                p.add_quadratic(flat.ballot(i), count, stratum);
              });
}

// ---- back to Python -------------------------------------------------------------------

BallotsToPython::BallotsToPython(const Profile& profile, py::list labels)
    : profile_(profile), labels_(std::move(labels)), overvote_(kOvervoteToken), write_in_(kWriteInToken) {}

py::object BallotsToPython::mark(std::uint32_t mark) const {
  if (mark == Mark::overvote) return overvote_;
  if (mark == Mark::write_in) return write_in_;
  return py::reinterpret_borrow<py::object>(PyList_GET_ITEM(labels_.ptr(), static_cast<Py_ssize_t>(mark)));
}

py::object BallotsToPython::ballot(std::size_t entry) {
  switch (profile_.kind()) {
    case BallotKind::approval: {
      profile_.approval(entry, indices_);
      py::tuple out(indices_.size());
      for (std::size_t k = 0; k < indices_.size(); ++k) out[k] = mark(indices_[k]);
      return out;
    }
    case BallotKind::ranked: {
      profile_.ranking(entry, ranking_);
      py::tuple out(ranking_.num_positions());
      for (std::size_t k = 0; k < ranking_.num_positions(); ++k) {
        std::uint32_t b = ranking_.position_begin[k], e = ranking_.position_begin[k + 1];
        if (e == b) {
          out[k] = py::none();
        } else if (e - b == 1) {
          out[k] = mark(ranking_.marks[b]);
        } else {
          py::list tied;
          for (std::uint32_t m = b; m < e; ++m) tied.append(mark(ranking_.marks[m]));
          PyObject* group = PyFrozenSet_New(tied.ptr());
          if (!group) throw py::error_already_set();
          out[k] = py::reinterpret_steal<py::object>(group);
        }
      }
      return out;
    }
    case BallotKind::score: {
      profile_.scores(entry, scores_);
      py::dict out;
      for (const Score& s : scores_) out[mark(s.alternative)] = to_fraction(s.points);
      return out;
    }
    case BallotKind::quadratic: {
      profile_.quadratic(entry, votes_);
      py::dict out;
      for (const QuadraticVote& v : votes_) out[mark(v.alternative)] = py::int_(v.votes);
      return out;
    }
  }
  throw Error(Errc::internal, "unknown ballot kind");
}

}  // namespace minga::python
