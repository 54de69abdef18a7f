// SPDX-License-Identifier: Apache-2.0
// minga/budget/analysis.hpp - how an outcome treats voters: statistics, proportionality axioms, price systems.
//
// outcome_stats(): voters left with no funded project they support
// ("empty-handed"; the exclusion ratio is its share), the average number of
// funded projects a voter supports and the average satisfaction under the
// instance's model, overall and by channel and by district.
//
// check_axiom(): extended and proportional justified representation for
// approval-style support, with the instance's satisfaction (cost or
// cardinality; points with positive values work the same way). A group S of
// voters is T-cohesive when every voter in S supports every project of T and
// |S| / voters >= cost(T) / budget. Then
//   EJR            some voter of S gets satisfaction >= sat(T) from the outcome W;
//   EJR up to one  some voter of S gets >= sat(T), or would get more than sat(T)
//                  if one project of T \ W were added (the Method of Equal
//                  Shares always satisfies it: Peters, Pierczyński, Skowron 2021);
//   PJR            the funded projects supported by at least one voter of S
//                  are together worth >= sat(T).
// The check is exact: it enumerates every T jointly supported by enough voters
// (supersets of a T that fails the size test are pruned: they cost more and
// fewer voters support them all), and for each the voters it leaves short.
// It returns a witness when the axiom fails. Error(limit) past max_sets sets.
//
// check_price_system(): verifies that payments (e.g. Allocation::payments from
// equal_shares, or one supplied from elsewhere) certify the outcome as
// priceable: each voter spends at most the endowment, only on funded projects
// they support; each funded project is paid exactly; and no unfunded project's
// supporters have more money left than it costs.
#pragma once

#include <optional>
#include <span>

#include "minga/budget/allocation.hpp"

namespace minga::budget {

struct VoterStats {
  std::uint64_t voters = 0;
  std::uint64_t empty_handed = 0;  ///< voters with no funded project they support
  Rational average_funded;         ///< funded projects a voter supports, on average
  Rational average_satisfaction;   ///< under the instance's satisfaction model
};

struct OutcomeStats {
  VoterStats all;
  std::vector<std::pair<std::string, VoterStats>> by_channel;   ///< "online", "paper", ... (those present)
  std::vector<std::pair<std::string, VoterStats>> by_district;  ///< district names (those present)
};

MINGA_EXPORT OutcomeStats outcome_stats(const BudgetInstance& instance, std::span<const ProjectIndex> selected);

enum class Axiom : std::uint8_t { ejr, ejr_up_to_one, pjr };
MINGA_EXPORT const char* axiom_name(Axiom axiom) noexcept;

struct AxiomCheck {
  Axiom axiom = Axiom::ejr;
  bool satisfied = true;
  std::vector<ProjectIndex> witness_projects;  ///< T of a cohesive group left short (when not satisfied)
  std::uint64_t witness_voters = 0;            ///< how many voters of that group are left short
  std::uint64_t sets_examined = 0;             ///< project sets T enumerated
};

MINGA_EXPORT AxiomCheck check_axiom(const BudgetInstance& instance, std::span<const ProjectIndex> selected, Axiom axiom,
                                    std::uint64_t max_sets = 50'000'000);

/// Every way the payments fail to certify the allocation (empty: they do).
MINGA_EXPORT std::vector<std::string> check_price_system(const BudgetInstance& instance, const Allocation& allocation,
                                                         const Rational& endowment);

/// Everything above for one outcome: statistics, the three axioms (an axiom
/// whose check passes its limit is left out, with a note), and for equal
/// shares the verdict on its price system.
struct OutcomeAnalysis {
  OutcomeStats stats;
  std::vector<AxiomCheck> axioms;
  std::optional<std::vector<std::string>> price_system_problems;  ///< when the allocation has payments
  std::vector<std::string> notes;
};

MINGA_EXPORT OutcomeAnalysis analyze(const BudgetInstance& instance, const Allocation& allocation);

}  // namespace minga::budget
