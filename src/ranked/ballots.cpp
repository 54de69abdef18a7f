// SPDX-License-Identifier: Apache-2.0
// src/ranked/ballots.cpp - flattening ranked ballots and reading them by the ballot rules.
#include "ranked/ballots.hpp"

#include <algorithm>

#include "minga/core/error.hpp"

namespace minga::ranked::detail {

BallotTable::BallotTable(const Election& election, const BallotInterpretation& rules) : rules_(rules) {
  const Profile& profile = election.profile;
  if (profile.kind() != BallotKind::ranked)
    throw Error(Errc::invalid_argument, std::string("a ranked count needs ranked ballots, not ") +
                                            ballot_kind_name(profile.kind()) + " ballots");
  const std::uint32_t n = election.num_alternatives();
  for (const Alternative& a : election.alternatives) {
    candidates_.names.push_back(a.label());
    candidates_.withdrawn.push_back(a.withdrawn ? 1 : 0);
  }

  const std::size_t entries = profile.num_entries();
  rank_begin_.reserve(entries + 1);
  counts_.reserve(entries);
  rank_begin_.push_back(0);
  mark_begin_.push_back(0);
  bool any_write_in = false;
  Ranking ranking;
  for (std::size_t e = 0; e < entries; ++e) {
    profile.ranking(e, ranking);
    const std::uint32_t ranks = static_cast<std::uint32_t>(ranking.num_positions());
    for (std::uint32_t r = 0; r < ranks; ++r) {
      const std::uint32_t b = ranking.position_begin[r], end = ranking.position_begin[r + 1];
      if (b != end && rules.max_rankings && r + 1 > *rules.max_rankings)
        throw Error(Errc::parse, Location{election.title, 0, "rank " + std::to_string(r + 1)},
                    "a ballot marks rank " + std::to_string(r + 1) + " but at most " +
                        std::to_string(*rules.max_rankings) + " rankings are allowed");
      for (std::uint32_t i = b; i < end; ++i) {
        std::uint32_t m = ranking.marks[i];
        if (m == Mark::overvote) {
          m = kOvervoteMark;
        } else if (m == Mark::write_in) {
          any_write_in = true;
          m = kWriteInSkipMark;  // renumbered below when write-ins are a candidate
        }
        marks_.push_back(m);
      }
      mark_begin_.push_back(static_cast<std::uint32_t>(marks_.size()));
    }
    rank_begin_.push_back(static_cast<std::uint32_t>(mark_begin_.size() - 1));
    counts_.push_back(profile.count(e));
    total_ += profile.count(e);
    if (ranks == 0) blank_ += profile.count(e);
  }
  if ((any_write_in || rules.write_in_always_present) && rules.write_in == WriteInRule::candidate) {
    candidates_.write_in = n;
    candidates_.names.emplace_back("Undeclared Write-ins");
    candidates_.withdrawn.push_back(0);
    std::replace(marks_.begin(), marks_.end(), kWriteInSkipMark, n);
  }
}

bool BallotTable::marked_before(std::size_t entry, std::uint32_t rank, std::uint32_t candidate) const {
  for (std::uint32_t r = 0; r < rank; ++r)
    if (std::find(marks_begin(entry, r), marks_end(entry, r), candidate) != marks_end(entry, r)) return true;
  return false;
}

Choice BallotTable::next(std::size_t entry, std::uint32_t from, const std::vector<char>& continuing) const {
  const std::uint32_t ranks = num_ranks(entry);
  // The last marked rank before `from` (-1: none), for the skipped-ranks rule.
  std::int64_t last = -1;
  for (std::int64_t r = static_cast<std::int64_t>(from) - 1; r >= 0; --r)
    if (marks_begin(entry, static_cast<std::uint32_t>(r)) != marks_end(entry, static_cast<std::uint32_t>(r))) {
      last = r;
      break;
    }
  auto exhausted = [](ExhaustReason reason, std::uint32_t r) { return Choice{Choice::kExhausted, r, reason}; };
  for (std::uint32_t r = from; r < ranks; ++r) {
    const std::uint32_t* b = marks_begin(entry, r);
    const std::uint32_t* e = marks_end(entry, r);
    if (b == e) continue;
    if (rules_.max_skipped_ranks && r - last - 1 > *rules_.max_skipped_ranks)
      return exhausted(ExhaustReason::skipped_ranks, r);
    last = r;
    if (e - b > 1 || *b == kOvervoteMark) {
      switch (rules_.overvote) {
        case OvervoteRule::exhaust_immediately: return exhausted(ExhaustReason::overvote, r);
        case OvervoteRule::skip_to_next_rank: continue;
        case OvervoteRule::exhaust_if_multiple_continuing: {
          std::uint32_t found = Choice::kExhausted, live = 0;
          for (const std::uint32_t* p = b; p != e; ++p) {
            if (*p == kOvervoteMark) return exhausted(ExhaustReason::overvote, r);  // candidates unknown
            if (*p != kWriteInSkipMark && continuing[*p]) ++live, found = *p;
          }
          if (live > 1) return exhausted(ExhaustReason::overvote, r);
          if (live == 1) return Choice{found, r, ExhaustReason::no_continuing_choice};
          continue;
        }
      }
    }
    const std::uint32_t m = *b;
    if (m == kWriteInSkipMark) continue;
    if (marked_before(entry, r, m)) {
      if (rules_.duplicate == DuplicateRule::exhaust) return exhausted(ExhaustReason::repeated_candidate, r);
      continue;
    }
    if (continuing[m]) return Choice{m, r, ExhaustReason::no_continuing_choice};
  }
  return exhausted(ExhaustReason::no_continuing_choice, ranks);
}

Result start_result(const std::string& method, const BallotTable& table, const BallotInterpretation& rules,
                    const TieBreak& tie_break) {
  Result result;
  result.method = method;
  result.candidates = table.candidates().names;
  result.ballots = table.total_ballots();
  result.blank_ballots = table.blank_ballots();
  result.notes.push_back(std::string("overvote: ") + overvote_rule_name(rules.overvote));
  result.notes.push_back("max skipped ranks: " +
                         (rules.max_skipped_ranks ? std::to_string(*rules.max_skipped_ranks) : "unlimited"));
  result.notes.push_back(std::string("duplicate: ") + duplicate_rule_name(rules.duplicate));
  result.notes.push_back("max rankings: " + (rules.max_rankings ? std::to_string(*rules.max_rankings) : "any"));
  result.notes.push_back(std::string("write-ins: ") + write_in_rule_name(rules.write_in));
  result.notes.push_back(std::string("tie-break: ") + look_back_name(tie_break.look_back) + ", then " +
                         tie_final_name(tie_break.final));
  return result;
}

}  // namespace minga::ranked::detail
