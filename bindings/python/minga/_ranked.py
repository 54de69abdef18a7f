# SPDX-License-Identifier: Apache-2.0
"""minga.tally: ranked counts (plurality, IRV, the STV family, Condorcet methods, Borda), round by round.

>>> import minga
>>> e = minga.Election("ranked", ["alice", "bob", "carol"])
>>> e.add_rankings([["alice", "bob"], ["bob", "alice"], ["carol", "bob"]], counts=[4, 3, 2])
>>> r = minga.tally(e, "irv")
>>> r.winners
('bob',)
>>> [dict(rd.tally) for rd in r.rounds][0]
{'alice': Fraction(4, 1), 'bob': Fraction(3, 1), 'carol': Fraction(2, 1)}
>>> minga.tally(e, "schulze").winners
('bob',)

The count runs in C++ (exact, the GIL released) through ranked::count(), the
same method names and defaults as ``minga tally``; this module turns keyword
options into the JSON spec of the C ABI's minga_ranked_count (one reader for
both, minga/ranked/spec_json.hpp) and the result JSON ("minga.result/1") into
Python values with exact ``fractions.Fraction``. The profile may be a minga Election,
a file path, or a peer's object: pref_voting Profile / ProfileWithTies,
VoteKit PreferenceProfile, preflibtools OrdinalInstance.
"""

from __future__ import annotations

import json
import operator
import os
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from ._minga import Election, _pairwise, _ranked_count, _ranked_methods, _rctab_tabulate, read
from ._results import JsonDocumentResult

METHODS: Tuple[str, ...] = tuple(_ranked_methods())
"""The method names minga.tally() accepts (besides the aliases in ALIASES)."""

STV_RULES: Dict[str, str] = {
    "rctab": "wigm",
    "wigm": "wigm",
    "gregory": "gregory",
    "wigm-generic": "wigm-generic",
    "wigm-prf": "wigm-prf",
    "wigm-prf-batch": "wigm-prf-batch",
    "minneapolis": "minneapolis-stv",
    "scottish": "scottish-stv",
    "irish": "irish-stv",
    "meek": "meek",
    "meek-exact": "meek-exact",
    "warren": "warren",
}
"""method="stv" with rules=NAME counts by this method (default "wigm", RCTab's multi-seat STV)."""

ALIASES: Dict[str, str] = {
    "instant-runoff": "irv",
    "rcv": "irv",
    "stv": "wigm",
    "scottish": "scottish-stv",
    "condorcet-winner": "condorcet",
    "smith-set": "smith",
}
"""Other spellings (pref_voting's and VoteKit's names) of the methods."""


def _exact(value: Any, name: str) -> Fraction:
    if isinstance(value, (bool, float)):
        raise TypeError(f"{name} must be exact (int, Fraction, Decimal or str), not {type(value).__name__}")
    if isinstance(value, Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    return Fraction(str(value))


def _whole(value: Any, name: str) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, not bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a whole number, not {type(value).__name__}") from None


def _fractions(values: Mapping[str, str]) -> Dict[str, Fraction]:
    return {k: Fraction(v) for k, v in values.items()}


@dataclass(frozen=True)
class TallyTie:
    """A tie met during the count and how it was settled (or not, when ``chosen`` stopped the count)."""

    tied: Tuple[str, ...]
    chosen: str
    purpose: str  # "exclusion" or "election"
    how: str


@dataclass(frozen=True)
class TallyAction:
    """One decision in a round: ``kind`` is "elected", "excluded" or "surplus_of"; what the ballots did."""

    kind: str
    candidate: str
    transfers: Dict[str, Fraction]
    exhausted: Dict[str, Fraction]
    residual: Fraction = Fraction(0)
    tie: Optional[TallyTie] = None


@dataclass(frozen=True)
class TallyRound:
    """A round: each continuing (or elected) candidate's total at its start, the threshold, inactive ballots."""

    number: int
    tally: Dict[str, Fraction]
    active: Fraction
    threshold: Optional[Fraction]
    inactive: Dict[str, Fraction]
    """Ballots no longer counting at the start of the round, by reason (cumulative)."""
    actions: Tuple[TallyAction, ...]
    final_surplus: Fraction = Fraction(0)


def _tie(j: Optional[Dict[str, Any]]) -> Optional[TallyTie]:
    return None if j is None else TallyTie(tuple(j["tied"]), j["chosen"], j["for"], j["how"])


def _action(j: Dict[str, Any]) -> TallyAction:
    kind = next(k for k in ("elected", "excluded", "surplus_of") if k in j)
    return TallyAction(
        kind=kind,
        candidate=j[kind],
        transfers=_fractions(j["transfers"]),
        exhausted=_fractions(j["exhausted"]),
        residual=Fraction(j.get("residual", "0")),
        tie=_tie(j.get("tie")),
    )


class TallyResult(JsonDocumentResult):
    """The outcome of a ranked count (the JSON schema "minga.result/1").

    ``winners`` are candidate names in the order elected; ``rounds`` is empty
    for one-shot methods (plurality's single round aside), which carry
    ``scores`` instead (Borda points, Copeland and Minimax scores).
    """

    __slots__ = ("method", "candidates", "seats", "winners", "complete", "ballots", "blank_ballots",
                 "rounds", "score_name", "scores", "ties", "unresolved_tie", "notes")

    def __init__(self, document: Dict[str, Any]) -> None:
        if document.get("schema") != "minga.result/1":
            raise ValueError(f"not a minga.result/1 document: schema {document.get('schema')!r}")
        super().__init__(document)
        self.method: str = document["method"]
        self.candidates: Tuple[str, ...] = tuple(document["candidates"])
        self.seats: int = document["seats"]
        self.winners: Tuple[str, ...] = tuple(document["winners"])
        self.complete: bool = document["complete"]
        """False when a tie stopped the count (tie_break="stop"); ``unresolved_tie`` says which."""
        self.ballots: int = document["ballots"]
        self.blank_ballots: int = document["blank_ballots"]
        self.rounds: Tuple[TallyRound, ...] = tuple(
            TallyRound(
                number=r["round"],
                tally=_fractions(r["tally"]),
                active=Fraction(r["active"]),
                threshold=Fraction(r["threshold"]) if "threshold" in r else None,
                inactive=_fractions(r["inactive"]),
                actions=tuple(_action(a) for a in r["actions"]),
                final_surplus=Fraction(r.get("final_surplus", "0")),
            )
            for r in document["rounds"]
        )
        self.score_name: Optional[str] = document.get("score_name")
        self.scores: Optional[Dict[str, Fraction]] = (
            _fractions(document["scores"]) if "scores" in document else None
        )
        self.ties: Tuple[TallyTie, ...] = tuple(_tie(t) for t in document["ties"])  # type: ignore[misc]
        self.unresolved_tie: Optional[TallyTie] = _tie(document.get("unresolved_tie"))
        self.notes: Tuple[str, ...] = tuple(document["notes"])

    @property
    def winner(self) -> Optional[str]:
        """The single winner, or None when there is none (or several seats)."""
        return self.winners[0] if len(self.winners) == 1 else None

    def records(self) -> List[Dict[str, Any]]:
        """One dict per round and candidate (round, candidate, votes, elected, excluded), or, for
        one-shot methods, one per candidate (candidate, score, winner); exact values as Fraction."""
        if not self.rounds:
            scores = self.scores or {}
            return [{"candidate": c, "score": scores.get(c), "winner": c in self.winners} for c in self.candidates]
        rows: List[Dict[str, Any]] = []
        for rd in self.rounds:
            decided = {(a.kind, a.candidate) for a in rd.actions}
            for candidate, votes in rd.tally.items():
                rows.append({"round": rd.number, "candidate": candidate, "votes": votes,
                             "elected": ("elected", candidate) in decided,
                             "excluded": ("excluded", candidate) in decided})
        return rows

    def __repr__(self) -> str:
        return (f"TallyResult(method={self.method!r}, winners={list(self.winners)!r}, "
                f"rounds={len(self.rounds)}, complete={self.complete})")


def method_name(method: str, rules: Optional[str] = None) -> str:
    """The canonical method for a name and an optional STV rule set ("stv", rules="scottish" -> "scottish-stv")."""
    name = method.strip().lower().replace("_", "-").replace(" ", "-")
    if rules is not None:
        if name not in ("stv", "wigm"):
            raise ValueError(f"rules= selects an STV rule set; method {method!r} takes none")
        key = rules.strip().lower().replace("_", "-")
        if key not in STV_RULES:
            raise ValueError(f"unknown STV rules {rules!r} (known: {', '.join(STV_RULES)})")
        return STV_RULES[key]
    name = ALIASES.get(name, name)
    if name not in METHODS:
        raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)}; aliases: {', '.join(ALIASES)})")
    return name


def as_election(profile: Any) -> Election:
    """A minga Election for a ranked profile given as an Election, a file path, or a peer's object
    (pref_voting Profile/ProfileWithTies, VoteKit PreferenceProfile, preflibtools OrdinalInstance)."""
    if isinstance(profile, Election):
        return profile
    if isinstance(profile, (str, os.PathLike)):
        return read(profile)
    from . import _peers

    return _peers.election_from_peer(profile)


def tally(
    profile: Any,
    method: str = "irv",
    *,
    rules: Optional[str] = None,
    seats: Optional[int] = None,
    overvote: Optional[str] = None,
    max_skipped: Union[int, str, None] = None,
    duplicate: Optional[str] = None,
    max_rankings: Optional[int] = None,
    write_ins: Optional[str] = None,
    tie_break: Optional[str] = None,
    seed: Optional[str] = None,
    batch: bool = False,
    continue_until_two: bool = False,
    percent: Union[int, Fraction, str, None] = None,
    quota: Optional[str] = None,
    decimals: Optional[int] = None,
    paper_seed: Optional[str] = None,
) -> TallyResult:
    """Counts ranked ballots by ``method`` and returns a TallyResult (winners, rounds, exact values).

    method: plurality, irv, sequential-irv, bottoms-up, stv (with ``rules`` = rctab/wigm, gregory,
    wigm-generic, wigm-prf, wigm-prf-batch, minneapolis, scottish, irish, meek, meek-exact, warren), wigm,
    minneapolis-stv, scottish-stv, irish-stv, meek, meek-exact, warren, condorcet, smith,
    schulze, ranked-pairs, minimax, copeland, borda ("_" or "-" alike; see ALIASES).
    seats: defaults to the election's seats, else 1.
    Ballot rules (defaults as RCTab's, see docs/ranked.md; None = the method's own reading):
    overvote = exhaust_immediately | skip_to_next_rank | exhaust_if_multiple_continuing;
    max_skipped = N or "unlimited" (None: unlimited, except irish-stv, which reads 0 as the Act does);
    duplicate = skip | exhaust; max_rankings; write_ins = candidate | skip.
    tie_break: [backwards,|forwards,|aafd,]stop | candidate-order | random | rctab-random |
    rctab-permutation | lot-order, or new-zealand (meek, meek-exact, warren: Schedule 1A's ahead at
    first difference, then its pseudo-random numbers) (default stop: the result reports the tie),
    seed for the random ones.
    batch / continue_until_two: IRV options; percent: bottoms-up viability share (exact, e.g. 15);
    quota (droop, hagenbach-bischoff, hare, exact-droop) and decimals: wigm (gregory: quota droop,
    hare, hb, dynamic; decimals = fixed point); paper_seed: irish-stv
    (mix the papers with this published seed; default: input order).
    """
    share = None if percent is None else _exact(percent, "percent") / 100
    spec = {
        "method": method_name(method, rules), "seats": _whole(seats, "seats"), "overvote": overvote,
        "max_skipped": max_skipped if max_skipped == "unlimited" else _whole(max_skipped, "max_skipped"),
        "duplicate": duplicate,
        "max_rankings": _whole(max_rankings, "max_rankings"), "write_ins": write_ins, "tie_break": tie_break,
        "seed": seed, "batch": bool(batch), "continue_until_two": bool(continue_until_two),
        "share": None if share is None else f"{share.numerator}/{share.denominator}", "quota": quota,
        "decimals": _whole(decimals, "decimals"), "paper_seed": paper_seed,
    }
    # The keys are minga.h's minga_ranked_count spec, read by the one C++ reader (ranked/spec_json.hpp).
    # None is "not given": the key is left out (a null max_skipped would mean "unlimited").
    spec = {key: value for key, value in spec.items() if value is not None}
    return TallyResult.from_json(_ranked_count(as_election(profile), json.dumps(spec)))


def pairwise_matrix(profile: Any) -> Dict[str, Dict[str, int]]:
    """Head-to-head counts: result[a][b] = ballots ranking a above b (ranked above unranked; ties not
    compared), keyed by alternative id in election order."""
    election = as_election(profile)
    ids = [a.id for a in election.alternatives]
    rows = _pairwise(election)
    return {a: {b: rows[i][j] for j, b in enumerate(ids) if j != i} for i, a in enumerate(ids)}


@dataclass(frozen=True)
class RctabTabulation:
    """An RCTab contest counted as RCTab would: its reports and minga's own result."""

    summary: Dict[str, Any]
    """RCTab's summary JSON (its detailed-report structure: "config", "results" round by round, ...)."""
    summary_csv: str
    """RCTab's summary CSV, as RCTab writes it."""
    result: TallyResult
    """The same count as minga.tally returns it (exact Fractions, rounds, inactive ballots by reason)."""


def rctab(config: Union[str, "os.PathLike[str]"]) -> RctabTabulation:
    """Tabulates an RCTab contest configuration (JSON) and the cast vote records it names, as RCTab would.

    Nothing is written (``minga rctab CONFIG.json`` writes the files the configuration asks for).
    Errors are MingaError naming the file, record and field.
    """
    summary, csv, result = _rctab_tabulate(os.fspath(config))
    return RctabTabulation(json.loads(summary), csv, TallyResult.from_json(result))
