// SPDX-License-Identifier: Apache-2.0
// minga/quadratic/voting.hpp - quadratic voting: credit budgets enforced by the library, tallies, publication.
//
// A quadratic ballot gives each option an integer number of votes v (negative
// ones only where the poll allows "against" votes) and costs cost(v) credits:
// v^2 by default, or another convex cost the poll supplies as a table. Voter i
// may spend at most B_i credits (one budget for everyone, or per voter, e.g.
// after weighted delegations). Unspent credits are lost.
//
// Input flows: rows (voter, option, votes) -> validate_qv() -> accepted ballots
// in an Election of kind `quadratic` (its Profile, with channel and district
// strata) plus every rejected ballot with its reasons -> tally_qv() -> QvResult.
// A ballot is one voter's rows; a rejected ballot never affects another voter.
//
// Rejection rules (QvRejection::rule), all checked, every reason reported:
//   not_integer     votes written as anything but an integer ("1.5", "x")
//   negative        negative votes in a poll without "against" votes
//   out_of_range    |v| above the largest affordable vote (floor(sqrt(B_i)) for v^2)
//   duplicate       the same (voter, option) twice
//   unknown_option  an option the poll does not list (only when options are given)
//   credits         total cost above the voter's budget
//
// Everything is exact: votes are 64-bit integers, sums and credits are Integer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/export.h"

namespace minga {

/// One row as cast: a voter gave `votes` (as written) to an option.
struct QvRow {
  std::string voter;
  std::string option;
  std::string votes;       ///< text as written; validate_qv() decides whether it is a valid integer
  Stratum stratum;         ///< channel and district of the ballot (from optional columns)
  std::uint64_t line = 0;  ///< 1-based line of the row in its file (0 when not from a file)
};

/// Rows of a poll, as read. `options` lists the poll's options when known
/// (then a vote for any other option is rejected); when empty, the options are
/// those the rows name, in first-seen order.
struct QvInput {
  std::string source;  ///< file name used in messages
  std::vector<QvRow> rows;
  std::vector<Alternative> options;  ///< id, name (+ attributes as read)
};

/// The rules of a poll.
struct QvRules {
  std::optional<Integer> credits;                ///< budget of every voter not listed in voter_credits (required)
  std::map<std::string, Integer> voter_credits;  ///< per-voter budgets (weighted delegations)
  bool allow_negative = false;                   ///< may a voter vote against an option?
  /// cost_table[k] = credits for |v| = k votes; empty means cost(v) = v^2.
  /// Must start at 0 and be convex (non-decreasing steps); votes beyond the
  /// table are out of range.
  std::vector<Integer> cost_table;
  /// Keep every accepted ballot with its voter (public ballots), not only aggregates.
  bool publish_ballots = false;

  /// Credits that `votes` cost under these rules; nullopt when out of the table.
  std::optional<Integer> cost(std::int64_t votes) const;
  /// The largest |v| a voter with `budget` credits can afford.
  std::int64_t max_votes(const Integer& budget) const;
  /// Throws Error(invalid_argument) when the rules are inconsistent (negative budget, non-convex table).
  void check() const;
};

/// One rejected ballot: who, where, which rule first, and every reason.
struct QvRejection {
  std::string voter;  ///< voter id, or "entry N" for an anonymous profile entry
  std::string file;
  std::uint64_t line = 0;     ///< line of the first offending row (of the ballot's first row for credits)
  std::string rule;           ///< first rule broken (see the list at the top)
  std::string reason;         ///< every reason, "; "-separated
  std::uint64_t ballots = 1;  ///< ballots this stands for (profile entries carry counts)
};

/// One accepted ballot, kept when QvRules::publish_ballots is set.
struct QvPublishedBallot {
  std::string voter;
  std::uint64_t line = 0;
  Stratum stratum;
  std::vector<QuadraticVote> votes;  ///< by option index, non-zero only
  Integer spent;
  Integer budget;
};

/// Accepted ballots (as an Election of kind quadratic) and the rejected ones.
struct QvBallots {
  Election election{BallotKind::quadratic, {}};
  std::vector<QvRejection> rejected;
  std::vector<QvPublishedBallot> published;  ///< only with publish_ballots
  std::uint64_t exhausted = 0;               ///< accepted ballots that spent their whole budget
};

/// Validates every voter's ballot and files the valid ones into an Election
/// (its rules.credits = rules.credits; zero votes are dropped from ballots).
/// A voter's channel and district are those of their first row. Throws only
/// for inconsistent rules (Error(invalid_argument)).
MINGA_EXPORT QvBallots validate_qv(const QvInput& input, const QvRules& rules);

/// Totals of one option.
struct QvOptionTotal {
  std::string id;
  std::string name;
  Integer votes;  ///< net: for minus against
  Integer votes_for;
  Integer votes_against;     ///< as a positive number
  Integer credits;           ///< credits spent on this option
  std::uint64_t voters = 0;  ///< ballots giving it non-zero votes
};

/// Totals within one channel/district.
struct QvStratumTotal {
  Stratum stratum;
  std::uint64_t ballots = 0;
  Integer credits;
  std::vector<Integer> votes;  ///< net votes per option, in option order
};

/// How many ballots spent exactly `credits`.
struct QvSpending {
  Integer credits;
  std::uint64_t ballots = 0;
};

struct QvResult {
  Integer credits;                     ///< the common budget
  std::uint64_t accepted = 0;          ///< ballots counted
  std::uint64_t rejected_ballots = 0;  ///< ballots rejected (sum over `rejected`)
  std::vector<QvOptionTotal> options;  ///< in the poll's option order
  std::vector<std::uint32_t> order;    ///< option indices by net votes, highest first (ties: option order)
  Integer credits_spent;               ///< over all accepted ballots
  std::uint64_t exhausted = 0;         ///< ballots that spent their whole budget
  std::vector<QvSpending> spending;    ///< distribution of credits spent, ascending
  std::vector<QvStratumTotal> strata;  ///< breakdown by channel and district (profile strata order)
  std::vector<QvRejection> rejected;
  std::vector<QvPublishedBallot> ballots;  ///< public ballots (publish_ballots), else empty
  bool public_ballots = false;
};

/// Tallies accepted ballots (validate_qv()'s output; rejections and published ballots carried over).
MINGA_EXPORT QvResult tally_qv(const QvBallots& ballots, const QvRules& rules);

/// Tallies the quadratic profile of an election (anonymous ballots). The budget
/// is rules.credits, else election.rules.credits (else Error(invalid_argument)).
/// Each distinct ballot is checked (negative, out_of_range, credits) and
/// rejected as "entry N" with its count when it breaks a rule.
MINGA_EXPORT QvResult tally_qv(const Election& election, const QvRules& rules);

/// Rows from a file: CSV with a header (voter, option, votes; optional channel,
/// district) or JSON (an array of row objects, e.g. Taiwan 2019's
/// ProposalPolls.json with UserID, ProposalID, Count). Column names are matched
/// case-insensitively among aliases (see docs/quadratic.md). A malformed file
/// (bad CSV, missing column, wrong JSON shape) throws Error(parse) with file and
/// line; a bad vote value does not: it rejects that voter's ballot later.
MINGA_EXPORT QvInput read_qv_rows(const std::filesystem::path& path);
MINGA_EXPORT QvInput read_qv_rows(std::istream& in, const std::string& name, bool json);

/// The poll's options from a file: CSV (id[, name]) or JSON (array of objects
/// with an id such as "id"/"ProposalID" and a name such as "name"/"ProposalTitle").
MINGA_EXPORT std::vector<Alternative> read_qv_options(const std::filesystem::path& path);

/// The result as JSON, schema "minga.qv/1" (exact integers as decimal strings).
MINGA_EXPORT std::string qv_result_to_json(const QvResult& result, int indent = -1);

}  // namespace minga
