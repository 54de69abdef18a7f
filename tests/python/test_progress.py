# SPDX-License-Identifier: Apache-2.0
"""Progress on long calls: the figures a callback is told, the text bar, quiet when not on a terminal,
and a callback that raises (or Ctrl-C) stopping the call in C++."""

import json
import os
import signal
from fractions import Fraction
from pathlib import Path

import pytest

import minga
from minga._progress import ProgressBar

DATA = Path(__file__).resolve().parents[1] / "data"
RECORD = json.loads((DATA / "verify_record_vector.json").read_text())
TINY = DATA / "tiny_approval.pb"


def test_verify_ballots_tells_checked_of_total():
    told = []
    batch = minga.verify_ballots(RECORD, RECORD["ballots"], threads=1, progress=lambda c, t: told.append((c, t)))
    n = len(RECORD["ballots"])
    assert batch["passed"] and batch["ballots"] == n
    assert told[-1] == (n, n)
    assert all(total == n for _, total in told)
    checked = [c for c, _ in told]
    assert checked == sorted(checked) and 1 <= checked[0] <= n


def test_verify_record_tells_progress_and_still_verifies():
    told = []
    report = minga.verify_record(RECORD, progress=lambda c, t: told.append((c, t)))
    assert report.passed
    assert told and told[-1] == (len(RECORD["ballots"]),) * 2


def test_bar_on_request_and_quiet_off_a_terminal(capsys):
    minga.verify_record(RECORD, progress=True)
    err = capsys.readouterr().err
    n = len(RECORD["ballots"])
    assert err.startswith("\rverifying ballots  [")
    assert f"100%  {n}/{n} ballots" in err and err.endswith("\n")
    minga.verify_record(RECORD)  # None: stderr is pytest's capture, not a terminal
    minga.verify_record(RECORD, progress=False)
    assert capsys.readouterr().err == ""


def test_a_raising_callback_stops_the_call():
    calls = []

    def stop(checked, total):
        calls.append(checked)
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        minga.verify_ballots(RECORD, RECORD["ballots"], threads=1, progress=stop)
    assert calls == [1]  # the first report raised; no further ballot was reported


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_in_a_long_call_raises_keyboard_interrupt():
    def interrupt(checked, total):
        signal.raise_signal(signal.SIGINT)

    # Python's own Ctrl-C handler, whatever this process inherited: a job started in the
    # background by a non-interactive shell ignores SIGINT, and Python then installs none.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            minga.verify_record(RECORD, progress=interrupt)
    finally:
        signal.signal(signal.SIGINT, inherited)


def test_add1_tells_each_run_exactly():
    election = minga.read(TINY)
    runs = []
    result = minga.budget(election, "mes", completion="add1", tie_break=["min_cost", "by_id"],
                          progress=lambda *figures: runs.append(figures))
    assert [r[0] for r in runs] == list(range(1, len(runs) + 1))
    assert all(isinstance(x, Fraction) for r in runs for x in r[1:])
    # tiny_approval.pb: budget 1000, 6 voters; add1 starts at floor(1000/6) = 166 and adds 1 per run.
    assert [r[1] for r in runs] == [Fraction(166 + k) for k in range(len(runs))]
    assert {r[3] for r in runs} == {Fraction(1000)}
    within = [r for r in runs if r[2] <= r[3]]
    assert result.endowment == within[-1][1]          # the last run that fits the budget is the outcome
    assert runs.index(within[-1]) >= len(runs) - 2    # at most the one run after it went over
    assert result.total_cost == within[-1][2]
    assert any(f"add1: {len(runs)} runs" in note for note in result.notes)


def test_progress_must_be_a_flag_or_callable():
    with pytest.raises(TypeError, match="progress"):
        minga.verify_record(RECORD, progress="yes")


def test_bar_draws_figures_and_ends_its_line():
    class Sink:
        def __init__(self):
            self.text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    sink = Sink()
    bar = ProgressBar("work", stream=sink, min_interval=0)
    bar.update(5, 20, " items")
    bar.update(20, 20, " items")
    bar.close()
    lines = sink.text.split("\r")[1:]
    assert lines[0].startswith("work  [#####...............]  25%  5/20 items")
    assert lines[1].startswith("work  [####################] 100%  20/20 items") and lines[1].endswith("\n")
