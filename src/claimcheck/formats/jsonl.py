"""JSON Lines: one object per finding, written as soon as its document is audited."""

from __future__ import annotations

import json
import math
from typing import Optional

from claimcheck.formats.common import claim_dict, finding_dict, omitted_dict
from claimcheck.model import DocumentReport, Registry, Report
from claimcheck.text import json_safe

from json.encoder import c_encode_basestring, py_encode_basestring  # type: ignore[attr-defined]

# json.dumps(str, ensure_ascii=False) without the call: the C encoder, None without the accelerator
_string = c_encode_basestring or py_encode_basestring

# Every line of a claim's findings repeats the claim (verdict, rationale, correction, sources):
# it is encoded once per registry and spliced in, which leaves only the finding's own fields to
# encode per line (a corpus audit writes hundreds of thousands of lines). One registry is
# cached at a time, recognised by identity (a Registry holds dicts: it cannot be a dict key).
_claim_json_cache: tuple[Optional[Registry], dict[str, str]] = (None, {})


def _encode(data) -> str:
    return json_safe(json.dumps(data, ensure_ascii=False, allow_nan=False))


def _claim_json(registry: Registry, claim_id: str) -> str:
    global _claim_json_cache
    cached_registry, cache = _claim_json_cache
    if cached_registry is not registry:
        cache = {}
        _claim_json_cache = (registry, cache)
    encoded = cache.get(claim_id)
    if encoded is None:
        encoded = cache[claim_id] = _encode(claim_dict(registry, claim_id))
    return encoded


def render_document(document: DocumentReport, registry: Optional[Registry]) -> str:
    lines = []
    if document.error:
        lines.append(_encode({"path": document.path, "error": document.error}))
    sentences: dict[str, str] = {}  # findings in one sentence share its encoded text
    for finding in document.findings:
        if registry is not None and finding.match is not None and finding.match.claim_id in registry.claims:
            lines.append(_claim_finding_line(finding, _claim_json(registry, finding.match.claim_id), sentences))
        else:
            lines.append(_encode(finding_dict(finding, registry)))
    if document.omitted:  # what an output cap left out, after the document's findings
        lines.append(_encode({"path": document.path, "omitted": omitted_dict(document)}))
    return "".join(line + "\n" for line in lines)


def _claim_finding_line(finding, claim_json: str, sentences: dict[str, str]) -> str:
    """``_encode(finding_dict(finding, registry))`` for a finding of a registered claim, written
    out field by field (the same text: tests/test_formats_json.py compares them): most lines of a
    corpus audit are these."""
    m = finding.match
    sentence = sentences.get(m.sentence)
    if sentence is None:
        sentence = sentences[m.sentence] = _string(m.sentence)
    text = json_safe(
        f'{{"path": {_string(finding.path)}, "line": {finding.line}, "column": {finding.column}, '
        f'"end_line": {finding.end_line or finding.line}, "end_column": {finding.end_column or finding.column}, '
        f'"severity": {_string(finding.severity.value)}, "rule": {_string(finding.rule)}, '
        f'"message": {_string(finding.message)}, "fix": {_optional_string(finding.fix)}, '
        f'"match": {{"claim_id": {_string(m.claim_id)}, "kind": {_string(m.kind.value)}, '
        f'"confidence": {_number(m.confidence)}, "stance": {_string(m.stance.value)}, '
        f'"stance_rule": {_optional_string(m.stance_rule or None)}, '
        f'"text": {_string(m.matched_text)}, "sentence": {sentence}}}, '
    )
    return text + '"claim": ' + claim_json + "}"


def _optional_string(value) -> str:
    return "null" if value is None else _string(value)


def _number(value) -> str:
    if type(value) is float and math.isfinite(value):
        return repr(value)  # what json.dumps writes for a float
    return json.dumps(value, allow_nan=False)


def render(report: Report) -> str:
    return "".join(render_document(d, report.registry) for d in report.documents)
