"""Counting for the summary and the exit code, and printing the corpus summary: counts only,
so memory stays flat however many documents are audited."""

from __future__ import annotations

from collections import Counter

from claimcheck.corpus.auditing import DocumentSummary, summarise
from claimcheck.model import Severity


_SEVERITY = {s.value: s for s in Severity}


class Tally:
    """What the summary and the exit code need of the documents already written: counts only."""

    WORST = 5

    def __init__(self) -> None:
        self.documents = 0
        self.chars = 0
        self.findings = 0
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.ratings: Counter = Counter()
        self.errors: list[tuple[str, str]] = []
        self.skipped: Counter = Counter()  # web-archive records that are not documents, by why
        self._worst: list[tuple[int, int, str]] = []  # (-errors, -warnings, path)

    def add(self, report) -> None:
        """Count a DocumentReport, or the DocumentSummary of one."""
        summary = report if isinstance(report, DocumentSummary) else summarise(report)
        self.documents += 1
        self.chars += summary.chars
        self.findings += len(summary.findings)
        errors = warnings = 0
        counted = [(name, rule, 1) for name, rule in summary.findings] + list(summary.omitted)
        self.findings += sum(n for _, _, n in summary.omitted)
        for name, rule, n in counted:
            severity = _SEVERITY[name]
            self.by_severity[severity] += n
            self.by_rule[rule] += n
            if severity is Severity.error:
                errors += n
            elif severity is Severity.warning:
                warnings += n
        self.ratings[summary.rating] += 1
        if summary.error:
            self.errors.append((summary.path, summary.error))
        if errors or warnings:
            self._worst.append((-errors, -warnings, summary.path))
            if len(self._worst) > 20 * self.WORST:
                self._worst = sorted(self._worst)[: self.WORST]

    def shows_summary(self) -> bool:
        """A summary is worth printing: several documents, or records of a web archive skipped."""
        return self.documents > 1 or bool(self.skipped)

    @property
    def worst(self) -> list[tuple[str, int, int]]:
        """(path, errors, warnings) of the documents with most errors, then warnings."""
        return [(path, -e, -w) for e, w, path in sorted(self._worst)[: self.WORST]]

    def exit_code(self, fail_on: str) -> int:
        from types import SimpleNamespace

        from claimcheck.lint import exit_code

        return exit_code([SimpleNamespace(severity=s) for s, n in self.by_severity.items() if n], fail_on)


def print_summary(tally: Tally, console, view=None) -> None:
    """The corpus summary: documents, findings by severity and by rule (flag), the worst documents."""
    from rich.text import Text

    from claimcheck.formats.common import count_phrase, plural
    from claimcheck.formats.text import SUGGESTION_RULE, View, emit, hidden_note
    from claimcheck.text import visible

    view = view or View()
    wrap = view.wrap
    console.print(Text("Summary", style="bold underline"))
    emit(console, Text(f"  {plural(tally.documents, 'document')}, {plural(tally.findings, 'finding')}: "
                       + count_phrase(tally.by_severity)), 4, wrap)
    emit(console, Text("  ratings: " + ", ".join(f"{r} {n}" for r, n in sorted(tally.ratings.items()))), 4, wrap)
    if tally.skipped:
        emit(console, Text(visible(f"  skipped: {plural(sum(tally.skipped.values()), 'web-archive record')} ("
                                   + ", ".join(f"{n} {why}" for why, n in sorted(tally.skipped.items(),
                                                                                key=lambda kv: (-kv[1], kv[0])))
                                   + ")")), 4, wrap)
    if tally.by_rule:
        emit(console, Text(visible("  by rule: " + ", ".join(
            f"{r} {n}" for r, n in sorted(tally.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))))), 4, wrap)
    hidden = view.hidden(dict(tally.by_severity))
    if view.suggest and Severity.info in hidden:
        hidden[Severity.info] -= tally.by_rule.get(SUGGESTION_RULE, 0)
    note = hidden_note(view, hidden)
    if note:
        emit(console, Text("  " + note, style="dim"), 4, wrap)
    if tally.worst:
        console.print(Text("  worst documents:"))
        for path, errors, warnings in tally.worst:
            emit(console, Text.assemble("    ", Text(visible(path), style="bold"), "  " + count_phrase(
                {Severity.error: errors, Severity.warning: warnings}, (Severity.error, Severity.warning))), 6, wrap)
