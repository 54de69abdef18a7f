# SPDX-License-Identifier: Apache-2.0
"""Differential test of minga's ranked methods against pref_voting on random profiles.

usage: python bench/ranked_crosscheck.py --minga build/<dir>/apps/minga/minga [--profiles N] [--seed S]

Generates random profiles with pref_voting's generators (impartial culture, urn,
Mallows; 3-7 candidates, 3-60 voters, so that ties and cycles are frequent),
writes each as a PrefLib file, counts every file with `minga tally --json`
(tie-break "stop", so minga reports co-winners as a tie instead of choosing),
and compares winner sets with pref_voting:

  complete strict ballots (.soc): Condorcet winner, Smith set, Schulze (beat_path),
    Ranked Pairs (profiles with at most 4 candidates), Minimax, Copeland, Borda, plurality, IRV
  truncated ballots (.soi, extended strict preference: unranked below ranked):
    Condorcet winner, Smith set, Schulze, Minimax, Copeland

Documented differences, checked as such:
  - Ranked Pairs: pref_voting's ranked_pairs returns every candidate that wins
    under some order of equal-margin pairs; minga takes equal margins in a fixed
    order (minga's winners: the unbeaten candidates of that locked graph), so
    minga's winners must be among pref_voting's.
  - IRV: pref_voting removes every candidate tied for last at once; minga removes
    one and settles the tie by policy. Profiles where minga met a tie at the
    bottom are counted as "not comparable", not as agreements.
Exit status 1 when any comparison disagrees.
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pref_voting import voting_methods as vm
from pref_voting.generate_profiles import generate_profile
from pref_voting.profiles_with_ties import ProfileWithTies


def write_preflib(path, n, ballots, kind):
    counts = Counter(tuple(b) for b in ballots)
    lines = [f"# FILE NAME: {path.name}", f"# DATA TYPE: {kind}", f"# NUMBER ALTERNATIVES: {n}",
             f"# NUMBER VOTERS: {len(ballots)}", f"# NUMBER UNIQUE ORDERS: {len(counts)}"]
    lines += [f"# ALTERNATIVE NAME {c + 1}: c{c}" for c in range(n)]
    lines += [f"{k}: " + ",".join(str(c + 1) for c in order) for order, k in counts.items()]
    path.write_text("\n".join(lines) + "\n")


def minga_sets(minga, files, method):
    out = subprocess.run([minga, "tally", *map(str, files), "--method", method, "--json"], check=True,
                         capture_output=True, text=True).stdout
    results = json.loads(out)
    if isinstance(results, dict):
        results = [results]
    sets = []
    for r in results:
        names = r["winners"] if r["complete"] else r["unresolved_tie"]["tied"]
        sets.append(({int(x[1:]) for x in names}, r))
    return sets


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minga", required=True)
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = Counter()
    seconds = Counter()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        strict, truncated = [], []
        for i in range(args.profiles):
            n, v = rng.randint(3, 7), rng.randint(3, 60)
            model = rng.choice(["IC", "URN", "MALLOWS"])
            kwargs = {"alpha": 1} if model == "URN" else {"phi": 0.7} if model == "MALLOWS" else {}
            prof = generate_profile(n, v, probmodel=model, seed=rng.randrange(2**31), **kwargs)
            ballots = [[int(c) for c in r] for r in prof.rankings]
            path = tmp / f"s{i}.soc"
            write_preflib(path, n, ballots, "soc")
            strict.append((path, prof))
            cut = [b[: rng.randint(1, n)] for b in ballots]
            tpath = tmp / f"t{i}.soi"
            write_preflib(tpath, n, cut, "soi")
            tprof = ProfileWithTies([{c: k + 1 for k, c in enumerate(b)} for b in cut], candidates=list(range(n)))
            tprof.use_extended_strict_preference()
            truncated.append((tpath, tprof))

        def check(label, profiles, method, reference, relation="equal"):
            start = time.perf_counter()
            got = minga_sets(args.minga, [p for p, _ in profiles], method)
            seconds[(label, "minga")] += time.perf_counter() - start
            start = time.perf_counter()
            for (path, prof), (ours, result) in zip(profiles, got):
                if method == "irv" and result["ties"] + ([result["unresolved_tie"]] if "unresolved_tie" in result else []):
                    tally[(label, "not comparable")] += 1
                    continue
                theirs = reference(prof)
                ok = ours == theirs if relation == "equal" else bool(ours) and ours <= theirs
                tally[(label, "agree" if ok else "DISAGREE")] += 1
                if not ok:
                    failures.append(f"{label} {path.name}: minga {sorted(ours)} pref_voting {sorted(theirs)}")
            seconds[(label, "pref_voting")] += time.perf_counter() - start
            print(f"{label}: agree {tally[(label, 'agree')]}, DISAGREE {tally[(label, 'DISAGREE')]}, "
                  f"not comparable {tally[(label, 'not comparable')]}; minga {seconds[(label, 'minga')]:.2f} s, "
                  f"pref_voting {seconds[(label, 'pref_voting')]:.2f} s", file=sys.stderr, flush=True)

        cw = lambda p: {p.condorcet_winner()} if p.condorcet_winner() is not None else set()
        for label, profiles in (("strict", strict), ("truncated", truncated)):
            check(f"{label} condorcet", profiles, "condorcet", cw)
            check(f"{label} smith", profiles, "smith", lambda p: set(vm.smith_set(p)))
            check(f"{label} schulze", profiles, "schulze", lambda p: set(vm.beat_path(p)))
            check(f"{label} minimax", profiles, "minimax", lambda p: set(vm.minimax(p)))
            check(f"{label} copeland", profiles, "copeland", lambda p: set(vm.copeland(p)))
        # pref_voting's set-valued Ranked Pairs tries every order of equal margins (exponential): n <= 4 only.
        small = [(path, prof) for path, prof in strict if len(prof.candidates) <= 4]
        check("strict ranked-pairs", small, "ranked-pairs", lambda p: set(vm.ranked_pairs(p)), relation="member")
        check("strict borda", strict, "borda", lambda p: set(vm.borda(p)))
        check("strict plurality", strict, "plurality", lambda p: set(vm.plurality(p)))
        check("strict irv", strict, "irv", lambda p: set(vm.instant_runoff(p)))
    for key in sorted(tally):
        print(f"{key[0]:28s} {key[1]:15s} {tally[key]}")
    for f in failures[:20]:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
