// SPDX-License-Identifier: Apache-2.0
// src/ranked/spec_json.cpp - reads the JSON count description of the C ABI and Python into a CountSpec.
#include "minga/ranked/spec_json.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "core/json_spec.hpp"

namespace minga::ranked {

namespace {

using detail::about_spec_key;
using detail::refuse_spec_key;

constexpr std::array<std::string_view, 16> kKeys = {
    "method",   "seats",     "overvote", "max_skipped",        "duplicate", "max_rankings", "write_ins",
    "write_in_always_present", "tie_break", "seed", "batch", "continue_until_two", "share", "quota", "decimals",
    "paper_seed"};

// Names take "-" or "_" alike: each parser gets the separator it knows.
std::string with(std::string text, char separator) {
  std::replace(text.begin(), text.end(), separator == '_' ? '-' : '_', separator);
  return text;
}

bool is_random(const TieBreak& policy) {
  return policy.final == TieFinal::seeded_random || policy.final == TieFinal::rctab_random ||
         policy.final == TieFinal::rctab_permutation;
}

}  // namespace

CountSpec count_spec_from_json(std::string_view text) {
  const detail::JsonSpec s(text, kKeys);
  CountSpec spec;
  if (auto m = s.text("method")) spec.method = *m;
  spec.seats = s.whole("seats", 0, 1000000);

  BallotInterpretation& rules = spec.ballots;
  rules = default_ballot_rules(spec.method);
  if (auto r = s.text("overvote"))
    rules.overvote = about_spec_key("overvote", [&] { return overvote_rule_from_name(with(*r, '_')); });
  // max_skipped: absent keeps the method's reading; null or "unlimited" lifts the limit.
  const std::optional<std::string> skipped_word = s.if_text("max_skipped");
  if (s.is_null("max_skipped") || skipped_word == "unlimited") rules.max_skipped_ranks.reset();
  else if (skipped_word)
    refuse_spec_key("max_skipped", "must be a whole number 0..1000000, \"unlimited\" or null, not \"" + *skipped_word + "\"");
  else if (auto n = s.whole("max_skipped", 0, 1000000)) rules.max_skipped_ranks = n;
  if (auto r = s.text("duplicate"))
    rules.duplicate = about_spec_key("duplicate", [&] { return duplicate_rule_from_name(*r); });
  if (auto n = s.whole("max_rankings", 1, 1000000)) rules.max_rankings = n;
  if (auto r = s.text("write_ins"))
    rules.write_in = about_spec_key("write_ins", [&] { return write_in_rule_from_name(*r); });
  if (auto f = s.flag("write_in_always_present")) rules.write_in_always_present = *f;

  const std::optional<std::string> seed = s.text_or_integer("seed");
  if (auto t = s.text("tie_break"))
    spec.tie_break = about_spec_key("tie_break", [&] { return tie_break_from_name(with(*t, '-'), seed.value_or("")); });
  if (seed && !(spec.tie_break && is_random(*spec.tie_break)))
    refuse_spec_key("seed", "goes with a random \"tie_break\" (random, rctab-random, rctab-permutation)");

  if (auto f = s.flag("batch")) spec.batch_elimination = *f;
  if (auto f = s.flag("continue_until_two")) spec.continue_until_two = *f;
  spec.share = s.exact("share");
  if (auto q = s.text("quota")) {
    if (with(spec.method, '-') == "gregory")
      spec.gregory_quota = about_spec_key("quota", [&] { return gregory_quota_from_name(with(*q, '-')); });
    else
      spec.quota = about_spec_key("quota", [&] { return quota_from_name(with(*q, '-')); });
  }
  spec.decimals = s.whole("decimals", 0, 20);
  spec.paper_seed = s.text_or_integer("paper_seed");
  return spec;
}

}  // namespace minga::ranked
