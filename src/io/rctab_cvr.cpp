// SPDX-License-Identifier: Apache-2.0
// src/io/rctab_cvr.cpp - RCTab CVR sources (NIST CDF JSON, generic CSV, Clear Ballot CSV, Dominion JSON) -> one Election.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "io/rctab_cvr.hpp"
#include "io/text.hpp"
#include "minga/core/error.hpp"

namespace minga::ranked {

namespace detail {

CvrSink::CvrSink(const RctabContest& contest, Election& election) : contest_(contest), election_(election) {
  for (std::uint32_t i = 0; i < contest.candidates.size(); ++i) {
    const RctabCandidate& c = contest.candidates[i];
    names_.emplace(c.name, i);
    for (const auto& alias : c.aliases) names_.emplace(alias, i);
  }
}

std::optional<std::uint32_t> CvrSink::mark_of(const RctabSource& source, std::string_view label,
                                              const Location& where) const {
  if (!source.skipped_rank_label.empty() && label == source.skipped_rank_label) return std::nullopt;
  if (!source.undeclared_write_in_label.empty() && label == source.undeclared_write_in_label) return Mark::write_in;
  if (!source.overvote_label.empty() && label == source.overvote_label) return Mark::overvote;
  auto it = names_.find(std::string(label));
  if (it == names_.end())
    throw Error(Errc::parse, where,
                "candidate \"" + io::clipped(label) + "\" is not in the contest configuration (name or alias)");
  return it->second;
}

void CvrSink::add(std::vector<std::pair<std::uint32_t, std::uint32_t>>& rank_marks, std::string_view precinct,
                  const Location& where, std::string_view id) {
  std::sort(rank_marks.begin(), rank_marks.end());
  rank_marks.erase(std::unique(rank_marks.begin(), rank_marks.end()), rank_marks.end());
  const auto& limit = contest_.ballots.max_rankings;
  ranking_.clear();
  ranking_.position_begin.assign(1, 0);
  std::uint32_t rank = 0;
  for (const auto& [r, mark] : rank_marks) {
    if (r == 0) throw Error(Errc::parse, where, "rank 0 (ranks start at 1)");
    if (limit && r > *limit)
      throw Error(Errc::parse, where,
                  "rank " + std::to_string(r) + " is beyond maxRankingsAllowed (" + std::to_string(*limit) + ")");
    while (rank < r) {
      ranking_.add_skipped();
      ++rank;
    }
    ranking_.add_mark_to_last(mark);
  }
  StratumId stratum = 0;
  if (!precinct.empty()) stratum = election_.profile.intern_stratum(Stratum{Channel::unspecified, std::string(precinct)});
  election_.profile.add_ranking(ranking_, 1, stratum);
  if (records_)
    records_->push_back(CastVoteRecord{source_, id.empty() ? std::to_string(where.line) : std::string(id),
                                       std::string(precinct), ranking_});
}

}  // namespace detail

namespace {

using detail::CvrSink;
using nlohmann::json;

// ---- NIST CDF JSON --------------------------------------------------------------

std::string string_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

void read_cdf_json(const RctabSource& source, CvrSink& sink) {
  const std::string file = source.path.string();
  std::ifstream in(source.path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{file, 0, ""}, "cannot open the CVR file");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw Error(Errc::parse, Location{file, 0, ""}, std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_object() || !doc.contains("CVR") || !doc["CVR"].is_array())
    throw Error(Errc::parse, Location{file, 0, "CVR"}, "not a CDF CastVoteRecordReport (no CVR array)");
  // Election: candidate ids -> names; the contest's id; selection ids -> candidate names or write-in.
  std::unordered_map<std::string, std::string> candidate_name;
  std::unordered_map<std::string, std::string> selection_label;  // "" = write-in selection
  std::string contest_id;
  std::unordered_map<std::string, std::string> gp_unit_name;  // precincts named by BallotStyleUnitId
  if (doc.contains("GpUnit") && doc["GpUnit"].is_array())
    for (const json& unit : doc["GpUnit"]) gp_unit_name[string_of(unit, "@id")] = string_of(unit, "Name");
  if (doc.contains("Election") && doc["Election"].is_array()) {
    for (const json& election : doc["Election"]) {
      if (election.contains("Candidate") && election["Candidate"].is_array())
        for (const json& c : election["Candidate"]) candidate_name[string_of(c, "@id")] = string_of(c, "Name");
      if (!election.contains("Contest") || !election["Contest"].is_array()) continue;
      for (const json& contest : election["Contest"]) {
        const std::string id = string_of(contest, "@id");
        if (string_of(contest, "Name") != source.contest_id && id != source.contest_id) continue;
        contest_id = id;
        if (!contest.contains("ContestSelection")) continue;
        for (const json& s : contest["ContestSelection"]) {
          std::string label;
          if (s.contains("CandidateIds") && s["CandidateIds"].is_array() && !s["CandidateIds"].empty() &&
              s["CandidateIds"][0].is_string()) {
            const std::string cid = s["CandidateIds"][0].get<std::string>();
            auto it = candidate_name.find(cid);
            label = it != candidate_name.end() ? it->second : cid;
          } else if (s.value("IsWriteIn", false)) {
            label = "";
          } else {
            label = string_of(s, "@id");
          }
          selection_label[string_of(s, "@id")] = label;
        }
      }
    }
  }
  if (contest_id.empty())
    throw Error(Errc::parse, Location{file, 0, "Election.Contest"},
                "no contest named or identified \"" + source.contest_id + "\"");
  std::vector<std::pair<std::uint32_t, std::uint32_t>> marks;
  std::size_t number = 0;
  for (const json& cvr : doc["CVR"]) {
    ++number;
    const Location where{file, number, "CVR[" + std::to_string(number - 1) + "]"};
    if (!cvr.contains("CVRSnapshot") || !cvr["CVRSnapshot"].is_array())
      throw Error(Errc::parse, where, "a CVR without CVRSnapshot");
    const std::string current = string_of(cvr, "CurrentSnapshotId");
    const json* snapshot = nullptr;
    for (const json& s : cvr["CVRSnapshot"])
      if (current.empty() || string_of(s, "@id") == current) {
        snapshot = &s;
        break;
      }
    if (!snapshot) throw Error(Errc::parse, where, "no CVRSnapshot with @id \"" + current + "\"");
    marks.clear();
    bool in_contest = false;
    if (snapshot->contains("CVRContest"))
      for (const json& contest : (*snapshot)["CVRContest"]) {
        if (string_of(contest, "ContestId") != contest_id) continue;
        in_contest = true;
        if (!contest.contains("CVRContestSelection")) continue;
        for (const json& selection : contest["CVRContestSelection"]) {
          const std::string sid = string_of(selection, "ContestSelectionId");
          auto it = selection_label.find(sid);
          if (it == selection_label.end())
            throw Error(Errc::parse, Location{file, number, "ContestSelectionId"},
                        "selection \"" + sid + "\" is not in the contest");
          std::optional<std::uint32_t> mark =
              it->second.empty() ? std::optional<std::uint32_t>(Mark::write_in) : sink.mark_of(source, it->second, where);
          if (!mark || !selection.contains("SelectionPosition")) continue;
          for (const json& position : selection["SelectionPosition"]) {
            if (string_of(position, "HasIndication") == "no") continue;
            if (!position.contains("Rank") || !position["Rank"].is_number_unsigned())
              throw Error(Errc::parse, Location{file, number, "SelectionPosition.Rank"}, "missing or not a rank");
            marks.emplace_back(position["Rank"].get<std::uint32_t>(), *mark);
          }
        }
      }
    if (!in_contest) continue;
    std::string precinct = string_of(cvr, "BallotStyleUnitId");
    if (auto unit = gp_unit_name.find(precinct); unit != gp_unit_name.end() && !unit->second.empty())
      precinct = unit->second;
    std::string id = string_of(cvr, "BallotPrePrintedId");
    if (id.empty()) id = string_of(cvr, "UniqueId");
    sink.add(marks, precinct, where, id);
  }
}

// ---- generic CSV ------------------------------------------------------------------

void read_generic_csv(const RctabSource& source, CvrSink& sink) {
  const std::string file = source.path.string();
  std::ifstream in(source.path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{file, 0, ""}, "cannot open the CVR file");
  io::LineReader reader(in, file);
  if (!source.first_vote_column || *source.first_vote_column == 0)
    throw Error(Errc::parse, Location{file, 0, "firstVoteColumnIndex"}, "a generic CSV source needs firstVoteColumnIndex");
  const std::uint32_t first_column = *source.first_vote_column - 1;
  const std::uint32_t first_row = source.first_vote_row ? *source.first_vote_row : 2;
  std::vector<std::string> fields, header;
  std::string_view line;
  std::vector<std::optional<std::uint32_t>> column_mark;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> marks;
  while (reader.next(line)) {
    const std::uint64_t row = reader.line_number();
    if (row < first_row) {
      if (row + 1 == first_row) {
        io::split_csv(line, ',', header, reader);
        for (std::size_t c = first_column; c < header.size(); ++c)
          column_mark.push_back(sink.mark_of(source, io::trim(header[c]), reader.at("header column " + std::to_string(c + 1))));
      }
      continue;
    }
    if (line.empty()) continue;
    io::split_csv(line, ',', fields, reader);
    if (fields.size() < first_column + column_mark.size())
      reader.fail("", "expected " + std::to_string(first_column + column_mark.size()) + " columns, found " +
                          std::to_string(fields.size()));
    marks.clear();
    for (std::size_t c = 0; c < column_mark.size(); ++c) {
      const std::string_view cell = io::trim(fields[first_column + c]);
      if (cell.empty() || !column_mark[c]) continue;
      const Location where = reader.at(header.size() > first_column + c ? header[first_column + c] : "column");
      const std::uint64_t rank = io::parse_count_at(cell, where);
      if (rank > 0xFFFFFF) throw Error(Errc::parse, where, "rank " + std::string(cell) + " is too large");
      marks.emplace_back(static_cast<std::uint32_t>(rank), *column_mark[c]);
    }
    std::string precinct;
    if (source.precinct_column && *source.precinct_column >= 1 && *source.precinct_column <= fields.size())
      precinct = fields[*source.precinct_column - 1];
    sink.add(marks, precinct, reader.at());
  }
}

// ---- Clear Ballot (ClearVote RCV CSV) ---------------------------------------------

void read_clear_ballot(const RctabSource& source, CvrSink& sink) {
  const std::string file = source.path.string();
  std::ifstream in(source.path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{file, 0, ""}, "cannot open the CVR file");
  io::LineReader reader(in, file);
  std::string_view line;
  if (!reader.next(line)) throw Error(Errc::parse, Location{file, 1, ""}, "empty file");
  std::vector<std::string> header, fields;
  io::split_csv(line, ',', header, reader);
  struct Column {
    std::size_t index;
    std::uint32_t rank;
    std::optional<std::uint32_t> mark;
  };
  std::vector<Column> columns;
  std::size_t precinct_column = header.size();
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == "PrecinctID") precinct_column = c;
    if (header[c].rfind("Choice_", 0) != 0) continue;
    // Choice_<id>_<n>:<contest>:<rank>:<number of winners>:<candidate>:<party>
    auto parts = io::split(header[c], ':');
    if (parts.size() < 6) reader.fail(header[c], "a Choice column header needs 6 ':'-separated parts");
    if (parts[1] != source.contest_id) continue;
    const Location where = reader.at(header[c]);
    std::string candidate(parts[4]);
    for (std::size_t k = 5; k + 1 < parts.size(); ++k) candidate += ":" + std::string(parts[k]);
    const std::uint64_t rank = io::parse_count_at(parts[2], where);
    columns.push_back(Column{c, static_cast<std::uint32_t>(rank), sink.mark_of(source, candidate, where)});
  }
  if (columns.empty()) reader.fail("", "no Choice column for contest \"" + source.contest_id + "\"");
  std::vector<std::pair<std::uint32_t, std::uint32_t>> marks;
  while (reader.next(line)) {
    if (line.empty()) continue;
    io::split_csv(line, ',', fields, reader);
    if (fields.size() != header.size())
      reader.fail("", "expected " + std::to_string(header.size()) + " columns, found " + std::to_string(fields.size()));
    marks.clear();
    for (const Column& column : columns) {
      const std::string_view cell = io::trim(fields[column.index]);
      if (cell == "0" || cell.empty()) continue;
      if (cell != "1") reader.fail(header[column.index], "expected 0 or 1, found \"" + io::clipped(cell) + "\"");
      if (column.mark) marks.emplace_back(column.rank, *column.mark);
    }
    sink.add(marks, precinct_column < fields.size() ? fields[precinct_column] : std::string(), reader.at());
  }
}

// ---- Dominion (JSON export folder) -------------------------------------------------

// CvrExport*.json files: Sessions[] {Modified or Original: {PrecinctPortionId,
// Cards[] {Contests[] {Id, Marks[] {CandidateId, Rank, IsVote}}}}}. Marks with
// IsVote false (ambiguous or adjudicated away) are not votes. A session counts
// for the contest when it has a vote there or the scanner recorded an undervote
// (Undervotes > 0); others are left out, as RCTab does, and said in the notes.
// Candidate ids are matched to the configuration through names and aliases.
void read_dominion(const RctabSource& source, CvrSink& sink) {
  const std::string folder = source.path.string();
  if (!std::filesystem::is_directory(source.path))
    throw Error(Errc::io, Location{folder, 0, "filePath"}, "a Dominion source is a folder with CvrExport*.json files");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(source.path)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.rfind("CvrExport", 0) == 0 && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw Error(Errc::io, Location{folder, 0, ""}, "no CvrExport*.json file in the folder");
  std::vector<std::pair<std::uint32_t, std::uint32_t>> marks;
  for (const auto& path : files) {
    const std::string file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(Errc::io, Location{file, 0, ""}, "cannot open the CVR file");
    json doc;
    try {
      doc = json::parse(in);
    } catch (const json::parse_error& e) {
      throw Error(Errc::parse, Location{file, 0, ""}, std::string("not valid JSON: ") + e.what());
    }
    if (!doc.contains("Sessions") || !doc["Sessions"].is_array())
      throw Error(Errc::parse, Location{file, 0, "Sessions"}, "not a Dominion CVR export (no Sessions array)");
    std::uint64_t number = 0, left_out = 0;
    for (const json& session : doc["Sessions"]) {
      ++number;
      const Location where{file, number, "Sessions[" + std::to_string(number - 1) + "]"};
      const json* record = session.contains("Modified") ? &session["Modified"]
                           : session.contains("Original") ? &session["Original"] : nullptr;
      if (!record || !record->contains("Cards")) throw Error(Errc::parse, where, "a session without Original/Cards");
      bool in_contest = false;
      marks.clear();
      for (const json& card : (*record)["Cards"]) {
        if (!card.contains("Contests")) continue;
        for (const json& contest : card["Contests"]) {
          const json& id = contest["Id"];
          const std::string contest_id = id.is_number() ? std::to_string(id.get<long long>()) : id.dump();
          if (contest_id != source.contest_id) continue;
          if (contest.value("Undervotes", 0) > 0) in_contest = true;
          if (!contest.contains("Marks")) continue;
          for (const json& mark : contest["Marks"]) {
            if (!mark.value("IsVote", false)) continue;
            if (!mark.contains("CandidateId") || !mark.contains("Rank") || !mark["Rank"].is_number_unsigned())
              throw Error(Errc::parse, Location{file, number, "Marks"}, "a mark without CandidateId or Rank");
            const json& cid = mark["CandidateId"];
            const std::string candidate = cid.is_number() ? std::to_string(cid.get<long long>()) : cid.dump();
            auto m = sink.mark_of(source, candidate, Location{file, number, "CandidateId"});
            if (m) marks.emplace_back(mark["Rank"].get<std::uint32_t>(), *m);
            in_contest = true;
          }
        }
      }
      if (!in_contest) {
        ++left_out;
        continue;
      }
      std::string precinct;
      if (record->contains("PrecinctPortionId") && (*record)["PrecinctPortionId"].is_number())
        precinct = std::to_string((*record)["PrecinctPortionId"].get<long long>());
      sink.add(marks, precinct, where);
    }
    if (left_out)
      sink.note(file + ": " + std::to_string(left_out) +
                " session(s) show the contest with neither a vote nor a recorded undervote; not counted (as RCTab)");
  }
}

Election load_records(const RctabContest& contest, std::vector<CastVoteRecord>* records) {
  std::vector<Alternative> alternatives;
  for (const RctabCandidate& c : contest.candidates) {
    Alternative a;
    a.id = c.name;
    a.withdrawn = c.excluded;
    alternatives.push_back(std::move(a));
  }
  Election election(BallotKind::ranked, std::move(alternatives));
  election.title = contest.contest_name;
  election.source_format = "rctab";
  election.seats = contest.seats;
  CvrSink sink(contest, election);
  for (std::uint32_t index = 0; index < contest.sources.size(); ++index) {
    const RctabSource& source = contest.sources[index];
    sink.keep_records(records, index);
    if (source.provider == "cdf") {
      if (source.path.extension() == ".xml") detail::read_cdf_xml(source, sink);
      else read_cdf_json(source, sink);
    } else if (source.provider == "genericCsv") {
      read_generic_csv(source, sink);
    } else if (source.provider == "clearBallot") {
      read_clear_ballot(source, sink);
    } else if (source.provider == "dominion") {
      read_dominion(source, sink);
    } else if (source.provider == "hart") {
      detail::read_hart_folder(source, sink);
    } else {
      throw Error(Errc::unsupported, Location{source.path.string(), 0, "provider"},
                  "CVR provider \"" + source.provider + "\" is not supported yet (supported: cdf, genericCsv, clearBallot, dominion, hart)");
    }
  }
  return election;
}

}  // namespace

Election load_rctab_cvrs(const RctabContest& contest) { return load_records(contest, nullptr); }

Election load_rctab_cvrs(const RctabContest& contest, std::vector<CastVoteRecord>& records) {
  records.clear();
  return load_records(contest, &records);
}

}  // namespace minga::ranked
