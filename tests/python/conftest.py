# SPDX-License-Identifier: Apache-2.0
# Shared fixtures for the Python tests: where the team's real data is, and skips for unfinished parts.
import os
from pathlib import Path

import pytest

import minga

# tests/python/conftest.py -> parents[3] is the folder holding both the repository and shared/.
SHARED_DATA = Path(os.environ.get("MINGA_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))


def shared_files(folder, *patterns):
    """pytest parameters, one per file of shared/data/<folder> matching the patterns.

    When the data is absent there is one parameter, skipped with a visible reason,
    so the report says why instead of silently running nothing.
    """
    where = SHARED_DATA / folder
    found = sorted(p for pattern in patterns for p in where.glob(pattern)) if where.is_dir() else []
    if not found:
        reason = f"SKIPPED: no {' or '.join(patterns)} under {where} (real data absent; set MINGA_SHARED_DATA)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-data")]
    return [pytest.param(p, id=p.name) for p in found]


def shared_file(folder, name):
    """One file of shared/data, or a visible skip of the calling test."""
    path = SHARED_DATA / folder / name
    if not path.is_file():
        pytest.skip(f"SKIPPED: {path} not found (real data absent; set MINGA_SHARED_DATA)")
    return path


def unfinished(error):
    """True when the C++ side of a feature is still a placeholder."""
    return "PLACEHOLDER" in str(error)


def call_or_skip(fn, *args, **kwargs):
    """Calls fn; skips the test when the feature behind it is not written yet."""
    try:
        return fn(*args, **kwargs)
    except minga.MingaError as e:
        if unfinished(e):
            pytest.skip(f"SKIPPED: {fn.__name__} is not implemented yet ({e})")
        raise


def pabulib_files():
    return shared_files("pabulib", "*.pb")


def pabulib_header(path):
    """The META section of a pabulib file as a dict, read here independently of minga."""
    meta = {}
    with open(path, encoding="utf-8-sig") as f:
        section = None
        for line in f:
            line = line.rstrip("\r\n")
            word = line.split(";")[0].strip().upper()
            if word in ("META", "PROJECTS", "VOTES"):
                section = word
                next(f)  # the column header
                if section != "META":
                    break
                continue
            if section == "META" and ";" in line:
                key, value = line.split(";", 1)
                meta[key.strip()] = value.strip()
    return meta


def small_pabulib_files(limit_bytes=3_000_000):
    """The pabulib files small enough for round trips on every run."""
    return [p for p in pabulib_files() if p.values[0] is None or p.values[0].stat().st_size <= limit_bytes]
