#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""bench/quadratic_funding.py - an independent plain-Python reference of minga's quadratic funding, timed against it.

No quadratic funding package exists on PyPI to compare with (Gitcoin's and clr.fund's
implementations are TypeScript/Solidity), so this is a REFERENCE IMPLEMENTATION written
here from the formulas in docs/quadratic.md, using only the standard library:
math.isqrt for the rounded square roots and fractions.Fraction for every ratio. It reads
the round that minga_bench_qf wrote (CSV), computes the same outputs, checks that every
match equals minga's to the smallest unit, and prints both wall times and the ratio.

  quadratic_funding.py ROUND.csv MINGA_RESULT.json --pool P --cap FRACTION [--m M --variant pairwise]
"""
import argparse
import csv
import json
import math
import sys
import time
from collections import defaultdict
from fractions import Fraction


def read_round(path):
    """The contributions as (donor, project, amount) tuples."""
    with open(path, newline="") as f:
        return [(row["donor"], row["project"], int(row["amount"])) for row in csv.DictReader(f)]


def aggregate(contributions):
    """project -> donor -> summed amount (c_ip), in first-seen project order."""
    per_project = {}
    for donor, project, amount in contributions:
        donors = per_project.get(project)
        if donors is None:
            donors = per_project[project] = defaultdict(int)
        donors[donor] += amount
    return per_project


def clr_subsidies(per_project):
    """s_p = (sum r)^2 - sum r^2 with r = isqrt(c_ip)."""
    out = {}
    for project, donors in per_project.items():
        roots = [math.isqrt(c) for c in donors.values()]
        total = sum(roots)
        out[project] = total * total - sum(r * r for r in roots)
    return out


def pairwise_subsidies(per_project, m):
    """s_p = sum over donor pairs i < j of floor(2 r_ip r_jp M / (M + sum_q r_iq r_jq))."""
    roots = {p: {d: math.isqrt(c) for d, c in donors.items()} for p, donors in per_project.items()}
    by_donor = defaultdict(dict)
    for p, donors in roots.items():
        for d, r in donors.items():
            by_donor[d][p] = r
    overlap = {}

    def p_ij(i, j):
        key = (i, j) if i < j else (j, i)
        if key not in overlap:
            a, b = by_donor[i], by_donor[j]
            if len(a) > len(b):
                a, b = b, a
            overlap[key] = sum(r * b[q] for q, r in a.items() if q in b)
        return overlap[key]

    out = {}
    for p, donors in roots.items():
        items = list(donors.items())
        s = 0
        for x in range(len(items)):
            i, ri = items[x]
            for y in range(x + 1, len(items)):
                j, rj = items[y]
                s += (2 * ri * rj * m) // (m + p_ij(i, j))
        out[p] = s
    return out


def fit_saturate(subsidies, pool):
    total = sum(subsidies.values())
    if total > pool:
        return {p: math.floor(Fraction(s * pool, total)) for p, s in subsidies.items()}
    return dict(subsidies)


def apply_cap(matches, cap):
    """Clip to the cap, share the overflow among the projects not clipped in proportion to their match, repeat."""
    capped = set()
    while True:
        overflow = 0
        for p, m in matches.items():
            if m > cap:
                overflow += m - cap
                matches[p] = cap
                capped.add(p)
        if overflow == 0:
            return matches
        uncapped = sum(m for p, m in matches.items() if p not in capped)
        if uncapped == 0:
            return matches
        for p, m in matches.items():
            if p not in capped and m > 0:
                matches[p] = m + math.floor(Fraction(overflow * m, uncapped))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("round_csv")
    ap.add_argument("minga_json")
    ap.add_argument("--pool", type=int, required=True)
    ap.add_argument("--cap", type=Fraction)
    ap.add_argument("--variant", default="clr", choices=("clr", "pairwise"))
    ap.add_argument("--m", type=int)
    ap.add_argument("--minga-seconds", type=float, help="minga's time for the same computation (printed by minga_bench_qf)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    contributions = read_round(args.round_csv)
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    per_project = aggregate(contributions)
    subsidies = clr_subsidies(per_project) if args.variant == "clr" else pairwise_subsidies(per_project, args.m)
    matches = fit_saturate(subsidies, args.pool)
    if args.cap is not None:
        matches = apply_cap(matches, math.floor(args.cap * args.pool))
    compute = time.perf_counter() - t1

    with open(args.minga_json) as f:
        minga_matches = {p: int(v) for p, v in json.load(f)["matches"].items()}
    differing = [p for p in per_project if matches[p] != minga_matches.get(p)]
    label = f"{args.variant}" + (f" (M={args.m})" if args.variant == "pairwise" else "") + (f" + cap {args.cap}" if args.cap else "")
    print(f"python reference (fractions, stdlib only) {label}: {compute:.3f} s (+ {load:.3f} s reading the CSV)")
    if args.minga_seconds:
        print(f"  minga {args.minga_seconds:.3f} s -> minga is {compute / args.minga_seconds:.1f}x faster")
    if differing:
        print(f"  MISMATCH: {len(differing)} projects differ, e.g. {differing[0]}: python {matches[differing[0]]}, minga {minga_matches.get(differing[0])}")
        return 1
    print(f"  all {len(matches)} matches identical to minga's, to the smallest unit (total {sum(matches.values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
