# SPDX-License-Identifier: Apache-2.0
"""bench/budget_rules.py - the same budgeting rule on the same file through minga and pabutools, in one run.

    python bench/budget_rules.py --minga-bin build/bench-release/minga_bench_budget [--data DIR]
                                 [--only CASE] [--peer-timeout SECONDS]

For each case the minga side is minga_bench_budget (instance built as pabutools
builds it: no META threshold, ties by id; best of 3) and the peer side is
pabutools in exact mode (gmpy2 rationals, its default) on a MultiProfile (its
fastest representation), in a fresh subprocess. Both time the rule call
alone on a prepared profile; minga's instance building (distinct ballots and
satisfaction, the counterpart of the peer's parse + as_multiprofile, which is
not timed) is shown in its own column. Outcomes are compared: the same selected
set (greedy, MES, Phragmén, maximin support) or the same optimal welfare (knapsack). A peer run
longer than --peer-timeout is stopped and reported as a lower bound.
"""

import argparse
import json
import os
import subprocess
import sys
import time

CASES = [
    # name, file under pabulib/, rule, extra minga flags
    ("MES Wieliczka 2023", "Poland_Wieliczka_2023_Green_Budget.pb", "mes", []),
    ("MES Lodz 2022", "Poland_Lodz_2022.pb", "mes", []),
    ("MES Warszawa 2026", "Poland_Warszawa_2026.pb", "mes", []),
    ("MES Add1 Wieliczka 2023", "Poland_Wieliczka_2023_Green_Budget.pb", "mes", ["--add1"]),
    ("MES Add1 Lodz 2022", "Poland_Lodz_2022.pb", "mes", ["--add1"]),
    ("knapsack Lodz 2022", "Poland_Lodz_2022.pb", "max-welfare", []),
    ("greedy Lodz 2022", "Poland_Lodz_2022.pb", "greedy", []),
    ("Phragmen Wieliczka 2023", "Poland_Wieliczka_2023_Green_Budget.pb", "phragmen", []),
    ("maximin support Czestochowa 2024", "Poland_Czestochowa_2024_Stare_Miasto.pb", "maximin-support", []),
    ("maximin support Krakow 2024", "Poland_Krakow_2024_Stare_Miasto.pb", "maximin-support", []),
]


def peer_worker(path, rule, add1):
    """Runs pabutools on one file; prints seconds and the outcome as JSON."""
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools import rules

    instance, profile = parse_pabulib(path)
    multi = profile.as_multiprofile()
    start = time.perf_counter()
    if rule == "mes":
        kwargs = {"voter_budget_increment": 1} if add1 else {}
        outcome = rules.method_of_equal_shares(instance, multi, sat_class=Cost_Sat, **kwargs)
    elif rule == "greedy":
        outcome = rules.greedy_utilitarian_welfare(instance, multi, sat_class=Cost_Sat)
    elif rule == "max-welfare":
        outcome = rules.max_additive_utilitarian_welfare(instance, multi, sat_class=Cost_Sat)
    elif rule == "phragmen":
        outcome = rules.sequential_phragmen(instance, multi)
    elif rule == "maximin-support":  # pabutools refuses multiprofiles here: one LP variable per voter
        outcome = rules.maximin_support(instance, profile)
    seconds = time.perf_counter() - start
    votes = {p.name: 0 for p in instance}
    for ballot in multi:
        for p in ballot:
            votes[p.name] += multi.multiplicity(ballot)
    welfare = sum(votes[p.name] * p.cost for p in outcome)
    print(json.dumps({"seconds": seconds, "selected": sorted(p.name for p in outcome),
                      "welfare": str(welfare), "cost": str(sum(p.cost for p in outcome))}))


def minga_welfare(path, selected):
    """Welfare (votes x cost) of a set, counted here from the file, for the knapsack comparison."""
    from pabutools.election import parse_pabulib
    instance, profile = parse_pabulib(path)
    chosen = set(selected)
    total = 0
    for ballot in profile:
        for p in ballot:
            if p.name in chosen:
                total += p.cost
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("MINGA_SHARED_DATA",
                                                         os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")))
    parser.add_argument("--minga-bin", required="--worker" not in sys.argv)
    parser.add_argument("--only", default=None, help="run only cases whose name contains this text")
    parser.add_argument("--peer-timeout", type=float, default=900)
    parser.add_argument("--worker", nargs=3, metavar=("PATH", "RULE", "ADD1"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        peer_worker(args.worker[0], args.worker[1], args.worker[2] == "1")
        return

    print(f"{'case':26} {'minga s':>9} {'(instance)':>10} {'pabutools s':>12} {'ratio':>8}  outcome")
    for name, file, rule, flags in CASES:
        if args.only and args.only not in name:
            continue
        path = os.path.join(args.data, "pabulib", file)
        if not os.path.exists(path):
            print(f"{name:26} SKIPPED: {path} is absent")
            continue
        ours = json.loads(subprocess.run([args.minga_bin, path, rule, *flags], check=True,
                                         capture_output=True, text=True).stdout)
        try:
            run = subprocess.run([sys.executable, __file__, "--worker", path, rule, "1" if "--add1" in flags else "0"],
                                 check=True, capture_output=True, text=True, timeout=args.peer_timeout)
            peer = json.loads(run.stdout)
        except subprocess.TimeoutExpired:
            print(f"{name:26} {ours['seconds']:9.3f} {ours['instance_seconds']:10.3f} {'>' + str(int(args.peer_timeout)):>12} "
                  f"{'>' + format(args.peer_timeout / ours['seconds'], '.0f'):>8}  (peer stopped)")
            continue
        if rule == "max-welfare":
            same = str(minga_welfare(path, ours["selected"])) == peer["welfare"]
            verdict = f"same optimal welfare {peer['welfare']}" if same else f"DIFFERENT welfare (peer {peer['welfare']})"
        else:
            same = sorted(ours["selected"]) == peer["selected"]
            verdict = f"same {len(peer['selected'])} projects" if same else \
                f"DIFFERENT: minga {sorted(ours['selected'])} peer {peer['selected']}"
        ratio = peer["seconds"] / ours["seconds"] if ours["seconds"] > 0 else float("inf")
        print(f"{name:26} {ours['seconds']:9.3f} {ours['instance_seconds']:10.3f} {peer['seconds']:12.3f} {ratio:8.1f}  {verdict}",
              flush=True)


if __name__ == "__main__":
    main()
