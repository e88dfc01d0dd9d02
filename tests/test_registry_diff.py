"""`claimcheck diff`: registry changes against a git revision, on two commits of a test registry."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from conftest import FIXTURES

runner = CliRunner()
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(folder: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(folder), "PATH": "/usr/bin:/bin:/usr/local/bin",
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """The mini registry committed on main; a branch that changes a verdict, adds a claim and an
    appearance, and rewords the document so that one quote goes stale."""
    folder = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", folder)
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "one")
    _git(folder, "checkout", "-qb", "review")
    registry = folder / "claims.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("    verdict: unsupported\n    flags: [unsupported]\n",
                        "    verdict: \"false\"\n    flags: [factually-wrong]\n"
                        "    correction: No trial supports the figure.\n    sources: [dea-drug-scheduling]\n")
    text = text.replace('        quote: "approved by the FDA for treating depression"\n',
                        '        quote: "approved by the FDA for treating depression"\n'
                        '      - document: page\n        quote: "in 2019"\n')
    text += ("  - id: call-today\n    claim: Call the clinic today.\n    verdict: unreviewed\n"
             "    appearances:\n      - document: page\n        quote: \"Call us today\"\n")
    registry.write_text(text, encoding="utf-8")
    page = folder / "docs" / "page.txt"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Ketamine is not a controlled substance, unlike LSD.", "Ketamine is a Schedule III drug."), encoding="utf-8")
    _git(folder, "commit", "-qam", "two")
    monkeypatch.chdir(folder)
    return folder


def test_text(repo):
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("claims.yaml since ")
    assert "1 claim added, 0 claims removed, 1 verdict changed, 1 appearance added" in " ".join(result.stdout.split())
    assert "+ claim call-today (draft, not yet reviewed; in page)" in lines
    assert "~ claim seventy-percent: verdict unsupported \u2192 false" in lines
    assert "~ claim seventy-percent: flags +factually-wrong -unsupported" in lines
    assert '+ appearance of fda-approved-depression in page: "in 2019"' in lines
    assert ('! stale appearance of not-controlled: its quote is no longer in page: '
            '"Ketamine is not a controlled substance"') in lines


def test_markdown(repo):
    result = runner.invoke(app, ["diff", "main", "-f", "markdown"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("### Registry changes in `claims.yaml` since `")
    assert "#### Stale appearances (the quote is no longer in the document)" in out
    assert "- claim seventy-percent: verdict unsupported \u2192 false" in out
    assert out.index("#### Stale") < out.index("#### Changed") < out.index("#### Added")


def test_json(repo):
    result = runner.invoke(app, ["diff", "HEAD~1", "-f", "json"])
    data = json.loads(result.stdout)
    assert data["revision"] == "HEAD~1"
    assert [c["id"] for c in data["claims"]["added"]] == ["call-today"]
    [change] = data["claims"]["changed"]
    assert change["id"] == "seventy-percent"
    assert {"field": "verdict", "before": "unsupported", "after": "false"} in change["changes"]
    assert data["appearances"]["added"] == [{"claim": "fda-approved-depression", "document": "page", "quote": "in 2019"}]
    assert data["appearances"]["stale"] == [{"claim": "not-controlled", "document": "page",
                                             "quote": "Ketamine is not a controlled substance"}]
    assert data["sources"] == {"added": [], "removed": [], "changed": []}


def test_no_changes(repo):
    result = runner.invoke(app, ["diff", "HEAD"])
    assert result.exit_code == 0 and "no changes to the registry's content" in result.stdout


def test_a_registry_new_since_the_revision(repo):
    result = runner.invoke(app, ["diff", "HEAD", "-r", "claims.yaml", "-f", "json"])
    assert json.loads(result.stdout)["claims"]["added"] == []
    shutil.copytree(repo, repo / "copy", ignore=shutil.ignore_patterns(".git"))
    result = runner.invoke(app, ["diff", "HEAD", "-r", "copy/claims.yaml", "-f", "json"])
    assert len(json.loads(result.stdout)["claims"]["added"]) == 5


@pytest.mark.parametrize("args, message", [
    (["diff", "no-such-rev"], "'no-such-rev' is not a revision"),
    (["diff", "--", "--output=x"], "'--output=x' is not a revision"),
    (["diff", "--", "-p"], "'-p' is not a revision"),
])
def test_bad_revision(repo, args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr


def test_outside_git(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "mini", tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 2 and "not in a git repository" in result.stderr


def test_the_docs_example(repo):
    """docs/first-registry.md shows this repository's diff."""
    from test_first_registry import console

    args, expected = console("test: diff")
    result = runner.invoke(app, args, env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0 and result.stdout == expected
