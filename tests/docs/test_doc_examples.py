# SPDX-License-Identifier: Apache-2.0
"""Every example on the documentation pages runs, as a reader would run it.

The ```python, ```ruby and ```sh blocks of docs/*.md run page by page, in the order of the page
(each language in one process, so a block may use what an earlier block of its page made), in a
fresh folder laid out like the repository root: `examples/` and `bindings/` of the repository,
and `build/prefix`, minga installed from a build (`cmake --install`), and `build/demo-election`,
made by the installed `minga demo --record`. A block preceded by a MyST comment line
`% skip-test: <reason>` is not run (installing, building, or a fragment that needs data the
page does not ship); the reason is required. Other languages (```c, ```json, ...) are not run:
the C the tutorials show is included from examples/c, which ctest builds and runs.

    MINGA_BUILD_DIR   the build to install (default build/ci, made by `cmake --workflow --preset ci`)
    MINGA_PREFIX      or a minga installed already (bin/minga, lib/libminga.so, lib/pkgconfig, ...)

Python blocks run in this interpreter's environment (the `minga` module installed by
`pip install .`, or PYTHONPATH); Ruby blocks with `ruby -Ibindings/ruby/lib` and MINGA_LIBRARY
set to the installed libminga.so, as start_ruby.md tells the reader.
"""
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
RUN = ("python", "ruby", "sh")
SKIP = re.compile(r"^%\s*skip-test:(.*)$")
FENCE = re.compile(r"^(`{3,}|~{3,})\s*([^\s`]*)")
TIMEOUT = 300  # seconds per page and language


@dataclass
class Block:
    page: str       # docs/start_python.md
    line: int       # 1-based line of the block's first code line
    lang: str
    code: str
    skip: str       # the reason given by % skip-test, or ""


def read_blocks(path):
    """The fenced code blocks of a Markdown page, with the skip reason written above each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    page = f"docs/{path.name}"
    found, stale, i = [], [], 0
    pending = None  # (line number, reason) of a % skip-test waiting for its block
    while i < len(lines):
        marker = SKIP.match(lines[i])
        if marker:
            if pending:
                stale.append(pending[0])
            pending = (i + 1, marker.group(1).strip())
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].strip() and pending:
                stale.append(pending[0])  # a marker must stand right above its block
                pending = None
            i += 1
            continue
        opening, lang = fence.group(1), fence.group(2).lower()
        start = i + 1
        i += 1
        while i < len(lines) and not (lines[i].startswith(opening[0] * len(opening))
                                      and not lines[i].strip(opening[0]).strip()):
            i += 1
        lang = {"bash": "sh", "shell": "sh", "py": "python", "python3": "python"}.get(lang, lang)
        found.append(Block(page, start + 1, lang, "\n".join(lines[start:i]) + "\n", pending[1] if pending else ""))
        if pending and not pending[1]:
            stale.append(pending[0])  # no reason given
        pending = None
        i += 1
    if pending:
        stale.append(pending[0])
    return found, stale


PAGES = sorted(DOCS.glob("*.md"))
ALL = {p.name: read_blocks(p) for p in PAGES}
RUNS = [pytest.param(name, lang, id=f"{name}:{lang}")
        for name, (blocks, _) in ALL.items() for lang in RUN
        if any(b.lang == lang and not b.skip for b in blocks)]


def test_the_pages_have_examples_to_run():
    """The tutorials' examples are found (a parser that finds nothing would pass everything)."""
    ran = {(name, lang) for name, lang in (p.values for p in RUNS)}
    assert {("start_python.md", "python"), ("start_ruby.md", "ruby"), ("start_c.md", "sh")} <= ran


@pytest.mark.parametrize("name", sorted(ALL))
def test_skip_markers_have_a_reason_and_a_block(name):
    _, stale = ALL[name]
    assert not stale, f"docs/{name}: a '% skip-test: <reason>' line without a reason or not right above a block: lines {stale}"


def _build_dir():
    return Path(os.environ.get("MINGA_BUILD_DIR", ROOT / "build" / "ci"))


@pytest.fixture(scope="session")
def workspace(tmp_path_factory):
    """A folder laid out like the repository root after the README's build and install."""
    build, installed = _build_dir(), os.environ.get("MINGA_PREFIX")
    if not installed and not (build / "cmake_install.cmake").is_file():
        message = f"no minga build at {build} (run `cmake --workflow --preset ci`, or set MINGA_BUILD_DIR)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip("SKIPPED: " + message)
    ws = tmp_path_factory.mktemp("newcomer")
    for name in ("examples", "bindings"):
        (ws / name).symlink_to(ROOT / name, target_is_directory=True)
    prefix = ws / "build" / "prefix"
    if installed:
        prefix.parent.mkdir()
        prefix.symlink_to(Path(installed).resolve(), target_is_directory=True)
    else:
        subprocess.run(["cmake", "--install", str(build), "--prefix", str(prefix)], check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run([str(prefix / "bin" / "minga"), "demo", "--record", str(ws / "build" / "demo-election")],
                   check=True, stdout=subprocess.DEVNULL, env=_library_env(prefix))
    return ws


def _libdir(prefix):
    return next(d for d in (prefix / "lib", prefix / "lib64") if (d / "libminga.so").exists())


def _library_env(prefix):
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [str(_libdir(prefix)), env.get("LD_LIBRARY_PATH")]))
    return env


PYTHON_RUNNER = """
import json, sys
namespace = {"__name__": "__main__"}
for block in json.load(open(sys.argv[1], encoding="utf-8")):
    # Blank lines in front, so a traceback names the page and its own line numbers.
    exec(compile("\\n" * (block["line"] - 1) + block["code"], block["page"], "exec"), namespace)
"""

RUBY_RUNNER = """
require "json"
JSON.parse(File.read(ARGV[0])).each { |block| eval(block["code"], TOPLEVEL_BINDING, block["page"], block["line"]) }
"""


@pytest.mark.parametrize("name,lang", RUNS)
def test_page_examples_run(name, lang, workspace):
    blocks = [b for b in ALL[name][0] if b.lang == lang and not b.skip]
    script = workspace / f"{name}.{lang}.json"
    script.write_text(json.dumps([b.__dict__ for b in blocks]), encoding="utf-8")
    env = dict(os.environ)
    if lang == "python":
        command = [sys.executable, "-c", PYTHON_RUNNER, str(script)]
    elif lang == "ruby":
        env["MINGA_LIBRARY"] = str(_libdir(workspace / "build" / "prefix") / "libminga.so")
        command = ["ruby", "-Ibindings/ruby/lib", "-e", RUBY_RUNNER, str(script)]
    else:
        body = "".join(f'echo "+ {b.page}:{b.line}" >&2\n{b.code}' for b in blocks)
        command = ["bash", "-c", "set -euo pipefail\n" + body]
    done = subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, (
        f"docs/{name}: a {lang} example failed (exit {done.returncode}).\n"
        f"--- stdout (end)\n{done.stdout[-3000:]}\n--- stderr (end)\n{done.stderr[-4000:]}")
