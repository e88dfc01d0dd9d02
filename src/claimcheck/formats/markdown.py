"""GitHub-flavoured Markdown for a pull-request comment: a summary, then per document a
heading, its rating, a table of findings and the details (rationale, correction, sources).

Every piece of untrusted text goes through ``md()``: one line, control characters visible,
``& < >`` as entities, Markdown punctuation backslash-escaped (``|`` included, for tables),
and ``@`` / ``#`` defused so a quote cannot mention people or link issues.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from claimcheck.formats.common import omitted_message
from claimcheck.formats.rules import safe_link, verdict_label
from claimcheck.model import DocumentReport, Finding, Registry, Report, Severity, Stance
from claimcheck.text import one_line

SEVERITY_ICON = {Severity.error: "\U0001f534", Severity.warning: "\U0001f7e0", Severity.info: "\U0001f535"}
RATING_ICON = {"unreliable": "\U0001f534", "needs-review": "\U0001f7e0", "no-known-problems": "\U0001f7e2",
               "unreadable": "\u26a0\ufe0f"}
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$#])")
_ZWSP = "&#8203;"


def md(text: str, limit: int = 0) -> str:
    """``text`` as inert inline Markdown (safe in a table cell)."""
    flat = one_line(text, limit)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _PUNCTUATION.sub(r"\\\1", flat)
    flat = re.sub(r"#(?=\w)", "#" + _ZWSP, flat)  # no #123 issue link
    flat = flat.replace("@", "@" + _ZWSP)  # no @mention
    return flat


def link(title: str, url: str | None) -> str:
    target = safe_link(url)
    if target is None:
        return md(title)
    target = target.replace("(", "%28").replace(")", "%29")
    return f"[{md(title)}]({target})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def _counts(findings) -> str:
    counts = Counter(f.severity for f in findings)
    return ", ".join(_plural(counts.get(s, 0), s.value) for s in Severity)


# GitHub refuses a comment longer than 65,536 characters; keep some room for a bot's header.
COMMENT_LIMIT = 60_000
# Tried in turn until the comment fits: details of every finding, of errors and warnings, none.
DETAIL_LEVELS = (frozenset(Severity), frozenset({Severity.error, Severity.warning}), frozenset())


def render(report: Report, limit: int = COMMENT_LIMIT) -> str:
    """The comment; when it would be longer than ``limit``, details are left out (info first),
    then the tables are cut with a note."""
    if report.kind == "lint":
        return _fit(_render_lint(report), limit)
    return "".join(render_stream(report.documents, report.registry, report.kind, limit=limit))


def render_stream(documents: Iterable[DocumentReport], registry: Registry | None, kind: str,
                  folder: str | None = None, limit: int = COMMENT_LIMIT) -> Iterator[str]:
    """``render`` for documents that come one at a time. The comment is at most ``limit``
    characters, so only that much of each part is kept (the table of documents, and each
    document's section at every level of detail), with the counts and lengths that decide which
    level fits; a corpus of any size costs a bounded amount of memory. (``folder`` is unused:
    nothing is spooled.)"""
    if kind == "lint":
        yield render(Report(kind, tuple(documents), registry), limit)
        return
    comment = _Comment(registry, limit)
    for document in documents:
        comment.add(document)
    yield comment.text()


def _fit(out: str, limit: int, complete: bool = True) -> str:
    """``out`` cut at a line break to fit ``limit`` with a note saying so; ``complete`` false:
    ``out`` is only the start of a longer text, so it is cut even if it would fit."""
    if complete and len(out) <= limit:
        return out
    note = ("\n\n_The report was cut here to fit a comment; the full report is in the json, sarif or html "
            "output._\n")
    cut = out.rfind("\n", 0, max(0, limit - len(note)))
    return out[:max(cut, 0)] + note


class _Lines:
    """``"\\n".join(lines)`` of lines added one at a time, keeping only its first ``keep``
    characters (or a little more), with its full length and the length of its final run of
    line breaks (which the comment strips)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.pieces: list[str] = []
        self.kept = self.length = self.count = self.trailing = 0

    def add(self, line: str) -> None:
        self._piece(("\n" if self.count else "") + line, 1)

    def extend(self, other: "_Lines") -> None:
        if not other.count:
            return
        separator = "\n" if self.count else ""
        if separator:
            self._piece(separator, 0)
        for piece in other.pieces:
            if self.kept >= self.keep:
                break
            self.pieces.append(piece)
            self.kept += len(piece)
        self.length += other.length
        self.count += other.count
        self.trailing = self.trailing + other.length if other.trailing == other.length else other.trailing

    def _piece(self, piece: str, lines: int) -> None:
        self.count += lines
        self.length += len(piece)
        bare = piece.rstrip("\n")
        self.trailing = self.trailing + len(piece) if not bare else len(piece) - len(bare)
        if self.kept < self.keep:
            self.pieces.append(piece)
            self.kept += len(piece)

    @property
    def stripped_length(self) -> int:
        return self.length - self.trailing


class _Comment:
    """The audit comment, built one document at a time: a summary, a table of documents, then
    each document's section, at the first level of detail in ``DETAIL_LEVELS`` that fits."""

    def __init__(self, registry: Registry | None, limit: int) -> None:
        self.registry = registry
        self.limit = limit
        self.documents = 0
        self.total: Counter = Counter()
        self.ratings: Counter = Counter()
        self.findings = False  # any finding shown
        self.rows = _Lines(limit)
        self.sections = [_Lines(limit) for _ in DETAIL_LEVELS]

    def add(self, document: DocumentReport) -> None:
        self.documents += 1
        for s in Severity:  # those a cap left out included
            self.total[s] += document.count(s)
        self.ratings[document.rating] += 1
        self.findings = self.findings or bool(document.findings)
        self.rows.add(f"| {md(document.path)} | {RATING_ICON.get(document.rating, '')} {document.rating} | "
                      f"{document.count(Severity.error)} | {document.count(Severity.warning)} | "
                      f"{document.count(Severity.info)} |")
        for level, lines in zip(DETAIL_LEVELS, self.sections):
            if lines.length <= self.limit:  # longer can only be cut: no need to render more of it
                for line in _document(document, self.registry, level):
                    lines.add(line)

    def _page(self, index: int) -> _Lines:
        page = _Lines(self.limit)
        page.add("## claimcheck audit\n")
        page.add(f"**{_plural(self.documents, 'document')}, {_plural(sum(self.total.values()), 'finding')}**: "
                 + ", ".join(_plural(self.total[s], s.value) for s in Severity) + ".  ")
        page.add("Ratings: " + ", ".join(f"{RATING_ICON.get(r, '')} {r} {n}"
                                         for r, n in sorted(self.ratings.items())) + ".\n")
        if self.documents > 1:
            page.add("| Document | Rating | Errors | Warnings | Info |")
            page.add("|---|---|---:|---:|---:|")
            page.extend(self.rows)
            page.add("")
        page.extend(self.sections[index])
        detailed = DETAIL_LEVELS[index]
        if detailed != DETAIL_LEVELS[0] and self.findings:
            left_out = ("info findings" if detailed else "all findings")
            page.add(f"_Details of {left_out} are left out to fit a comment; see the json, sarif or html output._\n")
        return page

    def text(self) -> str:
        for index in range(len(DETAIL_LEVELS)):
            if self.sections[index].length > self.limit:
                continue  # too long already
            page = self._page(index)
            if page.stripped_length + 1 <= self.limit:
                return "".join(page.pieces).rstrip("\n") + "\n"
        page = self._page(len(DETAIL_LEVELS) - 1)
        text = "".join(page.pieces)
        complete = page.kept >= page.length
        if complete:
            text = text.rstrip("\n") + "\n"
        return _fit(text, self.limit, complete)  # what was kept may end exactly at the limit


def _document(document: DocumentReport, registry: Registry | None,
              detailed: frozenset = DETAIL_LEVELS[0]) -> list[str]:
    heading = md(document.path) + (f" \u2014 {md(document.title)}" if document.title else "")
    out = [f"### {heading}\n"]
    if document.error:
        out.append(f"{RATING_ICON['unreadable']} **unreadable**: {md(document.error)}\n")
        return out
    rules = document.rule_counts()
    out.append(f"**Rating: {RATING_ICON.get(document.rating, '')} {document.rating}** \u00b7 "
               + ", ".join(_plural(document.count(s), s.value) for s in Severity)
               + (" \u00b7 by rule: " + ", ".join(f"`{r}` {n}" for r, n in sorted(rules.items())) if rules else "")
               + "\n")
    if omitted_message(document):
        out.append(f"\u26a0\ufe0f {md(omitted_message(document))}\n")
    if not document.findings:
        out.append("No registered claim was found.\n")
        return out
    out.append("| # | Location | Severity | Rule | Claim | Verdict |")
    out.append("|---:|---|---|---|---|---|")
    for number, finding in enumerate(document.findings, 1):
        claim = _claim(finding, registry)
        where = f"{md(finding.path)}:{finding.line}:{finding.column}" if finding.path != document.path \
            else f"{finding.line}:{finding.column}"
        if finding.match is not None:
            what = f"\u201c{md(finding.match.matched_text, 160)}\u201d"
        else:
            what = md(finding.message, 160)
        verdict = verdict_label(claim.verdict) if claim else "\u2014"
        if finding.rule == "reports-claim":
            verdict = f"reported{' and refuted' if finding.match.stance is Stance.agrees_with_evidence else ''} " \
                      f"(claim: {verdict})"
        elif finding.match is not None and finding.match.stance is Stance.agrees_with_evidence:
            verdict = f"agrees with the evidence (claim: {verdict})"
        out.append(f"| {number} | {where} | {SEVERITY_ICON[finding.severity]} {finding.severity.value} | "
                   f"`{finding.rule}` | {what} | {verdict} |")
    out.append("")
    shown = [(n, f) for n, f in enumerate(document.findings, 1) if f.severity in detailed]
    if shown:
        out.append(f"<details><summary>Details of {_plural(len(shown), 'finding')}</summary>\n")
        for number, finding in shown:
            out.extend(_details(number, finding, registry))
        out.append("</details>\n")
    return out


def _claim(finding: Finding, registry: Registry | None):
    if finding.match is None or registry is None:
        return None
    return registry.claims.get(finding.match.claim_id)


def _details(number: int, finding: Finding, registry: Registry | None) -> list[str]:
    claim = _claim(finding, registry)
    head = f"**{number}. `{finding.rule}`** \u00b7 {finding.severity.value} \u00b7 line {finding.line}, column {finding.column}"
    if claim is None:
        out = [head, "", f"- {md(finding.message)}"]
        if finding.fix:
            out.append(f"- **Fix:** {md(finding.fix)}")
        return out + [""]
    m = finding.match
    out = [head + f" \u00b7 claim `{claim.id}`", ""]
    out.append(f"- **Quote:** \u201c{md(m.matched_text)}\u201d")
    out.append(f"- **Claim:** {md(claim.claim)}")
    if finding.rule == "reports-claim":
        out.append(f"- **Verdict:** {verdict_label(claim.verdict)}; this passage "
                   f"{md(finding.message.split(' (', 1)[0])} (stance rule `{m.stance_rule}`).")
    elif m.stance is Stance.agrees_with_evidence:
        out.append(f"- **Verdict:** {verdict_label(claim.verdict)}; this passage agrees with the evidence "
                   "(it states the correction).")
    else:
        out.append(f"- **Verdict:** {verdict_label(claim.verdict)}"
                   + (f" (flags: {', '.join(f'`{f}`' for f in claim.flags)})" if claim.flags else ""))
    out.append(f"- **Why:** {md(claim.rationale or 'not yet reviewed')}")
    if claim.correction and m.stance is Stance.asserts:
        out.append(f"- **Correction:** {md(claim.correction)}")
    sources = [registry.sources[s] for s in claim.sources if registry and s in registry.sources]
    if sources:
        out.append("- **Sources:**")
        for source in sources:
            out.append(f"  - {link(source.short_citation, source.link)}")
    return out + [""]


def _render_lint(report: Report) -> str:
    out = ["## claimcheck lint\n"]
    for document in report.documents:
        findings = document.findings
        if not findings:
            out.append(f"{md(document.path)}: no problems.\n")
            continue
        out.append(f"**{md(document.path)}**: {_plural(len(findings), 'problem')} ({_counts(findings)}).\n")
        out.append("| Location | Severity | Rule | Problem | Fix |")
        out.append("|---|---|---|---|---|")
        for f in findings:
            out.append(f"| {f.line}:{f.column} | {SEVERITY_ICON[f.severity]} {f.severity.value} | `{f.rule}` | "
                       f"{md(f.message)} | {md(f.fix) if f.fix else ''} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
