# SPDX-License-Identifier: Apache-2.0
"""minga.dask: count elections too large for one machine on a Dask cluster.

Each partition of the ballots (a file, a partition of a dask bag or of a dask
DataFrame) is read into a partial Election on a worker; partial Elections
merge exactly (``a + b``: counts add, memory grows with distinct ballots), in a
tree, and the merged election is counted on a worker. Elections travel between
processes in minga's compact binary form (they pickle through ``to_bytes``).

>>> import minga.dask                                               # doctest: +SKIP
>>> from dask.distributed import Client, LocalCluster               # doctest: +SKIP
>>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))  # doctest: +SKIP
>>> parts = minga.dask.read_partitions("cvr/precinct-*.csv")       # doctest: +SKIP
>>> minga.dask.tally(parts, "irv").winners                        # doctest: +SKIP
>>> minga.dask.verify_ballots("record.json", partitions=8)["passed"]  # doctest: +SKIP

Dask (``pip install "dask[distributed]"``) is imported only by this module:
``import minga`` does not need it.
"""

from __future__ import annotations

import glob
import json
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _minga
from ._budget import BudgetResult
from ._ranked import TallyResult

Paths = Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]]


def _dask() -> Any:
    try:
        import dask
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError('minga.dask needs Dask: pip install "dask[distributed]"') from error
    return dask


def _paths(paths: Paths) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        text = os.fspath(paths)
        found = sorted(glob.glob(text)) if glob.has_magic(text) else [text]
        if not found:
            raise FileNotFoundError(f"no file matches {text!r}")
        return found
    listed = [os.fspath(p) for p in paths]
    if not listed:
        raise ValueError("no ballot files given")
    return listed


def read_partitions(paths: Paths, format: Optional[str] = None, **read_options: Any) -> List[Any]:
    """One dask.delayed partial Election per file (a glob pattern, a path, or a list of paths).

    Each file is read on a worker by minga.read(path, format, **read_options)
    (ranked CSV options such as rank_columns apply to every file).
    """
    delayed = _dask().delayed
    return [delayed(_minga.read, pure=True)(path, format, **read_options) for path in _paths(paths)]


def _election_of_rows(rows: Iterable[Any], kind: str, alternatives: Sequence[Any], counted: bool) -> Any:
    election = _minga.Election(kind, alternatives)
    rows = list(rows)
    if not rows:
        return election
    ballots = [row[0] for row in rows] if counted else rows
    counts = [row[1] for row in rows] if counted else None
    add = {"approval": election.add_approvals, "ranked": election.add_rankings,
           "score": election.add_scores, "quadratic": election.add_quadratic}[kind]
    add(ballots, counts=counts)
    return election


def from_bag(bag: Any, kind: str, alternatives: Sequence[Any], counted: bool = False) -> List[Any]:
    """One delayed partial Election per partition of a dask bag of ballots.

    Each item is a ballot as Election.add_<kind> takes it (ranked: a list of
    ranks), or a (ballot, count) pair when ``counted``. ``alternatives`` as for
    minga.Election (ids, Alternatives or dicts), the same for every partition.
    """
    delayed = _dask().delayed
    make = delayed(_election_of_rows, pure=True)
    return [make(part, kind, list(alternatives), counted) for part in bag.to_delayed()]


def _election_of_frame(frame: Any, alternatives: Sequence[Any], rank_columns: Sequence[str],
                       count_column: Optional[str]) -> Any:
    election = _minga.Election("ranked", alternatives)
    if len(frame) == 0:
        return election
    ranks = frame[list(rank_columns)].astype(object)
    ranks = ranks.where(ranks.notna(), None)
    ballots = [[None if mark == "" else mark for mark in row] for row in ranks.itertuples(index=False, name=None)]
    counts = None if count_column is None else [int(c) for c in frame[count_column]]
    election.add_rankings(ballots, counts=counts)
    return election


def from_dataframe(frame: Any, alternatives: Sequence[Any], rank_columns: Sequence[str],
                   count_column: Optional[str] = None) -> List[Any]:
    """One delayed partial ranked Election per partition of a dask DataFrame of cast vote records.

    Each row is a ballot: ``rank_columns`` hold its ranks in order (a candidate
    id, or NaN/None/"" for a skipped rank); ``count_column``, if given, how
    many ballots the row stands for.
    """
    delayed = _dask().delayed
    make = delayed(_election_of_frame, pure=True)
    return [make(part, list(alternatives), list(rank_columns), count_column) for part in frame.to_delayed()]


def _merge_group(*elections: Any) -> Any:
    return _minga.merge(list(elections))


def merge(partials: Sequence[Any], split_every: int = 8) -> Any:
    """The partial elections merged in a tree (at most ``split_every`` at a node), as one delayed Election."""
    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    level = list(partials)
    if not level:
        raise ValueError("nothing to merge")
    node = _dask().delayed(_merge_group, pure=True)
    while len(level) > 1:
        level = [node(*level[i:i + split_every]) for i in range(0, len(level), split_every)]
    return level[0]


def _as_merged(source: Any, split_every: int) -> Any:
    if isinstance(source, (str, os.PathLike)):
        source = read_partitions(source)
    if isinstance(source, (list, tuple)):
        if source and isinstance(source[0], (str, os.PathLike)):
            source = read_partitions(source)
        return merge(source, split_every)
    return source  # one delayed Election


def _compute(value: Any, client: Any) -> Any:
    if client is not None:
        return client.compute(value).result()
    return _dask().compute(value)[0]


def _tally_json(election: Any, method: str, options: dict) -> str:
    from ._ranked import tally

    return tally(election, method, **options).to_json(indent=None)


def tally(source: Any, method: str = "irv", *, client: Any = None, split_every: int = 8,
          **options: Any) -> TallyResult:
    """Reads, merges and counts on the cluster; returns the TallyResult (options as for minga.tally).

    source: file paths or a glob (read with read_partitions), a list of delayed
    partial Elections (read_partitions, from_bag, from_dataframe), or one delayed Election.
    client: a dask.distributed Client (default: the current one, else Dask's default scheduler).
    """
    merged = _as_merged(source, split_every)
    text = _compute(_dask().delayed(_tally_json, pure=True)(merged, method, options), client)
    return TallyResult.from_json(text)


def _budget_json(election: Any, rule: str, options: dict) -> str:
    from ._budget import budget as run

    return run(election, rule, **options).to_json(indent=None)


def budget(source: Any, rule: str = "official", *, client: Any = None, split_every: int = 8,
           **options: Any) -> BudgetResult:
    """As tally(), for participatory budgeting: minga.budget(merged, rule, **options) on the cluster."""
    merged = _as_merged(source, split_every)
    text = _compute(_dask().delayed(_budget_json, pure=True)(merged, rule, options), client)
    return BudgetResult.from_json(text)


def election(source: Any, *, client: Any = None, split_every: int = 8) -> Any:
    """The merged minga.Election itself, brought back to this process."""
    return _compute(_as_merged(source, split_every), client)


# ---- verification of encrypted ballots, partition by partition -------------------------------


def _record(record: Any) -> Dict[str, Any]:
    if isinstance(record, dict):
        return record
    if isinstance(record, (str, os.PathLike)) and not str(record).lstrip().startswith("{"):
        with open(record, encoding="utf-8") as f:
            return json.load(f)
    return json.loads(record)


def _verify_part(election: str, lines: List[str], first_index: int) -> Dict[str, Any]:
    from ._verify import verify_ballots

    return verify_ballots(election, lines, first_index, threads=1)


def _combine(*parts: Dict[str, Any]) -> Dict[str, Any]:
    """Partial verifications added: counts add, findings keep ballot order, encrypted sums add."""
    from ._verify import add_tallies

    total = dict(parts[0])
    for part in parts[1:]:
        total = {
            "ballots": total["ballots"] + part["ballots"],
            "selections": total["selections"] + part["selections"],
            "passed": total["passed"] and part["passed"],
            "failures": total["failures"] + part["failures"],
            # A partition without cast ballots sums to the identity, which add_tallies refuses: skip it.
            "sum": (part["sum"] if total["sum"]["cast_ballots"] == 0 else total["sum"]
                    if part["sum"]["cast_ballots"] == 0 else add_tallies(total["sum"], part["sum"])),
        }
    return total


def _same_aggregate(summed: Dict[str, Any], tally: Dict[str, Any]) -> bool:
    if summed["cast_ballots"] != tally["cast_ballots"] or len(summed["contests"]) != len(tally["contests"]):
        return False
    for ours, theirs in zip(summed["contests"], tally["contests"]):
        if len(ours["options"]) != len(theirs["options"]):
            return False
        if any(o["alpha"] != t["alpha"] or o["beta"] != t["beta"] for o, t in zip(ours["options"], theirs["options"])):
            return False
    return True


def verify_ballots(record: Any, *, partitions: int = 8, client: Any = None, split_every: int = 8) -> Dict[str, Any]:
    """Checks every ballot of an election record (minga.record/1) on the cluster, partition by partition.

    Each partition's ballots (their range and limit proofs and confirmation
    codes) are checked on a worker, which returns its findings and the
    homomorphic sum of its cast ballots; the sums add up, in a tree, to the
    aggregate the record publishes. Returns {"ballots", "selections", "failures"
    (in ballot order, named as minga.verify_record names them), "sum",
    "aggregate_matches" (the combined sum is the record's tally, option by
    option), "passed" (no finding and the aggregate matches)}. The checks that
    need the whole record (device chains, board, decryption) are
    minga.verify_record's.
    """
    doc = _record(record)
    ballots = [json.dumps(b) for b in doc["ballots"]]
    if not ballots:
        raise ValueError("the record has no ballots")
    election = json.dumps({**doc, "ballots": []})  # what every partition needs, without the ballots
    delayed = _dask().delayed
    election_node = delayed(election, pure=True)  # one copy in the graph, shared by every partition
    size = -(-len(ballots) // max(1, partitions))
    parts = [delayed(_verify_part, pure=True)(election_node, ballots[i:i + size], i)
             for i in range(0, len(ballots), size)]
    node = delayed(_combine, pure=True)
    while len(parts) > 1:
        parts = [node(*parts[i:i + split_every]) for i in range(0, len(parts), split_every)]
    total = _compute(parts[0], client)
    total["aggregate_matches"] = _same_aggregate(total["sum"], doc["tally"])
    total["passed"] = total["passed"] and total["aggregate_matches"]
    return total
