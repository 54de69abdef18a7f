// SPDX-License-Identifier: Apache-2.0
// src/budget/rule.cpp - runs the rule a RuleSpec names; maps pabulib's META `rule` to parameters.
#include "minga/budget/rule.hpp"

#include <algorithm>

namespace minga::budget {

const char* rule_name(Rule rule) noexcept {
  switch (rule) {
    case Rule::greedy: return "greedy";
    case Rule::max_welfare: return "max_welfare";
    case Rule::equal_shares: return "equal_shares";
    case Rule::phragmen: return "phragmen";
    case Rule::maximin_support: return "maximin_support";
  }
  return "unknown";
}

Rule parse_rule(std::string_view text, bool* skip) {
  std::string name(text);
  std::replace(name.begin(), name.end(), '-', '_');
  if (name == "greedy_no_skip") {
    if (skip) *skip = false;
    return Rule::greedy;
  }
  if (name == "mes") return Rule::equal_shares;
  for (Rule r : {Rule::greedy, Rule::max_welfare, Rule::equal_shares, Rule::phragmen, Rule::maximin_support})
    if (name == rule_name(r)) return r;
  throw Error(Errc::invalid_argument, "unknown rule '" + std::string(text) +
                                          "' (expected greedy, greedy-no-skip, max-welfare, mes, phragmen or maximin-support)");
}

RuleSpec official_rule(const Election& election) {
  const std::string* named = election.meta_value("rule");
  if (!named || named->empty())
    throw Error(Errc::unsupported, Location{{}, 0, "rule"}, "the file's META names no rule: choose one");
  RuleSpec spec;
  spec.origin = "META rule '" + *named + "'";
  spec.tie_break = TieBreakChain::parse("min_cost,max_votes,by_id");
  const std::string& r = *named;
  if (r == "greedy" || r == "greedy-threshold" || r == "greedy-no-skip") {
    spec.rule = Rule::greedy;
    spec.greedy.order = election.kind() == BallotKind::approval ? GreedyOrder::votes : GreedyOrder::score;
    spec.greedy.skip = r != "greedy-no-skip";
  } else if (r == "equalshares" || r == "equalshares/add1" || r == "equalshares/add1-comparison") {
    spec.rule = Rule::equal_shares;
    spec.instance.satisfaction = Satisfaction::cost;
    spec.equal_shares.completion = r == "equalshares" ? Completion::none : Completion::add1;
    spec.equal_shares.add1_exhaustive_stop = false;
    spec.equal_shares.add1_integral_start = true;
    if (r == "equalshares/add1-comparison") spec.equal_shares.comparison = Comparison::satisfaction;
  } else {
    throw Error(Errc::unsupported, Location{{}, 0, "rule"},
                "the rule '" + r + "' is not one minga can reproduce (greedy, greedy-threshold, greedy-no-skip, "
                "equalshares, equalshares/add1, equalshares/add1-comparison): choose one");
  }
  return spec;
}

Allocation run_rule(const BudgetInstance& instance, const RuleSpec& spec) {
  Allocation a;
  switch (spec.rule) {
    case Rule::greedy: {
      GreedyOptions o = spec.greedy;
      o.tie_break = spec.tie_break;
      a = greedy(instance, o);
      break;
    }
    case Rule::max_welfare: {
      KnapsackOptions o = spec.knapsack;
      o.tie_break = spec.tie_break;
      a = max_welfare(instance, o).allocation;
      break;
    }
    case Rule::equal_shares: {
      EqualSharesOptions o = spec.equal_shares;
      o.tie_break = spec.tie_break;
      a = equal_shares(instance, o);
      break;
    }
    case Rule::phragmen: {
      PhragmenOptions o;
      o.tie_break = spec.tie_break;
      a = sequential_phragmen(instance, o);
      break;
    }
    case Rule::maximin_support: {
      MaximinSupportOptions o;
      o.tie_break = spec.tie_break;
      a = maximin_support(instance, o);
      break;
    }
  }
  if (!spec.origin.empty()) a.notes.insert(a.notes.begin(), "parameters from " + spec.origin);
  return a;
}

}  // namespace minga::budget
