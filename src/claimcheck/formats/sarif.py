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
import struct
import uuid
from collections import Counter
from itertools import groupby
from typing import Any, Iterable, Iterator, Optional
from urllib.parse import quote

from claimcheck import __version__
from claimcheck.formats.common import omitted_message
from claimcheck.formats.rules import LEVEL, RuleInfo, catalogue, claim_detail_lines, describe, verdict_label
from claimcheck.model import DocumentReport, Finding, Registry, Report, Stance
from claimcheck.text import json_safe, one_line

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Where a reader of a code-scanning alert learns about the tool. Change it when the project has a home page.
FINGERPRINT_KEY = "claimcheck/v1"


def render(report: Report) -> str:
    return "".join(render_stream(report.documents, report.registry, report.kind))


def render_stream(documents: Iterable[DocumentReport], registry: Optional[Registry], kind: str,
                  folder: Optional[str] = None) -> Iterator[str]:
    """The text of ``json.dumps(sarif_log(report), indent=2)``, byte for byte, for documents that
    come one at a time: each document's results, notifications and properties are encoded as it
    comes and spooled (``formats.spool``, in ``folder``); only counts and a small index per document
    stay in memory. Nothing is yielded before the last document is in, so a failed audit writes
    no partial log."""
    log = _StreamedLog(registry, kind, folder)
    try:
        for document in documents:
            log.add(document)
        yield from log.pieces()
    finally:
        log.close()


def sarif_log(report: Report) -> dict[str, Any]:
    """The whole log as one object (``render_stream`` writes the same text without building it)."""
    rules = catalogue(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    fingerprints = _Fingerprints()
    results = [_result(f, report.registry, index, fingerprints) for f in sorted(report.findings)]
    errors = [_error_notification(d) for d in report.documents if d.error]
    omitted = [_omitted_notification(d, report.kind) for d in report.documents if omitted_message(d)]
    documents = [_document_property(d) for d in report.documents] if report.kind == "audit" else None
    return _log(rules, errors + omitted, bool(errors), results, report.kind, documents)


def _log(rules: list[RuleInfo], notifications: list, failed: bool, results: list, kind: str,
         documents: Optional[list]) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if notifications:  # unreadable documents (errors), then what an output cap left out (warnings)
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
        "properties": {"kind": kind},
    }
    if documents is not None:
        run["properties"]["documents"] = documents
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _error_notification(document: DocumentReport) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{one_line(document.path)}: {one_line(document.error or '')}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(document.path)}}}],
    }


def _omitted_notification(document: DocumentReport, kind: str) -> dict[str, Any]:
    """What an output cap left out: the results are not all of them."""
    return {
        "level": "warning",
        "message": {"text": f"{one_line(document.path)}: {omitted_message(document, kind)}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(document.path)}}}],
    }


def _document_property(document: DocumentReport) -> dict[str, Any]:
    return {"uri": artifact_uri(document.path), "documentId": document.document_id, "title": document.title,
            "rating": document.rating}


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

    def __init__(self, salt: str = "") -> None:
        self._seen: Counter = Counter()
        self._salt = salt  # set when one path is reported by several documents: keeps their keys apart

    def of(self, finding: Finding) -> str:
        m = finding.match
        what = (m.claim_id + "\0" + " ".join(m.matched_text.split()).lower()) if m else finding.message
        key = "\0".join((finding.path.replace("\\", "/") + self._salt, finding.rule, what))
        self._seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{self._seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
        return digest[:32]


# --- streaming ----------------------------------------------------------------------------

_PATCH = struct.Struct("<qI")  # (byte offset of a placeholder rule index in the results spool, rule code)


class _StreamedLog:
    """``sarif_log`` built one document at a time, its growing parts (results, notifications,
    document properties) encoded as they come and spooled.

    Two things are known only at the end. The results are sorted by path (as ``sarif_log`` sorts
    every finding): each document's results are spooled as one segment per path, sorted within it,
    and the segments are copied in path order. And a rule that is not one of the registry's flags
    (``reports-claim``, ``verdict-*``, ...) gets its index only once every rule that occurs is
    known (they are declared sorted, after the flags): its results are spooled with the index 0
    and the place of that 0 is noted in a patch spool, to be written over when copied."""

    def __init__(self, registry: Optional[Registry], kind: str, folder: Optional[str]) -> None:
        from claimcheck.formats.spool import Spool

        self.registry = registry
        self.kind = kind
        self._report = Report(kind, (), registry)
        self._fixed = catalogue(self._report)  # the registry's flags (audit) or every lint rule
        self._index = {rule.id: i for i, rule in enumerate(self._fixed)}
        self._extra: dict[str, RuleInfo] = {}  # other rules, in the order first seen
        self._codes: dict[str, int] = {}
        self._placeholder = _Placeholder(self._index)
        self._spools: list = []

        def spool():
            self._spools.append(Spool(folder))
            return self._spools[-1]

        self._results, self._patches = spool(), spool()
        self._errors, self._omitted, self._documents = spool(), spool(), spool()
        self._segments: list[tuple[str, int, int, int, int, int]] = []  # (path, n, start, end, first patch, end patch)
        self._paths: dict[str, int] = {}  # how many segments each path has had

    def add(self, document: DocumentReport) -> None:
        if document.error:
            self._item(self._errors, _error_notification(document))
        if omitted_message(document):
            self._item(self._omitted, _omitted_notification(document, self.kind))
        if self.kind == "audit":
            self._item(self._documents, _document_property(document))
        findings = sorted(document.findings)
        for f in findings:  # declared in the order first seen, with the first one's severity
            if f.rule not in self._index and f.rule not in self._extra:
                self._extra[f.rule] = describe(f.rule, self._report, f.severity)
                self._codes[f.rule] = len(self._codes)
        for path, run in groupby(findings, key=lambda f: f.path):
            self._segment(path, list(run))

    def _segment(self, path: str, findings: list[Finding]) -> None:
        uses = self._paths.get(path, 0)
        self._paths[path] = uses + 1
        fingerprints = _Fingerprints(f"\0{uses}" if uses else "")
        start = self._results.size
        first_patch = self._patches.count
        for number, finding in enumerate(findings):
            result = _result(finding, self.registry, self._placeholder, fingerprints)
            rest = {k: v for k, v in result.items() if k not in ("ruleId", "ruleIndex")}
            head = (",\n" if number else "") + '{\n  "ruleId": ' + _encoded(finding.rule) + ',\n  "ruleIndex": '
            tail = ",\n" + _encoded(rest)[2:]  # json.dumps of the whole result, cut after its index
            self._results.write(head)
            if finding.rule in self._index:
                self._results.write(str(self._index[finding.rule]) + tail)
            else:
                offset = self._results.write("0" + tail)
                self._patches.write_bytes(_PATCH.pack(offset, self._codes[finding.rule]))
        self._segments.append((path, len(self._segments), start, self._results.size, first_patch,
                               self._patches.count))

    @staticmethod
    def _item(spool, data: dict) -> None:
        spool.write((",\n" if spool.count else "") + _encoded(data))

    def pieces(self) -> Iterator[str]:
        """The log: its skeleton (the whole run, small) encoded with a mark in place of each spooled
        list, then each mark's line replaced by the spool, indented to the mark's depth."""
        extra = sorted(self._extra.items())
        rules = self._fixed + [info for _, info in extra]
        extra_index = {rule: len(self._fixed) + i for i, (rule, _) in enumerate(extra)}
        by_code = {code: extra_index[rule] for rule, code in self._codes.items()}
        token = "claimcheck-spool-" + uuid.uuid4().hex
        marks = {}

        def mark(name: str, pieces) -> list[str]:
            marks[f"{token}-{name}"] = pieces
            return [f"{token}-{name}"]

        notifications = mark("notifications", self._notifications) if self._errors.count or self._omitted.count else []
        results = mark("results", lambda: self._sorted_results(by_code)) if self._segments else []
        documents = None
        if self.kind == "audit":
            documents = mark("documents", self._documents.read) if self._documents.count else []
        text = _encoded(_log(rules, notifications, bool(self._errors.count), results, self.kind, documents)) + "\n"
        done = 0
        for at, name in sorted((text.index(f'"{name}"'), name) for name in marks):
            line_start = text.rfind("\n", 0, at) + 1
            pad = text[line_start:at]
            yield text[done:line_start] + pad
            for piece in marks[name]():
                yield piece.replace("\n", "\n" + pad)
            done = at + len(name) + 2
        yield text[done:]

    def _notifications(self) -> Iterator[str]:
        yield from self._errors.read()
        if self._errors.count and self._omitted.count:
            yield ",\n"
        yield from self._omitted.read()

    def _sorted_results(self, by_code: dict[int, int]) -> Iterator[str]:
        """The results, their segments in path order, each placeholder index written over."""
        for number, (_, _, start, end, first, last) in enumerate(sorted(self._segments)):
            if number:
                yield ",\n"
            position = start
            for offset, code in self._patch_records(first, last):
                yield from self._results.read(position, offset)
                yield str(by_code[code])
                position = offset + 1  # the placeholder 0
            yield from self._results.read(position, end)

    def _patch_records(self, first: int, last: int) -> Iterator[tuple[int, int]]:
        size = _PATCH.size
        while first < last:
            count = min(last - first, 4096)
            yield from _PATCH.iter_unpack(self._patches.read_bytes(first * size, (first + count) * size))
            first += count

    def close(self) -> None:
        for spool in self._spools:
            spool.close()


class _Placeholder(dict):
    """A rule index for ``_result``: the known ones, 0 for the others (written over later)."""

    def __missing__(self, key: str) -> int:
        return 0


def _encoded(data) -> str:
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))
