// SPDX-License-Identifier: Apache-2.0
// minga/ballot/profile.hpp - a compressed, mergeable multiset of ballots.
//
// A Profile maps each distinct (stratum, ballot) to how many ballots said it.
// It is built by streaming: add() one ballot (or one ballot with a count) at a
// time, so raw ballots never need to be in memory together; memory grows with
// the number of distinct ballots, not with the number of ballots.
//
// Ballots are stored canonically encoded in one byte arena (varints), so two
// ballots that mean the same thing are one entry:
//   approval  - alternatives sorted; listing one twice is an error
//   ranked    - marks within a rank sorted; trailing skipped ranks dropped
//   score     - entries sorted by alternative; an alternative twice is an error
//   quadratic - as score
//
// Profiles over the same alternatives merge (a + b = the profile of the union
// of their ballots), so partial profiles built on many machines combine. To
// merge profiles whose alternatives are numbered differently, merge the
// Elections that own them (they remap by alternative id).
//
// Limits: counts are 64-bit; score points are rationals whose numerator and
// denominator fit in 63 bits; quadratic votes fit in 63 bits.
//
// THREAD SAFETY: const methods may run concurrently; mutation needs exclusive access.
#pragma once

#include "minga/export.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minga/ballot/ballot.hpp"

namespace minga {

using StratumId = std::uint32_t;

class MINGA_EXPORT Profile {
 public:
  Profile(BallotKind kind, std::uint32_t num_alternatives);

  BallotKind kind() const noexcept { return kind_; }
  std::uint32_t num_alternatives() const noexcept { return num_alternatives_; }

  // ---- strata --------------------------------------------------------------
  /// The id of a stratum, added if new. Stratum 0 is always {unspecified, ""}.
  StratumId intern_stratum(const Stratum& stratum);
  const std::vector<Stratum>& strata() const noexcept { return strata_; }

  // ---- adding ballots (throw Error(invalid_argument) on an index out of
  //      range, a duplicate where the model forbids one, or a kind mismatch) --
  void add_approval(std::span<const AlternativeIndex> approved, std::uint64_t count = 1, StratumId stratum = 0);
  void add_ranking(const Ranking& ranking, std::uint64_t count = 1, StratumId stratum = 0);
  void add_scores(std::span<const Score> scores, std::uint64_t count = 1, StratumId stratum = 0);
  void add_quadratic(std::span<const QuadraticVote> votes, std::uint64_t count = 1, StratumId stratum = 0);
  /// Adds an already canonical encoded ballot (from encoded() of a profile of the same kind).
  void add_encoded(std::string_view key, std::uint64_t count, StratumId stratum);

  // ---- reading --------------------------------------------------------------
  /// Number of distinct (stratum, ballot) entries.
  std::size_t num_entries() const noexcept { return counts_.size(); }
  /// Total number of ballots (sum of counts).
  std::uint64_t num_ballots() const noexcept { return total_; }
  std::uint64_t count(std::size_t entry) const { return counts_[entry]; }
  StratumId stratum_of(std::size_t entry) const { return entry_strata_[entry]; }
  /// The canonical encoding of an entry's ballot (stable within a version; see docs/formats.md).
  std::string_view encoded(std::size_t entry) const;

  void approval(std::size_t entry, std::vector<AlternativeIndex>& out) const;
  void ranking(std::size_t entry, Ranking& out) const;
  void scores(std::size_t entry, std::vector<Score>& out) const;
  void quadratic(std::size_t entry, std::vector<QuadraticVote>& out) const;

  // ---- combining ------------------------------------------------------------
  /// Adds every ballot of `other` (same kind and number of alternatives).
  void merge(const Profile& other);
  /// The same ballots with alternatives renumbered: old index i becomes
  /// new_index[i] in a profile over new_num_alternatives alternatives.
  Profile remapped(std::span<const AlternativeIndex> new_index, std::uint32_t new_num_alternatives) const;
  /// The same ballots with every stratum erased (one entry per distinct ballot).
  Profile collapsed() const;
  /// Only the ballots whose stratum satisfies `keep`.
  Profile filtered(const std::function<bool(const Stratum&)>& keep) const;
  /// Ballots per stratum, indexed by StratumId.
  std::vector<std::uint64_t> ballots_per_stratum() const;

  /// True when both hold the same ballots with the same counts and strata
  /// (entry order and stratum numbering may differ).
  bool same_ballots(const Profile& other) const;

  /// Bytes of heap memory held (arena, counts, index).
  std::size_t memory_bytes() const noexcept;
  void reserve(std::size_t entries, std::size_t key_bytes);

 private:
  // encode_*: validate and write the canonical key of one ballot into scratch_.
  void encode_approval(std::span<const AlternativeIndex> approved);
  void encode_ranking(const Ranking& ranking);
  void encode_scores(std::span<const Score> scores);
  void encode_quadratic(std::span<const QuadraticVote> votes);
  void decode_approval(std::string_view key, std::vector<AlternativeIndex>& out) const;
  void decode_ranking(std::string_view key, Ranking& out) const;
  void decode_scores(std::string_view key, std::vector<Score>& out) const;
  void decode_quadratic(std::string_view key, std::vector<QuadraticVote>& out) const;
  void add_key(std::string_view key, std::uint64_t count, StratumId stratum);
  void check_stratum(StratumId stratum) const;
  void copy_strata_from(const Profile& other);
  void grow_table();

  BallotKind kind_;
  std::uint32_t num_alternatives_;
  std::vector<Stratum> strata_;
  std::unordered_map<std::string, StratumId> stratum_index_;  // channel byte + district -> id
  std::string arena_;                      // encoded ballots, back to back
  std::vector<std::uint32_t> key_end_;     // arena_ offset after entry i's key
  std::vector<std::uint64_t> counts_;
  std::vector<StratumId> entry_strata_;
  std::vector<std::uint32_t> table_;       // open addressing: entry index + 1, 0 = empty
  std::vector<std::uint32_t> hashes_;      // low 32 bits of each entry's hash
  std::uint64_t total_ = 0;
  std::string scratch_;                    // encoding buffer reused across add_*
  std::vector<AlternativeIndex> sort_buffer_;
};

}  // namespace minga
