// SPDX-License-Identifier: Apache-2.0
// src/io/rctab_cdf.cpp - writing cast vote records as a NIST SP 1500-103 CDF JSON report, the way RCTab exports them.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "minga/core/error.hpp"
#include "minga/ranked/rctab_output.hpp"
#include "ranked/rctab_allocation.hpp"

namespace minga::ranked {

namespace {

using nlohmann::json;

constexpr const char* kElectionId = "election-001";
constexpr const char* kContestId = "contest-001";
constexpr const char* kScopeId = "gpu-election";

/// RCTab's id-safe form of a name: every character other than a-z, A-Z, 0-9, '.', '-', '_' becomes '_'.
std::string id_safe(std::string_view text, bool lower) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '-' || c == '_';
    char kept = keep ? ch : '_';
    if (lower && kept >= 'A' && kept <= 'Z') kept = static_cast<char>(kept - 'A' + 'a');
    out.push_back(kept);
  }
  return out;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  return text;
}

/// One CVR to write: its id, precinct and marks; which mark counts in each round (if known).
struct Ballot {
  std::string id;  ///< BallotPrePrintedId
  const std::string* precinct = nullptr;
  const Ranking* ranking = nullptr;
  /// Per round: (rank index, mark) the ballot counts for, or rank index kNoRank when inactive.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> allocated;
};
constexpr std::uint32_t kNoRank = 0xFFFFFFFFu;

/// The report's selections: one per candidate label, plus the write-in and overvote selections when used.
class Selections {
 public:
  Selections(std::vector<std::string> labels, const CdfReportInfo& info) : labels_(std::move(labels)), info_(info) {
    std::set<std::string> taken;
    for (std::size_t c = 0; c < labels_.size(); ++c) {
      std::string id = id_safe(labels_[c], true);
      if (!taken.insert(id).second) id += "_" + std::to_string(c + 1);  // two names, one id-safe form
      taken.insert(id);
      ids_.push_back(id);
    }
    overvote_id_ = unique(taken, id_safe(info.overvote_label, true));
    write_in_id_ = unique(taken, id_safe(info.write_in_label, true));
  }

  std::string selection_id(std::uint32_t mark) {
    if (mark == Mark::overvote) {
      overvote_used_ = true;
      return "cs-" + overvote_id_;
    }
    if (mark == Mark::write_in) {
      write_in_used_ = true;
      return "cs-" + write_in_id_;
    }
    return "cs-" + ids_.at(mark);
  }

  /// The Election object: candidates and selections in the order of their names (as RCTab).
  json election(const std::string& contest_name) const {
    struct Entry {
      std::string name, id;
    };
    std::vector<Entry> entries;
    for (std::size_t c = 0; c < labels_.size(); ++c) entries.push_back({labels_[c], ids_[c]});
    if (overvote_used_) entries.push_back({info_.overvote_label, overvote_id_});
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
    json candidates = json::array(), selections = json::array();
    for (const Entry& e : entries) {
      candidates.push_back({{"@id", "c-" + e.id}, {"Name", e.name}});
      selections.push_back(
          {{"@id", "cs-" + e.id}, {"@type", "ContestSelection"}, {"CandidateIds", json::array({"c-" + e.id})}});
    }
    if (write_in_used_)
      selections.push_back({{"@id", "cs-" + write_in_id_}, {"@type", "ContestSelection"}, {"IsWriteIn", true},
                            {"Name", info_.write_in_label}});
    json contest = {{"@id", kContestId}, {"@type", "CandidateContest"}, {"ContestSelection", selections},
                    {"Name", contest_name}};
    return json::array({{{"@id", kElectionId},
                         {"@type", "Election"},
                         {"Candidate", candidates},
                         {"Contest", json::array({contest})},
                         {"ElectionScopeId", kScopeId}}});
  }

 private:
  static std::string unique(std::set<std::string>& taken, std::string id) {
    while (!taken.insert(id).second) id += "_";
    return id;
  }

  std::vector<std::string> labels_;
  const CdfReportInfo& info_;
  std::vector<std::string> ids_;
  std::string overvote_id_, write_in_id_;
  bool overvote_used_ = false, write_in_used_ = false;
};

/// A snapshot's CVRContest: one selection per distinct mark, in order of its first rank; one
/// position per rank holding it. round < 0: the original snapshot (IsAllocable "unknown").
json contest_of(const Ballot& ballot, Selections& selections, int round) {
  const Ranking& ranking = *ballot.ranking;
  std::vector<std::uint32_t> order;
  std::unordered_map<std::uint32_t, json> positions;
  for (std::uint32_t r = 0; r < ranking.num_positions(); ++r)
    for (std::uint32_t k = ranking.position_begin[r]; k < ranking.position_begin[r + 1]; ++k) {
      const std::uint32_t mark = ranking.marks[k];
      auto [it, added] = positions.try_emplace(mark, json::array());
      if (added) order.push_back(mark);
      std::string allocable = "unknown";
      if (round >= 0) {
        const auto& [rank, counted] = ballot.allocated[static_cast<std::size_t>(round)];
        allocable = rank == r && counted == mark ? "yes" : "no";
      }
      it->second.push_back({{"@type", "CVR.SelectionPosition"},
                            {"HasIndication", "yes"},
                            {"IsAllocable", allocable},
                            {"NumberVotes", 1},
                            {"Rank", r + 1}});
    }
  json list = json::array();
  for (std::uint32_t mark : order)
    list.push_back({{"@type", "CVR.CVRContestSelection"},
                    {"ContestSelectionId", selections.selection_id(mark)},
                    {"SelectionPosition", std::move(positions[mark])}});
  return json::array({{{"@type", "CVR.CVRContest"}, {"CVRContestSelection", list}, {"ContestId", kContestId}}});
}

std::string report(const std::vector<Ballot>& ballots, std::vector<std::string> labels, const CdfReportInfo& info,
                   int indent) {
  Selections selections(std::move(labels), info);
  json cvrs = json::array();
  std::map<std::string, std::string> precincts;  // name -> GpUnit id
  std::set<std::string> precinct_ids{kScopeId};
  for (const Ballot& ballot : ballots) {
    const std::string snapshot = "ballot-" + ballot.id;
    json snapshots = json::array();
    snapshots.push_back({{"@id", snapshot},
                         {"@type", "CVR.CVRSnapshot"},
                         {"CVRContest", contest_of(ballot, selections, -1)},
                         {"Type", "original"}});
    for (std::size_t r = 0; r < ballot.allocated.size(); ++r)
      snapshots.push_back({{"@id", snapshot + "-round-" + std::to_string(r + 1)},
                           {"@type", "CVR.CVRSnapshot"},
                           {"CVRContest", contest_of(ballot, selections, static_cast<int>(r))},
                           {"Type", "interpreted"}});
    json cvr = {{"@type", "CVR"},
                {"BallotPrePrintedId", ballot.id},
                {"CurrentSnapshotId", snapshots.back()["@id"]},
                {"ElectionId", kElectionId}};
    cvr["CVRSnapshot"] = std::move(snapshots);
    if (ballot.precinct && !ballot.precinct->empty()) {
      auto [it, added] = precincts.try_emplace(*ballot.precinct);
      if (added) {
        std::string id = "gpu-" + id_safe(*ballot.precinct, false);
        while (!precinct_ids.insert(id).second) id += "_";
        it->second = id;
      }
      cvr["BallotStyleUnitId"] = it->second;
    }
    cvrs.push_back(std::move(cvr));
  }
  json units = json::array({{{"@id", kScopeId},
                             {"@type", "GpUnit"},
                             {"Name", info.jurisdiction},
                             {"OtherType", "Election Scope Jurisdiction"},
                             {"Type", "other"}}});
  for (const auto& [name, id] : precincts)
    units.push_back({{"@id", id}, {"@type", "GpUnit"}, {"Name", name}, {"Type", "precinct"}});
  json doc = {{"@type", "CVR.CastVoteRecordReport"},
              {"GeneratedDate", info.generated_date.empty() ? utc_now() : info.generated_date},
              {"GpUnit", units},
              {"ReportGeneratingDeviceIds", json::array({"rd-001"})},
              {"ReportingDevice", json::array({{{"@id", "rd-001"},
                                                {"@type", "CVR.ReportingDevice"},
                                                {"Application", "minga"},
                                                {"Manufacturer", "minga"}}})},
              {"Version", "1.0.0"}};
  doc["CVR"] = std::move(cvrs);
  doc["Election"] = selections.election(info.contest_name);
  return doc.dump(indent);
}

/// Per record and round: the (rank index, mark) the ballot counts for.
void allocate(const RctabContest& contest, const std::vector<CastVoteRecord>& records, const Result& result,
              std::vector<Ballot>& ballots) {
  const std::uint32_t configured = static_cast<std::uint32_t>(contest.candidates.size());
  for (const auto& round : detail::allocate_records(contest, records, result))
    for (std::size_t i = 0; i < records.size(); ++i) {
      const detail::Choice& choice = round[i].choice;
      if (round[i].blank || choice.candidate == detail::Choice::kExhausted)
        ballots[i].allocated.emplace_back(kNoRank, 0);
      else  // candidates past the configured ones: the write-in pseudo-candidate
        ballots[i].allocated.emplace_back(choice.position, choice.candidate < configured ? choice.candidate : Mark::write_in);
    }
}

}  // namespace

std::string write_cdf_json(const Election& election, const CdfReportInfo& info, int indent) {
  if (election.kind() != BallotKind::ranked)
    throw Error(Errc::unsupported, Location{"<cdf>", 0, "ballots"},
                std::string("a CDF cast vote record report holds ranked ballots, not ") +
                    ballot_kind_name(election.kind()));
  const Profile& profile = election.profile;
  std::vector<Ranking> rankings(profile.num_entries());
  std::vector<Ballot> ballots;
  ballots.reserve(profile.num_ballots());
  std::uint64_t number = 0;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, rankings[e]);
    for (std::uint64_t k = 0; k < profile.count(e); ++k) {
      Ballot ballot;
      ballot.id = std::to_string(++number);
      ballot.precinct = &profile.strata()[profile.stratum_of(e)].district;
      ballot.ranking = &rankings[e];
      ballots.push_back(std::move(ballot));
    }
  }
  std::vector<std::string> labels;
  for (const Alternative& a : election.alternatives) labels.push_back(a.label());
  return report(ballots, std::move(labels), info, indent);
}

std::string rctab_cdf_json(const RctabContest& contest, const std::vector<CastVoteRecord>& records,
                           const Result* result, const std::string& generated_date, int indent) {
  std::vector<Ballot> ballots(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const CastVoteRecord& record = records[i];
    const std::string file = contest.sources.at(record.source).path.filename().string();
    ballots[i].id = id_safe(file + "(" + record.id + ")", false);
    ballots[i].precinct = &record.precinct;
    ballots[i].ranking = &record.ranking;
  }
  if (result && detail::whole_ballot_count(contest)) allocate(contest, records, *result, ballots);
  std::vector<std::string> labels;
  for (const RctabCandidate& c : contest.candidates) labels.push_back(c.name);
  CdfReportInfo info;
  info.contest_name = contest.contest_name;
  info.jurisdiction = contest.jurisdiction;
  info.generated_date = generated_date;
  for (const RctabSource& source : contest.sources) {
    if (!source.overvote_label.empty()) info.overvote_label = source.overvote_label;
    if (!source.undeclared_write_in_label.empty()) info.write_in_label = source.undeclared_write_in_label;
  }
  return report(ballots, std::move(labels), info, indent);
}

}  // namespace minga::ranked
