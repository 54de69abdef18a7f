// SPDX-License-Identifier: Apache-2.0
// Unit tests: the JSON and binary forms hold every model and refuse damage.
#include <catch2/catch.hpp>
#include <sstream>

#include "minga/io/format.hpp"

using namespace minga;

namespace {

Election sample(BallotKind kind) {
  std::vector<Alternative> alts;
  for (const char* id : {"north-park", "library", "bike lane"}) alts.push_back(Alternative{id, std::string("Project ") + id, {}, false, {}});
  alts[0].cost = parse_decimal("1546168.66");
  alts[1].cost = Rational(1, 3);
  alts[2].attributes = {{"category", "transport,green"}, {"selected", "1"}};
  alts[2].withdrawn = kind == BallotKind::ranked;
  Election e(kind, alts);
  e.title = "Sample \"quoted\" title";
  e.meta = {{"country", "Ecuador"}, {"unit", "Quito"}};
  e.budget = parse_decimal("2000000.50");
  e.seats = 2;
  e.notes = {"a note"};
  e.rules.max_length = 2;
  e.rules.max_total_cost = Rational(5);
  e.rules.credits = Integer(100);
  auto north_paper = e.profile.intern_stratum({Channel::paper, "Norte"});
  auto sms = e.profile.intern_stratum({Channel::sms, ""});
  switch (kind) {
    case BallotKind::approval:
      e.profile.add_approval(std::vector<AlternativeIndex>{0, 2}, 3, north_paper);
      e.profile.add_approval(std::vector<AlternativeIndex>{}, 1, sms);
      e.profile.add_approval(std::vector<AlternativeIndex>{1}, 18446744073709551000ull, 0);
      break;
    case BallotKind::ranked: {
      Ranking r;
      r.add_position({2});
      r.add_skipped();
      r.add_position({0, 1});
      r.add_position({Mark::overvote});
      r.add_position({Mark::write_in});
      e.profile.add_ranking(r, 2, north_paper);
      e.profile.add_ranking(Ranking{}, 1, sms);
      break;
    }
    case BallotKind::score:
      e.profile.add_scores(std::vector<Score>{{0, Rational(-1, 3)}, {2, Rational(10)}}, 4, north_paper);
      e.profile.add_scores(std::vector<Score>{}, 1, sms);
      break;
    case BallotKind::quadratic:
      e.profile.add_quadratic(std::vector<QuadraticVote>{{0, -7}, {1, 3}}, 4, north_paper);
      e.profile.add_quadratic(std::vector<QuadraticVote>{{2, 9}}, 1, sms);
      break;
  }
  return e;
}

void check_same(const Election& a, const Election& b) {
  CHECK(a.kind() == b.kind());
  CHECK(a.title == b.title);
  CHECK(a.meta == b.meta);
  CHECK(a.budget == b.budget);
  CHECK(a.seats == b.seats);
  CHECK(a.notes == b.notes);
  CHECK(a.rules == b.rules);
  REQUIRE(a.alternatives.size() == b.alternatives.size());
  for (std::size_t i = 0; i < a.alternatives.size(); ++i) {
    CHECK(a.alternatives[i].id == b.alternatives[i].id);
    CHECK(a.alternatives[i].name == b.alternatives[i].name);
    CHECK(a.alternatives[i].cost == b.alternatives[i].cost);
    CHECK(a.alternatives[i].withdrawn == b.alternatives[i].withdrawn);
    CHECK(a.alternatives[i].attributes == b.alternatives[i].attributes);
  }
  CHECK(a.profile.same_ballots(b.profile));
}

}  // namespace

TEST_CASE("JSON and binary round-trip every ballot model", "[json][binary]") {
  for (auto kind : {BallotKind::approval, BallotKind::ranked, BallotKind::score, BallotKind::quadratic}) {
    INFO(ballot_kind_name(kind));
    Election e = sample(kind);
    std::string json = write_election_to_string(e, Format::json);
    check_same(e, read_election_from_string(json, ReadOptions{Format::json, {}, "x.json"}));
    std::string bin = write_election_to_string(e, Format::binary);
    check_same(e, read_election_from_string(bin, ReadOptions{Format::binary, {}, "x.mingab"}));
    CHECK(bin.size() < json.size());
    // Detection by content.
    CHECK(read_election_from_string(json, ReadOptions{}).kind() == kind);
    CHECK(read_election_from_string(bin, ReadOptions{}).kind() == kind);
  }
}

TEST_CASE("JSON errors name the line or the field", "[json]") {
  ReadOptions json{Format::json, {}, "in.json"};
  CHECK_THROWS_WITH(read_election_from_string("{\n\"schema\": \"minga.election/1\",\n\"kind\": \n}", json),
                    Catch::Contains("in.json:4:"));
  CHECK_THROWS_WITH(read_election_from_string(R"({"schema":"minga.election/9","kind":"approval","alternatives":[],"ballots":[]})", json),
                    Catch::Contains("schema"));
  const char* unknown = R"({"schema":"minga.election/1","kind":"approval","alternatives":["a","b"],
                           "ballots":[{"approve":["a"]},{"approve":["b","zz"]}]})";
  CHECK_THROWS_WITH(read_election_from_string(unknown, json), Catch::Contains("in.json: ballots[1].approve[1]: unknown alternative 'zz'"));
  const char* twice = R"({"schema":"minga.election/1","kind":"approval","alternatives":["a","b"],"ballots":[{"approve":["a","a"]}]})";
  CHECK_THROWS_WITH(read_election_from_string(twice, json), Catch::Contains("ballots[0]"));
  const char* dup = R"({"schema":"minga.election/1","kind":"ranked","alternatives":["a","a"],"ballots":[]})";
  CHECK_THROWS_WITH(read_election_from_string(dup, json), Catch::Contains("duplicate id"));
  const char* cost = R"({"schema":"minga.election/1","kind":"approval","alternatives":[{"id":"a","cost":"12,5"}],"ballots":[]})";
  CHECK_THROWS_WITH(read_election_from_string(cost, json), Catch::Contains("alternatives[0].cost"));
  const char* neg = R"({"schema":"minga.election/1","kind":"approval","alternatives":["a"],"ballots":[{"count":-2,"approve":[]}]})";
  CHECK_THROWS_WITH(read_election_from_string(neg, json), Catch::Contains("ballots[0].count"));
  const char* token = R"({"schema":"minga.election/1","kind":"ranked","alternatives":["a"],"ballots":[{"rank":[[{"token":"maybe"}]]}]})";
  CHECK_THROWS_WITH(read_election_from_string(token, json), Catch::Contains("unknown token"));
  CHECK_THROWS_AS(read_election_from_string("{\"schema\": \"minga.election/1\", \"kind\": \"approval\xff\"}", json), Error);
}

TEST_CASE("Binary damage is detected, never trusted", "[binary]") {
  Election e = sample(BallotKind::ranked);
  const std::string bin = write_election_to_string(e, Format::binary);
  ReadOptions opts{Format::binary, {}, "x.mingab"};
  for (std::size_t i = 0; i < bin.size(); i += 7) {  // flip one bit anywhere
    std::string bad = bin;
    bad[i] = static_cast<char>(bad[i] ^ 0x10);
    CHECK_THROWS_AS(read_election_from_string(bad, opts), Error);
  }
  for (std::size_t n : {std::size_t{0}, std::size_t{4}, std::size_t{5}, bin.size() / 2, bin.size() - 1})
    CHECK_THROWS_AS(read_election_from_string(bin.substr(0, n), opts), Error);
  CHECK_THROWS_WITH(read_election_from_string(bin.substr(0, bin.size() - 3), opts), Catch::Contains("x.mingab"));
}

TEST_CASE("JSON numbers beyond a double are refused, not a crash (fuzz regression)", "[json]") {
  ReadOptions json{Format::json, {}, "in.json"};
  CHECK_THROWS_WITH(read_election_from_string("1e999", json), Catch::Contains("in.json: invalid JSON"));
  CHECK_THROWS_AS(read_election_from_string(R"({"schema":"minga.election/1","kind":"approval","alternatives":["a"],"ballots":[{"count":1e999,"approve":[]}]})", json), Error);
}
