// SPDX-License-Identifier: Apache-2.0
// src/budget/allocation.cpp - what an allocation contains, and its JSON report (minga.budget.result/1).
#include "minga/budget/allocation.hpp"

#include "minga/budget/analysis.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace minga::budget {

bool Allocation::contains(ProjectIndex p) const {
  return std::find(selected.begin(), selected.end(), p) != selected.end();
}

bool Allocation::is_exhaustive(const BudgetInstance& instance) const {
  const Rational left = instance.budget() - total_cost;
  for (ProjectIndex p = 0; p < instance.num_projects(); ++p)
    if (!contains(p) && instance.cost(p) <= left) return false;
  return true;
}

void Allocation::leave_unfunded(ProjectIndex project, std::string reason) {
  unfunded.push_back({project, std::move(reason)});
}

void Allocation::drop_unaffordable(const BudgetInstance& instance, std::vector<ProjectIndex>& open,
                                   const Rational& budget) {
  const Rational left = budget - total_cost;
  std::vector<ProjectIndex> fitting;
  for (ProjectIndex p : open) {
    if (instance.cost(p) <= left) fitting.push_back(p);
    else leave_unfunded(p, "costs " + to_exact_string(instance.cost(p)) + ", only " + to_exact_string(left) + " left");
  }
  open.swap(fitting);
}

namespace {

nlohmann::ordered_json stats_json(const VoterStats& v) {
  return {{"voters", v.voters},
          {"empty_handed", v.empty_handed},
          {"average_funded", to_exact_string(v.average_funded)},
          {"average_satisfaction", to_exact_string(v.average_satisfaction)}};
}

nlohmann::ordered_json analysis_json(const BudgetInstance& in, const OutcomeAnalysis& an) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["all"] = stats_json(an.stats.all);
  for (const auto& [name, v] : an.stats.by_channel) j["by_channel"][name] = stats_json(v);
  for (const auto& [name, v] : an.stats.by_district) j["by_district"][name] = stats_json(v);
  for (const AxiomCheck& c : an.axioms) {
    ordered_json o{{"satisfied", c.satisfied}, {"sets_examined", c.sets_examined}};
    if (!c.satisfied) {
      o["witness_projects"] = ordered_json::array();
      for (ProjectIndex p : c.witness_projects) o["witness_projects"].push_back(in.id(p));
      o["witness_voters"] = c.witness_voters;
    }
    j["axioms"][axiom_name(c.axiom)] = std::move(o);
  }
  if (an.price_system_problems) j["price_system"] = {{"valid", an.price_system_problems->empty()}, {"problems", *an.price_system_problems}};
  j["notes"] = an.notes;
  return j;
}

}  // namespace

std::string allocation_to_json(const BudgetInstance& in, const Allocation& a, int indent, const OutcomeAnalysis* analysis) {
  using nlohmann::ordered_json;
  const auto& alts = in.election().alternatives;
  ordered_json j;
  j["schema"] = "minga.budget.result/1";
  j["rule"] = a.rule;
  j["satisfaction"] = satisfaction_name(in.satisfaction());
  j["budget"] = to_exact_string(in.budget());
  j["voters"] = in.num_voters();
  j["selected"] = ordered_json::array();
  for (ProjectIndex p : a.selected) j["selected"].push_back(in.id(p));
  j["total_cost"] = to_exact_string(a.total_cost);
  j["left_over"] = to_exact_string(in.budget() - a.total_cost);
  j["exhaustive"] = a.is_exhaustive(in);
  if (a.endowment) j["endowment"] = to_exact_string(*a.endowment);
  ordered_json steps = ordered_json::array();
  for (const FundingStep& s : a.steps) {
    ordered_json o;
    o["project"] = in.id(s.project);
    o["phase"] = s.phase;
    o["cost"] = to_exact_string(in.cost(s.project));
    o["supporters"] = s.supporters;
    if (s.price) o["price"] = to_exact_string(*s.price);
    if (s.effective_votes) o["effective_votes"] = to_exact_string(*s.effective_votes);
    if (s.price) o["paying_everything"] = s.paying_everything;
    if (!s.tied.empty()) {
      o["tied_with"] = ordered_json::array();
      for (ProjectIndex t : s.tied) o["tied_with"].push_back(in.id(t));
    }
    steps.push_back(std::move(o));
  }
  j["steps"] = std::move(steps);
  ordered_json unfunded = ordered_json::array();
  for (const UnfundedProject& u : a.unfunded)
    unfunded.push_back({{"project", in.id(u.project)},
                        {"cost", to_exact_string(in.cost(u.project))},
                        {"supporters", in.votes(u.project)},
                        {"reason", u.reason}});
  j["unfunded"] = std::move(unfunded);
  ordered_json excluded = ordered_json::array();
  for (const ExcludedProject& e : in.excluded()) excluded.push_back({{"project", alts[e.alternative].id}, {"reason", e.reason}});
  j["excluded"] = std::move(excluded);
  j["notes"] = a.notes;
  if (analysis) j["analysis"] = analysis_json(in, *analysis);
  return j.dump(indent);
}

}  // namespace minga::budget
