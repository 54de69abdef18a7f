# SPDX-License-Identifier: Apache-2.0
"""Verifiable elections from Python: an election folder step by step, receipts and short codes,
the record verified and tampered with, and partitions verified apart whose sums add up."""

import hashlib
import json
import os
import struct

import pytest

import minga

HERE = os.path.dirname(os.path.abspath(__file__))
VECTOR = os.path.join(HERE, "..", "data", "verify_record_vector.json")

MANIFEST = {
    "schema": "minga.manifest/1",
    "election_id": "cabildo-2026",
    "title": "Cabildo abierto",
    "contests": [
        {"id": "obra", "title": "Obra", "kind": "approval", "option_range": 1, "selection_limit": 2,
         "options": [{"id": "plaza", "label": "Plaza"}, {"id": "luz", "label": "Luz"}, {"id": "agua", "label": "Agua"}]},
        {"id": "fondo", "title": "Fondo", "kind": "cumulative", "option_range": 3, "selection_limit": 3,
         "options": [{"id": "huerta", "label": "Huerta"}, {"id": "cancha", "label": "Cancha"}]},
    ],
}


def _choices(i):
    obra = {"plaza": i % 2, "luz": (i // 2) % 2, "agua": 1 if i % 5 == 0 and (i % 2 + (i // 2) % 2) < 2 else 0}
    fondo = {"huerta": i % 4, "cancha": min(3 - i % 4, i % 3)}
    return {"obra": obra, "fondo": fondo}


def test_folder_flow_record_receipts_and_partitions(tmp_path):
    folder = tmp_path / "cabildo"
    expected = {"obra": [0, 0, 0], "fondo": [0, 0]}
    receipts = {}
    with minga.VerifiableElection.create(folder, MANIFEST, guardians=4, quorum=3) as e:
        for i in range(14):
            codes = e.encrypt({"ballot_id": f"v{i}", "selections": _choices(i)}, device=f"kiosk-{i % 3}")
            assert codes["short_code"] == minga.short_code(codes["confirmation_code"])
            if i in (2, 9):
                opened = e.challenge(f"v{i}")
                assert opened["state"] == "spoiled"
                continue
            receipts[f"v{i}"] = e.cast(f"v{i}")
            for contest, options in _choices(i).items():
                ids = [o["id"] for c in MANIFEST["contests"] if c["id"] == contest for o in c["options"]]
                for k, option in enumerate(ids):
                    expected[contest][k] += options[option]
        assert e.status["cast"] == 12 and e.status["spoiled"] == 2
        with pytest.raises(minga.MingaError) as over:
            e.encrypt({"ballot_id": "x", "selections": {"obra": {"plaza": 1, "luz": 1, "agua": 1}}})
        assert over.value.code == "invalid_argument"

    election_json = folder / "election.json"
    found = minga.verify_receipt(receipts["v5"], election_json)
    assert found["leaf_index"] == 4  # v0, v1, v3, v4 were cast before it
    forged = dict(receipts["v5"], confirmation_code=receipts["v6"]["confirmation_code"],
                  short_code=receipts["v6"]["short_code"])
    with pytest.raises(minga.MingaError) as bad:
        minga.verify_receipt(forged, election_json)
    assert bad.value.code == "verification"
    code = receipts["v7"]["confirmation_code"]
    assert minga.short_code_matches(minga.short_code(code).lower().replace("-", " "), code)
    assert not minga.short_code_matches(minga.short_code(code), receipts["v8"]["confirmation_code"])

    with minga.VerifiableElection(folder) as e:  # reopened: everything comes back from the files
        e.encrypt({"ballot_id": "late", "selections": _choices(0)}, device="kiosk-0")
        with pytest.raises(minga.MingaError) as pending:
            e.close()
        assert pending.value.code == "invalid_argument" and "late; cast or challenge each first" in str(pending.value)
        e.challenge("late")
        closings = e.close()
        tally = e.tally()
        record = e.decrypt([4, 1, 2])
    # Each kiosk closed its chain: v0..v13 round-robin over kiosk-0..2, plus "late" on kiosk-0.
    assert [(c["device_id"], c["ballots"]) for c in closings] == [("kiosk-0", 6), ("kiosk-1", 5), ("kiosk-2", 4)]
    assert all(c["closing_code"] == minga.short_code(c["closing_hash"]) for c in closings)
    assert record["device_closings"] == [{k: c[k] for k in ("device_id", "ballots", "closing_hash")} for c in closings]
    for c, contest in enumerate(MANIFEST["contests"]):
        totals = [o["total"] for o in record["tally"]["contests"][c]["options"]]
        assert totals == expected[contest["id"]]

    report = minga.verify_record(record)
    assert report.passed and not report.failed()
    assert minga.verify_record(folder / "record.json").passed
    record["ballots"][0], record["ballots"][1] = record["ballots"][1], record["ballots"][0]
    swapped = minga.verify_record(record)
    assert not swapped.passed
    assert {c.check for c in swapped.failed()} >= {"board"}

    lines = (folder / "ballots.jsonl").read_text().splitlines()
    parts = [minga.verify_ballots(election_json, lines[:6], threads=1),
             minga.verify_ballots(election_json, lines[6:], first_index=6, threads=1)]
    assert all(p["passed"] for p in parts)
    assert minga.add_tallies(parts[0]["sum"], parts[1]["sum"]) == tally


def test_record_vector_and_bad_records():
    assert minga.verify_record(VECTOR).passed
    with open(VECTOR, encoding="utf-8") as f:
        record = json.load(f)
    record["parameters"]["quorum"] = "two"
    with pytest.raises(minga.MingaError) as bad:
        minga.verify_record(record)
    assert bad.value.code == "parse" and "quorum" in bad.value.field


def _h32(parent, tag, fields):
    """H32 of docs/verify_record.md section 2 (hash.hpp), written here from the text alone."""
    message = bytes([tag]) + b"".join(struct.pack("<I", len(f)) + f for f in fields)
    return hashlib.blake2b(message, key=parent, salt=bytes(16), person=b"minga.verify.v1\0").digest()[:32]


@pytest.mark.parametrize("vector", ["verify_record_vector.json", "verify_record_kinds_vector.json"])
def test_vector_closings_recomputed_with_hashlib(vector):
    with open(os.path.join(HERE, "..", "data", vector), encoding="utf-8") as f:
        record = json.load(f)
    h_e = bytes.fromhex(record["election_hash"])
    chains = {}
    for b in record["ballots"]:
        if b["chain_mode"] == 1:
            n, _ = chains.get(b["device_id"], (0, None))
            chains[b["device_id"]] = (n + 1, bytes.fromhex(b["confirmation_code"]))
    assert chains, "the vector has a chained device"
    expected = [{"device_id": d, "ballots": n,
                 "closing_hash": _h32(h_e, 0x26, [d.encode(), struct.pack("<Q", n), last]).hex()}
                for d, (n, last) in sorted(chains.items())]
    assert record["device_closings"] == expected
    assert minga.verify_record(record).passed


def test_bad_short_codes_and_stages(tmp_path):
    with pytest.raises(minga.MingaError):
        minga.short_code("not hex")
    with minga.VerifiableElection.create(tmp_path / "e", MANIFEST, guardians=1, quorum=1) as e:
        with pytest.raises(minga.MingaError) as early:
            e.tally()
        assert "close" in str(early.value)
        with pytest.raises(minga.MingaError):
            e.cast("never-encrypted")
    with pytest.raises(minga.MingaError) as none:
        minga.VerifiableElection(tmp_path / "missing")
    assert none.value.code == "io"


def test_record_binary_form(tmp_path):
    binary = minga.record_to_binary(VECTOR)
    assert binary[:3] == b"\xd9\xd9\xf7"
    assert len(binary) < 0.6 * os.path.getsize(VECTOR)
    # The published binary vector is this conversion, byte for byte.
    with open(os.path.join(HERE, "..", "data", "verify_record_vector.cbor"), "rb") as f:
        assert f.read() == binary
    with open(VECTOR, encoding="utf-8") as f:
        assert minga.record_to_json(binary) == json.load(f)
    assert minga.verify_record(binary).passed
    path = tmp_path / "record.cbor"
    path.write_bytes(binary)
    assert minga.verify_record(path).passed and minga.verify_record(str(path)).passed
    assert minga.record_to_binary(path) == binary
    # A damaged binary record is a parse error, as a damaged JSON one is.
    with pytest.raises(minga.MingaError) as bad:
        minga.verify_record(binary[:-5])
    assert bad.value.code == "parse"
    with pytest.raises(TypeError):
        minga.record_to_binary(42)
