# SPDX-License-Identifier: Apache-2.0
# Every result to dict, JSON and pandas; elections to pabutools and back.
import json
from fractions import Fraction

import pytest

import minga


def budget_election():
    e = minga.Election("approval", [minga.Alternative("park", cost=400), minga.Alternative("library", cost=350),
                                    minga.Alternative("bikes", cost=600)], budget=1000)
    e.add_approvals([["park", "library"], ["bikes"], ["park"]], counts=[3, 2, 1])
    return e


def test_budget_result_records_and_pandas():
    r = minga.budget(budget_election(), "greedy")
    rows = r.records()
    assert [(row["project"], row["status"]) for row in rows] == [("park", "funded"), ("library", "funded"),
                                                                  ("bikes", "unfunded")]
    assert rows[0]["cost"] == 400 and rows[0]["supporters"] == 4
    pandas = pytest.importorskip("pandas")
    frame = r.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.loc[frame["status"] == "funded", "cost"].sum() == r.total_cost


def test_quadratic_results_to_dict_and_json():
    qv = minga.qv([("ana", "parks", 3), ("ben", "parks", 1), ("ben", "buses", 2)], credits=10)
    d = qv.to_dict()
    assert d["totals"] == {"parks": 4, "buses": 2}
    assert json.loads(qv.to_json()) == d
    qf = minga.qf([("a", "x", 100), ("b", "x", 100), ("a", "y", 400), ("c", "y", 25)], pool=100)
    d = qf.to_dict()
    assert d["matches"] == {"x": 50, "y": 50}
    assert Fraction(d["projects"][0]["share"]) == qf.projects[0].share  # exact, as a string
    assert json.loads(qf.to_json(indent=None)) == d


def test_election_to_pabutools_and_back():
    pytest.importorskip("pabutools", reason="SKIPPED: pabutools not installed (scripts/bootstrap --peers)")
    e = budget_election()
    instance, profile = minga.to_pabutools(e)
    assert instance.budget_limit == 1000
    assert sorted(p.name for p in instance) == ["bikes", "library", "park"]
    assert profile.num_ballots() == e.num_ballots
    back = minga.election_from_pabutools(instance, profile)
    assert back.same_ballots(e)
    assert minga.budget(back, "mes").selected == minga.budget(e, "mes").selected
