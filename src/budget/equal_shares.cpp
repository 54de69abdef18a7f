// SPDX-License-Identifier: Apache-2.0
// src/budget/equal_shares.cpp - the Method of Equal Shares, its completions (utilitarian, Add1) and the comparison step.
#include "minga/budget/equal_shares.hpp"

#include <algorithm>
#include <numeric>

#include "minga/budget/greedy.hpp"
#include "core/enum_names.hpp"

namespace minga::budget {

const char* completion_name(Completion c) noexcept {
  switch (c) {
    case Completion::none: return "none";
    case Completion::utilitarian: return "utilitarian";
    case Completion::add1: return "add1";
    case Completion::add1_utilitarian: return "add1_utilitarian";
  }
  return "unknown";
}

Completion parse_completion(std::string_view name) {
  static constexpr Completion all[] = {Completion::none, Completion::utilitarian, Completion::add1,
                                       Completion::add1_utilitarian};
  return parse_enum_name(name, all, completion_name, "completion");
}

const char* comparison_name(Comparison c) noexcept {
  switch (c) {
    case Comparison::none: return "none";
    case Comparison::satisfaction: return "satisfaction";
    case Comparison::exclusion_ratio: return "exclusion_ratio";
  }
  return "unknown";
}

Comparison parse_comparison(std::string_view name) {
  static constexpr Comparison all[] = {Comparison::none, Comparison::satisfaction, Comparison::exclusion_ratio};
  return parse_enum_name(name, all, comparison_name, "comparison");
}

namespace {

/// A price kept as numerator and denominator without reducing them: comparing
/// two costs two multiplications, where reducing large ones costs a gcd.
struct Price {
  Integer num, den;  // den > 0
  static Price of(const Rational& r) { return {Integer(numerator(r)), Integer(denominator(r))}; }
  Rational exact() const { return Rational(num, den); }
  friend bool operator<(const Price& a, const Price& b) { return a.num * b.den < b.num * a.den; }
  friend bool operator==(const Price& a, const Price& b) { return a.num * b.den == b.num * a.den; }
};

/// One run of the plain rule at a fixed per-voter endowment.
///
/// Voters with the same ballot always hold the same money, and few distinct
/// amounts exist at any time, so money is kept as an index per group into a
/// table of distinct amounts. The amounts are exact: integers over one common
/// denominator D (amount = amount_[id] / D), so paying and comparing are
/// integer operations with no gcd; when a payment is not a whole number of
/// 1/D units, D and every amount are multiplied by the missing factor first.
/// When every supporter of a project gains the same (uniform satisfaction),
/// pricing it adds up its supporters per amount and does arithmetic once per
/// distinct amount, not once per voter group.
class EqualSharesRun {
 public:
  EqualSharesRun(const BudgetInstance& in, const TieBreaker& ties, const Rational& endowment)
      : in_(in), ties_(ties), money_(in.num_groups(), kEndowment), voters_with_(2, 0), rho_(in.num_projects()) {
    D_ = Integer(denominator(endowment));
    for (ProjectIndex p = 0; p < in.num_projects(); ++p) D_ = boost::multiprecision::lcm(D_, Integer(denominator(in.cost(p))));
    amount_ = {Integer(0), Integer(numerator(endowment)) * (D_ / Integer(denominator(endowment)))};
  }

  /// Runs the rule. With `explain`, also fills payments and the reasons for unfunded projects.
  Allocation run(bool explain) {
    Allocation out;
    // A project's price if no supporter ever ran short is a lower bound for
    // every later round; candidates stay sorted by their latest lower bound.
    std::vector<ProjectIndex> candidates;
    for (ProjectIndex p = 0; p < in_.num_projects(); ++p) {
      if (in_.welfare(p) == 0) continue;  // nobody gains from it: never funded
      rho_[p] = Price::of(in_.cost(p) / in_.welfare(p));
      candidates.push_back(p);
    }
    auto by_rho = [&](ProjectIndex a, ProjectIndex b) { return rho_[a] < rho_[b]; };
    std::stable_sort(candidates.begin(), candidates.end(), by_rho);
    std::vector<ProjectIndex> best, priced, merged;
    for (std::uint32_t round = 1;; ++round) {
      best.clear();
      priced.clear();
      Price best_rho;
      std::size_t k = 0;
      for (; k < candidates.size(); ++k) {
        ProjectIndex p = candidates[k];
        if (!best.empty() && best_rho < rho_[p]) break;  // lower bounds only grow: nothing later can win
        if (!price(p)) continue;                         // unaffordable for good: money only shrinks
        priced.push_back(p);
        if (best.empty() || rho_[p] < best_rho) {
          best.assign(1, p);
          best_rho = rho_[p];
        } else if (rho_[p] == best_rho) {
          best.push_back(p);
        }
      }
      if (best.empty()) break;
      const ProjectIndex chosen = ties_.choose(best, "equal shares, round " + std::to_string(round));
      FundingStep step = fund(chosen, best_rho.exact(), explain ? &out.payments : nullptr);
      for (ProjectIndex p : best)
        if (p != chosen) step.tied.push_back(p);
      out.selected.push_back(chosen);
      out.total_cost += in_.cost(chosen);
      out.steps.push_back(std::move(step));
      // The priced ones (new bounds) merge back into the untouched, still sorted rest.
      priced.erase(std::find(priced.begin(), priced.end(), chosen));
      std::stable_sort(priced.begin(), priced.end(), by_rho);
      merged.clear();
      std::merge(priced.begin(), priced.end(), candidates.begin() + static_cast<std::ptrdiff_t>(k), candidates.end(),
                 std::back_inserter(merged), by_rho);
      candidates.swap(merged);
    }
    if (explain) {
      for (ProjectIndex p = 0; p < in_.num_projects(); ++p) {
        if (out.contains(p)) continue;
        Integer left = 0;
        for (const auto& s : in_.supporters(p)) left += amount_[money_[s.group]] * in_.group_size(s.group);
        out.unfunded.push_back({p, "its supporters had " + to_exact_string(Rational(left, D_)) + " left; it costs " +
                                       to_exact_string(in_.cost(p))});
      }
    }
    return out;
  }

 private:
  static constexpr std::uint32_t kZero = 0, kEndowment = 1, kUnset = UINT32_MAX;

  // The supporters of p grouped by the amount they hold: fills touched_ with
  // the amount ids met and voters_with_[id] with their voters.
  void group_by_amount(ProjectIndex p) {
    touched_.clear();
    for (const auto& s : in_.supporters(p)) {
      std::uint32_t id = money_[s.group];
      if (voters_with_[id] == 0) touched_.push_back(id);
      voters_with_[id] += in_.group_size(s.group);
    }
  }

  // Sets rho_[p] to the least price per unit of satisfaction at which p's
  // supporters can pay its cost; false when their money does not reach it.
  // Those holding less than rho x satisfaction pay all they have; the rest
  // share what is still missing in proportion to their satisfaction.
  bool price(ProjectIndex p) {
    if (in_.uniform_satisfaction()) return price_uniform(p);
    const auto supporters = in_.supporters(p);
    const Integer cost = scaled_cost(p);
    Integer available = 0;
    for (const auto& s : supporters) available += amount_[money_[s.group]] * in_.group_size(s.group);
    if (available < cost) return false;
    paying_all_.assign(supporters.size(), false);
    Integer from_all = 0;
    Rational rest_sat = in_.welfare(p);
    Rational rho_d = Rational(cost) / rest_sat;  // rho x D
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t k = 0; k < supporters.size(); ++k) {
        const auto& s = supporters[k];
        const Integer& amount = amount_[money_[s.group]];
        if (paying_all_[k] || !(Rational(amount) < rho_d * in_.satisfaction_value(s.satisfaction))) continue;
        paying_all_[k] = true;
        changed = true;
        from_all += amount * in_.group_size(s.group);
        rest_sat -= in_.satisfaction_value(s.satisfaction) * in_.group_size(s.group);
      }
      if (changed) rho_d = Rational(cost - from_all) / rest_sat;
    }
    rho_[p] = Price::of(rho_d / D_);
    return true;
  }

  // Uniform satisfaction u: every supporter pays the same x = rho x u unless
  // they hold less, in which case they pay all they have. Starting from
  // x = cost / supporters, those below x are set aside as paying everything
  // and x is recomputed from what is still missing, until nobody else is
  // below it. Everyone set aside means their money does not reach the cost.
  bool price_uniform(ProjectIndex p) {
    group_by_amount(p);
    Integer missing = scaled_cost(p);  // x = missing / sharing; amount < x  <=>  amount x sharing < missing
    std::uint64_t sharing = in_.votes(p);
    above_.assign(touched_.begin(), touched_.end());
    for (bool someone_below = true; someone_below && sharing > 0;) {
      someone_below = false;
      std::size_t kept = 0;
      for (std::uint32_t id : above_) {
        if (amount_[id] * sharing < missing) {  // x only grows as those below it are set aside
          missing -= amount_[id] * voters_with_[id];
          sharing -= voters_with_[id];
          someone_below = true;
        } else {
          above_[kept++] = id;
        }
      }
      above_.resize(kept);
    }
    for (std::uint32_t id : touched_) voters_with_[id] = 0;
    if (sharing == 0) return false;  // everyone set aside: together they hold less than the cost
    const Rational& sat = in_.satisfaction_value(in_.supporters(p).front().satisfaction);
    rho_[p] = {missing * Integer(denominator(sat)), Integer(sharing) * D_ * Integer(numerator(sat))};
    return true;
  }

  FundingStep fund(ProjectIndex p, const Rational& rho, std::vector<Payment>* payments) {
    FundingStep step;
    step.project = p;
    step.phase = "equal shares";
    step.price = rho;
    step.supporters = in_.votes(p);
    // What each satisfaction level owes, in units of 1/D: make it whole first.
    const auto supporters = in_.supporters(p);
    due_level_.clear();
    for (const auto& s : supporters)
      if (std::find(due_level_.begin(), due_level_.end(), s.satisfaction) == due_level_.end())
        due_level_.push_back(s.satisfaction);
    std::vector<Rational> due_d;
    Integer k = 1;
    for (SatisfactionIndex level : due_level_) {
      due_d.push_back(rho * in_.satisfaction_value(level) * D_);
      k = boost::multiprecision::lcm(k, Integer(denominator(due_d.back())));
    }
    rescale(k);
    std::vector<Integer> due;
    for (const Rational& d : due_d) due.push_back(Integer(numerator(d)) * (k / Integer(denominator(d))));
    auto due_of = [&](SatisfactionIndex level) -> const Integer& {
      return due[static_cast<std::size_t>(std::find(due_level_.begin(), due_level_.end(), level) - due_level_.begin())];
    };

    // Pay: the new amount depends only on the old one (and the level), so it is computed once per pair.
    const bool uniform = due_level_.size() == 1;
    after_.assign(amount_.size(), kUnset);
    Integer top = 0;
    for (const auto& s : supporters) {
      const std::uint32_t id = money_[s.group];
      const Integer& owed = uniform ? due.front() : due_of(s.satisfaction);
      const bool everything = !(owed < amount_[id]);
      if (everything) step.paying_everything += in_.group_size(s.group);
      const Integer& paid = everything ? amount_[id] : owed;
      if (paid > top) top = paid;
      if (payments && paid > 0) payments->push_back({s.group, p, Rational(paid, D_)});
      if (everything) {
        money_[s.group] = kZero;
      } else if (uniform && after_[id] != kUnset) {
        money_[s.group] = after_[id];
      } else {
        amount_.push_back(amount_[id] - owed);
        voters_with_.push_back(0);
        money_[s.group] = after_[id] = static_cast<std::uint32_t>(amount_.size() - 1);
      }
    }
    if (in_.uniform_satisfaction() && top > 0) step.effective_votes = in_.cost(p) * D_ / top;
    return step;
  }

  Integer scaled_cost(ProjectIndex p) const {
    const Rational& c = in_.cost(p);
    return Integer(numerator(c)) * (D_ / Integer(denominator(c)));
  }

  // Multiplies D and every amount still held by k, dropping amounts nobody holds.
  void rescale(const Integer& k) {
    if (k == 1) return;
    std::vector<std::uint32_t> renumber(amount_.size(), kUnset);
    std::vector<Integer> kept;
    renumber[kZero] = 0;
    renumber[kEndowment] = 1;
    kept.push_back(std::move(amount_[kZero]));
    kept.push_back(std::move(amount_[kEndowment]));
    for (std::uint32_t& id : money_) {
      if (renumber[id] == kUnset) {
        renumber[id] = static_cast<std::uint32_t>(kept.size());
        kept.push_back(std::move(amount_[id]));
      }
      id = renumber[id];
    }
    for (Integer& a : kept) a *= k;
    amount_.swap(kept);
    voters_with_.assign(amount_.size(), 0);
    D_ *= k;
  }

  const BudgetInstance& in_;
  const TieBreaker& ties_;
  Integer D_;                               // common denominator of every amount
  std::vector<Integer> amount_;             // distinct amounts x D; [0] = 0, [1] = the endowment
  std::vector<std::uint32_t> money_;        // per group: index into amount_
  std::vector<std::uint64_t> voters_with_;  // scratch per amount id (zero between uses)
  std::vector<std::uint32_t> touched_;      // scratch: amount ids met
  std::vector<std::uint32_t> above_;        // scratch: amount ids not yet paying everything
  std::vector<std::uint32_t> after_;        // scratch per amount id: its id after a payment
  std::vector<SatisfactionIndex> due_level_;  // scratch: satisfaction levels among a project's supporters
  std::vector<Price> rho_;
  std::vector<bool> paying_all_;
};

Allocation run_once(const BudgetInstance& in, const TieBreaker& ties, const Rational& endowment, bool explain) {
  Allocation a = EqualSharesRun(in, ties, endowment).run(explain);
  a.endowment = endowment;
  return a;
}

// True when the run funded every project anyone supports: a larger endowment cannot change it.
bool funds_everything_supported(const BudgetInstance& in, const Allocation& a) {
  for (ProjectIndex p = 0; p < in.num_projects(); ++p)
    if (!in.supporters(p).empty() && !a.contains(p)) return false;
  return true;
}

Allocation add1(const BudgetInstance& in, const TieBreaker& ties, const EqualSharesOptions& o) {
  if (o.add1_step <= 0) throw Error(Errc::invalid_argument, "equal shares: the add1 step must be positive");
  if (in.num_voters() == 0) return run_once(in, ties, Rational(0), true);
  Rational endowment = in.budget() / in.num_voters();
  if (o.add1_integral_start) endowment = Rational(Integer(numerator(endowment) / denominator(endowment)));
  Allocation best = run_once(in, ties, endowment, false);
  std::uint32_t runs = 1;
  if (o.on_add1_run) o.on_add1_run({runs, endowment, best.total_cost, in.budget()});
  while (!(o.add1_exhaustive_stop && best.is_exhaustive(in)) && !funds_everything_supported(in, best)) {
    if (++runs > o.add1_max_runs)
      throw Error(Errc::limit, "equal shares: add1 did not settle within " + std::to_string(o.add1_max_runs) + " runs");
    endowment += o.add1_step;
    Allocation next = run_once(in, ties, endowment, false);
    if (o.on_add1_run) o.on_add1_run({runs, endowment, next.total_cost, in.budget()});
    if (next.total_cost > in.budget()) break;
    best = std::move(next);
  }
  best = run_once(in, ties, *best.endowment, true);  // again, keeping payments and reasons
  best.notes.push_back("add1: " + std::to_string(runs) + " runs; final endowment " + to_exact_string(*best.endowment) +
                       " per voter");
  return best;
}

void complete_with_greedy(const BudgetInstance& in, const EqualSharesOptions& o, Allocation& a) {
  GreedyOptions g;
  g.order = GreedyOrder::welfare_per_cost;
  g.tie_break = o.tie_break;
  Allocation more = greedy(in, g, a.selected);
  for (FundingStep& s : more.steps) {
    s.phase = "utilitarian completion";
    a.selected.push_back(s.project);
    a.steps.push_back(std::move(s));
  }
  a.total_cost = more.total_cost;
  a.unfunded = std::move(more.unfunded);
  a.notes.push_back("utilitarian completion added " + std::to_string(more.steps.size()) + " projects");
}

// equalshares.net's comparison step: counts voters who prefer each outcome.
void compare_with_greedy(const BudgetInstance& in, const EqualSharesOptions& o, Allocation& a) {
  GreedyOptions g;
  g.order = GreedyOrder::votes;
  g.tie_break = o.tie_break;
  Allocation other = greedy(in, g);
  std::vector<bool> in_mes(in.num_projects()), in_greedy(in.num_projects());
  for (ProjectIndex p : a.selected) in_mes[p] = true;
  for (ProjectIndex p : other.selected) in_greedy[p] = true;
  std::uint64_t prefer_mes = 0, prefer_greedy = 0;
  for (std::size_t grp = 0; grp < in.num_groups(); ++grp) {
    std::uint64_t mes = 0, gr = 0;
    for (const Support& s : in.ballot(grp)) {
      mes += in_mes[s.project];
      gr += in_greedy[s.project];
    }
    if (o.comparison == Comparison::exclusion_ratio) {
      mes = mes > 0;
      gr = gr > 0;
    }
    if (mes > gr) prefer_mes += in.group_size(grp);
    if (gr > mes) prefer_greedy += in.group_size(grp);
  }
  std::string verdict = "comparison (" + std::string(comparison_name(o.comparison)) + "): " +
                        std::to_string(prefer_mes) + " voters prefer equal shares, " + std::to_string(prefer_greedy) +
                        " prefer greedy by votes";
  if (prefer_greedy > prefer_mes) {
    verdict += "; greedy adopted";
    std::string rule = a.rule;
    std::vector<std::string> notes = std::move(a.notes);
    a = std::move(other);
    a.rule = rule;
    a.notes = std::move(notes);
  } else {
    verdict += "; equal shares kept";
  }
  a.notes.push_back(std::move(verdict));
}

std::string describe(const BudgetInstance& in, const EqualSharesOptions& o) {
  std::string d = std::string("equal_shares(") + satisfaction_name(in.satisfaction()) + "; completion " +
                  completion_name(o.completion);
  if (o.completion == Completion::add1 || o.completion == Completion::add1_utilitarian)
    d += " step " + to_exact_string(o.add1_step) + (o.add1_exhaustive_stop ? ", exhaustive stop" : ", no exhaustive stop") +
         (o.add1_integral_start ? ", integral start" : "");
  d += "; comparison " + std::string(comparison_name(o.comparison)) + "; ties " + o.tie_break.to_string() + ")";
  return d;
}

}  // namespace

Allocation equal_shares(const BudgetInstance& in, const EqualSharesOptions& o) {
  const TieBreaker ties(in, o.tie_break);
  Allocation a;
  switch (o.completion) {
    case Completion::none:
    case Completion::utilitarian: {
      Rational endowment = o.endowment ? *o.endowment : in.num_voters() ? in.budget() / in.num_voters() : Rational(0);
      if (endowment < 0) throw Error(Errc::invalid_argument, "equal shares: the endowment is negative");
      a = run_once(in, ties, endowment, true);
      break;
    }
    case Completion::add1:
    case Completion::add1_utilitarian: a = add1(in, ties, o); break;
  }
  if (o.completion == Completion::utilitarian || o.completion == Completion::add1_utilitarian)
    complete_with_greedy(in, o, a);
  if (o.comparison != Comparison::none) compare_with_greedy(in, o, a);
  a.rule = describe(in, o);
  return a;
}

}  // namespace minga::budget
