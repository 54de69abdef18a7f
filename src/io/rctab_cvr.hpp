// SPDX-License-Identifier: Apache-2.0
// src/io/rctab_cvr.hpp - (internal) what every RCTab CVR reader shares: candidate lookup and ballot assembly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "minga/ballot/election.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/rctab_output.hpp"

namespace minga::ranked::detail {

class CvrSink {
 public:
  CvrSink(const RctabContest& contest, Election& election);

  /// The mark a CVR label stands for: a configured candidate (by name or alias),
  /// Mark::write_in (the source's write-in label), Mark::overvote (its overvote
  /// label), or nothing (its skipped-rank label). Error(parse) at `where` otherwise.
  std::optional<std::uint32_t> mark_of(const RctabSource& source, std::string_view label, const Location& where) const;

  /// Adds one ballot from (rank, mark) pairs in any order; checks maxRankingsAllowed.
  /// `id` is the record's own id (default: where.line).
  void add(std::vector<std::pair<std::uint32_t, std::uint32_t>>& rank_marks, std::string_view precinct,
           const Location& where, std::string_view id = {});
  /// Keeps every added ballot as a CastVoteRecord of source `source` in `records` (nullptr: off).
  void keep_records(std::vector<CastVoteRecord>* records, std::uint32_t source) {
    records_ = records;
    source_ = source;
  }
  /// Records what a reader saw but did not count (Election::notes).
  void note(std::string text) { election_.notes.push_back(std::move(text)); }

 private:
  const RctabContest& contest_;
  Election& election_;
  std::unordered_map<std::string, std::uint32_t> names_;
  Ranking ranking_;
  std::vector<CastVoteRecord>* records_ = nullptr;
  std::uint32_t source_ = 0;
};

/// NIST CDF XML (namespaced or not).
void read_cdf_xml(const RctabSource& source, CvrSink& sink);
/// Hart Verity: a folder of per-sheet XML files.
void read_hart_folder(const RctabSource& source, CvrSink& sink);

}  // namespace minga::ranked::detail
