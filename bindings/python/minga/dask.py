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

Dask (``pip install "dask[distributed]"``) is imported only by this module:
``import minga`` does not need it.
"""

from __future__ import annotations

import glob
import os
from typing import Any, Iterable, List, Optional, Sequence, Union

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
