// SPDX-License-Identifier: Apache-2.0
// apps/minga/tally.cpp - `minga tally`: count ranked ballots by a named method, round by round.
//
// The options become a count spec (ranked/spec_json.hpp) counted by ranked::count(): the same
// reading of the same options as the C ABI's minga_ranked_count and Python's minga.tally.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "minga/core/error.hpp"
#include "minga/core/number.hpp"
#include "minga/ranked/count.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/spec_json.hpp"

namespace minga::cli {

namespace {

using namespace minga::ranked;

std::uint32_t count_option(const Arguments& args, std::string_view name) {
  const std::string value = args.value(name).value_or("");
  try {
    const std::uint64_t n = parse_count(value, name);
    if (n > 1000000) throw UsageError("--" + std::string(name) + " is too large");
    return static_cast<std::uint32_t>(n);
  } catch (const Error&) {
    throw UsageError("--" + std::string(name) + " needs a whole number, not '" + value + "'");
  }
}

/// The count() method that `--method` (and, for stv, `--rules`) names.
std::string method_name(const std::string& method, const Arguments& args) {
  if (method != "stv") {
    if (args.value("rules")) throw UsageError("--rules goes with --method stv");
    return method;
  }
  // --rules picks the STV rule; rctab (weighted inclusive Gregory as RCTab counts) by default
  const std::string rules = args.value("rules").value_or("rctab");
  if (rules == "rctab") return "wigm";
  if (rules == "minneapolis") return "minneapolis-stv";
  if (rules == "scottish") return "scottish-stv";
  if (rules == "irish") return "irish-stv";
  if (rules == "gregory" || rules == "wigm-generic" || rules == "wigm-prf" || rules == "wigm-prf-batch" ||
      rules == "meek" || rules == "meek-exact" || rules == "warren")
    return rules;
  throw UsageError("--rules: unknown STV rules '" + rules +
                   "' (rctab, gregory, wigm-generic, wigm-prf, wigm-prf-batch, minneapolis, scottish, irish, meek,"
                   " meek-exact, warren)");
}

/// The options as a count spec (ranked/spec_json.hpp), the one reading the C ABI and Python share.
std::string count_spec_json(const std::string& method, const Arguments& args) {
  nlohmann::json spec = {{"method", method}};
  for (std::string_view option : {"overvote", "duplicate", "write-ins", "tie-break", "seed", "quota", "paper-seed"})
    if (auto v = args.value(option)) {
      std::string key(option);
      std::replace(key.begin(), key.end(), '-', '_');
      spec[key] = *v;
    }
  for (std::string_view option : {"seats", "max-rankings", "decimals"})
    if (args.value(option)) {
      std::string key(option);
      std::replace(key.begin(), key.end(), '-', '_');
      spec[key] = count_option(args, option);
    }
  if (auto v = args.value("max-skipped"))
    spec["max_skipped"] = *v == "unlimited" ? nlohmann::json("unlimited") : nlohmann::json(count_option(args, "max-skipped"));
  if (args.has("batch")) spec["batch"] = true;
  if (args.has("continue-until-two")) spec["continue_until_two"] = true;
  if (auto percent = args.value("percent")) spec["share"] = to_exact_string(parse_decimal(*percent, "--percent") / 100);
  return spec.dump();
}

/// Counts by the spec; an option the spec reader or count() refuses is a usage error naming the option.
Result count_by_spec(const Election& election, const std::string& spec_json) {
  try {
    return ranked::count(election, count_spec_from_json(spec_json));
  } catch (const Error& e) {
    const std::string& key = e.where().field;
    const bool about_option = e.code() == Errc::invalid_argument && e.where().line == 0 && !key.empty() &&
                              (e.where().file == "<spec>" || e.where().file.empty());
    if (!about_option) throw;
    std::string option = key == "share" ? "percent" : key;
    std::replace(option.begin(), option.end(), '_', '-');
    throw UsageError("--" + option + ": " + e.reason());
  }
}

int run_tally(const Arguments& args) {
  const std::string method = args.value("method").value_or("irv");
  const std::string spec = method == "rctab" ? std::string() : count_spec_json(method_name(method, args), args);
  const bool json = args.has("json");
  const auto& files = args.positional();
  if (json && files.size() > 1) std::cout << "[\n";
  for (std::size_t i = 0; i < files.size(); ++i) {
    Result result;
    if (method == "rctab") {
      RctabContest contest = read_rctab_config(files[i]);
      Election election = load_rctab_cvrs(contest);
      result = tabulate_rctab(contest, election);
      if (args.has("rctab-summary")) {
        std::cout << rctab_summary_json(contest, result) << '\n';
        continue;
      }
    } else {
      const auto start = std::chrono::steady_clock::now();
      Election election = read_input(files[i], format_option(args, "format"));
      const auto read = std::chrono::steady_clock::now();
      result = count_by_spec(election, spec);
      const auto counted = std::chrono::steady_clock::now();
      if (args.has("time"))
        std::cerr << files[i] << ": read " << std::chrono::duration<double, std::milli>(read - start).count()
                  << " ms, count " << std::chrono::duration<double, std::milli>(counted - read).count() << " ms\n";
    }
    if (json) std::cout << to_json(result, files.size() > 1 ? -1 : 2) << (i + 1 < files.size() ? ",\n" : "\n");
    else std::cout << (files.size() > 1 ? "== " + files[i] + "\n" : "") << to_text(result);
  }
  if (json && files.size() > 1) std::cout << "]\n";
  return exit_ok;
}

}  // namespace

const CommandSpec& tally_command() {
  static const CommandSpec spec{
      "tally",
      "tally FILE... [--method M [--rules R]] [--seats N] [ballot rules] [--tie-break P [--seed S]] [--json]",
      "count ranked ballots: plurality, IRV, STV, Condorcet methods, Borda, RCTab contests",
      "Reads each FILE (PrefLib, BLT, ranked CSV, JSON, binary; '-' is standard input)\n"
      "and counts it. Several files give one result each (a JSON array with --json).\n\n"
      "methods (--method, default irv):\n"
      "  plurality, irv, sequential-irv, bottoms-up (block elimination to --seats,\n"
      "  or until all have --percent of the votes), wigm (weighted inclusive Gregory STV),\n"
      "  scottish-stv (SSI 2007/42), irish-stv (Electoral Act 1992), meek (New Zealand rules, 9 decimals),\n"
      "  meek-exact, warren (exact rationals, omega 10^-10),\n"
      "  condorcet, smith, schulze, ranked-pairs, minimax, copeland, borda,\n"
      "  rctab (FILE is an RCTab contest configuration; counted as RCTab would),\n"
      "  stv (the STV rule named by --rules)\n\n"
      "STV rules (--rules, with --method stv; default rctab):\n"
      "  rctab               = wigm: RCTab's multi-seat weighted inclusive Gregory\n"
      "  gregory             fractional exact Gregory STV, quota by --quota  [droop]\n"
      "                      (--decimals D: truncate every product and quotient to D places)\n"
      "  wigm-generic        Droop's generic WIGM: exact, quota votes/(seats+1) exceeded\n"
      "  wigm-prf            PR Foundation reference WIGM: 4 decimals, one defeat at a time\n"
      "  wigm-prf-batch      the same, defeating sure losers in batches\n"
      "  minneapolis         Minneapolis multi-seat STV (ordinance 167.70): 4 decimals,\n"
      "                      threshold floor(V/(S+1))+1, certain losers defeated together\n"
      "  irish               Irish PR-STV (Dail, Electoral Act 1992 Part XIX): whole\n"
      "                      papers, last parcel, surplus deferral, multiple exclusion;\n"
      "                      overvotes and gaps end a paper; look-back forwards\n"
      "  scottish, meek, meek-exact, warren  = the methods of those names\n\n"
      "ballot rules (how raw marks are read; defaults in brackets):\n"
      "  --overvote R        exhaust_immediately | skip_to_next_rank |\n"
      "                      exhaust_if_multiple_continuing  [exhaust_immediately]\n"
      "  --max-skipped N     consecutive skipped ranks allowed, or 'unlimited'  [unlimited]\n"
      "  --duplicate R       skip | exhaust  [skip]\n"
      "  --max-rankings N    ranks a voter may use; more is an input error  [no limit]\n"
      "  --write-ins R       candidate (eliminated first) | skip  [candidate]\n\n"
      "count options:\n"
      "  --seats N           seats (plurality, sequential-irv, bottoms-up, STV rules)  [the file's, else 1]\n"
      "  --percent P         bottoms-up: winners once every candidate has P% of the round's votes\n"
      "  --batch             IRV: batch elimination (mathematically safe)\n"
      "  --continue-until-two  IRV: go on until two candidates remain\n"
      "  --quota Q           wigm: droop | hagenbach-bischoff | hare | exact-droop  [droop]\n"
      "                      gregory: droop (floor(V/(S+1))+1) | hare (V/S) |\n"
      "                      hb (V/(S+1), to be exceeded) | dynamic (hb over each\n"
      "                      round's continuing votes)  [droop]\n"
      "  --decimals D        wigm: decimals of transfer values and weights  [4]\n"
      "                      gregory: fixed-point decimals  [exact rationals]\n"
      "  --tie-break P       [backwards,|forwards,|aafd,]stop | candidate-order | random |\n"
      "                      rctab-random | rctab-permutation | lot-order, or (meek,\n"
      "                      meek-exact, warren) new-zealand = aafd,nz-prn: New Zealand's\n"
      "                      Schedule 1A, ahead at first difference, then its PRNs\n"
      "                      [stop: report the tie]\n"
      "  --seed S            the published seed of a random tie-break\n"
      "  --paper-seed S      irish: mix the papers with this published seed before the\n"
      "                      first count  [papers filed in input order]\n"
      "  --format F          read FILE as format F\n"
      "  --json              print the result as JSON (schema \"minga.result/1\":\n"
      "                      winners, rounds with tallies, transfers, inactive ballots)\n"
      "  --rctab-summary     with --method rctab: print RCTab's own summary JSON\n"
      "  --time              print reading and counting times (ms) on standard error\n",
      {"json", "batch", "continue-until-two", "rctab-summary", "time"},
      {"method", "rules", "seats", "percent", "overvote", "max-skipped", "duplicate", "max-rankings", "write-ins", "quota", "decimals",
       "tie-break", "seed", "format", "paper-seed"},
      1,
      100000,
      &run_tally,
  };
  return spec;
}

}  // namespace minga::cli
