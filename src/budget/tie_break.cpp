// SPDX-License-Identifier: Apache-2.0
// src/budget/tie_break.cpp - tie-break chains for budgeting rules.
#include "minga/budget/tie_break.hpp"

#include <algorithm>
#include <numeric>

#include "minga/core/random.hpp"

namespace minga::budget {

namespace {
constexpr TieBreak kAll[] = {TieBreak::min_cost, TieBreak::max_cost, TieBreak::max_votes, TieBreak::max_score,
                             TieBreak::by_id,    TieBreak::lot,      TieBreak::refuse};
}

const char* tie_break_name(TieBreak t) noexcept {
  switch (t) {
    case TieBreak::min_cost: return "min_cost";
    case TieBreak::max_cost: return "max_cost";
    case TieBreak::max_votes: return "max_votes";
    case TieBreak::max_score: return "max_score";
    case TieBreak::by_id: return "by_id";
    case TieBreak::lot: return "lot";
    case TieBreak::refuse: return "refuse";
  }
  return "unknown";
}

TieBreakChain TieBreakChain::parse(std::string_view text, std::string seed) {
  TieBreakChain chain;
  chain.seed = std::move(seed);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string name(text.substr(start, end - start));
    std::replace(name.begin(), name.end(), '-', '_');
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) {
      auto it = std::find_if(std::begin(kAll), std::end(kAll), [&](TieBreak t) { return name == tie_break_name(t); });
      if (it == std::end(kAll))
        throw Error(Errc::invalid_argument, "unknown tie-break '" + name +
                                                "' (expected min_cost, max_cost, max_votes, max_score, by_id, lot or refuse)");
      chain.order.push_back(*it);
    }
    start = end + 1;
  }
  return chain;
}

std::string TieBreakChain::to_string() const {
  std::string out;
  for (TieBreak t : order) {
    if (!out.empty()) out += ',';
    out += tie_break_name(t);
  }
  return out.empty() ? "none" : out;
}

TieBreaker::TieBreaker(const BudgetInstance& instance, TieBreakChain chain)
    : instance_(&instance), chain_(std::move(chain)) {
  if (std::find(chain_.order.begin(), chain_.order.end(), TieBreak::lot) != chain_.order.end()) {
    if (chain_.seed.empty()) throw Error(Errc::invalid_argument, "the tie-break 'lot' needs a published seed");
    std::vector<std::uint32_t> draw(instance.num_projects());
    std::iota(draw.begin(), draw.end(), 0u);
    SeededRandom(chain_.seed).shuffle(draw);
    lot_rank_.resize(draw.size());
    for (std::uint32_t k = 0; k < draw.size(); ++k) lot_rank_[draw[k]] = k;
  }
}

int TieBreaker::compare(ProjectIndex a, ProjectIndex b, std::string_view context) const {
  if (a == b) return 0;
  const BudgetInstance& in = *instance_;
  for (TieBreak t : chain_.order) {
    int c = 0;
    switch (t) {
      case TieBreak::min_cost: c = in.cost(a) < in.cost(b) ? -1 : in.cost(b) < in.cost(a) ? 1 : 0; break;
      case TieBreak::max_cost: c = in.cost(a) > in.cost(b) ? -1 : in.cost(b) > in.cost(a) ? 1 : 0; break;
      case TieBreak::max_votes: c = in.votes(a) > in.votes(b) ? -1 : in.votes(b) > in.votes(a) ? 1 : 0; break;
      case TieBreak::max_score: c = in.score(a) > in.score(b) ? -1 : in.score(b) > in.score(a) ? 1 : 0; break;
      case TieBreak::by_id: c = in.id(a) < in.id(b) ? -1 : in.id(b) < in.id(a) ? 1 : 0; break;
      case TieBreak::lot: c = lot_rank_[a] < lot_rank_[b] ? -1 : 1; break;
      case TieBreak::refuse:
        throw Error(Errc::tie, std::string(context) + ": projects " + in.id(a) + " and " + in.id(b) +
                                   " are tied and the tie-break chain says refuse");
    }
    if (c != 0) return c;
  }
  throw Error(Errc::tie, std::string(context) + ": projects " + in.id(a) + " and " + in.id(b) +
                             " are still tied after the tie-break chain (" + chain_.to_string() +
                             "); end it with by_id or lot");
}

bool TieBreaker::before(ProjectIndex a, ProjectIndex b, std::string_view context) const {
  return compare(a, b, context) < 0;
}

ProjectIndex TieBreaker::choose(std::span<const ProjectIndex> tied, std::string_view context) const {
  if (tied.empty()) throw Error(Errc::internal, "TieBreaker::choose: nothing to choose from");
  ProjectIndex best = tied[0];
  for (std::size_t k = 1; k < tied.size(); ++k)
    if (compare(tied[k], best, context) < 0) best = tied[k];
  return best;
}

}  // namespace minga::budget
