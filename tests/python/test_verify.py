# SPDX-License-Identifier: Apache-2.0
"""Verifiable elections from Python: an election folder step by step, receipts and short codes,
the record verified and tampered with, and partitions verified apart whose sums add up."""

import json
import os

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
        e.close()
        tally = e.tally()
        record = e.decrypt([4, 1, 2])
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
