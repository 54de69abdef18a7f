// SPDX-License-Identifier: Apache-2.0
// src/ranked/count.cpp - any ranked method by name (CountSpec -> the method's options -> Result).
#include "minga/ranked/count.hpp"

#include <algorithm>
#include <array>

#include "minga/core/error.hpp"
#include "minga/ranked/condorcet.hpp"
#include "minga/ranked/gregory_stv.hpp"
#include "minga/ranked/irish_stv.hpp"
#include "minga/ranked/irv.hpp"
#include "minga/ranked/meek.hpp"
#include "minga/ranked/scottish_stv.hpp"
#include "minga/ranked/stv.hpp"

namespace minga::ranked {

namespace {

constexpr std::array<std::string_view, 22> kMethods = {
    "plurality",    "irv",          "sequential-irv", "bottoms-up", "wigm",     "gregory",   "wigm-generic",
    "wigm-prf",     "wigm-prf-batch", "scottish-stv", "meek",       "meek-exact", "warren",  "condorcet",
    "smith",        "schulze",      "ranked-pairs",   "minimax",    "copeland", "borda",     "irish-stv",
    "minneapolis-stv"};

[[noreturn]] void refuse(std::string_view field, const std::string& reason) {
  throw Error(Errc::invalid_argument, Location{{}, 0, std::string(field)}, reason);
}

std::string canonical(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  if (name == "stv") return "wigm";
  return name;
}

// The first ballot rule (by its count-spec key) that differs from the default reading, if any.
std::optional<std::string_view> changed_ballot_rule(const BallotInterpretation& rules, const BallotInterpretation& usual) {
  if (rules.overvote != usual.overvote) return "overvote";
  if (rules.max_skipped_ranks != usual.max_skipped_ranks) return "max_skipped";
  if (rules.duplicate != usual.duplicate) return "duplicate";
  if (rules.max_rankings != usual.max_rankings) return "max_rankings";
  if (rules.write_in != usual.write_in) return "write_ins";
  if (rules.write_in_always_present != usual.write_in_always_present) return "write_in_always_present";
  return std::nullopt;
}

bool reads_marks_its_own_way(const std::string& method) {
  return method == "meek" || method == "meek-exact" || method == "warren" || method == "condorcet" ||
         method == "smith" || method == "schulze" || method == "ranked-pairs" || method == "minimax" ||
         method == "copeland" || method == "borda";
}

// share, quota, decimals, batch and continue_until_two belong to some methods, and Meek, Warren and the
// pairwise methods read marks their own way (meek.hpp, condorcet.hpp); given elsewhere, such options
// would be ignored silently.
void check_options_fit(const std::string& method, const CountSpec& spec) {
  if (reads_marks_its_own_way(method))
    if (auto rule = changed_ballot_rule(spec.ballots, default_ballot_rules(method)))
      refuse(*rule, method + " reads the marks its own way and takes no ballot rules");
  if (spec.share && method != "bottoms-up") refuse("share", "only bottoms-up takes a share, not " + method);
  if (spec.quota && method != "wigm") refuse("quota", "only wigm takes a quota, not " + method);
  if (spec.gregory_quota && method != "gregory") refuse("quota", "only gregory takes a Gregory quota, not " + method);
  if (spec.decimals && method != "wigm" && method != "gregory")
    refuse("decimals", "only wigm and gregory take decimals, not " + method);
  if (spec.tie_break && spec.tie_break->final == TieFinal::new_zealand_prn && method != "meek" &&
      method != "meek-exact" && method != "warren")
    refuse("tie_break", "nz-prn (New Zealand's Schedule 1A PRNs) needs the steps of a Meek count "
                        "(meek, meek-exact, warren), not " + method);
  if (spec.batch_elimination && method != "irv" && method != "sequential-irv" && method != "bottoms-up")
    refuse("batch", "only irv, sequential-irv and bottoms-up take batch elimination, not " + method);
  if (spec.continue_until_two && method != "irv" && method != "sequential-irv")
    refuse("continue_until_two", "only irv and sequential-irv continue until two, not " + method);
  if (spec.paper_seed && method != "irish-stv") refuse("paper_seed", "only irish-stv takes a paper seed, not " + method);
}

}  // namespace

std::span<const std::string_view> count_method_names() noexcept {
  return kMethods;
}

BallotInterpretation default_ballot_rules(std::string_view method) {
  return canonical(std::string(method)) == "irish-stv" ? IrishStvOptions{}.ballots : BallotInterpretation{};
}

Result count(const Election& election, const CountSpec& spec) {
  const std::string method = canonical(spec.method);
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
    std::string known;
    for (std::string_view m : kMethods) known += (known.empty() ? "" : ", ") + std::string(m);
    refuse("method", "unknown method '" + spec.method + "' (" + known + ")");
  }
  check_options_fit(method, spec);
  const std::uint32_t seats = spec.seats.value_or(election.seats.value_or(1));
  const TieBreak tie_break = spec.tie_break.value_or(TieBreak{});

  if (method == "plurality") return plurality(election, PluralityOptions{spec.ballots, tie_break, seats});
  if (method == "irv" || method == "sequential-irv") {
    IrvOptions options;
    options.ballots = spec.ballots;
    options.tie_break = tie_break;
    options.batch_elimination = spec.batch_elimination;
    options.continue_until_two = spec.continue_until_two;
    return method == "irv" ? irv(election, options) : sequential_irv(election, seats, options);
  }
  if (method == "bottoms-up") {
    BottomsUpOptions options;
    options.ballots = spec.ballots;
    options.tie_break = tie_break;
    options.batch_elimination = spec.batch_elimination;
    options.seats = seats;
    options.share = spec.share;
    return bottoms_up(election, options);
  }
  if (method == "wigm") {
    StvOptions options;
    options.ballots = spec.ballots;
    options.tie_break = tie_break;
    options.seats = seats;
    options.decimals = spec.decimals.value_or(4);
    options.quota.decimals = options.decimals;
    if (spec.quota) options.quota.kind = *spec.quota;
    return wigm(election, options);
  }
  if (method == "gregory" || method == "wigm-generic" || method == "wigm-prf" || method == "wigm-prf-batch") {
    GregoryStvOptions options =
        method == "gregory"        ? gregory_exact_options(seats, spec.gregory_quota.value_or(GregoryQuota::droop), tie_break)
        : method == "wigm-generic" ? droop_wigm_options(seats, tie_break)
                                   : prf_wigm_options(seats, method == "wigm-prf-batch", tie_break);
    if (method == "gregory" && spec.decimals) options.decimals = spec.decimals;
    options.ballots = spec.ballots;
    return gregory_stv(election, options);
  }
  if (method == "minneapolis-stv") return minneapolis_stv(election, MinneapolisStvOptions{spec.ballots, tie_break, seats});
  if (method == "scottish-stv") {
    ScottishStvOptions options;
    options.ballots = spec.ballots;
    if (spec.tie_break) options.tie_break = *spec.tie_break;
    options.seats = seats;
    return scottish_stv(election, options);
  }
  if (method == "irish-stv") {
    IrishStvOptions options;
    options.ballots = spec.ballots;
    if (spec.tie_break) options.tie_break = *spec.tie_break;
    options.seats = seats;
    if (spec.paper_seed) {
      options.paper_selection = PaperSelection::seeded_random;
      options.paper_seed = *spec.paper_seed;
    }
    return irish_stv(election, options);
  }
  if (method == "meek") return meek(election, meek_new_zealand_options(seats, tie_break));
  if (method == "meek-exact" || method == "warren") {
    MeekOptions options = meek_exact_options(seats, 10, tie_break);
    if (method == "warren") options.keep = KeepRule::warren;
    return meek(election, options);
  }
  return condorcet_count(election, pairwise_method_from_name(method), tie_break);
}

}  // namespace minga::ranked
