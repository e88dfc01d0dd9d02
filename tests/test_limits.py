"""Bounded output: at most --max-findings findings per document and --max-per-claim per claim
and document; what is left out is counted (summary, rating and exit code stay exact) and every
format says so in one line."""

from __future__ import annotations

import json

import pytest

from claimcheck.audit import Auditor
from claimcheck.limits import cap, omitted_line
from claimcheck.loader import load_registry
from claimcheck.model import Severity
from hostile_support import assert_clean_stderr, assert_strict_json, dump, registry_data, run_cli

SENTENCE = "Ask about our miracle cure today. "
OTHER = "Our clinic heals everything at once. "


@pytest.fixture
def project(tmp_path):
    data = registry_data(patterns=[{"regex": r"\bmiracle cure\b", "examples": {"match": ["a miracle cure"]}}])
    data["claims"][0]["appearances"][0]["quote"] = "sells a miracle cure for everything"
    second = dict(data["claims"][0], id="heals-all", claim="The clinic heals everything.",
                  appearances=[{"document": "page", "quote": "the clinic heals everything at once"}],
                  patterns=[{"regex": r"\bheals everything\b", "examples": {"match": ["it heals everything"]}}])
    data["claims"].append(second)
    (tmp_path / "claims.yaml").write_text(dump(data), encoding="utf-8")
    (tmp_path / "page.txt").write_text("This clinic sells a miracle cure for everything. The clinic heals "
                                       "everything at once.\n", encoding="utf-8")
    (tmp_path / "flood.txt").write_text((SENTENCE * 30 + OTHER * 20 + "\n") * 2, encoding="utf-8")
    return tmp_path


def _auditor(project, **options):
    return Auditor(load_registry(str(project / "claims.yaml")).registry, **options)


def test_the_first_findings_are_kept_and_the_rest_counted(project):
    text = (project / "flood.txt").read_text()
    full = _auditor(project, max_findings=0, max_per_claim=0).audit_text(text, "flood.txt")
    assert len(full.findings) == 100 and not full.omitted
    capped = _auditor(project, max_findings=10, max_per_claim=0).audit_text(text, "flood.txt")
    assert capped.findings == full.findings[:10]
    assert capped.omitted == (("error", "factually-wrong", 90),)
    assert capped.total == 100 and capped.count(Severity.error) == 100 and capped.rating == full.rating
    assert capped.rule_counts() == full.rule_counts()


def test_one_claim_cannot_crowd_out_the_others(project):
    text = (project / "flood.txt").read_text()
    report = _auditor(project, max_findings=0, max_per_claim=5).audit_text(text, "flood.txt")
    shown = [f.match.claim_id for f in report.findings]
    assert shown.count("cure-all") == 5 and shown.count("heals-all") == 5
    assert report.total == 100 and report.omitted == (("error", "factually-wrong", 90),)


def test_drafts_and_reported_claims_are_capped_and_counted_too(tmp_path):
    """Every finding of a match goes through the caps, whatever decided it: a draft claim's
    unreviewed-claim, a refuted report's reports-claim, the claim's own rule."""
    data = registry_data(patterns=[{"regex": r"\bmiracle cure\b", "examples": {"match": ["a miracle cure"]}}])
    data["claims"][0]["appearances"][0]["quote"] = "sells a miracle cure for everything"
    draft = {key: value for key, value in data["claims"][0].items()
             if key not in ("rationale", "correction", "flags", "sources")}
    draft.update(id="heals-all", claim="The clinic heals everything.", verdict="unreviewed",
                 appearances=[{"document": "page", "quote": "the clinic heals everything at once"}],
                 patterns=[{"regex": r"\bheals everything\b", "examples": {"match": ["it heals everything"]}}])
    data["claims"].append(draft)
    (tmp_path / "claims.yaml").write_text(dump(data), encoding="utf-8")
    (tmp_path / "page.txt").write_text("This clinic sells a miracle cure for everything. The clinic heals "
                                       "everything at once.\n", encoding="utf-8")
    text = ("Ask about our miracle cure today. Our clinic heals everything at once. "
            "Critics claim the clinic sells a miracle cure, which is false. ") * 10
    registry = load_registry(str(tmp_path / "claims.yaml")).registry
    full = Auditor(registry, max_findings=0, max_per_claim=0).audit_text(text, "x.txt")
    capped = Auditor(registry, max_findings=0, max_per_claim=3).audit_text(text, "x.txt")
    assert {"factually-wrong", "reports-claim", "unreviewed-claim"} <= set(full.rule_counts())
    assert len(capped.findings) == 6 and capped.total == full.total == 30
    assert capped.rule_counts() == full.rule_counts() and capped.rating == full.rating
    assert {s: capped.count(s) for s in Severity} == {s: full.count(s) for s in Severity}


def test_strict_lint_counts_the_findings_left_out(tmp_path):
    from limits_support import write_registry

    write_registry(tmp_path, claims=30)
    (tmp_path / "page.txt").write_text("Ketamine clinics say a miracle cure works for everything in hours.\n")
    # --max-age: every claim lacks a review record (a warning; an error under --strict)
    lenient = assert_strict_json(run_cli("lint", "--max-age", "18mo", "-f", "json", cwd=tmp_path).stdout)
    assert lenient["summary"]["by_severity"]["warning"] == 30
    proc = run_cli("lint", "--strict", "--max-age", "18mo", "-f", "json", "--max-findings", "1", cwd=tmp_path)
    data = assert_strict_json(proc.stdout)
    assert proc.returncode == 1 and len(data["documents"][0]["findings"]) == 1
    assert data["summary"]["by_severity"] == {"error": 59, "warning": 0, "info": 0}
    assert data["documents"][0]["omitted"]["findings"] == 58


def test_sentences_left_out_are_not_suggested_as_unregistered(project):
    text = (project / "flood.txt").read_text()
    report = _auditor(project, max_findings=0, max_per_claim=1, suggest=True).audit_text(text, "flood.txt")
    assert not [f for f in report.findings if f.rule == "unregistered-claim"]


def test_cap_and_its_line():
    assert cap([], 0) == ((), ())
    assert omitted_line(()) == ""
    line = omitted_line((("error", "a", 1200), ("info", "b", 1), ("warning", "c", 34)))
    assert line == ("1,235 more findings left out (1,200 errors, 34 warnings, 1 info); "
                    "pass --max-findings 0 --max-per-claim 0 to see them all")


LINE = "98 more findings left out (98 errors); pass --max-findings 0 --max-per-claim 0 to see them all"


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "markdown", "html"])
def test_every_format_shows_the_cap_and_keeps_the_counts(project, fmt):
    proc = run_cli("audit", "flood.txt", "-f", fmt, "--max-findings", "2", cwd=project)
    assert proc.returncode == 1, proc
    assert_clean_stderr(proc.stderr)
    out = proc.stdout.decode()
    assert out.count(LINE) == 1, out[-2000:]
    if fmt == "json":
        data = assert_strict_json(proc.stdout)
        [document] = data["documents"]
        assert len(document["findings"]) == 2 and document["counts"]["error"] == 100
        assert document["omitted"] == {"findings": 98, "by_rule": {"factually-wrong": 98}, "message": LINE}
        assert data["summary"]["findings"] == 100 and data["summary"]["by_rule"] == {"factually-wrong": 100}
    elif fmt == "jsonl":
        lines = [json.loads(line) for line in out.splitlines()]
        assert len(lines) == 3 and lines[-1]["omitted"]["findings"] == 98
    elif fmt == "sarif":
        data = assert_strict_json(proc.stdout)
        run = data["runs"][0]
        assert len(run["results"]) == 2
        assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "warning"
    elif fmt == "text":
        assert "(100 findings: 100 errors, 0 warnings, 0 info)" in out
    elif fmt == "markdown":
        assert "**1 document, 100 findings**: 100 errors" in out


def test_no_cap_shows_everything(project):
    proc = run_cli("audit", "flood.txt", "-f", "json", "--max-findings", "0", "--max-per-claim", "0", cwd=project)
    data = assert_strict_json(proc.stdout)
    assert len(data["documents"][0]["findings"]) == 100 and "omitted" not in data["documents"][0]
    proc = run_cli("audit", "flood.txt", "-f", "json", "--max-findings", "-1", cwd=project)
    assert proc.returncode == 2


def test_the_default_caps_bound_a_flood(tmp_path, project):
    (project / "flood.txt").write_text(SENTENCE * 5000, encoding="utf-8")
    proc = run_cli("audit", "flood.txt", "-f", "sarif", cwd=project)
    data = assert_strict_json(proc.stdout)
    assert len(data["runs"][0]["results"]) == 100  # one claim: --max-per-claim (100)
    assert "4,900 more findings left out" in proc.stdout.decode()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_lint_output_is_capped_too(tmp_path, fmt):
    from limits_support import write_registry

    write_registry(tmp_path, claims=30)  # 29 quotes not found: 29 errors
    (tmp_path / "page.txt").write_text("Ketamine clinics say a miracle cure works for everything in hours.\n")
    proc = run_cli("lint", "-f", fmt, "--max-findings", "4", cwd=tmp_path)
    assert proc.returncode == 1, proc
    out = proc.stdout.decode()
    assert out.count("25 more findings left out (25 errors); pass --max-findings 0 to see them all") == 1, out
    if fmt == "text":
        assert "claims.yaml: 29 problems (29 errors, 0 warnings, 0 info)" in out
    elif fmt == "json":
        assert assert_strict_json(proc.stdout)["summary"]["findings"] == 29
