"""Draft claims and review dates: lint (--strict, --max-age), list, audit, export, stats, schema."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.checks.reviews import parse_age
from claimcheck.cli import app
from claimcheck.lint import LintOptions, lint
from claimcheck.loader import load_registry
from conftest import FIXTURES

runner = CliRunner()
TODAY = datetime.date(2026, 11, 29)

DRAFT = """\
  - id: works-within-hours
    claim: "works for 70% of patients within hours."
    verdict: unreviewed
    appearances:
      - document: page
        quote: "works for 70% of patients within hours"
"""


def _project(tmp_path: Path, extra: str = "", edit=None) -> Path:
    """The mini registry (its documents beside it), with ``extra`` appended to its claims."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "p")
    path = tmp_path / "p" / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    if edit:
        text = edit(text)
    path.write_text(text + extra, encoding="utf-8")
    return path


def _reviewed(date: str, by: str = "A. Reviewer", more: str = "") -> callable:
    """Records a review on the first claim (not-controlled)."""
    def edit(text: str) -> str:
        return text.replace("    sources: [dea-drug-scheduling]\n",
                            f"    sources: [dea-drug-scheduling]\n    reviewed: {{date: \"{date}\", by: {by}{more}}}\n", 1)
    return edit


def _rules(path: Path, **options) -> list[tuple[str, str]]:
    findings = lint(load_registry(str(path)), LintOptions(today=TODAY, **options))
    return [(f.rule, f.severity.value) for f in findings]


@pytest.mark.parametrize("text, expected", [
    ("18mo", datetime.date(2025, 5, 29)),
    ("2y", datetime.date(2024, 11, 29)),
    ("6w", datetime.date(2026, 10, 18)),
    ("90d", datetime.date(2026, 8, 31)),
    ("1 month", datetime.date(2026, 10, 29)),
])
def test_age_cutoff(text, expected):
    assert parse_age(text).cutoff(TODAY) == expected


def test_age_cutoff_clamps_the_day_of_month():
    assert parse_age("1mo").cutoff(datetime.date(2026, 3, 31)) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize("text", ["18", "mo", "18 fortnights", "-3d", ""])
def test_bad_age_is_refused(text):
    with pytest.raises(ValueError, match="18mo"):
        parse_age(text)


def test_a_draft_validates_without_rationale_and_is_a_warning(tmp_path):
    path = _project(tmp_path, DRAFT)
    result = load_registry(str(path))
    assert not result.errors, result.problems
    assert result.registry.claims["works-within-hours"].is_draft
    assert _rules(path) == [("claim-unreviewed", "warning")]


def test_strict_makes_a_draft_an_error(tmp_path):
    path = _project(tmp_path, DRAFT)
    assert _rules(path, strict=True) == [("claim-unreviewed", "error")]
    assert runner.invoke(app, ["lint", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["lint", "--strict", str(path)])
    assert strict.exit_code == 1
    assert "error claim-unreviewed" in strict.stdout and "fix: review it" in strict.stdout


def test_a_reviewed_claim_still_needs_its_rationale(tmp_path):
    path = _project(tmp_path, DRAFT.replace("verdict: unreviewed", "verdict: unsupported"))
    result = load_registry(str(path))
    assert [(p.rule, p.message) for p in result.problems] == [
        ("schema-missing-field", "claim 'works-within-hours': missing required field 'rationale'")]


def test_missing_review_dates_are_reported_only_under_max_age(tmp_path):
    path = _project(tmp_path, edit=_reviewed("2026-01-05"))
    assert _rules(path) == []
    assert _rules(path, max_age=parse_age("18mo")) == [("review-missing", "warning")] * 3
    assert _rules(path, max_age=parse_age("6mo")) == [("review-overdue", "warning")] + [("review-missing", "warning")] * 3


@pytest.mark.parametrize("review, expected", [
    ('date: "2026-11-28", by: Ann', []),
    ('date: "2027-01-01", by: Ann', [("review-in-future", "error")]),
    ('date: "2026-01-01", by: Ann, next_review: "2026-06-01"', [("review-due", "warning")]),
    ('date: "2026-01-01", by: Ann, next_review: "2027-06-01", note: Spravato label changed in 2025', []),
])
def test_review_records(tmp_path, review, expected):
    path = _project(tmp_path, edit=lambda t: t.replace(
        "    sources: [dea-drug-scheduling]\n", f"    sources: [dea-drug-scheduling]\n    reviewed: {{{review}}}\n", 1))
    assert _rules(path) == expected


@pytest.mark.parametrize("review, rule", [
    ("date: 2026-11-28, by: Ann", "yaml-implicit-type"),  # an unquoted date: YAML 1.1 reads a date
    ('date: "28/11/2026", by: Ann', "schema-type"),
    ('date: "2026-11-28"', "schema-missing-field"),
    ('date: "2026-11-28", by: Ann, when: now', "schema-unknown-field"),
])
def test_bad_review_records_are_findings(tmp_path, review, rule):
    path = _project(tmp_path, edit=lambda t: t.replace(
        "    sources: [dea-drug-scheduling]\n", f"    sources: [dea-drug-scheduling]\n    reviewed: {{{review}}}\n", 1))
    assert rule in {p.rule for p in load_registry(str(path)).problems}


def test_list_verdict_unreviewed_is_the_review_queue(tmp_path):
    path = _project(tmp_path, DRAFT)
    result = runner.invoke(app, ["list", "-r", str(path), "--verdict", "unreviewed", "-f", "json"])
    assert result.exit_code == 0
    assert [c["id"] for c in json.loads(result.stdout)] == ["works-within-hours"]
    piped = runner.invoke(app, ["list", "-r", str(path), "--verdict", "unreviewed"])  # tab-separated lines
    assert piped.stdout.split("\t")[:2] == ["works-within-hours", "unreviewed"]


def test_list_table_shows_a_draft_as_not_yet_reviewed(tmp_path):
    from rich.console import Console

    from claimcheck.formats.listing import print_claims
    from claimcheck.loader import load_registry

    registry = load_registry(str(_project(tmp_path, DRAFT))).registry
    console = Console(record=True, width=120, color_system=None)
    print_claims(registry, list(registry.claims.values()), console)
    shown = console.export_text()
    assert "not yet reviewed" in shown and "unreviewed" not in shown


def test_audit_shows_a_draft_as_not_yet_reviewed(tmp_path):
    path = _project(tmp_path, DRAFT)
    result = runner.invoke(app, ["audit", "-r", str(path), "page", "-f", "json"])
    findings = [f for d in json.loads(result.stdout)["documents"] for f in d["findings"]]
    draft = [f for f in findings if f["rule"] == "unreviewed-claim"]
    assert len(draft) == 1 and draft[0]["severity"] == "info"
    assert draft[0]["message"].startswith("not yet reviewed: ")
    for fmt in ("text", "markdown", "html", "sarif", "github"):
        out = runner.invoke(app, ["audit", "-r", str(path), "page", "-f", fmt])
        assert out.exit_code == 1, (fmt, out.stdout)  # the false claims of the page are errors
        assert "not yet reviewed" in out.stdout.lower(), fmt
        if fmt != "sarif":  # SARIF's properties carry the registry's data as it is
            assert "unreviewed" not in out.stdout.replace("unreviewed-claim", "").replace("v-unreviewed", ""), fmt


def test_export_uses_each_claims_own_review(tmp_path):
    path = _project(tmp_path, DRAFT, edit=_reviewed("2026-01-05", "Dr Ann Lee"))
    result = runner.invoke(app, ["export", "claimreview", "-r", str(path), "--date", "2026-11-01", "--author", "Team"])
    reviews = {r["identifier"]: r for r in json.loads(result.stdout)}
    assert "works-within-hours" not in reviews  # a draft is not a review
    assert reviews["not-controlled"]["datePublished"] == "2026-01-05"
    assert reviews["not-controlled"]["author"] == {
        "@type": "Person", "name": "Dr Ann Lee", "affiliation": {"@type": "Organization", "name": "Team"}}
    assert reviews["fda-approved-depression"]["datePublished"] == "2026-11-01"
    assert reviews["fda-approved-depression"]["author"] == {"@type": "Organization", "name": "Team"}


def test_stats_shows_review_ages(tmp_path):
    from claimcheck.stats import review_ages

    path = _project(tmp_path, DRAFT, edit=_reviewed("2026-01-05", more=', next_review: "2026-06-01"'))
    registry = load_registry(str(path)).registry
    assert review_ages(registry, TODAY) == {"drafts": 1, "reviewed": 1, "undated": 3, "median_age_days": 328,
                                            "oldest_age_days": 328, "due": ["not-controlled"]}
    text = " ".join(runner.invoke(app, ["stats", "-r", str(path)]).stdout.split())
    assert "Reviews: 1 reviewed; median age" in text and "1 draft not yet reviewed" in text


def test_json_schema_lets_a_draft_leave_its_rationale():
    jsonschema = pytest.importorskip("jsonschema")
    from claimcheck.schema import json_schema

    schema = json.loads(json_schema())
    validator = jsonschema.Draft202012Validator(schema)
    base = {"id": "x", "claim": "c", "appearances": [{"document": "d", "quote": "q"}]}
    draft = {"schema_version": 1, "claims": [dict(base, verdict="unreviewed")]}
    reviewed = {"schema_version": 1, "claims": [dict(base, verdict="accurate",
                                                     reviewed={"date": "2026-01-05", "by": "Ann"})]}
    assert list(validator.iter_errors(draft)) == []
    assert [e.message for e in validator.iter_errors(reviewed)] == ["'rationale' is a required property"]
