"""SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``) and other viewers.

One run; the driver declares every rule a result can name (the registry's flags and the audit's
own ids, or the lint rules), each result points at its rule by id and index. Columns count
Unicode code points (``columnKind``), end columns are exclusive, as claimcheck's own.
``partialFingerprints`` leave out the line, so an alert survives edits above it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Any, Optional
from urllib.parse import quote

from claimcheck import __version__
from claimcheck.formats.common import omitted_message
from claimcheck.formats.rules import LEVEL, RuleInfo, catalogue, claim_detail_lines, verdict_label
from claimcheck.model import Finding, Registry, Report, Stance
from claimcheck.text import json_safe, one_line

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Where a reader of a code-scanning alert learns about the tool. Change it when the project has a home page.
FINGERPRINT_KEY = "claimcheck/v1"


def render(report: Report) -> str:
    return json_safe(json.dumps(sarif_log(report), indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    rules = catalogue(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    fingerprints = _Fingerprints()
    results = [_result(f, report.registry, index, fingerprints) for f in sorted(report.findings)]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{one_line(d.path)}: {one_line(d.error)}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.path)}}}],
        }
        for d in report.documents if d.error
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    notifications += [  # what an output cap left out: the results are not all of them
        {
            "level": "warning",
            "message": {"text": f"{one_line(d.path)}: {omitted_message(d, report.kind)}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(d.path)}}}],
        }
        for d in report.documents if omitted_message(d)
    ]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "claimcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"kind": report.kind},
    }
    if report.kind == "audit":
        run["properties"]["documents"] = [
            {"uri": artifact_uri(d.path), "documentId": d.document_id, "title": d.title, "rating": d.rating}
            for d in report.documents
        ]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def artifact_uri(path: str) -> str:
    """A relative URI reference with forward slashes (an absolute path becomes a file: URI; a
    document read from a URL keeps its URL)."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path):
        return quote(path, safe="/:@!$&'()*+,;=?#%~[]")
    path = path.replace("\\", "/")
    if re.match(r"^[A-Za-z]:/", path):
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    while path.startswith("./"):
        path = path[2:]
    return quote(path, safe="/")


def _rule(rule: RuleInfo) -> dict[str, Any]:
    what = {"flag": "A flag of the registry", "verdict": "A verdict without a flag",
            "audit": "An audit rule", "lint": "A registry lint rule"}.get(rule.kind, "A rule")
    help_text = f"{rule.summary}\n\n{what} ({rule.id}, default severity {rule.severity.value})."
    if rule.kind in ("flag", "verdict"):
        help_text += (" Each result names the registered claim found in the text, its verdict, the rationale,"
                      " the correction and the sources.")
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in re.split(r"[-_.]", rule.id) if part),
        "shortDescription": {"text": _first_sentence(rule.summary)},
        "fullDescription": {"text": rule.summary},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["claimcheck", rule.kind]},
    }


def _first_sentence(text: str) -> str:
    head = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return head if len(head) <= 200 else head[:199] + "\u2026"


def _result(finding: Finding, registry: Optional[Registry], index: dict[str, int],
            fingerprints: "_Fingerprints") -> dict[str, Any]:
    line = max(1, finding.line)
    column = max(1, finding.column)
    region: dict[str, Any] = {"startLine": line, "startColumn": column}
    end_line = max(line, finding.end_line or line)
    region["endLine"] = end_line
    if finding.end_column and (end_line > line or finding.end_column > column):
        region["endColumn"] = finding.end_column
    m = finding.match
    if m is not None:
        region["snippet"] = {"text": m.matched_text}
    claim = registry.claims.get(m.claim_id) if (m is not None and registry is not None) else None
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVEL[finding.severity],
        "message": {"text": _message(finding, claim, registry)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(finding.path)},
                                            "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprints.of(finding)},
    }
    properties: dict[str, Any] = {}
    if m is not None:
        properties.update({
            "claimId": m.claim_id,
            "stance": m.stance.value,
            "stanceRule": m.stance_rule or None,
            "matchKind": m.kind.value,
            "confidence": round(m.confidence, 3),
            "quote": m.matched_text,
        })
    if claim is not None:
        properties.update({
            "verdict": claim.verdict.value,
            "verdictLabel": verdict_label(claim.verdict),
            "claim": claim.claim,
            "flags": list(claim.flags),
            "rationale": claim.rationale,
            "correction": claim.correction,
            "sources": [
                {"id": s.id, "citation": s.citation, "url": s.link}
                for s in (registry.sources[i] for i in claim.sources if i in registry.sources)
            ],
        })
    elif finding.fix:
        properties["fix"] = finding.fix
    if properties:
        result["properties"] = properties
    return result


def _message(finding: Finding, claim, registry: Optional[Registry]) -> str:
    m = finding.match
    if claim is None or m is None:
        text = one_line(finding.message)
        if finding.fix:
            text += f"\nFix: {one_line(finding.fix)}"
        return text
    lines = []
    if finding.rule == "reports-claim":  # reported, asked about or refuted: the audit's own words
        lines.append(f"{one_line(finding.message)}. Stance rule: {m.stance_rule}.")
    elif m.stance is Stance.agrees_with_evidence:
        lines.append(f"Agrees with the evidence: the passage states the correction of the claim "
                     f"\u201c{one_line(claim.claim)}\u201d ({verdict_label(claim.verdict)}).")
    else:
        lines.append(f"{verdict_label(claim.verdict)}: {one_line(claim.claim)}")
    lines.extend(claim_detail_lines(claim, m, registry))
    lines.append(f"Claim: {claim.id}")
    return "\n".join(lines)


class _Fingerprints:
    """A stable key per result: path, rule and what was found (not the line); repeats numbered."""

    def __init__(self) -> None:
        self._seen: Counter = Counter()

    def of(self, finding: Finding) -> str:
        m = finding.match
        what = (m.claim_id + "\0" + " ".join(m.matched_text.split()).lower()) if m else finding.message
        key = "\0".join((finding.path.replace("\\", "/"), finding.rule, what))
        self._seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{self._seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
        return digest[:32]
