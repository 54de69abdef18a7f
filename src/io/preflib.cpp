// SPDX-License-Identifier: Apache-2.0
// src/io/preflib.cpp - PrefLib ordinal (.soc .soi .toc .toi) and categorical (.cat) files.
//
// Two layouts are read:
//   new (since 2022)  "# KEY: value" header lines, then "count: a,b,{c,d},e" lines
//   old               line 1 = m; m lines "i,name"; "voters,sumOfCounts,uniqueOrders";
//                     then "count,a,b,{c,d}" lines
// Alternatives are numbered from 1; alternative i gets the id "i" and the name
// of ALTERNATIVE NAME i. An ordinal line becomes a ranked ballot, "{c,d}" one
// rank holding both. A categorical line has one entry per category (category
// k = rank k), "{}" being an empty category. Counts the header declares must
// match what the data lines hold.
//
// The writer emits the new layout. DATA TYPE is the most restrictive of
// soc/soi/toc/toi that fits the ballots, or cat when the election's meta says
// DATA TYPE cat. Ballots are sorted by count (descending), then by their text.
// PrefLib has no districts or channels: the writer merges strata.
#include <algorithm>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "io/text.hpp"
#include "minga/io/format.hpp"

namespace minga {

namespace {

using io::LineReader;

constexpr std::uint64_t kMaxAlternatives = 1'000'000;
constexpr std::string_view kAlternativeName = "ALTERNATIVE NAME ";
constexpr std::string_view kCategoryName = "CATEGORY NAME ";

// ---- small helpers ----------------------------------------------------------------


bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view strip_bom(std::string_view line) {
  return starts_with(line, "\xEF\xBB\xBF") ? line.substr(3) : line;
}


// ---- what a header declares -------------------------------------------------------

/// A number the header declares, and where, so that a mismatch names the line.
struct Declared {
  std::uint64_t value = 0;
  std::uint64_t line = 0;
  std::string field;
};

enum class DataType { soc, soi, toc, toi, cat };

const char* data_type_name(DataType t) {
  switch (t) {
    case DataType::soc: return "soc";
    case DataType::soi: return "soi";
    case DataType::toc: return "toc";
    case DataType::toi: return "toi";
    case DataType::cat: return "cat";
  }
  return "toi";
}

/// Everything the header (new or old layout) says.
struct Header {
  std::optional<Declared> alternatives;
  std::optional<Declared> voters;
  std::optional<Declared> voters_again;  // old layout: "sumOfCounts"
  std::optional<Declared> unique;        // NUMBER UNIQUE ORDERS / PREFERENCES
  std::optional<Declared> categories;
  DataType type = DataType::toi;
  bool type_declared = false;
  std::map<std::uint64_t, std::string> names;  // 1-based alternative number -> name
  std::string title;
  KeyValues meta;              // every key but the names, in file order
  std::uint64_t end_line = 0;  // last header line
};

// ---- one data line ------------------------------------------------------------------

/// Parses "a,b,{c,d},e" into groups; a bare number is a group of one.
/// `braced_empty_ok` allows "{}" (categorical files).
class OrderParser {
 public:
  OrderParser(const LineReader& lines, std::uint32_t num_alternatives, std::string field)
      : lines_(lines), m_(num_alternatives), field_(std::move(field)), seen_(num_alternatives, 0) {}

  void parse(std::string_view text, bool braced_empty_ok, std::vector<std::vector<std::uint32_t>>& groups) {
    groups.clear();
    ++stamp_;
    text_ = text;
    i_ = 0;
    skip_spaces();
    if (i_ >= text_.size()) return;  // an empty order
    for (;;) {
      skip_spaces();
      groups.emplace_back();
      auto& group = groups.back();
      if (peek() == '{') {
        ++i_;
        parse_group(group, groups.size(), braced_empty_ok);
      } else {
        group.push_back(parse_alternative(groups.size()));
      }
      skip_spaces();
      if (i_ >= text_.size()) return;
      if (text_[i_] != ',') fail(groups.size(), "unexpected '" + std::string(1, text_[i_]) + "'");
      ++i_;
      skip_spaces();
      if (i_ >= text_.size()) fail(groups.size(), "',' at the end of the line");
    }
  }

 private:
  char peek() const { return i_ < text_.size() ? text_[i_] : '\0'; }
  void skip_spaces() {
    while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t')) ++i_;
  }
  [[noreturn]] void fail(std::size_t position, const std::string& reason) const {
    lines_.fail(field_, "position " + std::to_string(position) + ": " + reason);
  }

  void parse_group(std::vector<std::uint32_t>& group, std::size_t position, bool empty_ok) {
    skip_spaces();
    if (peek() == '}') {
      ++i_;
      if (!empty_ok) fail(position, "empty '{}'");
      return;
    }
    for (;;) {
      skip_spaces();
      if (i_ >= text_.size()) fail(position, "unterminated '{'");
      group.push_back(parse_alternative(position));
      skip_spaces();
      if (i_ >= text_.size()) fail(position, "unterminated '{'");
      char c = text_[i_++];
      if (c == '}') return;
      if (c != ',') fail(position, "unexpected '" + std::string(1, c) + "' inside '{...}'");
    }
  }

  std::uint32_t parse_alternative(std::size_t position) {
    std::size_t start = i_;
    while (i_ < text_.size() && text_[i_] >= '0' && text_[i_] <= '9') ++i_;
    if (i_ == start) {
      if (i_ >= text_.size()) fail(position, "missing alternative number");
      fail(position, "expected an alternative number, found '" + std::string(1, text_[i_]) + "'");
    }
    std::string_view digits = text_.substr(start, i_ - start);
    std::uint64_t n = digits.size() > 12 ? ~0ull : std::stoull(std::string(digits));
    if (n < 1 || n > m_)
      fail(position, "alternative " + io::clipped(digits) + " is out of range (1.." + std::to_string(m_) + ")");
    auto index = static_cast<std::uint32_t>(n - 1);
    if (seen_[index] == stamp_) fail(position, "alternative " + std::to_string(n) + " appears twice");
    seen_[index] = stamp_;
    return index;
  }

  const LineReader& lines_;
  std::uint32_t m_;
  std::string field_;
  std::vector<std::uint64_t> seen_;  // stamp of the line that last used each alternative
  std::uint64_t stamp_ = 0;
  std::string_view text_;
  std::size_t i_ = 0;
};

// ---- reading the header ---------------------------------------------------------

DataType data_type_from(std::string_view value, const LineReader& lines) {
  std::string v = io::lower_ascii(io::trim(value));
  if (v == "soc") return DataType::soc;
  if (v == "soi") return DataType::soi;
  if (v == "toc") return DataType::toc;
  if (v == "toi") return DataType::toi;
  if (v == "cat") return DataType::cat;
  if (v == "wmd")
    throw Error(Errc::unsupported, lines.at("DATA TYPE"), "weighted matching data (wmd) is not a ballot file");
  lines.fail("DATA TYPE", "unknown data type " + io::quoted(value) + " (soc, soi, toc, toi, cat)");
}

Declared declared_at(std::string_view value, const LineReader& lines, std::string_view field) {
  Declared d;
  d.line = lines.line_number();
  d.field = std::string(field);
  d.value = io::parse_count_at(io::trim(value), lines.at(field));
  return d;
}

/// Reads "# KEY: value" lines up to the first data line; keys go to meta.
Header read_new_header(LineReader& lines) {
  Header h;
  std::string_view line;
  std::vector<std::string> seen_keys;
  while (lines.next(line)) {
    if (lines.line_number() == 1) line = strip_bom(line);
    if (io::trim(line).empty()) continue;
    if (line.front() != '#') {
      lines.unread();
      break;
    }
    h.end_line = lines.line_number();
    std::string_view body = io::trim(line.substr(1));
    std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) lines.fail("header", "expected '# KEY: value'");
    std::string key(io::trim(body.substr(0, colon)));
    std::string_view value = io::trim(body.substr(colon + 1));
    if (key.empty()) lines.fail("header", "empty key");
    if (std::find(seen_keys.begin(), seen_keys.end(), key) != seen_keys.end()) lines.fail(key, "the key appears twice");
    seen_keys.push_back(key);

    if (starts_with(key, kAlternativeName)) {
      std::string_view number = io::trim(std::string_view(key).substr(kAlternativeName.size()));
      std::uint64_t i = io::parse_count_at(number, lines.at(key));
      if (i == 0) lines.fail(key, "alternatives are numbered from 1");
      h.names[i] = std::string(value);
      continue;  // names live in the alternatives, not in meta
    }
    if (key == "TITLE")
      h.title = std::string(value);
    else if (key == "DATA TYPE") {
      h.type = data_type_from(value, lines);
      h.type_declared = true;
    } else if (key == "NUMBER ALTERNATIVES")
      h.alternatives = declared_at(value, lines, key);
    else if (key == "NUMBER VOTERS")
      h.voters = declared_at(value, lines, key);
    else if (key == "NUMBER UNIQUE ORDERS" || key == "NUMBER UNIQUE PREFERENCES")
      h.unique = declared_at(value, lines, key);
    else if (key == "NUMBER CATEGORIES")
      h.categories = declared_at(value, lines, key);
    h.meta.emplace_back(std::move(key), std::string(value));
  }
  if (!h.type_declared && h.categories) h.type = DataType::cat;
  if (h.type == DataType::cat && !h.categories)
    throw_parse_error(Location{lines.name(), h.end_line, "NUMBER CATEGORIES"},
                      "a cat file must declare NUMBER CATEGORIES");
  if (!h.alternatives)
    throw_parse_error(Location{lines.name(), h.end_line, "NUMBER ALTERNATIVES"},
                      "the header does not declare NUMBER ALTERNATIVES");
  return h;
}

/// Reads the old layout: m, m lines "i,name", then "voters,sumOfCounts,uniqueOrders".
Header read_old_header(LineReader& lines, std::string_view first) {
  Header h;
  h.alternatives = declared_at(first, lines, "alternatives");
  if (h.alternatives->value > kMaxAlternatives)
    throw Error(Errc::limit, lines.at("alternatives"),
                "more than " + std::to_string(kMaxAlternatives) + " alternatives");
  std::string_view line;
  for (std::uint64_t k = 0; k < h.alternatives->value; ++k) {
    if (!lines.next(line))
      throw_parse_error(Location{lines.name(), lines.line_number() + 1, "alternative"},
                        "expected 'i,name' for alternative " + std::to_string(k + 1) + ", found the end of the file");
    std::size_t comma = line.find(',');
    if (comma == std::string_view::npos) lines.fail("alternative", "expected 'i,name'");
    std::uint64_t i = io::parse_count_at(io::trim(line.substr(0, comma)), lines.at("alternative"));
    if (i < 1 || i > h.alternatives->value)
      lines.fail("alternative", "alternative " + std::to_string(i) + " is out of range (1.." +
                                    std::to_string(h.alternatives->value) + ")");
    if (h.names.count(i)) lines.fail("alternative", "alternative " + std::to_string(i) + " is named twice");
    h.names[i] = std::string(io::trim(line.substr(comma + 1)));
  }
  if (!lines.next(line))
    throw_parse_error(Location{lines.name(), lines.line_number() + 1, "voters"},
                      "expected 'voters,sumOfCounts,uniqueOrders', found the end of the file");
  auto parts = io::split(line, ',');
  if (parts.size() != 3) lines.fail("voters", "expected 'voters,sumOfCounts,uniqueOrders'");
  h.voters = declared_at(parts[0], lines, "voters");
  h.voters_again = declared_at(parts[1], lines, "sumOfCounts");
  h.unique = declared_at(parts[2], lines, "uniqueOrders");
  h.end_line = lines.line_number();
  return h;
}

std::vector<Alternative> alternatives_from(const Header& h, const std::string& file) {
  const Declared& m = *h.alternatives;
  if (m.value > kMaxAlternatives)
    throw Error(Errc::limit, Location{file, m.line, m.field},
                "more than " + std::to_string(kMaxAlternatives) + " alternatives");
  for (const auto& [i, name] : h.names)
    if (i > m.value)
      throw_parse_error(Location{file, m.line, m.field}, "ALTERNATIVE NAME " + std::to_string(i) + " is beyond the " +
                                                             std::to_string(m.value) + " alternatives");
  if (h.names.size() != m.value) {  // names are unique and in range: some number has none
    std::uint64_t missing = 1;
    for (const auto& entry : h.names) {
      if (entry.first != missing) break;
      ++missing;
    }
    throw_parse_error(Location{file, m.line, m.field}, "no name for alternative " + std::to_string(missing));
  }
  std::vector<Alternative> alternatives;
  alternatives.reserve(h.names.size());
  for (const auto& [i, name] : h.names) {
    alternatives.emplace_back();
    alternatives.back().id = std::to_string(i);
    alternatives.back().name = name;
  }
  return alternatives;
}

void check_declared(const std::optional<Declared>& d, std::uint64_t actual, const std::string& file, const char* what) {
  if (d && d->value != actual)
    throw_parse_error(Location{file, d->line, d->field}, "the header declares " + std::to_string(d->value) + " " +
                                                             what + " but the data holds " + std::to_string(actual));
}

// ---- reading the data ---------------------------------------------------------------

struct DataTotals {
  std::uint64_t voters = 0;
  std::uint64_t lines = 0;
  std::uint64_t zero_lines = 0;
};

void check_type(DataType type, const std::vector<std::vector<std::uint32_t>>& groups, std::uint32_t m,
                const LineReader& lines) {
  if (type == DataType::toi || type == DataType::cat) return;
  std::size_t marked = 0;
  for (const auto& g : groups) {
    marked += g.size();
    if (g.size() > 1 && (type == DataType::soc || type == DataType::soi))
      lines.fail("order", std::string("a tie, but DATA TYPE ") + data_type_name(type) + " allows none");
  }
  if (marked != m && (type == DataType::soc || type == DataType::toc))
    lines.fail("order", "ranks " + std::to_string(marked) + " of " + std::to_string(m) +
                            " alternatives, but DATA TYPE " + data_type_name(type) + " needs complete orders");
}

DataTotals read_data(LineReader& lines, const Header& h, bool new_layout, Election& election) {
  const auto m = election.num_alternatives();
  const bool categorical = h.type == DataType::cat;
  const std::string field = categorical ? "preferences" : "order";
  const std::uint64_t categories = categorical ? h.categories->value : 0;
  OrderParser parser(lines, m, field);
  std::vector<std::vector<std::uint32_t>> groups;
  Ranking ranking;
  DataTotals totals;
  std::string_view line;
  while (lines.next(line)) {
    if (io::trim(line).empty()) continue;
    if (line.front() == '#') lines.fail("header", "a header line after the data");
    const char separator = new_layout ? ':' : ',';
    std::size_t at = line.find(separator);
    if (at == std::string_view::npos)
      lines.fail("count", new_layout ? "expected 'count: order'" : "expected 'count,order'");
    std::uint64_t count = io::parse_count_at(io::trim(line.substr(0, at)), lines.at("count"));
    parser.parse(line.substr(at + 1), categorical, groups);
    if (categorical && groups.size() != categories)
      lines.fail(field, "has " + std::to_string(groups.size()) + " categories, the header declares " +
                            std::to_string(categories));
    check_type(h.type, groups, m, lines);
    ranking.clear();
    for (const auto& g : groups) ranking.add_position(g.data(), g.size());
    if (totals.voters > ~0ull - count) throw Error(Errc::limit, lines.at("count"), "more than 2^64 voters in all");
    totals.voters += count;
    ++totals.lines;
    if (count == 0) ++totals.zero_lines;
    try {
      election.profile.add_ranking(ranking, count);
    } catch (const Error& e) {
      throw Error(e.code(), lines.at(field), e.reason());
    }
  }
  return totals;
}

// ---- writing ------------------------------------------------------------------------

/// A cat file's election: its meta says DATA TYPE cat (or, with no DATA TYPE, declares categories).
bool is_categorical(const Election& election) {
  const std::string* type = election.meta_value("DATA TYPE");
  if (!type) return election.meta_value("NUMBER CATEGORIES") != nullptr;
  return io::lower_ascii(io::trim(*type)) == "cat";
}

/// One data line: its count and its text ("a,b,{c,d}").
struct Encoded {
  std::uint64_t count = 0;
  std::string text;
};

std::string group_text(const Ranking& r, std::size_t k, bool categorical) {
  std::uint32_t b = r.position_begin[k], e = r.position_begin[k + 1];
  if (e - b == 1) return std::to_string(r.marks[b] + 1);
  if (e == b && !categorical)
    throw Error(Errc::unsupported, "PrefLib cannot hold a skipped rank (rank " + std::to_string(k + 1) + ")");
  std::vector<std::uint32_t> sorted(r.marks.begin() + b, r.marks.begin() + e);
  std::sort(sorted.begin(), sorted.end());
  std::string out = "{";
  for (std::size_t i = 0; i < sorted.size(); ++i) out += (i ? "," : "") + std::to_string(sorted[i] + 1);
  return out + "}";
}

std::string clean_header_text(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

/// Keys the writer writes itself (from the election, or computed from the ballots).
bool is_written_key(std::string_view key) {
  static constexpr std::string_view written[] = {"FILE NAME",
                                                 "TITLE",
                                                 "DESCRIPTION",
                                                 "DATA TYPE",
                                                 "MODIFICATION TYPE",
                                                 "RELATES TO",
                                                 "RELATED FILES",
                                                 "PUBLICATION DATE",
                                                 "MODIFICATION DATE",
                                                 "NUMBER ALTERNATIVES",
                                                 "NUMBER VOTERS",
                                                 "NUMBER UNIQUE ORDERS",
                                                 "NUMBER UNIQUE PREFERENCES",
                                                 "NUMBER CATEGORIES"};
  for (auto k : written)
    if (key == k) return true;
  return starts_with(key, kAlternativeName) || starts_with(key, kCategoryName);
}

/// Categories of a cat file: as many as declared, or as the longest ballot uses.
std::uint64_t category_count(const Election& election, const Profile& profile) {
  std::uint64_t categories = 0;
  if (const std::string* declared = election.meta_value("NUMBER CATEGORIES")) {
    try {
      categories = parse_count(io::trim(*declared), "NUMBER CATEGORIES");
    } catch (const Error&) {
      categories = 0;  // an unreadable declaration: count the categories the ballots use
    }
  }
  Ranking r;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, r);
    categories = std::max<std::uint64_t>(categories, r.num_positions());
  }
  return categories;
}

}  // namespace

Election read_preflib(std::istream& in, const std::string& name) {
  LineReader lines(in, name);
  std::string_view first;
  do {
    if (!lines.next(first)) throw_parse_error(Location{name, lines.line_number() + 1, {}}, "empty file");
    if (lines.line_number() == 1) first = strip_bom(first);
  } while (io::trim(first).empty());

  Header header;
  const bool new_layout = first.front() == '#';
  if (new_layout) {
    lines.unread();
    header = read_new_header(lines);
  } else {
    header = read_old_header(lines, io::trim(first));
  }
  Election election(BallotKind::ranked, alternatives_from(header, name));
  election.source_format = "preflib";
  election.title = std::move(header.title);
  election.meta = std::move(header.meta);
  if (!new_layout) election.notes.push_back("old PrefLib layout (no '# KEY: value' header); read as data type toi");

  DataTotals totals = read_data(lines, header, new_layout, election);
  check_declared(header.voters, totals.voters, name, "voters");
  check_declared(header.voters_again, totals.voters, name, "voters");
  check_declared(header.unique, totals.lines, name,
                 header.type == DataType::cat ? "unique preferences" : "unique orders");
  if (totals.zero_lines > 0)
    election.notes.push_back(std::to_string(totals.zero_lines) + " data lines have count 0 and add no ballot");
  std::uint64_t merged = totals.lines - totals.zero_lines - election.profile.num_entries();
  if (merged > 0)
    election.notes.push_back(std::to_string(merged) +
                             " data lines repeat an order given earlier; their counts were added up");
  return election;
}

void write_preflib(const Election& election, std::ostream& out) {
  if (election.kind() != BallotKind::ranked)
    throw Error(Errc::unsupported,
                std::string("PrefLib holds ranked ballots, not ") + ballot_kind_name(election.kind()));
  const bool categorical = is_categorical(election);
  const std::uint32_t m = election.num_alternatives();
  const Profile profile = election.profile.collapsed();
  const std::uint64_t categories = categorical ? category_count(election, profile) : 0;

  // Encode every ballot, finding the most restrictive ordinal type on the way.
  bool ties = false, incomplete = false;
  std::vector<Encoded> lines;
  lines.reserve(profile.num_entries());
  std::vector<std::size_t> seen(m, 0);
  Ranking r;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, r);
    for (std::uint32_t mark : r.marks) {
      if (mark >= m) throw Error(Errc::unsupported, "PrefLib cannot hold overvote or write-in marks");
      if (seen[mark] == e + 1)
        throw Error(Errc::unsupported, "PrefLib cannot hold a ballot that marks an alternative twice ('" +
                                           election.alternatives[mark].label() + "')");
      seen[mark] = e + 1;
    }
    Encoded line;
    line.count = profile.count(e);
    const std::size_t positions = categorical ? categories : r.num_positions();
    for (std::size_t k = 0; k < positions; ++k) {
      if (k) line.text += ',';
      line.text += k < r.num_positions() ? group_text(r, k, categorical) : "{}";
      if (k < r.num_positions()) ties = ties || r.position_begin[k + 1] - r.position_begin[k] > 1;
    }
    incomplete = incomplete || r.marks.size() != m;
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end(), [](const Encoded& a, const Encoded& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });

  const char* type = categorical ? "cat" : ties ? (incomplete ? "toi" : "toc") : (incomplete ? "soi" : "soc");
  auto meta_or_empty = [&](std::string_view key) {
    const std::string* v = election.meta_value(key);
    return v ? clean_header_text(*v) : std::string();
  };
  out << "# FILE NAME: " << meta_or_empty("FILE NAME") << "\n";
  out << "# TITLE: " << clean_header_text(election.title) << "\n";
  out << "# DESCRIPTION: " << meta_or_empty("DESCRIPTION") << "\n";
  out << "# DATA TYPE: " << type << "\n";
  for (auto key : {"MODIFICATION TYPE", "RELATES TO", "RELATED FILES", "PUBLICATION DATE", "MODIFICATION DATE"})
    out << "# " << key << ": " << meta_or_empty(key) << "\n";
  for (const auto& [key, value] : election.meta) {  // other keys, as the election has them
    if (is_written_key(key)) continue;
    std::string k = clean_header_text(key);
    std::replace(k.begin(), k.end(), ':', ' ');
    if (io::trim(k).empty()) continue;
    out << "# " << io::trim(k) << ": " << clean_header_text(value) << "\n";
  }
  out << "# NUMBER ALTERNATIVES: " << m << "\n";
  out << "# NUMBER VOTERS: " << profile.num_ballots() << "\n";
  if (categorical) {
    out << "# NUMBER UNIQUE PREFERENCES: " << lines.size() << "\n";
    out << "# NUMBER CATEGORIES: " << categories << "\n";
    for (std::uint64_t c = 1; c <= categories; ++c)
      out << "# CATEGORY NAME " << c << ": " << meta_or_empty(std::string(kCategoryName) + std::to_string(c)) << "\n";
  } else {
    out << "# NUMBER UNIQUE ORDERS: " << lines.size() << "\n";
  }
  for (std::uint32_t i = 0; i < m; ++i)
    out << "# ALTERNATIVE NAME " << i + 1 << ": " << clean_header_text(election.alternatives[i].label()) << "\n";
  for (const auto& line : lines) out << line.count << ": " << line.text << "\n";
}

}  // namespace minga
