"""Curator patterns: invalid ones are lint errors at their line; none can hang (RE2 is linear time).

No timing assertions: a catastrophic backtracking engine would not finish these tests at all
within pytest's normal run (2**100000 steps), which is the proof.
"""

from __future__ import annotations

import json

import pytest

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.match import compile_pattern
from hostile_support import assert_clean_stderr, assert_strict_json, run_cli, write_project

INVALID = [
    ("not a (controlled", "missing )"),
    ("(?<=x)y", "invalid perl operator"),
    ("(?!x)y", "invalid perl operator"),
    ("(a)\\1", "invalid escape sequence"),
    ("(?P<n>a)(?P=n)", "invalid"),
    ("a{1001}", "invalid repetition size"),
    ("((a{1000}){1000}){1000}", ""),
    ("[z-a]", "invalid character class range"),
    ("\\x{110000}", "invalid escape"),
    ("*", "no argument for repetition operator"),
    ("[\x1b[2J", "missing ]"),
]


def project_with(tmp_path, patterns, page="This clinic sells a miracle cure for everything.\n"):
    return write_project(tmp_path, patterns=patterns, page=page)


@pytest.mark.parametrize("regex, reason", INVALID)
def test_invalid_pattern_is_a_lint_error_at_its_line(tmp_path, regex, reason):
    registry = project_with(tmp_path, [{"regex": regex, "examples": {"match": ["miracle cure"]}}])
    lines = registry.read_text().splitlines()
    regex_line = next(i for i, ln in enumerate(lines, 1) if '"regex"' in ln)
    proc = run_cli("lint", str(registry), cwd=tmp_path)
    assert proc.returncode == 1
    assert_clean_stderr(proc.stderr)
    out = proc.stdout.decode()
    invalid = [ln for ln in out.splitlines() if "pattern-invalid" in ln]
    assert len(invalid) == 1, out
    assert f"claims.yaml:{regex_line}:" in invalid[0] and reason in invalid[0]
    assert "\x1b" not in out
    # the audit still runs, without the invalid pattern
    proc = run_cli("audit", "--all", "-r", str(registry), "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1
    assert_strict_json(proc.stdout)


def test_compile_pattern_raises_value_error_only():
    for regex, _ in INVALID:
        with pytest.raises(ValueError):
            compile_pattern(regex)


@pytest.mark.parametrize("regex", [
    "(a+)+$",
    "(a|a)+$",
    "(a*)*b",
    "((((((((((a*)*)*)*)*)*)*)*)*)*)*b",
    "(a|aa)+$",
    "(.*a){20}",
    "^(\\w+\\s?)*$",
])
def test_catastrophic_patterns_run_in_linear_time(tmp_path, regex):
    hostile = "a" * 100_000 + "!"
    compiled = compile_pattern(regex)
    compiled.search(hostile)  # backtracking engines take 2**100000 steps here
    registry = project_with(tmp_path, [{"regex": regex, "examples": {"match": ["aaaa"], "no_match": ["!"]}}],
                            page=("a" * 100_000 + "!\n") * 5 + ("aaaa " * 20_000) + "\n")
    result = load_registry(str(registry))
    report = Auditor(result.registry).audit_path(str(tmp_path / "page.txt"))
    assert report.error is None
    proc = run_cli("lint", str(registry), cwd=tmp_path, timeout=120)
    assert proc.returncode in (0, 1)
    assert_clean_stderr(proc.stderr)


@pytest.mark.parametrize("sentence", ["Word here. ", "W\u00f6rd h\u00e9re \U0001F600. "])
def test_pattern_matching_every_sentence_is_linear(tmp_path, sentence):
    # Regression: re2 re-encoded the whole text for every sentence searched (quadratic: minutes here).
    registry = project_with(tmp_path, [{"regex": "w.rd", "examples": {"match": ["word"]}},
                                       {"regex": "a*", "examples": {"match": ["a"]}}],
                            page=sentence * 30_000)
    result = load_registry(str(registry))
    report = Auditor(result.registry, max_findings=0, max_per_claim=0).audit_path(str(tmp_path / "page.txt"))
    matches = [f for f in report.findings if f.match]
    assert len(matches) == 30_000  # one finding per claim and sentence (no output cap here)
    last = matches[-1]
    assert last.column == len(sentence) * 29_999 + 1 and last.match.matched_text == sentence[:4]


def test_pattern_as_long_as_the_text_field_allows(tmp_path):
    regex = "(?:" + "|".join(f"word{i}" for i in range(2_000)) + ")"
    assert len(regex) <= 20_000
    registry = project_with(tmp_path, [{"regex": regex, "examples": {"match": ["word1999"]}}])
    proc = run_cli("lint", str(registry), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    proc = run_cli("audit", "--all", "-r", str(registry), "-f", "json", cwd=tmp_path)
    assert json.loads(proc.stdout)["summary"]["findings"] == 1


def test_pattern_over_re2_memory_budget_is_invalid_not_fatal(tmp_path):
    regex = "(?:" + "[a-z]{50}" * 40 + ")"
    registry = project_with(tmp_path, [{"regex": regex, "examples": {"match": ["x"]}}])
    proc = run_cli("lint", str(registry), cwd=tmp_path)
    assert proc.returncode == 1 and b"pattern-" in proc.stdout
    assert_clean_stderr(proc.stderr)
