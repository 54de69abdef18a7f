# SPDX-License-Identifier: Apache-2.0
# The type stubs name exactly what the compiled module has, and every version number agrees.
import ast
import importlib.metadata
import inspect
import re
from pathlib import Path

import pytest

import minga
from minga import _minga

PACKAGE = Path(minga.__file__).parent
REPOSITORY = Path(__file__).resolve().parents[2]


def stub_tree():
    return ast.parse((PACKAGE / "_minga.pyi").read_text(encoding="utf-8"))


def public(names):
    return {n for n in names if not n.startswith("_") or n == "__version__"}


def stub_top_level_names():
    names = set()
    for node in stub_tree().body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return public(names)


def stub_members(class_name):
    for node in stub_tree().body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            members = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            return members
    raise AssertionError(f"class {class_name} not in the stubs")


def test_stubs_and_module_name_the_same_things():
    in_module = public(n for n in dir(_minga) if n not in ("__doc__", "__file__", "__loader__", "__name__", "__package__", "__spec__"))
    assert stub_top_level_names() == in_module


def test_every_stubbed_member_exists_and_every_public_member_is_stubbed():
    for cls in (minga.Alternative, minga.Election, minga.Profile, minga.BallotIterator):
        stubbed = stub_members(cls.__name__)
        for name in stubbed:
            assert hasattr(cls, name), f"{cls.__name__}.{name} is in the stubs but not in the module"
        own = {n for n, _ in inspect.getmembers(cls) if not n.startswith("_")}
        assert own <= stubbed, f"{cls.__name__}: not stubbed: {own - stubbed}"
    error_attributes = stub_members("MingaError")
    assert error_attributes == {"code", "status", "file", "line", "field", "reason"}
    assert all(hasattr(minga.MingaError, a) for a in error_attributes)


def test_stubbed_functions_take_the_same_keywords():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            stub_args = [a.arg for a in node.args.args + node.args.kwonlyargs]
            doc = getattr(_minga, node.name).__doc__
            signature = doc.splitlines()[0]
            for arg in stub_args:
                assert re.search(rf"\b{arg}\b", signature), f"{node.name}: '{arg}' not in {signature}"


def test_package_reexports_the_module():
    # Names the compiled module lacks come from the package's own typed Python modules (minga/_budget.py...).
    pure_python = {n for n in minga.__all__ if not hasattr(_minga, n)}
    for name in pure_python:
        assert getattr(minga, name).__module__.startswith("minga._"), name
    assert set(minga.__all__) - pure_python == stub_top_level_names()
    for name in set(minga.__all__) - pure_python:
        assert getattr(minga, name) is getattr(_minga, name)
    assert (PACKAGE / "py.typed").is_file()
    assert minga.Election.__module__ == "minga"
    assert issubclass(minga.MingaError, ValueError)


def test_versions_agree():
    cmake = (REPOSITORY / "CMakeLists.txt").read_text(encoding="utf-8")
    declared = re.search(r"project\([^)]*VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", cmake).group(1)
    assert minga.__version__ == declared
    try:
        installed = importlib.metadata.version("minga")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("SKIPPED: minga runs from a build tree, not an installed wheel: no package metadata to compare")
    assert installed == declared
