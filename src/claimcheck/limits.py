"""How much output one document may produce: the caps on findings, and what was left out.

An audit reports at most ``max_findings`` findings per document (default 1,000) and at most
``max_per_claim`` of one claim in one document (default 100); 0 lifts a cap. What a cap leaves
out is still counted, by severity and rule, so the summary counts, the rating and the exit code
stay exact; every format ends the document with one line saying how many were left out and how
to see them (``omitted_line``).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

DEFAULT_MAX_FINDINGS = 1000
DEFAULT_MAX_PER_CLAIM = 100

# (severity value, rule, count) of every finding a cap left out, sorted: plain data, cheap to pickle.
Omitted = tuple


def omitted_counts(counter: Counter) -> Omitted:
    """``Counter`` of (severity value, rule) -> ``Omitted``."""
    return tuple(sorted((severity, rule, n) for (severity, rule), n in counter.items() if n))


def merged(*parts: Omitted) -> Omitted:
    total: Counter = Counter()
    for part in parts:
        for severity, rule, n in part:
            total[(severity, rule)] += n
    return omitted_counts(total)


def cap(findings: Iterable, max_findings: int = DEFAULT_MAX_FINDINGS) -> tuple[tuple, Omitted]:
    """The first ``max_findings`` of ``findings`` (already in order) and the counts of the rest."""
    kept = []
    rest: Counter = Counter()
    for finding in findings:
        if not max_findings or len(kept) < max_findings:
            kept.append(finding)
        else:
            rest[(finding.severity.value, finding.rule)] += 1
    return tuple(kept), omitted_counts(rest)


def omitted_total(omitted: Omitted) -> int:
    return sum(n for _, _, n in omitted)


def omitted_line(omitted: Omitted, option: str = "--max-findings 0 --max-per-claim 0") -> str:
    """'1,234 more findings left out (1,200 errors, 34 info); pass --max-findings 0 ...', or ''
    ('info' is a mass noun, as in every format's counts)."""
    total = omitted_total(omitted)
    if not total:
        return ""
    by_severity: Counter = Counter()
    for severity, _, n in omitted:
        by_severity[severity] += n
    parts = ", ".join(f"{by_severity[s]:,} {s}{'s' if by_severity[s] != 1 and s != 'info' else ''}"
                      for s in ("error", "warning", "info") if by_severity.get(s))
    return (f"{total:,} more finding{'s' if total != 1 else ''} left out ({parts}); "
            f"pass {option} to see them all")


# Characters of document text one HTML page shows, over all its documents (a page of more is
# more than a browser shows comfortably). At least MAX_DOCUMENT_BYTES, so one document always fits;
# past it, a document's findings are shown without its text, with a note (formats.html).
HTML_TEXT_BUDGET = 4_000_000
