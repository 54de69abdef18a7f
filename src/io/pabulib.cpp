// SPDX-License-Identifier: Apache-2.0
// src/io/pabulib.cpp - the pabulib .pb format of participatory budgeting: reader and writer.
//
// A .pb file holds three sections in this order, each a title line, a header
// line naming the columns, then rows (spec: pabulib.org/format):
//   META      key;value pairs (budget, vote_type, ballot constraints, ...)
//   PROJECTS  project_id;cost;... one project per row
//   VOTES     voter_id;vote;... one voter per row; `vote` is a comma list of project ids
// Fields are separated by ';' and double-quoted when needed ("" is a quote);
// spaces around fields are ignored.
//
// Mapping onto the model:
//   vote_type approval, choose-1  -> approval ballots (choose-1: exactly one project
//                                    unless META says otherwise)
//   vote_type ordinal             -> ranked ballots, one project per position, as listed
//   vote_type cumulative, scoring -> score ballots, points exact (`points` column)
//   META constraint keys          -> Election::rules; every META pair -> Election::meta
//   voting_method, district (or else neighborhood) -> the ballot's Stratum
// Other voter columns (age, sex, ...) are not kept; the reader says so in notes.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>
#include <ostream>
#include <unordered_map>
#include <utility>

#include "io/text.hpp"
#include "minga/io/format.hpp"

namespace minga {

namespace {

using io::LineReader;
using io::trim;

// ---- shared vocabulary ------------------------------------------------------

enum class Section { meta, projects, votes };

const char* section_name(Section section) {
  switch (section) {
    case Section::meta: return "META";
    case Section::projects: return "PROJECTS";
    case Section::votes: return "VOTES";
  }
  return "?";
}

enum class VoteType { approval, choose_1, ordinal, cumulative, scoring };

struct VoteTypeName {
  VoteType type;
  const char* name;
};

constexpr VoteTypeName kVoteTypes[] = {{VoteType::approval, "approval"},
                                       {VoteType::choose_1, "choose-1"},
                                       {VoteType::ordinal, "ordinal"},
                                       {VoteType::cumulative, "cumulative"},
                                       {VoteType::scoring, "scoring"}};

std::optional<VoteType> vote_type_from_name(std::string_view name) {
  for (const auto& v : kVoteTypes)
    if (io::iequals(name, v.name)) return v.type;
  return std::nullopt;
}

const char* vote_type_name(VoteType type) {
  for (const auto& v : kVoteTypes)
    if (v.type == type) return v.name;
  return "approval";
}

BallotKind kind_of(VoteType type) {
  switch (type) {
    case VoteType::approval:
    case VoteType::choose_1: return BallotKind::approval;
    case VoteType::ordinal: return BallotKind::ranked;
    case VoteType::cumulative:
    case VoteType::scoring: return BallotKind::score;
  }
  return BallotKind::approval;
}

// The META keys that are ballot constraints, and where each lives in BallotRules.
enum class RuleKey {
  min_length,
  max_length,
  min_sum_cost,
  max_sum_cost,
  min_points,
  max_points,
  min_sum_points,
  max_sum_points
};

struct RuleKeyName {
  RuleKey key;
  const char* name;
};

constexpr RuleKeyName kRuleKeys[] = {
    {RuleKey::min_length, "min_length"},         {RuleKey::max_length, "max_length"},
    {RuleKey::min_sum_cost, "min_sum_cost"},     {RuleKey::max_sum_cost, "max_sum_cost"},
    {RuleKey::min_points, "min_points"},         {RuleKey::max_points, "max_points"},
    {RuleKey::min_sum_points, "min_sum_points"}, {RuleKey::max_sum_points, "max_sum_points"}};

std::optional<RuleKey> rule_key_from_name(std::string_view name) {
  for (const auto& r : kRuleKeys)
    if (io::iequals(name, r.name)) return r.key;
  return std::nullopt;
}

std::optional<Rational>* rational_rule(BallotRules& rules, RuleKey key) {
  switch (key) {
    case RuleKey::min_sum_cost: return &rules.min_total_cost;
    case RuleKey::max_sum_cost: return &rules.max_total_cost;
    case RuleKey::min_points: return &rules.min_points;
    case RuleKey::max_points: return &rules.max_points;
    case RuleKey::min_sum_points: return &rules.min_total_points;
    case RuleKey::max_sum_points: return &rules.max_total_points;
    case RuleKey::min_length:
    case RuleKey::max_length: break;
  }
  return nullptr;
}

std::optional<std::uint32_t>* length_rule(BallotRules& rules, RuleKey key) {
  if (key == RuleKey::min_length) return &rules.min_length;
  if (key == RuleKey::max_length) return &rules.max_length;
  return nullptr;
}


// ---- reading ----------------------------------------------------------------

// trim(), skipping the call in the common case of nothing to trim.
inline std::string_view trimmed(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  return !text.empty() && (space(text.front()) || space(text.back())) ? trim(text) : text;
}

// Calls f(item) for each trimmed item of a comma list ("1, 2,3" -> "1", "2", "3").
template <class F>
void for_each_item(std::string_view list, F&& f) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i] == ',') {
      f(trimmed(list.substr(start, i - start)));
      start = i + 1;
    }
  f(trimmed(list.substr(start)));
}

// Splits one ';' record into trimmed fields. A line without quotes is split in
// place in one pass (no copies); the others are unquoted by split_csv.
class RecordSplitter {
 public:
  const std::vector<std::string_view>& split(std::string_view line, const LineReader& where) {
    fields_.clear();
    std::size_t start = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == ';') {
        fields_.push_back(trimmed(line.substr(start, i - start)));
        start = i + 1;
      } else if (c == '"') {
        return split_quoted(line, where);
      }
    }
    fields_.push_back(trimmed(line.substr(start)));
    return fields_;
  }

 private:
  const std::vector<std::string_view>& split_quoted(std::string_view line, const LineReader& where) {
    io::split_csv(line, ';', storage_, where);
    fields_.clear();
    for (const auto& field : storage_) fields_.push_back(trim(field));
    return fields_;
  }

  std::vector<std::string_view> fields_;
  std::vector<std::string> storage_;
};

// Strings mapped to numbers (project id -> index, voter id -> line). One arena
// holds the bytes and a flat open-addressing table of 8-byte slots the
// hashes, so a lookup touches few cache lines and allocates nothing.
class IdTable {
 public:
  /// The value stored under `id`, or nullptr.
  const std::uint64_t* find(std::string_view id) const {
    if (slots_.empty()) return nullptr;
    const std::uint32_t h = hash(id);
    for (std::size_t i = h & mask(); slots_[i].entry != 0; i = (i + 1) & mask()) {
      if (slots_[i].hash != h) continue;
      const Entry& e = entries_[slots_[i].entry - 1];
      if (std::string_view(arena_).substr(e.offset, e.length) == id) return &e.value;
    }
    return nullptr;
  }

  /// Stores `value` under `id` when `id` is new. Returns the value stored
  /// under `id` and whether it was just added.
  std::pair<std::uint64_t, bool> insert(std::string_view id, std::uint64_t value) {
    if (const std::uint64_t* old = find(id)) return {*old, false};
    if (entries_.size() >= 0xFFFFFFF0u) throw Error(Errc::limit, "more than 4 billion ids");
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();  // load at most 1/2: short probes
    const std::uint32_t h = hash(id);
    std::size_t i = h & mask();
    while (slots_[i].entry != 0) i = (i + 1) & mask();
    entries_.push_back(Entry{arena_.size(), id.size(), value});
    slots_[i] = Slot{h, static_cast<std::uint32_t>(entries_.size())};
    arena_.append(id);
    return {value, true};
  }

 private:
  struct Slot {  // 8 bytes, so that the table stays small and cache-friendly
    std::uint32_t hash = 0;
    std::uint32_t entry = 0;  // index into entries_ + 1; 0 = empty
  };
  struct Entry {
    std::size_t offset;
    std::size_t length;
    std::uint64_t value;
  };

  // Multiply-xorshift over 8-byte words (ids are short: one or two words).
  static std::uint32_t hash(std::string_view id) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (id.size() * 0xC2B2AE3D27D4EB4Full);
    const char* p = id.data();
    std::size_t n = id.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    std::uint64_t w = 0;
    for (std::size_t k = 0; k < n; ++k) w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    h *= 0xFF51AFD7ED558CCDull;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  std::size_t mask() const { return slots_.size() - 1; }

  void grow() {
    slots_.assign(slots_.empty() ? 256 : slots_.size() * 2, Slot{});
    for (std::size_t e = 0; e < entries_.size(); ++e) {
      const std::string_view id = std::string_view(arena_).substr(entries_[e].offset, entries_[e].length);
      const std::uint32_t h = hash(id);
      std::size_t i = h & mask();
      while (slots_[i].entry != 0) i = (i + 1) & mask();
      slots_[i] = Slot{h, static_cast<std::uint32_t>(e + 1)};
    }
  }

  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
};

// Voter ids seen so far, to refuse duplicates (the one part of the reader whose
// memory grows with the number of voters). Files usually list voters in
// increasing order ("1", "2", ..., "10" or sorted hex ids), so an id that
// comes after every earlier one in length-then-byte order cannot be a
// duplicate and is merely appended to a sorted run; only the others are
// looked up (in the run by binary search, and in a hash table).
class VoterIds {
 public:
  /// 0 when `id` is new (it is remembered), else the line it was first seen on.
  std::uint64_t insert(std::string_view id, std::uint64_t line) {
    if (run_.empty() || before(run_id(run_.back()), id)) {
      run_.push_back(RunEntry{run_arena_.size(), id.size(), line});
      run_arena_.append(id);
      return 0;
    }
    auto it = std::lower_bound(run_.begin(), run_.end(), id,
                               [&](const RunEntry& e, std::string_view x) { return before(run_id(e), x); });
    if (it != run_.end() && run_id(*it) == id) return it->line;
    auto [first, added] = others_.insert(id, line);
    return added ? 0 : first;
  }

 private:
  struct RunEntry {
    std::size_t offset;
    std::size_t length;
    std::uint64_t line;
  };

  // Shorter first, then byte order: numeric ids sort as numbers.
  static bool before(std::string_view a, std::string_view b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  }
  std::string_view run_id(const RunEntry& e) const { return std::string_view(run_arena_).substr(e.offset, e.length); }

  std::string run_arena_;
  std::vector<RunEntry> run_;
  IdTable others_;
};

// Columns of the PROJECTS section.
struct ProjectColumns {
  std::size_t count = 0;
  std::size_t id = 0;
  std::size_t cost = 0;
  std::optional<std::size_t> name;
  std::vector<std::pair<std::size_t, std::string>> attributes;  // column, header spelling
};

// Columns of the VOTES section.
struct VoteColumns {
  std::size_t count = 0;
  std::size_t voter_id = 0;
  std::size_t vote = 0;
  std::optional<std::size_t> points;
  std::optional<std::size_t> channel;   // voting_method
  std::optional<std::size_t> district;  // district, or else neighborhood
};

// What META said, before the Election exists.
struct MetaFacts {
  KeyValues pairs;
  std::vector<std::uint64_t> lines;  // line of each pair
  std::optional<VoteType> vote_type;
  std::optional<std::uint64_t> num_projects, num_votes;
  std::uint64_t num_projects_line = 0, num_votes_line = 0;
  std::optional<Rational> budget;
  BallotRules rules;
};

class PabulibReader {
 public:
  PabulibReader(std::istream& in, const std::string& name) : lines_(in, name) {}

  Election read() {
    read_title_line();
    read_meta();
    std::vector<Alternative> alternatives = read_projects();
    Election election(kind_of(*meta_.vote_type), std::move(alternatives));
    election.source_format = "pabulib";
    election.title = title();
    election.meta = std::move(meta_.pairs);
    election.rules = meta_.rules;
    election.budget = meta_.budget;
    read_votes(election);
    return election;
  }

 private:
  // ---- lines and sections ----

  void read_title_line() {
    std::string_view line;
    if (!lines_.next(line)) throw_parse_error(Location{lines_.name(), 1, {}}, "empty file");
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // byte-order mark
    if (section_title(line) != Section::meta)
      lines_.fail({}, "a pabulib file starts with the line META, found " + io::quoted(line));
  }

  static std::optional<Section> section_title(std::string_view line) {
    line = trim(line);
    for (Section s : {Section::meta, Section::projects, Section::votes})
      if (io::iequals(line, section_name(s))) return s;
    return std::nullopt;
  }

  // The next row of section `current`. False at the title of the next section
  // (consumed) or at the end of the file (at_end_ is then true). Blank lines
  // are refused unless only blank lines follow them.
  bool next_row(Section current, std::string_view& line) {
    while (lines_.next(line)) {
      const std::string_view text = trimmed(line);
      if (text.empty()) {
        if (first_blank_line_ == 0) first_blank_line_ = lines_.line_number();
        continue;
      }
      if (first_blank_line_ != 0)
        throw_parse_error(Location{lines_.name(), first_blank_line_, {}},
                          "empty line inside the " + std::string(section_name(current)) + " section");
      if (auto title = text.size() <= 8 ? section_title(text) : std::nullopt) {  // titles are short
        if (current != Section::votes && *title == static_cast<Section>(static_cast<int>(current) + 1)) return false;
        lines_.fail({}, "unexpected section title " + std::string(section_name(*title)) + " in the " +
                            section_name(current) +
                            " section (the sections are META, PROJECTS, VOTES, once each and in that order)");
      }
      return true;
    }
    at_end_ = true;
    return false;
  }

  void expect_next_section(Section current) {
    if (!at_end_) return;
    const Section wanted = static_cast<Section>(static_cast<int>(current) + 1);
    throw_parse_error(Location{lines_.name(), std::max<std::uint64_t>(lines_.line_number(), 1), {}},
                      std::string("the file ends inside the ") + section_name(current) + " section; the " +
                          section_name(wanted) + " section is missing");
  }

  // The header line after a section title: the column names, trimmed.
  std::vector<std::string> read_header(Section section) {
    std::string_view line;
    if (!lines_.next(line) || trim(line).empty())
      throw_parse_error(
          Location{lines_.name(), lines_.line_number(), {}},
          std::string("the ") + section_name(section) + " section needs a header line naming its columns");
    header_line_ = lines_.line_number();
    std::vector<std::string> names;
    for (std::string_view field : splitter_.split(line, lines_)) {
      if (field.empty()) lines_.fail({}, "empty column name in the " + std::string(section_name(section)) + " header");
      names.push_back(std::string(field));
    }
    for (std::size_t i = 0; i < names.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (io::iequals(names[i], names[j])) lines_.fail(names[i], "column named twice in the header");
    return names;
  }

  static std::optional<std::size_t> column(const std::vector<std::string>& names, std::string_view wanted) {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (io::iequals(names[i], wanted)) return i;
    return std::nullopt;
  }

  std::size_t required_column(const std::vector<std::string>& names, std::string_view wanted, Section section) const {
    if (auto i = column(names, wanted)) return *i;
    lines_.fail(wanted,
                std::string("the ") + section_name(section) + " header has no '" + std::string(wanted) + "' column");
  }

  const std::vector<std::string_view>& split_row(std::string_view line, std::size_t expected) {
    const auto& fields = splitter_.split(line, lines_);
    if (fields.size() != expected)
      lines_.fail({}, "expected " + std::to_string(expected) + " fields as in the header on line " +
                          std::to_string(header_line_) + ", found " + std::to_string(fields.size()));
    return fields;
  }

  // Runs `parse` and gives any error it throws this line and `field`.
  template <class F>
  auto at_field(std::string_view field, F&& parse) const {
    try {
      return parse();
    } catch (const Error& e) {
      std::string reason = e.reason();
      const std::string prefix = std::string(field) + ": ";
      if (reason.compare(0, prefix.size(), prefix) == 0) reason.erase(0, prefix.size());
      throw Error(e.code() == Errc::invalid_argument ? Errc::parse : e.code(), lines_.at(field), reason);
    }
  }

  Rational decimal(std::string_view field, std::string_view text) const {
    return at_field(field, [&] { return parse_decimal(text, field); });
  }

  std::uint64_t count(std::string_view field, std::string_view text) const {
    return at_field(field, [&] { return parse_count(text, field); });
  }

  // ---- META ----

  void read_meta() {
    auto header = read_header(Section::meta);
    if (header.size() != 2 || !io::iequals(header[0], "key") || !io::iequals(header[1], "value"))
      lines_.fail({}, "the META header must be 'key;value'");
    std::string_view line;
    while (next_row(Section::meta, line)) {
      const auto& fields = split_row(line, 2);
      if (fields[0].empty()) lines_.fail("key", "empty META key");
      for (std::size_t i = 0; i < meta_.pairs.size(); ++i)
        if (io::iequals(meta_.pairs[i].first, fields[0]))
          lines_.fail(fields[0], "META key given twice (first on line " + std::to_string(meta_.lines[i]) + ")");
      meta_.pairs.emplace_back(std::string(fields[0]), std::string(fields[1]));
      meta_.lines.push_back(lines_.line_number());
      read_meta_value(meta_.pairs.back().first, meta_.pairs.back().second);
    }
    expect_next_section(Section::meta);
    if (!meta_.vote_type)
      throw_parse_error(Location{lines_.name(), lines_.line_number(), "vote_type"},
                        "META has no vote_type (approval, choose-1, ordinal, cumulative or scoring)");
    if (meta_.vote_type == VoteType::choose_1) {
      if (!meta_.rules.min_length) meta_.rules.min_length = 1;
      if (!meta_.rules.max_length) meta_.rules.max_length = 1;
    }
  }

  void read_meta_value(const std::string& key, const std::string& value) {
    const std::string k = io::lower_ascii(key);
    if (k == "vote_type") {
      meta_.vote_type = vote_type_from_name(value);
      if (!meta_.vote_type)
        throw Error(Errc::unsupported, lines_.at(key),
                    "unknown vote_type " + io::quoted(value) + " (approval, choose-1, ordinal, cumulative or scoring)");
    } else if (k == "budget") {
      meta_.budget = decimal(key, value);
      if (*meta_.budget < 0) lines_.fail(key, "negative budget " + io::quoted(value));
    } else if (k == "num_projects") {
      meta_.num_projects = count(key, value);
      meta_.num_projects_line = lines_.line_number();
    } else if (k == "num_votes") {
      meta_.num_votes = count(key, value);
      meta_.num_votes_line = lines_.line_number();
    } else if (auto rule = rule_key_from_name(k)) {
      if (auto* length = length_rule(meta_.rules, *rule)) {
        std::uint64_t n = count(key, value);
        if (n > 0xFFFFFFFFu) throw Error(Errc::limit, lines_.at(key), "length " + io::quoted(value) + " is too large");
        *length = static_cast<std::uint32_t>(n);
      } else {
        *rational_rule(meta_.rules, *rule) = decimal(key, value);
      }
    }
  }

  std::string title() const {
    auto value = [&](std::string_view key) -> std::string {
      for (const auto& [k, v] : meta_.pairs)
        if (io::iequals(k, key)) return v;
      return {};
    };
    std::string description = value("description");
    if (!description.empty()) return description;
    std::string unit = value("unit"), instance = value("instance");
    return unit.empty() || instance.empty() ? unit + instance : unit + " " + instance;
  }

  // ---- PROJECTS ----

  ProjectColumns project_columns() {
    auto names = read_header(Section::projects);
    ProjectColumns c;
    c.count = names.size();
    c.id = required_column(names, "project_id", Section::projects);
    c.cost = required_column(names, "cost", Section::projects);
    c.name = column(names, "name");
    for (std::size_t i = 0; i < names.size(); ++i)
      if (i != c.id && i != c.cost && i != c.name) c.attributes.emplace_back(i, names[i]);
    return c;
  }

  std::vector<Alternative> read_projects() {
    const ProjectColumns columns = project_columns();
    std::vector<Alternative> projects;
    std::string_view line;
    while (next_row(Section::projects, line)) {
      const auto& fields = split_row(line, columns.count);
      Alternative project;
      project.id = std::string(fields[columns.id]);
      if (project.id.empty()) lines_.fail("project_id", "empty project id");
      if (project.id.find(',') != std::string::npos)
        lines_.fail("project_id", "project id " + io::quoted(project.id) + " holds a comma, which separates ids in votes");
      auto [first, added] = project_index_.insert(project.id, projects.size());
      if (!added)
        lines_.fail("project_id", "duplicate project id " + io::quoted(project.id) + " (first on line " +
                                      std::to_string(project_lines_[first]) + ")");
      project_lines_.push_back(lines_.line_number());
      project.cost = cost(fields[columns.cost]);
      if (columns.name) project.name = std::string(fields[*columns.name]);
      project.attributes.reserve(columns.attributes.size());
      for (const auto& [i, key] : columns.attributes) project.attributes.emplace_back(key, std::string(fields[i]));
      projects.push_back(std::move(project));
    }
    expect_next_section(Section::projects);
    if (meta_.num_projects && *meta_.num_projects != projects.size())
      throw_parse_error(Location{lines_.name(), meta_.num_projects_line, "num_projects"},
                        "META declares " + std::to_string(*meta_.num_projects) +
                            " projects but the PROJECTS section lists " + std::to_string(projects.size()));
    return projects;
  }

  Rational cost(std::string_view text) const {
    if (text.empty()) lines_.fail("cost", "missing cost");
    Rational value = decimal("cost", text);
    if (value < 0) lines_.fail("cost", "negative cost " + io::quoted(text));
    return value;
  }

  // ---- VOTES ----

  VoteColumns vote_columns(Election& election) {
    auto names = read_header(Section::votes);
    VoteColumns c;
    c.count = names.size();
    c.voter_id = required_column(names, "voter_id", Section::votes);
    c.vote = required_column(names, "vote", Section::votes);
    if (election.kind() == BallotKind::score) c.points = required_column(names, "points", Section::votes);
    c.channel = column(names, "voting_method");
    c.district = column(names, "district");
    if (!c.district) c.district = column(names, "neighborhood");
    for (std::size_t i = 0; i < names.size(); ++i)
      if (i != c.voter_id && i != c.vote && i != c.points && i != c.channel && i != c.district)
        election.notes.push_back("voter column '" + names[i] + "' is not kept in the profile");
    return c;
  }

  void read_votes(Election& election) {
    const VoteColumns columns = vote_columns(election);
    VoterIds voters;
    listed_in_row_.assign(election.num_alternatives(), 0);
    std::uint64_t rows = 0;
    std::string_view line;
    while (next_row(Section::votes, line)) {
      const auto& fields = split_row(line, columns.count);
      const std::string_view voter = fields[columns.voter_id];
      if (voter.empty()) lines_.fail("voter_id", "empty voter id");
      if (std::uint64_t first = voters.insert(voter, lines_.line_number()))
        lines_.fail("voter_id",
                    "duplicate voter id " + io::quoted(voter) + " (first on line " + std::to_string(first) + ")");
      const StratumId stratum = stratum_of(election, fields, columns);
      ++rows;
      read_projects_listed(fields[columns.vote], rows);
      add_ballot(election, fields, columns, stratum);
    }
    if (meta_.num_votes && *meta_.num_votes != rows)
      throw_parse_error(Location{lines_.name(), meta_.num_votes_line, "num_votes"},
                        "META declares " + std::to_string(*meta_.num_votes) + " votes but the VOTES section has " +
                            std::to_string(rows));
    note_unknown_channels(election);
  }

  // Fills listed_ with the projects of a comma list, in order.
  void read_projects_listed(std::string_view list, std::uint64_t row) {
    listed_.clear();
    if (list.empty()) return;  // a blank ballot
    for_each_item(list, [&](std::string_view id) {
      if (id.empty()) lines_.fail("vote", "empty project id in the list " + io::quoted(list));
      const std::uint64_t* found = project_index_.find(id);
      if (!found) lines_.fail("vote", "unknown project " + io::quoted(id));
      const auto index = static_cast<AlternativeIndex>(*found);
      if (listed_in_row_[index] == row) lines_.fail("vote", "project " + io::quoted(id) + " is listed twice");
      listed_in_row_[index] = row;
      listed_.push_back(index);
    });
  }

  void add_ballot(Election& election, const std::vector<std::string_view>& fields, const VoteColumns& columns,
                  StratumId stratum) {
    Profile& profile = election.profile;
    switch (profile.kind()) {
      case BallotKind::approval: at_field("vote", [&] { profile.add_approval(listed_, 1, stratum); }); break;
      case BallotKind::ranked:
        ranking_.clear();
        for (AlternativeIndex a : listed_) ranking_.add_position(&a, 1);
        at_field("vote", [&] { profile.add_ranking(ranking_, 1, stratum); });
        break;
      case BallotKind::score:
        read_points(fields[*columns.points]);
        at_field("points", [&] { profile.add_scores(scores_, 1, stratum); });
        break;
      case BallotKind::quadratic: throw Error(Errc::internal, "pabulib has no quadratic ballots");
    }
  }

  // Pairs the points list with listed_ into scores_.
  void read_points(std::string_view list) {
    std::size_t n = 0;
    if (!list.empty()) {
      for_each_item(list, [&](std::string_view text) {
        if (n < listed_.size()) {
          if (n >= scores_.size()) scores_.emplace_back();
          scores_[n].alternative = listed_[n];
          scores_[n].points = decimal("points", text);
        }
        ++n;
      });
    }
    if (n != listed_.size())
      lines_.fail("points", "the points list and the vote list differ in length (" + std::to_string(n) + " and " +
                                std::to_string(listed_.size()) + ")");
    scores_.resize(n);
  }

  StratumId stratum_of(Election& election, const std::vector<std::string_view>& fields, const VoteColumns& columns) {
    if (!columns.channel && !columns.district) return 0;
    const std::string_view method = columns.channel ? fields[*columns.channel] : std::string_view();
    const std::string_view district = columns.district ? fields[*columns.district] : std::string_view();
    stratum_key_.assign(method).push_back('\0');
    stratum_key_.append(district);
    if (auto it = strata_.find(stratum_key_); it != strata_.end()) return it->second;
    StratumId id = election.profile.intern_stratum(Stratum{channel(method), std::string(district)});
    strata_.emplace(stratum_key_, id);
    return id;
  }

  Channel channel(std::string_view method) {
    try {
      return channel_from_name(method);
    } catch (const Error&) {
      if (unknown_channels_.size() < 5) unknown_channels_.emplace_back(method);
      ++num_unknown_channels_;
      return Channel::other;
    }
  }

  void note_unknown_channels(Election& election) const {
    if (num_unknown_channels_ == 0) return;
    std::string list;
    for (const auto& m : unknown_channels_) list += (list.empty() ? "" : ", ") + io::quoted(m);
    if (num_unknown_channels_ > unknown_channels_.size())
      list += " and " + std::to_string(num_unknown_channels_ - unknown_channels_.size()) + " more";
    election.notes.push_back("voting_method values not known as channels (" + list +
                             ") are counted under the channel 'other'");
  }

  LineReader lines_;
  RecordSplitter splitter_;
  MetaFacts meta_;
  bool at_end_ = false;
  std::uint64_t first_blank_line_ = 0;
  std::uint64_t header_line_ = 0;
  IdTable project_index_;                     // project id -> index
  std::vector<std::uint64_t> project_lines_;  // line of each project
  // Reused for every vote row.
  std::vector<AlternativeIndex> listed_;
  std::vector<std::uint64_t> listed_in_row_;  // per project: the last row that listed it
  Ranking ranking_;
  std::vector<Score> scores_;
  std::string stratum_key_;
  std::unordered_map<std::string, StratumId> strata_;
  std::vector<std::string> unknown_channels_;
  std::size_t num_unknown_channels_ = 0;
};

// ---- writing ----------------------------------------------------------------

[[noreturn]] void cannot_write(const std::string& reason) {
  throw Error(Errc::unsupported, "cannot write as pabulib: " + reason);
}

// Appends one field, quoted when it holds ';', '"' or spaces at its ends.
void append_field(std::string& out, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos)
    cannot_write("the value " + io::quoted(value) + " holds a line break");
  bool plain =
      value.find_first_of(";\"") == std::string_view::npos &&
      (value.empty() || (value.front() != ' ' && value.back() != ' ' && value.front() != '\t' && value.back() != '\t'));
  if (plain)
    out.append(value);
  else
    out.append(io::quote_csv(value, ';'));
}

void append_number(std::string& out, std::uint64_t n) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// The pabulib spelling of a channel (pabulib says internet/paper).
std::string_view channel_word(Channel channel) {
  switch (channel) {
    case Channel::unspecified: return "";
    case Channel::online: return "internet";
    default: return channel_name(channel);
  }
}

class PabulibWriter {
 public:
  PabulibWriter(const Election& election, std::ostream& out) : election_(election), out_(out) {}

  void write() {
    check_writable();
    write_meta();
    write_projects();
    write_votes();
    flush();
  }

 private:
  // ---- what can be written ----

  void check_writable() const {
    const BallotKind kind = election_.kind();
    if (kind == BallotKind::quadratic) cannot_write("pabulib has no quadratic ballots");
    for (std::size_t i = 0; i < election_.alternatives.size(); ++i) {
      const Alternative& a = election_.alternatives[i];
      if (a.id.empty()) cannot_write("alternative " + std::to_string(i + 1) + " has no id");
      if (a.id.find(',') != std::string::npos || trim(a.id) != a.id)
        cannot_write("project id " + io::quoted(a.id) + " holds a comma or spaces at its ends");
      if (election_.find(a.id) != i) cannot_write("project id " + io::quoted(a.id) + " is used twice");
      if (!a.cost) cannot_write("project " + io::quoted(a.id) + " has no cost");
      if (*a.cost < 0) cannot_write("project " + io::quoted(a.id) + " has a negative cost");
    }
    if (kind == BallotKind::ranked) {
      Ranking ranking;
      std::vector<std::size_t> ranked_in(election_.num_alternatives(), 0);  // per project: last entry + 1 ranking it
      for (std::size_t e = 0; e < election_.profile.num_entries(); ++e) {
        election_.profile.ranking(e, ranking);
        check_one_project_per_rank(ranking, e + 1, ranked_in);
      }
    }
  }

  void check_one_project_per_rank(const Ranking& ranking, std::size_t stamp,
                                  std::vector<std::size_t>& ranked_in) const {
    for (std::size_t k = 0; k < ranking.num_positions(); ++k) {
      std::uint32_t b = ranking.position_begin[k], e = ranking.position_begin[k + 1];
      if (e - b != 1)
        cannot_write("a ranked ballot has " + std::to_string(e - b) + " marks at rank " + std::to_string(k + 1) +
                     "; ordinal votes need exactly one project per rank");
      std::uint32_t mark = ranking.marks[b];
      if (mark >= election_.num_alternatives()) cannot_write("a ranked ballot holds an overvote or write-in mark");
      if (ranked_in[mark] == stamp)
        cannot_write("a ranked ballot ranks " + io::quoted(election_.alternatives[mark].id) + " twice");
      ranked_in[mark] = stamp;
    }
  }

  // ---- META ----

  static std::string* value_of(KeyValues& meta, std::string_view key) {
    for (auto& [k, v] : meta)
      if (io::iequals(k, key)) return &v;
    return nullptr;
  }

  static void set(KeyValues& meta, std::string_view key, std::string value) {
    if (std::string* v = value_of(meta, key))
      *v = std::move(value);
    else
      meta.emplace_back(std::string(key), std::move(value));
  }

  static void erase(KeyValues& meta, std::string_view key) {
    std::erase_if(meta, [&](const auto& kv) { return io::iequals(kv.first, key); });
  }

  // The text of an exact number, keeping the old spelling when it means the same.
  static std::string number_text(const std::string* old, const Rational& value) {
    if (old) {
      try {
        if (parse_decimal(*old) == value) return *old;
      } catch (const Error&) {
      }
    }
    return to_exact_string(value);
  }

  std::string vote_type() const {
    const std::string* old = election_.meta_value("vote_type");
    auto declared = old ? vote_type_from_name(*old) : std::nullopt;
    const BallotRules& r = election_.rules;
    switch (election_.kind()) {
      case BallotKind::approval:
        return declared == VoteType::choose_1 && r.min_length == 1u && r.max_length == 1u ? "choose-1" : "approval";
      case BallotKind::ranked: return "ordinal";
      case BallotKind::score:
        if (declared == VoteType::cumulative || declared == VoteType::scoring) return vote_type_name(*declared);
        return r.max_total_points ? "cumulative" : "scoring";
      case BallotKind::quadratic: break;
    }
    cannot_write("pabulib has no quadratic ballots");
  }

  KeyValues meta() const {
    KeyValues meta = election_.meta;
    const bool invented = meta.empty();
    if (invented) {
      meta = {{"description", election_.title.empty() ? "unknown" : election_.title},
              {"country", "unknown"},
              {"unit", "unknown"},
              {"instance", "unknown"}};
    } else if (!value_of(meta, "description") && !election_.title.empty()) {
      set(meta, "description", election_.title);
    }
    set(meta, "num_projects", std::to_string(election_.num_alternatives()));
    set(meta, "num_votes", std::to_string(election_.profile.num_ballots()));
    if (election_.budget)
      set(meta, "budget", number_text(value_of(meta, "budget"), *election_.budget));
    else
      erase(meta, "budget");
    const std::string type = vote_type();
    set(meta, "vote_type", type);
    if (invented) set(meta, "rule", "unknown");
    write_rules(meta, type == "choose-1");
    return meta;
  }

  // The constraint keys follow election.rules (a key whose rule is unset is dropped).
  void write_rules(KeyValues& meta, bool choose_1) const {
    BallotRules rules = election_.rules;
    for (const auto& r : kRuleKeys) {
      if (auto* length = length_rule(rules, r.key)) {
        if (!*length || (choose_1 && **length == 1 && !value_of(meta, r.name)))
          erase(meta, r.name);
        else
          set(meta, r.name, std::to_string(**length));
      } else {
        const auto& value = *rational_rule(rules, r.key);
        if (!value)
          erase(meta, r.name);
        else
          set(meta, r.name, number_text(value_of(meta, r.name), *value));
      }
    }
  }

  void write_meta() {
    buffer_ += "META\nkey;value\n";
    for (const auto& [key, value] : meta()) {
      if (key.empty()) cannot_write("a META key is empty");
      append_field(buffer_, key);
      buffer_ += ';';
      append_field(buffer_, value);
      buffer_ += '\n';
    }
  }

  // ---- PROJECTS ----

  // Attribute columns: the union of every project's keys, in first-seen order.
  std::vector<std::string> attribute_columns() const {
    std::vector<std::string> columns;
    for (const Alternative& a : election_.alternatives)
      for (const auto& [key, value] : a.attributes) {
        if (io::iequals(key, "project_id") || io::iequals(key, "cost") || io::iequals(key, "name")) continue;
        if (key.empty()) cannot_write("project " + io::quoted(a.id) + " has an attribute with an empty name");
        bool known = false;
        for (const auto& c : columns) known = known || io::iequals(c, key);
        if (!known) columns.push_back(key);
      }
    return columns;
  }

  void write_projects() {
    const auto columns = attribute_columns();
    buffer_ += "PROJECTS\nproject_id;cost;name";
    for (const auto& c : columns) {
      buffer_ += ';';
      append_field(buffer_, c);
    }
    buffer_ += '\n';
    for (const Alternative& a : election_.alternatives) {
      append_field(buffer_, a.id);
      buffer_ += ';';
      buffer_ += to_exact_string(*a.cost);
      buffer_ += ';';
      append_field(buffer_, a.name);
      for (const auto& c : columns) {
        buffer_ += ';';
        if (const std::string* v = a.attribute(c)) append_field(buffer_, *v);
      }
      buffer_ += '\n';
    }
  }

  // ---- VOTES ----

  void write_votes() {
    const Profile& profile = election_.profile;
    bool with_channel = false, with_district = false;
    for (std::size_t e = 0; e < profile.num_entries(); ++e) {
      const Stratum& s = profile.strata()[profile.stratum_of(e)];
      with_channel = with_channel || s.channel != Channel::unspecified;
      with_district = with_district || !s.district.empty();
    }
    const bool with_points = profile.kind() == BallotKind::score;
    buffer_ += "VOTES\nvoter_id;vote";
    if (with_points) buffer_ += ";points";
    if (with_channel) buffer_ += ";voting_method";
    if (with_district) buffer_ += ";district";
    buffer_ += '\n';

    std::uint64_t voter = 0;
    std::string rest;  // everything after the voter id, the same for every copy of a ballot
    for (std::size_t e = 0; e < profile.num_entries(); ++e) {
      rest.clear();
      rest += ';';
      append_ballot(rest, e);
      const Stratum& s = profile.strata()[profile.stratum_of(e)];
      if (with_channel) {
        rest += ';';
        append_field(rest, channel_word(s.channel));
      }
      if (with_district) {
        rest += ';';
        append_field(rest, s.district);
      }
      rest += '\n';
      for (std::uint64_t copy = 0; copy < profile.count(e); ++copy) {
        append_number(buffer_, ++voter);
        buffer_ += rest;
        if (buffer_.size() > (1u << 20)) flush();
      }
    }
  }

  // The vote field (and for score ballots the points field) of one entry.
  void append_ballot(std::string& out, std::size_t entry) {
    const Profile& profile = election_.profile;
    list_.clear();
    switch (profile.kind()) {
      case BallotKind::approval:
        profile.approval(entry, ids_);
        for (AlternativeIndex a : ids_) add_to_list(election_.alternatives[a].id);
        append_field(out, list_);
        break;
      case BallotKind::ranked:
        profile.ranking(entry, ranking_);
        for (std::uint32_t mark : ranking_.marks) add_to_list(election_.alternatives[mark].id);
        append_field(out, list_);
        break;
      case BallotKind::score: {
        profile.scores(entry, scores_);
        // Canonical order: most points first, then project order.
        std::stable_sort(scores_.begin(), scores_.end(),
                         [](const Score& a, const Score& b) { return a.points > b.points; });
        for (const Score& s : scores_) add_to_list(election_.alternatives[s.alternative].id);
        append_field(out, list_);
        list_.clear();
        for (const Score& s : scores_) add_to_list(to_exact_string(s.points));
        out += ';';
        append_field(out, list_);
        break;
      }
      case BallotKind::quadratic: cannot_write("pabulib has no quadratic ballots");
    }
  }

  void add_to_list(std::string_view item) {
    if (!list_.empty()) list_ += ',';
    list_ += item;
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (!out_) throw Error(Errc::io, "write failed");
    buffer_.clear();
  }

  const Election& election_;
  std::ostream& out_;
  std::string buffer_;
  std::string list_;
  std::vector<AlternativeIndex> ids_;
  Ranking ranking_;
  std::vector<Score> scores_;
};

}  // namespace

Election read_pabulib(std::istream& in, const std::string& name) {
  return PabulibReader(in, name).read();
}

void write_pabulib(const Election& election, std::ostream& out) {
  PabulibWriter(election, out).write();
}

}  // namespace minga
