"""The terminal view (Rich). Every piece of untrusted text goes in as ``rich.text.Text``
after ``visible()``, so it can never become markup or an escape sequence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from rich.console import Console
from rich.text import Text

from claimcheck.formats.common import count_phrase, omitted_message, plural
from claimcheck.model import Claim, DocumentReport, Finding, Registry, Report, Severity, Stance
from claimcheck.text import one_line, visible

SEVERITY_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
RATING_STYLE = {
    "unreliable": "bold red",
    "needs-review": "yellow",
    "no-known-problems": "green",
    "unreadable": "bold red",
}


SUGGESTION_RULE = "unregistered-claim"


@dataclass(frozen=True)
class View:
    """How much of an audit the text view shows, and how.

    ``min_severity``: findings below it are counted, not shown (display only: the exit code,
    the ratings and the summaries count every finding). ``wrap``: wrap long lines at word
    boundaries with a hanging indent (a terminal); otherwise each item is one line, whatever
    its length (files and pipes, for grep). ``suggest``: --suggest ran, so say when it found
    nothing, and show its findings whatever the floor."""

    min_severity: Severity = Severity.info
    verbose: bool = True
    stance: bool = False  # --verbose: the stance rule that decided each finding
    wrap: bool = False
    suggest: bool = False

    def shows(self, finding: Finding) -> bool:
        return finding.severity.rank >= self.min_severity.rank or (self.suggest and finding.rule == SUGGESTION_RULE)

    def hidden(self, counts: dict) -> dict:
        """Of ``counts`` (severity -> number), those below the floor."""
        return {s: n for s, n in counts.items() if n and s.rank < self.min_severity.rank}


def _verdict_text(verdict) -> str:
    """A verdict as the text views show it; a draft has none yet."""
    return "not yet reviewed" if verdict.is_draft else verdict.value


def _t(value: object, style: str = "") -> Text:
    return Text(visible(str(value)), style=style)


def emit(console: Console, text: Text, hang: int = 4, wrap: bool = False) -> None:
    """One item of output. With ``wrap``, lines break at word boundaries within the console's
    width and continuation lines are indented by ``hang`` (a word longer than a line is the only
    thing ever cut); without, the item stays one line however long."""
    if not wrap:
        console.print(text, soft_wrap=True)
        return
    width = console.width
    hang = hang if hang < width // 2 else min(4, width // 4)
    first = text.wrap(console, width)[0]
    lines = [first]
    rest = text[len(first.plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()):]  # the break's white space ends the first line
    if rest.plain.strip():
        lines.extend(rest.wrap(console, max(10, width - hang)))
    for index, line in enumerate(lines):
        line.rstrip()
        if index:
            line = Text.assemble(" " * hang, line)
        console.print(line, soft_wrap=True)


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
    return Text.assemble(_t(path, "bold"), ": ", _t(f"{plural(total, 'problem')} ({count_phrase(counts)})"))


def print_audit(report: Report, console: Console, *, verbose: bool = True, view: Optional[View] = None) -> None:
    registry = report.registry
    view = view or View(verbose=verbose)
    for document in report.documents:
        print_document(document, registry, console, view=view)
    if len(report.documents) > 1:
        print_corpus_summary(report.documents, console, view=view)


def print_document(document: DocumentReport, registry: Optional[Registry], console: Console,
                   *, verbose: bool = True, view: Optional[View] = None) -> None:
    view = view or View(verbose=verbose)
    header = Text.assemble(("\u25a0 ", "dim"), _t(document.path, "bold underline"))
    if document.title:
        header.append_text(Text.assemble("  ", _t(document.title, "italic")))
    emit(console, header, 2, view.wrap)
    if document.error:
        emit(console, Text.assemble("  ", ("error", "bold red"), ": ", _t(document.error)), 4, view.wrap)
        console.print()
        return
    console.print()
    for finding in document.findings:
        if view.shows(finding):
            _print_finding(finding, registry, console, view)
            console.print()
    if omitted_message(document):
        emit(console, Text.assemble("  ", (omitted_message(document), "yellow")), 4, view.wrap)
    _print_document_summary(document, console, view)
    console.print()


def _print_finding(finding: Finding, registry: Optional[Registry], console: Console, view: View) -> None:
    wrap = view.wrap
    head = Text.assemble(
        location(finding), "  ",
        _t(finding.severity.value, SEVERITY_STYLE[finding.severity]), "  ",
        _t(finding.rule, "magenta"),
    )
    m = finding.match
    claim: Optional[Claim] = registry.claims.get(m.claim_id) if (m and registry) else None
    if m is not None:
        head.append_text(_t(f"  [{m.kind.value} {m.confidence:.2f}] {m.claim_id}", "dim"))
    emit(console, head, 4, wrap)
    if m is None:
        emit(console, Text.assemble("    ", _t(one_line(finding.message))), 4, wrap)
        if finding.fix:
            emit(console, Text.assemble("    fix: ", _t(one_line(finding.fix), "green")), 9, wrap)
        return
    emit(console, Text.assemble("    ", highlighted_sentence(m.sentence, m.start - m.sentence_start,
                                                         m.end - m.sentence_start, finding.severity)), 5, wrap)
    if claim is None:
        emit(console, Text.assemble("    ", _t(one_line(finding.message))), 4, wrap)
        return
    verdict_style = SEVERITY_STYLE[finding.severity] if m.stance is Stance.asserts else "green"
    if finding.rule == "reports-claim":
        emit(console, Text.assemble("    ", _t(one_line(finding.message.split(" (", 1)[0]),
                                              "green" if finding.severity is Severity.info else "yellow")), 4, wrap)
    elif m.stance is Stance.agrees_with_evidence:
        emit(console, Text.assemble("    ", ("agrees with the evidence", "green"), ": it states the correction of ",
                                    _t(claim.id, "magenta")), 4, wrap)
    emit(console, Text.assemble("    verdict: ", _t(_verdict_text(claim.verdict), verdict_style), " \u2014 ",
                                _t(one_line(claim.claim))), 13, wrap)
    if claim.flags:
        emit(console, Text.assemble("    flags: ", _t(", ".join(claim.flags), "magenta")), 11, wrap)
    actionable = finding.severity is not Severity.info
    if view.stance and m.stance_rule:
        from claimcheck.stance import rule_summary

        emit(console, Text.assemble("    stance: ", _t(m.stance_rule, "magenta"), " \u2014 ",
                                    _t(rule_summary(m.stance_rule))), 12, wrap)
    if view.verbose:
        rationale = claim.rationale or "not yet reviewed"
        why = one_line(rationale) if actionable else one_line(rationale, 160)
        emit(console, Text.assemble("    why: ", _t(why)), 9, wrap)
    if claim.correction and m.stance is Stance.asserts:
        emit(console, Text.assemble("    fix: ", _t(one_line(claim.correction), "green")), 9, wrap)
    if view.verbose and registry is not None:
        cited = [registry.sources[s] for s in claim.sources if s in registry.sources]
        for source in cited if actionable else cited[:1]:
            emit(console, Text.assemble("    source: ", _t(one_line(source.short_citation)),
                                        *((" ", _t(source.link, "blue")) if source.link else ())), 12, wrap)
        if not actionable and len(cited) > 1:
            emit(console, Text.assemble(f"    (+{plural(len(cited) - 1, 'more source')}: claimcheck show ",
                                        _t(claim.id), ")", style="dim"), 5, wrap)


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


def _print_document_summary(document: DocumentReport, console: Console, view: Optional[View] = None) -> None:
    view = view or View()
    rules = document.rule_counts()  # those an output cap left out included
    counts = {s: document.count(s) for s in Severity}
    line = Text.assemble("  ", ("verdict: ", "bold"), _t(document.rating, RATING_STYLE.get(document.rating, "")),
                         f"  ({plural(document.total, 'finding')}: {count_phrase(counts)})")
    emit(console, line, 4, view.wrap)
    if rules:
        emit(console, Text.assemble("  by rule: ", _t(", ".join(f"{r} {n}" for r, n in sorted(rules.items())), "dim")),
             4, view.wrap)
    if view.suggest and not rules.get(SUGGESTION_RULE):
        emit(console, Text("  --suggest: no unregistered check-worthy sentences", style="dim"), 4, view.wrap)
    hidden_line = hidden_note(view, Counter(f.severity for f in document.findings if not view.shows(f)))
    if hidden_line:
        emit(console, Text("  " + hidden_line, style="dim"), 4, view.wrap)


def hidden_note(view: View, hidden: dict) -> str:
    """'14 info findings not shown (--min-severity info shows them)', or '' when none is hidden."""
    hidden = {s: n for s, n in hidden.items() if n}
    if not hidden:
        return ""
    lowest = min(hidden, key=lambda s: s.rank)
    parts = [f"{n} {s.value}" for s, n in sorted(hidden.items(), key=lambda kv: -kv[0].rank)]
    total = sum(hidden.values())
    return (f"{' and '.join(parts)} finding{'' if total == 1 else 's'} not shown "
            f"(--min-severity {lowest.value} shows {'it' if total == 1 else 'them'})")


def print_corpus_summary(documents: Iterable[DocumentReport], console: Console, *,
                         view: Optional[View] = None) -> None:
    view = view or View()
    documents = list(documents)
    findings = [f for d in documents for f in d.findings]
    counts = Counter({s: sum(d.count(s) for d in documents) for s in Severity})  # left-out findings included
    total = sum(d.total for d in documents)
    ratings = Counter(d.rating for d in documents)
    console.print(Text("Summary", style="bold underline"))
    emit(console, Text(f"  {plural(len(documents), 'document')}, {plural(total, 'finding')}: "
                       + count_phrase(counts)), 4, view.wrap)
    emit(console, Text("  ratings: " + ", ".join(f"{r} {n}" for r, n in sorted(ratings.items()))), 4, view.wrap)
    by_rule: Counter = Counter()
    for d in documents:
        by_rule.update(d.rule_counts())
    if by_rule:
        emit(console, _t("  by rule: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common())), 4, view.wrap)
    note = hidden_note(view, Counter(f.severity for f in findings if not view.shows(f)))
    if note:
        emit(console, Text("  " + note, style="dim"), 4, view.wrap)
    worst = sorted(documents, key=lambda d: (-d.count(Severity.error), -d.count(Severity.warning), d.path))[:5]
    worst = [d for d in worst if d.count(Severity.error) or d.count(Severity.warning)]
    if worst:
        console.print(Text("  worst documents:"))
        for d in worst:
            emit(console, Text.assemble("    ", _t(d.path, "bold"), "  " + count_phrase(
                {s: d.count(s) for s in Severity}, (Severity.error, Severity.warning))),
                6, view.wrap)
