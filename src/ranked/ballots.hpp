// SPDX-License-Identifier: Apache-2.0
// src/ranked/ballots.hpp - (internal) distinct ranked ballots, flattened, read by a BallotInterpretation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"

namespace minga::ranked::detail {

/// Candidate numbering of a count: the election's alternatives, then (when
/// write-ins are a candidate and some ballot has one) the write-in pseudo-candidate.
struct Candidates {
  std::vector<std::string> names;
  std::uint32_t write_in = kNone;  ///< index of the pseudo-candidate, or kNone
  std::vector<char> withdrawn;     ///< never continuing
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint32_t size() const { return static_cast<std::uint32_t>(names.size()); }
};

/// Where a ballot goes next.
struct Choice {
  static constexpr std::uint32_t kExhausted = 0xFFFFFFFFu;
  std::uint32_t candidate = kExhausted;  ///< kExhausted when the ballot stops counting
  std::uint32_t position = 0;            ///< the rank index (0-based) that holds the candidate
  ExhaustReason reason = ExhaustReason::no_continuing_choice;
};

class BallotTable {
 public:
  /// Decodes every entry of election.profile (ranked). Throws Error(parse) on
  /// a mark beyond rules.max_rankings and Error(invalid_argument) on a non-ranked profile.
  BallotTable(const Election& election, const BallotInterpretation& rules);

  const Candidates& candidates() const { return candidates_; }
  std::size_t size() const { return counts_.size(); }
  std::uint64_t count(std::size_t entry) const { return counts_[entry]; }
  bool blank(std::size_t entry) const { return rank_begin_[entry] == rank_begin_[entry + 1]; }
  std::uint64_t total_ballots() const { return total_; }
  std::uint64_t blank_ballots() const { return blank_; }

  /// The ballot's next choice at or after rank index `from`, given which
  /// candidates continue (continuing[c] != 0).
  Choice next(std::size_t entry, std::uint32_t from, const std::vector<char>& continuing) const;

  /// The raw marks of rank index `rank` of an entry (candidate indices, kOvervoteMark, or the write-in mark).
  std::uint32_t num_ranks(std::size_t entry) const { return rank_begin_[entry + 1] - rank_begin_[entry]; }
  const std::uint32_t* marks_begin(std::size_t entry, std::uint32_t rank) const {
    return marks_.data() + mark_begin_[rank_begin_[entry] + rank];
  }
  const std::uint32_t* marks_end(std::size_t entry, std::uint32_t rank) const {
    return marks_.data() + mark_begin_[rank_begin_[entry] + rank + 1];
  }

 private:
  bool marked_before(std::size_t entry, std::uint32_t rank, std::uint32_t candidate) const;

  BallotInterpretation rules_;
  Candidates candidates_;
  std::vector<std::uint32_t> rank_begin_;  // entry -> first rank slot (size entries + 1)
  std::vector<std::uint32_t> mark_begin_;  // rank slot -> first mark (size slots + 1)
  std::vector<std::uint32_t> marks_;       // candidate index, kOvervote, or the write-in index / kWriteInSkip
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
  std::uint64_t blank_ = 0;
};

inline constexpr std::uint32_t kOvervoteMark = 0xFFFFFFFFu;
inline constexpr std::uint32_t kWriteInSkipMark = 0xFFFFFFFEu;

/// Initial Result fields shared by the counts (method, candidates, ballots, notes on the interpretation).
Result start_result(const std::string& method, const BallotTable& table, const BallotInterpretation& rules,
                    const TieBreak& tie_break);

}  // namespace minga::ranked::detail
