# SPDX-License-Identifier: Apache-2.0
"""Side-by-side timings: minga (the `minga tally --time` command), pref_voting and VoteKit, same inputs, one run.

usage: python bench/ranked_bench.py --minga build/<dir>/apps/minga/minga [--data ../shared/data] [--repeat 5]

  1. IRV on San Francisco 2011 mayor (PrefLib 00021, 194,530 ballots, 25 candidates):
     minga with reading excluded (count only) and included (read + count, in-process),
     pref_voting's instant_runoff_for_truncated_linear_orders on the ProfileWithTies
     read by pref_voting's own PrefLib reader, overvotes truncated (count only), and
     VoteKit's IRV on the same truncated ballots as a RankProfile (count only).
  2. Schulze and Ranked Pairs on 100,000 impartial-culture ballots over 30 candidates:
     minga (count includes building the pairwise matrix from the ballots) vs
     pref_voting's beat_path and ranked_pairs_zt, on a Profile's precomputed margins and
     with the Profile built from the same ballots (what minga's count does).
  3. Scottish STV over the 21 Glasgow 2007 wards (.blt): minga's scottish-stv (SSI 2007/42)
     vs VoteKit's STV and FastSTV (Droop quota, fractional transfers: the nearest VoteKit has;
     VoteKit does not truncate to 5 decimals), on RankProfiles from minga.to_votekit
     (count only; VoteKit's STV once per ward, it is slow).
  4. Irish PR-STV over the three 2002 e-voting pilot constituencies (PrefLib 00001: Dublin
     North, Dublin West, Meath): minga's irish-stv, papers in input order and mixed by a seed
     (no peer counts the Dail rules; minga only).
Best of --repeat runs; minga's process start-up is not counted (the times come
from inside the process). Sections 1 and 3 need the minga Python module
(PYTHONPATH=<build>/python) for the VoteKit conversion.
"""
import argparse
import re
import subprocess
import tempfile
import time
from pathlib import Path

import minga
from pref_voting import voting_methods as vm
from votekit import RankBallot, RankProfile
from votekit.elections import IRV, STV, FastSTV
from pref_voting.generate_profiles import generate_profile
from pref_voting.io.readers import preflib_to_profile
from pref_voting.profiles import Profile


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
    vk_profile = votekit_profile(profile)
    vk, vk_result = best_of(max(1, args.repeat // 2), lambda: IRV(vk_profile))
    faster = min(peer, vk)
    print(f"IRV SF 2011: minga count {count * 1e3:.2f} ms, read+count {total * 1e3:.2f} ms; "
          f"pref_voting {peer * 1e3:.1f} ms (winners {winners}); VoteKit {vk * 1e3:.1f} ms "
          f"(winners {sorted(c for s in vk_result.get_elected() for c in s)}); "
          f"ratio to the faster peer {faster / count:.0f}x (count), {faster / total:.0f}x (read+count)")

    glasgow(args)
    irish(args)

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
        rankings = [tuple(int(c) for c in r) for r in prof.rankings]
        for method, peer_fn in (("schulze", vm.beat_path), ("ranked-pairs", vm.ranked_pairs_zt)):
            count, total = minga_times(args.minga, path, method, args.repeat)
            peer, winners = best_of(max(1, args.repeat // 2), lambda: peer_fn(prof))
            # Like for like with minga's count: pref_voting's Profile builds the margins from the ballots.
            built, _ = best_of(max(1, args.repeat // 2), lambda: peer_fn(Profile(rankings)))
            print(f"{method} 100k x 30: minga count {count * 1e3:.1f} ms, read+count {total * 1e3:.1f} ms; "
                  f"pref_voting {peer * 1e3:.0f} ms on its Profile's precomputed margins, {built * 1e3:.0f} ms "
                  f"from the ballots (winners {winners}); ratio {peer / count:.1f}x (margins given), "
                  f"{built / count:.1f}x (count from ballots), {built / total:.1f}x (read+count)")


def votekit_profile(profile):
    """A VoteKit RankProfile of a pref_voting ProfileWithTies without ties (one candidate per rank)."""
    rankings, counts = profile.rankings_counts
    ballots = [RankBallot(ranking=tuple(frozenset({str(c)}) for c in sorted(r.rmap, key=r.rmap.get)), weight=n)
               for r, n in zip(rankings, counts) if r.rmap]
    return RankProfile(ballots=ballots, candidates=[str(c) for c in profile.candidates])


def glasgow(args):
    wards = sorted((Path(args.data) / "elections" / "glasgow_2007").glob("*.blt"))
    if not wards:
        print("Glasgow 2007: SKIPPED (no .blt files under --data)")
        return
    minga_count = minga_total = stv = fast = 0.0
    agree = 0
    for ward in wards:
        count, total = minga_times(args.minga, ward, "scottish-stv", args.repeat)
        minga_count, minga_total = minga_count + count, minga_total + total
        election = minga.read(ward)
        ours = set(minga.tally(election, "scottish-stv").winners)
        profile = minga.to_votekit(election)
        seconds, result = best_of(1, lambda: STV(profile, n_seats=election.seats))
        stv += seconds
        seconds, result_fast = best_of(args.repeat, lambda: FastSTV(profile, n_seats=election.seats))
        fast += seconds
        theirs = {c for s in result.get_elected() for c in s}
        agree += ours == theirs == {c for s in result_fast.get_elected() for c in s}
    faster = min(stv, fast)
    print(f"Scottish STV, {len(wards)} Glasgow 2007 wards: minga count {minga_count * 1e3:.1f} ms, "
          f"read+count {minga_total * 1e3:.1f} ms; VoteKit STV {stv * 1e3:.0f} ms, FastSTV {fast * 1e3:.0f} ms; "
          f"same winners in {agree} of {len(wards)} wards; ratio to the faster peer {faster / minga_count:.0f}x "
          f"(count), {faster / minga_total:.0f}x (read+count)")


def irish(args):
    cases = (("irish_2002_dublin_north", "00001-00000001.soi", 4), ("irish_2002_dublin_west", "00001-00000002.soi", 3),
             ("irish_2002_meath", "00001-00000003.soi", 5))
    for folder, name, seats in cases:
        path = Path(args.data) / "elections" / folder / name
        if not path.exists():
            print(f"Irish STV {folder}: SKIPPED (absent under --data)")
            continue
        plain = minga_times(args.minga, path, "irish-stv", args.repeat, "--seats", str(seats))
        seeded = minga_times(args.minga, path, "irish-stv", args.repeat, "--seats", str(seats), "--paper-seed", "2002")
        print(f"Irish STV {folder} ({seats} seats): minga count {plain[0] * 1e3:.1f} ms, read+count "
              f"{plain[1] * 1e3:.1f} ms (input order); count {seeded[0] * 1e3:.1f} ms (seeded mixing)")


if __name__ == "__main__":
    main()
