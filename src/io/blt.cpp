// SPDX-License-Identifier: Apache-2.0
// src/io/blt.cpp - BLT ballot files (ERS/OpenSTV/OpaVote, with Droop's extensions).
//
//   ncand nseats
//   -2 -5                      optional: withdrawn candidates
//   [tie 3 2 1]                optional Droop lines: [withdrawn k..] [nick a b..] [tie ..]
//                              [undeclared k..] [droop opt=value..] (kept in meta)
//   weight p1 p2 ... 0         one line per ballot; "a=b" = two candidates at one rank,
//   (id) weight p1 ... 0       "-" = a skipped rank; an optional "(id)" prefix is ignored
//   0                          end of the ballots
//   "Name 1"                   ncand names, quoted ("" inside = ") or bare
//   "Title"
//   "source" "comment"         optional (Droop), kept in meta
// Blank lines and text after '#' on number lines are ignored. Candidate k gets
// the id "k". Weights are whole numbers of ballots: a fractional weight is
// Error(unsupported). The writer emits the same layout; BLT has no districts
// or channels, so the writer merges strata.
#include <algorithm>
#include <istream>
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



std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

/// A line of numbers without its '#' comment and surrounding spaces.
std::string_view without_comment(std::string_view line) {
  std::size_t hash = line.find('#');
  return io::trim(hash == std::string_view::npos ? line : line.substr(0, hash));
}

/// The next line that is not blank (a leading BOM is dropped), or false at the end.
bool next_content(LineReader& lines, std::string_view& line) {
  while (lines.next(line)) {
    if (lines.line_number() == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (!io::trim(line).empty()) return true;
  }
  return false;
}

bool is_quoted(std::string_view line) {
  return !io::trim(line).empty() && io::trim(line).front() == '"';
}

/// A name or title line: "quoted" ("" inside is a quote; a '#' comment may follow) or bare.
std::string text_line(std::string_view line, const LineReader& lines, std::string_view field) {
  std::string_view t = io::trim(line);
  if (t.empty() || t.front() != '"') return std::string(t);
  std::string out;
  std::size_t i = 1;
  for (;;) {
    if (i >= t.size()) lines.fail(field, "unterminated quoted text");
    char c = t[i++];
    if (c == '"') {
      if (i < t.size() && t[i] == '"') {
        out.push_back('"');
        ++i;
      } else {
        break;
      }
    } else {
      out.push_back(c);
    }
  }
  std::string_view rest = io::trim(t.substr(i));
  if (!rest.empty() && rest.front() != '#') lines.fail(field, "text after the closing quote: " + io::quoted(rest));
  return out;
}

std::string blt_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return out + "\"";
}

// ---- the reader -------------------------------------------------------------------

/// Reads one BLT file. Ballots stream into a profile over ncand candidates; the
/// Alternatives are made only once their names are read, so a first line that
/// announces a million candidates costs nothing until the names are there.
class BltReader {
 public:
  BltReader(std::istream& in, const std::string& name) : lines_(in, name) {}

  Election read() {
    read_counts_line();
    read_options();
    read_ballots();
    Election election(BallotKind::ranked, read_names());
    election.source_format = "blt";
    election.seats = seats_;
    election.profile = std::move(profile_);
    election.meta = std::move(meta_);
    read_title_and_rest(election);
    for (AlternativeIndex k : withdrawn_) election.alternatives[k].withdrawn = true;
    for (auto& [k, attribute] : attributes_) election.alternatives[k].attributes.push_back(std::move(attribute));
    if (ballots_with_id_ > 0)
      election.notes.push_back(std::to_string(ballots_with_id_) +
                               " ballot lines carried an id in parentheses; the ids were not kept");
    if (zero_weight_lines_ > 0)
      election.notes.push_back(std::to_string(zero_weight_lines_) + " ballot lines have weight 0 and add no ballot");
    return election;
  }

 private:
  void read_counts_line() {
    std::string_view line;
    if (!next_content(lines_, line))
      throw_parse_error(Location{lines_.name(), lines_.line_number() + 1, {}}, "empty file");
    auto w = words(without_comment(line));
    if (w.size() != 2) lines_.fail("header", "expected 'candidates seats' on the first line");
    std::uint64_t candidates = io::parse_count_at(w[0], lines_.at("candidates"));
    std::uint64_t seats = io::parse_count_at(w[1], lines_.at("seats"));
    if (candidates > kMaxCandidates)
      throw Error(Errc::limit, lines_.at("candidates"), "more than " + std::to_string(kMaxCandidates) + " candidates");
    if (seats > 0xFFFFFFFFull) throw Error(Errc::limit, lines_.at("seats"), "more than 2^32 seats");
    n_ = static_cast<std::uint32_t>(candidates);
    seats_ = static_cast<std::uint32_t>(seats);
    profile_ = Profile(BallotKind::ranked, n_);
  }

  /// Withdrawn lines ("-2 -5") and Droop's "[keyword ...]" lines before the ballots.
  void read_options() {
    std::string_view line;
    while (next_content(lines_, line)) {
      std::string_view t = without_comment(line);
      if (!t.empty() && t.front() == '[') {
        read_bracket_line(t);
      } else if (!t.empty() && t.front() == '-') {
        for (auto word : words(t)) {
          if (word.size() < 2 || word.front() != '-')
            lines_.fail("withdrawn", "expected '-k' items, found " + io::quoted(word));
          withdrawn_.push_back(candidate(word.substr(1), "withdrawn"));
        }
      } else {
        lines_.unread();
        return;
      }
    }
  }

  void read_bracket_line(std::string_view t) {
    if (t.back() != ']') lines_.fail("option", "a '[' line must end with ']'");
    auto w = words(t.substr(1, t.size() - 2));
    if (w.empty()) lines_.fail("option", "empty '[]'");
    const std::string keyword = io::lower_ascii(w[0]);
    std::vector<std::string_view> args(w.begin() + 1, w.end());
    if (keyword == "nick") {
      if (args.size() != n_)
        lines_.fail("nick",
                    "gives " + std::to_string(args.size()) + " nicknames for " + std::to_string(n_) + " candidates");
      for (std::size_t k = 0; k < args.size(); ++k) {
        if (!nicks_.emplace(std::string(args[k]), static_cast<AlternativeIndex>(k)).second)
          lines_.fail("nick", "nickname " + io::quoted(args[k]) + " given twice");
        attributes_.push_back({static_cast<AlternativeIndex>(k), {"nick", std::string(args[k])}});
      }
    } else if (keyword == "withdrawn") {
      for (auto a : args) withdrawn_.push_back(candidate(a, "withdrawn"));
    } else if (keyword == "tie" || keyword == "undeclared") {
      std::string numbers;  // kept as candidate numbers, whatever the file used
      for (auto a : args) {
        AlternativeIndex k = candidate(a, keyword);
        numbers += (numbers.empty() ? "" : " ") + std::to_string(k + 1);
        if (keyword == "undeclared") attributes_.push_back({k, {"undeclared", "true"}});
      }
      meta_.emplace_back(keyword, numbers);
    } else {
      std::string rest;
      for (auto a : args) rest += (rest.empty() ? "" : " ") + std::string(a);
      meta_.emplace_back(keyword, rest);
    }
  }

  /// A candidate by number (1-based) or by nickname.
  AlternativeIndex candidate(std::string_view word, std::string_view field) {
    if (!nicks_.empty()) {
      auto it = nicks_.find(std::string(word));
      if (it != nicks_.end()) return it->second;
    }
    bool digits = !word.empty() && word.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits) lines_.fail(field, io::quoted(word) + " is not a candidate number");
    std::uint64_t k = word.size() > 12 ? ~0ull : std::stoull(std::string(word));
    if (k < 1 || k > n_)
      lines_.fail(field, "candidate " + io::clipped(word) + " is out of range (1.." + std::to_string(n_) + ")");
    return static_cast<AlternativeIndex>(k - 1);
  }

  std::uint64_t weight(std::string_view word) { return io::parse_weight_at(word, lines_.at("weight")); }

  void read_ballots() {
    std::string_view line;
    Ranking ranking;
    std::vector<AlternativeIndex> rank;
    for (;;) {
      if (!next_content(lines_, line))
        throw_parse_error(Location{lines_.name(), lines_.line_number() + 1, "ballot"},
                          "the file ends before the line '0' that closes the ballots");
      std::string_view t = without_comment(line);
      if (t.empty()) continue;  // a comment line
      if (t == "0") return;
      if (t.front() == '(') {
        std::size_t close = t.find(')');
        if (close == std::string_view::npos) lines_.fail("ballot", "a ballot id '(' without ')'");
        ++ballots_with_id_;
        t = io::trim(t.substr(close + 1));
      }
      auto w = words(t);
      if (w.empty()) lines_.fail("ballot", "a ballot id without a ballot");
      if (w.size() < 2 || w.back() != "0") lines_.fail("ballot", "a ballot line must end with 0");
      std::uint64_t count = weight(w.front());
      ranking.clear();
      for (std::size_t i = 1; i + 1 < w.size(); ++i) {
        const std::string field = "rank " + std::to_string(i);
        if (w[i] == "-") {
          ranking.add_skipped();
          continue;
        }
        if (w[i] == "0") lines_.fail(field, "0 before the end of the ballot");
        rank.clear();
        for (auto part : io::split(w[i], '=')) {
          if (part.empty()) lines_.fail(field, io::quoted(w[i]) + ": '=' must join two candidates");
          AlternativeIndex k = candidate(part, field);
          if (std::find(rank.begin(), rank.end(), k) != rank.end())
            lines_.fail(field, "candidate " + std::to_string(k + 1) + " appears twice at one rank");
          rank.push_back(k);
        }
        ranking.add_position(rank.data(), rank.size());
      }
      if (count == 0) ++zero_weight_lines_;
      try {
        profile_.add_ranking(ranking, count);
      } catch (const Error& e) {
        throw Error(e.code(), lines_.at("weight"), e.reason());
      }
    }
  }

  std::vector<Alternative> read_names() {
    std::vector<Alternative> alternatives;
    std::string_view line;
    for (std::uint32_t k = 0; k < n_; ++k) {
      if (!next_content(lines_, line))
        throw_parse_error(Location{lines_.name(), lines_.line_number() + 1, "name"},
                          "expected the name of candidate " + std::to_string(k + 1) + " of " + std::to_string(n_) +
                              ", found the end of the file");
      alternatives.emplace_back();
      alternatives.back().id = std::to_string(k + 1);
      alternatives.back().name = text_line(line, lines_, "name");
    }
    return alternatives;
  }

  void read_title_and_rest(Election& election) {
    std::string_view line;
    if (!next_content(lines_, line))
      throw_parse_error(Location{lines_.name(), lines_.line_number() + 1, "title"},
                        "expected the title after the " + std::to_string(n_) + " names, found the end of the file");
    election.title = text_line(line, lines_, "title");
    // Droop: an optional quoted source and comment after the title.
    for (const char* key : {"source", "comment"}) {
      if (!next_content(lines_, line)) return;
      if (!is_quoted(line)) {
        lines_.unread();
        break;
      }
      election.meta.emplace_back(key, text_line(line, lines_, key));
    }
    std::uint64_t first = 0, extra = 0;
    while (next_content(lines_, line)) {
      if (extra++ == 0) first = lines_.line_number();
    }
    if (extra > 0)
      election.notes.push_back(std::to_string(extra) + " lines after the title (from line " + std::to_string(first) +
                               ") were not read");
  }

  LineReader lines_;
  std::uint32_t n_ = 0;
  std::uint32_t seats_ = 0;
  Profile profile_{BallotKind::ranked, 0};
  KeyValues meta_;
  std::vector<AlternativeIndex> withdrawn_;
  std::vector<std::pair<AlternativeIndex, std::pair<std::string, std::string>>> attributes_;
  std::unordered_map<std::string, AlternativeIndex> nicks_;
  std::uint64_t ballots_with_id_ = 0;
  std::uint64_t zero_weight_lines_ = 0;
};

// ---- the writer ---------------------------------------------------------------------

std::string ballot_line(const Ranking& r, std::uint64_t count, std::uint32_t candidates) {
  std::string line = std::to_string(count);
  for (std::size_t k = 0; k < r.num_positions(); ++k) {
    std::uint32_t b = r.position_begin[k], e = r.position_begin[k + 1];
    line += ' ';
    if (b == e) line += '-';
    for (std::uint32_t i = b; i < e; ++i) {
      if (r.marks[i] >= candidates) throw Error(Errc::unsupported, "BLT cannot hold overvote or write-in marks");
      if (i > b) line += '=';
      line += std::to_string(r.marks[i] + 1);
    }
  }
  return line + " 0";
}

}  // namespace

Election read_blt(std::istream& in, const std::string& name) {
  return BltReader(in, name).read();
}

void write_blt(const Election& election, std::ostream& out) {
  if (election.kind() != BallotKind::ranked)
    throw Error(Errc::unsupported, std::string("BLT holds ranked ballots, not ") + ballot_kind_name(election.kind()));
  const std::uint32_t n = election.num_alternatives();
  out << n << ' ' << election.seats.value_or(1) << '\n';  // no seats given: 1
  std::string withdrawn;
  for (std::uint32_t k = 0; k < n; ++k)
    if (election.alternatives[k].withdrawn) withdrawn += (withdrawn.empty() ? "-" : " -") + std::to_string(k + 1);
  if (!withdrawn.empty()) out << withdrawn << '\n';
  for (const char* key : {"tie", "undeclared", "droop"})
    if (const std::string* value = election.meta_value(key)) out << '[' << key << ' ' << *value << "]\n";
  const Profile profile = election.profile.collapsed();
  Ranking r;
  for (std::size_t e = 0; e < profile.num_entries(); ++e) {
    profile.ranking(e, r);
    out << ballot_line(r, profile.count(e), n) << '\n';
  }
  out << "0\n";
  for (const auto& alternative : election.alternatives) out << blt_quoted(alternative.label()) << '\n';
  out << blt_quoted(election.title) << '\n';
  const std::string* source = election.meta_value("source");
  const std::string* comment = election.meta_value("comment");
  if (source || comment) out << blt_quoted(source ? *source : std::string()) << '\n';
  if (comment) out << blt_quoted(*comment) << '\n';
}

}  // namespace minga
