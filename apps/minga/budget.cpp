// SPDX-License-Identifier: Apache-2.0
// apps/minga/budget.cpp - `minga budget`: decides a participatory budget with the rule the file names or the one asked for.
#include <algorithm>
#include <iostream>
#include <optional>

#include "cli.hpp"
#include "minga/budget/analysis.hpp"
#include "minga/budget/rule.hpp"
#include "minga/io/format.hpp"
#include "report.hpp"

namespace minga::cli {

namespace {

using namespace minga::budget;

// Every option is optional: without --rule the file's own rule is the start, and the options given change it.
RuleSpec spec_from(const Arguments& args, const Election& election) {
  auto option = [&](std::string_view name) { return args.value(name); };
  RuleSpec spec;
  try {
    if (auto rule = option("rule")) {
      bool skip = true;
      spec.rule = parse_rule(*rule, &skip);
      spec.greedy.skip = skip;
      spec.tie_break = TieBreakChain::parse("min_cost,max_votes,by_id");
      if (spec.rule == Rule::greedy)
        spec.greedy.order = election.kind() == BallotKind::approval ? GreedyOrder::votes : GreedyOrder::score;
    } else {
      spec = official_rule(election);
    }
    if (auto u = option("utility")) spec.instance.satisfaction = parse_satisfaction(*u == "approval" ? "cardinality" : *u);
    if (auto c = option("completion")) spec.equal_shares.completion = parse_completion(*c == "add1u" ? "add1_utilitarian" : *c);
    if (auto c = option("comparison")) {
      std::string name = *c;
      std::replace(name.begin(), name.end(), '-', '_');
      spec.equal_shares.comparison = parse_comparison(name);
    }
    if (auto s = option("step")) spec.equal_shares.add1_step = parse_decimal(*s, "--step");
    if (args.has("exhaustive-stop")) spec.equal_shares.add1_exhaustive_stop = true;
    if (args.has("no-integral-start")) spec.equal_shares.add1_integral_start = false;
    if (auto o = option("order")) spec.greedy.order = parse_greedy_order(*o);
    if (auto t = option("tie-break")) spec.tie_break = TieBreakChain::parse(*t, option("seed").value_or(""));
    else if (auto seed = option("seed")) spec.tie_break.seed = *seed;
    if (auto b = option("budget")) spec.instance.budget = parse_decimal(*b, "--budget");
    if (auto f = option("support-per-cost")) spec.instance.support_per_cost_factor = parse_decimal(*f, "--support-per-cost");
    if (args.has("valid-only")) spec.instance.only_valid_ballots = true;
  } catch (const Error& e) {
    if (e.code() != Errc::invalid_argument) throw;  // a file naming no usable rule is bad input, not a bad command line
    throw UsageError(e.reason());
  }
  return spec;
}

void print_text(const BudgetInstance& in, const Allocation& a) {
  std::ostream& out = std::cout;
  print_field(out, "rule", a.rule);
  print_field(out, "budget", grouped(in.budget()));
  print_field(out, "voters", grouped(in.num_voters()));
  if (a.endowment) print_field(out, "endowment", grouped(*a.endowment) + " per voter");
  print_field(out, "funded", grouped(std::uint64_t{a.selected.size()}) + " of " + grouped(std::uint64_t{in.num_projects()}) +
                                 " projects, cost " + grouped(a.total_cost) + ", left " + grouped(in.budget() - a.total_cost));
  out << '\n';
  for (const FundingStep& s : a.steps) {
    std::string line = "  " + in.id(s.project);
    line.resize(std::max<std::size_t>(line.size() + 1, 14), ' ');
    line += grouped(in.cost(s.project));
    line.resize(std::max<std::size_t>(line.size() + 1, 30), ' ');
    line += grouped(s.supporters) + " votes";
    if (s.effective_votes) line += ", " + to_fixed_string(*s.effective_votes, 1) + " effective";
    if (s.phase != "equal shares" && s.phase != "greedy") line += "  (" + s.phase + ")";
    out << line << '\n';
  }
  for (const ExcludedProject& e : in.excluded())
    out << "  excluded " << in.election().alternatives[e.alternative].id << ": " << e.reason << '\n';
  for (const std::string& note : a.notes) print_field(out, "note", note);
}

void print_analysis(const BudgetInstance& in, const OutcomeAnalysis& an) {
  std::ostream& out = std::cout;
  out << '\n';
  print_field(out, "empty-handed", grouped(an.stats.all.empty_handed) + " voters (" +
                                       percent(an.stats.all.empty_handed, an.stats.all.voters) + ")");
  print_field(out, "average", to_fixed_string(an.stats.all.average_funded, 2) + " funded projects supported per voter");
  for (const auto& [channel, v] : an.stats.by_channel)
    print_field(out, "  " + channel, percent(v.empty_handed, v.voters) + " empty-handed of " + grouped(v.voters));
  for (const AxiomCheck& c : an.axioms) {
    std::string verdict = c.satisfied ? "satisfied" : "FAILS";
    if (!c.satisfied) {
      verdict += ": " + grouped(c.witness_voters) + " voters all support {";
      for (std::size_t k = 0; k < c.witness_projects.size(); ++k) verdict += (k ? ", " : "") + in.id(c.witness_projects[k]);
      verdict += "} and are left short";
    }
    print_field(out, axiom_name(c.axiom), verdict);
  }
  if (an.price_system_problems)
    print_field(out, "price system", an.price_system_problems->empty() ? "valid (payments certify the outcome)"
                                                                        : an.price_system_problems->front());
  for (const std::string& note : an.notes) print_field(out, "note", note);
}

int run_budget(const Arguments& args) {
  const std::string& path = args.positional()[0];
  Election election = read_input(path, format_option(args, "format"));
  RuleSpec spec = spec_from(args, election);
  BudgetInstance instance(election, spec.instance);
  Allocation allocation = run_rule(instance, spec);
  if (instance.invalid_ballots() > 0) {
    allocation.notes.push_back(std::to_string(instance.invalid_ballots()) + " ballots that break the ballot rules were left out");
  } else if (!spec.instance.only_valid_ballots) {
    std::uint64_t breaking = 0;
    for (std::size_t e = 0; e < election.profile.num_entries(); ++e)
      if (!obeys_ballot_rules(election, e)) breaking += election.profile.count(e);
    if (breaking > 0)
      allocation.notes.push_back(std::to_string(breaking) + " ballots break the ballot rules and were counted (--valid-only leaves them out)");
  }
  std::optional<OutcomeAnalysis> analysis;
  if (args.has("check")) analysis = analyze(instance, allocation);
  if (args.has("json")) {
    std::cout << allocation_to_json(instance, allocation, 2, analysis ? &*analysis : nullptr) << '\n';
  } else {
    print_text(instance, allocation);
    if (analysis) print_analysis(instance, *analysis);
  }
  return exit_ok;
}

}  // namespace

const CommandSpec& budget_command() {
  static const CommandSpec spec{
      "budget",
      "budget FILE [--rule R] [--utility U] [--completion C] [--step N] [--exhaustive-stop]\n"
      "                    [--comparison C] [--tie-break LIST] [--seed S] [--check] [--json]",
      "decide a participatory budget (greedy, MES with Add1, knapsack, Phragmén)",
      "Reads FILE (pabulib .pb, or any format holding costs and a budget) and funds\n"
      "projects. Without --rule it runs the rule the file's META names, with the\n"
      "parameters that reproduce the official outcome (see docs/budget.md); the\n"
      "options given change those parameters.\n\n"
      "options:\n"
      "  --rule R            greedy, greedy-no-skip, max-welfare, mes, phragmen, maximin-support\n"
      "  --utility U         cost (default), approval (= cardinality), points\n"
      "  --order O           greedy: votes, score, welfare_per_cost\n"
      "  --completion C      mes: none, utilitarian, add1, add1u\n"
      "  --step N            add1: endowment step per voter (default 1)\n"
      "  --exhaustive-stop   add1: stop as soon as the outcome is exhaustive\n"
      "  --no-integral-start add1: start at budget/voters, not its floor\n"
      "  --comparison C      mes: none, satisfaction, exclusion-ratio\n"
      "  --tie-break LIST    e.g. min-cost,max-votes,lot (also max-cost, max-score,\n"
      "                      by-id, refuse); default min-cost,max-votes,by-id\n"
      "  --seed S            the published seed for 'lot'\n"
      "  --budget B          use this budget instead of the file's\n"
      "  --support-per-cost F  drop projects with votes/voters < cost/(F x budget)\n"
      "  --valid-only        leave out ballots that break the file's ballot rules\n"
      "  --format F          read FILE as format F\n"
      "  --check             also report empty-handed voters (overall and by channel),\n"
      "                      EJR, EJR up to one, PJR and, for mes, the price system\n"
      "  --json              print the result as JSON (schema \"minga.budget.result/1\")\n",
      {"json", "exhaustive-stop", "no-integral-start", "check", "valid-only"},
      {"rule", "utility", "order", "completion", "step", "comparison", "tie-break", "seed", "budget", "support-per-cost",
       "format"},
      1,
      1,
      &run_budget,
  };
  return spec;
}

}  // namespace minga::cli
