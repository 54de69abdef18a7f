// SPDX-License-Identifier: Apache-2.0
// src/io/rctab_xml.cpp - XML cast vote records: NIST SP 1500-103 CDF (provider "cdf", .xml) and Hart Verity ("hart").
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "io/rctab_cvr.hpp"
#include "io/text.hpp"
#include "minga/core/error.hpp"

namespace minga::ranked::detail {

namespace {

using boost::property_tree::ptree;

/// The element name without its namespace prefix.
std::string_view local(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// Children of `node` whose local name is `name`.
std::vector<const ptree*> children(const ptree& node, std::string_view name) {
  std::vector<const ptree*> out;
  for (const auto& [key, child] : node)
    if (local(key) == name) out.push_back(&child);
  return out;
}

std::string text_of(const ptree& node, std::string_view name) {
  for (const auto& [key, child] : node)
    if (local(key) == name) return std::string(io::trim(child.data()));
  return {};
}

std::string attribute(const ptree& node, std::string_view name) {
  auto attrs = node.get_child_optional("<xmlattr>");
  if (!attrs) return {};
  for (const auto& [key, child] : *attrs)
    if (local(key) == name) return child.data();
  return {};
}

}  // namespace

void read_cdf_xml(const RctabSource& source, CvrSink& sink) {
  const std::string file = source.path.string();
  std::ifstream in(source.path, std::ios::binary);
  if (!in) throw Error(Errc::io, Location{file, 0, ""}, "cannot open the CVR file");
  ptree doc;
  try {
    boost::property_tree::read_xml(in, doc);
  } catch (const boost::property_tree::xml_parser_error& e) {
    throw Error(Errc::parse, Location{file, e.line(), ""}, "not valid XML: " + e.message());
  }
  auto reports = children(doc, "CastVoteRecordReport");
  if (reports.empty()) throw Error(Errc::parse, Location{file, 0, ""}, "no CastVoteRecordReport element");
  const ptree& report = *reports.front();
  std::unordered_map<std::string, std::string> candidate_name, selection_label;
  std::string contest_id;
  for (const ptree* election : children(report, "Election")) {
    for (const ptree* c : children(*election, "Candidate")) candidate_name[attribute(*c, "ObjectId")] = text_of(*c, "Name");
    for (const ptree* contest : children(*election, "Contest")) {
      const std::string id = attribute(*contest, "ObjectId");
      if (text_of(*contest, "Name") != source.contest_id && id != source.contest_id) continue;
      contest_id = id;
      for (const ptree* s : children(*contest, "ContestSelection")) {
        const std::string cid = text_of(*s, "CandidateIds");
        std::string label;
        if (!cid.empty()) {
          auto it = candidate_name.find(cid);
          label = it != candidate_name.end() ? it->second : cid;
        } else if (text_of(*s, "IsWriteIn") != "true") {
          label = attribute(*s, "ObjectId");
        }
        selection_label[attribute(*s, "ObjectId")] = label;  // "" = write-in selection
      }
    }
  }
  if (contest_id.empty())
    throw Error(Errc::parse, Location{file, 0, "Election.Contest"},
                "no contest named or identified \"" + source.contest_id + "\"");
  std::vector<std::pair<std::uint32_t, std::uint32_t>> marks;
  std::uint64_t number = 0, unranked = 0;
  for (const ptree* cvr : children(report, "CVR")) {
    ++number;
    const Location where{file, number, "CVR " + std::to_string(number)};
    const std::string current = text_of(*cvr, "CurrentSnapshotId");
    const ptree* snapshot = nullptr;
    for (const ptree* s : children(*cvr, "CVRSnapshot"))
      if (current.empty() || attribute(*s, "ObjectId") == current) {
        snapshot = s;
        break;
      }
    if (!snapshot) throw Error(Errc::parse, where, "no CVRSnapshot with ObjectId \"" + current + "\"");
    marks.clear();
    bool in_contest = false;
    for (const ptree* contest : children(*snapshot, "CVRContest")) {
      if (text_of(*contest, "ContestId") != contest_id) continue;
      in_contest = true;
      for (const ptree* selection : children(*contest, "CVRContestSelection")) {
        const std::string sid = text_of(*selection, "ContestSelectionId");
        std::optional<std::uint32_t> mark;
        if (sid.empty()) {
          mark = Mark::write_in;  // a write-in with no declared selection
        } else {
          auto it = selection_label.find(sid);
          if (it == selection_label.end())
            throw Error(Errc::parse, Location{file, number, "ContestSelectionId"},
                        "selection \"" + sid + "\" is not in the contest");
          mark = it->second.empty() ? std::optional<std::uint32_t>(Mark::write_in)
                                    : sink.mark_of(source, it->second, where);
        }
        if (!mark) continue;
        for (const ptree* position : children(*selection, "SelectionPosition")) {
          if (text_of(*position, "HasIndication") == "no") continue;
          const std::string rank = text_of(*position, "Rank");
          if (rank.empty()) {  // not a ranked mark (e.g. a plurality write-in); said in the election's notes
            ++unranked;
            continue;
          }
          const std::uint64_t r = io::parse_count_at(rank, Location{file, number, "Rank"});
          if (r > 0xFFFFFF) throw Error(Errc::parse, Location{file, number, "Rank"}, "rank too large");
          marks.emplace_back(static_cast<std::uint32_t>(r), *mark);
        }
      }
    }
    if (in_contest) sink.add(marks, text_of(*cvr, "BallotStyleUnitId"), where);
  }
  if (unranked)
    sink.note(file + ": " + std::to_string(unranked) + " marked selection position(s) without a Rank were not counted");
}

// Hart Verity: a folder with one XML file per ballot sheet. Cvr > Contests > Contest
// {Id, Options > Option {Name, Id, Value}}; Value is one character per rank, '1'
// where the option is marked (the first character is rank 1).
void read_hart_folder(const RctabSource& source, CvrSink& sink) {
  const std::string folder = source.path.string();
  if (!std::filesystem::is_directory(source.path))
    throw Error(Errc::io, Location{folder, 0, "filePath"}, "a Hart source is a folder of CVR XML files");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(source.path))
    if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> marks;
  for (const auto& path : files) {
    const std::string file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(Errc::io, Location{file, 0, ""}, "cannot open the CVR file");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // byte order mark
    std::istringstream stream(text);
    ptree doc;
    try {
      boost::property_tree::read_xml(stream, doc);
    } catch (const boost::property_tree::xml_parser_error& e) {
      throw Error(Errc::parse, Location{file, e.line(), ""}, "not valid XML: " + e.message());
    }
    auto cvrs = children(doc, "Cvr");
    if (cvrs.empty()) throw Error(Errc::parse, Location{file, 0, ""}, "no Cvr element");
    for (const ptree* contests : children(*cvrs.front(), "Contests"))
      for (const ptree* contest : children(*contests, "Contest")) {
        if (text_of(*contest, "Id") != source.contest_id && text_of(*contest, "Name") != source.contest_id) continue;
        marks.clear();
        for (const ptree* options : children(*contest, "Options"))
          for (const ptree* option : children(*options, "Option")) {
            const std::string id = text_of(*option, "Id");
            const Location where{file, 0, "Option " + id};
            const std::string value = text_of(*option, "Value");
            std::optional<std::uint32_t> mark = sink.mark_of(source, id, where);
            if (!mark) continue;
            for (std::size_t k = 0; k < value.size(); ++k) {
              if (value[k] == '1') marks.emplace_back(static_cast<std::uint32_t>(k + 1), *mark);
              else if (value[k] != '0') throw Error(Errc::parse, where, "Value must be made of 0 and 1: " + io::quoted(value));
            }
          }
        std::string precinct;
        for (const ptree* split : children(*cvrs.front(), "PrecinctSplit")) precinct = text_of(*split, "Name");
        sink.add(marks, precinct, Location{file, 0, "Contest " + source.contest_id});
      }
  }
}

}  // namespace minga::ranked::detail
