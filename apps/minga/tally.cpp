// SPDX-License-Identifier: Apache-2.0
// apps/minga/tally.cpp - `minga tally`: count ranked ballots by a named method, round by round.
#include <chrono>
#include <iostream>

#include "cli.hpp"
#include "minga/core/error.hpp"
#include "minga/ranked/condorcet.hpp"
#include "minga/ranked/gregory_stv.hpp"
#include "minga/ranked/irish_stv.hpp"
#include "minga/ranked/irv.hpp"
#include "minga/ranked/meek.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/scottish_stv.hpp"
#include "minga/ranked/stv.hpp"

namespace minga::cli {

namespace {

using namespace minga::ranked;

std::uint32_t count_option(const Arguments& args, std::string_view name, std::uint32_t fallback) {
  auto value = args.value(name);
  if (!value) return fallback;
  try {
    const std::uint64_t n = parse_count(*value, name);
    if (n > 1000000) throw UsageError("--" + std::string(name) + " is too large");
    return static_cast<std::uint32_t>(n);
  } catch (const Error&) {
    throw UsageError("--" + std::string(name) + " needs a whole number, not '" + *value + "'");
  }
}

template <class F>
auto named(F parse, const std::string& value, std::string_view option) {
  try {
    return parse(value);
  } catch (const Error& e) {
    throw UsageError("--" + std::string(option) + ": " + e.reason());
  }
}

BallotInterpretation interpretation(const Arguments& args, BallotInterpretation rules = {}) {
  if (auto v = args.value("overvote")) rules.overvote = named(overvote_rule_from_name, *v, "overvote");
  if (auto v = args.value("duplicate")) rules.duplicate = named(duplicate_rule_from_name, *v, "duplicate");
  if (auto v = args.value("write-ins")) rules.write_in = named(write_in_rule_from_name, *v, "write-ins");
  if (auto v = args.value("max-skipped"); v && *v != "unlimited") rules.max_skipped_ranks = count_option(args, "max-skipped", 0);
  if (args.value("max-rankings")) rules.max_rankings = count_option(args, "max-rankings", 0);
  return rules;
}

TieBreak tie_break(const Arguments& args) {
  const std::string name = args.value("tie-break").value_or("stop");
  const std::string seed = args.value("seed").value_or("");
  return named([&](const std::string& n) { return tie_break_from_name(n, seed); }, name, "tie-break");
}

/// Options with the settings every count reads: ballot rules, tie-break, seats.
template <class Options>
Options common_options(const Arguments& args, std::uint32_t seats) {
  Options options;
  options.ballots = interpretation(args);
  options.tie_break = tie_break(args);
  options.seats = seats;
  return options;
}

/// --method stv --rules gregory | wigm-generic | wigm-prf | wigm-prf-batch (gregory_stv.hpp).
Result gregory_count(const Election& election, const std::string& rules, std::uint32_t seats, const Arguments& args) {
  GregoryStvOptions options;
  if (rules == "gregory") {
    options = gregory_exact_options(seats, GregoryQuota::droop, tie_break(args));
    if (auto q = args.value("quota")) options.quota = named(gregory_quota_from_name, *q, "quota");
    if (args.value("decimals")) options.decimals = count_option(args, "decimals", 0);
  } else if (rules == "wigm-generic") {
    options = droop_wigm_options(seats, tie_break(args));
  } else {
    options = prf_wigm_options(seats, rules == "wigm-prf-batch", tie_break(args));
  }
  options.ballots = interpretation(args);
  return gregory_stv(election, options);
}

Result count(const Election& election, std::string method, const Arguments& args) {
  const std::uint32_t seats = count_option(args, "seats", election.seats.value_or(1));
  if (method == "stv") {  // --rules picks the STV rule; rctab (weighted inclusive Gregory as RCTab counts) by default
    const std::string rules = args.value("rules").value_or("rctab");
    if (rules == "gregory" || rules == "wigm-generic" || rules == "wigm-prf" || rules == "wigm-prf-batch")
      return gregory_count(election, rules, seats, args);
    if (rules == "minneapolis") return minneapolis_stv(election, common_options<MinneapolisStvOptions>(args, seats));
    if (rules == "rctab") method = "wigm";
    else if (rules == "scottish") method = "scottish-stv";
    else if (rules == "irish") method = "irish-stv";
    else if (rules == "meek" || rules == "meek-exact" || rules == "warren") method = rules;
    else
      throw UsageError("--rules: unknown STV rules '" + rules +
                       "' (rctab, gregory, wigm-generic, wigm-prf, wigm-prf-batch, minneapolis, scottish, irish, meek,"
                       " meek-exact, warren)");
  } else if (args.value("rules")) {
    throw UsageError("--rules goes with --method stv");
  }
  if (args.value("paper-seed") && method != "irish-stv")
    throw UsageError("--paper-seed goes with --method irish-stv (--rules irish)");
  if (method == "plurality") {
    return plurality(election, common_options<PluralityOptions>(args, seats));
  }
  if (method == "irv" || method == "sequential-irv") {
    IrvOptions options;
    options.ballots = interpretation(args);
    options.tie_break = tie_break(args);
    options.batch_elimination = args.has("batch");
    options.continue_until_two = args.has("continue-until-two");
    return method == "irv" ? irv(election, options) : sequential_irv(election, seats, options);
  }
  if (method == "bottoms-up") {
    BottomsUpOptions options = common_options<BottomsUpOptions>(args, seats);
    options.batch_elimination = args.has("batch");
    if (auto percent = args.value("percent")) options.share = parse_decimal(*percent, "--percent") / 100;
    return bottoms_up(election, options);
  }
  if (method == "wigm") {
    StvOptions options = common_options<StvOptions>(args, seats);
    options.decimals = count_option(args, "decimals", 4);
    options.quota.decimals = options.decimals;
    if (auto q = args.value("quota")) options.quota.kind = named(quota_from_name, *q, "quota");
    return wigm(election, options);
  }
  if (method == "scottish-stv") {  // the statute's look-back unless --tie-break says otherwise
    ScottishStvOptions options;
    options.ballots = interpretation(args);
    if (args.value("tie-break")) options.tie_break = tie_break(args);
    options.seats = seats;
    return scottish_stv(election, options);
  }
  if (method == "irish-stv") {  // the Act's ballot reading and look-back unless options say otherwise
    IrishStvOptions options;
    options.ballots = interpretation(args, options.ballots);
    if (args.value("tie-break")) options.tie_break = tie_break(args);
    options.seats = seats;
    if (auto seed = args.value("paper-seed")) {
      options.paper_selection = PaperSelection::seeded_random;
      options.paper_seed = *seed;
    }
    return irish_stv(election, options);
  }
  if (method == "meek") return meek(election, meek_new_zealand_options(seats, tie_break(args)));
  if (method == "meek-exact" || method == "warren") {
    MeekOptions options = meek_exact_options(seats, 10, tie_break(args));
    if (method == "warren") options.keep = KeepRule::warren;
    return meek(election, options);
  }
  PairwiseMethod pairwise;
  try {
    pairwise = pairwise_method_from_name(method);
  } catch (const Error&) {
    throw UsageError("--method: unknown method '" + method +
                     "' (plurality, irv, sequential-irv, bottoms-up, wigm, scottish-stv, irish-stv, meek, meek-exact, warren, condorcet, "
                     "smith, schulze, ranked-pairs, minimax, copeland, borda, rctab, stv)");
  }
  return condorcet_count(election, pairwise, tie_break(args));
}

int run_tally(const Arguments& args) {
  const std::string method = args.value("method").value_or("irv");
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
      result = count(election, method, args);
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
      "  --tie-break P       [backwards,|forwards,]stop | candidate-order | random |\n"
      "                      rctab-random | rctab-permutation  [stop: report the tie]\n"
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
