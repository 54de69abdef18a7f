# SPDX-License-Identifier: Apache-2.0
"""bench/read_formats.py - reads the same election files with minga and with the peer (pabutools, preflibtools) and prints a table.

    python bench/read_formats.py [--data DIR] [--minga-bin PATH] [--minga-repeats 5] [--peer-repeats 3]

Every measurement runs in a fresh subprocess (this script with --worker, or
minga_bench_read), so no side inherits the other's memory or caches. Inside it
the worker imports what it needs, notes its peak resident set (VmHWM) as the
baseline, times the read alone and notes VmHWM again: "peak" is the
difference, i.e. what reading the file cost on top of the interpreter and
the imported modules. Times are the best of N runs; peaks are the largest.

minga runs through its Python module when `import minga` works here, else
through minga_bench_read (pass --minga-bin), the C++ program in bench/.
"""

import argparse
import json
import os
import subprocess
import sys
import time

CASES = [
    # (case name, path under the data folder, peer)
    ("pabulib Lodz 2022", "pabulib/Poland_Lodz_2022.pb", "pabutools"),
    ("pabulib Warszawa 2026", "pabulib/Poland_Warszawa_2026.pb", "pabutools"),
    ("preflib SF 2011 mayor .toi", "elections/sf_2011_mayor/00021-00000011.toi", "preflibtools"),
    ("preflib Meath 2002 .soi", "elections/irish_2002_meath/00001-00000003.soi", "preflibtools"),
]


def peak_resident_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def attribute(obj, *names):
    """The first of obj's attributes that exists (called if it is a method), else None."""
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value() if callable(value) else value
    return None


def worker(kind, path):
    """Runs in a fresh interpreter: reads `path` once and prints one JSON line."""
    profile_bytes = None
    if kind == "pabutools":
        from pabutools.election import parse_pabulib

        def read():
            return parse_pabulib(path)

        def describe(result):
            instance, profile = result
            return {"ballots": len(profile), "alternatives": len(instance)}
    elif kind == "preflibtools":
        from preflibtools.instances import OrdinalInstance

        def read():
            instance = OrdinalInstance()
            instance.parse_file(path)
            return instance

        def describe(instance):
            return {"ballots": instance.num_voters, "alternatives": instance.num_alternatives}
    elif kind == "minga":
        import minga

        reader = getattr(minga, "read", None) or getattr(minga, "read_election")

        def read():
            return reader(path)

        def describe(election):
            nonlocal profile_bytes
            profile = attribute(election, "profile")
            profile_bytes = attribute(profile, "memory_bytes")
            return {
                "ballots": attribute(profile, "num_ballots"),
                "alternatives": attribute(election, "num_alternatives"),
            }
    else:
        raise SystemExit(f"unknown worker kind {kind!r}")
    baseline = peak_resident_kib()
    start = time.perf_counter()
    result = read()
    seconds = time.perf_counter() - start
    peak = peak_resident_kib()
    record = {"seconds": seconds, "baseline_kib": baseline, "peak_kib": peak}
    record.update(describe(result))
    record["profile_bytes"] = profile_bytes
    print(json.dumps(record))


def measure_once(command):
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{run.stderr.strip()}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def measure(command, repeats):
    """Best time and largest peak over `repeats` fresh processes."""
    runs = [measure_once(command) for _ in range(repeats)]
    best = min(runs, key=lambda r: r["seconds"])
    best["peak_delta_kib"] = max(r["peak_kib"] - r["baseline_kib"] for r in runs)
    best["repeats"] = repeats
    return best


def minga_command(args, path):
    if args.minga_bin:
        return [args.minga_bin, path]
    return [sys.executable, os.path.abspath(__file__), "--worker", "minga", path]


def python_minga_available():
    probe = subprocess.run([sys.executable, "-c", "import minga; minga.read"], capture_output=True)
    return probe.returncode == 0


def mib(kib):
    return f"{kib / 1024:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("MINGA_SHARED_DATA",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")))
    parser.add_argument("--minga-bin", help="minga_bench_read program (default: the minga Python module)")
    parser.add_argument("--minga-repeats", type=int, default=5)
    parser.add_argument("--peer-repeats", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0

    if not args.minga_bin and not python_minga_available():
        raise SystemExit("read_formats.py: `import minga` fails here; pass --minga-bin build/bench-release/minga_bench_read")
    via = f"C++ ({os.path.basename(args.minga_bin)})" if args.minga_bin else "Python module"
    print(f"minga via {via}, best of {args.minga_repeats}; peers best of {args.peer_repeats}; "
          f"each run in a fresh process; peak = VmHWM after the read minus VmHWM before it")
    header = (f"{'case':<28} {'file MiB':>8} {'ballots':>8} {'minga s':>9} {'peer s':>9} {'peer/minga':>10} "
              f"{'minga peak MiB':>14} {'peer peak MiB':>13} {'profile MiB':>11}  peer")
    print(header)
    print("-" * len(header))
    failures = 0
    for name, relative, peer in CASES:
        path = os.path.join(args.data, relative)
        if not os.path.exists(path):
            print(f"SKIPPED: {name}: {path} is absent")
            continue
        size_kib = os.path.getsize(path) / 1024
        try:
            ours = measure(minga_command(args, path), args.minga_repeats)
            theirs = measure([sys.executable, os.path.abspath(__file__), "--worker", peer, path], args.peer_repeats)
        except RuntimeError as error:
            print(f"FAILED: {name}: {error}")
            failures += 1
            continue
        ratio = theirs["seconds"] / ours["seconds"] if ours["seconds"] > 0 else float("inf")
        profile = mib(ours["profile_bytes"] / 1024) if ours.get("profile_bytes") is not None else "n/a"
        print(f"{name:<28} {mib(size_kib):>8} {ours['ballots']:>8} {ours['seconds']:>9.3f} {theirs['seconds']:>9.3f} "
              f"{ratio:>9.1f}x {mib(ours['peak_delta_kib']):>14} {mib(theirs['peak_delta_kib']):>13} {profile:>11}  {peer}")
        if ours["ballots"] != theirs["ballots"]:
            print(f"  note: ballot counts differ (minga {ours['ballots']}, {peer} {theirs['ballots']})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
