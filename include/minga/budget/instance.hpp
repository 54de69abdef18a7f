// SPDX-License-Identifier: Apache-2.0
// minga/budget/instance.hpp - a participatory-budgeting instance: projects, budget and what voters gain.
//
// Every budgeting rule reads a BudgetInstance, never an Election directly. It is
// built once from an Election and holds:
//
//   - the eligible projects, each with its exact cost, its support ("votes":
//     voters who approve, rank or give points to it) and its score (total
//     points, or positional points for ranked ballots);
//   - the budget (exact);
//   - the voters as groups of identical ballots (strata merged), each group
//     with a count and, for each project it supports, the satisfaction one of
//     its voters gets if that project is funded.
//
// Satisfaction models (pabutools' names in brackets):
//   cost         cost of the project if the voter supports it     [Cost_Sat]
//                (equalshares.net "effective vote count" MES; greedy by votes)
//   cardinality  1 per supported project                           [Cardinality_Sat]
//   points       the ballot's own points: score and cumulative     [Additive_Cardinal_Sat,
//                ballots give theirs; approval counts 1; ranked      Additive_Borda_Sat]
//                (ordinal) ballots give positional points:
//                rank_points[k] at rank k+1, or, when rank_points is
//                empty, Borda over the longest allowed ballot L: L - k
//                (so 3, 2, 1 for Kraków's three ranks)
//
// Eligibility filters remove projects before any rule runs; each removal is
// kept in `excluded` with its reason. Projects marked withdrawn are removed too.
//
// THREAD SAFETY: a built instance is immutable; rules may read it concurrently.
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/core/number.hpp"

namespace minga::budget {

/// Index of a project inside a BudgetInstance (0 .. num_projects()-1).
using ProjectIndex = std::uint32_t;

enum class Satisfaction : std::uint8_t { cost = 0, cardinality = 1, points = 2 };

/// "cost", "cardinality", "points".
MINGA_EXPORT const char* satisfaction_name(Satisfaction s) noexcept;
/// Inverse of satisfaction_name(); Error(invalid_argument) naming the choices otherwise.
MINGA_EXPORT Satisfaction parse_satisfaction(std::string_view name);

struct InstanceOptions {
  Satisfaction satisfaction = Satisfaction::cost;
  /// Positional points for ranked ballots (rank 1 first); empty = Borda (see above).
  std::vector<Rational> rank_points;
  /// Overrides the election's budget.
  std::optional<Rational> budget;
  /// Drop projects whose support (votes; score for score and ranked ballots)
  /// is below META `min_project_score_threshold`, when the file has it.
  bool apply_score_threshold = true;
  /// Drop projects below this support (votes; score for score and ranked ballots).
  std::optional<Rational> min_support;
  /// Świecie's filter: drop project p unless votes(p) / voters >= cost(p) / (factor x budget).
  std::optional<Rational> support_per_cost_factor;
  /// Keep only the ballots that obey the election's ballot rules (otherwise all are counted).
  bool only_valid_ballots = false;
};

/// A project that no rule will consider, and why.
struct ExcludedProject {
  AlternativeIndex alternative;
  std::string reason;  ///< "withdrawn", "support 93 below the threshold 100", ...
};

/// Index into the instance's table of distinct satisfaction values
/// (BudgetInstance::satisfaction_value): one per project under cost
/// satisfaction, a single 1 under cardinality, the distinct points otherwise.
using SatisfactionIndex = std::uint32_t;

/// One supported project on a group's ballots and the satisfaction it brings each voter.
struct Support {
  ProjectIndex project;
  SatisfactionIndex satisfaction;
};

class MINGA_EXPORT BudgetInstance {
 public:
  /// Builds the instance. The election must outlive it. Error(invalid_argument)
  /// when there is no budget, the budget is not positive, or a project has no
  /// cost or a negative one;
  /// Error(unsupported) for quadratic ballots.
  BudgetInstance(const Election& election, const InstanceOptions& options = {});

  const Election& election() const noexcept { return *election_; }
  const InstanceOptions& options() const noexcept { return options_; }
  Satisfaction satisfaction() const noexcept { return options_.satisfaction; }
  const Rational& budget() const noexcept { return budget_; }

  std::uint32_t num_projects() const noexcept { return static_cast<std::uint32_t>(alternative_.size()); }
  AlternativeIndex alternative(ProjectIndex p) const { return alternative_[p]; }
  const std::string& id(ProjectIndex p) const { return election_->alternatives[alternative_[p]].id; }
  const Rational& cost(ProjectIndex p) const { return cost_[p]; }
  /// Voters who support the project (approve it, rank it, give it positive points).
  std::uint64_t votes(ProjectIndex p) const { return votes_[p]; }
  /// Total points (score ballots), positional points (ranked), or votes (approval).
  const Rational& score(ProjectIndex p) const { return score_[p]; }
  /// Total satisfaction the project brings: sum over supporters of voters x satisfaction
  /// (utilitarian welfare; votes x cost under cost satisfaction).
  const Rational& welfare(ProjectIndex p) const { return welfare_[p]; }
  /// The project for an alternative, if it is eligible.
  std::optional<ProjectIndex> project_of(AlternativeIndex a) const;

  /// Voters counted (sum of group sizes).
  std::uint64_t num_voters() const noexcept { return num_voters_; }
  /// Groups of identical ballots.
  std::size_t num_groups() const noexcept { return group_size_.size(); }
  std::uint64_t group_size(std::size_t g) const { return group_size_[g]; }
  /// The group of an entry of election().profile (nullopt: left out by only_valid_ballots).
  std::optional<std::uint32_t> group_of_entry(std::size_t entry) const {
    if (entry >= entry_group_.size() || entry_group_[entry] == UINT32_MAX) return std::nullopt;
    return entry_group_[entry];
  }
  /// What a voter of group g supports, by increasing project index.
  std::span<const Support> ballot(std::size_t g) const {
    return {ballots_.data() + ballot_begin_[g], ballots_.data() + ballot_begin_[g + 1]};
  }
  /// Groups that support project p, with their satisfaction, by increasing group.
  struct Supporter {
    std::uint32_t group;
    SatisfactionIndex satisfaction;
  };
  std::span<const Supporter> supporters(ProjectIndex p) const {
    return {supporters_.data() + supporter_begin_[p], supporters_.data() + supporter_begin_[p + 1]};
  }

  /// The satisfaction a Support or Supporter stands for.
  const Rational& satisfaction_value(SatisfactionIndex s) const { return satisfaction_values_[s]; }

  const std::vector<ExcludedProject>& excluded() const noexcept { return excluded_; }
  /// Ballots left out by only_valid_ballots.
  std::uint64_t invalid_ballots() const noexcept { return invalid_ballots_; }
  /// True when every supporter of every project has satisfaction equal to
  /// the same value for that project (cost and cardinality models, approval
  /// ballots): rules may then work with per-voter payments directly.
  bool uniform_satisfaction() const noexcept { return uniform_; }

 private:
  const Election* election_;
  InstanceOptions options_;
  Rational budget_;
  std::vector<AlternativeIndex> alternative_;
  std::vector<std::int64_t> project_of_;  // by alternative; -1 = not eligible
  std::vector<Rational> cost_;
  std::vector<std::uint64_t> votes_;
  std::vector<Rational> score_;
  std::vector<Rational> welfare_;
  std::uint64_t num_voters_ = 0;
  std::uint64_t invalid_ballots_ = 0;
  std::vector<std::uint64_t> group_size_;
  std::vector<std::uint32_t> entry_group_;
  std::vector<std::size_t> ballot_begin_{0};
  std::vector<Support> ballots_;
  std::vector<std::size_t> supporter_begin_;
  std::vector<Supporter> supporters_;
  std::vector<Rational> satisfaction_values_;
  std::vector<ExcludedProject> excluded_;
  bool uniform_ = true;
};

}  // namespace minga::budget
