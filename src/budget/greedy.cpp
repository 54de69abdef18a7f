// SPDX-License-Identifier: Apache-2.0
// src/budget/greedy.cpp - greedy utilitarian selection, with and without skipping projects that do not fit.
#include "minga/budget/greedy.hpp"

#include <algorithm>
#include <numeric>

#include "core/enum_names.hpp"

namespace minga::budget {

const char* greedy_order_name(GreedyOrder order) noexcept {
  switch (order) {
    case GreedyOrder::votes: return "votes";
    case GreedyOrder::score: return "score";
    case GreedyOrder::welfare_per_cost: return "welfare_per_cost";
  }
  return "unknown";
}

GreedyOrder parse_greedy_order(std::string_view name) {
  static constexpr GreedyOrder all[] = {GreedyOrder::votes, GreedyOrder::score, GreedyOrder::welfare_per_cost};
  return parse_enum_name(name, all, greedy_order_name, "greedy order");
}

namespace {

/// The value greedy sorts by; a free project with welfare ranks above every priced one.
struct Key {
  bool free = false;
  Rational value;
  friend bool operator==(const Key&, const Key&) = default;
  bool operator>(const Key& o) const { return free != o.free ? free : value > o.value; }
};

Key key_of(const BudgetInstance& in, ProjectIndex p, GreedyOrder order) {
  switch (order) {
    case GreedyOrder::votes: return {false, Rational(in.votes(p))};
    case GreedyOrder::score: return {false, in.score(p)};
    case GreedyOrder::welfare_per_cost: {
      Rational w = in.welfare(p);
      if (in.cost(p) == 0) return {w > 0, w};
      return {false, w / in.cost(p)};
    }
  }
  return {};
}

}  // namespace

Allocation greedy(const BudgetInstance& in, const GreedyOptions& options, std::span<const ProjectIndex> already) {
  const TieBreaker ties(in, options.tie_break);
  Allocation out;
  out.rule = std::string("greedy(") + greedy_order_name(options.order) + (options.skip ? "" : ", no skip") +
             "; ties " + options.tie_break.to_string() + ")";
  const Rational budget = options.budget ? *options.budget : in.budget();
  std::vector<bool> taken(in.num_projects(), false);
  for (ProjectIndex p : already) {
    if (p >= in.num_projects() || taken[p]) throw Error(Errc::invalid_argument, "greedy: bad or repeated starting project");
    taken[p] = true;
    out.selected.push_back(p);
    out.total_cost += in.cost(p);
  }
  if (out.total_cost > budget) throw Error(Errc::invalid_argument, "greedy: the starting projects cost more than the budget");

  std::vector<Key> key(in.num_projects());
  std::vector<ProjectIndex> order;
  for (ProjectIndex p = 0; p < in.num_projects(); ++p) {
    key[p] = key_of(in, p, options.order);
    if (!taken[p]) order.push_back(p);
  }
  std::stable_sort(order.begin(), order.end(), [&](ProjectIndex a, ProjectIndex b) { return key[a] > key[b]; });

  std::string stopped_at;
  for (std::size_t i = 0; i < order.size();) {
    // The run of projects with the same key, in tie-break order.
    std::size_t j = i + 1;
    while (j < order.size() && key[order[j]] == key[order[i]]) ++j;
    std::vector<ProjectIndex> run(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(j));
    const std::string context = "greedy, " + std::string(greedy_order_name(options.order)) + " " + to_exact_string(key[run[0]].value);
    if (run.size() > 1) std::sort(run.begin(), run.end(), [&](ProjectIndex a, ProjectIndex b) { return ties.before(a, b, context); });
    for (std::size_t k = 0; k < run.size(); ++k) {
      ProjectIndex p = run[k];
      if (!stopped_at.empty()) {
        out.unfunded.push_back({p, "not reached: greedy without skip stopped at project " + stopped_at});
        continue;
      }
      const Rational left = budget - out.total_cost;
      if (in.cost(p) > left) {
        out.unfunded.push_back({p, "costs " + to_exact_string(in.cost(p)) + ", only " + to_exact_string(left) + " left"});
        if (!options.skip) stopped_at = in.id(p);
        continue;
      }
      FundingStep step;
      step.project = p;
      step.phase = "greedy";
      step.supporters = in.votes(p);
      for (std::size_t t = k + 1; t < run.size(); ++t) step.tied.push_back(run[t]);
      out.selected.push_back(p);
      out.total_cost += in.cost(p);
      out.steps.push_back(std::move(step));
    }
    i = j;
  }
  return out;
}

}  // namespace minga::budget
