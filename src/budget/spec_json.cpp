// SPDX-License-Identifier: Apache-2.0
// src/budget/spec_json.cpp - reads the JSON rule description of the C ABI and Python into a RuleSpec.
#include "minga/budget/spec_json.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace minga::budget {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 12> kKeys = {
    "rule",       "utility",    "order", "completion", "step",   "exhaustive_stop",
    "integral_start", "comparison", "tie_break", "seed", "budget", "support_per_cost"};

Location where(std::string_view key) {
  return Location{"<spec>", 0, std::string(key)};
}

[[noreturn]] void bad(std::string_view key, const std::string& reason) {
  throw Error(Errc::invalid_argument, where(key), reason);
}

std::string with_underscores(std::string text) {
  std::replace(text.begin(), text.end(), '-', '_');
  return text;
}

// One spec: every accessor returns nullopt for an absent or null key.
class Spec {
 public:
  explicit Spec(std::string_view text) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      object_ = json::object();
      return;
    }
    object_ = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (object_.is_discarded()) throw Error(Errc::parse, Location{"<spec>", 0, {}}, "not valid JSON");
    if (!object_.is_object()) throw Error(Errc::invalid_argument, Location{"<spec>", 0, {}}, "not a JSON object");
    for (const auto& item : object_.items()) {
      if (std::find(kKeys.begin(), kKeys.end(), item.key()) == kKeys.end()) {
        std::string expected;
        for (std::string_view k : kKeys) expected += (expected.empty() ? "" : ", ") + std::string(k);
        bad(item.key(), "unknown key '" + item.key() + "' (expected " + expected + ")");
      }
    }
  }

  std::optional<std::string> text(std::string_view key) const {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) bad(key, "must be a string");
    return v->get<std::string>();
  }

  std::optional<bool> flag(std::string_view key) const {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) bad(key, "must be true or false");
    return v->get<bool>();
  }

  std::optional<Rational> amount(std::string_view key) const {
    const json* v = find(key);
    if (!v) return std::nullopt;
    std::string digits;
    if (v->is_string()) digits = v->get<std::string>();
    else if (v->is_number_integer() || v->is_number_unsigned()) digits = v->dump();
    else bad(key, "must be an exact amount: a string such as \"1500.50\" or \"1/3\", or an integer");
    return parse_decimal(digits, key);
  }

 private:
  const json* find(std::string_view key) const {
    auto it = object_.find(std::string(key));
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  json object_;
};

// Runs fn(); an Error from a parser becomes Error(invalid_argument) about `key`.
template <class F>
auto about(std::string_view key, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.code() != Errc::invalid_argument && e.code() != Errc::parse) throw;
    bad(key, e.reason());
  }
}

}  // namespace

RuleSpec rule_spec_from_json(const Election& election, std::string_view text) {
  const Spec s(text);
  RuleSpec spec;
  const std::optional<std::string> rule = s.text("rule");
  if (!rule || *rule == "official") {
    spec = official_rule(election);
  } else {
    bool skip = true;
    std::string name = with_underscores(*rule);
    if (name == "equal_shares") name = "mes";
    spec.rule = about("rule", [&] { return parse_rule(name, &skip); });
    spec.greedy.skip = skip;
    spec.tie_break = TieBreakChain::parse("min_cost,max_votes,by_id");
    if (spec.rule == Rule::greedy)
      spec.greedy.order = election.kind() == BallotKind::approval ? GreedyOrder::votes : GreedyOrder::score;
  }
  if (auto u = s.text("utility")) {
    std::string name = with_underscores(*u);
    spec.instance.satisfaction =
        about("utility", [&] { return parse_satisfaction(name == "approval" ? "cardinality" : name); });
  }
  if (auto o = s.text("order"))
    spec.greedy.order = about("order", [&] { return parse_greedy_order(with_underscores(*o)); });
  if (auto c = s.text("completion")) {
    std::string name = with_underscores(*c);
    spec.equal_shares.completion =
        about("completion", [&] { return parse_completion(name == "add1u" ? "add1_utilitarian" : name); });
  }
  if (auto c = s.text("comparison"))
    spec.equal_shares.comparison = about("comparison", [&] { return parse_comparison(with_underscores(*c)); });
  if (auto step = about("step", [&] { return s.amount("step"); })) {
    if (*step <= 0) bad("step", "must be positive");
    spec.equal_shares.add1_step = *step;
  }
  if (auto f = s.flag("exhaustive_stop")) spec.equal_shares.add1_exhaustive_stop = *f;
  if (auto f = s.flag("integral_start")) spec.equal_shares.add1_integral_start = *f;
  const std::optional<std::string> seed = s.text("seed");
  if (auto t = s.text("tie_break"))
    spec.tie_break = about("tie_break", [&] { return TieBreakChain::parse(*t, seed.value_or("")); });
  else if (seed)
    spec.tie_break.seed = *seed;
  if (auto b = about("budget", [&] { return s.amount("budget"); })) {
    if (*b < 0) bad("budget", "must not be negative");
    spec.instance.budget = *b;
  }
  if (auto f = about("support_per_cost", [&] { return s.amount("support_per_cost"); })) {
    if (*f <= 0) bad("support_per_cost", "must be positive");
    spec.instance.support_per_cost_factor = *f;
  }
  return spec;
}

}  // namespace minga::budget
