// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_ranked_count.cpp - ranked::count() by name and the JSON count spec of the C ABI and Python
// (ranked/spec_json.hpp): every key reaches its CountSpec field, every bad key or value is an Error naming the key,
// and counts worked out by hand come out through the spec.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "minga/core/error.hpp"
#include "minga/ranked/count.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/spec_json.hpp"
#include "ranked_test_util.hpp"

using namespace minga;
using namespace minga::ranked;
using minga::test::add;
using minga::test::election_of;

namespace {

Rational q(long n, long d = 1) {
  return Rational(Integer(n), Integer(d));
}

// The Error count_spec_from_json() throws for `json` (fails the test when it throws none).
Error refusal(const std::string& json) {
  try {
    (void)count_spec_from_json(json);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for " << json);
  return Error(Errc::ok, "");
}

// 25 ballots over Ana, Ben, Cid, Dee (worked by hand in tests/capi/test_capi_ranked.c):
// 8 Ana>Ben, 6 Ben>Cid, 5 Cid>Ben, 3 Dee>Cid>Ana, 1 Dee, 2 overvoted {Ana, Ben}.
Election irv_election() {
  Election e = election_of({"Ana", "Ben", "Cid", "Dee"});
  add(e, {{0}, {1}}, 8);
  add(e, {{1}, {2}}, 6);
  add(e, {{2}, {1}}, 5);
  add(e, {{3}, {2}, {0}}, 3);
  add(e, {{3}}, 1);
  add(e, {{0, 1}}, 2);
  return e;
}

// 31 ballots: 17 A>C, 6 B>C, 3 C, 5 D>B.
Election stv_election() {
  Election e = election_of({"A", "B", "C", "D"});
  add(e, {{0}, {2}}, 17);
  add(e, {{1}, {2}}, 6);
  add(e, {{2}}, 3);
  add(e, {{3}, {1}}, 5);
  return e;
}

}  // namespace

TEST_CASE("An empty count spec is CountSpec's defaults: IRV, the election's seats, RCTab's ballot rules",
          "[ranked][count]") {
  for (const char* text : {"", "  \n", "{}", "{\"method\": null, \"seats\": null}"}) {
    const CountSpec spec = count_spec_from_json(text);
    CHECK(spec.method == "irv");
    CHECK_FALSE(spec.seats);
    CHECK(spec.ballots.overvote == OvervoteRule::exhaust_immediately);
    CHECK_FALSE(spec.ballots.max_skipped_ranks);
    CHECK(spec.ballots.duplicate == DuplicateRule::skip);
    CHECK_FALSE(spec.ballots.max_rankings);
    CHECK(spec.ballots.write_in == WriteInRule::candidate);
    CHECK_FALSE(spec.ballots.write_in_always_present);
    CHECK_FALSE(spec.tie_break);
    CHECK_FALSE(spec.batch_elimination);
    CHECK_FALSE(spec.continue_until_two);
    CHECK_FALSE(spec.share);
    CHECK_FALSE(spec.quota);
    CHECK_FALSE(spec.decimals);
  }
}

TEST_CASE("Every key of a count spec reaches its CountSpec field", "[ranked][count]") {
  const CountSpec spec = count_spec_from_json(R"({
    "method": "sequential-irv", "seats": 3, "overvote": "exhaust_if_multiple_continuing", "max_skipped": 1,
    "duplicate": "exhaust", "max_rankings": 5, "write_ins": "skip", "write_in_always_present": true,
    "tie_break": "backwards,random", "seed": "2026-11-29", "batch": true, "continue_until_two": true,
    "share": "3/20", "quota": "hare", "decimals": 6})");
  CHECK(spec.method == "sequential-irv");
  CHECK(spec.seats == 3u);
  CHECK(spec.ballots.overvote == OvervoteRule::exhaust_if_multiple_continuing);
  CHECK(spec.ballots.max_skipped_ranks == 1u);
  CHECK(spec.ballots.duplicate == DuplicateRule::exhaust);
  CHECK(spec.ballots.max_rankings == 5u);
  CHECK(spec.ballots.write_in == WriteInRule::skip);
  CHECK(spec.ballots.write_in_always_present);
  REQUIRE(spec.tie_break);
  CHECK(spec.tie_break->look_back == LookBack::previous_rounds_backwards);
  CHECK(spec.tie_break->final == TieFinal::seeded_random);
  CHECK(spec.tie_break->seed == "2026-11-29");
  CHECK(spec.batch_elimination);
  CHECK(spec.continue_until_two);
  CHECK(spec.share == q(3, 20));
  CHECK(spec.quota == Quota::Kind::hare);
  CHECK(spec.decimals == 6u);

  // Exact values as decimals or integers; "-" and "_" alike in names; RCTab's spellings; integer seeds.
  CHECK(count_spec_from_json(R"({"share": "0.15"})").share == q(3, 20));
  CHECK(count_spec_from_json(R"({"share": 1})").share == q(1));
  CHECK(count_spec_from_json(R"({"overvote": "skip-to-next-rank"})").ballots.overvote == OvervoteRule::skip_to_next_rank);
  CHECK(count_spec_from_json(R"({"overvote": "exhaustIfMultipleContinuing"})").ballots.overvote ==
        OvervoteRule::exhaust_if_multiple_continuing);
  CHECK(count_spec_from_json(R"({"quota": "exact_droop"})").quota == Quota::Kind::exact_droop);
  CHECK(count_spec_from_json(R"({"tie_break": "candidate_order"})").tie_break->final == TieFinal::candidate_order);
  const CountSpec rctab = count_spec_from_json(R"({"tie_break": "rctab-random", "seed": 7})");
  CHECK(rctab.tie_break->final == TieFinal::rctab_random);
  CHECK(rctab.tie_break->seed == "7");
  CHECK(count_spec_from_json(R"({"max_skipped": 0, "seats": 0})").ballots.max_skipped_ranks == 0u);
  CHECK(count_spec_from_json(R"({"method": "irish-stv", "paper_seed": "dail-2002"})").paper_seed == "dail-2002");
  CHECK_FALSE(count_spec_from_json("{}").paper_seed);
  // irish-stv starts from the Act's reading (a gap ends a paper, write-ins are passed over); keys still override it.
  const CountSpec irish = count_spec_from_json(R"({"method": "irish_stv"})");
  CHECK(irish.ballots.max_skipped_ranks == 0u);
  CHECK(irish.ballots.write_in == WriteInRule::skip);
  CHECK(count_spec_from_json(R"({"method": "irish-stv", "max_skipped": 2})").ballots.max_skipped_ranks == 2u);
  // max_skipped left out keeps the method's reading; null or "unlimited" lifts the limit.
  CHECK_FALSE(count_spec_from_json(R"({"method": "irish-stv", "max_skipped": null})").ballots.max_skipped_ranks);
  CHECK_FALSE(count_spec_from_json(R"({"method": "irish-stv", "max_skipped": "unlimited"})").ballots.max_skipped_ranks);
  CHECK_FALSE(count_spec_from_json(R"({"max_skipped": null})").ballots.max_skipped_ranks);
  // gregory reads "quota" as gregory_stv.hpp's quotas (dynamic among them) and takes decimals.
  const CountSpec gregory = count_spec_from_json(R"({"method": "gregory", "quota": "dynamic", "decimals": 6})");
  CHECK(gregory.gregory_quota == GregoryQuota::dynamic);
  CHECK_FALSE(gregory.quota);
  CHECK(gregory.decimals == 6u);
}

TEST_CASE("A bad count spec is an Error naming the key, with what it accepts", "[ranked][count]") {
  struct Case {
    const char* json;
    const char* key;
    const char* says;
  };
  const Case cases[] = {
      {R"({"quorum": "droop"})", "quorum", "unknown key 'quorum' (known: method, seats,"},
      {R"({"quota": "x"})", "quota", "unknown quota \"x\" (accepted: droop, hagenbach-bischoff, hare, exact-droop)"},
      {R"({"overvote": "sometimes"})", "overvote", "exhaust_immediately, skip_to_next_rank"},
      {R"({"duplicate": "twice"})", "duplicate", "skip, exhaust"},
      {R"({"write_ins": "count"})", "write_ins", "candidate, skip"},
      {R"({"tie_break": "coin"})", "tie_break", "unknown tie-break"},
      {R"({"tie_break": "random"})", "tie_break", "needs a published seed"},
      {R"({"seed": "42"})", "seed", "goes with a random \"tie_break\""},
      {R"({"tie_break": "candidate-order", "seed": "42"})", "seed", "goes with a random"},
      {R"({"method": 3})", "method", "must be a string"},
      {R"({"seats": "2"})", "seats", "must be a whole number 0..1000000, not \"2\""},
      {R"({"seats": -1})", "seats", "must be a whole number 0..1000000, not -1"},
      {R"({"seats": 1000001})", "seats", "must be a whole number 0..1000000"},
      {R"({"max_skipped": 1.5})", "max_skipped", "must be a whole number"},
      {R"({"max_skipped": "lots"})", "max_skipped", "must be a whole number 0..1000000, \"unlimited\" or null, not \"lots\""},
      {R"({"tie_break": "aafd,"})", "tie_break", "unknown tie-break"},
      {R"({"tie_break": "new-zealand", "seed": "1"})", "seed", "goes with a random"},
      {R"({"max_rankings": 0})", "max_rankings", "must be a whole number 1..1000000, not 0"},
      {R"({"decimals": 21})", "decimals", "must be a whole number 0..20, not 21"},
      {R"({"batch": "yes"})", "batch", "must be true or false"},
      {R"({"continue_until_two": 1})", "continue_until_two", "must be true or false"},
      {R"({"write_in_always_present": null, "share": 0.15})", "share", "must be exact"},
      {R"({"share": "15%"})", "share", ""},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    const Error e = refusal(c.json);
    CHECK(e.code() == Errc::invalid_argument);
    CHECK(e.where().file == "<spec>");
    CHECK(e.where().field == c.key);
    CHECK_THAT(e.reason(), Catch::Contains(c.says));
    CHECK_THAT(std::string(e.what()), Catch::StartsWith(std::string("<spec>: ") + c.key + ": "));
  }
  CHECK(refusal(R"({"method": "irv")").code() == Errc::parse);
  CHECK(refusal(R"(["irv"])").code() == Errc::invalid_argument);
}

TEST_CASE("count() through a JSON spec: IRV worked by hand, with the ballot rules reaching the count",
          "[ranked][count]") {
  const Election e = irv_election();
  const Result r = count(e, count_spec_from_json(R"({"method": "irv"})"));
  REQUIRE(r.complete());
  CHECK(r.winner_names() == std::vector<std::string>{"Cid"});
  REQUIRE(r.rounds.size() == 3);
  // Round 1: Ana 8, Ben 6, Cid 5, Dee 4; the 2 overvoted ballots exhaust at once; majority of 23 is 12.
  CHECK(r.rounds[0].tally == std::vector<std::optional<Rational>>{q(8), q(6), q(5), q(4)});
  CHECK(r.rounds[0].threshold == q(12));
  CHECK(r.rounds[0].inactive[static_cast<int>(ExhaustReason::overvote)] == q(2));
  // Dee out: 3 to Cid, 1 with no further choice. Round 2: Ana 8, Ben 6, Cid 8.
  CHECK(r.rounds[1].tally == std::vector<std::optional<Rational>>{q(8), q(6), q(8), std::nullopt});
  CHECK(r.rounds[1].inactive[static_cast<int>(ExhaustReason::no_continuing_choice)] == q(1));
  // Ben out: 6 to Cid. Round 3: Ana 8, Cid 14.
  CHECK(r.rounds[2].tally == std::vector<std::optional<Rational>>{q(8), std::nullopt, q(14), std::nullopt});

  // Overvoted ranks skipped: the two {Ana, Ben} ballots have nothing after, so they exhaust for that reason.
  const Result skipped = count(e, count_spec_from_json(R"({"overvote": "skip_to_next_rank"})"));
  CHECK(skipped.rounds[0].inactive[static_cast<int>(ExhaustReason::overvote)] == 0);
  CHECK(skipped.rounds[0].inactive[static_cast<int>(ExhaustReason::no_continuing_choice)] == q(2));

  // bottoms-up with a share of 1/5: 23/5 = 4.6 excludes Dee (4); then 22/5 = 4.4 and Ana, Ben, Cid all hold more.
  const Result bottoms = count(e, count_spec_from_json(R"({"method": "bottoms-up", "share": "1/5"})"));
  std::vector<std::string> winners = bottoms.winner_names();
  std::sort(winners.begin(), winners.end());
  CHECK(winners == std::vector<std::string>{"Ana", "Ben", "Cid"});
  CHECK(bottoms.rounds[0].threshold == q(23, 5));
}

TEST_CASE("count() through a JSON spec: two-seat weighted inclusive Gregory STV worked by hand", "[ranked][count]") {
  const Election e = stv_election();
  // Droop quota floor(31/3) + 1 = 11. A's surplus 6 goes on at trunc_4(6/17) = 0.3529: 17 x 0.3529 = 5.9993 to C.
  const Result r = count(e, count_spec_from_json(R"({"method": "stv", "seats": 2})"));
  CHECK(r.method == "wigm");
  CHECK(r.winner_names() == std::vector<std::string>{"A", "B"});
  REQUIRE(r.rounds.size() == 3);
  CHECK(r.rounds[0].threshold == q(11));
  REQUIRE(r.rounds[0].actions.size() == 1);
  CHECK(r.rounds[0].actions[0].to[2] == q(59993, 10000));
  CHECK(r.rounds[0].actions[0].residual == q(7, 10000));
  CHECK(r.rounds[1].tally == std::vector<std::optional<Rational>>{q(11), q(6), q(89993, 10000), q(5)});
  CHECK(r.rounds[2].tally == std::vector<std::optional<Rational>>{q(11), q(11), q(89993, 10000), std::nullopt});

  // Hare quota 31/2 = 15.5: A's surplus 1.5 goes on at trunc_4(1.5/17) = 0.0882, 17 x 0.0882 = 1.4994 to C;
  // C (4.4994) is then the lowest and leaves before D (5).
  const Result hare = count(e, count_spec_from_json(R"({"method": "wigm", "seats": 2, "quota": "hare"})"));
  CHECK(hare.rounds[0].threshold == q(31, 2));
  CHECK(hare.rounds[1].tally[2] == q(44994, 10000));
  REQUIRE_FALSE(hare.rounds[1].actions.empty());
  CHECK(hare.rounds[1].actions[0].kind == ActionKind::excluded);
  CHECK(hare.rounds[1].actions[0].candidate == 2u);
  CHECK(hare.winner_names() == std::vector<std::string>{"A", "B"});

  // decimals: 2 places, trunc_2(6/17) = 0.35, 17 x 0.35 = 5.95.
  const Result two = count(e, count_spec_from_json(R"({"method": "wigm", "seats": 2, "decimals": 2})"));
  CHECK(two.rounds[0].actions[0].to[2] == q(595, 100));
}

TEST_CASE("count() refuses a method it does not know and options the method cannot take; ties stop by default",
          "[ranked][count]") {
  const Election e = irv_election();
  try {
    (void)count(e, count_spec_from_json(R"({"method": "irv", "quota": "hare"})"));
    FAIL("a quota for irv was accepted");
  } catch (const Error& err) {
    CHECK(err.where().field == "quota");
  }
  try {
    (void)count(e, count_spec_from_json(R"({"method": "wigm", "paper_seed": "x"})"));
    FAIL("a paper seed for wigm was accepted");
  } catch (const Error& err) {
    CHECK(err.where().field == "paper_seed");
  }
  // Meek and the pairwise methods read marks their own way: a ballot rule would be ignored, so it is refused.
  for (const char* method : {"meek", "warren", "schulze", "borda"}) {
    INFO(method);
    try {
      (void)count(e, count_spec_from_json(std::string(R"({"overvote": "skip_to_next_rank", "method": ")") + method + "\"}"));
      FAIL("a ballot rule was accepted");
    } catch (const Error& err) {
      CHECK(err.where().field == "overvote");
      CHECK_THAT(err.reason(), Catch::Contains("reads the marks its own way"));
    }
  }
  CHECK(count(e, count_spec_from_json(R"({"method": "schulze"})")).winner_names() ==
        count(e, count_spec_from_json(R"({"method": "schulze", "overvote": "exhaust_immediately"})")).winner_names());
  for (const char* key : {"batch", "continue_until_two"}) {
    try {
      (void)count(e, count_spec_from_json(std::string(R"({"method": "wigm", ")") + key + R"(": true})"));
      FAIL(key << " for wigm was accepted");
    } catch (const Error& err) {
      CHECK(err.where().field == key);
    }
  }
  try {
    (void)count(e, count_spec_from_json(R"({"method": "instant-runoff-ish"})"));
    FAIL("an unknown method was accepted");
  } catch (const Error& err) {
    CHECK(err.where().field == "method");
    CHECK_THAT(err.reason(), Catch::Contains("schulze"));
  }
  // 2 A, 1 B, 1 C: B and C tie for exclusion in round 1.
  Election tie = election_of({"A", "B", "C"});
  add(tie, {{0}}, 2);
  add(tie, {{1}}, 1);
  add(tie, {{2}}, 1);
  const Result stopped = count(tie, count_spec_from_json("{}"));
  REQUIRE_FALSE(stopped.complete());
  CHECK(stopped.unresolved_tie->tied == std::vector<AlternativeIndex>{1, 2});
  const Result settled = count(tie, count_spec_from_json(R"({"tie_break": "candidate-order"})"));
  REQUIRE(settled.complete());
  CHECK(settled.winner_names() == std::vector<std::string>{"A"});
  REQUIRE(settled.ties.size() == 1);
  CHECK(settled.ties[0].chosen == 2u);  // the later candidate leaves
}

TEST_CASE("count() takes every STV rule the command line names: gregory's quotas and decimals, minneapolis-stv",
          "[ranked][count]") {
  const Election e = stv_election();
  // The spec reaches the same options the rule's own function takes.
  GregoryStvOptions hare = gregory_exact_options(2, GregoryQuota::hare);
  hare.decimals = 3;
  const Result direct = gregory_stv(e, hare);
  const Result spec = count(e, count_spec_from_json(R"({"method": "gregory", "seats": 2, "quota": "hare", "decimals": 3})"));
  CHECK(to_json(spec) == to_json(direct));
  CHECK(spec.rounds[0].threshold == q(31, 2));  // Hare: 31/2, not Droop's 11
  CHECK(to_json(count(e, count_spec_from_json(R"({"method": "minneapolis-stv", "seats": 2})"))) ==
        to_json(minneapolis_stv(e, MinneapolisStvOptions{{}, {}, 2})));
  for (const char* bad : {R"({"method": "irv", "decimals": 2})", R"({"method": "wigm", "quota": "dynamic"})"}) {
    INFO(bad);
    CHECK_THROWS_AS(count(e, count_spec_from_json(bad)), Error);
  }
}
