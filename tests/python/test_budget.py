# SPDX-License-Identifier: Apache-2.0
# minga.budget: hand-computed outcomes, real pabulib outcomes, and a differential test against pabutools.
import csv
import json
import random
from fractions import Fraction
from pathlib import Path

import pytest

import minga
from conftest import pabulib_files, pabulib_header, small_pabulib_files

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny_approval.pb"


@pytest.fixture(scope="module")
def tiny():
    return minga.read(TINY)


# ---- tests/data/tiny_approval.pb, by hand ------------------------------------------------------
# budget 1000, 6 voters; project (cost, approved by): 1 (400; v1 v2 v5 v6), 2 (350; v1 v2 v4),
# 3 (600; v3 v6), 4 (150; v4 v6). v6 approves three projects (max_length 2): every ballot counts.


def test_greedy_by_hand(tiny):
    # By votes 4, 3, 2, 2: fund 1 (600 left), 2 (250 left); 3 and 4 tie at 2 and min_cost puts 4
    # (150, 100 left) first; 3 (600) does not fit.
    r = minga.budget(tiny, "greedy")
    assert r.selected == ("1", "2", "4")
    assert r.total_cost == Fraction(900)
    assert r.left_over == Fraction(100)
    assert r.budget == Fraction(1000)
    assert r.voters == 6
    assert r.endowment is None
    assert [s.project for s in r.steps] == ["1", "2", "4"]
    assert r.steps[2].tied_with == ("3",)
    assert [u.project for u in r.unfunded] == ["3"]
    assert r.exhaustive
    # The file names greedy: the official rule is the same.
    assert minga.budget(tiny).selected == ("1", "2", "4")


def test_greedy_options_by_hand(tiny):
    # Budget 700: 1 (300 left), 2 (350) does not fit, 4 (150) does. Without skip: stop at 2.
    assert minga.budget(tiny, "greedy", budget=700).selected == ("1", "4")
    assert minga.budget(tiny, "greedy-no-skip", budget=Fraction(700)).selected == ("1",)
    assert minga.budget(tiny, "greedy", budget="700.00").total_cost == 550


def test_mes_by_hand(tiny):
    # Each voter holds 1000/6. Per unit of satisfaction (cost utility) 1 costs each supporter
    # 100/400 = 1/4, 2: 1/3, 4: 1/2, 3 is unaffordable (2 x 1000/6 < 600): fund 1, its supporters
    # keep 200/3. Then 2 is unaffordable (200/3 + 200/3 + 500/3 < 350), 4 affordable: fund 4.
    r = minga.budget(tiny, "mes", completion="none")
    assert r.selected == ("1", "4")
    assert r.endowment == Fraction(500, 3)
    assert r.steps[0].price == Fraction(1, 4)
    assert r.total_cost == 550


def test_check_reports_voters_axioms_and_prices(tiny):
    # MES without completion funds 1 and 4 (above): v3 approves only 3 and is left empty-handed;
    # v1, v2, v5 get one funded project, v4 one, v6 two: 6/6 funded projects over 6 voters.
    r = minga.budget(tiny, "mes", completion="none", check=True)
    a = r.analysis
    assert a["all"]["voters"] == 6 and a["all"]["empty_handed"] == 1
    assert Fraction(a["all"]["average_funded"]) == Fraction(6, 6)
    # {2} is the only cohesive set left out (v1 v2 v4: 3/6 >= 350/1000) and v1 already gets 400 >= 350.
    assert a["axioms"]["ejr"]["satisfied"] and a["axioms"]["pjr"]["satisfied"]
    assert a["price_system"] == {"valid": True, "problems": []}
    assert minga.budget(tiny, "mes", completion="none").analysis is None
    assert "price_system" not in minga.budget(tiny, "greedy", check=True).analysis


def test_result_round_trips(tiny):
    r = minga.budget(tiny, "mes", completion="add1", tie_break=["min_cost", "by_id"])
    d = r.to_dict()
    assert d["schema"] == "minga.budget.result/1"
    assert d["selected"] == list(r.selected)
    assert json.loads(r.to_json()) == d
    assert minga.BudgetResult.from_json(r.to_json()) == r
    assert "selected=" in repr(r)


def test_bad_options_name_the_option(tiny):
    with pytest.raises(minga.MingaError) as bad:
        minga.budget(tiny, "lottery")
    assert bad.value.field == "rule" and bad.value.code == "invalid_argument"
    with pytest.raises(minga.MingaError) as bad:
        minga.budget(tiny, "mes", completion="add2")
    assert bad.value.field == "completion"
    with pytest.raises(minga.MingaError) as bad:
        minga.budget(tiny, "greedy", tie_break="by_cost")
    assert bad.value.field == "tie_break"
    with pytest.raises(TypeError):
        minga.budget(tiny, "greedy", budget=700.0)  # floats are not exact
    with pytest.raises(TypeError):
        minga.budget(tiny, "mes", exhaustive_stop="yes")
    with pytest.raises(minga.MingaError) as bad:  # an unknown key, straight into the spec reader
        minga._minga._budget_run(tiny, '{"tie_brake": "by_id"}')
    assert bad.value.field == "tie_brake" and "unknown key" in str(bad.value)


def test_refused_tie(tiny):
    with pytest.raises(minga.MingaError) as tie:
        minga.budget(tiny, "greedy", tie_break="refuse")
    assert tie.value.code == "tie" and tie.value.status == -9


def test_lot_needs_a_seed_and_is_reproducible(tiny):
    with pytest.raises(minga.MingaError):
        minga.budget(tiny, "greedy", tie_break="lot")
    a = minga.budget(tiny, "greedy", tie_break="lot", seed="2026-01-02")
    b = minga.budget(tiny, "greedy", tie_break="lot", seed="2026-01-02")
    assert a == b


def test_no_budget_is_an_error():
    e = minga.Election("approval", ["a", "b"])
    e.add_approvals([["a"]])
    with pytest.raises(minga.MingaError):
        minga.budget(e, "greedy")


# ---- real elections: the official rule reproduces the `selected` column ------------------------


def selected_column(path):
    """The ids pabulib marks selected (1), read here independently of minga.

    Other marks are not the rule's outcome (Gdynia's selected=2: turnout-award projects funded
    outside the budget, as the file's comment says)."""
    with open(path, encoding="utf-8-sig") as f:
        lines = [line.rstrip("\r\n") for line in f]
    start = next(i for i, line in enumerate(lines) if line.strip().upper() == "PROJECTS") + 1
    end = next(i for i, line in enumerate(lines) if line.strip().upper() == "VOTES")
    rows = list(csv.DictReader(lines[start:end], delimiter=";"))
    return {row["project_id"].strip() for row in rows if (row.get("selected") or "").strip() == "1"}


@pytest.mark.parametrize("path", pabulib_files())
def test_official_rule_reproduces_the_selected_column(path):
    e = minga.read(path)
    rule = pabulib_header(path).get("rule")
    if rule == "unknown":
        with pytest.raises(minga.MingaError) as refused:
            minga.budget(e)
        assert refused.value.code == "unsupported"
        pytest.skip(f"SKIPPED: {path.name} names no rule (META rule 'unknown'): nothing to reproduce")
    r = minga.budget(e)
    assert set(r.selected) == selected_column(path)
    assert r.total_cost <= r.budget


# ---- differential test against pabutools ------------------------------------------------------
#
# Random small approval instances. Project ids p0..p9 sort the same as names in pabutools
# (lexico_tie_breaking) and as bytes in minga (by_id), so both sides break every tie the same way
# and are deterministic. Every project has at least one supporter (see the Phragmén note).

N_INSTANCES = 300


def random_instances(n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        m = rng.randint(2, 9)
        voters = rng.randint(1, 14)
        costs = [rng.randint(1, 12) * rng.choice((1, 5, 10)) for _ in range(m)]
        budget = rng.randint(max(costs) // 2 + 1, sum(costs))
        p = rng.uniform(0.2, 0.7)
        ballots = [{j for j in range(m) if rng.random() < p} for _ in range(voters)]
        for j in range(m):  # everybody's project has a supporter
            if not any(j in b for b in ballots):
                ballots[rng.randrange(voters)].add(j)
        yield costs, budget, ballots


@pytest.fixture(scope="module")
def pabutools():
    return pytest.importorskip(
        "pabutools",
        reason="SKIPPED: pabutools is not importable (scripts/bootstrap --peers installs it in build/venv)",
        exc_type=ImportError)


def to_pabutools(costs, budget, ballots):
    from pabutools.election import ApprovalBallot, ApprovalProfile, Instance, Project

    projects = [Project(f"p{j}", cost) for j, cost in enumerate(costs)]
    instance = Instance(projects, budget_limit=budget)
    profile = ApprovalProfile([ApprovalBallot({projects[j] for j in b}) for b in ballots], instance=instance)
    return instance, profile


def names(allocation):
    return [p.name for p in allocation]


def welfare(selected, costs, ballots, utility):
    votes = [sum(1 for b in ballots if j in b) for j in range(len(costs))]
    return sum(votes[j] * (costs[j] if utility == "cost" else 1) for j in (int(s[1:]) for s in selected))


def test_converted_election_holds_the_same_ballots(pabutools):
    for costs, budget, ballots in random_instances(20, seed=7):
        instance, profile = to_pabutools(costs, budget, ballots)
        e = minga.election_from_pabutools(instance, profile)
        direct = minga.Election("approval", [minga.Alternative(f"p{j}", cost=c) for j, c in enumerate(costs)],
                                budget=budget)
        direct.add_approvals([sorted(f"p{j}" for j in b) for b in ballots])
        assert e.same_ballots(direct)
        assert e.budget == budget and [a.cost for a in e.alternatives] == costs


def test_greedy_matches_pabutools(pabutools):
    from pabutools.election import Cost_Sat
    from pabutools.rules import greedy_utilitarian_welfare
    from pabutools.tiebreaking import lexico_tie_breaking

    for costs, budget, ballots in random_instances(N_INSTANCES, seed=1):
        instance, profile = to_pabutools(costs, budget, ballots)
        theirs = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking)
        ours = minga.budget_from_pabutools(instance, profile, "greedy", tie_break="by_id")
        assert list(ours.selected) == names(theirs), (costs, budget, ballots)


@pytest.mark.parametrize("utility", ["cost", "cardinality"])
def test_equal_shares_matches_pabutools(pabutools, utility):
    from pabutools.election import Cardinality_Sat, Cost_Sat
    from pabutools.rules import method_of_equal_shares
    from pabutools.tiebreaking import lexico_tie_breaking

    sat = Cost_Sat if utility == "cost" else Cardinality_Sat
    for costs, budget, ballots in random_instances(N_INSTANCES, seed=2):
        instance, profile = to_pabutools(costs, budget, ballots)
        theirs = method_of_equal_shares(instance, profile, sat_class=sat, tie_breaking=lexico_tie_breaking)
        ours = minga.budget_from_pabutools(instance, profile, "mes", utility=utility, completion="none",
                                           tie_break="by_id")
        assert list(ours.selected) == names(theirs), (costs, budget, ballots)  # same order too


@pytest.mark.parametrize("utility", ["cost", "cardinality"])
def test_max_welfare_matches_pabutools(pabutools, utility):
    from pabutools.election import Cardinality_Sat, Cost_Sat
    from pabutools.rules import max_additive_utilitarian_welfare

    sat = Cost_Sat if utility == "cost" else Cardinality_Sat
    for costs, budget, ballots in random_instances(N_INSTANCES // 2, seed=3):
        instance, profile = to_pabutools(costs, budget, ballots)
        theirs = max_additive_utilitarian_welfare(instance, profile, sat_class=sat)
        ours = minga.budget_from_pabutools(instance, profile, "max-welfare", utility=utility, tie_break="by_id")
        assert ours.total_cost <= budget
        assert welfare(ours.selected, costs, ballots, utility) == welfare(names(theirs), costs, ballots, utility), (
            costs, budget, ballots)


def test_phragmen_matches_pabutools_until_it_stops(pabutools):
    # pabutools' sequential_phragmen stops as soon as the project with the lowest new load does not
    # fit; minga drops that project and goes on with the next (phragmen.hpp). So pabutools' outcome
    # is the start of ours, and both are equal whenever the lowest-load project always fits.
    from pabutools.rules import sequential_phragmen
    from pabutools.tiebreaking import lexico_tie_breaking

    same = longer = 0
    for costs, budget, ballots in random_instances(N_INSTANCES, seed=4):
        instance, profile = to_pabutools(costs, budget, ballots)
        theirs = sorted(names(sequential_phragmen(instance, profile, tie_breaking=lexico_tie_breaking)))
        ours = minga.budget_from_pabutools(instance, profile, "phragmen", tie_break="by_id")
        assert sorted(ours.selected[: len(theirs)]) == theirs, (costs, budget, ballots)
        if len(ours.selected) == len(theirs):
            same += 1
        else:
            longer += 1
            # ours went on only with projects that fit in what pabutools left unspent
            left = budget - sum(costs[int(p[1:])] for p in theirs)
            assert sum(costs[int(p[1:])] for p in ours.selected[len(theirs):]) <= left
    assert same > 0 and same + longer == N_INSTANCES
    print(f"phragmen: {same} equal, {longer} where minga funds more after pabutools stops")


def test_maximin_support_matches_pabutools(pabutools):
    # pabutools solves a floating-point LP (CBC) per candidate; minga computes each load exactly.
    # Where two candidates' loads are exactly equal, float noise can make pabutools see a strict
    # order and skip lexicographic tie-breaking: the outcomes may then part at that round, and
    # only there. Every such parting must be at a round where minga records an exact tie.
    from pabutools.rules import maximin_support
    from pabutools.tiebreaking import lexico_tie_breaking

    n = 40  # one LP per candidate and round: the slowest peer here
    same = parted_at_tie = 0
    for costs, budget, ballots in random_instances(n, seed=5):
        instance, profile = to_pabutools(costs, budget, ballots)
        theirs = names(maximin_support(instance, profile, tie_breaking=lexico_tie_breaking))
        ours = minga.budget_from_pabutools(instance, profile, "maximin-support", tie_break="by_id")
        if list(ours.selected) == theirs:
            same += 1
            continue
        k = next((i for i, (a, b) in enumerate(zip(ours.selected, theirs)) if a != b), None)
        assert k is not None, (costs, budget, ballots, ours.selected, theirs)  # one is longer: not a tie
        assert theirs[k] in ours.steps[k].tied_with, (costs, budget, ballots, ours.selected, theirs)
        parted_at_tie += 1
    assert same + parted_at_tie == n and same >= 0.9 * n
    print(f"maximin support: {same} equal, {parted_at_tie} parted at an exact tie")


@pytest.mark.parametrize("path", small_pabulib_files(400_000))
def test_pabutools_objects_reproduce_the_selected_column(pabutools, path):
    # The file read by pabutools, converted (META kept, so "official" runs the rule it names).
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(str(path))
    if pabulib_header(path).get("rule") == "unknown":
        pytest.skip(f"SKIPPED: {path.name} names no rule (META rule 'unknown'): nothing to reproduce")
    assert set(minga.budget_from_pabutools(instance, profile).selected) == selected_column(path)


def test_threads_share_an_election(tiny):
    # The rule runs without the GIL on a shared, read-only election.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda rule: minga.budget(tiny, rule).selected, ["greedy", "mes", "phragmen"] * 8))
    assert results == [minga.budget(tiny, rule).selected for rule in ["greedy", "mes", "phragmen"] * 8]
