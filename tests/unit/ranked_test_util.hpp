// SPDX-License-Identifier: Apache-2.0
// tests/unit/ranked_test_util.hpp - ranked elections written out by hand in tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "minga/ballot/election.hpp"

namespace minga::test {

constexpr std::uint32_t kSkip = 0xFFFFFFF9u;  // test-only: an empty rank

/// A ranked election over candidates with these names (indices in order).
inline Election election_of(std::vector<std::string> names) {
  std::vector<Alternative> alternatives;
  for (auto& n : names) alternatives.push_back(Alternative{n, "", std::nullopt, false, {}});
  return Election(BallotKind::ranked, std::move(alternatives));
}

/// Adds `count` ballots; each inner vector is one rank (kSkip alone = empty rank).
inline void add(Election& e, std::vector<std::vector<std::uint32_t>> ranks, std::uint64_t count = 1) {
  Ranking r;
  for (auto& rank : ranks) {
    if (rank.size() == 1 && rank[0] == kSkip) r.add_skipped();
    else r.add_position(rank.data(), rank.size());
  }
  e.profile.add_ranking(r, count);
}

}  // namespace minga::test
