# SPDX-License-Identifier: Apache-2.0
"""Conversion from pabutools (the reference Python library for pabulib) to minga elections.

pabutools is not a dependency of minga: these functions only read the objects
they are given (duck typing), so they work whenever pabutools itself does.

>>> from pabutools.election import parse_pabulib          # doctest: +SKIP
>>> instance, profile = parse_pabulib("poland_wieliczka_2023.pb")  # doctest: +SKIP
>>> minga.budget_from_pabutools(instance, profile).selected        # doctest: +SKIP
"""

from __future__ import annotations

import os
import tempfile
from fractions import Fraction
from typing import Any, Counter, Dict, List, Literal, Tuple

from ._budget import BudgetResult, budget
from ._minga import Alternative, Election, write


def _exact(value: Any, what: str) -> Fraction:
    """pabutools numbers (int, Fraction, gmpy2.mpq, exact str) as a Fraction; floats are refused."""
    if isinstance(value, float):
        raise TypeError(f"{what} is a float ({value!r}): minga needs exact numbers")
    if hasattr(value, "numerator") and hasattr(value, "denominator"):
        return Fraction(int(value.numerator), int(value.denominator))
    return Fraction(str(value))


def _kind(profile: Any) -> Literal["approval", "score", "ranked"]:
    names = {cls.__name__ for cls in type(profile).__mro__}
    if "AbstractApprovalProfile" in names:
        return "approval"
    if "AbstractCardinalProfile" in names:  # also cumulative
        return "score"
    if "AbstractOrdinalProfile" in names:
        return "ranked"
    raise TypeError(f"unsupported pabutools profile type {type(profile).__name__}")


def election_from_pabutools(instance: Any, profile: Any) -> Election:
    """A minga Election holding a pabutools Instance (projects, costs, budget, META) and its Profile.

    Approval, cardinal (score, cumulative) and ordinal profiles are read, plain
    or multi-profiles (multiplicities become counts). Project ids are the
    pabutools project names; the META of the instance is kept, so
    ``rule="official"`` runs the rule it names.
    """
    kind = _kind(profile)
    projects = sorted(instance, key=lambda p: str(p.name))
    alternatives = [Alternative(str(p.name), cost=_exact(p.cost, f"cost of project {p.name}")) for p in projects]
    title = ""
    meta: Dict[str, Any] = dict(getattr(instance, "meta", None) or {})
    if "description" in meta:
        title = str(meta["description"])
    election = Election(kind, alternatives, title=title, budget=_exact(instance.budget_limit, "budget_limit"))
    for meta_key, meta_value in meta.items():
        election.set_meta(str(meta_key), str(meta_value))

    counts: Counter[Any] = Counter()
    for ballot in profile:
        count = int(profile.multiplicity(ballot))
        if kind == "approval":
            key: Any = tuple(sorted(str(p.name) for p in ballot))
        elif kind == "score":
            key = tuple(sorted((str(p.name), _exact(points, f"points for {p.name}")) for p, points in ballot.items()))
        else:
            key = tuple(str(p.name) for p in ballot)  # first choice first
        counts[key] += count
    ballots: List[Any] = []
    weights: List[int] = []
    for key, count in counts.items():
        if count == 0:
            continue
        ballots.append(dict(key) if kind == "score" else list(key))
        weights.append(count)
    if kind == "approval":
        election.add_approvals(ballots, counts=weights)
    elif kind == "score":
        election.add_scores(ballots, counts=weights)
    else:
        election.add_rankings(ballots, counts=weights)
    return election


def budget_from_pabutools(instance: Any, profile: Any, rule: str = "official", **options: Any) -> BudgetResult:
    """minga.budget() on a pabutools Instance and Profile (options as for minga.budget)."""
    return budget(election_from_pabutools(instance, profile), rule, **options)



def to_pabutools(election: Election) -> Tuple[Any, Any]:
    """The pabutools (Instance, Profile) of an election: minga writes it as a pabulib file and
    pabutools' own reader reads it back, so the objects are exactly what pabutools makes of the file."""
    from pabutools.election import parse_pabulib

    with tempfile.TemporaryDirectory(prefix="minga-") as folder:
        path = os.path.join(folder, "election.pb")
        write(election, path, "pabulib")
        return parse_pabulib(path)
