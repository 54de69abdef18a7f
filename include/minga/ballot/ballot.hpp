// SPDX-License-Identifier: Apache-2.0
// minga/ballot/ballot.hpp - what one ballot says, for every ballot model.
//
// Alternatives (candidates, projects, options) are numbered 0..n-1 in the
// order of their Election. A ballot is one of four kinds:
//
//   approval   a set of alternatives (also choose-1 and knapsack ballots)
//   ranked     positions 1, 2, 3... each holding the marks made at that rank:
//              none (a skipped rank), one candidate, several (a tie or an
//              overvote - the tabulation rule decides which), an explicit
//              overvote token, or an undeclared write-in. Marks are kept as
//              made, so ballot rules (skips, overvotes, duplicates) are applied
//              at tabulation time, never while reading.
//   score      points per alternative, exact (score, cumulative ballots)
//   quadratic  integer votes per option, possibly negative; cost = sum of squares
//
// Every ballot also has a count (how many identical ballots, i.e. its weight)
// and a stratum: the channel it came through and its district/precinct.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minga/core/number.hpp"

namespace minga {

using AlternativeIndex = std::uint32_t;

enum class BallotKind : std::uint8_t { approval = 0, ranked = 1, score = 2, quadratic = 3 };

MINGA_EXPORT const char* ballot_kind_name(BallotKind kind) noexcept;
/// Throws Error(invalid_argument) for an unknown name.
MINGA_EXPORT BallotKind ballot_kind_from_name(std::string_view name);

/// How a ballot reached the count. The digital divide is first class: paper
/// batches counted by hand and SMS votes feed the same tally as online ones.
enum class Channel : std::uint8_t { unspecified = 0, online = 1, kiosk = 2, paper = 3, sms = 4, other = 5 };

MINGA_EXPORT const char* channel_name(Channel channel) noexcept;
/// Accepts the names above plus common spellings found in data
/// ("internet", "web" -> online; "postal", "mail" -> paper). Throws on others.
MINGA_EXPORT Channel channel_from_name(std::string_view name);

/// A channel and a district. District "" means none given.
struct Stratum {
  Channel channel = Channel::unspecified;
  std::string district;
  friend bool operator==(const Stratum&, const Stratum&) = default;
};

/// One mark at one rank of a ranked ballot: a candidate index, or a token.
struct Mark {
  static constexpr std::uint32_t overvote = 0xFFFFFFFFu;  ///< "overvote" written by the scanner
  static constexpr std::uint32_t write_in = 0xFFFFFFFEu;  ///< undeclared write-in
  static constexpr std::uint32_t max_candidate = 0xFFFFFFF0u;
};

/// A ranked ballot: marks[position_begin[k] .. position_begin[k+1]) are the
/// marks at rank k+1. A skipped rank has no marks. Trailing skipped ranks
/// carry no information and are dropped when the ballot enters a profile.
struct MINGA_EXPORT Ranking {
  std::vector<std::uint32_t> marks;
  std::vector<std::uint32_t> position_begin{0};

  std::size_t num_positions() const { return position_begin.size() - 1; }
  /// Appends a rank holding `marks_at_rank` (empty = skipped rank).
  void add_position(std::initializer_list<std::uint32_t> marks_at_rank);
  void add_position(const std::uint32_t* first, std::size_t count);
  void add_skipped() { position_begin.push_back(static_cast<std::uint32_t>(marks.size())); }
  /// Appends a mark to the last position (opens position 1 if there is none).
  void add_mark_to_last(std::uint32_t mark);
  void clear();
  friend bool operator==(const Ranking&, const Ranking&) = default;
};

/// Points given to one alternative on a score or cumulative ballot.
struct Score {
  AlternativeIndex alternative;
  Rational points;
  friend bool operator==(const Score&, const Score&) = default;
};

/// Votes given to one option on a quadratic ballot (negative if the poll allows).
struct QuadraticVote {
  AlternativeIndex alternative;
  std::int64_t votes;
  friend bool operator==(const QuadraticVote&, const QuadraticVote&) = default;
};

}  // namespace minga
