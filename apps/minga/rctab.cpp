// SPDX-License-Identifier: Apache-2.0
// apps/minga/rctab.cpp - `minga rctab CONFIG.json`: count an RCTab contest as RCTab would and write its reports.
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "minga/core/error.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/rctab_output.hpp"

namespace minga::cli {

namespace {

namespace fs = std::filesystem;

/// Writes a report file (through a temporary file) and says so.
void write_report(const fs::path& path, const std::string& text) {
  replace_file(path, text);
  std::cerr << "minga: wrote " << path.string() << '\n';
}

/// A precinct name as a file name: characters other than letters, digits, '.', '-' become '_'.
std::string file_safe(std::string name) {
  for (char& c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) c = '_';
  return name;
}

/// Where RCTab writes: outputDirectory, relative to the configuration's folder.
fs::path output_folder(const ranked::RctabContest& contest, const Arguments& args) {
  if (auto folder = args.value("output")) return *folder;
  const fs::path base = contest.config_path.parent_path();
  return contest.output_directory.empty() ? base : base / contest.output_directory;
}

int run_rctab(const Arguments& args) {
  using namespace minga::ranked;
  const RctabContest contest = read_rctab_config(args.positional()[0]);
  std::vector<CastVoteRecord> records;
  const Election election = load_rctab_cvrs(contest, records);
  const Result result = tabulate_rctab(contest, election);
  const std::string summary_json = rctab_summary_json(contest, result);
  if (args.has("json")) std::cout << summary_json << '\n';
  else std::cout << to_text(result);
  if (args.has("no-files")) return exit_ok;
  const fs::path folder = output_folder(contest, args);
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Error(Errc::io, Location{folder.string(), 0, "outputDirectory"}, "cannot create the folder: " + ec.message());
  write_report(folder / "summary.json", summary_json + "\n");
  write_report(folder / "summary.csv", rctab_summary_csv(contest, result));
  if (contest.generate_cdf_json) write_report(folder / "cvr_cdf.json", rctab_cdf_json(contest, records, &result) + "\n");
  if (contest.tabulate_by_precinct) {
    const fs::path precincts = folder / "Tabulate by Precinct";
    fs::create_directories(precincts, ec);
    if (ec) throw Error(Errc::io, Location{precincts.string(), 0, ""}, "cannot create the folder: " + ec.message());
    try {
      for (const PrecinctReport& report : rctab_precinct_csvs(contest, records, result))
        write_report(precincts / (file_safe(report.precinct) + "_precinct_summary.csv"), report.csv);
    } catch (const Error& e) {
      if (e.code() != Errc::unsupported) throw;
      std::cerr << "minga: " << e.what() << '\n';
    }
  }
  if (contest.tabulate_by_batch) std::cerr << "minga: tabulateByBatch reports are not written yet\n";
  return exit_ok;
}

}  // namespace

const CommandSpec& rctab_command() {
  static const CommandSpec spec{
      "rctab",
      "rctab CONFIG.json [--json] [--output DIR] [--no-files]",
      "count an RCTab contest as RCTab would and write RCTab's reports",
      "Reads the RCTab contest configuration CONFIG.json, loads its cast vote records\n"
      "(CDF JSON/XML, generic CSV, Clear Ballot, Dominion, Hart), counts the contest\n"
      "with its rules and prints the result (a table; with --json, RCTab's summary JSON).\n\n"
      "Then writes, like RCTab, into outputSettings.outputDirectory (relative to the\n"
      "configuration's folder) or --output DIR:\n"
      "  summary.json     RCTab's summary JSON (its detailed-report structure)\n"
      "  summary.csv      RCTab's summary CSV, cell for cell\n"
      "  cvr_cdf.json     when outputSettings.generateCdfJson is true: every cast vote\n"
      "                   record as a NIST SP 1500-103 CDF JSON report, one snapshot per round\n"
      "  Tabulate by Precinct/<precinct>_precinct_summary.csv\n"
      "                   when outputSettings.tabulateByPrecinct is true: each precinct's\n"
      "                   ballots, round by round, in the full contest's count\n"
      "RCTab prefixes the names with a timestamp; minga does not (same input, same files).\n"
      "Per-batch reports (tabulateByBatch) are not written yet.\n\n"
      "options:\n"
      "  --json       print RCTab's summary JSON instead of the table\n"
      "  --output DIR write the reports into DIR\n"
      "  --no-files   print only; write nothing\n",
      {"json", "no-files"},
      {"output"},
      1,
      1,
      &run_rctab,
  };
  return spec;
}

}  // namespace minga::cli
