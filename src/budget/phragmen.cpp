// SPDX-License-Identifier: Apache-2.0
// src/budget/phragmen.cpp - sequential Phragmén for participatory budgets, on exact loads.
#include "minga/budget/phragmen.hpp"

#include <algorithm>

namespace minga::budget {

Allocation sequential_phragmen(const BudgetInstance& in, const PhragmenOptions& options) {
  const TieBreaker ties(in, options.tie_break);
  Allocation out;
  out.rule = "sequential_phragmen(ties " + options.tie_break.to_string() + ")";
  const Rational budget = options.budget ? *options.budget : in.budget();
  std::vector<Rational> load(in.num_groups());
  std::vector<ProjectIndex> open;
  for (ProjectIndex p = 0; p < in.num_projects(); ++p) {
    if (in.votes(p) > 0) open.push_back(p);
    else out.unfunded.push_back({p, "nobody supports it"});
  }
  for (std::uint32_t round = 1; !open.empty(); ++round) {
    // Drop what no longer fits, then find the smallest new maximal load.
    const Rational left = budget - out.total_cost;
    std::vector<ProjectIndex> fitting;
    for (ProjectIndex p : open) {
      if (in.cost(p) <= left) fitting.push_back(p);
      else out.unfunded.push_back({p, "costs " + to_exact_string(in.cost(p)) + ", only " + to_exact_string(left) + " left"});
    }
    open.swap(fitting);
    if (open.empty()) break;
    std::vector<ProjectIndex> best;
    Rational best_load;
    for (ProjectIndex p : open) {
      Rational total = in.cost(p);
      for (const auto& s : in.supporters(p)) total += load[s.group] * in.group_size(s.group);
      Rational t = total / in.votes(p);
      if (best.empty() || t < best_load) {
        best.assign(1, p);
        best_load = std::move(t);
      } else if (t == best_load) {
        best.push_back(p);
      }
    }
    const ProjectIndex chosen = ties.choose(best, "phragmen, round " + std::to_string(round));
    FundingStep step;
    step.project = chosen;
    step.phase = "phragmen";
    step.price = best_load;
    step.supporters = in.votes(chosen);
    for (ProjectIndex p : best)
      if (p != chosen) step.tied.push_back(p);
    for (const auto& s : in.supporters(chosen)) load[s.group] = best_load;
    out.selected.push_back(chosen);
    out.total_cost += in.cost(chosen);
    out.steps.push_back(std::move(step));
    open.erase(std::find(open.begin(), open.end(), chosen));
  }
  return out;
}

}  // namespace minga::budget
