# SPDX-License-Identifier: Apache-2.0
"""Ranked and quadratic contests of a verifiable election from Python: ballots with ranks and signed
votes, refusals, the decrypted first preferences, Borda points, net votes and credits against sums
worked in Python from the same ballots, the record verified and tampered with, and the test vector."""

import json
import os

import pytest

import minga

HERE = os.path.dirname(os.path.abspath(__file__))
VECTOR = os.path.join(HERE, "..", "data", "verify_record_kinds_vector.json")

MANIFEST = {
    "schema": "minga.manifest/1",
    "election_id": "consulta-2026",
    "title": "Consulta",
    "contests": [
        {"id": "alcaldia", "title": "Alcaldía", "kind": "ranked", "option_range": 3, "selection_limit": 3,
         "options": [{"id": c, "label": c.title()} for c in ("rosa", "tomas", "uma", "vera")]},
        {"id": "fondo", "title": "Fondo", "kind": "quadratic", "option_range": 3, "selection_limit": 10,
         "options": [{"id": o, "label": o.title()} for o in ("huerta", "cancha", "plaza")]},
    ],
}
RANKINGS = [["uma", "rosa"], ["rosa"], [], ["vera", "tomas", "rosa"], ["tomas", "uma"], ["uma"]]
VOTES = [{"huerta": 3, "plaza": -1}, {"cancha": -2, "plaza": 2}, {}, {"huerta": 1, "cancha": 1, "plaza": 1},
         {"huerta": -3}, {"cancha": 2, "plaza": -2}]


def test_ranked_and_quadratic_folder_flow(tmp_path):
    folder = tmp_path / "consulta"
    challenged = 2
    with minga.VerifiableElection.create(folder, MANIFEST, guardians=3, quorum=2) as e:
        for i, (ranking, votes) in enumerate(zip(RANKINGS, VOTES)):
            ballot = {"ballot_id": f"c{i}", "selections": {
                "alcaldia": {c: p + 1 for p, c in enumerate(ranking)}, "fondo": votes}}
            e.encrypt(ballot, device="kiosk")
            if i == challenged:
                assert e.challenge(f"c{i}")["selections"] == [[0, 0, 0, 0], [3, 3, 3]]  # blank: ranks 0, votes + V
            else:
                e.cast(f"c{i}")
        for bad, words in (({"alcaldia": {"rosa": 1, "uma": 1}}, "rank 1 is given to both"),
                           ({"alcaldia": {"rosa": 2}}, "rank 2 is used but rank 1 is not"),
                           ({"fondo": {"huerta": 3, "cancha": 2}}, "above the budget of 10")):
            with pytest.raises(minga.MingaError) as refused:
                e.encrypt({"ballot_id": "bad", "selections": bad})
            assert refused.value.code == "invalid_argument" and words in str(refused.value)
        e.close()
        e.tally()
        record = e.decrypt([3, 1])

    cast = [i for i in range(len(RANKINGS)) if i != challenged]
    names = [o["id"] for o in MANIFEST["contests"][0]["options"]]
    first = [sum(1 for i in cast if RANKINGS[i][:1] == [c]) for c in names]
    borda = [sum(3 - RANKINGS[i].index(c) for i in cast if c in RANKINGS[i]) for c in names]
    options = [o["id"] for o in MANIFEST["contests"][1]["options"]]
    net = [sum(VOTES[i].get(o, 0) for i in cast) for o in options]
    credits = [sum(VOTES[i].get(o, 0) ** 2 for i in cast) for o in options]
    ranked = [o["total"] for o in record["tally"]["contests"][0]["options"]]
    quadratic = [o["total"] for o in record["tally"]["contests"][1]["options"]]
    assert ranked == first + borda
    assert quadratic[:3] == [v + 3 * len(cast) for v in net]  # sums of votes + V
    assert quadratic[3:] == credits

    assert minga.verify_record(record).passed
    record["tally"]["contests"][0]["options"][4]["total"] += 1  # rosa's Borda points
    failed = minga.verify_record(record).failed()
    assert [c.check for c in failed] == ["decryption"] and "rosa.borda" in failed[0].reason


def test_kinds_vector_and_a_forged_pair_proof():
    assert minga.verify_record(VECTOR).passed
    with open(VECTOR, encoding="utf-8") as f:
        record = json.load(f)
    proof = record["ballots"][0]["contests"][1]["votes"][0]["proof"]
    proof["vote_responses"][0], proof["vote_responses"][1] = proof["vote_responses"][1], proof["vote_responses"][0]
    assert [c.check for c in minga.verify_record(record).failed()] == ["selection_proofs"]
