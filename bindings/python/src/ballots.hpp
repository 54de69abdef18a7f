// SPDX-License-Identifier: Apache-2.0
// bindings/python/src/ballots.hpp - ballots from Python (lists or integer arrays) into a Profile, and back.
//
// Adding is two steps: the Python objects are copied into flat C++ buffers with
// the GIL held, then a fresh Profile is filled from them with the GIL released.
// The caller merges that Profile into the election, so a bad ballot anywhere
// leaves the election unchanged.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minga/ballot/election.hpp"

namespace minga::python {

namespace py = pybind11;

/// Alternative ids -> indices, built once per election (its alternatives never
/// change from Python), so lookups never touch the Election while another
/// thread may be reading it without the GIL.
class IdIndex {
 public:
  explicit IdIndex(const std::vector<Alternative>& alternatives);
  const AlternativeIndex* find(std::string_view id) const;
  std::uint32_t size() const { return size_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, AlternativeIndex, Hash, std::equal_to<>> by_id_;
  std::uint32_t size_;
};

/// The per-ballot options shared by every add_* method.
struct BallotOptions {
  py::handle counts;     ///< None, a sequence of ints or an integer array
  py::handle channels;   ///< None, one str, or one str (or None) per ballot
  py::handle districts;  ///< None, one str, or one str (or None) per ballot
};

/// Each returns a Profile of its kind over the election's alternatives, holding
/// the given ballots. Errors name the argument: "ballots[3]", "counts", ...
Profile approvals_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options);
Profile rankings_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options);
Profile scores_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options);
Profile quadratic_profile(const IdIndex& ids, py::handle ballots, const BallotOptions& options);

/// Turns profile entries into Python ballots:
///   approval   tuple of labels
///   ranked     tuple of ranks; a rank is a label, None (skipped), "overvote",
///              "write-in", or a frozenset of those when several marks share it
///   score      dict label -> fractions.Fraction
///   quadratic  dict label -> int
/// A label is the alternative's id (labels = ids) or its index (labels = ints).
class BallotsToPython {
 public:
  BallotsToPython(const Profile& profile, py::list labels);
  py::object ballot(std::size_t entry);

 private:
  py::object mark(std::uint32_t mark) const;
  const Profile& profile_;
  py::list labels_;
  py::str overvote_, write_in_;
  std::vector<AlternativeIndex> indices_;
  Ranking ranking_;
  std::vector<Score> scores_;
  std::vector<QuadraticVote> votes_;
};

/// "overvote" and "write-in": the tokens a rank may hold besides alternatives.
inline constexpr const char* kOvervoteToken = "overvote";
inline constexpr const char* kWriteInToken = "write-in";

}  // namespace minga::python
