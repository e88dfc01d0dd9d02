"""``claimcheck audit --format ...`` and ``claimcheck lint --format ...`` through the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from format_support import at_root  # noqa: F401

runner = CliRunner()
MINI = "tests/fixtures/mini/claims.yaml"  # relative: the tests run at the repository root (at_root)
LINT = "tests/fixtures/lint/claims.yaml"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


CHECKS = {
    "sarif": lambda out: json.loads(out)["runs"][0]["results"][0]["ruleId"] == "factually-wrong",
    "github": lambda out: out.startswith("::error file=tests/fixtures/mini/docs/page.txt,line=3,col=1,"),
    "markdown": lambda out: out.startswith("## claimcheck audit\n") and "| 1 | 3:1 |" in out,
    "html": lambda out: out.startswith("<!DOCTYPE html>") and "<mark" in out and out.rstrip().endswith("</html>"),
}


@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_audit_formats_on_stdout(fmt, at_root):
    result = run("audit", "page", "-r", MINI, "--format", fmt)
    assert result.exit_code == 1, result.output  # the page has errors
    assert CHECKS[fmt](result.stdout)


@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_audit_formats_to_a_file(fmt, at_root, tmp_path):
    target = tmp_path / f"report.{fmt}"
    result = run("audit", "page", "-r", MINI, "-f", fmt, "-o", str(target),
                 "--fail-on", "never")
    assert result.exit_code == 0 and result.stdout == ""
    assert CHECKS[fmt](target.read_text(encoding="utf-8"))


def test_html_keeps_the_document_text(at_root):
    result = run("audit", "page", "-r", MINI, "-f", "html")
    assert "Ketamine Clinic News</span>" in result.stdout  # the heading line of the document itself
    assert "unlike LSD." in result.stdout


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_lint_formats(fmt, at_root):
    result = run("lint", LINT, "--format", fmt)
    assert result.exit_code == 1
    if fmt == "sarif":
        results = json.loads(result.stdout)["runs"][0]["results"]
        assert "quote-not-found" in {r["ruleId"] for r in results}
    else:
        assert all(line.startswith(("::error ", "::warning ")) for line in result.stdout.splitlines())


def test_lint_rejects_audit_only_formats(at_root):
    result = runner.invoke(app, ["lint", LINT, "--format", "html"])
    assert result.exit_code == 2
