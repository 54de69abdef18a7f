// SPDX-License-Identifier: Apache-2.0
// minga/ballot/election.hpp - what an election file holds.
//
// An Election is the alternatives (candidates, projects or options, with ids
// and, for budgeting, exact costs), the ballot rules voters had to follow, a
// budget or a number of seats, free-form metadata as read, and the Profile of
// ballots. Every reader produces one; every writer consumes one.
//
// THREAD SAFETY: const methods may run concurrently; mutation needs exclusive access.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "minga/ballot/profile.hpp"
#include "minga/core/error.hpp"
#include "minga/core/number.hpp"

namespace minga {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// A candidate, a project or an option.
struct MINGA_EXPORT Alternative {
  std::string id;                 ///< unique within the election, as written in the input
  std::string name;               ///< display name; may be empty
  std::optional<Rational> cost;   ///< budgeting: exact cost
  bool withdrawn = false;         ///< withdrawn before the count (BLT "-k" lines)
  KeyValues attributes;           ///< every other column or field, as read (category, votes, selected...)

  const std::string& label() const { return name.empty() ? id : name; }
  /// The attribute's value, or nullptr.
  const std::string* attribute(std::string_view key) const;
};

/// Constraints a valid ballot meets (pabulib's META keys, ranked-ballot
/// limits, quadratic credits). An unset bound is no bound. Readers record
/// them; check_ballot_rules() reports the ballots that break them.
struct BallotRules {
  std::optional<std::uint32_t> min_length;      ///< alternatives marked (ranked: ranks used)
  std::optional<std::uint32_t> max_length;
  std::optional<Rational> min_total_cost;       ///< sum of costs of approved projects
  std::optional<Rational> max_total_cost;       ///< knapsack ballots
  std::optional<Rational> min_points;           ///< per alternative (score, cumulative)
  std::optional<Rational> max_points;
  std::optional<Rational> min_total_points;
  std::optional<Rational> max_total_points;     ///< cumulative ballots
  std::optional<Integer> credits;               ///< quadratic: sum of votes^2 must not exceed
  friend bool operator==(const BallotRules&, const BallotRules&) = default;
};

class MINGA_EXPORT Election {
 public:
  Election(BallotKind kind, std::vector<Alternative> alternatives);

  BallotKind kind() const noexcept { return profile.kind(); }
  std::uint32_t num_alternatives() const noexcept { return static_cast<std::uint32_t>(alternatives.size()); }

  /// Index of the alternative with this id, if any. O(1) while the index is
  /// fresh; call reindex() after adding or renaming alternatives in bulk
  /// (lookups stay correct without it, only slower).
  std::optional<AlternativeIndex> find(std::string_view id) const;
  void reindex();
  /// Index of the alternative with this id, or Error(parse) at `where`.
  AlternativeIndex index_of(std::string_view id, const Location& where) const;

  /// Adds `other`'s ballots. Both must have the same kind and the same set of
  /// alternative ids (in any order); other's ballots are renumbered by id.
  /// On failure nothing is changed.
  void merge(const Election& other);

  /// The value of a metadata key, or nullptr.
  const std::string* meta_value(std::string_view key) const;
  /// Sets (or adds, at the end) a metadata key.
  void set_meta(std::string_view key, std::string value);

  std::string title;
  std::string source_format;              ///< "pabulib", "preflib", "blt", "csv", "json", "binary"...
  KeyValues meta;                         ///< header keys as read, in file order
  std::vector<Alternative> alternatives;
  BallotRules rules;
  std::optional<Rational> budget;         ///< budgeting
  std::optional<std::uint32_t> seats;     ///< seats or winners to choose
  std::vector<std::string> notes;         ///< what the reader saw but did not keep, said plainly
  Profile profile;

 private:
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, AlternativeIndex, IdHash, std::equal_to<>> index_;
};

/// One kind of rule violation and how many ballots commit it.
struct RuleViolation {
  std::string rule;           ///< "min_length", "max_total_cost", "credits", ...
  std::uint64_t ballots = 0;  ///< ballots (with counts) that break it
  std::uint64_t entries = 0;  ///< distinct ballots that break it
  std::string example;        ///< a short description of one offending ballot
};

/// Every rule in election.rules that some ballot breaks, with counts.
MINGA_EXPORT std::vector<RuleViolation> check_ballot_rules(const Election& election);

/// True when the ballot of `entry` obeys every rule.
MINGA_EXPORT bool obeys_ballot_rules(const Election& election, std::size_t entry);

}  // namespace minga
