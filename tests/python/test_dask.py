# SPDX-License-Identifier: Apache-2.0
# minga.dask on a dask.distributed LocalCluster (2 worker processes): partitions read on the
# workers, merged and counted there give what one process gives on the whole profile.
import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import minga

dask = pytest.importorskip("dask", reason='SKIPPED: dask not installed (pip install "dask[distributed]")')
distributed = pytest.importorskip("distributed", reason="SKIPPED: dask.distributed not installed")
import minga.dask as md  # noqa: E402

CANDIDATES = ["ana", "bruno", "carla", "diego", "elena"]


def random_partition(rng, voters):
    e = minga.Election("ranked", CANDIDATES)
    ballots = []
    for _ in range(voters):
        order = rng.sample(CANDIDATES, rng.randint(1, len(CANDIDATES)))
        ballots.append(order)
    e.add_rankings(ballots, channels=rng.choice(["paper", "online"]))
    return e


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def partitions(tmp_path_factory):
    rng = random.Random(42)
    parts = [random_partition(rng, rng.randint(50, 400)) for _ in range(6)]
    folder = tmp_path_factory.mktemp("cvr")
    for i, part in enumerate(parts):
        minga.write(part, folder / f"precinct-{i}.json")
    return parts, folder


def test_import_minga_does_not_import_dask():
    code = "import sys, minga; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_files_read_merged_and_counted_on_workers(client, partitions):
    parts, folder = partitions
    whole = minga.merge(parts)
    result = md.tally(str(folder / "precinct-*.json"), "irv", client=client, split_every=2)
    assert result == minga.tally(whole, "irv")
    assert result.ballots == sum(p.num_ballots for p in parts)
    merged = md.election(md.read_partitions(sorted(folder.glob("*.json"))), client=client, split_every=3)
    assert merged.same_ballots(whole)
    assert merged.breakdown("channel") == whole.breakdown("channel")
    for method in ("schulze", "borda"):
        assert md.tally(md.read_partitions(str(folder / "*.json")), method, client=client) == minga.tally(whole, method)


def test_partitions_were_read_by_both_workers(client, partitions):
    _, folder = partitions
    futures = client.compute(md.read_partitions(str(folder / "*.json")))
    client.gather(futures)
    workers = {w for f in futures for w in client.who_has([f])[f.key]}
    assert len(workers) == 2


def test_bag_of_ballots(client):
    bag_module = pytest.importorskip("dask.bag")
    rng = random.Random(3)
    rows = [(rng.sample(CANDIDATES, 3), rng.randint(1, 4)) for _ in range(500)]
    bag = bag_module.from_sequence(rows, npartitions=5)
    result = md.tally(md.from_bag(bag, "ranked", CANDIDATES, counted=True), "stv", seats=2, client=client)
    local = minga.Election("ranked", CANDIDATES)
    local.add_rankings([r for r, _ in rows], counts=[c for _, c in rows])
    assert result == minga.tally(local, "stv", seats=2)


def test_dataframe_of_cast_vote_records(client):
    pandas = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    rng = random.Random(9)
    records = []
    for _ in range(300):
        order = rng.sample(CANDIDATES, rng.randint(1, 3))
        records.append({f"rank{i + 1}": (order[i] if i < len(order) else None) for i in range(3)})
    frame = dd.from_pandas(pandas.DataFrame.from_records(records), npartitions=4)
    parts = md.from_dataframe(frame, CANDIDATES, ["rank1", "rank2", "rank3"])
    local = minga.Election("ranked", CANDIDATES)
    local.add_rankings([[r["rank1"], r["rank2"], r["rank3"]] for r in records])
    assert md.election(parts, client=client).same_ballots(local)
    assert md.tally(parts, "irv", client=client, tie_break="candidate-order") == minga.tally(
        local, "irv", tie_break="candidate-order")


def test_budget_on_partitions_without_a_cluster():
    # Dask's default (threaded) scheduler when no client is given.
    e = minga.Election("approval", [minga.Alternative("park", cost=400), minga.Alternative("library", cost=350),
                                    minga.Alternative("bikes", cost=600)], budget=1000)
    a, b = e.copy(), e.copy()
    a.add_approvals([["park", "library"], ["bikes"]])
    b.add_approvals([["park"], ["bikes", "library"]], counts=[2, 1])
    parts = [dask.delayed(a), dask.delayed(b)]
    assert md.budget(parts, "greedy") == minga.budget(a + b, "greedy")


def test_nothing_to_read_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        md.read_partitions(str(tmp_path / "none-*.csv"))
    with pytest.raises(ValueError):
        md.merge([])


# ---- encrypted ballots verified partition by partition ----------------------------------------

RECORD = Path(__file__).resolve().parents[1] / "data" / "verify_record_vector.json"


def test_record_verified_partition_by_partition(client):
    if not hasattr(minga, "verify_ballots"):
        pytest.skip("SKIPPED: this minga has no verify_ballots (verifiable elections not built)")
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    report = md.verify_ballots(record, partitions=3, client=client, split_every=2)
    assert report["passed"] and report["aggregate_matches"] and report["failures"] == []
    assert report["ballots"] == len(record["ballots"])
    assert report["sum"]["cast_ballots"] == record["tally"]["cast_ballots"]
    assert report == md.verify_ballots(str(RECORD), partitions=1)  # one partition, no cluster: the same

    tampered = copy.deepcopy(record)
    proof = tampered["ballots"][1]["contests"][0]["selections"][0]["proof"]
    proof["responses"][0] = proof["responses"][1]
    report = md.verify_ballots(tampered, partitions=3, client=client)
    assert not report["passed"]
    assert len(report["failures"]) == 1 and report["failures"][0].startswith("ballot 2 ")

    wrong_total = copy.deepcopy(record)
    options = wrong_total["tally"]["contests"][0]["options"]
    options[0]["alpha"], options[1]["alpha"] = options[1]["alpha"], options[0]["alpha"]
    report = md.verify_ballots(wrong_total, partitions=2, client=client)
    assert report["failures"] == [] and not report["aggregate_matches"] and not report["passed"]
