// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_ranked_formats.cpp - PrefLib, BLT and ranked CSV readers and writers.
//
// Real files are checked against what they declare (PrefLib header counts, the
// BLT first line and weights, summed here by a plain line scan) and against
// the figures in shared/data/elections/README.md; never against our own output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "minga/io/format.hpp"

using namespace minga;
namespace fs = std::filesystem;

namespace {

const fs::path kData = MINGA_SHARED_DATA;

bool data_present(const fs::path& folder) {
  if (fs::exists(folder)) return true;
  WARN("SKIPPED: " << folder.string() << " is absent");
  return false;
}

std::vector<fs::path> files_with(const fs::path& root, std::initializer_list<std::string> extensions) {
  std::vector<fs::path> out;
  if (!fs::exists(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    for (const auto& ext : extensions)
      if (entry.path().extension() == ext) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (out.empty() && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    out.push_back(line);
  }
  return out;
}

Election read_text(std::string_view text, Format format, const std::string& name = "t") {
  ReadOptions options;
  options.format = format;
  options.display_name = name;
  return read_election_from_string(text, options);
}

Election round_trip(const Election& e, Format format) {
  return read_text(write_election_to_string(e, format), format, "written");
}

std::string error_of(std::string_view text, Format format) {
  try {
    read_text(text, format);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

Errc code_of(std::string_view text, Format format) {
  try {
    read_text(text, format);
  } catch (const Error& e) {
    return e.code();
  }
  return Errc::ok;
}

/// The ranking of the only entry whose count is `count`.
Ranking ranking_with_count(const Election& e, std::uint64_t count) {
  Ranking r;
  std::size_t found = 0;
  for (std::size_t i = 0; i < e.profile.num_entries(); ++i)
    if (e.profile.count(i) == count) {
      e.profile.ranking(i, r);
      ++found;
    }
  REQUIRE(found == 1);
  return r;
}

Ranking make(std::initializer_list<std::initializer_list<std::uint32_t>> positions) {
  Ranking r;
  for (auto p : positions) r.add_position(p);
  return r;
}

/// True when `b` holds the same ballots as `a` once b's candidates are matched
/// to a's by text (label or id): CSV numbers candidates in first-seen order.
bool same_ballots_by_text(const Election& a, const Election& b) {
  std::vector<AlternativeIndex> map(b.num_alternatives());
  for (std::uint32_t j = 0; j < b.num_alternatives(); ++j) {
    bool found = false;
    for (std::uint32_t i = 0; i < a.num_alternatives() && !found; ++i)
      if (a.alternatives[i].label() == b.alternatives[j].label() || a.alternatives[i].id == b.alternatives[j].label()) {
        map[j] = i;
        found = true;
      }
    if (!found) return false;
  }
  return a.profile.same_ballots(b.profile.remapped(map, a.num_alternatives()));
}

std::uint64_t header_number(const std::vector<std::string>& lines, const std::string& key) {
  const std::string prefix = "# " + key + ": ";
  for (const auto& l : lines)
    if (l.rfind(prefix, 0) == 0) return std::stoull(l.substr(prefix.size()));
  FAIL("no " << key);
  return 0;
}

std::string header_text(const std::vector<std::string>& lines, const std::string& key) {
  const std::string prefix = "# " + key + ": ";
  for (const auto& l : lines)
    if (l.rfind(prefix, 0) == 0) return l.substr(prefix.size());
  return {};
}

}  // namespace

// =====================================================================================
// PrefLib
// =====================================================================================

TEST_CASE("every PrefLib file of the shared data reads with the counts it declares", "[preflib]") {
  const fs::path root = kData / "elections";
  if (!data_present(root)) return;
  auto files = files_with(root, {".soc", ".soi", ".toc", ".toi", ".cat"});
  REQUIRE(files.size() >= 6);
  for (const auto& path : files) {
    INFO(path.string());
    auto text = lines_of(path);
    Election e = read_election(path);
    CHECK(e.source_format == "preflib");
    CHECK(e.kind() == BallotKind::ranked);
    CHECK(e.num_alternatives() == header_number(text, "NUMBER ALTERNATIVES"));
    CHECK(e.profile.num_ballots() == header_number(text, "NUMBER VOTERS"));
    CHECK(e.profile.num_entries() == header_number(text, "NUMBER UNIQUE ORDERS"));
    CHECK(e.title == header_text(text, "TITLE"));
    CHECK(e.alternatives[0].id == "1");
    CHECK(e.alternatives[0].name == header_text(text, "ALTERNATIVE NAME 1"));
    REQUIRE(e.meta_value("DATA TYPE"));
    CHECK(*e.meta_value("DATA TYPE") == path.extension().string().substr(1));

    // PrefLib files carry the most restrictive data type: the writer must choose the same.
    std::string written = write_election_to_string(e, Format::preflib);
    CHECK(written.find("# DATA TYPE: " + path.extension().string().substr(1) + "\n") != std::string::npos);
    Election back = read_text(written, Format::preflib);
    CHECK(back.profile.same_ballots(e.profile));
    CHECK(back.title == e.title);
    CHECK(back.alternatives[4].name == e.alternatives[4].name);
  }
}

TEST_CASE("README figures of the PrefLib elections", "[preflib]") {
  const fs::path root = kData / "elections";
  if (!data_present(root)) return;
  struct Figures {
    const char* file;
    std::uint64_t alternatives, voters, unique;
  };
  for (const Figures& f : {Figures{"irish_2002_dublin_north/00001-00000001.soi", 12, 43942, 19299},
                           Figures{"irish_2002_dublin_west/00001-00000002.soi", 9, 29988, 10335},
                           Figures{"irish_2002_meath/00001-00000003.soi", 14, 64081, 25101},
                           Figures{"burlington_2009_mayor/00005-00000002.toi", 6, 8980, 384},
                           Figures{"sf_2011_mayor/00021-00000011.toi", 25, 194530, 3294}}) {
    INFO(f.file);
    Election e = read_election(root / f.file);
    CHECK(e.num_alternatives() == f.alternatives);
    CHECK(e.profile.num_ballots() == f.voters);
    CHECK(e.profile.num_entries() == f.unique);
  }
  // sf_2011_mayor/README.md: 676 ballots contain a tie (an overvote).
  Election sf = read_election(root / "sf_2011_mayor/00021-00000011.toi");
  std::uint64_t with_tie = 0;
  Ranking r;
  for (std::size_t i = 0; i < sf.profile.num_entries(); ++i) {
    sf.profile.ranking(i, r);
    for (std::size_t k = 0; k < r.num_positions(); ++k)
      if (r.position_begin[k + 1] - r.position_begin[k] > 1) {
        with_tie += sf.profile.count(i);
        break;
      }
  }
  CHECK(with_tie == 676);
}

TEST_CASE("PrefLib new layout: ties, meta, title", "[preflib]") {
  const std::string text =
      "# FILE NAME: x.toi\n"
      "# TITLE: A small one\n"
      "# DATA TYPE: toi\n"
      "# NUMBER ALTERNATIVES: 4\n"
      "# NUMBER VOTERS: 9\n"
      "# NUMBER UNIQUE ORDERS: 3\n"
      "# ALTERNATIVE NAME 1: Ann\n"
      "# ALTERNATIVE NAME 2: Bo\n"
      "# ALTERNATIVE NAME 3: Cy\n"
      "# ALTERNATIVE NAME 4: Di\n"
      "5: 2,{1,3},4\n"
      "3: { 4 , 1 }\n"
      "1: 3\n";
  Election e = read_text(text, Format::preflib);
  CHECK(e.title == "A small one");
  REQUIRE(e.num_alternatives() == 4);
  CHECK(e.alternatives[1].id == "2");
  CHECK(e.alternatives[1].name == "Bo");
  CHECK(e.profile.num_ballots() == 9);
  CHECK(ranking_with_count(e, 5) == make({{1}, {0, 2}, {3}}));
  CHECK(ranking_with_count(e, 3) == make({{0, 3}}));
  CHECK(ranking_with_count(e, 1) == make({{2}}));
  REQUIRE(e.meta.size() == 6);
  CHECK(e.meta[0] == std::pair<std::string, std::string>{"FILE NAME", "x.toi"});
  CHECK(e.meta[5].first == "NUMBER UNIQUE ORDERS");

  std::string written = write_election_to_string(e, Format::preflib);
  CHECK(written.find("# DATA TYPE: toi\n") != std::string::npos);
  // Sorted by count, descending.
  CHECK(written.find("5: 2,{1,3},4\n") < written.find("3: {1,4}\n"));
  CHECK(written.find("3: {1,4}\n") < written.find("1: 3\n"));
  CHECK(round_trip(e, Format::preflib).profile.same_ballots(e.profile));
}

TEST_CASE("PrefLib writer picks the most restrictive data type", "[preflib]") {
  auto type_of = [](std::string body, std::uint64_t voters, std::uint64_t orders) {
    std::string text = "# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: " + std::to_string(voters) +
                       "\n# NUMBER UNIQUE ORDERS: " + std::to_string(orders) +
                       "\n# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n# ALTERNATIVE NAME 3: c\n" + body;
    std::string written = write_election_to_string(read_text(text, Format::preflib), Format::preflib);
    auto at = written.find("# DATA TYPE: ");
    return written.substr(at + 13, 3);
  };
  CHECK(type_of("2: 1,2,3\n1: 3,2,1\n", 3, 2) == "soc");
  CHECK(type_of("2: 1,2,3\n1: 3\n", 3, 2) == "soi");
  CHECK(type_of("2: 1,{2,3}\n1: 3,2,1\n", 3, 2) == "toc");
  CHECK(type_of("2: 1,{2,3}\n1: 3\n", 3, 2) == "toi");
}

TEST_CASE("PrefLib old layout", "[preflib]") {
  const std::string text =
      "3\n"
      "1,Alpha\n"
      "2,Beta, with a comma\n"
      "3,Gamma\n"
      "6,6,3\n"
      "3,1,2,3\n"
      "2,2,{1,3}\n"
      "1,3\n";
  Election e = read_text(text, Format::preflib);
  REQUIRE(e.num_alternatives() == 3);
  CHECK(e.alternatives[1].name == "Beta, with a comma");
  CHECK(e.profile.num_ballots() == 6);
  CHECK(ranking_with_count(e, 2) == make({{1}, {0, 2}}));
  CHECK_FALSE(e.notes.empty());
  CHECK(round_trip(e, Format::preflib).profile.same_ballots(e.profile));

  std::string bad = text;
  bad.replace(bad.find("6,6,3"), 5, "6,7,3");
  CHECK_THAT(error_of(bad, Format::preflib), Catch::Contains("t:5: sumOfCounts: the header declares 7 voters"));
}

TEST_CASE("PrefLib categorical files", "[preflib]") {
  const std::string text =
      "# TITLE: Approve or not\n"
      "# DATA TYPE: cat\n"
      "# NUMBER ALTERNATIVES: 4\n"
      "# NUMBER VOTERS: 6\n"
      "# NUMBER UNIQUE PREFERENCES: 3\n"
      "# NUMBER CATEGORIES: 2\n"
      "# CATEGORY NAME 1: Yes\n"
      "# CATEGORY NAME 2: No\n"
      "# ALTERNATIVE NAME 1: A\n"
      "# ALTERNATIVE NAME 2: B\n"
      "# ALTERNATIVE NAME 3: C\n"
      "# ALTERNATIVE NAME 4: D\n"
      "3: {1, 3}, {2,4}\n"
      "2: {},{1,2,3,4}\n"
      "1: 2, {}\n";
  Election e = read_text(text, Format::preflib);
  CHECK(e.profile.num_ballots() == 6);
  REQUIRE(e.meta_value("CATEGORY NAME 2"));
  CHECK(*e.meta_value("CATEGORY NAME 2") == "No");
  CHECK(ranking_with_count(e, 3) == make({{0, 2}, {1, 3}}));
  Ranking no_yes = ranking_with_count(e, 2);
  REQUIRE(no_yes.num_positions() == 2);
  CHECK(no_yes.position_begin[1] == 0);  // empty "Yes" category
  CHECK(ranking_with_count(e, 1) == make({{1}}));

  std::string written = write_election_to_string(e, Format::preflib);
  CHECK(written.find("# DATA TYPE: cat\n") != std::string::npos);
  CHECK(written.find("# CATEGORY NAME 1: Yes\n") != std::string::npos);
  CHECK(written.find("1: 2,{}\n") != std::string::npos);  // the empty category is written back
  CHECK(round_trip(e, Format::preflib).profile.same_ballots(e.profile));

  std::string three = text;
  three.replace(three.find("1: 2, {}"), 8, "1: 2,{},{}");
  CHECK_THAT(error_of(three, Format::preflib), Catch::Contains("t:15: preferences: has 3 categories"));
}

TEST_CASE("PrefLib errors name the line and the field", "[preflib]") {
  const std::string head =
      "# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 4\n# NUMBER UNIQUE ORDERS: 2\n"
      "# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n# ALTERNATIVE NAME 3: c\n";
  CHECK(code_of(head + "3: 1,2\n1: 3\n", Format::preflib) == Errc::ok);
  CHECK_THAT(error_of(head + "2: 1,2\n1: 3\n", Format::preflib),
             Catch::Contains("t:3: NUMBER VOTERS: the header declares 4 voters but the data holds 3"));
  CHECK_THAT(error_of(head + "4: 1,2\n", Format::preflib),
             Catch::Contains("t:4: NUMBER UNIQUE ORDERS: the header declares 2"));
  CHECK_THAT(error_of(head + "3: 1,4\n1: 3\n", Format::preflib),
             Catch::Contains("t:8: order: position 2: alternative 4 is out of range"));
  CHECK_THAT(error_of(head + "3: 1,2,1\n1: 3\n", Format::preflib),
             Catch::Contains("t:8: order: position 3: alternative 1 appears twice"));
  CHECK_THAT(error_of(head + "3: 1,{2,3\n1: 3\n", Format::preflib),
             Catch::Contains("t:8: order: position 2: unterminated '{'"));
  CHECK_THAT(error_of(head + "3: 1,{2,3}\n1: 3\n", Format::preflib),
             Catch::Contains("t:8: order: a tie, but DATA TYPE soi"));
  CHECK_THAT(error_of(head + "x: 1,2\n1: 3\n", Format::preflib),
             Catch::Contains("t:8: count: 'x' is not a non-negative integer"));
  CHECK_THAT(error_of(head + "3 1,2\n1: 3\n", Format::preflib), Catch::Contains("t:8: count: expected 'count: order'"));
  CHECK_THAT(error_of(head + "3: 1,,2\n1: 3\n", Format::preflib), Catch::Contains("t:8: order: position 2"));
  CHECK(code_of(head + "99999999999999999999999: 1\n1: 3\n", Format::preflib) == Errc::limit);
  CHECK_THAT(error_of("# DATA TYPE: soi\n# NUMBER VOTERS: 0\n", Format::preflib),
             Catch::Contains("NUMBER ALTERNATIVES"));
  CHECK_THAT(error_of("# DATA TYPE: wmd\n", Format::preflib), Catch::Contains("t:1: DATA TYPE"));
  CHECK(code_of("# DATA TYPE: wmd\n", Format::preflib) == Errc::unsupported);
  CHECK_THAT(error_of("", Format::preflib), Catch::Contains("t:1: empty file"));
}

TEST_CASE("PrefLib writer refuses what PrefLib cannot hold", "[preflib]") {
  Election e(BallotKind::ranked, {Alternative{"a"}, Alternative{"b"}});
  Ranking overvote;
  overvote.add_position({Mark::overvote});
  e.profile.add_ranking(overvote);
  CHECK_THROWS_MATCHES(write_election_to_string(e, Format::preflib), Error,
                       Catch::Predicate<Error>([](const Error& x) { return x.code() == Errc::unsupported; }));
  Election skip(BallotKind::ranked, {Alternative{"a"}, Alternative{"b"}});
  Ranking r;
  r.add_skipped();
  r.add_position({1});
  skip.profile.add_ranking(r);
  CHECK_THROWS_MATCHES(write_election_to_string(skip, Format::preflib), Error,
                       Catch::Predicate<Error>([](const Error& x) { return x.code() == Errc::unsupported; }));
}

// =====================================================================================
// BLT
// =====================================================================================

namespace {

/// ncand, nseats and the sum of the weights, by a plain scan of the lines.
struct BltFacts {
  std::uint64_t candidates = 0, seats = 0, ballots = 0;
};

BltFacts scan_blt(const fs::path& path) {
  BltFacts f;
  auto lines = lines_of(path);
  std::istringstream first(lines.at(0));
  first >> f.candidates >> f.seats;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string l = lines[i];
    if (l.find_first_not_of(" \t") == std::string::npos) continue;
    if (l[0] == '-' || l[0] == '[') continue;
    if (l == "0") break;
    if (l[0] == '(') l = l.substr(l.find(')') + 1);
    std::istringstream words(l);
    std::uint64_t weight = 0;
    words >> weight;
    f.ballots += weight;
  }
  return f;
}

}  // namespace

TEST_CASE("every BLT file of the shared data reads with its declared counts", "[blt]") {
  if (!data_present(kData / "elections") || !data_present(kData / "droop")) return;
  auto files = files_with(kData / "elections", {".blt"});
  auto droop = files_with(kData / "droop" / "blt", {".blt"});
  files.insert(files.end(), droop.begin(), droop.end());
  REQUIRE(files.size() >= 21 + 4 + 38);
  for (const auto& path : files) {
    INFO(path.string());
    BltFacts facts = scan_blt(path);
    Election e = read_election(path);
    CHECK(e.source_format == "blt");
    CHECK(e.num_alternatives() == facts.candidates);
    REQUIRE(e.seats);
    CHECK(*e.seats == facts.seats);
    CHECK(e.profile.num_ballots() == facts.ballots);
    CHECK_FALSE(e.title.empty());
    for (const auto& a : e.alternatives) CHECK_FALSE(a.name.empty());

    Election back = round_trip(e, Format::blt);
    CHECK(back.profile.same_ballots(e.profile));
    CHECK(back.title == e.title);
    CHECK(back.seats == e.seats);
    for (std::uint32_t k = 0; k < e.num_alternatives(); ++k) {
      CHECK(back.alternatives[k].name == e.alternatives[k].name);
      CHECK(back.alternatives[k].withdrawn == e.alternatives[k].withdrawn);
    }
  }
}

TEST_CASE("Droop's BLT extensions", "[blt]") {
  const fs::path root = kData / "droop" / "blt";
  if (!data_present(root)) return;
  // droop/README.md: SCw and SCwopt withdraw candidate 4, one with "-4", one with "[withdrawn 4]".
  for (const char* f : {"SCw.blt", "SCwopt.blt"}) {
    Election e = read_election(root / f);
    for (std::uint32_t k = 0; k < e.num_alternatives(); ++k) CHECK(e.alternatives[k].withdrawn == (k == 3));
  }
  CHECK_FALSE(read_election(root / "SC.blt").alternatives[3].withdrawn);
  // UTF-8 names, with and without a BOM.
  for (const char* f : {"42u.blt", "42ubom.blt"}) {
    Election e = read_election(root / f);
    CHECK(e.alternatives[0].name == "C\xC3\xA5stor");
    CHECK(e.title == "P\xC3\xB8ll\xC3\xBCx and H\xC3\xA9len should tie");
  }
  // 42t: "[tie 3 2 1]".
  REQUIRE(read_election(root / "42t.blt").meta_value("tie"));
  CHECK(*read_election(root / "42t.blt").meta_value("tie") == "3 2 1");
  // meek/eq1: nicknames and "b=c".
  Election eq1 = read_election(root / "meek" / "eq1.blt");
  CHECK(ranking_with_count(eq1, 5) == make({{0}, {1}}));
  CHECK(ranking_with_count(eq1, 1) == make({{1, 2}}));
  CHECK(ranking_with_count(eq1, 3) == make({{2}}));
  REQUIRE(eq1.alternatives[1].attribute("nick"));
  CHECK(*eq1.alternatives[1].attribute("nick") == "b");
  // mpls/undeclared: "[undeclared 4]".
  Election und = read_election(root / "mpls" / "undeclared.blt");
  REQUIRE(und.meta_value("undeclared"));
  CHECK(*und.meta_value("undeclared") == "4");
  REQUIRE(und.alternatives[3].attribute("undeclared"));
  // M135: source and comment after the title; the free text after them is noted.
  Election m135 = read_election(root / "M135.blt");
  CHECK(m135.title == "M135: Gen v1.1 1 3 45");
  REQUIRE(m135.meta_value("source"));
  CHECK(*m135.meta_value("source") == "Brian Wichmann, email: brian.wichmann@bcs.org.uk");
  REQUIRE(m135.meta_value("comment"));
  CHECK_FALSE(m135.notes.empty());
  // The round trip keeps the options.
  Election back = round_trip(read_election(root / "42t.blt"), Format::blt);
  REQUIRE(back.meta_value("tie"));
  CHECK(*back.meta_value("tie") == "3 2 1");
}

TEST_CASE("Edinburgh wards: the BLT and the scot-elex CSV hold the same ballots", "[blt][csv]") {
  const fs::path root = kData / "elections" / "scotland_edinburgh_wards";
  if (!data_present(root)) return;
  auto blts = files_with(root, {".blt"});
  REQUIRE(blts.size() == 4);
  for (const auto& blt : blts) {
    INFO(blt.string());
    fs::path csv = blt;
    csv.replace_extension(".csv");
    Election a = read_election(blt);
    Election b = read_election(csv);
    CHECK(b.source_format == "scottish");
    CHECK(b.profile.same_ballots(a.profile));
    CHECK(b.seats == a.seats);
    CHECK(b.seats == std::optional<std::uint32_t>(4));  // README: all are 4-seat wards
    REQUIRE(b.alternatives[0].attribute("party"));
    CHECK_FALSE(b.title.empty());
    BltFacts facts = scan_blt(blt);
    CHECK(b.profile.num_ballots() == facts.ballots);
  }
}

TEST_CASE("BLT inline: ties, skips, withdrawn, ids, quoting", "[blt]") {
  const std::string text =
      "4 2\n"
      "-2 -4\n"
      "3 1 2=3 - 4 0\n"
      "# a comment line\n"
      "(b-17) 1 4 1 0\n"
      "2 3 0   # trailing comment\n"
      "1 0\n"
      "0\n"
      "\"Ann \"\"the first\"\"\"\n"
      "Bo Bare\n"
      "\"Cy\"  # comment\n"
      "\"Di\"\n"
      "\"The title\"\n";
  Election e = read_text(text, Format::blt);
  CHECK(e.seats == std::optional<std::uint32_t>(2));
  CHECK(e.alternatives[0].name == "Ann \"the first\"");
  CHECK(e.alternatives[1].name == "Bo Bare");
  CHECK(e.alternatives[2].name == "Cy");
  CHECK(e.title == "The title");
  CHECK_FALSE(e.alternatives[0].withdrawn);
  CHECK(e.alternatives[1].withdrawn);
  CHECK(e.alternatives[3].withdrawn);
  CHECK(e.profile.num_ballots() == 7);
  Ranking three = ranking_with_count(e, 3);
  REQUIRE(three.num_positions() == 4);
  CHECK(three.position_begin[3] == three.position_begin[2]);  // "-" is a skipped rank
  Ranking expected;
  expected.add_position({0});
  expected.add_position({1, 2});
  expected.add_skipped();
  expected.add_position({3});
  CHECK(three == expected);
  CHECK(ranking_with_count(e, 2) == make({{2}}));
  bool id_note = false;
  for (const auto& n : e.notes) id_note = id_note || n.find("id in parentheses") != std::string::npos;
  CHECK(id_note);

  std::string written = write_election_to_string(e, Format::blt);
  CHECK(written.rfind("4 2\n-2 -4\n", 0) == 0);
  CHECK(written.find("3 1 2=3 - 4 0\n") != std::string::npos);
  CHECK(written.find("\"Ann \"\"the first\"\"\"\n") != std::string::npos);
  Election back = read_text(written, Format::blt);
  CHECK(back.profile.same_ballots(e.profile));
  CHECK(back.alternatives[0].name == e.alternatives[0].name);
  CHECK(back.alternatives[3].withdrawn);
}

TEST_CASE("BLT errors name the line and the field", "[blt]") {
  CHECK_THAT(error_of("3 1\n1 1 4 0\n0\nA\nB\nC\nT\n", Format::blt),
             Catch::Contains("t:2: rank 2: candidate 4 is out of range"));
  CHECK_THAT(error_of("3 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n", Format::blt),
             Catch::Contains("t:6: name: expected the name of candidate 3 of 3"));
  CHECK_THAT(error_of("3 1\n1 1 2 0\n0\nA\nB\nC\n", Format::blt), Catch::Contains("t:7: title"));
  CHECK_THAT(error_of("3 1\n1 1 2 0\n", Format::blt),
             Catch::Contains("t:3: ballot: the file ends before the line '0'"));
  CHECK_THAT(error_of("3 1\n1 1 2\n0\nA\nB\nC\nT\n", Format::blt),
             Catch::Contains("t:2: ballot: a ballot line must end with 0"));
  CHECK_THAT(error_of("3 1\n0.5 1 2 0\n0\nA\nB\nC\nT\n", Format::blt),
             Catch::Contains("t:2: weight: fractional weight"));
  CHECK(code_of("3 1\n0.5 1 2 0\n0\nA\nB\nC\nT\n", Format::blt) == Errc::unsupported);
  CHECK(code_of("3 1\n2.0 1 2 0\n0\nA\nB\nC\nT\n", Format::blt) == Errc::ok);
  CHECK_THAT(error_of("3 1\n1 1=1 0\n0\nA\nB\nC\nT\n", Format::blt),
             Catch::Contains("t:2: rank 1: candidate 1 appears twice"));
  CHECK_THAT(error_of("3 1\n1 1= 0\n0\nA\nB\nC\nT\n", Format::blt), Catch::Contains("t:2: rank 1"));
  CHECK_THAT(error_of("3 1\n-7\n1 1 0\n0\nA\nB\nC\nT\n", Format::blt),
             Catch::Contains("t:2: withdrawn: candidate 7 is out of range"));
  CHECK_THAT(error_of("3\n", Format::blt), Catch::Contains("t:1: header"));
  CHECK_THAT(error_of("", Format::blt), Catch::Contains("t:1: empty file"));
  CHECK_THAT(error_of("3 1\n1 1 0\n0\n\"A\nB\nC\nT\n", Format::blt), Catch::Contains("t:4: name: unterminated"));
  CHECK(code_of("3 1\n99999999999999999999999 1 0\n0\nA\nB\nC\nT\n", Format::blt) == Errc::limit);
  CHECK(code_of("3 1\n18446744073709551615 1 0\n1 2 0\n0\nA\nB\nC\nT\n", Format::blt) == Errc::limit);
}

TEST_CASE("BLT writer refuses tokens", "[blt]") {
  Election e(BallotKind::ranked, {Alternative{"a"}, Alternative{"b"}});
  Ranking r;
  r.add_position({0});
  r.add_position({Mark::write_in});
  e.profile.add_ranking(r);
  CHECK_THROWS_MATCHES(write_election_to_string(e, Format::blt), Error,
                       Catch::Predicate<Error>([](const Error& x) { return x.code() == Errc::unsupported; }));
}

// =====================================================================================
// CSV
// =====================================================================================

TEST_CASE("README figures of the ranked CSV elections", "[csv]") {
  const fs::path root = kData / "elections";
  if (!data_present(root)) return;
  SECTION("Minneapolis 2013: 80,101 ballots, 35 candidates besides the tokens") {
    Election e = read_election(root / "minneapolis_2013_mayor/mn_2013_cast_vote_record.csv");
    CHECK(e.source_format == "csv");
    CHECK(e.profile.num_ballots() == 80101);
    CHECK(e.num_alternatives() == 35);
    CHECK(e.find("ABDUL M RAHAMAN \"THE ROCK\""));
    Election back = round_trip(e, Format::csv);
    CHECK(back.profile.same_ballots(e.profile));  // rows in profile order keep the first-seen order
  }
  SECTION("Portland 2024 D1: 43,669 rows, index column ignored") {
    Election e = read_election(root / "portland_2024_council_d1/Portland_D1_raw_votekit_format.csv");
    CHECK(e.profile.num_ballots() == 43669);
    CHECK_FALSE(e.notes.empty());                 // the unnamed index column
    CHECK_FALSE(e.find("Uncertified Write In"));  // a write-in token
    CHECK(round_trip(e, Format::csv).profile.same_ballots(e.profile));
  }
  SECTION("Maine 2018 CD2 aggregated: 296,077 ballots in 1,564 rows") {
    Election e = read_election(root / "maine_2018_cd2/maine_2018_cd2_ballots.csv");
    CHECK(e.profile.num_ballots() == 296077);
    CHECK(e.profile.num_entries() == 1564);
    CHECK(e.find("REP Poliquin, Bruce"));
    CHECK(e.find("DEM Golden, Jared F."));
    CHECK(round_trip(e, Format::csv).profile.same_ballots(e.profile));
  }
}

TEST_CASE("Alaska pattern tables", "[csv]") {
  const fs::path root = kData / "elections" / "alaska_2022_special_us_house";
  if (!data_present(root)) return;
  for (const char* f : {"top-4-house_district.csv", "top-4-precinct.csv"}) {
    INFO(f);
    auto text = lines_of(root / f);
    // Independent facts: count rows are those after the 3 rank rows, less the Total row.
    const std::size_t district_rows = text.size() - 3 - 1;
    Election e = read_election(root / f);
    CHECK(e.source_format == "patterns");
    CHECK(e.profile.num_ballots() == 192289);               // README: ~192,289, the Total row's sum
    CHECK(e.num_alternatives() == 3);                       // Begich, Palin, Peltola; Write-in is a token
    CHECK(e.profile.strata().size() == district_rows + 1);  // + the empty default stratum
    CHECK(e.find("Peltola"));
    // Written as a ranked CSV with a district column, read back.
    Election back = round_trip(e, Format::csv);
    CHECK(same_ballots_by_text(e, back));
  }
}

TEST_CASE("ranked CSV inline: headers, tokens, ties, counts, strata", "[csv]") {
  const std::string text =
      ",2nd Choice,1st choice,Voter ID,count,district\n"
      "0,Bo,Ann,x1,3,North\n"
      "1,OVERVOTE,Cy,x2,1,North\n"
      "2,Ann=Bo,uwi,x3,2,South\n"
      "3,, undervote ,x4,4,South\n";
  Election e = read_text(text, Format::csv);
  REQUIRE(e.num_alternatives() == 3);
  CHECK(e.alternatives[0].id == "Ann");
  CHECK(e.alternatives[1].name == "Bo");
  CHECK(e.profile.num_ballots() == 10);
  CHECK(ranking_with_count(e, 3) == make({{0}, {1}}));
  CHECK(ranking_with_count(e, 1) == make({{2}, {Mark::overvote}}));
  CHECK(ranking_with_count(e, 2) == make({{Mark::write_in}, {0, 1}}));
  CHECK(ranking_with_count(e, 4).num_positions() == 0);
  CHECK(e.profile.strata().size() == 3);
  CHECK(e.notes.size() == 2);  // the unnamed index column and "Voter ID"

  std::string written = write_election_to_string(e, Format::csv);
  CHECK(written.rfind("count,rank1,rank2,district\n", 0) == 0);
  CHECK(written.find("2,UWI,Ann=Bo,South\n") != std::string::npos);
  CHECK(written.find("1,Cy,overvote,North\n") != std::string::npos);
  CHECK(round_trip(e, Format::csv).profile.same_ballots(e.profile));

  // rank_columns given by name; '=' off.
  ReadOptions options;
  options.format = Format::csv;
  options.csv.rank_columns = {"1st choice"};
  options.csv.tie_separator = 0;
  Election one = read_election_from_string(text, options);
  CHECK(one.num_alternatives() == 2);  // Ann, Cy
  CHECK(one.profile.num_ballots() == 10);
}

TEST_CASE("ranked CSV header spellings", "[csv]") {
  for (const char* header :
       {"rank1,rank2", "Rank 1,Rank 2", "choice 1,choice 2", "1st choice,2nd choice", "Rank2,Rank1 ",
        "Rep. to Congress 1st Choice District 2,Rep. to Congress 2nd Choice District 2", "preference_1,preference_2"}) {
    INFO(header);
    Election e = read_text(std::string(header) + "\nA,B\n", Format::csv);
    REQUIRE(e.num_alternatives() == 2);
    bool reversed = std::string(header) == "Rank2,Rank1 ";
    CHECK(e.alternatives[0].id == (reversed ? "B" : "A"));
  }
}

TEST_CASE("ranked CSV errors", "[csv]") {
  CHECK_THAT(error_of("name,age\nA,3\n", Format::csv), Catch::Contains("t:1: header: no rank columns"));
  CHECK_THAT(error_of("rank1,rank2\nA\n", Format::csv), Catch::Contains("t:2: the row has 1 fields, the header 2"));
  CHECK_THAT(error_of("count,rank1\n1.5,A\n", Format::csv), Catch::Contains("t:2: count: fractional weight"));
  CHECK(code_of("count,rank1\n1.5,A\n", Format::csv) == Errc::unsupported);
  CHECK(code_of("count,rank1\n99999999999999999999999,A\n", Format::csv) == Errc::limit);
  CHECK_THAT(error_of("count,rank1\n-1,A\n", Format::csv), Catch::Contains("t:2: count"));
  CHECK_THAT(error_of("rank1\nA=\n", Format::csv),
             Catch::Contains("t:2: rank1: 'A=': a blank or skip mark inside a tie"));
  CHECK_THAT(error_of("rank1\nA=A\n", Format::csv), Catch::Contains("t:2: rank1: 'A' appears twice at one rank"));
  CHECK_THAT(error_of("rank1,rank1\nA,B\n", Format::csv), Catch::Contains("two columns name rank 1"));
  CHECK_THAT(error_of("rank1,channel\nA,pigeon\n", Format::csv), Catch::Contains("t:2: channel"));
  CHECK_THAT(error_of("rank1\n\"A\n", Format::csv), Catch::Contains("t:2: unterminated quoted field"));
  CHECK_THAT(error_of("", Format::csv), Catch::Contains("t:1: empty file"));
}

TEST_CASE("ranked CSV writer: names that would not read back fall back to ids", "[csv]") {
  Election e(BallotKind::ranked, {Alternative{"1", "Kiss"}, Alternative{"2", "Write-In"}});
  e.profile.add_ranking(make({{1}, {0}}), 2);
  std::string written = write_election_to_string(e, Format::csv);
  CHECK(written == "count,rank1,rank2\n2,2,1\n");
  Election bad(BallotKind::ranked, {Alternative{"overvote"}, Alternative{"x=y"}});
  CHECK_THROWS_MATCHES(write_election_to_string(bad, Format::csv), Error,
                       Catch::Predicate<Error>([](const Error& x) { return x.code() == Errc::unsupported; }));
}

TEST_CASE("scot-elex CSV inline", "[csv]") {
  const std::string text =
      "3,2,\n"
      "4,1,2,\n"
      "2,3\n"
      "\"Candidate 1\",\"Ann\",\"Red (R)\",\n"
      "\"Candidate 2\",\"Bo\",\"Blue (B)\",\n"
      "\"Candidate 3\",\"Cy\",\"Green (G)\",\n"
      "\"A Ward\",\n";
  Election e = read_text(text, Format::scottish);
  CHECK(e.seats == std::optional<std::uint32_t>(2));
  CHECK(e.title == "A Ward");
  CHECK(e.alternatives[2].name == "Cy");
  CHECK(*e.alternatives[2].attribute("party") == "Green (G)");
  CHECK(ranking_with_count(e, 4) == make({{0}, {1}}));
  CHECK(e.profile.num_ballots() == 6);
  CHECK_THAT(error_of("3,2,\n4,1,5,\n", Format::scottish), Catch::Contains("t:2: rank 2: candidate 5 is out of range"));
  CHECK_THAT(error_of("3,2,\n4,1,2,\n\"Candidate 1\",\"Ann\",\"R\",\n", Format::scottish),
             Catch::Contains("t:4: name: expected the line of candidate 2"));
  CHECK_THAT(error_of("3,2,\n4,1,2,\n\"Candidate 1\",\"A\",\"R\",\n\"Candidate 3\",\"B\",\"R\",\n", Format::scottish),
             Catch::Contains("t:4: name: expected '\"Candidate 2\""));
}

TEST_CASE("pattern table inline", "[csv]") {
  const std::string text =
      "\"1\",\"A\",\"B\",\"Overvote\",\"Blank\"\n"
      "\"2\",\"B\",\"\",\"A\",\"\"\n"
      "\"North\",\"3\",\"1\",\"0\",\"2\"\n"
      "\"South\",\"1\",\"0\",\"5\",\"0\"\n"
      "\"Total\",\"4\",\"1\",\"5\",\"2\"\n";
  Election e = read_text(text, Format::patterns);
  CHECK(e.num_alternatives() == 2);
  CHECK(e.profile.num_ballots() == 12);  // the Total row is not counted again
  CHECK(e.profile.strata().size() == 3);
  CHECK(e.profile.num_entries() == 5);
  std::string bad = text;
  bad.replace(bad.find("\"Total\",\"4\""), 11, "\"Total\",\"5\"");
  CHECK_THAT(error_of(bad, Format::patterns),
             Catch::Contains("t:5: column 2: the Total row says 5 but the district rows add up to 4"));
  CHECK_THAT(error_of(text + "\"East\",\"1\",\"0\",\"0\",\"0\"\n", Format::patterns),
             Catch::Contains("t:6: a row after the Total row"));
  CHECK_THAT(error_of("\"1\",\"A\"\n\"X\",\"1\",\"2\"\n", Format::patterns),
             Catch::Contains("t:2: the row has 3 cells"));
}
