// SPDX-License-Identifier: Apache-2.0
// src/io/csv.cpp - ranked ballots in CSV: one column per rank, scot-elex ward files, pattern tables.
//
// Three layouts are read:
//   ranked CSV   a header row; rank columns ("rank1", "Rank 2", "choice 3", "1st choice"...),
//                an optional count/weight column and channel/district columns; one row per
//                ballot (or per distinct ballot with its count). A cell holds a candidate, a
//                skip, an overvote or a write-in token, or several marks joined by the tie
//                separator ('=' by default). Candidates are every other distinct text, in
//                first-seen order; id = name = the text.
//   scottish     mggg/scot-elex: "ncand,nseats," / "weight,p1,p2,...," lines /
//                "Candidate N","Name","Party" lines / a title line.
//   patterns     rows 1..k hold rank 1..k of one ballot pattern per column; each following
//                row gives the counts of every pattern in one district (its first cell); a
//                final "Total" row must equal the column sums and is not counted again.
// The writer emits a ranked CSV: "count,rank1..rankK" (+ "channel", "district" when the
// profile has strata), one row per distinct ballot in profile order, ties joined with '=',
// tokens written as "overvote", "UWI" or an empty cell.
#include <algorithm>
#include <cctype>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/text.hpp"
#include "minga/io/format.hpp"

namespace minga {

namespace {

using io::LineReader;

constexpr std::uint64_t kMaxCandidates = 1'000'000;

// ---- small helpers ----------------------------------------------------------------




std::string_view strip_bom(std::string_view line) {
  return line.substr(0, 3) == "\xEF\xBB\xBF" ? line.substr(3) : line;
}

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

void drop_trailing_empty(std::vector<std::string>& cells) {
  while (!cells.empty() && io::trim(cells.back()).empty()) cells.pop_back();
}

// ---- tokens and candidates ----------------------------------------------------------

/// Sorts a cell's text into skip, overvote, write-in or candidate.
class Tokens {
 public:
  enum class Kind { candidate, skip, overvote, write_in };

  explicit Tokens(const RankedCsvOptions& options) {
    for (const auto& t : options.skip_tokens) skip_.push_back(io::lower_ascii(io::trim(t)));
    for (const auto& t : options.overvote_tokens) overvote_.push_back(io::lower_ascii(io::trim(t)));
    for (const auto& t : options.write_in_tokens) write_in_.push_back(io::lower_ascii(io::trim(t)));
  }

  Kind kind(std::string_view trimmed) const {
    std::string lower = io::lower_ascii(trimmed);
    auto in = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), lower) != list.end();
    };
    if (in(skip_)) return Kind::skip;
    if (in(overvote_)) return Kind::overvote;
    if (in(write_in_)) return Kind::write_in;
    return Kind::candidate;
  }

 private:
  std::vector<std::string> skip_, overvote_, write_in_;
};

/// Candidates in first-seen order.
class Candidates {
 public:
  AlternativeIndex index(std::string_view name, const LineReader& lines, std::string_view field) {
    auto it = index_.find(std::string(name));
    if (it != index_.end()) return it->second;
    if (names_.size() >= kMaxCandidates)
      throw Error(Errc::limit, lines.at(field), "more than " + std::to_string(kMaxCandidates) + " candidates");
    auto k = static_cast<AlternativeIndex>(names_.size());
    names_.emplace_back(name);
    index_.emplace(std::string(name), k);
    return k;
  }

  std::vector<Alternative> alternatives() const {
    std::vector<Alternative> out(names_.size());
    for (std::size_t k = 0; k < names_.size(); ++k) out[k].id = out[k].name = names_[k];
    return out;
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, AlternativeIndex> index_;
};

/// Reads one cell into the next rank of `ranking`.
void add_cell(std::string_view cell, const Tokens& tokens, char tie_separator, Candidates& candidates, Ranking& ranking,
              const LineReader& lines, std::string_view field) {
  std::string_view t = io::trim(cell);
  if (tokens.kind(t) == Tokens::Kind::skip) {
    ranking.add_skipped();
    return;
  }
  std::vector<std::string_view> parts;
  if (tie_separator != 0 && t.find(tie_separator) != std::string_view::npos)
    parts = io::split(t, tie_separator);
  else
    parts.push_back(t);
  std::vector<std::uint32_t> marks;
  for (auto part : parts) {
    std::string_view p = io::trim(part);
    std::uint32_t mark = 0;
    switch (tokens.kind(p)) {
      case Tokens::Kind::skip: lines.fail(field, io::quoted(t) + ": a blank or skip mark inside a tie");
      case Tokens::Kind::overvote: mark = Mark::overvote; break;
      case Tokens::Kind::write_in: mark = Mark::write_in; break;
      case Tokens::Kind::candidate:
        mark = candidates.index(p, lines, field);
        if (std::find(marks.begin(), marks.end(), mark) != marks.end())
          lines.fail(field, io::quoted(p) + " appears twice at one rank");
        break;
    }
    marks.push_back(mark);
  }
  ranking.add_position(marks.data(), marks.size());
}

/// Moves ballots gathered while the candidates were still unknown into a profile over them.
Profile narrowed(const Profile& wide, std::uint32_t num_candidates) {
  Profile out(BallotKind::ranked, num_candidates);
  std::vector<StratumId> strata;
  for (const auto& s : wide.strata()) strata.push_back(out.intern_stratum(s));
  Ranking r;
  for (std::size_t e = 0; e < wide.num_entries(); ++e) {
    wide.ranking(e, r);
    out.add_ranking(r, wide.count(e), strata[wide.stratum_of(e)]);
  }
  return out;
}

/// Adds a ballot, placing a failure (a count overflow) at the current line.
void add_ballot(Profile& profile, const Ranking& ranking, std::uint64_t count, StratumId stratum,
                const LineReader& lines, std::string_view field) {
  try {
    profile.add_ranking(ranking, count, stratum);
  } catch (const Error& e) {
    throw Error(e.code(), lines.at(field), e.reason());
  }
}

/// Strata by (channel, district), remembered so that each row costs one lookup.
class StrataCache {
 public:
  explicit StrataCache(Profile& profile) : profile_(profile) {}
  StratumId id(Channel channel, const std::string& district) {
    std::string key(1, static_cast<char>(channel));
    key += district;
    auto it = ids_.find(key);
    if (it != ids_.end()) return it->second;
    StratumId s = profile_.intern_stratum(Stratum{channel, district});
    ids_.emplace(std::move(key), s);
    return s;
  }

 private:
  Profile& profile_;
  std::unordered_map<std::string, StratumId> ids_;
};

// ---- ranked CSV: finding the columns --------------------------------------------------

/// Letters and digits runs of a header: "1st Choice" -> "1", "st", "choice".
std::vector<std::string> header_words(std::string_view header) {
  std::vector<std::string> out;
  std::string current;
  int kind = 0;  // 1 letters, 2 digits
  for (char c : header) {
    unsigned char u = static_cast<unsigned char>(c);
    int k = std::isdigit(u) ? 2 : std::isalpha(u) ? 1 : 0;
    if (k != kind && !current.empty()) {
      out.push_back(io::lower_ascii(current));
      current.clear();
    }
    kind = k;
    if (k != 0) current.push_back(c);
  }
  if (!current.empty()) out.push_back(io::lower_ascii(current));
  return out;
}

/// The rank a header names: "rank1", "Rank 2", "choice 3", "1st choice", "2nd preference"...
std::optional<std::uint64_t> rank_number(std::string_view header) {
  static const std::vector<std::string> keywords{"rank", "choice", "preference", "pref"};
  auto is_keyword = [](const std::string& w) {
    return std::find(keywords.begin(), keywords.end(), w) != keywords.end();
  };
  auto is_suffix = [](const std::string& w) { return w == "st" || w == "nd" || w == "rd" || w == "th"; };
  auto words = header_words(header);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_digits(words[i]) || words[i].size() > 9) continue;
    std::uint64_t n = std::stoull(words[i]);
    if (i > 0 && is_keyword(words[i - 1])) return n;                                     // rank 3
    std::size_t next = i + 1 < words.size() && is_suffix(words[i + 1]) ? i + 2 : i + 1;  // 3rd choice
    if (next < words.size() && is_keyword(words[next])) return n;
  }
  return std::nullopt;
}

struct Columns {
  std::vector<std::size_t> ranks;
  std::optional<std::size_t> count, channel, district;
};

std::optional<std::size_t> find_column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t c = 0; c < header.size(); ++c)
    if (io::iequals(io::trim(header[c]), io::trim(name))) return c;
  return std::nullopt;
}

/// A column the options name (must exist), or the first of `defaults` present.
std::optional<std::size_t> optional_column(const std::vector<std::string>& header, const std::string& named,
                                           std::initializer_list<std::string_view> defaults, const LineReader& lines) {
  if (!named.empty()) {
    auto c = find_column(header, named);
    if (!c) lines.fail(named, "no such column in the header");
    return c;
  }
  for (auto d : defaults)
    if (auto c = find_column(header, d)) return c;
  return std::nullopt;
}

Columns find_columns(const std::vector<std::string>& header, const RankedCsvOptions& options, const LineReader& lines,
                     std::vector<std::string>& notes) {
  Columns cols;
  if (!options.rank_columns.empty()) {
    for (const auto& name : options.rank_columns) {
      auto c = find_column(header, name);
      if (!c) lines.fail(name, "no such column in the header");
      cols.ranks.push_back(*c);
    }
  } else {
    std::vector<std::pair<std::uint64_t, std::size_t>> numbered;
    for (std::size_t c = 0; c < header.size(); ++c)
      if (auto n = rank_number(header[c])) numbered.emplace_back(*n, c);
    std::stable_sort(numbered.begin(), numbered.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < numbered.size(); ++i)
      if (numbered[i].first == numbered[i - 1].first)
        lines.fail(header[numbered[i].second], "two columns name rank " + std::to_string(numbered[i].first));
    for (auto& [n, c] : numbered) cols.ranks.push_back(c);
  }
  if (cols.ranks.empty())
    lines.fail("header", "no rank columns (expected headers like rank1, Rank 2, choice 1 or 1st choice)");
  cols.count = optional_column(header, options.count_column, {"count", "weight"}, lines);
  cols.channel = optional_column(header, options.channel_column, {"channel"}, lines);
  cols.district = optional_column(header, options.district_column, {"district"}, lines);

  std::vector<bool> used(header.size(), false);
  for (auto c : cols.ranks) used[c] = true;
  for (auto c : {cols.count, cols.channel, cols.district})
    if (c) used[*c] = true;
  std::string unread;
  std::size_t unnamed = 0;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (used[c]) continue;
    if (io::trim(header[c]).empty())
      ++unnamed;
    else
      unread += (unread.empty() ? "'" : ", '") + header[c] + "'";
  }
  if (unnamed > 0) notes.push_back(std::to_string(unnamed) + " unnamed column(s) (an index) were not read");
  if (!unread.empty()) notes.push_back("columns " + unread + " were not read");
  return cols;
}

Channel channel_at(std::string_view text, const LineReader& lines) {
  std::string_view t = io::trim(text);
  if (t.empty()) return Channel::unspecified;
  try {
    return channel_from_name(t);
  } catch (const Error& e) {
    lines.fail("channel", e.reason());
  }
}

// ---- pattern tables --------------------------------------------------------------------

void check_width(const std::vector<std::string>& cells, std::size_t width, const LineReader& lines) {
  if (cells.size() != width)
    lines.fail({}, "the row has " + std::to_string(cells.size()) + " cells, the first row " + std::to_string(width));
}

// ---- the writer -----------------------------------------------------------------------

/// Texts that read back as the same candidates: unique, no token, no tie separator.
bool usable_labels(const std::vector<std::string>& labels, const RankedCsvOptions& defaults) {
  Tokens tokens(defaults);
  std::vector<std::string> sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
  for (const auto& l : labels) {
    if (io::trim(l) != l || tokens.kind(l) != Tokens::Kind::candidate) return false;
    if (defaults.tie_separator != 0 && l.find(defaults.tie_separator) != std::string::npos) return false;
    if (l.find_first_of("\r\n") != std::string::npos) return false;
  }
  return true;
}

std::vector<std::string> candidate_texts(const Election& election) {
  const RankedCsvOptions defaults;
  std::vector<std::string> names, ids;
  for (const auto& a : election.alternatives) {
    names.push_back(a.label());
    ids.push_back(a.id);
  }
  if (usable_labels(names, defaults)) return names;
  if (usable_labels(ids, defaults)) return ids;
  throw Error(Errc::unsupported,
              "candidate names and ids are not distinct texts a ranked CSV can hold (empty, repeated, a token such as "
              "'overvote', or containing '='");
}

}  // namespace

// ---- ranked CSV -------------------------------------------------------------------------

Election read_ranked_csv(std::istream& in, const std::string& name, const RankedCsvOptions& options) {
  LineReader lines(in, name);
  std::string_view line;
  if (!lines.next(line)) throw_parse_error(Location{name, 1, {}}, "empty file");
  std::vector<std::string> header;
  io::split_csv(strip_bom(line), options.delimiter, header, lines);
  std::vector<std::string> notes;
  const Columns cols = find_columns(header, options, lines, notes);

  const Tokens tokens(options);
  Candidates candidates;
  Profile wide(BallotKind::ranked, Mark::max_candidate);
  StrataCache strata(wide);
  std::vector<std::string> cells;
  Ranking ranking;
  std::uint64_t zero_rows = 0;
  while (lines.next(line)) {
    io::split_csv(line, options.delimiter, cells, lines);
    if (cells.size() != header.size())
      lines.fail(
          {}, "the row has " + std::to_string(cells.size()) + " fields, the header " + std::to_string(header.size()));
    ranking.clear();
    for (auto c : cols.ranks) add_cell(cells[c], tokens, options.tie_separator, candidates, ranking, lines, header[c]);
    std::uint64_t count = cols.count ? io::parse_weight_at(io::trim(cells[*cols.count]), lines.at(header[*cols.count])) : 1;
    if (count == 0) ++zero_rows;
    Channel channel = cols.channel ? channel_at(cells[*cols.channel], lines) : Channel::unspecified;
    std::string district = cols.district ? std::string(io::trim(cells[*cols.district])) : std::string();
    add_ballot(wide, ranking, count, strata.id(channel, district), lines, "count");
  }
  if (zero_rows > 0) notes.push_back(std::to_string(zero_rows) + " rows have count 0 and add no ballot");

  Election election(BallotKind::ranked, candidates.alternatives());
  election.source_format = "csv";
  election.profile = narrowed(wide, election.num_alternatives());
  election.notes = std::move(notes);
  return election;
}

void write_ranked_csv(const Election& election, std::ostream& out) {
  if (election.kind() != BallotKind::ranked)
    throw Error(Errc::unsupported,
                std::string("a ranked CSV holds ranked ballots, not ") + ballot_kind_name(election.kind()));
  const std::vector<std::string> texts = candidate_texts(election);
  const Profile& profile = election.profile;
  bool channels = false, districts = false;
  std::size_t ranks = 1;
  Ranking r;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    const Stratum& s = profile.strata()[profile.stratum_of(e)];
    channels = channels || s.channel != Channel::unspecified;
    districts = districts || !s.district.empty();
    profile.ranking(e, r);
    ranks = std::max(ranks, r.num_positions());
  }
  out << "count";
  for (std::size_t k = 1; k <= ranks; ++k) out << ",rank" << k;
  if (channels) out << ",channel";
  if (districts) out << ",district";
  out << '\n';
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, r);
    out << profile.count(e);
    for (std::size_t k = 0; k < ranks; ++k) {
      std::string cell;
      if (k < r.num_positions())
        for (std::uint32_t i = r.position_begin[k]; i < r.position_begin[k + 1]; ++i) {
          if (i > r.position_begin[k]) cell += '=';
          std::uint32_t m = r.marks[i];
          cell += m == Mark::overvote ? "overvote" : m == Mark::write_in ? "UWI" : texts[m];
        }
      out << ',' << io::quote_csv(cell, ',');
    }
    const Stratum& s = profile.strata()[profile.stratum_of(e)];
    if (channels) out << ',' << (s.channel == Channel::unspecified ? "" : channel_name(s.channel));
    if (districts) out << ',' << io::quote_csv(s.district, ',');
    out << '\n';
  }
}

// ---- scot-elex ward files ------------------------------------------------------------------

Election read_scottish_csv(std::istream& in, const std::string& name) {
  LineReader lines(in, name);
  std::string_view line;
  std::vector<std::string> cells;
  if (!lines.next(line)) throw_parse_error(Location{name, 1, {}}, "empty file");
  io::split_csv(strip_bom(line), ',', cells, lines);
  drop_trailing_empty(cells);
  if (cells.size() != 2) lines.fail("header", "expected 'candidates,seats' on the first line");
  std::uint64_t n = io::parse_count_at(io::trim(cells[0]), lines.at("candidates"));
  std::uint64_t seats = io::parse_count_at(io::trim(cells[1]), lines.at("seats"));
  if (n > kMaxCandidates)
    throw Error(Errc::limit, lines.at("candidates"), "more than " + std::to_string(kMaxCandidates) + " candidates");
  if (seats > 0xFFFFFFFFull) throw Error(Errc::limit, lines.at("seats"), "more than 2^32 seats");

  // Ballots: every line whose first cell is a number. The alternatives are made
  // from the candidate lines, so a header announcing many candidates costs nothing.
  Profile profile(BallotKind::ranked, static_cast<std::uint32_t>(n));
  Ranking ranking;
  std::uint64_t zero_rows = 0;
  bool names_reached = false;
  while (lines.next(line)) {
    if (io::trim(line).empty()) continue;
    io::split_csv(line, ',', cells, lines);
    drop_trailing_empty(cells);
    if (cells.empty()) continue;
    if (!is_digits(io::trim(cells[0]))) {
      names_reached = true;
      break;
    }
    if (cells.size() == 1 && io::trim(cells[0]) == "0") continue;  // a BLT-style end-of-ballots line
    std::uint64_t count = io::parse_count_at(io::trim(cells[0]), lines.at("weight"));
    ranking.clear();
    for (std::size_t i = 1; i < cells.size(); ++i) {
      const std::string field = "rank " + std::to_string(i);
      std::string_view cell = io::trim(cells[i]);
      if (cell.empty()) lines.fail(field, "an empty preference before the last one");
      if (!is_digits(cell)) lines.fail(field, io::quoted(cell) + " is not a candidate number");
      std::uint64_t k = cell.size() > 12 ? ~0ull : std::stoull(std::string(cell));
      if (k < 1 || k > n)
        lines.fail(field, "candidate " + io::clipped(cell) + " is out of range (1.." + std::to_string(n) + ")");
      auto index = static_cast<std::uint32_t>(k - 1);
      ranking.add_position(&index, 1);
    }
    if (count == 0) ++zero_rows;
    add_ballot(profile, ranking, count, 0, lines, "weight");
  }
  if (names_reached) lines.unread();

  // Candidates: "Candidate N","Name","Party".
  std::vector<Alternative> alternatives;
  for (std::uint64_t k = 1; k <= n; ++k) {
    do {
      if (!lines.next(line))
        throw_parse_error(Location{name, lines.line_number() + 1, "name"},
                          "expected the line of candidate " + std::to_string(k) + ", found the end of the file");
    } while (io::trim(line).empty());
    io::split_csv(line, ',', cells, lines);
    drop_trailing_empty(cells);
    const std::string expected = "Candidate " + std::to_string(k);
    if (cells.size() < 2 || !io::iequals(io::trim(cells[0]), expected))
      lines.fail("name", "expected '\"" + expected + "\",\"Name\",\"Party\"'");
    if (cells.size() > 3) lines.fail("name", "more than 3 cells in a candidate line");
    Alternative a;
    a.id = std::to_string(k);
    a.name = std::string(io::trim(cells[1]));
    if (cells.size() == 3) a.attributes.emplace_back("party", std::string(io::trim(cells[2])));
    alternatives.push_back(std::move(a));
  }
  Election election(BallotKind::ranked, std::move(alternatives));
  election.source_format = "scottish";
  election.seats = static_cast<std::uint32_t>(seats);
  election.profile = std::move(profile);

  // The title, then nothing.
  do {
    if (!lines.next(line))
      throw_parse_error(Location{name, lines.line_number() + 1, "title"},
                        "expected the title after the candidates, found the end of the file");
  } while (io::trim(line).empty());
  io::split_csv(line, ',', cells, lines);
  drop_trailing_empty(cells);
  if (cells.size() != 1) lines.fail("title", "expected one cell holding the title");
  election.title = std::string(io::trim(cells[0]));
  std::uint64_t extra = 0, first = 0;
  while (lines.next(line))
    if (!io::trim(line).empty() && extra++ == 0) first = lines.line_number();
  if (extra > 0)
    election.notes.push_back(std::to_string(extra) + " lines after the title (from line " + std::to_string(first) +
                             ") were not read");
  if (zero_rows > 0)
    election.notes.push_back(std::to_string(zero_rows) + " ballot lines have weight 0 and add no ballot");
  return election;
}

// ---- pattern tables ---------------------------------------------------------------------------

Election read_patterns_csv(std::istream& in, const std::string& name) {
  LineReader lines(in, name);
  std::string_view line;
  std::vector<std::string> cells;
  std::vector<std::vector<std::string>> rank_rows;
  std::size_t width = 0;

  // Rows "1", "2", ...: rank k of every pattern.
  while (lines.next(line)) {
    io::split_csv(lines.line_number() == 1 ? strip_bom(line) : line, ',', cells, lines);
    if (io::trim(cells[0]) != std::to_string(rank_rows.size() + 1)) {
      lines.unread();
      break;
    }
    if (rank_rows.empty()) width = cells.size();
    check_width(cells, width, lines);
    rank_rows.push_back(cells);
  }
  if (rank_rows.empty()) {
    if (lines.line_number() == 0) throw_parse_error(Location{name, 1, {}}, "empty file");
    lines.fail("rank", "expected the first row to hold rank 1 of each pattern (first cell \"1\")");
  }
  if (width < 2) throw_parse_error(Location{name, 1, "rank"}, "no pattern columns");

  const RankedCsvOptions defaults;
  const Tokens tokens(defaults);
  Candidates candidates;
  std::vector<Ranking> patterns(width - 1);
  for (std::size_t c = 1; c < width; ++c)
    for (std::size_t k = 0; k < rank_rows.size(); ++k) {
      const Location where{name, k + 1, "column " + std::to_string(c + 1)};
      std::string_view cell = io::trim(rank_rows[k][c]);
      switch (tokens.kind(cell)) {
        case Tokens::Kind::skip: patterns[c - 1].add_skipped(); break;
        case Tokens::Kind::overvote: patterns[c - 1].add_position({Mark::overvote}); break;
        case Tokens::Kind::write_in: patterns[c - 1].add_position({Mark::write_in}); break;
        case Tokens::Kind::candidate: {
          AlternativeIndex a = candidates.index(cell, lines, where.field);
          patterns[c - 1].add_position(&a, 1);
          break;
        }
      }
    }
  Election election(BallotKind::ranked, candidates.alternatives());
  election.source_format = "patterns";

  // Counts per district; a final Total row checks the column sums.
  std::vector<std::uint64_t> sums(width - 1, 0);
  std::vector<std::string> seen_districts;
  bool total_seen = false;
  while (lines.next(line)) {
    if (io::trim(line).empty()) continue;
    io::split_csv(line, ',', cells, lines);
    if (total_seen) lines.fail({}, "a row after the Total row");
    check_width(cells, width, lines);
    std::string district(io::trim(cells[0]));
    if (district.empty()) lines.fail("district", "a count row needs a district name in its first cell");
    if (io::iequals(district, "total")) {
      total_seen = true;
      for (std::size_t c = 1; c < width; ++c) {
        const Location where{name, lines.line_number(), "column " + std::to_string(c + 1)};
        std::uint64_t total = io::parse_count_at(io::trim(cells[c]), where);
        if (total != sums[c - 1])
          throw_parse_error(where, "the Total row says " + std::to_string(total) + " but the district rows add up to " +
                                       std::to_string(sums[c - 1]));
      }
      continue;
    }
    seen_districts.push_back(district);
    StratumId stratum = election.profile.intern_stratum(Stratum{Channel::unspecified, district});
    for (std::size_t c = 1; c < width; ++c) {
      const std::string field = "column " + std::to_string(c + 1);
      std::uint64_t count = io::parse_count_at(io::trim(cells[c]), lines.at(field));
      if (sums[c - 1] > ~0ull - count)
        throw Error(Errc::limit, lines.at(field), "the column adds up to more than 2^64");
      sums[c - 1] += count;
      add_ballot(election.profile, patterns[c - 1], count, stratum, lines, field);
    }
  }
  if (!total_seen) election.notes.push_back("no Total row: the column sums were not checked");
  std::sort(seen_districts.begin(), seen_districts.end());
  if (std::adjacent_find(seen_districts.begin(), seen_districts.end()) != seen_districts.end())
    election.notes.push_back("some district names appear on several rows; their counts were added up");
  return election;
}

}  // namespace minga
