// SPDX-License-Identifier: Apache-2.0
// minga/budget/equal_shares.hpp - the Method of Equal Shares (MES) and its completions.
//
// Each voter starts with an equal share of the budget (the endowment). In each
// round, the project that can be paid for at the lowest price rho per unit of
// satisfaction is funded: each supporter i pays min(money_i, rho x sat_i), and
// the payments add up to exactly its cost. A project whose supporters have
// less money left than its cost can never be funded. The rule stops when no
// project is affordable. Arithmetic is exact (rationals).
//
// MES alone usually leaves money unspent; the completions are what real
// elections use (all explicit here; see docs/budget.md):
//   none                  the plain rule
//   utilitarian           then greedy by welfare per cost with the money left
//   add1                  raise the endowment by `step` per voter and rerun while
//                         the outcome's cost stays within the real budget; return
//                         the last outcome within it. With exhaustive_stop, also
//                         stop as soon as an outcome is exhaustive (no unselected
//                         project fits in the money left). integral_start begins
//                         at floor(budget / voters) instead of budget / voters.
//   add1_utilitarian      add1, then the utilitarian completion
// The comparison step (equalshares.net) then compares the outcome with greedy
// by votes over the whole budget and adopts greedy if more voters prefer it,
// a voter preferring the outcome with more funded projects they support
// (satisfaction) or the one in which they support at least one funded
// project (exclusion_ratio).
//
// Real elections, reproduced in tests (docs/budget.md):
//   Wieliczka 2023: cost, add1 without exhaustive stop, integral start, step 1,
//                   ties {min_cost, max_votes}, comparison satisfaction.
//   Świecie 2023:   eligibility filter support_per_cost_factor 3, then the same.
//   Assen 2024:     cost, add1.
#pragma once

#include <cstdint>
#include <functional>

#include "minga/budget/allocation.hpp"
#include "minga/budget/tie_break.hpp"

namespace minga::budget {

enum class Completion : std::uint8_t { none, utilitarian, add1, add1_utilitarian };
enum class Comparison : std::uint8_t { none, satisfaction, exclusion_ratio };

MINGA_EXPORT const char* completion_name(Completion c) noexcept;
MINGA_EXPORT Completion parse_completion(std::string_view name);
MINGA_EXPORT const char* comparison_name(Comparison c) noexcept;
MINGA_EXPORT Comparison parse_comparison(std::string_view name);

/// One finished add1 run, as told to EqualSharesOptions::on_add1_run: the run's
/// number (1 = the starting endowment), the per-voter endowment it used and the
/// cost of what it funded (add1 stops once that exceeds `budget`).
struct Add1Run {
  std::uint32_t run = 0;
  const Rational& endowment;
  const Rational& total_cost;
  const Rational& budget;
};

struct EqualSharesOptions {
  TieBreakChain tie_break;
  Completion completion = Completion::none;
  Rational add1_step{1};           ///< per voter, in currency units
  bool add1_exhaustive_stop = true;
  bool add1_integral_start = true;
  Comparison comparison = Comparison::none;
  /// Per-voter endowment of a single run (completion none or utilitarian);
  /// default budget / voters.
  std::optional<Rational> endowment;
  /// Safety limit on add1 reruns (Error(limit) beyond it).
  std::uint32_t add1_max_runs = 1'000'000;
  /// When set, called after every add1 run on the calling thread (progress
  /// display). An exception it throws stops the rule and propagates.
  std::function<void(const Add1Run&)> on_add1_run;
};

MINGA_EXPORT Allocation equal_shares(const BudgetInstance& instance, const EqualSharesOptions& options);

}  // namespace minga::budget
