// SPDX-License-Identifier: Apache-2.0
// src/budget/knapsack.cpp - exact maximum utilitarian welfare by branch and bound on scaled integers.
#include "minga/budget/knapsack.hpp"

#include <algorithm>
#include <limits>


namespace minga::budget {

namespace {

__extension__ typedef __int128 Int128;  // GCC and Clang: exact products of two 62-bit numbers

Integer floor_of(const Rational& r) {
  Integer q = numerator(r) / denominator(r);
  if (r < 0 && q * denominator(r) != numerator(r)) --q;
  return q;
}

/// Depth-first branch and bound over items sorted by welfare per cost. T is
/// std::int64_t when every sum fits, Integer otherwise.
template <class T>
class BranchAndBound {
 public:
  BranchAndBound(std::vector<T> cost, std::vector<T> value, T capacity, const KnapsackOptions& options,
                 std::size_t max_optima)
      : cost_(std::move(cost)), value_(std::move(value)), capacity_(capacity), options_(options), max_optima_(max_optima) {
    chosen_.reserve(cost_.size());
  }

  void solve() { visit(0, capacity_, T(0)); }

  const T& best() const { return best_; }
  const std::vector<std::vector<std::uint32_t>>& optima() const { return optima_; }
  std::uint64_t nodes() const { return nodes_; }

 private:
  // value + fractional-knapsack bound of the items from k on with `room` left (floored: optima are integers).
  T bound(std::size_t k, T room, const T& value) const {
    T b = value;
    for (; k < cost_.size(); ++k) {
      if (cost_[k] <= room) {
        room -= cost_[k];
        b += value_[k];
      } else {
        b += fraction(value_[k], room, cost_[k]);
        break;
      }
    }
    return b;
  }

  static T fraction(const T& v, const T& room, const T& c) {
    if constexpr (std::is_same_v<T, std::int64_t>) return static_cast<T>(Int128(v) * room / c);
    else return T(v * room / c);
  }

  void visit(std::size_t k, T room, T value) {
    if (++nodes_ > options_.max_nodes)
      throw Error(Errc::limit, "knapsack: more than " + std::to_string(options_.max_nodes) + " search nodes");
    if (k == cost_.size()) {
      if (optima_.empty() || value > best_) {
        best_ = value;
        optima_.assign(1, chosen_);
      } else if (value == best_) {
        if (optima_.size() >= max_optima_)
          throw Error(Errc::limit, "knapsack: more than " + std::to_string(max_optima_) +
                                       " optimal sets; break ties with a finer chain or raise max_optima");
        optima_.push_back(chosen_);
      }
      return;
    }
    if (!optima_.empty() && bound(k, room, value) < best_) return;
    if (cost_[k] <= room) {
      chosen_.push_back(static_cast<std::uint32_t>(k));
      visit(k + 1, room - cost_[k], value + value_[k]);
      chosen_.pop_back();
    }
    visit(k + 1, room, value);
  }

  std::vector<T> cost_, value_;
  T capacity_;
  const KnapsackOptions& options_;
  std::size_t max_optima_;
  T best_{0};
  std::vector<std::uint32_t> chosen_;
  std::vector<std::vector<std::uint32_t>> optima_;
  std::uint64_t nodes_ = 0;
};

template <class T>
void solve_into(const std::vector<Integer>& cost, const std::vector<Integer>& value, const Integer& capacity,
                const KnapsackOptions& options, std::vector<std::vector<std::uint32_t>>& optima, std::uint64_t& nodes) {
  std::vector<T> c, v;
  for (const Integer& x : cost) c.push_back(static_cast<T>(x));
  for (const Integer& x : value) v.push_back(static_cast<T>(x));
  BranchAndBound<T> bb(std::move(c), std::move(v), static_cast<T>(capacity), options, options.max_optima);
  bb.solve();
  optima = bb.optima();
  nodes = bb.nodes();
}

}  // namespace

KnapsackResult max_welfare(const BudgetInstance& in, const KnapsackOptions& options) {
  const TieBreaker ties(in, options.tie_break);
  KnapsackResult result;
  Allocation& out = result.allocation;
  out.rule = std::string("max_welfare(") + satisfaction_name(in.satisfaction()) + "; ties " +
             options.tie_break.to_string() + ")";

  // Free projects with welfare are always in; projects without welfare never are.
  std::vector<ProjectIndex> always, items;
  std::vector<Rational> item_cost, item_welfare;
  Rational room = in.budget();
  for (ProjectIndex p = 0; p < in.num_projects(); ++p) {
    Rational w = in.welfare(p);
    if (w == 0) continue;
    if (in.cost(p) == 0) {
      always.push_back(p);
      result.welfare += w;
    } else if (in.cost(p) <= room) {
      items.push_back(p);
      item_cost.push_back(in.cost(p));
      item_welfare.push_back(std::move(w));
    }
  }
  // Best welfare per cost first: the bound is tight and good sets come early.
  std::vector<std::uint32_t> order(items.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return item_welfare[a] * item_cost[b] > item_welfare[b] * item_cost[a];
  });

  const Integer cost_scale = common_denominator(item_cost);
  const Integer value_scale = common_denominator(item_welfare);
  std::vector<Integer> cost, value;
  Integer total_cost = 0, total_value = 0;
  for (std::uint32_t k : order) {
    cost.push_back(Integer(numerator(Rational(item_cost[k] * cost_scale))));
    value.push_back(Integer(numerator(Rational(item_welfare[k] * value_scale))));
    total_cost += cost.back();
    total_value += value.back();
  }
  const Integer capacity = floor_of(room * cost_scale);
  std::vector<std::vector<std::uint32_t>> optima;
  const Integer fits = Integer(1) << 62;
  if (total_cost < fits && total_value < fits && capacity < fits)
    solve_into<std::int64_t>(cost, value, capacity, options, optima, result.nodes);
  else
    solve_into<Integer>(cost, value, capacity, options, optima, result.nodes);

  // Each optimal set, in tie-break order; the chain picks the first.
  std::vector<std::vector<ProjectIndex>> sets;
  for (const auto& chosen : optima) {
    std::vector<ProjectIndex> set = always;
    for (std::uint32_t k : chosen) set.push_back(items[order[k]]);
    sets.push_back(std::move(set));
  }
  const std::string context = "max welfare: several optimal sets";
  if (sets.size() > 1) {
    for (auto& set : sets) std::sort(set.begin(), set.end(), [&](ProjectIndex a, ProjectIndex b) { return ties.before(a, b, context); });
    std::stable_sort(sets.begin(), sets.end(), [&](const auto& a, const auto& b) {
      for (std::size_t k = 0; k < a.size() && k < b.size(); ++k)
        if (a[k] != b[k]) return ties.before(a[k], b[k], context);
      return a.size() > b.size();
    });
    out.notes.push_back(std::to_string(sets.size()) + " optimal sets; the tie-break chain chose the first");
  }
  const std::vector<ProjectIndex> chosen = sets.empty() ? always : sets.front();
  for (ProjectIndex p : chosen) {
    out.selected.push_back(p);
    out.total_cost += in.cost(p);
    FundingStep step;
    step.project = p;
    step.phase = "optimum";
    step.supporters = in.votes(p);
    out.steps.push_back(std::move(step));
  }
  for (ProjectIndex p : chosen)
    if (std::find(always.begin(), always.end(), p) == always.end()) result.welfare += in.welfare(p);
  for (ProjectIndex p = 0; p < in.num_projects(); ++p)
    if (!out.contains(p))
      out.unfunded.push_back({p, in.welfare(p) == 0 ? "nobody gains from it" : "not in the optimal set"});
  if (options.list_all) result.optima = std::move(sets);
  return result;
}

}  // namespace minga::budget
