// SPDX-License-Identifier: Apache-2.0
// src/budget/phragmen.cpp - sequential Phragmén for participatory budgets, on exact loads.
//
// A voter's load is the new maximal load t of the last funded project they
// support (or 0), so only rounds + 1 distinct loads exist. Each project keeps
// how many of its supporters carry each load; pricing it is then a sum over
// rounds, not over voters, and funding a project moves its supporters' counts.
#include "minga/budget/phragmen.hpp"

#include <algorithm>

namespace minga::budget {

Allocation sequential_phragmen(const BudgetInstance& in, const PhragmenOptions& options) {
  const TieBreaker ties(in, options.tie_break);
  Allocation out;
  out.rule = "sequential_phragmen(ties " + options.tie_break.to_string() + ")";
  const Rational budget = options.budget ? *options.budget : in.budget();
  const std::uint32_t m = in.num_projects();

  std::vector<Rational> load{Rational(0)};                  // load of round k (round 0: nothing funded yet)
  std::vector<std::uint32_t> load_of_group(in.num_groups(), 0);
  std::vector<std::vector<std::uint64_t>> carrying(m);      // [project][round]: supporters carrying that load
  std::vector<ProjectIndex> open;
  for (ProjectIndex p = 0; p < m; ++p) {
    if (in.votes(p) == 0) {
      out.leave_unfunded(p, "nobody supports it");
      continue;
    }
    carrying[p].assign(1, in.votes(p));
    open.push_back(p);
  }
  for (std::uint32_t round = 1; !open.empty(); ++round) {
    // Drop what no longer fits, then find the smallest new maximal load.
    out.drop_unaffordable(in, open, budget);
    if (open.empty()) break;
    std::vector<ProjectIndex> best;
    Rational best_load;
    for (ProjectIndex p : open) {
      Rational total = in.cost(p);
      for (std::size_t k = 1; k < carrying[p].size(); ++k)
        if (carrying[p][k] > 0) total += load[k] * carrying[p][k];
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

    // The chosen project's supporters now carry load[round].
    load.push_back(best_load);
    for (ProjectIndex p : open) carrying[p].resize(load.size(), 0);
    for (const auto& s : in.supporters(chosen)) {
      const std::uint32_t before = load_of_group[s.group];
      const std::uint64_t n = in.group_size(s.group);
      for (const Support& other : in.ballot(s.group)) {
        if (carrying[other.project].empty()) continue;  // nobody supports it (never open)
        carrying[other.project].resize(load.size(), 0);
        carrying[other.project][before] -= n;
        carrying[other.project][round] += n;
      }
      load_of_group[s.group] = round;
    }
    out.selected.push_back(chosen);
    out.total_cost += in.cost(chosen);
    out.steps.push_back(std::move(step));
    open.erase(std::find(open.begin(), open.end(), chosen));
  }
  return out;
}

}  // namespace minga::budget
