// SPDX-License-Identifier: Apache-2.0
// src/ranked/rctab_allocation.hpp - (internal) where each cast vote record sits in each round of a whole-ballot count.
#pragma once

#include <cstdint>
#include <vector>

#include "minga/ranked/rctab_output.hpp"
#include "ranked/ballots.hpp"

namespace minga::ranked::detail {

/// True when the contest's count moves whole ballots (every mode but the
/// fractional multi-seat ones), so each ballot sits with one candidate per round.
bool whole_ballot_count(const RctabContest& contest);

/// One record in one round: the candidate it counts for (Choice::kExhausted when
/// inactive, with the reason) and the rank index holding it; `blank` records never count.
struct Allocation {
  Choice choice;
  bool blank = false;
};

/// allocations[round][record], read with the contest's ballot rules from each
/// round's continuing candidates (those with a tally in `result`). Candidate
/// numbers are the result's (the write-in pseudo-candidate last, when present).
/// Throws Error(invalid_argument) when `result` was not counted from these records.
std::vector<std::vector<Allocation>> allocate_records(const RctabContest& contest,
                                                      const std::vector<CastVoteRecord>& records, const Result& result);

}  // namespace minga::ranked::detail
