# SPDX-License-Identifier: Apache-2.0
# Building elections from Python lists and from integer arrays, and reading the ballots back.
from fractions import Fraction
from decimal import Decimal
import array

import pytest

import minga

np = pytest.importorskip("numpy", reason="NumPy is needed for the array tests (pip install minga[test])")

PROJECTS = ["park", "library", "bike-lane", "school"]


def approval_election(**kwargs):
    return minga.Election("approval", PROJECTS, budget=1000, **kwargs)


# ---- approval --------------------------------------------------------------------------


def test_lists_and_arrays_give_the_same_approval_profile():
    ballots = [["park", "library"], ["school"], [], ["library", "park"], [0, 3]]
    by_list = approval_election()
    by_list.add_approvals(ballots, counts=[2, 1, 4, 3, 1], channels=["online", "paper", None, "online", "sms"])

    offsets = np.array([0, 2, 3, 3, 5, 7], dtype=np.int64)
    indices = np.array([0, 1, 3, 1, 0, 0, 3], dtype=np.int32)
    by_array = approval_election()
    by_array.add_approvals((offsets, indices), counts=np.array([2, 1, 4, 3, 1], dtype=np.uint16),
                           channels=["online", "paper", None, "online", "sms"])

    assert by_list.same_ballots(by_array)
    assert by_list.num_ballots == 11 == by_array.num_ballots
    # park+library appears twice (in either order) on the same channel: one distinct entry of 5.
    assert by_list.num_distinct == 4
    found = {(b, c, ch) for b, c, ch, _ in by_list.ballots()}
    assert (("park", "library"), 5, "online") in found
    assert ((), 4, "unspecified") in found


def test_array_form_accepts_any_integer_buffer():
    e = approval_election()
    e.add_approvals((array.array("q", [0, 1, 2]), memoryview(array.array("i", [2, 3]))))
    assert sorted(b for b, *_ in e.ballots()) == [("bike-lane",), ("school",)]


def test_non_contiguous_arrays_are_read_by_stride():
    indices = np.array([0, 99, 1, 99, 2, 99])[::2]  # 0, 1, 2
    e = approval_election()
    e.add_approvals((np.array([0, 1, 3]), indices))
    assert sorted(b for b, *_ in e.ballots()) == [("library", "bike-lane"), ("park",)]


def test_float_arrays_are_refused():
    e = approval_election()
    with pytest.raises(TypeError, match="integers"):
        e.add_approvals((np.array([0, 1]), np.array([1.0])))


def test_counts_channels_and_districts():
    e = approval_election()
    e.add_approvals([["park"], ["park"], ["school"]], counts=[10, 5, 7], channels=["internet", "postal", "kiosk"],
                    districts=["North", None, "North"])
    assert e.breakdown("channel") == {"online": 10, "paper": 5, "kiosk": 7}
    assert e.breakdown("district") == {"North": 17, None: 5}
    assert e.breakdown("stratum") == {("online", "North"): 10, ("paper", None): 5, ("kiosk", "North"): 7}
    with pytest.raises(minga.MingaError):
        e.breakdown("precinct")


def test_one_channel_for_every_ballot():
    e = approval_election()
    e.add_approvals([["park"], ["library"]], channels="paper", districts="Ward 3")
    assert e.breakdown("stratum") == {("paper", "Ward 3"): 2}


def test_ballots_added_in_several_calls_accumulate():
    e = approval_election()
    e.add_approvals([["park"]])
    e.add_approvals([["park"], ["school"]], channels="sms")
    assert e.num_ballots == 3
    assert e.breakdown() == {"unspecified": 1, "sms": 2}


def test_a_bad_ballot_leaves_the_election_unchanged():
    e = approval_election()
    e.add_approvals([["park"]])
    with pytest.raises(minga.MingaError) as caught:
        e.add_approvals([["library"], ["park", "park"], ["school"]])
    assert caught.value.field == "ballots[1]"
    assert caught.value.code == "invalid_argument"
    assert e.num_ballots == 1


@pytest.mark.parametrize("ballots, field, text", [
    ([["park"], ["nowhere"]], "ballots[1]", "unknown alternative 'nowhere'"),
    ([[7]], "ballots[0]", "out of range"),
    ([[-1]], "ballots[0]", "out of range"),
])
def test_unknown_alternatives_are_named(ballots, field, text):
    with pytest.raises(minga.MingaError, match=text) as caught:
        approval_election().add_approvals(ballots)
    assert caught.value.field == field


def test_bad_counts_and_offsets_are_named():
    e = approval_election()
    with pytest.raises(minga.MingaError) as caught:
        e.add_approvals([["park"], ["school"]], counts=[1, -2])
    assert caught.value.field == "counts[1]"
    with pytest.raises(minga.MingaError) as caught:
        e.add_approvals([["park"], ["school"]], counts=[1])
    assert caught.value.field == "counts"
    with pytest.raises(minga.MingaError) as caught:
        e.add_approvals((np.array([0, 2, 1]), np.array([0, 1])))
    assert caught.value.field == "offsets[2]"
    with pytest.raises(minga.MingaError) as caught:
        e.add_approvals((np.array([0, 1]), np.array([9])))
    assert caught.value.field == "indices[0]"
    with pytest.raises(minga.MingaError) as caught:
        e.add_approvals([["park"]], channels=["carrier pigeon"])
    assert caught.value.field == "channels[0]"
    assert e.num_ballots == 0


def test_wrong_types_raise_type_error():
    e = approval_election()
    with pytest.raises(TypeError):
        e.add_approvals(["park"])  # a str is not a ballot
    with pytest.raises(TypeError):
        e.add_approvals([[1.5]])
    with pytest.raises(minga.MingaError, match="cannot add ranked ballots"):
        e.add_rankings([["park"]])


# ---- ranked --------------------------------------------------------------------------------


def test_rankings_with_ties_skips_and_tokens():
    e = minga.Election("ranked", ["A", "B", "C"], seats=1)
    e.add_rankings([
        ["A", "B", "C"],
        ["B", None, {"A", "C"}],
        ["overvote", "write-in", "C"],
        ["C", None, None],  # trailing skipped ranks say nothing
        ["C"],
    ])
    got = {b: c for b, c, _, _ in e.ballots()}
    assert got == {
        ("A", "B", "C"): 1,
        ("B", None, frozenset({"A", "C"})): 1,
        (minga.OVERVOTE, minga.WRITE_IN, "C"): 1,
        ("C",): 2,
    }


def test_rankings_lists_and_arrays_agree():
    lists = minga.Election("ranked", ["A", "B", "C"])
    lists.add_rankings([["A", "B"], [None, "C"], ["overvote", "B"], ["write-in"]], counts=[3, 1, 2, 5])
    arrays = minga.Election("ranked", ["A", "B", "C"])
    arrays.add_rankings((np.array([0, 2, 4, 6, 7]), np.array([0, 1, -1, 2, -2, 1, -3])), counts=np.array([3, 1, 2, 5]))
    assert lists.same_ballots(arrays)
    with pytest.raises(minga.MingaError) as caught:
        arrays.add_rankings((np.array([0, 1]), np.array([-9])))
    assert caught.value.field == "ranks[0]"


def test_a_candidate_twice_at_one_rank_is_refused():
    e = minga.Election("ranked", ["A", "B"])
    with pytest.raises(minga.MingaError) as caught:
        e.add_rankings([["A"], [("A", "A")]])
    assert caught.value.field == "ballots[1]"


def test_an_id_spelled_like_a_token_is_the_candidate():
    e = minga.Election("ranked", ["overvote", "B"])
    e.add_rankings([["overvote", "B"]])
    (ballot, _, _, _), = e.ballots()
    assert ballot == ("overvote", "B")
    assert list(e.profile.entries())[0][0] == (0, 1)


# ---- score and quadratic ----------------------------------------------------------------------


def test_scores_are_exact_and_lists_and_arrays_agree():
    lists = minga.Election("score", PROJECTS)
    lists.add_scores([{"park": 3, "school": Fraction(1, 2)}, [("library", "2.5")], {1: Decimal("2.50")}])
    got = {tuple(sorted(b.items())): c for b, c, _, _ in lists.ballots()}
    assert got == {(("park", Fraction(3)), ("school", Fraction(1, 2))): 1, (("library", Fraction(5, 2)),): 2}

    ints = minga.Election("score", PROJECTS)
    ints.add_scores([{"park": 3, "school": 1}, {"library": 2}])
    arrays = minga.Election("score", PROJECTS)
    arrays.add_scores((np.array([0, 2, 3]), np.array([3, 0, 1]), np.array([1, 3, 2])))
    assert ints.same_ballots(arrays)


def test_float_points_are_refused():
    e = minga.Election("score", PROJECTS)
    with pytest.raises(TypeError, match="not exact"):
        e.add_scores([{"park": 0.5}])
    with pytest.raises(TypeError, match="not exact"):
        e.add_scores([{"park": np.float64(2)}])
    assert e.num_ballots == 0


def test_quadratic_votes():
    lists = minga.Election("quadratic", ["x", "y", "z"])
    lists.add_quadratic([{"x": 3, "y": -2}, [("z", 1)]], counts=[4, 1])
    arrays = minga.Election("quadratic", ["x", "y", "z"])
    arrays.add_quadratic((np.array([0, 2, 3]), np.array([1, 0, 2]), np.array([-2, 3, 1])), counts=[4, 1])
    assert lists.same_ballots(arrays)
    got = {tuple(sorted(b.items())): c for b, c, _, _ in lists.ballots()}
    assert got == {(("x", 3), ("y", -2)): 4, (("z", 1),): 1}


# ---- election fields ------------------------------------------------------------------------------


def test_alternatives_and_exact_values():
    e = minga.Election("approval", [
        "a",
        minga.Alternative("b", "Bike lane", "1500.50", attributes={"category": "transport"}),
        {"id": "c", "cost": Fraction(1, 3), "withdrawn": True},
    ], title="Test", budget="2000.25", seats=2)
    a, b, c = e.alternatives
    assert (a.id, a.name, a.label, a.cost) == ("a", "", "a", None)
    assert b.cost == Fraction(3001, 2) and b.label == "Bike lane"
    assert b.attribute("category") == "transport" and b.attributes == [("category", "transport")]
    assert c.withdrawn and c.cost == Fraction(1, 3)
    assert e.budget == Fraction(8001, 4) and e.seats == 2 and e.title == "Test"
    assert e.index_of("c") == 2
    with pytest.raises(KeyError):
        e.index_of("zzz")
    assert e.alternatives[1] == minga.Alternative("b", "Bike lane", Fraction(3001, 2), attributes=[("category", "transport")])
    assert "Bike lane" in repr(b)


def test_duplicate_or_empty_ids_are_refused():
    with pytest.raises(minga.MingaError) as caught:
        minga.Election("approval", ["a", "b", "a"])
    assert caught.value.field == "alternatives[2]"
    with pytest.raises(minga.MingaError):
        minga.Election("approval", [""])
    with pytest.raises(minga.MingaError, match="unknown ballot kind"):
        minga.Election("plurality", ["a"])


def test_rules_meta_and_violations():
    e = approval_election()
    e.rules = {"max_length": 2, "max_total_cost": "100.5", "min_points": None}
    assert e.rules == {"max_length": 2, "max_total_cost": Fraction(201, 2)}
    e.add_approvals([["park", "library", "school"], ["park"]], counts=[3, 4])
    violations = e.rule_violations()
    assert [(v["rule"], v["ballots"], v["distinct_ballots"]) for v in violations] == [("max_length", 3, 1)]
    with pytest.raises(minga.MingaError, match="unknown rule"):
        e.rules = {"max_lenght": 3}
    e.set_meta("description", "a test")
    e.set_meta("description", "the test")
    assert e.meta == [("description", "the test")] and e.meta_value("description") == "the test"
    assert e.meta_value("missing") is None
    e.budget = Fraction(7, 2)
    assert e.budget == Fraction(7, 2)
    e.budget = None
    assert e.budget is None
    with pytest.raises(TypeError):
        e.budget = 2.5


def test_info_summarises_the_election():
    e = approval_election(title="Summer")
    e.rules = {"max_length": 1}
    e.add_approvals([["park"], ["park", "school"]], counts=[5, 2], channels=["online", "paper"], districts=["N", "S"])
    info = e.info()
    assert info["kind"] == "approval" and info["title"] == "Summer"
    assert info["alternatives"] == 4 and info["ballots"] == 7 and info["distinct_ballots"] == 2
    assert info["budget"] == Fraction(1000)
    assert info["ballots_per_channel"] == {"online": 5, "paper": 2}
    assert info["rules"] == {"max_length": 1}
    assert [v["rule"] for v in info["rule_violations"]] == ["max_length"]


def test_profile_view():
    e = approval_election()
    e.add_approvals([["park"], ["school", "park"]], channels=["online", "paper"])
    p = e.profile
    assert (p.kind, p.num_alternatives, p.num_ballots, p.num_distinct) == ("approval", 4, 2, 2)
    assert p.strata[0] == ("unspecified", None)
    entries = sorted(p.entries())
    assert [(b, c) for b, c, _ in entries] == [((0,), 1), ((0, 3), 1)]
    assert sum(p.ballots_per_stratum()) == 2 and p.memory_bytes > 0
    del e  # the view keeps its election alive
    assert p.num_ballots == 2


def test_copies_are_independent():
    import copy
    e = approval_election()
    e.add_approvals([["park"]])
    for twin in (e.copy(), copy.copy(e), copy.deepcopy(e)):
        twin.add_approvals([["school"]])
        assert twin.num_ballots == 2
    assert e.num_ballots == 1
