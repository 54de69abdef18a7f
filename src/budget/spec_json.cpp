// SPDX-License-Identifier: Apache-2.0
// src/budget/spec_json.cpp - reads the JSON rule description of the C ABI and Python into a RuleSpec.
#include "minga/budget/spec_json.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "core/json_spec.hpp"

namespace minga::budget {

namespace {

using detail::about_spec_key;
using detail::refuse_spec_key;

constexpr std::array<std::string_view, 13> kKeys = {
    "rule",       "utility",    "order", "completion", "step",   "exhaustive_stop",
    "integral_start", "comparison", "tie_break", "seed", "budget", "support_per_cost", "check"};

std::string with_underscores(std::string text) {
  std::replace(text.begin(), text.end(), '-', '_');
  return text;
}

}  // namespace

RuleSpec rule_spec_from_json(const Election& election, std::string_view text) {
  const detail::JsonSpec s(text, kKeys);
  RuleSpec spec;
  const std::optional<std::string> rule = s.text("rule");
  if (!rule || *rule == "official") {
    spec = official_rule(election);
  } else {
    bool skip = true;
    std::string name = with_underscores(*rule);
    if (name == "equal_shares") name = "mes";
    spec.rule = about_spec_key("rule", [&] { return parse_rule(name, &skip); });
    spec.greedy.skip = skip;
    spec.tie_break = TieBreakChain::parse("min_cost,max_votes,by_id");
    if (spec.rule == Rule::greedy)
      spec.greedy.order = election.kind() == BallotKind::approval ? GreedyOrder::votes : GreedyOrder::score;
  }
  if (auto u = s.text("utility")) {
    std::string name = with_underscores(*u);
    spec.instance.satisfaction =
        about_spec_key("utility", [&] { return parse_satisfaction(name == "approval" ? "cardinality" : name); });
  }
  if (auto o = s.text("order"))
    spec.greedy.order = about_spec_key("order", [&] { return parse_greedy_order(with_underscores(*o)); });
  if (auto c = s.text("completion")) {
    std::string name = with_underscores(*c);
    spec.equal_shares.completion =
        about_spec_key("completion", [&] { return parse_completion(name == "add1u" ? "add1_utilitarian" : name); });
  }
  if (auto c = s.text("comparison"))
    spec.equal_shares.comparison = about_spec_key("comparison", [&] { return parse_comparison(with_underscores(*c)); });
  if (auto step = s.exact("step")) {
    if (*step <= 0) refuse_spec_key("step", "must be positive");
    spec.equal_shares.add1_step = *step;
  }
  if (auto f = s.flag("exhaustive_stop")) spec.equal_shares.add1_exhaustive_stop = *f;
  if (auto f = s.flag("integral_start")) spec.equal_shares.add1_integral_start = *f;
  if (auto f = s.flag("check")) spec.check = *f;
  const std::optional<std::string> seed = s.text("seed");
  if (auto t = s.text("tie_break"))
    spec.tie_break = about_spec_key("tie_break", [&] { return TieBreakChain::parse(*t, seed.value_or("")); });
  else if (seed)
    spec.tie_break.seed = *seed;
  if (auto b = s.exact("budget")) {
    if (*b < 0) refuse_spec_key("budget", "must not be negative");
    spec.instance.budget = *b;
  }
  if (auto f = s.exact("support_per_cost")) {
    if (*f <= 0) refuse_spec_key("support_per_cost", "must be positive");
    spec.instance.support_per_cost_factor = *f;
  }
  return spec;
}

}  // namespace minga::budget
