"""Property-based tests: whatever the bytes, the contract holds. No exception escapes the loader
or the auditor; the CLI exits 0, 1 or 2; JSON output parses as strict UTF-8 JSON; positions are
inside the text.
"""

from __future__ import annotations

import json
import os
import tempfile

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.audit import Auditor
from claimcheck.cli import app
from claimcheck.loader import load_registry
from hostile_support import assert_strict_json, dump, registry_data, write_project

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])
runner = CliRunner()

# text that looks like what breaks things: controls, bidi, combining marks, quotes, newlines
NASTY = st.sampled_from(list("\x00\x1b\x07\r\n\t\u00ad\u200b\u200d\u202e\u2028\ufeff\u0301\u00e9\u0130[]/:%,#&*!|>-'\"\\{}")
                        + ["\U0001F600", "\ud800", "miracle cure", " for everything", "::error::", "[bold]", "---"])
TEXT = st.lists(st.one_of(st.text(max_size=8), NASTY), max_size=40).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    TEXT, st.sampled_from(["no", "010", "1:20", "2019-02-30", ".nan", "~", "<<", "!!python/x"]))
TREES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=5), st.dictionaries(st.one_of(TEXT, st.integers()), children, max_size=5)),
    max_leaves=30)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as path:
        yield path


def load_bytes(folder: str, data: bytes):
    path = os.path.join(folder, "claims.yaml")
    with open(path, "wb") as handle:
        handle.write(data)
    return load_registry(path)


def check_result(result) -> None:
    assert result.fatal or result.data is not None
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        problem.message.encode("utf-8")  # no lone surrogate in a message
    if result.registry is not None:
        json.dumps(result.data, ensure_ascii=False, allow_nan=False).encode("utf-8")


def safe_dump(tree) -> str:
    try:
        return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):
        assume(False)


MUTATIONS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    [b"", b"&a ", b"*a", b"!!python/object/apply:os.system ", b"[", b"]", b"{", b"}", b"\t", b"\n---\n", b"\x00",
     b"\xff", b"\xef\xbb\xbf", b"\"\\ud800\"", b": ", b"- ", b"'", b"  ", b"\n  - ", b"<<: ", b"? ", b"%YAML 1.1\n"])),
    max_size=6)


def mutate(data: bytes, mutations) -> bytes:
    for position, insert in mutations:
        position %= len(data) + 1
        data = data[:position] + insert + data[position:]
    return data


# --- the loader ------------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=2_000))
def test_loader_random_bytes(folder, data):
    check_result(load_bytes(folder, data))


@FAST
@given(TREES, MUTATIONS)
def test_loader_random_yaml_structures(folder, tree, mutations):
    data = mutate(safe_dump(tree).encode("utf-8"), mutations)
    check_result(load_bytes(folder, data))


@FAST
@given(st.data(), MUTATIONS)
def test_loader_mutated_valid_registries(folder, data, mutations):
    registry = registry_data(path="page.txt", quote=data.draw(TEXT), title=data.draw(TEXT), claim=data.draw(TEXT))
    text = data.draw(st.sampled_from([dump(registry), yaml.safe_dump(registry, allow_unicode=True, sort_keys=False)]))
    check_result(load_bytes(folder, mutate(text.encode("utf-8", "surrogatepass"), mutations)))


# --- the auditor -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def auditor():
    with tempfile.TemporaryDirectory() as path:
        from pathlib import Path

        registry = write_project(Path(path), patterns=[
            {"regex": r"\bmiracle\b.{0,20}\bcure", "examples": {"match": ["miracle cure"]}},
            {"regex": "(a+)+$", "examples": {"match": ["aa"]}},
        ], quote="miracle cure for everything")
        result = load_registry(str(registry))
        assert not result.errors, result.problems
        yield Auditor(result.registry, suggest=True)


@FAST
@given(TEXT)
def test_auditor_random_text(auditor, text):
    text = text.encode("utf-8", "replace").decode("utf-8")  # documents are decoded UTF-8
    report = auditor.audit_text(text, "doc.txt")
    lines = text.split("\n")
    for finding in report.findings:
        if finding.path != "doc.txt":
            continue  # stale-quote findings point into the registry
        assert 1 <= finding.line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        if finding.match:
            m = finding.match
            assert text[m.start:m.end] == m.matched_text
            if finding.end_line == finding.line:
                assert lines[finding.line - 1][finding.column - 1:finding.end_column - 1] == m.matched_text


@FAST
@given(st.binary(max_size=3_000))
def test_auditor_random_bytes_through_the_cli(auditor, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("doc")
    (folder / "doc.txt").write_bytes(data)
    result = runner.invoke(app, ["audit", "-r", os.path.join(auditor.registry.root, "claims.yaml"),
                                 str(folder / "doc.txt"), "-f", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code != 2:
        assert_strict_json(result.stdout_bytes)


@FAST
@given(TEXT, st.sampled_from(["json", "jsonl", "sarif", "github", "text", "markdown"]))
def test_cli_random_documents_every_format(auditor, tmp_path_factory, text, fmt):
    folder = tmp_path_factory.mktemp("doc")
    (folder / "doc.txt").write_bytes(text.encode("utf-8", "replace"))
    result = runner.invoke(app, ["audit", "-r", os.path.join(auditor.registry.root, "claims.yaml"),
                                 str(folder / "doc.txt"), "-f", fmt])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    out = result.stdout_bytes
    out.decode("utf-8")
    if fmt in ("json", "sarif") and result.exit_code != 2:
        assert_strict_json(out)
    elif fmt == "jsonl":
        for line in out.splitlines():
            assert_strict_json(line)
    elif fmt == "github":
        for line in out.decode().splitlines():
            assert line.startswith(("::error ", "::warning ", "::notice ")), line
    if fmt in ("text", "github", "markdown"):
        assert b"\x1b" not in out and "\u202e".encode() not in out


@FAST
@given(TREES, MUTATIONS, st.sampled_from([["lint", "-f", "json"], ["list", "-f", "json"], ["lint"],
                                          ["audit", "--all", "-f", "json"], ["stats", "-f", "json"]]))
def test_cli_random_registries(tmp_path_factory, tree, mutations, command):
    folder = tmp_path_factory.mktemp("reg")
    if isinstance(tree, dict) and tree:
        tree = {**registry_data(), **{k: v for k, v in tree.items() if isinstance(k, str)}}
    (folder / "claims.yaml").write_bytes(mutate(safe_dump(tree).encode("utf-8"), mutations))
    (folder / "page.txt").write_text("a miracle cure for everything")
    args = [*command, str(folder / "claims.yaml")] if command[0] == "lint" else [*command, "-r",
                                                                                 str(folder / "claims.yaml")]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code != 2 and "json" in command:
        assert_strict_json(result.stdout_bytes)
