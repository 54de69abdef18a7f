// SPDX-License-Identifier: Apache-2.0
// minga/ballot/summary.hpp - what an election holds, in a few numbers (shared by `minga info`, C and Python).
//
// summarize() gathers the facts a person checks first when handed an
// election: its kind, how many alternatives and ballots, the budget or seats,
// where the ballots came from (per channel and per district) and which ballot
// rules some ballots break. summary_to_json() writes them as versioned JSON
// ("schema": "minga.summary/1"); every door (the command line, the C ABI's
// minga_election_info_json, Python) prints this one implementation.
//
// THREAD SAFETY: summarize() only reads the election; it may run concurrently
// with other readers of the same election.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/export.h"

namespace minga {

/// Ballots that came through one channel.
struct ChannelBallots {
  Channel channel = Channel::unspecified;
  std::uint64_t ballots = 0;
};

/// Ballots from one district ("" = ballots that name no district).
struct DistrictBallots {
  std::string district;
  std::uint64_t ballots = 0;
};

struct ElectionSummary {
  BallotKind kind = BallotKind::approval;
  std::string title;
  std::string source_format;
  std::uint32_t num_alternatives = 0;
  std::uint32_t num_withdrawn = 0;
  std::uint64_t num_ballots = 0;  ///< sum of counts
  std::size_t num_distinct = 0;   ///< distinct (stratum, ballot) entries
  std::optional<Rational> budget;
  std::optional<Rational> total_cost;  ///< sum of all costs, when every alternative has one
  std::optional<std::uint32_t> seats;
  BallotRules rules;
  /// Channels with at least one ballot, in the order of enum Channel.
  std::vector<ChannelBallots> ballots_per_channel;
  /// Empty when no ballot names a district; otherwise every district with
  /// ballots, sorted by name, plus "" for ballots that name none.
  std::vector<DistrictBallots> ballots_per_district;
  std::vector<RuleViolation> rule_violations;
  std::vector<std::string> notes;
};

MINGA_EXPORT ElectionSummary summarize(const Election& election);

/// The summary as JSON, e.g.
///   {"schema":"minga.summary/1","kind":"approval","title":"...","source_format":"pabulib",
///    "alternatives":5,"withdrawn":0,"ballots":120,"distinct_ballots":37,
///    "budget":"1000000","total_cost":"2500000","seats":null,"rules":{"max_length":3,"max_total_cost":"1000000"},
///    "ballots_per_channel":{"online":100,"paper":20},
///    "ballots_per_district":[{"district":"North","ballots":70},...],
///    "rule_violations":[{"rule":"max_length","ballots":2,"distinct_ballots":1,"example":"..."}],
///    "notes":["..."]}
/// Exact numbers (budget, costs, points, credits) are strings readable by
/// parse_decimal(); absent values are null. `indent` < 0 gives one line.
MINGA_EXPORT std::string summary_to_json(const ElectionSummary& summary, int indent = -1);

}  // namespace minga
