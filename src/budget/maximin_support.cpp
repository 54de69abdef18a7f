// SPDX-License-Identifier: Apache-2.0
// src/budget/maximin_support.cpp - maximin support on exact integers: Dinkelbach's iteration over max-flows.
//
// Costs are scaled to integers by their common denominator. A candidate
// load A/B (A scaled cost, B voters) is feasible for a set of projects when a
// flow network carries every cost: source -> voter pattern (capacity
// voters x A), pattern -> each project it supports (unbounded), project ->
// sink (capacity cost x B). When it cannot, the projects the source does not
// reach in the residual network form a set S with cost(S)/supporters(S)
// above A/B; that ratio is the next candidate. Every candidate is the ratio
// of an actual set, so the first feasible one is z exactly.
//
// Voters are grouped by which of the funded projects (plus the candidate)
// they support: the network has one node per pattern, not per voter.
#include "minga/budget/maximin_support.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace minga::budget {

namespace {

__extension__ typedef __int128 Int128;  // exact products of two 62-bit numbers

/// Exact product, for comparing ratios a/b < c/d as a*d < c*b.
Int128 wide_product(std::int64_t a, std::uint64_t b) { return Int128(a) * Int128(b); }
Integer wide_product(const Integer& a, std::uint64_t b) { return a * b; }

/// Voters who support exactly these projects of a set (local indices into the set).
struct Pattern {
  std::uint64_t voters = 0;
  std::vector<std::uint32_t> projects;
};

/// A set of projects with integer costs and its voter patterns.
template <class Int>
struct LoadProblem {
  std::vector<Int> cost;
  std::vector<Pattern> patterns;
};

/// A load A/B: A scaled cost, B voters. Always the ratio of some set of projects.
template <class Int>
struct Ratio {
  Int cost{0};
  std::uint64_t voters = 1;

  bool operator<(const Ratio& o) const { return wide_product(cost, o.voters) < wide_product(o.cost, voters); }
  bool operator==(const Ratio& o) const { return wide_product(cost, o.voters) == wide_product(o.cost, voters); }
};

/// Dinic's maximum flow on a small layered network (source, patterns, projects, sink).
template <class Int>
class MaxFlow {
 public:
  explicit MaxFlow(std::uint32_t nodes) : first_(nodes, none), level_(nodes), next_(nodes) {}

  void add_edge(std::uint32_t from, std::uint32_t to, Int capacity) {
    edges_.push_back({to, first_[from], std::move(capacity)});
    first_[from] = static_cast<std::uint32_t>(edges_.size() - 1);
    edges_.push_back({from, first_[to], Int(0)});
    first_[to] = static_cast<std::uint32_t>(edges_.size() - 1);
  }

  Int run(std::uint32_t source, std::uint32_t sink, const Int& unbounded) {
    Int flow{0};
    while (label_levels(source, sink)) {
      next_ = first_;
      for (;;) {
        Int pushed = push(source, sink, unbounded);
        if (pushed == 0) break;
        flow += pushed;
      }
    }
    return flow;
  }

  /// After run(): whether the node is on the source side of a minimum cut.
  bool reached(std::uint32_t node) const { return level_[node] >= 0; }

 private:
  static constexpr std::uint32_t none = UINT32_MAX;
  struct Edge {
    std::uint32_t to;
    std::uint32_t next;
    Int residual;
  };

  bool label_levels(std::uint32_t source, std::uint32_t sink) {
    std::fill(level_.begin(), level_.end(), -1);
    std::vector<std::uint32_t> queue{source};
    level_[source] = 0;
    for (std::size_t k = 0; k < queue.size(); ++k)
      for (std::uint32_t e = first_[queue[k]]; e != none; e = edges_[e].next)
        if (edges_[e].residual > 0 && level_[edges_[e].to] < 0) {
          level_[edges_[e].to] = level_[queue[k]] + 1;
          queue.push_back(edges_[e].to);
        }
    return level_[sink] >= 0;
  }

  Int push(std::uint32_t node, std::uint32_t sink, const Int& limit) {
    if (node == sink) return limit;
    for (std::uint32_t& e = next_[node]; e != none; e = edges_[e].next) {
      Edge& edge = edges_[e];
      if (edge.residual <= 0 || level_[edge.to] != level_[node] + 1) continue;
      Int pushed = push(edge.to, sink, std::min(limit, edge.residual));
      if (pushed > 0) {
        edge.residual -= pushed;
        edges_[e ^ 1].residual += pushed;
        return pushed;
      }
    }
    return Int(0);
  }

  std::vector<std::uint32_t> first_;
  std::vector<int> level_;
  std::vector<std::uint32_t> next_;
  std::vector<Edge> edges_;
};

/// The set with the largest cost per supporter above `at`, or nullopt when load `at` is feasible.
template <class Int>
std::optional<Ratio<Int>> heavier_set(const LoadProblem<Int>& problem, const Ratio<Int>& at) {
  const auto patterns = static_cast<std::uint32_t>(problem.patterns.size());
  const auto projects = static_cast<std::uint32_t>(problem.cost.size());
  const std::uint32_t source = 0, first_project = 1 + patterns, sink = first_project + projects;
  MaxFlow<Int> network(sink + 1);
  Int supply{0}, demand{0};
  for (std::uint32_t q = 0; q < patterns; ++q) supply += Int(problem.patterns[q].voters) * at.cost;
  for (std::uint32_t q = 0; q < patterns; ++q) {
    network.add_edge(source, 1 + q, Int(problem.patterns[q].voters) * at.cost);
    for (std::uint32_t j : problem.patterns[q].projects) network.add_edge(1 + q, first_project + j, supply);
  }
  for (std::uint32_t j = 0; j < projects; ++j) {
    network.add_edge(first_project + j, sink, problem.cost[j] * Int(at.voters));
    demand += problem.cost[j] * Int(at.voters);
  }
  if (network.run(source, sink, supply) == demand) return std::nullopt;
  Ratio<Int> heavier{Int(0), 0};
  for (std::uint32_t j = 0; j < projects; ++j)
    if (!network.reached(first_project + j)) heavier.cost += problem.cost[j];
  for (std::uint32_t q = 0; q < patterns; ++q)
    if (std::any_of(problem.patterns[q].projects.begin(), problem.patterns[q].projects.end(),
                    [&](std::uint32_t j) { return !network.reached(first_project + j); }))
      heavier.voters += problem.patterns[q].voters;
  return heavier;
}

/// z of the problem, starting from a load known to be the ratio of one of its sets.
template <class Int>
Ratio<Int> least_max_load(const LoadProblem<Int>& problem, Ratio<Int> start) {
  while (auto heavier = heavier_set(problem, start)) {
    if (!(start < *heavier)) throw Error(Errc::internal, "maximin support: a minimum cut did not raise the load");
    start = *heavier;
  }
  return start;
}

/// The instance's costs as integers over their common denominator.
struct ScaledCosts {
  Integer scale;
  std::vector<Integer> cost;
  Integer total;
};

ScaledCosts scaled_costs(const BudgetInstance& in) {
  std::vector<Rational> costs;
  for (ProjectIndex p = 0; p < in.num_projects(); ++p) costs.push_back(in.cost(p));
  ScaledCosts s{common_denominator(costs), {}, 0};
  for (const Rational& c : costs) {
    s.cost.push_back(Integer(numerator(c) * (s.scale / denominator(c))));
    s.total += s.cost.back();
  }
  return s;
}

/// Whether every capacity and product of the flows fits in 64 bits.
bool fits_int64(const BudgetInstance& in, const ScaledCosts& s) {
  return (s.total + 1) * (in.num_voters() + 1) * 4 < (Integer(1) << 62);
}

template <class Int>
Rational to_rational(const Ratio<Int>& r, const Integer& scale) {
  return Rational(Integer(r.cost), scale * r.voters);
}

template <class Int>
Int from_integer(const Integer& v) {
  if constexpr (std::is_same_v<Int, Integer>) return v;
  else return static_cast<Int>(v);
}

/// Groups of voters by the funded projects they support; the candidate's problem is built from them.
template <class Int>
class Patterns {
 public:
  explicit Patterns(const BudgetInstance& in) : in_(in), of_group_(in.num_groups(), 0), with_(1) {}

  /// Voters supporting at least one funded project.
  std::uint64_t covered() const { return covered_; }

  /// Voters who support p and no funded project.
  std::uint64_t newly_covered(ProjectIndex p) const {
    std::uint64_t n = 0;
    for (const auto& s : in_.supporters(p))
      if (of_group_[s.group] == 0) n += in_.group_size(s.group);
    return n;
  }

  /// The load problem of the funded projects plus p (p is the last local project).
  LoadProblem<Int> with_candidate(const std::vector<Int>& funded_cost, ProjectIndex p, const Int& p_cost) {
    std::fill(with_.begin(), with_.end(), 0);
    for (const auto& s : in_.supporters(p)) with_[of_group_[s.group]] += in_.group_size(s.group);
    LoadProblem<Int> problem{funded_cost, {}};
    problem.cost.push_back(p_cost);
    const auto local_p = static_cast<std::uint32_t>(funded_cost.size());
    for (std::size_t q = 0; q < patterns_.size(); ++q) {
      const std::uint64_t without = q == 0 ? 0 : patterns_[q].voters - with_[q];
      if (without > 0) problem.patterns.push_back({without, patterns_[q].projects});
      if (with_[q] > 0) {
        problem.patterns.push_back({with_[q], patterns_[q].projects});
        problem.patterns.back().projects.push_back(local_p);
      }
    }
    return problem;
  }

  /// p is funded: it becomes local project `local`; its supporters' patterns split.
  void fund(ProjectIndex p, std::uint32_t local) {
    std::map<std::uint32_t, std::uint32_t> split;  // old pattern -> new pattern with p
    for (const auto& s : in_.supporters(p)) {
      std::uint32_t& q = of_group_[s.group];
      auto [it, fresh] = split.try_emplace(q, static_cast<std::uint32_t>(patterns_.size()));
      if (fresh) {
        Pattern next{0, patterns_[q].projects};
        next.projects.push_back(local);
        patterns_.push_back(std::move(next));
        with_.push_back(0);
      }
      const std::uint64_t n = in_.group_size(s.group);
      if (q == 0) covered_ += n;
      else patterns_[q].voters -= n;
      patterns_[it->second].voters += n;
      q = it->second;
    }
  }

 private:
  const BudgetInstance& in_;
  std::vector<std::uint32_t> of_group_;          // pattern of each group; 0 = supports nothing funded
  std::vector<Pattern> patterns_{Pattern{}};     // voters of pattern 0 are not tracked
  std::vector<std::uint64_t> with_;              // scratch: voters of each pattern supporting the candidate
  std::uint64_t covered_ = 0;
};

template <class Int>
Allocation run(const BudgetInstance& in, const MaximinSupportOptions& options, const ScaledCosts& scaled) {
  const TieBreaker ties(in, options.tie_break);
  Allocation out;
  out.rule = "maximin_support(ties " + options.tie_break.to_string() + ")";
  const Rational budget = options.budget ? *options.budget : in.budget();

  std::vector<Int> cost;
  for (const Integer& c : scaled.cost) cost.push_back(from_integer<Int>(c));
  std::vector<ProjectIndex> open;
  for (ProjectIndex p = 0; p < in.num_projects(); ++p) {
    if (in.votes(p) == 0) out.leave_unfunded(p, "nobody supports it");
    else open.push_back(p);
  }

  Patterns<Int> patterns(in);
  std::vector<Int> funded_cost;
  Int funded_total{0};
  std::optional<Ratio<Int>> z_funded;
  for (std::uint32_t round = 1; !open.empty(); ++round) {
    out.drop_unaffordable(in, open, budget);
    if (open.empty()) break;

    // A lower bound for each candidate, itself the ratio of a set: the funded
    // projects alone, the candidate alone, or everything together.
    std::vector<std::pair<Ratio<Int>, ProjectIndex>> bounds;
    for (ProjectIndex p : open) {
      Ratio<Int> bound{cost[p], in.votes(p)};
      const Ratio<Int> all{funded_total + cost[p], patterns.covered() + patterns.newly_covered(p)};
      if (bound < all) bound = all;
      if (z_funded && bound < *z_funded) bound = *z_funded;
      bounds.emplace_back(bound, p);
    }
    std::stable_sort(bounds.begin(), bounds.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });

    std::vector<ProjectIndex> best;
    Ratio<Int> best_load;
    for (const auto& [bound, p] : bounds) {
      if (!best.empty() && best_load < bound) break;  // no later candidate can do better or tie
      const Ratio<Int> z = least_max_load(patterns.with_candidate(funded_cost, p, cost[p]), bound);
      if (best.empty() || z < best_load) {
        best.assign(1, p);
        best_load = z;
      } else if (z == best_load) {
        best.push_back(p);
      }
    }
    std::sort(best.begin(), best.end());
    const ProjectIndex chosen = ties.choose(best, "maximin support, round " + std::to_string(round));
    FundingStep step;
    step.project = chosen;
    step.phase = "maximin support";
    step.price = to_rational(best_load, scaled.scale);
    step.supporters = in.votes(chosen);
    for (ProjectIndex p : best)
      if (p != chosen) step.tied.push_back(p);

    patterns.fund(chosen, static_cast<std::uint32_t>(funded_cost.size()));
    funded_cost.push_back(cost[chosen]);
    funded_total += cost[chosen];
    z_funded = best_load;
    out.selected.push_back(chosen);
    out.total_cost += in.cost(chosen);
    out.steps.push_back(std::move(step));
    open.erase(std::find(open.begin(), open.end(), chosen));
  }
  return out;
}

template <class Int>
Rational minimal_max_load_as(const BudgetInstance& in, std::span<const ProjectIndex> projects,
                             const ScaledCosts& scaled) {
  Patterns<Int> patterns(in);
  std::vector<Int> funded;
  for (std::size_t k = 0; k + 1 < projects.size(); ++k) {
    patterns.fund(projects[k], static_cast<std::uint32_t>(k));
    funded.push_back(from_integer<Int>(scaled.cost[projects[k]]));
  }
  const ProjectIndex last = projects.back();
  const Int last_cost = from_integer<Int>(scaled.cost[last]);
  return to_rational(least_max_load(patterns.with_candidate(funded, last, last_cost), Ratio<Int>{last_cost, in.votes(last)}),
                     scaled.scale);
}

}  // namespace

Allocation maximin_support(const BudgetInstance& in, const MaximinSupportOptions& options) {
  const ScaledCosts scaled = scaled_costs(in);
  return fits_int64(in, scaled) ? run<std::int64_t>(in, options, scaled) : run<Integer>(in, options, scaled);
}

Rational minimal_max_load(const BudgetInstance& in, std::span<const ProjectIndex> projects) {
  if (projects.empty()) throw Error(Errc::invalid_argument, "minimal_max_load: no projects");
  for (ProjectIndex p : projects) {
    if (p >= in.num_projects()) throw Error(Errc::invalid_argument, "minimal_max_load: no project " + std::to_string(p));
    if (in.votes(p) == 0)
      throw Error(Errc::invalid_argument, "minimal_max_load: nobody supports project '" + in.id(p) + "'");
  }
  std::vector<ProjectIndex> distinct(projects.begin(), projects.end());
  std::sort(distinct.begin(), distinct.end());
  if (std::adjacent_find(distinct.begin(), distinct.end()) != distinct.end())
    throw Error(Errc::invalid_argument, "minimal_max_load: a project is listed twice");
  const ScaledCosts scaled = scaled_costs(in);
  return fits_int64(in, scaled) ? minimal_max_load_as<std::int64_t>(in, projects, scaled)
                                : minimal_max_load_as<Integer>(in, projects, scaled);
}

}  // namespace minga::budget
