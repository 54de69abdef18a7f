// SPDX-License-Identifier: Apache-2.0
// src/budget/analysis.cpp - outcome statistics, EJR / EJR up to one / PJR checks, and price-system verification.
#include "minga/budget/analysis.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace minga::budget {

namespace {

// What one voter of each group gets from the outcome: funded projects supported, and their satisfaction.
struct GroupGain {
  std::vector<std::uint32_t> funded;
  std::vector<Rational> satisfaction;
};

GroupGain gains(const BudgetInstance& in, std::span<const ProjectIndex> selected) {
  std::vector<bool> funded(in.num_projects(), false);
  for (ProjectIndex p : selected) funded.at(p) = true;
  GroupGain g{std::vector<std::uint32_t>(in.num_groups(), 0), std::vector<Rational>(in.num_groups())};
  for (std::size_t grp = 0; grp < in.num_groups(); ++grp)
    for (const Support& s : in.ballot(grp))
      if (funded[s.project]) {
        ++g.funded[grp];
        g.satisfaction[grp] += in.satisfaction_value(s.satisfaction);
      }
  return g;
}

struct Tally {
  std::uint64_t voters = 0, empty = 0;
  Integer funded = 0;
  Rational satisfaction;
  void add(std::uint64_t n, std::uint32_t f, const Rational& sat) {
    voters += n;
    if (f == 0) empty += n;
    funded += Integer(f) * n;
    satisfaction += sat * n;
  }
  VoterStats stats() const {
    VoterStats v;
    v.voters = voters;
    v.empty_handed = empty;
    if (voters > 0) {
      v.average_funded = Rational(funded, Integer(voters));
      v.average_satisfaction = satisfaction / voters;
    }
    return v;
  }
};

}  // namespace

OutcomeStats outcome_stats(const BudgetInstance& in, std::span<const ProjectIndex> selected) {
  const GroupGain g = gains(in, selected);
  Tally all;
  for (std::size_t grp = 0; grp < in.num_groups(); ++grp) all.add(in.group_size(grp), g.funded[grp], g.satisfaction[grp]);
  std::map<std::string, Tally> channel, district;
  const Profile& profile = in.election().profile;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    const auto grp = in.group_of_entry(e);
    if (!grp) continue;
    const Stratum& stratum = profile.strata()[profile.stratum_of(e)];
    channel[channel_name(stratum.channel)].add(profile.count(e), g.funded[*grp], g.satisfaction[*grp]);
    if (!stratum.district.empty()) district[stratum.district].add(profile.count(e), g.funded[*grp], g.satisfaction[*grp]);
  }
  OutcomeStats out;
  out.all = all.stats();
  for (const auto& [name, t] : channel) out.by_channel.emplace_back(name, t.stats());
  for (const auto& [name, t] : district) out.by_district.emplace_back(name, t.stats());
  return out;
}

const char* axiom_name(Axiom axiom) noexcept {
  switch (axiom) {
    case Axiom::ejr: return "ejr";
    case Axiom::ejr_up_to_one: return "ejr_up_to_one";
    case Axiom::pjr: return "pjr";
  }
  return "unknown";
}

namespace {

/// Depth-first enumeration of the project sets T that enough voters all support.
class AxiomChecker {
 public:
  AxiomChecker(const BudgetInstance& in, std::span<const ProjectIndex> selected, Axiom axiom, std::uint64_t max_sets)
      : in_(in), axiom_(axiom), max_sets_(max_sets), funded_(in.num_projects(), false), gain_(gains(in, selected)) {
    for (ProjectIndex p : selected) funded_[p] = true;
    result_.axiom = axiom;
  }

  AxiomCheck run() {
    std::vector<std::uint32_t> everyone(in_.num_groups());
    for (std::uint32_t g = 0; g < everyone.size(); ++g) everyone[g] = g;
    std::vector<ProjectIndex> t;
    extend(t, everyone, Rational(0), 0);
    return result_;
  }

 private:
  // Tries every project q >= from added to T (supported by `groups`, costing `cost`).
  void extend(std::vector<ProjectIndex>& t, const std::vector<std::uint32_t>& groups, const Rational& cost, ProjectIndex from) {
    std::vector<std::uint32_t> next;
    for (ProjectIndex q = from; q < in_.num_projects() && result_.satisfied; ++q) {
      next.clear();
      const auto sup = in_.supporters(q);
      std::size_t i = 0;
      for (std::uint32_t g : groups) {  // both sorted by group
        while (i < sup.size() && sup[i].group < g) ++i;
        if (i < sup.size() && sup[i].group == g) next.push_back(g);
      }
      Rational t_cost = cost + in_.cost(q);
      if (!cohesive(size_of(next), t_cost)) continue;  // no superset can be cohesive either
      if (++result_.sets_examined > max_sets_)
        throw Error(Errc::limit, std::string("check ") + axiom_name(axiom_) + ": more than " + std::to_string(max_sets_) +
                                     " cohesive project sets");
      t.push_back(q);
      examine(t, next);
      if (result_.satisfied) extend(t, next, t_cost, q + 1);
      t.pop_back();
    }
  }

  std::uint64_t size_of(const std::vector<std::uint32_t>& groups) const {
    std::uint64_t n = 0;
    for (std::uint32_t g : groups) n += in_.group_size(g);
    return n;
  }

  bool cohesive(std::uint64_t voters, const Rational& cost) const {
    return Rational(voters) * in_.budget() >= cost * in_.num_voters();
  }

  // Satisfaction a supporter of all of T gets from T: sum of each project's value for them.
  Rational value_of_t(const std::vector<ProjectIndex>& t, std::uint32_t group) const {
    Rational v;
    const auto b = in_.ballot(group);
    for (ProjectIndex q : t)
      for (const Support& s : b)
        if (s.project == q) v += in_.satisfaction_value(s.satisfaction);
    return v;
  }

  void examine(const std::vector<ProjectIndex>& t, const std::vector<std::uint32_t>& groups) {
    Rational t_cost;
    for (ProjectIndex q : t) t_cost += in_.cost(q);
    if (axiom_ == Axiom::pjr) return examine_pjr(t, groups, t_cost);
    std::uint64_t short_voters = 0;
    for (std::uint32_t g : groups) {
      const Rational want = value_of_t(t, g);
      bool ok = gain_.satisfaction[g] >= want;
      if (!ok && axiom_ == Axiom::ejr_up_to_one) {
        for (const Support& s : in_.ballot(g))
          if (!funded_[s.project] && std::find(t.begin(), t.end(), s.project) != t.end() &&
              gain_.satisfaction[g] + in_.satisfaction_value(s.satisfaction) > want) {
            ok = true;
            break;
          }
      }
      if (!ok) short_voters += in_.group_size(g);
    }
    if (short_voters > 0 && cohesive(short_voters, t_cost)) fail(t, short_voters);
  }

  // PJR: is there a large enough subgroup whose funded projects, pooled, are worth less than T?
  // Pools are unions of voters' funded sets; a voter joins a pool for free when its set is inside.
  void examine_pjr(const std::vector<ProjectIndex>& t, const std::vector<std::uint32_t>& groups, const Rational& t_cost) {
    std::map<std::vector<ProjectIndex>, std::uint64_t> kinds;  // funded supported projects -> voters
    Rational want;
    for (ProjectIndex q : t) want += in_.satisfaction_value(in_.supporters(q).front().satisfaction);
    for (std::uint32_t g : groups) {
      std::vector<ProjectIndex> f;
      for (const Support& s : in_.ballot(g))
        if (funded_[s.project]) f.push_back(s.project);
      kinds[f] += in_.group_size(g);
    }
    std::vector<std::pair<std::vector<ProjectIndex>, std::uint64_t>> kind_list(kinds.begin(), kinds.end());
    std::set<std::vector<ProjectIndex>> seen;
    std::vector<ProjectIndex> pool;
    grow_pool(pool, kind_list, want, t_cost, seen, t);
  }

  void grow_pool(const std::vector<ProjectIndex>& pool,
                 const std::vector<std::pair<std::vector<ProjectIndex>, std::uint64_t>>& kinds, const Rational& want,
                 const Rational& t_cost, std::set<std::vector<ProjectIndex>>& seen, const std::vector<ProjectIndex>& t) {
    if (!seen.insert(pool).second || !result_.satisfied) return;
    if (++result_.sets_examined > max_sets_)
      throw Error(Errc::limit, "check pjr: more than " + std::to_string(max_sets_) + " pools examined");
    std::uint64_t inside = 0;
    for (const auto& [f, n] : kinds)
      if (std::includes(pool.begin(), pool.end(), f.begin(), f.end())) inside += n;
    if (cohesive(inside, t_cost)) return fail(t, inside);
    for (const auto& [f, n] : kinds) {
      if (std::includes(pool.begin(), pool.end(), f.begin(), f.end())) continue;
      std::vector<ProjectIndex> bigger;
      std::set_union(pool.begin(), pool.end(), f.begin(), f.end(), std::back_inserter(bigger));
      Rational worth;
      for (ProjectIndex q : bigger) worth += in_.satisfaction_value(in_.supporters(q).front().satisfaction);
      if (worth < want) grow_pool(bigger, kinds, want, t_cost, seen, t);
    }
  }

  void fail(const std::vector<ProjectIndex>& t, std::uint64_t voters) {
    result_.satisfied = false;
    result_.witness_projects = t;
    result_.witness_voters = voters;
  }

  const BudgetInstance& in_;
  Axiom axiom_;
  std::uint64_t max_sets_;
  std::vector<bool> funded_;
  GroupGain gain_;
  AxiomCheck result_;
};

}  // namespace

AxiomCheck check_axiom(const BudgetInstance& in, std::span<const ProjectIndex> selected, Axiom axiom,
                       std::uint64_t max_sets) {
  if (axiom == Axiom::pjr && !in.uniform_satisfaction())
    throw Error(Errc::unsupported, "check pjr: needs cost or cardinality satisfaction (the same value for every supporter)");
  return AxiomChecker(in, selected, axiom, max_sets).run();
}

std::vector<std::string> check_price_system(const BudgetInstance& in, const Allocation& a, const Rational& endowment) {
  std::vector<std::string> problems;
  std::vector<bool> funded(in.num_projects(), false);
  for (ProjectIndex p : a.selected) funded[p] = true;
  std::vector<Rational> spent(in.num_groups()), collected(in.num_projects());
  for (const Payment& pay : a.payments) {
    if (pay.group >= in.num_groups() || pay.project >= in.num_projects()) {
      problems.push_back("a payment names an unknown voter group or project");
      continue;
    }
    if (pay.per_voter < 0) problems.push_back("a negative payment for " + in.id(pay.project));
    const auto b = in.ballot(pay.group);
    if (!std::any_of(b.begin(), b.end(), [&](const Support& s) { return s.project == pay.project; }))
      problems.push_back("voters pay for " + in.id(pay.project) + ", which they do not support");
    if (!funded[pay.project]) problems.push_back("voters pay for " + in.id(pay.project) + ", which is not funded");
    spent[pay.group] += pay.per_voter;
    collected[pay.project] += pay.per_voter * in.group_size(pay.group);
  }
  for (std::size_t g = 0; g < in.num_groups(); ++g)
    if (spent[g] > endowment)
      problems.push_back("voters of group " + std::to_string(g) + " spend " + to_exact_string(spent[g]) +
                         ", more than the endowment " + to_exact_string(endowment));
  for (ProjectIndex p : a.selected)
    if (collected[p] != in.cost(p))
      problems.push_back(in.id(p) + " is paid " + to_exact_string(collected[p]) + " but costs " + to_exact_string(in.cost(p)));
  for (ProjectIndex p = 0; p < in.num_projects(); ++p) {
    if (funded[p]) continue;
    Rational left;
    for (const auto& s : in.supporters(p)) left += (endowment - spent[s.group]) * in.group_size(s.group);
    if (left > in.cost(p))
      problems.push_back("the supporters of unfunded " + in.id(p) + " still hold " + to_exact_string(left) +
                         ", more than its cost " + to_exact_string(in.cost(p)));
  }
  return problems;
}

}  // namespace minga::budget

namespace minga::budget {

OutcomeAnalysis analyze(const BudgetInstance& in, const Allocation& a) {
  OutcomeAnalysis out;
  out.stats = outcome_stats(in, a.selected);
  for (Axiom axiom : {Axiom::ejr, Axiom::ejr_up_to_one, Axiom::pjr}) {
    try {
      out.axioms.push_back(check_axiom(in, a.selected, axiom));
    } catch (const Error& e) {
      if (e.code() != Errc::limit && e.code() != Errc::unsupported) throw;
      out.notes.push_back(std::string(axiom_name(axiom)) + " not checked: " + e.reason());
    }
  }
  if (a.endowment && !a.payments.empty()) out.price_system_problems = check_price_system(in, a, *a.endowment);
  return out;
}

}  // namespace minga::budget
