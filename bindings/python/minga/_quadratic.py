# SPDX-License-Identifier: Apache-2.0
"""minga.qv and minga.qf: quadratic voting with enforced credit budgets, and quadratic funding.

>>> import minga
>>> r = minga.qv([("ana", "parks", 3), ("ana", "buses", 1), ("ben", "parks", 4)], credits=10)
>>> r.totals
{'parks': 3, 'buses': 1}
>>> r.rejected[0].reason
"4 votes for 'parks': at most 3 affordable with 10 credits; spends 16 credits of 10"
>>> f = minga.qf([("a", "x", 100), ("b", "x", 100), ("a", "y", 400), ("c", "y", 25)], pool=100)
>>> f.matches
{'x': 50, 'y': 50}

Everything is computed in C++ (exact integers and rationals, the GIL released)
through the same spec as the C ABI's ``minga_qv_*`` and ``minga_qf_*``; this
module turns keyword options into that spec and the result JSON into plain,
frozen objects with ``records()`` (a list of dicts) and ``to_pandas()``.
Formulas, rounding and variants: docs/quadratic.md.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._results import DataclassResult
from ._minga import Election, _qf_match, _qf_match_file, _qv_tally, _qv_tally_file, _qv_tally_rows

Exact = Union[int, Fraction, Decimal, str]

__all__ = ["QfProject", "QfResult", "QvBallot", "QvOption", "QvRejection", "QvResult", "QvStratum", "qf", "qv"]


def _exact(value: Exact, what: str) -> str:
    if isinstance(value, bool):
        raise TypeError(f"{what}: expected an exact number, got a bool")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Rational):
        f = Fraction(value)
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
    if isinstance(value, (Decimal, str)):
        return str(value)
    raise TypeError(f"{what}: expected int, Fraction, Decimal or str, got {type(value).__name__} (floats are not exact)")


def _rows(source: Any, names: Tuple[str, str, str]) -> Tuple[List[str], List[str], List[str]]:
    """Three columns of text from (a, b, c) tuples, mappings with the given keys, or a pandas DataFrame."""
    a: List[str] = []
    b: List[str] = []
    c: List[str] = []
    if hasattr(source, "columns") and hasattr(source, "itertuples"):  # pandas.DataFrame
        source = source[list(names)].itertuples(index=False, name=None)
    for k, row in enumerate(source):
        if isinstance(row, Mapping):
            row = tuple(row[n] for n in names)
        if len(row) != 3:
            raise ValueError(f"row {k}: expected ({', '.join(names)}), got {row!r}")
        a.append(str(row[0]))
        b.append(str(row[1]))
        c.append(_exact(row[2], f"row {k}") if not isinstance(row[2], float) else repr(row[2]))
    return a, b, c


# ---- quadratic voting ---------------------------------------------------------------


@dataclass(frozen=True)
class QvOption:
    id: str
    name: str
    votes: int
    """Net votes: for minus against."""
    votes_for: int
    votes_against: int
    credits: int
    voters: int


@dataclass(frozen=True)
class QvRejection:
    voter: str
    file: str
    line: int
    rule: str
    """First rule broken: not_integer, negative, out_of_range, duplicate, unknown_option or credits."""
    reason: str
    ballots: int


@dataclass(frozen=True)
class QvStratum:
    channel: str
    district: str
    ballots: int
    credits: int
    votes: Dict[str, int]


@dataclass(frozen=True)
class QvBallot:
    """A public ballot (``public=True``)."""

    voter: str
    line: int
    channel: str
    district: str
    spent: int
    budget: int
    votes: Dict[str, int]


@dataclass(frozen=True)
class QvResult(DataclassResult):
    credits: int
    accepted: int
    rejected_ballots: int
    totals: Dict[str, int]
    """Option id -> net votes, in the poll's option order."""
    options: Tuple[QvOption, ...]
    """Ranked by net votes (ties in option order)."""
    credits_spent: int
    exhausted: int
    spending: Dict[int, int]
    """Credits spent -> ballots that spent exactly that much."""
    strata: Tuple[QvStratum, ...]
    rejected: Tuple[QvRejection, ...]
    ballots: Tuple[QvBallot, ...]

    def records(self) -> List[Dict[str, Any]]:
        """One dict per option (ranked), ready for pandas.DataFrame.from_records."""
        return [asdict(o) for o in self.options]

    @staticmethod
    def _from_json(text: str) -> "QvResult":
        j = json.loads(text)
        return QvResult(
            credits=int(j["credits"]),
            accepted=j["ballots"]["accepted"],
            rejected_ballots=j["ballots"]["rejected"],
            totals={k: int(v) for k, v in j["totals"].items()},
            options=tuple(
                QvOption(o["id"], o["name"], int(o["votes"]), int(o["votes_for"]), int(o["votes_against"]),
                         int(o["credits"]), o["voters"])
                for o in j["options"]
            ),
            credits_spent=int(j["spending"]["credits_spent"]),
            exhausted=j["spending"]["exhausted"],
            spending={int(c): n for c, n in j["spending"]["distribution"]},
            strata=tuple(
                QvStratum(s["channel"], s["district"], s["ballots"], int(s["credits"]), {k: int(v) for k, v in s["votes"].items()})
                for s in j["strata"]
            ),
            rejected=tuple(QvRejection(r["voter"], r["file"], r["line"], r["rule"], r["reason"], r["ballots"]) for r in j["rejected"]),
            ballots=tuple(
                QvBallot(b["voter"], b["line"], b["channel"], b["district"], int(b["spent"]), int(b["budget"]), dict(b["votes"]))
                for b in j.get("ballots_cast", [])
            ),
        )


def qv(
    source: Union[str, "os.PathLike[str]", Election, Iterable[Any]],
    *,
    credits: Optional[Exact] = None,
    options: Optional[Sequence[str]] = None,
    allow_negative: bool = False,
    public: bool = False,
    voter_credits: Optional[Mapping[str, Exact]] = None,
    cost_table: Optional[Sequence[Exact]] = None,
) -> QvResult:
    """Validates quadratic ballots against a credit budget and tallies them.

    ``source`` is a file of rows (CSV voter,option,votes or a JSON array such as
    Taiwan 2019's ProposalPolls.json), an ``Election`` of kind "quadratic"
    (anonymous ballots), or rows: ``(voter, option, votes)`` tuples, mappings
    with those keys, or a pandas DataFrame with those columns. A voter's rows
    are one ballot; a bad ballot is rejected with its reasons and line
    (``result.rejected``) and never stops the count.
    """
    spec: Dict[str, Any] = {"allow_negative": allow_negative, "public": public}
    if credits is not None:
        spec["credits"] = _exact(credits, "credits")
    if options is not None:
        spec["options"] = [str(o) for o in options]
    if voter_credits:
        spec["voter_credits"] = {str(v): _exact(c, f"voter_credits[{v!r}]") for v, c in voter_credits.items()}
    if cost_table is not None:
        spec["cost_table"] = [_exact(c, "cost_table") for c in cost_table]
    if isinstance(source, Election):
        spec.pop("public")
        return QvResult._from_json(_qv_tally(source, json.dumps(spec)))
    if isinstance(source, (str, os.PathLike)):
        return QvResult._from_json(_qv_tally_file(os.fspath(source), json.dumps(spec)))
    voters, opts, votes = _rows(source, ("voter", "option", "votes"))
    return QvResult._from_json(_qv_tally_rows(voters, opts, votes, json.dumps(spec)))


# ---- quadratic funding ---------------------------------------------------------------


@dataclass(frozen=True)
class QfProject:
    id: str
    contributions: int
    donors: int
    raw_match: Fraction
    """The subsidy under the rounding rule, exact."""
    match: int
    funding: int
    """contributions + match."""
    capped: bool
    share: Fraction
    """match / pool."""
    why: str


@dataclass(frozen=True)
class QfResult(DataclassResult):
    variant: str
    fit: str
    pool: int
    cap_amount: Optional[int]
    raw_total: Fraction
    saturated: bool
    matched: int
    unallocated: int
    alpha: Optional[int]
    alpha_precision: int
    matches: Dict[str, int]
    """Project id -> match, exact, in the smallest unit."""
    projects: Tuple[QfProject, ...]
    contributions_counted: int
    contributions_dropped: int

    def records(self) -> List[Dict[str, Any]]:
        """One dict per project, ready for pandas.DataFrame.from_records."""
        return [asdict(p) for p in self.projects]

    @staticmethod
    def _from_json(text: str) -> "QfResult":
        j = json.loads(text)
        return QfResult(
            variant=j["variant"],
            fit=j["fit"],
            pool=int(j["pool"]),
            cap_amount=None if j["cap_amount"] is None else int(j["cap_amount"]),
            raw_total=Fraction(j["raw_total"]),
            saturated=j["saturated"],
            matched=int(j["matched"]),
            unallocated=int(j["unallocated"]),
            alpha=None if j["alpha"] is None else int(j["alpha"]),
            alpha_precision=int(j["alpha_precision"]),
            matches={k: int(v) for k, v in j["matches"].items()},
            projects=tuple(
                QfProject(p["id"], int(p["contributions"]), p["donors"], Fraction(p["raw_match"]), int(p["match"]),
                          int(p["funding"]), p["capped"], Fraction(p["share"]), p["why"])
                for p in j["projects"]
            ),
            contributions_counted=j["contributions"]["counted"],
            contributions_dropped=j["contributions"]["dropped"],
        )


def qf(
    source: Union[str, "os.PathLike[str]", Iterable[Any]],
    *,
    pool: Exact,
    variant: str = "clr",
    fit: str = "saturate",
    cap: Optional[Exact] = None,
    cap_amount: Optional[Exact] = None,
    m: Optional[Exact] = None,
    sqrt_scale: Exact = 1,
    minimum: Exact = 0,
    donor_coefficients: Optional[Mapping[str, Exact]] = None,
    clusters: Optional[Iterable[Sequence[Any]]] = None,
    voice_credit_factor: Optional[Exact] = None,
    alpha_precision: Optional[Exact] = None,
) -> QfResult:
    """Quadratic funding matches, exact to the smallest unit, never above ``pool`` in total.

    ``source`` is a file (CSV donor,project,amount; a JSON array; or a MACI /
    clr.fund tally with ``voice_credit_factor``) or contributions:
    ``(donor, project, amount)`` tuples, mappings with those keys, or a pandas
    DataFrame. Amounts are integers in the smallest unit. ``variant``: clr,
    pairwise (bound ``m``), cluster or cocm (``clusters``: (donor, cluster[, weight])
    rows; default: donors grouped by the projects they fund). ``fit``: saturate,
    scale or alpha. ``cap``: a fraction of the pool; ``cap_amount``: an amount.
    """
    spec: Dict[str, Any] = {
        "pool": _exact(pool, "pool"),
        "variant": variant,
        "fit": fit,
        "sqrt_scale": _exact(sqrt_scale, "sqrt_scale"),
        "minimum": _exact(minimum, "minimum"),
    }
    for key, value in (("cap", cap), ("cap_amount", cap_amount), ("m", m), ("alpha_precision", alpha_precision)):
        if value is not None:
            spec[key] = _exact(value, key)
    if donor_coefficients:
        spec["donor_coefficients"] = {str(d): _exact(c, f"donor_coefficients[{d!r}]") for d, c in donor_coefficients.items()}
    if clusters is not None:
        spec["clusters"] = [[str(row[0]), str(row[1])] + ([_exact(row[2], "clusters")] if len(row) > 2 else []) for row in clusters]
    if isinstance(source, (str, os.PathLike)):
        if voice_credit_factor is not None:
            spec["voice_credit_factor"] = _exact(voice_credit_factor, "voice_credit_factor")
        return QfResult._from_json(_qf_match_file(os.fspath(source), json.dumps(spec)))
    if voice_credit_factor is not None:
        raise ValueError("voice_credit_factor applies to MACI tally files only")
    donors, projects, amounts = _rows(source, ("donor", "project", "amount"))
    return QfResult._from_json(_qf_match(donors, projects, amounts, json.dumps(spec)))
