// SPDX-License-Identifier: Apache-2.0
// src/budget/rules_common.hpp - small helpers the budgeting rules share (internal).
#pragma once

#include "minga/budget/instance.hpp"

namespace minga::budget {

/// Total satisfaction project p brings: sum over its supporters of voters x satisfaction.
inline Rational welfare(const BudgetInstance& in, ProjectIndex p) {
  Rational w;
  for (const auto& s : in.supporters(p)) w += s.satisfaction * in.group_size(s.group);
  return w;
}

}  // namespace minga::budget
