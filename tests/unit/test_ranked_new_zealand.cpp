// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_ranked_new_zealand.cpp - New Zealand's tie rule for Meek STV: Local Electoral
// Regulations 2001 (SR 2001/145), Schedule 1A, cl. 19 (ties), 40 (AAFD) and 41-48 (PRNs).
//
// Expected values are the clauses' formulas worked by hand (the arithmetic is written out) or
// published facts about the generator: the three recurrences are those of Wichmann and Hill's
// AS 183 (Applied Statistics 31, 1982), whose multipliers 171, 172 and 170 are primitive roots
// of the primes 30 269, 30 307 and 30 323 (periods 30 268, 30 306, 30 322). Longer PRN lists
// were evaluated from the clauses with a separate ten-line transcription, not from minga.
#include <catch2/catch.hpp>
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/ranked/count.hpp"
#include "minga/ranked/irv.hpp"
#include "minga/ranked/meek.hpp"
#include "minga/ranked/spec_json.hpp"
#include "minga/ranked/tiebreak.hpp"
#include "ranked_test_util.hpp"

using namespace minga;
using namespace minga::ranked;

namespace {

using test::add;
using test::election_of;

Rational tally(const Round& round, std::uint32_t c) { return round.tally.at(c).value_or(Rational(0)); }
Rational q(const char* text) { return parse_decimal(text); }

const Action& only_action(const Round& round) {
  REQUIRE(round.actions.size() == 1);
  return round.actions[0];
}

}  // namespace

TEST_CASE("NZ PRNs: cl. 42 seeds and cl. 43 steps, worked by hand", "[ranked][new-zealand]") {
  // c = 5 candidates, n = 2 vacancies, v = 10 valid documents:
  // x = 5 + 5 = 10, y = 2, z = (10 + 1000 x 0) rem 30323 = 10.
  NewZealandPrng g(5, 2, 10);
  CHECK(g.state() == std::array<std::uint32_t, 3>{10, 2, 10});
  // x = 1710, y = 344, z = 1700;
  // rc = 17 100 000 div 30 269 + 3 440 000 div 30 307 + 17 000 000 div 30 323 = 564 + 113 + 560.
  CHECK(g.next() == 1237);
  CHECK(g.state() == std::array<std::uint32_t, 3>{1710, 344, 1700});
  // v = 14: z = (14 + 1000 x 4) rem 30323 = 4014; 170 x 4014 = 682 380 = 22 x 30 323 + 15 274.
  NewZealandPrng h(5, 2, 14);
  CHECK(h.state()[2] == 4014);
  (void)h.next();
  CHECK(h.state()[2] == 15274);
  // A v beyond 32 bits gives what the formula gives: (v + 1000 (v rem 10)) rem 30 323.
  const std::uint64_t big = 10000000007ULL;  // rem 10 = 7; 10 000 007 007 rem 30 323 = 1 553
  CHECK(NewZealandPrng(1, 1, big).state()[2] == (big + 7000) % 30323);
}

TEST_CASE("NZ PRNs: AS 183's three generators have their published periods", "[ranked][new-zealand]") {
  NewZealandPrng g(0, 1, 1);  // x = 5, y = 1, z = (1 + 1000) rem 30323 = 1001
  const auto start = g.state();
  std::array<std::uint64_t, 3> period{0, 0, 0};
  for (std::uint64_t step = 1; step <= 30322 && (period[0] == 0 || period[1] == 0 || period[2] == 0); ++step) {
    (void)g.next();
    const auto now = g.state();
    for (int i = 0; i < 3; ++i)
      if (period[i] == 0 && now[i] == start[i]) period[i] = step;
  }
  CHECK(period == std::array<std::uint64_t, 3>{30268, 30306, 30322});
}

TEST_CASE("NZ PRNs: cl. 44-47 give each candidate a distinct number, cl. 48 inverts them", "[ranked][new-zealand]") {
  // The first four rc (1237, 21432, 19404, 14126) are discarded (cl. 44); the fifth goes to the
  // first candidate (cl. 45), each next one to the next candidate (cl. 46-47).
  CHECK(NewZealandPrng::first_step_prns(5, 2, 10) == std::vector<std::int32_t>{13127, 20408, 8837, 18209, 13011});
  CHECK(NewZealandPrng::first_step_prns(6, 2, 9) ==
        std::vector<std::int32_t>{13795, 25323, 17840, 24760, 13481, 17218});
  // c = 60, n = 3, v = 10: one rc among the draws repeats an earlier one and is passed over (cl. 46).
  NewZealandPrng g(60, 3, 10);
  for (int i = 0; i < 4; ++i) (void)g.next();
  std::vector<std::int32_t> expected;
  int repeats = 0;
  while (expected.size() < 60) {
    const std::int32_t rc = g.next();
    if (std::find(expected.begin(), expected.end(), rc) != expected.end()) ++repeats;
    else expected.push_back(rc);
  }
  CHECK(repeats == 1);
  CHECK(NewZealandPrng::first_step_prns(60, 3, 10) == expected);
  // cl. 48: "the candidate's PRN at the previous step subtracted from 10 000", step after step.
  CHECK(NewZealandPrng::at_step(13127, 1) == 13127);
  CHECK(NewZealandPrng::at_step(13127, 2) == -3127);
  CHECK(NewZealandPrng::at_step(13127, 3) == 13127);
  CHECK(NewZealandPrng::at_step(8837, 4) == 1163);
  CHECK_THROWS_AS(NewZealandPrng::first_step_prns(29999, 1, 1), Error);
}

TEST_CASE("NZ tie-break names; AAFD stops at the first difference", "[ranked][new-zealand]") {
  const TieBreak nz = tie_break_from_name("new-zealand");
  CHECK(nz.look_back == LookBack::ahead_at_first_difference);
  CHECK(nz.final == TieFinal::new_zealand_prn);
  CHECK(tie_break_from_name("aafd,stop").look_back == LookBack::ahead_at_first_difference);
  CHECK(tie_break_from_name("nz-prn").look_back == LookBack::none);
  CHECK_THROWS_AS(tie_break_from_name("aafd,"), Error);

  // A, B, C tied now. Step 1: A 2, B 2, C 3 (the first difference: C is ahead); step 2: A 1, B 3.
  const std::vector<std::vector<Rational>> steps{{Rational(2), Rational(2), Rational(3)},
                                                 {Rational(1), Rational(3), Rational(3)}};
  const std::vector<AlternativeIndex> tied{0, 1, 2};
  TieBreaker aafd(tie_break_from_name("aafd,stop"), {"A", "B", "C"});
  CHECK_FALSE(aafd.choose(tied, true, steps));  // cl. 40 identifies A and B, not one: no later step
  TieBreak forwards;
  forwards.look_back = LookBack::first_difference_forwards;
  TieBreaker narrowing(forwards, {"A", "B", "C"});
  CHECK(narrowing.choose(tied, true, steps)->chosen == 0);  // minga's "forwards" narrows on: A at step 2
  const std::vector<AlternativeIndex> pair{1, 2};
  const auto b = aafd.choose(pair, true, steps);  // B 2 < C 3 at step 1
  REQUIRE(b);
  CHECK(b->chosen == 1);
  CHECK(b->how == "ahead at first difference (step 1)");

  // The PRN final step needs a count that numbers its steps (Meek).
  TieBreaker unseeded(nz, {"A", "B", "C"});
  CHECK_THROWS_AS(unseeded.choose(tied, true, {}), Error);
}

TEST_CASE("NZ Meek: ties at steps 1, 2 and 4 go to the lowest PRN of that step", "[ranked][new-zealand]") {
  // 2 seats; A 2, B 2, C 2, D 1, E 1, F 1 (single marks): c = 6, n = 2, v = 9.
  // PRNs at step 1 (cl. 42-47): A 13795, B 25323, C 17840, D 24760, E 13481, F 17218.
  Election e = election_of({"A", "B", "C", "D", "E", "F"});
  for (std::uint32_t c = 0; c < 3; ++c) add(e, {{c}}, 2);
  for (std::uint32_t c = 3; c < 6; ++c) add(e, {{c}});
  const MeekCount count = meek_count(e, meek_new_zealand_options(2, tie_break_from_name("new-zealand")));
  const Result& r = count.result;
  // Each round is one step: nobody reaches the quota and no surplus is left to iterate.
  // Step 1: q = 9/3 + 10^-9 = 3.000000001; D, E, F tie at 1 and always did: E has the lowest PRN.
  REQUIRE(r.rounds.size() == 4);
  CHECK(*r.rounds[0].threshold == q("3.000000001"));
  CHECK(only_action(r.rounds[0]).candidate == 4);
  REQUIRE(only_action(r.rounds[0]).tie);
  CHECK(only_action(r.rounds[0]).tie->tied == std::vector<AlternativeIndex>{3, 4, 5});
  // Step 2: E's ballot is non-transferable, q = 8/3 -> 2.666666666 + 10^-9; D and F tie at 1;
  // PRNs are 10 000 minus step 1's (cl. 48): D -14760, F -7218: D is excluded.
  CHECK(*r.rounds[1].threshold == q("2.666666667"));
  CHECK(only_action(r.rounds[1]).candidate == 3);
  CHECK(only_action(r.rounds[1]).tie->how == "New Zealand PRN at step 2 (D -14760, F -7218)");
  // Step 3: q = 7/3 -> 2.333333334; F alone is lowest (1).
  CHECK(only_action(r.rounds[2]).candidate == 5);
  CHECK_FALSE(only_action(r.rounds[2]).tie);
  // Step 4: q = 6/3 + 10^-9 = 2.000000001; A, B, C tie at 2 at every step; PRNs of step 4 are
  // step 1's inverted: A -3795, B -15323, C -7840: B is excluded; A and C fill the seats.
  CHECK(*r.rounds[3].threshold == q("2.000000001"));
  const auto& last = r.rounds[3].actions;
  REQUIRE(last.size() == 3);
  CHECK(last[0].kind == ActionKind::excluded);
  CHECK(last[0].candidate == 1);
  CHECK(last[0].tie->tied == std::vector<AlternativeIndex>{0, 1, 2});
  CHECK(r.winners == std::vector<std::uint32_t>{0, 2});
  CHECK(r.ties.size() == 3);
}

TEST_CASE("NZ Meek: AAFD decides when the tied candidates differed at an earlier step", "[ranked][new-zealand]") {
  // 2 seats; A 4, B 4, X 2, Y 3, and one ballot Z > X: c = 5, n = 2, v = 14.
  // Step 1: q = 14/3 -> 4.666666666 + 10^-9 = 4.666666667; nobody elected; Z (1) is excluded.
  // Step 2: X 2 + 1 = 3 = Y. AAFD: at step 1 X had 2 < Y's 3, so X is excluded. (The PRNs
  // would say otherwise: step 1 X 11725, Y 19265; step 2 X -1725, Y -9265, the lowest is Y.)
  // Step 3: X's 3 ballots are non-transferable, q = 11/3 -> 3.666666667: A and B are elected.
  Election e = election_of({"A", "B", "X", "Y", "Z"});
  add(e, {{0}}, 4);
  add(e, {{1}}, 4);
  add(e, {{2}}, 2);
  add(e, {{3}}, 3);
  add(e, {{4}, {2}});
  const Result r = meek(e, meek_new_zealand_options(2, tie_break_from_name("new-zealand")));
  REQUIRE(r.rounds.size() == 3);
  CHECK(only_action(r.rounds[0]).candidate == 4);
  CHECK(tally(r.rounds[1], 2) == 3);
  CHECK(tally(r.rounds[1], 3) == 3);
  const Action& x = only_action(r.rounds[1]);
  CHECK(x.candidate == 2);
  REQUIRE(x.tie);
  CHECK(x.tie->how == "ahead at first difference (step 1)");
  CHECK(*r.rounds[2].threshold == q("3.666666667"));
  CHECK(r.winners == std::vector<std::uint32_t>{0, 1});

  // The same tie with only the PRN step: Y goes (lowest PRN at step 2).
  const Result prn_only = meek(e, meek_new_zealand_options(2, tie_break_from_name("nz-prn")));
  CHECK(only_action(prn_only.rounds[1]).candidate == 3);
}

TEST_CASE("NZ tie-break through the count spec: meek only", "[ranked][new-zealand]") {
  Election e = election_of({"A", "B", "C", "D", "E", "F"});
  for (std::uint32_t c = 0; c < 3; ++c) add(e, {{c}}, 2);
  for (std::uint32_t c = 3; c < 6; ++c) add(e, {{c}});
  const Result r = count(e, count_spec_from_json(R"({"method": "meek", "seats": 2, "tie_break": "new_zealand"})"));
  CHECK(r.winners == std::vector<std::uint32_t>{0, 2});
  CHECK(r.complete());
  // Other methods do not number Schedule 1A's steps: refused before counting.
  try {
    (void)count(e, count_spec_from_json(R"({"method": "irv", "tie_break": "nz-prn"})"));
    FAIL("nz-prn outside meek was accepted");
  } catch (const Error& error) {
    CHECK(error.where().field == "tie_break");
  }
  CHECK_THROWS_AS(count_spec_from_json(R"({"method": "meek", "tie_break": "new-zealand", "seed": "1"})"), Error);
}
