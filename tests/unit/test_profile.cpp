// SPDX-License-Identifier: Apache-2.0
// Unit tests: ballots, profiles (canonical, streaming, mergeable), elections and ballot rules.
#include <catch2/catch.hpp>

#include "minga/ballot/election.hpp"

using namespace minga;

namespace {
std::vector<Alternative> alternatives(std::initializer_list<const char*> ids) {
  std::vector<Alternative> out;
  for (const char* id : ids) out.push_back(Alternative{id, {}, {}, false, {}});
  return out;
}
std::vector<AlternativeIndex> v(std::initializer_list<AlternativeIndex> xs) { return xs; }
}  // namespace

TEST_CASE("Approval ballots that mean the same thing are one entry", "[profile]") {
  Profile p(BallotKind::approval, 5);
  p.add_approval(v({3, 1}));
  p.add_approval(v({1, 3}), 4);
  p.add_approval(v({}), 2);  // blank ballots are ballots
  p.add_approval(v({0, 1, 2, 3, 4}));
  CHECK(p.num_entries() == 3);
  CHECK(p.num_ballots() == 8);
  std::vector<AlternativeIndex> got;
  p.approval(0, got);
  CHECK(got == v({1, 3}));
  CHECK(p.count(0) == 5);
  p.approval(1, got);
  CHECK(got.empty());
  p.approval(2, got);
  CHECK(got == v({0, 1, 2, 3, 4}));
  CHECK_THROWS_WITH(p.add_approval(v({1, 1})), Catch::Contains("twice"));
  CHECK_THROWS_WITH(p.add_approval(v({5})), Catch::Contains("out of range"));
  CHECK_THROWS_AS(p.add_ranking(Ranking{}), Error);
  CHECK(p.num_ballots() == 8);  // failed adds change nothing
}

TEST_CASE("Ranked ballots keep raw marks; only trailing skips are dropped", "[profile]") {
  Profile p(BallotKind::ranked, 4);
  Ranking r;
  r.add_position({2});
  r.add_skipped();                      // a skipped rank in the middle is kept
  r.add_position({0, 1});               // a tie / overvote at rank 3
  r.add_position({Mark::overvote});     // the scanner's overvote token
  r.add_position({2});                  // a repeated candidate is kept as marked
  r.add_position({Mark::write_in});
  r.add_skipped();
  r.add_skipped();                      // trailing skips carry nothing
  p.add_ranking(r, 3);
  Ranking same;
  same.add_position({2});
  same.add_skipped();
  same.add_position({1, 0});            // order inside a rank does not matter
  same.add_position({Mark::overvote});
  same.add_position({2});
  same.add_position({Mark::write_in});
  p.add_ranking(same);
  REQUIRE(p.num_entries() == 1);
  CHECK(p.count(0) == 4);
  Ranking back;
  p.ranking(0, back);
  REQUIRE(back.num_positions() == 6);
  CHECK(back.position_begin[2] - back.position_begin[1] == 0);
  CHECK(std::vector<std::uint32_t>(back.marks.begin() + back.position_begin[2], back.marks.begin() + back.position_begin[3]) ==
        std::vector<std::uint32_t>{0, 1});
  CHECK(back.marks[back.position_begin[3]] == Mark::overvote);
  CHECK(back.marks[back.position_begin[5]] == Mark::write_in);
  Ranking dup;
  dup.add_position({1, 1});
  CHECK_THROWS_WITH(p.add_ranking(dup), Catch::Contains("twice at rank 1"));
  Ranking blank;
  p.add_ranking(blank);
  CHECK(p.num_entries() == 2);
}

TEST_CASE("Score and quadratic ballots are exact", "[profile]") {
  Profile s(BallotKind::score, 3);
  s.add_scores(std::vector<Score>{{2, Rational(1, 3)}, {0, Rational(5)}});
  s.add_scores(std::vector<Score>{{0, Rational(10, 2)}, {2, Rational(2, 6)}});
  REQUIRE(s.num_entries() == 1);
  std::vector<Score> back;
  s.scores(0, back);
  CHECK(back == std::vector<Score>{{0, Rational(5)}, {2, Rational(1, 3)}});
  CHECK_THROWS_AS(s.add_scores(std::vector<Score>{{1, Rational(1)}, {1, Rational(2)}}), Error);
  CHECK_THROWS_AS(s.add_scores(std::vector<Score>{{1, Rational(Integer("100000000000000000000"))}}), Error);

  Profile q(BallotKind::quadratic, 3);
  q.add_quadratic(std::vector<QuadraticVote>{{1, -3}, {0, 4}});
  std::vector<QuadraticVote> votes;
  q.quadratic(0, votes);
  CHECK(votes == std::vector<QuadraticVote>{{0, 4}, {1, -3}});
}

TEST_CASE("Strata: channels and districts break a profile down", "[profile]") {
  Profile p(BallotKind::approval, 3);
  StratumId online_north = p.intern_stratum({Channel::online, "North"});
  StratumId paper_north = p.intern_stratum({Channel::paper, "North"});
  CHECK(p.intern_stratum({Channel::online, "North"}) == online_north);
  p.add_approval(v({0}), 5, online_north);
  p.add_approval(v({0}), 2, paper_north);
  p.add_approval(v({1}), 1, 0);
  CHECK(p.num_entries() == 3);
  auto per = p.ballots_per_stratum();
  CHECK(per[online_north] == 5);
  CHECK(per[paper_north] == 2);
  CHECK(per[0] == 1);
  Profile all = p.collapsed();
  CHECK(all.num_entries() == 2);
  CHECK(all.num_ballots() == 8);
  Profile paper = p.filtered([](const Stratum& s) { return s.channel == Channel::paper; });
  CHECK(paper.num_ballots() == 2);
  CHECK_THROWS_AS(p.add_approval(v({0}), 1, 99), Error);
}

TEST_CASE("Merging partial profiles equals building one", "[profile]") {
  Profile whole(BallotKind::approval, 4), a(BallotKind::approval, 4), b(BallotKind::approval, 4);
  auto sa = a.intern_stratum({Channel::kiosk, "East"});
  auto sb_other = b.intern_stratum({Channel::sms, ""});
  auto sb = b.intern_stratum({Channel::kiosk, "East"});
  auto sw = whole.intern_stratum({Channel::kiosk, "East"});
  auto sw2 = whole.intern_stratum({Channel::sms, ""});
  for (AlternativeIndex i = 0; i < 4; ++i) {
    a.add_approval(v({i}), i + 1, sa);
    whole.add_approval(v({i}), i + 1, sw);
    b.add_approval(v({i, static_cast<AlternativeIndex>((i + 1) % 4)}), 2, sb);
    whole.add_approval(v({i, static_cast<AlternativeIndex>((i + 1) % 4)}), 2, sw);
  }
  b.add_approval(v({0}), 7, sb_other);
  whole.add_approval(v({0}), 7, sw2);
  Profile merged = a;
  merged.merge(b);
  CHECK(merged.same_ballots(whole));
  CHECK(whole.same_ballots(merged));
  CHECK_FALSE(merged.same_ballots(a));
  Profile ranked(BallotKind::ranked, 4);
  Profile before = merged;
  CHECK_THROWS_AS(merged.merge(ranked), Error);
  CHECK(merged.same_ballots(before));  // a failed merge changes nothing
  Profile self = a;
  self.merge(self);
  CHECK(self.num_ballots() == 2 * a.num_ballots());
}

TEST_CASE("Memory grows with distinct ballots, not with ballots", "[profile]") {
  Profile p(BallotKind::approval, 50);
  for (int i = 0; i < 1000; ++i) p.add_approval(v({static_cast<AlternativeIndex>(i % 10), 20}));
  std::size_t small = p.memory_bytes();
  for (int i = 0; i < 200000; ++i) p.add_approval(v({static_cast<AlternativeIndex>(i % 10), 20}));
  CHECK(p.num_ballots() == 201000);
  CHECK(p.num_entries() == 10);
  CHECK(p.memory_bytes() == small);
}

TEST_CASE("Encoded ballots must be canonical", "[profile]") {
  Profile p(BallotKind::approval, 10);
  p.add_approval(v({2, 7}));
  Profile q(BallotKind::approval, 10);
  q.add_encoded(p.encoded(0), 3, 0);
  CHECK(q.count(0) == 3);
  q.add_encoded(std::string("\x07\x00", 2), 1, 0);                          // {7, 8}: canonical
  CHECK(q.num_entries() == 2);
  CHECK_THROWS_AS(q.add_encoded(std::string("\x87\x00", 2), 1, 0), Error);  // 7 as a two-byte varint
  CHECK_THROWS_AS(q.add_encoded(std::string("\x80", 1), 1, 0), Error);      // truncated varint
  CHECK_THROWS_AS(q.add_encoded(std::string("\x0B", 1), 1, 0), Error);      // index 11 out of range
  Profile r(BallotKind::ranked, 5);
  CHECK_THROWS_AS(r.add_encoded(std::string("\x02\x04\x03", 3), 1, 0), Error);  // marks in a rank unsorted
  r.add_encoded(std::string("\x02\x03\x04", 3), 1, 0);                          // candidates 1 and 2 tied first
  CHECK(r.num_entries() == 1);
}

TEST_CASE("Elections merge by alternative id, in any order", "[election]") {
  Election a(BallotKind::approval, alternatives({"p1", "p2", "p3"}));
  Election b(BallotKind::approval, alternatives({"p3", "p1", "p2"}));
  a.profile.add_approval(v({0, 2}));                // p1, p3
  b.profile.add_approval(v({1, 0}), 2);             // p1, p3 in b's numbering
  b.profile.add_approval(v({2}));                   // p2
  a.merge(b);
  CHECK(a.profile.num_ballots() == 4);
  CHECK(a.profile.num_entries() == 2);
  CHECK(a.profile.count(0) == 3);
  Election c(BallotKind::approval, alternatives({"p1", "p2", "p9"}));
  Election before = a;
  CHECK_THROWS_WITH(a.merge(c), Catch::Contains("'p9'"));
  CHECK(a.profile.same_ballots(before.profile));
  CHECK(a.find("p2") == AlternativeIndex{1});
  CHECK_FALSE(a.find("nope").has_value());
  CHECK_THROWS_WITH(a.index_of("nope", Location{"f.pb", 9, "vote"}), Catch::Contains("f.pb:9: vote: unknown alternative 'nope'"));
  a.alternatives[1].id = "renamed";
  CHECK(a.find("renamed") == AlternativeIndex{1});
  CHECK_FALSE(a.find("p2").has_value());
}

TEST_CASE("Ballot-rule violations are found and counted", "[election]") {
  auto alts = alternatives({"a", "b", "c", "d"});
  alts[0].cost = Rational(100);
  alts[1].cost = Rational(250);
  alts[2].cost = Rational(300);
  alts[3].cost = parse_decimal("49.99");
  Election e(BallotKind::approval, alts);
  e.rules.min_length = 2;
  e.rules.max_length = 3;
  e.rules.max_total_cost = Rational(500);
  e.profile.add_approval(v({0, 1}), 10);        // 350, ok
  e.profile.add_approval(v({0}), 3);            // too short
  e.profile.add_approval(v({0, 1, 2, 3}), 2);   // too long and too expensive
  e.profile.add_approval(v({1, 2}), 1);         // 550, too expensive
  e.profile.add_approval(v({0, 1, 3}), 1);      // 399.99, ok
  auto found = check_ballot_rules(e);
  auto get = [&](const std::string& rule) {
    for (const auto& f : found)
      if (f.rule == rule) return f;
    return RuleViolation{};
  };
  CHECK(get("min_length").ballots == 3);
  CHECK(get("max_length").ballots == 2);
  CHECK(get("max_total_cost").ballots == 3);
  CHECK(get("max_total_cost").entries == 2);
  CHECK(found.size() == 3);
  CHECK(obeys_ballot_rules(e, 0));
  CHECK_FALSE(obeys_ballot_rules(e, 1));

  Election q(BallotKind::quadratic, alternatives({"x", "y"}));
  q.rules.credits = Integer(25);
  q.profile.add_quadratic(std::vector<QuadraticVote>{{0, 3}, {1, -4}});  // 25 credits
  q.profile.add_quadratic(std::vector<QuadraticVote>{{0, 5}, {1, 1}}, 4);  // 26 credits
  auto qf = check_ballot_rules(q);
  REQUIRE(qf.size() == 1);
  CHECK(qf[0].rule == "credits");
  CHECK(qf[0].ballots == 4);
}
