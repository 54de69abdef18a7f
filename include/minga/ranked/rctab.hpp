// SPDX-License-Identifier: Apache-2.0
// minga/ranked/rctab.hpp - RCTab contests: configuration, cast vote records, tabulation, summary.
//
// RCTab (the Ranked Choice Voting Resource Center's certified tabulator)
// describes a contest in one JSON file: output settings, the cast vote record
// (CVR) sources, the candidates (with aliases) and the rules. minga reads it,
// loads the CVRs into one Election (alternatives = the configured candidates,
// in config order; excluded candidates are withdrawn; precincts become
// districts), counts it as RCTab would, and writes RCTab's summary JSON so the
// two can be compared value by value.
//
// CVR providers read: "cdf" (NIST SP 1500-103 JSON, and XML when the file
// ends in .xml), "genericCsv", "clearBallot", "dominion" (a JSON export folder),
// "hart" (a folder of Hart Verity XML sheets). "ess" (xlsx) raises
// Error(unsupported) naming the source.
//
// Rules mapping (config "rules" -> minga):
//   overvoteRule, maxSkippedRanksAllowed ("unlimited"), maxRankingsAllowed ("max"),
//   exhaustOnDuplicateCandidate                -> BallotInterpretation
//   tiebreakMode random | useCandidateOrder | generatePermutation |
//     previousRoundCountsThenRandom | stopCountingAndAsk | previousRoundCountsThenAsk -> TieBreak
//   winnerElectionMode singleWinnerMajority -> irv(); multiPassIrv -> sequential_irv();
//     multiWinnerAllowOnlyOneWinnerPerRound / multiWinnerAllowMultipleWinnersPerRound -> wigm();
//     bottomsUp -> bottoms_up() with numberOfWinners seats;
//     bottomsUpUsingPercentageThreshold -> bottoms_up() with share multiSeatBottomsUpPercentageThreshold / 100
//   decimalPlacesForVoteArithmetic, nonIntegerWinningThreshold, hareQuota,
//   batchElimination, continueUntilTwoCandidatesRemain, doesFirstRoundDetermineThreshold,
//   minimumVoteThreshold, stopTabulationEarlyAfterRound -> IrvOptions / StvOptions
// Any other winnerElectionMode raises Error(unsupported) naming the field.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/ranked/quota.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

struct RctabSource {
  std::string provider;                 ///< "cdf", "genericCsv", "clearBallot", ...
  std::filesystem::path path;           ///< resolved against the config's folder
  std::string contest_id;
  std::optional<std::uint32_t> first_vote_column;  ///< 1-based (CSV)
  std::optional<std::uint32_t> first_vote_row;     ///< 1-based (CSV)
  std::optional<std::uint32_t> id_column;
  std::optional<std::uint32_t> precinct_column;
  std::optional<std::uint32_t> batch_column;
  std::string overvote_delimiter;
  std::string overvote_label;
  std::string skipped_rank_label;
  std::string undeclared_write_in_label;
  bool treat_blank_as_write_in = false;
};

struct RctabCandidate {
  std::string name;
  std::vector<std::string> aliases;
  bool excluded = false;
};

struct RctabContest {
  std::filesystem::path config_path;
  // outputSettings
  std::string contest_name, contest_date, jurisdiction, office, output_directory;
  bool tabulate_by_precinct = false, tabulate_by_batch = false;
  bool generate_cdf_json = false;  ///< write the CVRs as a CDF JSON report (rctab_output.hpp)
  std::vector<RctabSource> sources;
  std::vector<RctabCandidate> candidates;
  // rules, as written
  std::string winner_election_mode;
  std::string tiebreak_mode;
  // rules, as minga options
  BallotInterpretation ballots;
  TieBreak tie_break;
  std::uint32_t seats = 1;
  unsigned decimals = 4;
  bool non_integer_threshold = false;
  bool hare_quota = false;
  bool batch_elimination = false;
  bool continue_until_two = false;
  bool freeze_threshold = false;
  Rational minimum_votes;
  std::optional<std::uint32_t> stop_after_round;
  std::optional<Rational> bottoms_up_percentage;  ///< multiSeatBottomsUpPercentageThreshold (e.g. 15)
};

/// Reads an RCTab contest configuration. Throws Error(parse) naming the file and
/// the field for a missing or malformed value, and Error(unsupported) for a
/// rule value minga does not know.
MINGA_EXPORT RctabContest read_rctab_config(const std::filesystem::path& path);

/// Reads every CVR source of the contest into one Election. Errors name the CVR
/// file, the record (line or CVR number) and the field: an unknown candidate,
/// a rank beyond maxRankingsAllowed, a malformed value.
MINGA_EXPORT Election load_rctab_cvrs(const RctabContest& contest);

/// The ballot rules the contest counts with: contest.ballots, with the write-in
/// pseudo-candidate always present when a source declares a write-in label.
MINGA_EXPORT BallotInterpretation rctab_ballot_interpretation(const RctabContest& contest);

/// Counts the contest as RCTab would.
MINGA_EXPORT Result tabulate_rctab(const RctabContest& contest, const Election& election);

/// RCTab's summary JSON ("detailed report": config, jsonFormatVersion, results[]
/// with tally, tallyResults, threshold, inactiveBallots; summary).
MINGA_EXPORT std::string rctab_summary_json(const RctabContest& contest, const Result& result, int indent = 2);

}  // namespace minga::ranked
