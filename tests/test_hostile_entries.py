"""Registry entries that lint and audit must both judge, and judge alike: a quote that occurs a
huge number of times, a ``subject`` that is not a valid RE2 expression, a document that cannot
be read, a ``schema_version`` written as a string; and ``schema -o`` aimed at an input."""

from __future__ import annotations

import json

import pytest

from claimcheck.checks.quotes import MAX_OCCURRENCES_COUNTED, _count
from claimcheck.lint import lint_path
from hostile_support import assert_clean_stderr, dump, registry_data, run_cli, write_project

SENTENCE = "This clinic sells a miracle cure for everything. "


def _write(folder, data, page=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.yaml").write_text(dump(data), encoding="utf-8")
    if page is not None:
        (folder / "page.txt").write_text(page, encoding="utf-8")
    return folder / "claims.yaml"


def _findings(registry, rule):
    _, findings = lint_path(str(registry))
    return [f for f in findings if f.rule == rule]


# --- counting a quote's occurrences -------------------------------------------------------------


@pytest.mark.parametrize("text, quote, expected", [
    ("abc abc abc", "abc", (3, True)),
    ("aaaa", "aa", (3, True)),  # overlapping occurrences count
    ("abab", "ab", (2, True)),
    ("", "x", (0, True)),
    ("x", "", (0, True)),
    ("a" * 5000, "aa", (MAX_OCCURRENCES_COUNTED, False)),  # self-overlapping: counted one by one, up to the cap
])
def test_count(text, quote, expected):
    assert _count(text, quote) == expected


def test_a_self_overlapping_quote_is_counted_far_enough_for_its_occurrence():
    assert _count("a" * 5000, "aa", 3000) == (3001, False)
    assert _count("a" * 5000, "aa", 6000) == (4999, True)


def test_a_quote_occurring_30000_times_is_counted_exactly(tmp_path):
    data = registry_data()
    data["claims"][0]["appearances"][0]["occurrence"] = 30_001
    registry = _write(tmp_path / "p", data, SENTENCE * 30_000)
    [finding] = _findings(registry, "quote-occurrence")
    assert "occurrence 30001 but the quote occurs 30,000 times" in finding.message

    del data["claims"][0]["appearances"][0]["occurrence"]
    registry = _write(tmp_path / "q", data, SENTENCE * 30_000)
    [finding] = _findings(registry, "quote-ambiguous")
    assert "quote occurs 30,000 times" in finding.message


def test_an_uncountable_quote_says_at_least(tmp_path):
    data = registry_data(quote="ha ha")
    registry = _write(tmp_path / "p", data, "ha " * 200_000)
    [finding] = _findings(registry, "quote-ambiguous")
    assert f"at least {MAX_OCCURRENCES_COUNTED:,} times" in finding.message


# --- subject expressions ----------------------------------------------------------------------

BAD_SUBJECTS = [
    "(?<=a+)b)|(.*",  # lookbehind, unbalanced
    "(?:(?:x{1000}){1000}){1000}",  # repetition too large
    "(?:[a-z]{1000})" * 200,  # past RE2's memory budget
    "ketamine)|(?:esketamine",  # valid only once wrapped in (?: ... ): still invalid
]


@pytest.mark.parametrize("subject", BAD_SUBJECTS, ids=["lookbehind", "repetition", "oversized", "wrapped"])
def test_an_invalid_subject_is_a_lint_error_at_its_line_and_refused_by_audit(tmp_path, subject):
    data = registry_data()
    data["claims"][0]["subject"] = subject
    registry = _write(tmp_path / "p", data, "It is a miracle cure for everything, they say.\n")
    [finding] = _findings(registry, "subject-invalid")
    line = next(i for i, text in enumerate(registry.read_text().splitlines(), 1) if '"subject"' in text)
    assert (finding.line, finding.column) == (line, 18)
    assert "claim 'cure-all': invalid subject" in finding.message

    proc = run_cli("audit", "--all", "-r", str(registry), cwd=registry.parent)
    assert proc.returncode == 2, proc
    assert_clean_stderr(proc.stderr)
    lines = proc.stderr.decode().splitlines()
    assert lines[0].startswith(f"claims.yaml:{line}:18: error subject-invalid"), lines
    assert proc.stdout == b""


def test_an_invalid_subject_never_turns_the_filter_off_in_the_engine(tmp_path):
    """A library user who skips lint: the invalid subject matches nothing (the filter stays on)."""
    from claimcheck.audit import Auditor
    from claimcheck.loader import load_registry

    data = registry_data(patterns=[{"regex": "miracle cure", "examples": {"match": ["a miracle cure"]}}])
    data["claims"][0]["appearances"][0]["quote"] = "miracle cure for everything"
    data["claims"][0]["subject"] = "(?<=x)ketamine"
    registry = _write(tmp_path / "p", data, "It is a miracle cure for everything.\n")
    auditor = Auditor(load_registry(str(registry)).registry)
    report = auditor.audit_text("Coffee is not a miracle cure, but a nice drink.\n", "other.txt")
    assert not [f for f in report.findings if f.match], report.findings
    data["claims"][0]["subject"] = "coffee"
    registry = _write(tmp_path / "q", data, "It is a miracle cure for everything.\n")
    auditor = Auditor(load_registry(str(registry)).registry)
    report = auditor.audit_text("Coffee is a miracle cure, and a nice drink.\n", "other.txt")
    assert [f for f in report.findings if f.match]  # the same sentence does pass a valid subject


# --- audit's per-document errors carry the registry's line:column, as lint's do ---------------


@pytest.mark.parametrize("page, reason", [(None, "no such file"), (b"caf\xe9\n", "UTF-8")],
                         ids=["missing", "not-utf8"])
def test_audit_document_errors_name_the_entry_like_lint(tmp_path, page, reason):
    registry = write_project(tmp_path / "p", page=page)
    line = next(i for i, text in enumerate(registry.read_text().splitlines(), 1) if '"path"' in text)
    _, findings = lint_path(str(registry))
    [linted] = [f for f in findings if f.rule == "document-unreadable"]
    assert (linted.line, linted.column) == (line, 15)
    for args in (["--all"], ["page"]):
        proc = run_cli("audit", *args, "-r", "claims.yaml", cwd=registry.parent)
        assert proc.returncode == 2, proc
        assert_clean_stderr(proc.stderr)
        [error] = proc.stderr.decode().splitlines()
        assert error.startswith(f"claims.yaml:{line}:15: error document-unreadable document 'page': 'page.txt' "), error
        assert reason in error


# --- schema_version -----------------------------------------------------------------------------


@pytest.mark.parametrize("version, message", [
    ("1", "schema_version must be the number 1, not the string '1'"),
    (" 1", "schema_version must be the number 1, not the string ' 1'"),
    (2, "schema_version 2 is not supported (this claimcheck reads version 1)"),
    ("2", "schema_version '2' is not supported"),
])
def test_schema_version_says_what_is_wrong(tmp_path, version, message):
    data = registry_data()
    data["schema_version"] = version
    registry = _write(tmp_path / "p", data, "x\n")
    [finding] = _findings(registry, "schema-version")
    assert message in finding.message
    if isinstance(version, str) and version.strip() == "1":
        assert "without quotes" in finding.fix


# --- schema -o refuses inputs -------------------------------------------------------------------


def test_schema_output_refuses_the_registry_and_other_inputs(tmp_path):
    registry = write_project(tmp_path / "p")
    page = registry.parent / "page.txt"
    notes = registry.parent / "notes.yml"
    notes.write_text("a: 1\n")
    before = {p: p.read_bytes() for p in (registry, page, notes)}
    sub = registry.parent / "sub"
    sub.mkdir()
    for cwd, target in ((registry.parent, "claims.yaml"), (sub, "../claims.yaml"), (tmp_path, str(registry)),
                        (registry.parent, "page.txt"), (registry.parent, "notes.yml")):
        proc = run_cli("schema", "-o", target, cwd=cwd)
        assert proc.returncode == 2, (target, proc)
        assert_clean_stderr(proc.stderr)
        [line] = proc.stderr.decode().splitlines()
        assert "refusing to overwrite" in line, line
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in registry.parent.iterdir()) == ["claims.yaml", "notes.yml", "page.txt", "sub"]


def test_schema_output_replaces_a_schema_or_writes_a_new_file(tmp_path):
    target = tmp_path / "claims.schema.json"
    target.write_text("not yet a schema")
    for _ in range(2):  # an existing JSON file, then the previous schema replaced
        proc = run_cli("schema", "-o", str(target), cwd=tmp_path)
        assert proc.returncode == 0, proc
        assert json.loads(target.read_text())["title"].startswith("claimcheck registry")
