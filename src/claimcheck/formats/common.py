"""What every format shares: a finding as plain data, and the summary counts."""

from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from claimcheck import __version__
from claimcheck.limits import omitted_line, omitted_total
from claimcheck.model import DocumentReport, Finding, Registry, Report, Severity

JSON_FORMAT_VERSION = 1


def plural(count: int, noun: str) -> str:
    """'1 finding', '2 findings'; 'info' is a mass noun and stays as it is."""
    return f"{count} {noun}{'' if count == 1 or noun == 'info' else 's'}"


def count_phrase(counts, severities=tuple(Severity)) -> str:
    """'5 errors, 6 warnings, 14 info': the one wording of severity counts, in every format.
    ``counts`` maps Severity to a number (missing: 0)."""
    return ", ".join(plural(counts.get(s, 0), s.value) for s in severities)


def source_dict(source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "authors": source.authors,
        "year": source.year,
        "url": source.url,
        "doi": source.doi,
        "pmid": source.pmid,
        "link": source.link,
    }


def claim_dict(registry: Registry, claim_id: str) -> Optional[dict[str, Any]]:
    claim = registry.claims.get(claim_id)
    if claim is None:
        return None
    return {
        "id": claim.id,
        "claim": claim.claim,
        "verdict": claim.verdict.value,
        "flags": list(claim.flags),
        "rationale": claim.rationale,
        "correction": claim.correction,
        "sources": [source_dict(registry.sources[s]) for s in claim.sources if s in registry.sources],
    }


def finding_dict(finding: Finding, registry: Optional[Registry]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line or finding.line,
        "end_column": finding.end_column or finding.column,
        "severity": finding.severity.value,
        "rule": finding.rule,
        "message": finding.message,
        "fix": finding.fix,
    }
    m = finding.match
    if m is not None:
        data["match"] = {
            "claim_id": m.claim_id,
            "kind": m.kind.value,
            "confidence": m.confidence,
            "stance": m.stance.value,
            "stance_rule": m.stance_rule or None,
            "text": m.matched_text,
            "sentence": m.sentence,
        }
        if registry is not None:
            data["claim"] = claim_dict(registry, m.claim_id)
    return data


def summary(documents) -> dict[str, Any]:
    """Counts over every finding, those an output cap left out included (they stay exact)."""
    counter = SummaryCounter()
    for document in documents:
        counter.add(document)
    return counter.result()


class SummaryCounter:
    """``summary`` counted one document at a time (a streamed report keeps no documents)."""

    def __init__(self) -> None:
        self.documents = self.findings = self.unreadable = 0
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()

    def add(self, document) -> None:
        self.documents += 1
        self.unreadable += bool(document.error)
        for f in document.findings:
            self.by_severity[f.severity.value] += 1
            self.by_rule[f.rule] += 1
        self.findings += len(document.findings)
        for severity, rule, n in getattr(document, "omitted", ()):
            self.by_severity[severity] += n
            self.by_rule[rule] += n
            self.findings += n

    def result(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "findings": self.findings,
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in Severity},
            "by_rule": dict(sorted(self.by_rule.items())),
            "unreadable": self.unreadable,
        }


def document_dict(document: DocumentReport, registry: Optional[Registry], kind: str = "audit") -> dict[str, Any]:
    return {
        "path": document.path,
        "document_id": document.document_id,
        "title": document.title,
        "rating": document.rating,
        "error": document.error,
        "counts": {s.value: document.count(s) for s in Severity},
        "findings": [finding_dict(f, registry) for f in document.findings],
        **({"omitted": omitted_dict(document, kind)} if getattr(document, "omitted", ()) else {}),
    }


def omitted_dict(document: DocumentReport, kind: str = "audit") -> dict[str, Any]:
    """What an output cap left out of a document: how many, by rule, and how to see them."""
    omitted = getattr(document, "omitted", ())
    return {
        "findings": omitted_total(omitted),
        "by_rule": dict(sorted(_by_rule(omitted).items())),
        "message": omitted_message(document, kind),
    }


def _by_rule(omitted) -> Counter:
    counts: Counter = Counter()
    for _, rule, n in omitted:
        counts[rule] += n
    return counts


def omitted_message(document: DocumentReport, kind: str = "audit") -> str:
    """The one line every format prints after a document's findings when a cap left some out ('' if none)."""
    options = "--max-findings 0" if kind == "lint" else "--max-findings 0 --max-per-claim 0"
    return omitted_line(getattr(document, "omitted", ()), options)


def report_header(report: Report) -> dict[str, Any]:
    return {
        "tool": "claimcheck",
        "version": __version__,
        "format_version": JSON_FORMAT_VERSION,
        "kind": report.kind,
    }
