// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_ranked_rules.cpp - ballot interpretation, tie-breaks, IRV, WIGM and pairwise methods on hand-counted cases.
//
// Every expected figure here is counted by hand from the ballots written in
// the test (or is a published value: java.util.Random's first doubles for
// seed 0, the pairwise matrix of the Schulze example in Schulze's paper and
// Wikipedia), never taken from minga's output.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/ranked/condorcet.hpp"
#include "minga/ranked/irv.hpp"
#include "minga/ranked/rctab.hpp"
#include "minga/ranked/stv.hpp"
#include "minga/ranked/tiebreak.hpp"
#include "ranked_test_util.hpp"

using namespace minga;
using namespace minga::ranked;

namespace {

constexpr std::uint32_t kOver = Mark::overvote;
constexpr std::uint32_t kWriteIn = Mark::write_in;
using test::add;
using test::election_of;
using test::kSkip;

Rational at(const Round& round, std::uint32_t c) {
  REQUIRE(round.tally.at(c).has_value());
  return *round.tally[c];
}

Rational inactive(const Round& round, ExhaustReason reason) { return round.inactive[static_cast<int>(reason)]; }

PluralityOptions first_choices(BallotInterpretation rules) {
  PluralityOptions options;
  options.ballots = rules;
  options.tie_break.final = TieFinal::candidate_order;
  return options;
}

}  // namespace

TEST_CASE("Overvotes: exhaust, skip, or exhaust only if several marked candidates continue", "[ranked][rules]") {
  Election e = election_of({"A", "B", "C"});
  add(e, {{0, 1}, {2}});    // A and B at rank 1, then C
  add(e, {{kOver}, {1}});   // the scanner's overvote token, then B
  BallotInterpretation rules;
  rules.overvote = OvervoteRule::exhaust_immediately;
  Result r = plurality(e, first_choices(rules));
  CHECK(inactive(r.rounds[0], ExhaustReason::overvote) == 2);
  CHECK(r.rounds[0].active() == 0);

  rules.overvote = OvervoteRule::skip_to_next_rank;
  r = plurality(e, first_choices(rules));
  CHECK(at(r.rounds[0], 2) == 1);
  CHECK(at(r.rounds[0], 1) == 1);

  rules.overvote = OvervoteRule::exhaust_if_multiple_continuing;
  e.alternatives[1].withdrawn = true;  // B withdrawn: only A of {A, B} continues
  r = plurality(e, first_choices(rules));
  CHECK(at(r.rounds[0], 0) == 1);
  CHECK(inactive(r.rounds[0], ExhaustReason::overvote) == 1);  // the token hides which candidates
}

TEST_CASE("Skipped ranks exhaust beyond the allowed run; blank ballots never count", "[ranked][rules]") {
  Election e = election_of({"A", "B"});
  add(e, {{kSkip}, {kSkip}, {0}});  // two skipped ranks, then A
  add(e, {{kSkip}, {1}});           // one skipped rank, then B
  add(e, {}, 3);                    // blank
  BallotInterpretation rules;
  rules.max_skipped_ranks = 1;
  Result r = plurality(e, first_choices(rules));
  CHECK(at(r.rounds[0], 0) == 0);
  CHECK(at(r.rounds[0], 1) == 1);
  CHECK(inactive(r.rounds[0], ExhaustReason::skipped_ranks) == 1);
  CHECK(r.blank_ballots == 3);
  CHECK(r.ballots == 5);
  rules.max_skipped_ranks.reset();
  r = plurality(e, first_choices(rules));
  CHECK(at(r.rounds[0], 0) == 1);
}

TEST_CASE("Repeated candidates are passed over or exhaust the ballot", "[ranked][rules]") {
  // A is excluded in round 1 (2 < 3); its ballot A, A, B moves on.
  Election e = election_of({"A", "B", "C"});
  add(e, {{0}, {0}, {1}}, 2);
  add(e, {{1}}, 3);
  add(e, {{2}}, 4);
  IrvOptions options;
  options.ballots.duplicate = DuplicateRule::skip;
  Result r = irv(e, options);
  REQUIRE(r.rounds.size() == 2);
  CHECK(r.rounds[0].actions[0].candidate == 0);
  CHECK(r.rounds[0].actions[0].to[1] == 2);
  CHECK(at(r.rounds[1], 1) == 5);
  REQUIRE(r.winners == std::vector<std::uint32_t>{1});

  options.ballots.duplicate = DuplicateRule::exhaust;
  r = irv(e, options);
  CHECK(r.rounds[0].actions[0].exhausted[static_cast<int>(ExhaustReason::repeated_candidate)] == 2);
  CHECK(inactive(r.rounds[1], ExhaustReason::repeated_candidate) == 2);
  REQUIRE(r.winners == std::vector<std::uint32_t>{2});  // C 4 beats B 3
}

TEST_CASE("A mark beyond the allowed rankings is an input error", "[ranked][rules]") {
  Election e = election_of({"A", "B", "C", "D"});
  add(e, {{0}, {1}, {2}, {3}});
  IrvOptions options;
  options.ballots.max_rankings = 3;
  CHECK_THROWS_AS(irv(e, options), Error);
  options.ballots.max_rankings = 4;
  CHECK_NOTHROW(irv(e, options));
}

TEST_CASE("Undeclared write-ins are one pseudo-candidate excluded first, or passed over", "[ranked][rules]") {
  Election e = election_of({"A", "B"});
  add(e, {{kWriteIn}, {0}}, 5);
  add(e, {{0}}, 1);
  add(e, {{1}}, 4);
  IrvOptions options;
  Result r = irv(e, options);
  REQUIRE(r.candidates.size() == 3);
  CHECK(r.candidates[2] == "Undeclared Write-ins");
  CHECK(at(r.rounds[0], 2) == 5);
  CHECK(r.rounds[0].actions[0].candidate == 2);  // first out although B has fewer votes
  CHECK(r.winners == std::vector<std::uint32_t>{0});
  options.ballots.write_in = WriteInRule::skip;
  r = irv(e, options);
  CHECK(r.candidates.size() == 2);
  CHECK(at(r.rounds[0], 0) == 6);
}

TEST_CASE("IRV: majority of continuing votes, batch elimination, ties by policy", "[ranked][irv]") {
  Election e = election_of({"A", "B", "C", "D"});
  add(e, {{0}}, 8);
  add(e, {{1}}, 6);
  add(e, {{2}, {1}}, 2);
  add(e, {{3}, {2}, {1}}, 1);
  IrvOptions options;
  options.batch_elimination = true;
  Result r = irv(e, options);
  // Round 1: 17 active, threshold 9; D 1 + C 2 = 3 < B 6, and 9 is not below A 8: C and D leave together.
  REQUIRE(r.rounds.size() == 2);
  CHECK(*r.rounds[0].threshold == 9);
  REQUIRE(r.rounds[0].actions.size() == 2);
  CHECK(r.rounds[0].actions[0].candidate == 2);
  CHECK(r.rounds[0].actions[1].candidate == 3);
  CHECK(at(r.rounds[1], 1) == 9);
  CHECK(r.winners == std::vector<std::uint32_t>{1});

  options.batch_elimination = false;  // one at a time: D, then C, then B wins
  r = irv(e, options);
  CHECK(r.rounds.size() == 3);
  CHECK(r.winners == std::vector<std::uint32_t>{1});

  Election tied = election_of({"A", "B", "C"});
  add(tied, {{0}}, 2);
  add(tied, {{1}, {0}}, 1);
  add(tied, {{2}, {1}}, 1);
  IrvOptions stop;
  r = irv(tied, stop);
  CHECK_FALSE(r.complete());
  CHECK(r.unresolved_tie->tied == std::vector<std::uint32_t>{1, 2});
  stop.tie_break.final = TieFinal::candidate_order;  // the later candidate, C, leaves
  r = irv(tied, stop);
  CHECK(r.complete());
  CHECK(r.rounds[0].actions[0].candidate == 2);
  REQUIRE(r.rounds[0].actions[0].tie.has_value());
}

TEST_CASE("Bottoms-up: eliminate to the seats, or until everyone has the share", "[ranked][bottoms-up]") {
  // A 40; B>A 25; C>B 20; D>C 15 (100 ballots).
  Election e = election_of({"A", "B", "C", "D"});
  add(e, {{0}}, 40);
  add(e, {{1}, {0}}, 25);
  add(e, {{2}, {1}}, 20);
  add(e, {{3}, {2}}, 15);
  BottomsUpOptions options;
  options.seats = 2;
  // Round 1: D (15) leaves, to C (35). Round 2: B (25) leaves, to A (65). Round 3: two continue.
  Result two = bottoms_up(e, options);
  CHECK(two.winners == std::vector<std::uint32_t>{0, 2});
  REQUIRE(two.rounds.size() == 3);
  CHECK(at(two.rounds[1], 2) == 35);
  CHECK(at(two.rounds[2], 0) == 65);
  // 20%: round 1 threshold 20 drops D; round 2 (A 40, C 35, B 25) all reach 20: three winners, by tally.
  options.share = Rational(1, 5);
  Result fifth = bottoms_up(e, options);
  CHECK(fifth.winners == std::vector<std::uint32_t>{0, 2, 1});
  REQUIRE(fifth.rounds.size() == 2);
  CHECK(*fifth.rounds[1].threshold == 20);

  // D's ballots now stop at D: after round 1, 85 ballots are active.
  Election f = election_of({"A", "B", "C", "D"});
  add(f, {{0}}, 40);
  add(f, {{1}, {0}}, 25);
  add(f, {{2}, {1}}, 20);
  add(f, {{3}}, 15);
  options.share = Rational(1, 5);  // round 2: 85/5 = 17, and A 40, B 25, C 20 all reach it
  Result exhausted = bottoms_up(f, options);
  CHECK(exhausted.winners == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(*exhausted.rounds[1].threshold == 17);
  options.share = Rational(1, 4);  // round 2: 85/4 = 21.25 > C's 20, so C leaves (to B); round 3: B 45, A 40
  Result quarter = bottoms_up(f, options);
  CHECK(quarter.winners == std::vector<std::uint32_t>{1, 0});
  REQUIRE(quarter.rounds.size() == 3);
  CHECK(*quarter.rounds[1].threshold == Rational(85, 4));
  CHECK(at(quarter.rounds[2], 1) == 45);

  // RCTab's modes reach the same counts.
  RctabContest contest;
  contest.winner_election_mode = "bottomsUp";
  contest.seats = 2;
  CHECK(tabulate_rctab(contest, e).winners == std::vector<std::uint32_t>{0, 2});
  contest.winner_election_mode = "bottomsUpUsingPercentageThreshold";
  contest.bottoms_up_percentage = Rational(25);
  CHECK(tabulate_rctab(contest, f).winners == std::vector<std::uint32_t>{1, 0});

  options.share = Rational(0);
  CHECK_THROWS_AS(bottoms_up(e, options), Error);
  options.share.reset();
  options.seats = 0;
  CHECK_THROWS_AS(bottoms_up(e, options), Error);
}

TEST_CASE("Tie-break look-back: most recent difference vs first difference", "[ranked][tiebreak]") {
  const std::vector<std::vector<Rational>> history{{Rational(1), Rational(2)}, {Rational(3), Rational(2)}};
  const std::vector<AlternativeIndex> tied{0, 1};
  TieBreak back;
  back.look_back = LookBack::previous_rounds_backwards;
  TieBreaker b(back, {"A", "B"});
  auto choice = b.choose(tied, true, history);
  REQUIRE(choice);
  CHECK(choice->chosen == 1);  // round 2: B had fewer
  TieBreak forward;
  forward.look_back = LookBack::first_difference_forwards;
  TieBreaker f(forward, {"A", "B"});
  choice = f.choose(tied, true, history);
  REQUIRE(choice);
  CHECK(choice->chosen == 0);  // round 1: A had fewer
  const std::vector<std::vector<Rational>> level{{Rational(2), Rational(2)}};
  CHECK_FALSE(b.choose(tied, true, level));  // never differed, final step: stop
}

TEST_CASE("Random tie-breaks are reproducible from the published seed", "[ranked][tiebreak]") {
  JavaRandom java(0);  // java.util.Random(0): documented first doubles
  CHECK(java.next_double() == Approx(0.730967787376657).epsilon(1e-15));
  CHECK(java.next_double() == Approx(0.24053641567148587).epsilon(1e-15));
  TieBreak policy = tie_break_from_name("random", "2026-11-29 dice 4 2 6");
  const std::vector<AlternativeIndex> tied{0, 1, 2, 3};
  std::vector<AlternativeIndex> first, second;
  TieBreaker one(policy, {"A", "B", "C", "D"}), two(policy, {"A", "B", "C", "D"});
  for (int i = 0; i < 20; ++i) {
    first.push_back(one.choose(tied, true, {})->chosen);
    second.push_back(two.choose(tied, true, {})->chosen);
  }
  CHECK(first == second);
  CHECK(std::set<AlternativeIndex>(first.begin(), first.end()).size() > 1);
  CHECK_THROWS_AS(tie_break_from_name("random"), Error);  // no seed, no random draw
  CHECK_THROWS_AS(tie_break_from_name("coin"), Error);
}

TEST_CASE("WIGM: surplus fractions and weights truncated, residual surplus kept", "[ranked][stv]") {
  Election e = election_of({"A", "B", "C"});
  add(e, {{0}, {1}}, 6);
  add(e, {{2}}, 3);
  add(e, {{1}}, 1);
  StvOptions options;
  options.seats = 2;
  options.quota = Quota{Quota::Kind::droop, 4};
  options.decimals = 4;
  Result r = wigm(e, options);
  // Quota floor(10 / 3) + 1 = 4. A: surplus 2, fraction 0.3333, 6 x 0.3333 = 1.9998 to B, residual 0.0002.
  REQUIRE(r.rounds.size() == 3);
  CHECK(*r.rounds[0].threshold == 4);
  REQUIRE(r.rounds[0].actions.size() == 1);
  CHECK(r.rounds[0].actions[0].kind == ActionKind::elected);
  CHECK(r.rounds[0].actions[0].to[1] == parse_decimal("1.9998"));
  CHECK(r.rounds[0].actions[0].residual == parse_decimal("0.0002"));
  CHECK(at(r.rounds[1], 0) == 4);
  CHECK(at(r.rounds[1], 1) == parse_decimal("2.9998"));
  // B (2.9998) < C (3) leaves; its ballots have nowhere to go.
  CHECK(r.rounds[1].actions[0].candidate == 1);
  CHECK(r.rounds[1].actions[0].exhausted_total() == parse_decimal("2.9998"));
  CHECK(r.winners == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("Pairwise methods on Schulze's 45-voter example", "[ranked][condorcet]") {
  Election e = election_of({"A", "B", "C", "D", "E"});
  auto order = [&](std::string s, std::uint64_t n) {
    std::vector<std::vector<std::uint32_t>> ranks;
    for (char c : s) ranks.push_back({static_cast<std::uint32_t>(c - 'A')});
    add(e, ranks, n);
  };
  order("ACBED", 5), order("ADECB", 5), order("BEDAC", 8), order("CABED", 3);
  order("CAEBD", 7), order("CBADE", 2), order("DCEBA", 7), order("EBADC", 8);
  PairwiseMatrix m = pairwise_matrix(e);
  CHECK(m.pairs(0, 1) == 20);
  CHECK(m.pairs(1, 0) == 25);
  CHECK(m.pairs(0, 3) == 30);
  CHECK(m.pairs(4, 3) == 31);
  CHECK(m.pairs(2, 1) == 29);
  CHECK_FALSE(condorcet_winner(m));
  CHECK(schulze_winners(m) == std::vector<std::uint32_t>{4});
  CHECK(smith_set(m).size() == 5);
}

TEST_CASE("Partial ballots: unranked below ranked, tied marks not compared", "[ranked][condorcet]") {
  Election e = election_of({"A", "B", "C"});
  add(e, {{0}}, 2);        // A above B and C; B, C not compared
  add(e, {{1, 2}}, 1);     // B and C tied above A
  PairwiseMatrix m = pairwise_matrix(e);
  CHECK(m.pairs(0, 1) == 2);
  CHECK(m.pairs(1, 0) == 1);
  CHECK(m.pairs(1, 2) == 0);
  CHECK(m.pairs(2, 1) == 0);
  CHECK(condorcet_winner(m) == std::optional<std::uint32_t>(0));
  CHECK(borda_scores(m) == std::vector<std::uint64_t>{4, 1, 1});
  CHECK(copeland_scores(m) == std::vector<std::int64_t>{2, -1, -1});
}
