# SPDX-License-Identifier: Apache-2.0
"""minga.tally's options travel as the C ABI's count spec (minga/ranked/spec_json.hpp): the same
reader refuses the same things, naming the option, and the hand-worked counts of
tests/capi/test_capi_ranked.c come out the same from Python."""

from fractions import Fraction

import pytest

import minga


def hand_irv_election() -> minga.Election:
    # 8 Ana>Ben, 6 Ben>Cid, 5 Cid>Ben, 3 Dee>Cid>Ana, 1 Dee, 2 with Ana and Ben both first (an overvote).
    e = minga.Election("ranked", ["Ana", "Ben", "Cid", "Dee"])
    e.add_rankings([["Ana", "Ben"], ["Ben", "Cid"], ["Cid", "Ben"], ["Dee", "Cid", "Ana"], ["Dee"], [{"Ana", "Ben"}]],
                   counts=[8, 6, 5, 3, 1, 2])
    return e


def test_the_hand_worked_irv_count():
    r = minga.tally(hand_irv_election(), "irv")
    assert r.winners == ("Cid",)
    assert [dict(rd.tally) for rd in r.rounds] == [
        {"Ana": 8, "Ben": 6, "Cid": 5, "Dee": 4},
        {"Ana": 8, "Ben": 6, "Cid": 8},
        {"Ana": 8, "Cid": 14},
    ]
    assert r.rounds[0].inactive["overvote"] == 2


def test_options_are_checked_by_the_spec_reader_naming_the_option():
    e = hand_irv_election()
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "irv", seed="42")  # a seed with no random tie-break would be ignored
    assert info.value.field == "seed"
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "wigm", quota="x")
    assert info.value.field == "quota" and "hagenbach-bischoff" in str(info.value)
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "wigm", batch=True)  # batch elimination is IRV's
    assert info.value.field == "batch"
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "wigm", decimals=21)
    assert info.value.field == "decimals"
    with pytest.raises(TypeError, match="seats must be a whole number"):
        minga.tally(e, "irv", seats=1.0)


def test_exact_and_integer_like_values_reach_the_count():
    e = hand_irv_election()
    # bottoms-up at 20%: 23/5 of round 1 excludes Dee (4); then every other candidate holds more than 22/5.
    r = minga.tally(e, "bottoms-up", percent=Fraction(20))
    assert sorted(r.winners) == ["Ana", "Ben", "Cid"]
    assert r.rounds[0].threshold == Fraction(23, 5)
    numpy = pytest.importorskip("numpy", reason="SKIPPED: numpy not installed")
    assert minga.tally(e, "sequential-irv", seats=numpy.int64(1)).winners == ("Cid",)


def test_irish_stv_takes_a_paper_seed_and_other_methods_refuse_it():
    e = hand_irv_election()
    seeded = minga.tally(e, "stv", rules="irish", seats=2, paper_seed="dail-2002", tie_break="forwards,candidate-order")
    assert seeded.method == minga.tally(e, "irish-stv", seats=2, tie_break="forwards,candidate-order").method
    assert len(seeded.winners) == 2
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "irv", paper_seed="dail-2002")
    assert info.value.field == "paper_seed"
