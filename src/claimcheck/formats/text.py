"""The terminal view (Rich). Every piece of untrusted text goes in as ``rich.text.Text``
after ``visible()``, so it can never become markup or an escape sequence."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.formats.common import omitted_message
from claimcheck.model import Claim, DocumentReport, Finding, Registry, Report, Severity, Stance
from claimcheck.text import one_line, visible

SEVERITY_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
RATING_STYLE = {
    "unreliable": "bold red",
    "needs-review": "yellow",
    "no-known-problems": "green",
    "unreadable": "bold red",
}


def _t(value: object, style: str = "") -> Text:
    return Text(visible(str(value)), style=style)


def location(finding: Finding) -> Text:
    return _t(f"{finding.path}:{finding.line}:{finding.column}", "bold")


def print_lint(findings: list[Finding], console: Console, path: str, max_findings: int = 0) -> None:
    """The findings (the first ``max_findings`` of them, if not 0, then one line for the rest)
    and the count line, which counts them all."""
    from claimcheck.limits import cap, omitted_line

    shown, omitted = cap(findings, max_findings)
    for finding in shown:
        line = Text.assemble(
            location(finding), ": ",
            _t(finding.severity.value, SEVERITY_STYLE[finding.severity]), " ",
            _t(finding.rule, "magenta"), " ",
            _t(one_line(finding.message)),
        )
        console.print(line, soft_wrap=True)
        if finding.fix:
            console.print(Text.assemble("    fix: ", _t(one_line(finding.fix), "green")), soft_wrap=True)
    if omitted:
        console.print(Text(omitted_line(omitted, "--max-findings 0"), style="yellow"), soft_wrap=True)
    counts = Counter(f.severity for f in findings)
    console.print(_summary_line(path, counts, len(findings)), soft_wrap=True)


def _summary_line(path: str, counts: Counter, total: int) -> Text:
    if not total:
        return Text.assemble(_t(path, "bold"), ": ", ("no problems", "green"))
    parts = [f"{counts.get(s, 0)} {s.value}{'s' if counts.get(s, 0) != 1 else ''}" for s in Severity]
    return Text.assemble(_t(path, "bold"), ": ", _t(f"{total} problem{'s' if total != 1 else ''} ({', '.join(parts)})"))


def print_audit(report: Report, console: Console, *, verbose: bool = True) -> None:
    registry = report.registry
    for document in report.documents:
        print_document(document, registry, console, verbose=verbose)
    if len(report.documents) > 1:
        print_corpus_summary(report.documents, console)


def print_document(document: DocumentReport, registry: Optional[Registry], console: Console,
                   *, verbose: bool = True) -> None:
    header = Text.assemble(("\u25a0 ", "dim"), _t(document.path, "bold underline"))
    if document.title:
        header.append_text(Text.assemble("  ", _t(document.title, "italic")))
    console.print(header, soft_wrap=True)
    if document.error:
        console.print(Text.assemble("  ", ("error", "bold red"), ": ", _t(document.error)), soft_wrap=True)
        console.print()
        return
    for finding in document.findings:
        _print_finding(finding, registry, console, verbose)
    if omitted_message(document):
        console.print(Text.assemble("  ", (omitted_message(document), "yellow")), soft_wrap=True)
    _print_document_summary(document, console)
    console.print()


def _print_finding(finding: Finding, registry: Optional[Registry], console: Console, verbose: bool) -> None:
    head = Text.assemble(
        location(finding), "  ",
        _t(finding.severity.value, SEVERITY_STYLE[finding.severity]), "  ",
        _t(finding.rule, "magenta"),
    )
    m = finding.match
    claim: Optional[Claim] = registry.claims.get(m.claim_id) if (m and registry) else None
    if m is not None:
        head.append_text(_t(f"  [{m.kind.value} {m.confidence:.2f}] {m.claim_id}", "dim"))
    console.print(head, soft_wrap=True)
    if m is None:
        console.print(Text.assemble("    ", _t(one_line(finding.message))), soft_wrap=True)
        if finding.fix:
            console.print(Text.assemble("    fix: ", _t(one_line(finding.fix), "green")), soft_wrap=True)
        return
    console.print(Text.assemble("    ", highlighted_sentence(m.sentence, m.start - m.sentence_start,
                                                            m.end - m.sentence_start, finding.severity)),
                  soft_wrap=True)
    if claim is None:
        console.print(Text.assemble("    ", _t(one_line(finding.message))), soft_wrap=True)
        return
    verdict_style = SEVERITY_STYLE[finding.severity] if m.stance is Stance.asserts else "green"
    if m.stance is Stance.agrees_with_evidence:
        console.print(Text.assemble("    ", ("agrees with the evidence", "green"), ": it states the correction of ",
                                    _t(claim.id, "magenta")), soft_wrap=True)
    console.print(Text.assemble("    verdict: ", _t(claim.verdict.value, verdict_style), " \u2014 ",
                                _t(one_line(claim.claim))), soft_wrap=True)
    if claim.flags:
        console.print(Text.assemble("    flags: ", _t(", ".join(claim.flags), "magenta")), soft_wrap=True)
    actionable = finding.severity is not Severity.info
    if verbose:
        why = one_line(claim.rationale) if actionable else one_line(claim.rationale, 160)
        console.print(Text.assemble("    why: ", _t(why)), soft_wrap=True)
    if claim.correction and m.stance is Stance.asserts:
        console.print(Text.assemble("    fix: ", _t(one_line(claim.correction), "green")), soft_wrap=True)
    if verbose and registry is not None:
        cited = [registry.sources[s] for s in claim.sources if s in registry.sources]
        for source in cited if actionable else cited[:1]:
            console.print(Text.assemble("    source: ", _t(one_line(source.short_citation)),
                                        *((" ", _t(source.link, "blue")) if source.link else ())),
                          soft_wrap=True)
        if not actionable and len(cited) > 1:
            console.print(Text(f"    (+{len(cited) - 1} more source{'s' if len(cited) > 2 else ''}: "
                               "claimcheck list --format json)", style="dim"), soft_wrap=True)


def highlighted_sentence(sentence: str, start: int, end: int, severity: Severity, limit: int = 400) -> Text:
    """The sentence with the matched span highlighted; long sentences are cut around the span."""
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    before, match, after = sentence[:start], sentence[start:end], sentence[end:]
    before, match, after = one_line(before), one_line(match), one_line(after)
    if before and sentence[:start][-1:].isspace():
        before += " "
    if after and sentence[end:end + 1].isspace():
        after = " " + after
    if len(before) > limit // 3:
        before = "\u2026" + before[-(limit // 3):]
    if len(after) > limit // 3:
        after = after[: limit // 3] + "\u2026"
    if len(match) > limit:
        match = match[:limit] + "\u2026"
    style = {Severity.error: "bold red underline", Severity.warning: "bold yellow underline",
             Severity.info: "bold cyan underline"}[severity]
    return Text.assemble("\u201c", Text(before, "dim"), Text(match, style), Text(after, "dim"), "\u201d")


def _print_document_summary(document: DocumentReport, console: Console) -> None:
    rules = document.rule_counts()
    counts = ", ".join(f"{document.count(s)} {s.value}" for s in Severity)
    line = Text.assemble("  ", ("verdict: ", "bold"), _t(document.rating, RATING_STYLE.get(document.rating, "")),
                         f"  ({document.total} findings: {counts})")
    console.print(line, soft_wrap=True)
    if rules:
        console.print(Text.assemble("  by rule: ", _t(", ".join(f"{r} {n}" for r, n in sorted(rules.items())), "dim")),
                      soft_wrap=True)


def print_corpus_summary(documents: Iterable[DocumentReport], console: Console) -> None:
    documents = list(documents)
    findings = [f for d in documents for f in d.findings]
    counts = Counter(f.severity for f in findings)
    ratings = Counter(d.rating for d in documents)
    console.print(Text("Summary", style="bold underline"))
    console.print(Text(f"  {len(documents)} documents, {len(findings)} findings: "
                       + ", ".join(f"{counts.get(s, 0)} {s.value}" for s in Severity)))
    console.print(Text("  ratings: " + ", ".join(f"{r} {n}" for r, n in sorted(ratings.items()))))
    by_rule = Counter(f.rule for f in findings)
    if by_rule:
        console.print(_t("  by rule: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common())), soft_wrap=True)
    worst = sorted(documents, key=lambda d: (-d.count(Severity.error), -d.count(Severity.warning), d.path))[:5]
    worst = [d for d in worst if d.count(Severity.error) or d.count(Severity.warning)]
    if worst:
        console.print(Text("  worst documents:"))
        for d in worst:
            console.print(Text.assemble("    ", _t(d.path, "bold"),
                                        f"  {d.count(Severity.error)} errors, {d.count(Severity.warning)} warnings"),
                          soft_wrap=True)


def print_claims(registry: Registry, claims: list[Claim], console: Console) -> None:
    from rich import box

    table = Table(show_lines=False, header_style="bold", expand=False, box=box.SIMPLE_HEAD)
    table.add_column("id", style="magenta", max_width=36, overflow="fold")
    table.add_column("docs", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("flags", min_width=14, overflow="fold")
    table.add_column("quote", min_width=30, ratio=1, overflow="fold")
    for claim in claims:
        severity = registry.severity_of(claim)
        documents = sorted({a.document[:3] if a.document[:3].isdigit() else a.document for a in claim.appearances})
        table.add_row(
            _t(claim.id),
            _t(" ".join(documents) if len(documents) <= 2 else f"{documents[0]} +{len(documents) - 1}"),
            _t(claim.verdict.value, SEVERITY_STYLE[severity] if claim.flags else "green"),
            _t(", ".join(claim.flags)),
            _t(one_line(claim.appearances[0].quote, 70)),
        )
    console.print(table)
    console.print(Text(f"{len(claims)} claims", style="dim"))
