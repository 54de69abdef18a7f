// SPDX-License-Identifier: Apache-2.0
// minga/ranked/rctab_output.hpp - RCTab's output files: the CDF cast vote record export and the summary CSV.
//
// RCTab (the certified US tabulator) writes, next to its summary JSON
// (rctab_summary_json() in rctab.hpp):
//
//   <contest>_summary.csv   the round-by-round table: per round the votes, the
//                           share and the transfer of each candidate; active and
//                           inactive ballots by reason; threshold; residual surplus.
//   <contest>_cvr_cdf.json  when outputSettings.generateCdfJson is true: every
//                           cast vote record as a NIST SP 1500-103 Cast Vote Record
//                           report (CDF JSON), with one "original" snapshot (the
//                           marks as made) and, after a count, one "interpreted"
//                           snapshot per round saying which mark the ballot counted
//                           for in that round (IsAllocable yes/no).
//
// The CDF export names candidates "c-<name>" and selections "cs-<name>" (lower
// case, every character other than a-z, 0-9, '.', '-' and '_' turned into '_'),
// the contest "contest-001", the election "election-001", the jurisdiction
// GpUnit "gpu-election", each precinct GpUnit "gpu-<precinct>". A CVR's ids are
// "<source file name>_<record id>_" (RCTab's "file(id)" with the brackets made
// id-safe); its snapshots are "ballot-<that>" and "ballot-<that>-round-<r>".
// minga's own CDF reader (load_rctab_cvrs with provider "cdf") reads the export
// back: candidates by the Candidate Name the selection points to, precincts from
// BallotStyleUnitId, the write-in selection (IsWriteIn) as a write-in, and the
// overvote selection as the source's overvoteLabel.
//
// Differences from RCTab, on purpose:
// - RCTab names a CVR's selections after the name the source file used (an
//   alias), which its own Election block never declares, and never marks such a
//   selection allocable (its own report's tallies say otherwise); minga always
//   uses the configured candidate, so every ContestSelectionId resolves.
// - ReportingDevice names minga, not RCTab; GeneratedDate is the time of writing.
// - Interpreted snapshots are written for counts that move whole ballots
//   (single-winner IRV, sequential IRV, bottoms-up). For fractional multi-seat
//   counts (WIGM) only the original snapshot is written: per-ballot fractional
//   weights are not kept by the count.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <string>
#include <vector>

#include "minga/ballot/ballot.hpp"
#include "minga/ballot/election.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/result.hpp"

namespace minga::ranked {

/// One cast vote record as read from an RCTab CVR source, in file order.
struct CastVoteRecord {
  std::uint32_t source = 0;  ///< index into RctabContest::sources
  std::string id;            ///< the record's own id (CDF BallotPrePrintedId; else its 1-based number or line)
  std::string precinct;      ///< "" when the source gives none
  Ranking ranking;           ///< marks as made: candidate index (config order), Mark::overvote, Mark::write_in
};

/// load_rctab_cvrs(), also keeping every record in order (for per-ballot outputs).
MINGA_EXPORT Election load_rctab_cvrs(const RctabContest& contest, std::vector<CastVoteRecord>& records);

/// Fields of a CDF report that do not come from the ballots.
struct CdfReportInfo {
  std::string contest_name;   ///< Contest.Name
  std::string jurisdiction;   ///< the "gpu-election" GpUnit's Name
  std::string generated_date; ///< GeneratedDate (ISO 8601); empty = the current UTC time
  std::string overvote_label = "overvote";  ///< the candidate name an explicit overvote mark is written as
  std::string write_in_label = "Undeclared Write-ins";  ///< the write-in selection's Name
};

/// The election's ranked ballots as a CDF JSON report, one CVR per ballot
/// (counts expanded, in profile order, ids "1", "2", ...; source file name
/// "ballots"). Candidates are the alternatives' labels; districts become
/// precincts. Throws Error(unsupported) for a non-ranked election.
MINGA_EXPORT std::string write_cdf_json(const Election& election, const CdfReportInfo& info, int indent = 2);

/// RCTab's CDF export of a contest: the records in order, with one interpreted
/// snapshot per round of `result` when it is given and the count moves whole
/// ballots (see above). `result` must come from tabulate_rctab() on the
/// election the records were loaded with.
MINGA_EXPORT std::string rctab_cdf_json(const RctabContest& contest, const std::vector<CastVoteRecord>& records,
                                        const Result* result, const std::string& generated_date = {}, int indent = 2);

/// How rctab_summary_csv() writes.
struct RctabCsvOptions {
  /// The four "Inactive Ballots by ..." rows (RCTab's detailed report); false
  /// gives the short summary report (only "Inactive Ballots Total").
  bool inactive_by_reason = true;
  std::string generated_by = "minga";  ///< "Generated By" (RCTab writes its version)
};

/// RCTab's summary CSV ("detailed report") of a count, cell for cell as RCTab
/// writes it: candidates in order of first-round votes (undeclared write-ins
/// last), shares truncated to hundredths of a percent, transfers as the
/// difference to the next round.
MINGA_EXPORT std::string rctab_summary_csv(const RctabContest& contest, const Result& result,
                                           const RctabCsvOptions& options = {});

/// One precinct's report: its name ("no precinct id" for ballots without one) and CSV.
struct PrecinctReport {
  std::string precinct;
  std::string csv;
};

/// RCTab's per-precinct reports (outputSettings.tabulateByPrecinct): the full
/// contest's rounds and decisions (marked with a dagger), with each precinct's
/// ballots tallied where they sit in each round; one report per precinct, in
/// order of first appearance. Whole-ballot counts only (Error(unsupported) for
/// the fractional multi-seat modes). `result` must come from tabulate_rctab()
/// on the election the records were loaded with.
MINGA_EXPORT std::vector<PrecinctReport> rctab_precinct_csvs(const RctabContest& contest,
                                                             const std::vector<CastVoteRecord>& records,
                                                             const Result& result, const RctabCsvOptions& options = {});

/// RCTab's CVR CSV (its CDF-to-CSV conversion, conversions_from_cdf_expected.csv):
/// one row per record with its source file (relative to the config's folder),
/// provider, RCTab id "file(id)", vendor id and precinct, then one cell per rank
/// up to maxRankingsAllowed: the configured candidate, "undervote" (no mark),
/// "overvote" (several marks or the overvote token) or "Undeclared Write-ins".
/// Tabulator, batch and precinct-portion ids are not kept and stay empty.
MINGA_EXPORT std::string rctab_cvr_csv(const RctabContest& contest, const std::vector<CastVoteRecord>& records);

}  // namespace minga::ranked
