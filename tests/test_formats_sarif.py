"""SARIF 2.1.0: valid against the OASIS schema (tests/schemas/, see its README for provenance)
and shaped as GitHub code scanning needs it: declared rules, indexes, levels, relative URIs,
regions in code points, stable fingerprints."""

from __future__ import annotations

import json
from functools import lru_cache

import jsonschema
import pytest

from claimcheck.formats import sarif
from claimcheck.model import Severity
from conftest import MINI_REGISTRY, ROOT
from format_support import at_root, audit_report, hostile_report, lint_report  # noqa: F401

SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"


@lru_cache(maxsize=1)
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def render_checked(report) -> dict:
    text = sarif.render(report)
    data = json.loads(text, parse_constant=lambda name: pytest.fail(f"non-strict JSON constant {name}"))
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    check_github_shape(data)
    return data


def check_github_shape(data: dict) -> None:
    assert data["version"] == "2.1.0" and len(data["runs"]) == 1
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"]
    assert "informationUri" not in driver  # optional; claimcheck has no home page to point to yet
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    fingerprints = set()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"].strip()
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith(("/", "file:")), uri
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= region["startLine"]
        if "endColumn" in region and region["endLine"] == region["startLine"]:
            assert region["endColumn"] > region["startColumn"]
        fingerprint = result["partialFingerprints"]["claimcheck/v1"]
        assert fingerprint not in fingerprints
        fingerprints.add(fingerprint)


def test_mini_audit_is_valid_sarif_with_claim_details(at_root):
    data = render_checked(audit_report(MINI_REGISTRY, ["page"]))
    run = data["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["factually-wrong", "unsupported", "marketing"]
    first = run["results"][0]
    assert first["ruleId"] == "factually-wrong" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "tests/fixtures/mini/docs/page.txt"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 39,
        "snippet": {"text": "Ketamine is not a controlled substance"}}
    text = first["message"]["text"]
    assert text.startswith("False: Ketamine is not a controlled substance.")
    assert "Correction: Ketamine is a Schedule III controlled substance" in text
    assert "https://www.dea.gov/drug-information/drug-scheduling" in text
    properties = first["properties"]
    assert properties["verdict"] == "false" and properties["claimId"] == "not-controlled"
    assert properties["sources"][0]["url"] == "https://www.dea.gov/drug-information/drug-scheduling"
    assert [r["level"] for r in run["results"]] == ["error", "error", "warning", "note"]


def test_every_registered_document_audit_is_valid_sarif(at_root):
    from claimcheck.loader import load_registry

    registry = load_registry(str(ROOT / "claims.yaml")).registry
    assert registry is not None
    report = audit_report(ROOT / "claims.yaml", sorted(registry.documents), keep_text=False, suggest=True)
    data = render_checked(report)
    declared = {r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert set(registry.flags) <= declared
    assert {f.rule for f in report.findings} <= declared


def test_lint_is_valid_sarif_and_declares_every_lint_rule(at_root):
    from claimcheck.checks import RULES

    data = render_checked(lint_report())
    run = data["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]][: len(RULES)] == list(RULES)
    assert {r["ruleId"] for r in run["results"]} >= {"unused-flag", "quote-not-found", "ref-undefined"}
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "tests/fixtures/lint/claims.yaml"
               for r in run["results"])


def test_audit_rules_that_are_not_flags_are_declared(tmp_path, monkeypatch):
    """stale-quote, agrees-with-evidence, unregistered-claim and verdict-* get rules of their own."""
    (tmp_path / "claims.yaml").write_text(
        "schema_version: 1\n"
        "flags:\n  - {id: factually-wrong, severity: error, description: Wrong.}\n"
        "sources:\n  - {id: s, title: T, publisher: P, year: 2020, url: 'https://example.org/'}\n"
        "documents:\n  - {id: d, path: d.txt, title: D, publisher_type: blog}\n"
        "  - {id: e, path: e.txt, title: E, publisher_type: blog}\n"
        "claims:\n"
        "  - {id: approved, claim: Ketamine is FDA-approved for depression., verdict: 'false', flags: [factually-wrong],\n"
        "     rationale: R., correction: Ketamine is not FDA-approved for depression., sources: [s],\n"
        "     appearances: [{document: d, quote: ketamine is fda-approved for depression}]}\n"
        "  - {id: gone, claim: Gone., verdict: accurate, rationale: R., sources: [s],\n"
        "     appearances: [{document: d, quote: this sentence was removed}]}\n"
        "  - {id: true-one, claim: It is an anaesthetic., verdict: accurate, rationale: R., sources: [s],\n"
        "     appearances: [{document: d, quote: ketamine is an anaesthetic}]}\n",
        encoding="utf-8")
    (tmp_path / "d.txt").write_text(
        "Ketamine is FDA-approved for depression. Ketamine is an anaesthetic.\n"
        "A study of 300 patients found a 70% response rate.\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text("It is a myth that ketamine is FDA-approved for depression.\n"
                                    "It is not true that ketamine is FDA-approved for depression.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = audit_report(tmp_path / "claims.yaml", ["d", "e"], suggest=True)
    rules_found = {f.rule for f in report.findings}
    assert {"stale-quote", "agrees-with-evidence", "reports-claim", "unregistered-claim", "verdict-accurate"} <= rules_found
    data = render_checked(report)
    rules = {r["id"]: r for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["stale-quote"]["defaultConfiguration"]["level"] == "error"
    assert rules["agrees-with-evidence"]["defaultConfiguration"]["level"] == "note"
    assert rules["reports-claim"]["defaultConfiguration"]["level"] == "note"
    assert "verdict 'accurate'" in rules["verdict-accurate"]["fullDescription"]["text"]
    stale = [r for r in data["runs"][0]["results"] if r["ruleId"] == "stale-quote"]
    assert stale[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "claims.yaml"


def test_fingerprints_survive_lines_added_above(tmp_path, monkeypatch):
    from claimcheck.audit import Auditor
    from claimcheck.model import Report

    from format_support import load

    registry = load(MINI_REGISTRY)
    text = (MINI_REGISTRY.parent / "docs" / "page.txt").read_text(encoding="utf-8")
    auditor = Auditor(registry)

    def prints(document_text):
        report = Report("audit", (auditor.audit_text(document_text, "page.txt", "page"),), registry)
        results = sarif.sarif_log(report)["runs"][0]["results"]
        return [(r["ruleId"], r["partialFingerprints"]["claimcheck/v1"]) for r in results]

    before, after = prints(text), prints("A new first line.\n\n" + text)
    assert before == after and len(before) == 4


def test_unreadable_documents_are_tool_notifications(at_root):
    from claimcheck.model import DocumentReport, Report

    report = Report("audit", (DocumentReport("gone.txt", None, None, (), 0, error="no such file"),), None)
    data = render_checked(report)
    invocation = data["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "gone.txt: no such file"


@pytest.mark.parametrize("path, uri", [
    ("docs/a b.txt", "docs/a%20b.txt"),
    ("docs\\win.txt", "docs/win.txt"),
    ("./x.txt", "x.txt"),
    ("évidence/ü.txt", "%C3%A9vidence/%C3%BC.txt"),
    ("a:b.txt", "a%3Ab.txt"),
    ("/abs/x.txt", "file:///abs/x.txt"),
])
def test_artifact_uris(path, uri):
    assert sarif.artifact_uri(path) == uri


def test_hostile_text_stays_data(tmp_path, monkeypatch):
    data = render_checked(hostile_report(tmp_path, monkeypatch))
    result = data["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "evil%2Cname%3Ax.txt"
    assert "\x1b" not in json.dumps(data["runs"][0]["results"][1]["message"])


def test_levels_map_severities():
    assert sarif.LEVEL == {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def test_lint_of_an_unusable_and_several_registries_is_valid_sarif(tmp_path, monkeypatch):
    from claimcheck.lint import lint_path, lint_report as build

    from conftest import FIXTURES

    import shutil

    shutil.copytree(FIXTURES / "lint", tmp_path / "other")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.yaml").write_text("flags: [\n", encoding="utf-8")
    data = render_checked(build([lint_path("claims.yaml"), lint_path("other/claims.yaml")]))
    run = data["runs"][0]
    assert run["results"][0]["ruleId"] == "yaml-syntax"
    assert run["invocations"][0]["executionSuccessful"] is False
