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


def gap_election() -> minga.Election:
    # 3 Ana; 2 Cid, a skipped rank, Ben; 2 Ben. Irish STV, 1 seat: quota floor(7/2) + 1 = 4.
    e = minga.Election("ranked", ["Ana", "Ben", "Cid"])
    e.add_rankings([["Ana"], ["Cid", None, "Ben"], ["Ben"]], counts=[3, 2, 2])
    return e


def test_max_skipped_left_out_keeps_the_methods_reading_unlimited_lifts_it():
    e = gap_election()
    ties = "forwards,candidate-order"  # Ben and Cid tie at 2: the later candidate, Cid, is excluded
    # Left out: irish-stv reads as the Act does (a gap ends the paper): Cid's papers go nowhere,
    # Ben (2) is excluded next and Ana is elected.
    assert minga.tally(e, "irish-stv", tie_break=ties).winners == ("Ana",)
    # "unlimited" (and one allowed gap): Cid's 2 papers reach Ben, 2 + 2 = 4 is the quota.
    for allowed in ("unlimited", 1):
        assert minga.tally(e, "irish-stv", tie_break=ties, max_skipped=allowed).winners == ("Ben",)
    assert minga.tally(e, "irish-stv", tie_break=ties, max_skipped=0).winners == ("Ana",)
    # The C ABI's JSON itself: null is "unlimited", not "not given".
    base = '"method": "irish-stv", "tie_break": "forwards,candidate-order"'
    spec_null = minga.TallyResult.from_json(minga._minga._ranked_count(e, '{' + base + ', "max_skipped": null}'))
    spec_absent = minga.TallyResult.from_json(minga._minga._ranked_count(e, '{' + base + '}'))
    assert (spec_null.winners, spec_absent.winners) == (("Ben",), ("Ana",))
    with pytest.raises(minga.MingaError) as info:
        minga._minga._ranked_count(e, '{"max_skipped": "many"}')
    assert info.value.field == "max_skipped" and "unlimited" in str(info.value)
    with pytest.raises(TypeError):
        minga.tally(e, "irish-stv", max_skipped="many")


def test_new_zealand_tie_break_for_meek():
    # Worked by hand in tests/unit/test_ranked_new_zealand.cpp (Schedule 1A cl. 19, 40-48):
    # 2 seats; A 2, B 2, C 2, D 1, E 1, F 1; step-1 PRNs A 13795, B 25323, C 17840, D 24760,
    # E 13481, F 17218; E, then D (step 2, inverted), then F, then B (step 4, inverted) are excluded.
    e = minga.Election("ranked", ["A", "B", "C", "D", "E", "F"])
    e.add_rankings([["A"], ["B"], ["C"], ["D"], ["E"], ["F"]], counts=[2, 2, 2, 1, 1, 1])
    r = minga.tally(e, "meek", seats=2, tie_break="new-zealand")
    assert r.winners == ("A", "C")
    excluded = [a.candidate for rd in r.rounds for a in rd.actions if a.kind == "excluded"]
    assert excluded == ["E", "D", "F", "B"]
    with pytest.raises(minga.MingaError) as info:
        minga.tally(e, "irv", tie_break="nz-prn")
    assert info.value.field == "tie_break"
