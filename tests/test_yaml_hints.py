"""Lint that teaches: YAML mistakes get their cause and fix, a misspelt field hides nothing,
audit and lint count the same problems, and every lint finding says how to fix it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.lint import lint_path
from claimcheck.loader import load_registry
from conftest import FIXTURES

runner = CliRunner()
HEAD = "schema_version: 1\ndocuments:\n  - id: a\n"

# (registry text, line, column, words the message must hold, words the fix must hold)
SYNTAX = [
    pytest.param(HEAD + "    title: Ketamine: a review\n    path: a.txt\n", 4, 20,
                 "contains ': '", 'quote the value: title: "Ketamine: a review"', id="colon"),
    pytest.param(HEAD + "    title: Ketamine: a review  # note\n", 4, 20,
                 "contains ': '", 'title: "Ketamine: a review"', id="colon-before-comment"),
    pytest.param(HEAD + "\ttitle: x\n", 4, 1, "a tab character", "replace the tab with spaces", id="tab"),
    pytest.param(HEAD + '    title: "Ketamine works\n    path: a.txt\n', 4, 12,
                 "opened at line 4, column 12 is never closed", "close it", id="unclosed-to-end"),
    pytest.param(HEAD + "    title: 'Ketamine works\n    path: a.txt\n", 4, 12,
                 "opened at line 4, column 12 is never closed", "close it", id="unclosed-single"),
    pytest.param(HEAD + '    title: "Ketamine works\n    path: a.txt\n  - id: b\n    title: "ok"\n', 4, 12,
                 "'title' opened at line 4, column 12 is not closed on that line", "close the quote at the end of line 4",
                 id="unclosed-noticed-later"),
    pytest.param(HEAD + '    title: "Ketamine "works" now"\n', 4, 23,
                 "text after the closing quote of 'title'", r'title: "Ketamine \"works\" now"', id="inner-quote"),
    pytest.param(HEAD + "    title: - Ketamine\n", 4, 12, "starts with '- '", 'title: "- Ketamine"', id="dash"),
    pytest.param(HEAD + "    title: [Ketamine\n    path: x\n", 4, 12, "starts with '['", 'title: "[Ketamine"',
                 id="bracket"),
    pytest.param(HEAD + "    title: x\n   path: x\n", 5, 4, "indentation of line 5", "same column", id="indent"),
]


@pytest.mark.parametrize("text, line, column, message, fix", SYNTAX)
def test_syntax_errors_name_their_cause_and_fix(tmp_path, text, line, column, message, fix):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_registry(str(path))
    assert result.fatal
    [problem] = result.problems
    assert (problem.line, problem.column, problem.rule) == (line, column, "yaml-syntax")
    assert message in problem.message and "(the parser: " in problem.message
    assert problem.fix and fix in problem.fix


@pytest.mark.parametrize("line, found", [
    ("    title: Clinic #1 in town\n", True),
    ("  - title: Clinic #1\n", True),
    ("    publisher_type: clinic blog # a comment, with a space\n", False),
    ('    title: "Clinic #1 in town"\n', False),
    ("    quote: 'Clinic #1'\n", False),
    ("    id: clinic #1\n", False),  # not a prose field: ids cannot hold '#'
    ("    title: Clinic#1\n", False),  # no space before '#': part of the value
])
def test_comment_in_a_prose_value(line, found):
    from claimcheck.yaml_hints import comment_in_values

    assert bool(list(comment_in_values("x: 1\n" + line))) is found


MISSPELT = FIXTURES / "mini" / "claims.yaml"


def _copy(tmp_path: Path, edit) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path / "p")
    path = tmp_path / "p" / "claims.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _misspelt(text: str) -> str:
    """The first claim's 'appearances' misspelt, its quote mistyped, its correction gone."""
    text = text.replace("    appearances:\n      - document: page\n        quote: \"Ketamine is not a controlled substance\"",
                        "    apperances:\n      - document: page\n        quote: \"Ketamine is not a controled substance\"", 1)
    return text.replace("    correction: Ketamine is a Schedule III controlled substance in the United States.\n", "", 1)


def test_a_misspelt_field_hides_no_other_problem(tmp_path):
    path = _copy(tmp_path, _misspelt)
    _, findings = lint_path(str(path))
    rules = sorted(f.rule for f in findings)
    assert rules == ["correction-missing", "quote-not-found", "schema-unknown-field"]
    unknown = next(f for f in findings if f.rule == "schema-unknown-field")
    assert "did you mean 'appearances'?" in unknown.message and unknown.fix == "rename it to 'appearances'"
    quote = next(f for f in findings if f.rule == "quote-not-found")
    assert (quote.line, quote.column) == (32, 16)  # the quote itself, under the misspelt key


def test_a_misspelt_nested_field_is_read_as_meant(tmp_path):
    path = _copy(tmp_path, lambda t: t.replace('        quote: "works for 70% of patients"',
                                               '        qoute: "works for 80% of patients"', 1))
    rules = sorted(f.rule for f in lint_path(str(path))[1])
    assert rules == ["quote-not-found", "schema-unknown-field"]


def test_a_misspelling_with_other_schema_errors_is_not_guessed(tmp_path):
    path = _copy(tmp_path, lambda t: _misspelt(t).replace(
        "    rationale: Ketamine is in Schedule III of the Controlled Substances Act.\n", "", 1))
    rules = sorted(f.rule for f in lint_path(str(path))[1])
    assert rules == ["schema-missing-field", "schema-unknown-field"]


def test_audit_and_lint_count_the_same_errors(tmp_path):
    path = _copy(tmp_path, _misspelt)
    linted = runner.invoke(app, ["lint", str(path)])
    audited = runner.invoke(app, ["audit", "-r", str(path), "--all"])
    assert linted.exit_code == 1 and audited.exit_code == 2
    assert "3 problems (3 errors" in linted.stdout
    assert "the registry has 3 errors" in audited.stderr


def test_every_lint_finding_of_the_fixtures_says_how_to_fix_it():
    """Each rule's fixture registry (tests/fixtures/registries) gives findings with a fix."""
    without = set()
    for path in sorted((FIXTURES / "registries").glob("*.yaml")):
        for finding in lint_path(str(path))[1]:
            if not finding.fix:
                without.add((finding.rule, finding.message))
    assert without == set()
