# SPDX-License-Identifier: Apache-2.0
# minga.qv and minga.qf: plain results, exact values, reasons for every rejected ballot, the team's real data.
import json
from fractions import Fraction

import pytest

import minga
from conftest import shared_file


def test_qv_rows_validate_and_tally():
    rows = [("ana", "parks", 3), ("ana", "buses", -1), ("ben", "parks", 1), ("ben", "parks", 2), ("cid", "parks", 1.5)]
    r = minga.qv(rows, credits=10, allow_negative=True)
    assert r.accepted == 1
    assert r.totals == {"parks": 3, "buses": -1}
    assert {x.voter: x.rule for x in r.rejected} == {"ben": "duplicate", "cid": "not_integer"}
    assert r.rejected[0].line == 4  # ben's second row
    assert r.options[0] == minga.QvOption("parks", "", 3, 3, 0, 9, 1)
    assert r.spending == {10: 1} and r.exhausted == 1
    assert r.records()[0]["id"] == "parks"


def test_qv_public_ballots_mappings_and_budgets():
    rows = [{"voter": "ana", "option": "a", "votes": 3}, {"voter": "ben", "option": "a", "votes": 3}]
    r = minga.qv(rows, credits=4, voter_credits={"ana": 9}, public=True, options=["a", "b"])
    assert r.accepted == 1
    assert r.ballots == (minga.QvBallot("ana", 1, "unspecified", "", 9, 9, {"a": 3}),)
    assert r.rejected[0].voter == "ben"
    with pytest.raises(minga.MingaError, match="credit budget"):
        minga.qv(rows)


def test_qv_election_profile():
    e = minga.Election("quadratic", ["a", "b"])
    e.add_quadratic([{"a": 2, "b": 1}, {"a": 2, "b": 2}], counts=[7, 3])
    r = minga.qv(e, credits=5)
    assert (r.accepted, r.rejected_ballots) == (7, 3)
    assert r.totals["a"] == 14


def test_qf_exact_matches_caps_and_variants():
    gifts = [("a", "x", 100), ("b", "x", 100), ("a", "y", 400), ("c", "y", 25)]
    r = minga.qf(gifts, pool=100)
    assert r.matches == {"x": 50, "y": 50}
    assert r.projects[0].raw_match == Fraction(200)
    assert r.projects[0].share == Fraction(1, 2)
    assert r.matched <= r.pool
    capped = minga.qf(gifts, pool=1000, fit="scale", cap=Fraction(1, 10))
    assert capped.matches == {"x": 100, "y": 100} and capped.projects[0].capped
    pairwise = minga.qf(gifts, pool=10**6, variant="pairwise", m=100)
    assert pairwise.projects[0].raw_match < r.projects[0].raw_match
    one_cluster = minga.qf(gifts, pool=100, variant="cluster", clusters=[("a", "g"), ("b", "g"), ("c", "g")])
    assert one_cluster.matched == 0
    with pytest.raises(minga.MingaError, match="variant"):
        minga.qf(gifts, pool=1, variant="linear")
    with pytest.raises(TypeError):
        minga.qf(gifts, pool=1.5)


def test_qf_pandas_roundtrip():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"donor": ["a", "b"], "project": ["x", "x"], "amount": [4, 9]})
    r = minga.qf(df, pool=10**9)
    assert r.matches == {"x": 12}  # (2 + 3)^2 - 13, pool not saturated
    assert list(r.to_pandas()["match"]) == [12]


def test_taiwan_2019_validates_at_99_and_rejects_265_at_98():
    path = shared_file("qf/taiwan_hackathon_2019_qv", "ProposalPolls.json")
    r = minga.qv(path, credits=99)
    assert (r.accepted, len(r.rejected), r.exhausted) == (2040, 0, 265)
    assert [(o.id, o.votes) for o in r.options[:5]] == [("117", 4365), ("121", 1608), ("39", 1487), ("114", 1476), ("38", 1310)]
    low = minga.qv(path, credits=98)
    assert len(low.rejected) == 265 and {x.rule for x in low.rejected} == {"credits"}


def test_gitcoin_worked_example():
    folder = shared_file("qf/gitcoin_linearqf_example", "expected.json").parent
    expected = json.loads((folder / "expected.json").read_text())
    for case in expected["cases"]:
        r = minga.qf(folder / "contributions.csv", pool=case["matchAmount"],
                     fit="scale" if case["ignoreSaturation"] else "saturate", cap_amount=case["matchingCapAmount"])
        assert r.matches == case["matched"], case["name"]


def test_clrfund_round_all_125_payouts():
    folder = shared_file("qf/clrfund_round_tally", "params.json").parent
    params = json.loads((folder / "params.json").read_text())
    claims = json.loads((folder / "claimAmounts.json").read_text())["amount"]
    tally = json.loads((folder / "testTallySmall.json").read_text())
    vcf = int(params["voice_credit_factor"])
    pool = int(params["budget"]) - vcf * int(tally["totalSpentVoiceCredits"]["spent"])
    r = minga.qf(folder / "testTallySmall.json", pool=pool, fit="alpha", voice_credit_factor=vcf)
    assert r.alpha == int(params["expected_alpha"])
    funding = [p.funding for p in r.projects] + [0] * (len(claims) - len(r.projects))
    assert funding == [int(c) for c in claims]
