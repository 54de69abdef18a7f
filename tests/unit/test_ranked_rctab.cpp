// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_ranked_rctab.cpp - RCTab conformance: every case in shared/data/rctab, round by round.
//
// Each case's config is read, its CVRs loaded and the contest counted; the
// summary minga writes is compared value by value (decimal strings compared
// as exact numbers, so "2.3330" equals "2.333") with RCTab's expected
// detailed report. Cases minga cannot run yet are listed with the reason.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "minga/core/error.hpp"
#include "minga/ranked/rctab.hpp"

using namespace minga;
using namespace minga::ranked;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kRctab = fs::path(MINGA_SHARED_DATA) / "rctab";

bool same_value(const std::string& a, const std::string& b) {
  if (a == b) return true;
  try {
    return parse_decimal(a) == parse_decimal(b);
  } catch (const Error&) {
    return false;
  }
}

/// The first difference between two JSON values ("" when equal), numbers in strings compared exactly.
std::string first_difference(const json& expected, const json& actual, const std::string& path) {
  if (expected.is_object()) {
    if (!actual.is_object()) return path + ": expected an object";
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) return path + "." + it.key() + ": missing (expected " + it.value().dump() + ")";
      auto d = first_difference(it.value(), actual[it.key()], path + "." + it.key());
      if (!d.empty()) return d;
    }
    for (auto it = actual.begin(); it != actual.end(); ++it)
      if (!expected.contains(it.key())) return path + "." + it.key() + ": unexpected " + it.value().dump();
    return {};
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return path + ": expected an array";
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
      auto d = first_difference(expected[i], actual[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    if (expected.size() != actual.size())
      return path + ": " + std::to_string(expected.size()) + " entries expected, " + std::to_string(actual.size()) + " found";
    return {};
  }
  if (expected.is_string() && actual.is_string() && same_value(expected.get<std::string>(), actual.get<std::string>()))
    return {};
  if (expected == actual) return {};
  return path + ": expected " + expected.dump() + ", found " + actual.dump();
}

struct Outcome {
  std::string status;  // "pass", "fail", "unsupported", "no expected report"
  std::string detail;
};

Outcome run_case(const fs::path& folder) {
  const std::string name = folder.filename().string();
  const fs::path config = folder / (name + "_config.json");
  const fs::path expected_path = folder / (name + "_expected_detailed_report.json");
  try {
    RctabContest contest = read_rctab_config(config);
    Election election = load_rctab_cvrs(contest);
    Result result = tabulate_rctab(contest, election);
    if (!fs::exists(expected_path)) return {"no expected report", "counted; RCTab gives no detailed report to compare"};
    std::ifstream in(expected_path);
    json expected = json::parse(in);
    json actual = json::parse(rctab_summary_json(contest, result));
    std::string d = first_difference(expected["results"], actual["results"], "results");
    if (d.empty()) d = first_difference(expected["summary"], actual["summary"], "summary");
    return d.empty() ? Outcome{"pass", ""} : Outcome{"fail", d};
  } catch (const Error& e) {
    if (e.code() == Errc::unsupported) return {"unsupported", e.what()};
    if (!fs::exists(expected_path)) return {"error as expected", e.what()};
    return {"fail", std::string("error: ") + e.what()};
  }
}

}  // namespace

TEST_CASE("RCTab conformance cases give RCTab's round-by-round summary", "[ranked][rctab]") {
  if (!fs::exists(kRctab)) {
    WARN("SKIPPED: " << kRctab.string() << " is absent");
    return;
  }
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kRctab))
    if (entry.is_directory() && fs::exists(entry.path() / (entry.path().filename().string() + "_config.json")))
      cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() == 23);
  int passed = 0, compared = 0, unsupported = 0, failed = 0;
  std::ostringstream table;
  for (const auto& folder : cases) {
    const std::string name = folder.filename().string();
    Outcome outcome = run_case(folder);
    table << "  " << name << ": " << outcome.status << (outcome.detail.empty() ? "" : " - " + outcome.detail) << "\n";
    if (outcome.status == "pass") ++compared;
    if (outcome.status == "pass" || outcome.status == "no expected report") ++passed;
    else if (outcome.status == "error as expected" && name == "max_ranking_enforcement") ++passed;
    else if (outcome.status == "unsupported") ++unsupported;
    else ++failed;
  }
  WARN("RCTab conformance: " << passed << " / " << cases.size() << " pass (" << compared
                             << " compared value by value with RCTab's report), " << unsupported << " unsupported, "
                             << failed << " fail\n"
                             << table.str());
  CHECK(failed == 0);
}

TEST_CASE("max_ranking_enforcement is refused, naming the CVR file and line", "[ranked][rctab]") {
  const fs::path folder = kRctab / "max_ranking_enforcement";
  if (!fs::exists(folder)) {
    WARN("SKIPPED: " << folder.string() << " is absent");
    return;
  }
  RctabContest contest = read_rctab_config(folder / "max_ranking_enforcement_config.json");
  try {
    load_rctab_cvrs(contest);
    FAIL("a rank beyond maxRankingsAllowed was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse);
    CHECK(e.where().file.find("max_ranking_enforcement_cvr.csv") != std::string::npos);
    CHECK(e.where().line == 2);
    CHECK(std::string(e.what()).find("maxRankingsAllowed") != std::string::npos);
  }
}

TEST_CASE("A multi-seat contest with batchElimination or continueUntilTwo is refused, as RCTab refuses it",
          "[ranked][rctab]") {
  // RCTab's ContestConfig validation: "batchElimination can't be true in a multi-seat contest unless
  // the winner election mode is multi-pass IRV" (RULES_BATCH_ELIMINATION_TRUE_FOR_MULTI_SEAT), and the
  // same for continueUntilTwoCandidatesRemain. Single-seat and multiPassIrv contests keep both.
  const fs::path folder = fs::temp_directory_path() / ("minga_rctab_multi_seat_" +
                                                      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::create_directories(folder);
  auto config = [&](const std::string& mode, int seats, bool batch, bool until_two) {
    json doc = {{"cvrFileSources", json::array({{{"provider", "genericCsv"}, {"filePath", "cvr.csv"}}})},
                {"candidates", json::array({{{"name", "A"}}, {{"name", "B"}}, {{"name", "C"}}})},
                {"rules", {{"winnerElectionMode", mode}, {"tiebreakMode", "useCandidateOrder"},
                           {"overvoteRule", "exhaustImmediately"}, {"maxSkippedRanksAllowed", "1"},
                           {"maxRankingsAllowed", "max"}, {"numberOfWinners", std::to_string(seats)},
                           {"batchElimination", batch}, {"continueUntilTwoCandidatesRemain", until_two}}}};
    const fs::path path = folder / "contest_config.json";
    std::ofstream(path) << doc.dump(2);
    return path;
  };
  auto refused_field = [](const fs::path& path) -> std::string {
    try {
      (void)read_rctab_config(path);
    } catch (const Error& e) {
      CHECK(e.where().file == path.string());
      return e.where().field;
    }
    return "";
  };
  for (const char* mode : {"multiWinnerAllowMultipleWinnersPerRound", "multiWinnerAllowOnlyOneWinnerPerRound", "bottomsUp"}) {
    INFO(mode);
    CHECK(refused_field(config(mode, 2, true, false)) == "rules.batchElimination");
    CHECK(refused_field(config(mode, 3, false, true)) == "rules.continueUntilTwoCandidatesRemain");
    CHECK(refused_field(config(mode, 2, false, false)).empty());
  }
  CHECK(refused_field(config("multiPassIrv", 2, true, true)).empty());
  CHECK(refused_field(config("singleWinnerMajority", 1, true, true)).empty());
  fs::remove_all(folder);
}
