// SPDX-License-Identifier: Apache-2.0
// src/ranked/result.cpp - ranked results as "minga.result/1" JSON and as text.
#include "minga/ranked/result.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

namespace minga::ranked {

Rational Action::exhausted_total() const {
  Rational sum = 0;
  for (const auto& v : exhausted) sum += v;
  return sum;
}

Rational Round::active() const {
  Rational sum = 0;
  for (const auto& v : tally)
    if (v) sum += *v;
  return sum;
}

std::vector<std::string> Result::winner_names() const {
  std::vector<std::string> out;
  for (auto w : winners) out.push_back(candidates.at(w));
  return out;
}

namespace {

using nlohmann::ordered_json;

ordered_json tie_json(const Result& result, const TieRecord& tie) {
  ordered_json t;
  ordered_json tied = ordered_json::array();
  for (auto c : tie.tied) tied.push_back(result.candidates.at(c));
  t["tied"] = tied;
  t["chosen"] = result.candidates.at(tie.chosen);
  t["for"] = tie.for_exclusion ? "exclusion" : "election";
  t["how"] = tie.how;
  return t;
}

const char* action_key(ActionKind kind) {
  switch (kind) {
    case ActionKind::elected: return "elected";
    case ActionKind::excluded: return "excluded";
    case ActionKind::surplus: return "surplus_of";
  }
  return "?";
}

ordered_json reasons_json(const std::array<Rational, kNumExhaustReasons>& values) {
  ordered_json out = ordered_json::object();
  for (int i = 0; i < kNumExhaustReasons; ++i)
    out[exhaust_reason_name(static_cast<ExhaustReason>(i))] = to_exact_string(values[static_cast<std::size_t>(i)]);
  return out;
}

}  // namespace

std::string to_json(const Result& result, int indent) {
  ordered_json j;
  j["schema"] = "minga.result/1";
  j["method"] = result.method;
  j["candidates"] = result.candidates;
  j["seats"] = result.seats;
  j["winners"] = result.winner_names();
  j["complete"] = result.complete();
  j["ballots"] = result.ballots;
  j["blank_ballots"] = result.blank_ballots;
  ordered_json rounds = ordered_json::array();
  for (const Round& round : result.rounds) {
    ordered_json r;
    r["round"] = round.number;
    ordered_json tally = ordered_json::object();
    for (std::size_t c = 0; c < round.tally.size(); ++c)
      if (round.tally[c]) tally[result.candidates[c]] = to_exact_string(*round.tally[c]);
    r["tally"] = tally;
    r["active"] = to_exact_string(round.active());
    if (round.threshold) r["threshold"] = to_exact_string(*round.threshold);
    r["inactive"] = reasons_json(round.inactive);
    if (round.final_surplus != 0) r["final_surplus"] = to_exact_string(round.final_surplus);
    ordered_json actions = ordered_json::array();
    for (const Action& action : round.actions) {
      ordered_json a;
      a[action_key(action.kind)] = result.candidates.at(action.candidate);
      ordered_json to = ordered_json::object();
      for (std::size_t c = 0; c < action.to.size(); ++c)
        if (action.to[c] != 0) to[result.candidates[c]] = to_exact_string(action.to[c]);
      a["transfers"] = to;
      a["exhausted"] = reasons_json(action.exhausted);
      if (action.residual != 0) a["residual"] = to_exact_string(action.residual);
      if (action.tie) a["tie"] = tie_json(result, *action.tie);
      actions.push_back(a);
    }
    r["actions"] = actions;
    rounds.push_back(r);
  }
  j["rounds"] = rounds;
  if (!result.scores.empty()) {
    ordered_json scores = ordered_json::object();
    for (std::size_t c = 0; c < result.scores.size(); ++c) scores[result.candidates[c]] = to_exact_string(result.scores[c]);
    j["score_name"] = result.score_name;
    j["scores"] = scores;
  }
  ordered_json ties = ordered_json::array();
  for (const auto& t : result.ties) ties.push_back(tie_json(result, t));
  j["ties"] = ties;
  if (result.unresolved_tie) j["unresolved_tie"] = tie_json(result, *result.unresolved_tie);
  j["notes"] = result.notes;
  return j.dump(indent);
}

std::string to_text(const Result& result) {
  std::ostringstream out;
  out << result.method << ": " << result.ballots << " ballots";
  if (result.blank_ballots) out << " (" << result.blank_ballots << " blank)";
  out << ", " << result.seats << (result.seats == 1 ? " seat\n" : " seats\n");
  for (const Round& round : result.rounds) {
    out << "round " << round.number;
    if (round.threshold) out << "  threshold " << to_exact_string(*round.threshold);
    out << "\n";
    for (std::size_t c = 0; c < round.tally.size(); ++c)
      if (round.tally[c]) out << "  " << result.candidates[c] << "  " << to_exact_string(*round.tally[c]) << "\n";
    Rational inactive = 0;
    for (const auto& v : round.inactive) inactive += v;
    if (inactive != 0) {
      out << "  inactive " << to_exact_string(inactive) << " (";
      for (int i = 0; i < kNumExhaustReasons; ++i)
        out << (i ? ", " : "") << exhaust_reason_name(static_cast<ExhaustReason>(i)) << " "
            << to_exact_string(round.inactive[static_cast<std::size_t>(i)]);
      out << ")\n";
    }
    for (const Action& action : round.actions) {
      out << "  -> " << action_key(action.kind) << " " << result.candidates.at(action.candidate);
      if (action.tie) out << " (tie settled by " << action.tie->how << ")";
      out << "\n";
    }
  }
  if (!result.scores.empty()) {
    out << result.score_name << ":\n";
    for (std::size_t c = 0; c < result.scores.size(); ++c)
      out << "  " << result.candidates[c] << "  " << to_exact_string(result.scores[c]) << "\n";
  }
  if (result.unresolved_tie) {
    out << "stopped: a tie between";
    for (auto c : result.unresolved_tie->tied) out << " " << result.candidates.at(c);
    out << " (tie-break policy: stop)\n";
  }
  out << "winners:";
  for (const auto& name : result.winner_names()) out << " " << name;
  out << "\n";
  return out.str();
}

}  // namespace minga::ranked
