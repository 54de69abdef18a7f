// SPDX-License-Identifier: Apache-2.0
// src/ranked/rctab_allocation.cpp - where each cast vote record sits in each round of a whole-ballot count.
#include "ranked/rctab_allocation.hpp"

#include <string>
#include <unordered_map>

#include "minga/core/error.hpp"

namespace minga::ranked::detail {

bool whole_ballot_count(const RctabContest& contest) {
  return contest.winner_election_mode.rfind("multiWinner", 0) != 0;
}

std::vector<std::vector<Allocation>> allocate_records(const RctabContest& contest,
                                                      const std::vector<CastVoteRecord>& records, const Result& result) {
  std::vector<Alternative> alternatives;
  for (const RctabCandidate& c : contest.candidates) alternatives.push_back(Alternative{c.name, {}, {}, c.excluded, {}});
  Election distinct(BallotKind::ranked, alternatives);
  // Each record's entry among the distinct ballots, found through the canonical encoding of its ranking.
  std::unordered_map<std::string, std::size_t> entry_of;
  std::vector<std::size_t> entries;
  entries.reserve(records.size());
  for (const CastVoteRecord& record : records) {
    Profile one(BallotKind::ranked, distinct.num_alternatives());
    one.add_ranking(record.ranking);
    const std::string key(one.encoded(0));
    auto [it, added] = entry_of.try_emplace(key, distinct.profile.num_entries());
    if (added) distinct.profile.add_encoded(key, 1, 0);
    entries.push_back(it->second);
  }
  const BallotTable table(distinct, rctab_ballot_interpretation(contest));
  if (table.candidates().size() != result.candidates.size() ||
      (!result.rounds.empty() && result.rounds.front().tally.size() != result.candidates.size()))
    throw Error(Errc::invalid_argument, Location{contest.config_path.string(), 0, "result"},
                "the result was not counted from these cast vote records (candidates differ)");
  std::vector<std::vector<Allocation>> allocations(result.rounds.size(), std::vector<Allocation>(records.size()));
  std::vector<char> continuing(table.candidates().size());
  for (std::size_t r = 0; r < result.rounds.size(); ++r) {
    for (std::size_t c = 0; c < continuing.size(); ++c) continuing[c] = result.rounds[r].tally[c].has_value() ? 1 : 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
      Allocation& a = allocations[r][i];
      a.blank = table.blank(entries[i]);
      if (!a.blank) a.choice = table.next(entries[i], 0, continuing);
    }
  }
  return allocations;
}

}  // namespace minga::ranked::detail
