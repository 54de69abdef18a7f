# SPDX-License-Identifier: Apache-2.0
# Merging elections by alternative id: a + b, a.merge(b), minga.merge(parts), across pickling.
import functools
import operator
import pickle

import pytest

import minga
from conftest import shared_file


def approval(ids, ballots, **kwargs):
    e = minga.Election("approval", ids)
    e.add_approvals(ballots, **kwargs)
    return e


def as_multiset(e):
    return sorted((tuple(sorted(b)), c, ch, d) for b, c, ch, d in e.ballots())


def test_merge_renumbers_by_id():
    a = approval(["x", "y", "z"], [["x", "y"], ["z"]], counts=[2, 1])
    b = approval(["z", "x", "y"], [["y", "x"], ["x"]], counts=[5, 4], channels="paper")
    total = a + b
    assert as_multiset(total) == sorted([
        (("x", "y"), 2, "unspecified", None), (("z",), 1, "unspecified", None),
        (("x", "y"), 5, "paper", None), (("x",), 4, "paper", None),
    ])
    assert a.num_ballots == 3 and b.num_ballots == 9  # + makes a new election
    a.merge(b)
    assert a.same_ballots(total) and total.same_ballots(a)
    assert a.num_ballots == 12


def test_a_failed_merge_changes_nothing():
    a = approval(["x", "y"], [["x"]])
    for other in (approval(["x", "w"], [["w"]]), approval(["x"], [["x"]]), minga.Election("ranked", ["x", "y"])):
        with pytest.raises(minga.MingaError) as caught:
            a.merge(other)
        assert caught.value.code == "mismatch"
        with pytest.raises(minga.MingaError):
            a + other
        assert as_multiset(a) == [(("x",), 1, "unspecified", None)]


def test_merging_with_itself_doubles():
    a = approval(["x", "y"], [["x"], ["y"]], counts=[1, 3])
    a.merge(a)
    assert a.num_ballots == 8


def test_same_ballots_matches_alternatives_by_id():
    a = approval(["x", "y"], [["x"]])
    assert a.same_ballots(approval(["y", "x"], [["x"]]))
    assert not a.same_ballots(approval(["y", "x"], [["y"]]))
    assert not a.same_ballots(approval(["x", "w"], [["x"]]))
    assert not a.same_ballots(approval(["x", "y"], [["x"]], channels="sms"))
    assert not a.same_ballots(minga.Election("ranked", ["x", "y"]))


def test_partitions_merge_back_into_the_whole():
    whole = minga.read(shared_file("pabulib", "Poland_Wieliczka_2023_Green_Budget.pb"))
    ids = [a.id for a in whole.alternatives]
    parts = [minga.Election("approval", ids[::-1] if k % 2 else ids) for k in range(3)]
    for k, (ballot, count, channel, district) in enumerate(whole.ballots()):
        parts[k % 3].add_approvals([list(ballot)], counts=[count], channels=channel, districts=district)
    assert sum(p.num_ballots for p in parts) == whole.num_ballots
    assert minga.merge(parts).same_ballots(whole)
    # As Dask would: ship the parts pickled, reduce with +.
    shipped = [pickle.loads(pickle.dumps(p)) for p in parts]
    assert functools.reduce(operator.add, shipped).same_ballots(whole)


def test_merge_of_nothing_is_an_error():
    with pytest.raises(minga.MingaError):
        minga.merge([])
    with pytest.raises(TypeError):
        minga.merge([approval(["x"], []), "not an election"])
