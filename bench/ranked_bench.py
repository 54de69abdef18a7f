# SPDX-License-Identifier: Apache-2.0
"""Side-by-side timings: minga (the `minga tally --time` command) and pref_voting, same inputs, one run.

usage: python bench/ranked_bench.py --minga build/<dir>/apps/minga/minga [--data ../shared/data] [--repeat 5]

  1. IRV on San Francisco 2011 mayor (PrefLib 00021, 194,530 ballots, 25 candidates):
     minga with reading excluded (count only) and included (read + count, in-process),
     pref_voting's instant_runoff_for_truncated_linear_orders on the ProfileWithTies
     read by pref_voting's own PrefLib reader, overvotes truncated (count only).
  2. Schulze and Ranked Pairs on 100,000 impartial-culture ballots over 30 candidates:
     minga (count includes building the pairwise matrix from the ballots) vs
     pref_voting's beat_path and ranked_pairs_zt (from the Profile object).
Best of --repeat runs; minga's process start-up is not counted (the times come
from inside the process).
"""
import argparse
import re
import subprocess
import tempfile
import time
from pathlib import Path

from pref_voting import voting_methods as vm
from pref_voting.generate_profiles import generate_profile
from pref_voting.io.readers import preflib_to_profile


def minga_times(minga, path, method, repeat, *extra):
    best_count, best_total = float("inf"), float("inf")
    for _ in range(repeat):
        err = subprocess.run([minga, "tally", str(path), "--method", method, "--time", *extra], check=True,
                             capture_output=True, text=True).stderr
        read, count = map(float, re.search(r"read ([\d.]+) ms, count ([\d.]+) ms", err).groups())
        best_count, best_total = min(best_count, count), min(best_total, read + count)
    return best_count / 1000, best_total / 1000


def best_of(repeat, fn):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minga", required=True)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sf = Path(args.data) / "elections" / "sf_2011_mayor" / "00021-00000011.toi"
    count, total = minga_times(args.minga, sf, "irv", args.repeat, "--batch", "--tie-break", "random", "--seed", "b")
    # pref_voting refuses overvotes in IRV: truncate them at the overvote, which is
    # what minga's default overvote rule (exhaust_immediately) does too.
    profile = preflib_to_profile(str(sf), as_linear_profile=False).truncate_overvotes()
    if isinstance(profile, tuple):
        profile = profile[0]
    peer, winners = best_of(args.repeat, lambda: vm.instant_runoff_for_truncated_linear_orders(profile))
    print(f"IRV SF 2011: minga count {count * 1e3:.2f} ms, read+count {total * 1e3:.2f} ms; "
          f"pref_voting {peer * 1e3:.1f} ms (winners {winners}); ratio {peer / count:.0f}x (count), "
          f"{peer / total:.0f}x (read+count)")

    with tempfile.TemporaryDirectory() as tmp:
        prof = generate_profile(30, 100000, probmodel="IC", seed=7)
        path = Path(tmp) / "ic.soc"
        rows = {}
        for r in prof.rankings:
            key = ",".join(str(int(c) + 1) for c in r)
            rows[key] = rows.get(key, 0) + 1
        lines = ["# DATA TYPE: soc", "# NUMBER ALTERNATIVES: 30", "# NUMBER VOTERS: 100000",
                 f"# NUMBER UNIQUE ORDERS: {len(rows)}"]
        lines += [f"# ALTERNATIVE NAME {c + 1}: c{c}" for c in range(30)]
        lines += [f"{k}: {order}" for order, k in rows.items()]
        path.write_text("\n".join(lines) + "\n")
        for method, peer_fn in (("schulze", vm.beat_path), ("ranked-pairs", vm.ranked_pairs_zt)):
            count, total = minga_times(args.minga, path, method, args.repeat)
            peer, winners = best_of(max(1, args.repeat // 2), lambda: peer_fn(prof))
            print(f"{method} 100k x 30: minga count {count * 1e3:.1f} ms, read+count {total * 1e3:.1f} ms; "
                  f"pref_voting {peer * 1e3:.0f} ms (winners {winners}); ratio {peer / count:.0f}x (count), "
                  f"{peer / total:.0f}x (read+count)")


if __name__ == "__main__":
    main()
