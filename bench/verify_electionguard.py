# SPDX-License-Identifier: Apache-2.0
"""bench/verify_electionguard.py - one ballot encrypted + proved and verified, by minga and by electionguard, in one run.

    build/bench-eg-venv/bin/python bench/verify_electionguard.py --minga-bin build/bench-eg/minga_bench_ballot
        [--ballots 50] [--minga-ballots 500] [--selections 20] [--minga-selections 2000]

Installs nothing: run it from a venv where electionguard is installed (bench/README.md
gives the commands; bench/requirements-electionguard.txt pins the version).

The same manifest on both sides: 10 options in 3 contests, every option 0/1 (a
plurality contest of 4 options, limit 1; an approval contest of 3, limit 2; a
plurality contest of 3, limit 1). The key comes from a key ceremony of 1 guardian
on both sides (the per-ballot work does not depend on the number of guardians).
Both sides encrypt the same choices (ballot i as bench/verify_ballot.cpp builds it).

Measured per ballot, on one thread:
  encrypt  minga: EncryptionDevice::encrypt (10 range proofs 0..1, 3 limit proofs 0..L,
           the chained confirmation code); electionguard: EncryptionMediator.encrypt
           (10 selections plus one placeholder selection per vote a contest allows, each
           with a disjunctive 0/1 proof; a constant Chaum-Pedersen proof per contest that
           the selections and placeholders add up to L; the chained ballot code)
  verify   minga: verify_ballots(context, ballots, 0, 1) (every proof and the code
           recomputed); electionguard: CiphertextBallot.is_valid_encryption (every
           selection's and contest's proof and the ballot's crypto hash recomputed)
and one 0/1 selection: minga's encrypt + range proof and its verification;
electionguard's encrypt_selection and CiphertextBallotSelection.is_valid_encryption.
Last, the group operation each side's proofs are made of: a ristretto255 variable-base
scalar multiplication (minga) and electionguard's pow_p, a 4096-bit modular
exponentiation by a 256-bit exponent (gmpy2.powmod).

electionguard 1.4.0 computes every log message eagerly (it formats the caller's file
and line from inspect.stack(), even when no handler prints it), which costs more than
some of its arithmetic. The run times it both ways: "as shipped" (stream handler at
WARNING so its INFO lines are not printed) and "logging off" (electionguard.logs.LOG's
methods replaced by no-ops: the cryptography alone). The ratios use "logging off",
the peer's faster variant.

Times are CPU time of the process (time.process_time; minga: of its thread) and wall
time; the load average is printed before and after, since the machine may be shared.
"""

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from datetime import datetime, timezone


def loadavg():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def choices(i):
    """Ballot i's choices, [mayor(4), council(3), measure(3)] as 0/1 lists (bench/verify_ballot.cpp bench_choices)."""
    mayor = [0] * 4
    council = [0] * 3
    measure = [0] * 3
    mayor[i % 4] = 1
    if i % 5 != 4:
        council[i % 3] = 1
    if i % 2 == 0:
        council[(i + 1) % 3] = 1
    measure[i % 3] = 1
    return [mayor, council, measure]


CONTESTS = [  # id, vote variation, limit, option ids (the order is the sequence order)
    ("mayor", "plurality", 1, ["ana", "bo", "cy", "di"]),
    ("council", "approval", 2, ["ed", "flo", "gus"]),
    ("measure", "plurality", 1, ["yes", "no", "abstain"]),
]


def run_minga(binary, ballots, selections):
    out = subprocess.run([binary, str(ballots), str(selections)], check=True, capture_output=True, text=True).stdout
    sys.stdout.write("".join("  " + line + "\n" for line in out.splitlines() if not line.startswith("json: ")))
    line = next(line for line in out.splitlines() if line.startswith("json: "))
    return json.loads(line[len("json: "):])


def electionguard_setup():
    """Manifest, 1-guardian key ceremony, context; returns what encryption and verification need."""
    import electionguard
    from electionguard.election import make_ciphertext_election_context
    from electionguard.guardian import Guardian
    from electionguard.key_ceremony import CeremonyDetails
    from electionguard.key_ceremony_mediator import KeyCeremonyMediator
    from electionguard.manifest import (BallotStyle, Candidate, ContestDescription, ElectionType,
                                        GeopoliticalUnit, InternalManifest, Manifest, ReportingUnitType,
                                        SelectionDescription, SpecVersion, VoteVariationType)

    unit = GeopoliticalUnit("district", "District", ReportingUnitType.county)
    candidates, contests = [], []
    for c_index, (cid, variation, limit, options) in enumerate(CONTESTS):
        selections = []
        for o_index, oid in enumerate(options):
            candidates.append(Candidate(oid))
            selections.append(SelectionDescription(f"{cid}-{oid}", o_index, oid))
        contests.append(ContestDescription(cid, c_index, unit.object_id, VoteVariationType[variation], limit, limit,
                                           cid, selections))
    style = BallotStyle("style", [unit.object_id])
    manifest = Manifest("bench-eg", SpecVersion.EG1_0, ElectionType.general, datetime(2026, 11, 29),
                        datetime(2026, 11, 30), [unit], [], candidates, contests, [style])
    if not manifest.is_valid():
        raise SystemExit("electionguard refused the bench manifest")
    internal = InternalManifest(manifest)

    details = CeremonyDetails(number_of_guardians=1, quorum=1)
    guardian = Guardian.from_nonce("guardian-1", 1, 1, 1)
    mediator = KeyCeremonyMediator("mediator", details)
    mediator.announce(guardian.share_key())
    guardian.generate_election_partial_key_backups()
    mediator.receive_backups(guardian.share_election_partial_key_backups())
    joint = mediator.publish_joint_key()
    if joint is None:
        raise SystemExit("electionguard's key ceremony did not publish a joint key")
    context = make_ciphertext_election_context(1, 1, joint.joint_public_key, joint.commitment_hash,
                                               internal.manifest_hash)
    return electionguard, internal, context, style.object_id


def plaintext(i, style_id):
    from electionguard.ballot import PlaintextBallot, PlaintextBallotContest, PlaintextBallotSelection
    contests = []
    for (cid, _, _, options), votes in zip(CONTESTS, choices(i)):
        contests.append(PlaintextBallotContest(
            cid, [PlaintextBallotSelection(f"{cid}-{oid}", v) for oid, v in zip(options, votes)]))
    return PlaintextBallot(f"b{i + 1}", style_id, contests)


def timed(work):
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def electionguard_run(n_ballots, n_selections):
    """Times electionguard's encryption and verification; returns figures in ms, with counts."""
    eg, internal, context, style_id = electionguard_setup()
    from electionguard.encrypt import EncryptionDevice, EncryptionMediator, encrypt_selection, selection_from

    plain = [plaintext(i, style_id) for i in range(n_ballots)]
    device = EncryptionDevice(1, 1, 1, "bench")
    mediator = EncryptionMediator(internal, context, device)
    key, extended_hash = context.elgamal_public_key, context.crypto_extended_base_hash

    encrypted, enc_cpu, enc_wall = timed(lambda: [mediator.encrypt(p) for p in plain])
    if any(b is None for b in encrypted):
        raise SystemExit("electionguard did not encrypt a ballot")
    valid, ver_cpu, ver_wall = timed(
        lambda: [b.is_valid_encryption(internal.manifest_hash, key, extended_hash) for b in encrypted])
    if not all(valid):
        raise SystemExit("electionguard did not verify a ballot it encrypted")

    real = sum(1 for c in encrypted[0].contests for s in c.ballot_selections if not s.is_placeholder_selection)
    placeholders = sum(1 for c in encrypted[0].contests for s in c.ballot_selections if s.is_placeholder_selection)

    description = internal.contests[0].ballot_selections[0]
    seeds = [eg.group.rand_q() for _ in range(n_selections)]
    sels, sel_enc_cpu, sel_enc_wall = timed(lambda: [
        encrypt_selection(selection_from(description, is_affirmative=(k % 2 == 1)), description, key, extended_hash,
                          seeds[k]) for k in range(n_selections)])
    description_hash = description.crypto_hash()
    sel_valid, sel_ver_cpu, sel_ver_wall = timed(
        lambda: [s.is_valid_encryption(description_hash, key, extended_hash) for s in sels])
    if not all(sel_valid):
        raise SystemExit("electionguard did not verify a selection it encrypted")

    base = eg.group.g_pow_p(eg.group.rand_q())
    exponents = [eg.group.rand_q() for _ in range(10 * n_selections)]
    _, pow_cpu, pow_wall = timed(lambda: [eg.group.pow_p(base, e) for e in exponents])

    ms = 1000.0
    return {
        "ballots": n_ballots, "selections_per_ballot": real, "placeholders_per_ballot": placeholders,
        "contests": len(encrypted[0].contests),
        "encrypt_ballot_cpu_ms": enc_cpu * ms / n_ballots, "encrypt_ballot_wall_ms": enc_wall * ms / n_ballots,
        "verify_ballot_cpu_ms": ver_cpu * ms / n_ballots, "verify_ballot_wall_ms": ver_wall * ms / n_ballots,
        "selection_iterations": n_selections,
        "encrypt_selection_cpu_us": sel_enc_cpu * 1e6 / n_selections,
        "encrypt_selection_wall_us": sel_enc_wall * 1e6 / n_selections,
        "verify_selection_cpu_us": sel_ver_cpu * 1e6 / n_selections,
        "verify_selection_wall_us": sel_ver_wall * 1e6 / n_selections,
        "exponentiation_cpu_us": pow_cpu * 1e6 / len(exponents),
        "exponentiation_wall_us": pow_wall * 1e6 / len(exponents),
    }


def logging_off():
    """Makes electionguard's logger a no-op (its messages are built eagerly with inspect.stack())."""
    from electionguard import logs
    for level in ("debug", "info", "warn", "error", "critical"):
        setattr(logs.LOG, level, lambda *args, **kwargs: None)


def logging_quiet():
    """electionguard as shipped, but its stream handler at WARNING (INFO lines would flood stdout)."""
    from electionguard import logs
    logs.LOG.set_stream_log_level(logging.WARNING)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minga-bin", required=True, help="path to minga_bench_ballot")
    ap.add_argument("--ballots", type=int, default=50, help="electionguard ballots (default 50)")
    ap.add_argument("--minga-ballots", type=int, default=500, help="minga ballots (default 500)")
    ap.add_argument("--selections", type=int, default=20, help="electionguard 0/1 selections (default 20)")
    ap.add_argument("--minga-selections", type=int, default=2000, help="minga 0/1 selections (default 2000)")
    ap.add_argument("--skip-as-shipped", action="store_true", help="time electionguard with logging off only")
    ap.add_argument("--worker", choices=["as-shipped", "logging-off"], help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:  # a fresh interpreter per electionguard variant, so neither inherits the other's patches
        (logging_off if args.worker == "logging-off" else logging_quiet)()
        print("json: " + json.dumps(electionguard_run(args.ballots, args.selections)))
        return

    try:  # fail early, before timing anything, when this Python lacks the peer
        import electionguard  # noqa: F401
        import gmpy2
    except Exception as error:  # ModuleNotFoundError, or 1.4.0's ValueError on Python 3.11
        raise SystemExit(f"electionguard does not import in {sys.executable} ({type(error).__name__}: {error}); "
                         "run this script from the venv of bench/README.md (Python 3.9.5 to 3.10)")
    from importlib.metadata import version

    print(f"date {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs; "
          f"load average {loadavg()} (1, 5, 15 min)")
    print(f"electionguard {version('electionguard')} (gmpy2 {gmpy2.version()}), Python {sys.version.split()[0]}")
    print(f"minga: {args.minga_bin}")
    mg = run_minga(args.minga_bin, args.minga_ballots, args.minga_selections)

    peers = {}
    for variant in (["logging-off"] if args.skip_as_shipped else ["logging-off", "as-shipped"]):
        out = subprocess.run([sys.executable, __file__, "--minga-bin", args.minga_bin, "--worker", variant,
                              "--ballots", str(args.ballots), "--selections", str(args.selections)],
                             check=True, capture_output=True, text=True).stdout
        line = next(line for line in out.splitlines() if line.startswith("json: "))
        peers[variant] = json.loads(line[len("json: "):])
    eg = peers["logging-off"]

    if eg["selections_per_ballot"] != mg["selections_per_ballot"] or eg["contests"] != mg["contests"]:
        raise SystemExit(f"the two sides encrypted different ballots: electionguard {eg['selections_per_ballot']} "
                         f"selections in {eg['contests']} contests, minga {mg['selections_per_ballot']} in "
                         f"{mg['contests']}")
    print(f"same ballots: {mg['selections_per_ballot']} selections in {mg['contests']} contests on both sides "
          f"(electionguard adds {eg['placeholders_per_ballot']} placeholder selections per ballot); "
          f"minga {mg['ballots']} ballots / {mg['selection_iterations']} selections, "
          f"electionguard {eg['ballots']} ballots / {eg['selection_iterations']} selections")
    print()
    rows = [("ballot: encrypt + proofs", "encrypt_ballot", "ms"), ("ballot: verify", "verify_ballot", "ms"),
            ("0/1 selection: encrypt + proof", "encrypt_selection", "us"),
            ("0/1 selection: verify", "verify_selection", "us"),
            ("group: one exponentiation", "exponentiation", "us")]
    header = f"{'per item, one thread':32} {'minga cpu':>12} {'EG cpu':>12} {'ratio':>8} {'minga wall':>12} " \
             f"{'EG wall':>12} {'ratio':>8}"
    if "as-shipped" in peers:
        header += f" {'EG shipped cpu':>15} {'ratio':>8}"
    print(header)
    for label, key, unit in rows:
        mc, mw = mg[f"{key}_cpu_{unit}"], mg[f"{key}_wall_{unit}"]
        ec, ew = eg[f"{key}_cpu_{unit}"], eg[f"{key}_wall_{unit}"]
        line = f"{label:32} {mc:9.3f} {unit} {ec:9.1f} {unit} {ec / mc:7.0f}x {mw:9.3f} {unit} {ew:9.1f} {unit} " \
               f"{ew / mw:7.0f}x"
        if "as-shipped" in peers:
            sc = peers["as-shipped"][f"{key}_cpu_{unit}"]
            line += f" {sc:12.1f} {unit} {sc / mc:7.0f}x"
        print(line)
    print()
    print("ratio = electionguard / minga (how many times faster minga is); EG = electionguard with logging off"
          + ("; EG shipped = as shipped (logging on, not printed)" if "as-shipped" in peers else ""))
    print(f"targets (issue 6): 0/1 selection encrypt + proof < 500 us: minga {mg['encrypt_selection_cpu_us']:.0f} us "
          f"cpu; verify < 600 us: minga {mg['verify_selection_cpu_us']:.0f} us cpu; per ballot >= 100x: "
          f"encrypt {eg['encrypt_ballot_cpu_ms'] / mg['encrypt_ballot_cpu_ms']:.0f}x, "
          f"verify {eg['verify_ballot_cpu_ms'] / mg['verify_ballot_cpu_ms']:.0f}x (cpu)")
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
