# SPDX-License-Identifier: Apache-2.0
"""Count a ranked-choice election with minga from Python, compare with the peers, then on a Dask cluster.

    python examples/python/ranked_tally.py

1. builds a small city council election (five candidates, ballots from two
   precincts and two channels), counts it by IRV round by round, by Schulze,
   and by Scottish STV for two seats;
2. hands the same profile to pref_voting and VoteKit when they are installed;
3. writes each precinct to its own file and lets minga.dask read, merge and
   count them on a LocalCluster of two worker processes (when Dask is installed).
"""
import importlib.util
import tempfile
from pathlib import Path

import minga

CANDIDATES = ["Ana", "Bruno", "Carla", "Diego", "Elena"]


def precinct(ballots, channel, district):
    e = minga.Election("ranked", CANDIDATES, title="Council 2026", seats=2)
    rows, counts = zip(*ballots)
    e.add_rankings(list(rows), counts=list(counts), channels=channel, districts=district)
    return e


def main():
    north = precinct([(["Ana", "Bruno", "Carla"], 120), (["Bruno", "Ana"], 95), (["Carla", "Elena", "Diego"], 60),
                      (["Diego", "Carla"], 40), (["Elena", "Carla", "Ana"], 35)], "paper", "north")
    south = precinct([(["Bruno", "Carla"], 110), (["Ana", "Elena"], 70), (["Carla", "Bruno", "Ana"], 80),
                      (["Diego", "Elena", "Bruno"], 30), (["Elena", "Ana"], 45)], "online", "south")
    city = north + south  # partial profiles merge exactly
    print(city)

    irv = minga.tally(city, "irv")
    print(f"\nIRV winner: {irv.winner}")
    for rd in irv.rounds:
        votes = ", ".join(f"{c} {v}" for c, v in rd.tally.items())
        decided = "; ".join(f"{a.kind} {a.candidate}" for a in rd.actions)
        print(f"  round {rd.number}: {votes}  -> {decided}")
    print("Schulze winner:", minga.tally(city, "schulze").winner)
    stv = minga.tally(city, "stv", rules="scottish")  # seats from the election (2)
    print("Scottish STV, 2 seats:", ", ".join(stv.winners))
    print("as JSON (first 120 characters):", stv.to_json(indent=None)[:120], "...")

    if importlib.util.find_spec("pandas"):
        print(irv.to_pandas().head(6).to_string(index=False))

    if importlib.util.find_spec("pref_voting"):
        from pref_voting.voting_methods import instant_runoff

        profile = minga.to_pref_voting(city)  # a ProfileWithTies (ballots are truncated)
        print("pref_voting IRV:", [profile.cmap[c] for c in instant_runoff(profile)])
        print("minga on the pref_voting profile:", minga.tally(profile, "irv").winner)
    if importlib.util.find_spec("votekit"):
        from votekit.elections import IRV

        print("VoteKit IRV:", [c for s in IRV(minga.to_votekit(city)).get_elected() for c in s])

    if importlib.util.find_spec("distributed"):
        from dask.distributed import Client, LocalCluster

        from minga import dask as minga_dask

        with tempfile.TemporaryDirectory() as folder:
            for name, part in (("north", north), ("south", south)):
                minga.write(part, Path(folder) / f"{name}.json")
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                              silence_logs=40) as cluster, Client(cluster) as client:
                parts = minga_dask.read_partitions(str(Path(folder) / "*.json"))
                on_cluster = minga_dask.tally(parts, "irv", client=client)
        print("IRV on a 2-worker Dask cluster:", on_cluster.winner, "(same result:", on_cluster == irv, ")")


if __name__ == "__main__":  # Dask starts worker processes that import this file
    main()
