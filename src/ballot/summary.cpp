// SPDX-License-Identifier: Apache-2.0
// src/ballot/summary.cpp - the facts `minga info`, C and Python print about an election.
#include "minga/ballot/summary.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace minga {

namespace {

std::optional<Rational> total_cost_of(const std::vector<Alternative>& alternatives) {
  if (alternatives.empty()) return std::nullopt;
  Rational total = 0;
  for (const Alternative& a : alternatives) {
    if (!a.cost) return std::nullopt;
    total += *a.cost;
  }
  return total;
}

std::vector<ChannelBallots> per_channel(const Profile& profile, const std::vector<std::uint64_t>& per_stratum) {
  std::vector<ChannelBallots> out;
  for (auto channel :
       {Channel::unspecified, Channel::online, Channel::kiosk, Channel::paper, Channel::sms, Channel::other}) {
    std::uint64_t ballots = 0;
    for (std::size_t s = 0; s < per_stratum.size(); ++s)
      if (profile.strata()[s].channel == channel) ballots += per_stratum[s];
    if (ballots > 0) out.push_back(ChannelBallots{channel, ballots});
  }
  return out;
}

std::vector<DistrictBallots> per_district(const Profile& profile, const std::vector<std::uint64_t>& per_stratum) {
  std::map<std::string, std::uint64_t> by_name;
  bool any_named = false;
  for (std::size_t s = 0; s < per_stratum.size(); ++s) {
    if (per_stratum[s] == 0) continue;
    const std::string& district = profile.strata()[s].district;
    by_name[district] += per_stratum[s];
    any_named = any_named || !district.empty();
  }
  std::vector<DistrictBallots> out;
  if (!any_named) return out;
  for (auto& [district, ballots] : by_name) out.push_back(DistrictBallots{district, ballots});
  return out;
}

using Json = nlohmann::ordered_json;

Json exact_or_null(const std::optional<Rational>& value) {
  return value ? Json(to_exact_string(*value)) : Json(nullptr);
}

Json rules_to_json(const BallotRules& rules) {
  Json out = Json::object();
  auto length = [&](const char* key, const std::optional<std::uint32_t>& v) {
    if (v) out[key] = *v;
  };
  auto exact = [&](const char* key, const std::optional<Rational>& v) {
    if (v) out[key] = to_exact_string(*v);
  };
  length("min_length", rules.min_length);
  length("max_length", rules.max_length);
  exact("min_total_cost", rules.min_total_cost);
  exact("max_total_cost", rules.max_total_cost);
  exact("min_points", rules.min_points);
  exact("max_points", rules.max_points);
  exact("min_total_points", rules.min_total_points);
  exact("max_total_points", rules.max_total_points);
  if (rules.credits) out["credits"] = rules.credits->str();
  return out;
}

}  // namespace

ElectionSummary summarize(const Election& election) {
  ElectionSummary s;
  s.kind = election.kind();
  s.title = election.title;
  s.source_format = election.source_format;
  s.num_alternatives = election.num_alternatives();
  s.num_withdrawn = static_cast<std::uint32_t>(std::count_if(election.alternatives.begin(), election.alternatives.end(),
                                                             [](const Alternative& a) { return a.withdrawn; }));
  s.num_ballots = election.profile.num_ballots();
  s.num_distinct = election.profile.num_entries();
  s.budget = election.budget;
  s.total_cost = total_cost_of(election.alternatives);
  s.seats = election.seats;
  s.rules = election.rules;
  const std::vector<std::uint64_t> per_stratum = election.profile.ballots_per_stratum();
  s.ballots_per_channel = per_channel(election.profile, per_stratum);
  s.ballots_per_district = per_district(election.profile, per_stratum);
  s.rule_violations = check_ballot_rules(election);
  s.notes = election.notes;
  return s;
}

std::string summary_to_json(const ElectionSummary& s, int indent) {
  Json j;
  j["schema"] = "minga.summary/1";
  j["kind"] = ballot_kind_name(s.kind);
  j["title"] = s.title;
  j["source_format"] = s.source_format;
  j["alternatives"] = s.num_alternatives;
  j["withdrawn"] = s.num_withdrawn;
  j["ballots"] = s.num_ballots;
  j["distinct_ballots"] = s.num_distinct;
  j["budget"] = exact_or_null(s.budget);
  j["total_cost"] = exact_or_null(s.total_cost);
  j["seats"] = s.seats ? Json(*s.seats) : Json(nullptr);
  j["rules"] = rules_to_json(s.rules);
  Json channels = Json::object();
  for (const auto& c : s.ballots_per_channel) channels[channel_name(c.channel)] = c.ballots;
  j["ballots_per_channel"] = channels;
  Json districts = Json::array();
  for (const auto& d : s.ballots_per_district)
    districts.push_back(Json{{"district", d.district}, {"ballots", d.ballots}});
  j["ballots_per_district"] = districts;
  Json violations = Json::array();
  for (const auto& v : s.rule_violations)
    violations.push_back(
        Json{{"rule", v.rule}, {"ballots", v.ballots}, {"distinct_ballots", v.entries}, {"example", v.example}});
  j["rule_violations"] = violations;
  j["notes"] = s.notes;
  // Input text may hold invalid UTF-8 only if a reader let it through; never throw for it here.
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace minga
