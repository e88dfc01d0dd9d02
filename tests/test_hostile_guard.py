"""Guards on the source itself: no unsafe YAML loading, no eval/exec/pickle of input, no shell."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
UNSAFE_NAMES = {"Loader", "CLoader", "UnsafeLoader", "CUnsafeLoader", "FullLoader", "CFullLoader"}
UNSAFE_FUNCTIONS = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
LOADING_FUNCTIONS = {"load", "load_all", "parse", "compose", "compose_all", "scan"}


def python_files():
    files = sorted(SRC.rglob("*.py"))
    assert files, SRC
    return files


def _name(node) -> str:
    """'yaml.load' for an attribute chain, 'load' for a bare name."""
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    return ""


def unsafe_yaml_uses(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)):
            last = node.attr if isinstance(node, ast.Attribute) else node.id
            if last in UNSAFE_NAMES and (isinstance(node, ast.Name) or "yaml" in _name(node)):
                found.append((node.lineno, f"unsafe loader class {_name(node)}"))
            if last in UNSAFE_FUNCTIONS:
                found.append((node.lineno, f"unsafe function {_name(node)}"))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("yaml"):
            for alias in node.names:
                if alias.name in UNSAFE_NAMES | UNSAFE_FUNCTIONS | {"load", "load_all", "*"}:
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
        if isinstance(node, ast.Call):
            callee = _name(node.func)
            if callee.split(".")[-1] in ("load", "load_all") and "yaml" in callee:
                loader = [k.value for k in node.keywords if k.arg == "Loader"] or node.args[1:2]
                if not loader:
                    found.append((node.lineno, f"{callee}() without Loader="))
                elif not _is_safe_loader(loader[0]):
                    found.append((node.lineno, f"{callee}() with Loader={ast.unparse(loader[0])}"))
    return found


def _is_safe_loader(node) -> bool:
    if isinstance(node, (ast.Attribute, ast.Name)):
        return (node.attr if isinstance(node, ast.Attribute) else node.id) in SAFE_LOADERS
    if isinstance(node, ast.Call):  # e.g. _loader_class(): checked by test_loader_class_is_safe
        return True
    if isinstance(node, ast.BoolOp):  # getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
        return all(_is_safe_loader(v) for v in node.values)
    return False


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_unsafe_yaml_loading(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    assert unsafe_yaml_uses(tree) == []


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_code_execution_primitives(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = _name(node.func)
            if callee in ("eval", "exec", "compile", "__import__", "os.system", "os.popen", "pickle.loads",
                          "pickle.load", "marshal.loads", "subprocess.getoutput"):
                bad.append((node.lineno, callee))
            if any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                   for k in node.keywords):
                bad.append((node.lineno, f"{callee}(shell=...)"))
    assert bad == []


def test_loader_class_is_safe():
    import yaml

    from claimcheck import loader

    assert loader._loader_class() in (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)


@pytest.mark.parametrize("snippet, problems", [
    ("yaml.load(text)", 1),
    ("yaml.load(text, Loader=yaml.Loader)", 2),
    ("yaml.load(text, yaml.FullLoader)", 2),
    ("yaml.unsafe_load(text)", 1),
    ("yaml.full_load(text)", 1),
    ("from yaml import load, UnsafeLoader", 2),
    ("yaml.load_all(text, Loader=yaml.UnsafeLoader)", 2),
    ("yaml.load(text, Loader=yaml.CSafeLoader)", 0),
    ("yaml.safe_load(text)", 0),
    ("yaml.parse(text, Loader=getattr(yaml, 'CSafeLoader', None) or yaml.SafeLoader)", 0),
])
def test_the_guard_itself(snippet, problems):
    assert len(unsafe_yaml_uses(ast.parse(snippet))) == problems
