# SPDX-License-Identifier: Apache-2.0
"""minga.budget: participatory budgeting rules (greedy, Method of Equal Shares, knapsack, Phragmén).

>>> import minga
>>> e = minga.Election("approval", [minga.Alternative("park", cost=400),
...                                  minga.Alternative("library", cost=350),
...                                  minga.Alternative("bikes", cost=600)], budget=1000)
>>> e.add_approvals([["park", "library"], ["bikes"], ["park"]])
>>> r = minga.budget(e, "greedy")
>>> r.selected
('park', 'library')
>>> r.total_cost
Fraction(750, 1)

The rule runs in C++ (exact rationals, the GIL released) through the same
rule description as the C ABI's ``minga_budget_run``; this module only turns
keyword options into that description and the result JSON into Python values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

from ._minga import Election, _budget_run
from ._progress import Progress, ProgressBar, run_with_progress
from ._results import JsonDocumentResult

Exact = Union[int, Fraction, Decimal, str]
"""An exact amount: int, Fraction (any numbers.Rational), Decimal or a str like "1500.50" or "1/3"."""

RULES = ("official", "greedy", "greedy-no-skip", "max-welfare", "mes", "phragmen", "maximin-support")


@dataclass(frozen=True)
class FundingStep:
    """One funded project and the figures behind the choice."""

    project: str
    phase: str
    cost: Fraction
    supporters: int
    price: Optional[Fraction] = None
    """Equal shares: the most a supporter paid per unit of satisfaction (rho); Phragmén: the new maximal load."""
    effective_votes: Optional[Fraction] = None
    paying_everything: Optional[int] = None
    tied_with: Tuple[str, ...] = ()


@dataclass(frozen=True)
class UnfundedProject:
    project: str
    cost: Fraction
    reason: str


@dataclass(frozen=True)
class ExcludedProject:
    project: str
    reason: str


def _fraction(text: Optional[str]) -> Optional[Fraction]:
    return None if text is None else Fraction(text)


class BudgetResult(JsonDocumentResult):
    """What a budgeting rule funded, and why (the JSON schema "minga.budget.result/1").

    Exact amounts are ``fractions.Fraction``; ``selected`` lists project ids in
    the order the rule funded them.
    """

    __slots__ = (
        "rule",
        "satisfaction",
        "budget",
        "voters",
        "selected",
        "total_cost",
        "left_over",
        "exhaustive",
        "endowment",
        "steps",
        "unfunded",
        "excluded",
        "notes",
        "analysis",
    )

    def __init__(self, document: Dict[str, Any]) -> None:
        if document.get("schema") != "minga.budget.result/1":
            raise ValueError(f"not a minga.budget.result/1 document: schema {document.get('schema')!r}")
        super().__init__(document)
        self.rule: str = document["rule"]
        self.satisfaction: str = document["satisfaction"]
        self.budget: Fraction = Fraction(document["budget"])
        self.voters: int = document["voters"]
        self.selected: Tuple[str, ...] = tuple(document["selected"])
        self.total_cost: Fraction = Fraction(document["total_cost"])
        self.left_over: Fraction = Fraction(document["left_over"])
        self.exhaustive: bool = document["exhaustive"]
        self.endowment: Optional[Fraction] = _fraction(document.get("endowment"))
        self.steps: Tuple[FundingStep, ...] = tuple(
            FundingStep(
                project=s["project"],
                phase=s["phase"],
                cost=Fraction(s["cost"]),
                supporters=s["supporters"],
                price=_fraction(s.get("price")),
                effective_votes=_fraction(s.get("effective_votes")),
                paying_everything=s.get("paying_everything"),
                tied_with=tuple(s.get("tied_with", ())),
            )
            for s in document["steps"]
        )
        self.unfunded: Tuple[UnfundedProject, ...] = tuple(
            UnfundedProject(u["project"], Fraction(u["cost"]), u["reason"]) for u in document["unfunded"]
        )
        self.excluded: Tuple[ExcludedProject, ...] = tuple(
            ExcludedProject(x["project"], x["reason"]) for x in document["excluded"]
        )
        self.notes: Tuple[str, ...] = tuple(document["notes"])
        # With check=True: {"all", "by_channel", "by_district", "axioms", "price_system", "notes"}.
        self.analysis: Optional[Dict[str, Any]] = document.get("analysis")

    def records(self) -> List[Dict[str, Any]]:
        """One dict per project: status "funded" (in funding order, with the step's figures),
        "unfunded" or "excluded", with cost and reason; exact amounts as Fraction."""
        rows: List[Dict[str, Any]] = []
        for s in self.steps:
            rows.append({"project": s.project, "status": "funded", "cost": s.cost, "supporters": s.supporters,
                         "phase": s.phase, "price": s.price, "reason": None})
        for u in self.unfunded:
            rows.append({"project": u.project, "status": "unfunded", "cost": u.cost, "reason": u.reason})
        for x in self.excluded:
            rows.append({"project": x.project, "status": "excluded", "reason": x.reason})
        return rows

    def __repr__(self) -> str:
        return (
            f"BudgetResult(rule={self.rule!r}, selected={list(self.selected)!r}, "
            f"total_cost={str(self.total_cost)!r}, budget={str(self.budget)!r})"
        )


def _exact_text(value: Any, name: str) -> Optional[str]:
    """An exact amount as the spec's text ("1500.50", "1/3"); floats are refused."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{name} must be exact (int, Fraction, Decimal or str), not {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Rational):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name} must be finite, not {value}")
        return format(value, "f")
    if isinstance(value, str):
        return value
    raise TypeError(f"{name} must be exact (int, Fraction, Decimal or str), not {type(value).__name__}")


def _name(value: Any, name: str) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def _flag(value: Any, name: str) -> Optional[bool]:
    if value is None:
        return None
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    return value


def _tie_break(value: Union[None, str, Iterable[str]]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    steps = list(value)
    if not all(isinstance(s, str) for s in steps):
        raise TypeError("tie_break must be a str like 'min_cost,max_votes,by_id' or a sequence of str")
    return ",".join(steps)


# How each option travels in the JSON spec (the keys of minga/budget/spec_json.hpp).
_OPTION_TEXT = {
    "utility": _name,
    "order": _name,
    "completion": _name,
    "step": _exact_text,
    "exhaustive_stop": _flag,
    "integral_start": _flag,
    "comparison": _name,
    "tie_break": lambda value, _: _tie_break(value),
    "seed": _name,
    "budget": _exact_text,
    "support_per_cost": _exact_text,
    "check": _flag,
}


def _spec(rule: str, options: Dict[str, Any]) -> str:
    """The JSON rule description handed to the C++ core (the C ABI's minga_budget_run takes the same)."""
    spec: Dict[str, Any] = {"rule": _name(rule, "rule")}
    for key, value in options.items():
        if value is not None:
            spec[key] = _OPTION_TEXT[key](value, key)
    return json.dumps(spec)


def budget(
    election: Election,
    rule: str = "official",
    *,
    utility: Optional[str] = None,
    order: Optional[str] = None,
    completion: Optional[str] = None,
    step: Optional[Exact] = None,
    exhaustive_stop: Optional[bool] = None,
    integral_start: Optional[bool] = None,
    comparison: Optional[str] = None,
    tie_break: Union[None, str, Iterable[str]] = None,
    seed: Optional[str] = None,
    budget: Optional[Exact] = None,
    support_per_cost: Optional[Exact] = None,
    check: Optional[bool] = None,
    progress: Progress = None,
) -> BudgetResult:
    """Decides a participatory budget.

    rule: "official" (the rule the file's META names, with the parameters that
        reproduce official outcomes), "greedy", "greedy-no-skip", "max-welfare",
        "mes", "phragmen" or "maximin-support". A rule other than "official" breaks ties by
        "min_cost,max_votes,by_id" unless tie_break says otherwise.
    utility: "cost" (default), "cardinality" (also "approval") or "points".
    order: greedy only: "votes", "score" or "welfare_per_cost".
    completion: mes only: "none", "utilitarian", "add1" or "add1_utilitarian".
    step, exhaustive_stop, integral_start: add1 only (endowment step per voter, ...).
    comparison: mes only: "none", "satisfaction" or "exclusion_ratio".
    tie_break: e.g. "min_cost,max_votes,lot" or ["min_cost", "by_id"]; steps
        min_cost, max_cost, max_votes, max_score, by_id, lot, refuse.
    seed: the published seed for the "lot" tie-break.
    budget: use this budget instead of the election's (exact).
    support_per_cost: drop projects with votes/voters < cost/(factor x budget).
    check: True to also check the outcome: ``result.analysis`` then holds
        empty-handed voters (overall, by channel, by district), the
        proportionality axioms (EJR, PJR, ...: satisfied, or a witness group)
        and, for MES, whether its payments form a valid price system.
    progress: Add1's runs as a bar of the money the latest run spends (see
        minga._progress: None = when stderr is a terminal), or a callable
        ``progress(run, endowment, total_cost, budget)`` with exact Fractions.

    None means "not given" (the rule's own parameter). Errors are MingaError:
    a bad option names it (field), a tie that reaches "refuse" has code "tie".
    """
    options = {
        "utility": utility,
        "order": order,
        "completion": completion,
        "step": step,
        "exhaustive_stop": exhaustive_stop,
        "integral_start": integral_start,
        "comparison": comparison,
        "tie_break": tie_break,
        "seed": seed,
        "budget": budget,
        "support_per_cost": support_per_cost,
        "check": check,
    }
    spec = _spec(rule, options)

    def call(told: Optional[Callable[..., Any]]) -> str:
        if told is None:
            return _budget_run(election, spec)
        return _budget_run(
            election, spec, lambda run, *figures: told(run, *(Fraction(f) for f in figures))
        )

    return BudgetResult.from_json(run_with_progress(progress, "add1", call, _add1_bar))


def _add1_bar(bar: ProgressBar, run: int, endowment: Fraction, total_cost: Fraction, budget: Fraction) -> None:
    bar.label = f"add1 run {run:,}"
    bar.update(min(total_cost, budget), budget, " spent")
