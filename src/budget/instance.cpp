// SPDX-License-Identifier: Apache-2.0
// src/budget/instance.cpp - builds a BudgetInstance from an Election: eligible projects, voter groups, satisfaction.
#include "minga/budget/instance.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include "core/enum_names.hpp"

namespace minga::budget {

const char* satisfaction_name(Satisfaction s) noexcept {
  switch (s) {
    case Satisfaction::cost: return "cost";
    case Satisfaction::cardinality: return "cardinality";
    case Satisfaction::points: return "points";
  }
  return "unknown";
}

Satisfaction parse_satisfaction(std::string_view name) {
  static constexpr Satisfaction all[] = {Satisfaction::cost, Satisfaction::cardinality, Satisfaction::points};
  return parse_enum_name(name, all, satisfaction_name, "satisfaction");
}

namespace {

/// What one distinct ballot says about each alternative it supports: (alternative, points).
class BallotReader {
 public:
  BallotReader(const Election& election, const InstanceOptions& options) : election_(election) {
    if (election.kind() == BallotKind::quadratic)
      throw Error(Errc::unsupported, "participatory budgeting needs approval, score or ranked ballots, not quadratic ones");
    if (election.kind() == BallotKind::ranked) rank_points_ = ranked_points(election, options.rank_points);
  }

  /// The marks of one entry: (alternative, its points); points stay valid until the next read.
  const std::vector<std::pair<AlternativeIndex, const Rational*>>& read(std::size_t entry) {
    marks_.clear();
    const Profile& profile = election_.profile;
    switch (election_.kind()) {
      case BallotKind::approval:
        profile.approval(entry, approved_);
        for (AlternativeIndex a : approved_) marks_.emplace_back(a, &one_);
        break;
      case BallotKind::score:
        profile.scores(entry, scores_);
        for (const Score& s : scores_)
          if (s.points > 0) marks_.emplace_back(s.alternative, &s.points);
        break;
      case BallotKind::ranked:
        profile.ranking(entry, ranking_);
        for (std::size_t k = 0; k < ranking_.num_positions() && k < rank_points_.size(); ++k) {
          if (rank_points_[k] <= 0) continue;
          for (std::uint32_t m = ranking_.position_begin[k]; m < ranking_.position_begin[k + 1]; ++m) {
            std::uint32_t a = ranking_.marks[m];
            if (a >= election_.num_alternatives()) continue;  // overvote token or write-in: no project
            bool repeated = std::any_of(marks_.begin(), marks_.end(), [a](const auto& x) { return x.first == a; });
            if (!repeated) marks_.emplace_back(a, &rank_points_[k]);  // a repeated project keeps its best rank
          }
        }
        break;
      case BallotKind::quadratic: break;
    }
    return marks_;
  }

 private:
  // rank_points as given, or Borda over the longest allowed ballot.
  static std::vector<Rational> ranked_points(const Election& election, const std::vector<Rational>& given) {
    if (!given.empty()) return given;
    std::size_t longest = 0;
    if (election.rules.max_length) {
      longest = *election.rules.max_length;
    } else {
      Ranking r;
      for (std::size_t e = 0; e < election.profile.num_entries(); ++e) {
        election.profile.ranking(e, r);
        longest = std::max(longest, r.num_positions());
      }
    }
    std::vector<Rational> points;
    for (std::size_t k = 0; k < longest; ++k) points.emplace_back(static_cast<long>(longest - k));
    return points;
  }

  const Election& election_;
  std::vector<Rational> rank_points_;
  const Rational one_{1};
  std::vector<std::pair<AlternativeIndex, const Rational*>> marks_;
  std::vector<AlternativeIndex> approved_;
  std::vector<Score> scores_;
  Ranking ranking_;
};

std::string as_text(const Rational& r) { return to_exact_string(r); }

}  // namespace

BudgetInstance::BudgetInstance(const Election& election, const InstanceOptions& options)
    : election_(&election), options_(options) {
  if (options.budget) budget_ = *options.budget;
  else if (election.budget) budget_ = *election.budget;
  else throw Error(Errc::invalid_argument, "the election has no budget (give one in the options)");
  if (budget_ <= 0)
    throw Error(Errc::invalid_argument, Location{{}, 0, "budget"}, "the budget is " + as_text(budget_) + ": nothing can be funded");
  for (const Alternative& a : election.alternatives) {
    if (!a.cost) throw Error(Errc::invalid_argument, Location{{}, 0, a.id}, "project has no cost");
    if (*a.cost < 0) throw Error(Errc::invalid_argument, Location{{}, 0, a.id}, "project has a negative cost");
  }

  // Pass 1: voters, support and points of every alternative; distinct ballots
  // across strata become one group (keyed by their canonical encoding).
  const Profile& profile = election.profile;
  const std::uint32_t m = election.num_alternatives();
  std::vector<std::uint64_t> votes(m, 0);
  std::vector<Rational> score(m);
  std::unordered_map<std::string_view, std::uint32_t> group_of_key;
  std::vector<std::size_t> group_entry;  // an entry holding the group's ballot
  entry_group_.assign(profile.num_entries(), UINT32_MAX);
  BallotReader reader(election, options);
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    const std::uint64_t n = profile.count(e);
    if (options.only_valid_ballots && !obeys_ballot_rules(election, e)) {
      invalid_ballots_ += n;
      continue;
    }
    num_voters_ += n;
    auto [it, fresh] = group_of_key.try_emplace(profile.encoded(e), static_cast<std::uint32_t>(group_size_.size()));
    if (fresh) {
      group_size_.push_back(0);
      group_entry.push_back(e);
    }
    group_size_[it->second] += n;
    entry_group_[e] = it->second;
    for (const auto& [a, points] : reader.read(e)) {
      votes[a] += n;
      if (election.kind() != BallotKind::approval) score[a] += *points * n;  // approval: score = votes
    }
  }

  // Eligibility.
  const bool points_ballots = election.kind() != BallotKind::approval;
  auto support_of = [&](AlternativeIndex a) { return points_ballots ? score[a] : Rational(votes[a]); };
  std::optional<Rational> threshold;
  if (options.apply_score_threshold) {
    if (const std::string* t = election.meta_value("min_project_score_threshold"); t && !t->empty())
      threshold = parse_decimal(*t, "min_project_score_threshold");
  }
  project_of_.assign(m, -1);
  for (AlternativeIndex a = 0; a < m; ++a) {
    const Alternative& alt = election.alternatives[a];
    std::string reason;
    if (alt.withdrawn) {
      reason = "withdrawn";
    } else if (threshold && support_of(a) < *threshold) {
      reason = "support " + as_text(support_of(a)) + " below min_project_score_threshold " + as_text(*threshold);
    } else if (options.min_support && support_of(a) < *options.min_support) {
      reason = "support " + as_text(support_of(a)) + " below the minimum " + as_text(*options.min_support);
    } else if (options.support_per_cost_factor &&
               Rational(votes[a]) * *options.support_per_cost_factor * budget_ < *alt.cost * num_voters_) {
      reason = "votes/voters = " + std::to_string(votes[a]) + "/" + std::to_string(num_voters_) + " below cost/(" +
               as_text(*options.support_per_cost_factor) + " x budget)";
    }
    if (!reason.empty()) {
      excluded_.push_back({a, std::move(reason)});
      continue;
    }
    project_of_[a] = static_cast<std::int64_t>(alternative_.size());
    alternative_.push_back(a);
    cost_.push_back(*alt.cost);
    votes_.push_back(votes[a]);
    score_.push_back(points_ballots ? score[a] : Rational(votes[a]));
  }

  // Pass 2: each group's supported eligible projects with their satisfaction,
  // as indices into a table of distinct values.
  const bool approval = election.kind() == BallotKind::approval;
  uniform_ = options.satisfaction != Satisfaction::points || approval;
  std::map<Rational, SatisfactionIndex> point_levels;
  auto level_of_points = [&](const Rational& points) {
    auto [it, fresh] = point_levels.try_emplace(points, static_cast<SatisfactionIndex>(satisfaction_values_.size()));
    if (fresh) satisfaction_values_.push_back(points);
    return it->second;
  };
  if (options.satisfaction == Satisfaction::cost) satisfaction_values_ = cost_;
  if (options.satisfaction == Satisfaction::cardinality) satisfaction_values_.assign(1, Rational(1));
  std::vector<Support> line;
  for (std::size_t g = 0; g < group_entry.size(); ++g) {
    line.clear();
    for (const auto& [a, points] : reader.read(group_entry[g])) {
      if (project_of_[a] < 0) continue;
      auto p = static_cast<ProjectIndex>(project_of_[a]);
      switch (options.satisfaction) {
        case Satisfaction::cost: line.push_back({p, p}); break;
        case Satisfaction::cardinality: line.push_back({p, 0}); break;
        case Satisfaction::points: line.push_back({p, level_of_points(*points)}); break;
      }
    }
    std::sort(line.begin(), line.end(), [](const Support& x, const Support& y) { return x.project < y.project; });
    ballots_.insert(ballots_.end(), line.begin(), line.end());
    ballot_begin_.push_back(ballots_.size());
  }

  // Supporters of each project (the transpose).
  supporter_begin_.assign(num_projects() + 1, 0);
  for (const Support& s : ballots_) ++supporter_begin_[s.project + 1];
  for (std::size_t p = 0; p < num_projects(); ++p) supporter_begin_[p + 1] += supporter_begin_[p];
  supporters_.resize(ballots_.size());
  std::vector<std::size_t> fill(supporter_begin_.begin(), supporter_begin_.end() - 1);
  for (std::size_t g = 0; g < num_groups(); ++g)
    for (const Support& s : ballot(g)) supporters_[fill[s.project]++] = {static_cast<std::uint32_t>(g), s.satisfaction};
  welfare_.resize(num_projects());
  for (ProjectIndex p = 0; p < num_projects(); ++p)
    for (const Supporter& s : supporters(p)) welfare_[p] += satisfaction_values_[s.satisfaction] * group_size_[s.group];
}

std::optional<ProjectIndex> BudgetInstance::project_of(AlternativeIndex a) const {
  if (a >= project_of_.size() || project_of_[a] < 0) return std::nullopt;
  return static_cast<ProjectIndex>(project_of_[a]);
}

}  // namespace minga::budget
