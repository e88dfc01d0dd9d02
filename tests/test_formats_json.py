"""The JSON and JSON Lines formats, validated against a JSON Schema of format_version 1."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimcheck.formats import renderer
from conftest import MINI_REGISTRY
from format_support import ROOT, at_root, audit_report, hostile_report, lint_report  # noqa: F401

BUNDLED = ["000_838ac44e7969d4fd", "001_9d4116f8f411c7b8", "002_88d3b8cad0cf7519", "003_0b85e8669a762231",
           "004_a859421826e220fa"]

NULLABLE_TEXT = {"type": ["string", "null"]}
SOURCE = {
    "type": "object",
    "required": ["id", "title", "publisher", "year", "link"],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "year": {"type": "integer"},
                   "link": NULLABLE_TEXT},
}
FINDING = {
    "type": "object",
    "required": ["path", "line", "column", "end_line", "end_column", "severity", "rule", "message", "fix"],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "end_line": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1},
        "severity": {"enum": ["error", "warning", "info"]},
        "rule": {"type": "string", "minLength": 1},
        "message": {"type": "string"},
        "fix": NULLABLE_TEXT,
        "match": {
            "type": "object",
            "required": ["claim_id", "kind", "confidence", "stance", "text", "sentence"],
            "properties": {"kind": {"enum": ["exact", "pattern", "value", "fuzzy", "semantic"]},
                           "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                           "stance": {"enum": ["asserts", "agrees-with-evidence"]}},
        },
        "claim": {
            "type": ["object", "null"],
            "required": ["id", "claim", "verdict", "flags", "rationale", "correction", "sources"],
            "properties": {"sources": {"type": "array", "items": SOURCE}},
        },
    },
}
REPORT = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["tool", "version", "format_version", "kind", "documents", "summary"],
    "properties": {
        "tool": {"const": "claimcheck"},
        "format_version": {"const": 1},
        "kind": {"enum": ["audit", "lint"]},
        "documents": {"type": "array", "items": {
            "type": "object",
            "required": ["path", "document_id", "title", "rating", "error", "counts", "findings"],
            "properties": {
                "rating": {"enum": ["unreliable", "needs-review", "no-known-problems", "unreadable"]},
                "findings": {"type": "array", "items": FINDING},
            },
        }},
        "summary": {"type": "object", "required": ["documents", "findings", "by_severity", "by_rule"]},
    },
}


def strict(text: str):
    return json.loads(text, parse_constant=lambda name: pytest.fail(f"non-strict JSON constant {name}"))


@pytest.mark.parametrize("make", ["mini", "lint", "hostile"])
def test_json_matches_the_schema(make, at_root, tmp_path, monkeypatch):
    report = {"mini": lambda: audit_report(MINI_REGISTRY, ["page"]), "lint": lint_report,
              "hostile": lambda: hostile_report(tmp_path, monkeypatch)}[make]()
    data = strict(renderer("json")(report))
    jsonschema.Draft7Validator(REPORT).validate(data)
    assert data["summary"]["findings"] == len(report.findings)


def test_jsonl_is_one_valid_finding_per_line(at_root):
    report = audit_report(MINI_REGISTRY, ["page"])
    lines = renderer("jsonl")(report).splitlines()
    assert len(lines) == len(report.findings)
    for line in lines:
        jsonschema.Draft7Validator(FINDING).validate(strict(line))


@pytest.mark.parametrize("make", ["mini", "bundled", "hostile"])
def test_jsonl_fast_lines_are_what_the_general_encoder_writes(make, at_root, tmp_path, monkeypatch):
    """The JSON Lines renderer writes a claim finding's fields itself (and splices in the claim
    encoded once): byte for byte what json.dumps of finding_dict gives, hostile text included."""
    import dataclasses

    from claimcheck.formats import jsonl
    from claimcheck.formats.common import finding_dict

    report = {"mini": lambda: audit_report(MINI_REGISTRY, ["page"]),
              "bundled": lambda: audit_report(ROOT / "claims.yaml", BUNDLED),
              "hostile": lambda: hostile_report(tmp_path, monkeypatch)}[make]()
    findings = [f for f in report.findings if f.match is not None]
    assert findings
    # and findings with the values a real audit rarely gives: no fix, odd confidences, end 0
    findings += [dataclasses.replace(findings[0], fix=None, end_line=0, end_column=0,
                                     match=dataclasses.replace(findings[0].match, confidence=c))
                 for c in (0.0, 1.0, 0.333, 1e-05, 0.95)]
    for finding in findings:
        expected = jsonl._encode(finding_dict(finding, report.registry))
        assert jsonl._claim_finding_line(finding, jsonl._claim_json(report.registry, finding.match.claim_id), {}) \
            == expected
