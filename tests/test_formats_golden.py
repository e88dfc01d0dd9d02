"""Golden files for every output format, for an audit (the mini registry) and a lint (a
registry with problems). ``pytest --update-golden`` rewrites them after an intended change."""

from __future__ import annotations

import json

import pytest

from claimcheck.formats import renderer
from conftest import MINI_REGISTRY
from format_support import at_root, audit_report, lint_report, pinned_version  # noqa: F401

AUDIT_FORMATS = [("json", "json"), ("jsonl", "jsonl"), ("sarif", "sarif"), ("github", "github.txt"),
                 ("markdown", "md"), ("html", "html")]
LINT_FORMATS = [("json", "json"), ("sarif", "sarif"), ("github", "github.txt"), ("markdown", "md"),
                ("html", "html")]


@pytest.mark.parametrize("name, suffix", AUDIT_FORMATS)
def test_audit_golden(name, suffix, golden, at_root, pinned_version):
    report = audit_report(MINI_REGISTRY, ["page"])
    golden(f"audit-mini.{suffix}", renderer(name)(report))


@pytest.mark.parametrize("name, suffix", LINT_FORMATS)
def test_lint_golden(name, suffix, golden, at_root, pinned_version):
    out = renderer(name)(lint_report())
    if name == "sarif":
        out = only_rules_used(out)
    golden(f"lint-problems.{suffix}", out)


def only_rules_used(text: str) -> str:
    """The lint SARIF with only the rules its results name: the whole catalogue is checked in
    test_formats_sarif.py, and a reworded summary of another rule should not touch this file."""
    data = json.loads(text)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    used = sorted({r["ruleIndex"] for r in run["results"]})
    run["tool"]["driver"]["rules"] = [rules[i] for i in used]
    for result in run["results"]:
        del result["ruleIndex"]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", [n for n, _ in AUDIT_FORMATS])
def test_every_format_renders_an_empty_and_an_unreadable_document(name, at_root):
    from claimcheck.model import DocumentReport, Report

    report = Report("audit", (DocumentReport("empty.txt", None, None, (), 0, text=""),
                              DocumentReport("gone.txt", None, None, (), 0, error="no such file")), None)
    out = renderer(name)(report)
    assert isinstance(out, str) and out.endswith("\n")
    if name not in ("json", "jsonl"):
        assert "gone.txt" in out


def test_formats_are_pure(at_root):
    """Rendering twice gives the same text, and does not change the report."""
    report = audit_report(MINI_REGISTRY, ["page"])
    for name, _ in AUDIT_FORMATS:
        render = renderer(name)
        assert render(report) == render(report)
