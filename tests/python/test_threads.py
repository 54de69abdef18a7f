# SPDX-License-Identifier: Apache-2.0
# Bulk work releases the GIL: another Python thread keeps running while ballots are added or written.
import threading
import time

import pytest

import minga

np = pytest.importorskip("numpy", reason="NumPy is needed to build a large profile quickly")


class Ticker(threading.Thread):
    """Records the time of each of its wake-ups until stopped."""

    def __init__(self):
        super().__init__(daemon=True)
        self.ticks = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.ticks.append(time.perf_counter())
            time.sleep(0.001)


def ticks_during(action):
    ticker = Ticker()
    ticker.start()
    time.sleep(0.02)
    start = time.perf_counter()
    action()
    end = time.perf_counter()
    ticker.stop.set()
    ticker.join()
    return sum(start < t < end for t in ticker.ticks), end - start


def big_arrays(voters=1_000_000, projects=200, per_ballot=5, seed=7):
    rng = np.random.default_rng(seed)
    indices = np.sort(rng.integers(0, projects, size=(voters, per_ballot)), axis=1)
    offsets = np.arange(0, voters * per_ballot + 1, per_ballot, dtype=np.int64)
    keep = np.ones_like(indices, dtype=bool)
    keep[:, 1:] = indices[:, 1:] != indices[:, :-1]  # no project twice on one ballot
    counts = keep.sum(axis=1)
    offsets = np.concatenate([[0], np.cumsum(counts)])
    return offsets, indices[keep], projects


def test_adding_ballots_releases_the_gil():
    offsets, indices, projects = big_arrays()
    e = minga.Election("approval", [f"p{i}" for i in range(projects)])
    ticks, seconds = ticks_during(lambda: e.add_approvals((offsets, indices)))
    assert e.num_ballots == len(offsets) - 1
    if seconds < 0.05:
        pytest.skip(f"SKIPPED: the add took {seconds * 1000:.0f} ms, too short to observe another thread")
    # With the GIL held for the whole call the other thread could not wake even once in the middle.
    assert ticks >= 3, f"only {ticks} ticks in {seconds:.3f} s"


def test_writing_releases_the_gil_and_guards_against_changes():
    offsets, indices, projects = big_arrays(voters=300_000)
    e = minga.Election("approval", [f"p{i}" for i in range(projects)])
    e.add_approvals((offsets, indices))
    try:
        minga.to_bytes(minga.Election("approval", ["x"]))
    except minga.MingaError as error:
        if "PLACEHOLDER" in str(error):
            pytest.skip("SKIPPED: the binary writer is not implemented yet")
        raise
    ticks, seconds = ticks_during(lambda: minga.to_json(e))
    if seconds < 0.05:
        pytest.skip(f"SKIPPED: writing took {seconds * 1000:.0f} ms, too short to observe another thread")
    assert ticks >= 3, f"only {ticks} ticks in {seconds:.3f} s"

    # A change attempted while another thread writes the election is refused, not raced.
    refused = []
    writer = threading.Thread(target=lambda: minga.to_json(e))
    writer.start()
    deadline = time.perf_counter() + 5
    while writer.is_alive() and time.perf_counter() < deadline:
        try:
            e.title = "changed"
        except RuntimeError:
            refused.append(True)
            break
        time.sleep(0.0005)
    writer.join()
    if not refused:
        pytest.skip("SKIPPED: the writer finished before a change could be attempted")
    e.title = "changed after"  # allowed again once the writer is done
    assert e.title == "changed after"
