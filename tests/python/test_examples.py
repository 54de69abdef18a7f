# SPDX-License-Identifier: Apache-2.0
# The Python examples under examples/python run to the end and print what they promise.
import os
import subprocess
import sys
from pathlib import Path

import pytest

import minga

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def run_example(name):
    env = dict(os.environ)
    package_parent = str(Path(minga.__file__).resolve().parents[1])  # the minga under test, installed or built
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    done = subprocess.run([sys.executable, str(EXAMPLES / name)], capture_output=True, text=True, env=env,
                          timeout=240)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_ranked_tally_example():
    out = run_example("ranked_tally.py")
    assert "IRV winner: Bruno" in out
    assert "Scottish STV, 2 seats:" in out
    for peer, line in (("pref_voting", "pref_voting IRV: ['Bruno']"), ("votekit", "VoteKit IRV: ['Bruno']"),
                       ("distributed", "IRV on a 2-worker Dask cluster: Bruno (same result: True )")):
        if __import__("importlib").util.find_spec(peer):
            assert line in out, out
        else:
            pytest.skip(f"SKIPPED in part: {peer} not installed")
