# SPDX-License-Identifier: Apache-2.0
# minga.tally: ranked counts from Python, cross-checked against pref_voting and VoteKit on
# generated profiles and on real elections (shared/data/elections, skipped visibly when absent).
import json
import random
from fractions import Fraction

import pytest

import minga
from conftest import shared_file, shared_files

pref_voting = pytest.importorskip("pref_voting", reason="SKIPPED: pref_voting not installed (scripts/bootstrap --peers)")
from pref_voting import voting_methods as pv  # noqa: E402
from pref_voting.profiles import Profile  # noqa: E402
from pref_voting.profiles_with_ties import ProfileWithTies  # noqa: E402


def hand_election():
    # 9 voters: first round a 4, b 3, c 2; c leaves, its ballots go to b; b wins 5-4.
    e = minga.Election("ranked", ["a", "b", "c"])
    e.add_rankings([["a", "b", "c"], ["b", "a", "c"], ["c", "b", "a"]], counts=[4, 3, 2])
    return e


# ---- the result object ---------------------------------------------------------------------


def test_irv_rounds_are_exact_and_name_the_decisions():
    r = minga.tally(hand_election(), "irv")
    assert r.winners == ("b",) and r.winner == "b" and r.complete
    first, second = r.rounds
    assert first.tally == {"a": 4, "b": 3, "c": 2}
    assert [(a.kind, a.candidate) for a in first.actions] == [("excluded", "c")]
    assert first.actions[0].transfers == {"b": Fraction(2)}
    assert second.tally == {"a": 4, "b": 5}
    assert second.threshold == 5  # a majority of 9 active votes
    assert [(a.kind, a.candidate) for a in second.actions] == [("elected", "b")]


def test_result_to_dict_json_and_pandas():
    r = minga.tally(hand_election(), "irv")
    d = r.to_dict()
    assert d["schema"] == "minga.result/1" and d["winners"] == ["b"]
    assert minga.TallyResult.from_json(r.to_json()) == r
    assert json.loads(r.to_json(indent=None)) == d
    pandas = pytest.importorskip("pandas")
    frame = r.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["round", "candidate", "votes", "elected", "excluded"]
    assert frame[(frame["round"] == 2) & frame["elected"]]["candidate"].tolist() == ["b"]
    borda = minga.tally(hand_election(), "borda").to_pandas()
    assert borda.set_index("candidate")["score"].to_dict() == {"a": 11, "b": 12, "c": 4}


def test_method_names_aliases_and_stv_rules():
    e = hand_election()
    assert minga.tally(e, "instant_runoff").winners == minga.tally(e, "IRV").winners == ("b",)
    assert minga.tally(e, "stv", seats=1).method == minga.tally(e, "wigm", seats=1).method
    assert minga.tally(e, "stv", rules="scottish", seats=1).winners == ("b",)
    assert minga.tally(e, "stv", rules="meek", seats=2).seats == 2
    for rules in ("gregory", "wigm-prf"):  # gregory_stv.hpp's presets, as `minga tally --method stv --rules`
        two = minga.tally(e, "stv", rules=rules, seats=2)
        assert two.method == minga.tally(e, rules.replace("-", "_"), seats=2).method and len(two.winners) == 2
    with pytest.raises(ValueError, match="unknown method 'nope'"):
        minga.tally(e, "nope")
    with pytest.raises(ValueError, match="unknown STV rules"):
        minga.tally(e, "stv", rules="irish-by-lot")
    with pytest.raises(ValueError, match="takes none"):
        minga.tally(e, "irv", rules="scottish")


def test_options_that_do_not_fit_the_method_are_errors_naming_the_field():
    e = hand_election()
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "irv", percent=15)
    assert info.value.field == "share"
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "irv", overvote="sometimes")
    assert info.value.field == "overvote"
    with pytest.raises(TypeError):
        minga.tally(e, "bottoms-up", percent=15.5)  # floats are not exact


def test_ballot_rules_reach_the_count():
    e = minga.Election("ranked", ["a", "b", "c"])
    e.add_rankings([[{"a", "b"}, "c"], ["a"], ["b"], ["c", "a"]], counts=[3, 2, 2, 2])
    exhausting = minga.tally(e, "irv")  # an overvote exhausts by default
    assert exhausting.rounds[0].tally == {"a": 2, "b": 2, "c": 2}
    assert exhausting.rounds[0].inactive["overvote"] == 3
    skipping = minga.tally(e, "irv", overvote="skip_to_next_rank", tie_break="candidate-order")
    assert skipping.rounds[0].tally == {"a": 2, "b": 2, "c": 5}
    assert skipping.winners == ("c",)


def test_unresolved_tie_is_reported():
    e = minga.Election("ranked", ["a", "b"])
    e.add_rankings([["a"], ["b"]])
    r = minga.tally(e, "irv")
    assert not r.complete and r.winners == ()
    assert set(r.unresolved_tie.tied) == {"a", "b"}
    assert minga.tally(e, "irv", tie_break="candidate-order").complete


def test_pairwise_matrix_counts_ranked_above_unranked():
    e = minga.Election("ranked", ["a", "b", "c"])
    e.add_rankings([["a"], ["b", "c"]], counts=[2, 1])
    m = minga.pairwise_matrix(e)
    assert m["a"] == {"b": 2, "c": 2}
    assert m["b"] == {"a": 1, "c": 1}
    assert m["c"] == {"a": 1, "b": 0}


# ---- conversions --------------------------------------------------------------------------


def random_rankings(rng, n, voters, truncate=False, ties=False):
    ballots = []
    for _ in range(voters):
        order = list(range(n))
        rng.shuffle(order)
        if truncate:
            order = order[: rng.randint(1, n)]
        ranks = [[c] for c in order]
        if ties and len(ranks) > 1 and rng.random() < 0.3:
            ranks[0] = ranks[0] + ranks.pop(1)
        ballots.append(ranks)
    return ballots


def election_of(ballots, n):
    ids = [f"c{i}" for i in range(n)]
    e = minga.Election("ranked", ids)
    e.add_rankings([[[ids[c] for c in rank] if len(rank) > 1 else ids[rank[0]] for rank in b] for b in ballots])
    return e


@pytest.mark.parametrize("truncate,ties", [(False, False), (True, False), (True, True)])
def test_pref_voting_round_trip(truncate, ties):
    rng = random.Random(7)
    e = election_of(random_rankings(rng, 5, 60, truncate, ties), 5)
    p = minga.to_pref_voting(e)
    assert isinstance(p, Profile if not truncate else ProfileWithTies)
    assert minga.election_from_pref_voting(p).same_ballots(e)
    assert minga.election_from_peer(p).same_ballots(e)


@pytest.mark.parametrize("ties", [False, True])
def test_votekit_and_preflib_round_trips(ties):
    pytest.importorskip("votekit", reason="SKIPPED: votekit not installed (scripts/bootstrap --peers)")
    pytest.importorskip("preflibtools", reason="SKIPPED: preflibtools not installed")
    rng = random.Random(11)
    e = election_of(random_rankings(rng, 4, 50, True, ties), 4)
    vk = minga.to_votekit(e)
    assert sum(b.weight for b in vk.ballots) == e.num_ballots
    assert minga.election_from_votekit(vk).same_ballots(e)
    pl = minga.to_preflib(e)
    assert pl.num_voters == e.num_ballots
    assert minga.election_from_preflib(pl).same_ballots(e)
    assert minga.election_from_peer(pl).same_ballots(e)


def test_peer_tokens_without_counterpart_are_refused():
    e = minga.Election("ranked", ["a", "b"])
    e.add_rankings([["a", "overvote"]])
    with pytest.raises(ValueError, match="overvote"):
        minga.to_pref_voting(e)
    with pytest.raises(TypeError, match="cannot read a ranked profile"):
        minga.tally(object())


# ---- differential tests against pref_voting on generated profiles --------------------------

# (minga method, pref_voting function, profile kinds whose definitions agree)
PAIRWISE = [
    ("schulze", pv.beat_path),
    ("minimax", pv.minimax),
    ("copeland", pv.copeland),
    ("condorcet", pv.condorcet),
    ("smith", pv.smith_set),
]


def pref_voting_profile(ballots, n, linear):
    if linear:
        return Profile([[rank[0] for rank in b] for b in ballots])
    p = ProfileWithTies([{c: level + 1 for level, rank in enumerate(b) for c in rank} for b in ballots],
                        candidates=list(range(n)))
    p.use_extended_strict_preference()  # ranked above unranked, as minga's pairwise matrix counts
    return p


def agree(result, expected_indices, n):
    """minga (tie_break stop) names the single winner pref_voting finds, or reports the same tie."""
    expected = {f"c{i}" for i in expected_indices}
    if len(expected) == 1 or result.method == "smith":
        return set(result.winners) == expected
    if result.method == "condorcet":  # no Condorcet winner: pref_voting returns every candidate
        return result.winners == () and expected == {f"c{i}" for i in range(n)}
    if result.method == "smith":  # set-valued: every member is a winner
        return set(result.winners) == expected
    return result.unresolved_tie is not None and set(result.unresolved_tie.tied) == expected


@pytest.mark.parametrize("linear", [True, False], ids=["linear", "truncated"])
def test_condorcet_methods_agree_with_pref_voting(linear):
    rng = random.Random(2024 if linear else 2025)
    checked = 0
    for trial in range(150):
        n = rng.randint(3, 6)
        ballots = random_rankings(rng, n, rng.choice([5, 7, 11, 25, 51]), truncate=not linear)
        e = election_of(ballots, n)
        p = pref_voting_profile(ballots, n, linear)
        for method, peer in PAIRWISE:
            r = minga.tally(e, method)
            assert agree(r, peer(p), n), (trial, method, ballots, r.winners, r.unresolved_tie, peer(p))
            checked += 1
        # Ranked Pairs with the candidate order settling equal margins (minga's definition). A zero
        # margin locks nothing in minga but is an edge to pref_voting: compared where none is zero.
        pairs = minga.pairwise_matrix(e)
        if all(pairs[a][b] != pairs[b][a] for a in pairs for b in pairs[a]):
            r = minga.tally(e, "ranked-pairs")
            assert r.winners == tuple(f"c{i}" for i in pv.ranked_pairs_tb(p, tie_breaker=list(range(n)))), trial
    assert checked == 150 * len(PAIRWISE)


def test_borda_and_plurality_agree_with_pref_voting_on_linear_profiles():
    rng = random.Random(99)
    for trial in range(80):
        n = rng.randint(3, 6)
        ballots = random_rankings(rng, n, rng.choice([4, 9, 30]))
        e = election_of(ballots, n)
        p = pref_voting_profile(ballots, n, True)
        assert agree(minga.tally(e, "borda"), pv.borda(p), n), trial
        assert agree(minga.tally(e, "plurality"), pv.plurality(p), n), trial
        scores = minga.tally(e, "borda").scores
        assert scores == {f"c{c}": s for c, s in p.borda_scores().items()}, trial


def test_irv_agrees_with_pref_voting_when_no_tie_arises():
    # pref_voting removes every tied last candidate at once; minga (tie_break stop) stops there.
    # Where minga met no tie, both count the same rounds.
    rng = random.Random(5)
    compared = 0
    for trial in range(300):
        n = rng.randint(3, 6)
        ballots = random_rankings(rng, n, rng.choice([7, 15, 31, 101]))
        r = minga.tally(election_of(ballots, n), "irv")
        if not r.complete:
            continue
        compared += 1
        expected = pv.instant_runoff(pref_voting_profile(ballots, n, True))
        assert r.winners == tuple(f"c{i}" for i in expected), (trial, ballots)
    assert compared > 120


def test_methods_accept_pref_voting_profiles_directly():
    p = Profile([[0, 1, 2], [1, 0, 2], [2, 1, 0]], rcounts=[4, 3, 2], cmap={0: "a", 1: "b", 2: "c"})
    assert minga.tally(p, "irv").winners == ("b",)
    assert minga.tally(p, "schulze").winners == ("b",)


# ---- VoteKit -----------------------------------------------------------------------------


def test_votekit_sees_names_stripped():
    # A Glasgow 2007 ward's .blt lists "Kieran  Wild " (a trailing space): VoteKit strips
    # names inside ballots but not in its candidate list, so to_votekit strips both.
    pytest.importorskip("votekit", reason="SKIPPED: votekit not installed (scripts/bootstrap --peers)")
    e = minga.Election("ranked", ["Kieran  Wild ", "Ana"])
    e.add_rankings([["Kieran  Wild ", "Ana"], ["Ana"]])
    vk = minga.to_votekit(e)
    assert set(vk.candidates) == {"Kieran  Wild", "Ana"}
    assert sum(b.weight for b in vk.ballots) == 2
    clash = minga.Election("ranked", ["Ana ", "Ana"])
    with pytest.raises(ValueError, match="equal once VoteKit strips"):
        minga.to_votekit(clash)


def test_irv_plurality_borda_agree_with_votekit():
    votekit = pytest.importorskip("votekit", reason="SKIPPED: votekit not installed (scripts/bootstrap --peers)")
    from votekit.elections import IRV, Borda, Plurality

    rng = random.Random(31)
    compared = 0
    for trial in range(30):
        n = rng.randint(3, 5)
        ballots = random_rankings(rng, n, rng.choice([7, 15, 31]))
        e = election_of(ballots, n)
        vk = minga.to_votekit(e)
        plurality = minga.tally(e, "plurality")
        borda = minga.tally(e, "borda")
        irv = minga.tally(e, "irv")
        if plurality.complete:
            assert {c for s in Plurality(vk, n_seats=1).get_elected() for c in s} == set(plurality.winners), trial
        if borda.complete:
            assert {c for s in Borda(vk, n_seats=1).get_elected() for c in s} == set(borda.winners), trial
        if irv.complete:
            compared += 1
            assert {c for s in IRV(vk).get_elected() for c in s} == set(irv.winners), trial
    assert compared >= 10
    assert votekit


# ---- real elections ------------------------------------------------------------------------


def test_burlington_2009_irv_and_condorcet_methods_agree_with_pref_voting():
    path = shared_file("elections/burlington_2009_mayor", "00005-00000002.toi")
    e = minga.read(path)
    irv, schulze = minga.tally(e, "irv"), minga.tally(e, "schulze")
    # The certified IRV winner was Bob Kiss; Andy Montroll was the Condorcet winner.
    assert "Kiss" in irv.winners[0] and "Montroll" in schulze.winners[0]
    p = minga.to_pref_voting(e)  # ties at a rank (overvotes) make it a ProfileWithTies
    p.use_extended_strict_preference()
    assert {p.cmap[c] for c in pv.condorcet(p)} == set(schulze.winners)
    assert {p.cmap[c] for c in pv.minimax(p)} == set(minga.tally(e, "minimax").winners)
    assert {p.cmap[c] for c in pv.copeland(p)} == set(minga.tally(e, "copeland").winners)


@pytest.mark.parametrize("ward", shared_files("elections/glasgow_2007", "A*.blt", "B*.blt", "C*.blt")[:3])
def test_glasgow_wards_scottish_stv_winners_match_votekit_stv(ward):
    pytest.importorskip("votekit", reason="SKIPPED: votekit not installed")
    from votekit.elections import STV

    e = minga.read(ward)
    ours = minga.tally(e, "stv", rules="scottish")
    assert ours.complete and len(ours.winners) == e.seats
    theirs = STV(minga.to_votekit(e), n_seats=e.seats).get_elected()
    assert {c for s in theirs for c in s} == set(ours.winners)


# ---- RCTab contests ------------------------------------------------------------------------


def test_rctab_contest_gives_rctab_s_own_reports():
    # RCTab's test set 1 and its expected reports (RCTab's own test data, the team's shared data).
    config = shared_file("rctab/test_set_1_exhaust_at_overvote", "test_set_1_exhaust_at_overvote_config.json")
    case = config.parent
    t = minga.rctab(config)
    expected = json.loads((case / "test_set_1_exhaust_at_overvote_expected_detailed_report.json").read_text())
    assert [r["tally"] for r in t.summary["results"]] == [r["tally"] for r in expected["results"]]
    assert [r["inactiveBallots"] for r in t.summary["results"]] == [r["inactiveBallots"] for r in expected["results"]]
    assert t.result.winners == ("Candidate B Name",)
    csv = (case / "test_set_1_exhaust_at_overvote_expected_detailed_report.csv").read_text()
    mine = [row for row in t.summary_csv.splitlines() if not row.startswith("Generated By")]
    theirs = [row for row in csv.splitlines() if not row.startswith("Generated By")]
    assert mine == theirs
    with pytest.raises(minga.MingaError) as missing:
        minga.rctab(case / "no_such_config.json")
    assert missing.value.code == "io" and "no_such_config.json" in str(missing.value)

