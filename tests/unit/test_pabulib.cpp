// SPDX-License-Identifier: Apache-2.0
// Tests of the pabulib .pb reader and writer, on real files and small crafted ones.
#include <algorithm>
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

const fs::path kPabulibDir = fs::path(MINGA_SHARED_DATA) / "pabulib";

// The real .pb files, or none (after a visible skip) when the data folder is absent.
std::vector<fs::path> real_files() {
  std::vector<fs::path> files;
  if (!fs::is_directory(kPabulibDir)) {
    WARN("SKIPPED: no pabulib data at " << kPabulibDir.string());
    return files;
  }
  for (const auto& entry : fs::directory_iterator(kPabulibDir))
    if (entry.path().extension() == ".pb") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of a text without their line endings (independent of the reader).
std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The value of a META key as the file writes it ("num_votes;6586" -> "6586").
std::string declared(const std::string& text, const std::string& key) {
  for (const auto& line : text_lines(text))
    if (line.rfind(key + ";", 0) == 0) return line.substr(key.size() + 1);
  return {};
}

// Splits on a character, no quoting (VOTES rows of the real files hold no quotes).
std::vector<std::string> cut(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

// The VOTES rows of a file as column -> value maps.
std::vector<std::map<std::string, std::string>> vote_rows(const std::string& text) {
  std::vector<std::map<std::string, std::string>> rows;
  auto lines = text_lines(text);
  auto votes = std::find(lines.begin(), lines.end(), "VOTES");
  if (votes == lines.end() || votes + 1 == lines.end()) return rows;
  const auto header = cut(*(votes + 1), ';');
  for (auto it = votes + 2; it != lines.end(); ++it) {
    if (it->empty()) continue;
    auto fields = cut(*it, ';');
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(row);
  }
  return rows;
}

// A real file read once and kept for the other test cases (the big ones are slow in Debug builds).
const Election& real(const fs::path& path) {
  static std::map<fs::path, Election> cache;
  auto it = cache.find(path);
  if (it == cache.end()) it = cache.emplace(path, read_election(path)).first;
  return it->second;
}

Election read_text(const std::string& text) {
  ReadOptions options;
  options.format = Format::pabulib;
  options.display_name = "t.pb";
  return read_election_from_string(text, options);
}

std::string error_of(const std::string& text) {
  try {
    read_text(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// Ballots that list each alternative, and for score ballots the points each got.
struct Tally {
  std::vector<std::uint64_t> listed;
  std::vector<Rational> points;
  std::vector<std::uint64_t> positional;  // ranked: sum of (max_length - rank index)
};

Tally tally(const Election& e, std::uint32_t ranks = 0) {
  Tally t{std::vector<std::uint64_t>(e.num_alternatives()), std::vector<Rational>(e.num_alternatives()),
          std::vector<std::uint64_t>(e.num_alternatives())};
  std::vector<AlternativeIndex> ids;
  Ranking ranking;
  std::vector<Score> scores;
  for (std::size_t entry = 0; entry < e.profile.num_entries(); ++entry) {
    const std::uint64_t n = e.profile.count(entry);
    switch (e.kind()) {
      case BallotKind::approval:
        e.profile.approval(entry, ids);
        for (auto a : ids) t.listed[a] += n;
        break;
      case BallotKind::ranked:
        e.profile.ranking(entry, ranking);
        for (std::size_t k = 0; k < ranking.marks.size(); ++k) {
          t.listed[ranking.marks[k]] += n;
          if (ranks > k) t.positional[ranking.marks[k]] += n * (ranks - k);
        }
        break;
      case BallotKind::score:
        e.profile.scores(entry, scores);
        for (const auto& s : scores) {
          t.listed[s.alternative] += n;
          t.points[s.alternative] += s.points * n;
        }
        break;
      case BallotKind::quadratic: break;
    }
  }
  return t;
}

std::uint64_t ballots_with_channel(const Election& e, Channel channel) {
  auto per = e.profile.ballots_per_stratum();
  std::uint64_t n = 0;
  for (std::size_t s = 0; s < per.size(); ++s)
    if (e.profile.strata()[s].channel == channel) n += per[s];
  return n;
}

bool has_note(const Election& e, const std::string& text) {
  return std::any_of(e.notes.begin(), e.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("pabulib: every real file reads and agrees with the counts it declares", "[pabulib]") {
  const auto files = real_files();
  if (files.empty()) return;
  for (const auto& path : files) {
    INFO(path.filename().string());
    const std::string text = file_text(path);
    const Election& e = real(path);
    CHECK(e.source_format == "pabulib");
    CHECK(std::to_string(e.profile.num_ballots()) == declared(text, "num_votes"));
    CHECK(std::to_string(e.num_alternatives()) == declared(text, "num_projects"));
    CHECK(e.title == declared(text, "description"));
    CHECK(e.budget == parse_decimal(declared(text, "budget")));

    const std::string type = declared(text, "vote_type");
    if (type == "approval" || type == "choose-1")
      CHECK(e.kind() == BallotKind::approval);
    else if (type == "ordinal")
      CHECK(e.kind() == BallotKind::ranked);
    else if (type == "cumulative" || type == "scoring")
      CHECK(e.kind() == BallotKind::score);
    else
      FAIL("vote_type " << type);
    if (type == "choose-1") {
      CHECK(e.rules.min_length == 1u);
      CHECK(e.rules.max_length == 1u);
    }

    // The PROJECTS section declares the votes (and score) of each project.
    const std::string max_length = declared(text, "max_length");
    const Tally t = tally(e, max_length.empty() ? 0u : static_cast<std::uint32_t>(std::stoul(max_length)));
    for (std::size_t i = 0; i < e.num_alternatives(); ++i) {
      const Alternative& a = e.alternatives[i];
      INFO("project " << a.id);
      REQUIRE(a.cost);
      if (const std::string* votes = a.attribute("votes")) CHECK(std::to_string(t.listed[i]) == *votes);
      if (const std::string* score = a.attribute("score")) {
        if (e.kind() == BallotKind::score) CHECK(to_exact_string(t.points[i]) == *score);
        if (e.kind() == BallotKind::ranked) CHECK(std::to_string(t.positional[i]) == *score);
      }
    }
  }
}

TEST_CASE("pabulib: voting_method and district become strata", "[pabulib]") {
  if (real_files().empty()) return;
  for (const char* name : {"Poland_Lodz_2022.pb", "Poland_Warszawa_2026.pb", "Poland_Warszawa_2023_Wesola.pb"}) {
    INFO(name);
    const std::string text = file_text(kPabulibDir / name);
    const Election& e = real(kPabulibDir / name);
    std::uint64_t internet = 0, paper = 0;
    std::map<std::string, std::uint64_t> neighborhoods;
    for (const auto& row : vote_rows(text)) {
      internet += row.at("voting_method") == "internet";
      paper += row.at("voting_method") == "paper";
      if (row.count("neighborhood")) ++neighborhoods[row.at("neighborhood")];
    }
    CHECK(internet + paper == e.profile.num_ballots());
    CHECK(ballots_with_channel(e, Channel::online) == internet);
    CHECK(ballots_with_channel(e, Channel::paper) == paper);
    for (const auto& [district, n] : neighborhoods) {
      std::uint64_t got = 0;
      auto per = e.profile.ballots_per_stratum();
      for (std::size_t s = 0; s < per.size(); ++s)
        if (e.profile.strata()[s].district == district) got += per[s];
      CHECK(got == n);
    }
    CHECK(has_note(e, "voter column 'age' is not kept in the profile"));
    CHECK(has_note(e, "voter column 'sex' is not kept in the profile"));
  }
}

TEST_CASE("pabulib: exact decimal budget and quoted names of real files", "[pabulib]") {
  if (real_files().empty()) return;
  const Election& krakow = real(kPabulibDir / "Poland_Krakow_2024_Stare_Miasto.pb");
  REQUIRE(krakow.budget);
  CHECK(*krakow.budget == Rational(154616866, 100));
  CHECK(krakow.alternatives[0].id == "BO.D1.3/24");
  CHECK(*krakow.alternatives[0].attribute("category") == "infrastructure");

  const Election& wieliczka = real(kPabulibDir / "Poland_Wieliczka_2023_Green_Budget.pb");
  auto i80 = wieliczka.find("80");
  REQUIRE(i80);
  CHECK(wieliczka.alternatives[*i80].name == "Drzewne przytulasy i relaksacyjne gniazda w Parku \"Stok pod Baranem\"");
  CHECK(*wieliczka.alternatives[*i80].attribute("latitude") == "49.9809469419258");

  const Election& lodz = real(kPabulibDir / "Poland_Lodz_2022.pb");
  auto l026 = lodz.find("L026");
  REQUIRE(l026);
  CHECK(lodz.alternatives[*l026].name ==
        "\"Przywracamy \"Paradę Wolności\". \"City of dreams\" - Festiwal muzyki elektronicznej.\" Lokalizacja: Łódź");
}

TEST_CASE("pabulib: write then read gives the same election for every real file", "[pabulib]") {
  for (const auto& path : real_files()) {
    INFO(path.filename().string());
    const Election& original = real(path);
    const std::string written = write_election_to_string(original, Format::pabulib);
    const Election back = read_text(written);
    CHECK(back.kind() == original.kind());
    CHECK(back.profile.same_ballots(original.profile));
    CHECK(back.budget == original.budget);
    CHECK(back.rules == original.rules);
    CHECK(back.meta == original.meta);
    CHECK(back.title == original.title);
    REQUIRE(back.num_alternatives() == original.num_alternatives());
    for (std::size_t i = 0; i < original.num_alternatives(); ++i) {
      CHECK(back.alternatives[i].id == original.alternatives[i].id);
      CHECK(back.alternatives[i].cost == original.alternatives[i].cost);
      CHECK(back.alternatives[i].name == original.alternatives[i].name);
      CHECK(back.alternatives[i].attributes == original.alternatives[i].attributes);
    }
    CHECK(write_election_to_string(back, Format::pabulib) == written);
  }
}

TEST_CASE("pabulib: CRLF, quotes, spaces after ';' and decimals", "[pabulib]") {
  const std::string text =
      "\xEF\xBB\xBFMETA\r\n"
      "key;value\r\n"
      "description; \"A; \"\"quoted\"\" title\"\r\n"
      "num_projects; 3\r\n"
      "num_votes; 3\r\n"
      "budget; 1546168.66\r\n"
      "vote_type; approval\r\n"
      "PROJECTS\r\n"
      "project_id; cost; name; category\r\n"
      "p1; 100.5; \"Park; \"\"green\"\"\"; environment,sport\r\n"
      "p2; 2e3; Plain; \r\n"
      "p 3; 0; ; x\r\n"
      "VOTES\r\n"
      "voter_id; vote\r\n"
      "a; p1, p 3\r\n"
      "b; \"p2,p1\"\r\n"
      "c;\r\n";
  const Election e = read_text(text);
  CHECK(e.title == "A; \"quoted\" title");
  CHECK(*e.budget == Rational(154616866, 100));
  REQUIRE(e.num_alternatives() == 3);
  CHECK(e.alternatives[0].name == "Park; \"green\"");
  CHECK(*e.alternatives[0].cost == Rational(201, 2));
  CHECK(*e.alternatives[1].cost == 2000);
  CHECK(e.alternatives[2].id == "p 3");
  CHECK(*e.alternatives[0].attribute("category") == "environment,sport");
  CHECK(e.alternatives[1].attribute("category")->empty());
  CHECK(e.profile.num_ballots() == 3);

  Profile expected(BallotKind::approval, 3);
  expected.add_approval(std::vector<AlternativeIndex>{0, 2});
  expected.add_approval(std::vector<AlternativeIndex>{0, 1});
  expected.add_approval(std::vector<AlternativeIndex>{});  // a blank ballot
  CHECK(e.profile.same_ballots(expected));

  // Lone CR and LF line ends mean the same.
  std::string lf = text, cr = text;
  lf.erase(std::remove(lf.begin(), lf.end(), '\r'), lf.end());
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  cr.erase(std::unique(cr.begin(), cr.end(), [](char a, char b) { return a == '\r' && b == '\r'; }), cr.end());
  CHECK(read_text(lf).profile.same_ballots(expected));
  CHECK(read_text(cr).profile.same_ballots(expected));

  // Written back, the quoted values survive.
  const Election back = read_text(write_election_to_string(e, Format::pabulib));
  CHECK(back.title == e.title);
  CHECK(back.alternatives[0].name == "Park; \"green\"");
  CHECK(back.profile.same_ballots(e.profile));
}

TEST_CASE("pabulib: ordinal, cumulative, scoring and choose-1 votes", "[pabulib]") {
  const std::string head = "META\nkey;value\nnum_projects;3\nbudget;10\n";
  const std::string projects = "PROJECTS\nproject_id;cost\nx;1\ny;2\nz;3\n";

  SECTION("ordinal keeps the listed order, one project per rank") {
    const Election e = read_text(head + "vote_type;ordinal\n" + projects + "VOTES\nvoter_id;vote\n1;z,x\n2;y\n");
    REQUIRE(e.kind() == BallotKind::ranked);
    Ranking zx;
    zx.add_position({2});
    zx.add_position({0});
    Ranking y;
    y.add_position({1});
    Profile expected(BallotKind::ranked, 3);
    expected.add_ranking(zx);
    expected.add_ranking(y);
    CHECK(e.profile.same_ballots(expected));
  }
  SECTION("cumulative points are exact and paired with the vote list") {
    const Election e = read_text(head + "vote_type;cumulative\nmax_sum_points;10\n" + projects +
                                 "VOTES\nvoter_id;vote;points\n1;z,x;7,3\n2;y;2.5\n");
    REQUIRE(e.kind() == BallotKind::score);
    CHECK(e.rules.max_total_points == Rational(10));
    Profile expected(BallotKind::score, 3);
    expected.add_scores(std::vector<Score>{{2, Rational(7)}, {0, Rational(3)}});
    expected.add_scores(std::vector<Score>{{1, Rational(5, 2)}});
    CHECK(e.profile.same_ballots(expected));
    CHECK(read_text(write_election_to_string(e, Format::pabulib)).profile.same_ballots(expected));
  }
  SECTION("scoring allows negative points; the writer orders points from most to least") {
    const Election e = read_text(head + "vote_type;scoring\nmin_points;-2\nmax_points;2\n" + projects +
                                 "VOTES\nvoter_id;vote;points\n1;x,y,z;-2,2,1\n");
    CHECK(e.rules.min_points == Rational(-2));
    CHECK(e.rules.max_points == Rational(2));
    const std::string written = write_election_to_string(e, Format::pabulib);
    CHECK(written.find("\n1;y,z,x;2,1,-2\n") != std::string::npos);
    CHECK(written.find("vote_type;scoring\n") != std::string::npos);
  }
  SECTION("choose-1 is approval with exactly one project unless META says otherwise") {
    const Election one = read_text(head + "vote_type;choose-1\n" + projects + "VOTES\nvoter_id;vote\n1;x\n2;y\n");
    CHECK(one.kind() == BallotKind::approval);
    CHECK(one.rules.min_length == 1u);
    CHECK(one.rules.max_length == 1u);
    const std::string written = write_election_to_string(one, Format::pabulib);
    CHECK(written.find("vote_type;choose-1\n") != std::string::npos);
    CHECK(written.find("max_length") == std::string::npos);  // implied by choose-1
    const Election two =
        read_text(head + "vote_type;choose-1\nmax_length;2\n" + projects + "VOTES\nvoter_id;vote\n1;x,y\n");
    CHECK(two.rules.max_length == 2u);
  }
  SECTION("a points column is required for cumulative votes") {
    CHECK_THAT(error_of(head + "vote_type;cumulative\n" + projects + "VOTES\nvoter_id;vote\n1;x\n"),
               Catch::Contains("t.pb:12: points: the VOTES header has no 'points' column"));
    CHECK_THAT(error_of(head + "vote_type;cumulative\n" + projects + "VOTES\nvoter_id;vote;points\n1;x,y;3\n"),
               Catch::Contains("t.pb:13: points: the points list and the vote list differ in length (1 and 2)"));
  }
}

TEST_CASE("pabulib: META constraints become ballot rules that check_ballot_rules applies", "[pabulib]") {
  const Election e = read_text(
      "META\nkey;value\nnum_projects;3\nnum_votes;4\nbudget;100\nvote_type;approval\n"
      "min_length;2\nmax_length;2\nmax_sum_cost;50\n"
      "PROJECTS\nproject_id;cost\na;10\nb;20\nc;40\n"
      "VOTES\nvoter_id;vote\n1;a,b\n2;a\n3;b,c\n4;a,b,c\n");
  CHECK(e.rules.min_length == 2u);
  CHECK(e.rules.max_length == 2u);
  CHECK(e.rules.max_total_cost == Rational(50));
  std::map<std::string, std::uint64_t> broken;
  for (const auto& v : check_ballot_rules(e)) broken[v.rule] = v.ballots;
  CHECK(broken == std::map<std::string, std::uint64_t>{{"min_length", 1}, {"max_length", 1}, {"max_total_cost", 2}});

  const Election cumulative = read_text(
      "META\nkey;value\nvote_type;cumulative\nmax_sum_points;10\nmax_points;6\nmin_sum_points;4\n"
      "PROJECTS\nproject_id;cost\na;10\nb;20\n"
      "VOTES\nvoter_id;vote;points\n1;a,b;6,4\n2;a;7\n3;a,b;6,5\n4;b;1\n");
  broken.clear();
  for (const auto& v : check_ballot_rules(cumulative)) broken[v.rule] = v.ballots;
  CHECK(broken ==
        std::map<std::string, std::uint64_t>{{"max_points", 1}, {"max_total_points", 1}, {"min_total_points", 1}});
}

TEST_CASE("pabulib: voter columns and channels", "[pabulib]") {
  const Election e = read_text(
      "META\nkey;value\nvote_type;approval\n"
      "PROJECTS\nproject_id;cost\na;1\n"
      "VOTES\nvoter_id;vote;age;voting_method;neighborhood;district\n"
      "1;a;30;internet;N1;D1\n2;a;40;paper;N2;D1\n3;a;50;carrier pigeon;N1;D2\n4;;;;;\n");
  CHECK(has_note(e, "voter column 'age' is not kept in the profile"));
  CHECK(has_note(e, "voter column 'neighborhood' is not kept in the profile"));
  CHECK(has_note(e, "'carrier pigeon'"));
  std::map<std::pair<Channel, std::string>, std::uint64_t> per;
  auto counts = e.profile.ballots_per_stratum();
  for (std::size_t s = 0; s < counts.size(); ++s)
    if (counts[s]) per[{e.profile.strata()[s].channel, e.profile.strata()[s].district}] = counts[s];
  CHECK(per == std::map<std::pair<Channel, std::string>, std::uint64_t>{{{Channel::unspecified, ""}, 1},
                                                                        {{Channel::online, "D1"}, 1},
                                                                        {{Channel::paper, "D1"}, 1},
                                                                        {{Channel::other, "D2"}, 1}});
  const std::string written = write_election_to_string(e, Format::pabulib);
  CHECK(written.find("voter_id;vote;voting_method;district\n") != std::string::npos);
  CHECK(written.find(";internet;D1\n") != std::string::npos);
  CHECK(read_text(written).profile.same_ballots(e.profile));
}

TEST_CASE("pabulib: errors name the line and the field", "[pabulib]") {
  const std::string meta = "META\nkey;value\nvote_type;approval\n";
  CHECK_THAT(error_of(""), Catch::Contains("t.pb:1: empty file"));
  CHECK_THAT(error_of("PROJECTS\n"), Catch::Contains("t.pb:1: a pabulib file starts with the line META"));
  CHECK_THAT(error_of("META\nkey;value\nvote_type;approve\nPROJECTS\n"),
             Catch::Contains("t.pb:3: vote_type: unknown vote_type 'approve'"));
  try {
    read_text("META\nkey;value\nvote_type;quadratic\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::unsupported);
    CHECK(e.where().line == 3);
    CHECK(e.where().field == "vote_type");
  }
  CHECK_THAT(error_of(meta + "VOTES\n"), Catch::Contains("t.pb:4: unexpected section title VOTES in the META section"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;name\n"),
             Catch::Contains("t.pb:5: cost: the PROJECTS header has no 'cost' column"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost;cost\n"), Catch::Contains("t.pb:5: cost: column named twice"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1\n\nb;2\nVOTES\n"), Catch::Contains("t.pb:7: empty line"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1;x\n"),
             Catch::Contains("t.pb:6: expected 2 fields as in the header on line 5, found 3"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1,5\n"),
             Catch::Contains("t.pb:6: cost: '1,5' is not a decimal number"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a,a\n"),
             Catch::Contains("t.pb:9: vote: project 'a' is listed twice"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a,\n"),
             Catch::Contains("t.pb:9: vote: empty project id"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n;a\n"),
             Catch::Contains("t.pb:9: voter_id: empty voter id"));
  // Duplicate voters are found whatever the order of the ids.
  const std::string votes = meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n";
  CHECK_THAT(error_of(votes + "5;a\n3;a\n5;a\n"),
             Catch::Contains("t.pb:11: voter_id: duplicate voter id '5' (first on line 9)"));
  CHECK_THAT(error_of(votes + "9;a\n10;a\n9;a\n"),
             Catch::Contains("t.pb:11: voter_id: duplicate voter id '9' (first on line 9)"));
  CHECK_THAT(error_of(votes + "10;a\n9;a\n10;a\n"),
             Catch::Contains("t.pb:11: voter_id: duplicate voter id '10' (first on line 9)"));
  CHECK_THAT(error_of(votes + "x;a\nz;a\ny;a\ny;a\n"),
             Catch::Contains("t.pb:12: voter_id: duplicate voter id 'y' (first on line 11)"));
  CHECK(read_text(votes + "2;a\n1;a\n3;a\n10;a\n01;a\n").profile.num_ballots() == 5);
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\nMETA\n"),
             Catch::Contains("t.pb:10: unexpected section title META in the VOTES section"));
  CHECK_THAT(error_of(meta + "num_projects;2\nPROJECTS\nproject_id;cost\na;1\nVOTES\n"),
             Catch::Contains("t.pb:4: num_projects: META declares 2 projects but the PROJECTS section lists 1"));
  CHECK_THAT(error_of(meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\n"),
             Catch::Contains("t.pb:7: the VOTES section needs a header line"));
  // Blank lines at the very end are harmless.
  CHECK(read_text(meta + "PROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;a\n\n\n").profile.num_ballots() == 1);
}

TEST_CASE("pabulib: absurd numbers fail fast with a limit error", "[pabulib]") {
  try {
    read_text("META\nkey;value\nvote_type;approval\nbudget;1e999999\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::limit);
    CHECK(e.where().line == 4);
    CHECK(e.where().field == "budget");
  }
  try {
    read_text("META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\na;" + std::string(10000, '9') + "\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::limit);
    CHECK(e.where().line == 6);
    CHECK(e.where().field == "cost");
  }
}

TEST_CASE("pabulib: the writer", "[pabulib]") {
  std::vector<Alternative> alternatives(2);
  alternatives[0].id = "a";
  alternatives[0].cost = Rational(1, 3);
  alternatives[0].attributes = {{"category", "x"}};
  alternatives[1].id = "b";
  alternatives[1].cost = Rational(5);
  alternatives[1].name = "B; \"b\"";
  alternatives[1].attributes = {{"votes", "7"}, {"category", "y"}};

  SECTION("an election without metadata gets the required META keys") {
    Election e(BallotKind::approval, alternatives);
    e.title = "Built in memory";
    e.budget = Rational(11, 2);
    e.rules.max_length = 1;
    e.profile.add_approval(std::vector<AlternativeIndex>{0}, 3);
    e.profile.add_approval(std::vector<AlternativeIndex>{0, 1}, 1,
                           e.profile.intern_stratum(Stratum{Channel::kiosk, "north"}));
    const std::string text = write_election_to_string(e, Format::pabulib);
    for (const char* line : {"description;Built in memory\n", "num_projects;2\n", "num_votes;4\n", "budget;5.5\n",
                             "vote_type;approval\n", "rule;unknown\n", "max_length;1\n",
                             "project_id;cost;name;category;votes\n", "a;1/3;;x;\n", "b;5;\"B; \"\"b\"\"\";y;7\n",
                             "voter_id;vote;voting_method;district\n", "1;a;;\n", "3;a;;\n", "4;a,b;kiosk;north\n"})
      CHECK_THAT(text, Catch::Contains(line));
    const Election back = read_text(text);
    CHECK(back.profile.same_ballots(e.profile));
    CHECK(back.alternatives[0].cost == Rational(1, 3));
    CHECK(back.budget == e.budget);
    CHECK(back.rules == e.rules);
  }
  SECTION("elections pabulib cannot hold are refused") {
    Election quadratic(BallotKind::quadratic, alternatives);
    CHECK_THROWS_MATCHES(write_election_to_string(quadratic, Format::pabulib), Error,
                         Catch::Predicate<Error>([](const Error& e) { return e.code() == Errc::unsupported; }));
    Election tie(BallotKind::ranked, alternatives);
    Ranking both;
    both.add_position({0, 1});
    tie.profile.add_ranking(both);
    CHECK_THROWS_WITH(write_election_to_string(tie, Format::pabulib), Catch::Contains("exactly one project per rank"));
    Election twice(BallotKind::ranked, alternatives);
    Ranking again;
    again.add_position({0});
    again.add_position({0});
    twice.profile.add_ranking(again);
    CHECK_THROWS_WITH(write_election_to_string(twice, Format::pabulib), Catch::Contains("ranks 'a' twice"));
    Election no_cost(BallotKind::approval, alternatives);
    no_cost.alternatives[1].cost.reset();
    CHECK_THROWS_WITH(write_election_to_string(no_cost, Format::pabulib), Catch::Contains("project 'b' has no cost"));
    Election comma(BallotKind::approval, alternatives);
    comma.alternatives[1].id = "b,c";
    CHECK_THROWS_WITH(write_election_to_string(comma, Format::pabulib), Catch::Contains("holds a comma"));
  }
}
