# SPDX-License-Identifier: Apache-2.0
"""minga.dask from one worker to two: read partitioned cast vote records, merge, count IRV.

usage: PYTHONPATH=build/<dir>/python build/venv/bin/python bench/dask_scale.py
           [--ballots 2000000] [--partitions 8] [--candidates 8] [--ranks 3] [--repeat 3]
           [--record tests/data/verify_record_vector.json --copies 200]

Writes --partitions ranked CSV files (one row per ballot, columns rank1..rankN,
random truncated orders; a fixed seed) into a temporary folder, then for a
LocalCluster of 1 and of 2 worker processes (one thread each) times
minga.dask.tally(files, "irv"): reading every file on a worker, merging the
partial profiles in a tree, counting on a worker. The cluster is started and
warmed up (minga imported on every worker) before the clock starts. Best of
--repeat runs; also the same work in this one process, for reference.
The result must be the same everywhere; the script checks it.

Verification (when this minga has verifiable elections): the record's ballots,
repeated --copies times, checked by minga.dask.verify_ballots in --partitions
partitions on 1 and on 2 workers (every proof and code of every copy is
checked; the combined sum is then --copies times the record's, so only the
timing is meaningful, and every ballot must pass).

A control comes first: the speed-up two processes get on pure busy work at that
moment. On a shared machine whose second core is busy with other work it is
near 1x, and so is any figure below.
"""
import argparse
import json
import multiprocessing
import os
import tempfile
import time

import numpy as np
from dask.distributed import Client, LocalCluster

import minga
import minga.dask as md


def write_partitions(folder, ballots, partitions, candidates, ranks, seed=2026):
    rng = np.random.default_rng(seed)
    names = np.array([f"cand{i:02d}" for i in range(candidates)] + [""], dtype=object)
    paths = []
    per = ballots // partitions
    for p in range(partitions):
        # A random order per ballot (the first `ranks` of a permutation), truncated at a random length.
        order = np.argsort(rng.random((per, candidates)), axis=1)[:, :ranks]
        length = rng.integers(1, ranks + 1, size=per)
        order[np.arange(ranks)[None, :] >= length[:, None]] = candidates  # "" = skipped rank
        path = os.path.join(folder, f"part-{p:03d}.csv")
        with open(path, "w", encoding="utf-8") as out:
            out.write(",".join(f"rank{i + 1}" for i in range(ranks)) + "\n")
            out.write("\n".join(",".join(row) for row in names[order]))
            out.write("\n")
        paths.append(path)
    return paths


def _busy(_):
    total = 0
    for i in range(10_000_000):
        total += i
    return total


def machine_parallelism():
    """Wall time of two busy loops one after the other over the same two in two processes."""
    start = time.perf_counter()
    _busy(0), _busy(0)
    serial = time.perf_counter() - start
    with multiprocessing.Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_busy, [0, 1])
        parallel = time.perf_counter() - start
    return serial / parallel


def forgotten(client):
    """Waits until the scheduler holds no task: the graphs are pure (same keys every run), so a run
    started before the last one's results are released would reuse them instead of computing."""
    while client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)):
        time.sleep(0.02)


def best_of(repeat, fn, before=lambda: None):
    best, value = float("inf"), None
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def on_cluster(workers, paths, repeat):
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("minga").__version__)  # warm up: import minga on every worker
        return best_of(repeat, lambda: md.tally(paths, "irv", client=client, tie_break="candidate-order"),
                       lambda: forgotten(client))


def verify_on_cluster(workers, record, partitions, repeat):
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("minga").__version__)
        return best_of(repeat, lambda: md.verify_ballots(record, partitions=partitions, client=client),
                       lambda: forgotten(client))


def bench_verification(args):
    with open(args.record, encoding="utf-8") as f:
        record = json.load(f)
    record["ballots"] = record["ballots"] * args.copies
    print(f"verification: {len(record['ballots'])} ballots ({args.copies} copies of {args.record}), "
          f"{args.partitions} partitions")
    one, report_one = verify_on_cluster(1, record, args.partitions, args.repeat)
    print(f"  LocalCluster, 1 worker    {one:7.2f} s   ({len(record['ballots']) / one:.0f} ballots/s)")
    two, report_two = verify_on_cluster(2, record, args.partitions, args.repeat)
    print(f"  LocalCluster, 2 workers   {two:7.2f} s   ({len(record['ballots']) / two:.0f} ballots/s)")
    assert report_one["failures"] == report_two["failures"] == [], "a ballot failed"
    assert report_one["sum"] == report_two["sum"]
    print(f"  speed-up 1 -> 2 workers   {one / two:7.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2_000_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--candidates", type=int, default=8)
    parser.add_argument("--ranks", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", default=os.path.join(os.path.dirname(__file__), "..", "tests", "data",
                                                         "verify_record_vector.json"))
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--only", choices=("tally", "verify"))
    args = parser.parse_args()
    print(f"control: two processes of busy work run {machine_parallelism():.2f}x faster than one after "
          f"the other (about 2x on two free cores); load average {os.getloadavg()[0]:.1f}")
    if args.only != "verify":
        bench_tally(args)
    if args.only != "tally":
        if hasattr(minga, "verify_ballots"):
            bench_verification(args)
        else:
            print("verification: skipped (this minga has no verifiable elections)")


def bench_tally(args):

    with tempfile.TemporaryDirectory(prefix="minga-dask-") as folder:
        paths = write_partitions(folder, args.ballots, args.partitions, args.candidates, args.ranks)
        size = sum(os.path.getsize(p) for p in paths) / 1e6
        print(f"{args.partitions} CSV partitions, {args.ballots:,} ballots, {args.candidates} candidates, "
              f"{size:.0f} MB; os.cpu_count() = {os.cpu_count()}")

        local, expected = best_of(args.repeat, lambda: minga.tally(
            minga.merge([minga.read(p) for p in paths]), "irv", tie_break="candidate-order"))
        print(f"  one process, no Dask      {local:7.2f} s")
        one, result_one = on_cluster(1, paths, args.repeat)
        print(f"  LocalCluster, 1 worker    {one:7.2f} s")
        two, result_two = on_cluster(2, paths, args.repeat)
        print(f"  LocalCluster, 2 workers   {two:7.2f} s")
        assert result_one == result_two == expected, "the counts differ"
        print(f"  speed-up 1 -> 2 workers   {one / two:7.2f}x   (winner {expected.winners}, "
              f"{len(expected.rounds)} rounds, same result in all three)")


if __name__ == "__main__":
    main()
