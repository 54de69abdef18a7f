# SPDX-License-Identifier: Apache-2.0
# Side by side with pabutools (the reference Python library for pabulib): the same file must read the same.
import collections
from fractions import Fraction

import pytest

import minga
from conftest import pabulib_files

pabutools_election = pytest.importorskip(
    "pabutools.election", reason="pabutools is not installed (pip install pabutools) for the side-by-side check")


def as_fraction(value):
    return Fraction(int(value.numerator), int(value.denominator)) if hasattr(value, "numerator") else Fraction(str(value))


@pytest.mark.parametrize("path", pabulib_files())
def test_same_reading_as_pabutools(path):
    instance, profile = pabutools_election.parse_pabulib(str(path))
    e = minga.read(path)

    assert e.num_alternatives == len(instance)
    assert e.num_ballots == profile.num_ballots()
    assert e.budget == as_fraction(instance.budget_limit)
    theirs_cost = {p.name: as_fraction(p.cost) for p in instance}
    assert {a.id: a.cost for a in e.alternatives} == theirs_cost

    # Per project: how many ballots name it, and (score ballots) the points it got.
    theirs_support = collections.Counter()
    theirs_points = collections.Counter()
    for ballot in profile:
        multiplicity = profile.multiplicity(ballot) if hasattr(profile, "multiplicity") else 1
        for project in ballot:
            theirs_support[project.name] += multiplicity
        if e.kind == "score":
            for project, points in ballot.items():
                theirs_points[project.name] += as_fraction(points) * multiplicity
    ours_support = collections.Counter()
    ours_points = collections.Counter()
    for ballot, count, _, _ in e.ballots():
        for project in ballot:
            ours_support[project] += count
        if isinstance(ballot, dict):
            for project, points in ballot.items():
                ours_points[project] += points * count
    assert ours_support == theirs_support
    assert ours_points == theirs_points
