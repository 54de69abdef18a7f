// SPDX-License-Identifier: Apache-2.0
// tests/unit/test_ranked_stv_family.cpp - Scottish STV, Meek and Warren STV.
//
// Two kinds of evidence:
//  - small elections counted by hand in the comments (every figure derived
//    from the ballots written here, never from minga's output);
//  - every Droop reference count we support (../shared/data/droop, GPL data
//    read at test time, never copied): the Glasgow 2007 wards and the tie
//    tests under Scottish STV, and the Meek/Warren counts under exact,
//    guarded (27 places, 9 of them guard digits) and 9-decimal (NZ/PRF)
//    arithmetic, compared value by value: quota, each candidate's
//    votes (and keep factor), non-transferable votes or residual, who is
//    elected and excluded in which round, and the winners.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "minga/core/error.hpp"
#include "minga/io/format.hpp"
#include "minga/ranked/meek.hpp"
#include "minga/ranked/scottish_stv.hpp"
#include "droop_reference.hpp"
#include "ranked_test_util.hpp"

using namespace minga;
using namespace minga::ranked;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using test::add;
using test::election_of;
using namespace test::droop;

Rational tally(const Round& round, std::uint32_t c) { return round.tally.at(c).value_or(Rational(0)); }

Rational q(const char* text) { return parse_decimal(text); }

// ---- the Droop reference files ------------------------------------------------------

/// A count's round-by-round record in Droop's terms, for comparison.
struct DroopRound {
  json snapshot;                    // the action whose values we compare
  std::set<std::string> elected;    // cids elected in the round
  std::set<std::string> defeated;   // cids defeated in the round (not "remaining")
  bool zero_surplus_transfer = false;
};

std::vector<DroopRound> droop_rounds(const json& ref, bool meek_family) {
  std::vector<DroopRound> rounds;
  for (const auto& a : ref["actions"]) {
    const std::string tag = a["tag"];
    if (tag == "log" || tag == "end") continue;
    const std::size_t r = a["round"].get<std::size_t>();
    if (rounds.size() <= r) rounds.resize(r + 1);
    DroopRound& round = rounds[r];
    const std::string msg = a.value("msg", "");
    if (tag == "elect") {
      for (auto it = a["cstate"].begin(); it != a["cstate"].end(); ++it)
        if (it.value()["state"] == "elected") round.elected.insert(it.key());
    }
    if (tag == "defeat" && msg.find("remaining") == std::string::npos) {
      for (auto it = a["cstate"].begin(); it != a["cstate"].end(); ++it)
        if (it.value()["state"] == "defeated") round.defeated.insert(it.key());
    }
    if (tag == "transfer" && a.value("surplus", "") != "" && parse_decimal(a["surplus"].get<std::string>()) == 0 &&
        msg.find("urplus") != std::string::npos)
      round.zero_surplus_transfer = true;
    if (meek_family) {
      // The first snapshot after the round's iterations (elect, iterate or defeat).
      if (round.snapshot.is_null() && (tag == "elect" || tag == "iterate" || tag == "defeat") && r > 0)
        round.snapshot = a;
    } else if (a.contains("cstate")) {
      if (!(tag == "defeat" && msg.find("remaining") != std::string::npos)) round.snapshot = a;  // the stage's end
    }
  }
  // "elected in the round" must not include those elected earlier: keep only new ones.
  std::set<std::string> before;
  for (auto& round : rounds) {
    std::set<std::string> fresh;
    for (const auto& c : round.elected)
      if (!before.count(c)) fresh.insert(c);
    before.insert(fresh.begin(), fresh.end());
    round.elected = fresh;
  }
  std::set<std::string> gone;
  for (auto& round : rounds) {
    std::set<std::string> fresh;
    for (const auto& c : round.defeated)
      if (!gone.count(c)) fresh.insert(c);
    gone.insert(fresh.begin(), fresh.end());
    round.defeated = fresh;
  }
  return rounds;
}

// ---- Scottish STV against Droop's scotland-fixed-p5-d5 --------------------------------

Diff compare_scottish(const fs::path& blt, const fs::path& ref_path) {
  const Election e = read_blt_file(blt);
  ScottishStvOptions options;
  options.seats = e.seats.value_or(1);
  options.tie_break = droop_lot(e, LookBack::previous_rounds_backwards);
  const Result r = scottish_stv(e, options);
  const json ref = read_json(ref_path);
  Diff diff;
  std::vector<DroopRound> stages = droop_rounds(ref, false);
  // Droop gives a candidate at exactly the quota a transfer stage that moves nothing;
  // rule 48(1) transfers only a surplus "exceeding" the quota. Such stages are left out.
  std::vector<DroopRound> kept;
  for (auto& s : stages) {
    if (s.zero_surplus_transfer) {
      if (!kept.empty()) kept.back().elected.insert(s.elected.begin(), s.elected.end());
      continue;
    }
    kept.push_back(std::move(s));
  }
  if (kept.size() != r.rounds.size())
    diff.add("stages: Droop " + std::to_string(kept.size()) + ", minga " + std::to_string(r.rounds.size()));
  const Rational quota = parse_decimal(ref["quota"].get<std::string>());
  for (std::size_t i = 0; i < std::min(kept.size(), r.rounds.size()); ++i) {
    const json& snap = kept[i].snapshot;
    const Round& round = r.rounds[i];
    const std::string at = "stage " + std::to_string(i + 1) + ": ";
    if (*round.threshold != quota) diff.add(at + "quota");
    for (auto it = snap["cstate"].begin(); it != snap["cstate"].end(); ++it) {
      if (!it.value().contains("vote")) continue;
      const std::uint32_t c = static_cast<std::uint32_t>(std::stoul(it.key()) - 1);
      if (tally(round, c) != parse_decimal(it.value()["vote"].get<std::string>()))
        diff.add(at + "candidate " + it.key() + " Droop " + it.value()["vote"].get<std::string>() + ", minga " +
                 to_exact_string(tally(round, c)));
    }
    Rational inactive = 0;
    for (const auto& v : round.inactive) inactive += v;
    if (inactive != parse_decimal(snap["nt_votes"].get<std::string>()))
      diff.add(at + "non-transferable Droop " + snap["nt_votes"].get<std::string>() + ", minga " +
               to_exact_string(inactive));
    if (actions_of(round, ActionKind::elected) != kept[i].elected)
      diff.add(at + "elected Droop " + joined(kept[i].elected) + ", minga " +
               joined(actions_of(round, ActionKind::elected)));
    // minga's stage i transfer is Droop's stage i+1.
    const std::set<std::string> droop_out = i + 1 < kept.size() ? kept[i + 1].defeated : std::set<std::string>{};
    if (actions_of(round, ActionKind::excluded) != droop_out)
      diff.add(at + "excluded Droop " + joined(droop_out) + ", minga " + joined(actions_of(round, ActionKind::excluded)));
  }
  std::set<std::string> winners;
  for (auto w : r.winners) winners.insert(cid(w));
  if (winners != droop_winners(ref)) diff.add("winners differ");
  if (!r.complete()) diff.add("count stopped on a tie");
  return diff;
}

// ---- Meek and Warren against Droop's meek/warren/meek-prf --------------------------------

struct MeekCase {
  fs::path blt, ref;
  std::string rule;    // "meek", "warren", "meek-prf"
  unsigned omega = 0;  // exponent
  bool fixed9 = false;
  unsigned display = 9;
};

/// Reads a reference file name: <base>-<rule>-<arith>.txt.
std::optional<MeekCase> meek_case(const fs::path& ref, const fs::path& blt_dir) {
  const std::string name = ref.stem().string();
  MeekCase c;
  std::string base;
  for (const char* tail : {"-meek-prf-o6-fixed-p9-d9", "-meek-o9-guarded-p18-g9-d18", "-meek-o10-rational-d12",
                           "-warren-o9-guarded-p18-g9-d18", "-warren-o10-rational-d12"}) {
    const std::string t = tail;
    if (name.size() > t.size() && name.compare(name.size() - t.size(), t.size(), t) == 0) {
      base = name.substr(0, name.size() - t.size());
      c.rule = t.find("prf") != std::string::npos ? "meek-prf" : t.find("warren") != std::string::npos ? "warren" : "meek";
      c.fixed9 = t.find("fixed") != std::string::npos;
      c.omega = t.find("-o9-") != std::string::npos ? 9 : t.find("-o10-") != std::string::npos ? 10 : 6;
      c.display = t.find("d18") != std::string::npos ? 18 : t.find("d12") != std::string::npos ? 12 : 9;
    }
  }
  if (base.empty()) return std::nullopt;
  c.blt = blt_dir / (base + ".blt");
  c.ref = ref;
  return c;
}

MeekOptions options_for(const MeekCase& c, const Election& e) {
  const std::uint32_t seats = e.seats.value_or(1);
  MeekOptions options = c.rule == "meek-prf" ? meek_new_zealand_options(seats, droop_lot(e, LookBack::none))
                                             : meek_exact_options(seats, c.omega, droop_lot(e, LookBack::none));
  if (c.rule == "warren") options.keep = KeepRule::warren;
  if (c.display == 18) {  // Droop's guarded arithmetic: 18 places + 9 guard digits, truncating
    options.decimals = 27;
    options.guard_digits = 9;
    options.rounding = MeekRounding::both_truncated;
  }
  return options;
}

Diff compare_meek(const MeekCase& c) {
  const Election e = read_blt_file(c.blt);
  const MeekCount count = meek_count(e, options_for(c, e));
  const Result& r = count.result;
  const json ref = read_json(c.ref);
  Diff diff;
  auto same = [&](const Rational& mine, const std::string& theirs) {
    return c.fixed9 ? mine == parse_decimal(theirs) : half_up(mine, c.display) == theirs;
  };
  auto shown = [&](const Rational& mine) { return c.fixed9 ? to_exact_string(mine) : half_up(mine, c.display); };
  std::vector<DroopRound> rounds = droop_rounds(ref, true);
  std::vector<DroopRound> counted(rounds.begin() + (rounds.empty() ? 0 : 1), rounds.end());  // round 0 is the start
  while (!counted.empty() && counted.back().snapshot.is_null()) counted.pop_back();
  if (counted.size() != r.rounds.size())
    diff.add("rounds: Droop " + std::to_string(counted.size()) + ", minga " + std::to_string(r.rounds.size()));
  for (std::size_t i = 0; i < std::min(counted.size(), r.rounds.size()); ++i) {
    const json& snap = counted[i].snapshot;
    const Round& round = r.rounds[i];
    const MeekRoundState& state = count.rounds[i];
    const std::string at = "round " + std::to_string(i + 1) + ": ";
    if (snap.is_null()) {
      diff.add(at + "no Droop snapshot");
      continue;
    }
    if (round.threshold && !same(*round.threshold, snap["quota"]))
      diff.add(at + "quota Droop " + snap["quota"].get<std::string>() + ", minga " + shown(*round.threshold));
    if (!same(state.residual, snap["residual"]))
      diff.add(at + "residual Droop " + snap["residual"].get<std::string>() + ", minga " + shown(state.residual));
    if (snap["tag"] != "elect" && !same(state.surplus, snap["surplus"]))
      diff.add(at + "surplus Droop " + snap["surplus"].get<std::string>() + ", minga " + shown(state.surplus));
    for (auto it = snap["cstate"].begin(); it != snap["cstate"].end(); ++it) {
      if (!it.value().contains("vote")) continue;
      const std::uint32_t k = static_cast<std::uint32_t>(std::stoul(it.key()) - 1);
      if (!same(tally(round, k), it.value()["vote"]))
        diff.add(at + "vote of " + it.key() + " Droop " + it.value()["vote"].get<std::string>() + ", minga " +
                 shown(tally(round, k)));
      if (!same(state.keep.at(k), it.value()["kf"]))
        diff.add(at + "kf of " + it.key() + " Droop " + it.value()["kf"].get<std::string>() + ", minga " +
                 shown(state.keep.at(k)));
    }
    if (actions_of(round, ActionKind::elected) != counted[i].elected)
      diff.add(at + "elected Droop " + joined(counted[i].elected) + ", minga " +
               joined(actions_of(round, ActionKind::elected)));
    if (actions_of(round, ActionKind::excluded) != counted[i].defeated)
      diff.add(at + "excluded Droop " + joined(counted[i].defeated) + ", minga " +
               joined(actions_of(round, ActionKind::excluded)));
  }
  std::set<std::string> winners;
  for (auto w : r.winners) winners.insert(cid(w));
  if (winners != droop_winners(ref)) diff.add("winners: Droop " + joined(droop_winners(ref)) + ", minga " + joined(winners));
  if (!r.complete()) diff.add("count stopped on a tie");
  return diff;
}

}  // namespace

// ---- hand-counted cases --------------------------------------------------------------------

TEST_CASE("Scottish STV: quota, a truncated surplus transfer, one exclusion per stage", "[stv-family]") {
  // 2 seats, 10 papers: A,B x6; C x3; B x1. Quota = floor(10/3) + 1 = 4.
  Election e = election_of({"A", "B", "C"});
  add(e, {{0}, {1}}, 6);
  add(e, {{2}}, 3);
  add(e, {{1}}, 1);
  ScottishStvOptions options;
  options.seats = 2;
  const Result r = scottish_stv(e, options);
  REQUIRE(r.rounds.size() == 3);
  // Stage 1: A 6 >= 4 is elected; the surplus 2 moves: each paper 1 x 2 / 6 = 0.333333... -> 0.33333.
  CHECK(*r.rounds[0].threshold == 4);
  REQUIRE(r.rounds[0].actions.size() == 2);
  CHECK(r.rounds[0].actions[0].kind == ActionKind::elected);
  CHECK(r.rounds[0].actions[1].kind == ActionKind::surplus);
  CHECK(r.rounds[0].actions[1].to[1] == q("1.99998"));     // 6 x 0.33333
  CHECK(r.rounds[0].actions[1].residual == q("0.00002"));  // 2 - 1.99998, lost to truncation
  // Stage 2: A keeps 4, B 1 + 1.99998 = 2.99998, C 3: B is excluded; its papers have no next choice.
  CHECK(tally(r.rounds[1], 0) == 4);
  CHECK(tally(r.rounds[1], 1) == q("2.99998"));
  CHECK(tally(r.rounds[1], 2) == 3);
  REQUIRE(r.rounds[1].actions.size() == 1);
  CHECK(r.rounds[1].actions[0].kind == ActionKind::excluded);
  CHECK(r.rounds[1].actions[0].candidate == 1);
  // Stage 3: C alone continues for the last seat: elected (rule 52); 2.99998 non-transferable.
  CHECK(r.rounds[2].inactive[static_cast<int>(ExhaustReason::no_continuing_choice)] == q("2.99998"));
  CHECK(r.winners == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("Scottish STV: rule 52 ends the count; equal lowest looks back to the latest stage that differed",
          "[stv-family]") {
  // 1 seat, 9 papers, quota floor(9/2) + 1 = 5: A x4, B x2, C,B x2, D,C x1.
  Election e = election_of({"A", "B", "C", "D"});
  add(e, {{0}}, 4);
  add(e, {{1}}, 2);
  add(e, {{2}, {1}}, 2);
  add(e, {{3}, {2}}, 1);
  ScottishStvOptions options;
  options.seats = 1;
  const Result r = scottish_stv(e, options);
  // Stage 1: A 4, B 2, C 2, D 1: D out, its paper to C. Stage 2: A 4, B 2, C 3: B out (non-transferable).
  // Stage 3: A 4, C 3: C out (B is gone: non-transferable). Stage 4: A alone continues: elected (rule 52).
  REQUIRE(r.rounds.size() == 4);
  CHECK(r.rounds[0].actions.back().candidate == 3);
  CHECK(tally(r.rounds[1], 2) == 3);
  CHECK(r.rounds[1].actions.back().candidate == 1);
  CHECK(r.rounds[2].actions.back().candidate == 2);
  CHECK(r.winners == std::vector<std::uint32_t>{0});

  // 2 seats, 11 papers, quota floor(11/3) + 1 = 4: A,C x5, B x3, C x1, D x2.
  Election t = election_of({"A", "B", "C", "D"});
  add(t, {{0}, {2}}, 5);
  add(t, {{1}}, 3);
  add(t, {{2}}, 1);
  add(t, {{3}}, 2);
  options.seats = 2;
  const Result tr = scottish_stv(t, options);
  // Stage 1: A 5 elected; surplus 1: each of A's papers 1 x 1 / 5 = 0.2 -> C gets 1.
  // Stage 2: A 4, B 3, C 2, D 2: C and D tie; at stage 1 C had 1 and D 2, so C is excluded.
  REQUIRE(tr.rounds.size() == 4);
  CHECK(tally(tr.rounds[1], 2) == 2);
  const Action& out = tr.rounds[1].actions.back();
  CHECK(out.kind == ActionKind::excluded);
  CHECK(out.candidate == 2);
  REQUIRE(out.tie);
  CHECK(out.tie->how == "round 1 totals");
  // Stage 3: A 4, B 3, D 2: D out. Stage 4: B alone continues: elected.
  CHECK(tr.winners == std::vector<std::uint32_t>{0, 1});

  // Equal at every stage: the default policy stops and reports the tie (the lot is the caller's).
  Election u = election_of({"A", "B", "C", "D"});
  add(u, {{0}}, 5);
  add(u, {{1}}, 2);
  add(u, {{2}}, 1);
  add(u, {{3}}, 1);
  const Result ur = scottish_stv(u, options);  // quota 4: A elected, surplus 1 non-transferable; C = D = 1
  CHECK_FALSE(ur.complete());
  REQUIRE(ur.unresolved_tie);
  CHECK(std::set<std::uint32_t>(ur.unresolved_tie->tied.begin(), ur.unresolved_tie->tied.end()) ==
        std::set<std::uint32_t>{2, 3});
  options.tie_break.final = TieFinal::lot_order;
  options.tie_break.order = {3, 2, 1, 0};  // the lot drew D first: D is excluded
  const Result lot = scottish_stv(u, options);
  CHECK(lot.rounds[1].actions.back().candidate == 3);
}

TEST_CASE("Meek: keep factors iterate until someone reaches the falling quota (exact and 9-decimal)",
          "[stv-family]") {
  // 2 seats, 7 ballots: A,B x4; A x1; C x2.
  Election e = election_of({"A", "B", "C"});
  add(e, {{0}, {1}}, 4);
  add(e, {{0}}, 1);
  add(e, {{2}}, 2);
  MeekCount exact = meek_count(e, meek_exact_options(2, 6));
  // Round 1: A 5, B 0, C 2; q = 7/3; A > q is elected.
  REQUIRE(exact.result.rounds.size() == 2);
  CHECK(*exact.result.rounds[0].threshold == Rational(7, 3));
  CHECK(exact.result.rounds[0].actions.at(0).candidate == 0);
  // Round 2: kf_A = 7/15, then 7/15 x (97/45) / (7/3) = 97/225. With 97/225: A 485/225,
  // B 4 x 128/225 = 512/225, C 2; q = (1447/225) / 3 = 1447/675 < B: B elected on iteration 3.
  const MeekRoundState& second = exact.rounds[1];
  CHECK(second.iterations == 3);
  CHECK(second.ended_by == "elected");
  CHECK(second.keep[0] == Rational(97, 225));
  CHECK(tally(exact.result.rounds[1], 1) == Rational(512, 225));
  CHECK(*exact.result.rounds[1].threshold == Rational(1447, 675));
  CHECK(second.residual == Rational(128, 225));  // the A-only ballot passes on 1 - kf to no one
  CHECK(exact.result.winners == std::vector<std::uint32_t>{0, 1});

  // 9 decimals, NZ rounding: q = trunc9(7/3) + 10^-9 = 2.333333334.
  MeekCount nz = meek_count(e, meek_new_zealand_options(2));
  CHECK(*nz.result.rounds[0].threshold == q("2.333333334"));
  CHECK(tally(nz.result.rounds[0], 0) == 5);
  CHECK(nz.result.winners == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("Warren: a candidate keeps an amount, not a share", "[stv-family]") {
  // 2 seats: A,B x4; C,A,B x2 (weight reaches A only after C); D x3. 9 ballots.
  // Round 1: A 4, C 2, D 3; q = 9/3 = 3; A > 3 is elected.
  Election e = election_of({"A", "B", "C", "D"});
  add(e, {{0}, {1}}, 4);
  add(e, {{2}, {0}, {1}}, 2);
  add(e, {{3}}, 3);
  MeekOptions options = meek_exact_options(2, 6);
  options.keep = KeepRule::warren;
  options.batch_defeat = false;
  const MeekCount warren = meek_count(e, options);
  CHECK(warren.result.method == "warren");
  REQUIRE(warren.result.rounds.size() >= 2);
  CHECK(tally(warren.result.rounds[0], 0) == 4);
  CHECK(*warren.result.rounds[0].threshold == 3);
  // Round 2, iteration 1: kf 1 gives the same votes; surplus 1; kf = 3/4. Iteration 2: A keeps 3/4 of
  // each A,B ballot (B gets 4 x 1/4 = 1); C keeps the C,A,B ballots whole. A 3, B 1, C 2, D 3: q = 3,
  // surplus 0 <= omega: the lowest, B (1), is excluded.
  CHECK(warren.rounds[1].keep[0] == Rational(3, 4));
  CHECK(tally(warren.result.rounds[1], 1) == 1);
  CHECK(warren.result.rounds[1].actions.at(0).kind == ActionKind::excluded);
  CHECK(warren.result.rounds[1].actions.at(0).candidate == 1);
  // Round 3: B gone: A keeps 3/4 of 4 = 3; C 2, D 3; q = (3 + 2 + 3) / 3 = 8/3; D 3 > 8/3: elected.
  CHECK(warren.result.winners == std::vector<std::uint32_t>{0, 3});
}

// ---- Droop conformance -----------------------------------------------------------------------

TEST_CASE("Scottish STV reproduces Droop's Glasgow 2007 and tie-break counts stage by stage", "[stv-family]") {
  const fs::path dir = kDroop / "blt" / "scotland";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: " << dir.string() << " is absent");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".blt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  int matched = 0;
  std::string report;
  for (const auto& blt : files) {
    const fs::path ref =
        kDroop / "ref" / "json" / "scotland" / (blt.stem().string() + "-scotland-fixed-p5-d5.txt");
    if (!fs::exists(ref)) continue;
    const Diff diff = compare_scottish(blt, ref);
    if (diff.empty()) ++matched;
    else report += "  " + blt.stem().string() + ":\n" + diff.text();
    CHECK(diff.empty());
  }
  // The classic files of blt/ counted under scotland too.
  for (const char* base : {"42", "42t", "42u", "513", "M135", "SC", "SCw", "SCwopt", "SC-Vm-12"}) {
    const fs::path blt = kDroop / "blt" / (std::string(base) + ".blt");
    const fs::path ref = kDroop / "ref" / "json" / (std::string(base) + "-scotland-fixed-p5-d5.txt");
    if (!fs::exists(ref)) continue;
    files.push_back(blt);
    const Diff diff = compare_scottish(blt, ref);
    if (diff.empty()) ++matched;
    else report += "  " + std::string(base) + ":\n" + diff.text();
    CHECK(diff.empty());
  }
  WARN("Scottish STV vs Droop: " << matched << " / " << files.size() << " cases match exactly\n" << report);
}

TEST_CASE("Meek and Warren reproduce Droop's reference counts round by round", "[stv-family]") {
  const fs::path refs = kDroop / "ref" / "json";
  if (!fs::exists(refs)) {
    WARN("SKIPPED: " << refs.string() << " is absent");
    return;
  }
  std::vector<MeekCase> cases;
  for (const auto& [ref, blt_dir] : reference_files("meek"))
    if (auto c = meek_case(ref, blt_dir)) cases.push_back(*c);
  std::map<std::string, std::pair<int, int>> by_rule;
  std::string report;
  for (const auto& c : cases) {
    const auto start = std::chrono::steady_clock::now();
    const Diff diff = compare_meek(c);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    auto& tally_of_rule = by_rule[c.ref.stem().string().substr(c.ref.stem().string().find(c.rule))];
    ++tally_of_rule.second;
    if (diff.empty()) ++tally_of_rule.first;
    else report += "  " + c.ref.stem().string() + ":\n" + diff.text();
    if (ms > 500) report += "  (" + c.ref.stem().string() + ": " + std::to_string(static_cast<int>(ms)) + " ms)\n";
    CHECK(diff.empty());
  }
  std::string summary;
  for (const auto& [rule, t] : by_rule)
    summary += "  " + rule + ": " + std::to_string(t.first) + " / " + std::to_string(t.second) + "\n";
  WARN("Meek/Warren vs Droop (" << cases.size() << " cases):\n" << summary << report);
}
