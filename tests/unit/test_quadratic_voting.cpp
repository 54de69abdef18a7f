// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_quadratic_voting.cpp - quadratic voting: validation, tallies, Taiwan 2019 ballots.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "minga/quadratic/voting.hpp"

namespace fs = std::filesystem;
using namespace minga;

namespace {

const fs::path kTaiwan = fs::path(MINGA_SHARED_DATA) / "qf" / "taiwan_hackathon_2019_qv";

QvInput rows_from_csv(const std::string& text) {
  std::istringstream in(text);
  return read_qv_rows(in, "poll.csv", false);
}

QvRules budget(long credits) {
  QvRules r;
  r.credits = Integer(credits);
  return r;
}

const QvOptionTotal& option(const QvResult& r, const std::string& id) {
  for (const auto& o : r.options)
    if (o.id == id) return o;
  FAIL("no option " << id);
  throw;
}

}  // namespace

TEST_CASE("QV: votes, credits and voters per option", "[quadratic][qv]") {
  auto input = rows_from_csv(
      "voter,option,votes,channel\n"
      "ana,parks,3,online\n"
      "ana,buses,-1,online\n"
      "ben,parks,1,paper\n"
      "ben,buses,2,paper\n"
      "ben,library,0,paper\n");
  QvRules rules = budget(10);
  rules.allow_negative = true;
  QvResult r = tally_qv(validate_qv(input, rules), rules);
  CHECK(r.accepted == 2);
  CHECK(r.rejected.empty());
  CHECK(option(r, "parks").votes == 4);
  CHECK(option(r, "parks").credits == 10);
  CHECK(option(r, "parks").voters == 2);
  CHECK(option(r, "buses").votes == 1);
  CHECK(option(r, "buses").votes_for == 2);
  CHECK(option(r, "buses").votes_against == 1);
  CHECK(option(r, "buses").credits == 5);
  CHECK(option(r, "library").voters == 0);
  CHECK(r.credits_spent == 15);
  CHECK(r.exhausted == 1);  // ana: 9 + 1
  REQUIRE(r.spending.size() == 2);
  CHECK(r.spending[0].credits == 5);
  CHECK(r.spending[1].credits == 10);
  CHECK(r.options[r.order[0]].id == "parks");
  REQUIRE(r.strata.size() == 2);
  CHECK(r.strata[0].stratum.channel == Channel::online);
  CHECK(r.strata[0].votes[0] == 3);
  CHECK(r.strata[1].stratum.channel == Channel::paper);
  CHECK(r.strata[1].credits == 5);
}

TEST_CASE("QV: each bad ballot is rejected with its reason and line; the others still count", "[quadratic][qv]") {
  auto input = rows_from_csv(
      "voter,option,votes\n"
      "over,a,3\n"    // 2
      "over,b,2\n"    // 3: 9 + 4 = 13 > 10
      "frac,a,1.5\n"  // 4
      "neg,a,-1\n"    // 5
      "dup,a,1\n"     // 6
      "dup,a,2\n"     // 7
      "far,b,4\n"     // 8: 16 > 10 and 4 > floor(sqrt 10)
      "good,a,1\n"    // 9
      "good,b,3\n");  // 10
  QvRules rules = budget(10);
  QvBallots ballots = validate_qv(input, rules);
  QvResult r = tally_qv(ballots, rules);
  CHECK(r.accepted == 1);
  CHECK(r.rejected_ballots == 5);
  std::map<std::string, QvRejection> by_voter;
  for (const auto& x : r.rejected) by_voter[x.voter] = x;
  CHECK(by_voter.at("over").rule == "credits");
  CHECK(by_voter.at("over").line == 2);
  CHECK_THAT(by_voter.at("over").reason, Catch::Contains("spends 13 credits of 10"));
  CHECK(by_voter.at("frac").rule == "not_integer");
  CHECK(by_voter.at("frac").line == 4);
  CHECK(by_voter.at("neg").rule == "negative");
  CHECK(by_voter.at("dup").rule == "duplicate");
  CHECK(by_voter.at("dup").line == 7);
  CHECK_THAT(by_voter.at("dup").reason, Catch::Contains("lines 6 and 7"));
  CHECK(by_voter.at("far").rule == "out_of_range");
  CHECK_THAT(by_voter.at("far").reason, Catch::Contains("at most 3"));
  CHECK(by_voter.at("frac").file == "poll.csv");
  CHECK(option(r, "a").votes == 1);
  CHECK(option(r, "b").votes == 3);
}

TEST_CASE("QV: unknown options, per-voter budgets and a convex cost table", "[quadratic][qv]") {
  auto input = rows_from_csv("voter,option,votes\nana,a,3\nben,a,3\ncid,zzz,1\n");
  input.options = {Alternative{"a", "A", {}, false, {}}};
  QvRules rules = budget(4);
  rules.voter_credits["ana"] = Integer(9);  // a delegation doubled ana's weight
  QvResult r = tally_qv(validate_qv(input, rules), rules);
  CHECK(r.accepted == 1);
  CHECK(option(r, "a").votes == 3);
  REQUIRE(r.rejected.size() == 2);
  CHECK(r.rejected[0].voter == "ben");
  CHECK(r.rejected[0].rule == "out_of_range");  // 3 > floor(sqrt(4)), and so
  CHECK_THAT(r.rejected[0].reason, Catch::Contains("spends 9 credits of 4"));
  CHECK(r.rejected[1].rule == "unknown_option");

  QvRules table = budget(6);
  table.cost_table = {Integer(0), Integer(1), Integer(3), Integer(6)};  // 1 + 2 + 3 per extra vote
  QvResult t = tally_qv(validate_qv(rows_from_csv("voter,option,votes\nx,a,3\ny,a,4\n"), table), table);
  CHECK(t.accepted == 1);
  CHECK(option(t, "a").credits == 6);
  CHECK(t.rejected.at(0).rule == "out_of_range");

  QvRules concave = budget(6);
  concave.cost_table = {Integer(0), Integer(3), Integer(4)};
  CHECK_THROWS_AS(validate_qv(input, concave), Error);
  CHECK_THROWS_AS(validate_qv(input, QvRules{}), Error);  // no budget
}

TEST_CASE("QV: public ballots are published with their voters; secret mode keeps aggregates only", "[quadratic][qv]") {
  auto input = rows_from_csv("voter,option,votes\nana,a,2\nben,a,1\nben,b,1\n");
  QvRules rules = budget(4);
  QvResult secret = tally_qv(validate_qv(input, rules), rules);
  CHECK(secret.ballots.empty());
  CHECK_FALSE(nlohmann::json::parse(qv_result_to_json(secret)).contains("ballots_cast"));
  rules.publish_ballots = true;
  QvResult open = tally_qv(validate_qv(input, rules), rules);
  REQUIRE(open.ballots.size() == 2);
  CHECK(open.ballots[1].voter == "ben");
  CHECK(open.ballots[1].spent == 2);
  auto j = nlohmann::json::parse(qv_result_to_json(open));
  CHECK(j["schema"] == "minga.qv/1");
  CHECK(j["totals"]["a"] == "3");
  CHECK(j["ballots_cast"][0]["votes"]["a"] == 2);
}

TEST_CASE("QV: an anonymous quadratic profile is checked entry by entry", "[quadratic][qv]") {
  Election e(BallotKind::quadratic, {Alternative{"a", "", {}, false, {}}, Alternative{"b", "", {}, false, {}}});
  e.rules.credits = Integer(5);
  std::vector<QuadraticVote> ok{{0, 2}, {1, 1}}, over{{0, 2}, {1, 2}};
  e.profile.add_quadratic(ok, 7);
  e.profile.add_quadratic(over, 3);
  QvResult r = tally_qv(e, QvRules{});
  CHECK(r.accepted == 7);
  CHECK(r.rejected_ballots == 3);
  CHECK(r.rejected.at(0).voter == "entry 1");
  CHECK(option(r, "a").votes == 14);
  CHECK(r.exhausted == 7);
}

TEST_CASE("QV readers: malformed files name file, line and field", "[quadratic][qv]") {
  CHECK_THROWS_WITH(rows_from_csv("voter,votes\nana,1\n"),
                    Catch::Contains("poll.csv") && Catch::Contains("no column 'option'"));
  CHECK_THROWS_WITH(rows_from_csv("voter,option,votes\nana,a\n"), Catch::Contains("poll.csv:2"));
  std::istringstream bad_json("[\n {\"voter\": 1, \"option\": 2, \"votes\": 1},\n {\"voter\": 1, \"votes\": 1}\n]");
  CHECK_THROWS_WITH(read_qv_rows(bad_json, "p.json", true), Catch::Contains("p.json:3") && Catch::Contains("option"));
  std::istringstream nested("[{\"voter\": 1, \"option\": [2], \"votes\": 1}]");
  CHECK_THROWS_WITH(read_qv_rows(nested, "p.json", true), Catch::Contains("must be a string or a number"));
  std::istringstream json("\xEF\xBB\xBF[\n  {\"UserID\": 7, \"ProposalID\": 3, \"Count\": 2.5}\n]");
  QvInput in = read_qv_rows(json, "p.json", true);
  REQUIRE(in.rows.size() == 1);
  CHECK(in.rows[0].voter == "7");
  CHECK(in.rows[0].line == 2);
  CHECK(validate_qv(in, budget(99)).rejected.at(0).rule == "not_integer");
}

TEST_CASE("QV: Taiwan Presidential Hackathon 2019 ballots (99 points)", "[quadratic][qv][data]") {
  const fs::path polls = kTaiwan / "ProposalPolls.json";
  if (!fs::exists(polls)) {
    WARN("SKIPPED: " << polls.string() << " is absent");
    return;
  }
  QvInput input = read_qv_rows(polls);
  CHECK(input.rows.size() == 9239);  // facts from the data's README
  QvResult r = tally_qv(validate_qv(input, budget(99)), budget(99));
  CHECK(r.accepted == 2040);
  CHECK(r.rejected.empty());
  CHECK(r.exhausted == 265);
  CHECK(option(r, "117").votes == 4365);
  CHECK(option(r, "121").votes == 1608);
  CHECK(option(r, "39").votes == 1487);
  CHECK(option(r, "114").votes == 1476);
  CHECK(option(r, "38").votes == 1310);
  std::vector<std::string> top;
  for (int k = 0; k < 5; ++k) top.push_back(r.options[r.order[k]].id);
  CHECK(top == std::vector<std::string>{"117", "121", "39", "114", "38"});

  // At 98 credits exactly the 265 voters who spent 99 are rejected, each for credits.
  std::map<std::string, long> spent;
  for (const auto& row : input.rows) spent[row.voter] += std::stol(row.votes) * std::stol(row.votes);
  std::set<std::string> expected;
  for (const auto& [voter, credits] : spent)
    if (credits > 98) expected.insert(voter);
  QvResult low = tally_qv(validate_qv(input, budget(98)), budget(98));
  CHECK(low.accepted == 2040 - 265);
  REQUIRE(low.rejected.size() == 265);
  std::set<std::string> rejected;
  for (const auto& x : low.rejected) {
    rejected.insert(x.voter);
    CHECK(x.rule == "credits");
    CHECK(x.reason == "spends 99 credits of 98");
    CHECK(x.line > 0);
  }
  CHECK(rejected == expected);

  // With the published list of 132 proposals, votes for the one undescribed proposal are unknown options.
  const fs::path proposals = kTaiwan / "Proposal.json";
  input.options = read_qv_options(proposals);
  CHECK(input.options.size() == 132);
  QvResult closed = tally_qv(validate_qv(input, budget(99)), budget(99));
  CHECK(closed.rejected.size() == 1);
  CHECK(closed.rejected.at(0).rule == "unknown_option");
  CHECK_THAT(closed.rejected.at(0).reason, Catch::Contains("'130'"));
}
