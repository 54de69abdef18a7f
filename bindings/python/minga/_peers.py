# SPDX-License-Identifier: Apache-2.0
"""Ranked profiles to and from the peers' objects: pref_voting, VoteKit, preflibtools.

None of these libraries is a dependency of minga: objects are read by duck
typing and a peer is imported only when one of its objects is built.

>>> from pref_voting.profiles import Profile                  # doctest: +SKIP
>>> e = minga.election_from_pref_voting(Profile([[0, 1, 2], [2, 1, 0]]))  # doctest: +SKIP
>>> minga.to_pref_voting(e)                                   # doctest: +SKIP

Alternative ids are the peer's candidate names (pref_voting's cmap, VoteKit's
candidate strings, PrefLib's alternative names); going back, the peers get the
alternatives' labels (names, else ids), as minga's results name candidates. A rank holding several
candidates is a tie in pref_voting, VoteKit and PrefLib, and several marks at
one rank in minga (which the count reads as the ballot rules say: the
Condorcet methods as a tie, IRV as an overvote). Counts are whole ballots:
VoteKit weights must be whole numbers.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Dict, Iterable, List, Sequence, Tuple

from ._minga import Election

Rank = Tuple[str, ...]


def _mro_names(obj: Any) -> List[str]:
    return [f"{cls.__module__}.{cls.__name__}" for cls in type(obj).__mro__]


def _election(ids: Sequence[str], ballots: Iterable[Tuple[Sequence[Rank], int]], title: str = "") -> Election:
    """A ranked Election over `ids` from (ranks, count) pairs; each rank a tuple of ids."""
    election = Election("ranked", list(ids), title=title)
    rows: List[List[Any]] = []
    counts: List[int] = []
    for ranks, count in ballots:
        if count == 0:
            continue
        rows.append([rank[0] if len(rank) == 1 else list(rank) for rank in ranks])
        counts.append(count)
    election.add_rankings(rows, counts=counts)
    return election


def _ranks(election: Election, peer: str) -> Iterable[Tuple[List[Rank], int]]:
    """Each distinct ballot as ranks of candidate names (_names; skipped ranks dropped) and its count.

    Overvote tokens and write-ins have no counterpart in the peers: a ValueError names the ballot.
    """
    name_of = dict(zip(_ids(election), _names(election)))
    for ballot, count, _channel, _district in election.ballots():
        ranks: List[Rank] = []
        for rank in ballot:
            if rank is None:
                continue
            marks = tuple(sorted(rank)) if isinstance(rank, frozenset) else (rank,)
            for mark in marks:
                if mark not in name_of:
                    raise ValueError(f"ballot {ballot!r} holds the {mark!r} token, which {peer} cannot represent")
            ranks.append(tuple(name_of[mark] for mark in marks))
        yield ranks, count


def _ids(election: Election) -> List[str]:
    return [a.id for a in election.alternatives]


def _names(election: Election) -> List[str]:
    """The candidates as the peers name them: the alternatives' labels (name, else id) when these
    are unique, as minga's results name them; else the ids."""
    labels = [a.label for a in election.alternatives]
    return labels if len(set(labels)) == len(labels) else _ids(election)


def _whole(value: Any, what: str) -> int:
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    if exact.denominator != 1 or exact < 0:
        raise ValueError(f"{what} is {value!r}: minga counts whole ballots")
    return int(exact)


# ---- pref_voting ---------------------------------------------------------------------------

def election_from_pref_voting(profile: Any) -> Election:
    """A ranked Election from a pref_voting Profile (linear orders) or ProfileWithTies (ties, truncation)."""
    cmap: Dict[Any, Any] = dict(getattr(profile, "cmap", None) or {})
    candidates = list(profile.candidates)
    name = {c: str(cmap.get(c, c)) for c in candidates}
    rankings, counts = profile.rankings_counts

    def ballots() -> Iterable[Tuple[List[Rank], int]]:
        for ranking, count in zip(rankings, counts):
            rmap = getattr(ranking, "rmap", None)
            ranks: List[Rank]
            if rmap is None:  # a Profile row: a linear order, best first
                ranks = [(name[c],) for c in ranking]
            else:
                levels: Dict[Any, List[str]] = {}
                for c, level in rmap.items():
                    levels.setdefault(level, []).append(name[c])
                ranks = [tuple(levels[level]) for level in sorted(levels)]
            yield ranks, int(count)

    return _election([name[c] for c in candidates], ballots())


def to_pref_voting(election: Election) -> Any:
    """A pref_voting Profile when every ballot ranks every candidate strictly, else a ProfileWithTies.

    Candidates are 0..n-1 in election order, cmap giving their names (labels); skipped ranks close up.
    """
    ids = _names(election)
    index = {a: i for i, a in enumerate(ids)}
    rows = list(_ranks(election, "pref_voting"))
    linear = all(len(ranks) == len(ids) and all(len(r) == 1 for r in ranks) for ranks, _ in rows)
    cmap = dict(enumerate(ids))
    counts = [count for _, count in rows]
    if linear and rows:
        from pref_voting.profiles import Profile

        return Profile([[index[r[0]] for r in ranks] for ranks, _ in rows], rcounts=counts, cmap=cmap)
    from pref_voting.profiles_with_ties import ProfileWithTies

    rmaps = [{index[a]: level + 1 for level, rank in enumerate(ranks) for a in rank} for ranks, _ in rows]
    return ProfileWithTies(rmaps, rcounts=counts, candidates=list(range(len(ids))), cmap=cmap)


# ---- VoteKit -------------------------------------------------------------------------------

_VOTEKIT_SKIP = "~"  # VoteKit's mark for a skipped rank


def election_from_votekit(profile: Any) -> Election:
    """A ranked Election from a VoteKit PreferenceProfile (ballots with rankings of frozensets and weights)."""
    candidates = [str(c) for c in profile.candidates]

    def ballots() -> Iterable[Tuple[List[Rank], int]]:
        for i, ballot in enumerate(profile.ballots):
            ranking = getattr(ballot, "ranking", None) or ()
            ranks = [tuple(sorted(str(c) for c in rank if str(c) != _VOTEKIT_SKIP)) for rank in ranking]
            yield [r for r in ranks if r], _whole(ballot.weight, f"the weight of VoteKit ballot {i}")

    return _election(candidates, ballots())


def to_votekit(election: Election) -> Any:
    """A VoteKit PreferenceProfile (RankProfile in VoteKit 3.2+) of ranked ballots with whole weights.

    VoteKit strips spaces around the names in a ballot (but not in the candidate
    list), so names are stripped here, as VoteKit will see them ("Kieran  Wild "
    in Glasgow 2007 becomes "Kieran  Wild"); two names equal once stripped are an error.
    """
    import votekit

    ballot_class = getattr(votekit, "RankBallot", None) or votekit.Ballot
    profile_class = getattr(votekit, "RankProfile", None) or votekit.PreferenceProfile
    ids = [name.strip() for name in _names(election)]
    if len(set(ids)) < len(ids):
        clash = sorted({n for n in ids if ids.count(n) > 1})
        raise ValueError(f"to_votekit: candidate names {clash} are equal once VoteKit strips their spaces")
    ballots = [
        ballot_class(ranking=tuple(frozenset(name.strip() for name in rank) for rank in ranks), weight=count)
        for ranks, count in _ranks(election, "VoteKit")
    ]
    longest = max([len(ids)] + [len(b.ranking or ()) for b in ballots])
    return profile_class(ballots=tuple(ballots), candidates=tuple(ids), max_ranking_length=longest)


# ---- preflibtools --------------------------------------------------------------------------

def election_from_preflib(instance: Any) -> Election:
    """A ranked Election from a preflibtools OrdinalInstance (soc, soi, toc, toi)."""
    names: Dict[int, str] = dict(instance.alternatives_name)
    number = sorted(names)
    ids = [str(names[n]) for n in number]
    if len(set(ids)) != len(ids):  # PrefLib names need not be unique; numbers are
        ids = [str(n) for n in number]
    id_of = dict(zip(number, ids))

    def ballots() -> Iterable[Tuple[List[Rank], int]]:
        for order in instance.orders:
            yield [tuple(id_of[a] for a in level) for level in order], int(instance.multiplicity[order])

    return _election(ids, ballots(), title=str(getattr(instance, "title", "") or ""))


def to_preflib(election: Election) -> Any:
    """A preflibtools OrdinalInstance (alternatives numbered 1..n in election order, named by id)."""
    from preflibtools.instances import OrdinalInstance

    ids = _names(election)
    number = {a: i + 1 for i, a in enumerate(ids)}
    instance = OrdinalInstance()
    instance.title = election.title
    instance.alternatives_name = {i + 1: a for i, a in enumerate(ids)}
    vote_map: Dict[Tuple[Tuple[int, ...], ...], int] = {}
    for ranks, count in _ranks(election, "PrefLib"):
        order = tuple(tuple(number[a] for a in rank) for rank in ranks)
        vote_map[order] = vote_map.get(order, 0) + count
    instance.append_vote_map(vote_map)
    return instance


# ---- any of them ---------------------------------------------------------------------------

def election_from_peer(obj: Any) -> Election:
    """Recognises a pref_voting, VoteKit or preflibtools profile and converts it."""
    names = " ".join(_mro_names(obj))
    if "pref_voting." in names:
        return election_from_pref_voting(obj)
    if "votekit." in names:
        return election_from_votekit(obj)
    if "preflibtools." in names and hasattr(obj, "orders"):
        return election_from_preflib(obj)
    raise TypeError(
        f"cannot read a ranked profile from {type(obj).__module__}.{type(obj).__name__} "
        "(expected a minga.Election, a file path, a pref_voting Profile/ProfileWithTies, a VoteKit "
        "PreferenceProfile or a preflibtools OrdinalInstance)"
    )
