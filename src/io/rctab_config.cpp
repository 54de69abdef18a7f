// SPDX-License-Identifier: Apache-2.0
// src/io/rctab_config.cpp - RCTab contest configuration JSON -> RctabContest.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "minga/core/error.hpp"
#include "minga/ranked/rctab.hpp"

namespace minga::ranked {

namespace {

using nlohmann::json;

class ConfigReader {
 public:
  explicit ConfigReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& reason) const {
    throw Error(Errc::parse, Location{file_, 0, field}, reason);
  }

  /// A value as text: strings as they are, numbers printed, null/absent as "".
  std::string text(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object()) fail(where, "expected an object");
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
    fail(where + "." + key, "expected a string or an integer");
  }

  bool flag(const json& object, const char* key, const std::string& where) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return false;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_string() && (*it == "true" || *it == "false")) return *it == "true";
    fail(where + "." + key, "expected true or false");
  }

  std::optional<std::uint32_t> number(const json& object, const char* key, const std::string& where) const {
    const std::string value = text(object, key, where);
    if (value.empty()) return std::nullopt;
    try {
      const std::uint64_t n = parse_count(value, key);
      if (n > 0xFFFFFFF0u) fail(where + "." + key, "value too large: " + value);
      return static_cast<std::uint32_t>(n);
    } catch (const Error&) {
      fail(where + "." + key, "expected a whole number, not \"" + value + "\"");
    }
  }

 private:
  std::string file_;
};

TieBreak tie_break_of(const std::string& mode, const std::string& seed, const ConfigReader& reader) {
  TieBreak policy;
  policy.seed = seed;
  auto need_seed = [&] {
    if (seed.empty()) reader.fail("rules.randomSeed", "tiebreakMode \"" + mode + "\" needs a random seed");
  };
  if (mode == "random") {
    need_seed();
    policy.final = TieFinal::rctab_random;
  } else if (mode == "useCandidateOrder") {
    policy.final = TieFinal::candidate_order;
  } else if (mode == "generatePermutation") {
    need_seed();
    policy.final = TieFinal::rctab_permutation;
  } else if (mode == "previousRoundCountsThenRandom") {
    need_seed();
    policy.look_back = LookBack::previous_rounds_backwards;
    policy.final = TieFinal::rctab_random;
  } else if (mode == "previousRoundCountsThenAsk") {
    policy.look_back = LookBack::previous_rounds_backwards;
    policy.final = TieFinal::stop;
  } else if (mode == "stopCountingAndAsk" || mode.empty()) {
    policy.final = TieFinal::stop;
  } else {
    throw Error(Errc::unsupported, Location{"", 0, "rules.tiebreakMode"}, "unknown tiebreakMode \"" + mode + "\"");
  }
  return policy;
}

}  // namespace

RctabContest read_rctab_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{path.string(), 0, ""}, "cannot open the RCTab configuration");
  ConfigReader reader(path.string());
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw Error(Errc::parse, Location{path.string(), 0, ""}, std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_object()) reader.fail("", "expected a JSON object");
  RctabContest contest;
  contest.config_path = path;
  const json empty = json::object();
  const json& output = doc.contains("outputSettings") ? doc["outputSettings"] : empty;
  contest.contest_name = reader.text(output, "contestName", "outputSettings");
  contest.contest_date = reader.text(output, "contestDate", "outputSettings");
  contest.jurisdiction = reader.text(output, "contestJurisdiction", "outputSettings");
  contest.office = reader.text(output, "contestOffice", "outputSettings");
  contest.output_directory = reader.text(output, "outputDirectory", "outputSettings");
  contest.tabulate_by_precinct = reader.flag(output, "tabulateByPrecinct", "outputSettings");
  contest.tabulate_by_batch = reader.flag(output, "tabulateByBatch", "outputSettings");
  contest.generate_cdf_json = reader.flag(output, "generateCdfJson", "outputSettings");

  const std::filesystem::path folder = path.parent_path();
  if (!doc.contains("cvrFileSources") || !doc["cvrFileSources"].is_array() || doc["cvrFileSources"].empty())
    reader.fail("cvrFileSources", "expected a non-empty array of CVR sources");
  std::size_t k = 0;
  for (const json& s : doc["cvrFileSources"]) {
    const std::string where = "cvrFileSources[" + std::to_string(k++) + "]";
    RctabSource source;
    source.provider = reader.text(s, "provider", where);
    const std::string file = reader.text(s, "filePath", where);
    if (file.empty()) reader.fail(where + ".filePath", "missing");
    source.path = std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : folder / file;
    source.contest_id = reader.text(s, "contestId", where);
    source.first_vote_column = reader.number(s, "firstVoteColumnIndex", where);
    source.first_vote_row = reader.number(s, "firstVoteRowIndex", where);
    source.id_column = reader.number(s, "idColumnIndex", where);
    source.precinct_column = reader.number(s, "precinctColumnIndex", where);
    source.batch_column = reader.number(s, "batchColumnIndex", where);
    source.overvote_delimiter = reader.text(s, "overvoteDelimiter", where);
    source.overvote_label = reader.text(s, "overvoteLabel", where);
    source.skipped_rank_label = reader.text(s, "skippedRankLabel", where);
    source.undeclared_write_in_label = reader.text(s, "undeclaredWriteInLabel", where);
    source.treat_blank_as_write_in = reader.flag(s, "treatBlankAsUndeclaredWriteIn", where);
    if (source.provider.empty()) reader.fail(where + ".provider", "missing");
    contest.sources.push_back(std::move(source));
  }

  if (!doc.contains("candidates") || !doc["candidates"].is_array()) reader.fail("candidates", "expected an array");
  k = 0;
  for (const json& c : doc["candidates"]) {
    const std::string where = "candidates[" + std::to_string(k++) + "]";
    RctabCandidate candidate;
    candidate.name = reader.text(c, "name", where);
    if (candidate.name.empty()) reader.fail(where + ".name", "missing");
    candidate.excluded = reader.flag(c, "excluded", where);
    if (c.contains("aliases") && c["aliases"].is_array())
      for (const json& a : c["aliases"])
        if (a.is_string()) candidate.aliases.push_back(a.get<std::string>());
    contest.candidates.push_back(std::move(candidate));
  }
  if (contest.candidates.empty()) reader.fail("candidates", "no candidates");

  if (!doc.contains("rules") || !doc["rules"].is_object()) reader.fail("rules", "missing");
  const json& rules = doc["rules"];
  contest.winner_election_mode = reader.text(rules, "winnerElectionMode", "rules");
  contest.tiebreak_mode = reader.text(rules, "tiebreakMode", "rules");
  contest.tie_break = tie_break_of(contest.tiebreak_mode, reader.text(rules, "randomSeed", "rules"), reader);
  const std::string overvote = reader.text(rules, "overvoteRule", "rules");
  try {
    contest.ballots.overvote = overvote_rule_from_name(overvote);
  } catch (const Error&) {
    throw Error(Errc::unsupported, Location{path.string(), 0, "rules.overvoteRule"},
                "unknown overvoteRule \"" + overvote + "\"");
  }
  const std::string skipped = reader.text(rules, "maxSkippedRanksAllowed", "rules");
  if (skipped != "unlimited") contest.ballots.max_skipped_ranks = reader.number(rules, "maxSkippedRanksAllowed", "rules");
  const std::string max_rankings = reader.text(rules, "maxRankingsAllowed", "rules");
  // "max": as many ranks as candidates, the write-in pseudo-candidate included when a source declares one.
  bool write_in_label = false;
  for (const RctabSource& source : contest.sources)
    if (!source.undeclared_write_in_label.empty()) write_in_label = true;
  contest.ballots.max_rankings = max_rankings == "max"
                                     ? static_cast<std::uint32_t>(contest.candidates.size() + (write_in_label ? 1 : 0))
                                     : reader.number(rules, "maxRankingsAllowed", "rules");
  contest.ballots.duplicate =
      reader.flag(rules, "exhaustOnDuplicateCandidate", "rules") ? DuplicateRule::exhaust : DuplicateRule::skip;
  contest.ballots.write_in = WriteInRule::candidate;
  auto seats = reader.number(rules, "numberOfWinners", "rules");
  contest.seats = seats ? *seats : 1;
  auto decimals = reader.number(rules, "decimalPlacesForVoteArithmetic", "rules");
  contest.decimals = decimals ? *decimals : 4;
  if (contest.decimals > 20) reader.fail("rules.decimalPlacesForVoteArithmetic", "at most 20 decimal places");
  contest.non_integer_threshold = reader.flag(rules, "nonIntegerWinningThreshold", "rules");
  contest.hare_quota = reader.flag(rules, "hareQuota", "rules");
  contest.batch_elimination = reader.flag(rules, "batchElimination", "rules");
  contest.continue_until_two = reader.flag(rules, "continueUntilTwoCandidatesRemain", "rules");
  contest.freeze_threshold = reader.flag(rules, "doesFirstRoundDetermineThreshold", "rules");
  const std::string minimum = reader.text(rules, "minimumVoteThreshold", "rules");
  if (!minimum.empty()) contest.minimum_votes = parse_decimal(minimum, "rules.minimumVoteThreshold");
  contest.stop_after_round = reader.number(rules, "stopTabulationEarlyAfterRound", "rules");
  const std::string percentage = reader.text(rules, "multiSeatBottomsUpPercentageThreshold", "rules");
  if (!percentage.empty()) {
    contest.bottoms_up_percentage = parse_decimal(percentage, "rules.multiSeatBottomsUpPercentageThreshold");
    if (*contest.bottoms_up_percentage <= 0 || *contest.bottoms_up_percentage > 100)
      reader.fail("rules.multiSeatBottomsUpPercentageThreshold", "a percentage above 0 and at most 100");
  }
  if (contest.winner_election_mode == "bottomsUpUsingPercentageThreshold" && !contest.bottoms_up_percentage)
    reader.fail("rules.multiSeatBottomsUpPercentageThreshold", "bottomsUpUsingPercentageThreshold needs it");
  // RCTab's own validation refuses these in a multi-seat contest unless it is multi-pass IRV
  // (ValidationError RULES_BATCH_ELIMINATION_TRUE_FOR_MULTI_SEAT and its continue-until-two twin).
  if (contest.seats > 1 && contest.winner_election_mode != "multiPassIrv") {
    if (contest.batch_elimination)
      reader.fail("rules.batchElimination",
                  "batchElimination can't be true in a multi-seat contest unless the winner election mode is "
                  "multiPassIrv (RCTab refuses this configuration too)");
    if (contest.continue_until_two)
      reader.fail("rules.continueUntilTwoCandidatesRemain",
                  "continueUntilTwoCandidatesRemain can't be true in a multi-seat contest unless the winner "
                  "election mode is multiPassIrv (RCTab refuses this configuration too)");
  }
  return contest;
}

}  // namespace minga::ranked
