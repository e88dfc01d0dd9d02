"""One self-contained HTML page: each document in full, every flagged passage highlighted in
place and numbered, a card per finding (verdict, rationale, correction, linked sources), and a
summary per document and for the whole report.

Self-contained means no request ever leaves the page: inline CSS, no script, no fonts or
images, and a Content-Security-Policy of ``default-src 'none'`` to make sure. Every piece of
document or registry text goes through ``html.escape`` (after its control characters are made
visible); links are only http(s). Highlights are cut at every boundary of every finding and at
line ends, so overlapping passages become flat runs of ``<mark>`` that never nest or cross.

The document text comes from ``DocumentReport.text`` (the audit keeps it when this format is
asked for); offsets are ``ClaimMatch.start``/``end`` in that text.
"""

from __future__ import annotations

import bisect
import html
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Optional

from claimcheck import __version__
from claimcheck.formats.common import omitted_message, plural
from claimcheck.formats.rules import describe, rule_label, safe_link, verdict_label
from claimcheck.model import DocumentReport, Finding, Registry, Report, Severity, Stance, Verdict
from claimcheck.limits import HTML_TEXT_BUDGET
from claimcheck.text import one_line, visible

RATING_LABEL = {
    "unreliable": "Unreliable",
    "needs-review": "Needs review",
    "no-known-problems": "No known problems",
    "unreadable": "Unreadable",
}
RATING_NOTE = {
    "unreliable": "asserts at least one claim flagged as an error",
    "needs-review": "asserts claims flagged as warnings",
    "no-known-problems": "no flagged claim is asserted",
    "unreadable": "the document could not be read",
}
SEVERITY_ORDER = (Severity.error, Severity.warning, Severity.info)
_VERDICT_RANK = {Verdict(v): i for i, v in enumerate(("false", "misleading", "unsupported", "mixed",
                                                       "mostly-accurate", "accurate", "not-a-claim",
                                                       "unreviewed"))}


def esc(text: str) -> str:
    """Untrusted text as HTML text: control, bidi and zero-width characters visible, then escaped."""
    return html.escape(visible(text), quote=True)


def esc1(text: str, limit: int = 0) -> str:
    return html.escape(one_line(text, limit), quote=True)


def _a(url: Optional[str], label_html: str) -> str:
    target = safe_link(url)
    if target is None:
        return label_html
    return f'<a href="{html.escape(target, quote=True)}" rel="noopener noreferrer nofollow">{label_html}</a>'


@dataclass(frozen=True)
class _Item:
    number: int
    finding: Finding
    start: int  # offsets into the document text; start == end: a point marker
    end: int
    placed: bool  # shown in the text


# --- the page ---------------------------------------------------------------------------


def render(report: Report) -> str:
    if report.kind == "lint":
        return _page("claimcheck lint", _lint_body(report))
    return "".join(render_stream(report.documents, report.registry, report.kind))


def render_stream(documents: Iterable[DocumentReport], registry: Optional[Registry], kind: str,
                  folder: Optional[str] = None, text_budget: int = HTML_TEXT_BUDGET) -> Iterator[str]:
    """``render`` for documents that come one at a time: each document's section is rendered as it
    comes and spooled (``formats.spool``, in ``folder``), with its row of the overview; the page
    is written at the end. The page shows at most ``text_budget`` characters of document text:
    a document whose text would go past it is shown without its text (its findings are all
    there), with a note saying so. Nothing is yielded before the last document is in."""
    if kind == "lint":
        yield render(Report(kind, tuple(documents), registry))
        return
    from claimcheck.formats.spool import Spool

    report = Report(kind, (), registry)
    first_name = ""
    count = 0
    totals: Counter = Counter()
    ratings: Counter = Counter()
    shown_text = 0
    left_out: list[int] = [0, 0]  # documents whose text is left out, and their characters
    with Spool(folder) as rows, Spool(folder) as sections:
        for document in documents:
            count += 1
            if count == 1:
                first_name = document.title or document.path
            for severity in SEVERITY_ORDER:
                totals[severity] += document.count(severity)
            ratings[document.rating] += 1
            rows.write(_overview_row(count, document))
            note = None
            if document.text is not None:
                if shown_text + len(document.text) > text_budget:
                    note = _text_left_out(document, shown_text, text_budget)
                    left_out[0] += 1
                    left_out[1] += len(document.text)
                    document = replace(document, text=None)
                else:
                    shown_text += len(document.text)
            sections.write(_document(count, document, report, note))
            del document
        title = "claimcheck report" + (f" \u2014 {first_name}" if count == 1 else f" \u2014 {count} documents")
        meta = (f"{count} document{'s' if count != 1 else ''} \u00b7 {sum(totals.values())} "
                f"finding{'s' if sum(totals.values()) != 1 else ''} \u00b7 claimcheck {html.escape(__version__)}")
        head, tail = _page(title, "\0").split("\0")
        yield head + _masthead("audit report", meta) + '<main class="wrap">\n'
        if count > 1:
            yield _overview_head(totals, ratings, left_out, text_budget)
            yield from rows.read()
            yield _OVERVIEW_TAIL
        yield from sections.read()
        yield _legend() + "</main>\n" + tail


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<meta name=\"generator\" content=\"claimcheck {html.escape(__version__)}\">\n"
        f"<title>{esc1(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _masthead(kind: str, extra: str) -> str:
    return (f'<header class="masthead"><div class="wrap"><span class="logo">claimcheck</span>'
            f'<span class="kind">{kind}</span><span class="meta">{extra}</span></div></header>\n')


def _text_left_out(document: DocumentReport, shown: int, budget: int) -> str:
    """The note (HTML) in place of a document's text that the page's budget of text leaves out."""
    return (f"The text of this document ({len(document.text or ''):,} characters) is left out of this page, which "
            f"already shows {shown:,} characters of document text (at most {budget:,} in one page). Its findings "
            f"are listed alongside. To see them in the text, audit this document on its own: "
            f"<code>claimcheck audit {esc1(document.path)} -f html</code>")


_NOTE_STYLE = "padding:10px 18px;margin:0 0 14px;border-left:4px solid #b7791f;background:#fffbeb"


def _overview_row(index: int, d: DocumentReport) -> str:
    return (f'<tr><td><a href="#d{index}">{esc1(d.title or d.path)}</a><div class="path">{esc1(d.path)}</div></td>'
            f'<td><span class="rating r-{d.rating}">{RATING_LABEL.get(d.rating, esc1(d.rating))}</span></td>'
            + "".join(f'<td class="num">{_count_chip(s, d.count(s))}</td>' for s in SEVERITY_ORDER)
            + "</tr>")


def _overview_head(counts: Counter, ratings: Counter, left_out: list[int], budget: int) -> str:
    """The overview up to its rows: the counts (those an output cap left out included) and ratings."""
    chips = " ".join(_count_chip(s, counts.get(s, 0), label=True) for s in SEVERITY_ORDER)
    rating_line = " ".join(f'<span class="rating r-{r}">{RATING_LABEL.get(r, esc1(r))} {n}</span>'
                           for r, n in sorted(ratings.items()))
    note = ""
    if left_out[0]:
        note = (f'<p class="omitted" role="note" style="{_NOTE_STYLE}">The text of {plural(left_out[0], "document")} '
                f'({left_out[1]:,} characters) is left out of this page, which shows at most {budget:,} characters '
                "of document text; their findings are listed, and each says how to see its text.</p>")
    return (f'<section class="panel overview"><h1>Overview</h1><p class="chips">{chips}</p>'
            f'<p class="chips">{rating_line}</p>{note}'
            '<table class="docs"><thead><tr><th>Document</th><th>Rating</th><th>Errors</th><th>Warnings</th>'
            '<th>Info</th></tr></thead><tbody>')


_OVERVIEW_TAIL = "</tbody></table></section>\n"


def _count_chip(severity: Severity, n: int, label: bool = False) -> str:
    word = ""
    if label:
        word = " " + (severity.value + ("s" if n != 1 and severity is not Severity.info else ""))
    return f'<span class="count s-{severity.value}{" zero" if not n else ""}">{n}{word}</span>'


# --- one document -----------------------------------------------------------------------


def _document(index: int, document: DocumentReport, report: Report, text_note: Optional[str] = None) -> str:
    prefix = f"d{index}"
    registry = report.registry
    title = document.title or document.path
    head = (f'<section class="document" id="{prefix}">\n<div class="doc-head"><h2>{esc1(title)}</h2>'
            f'<div class="path">{esc1(document.path)}'
            + (f' \u00b7 <span class="docid">{esc1(document.document_id)}</span>' if document.document_id else "")
            + (f' <a class="jump" href="#{prefix}-cards">findings \u2193</a>' if document.findings else "")
            + "</div></div>\n")
    if document.error:
        return (head + f'<div class="panel error-panel"><span class="rating r-unreadable">Unreadable</span> '
                f'{esc1(document.error)}</div>\n</section>\n')
    items = _items(document)
    out = [head, _summary_panel(document, report), '<div class="layout">\n']
    if omitted_message(document):  # what an output cap left out
        out.insert(2, f'<div class="panel omitted" role="note" style="{_NOTE_STYLE}">'
                       f'{esc1(omitted_message(document))}</div>\n')
    out.append(_text_panel(prefix, document, items, text_note))
    out.append(_cards(prefix, document, items, registry))
    out.append("</div>\n</section>\n")
    return "".join(out)


def _items(document: DocumentReport) -> list[_Item]:
    text = document.text
    starts = _line_starts(text) if text is not None else []
    items = []
    for number, finding in enumerate(document.findings, 1):
        m = finding.match
        if text is None or finding.path != document.path:
            items.append(_Item(number, finding, 0, 0, False))
        elif m is not None:
            start = max(0, min(m.start, len(text)))
            end = max(start, min(m.end, len(text)))
            items.append(_Item(number, finding, start, end, True))
        elif 1 <= finding.line <= len(starts):
            offset = min(starts[finding.line - 1] + max(0, finding.column - 1), len(text))
            items.append(_Item(number, finding, offset, offset, True))
        else:
            items.append(_Item(number, finding, 0, 0, False))
    return items


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _summary_panel(document: DocumentReport, report: Report) -> str:
    findings = document.findings
    rating = document.rating
    registry = report.registry
    chips = " ".join(_count_chip(s, document.count(s), label=True) for s in SEVERITY_ORDER)
    by_rule = Counter(document.rule_counts())  # those an output cap left out included
    severity_of = {}
    for f in findings:
        severity_of.setdefault(f.rule, f.severity)
    for severity, rule, _ in document.omitted:
        severity_of.setdefault(rule, Severity(severity))
    rows = []
    top = max(by_rule.values()) if by_rule else 1
    for rule, n in sorted(by_rule.items(), key=lambda kv: (-severity_of[kv[0]].rank, -kv[1], kv[0])):
        info = describe(rule, report, severity_of[rule])
        sev = "agrees" if rule == "agrees-with-evidence" else severity_of[rule].value
        rows.append(
            f'<tr class="rule-row s-{severity_of[rule].value}" title="{esc1(rule)}: {esc1(info.summary)}" '
            f'data-rule="{esc1(rule)}"><td><span class="dot s-{sev}"></span>{esc1(rule_label(rule))}</td>'
            f'<td class="bar"><span class="fill s-{sev}" style="width:{max(6, round(100 * n / top))}%"></span></td>'
            f'<td class="num">{n}</td></tr>')
    # a claim the text only reports, refutes or corrects is not one it makes: counted apart, so that
    # a fact check rated "no known problems" does not show a red "False 1"
    stated_by_verdict: dict = {}
    mentioned_by_verdict: dict = {}
    stated = {f.match.claim_id for f in findings if f.match is not None and _states_claim(f)}
    for f in findings:
        if f.match is not None and registry is not None and f.match.claim_id in registry.claims:
            claim = registry.claims[f.match.claim_id]
            into = stated_by_verdict if claim.id in stated else mentioned_by_verdict
            into.setdefault(claim.verdict, set()).add(claim.id)
    distinct = sum(len(ids) for ids in (*stated_by_verdict.values(), *mentioned_by_verdict.values()))
    verdict_chips = _verdict_chips(stated_by_verdict)
    mentioned_chips = _verdict_chips(mentioned_by_verdict, "muted")
    chars = f"{document.chars:,} characters \u00b7 " if document.chars else ""
    counted = (f"{plural(document.total, 'finding')} (flagged passages)"
               + (f" about {plural(distinct, 'distinct reviewed claim')}" if distinct else ""))
    infos = sum(1 for f in findings if f.severity is Severity.info)  # the info cards the toggle shows
    toggle = ""
    if infos:
        toggle = (f'<details class="info-toggle"><summary><span class="when-closed">Show</span>'
                  f'<span class="when-open">Hide</span><span class="print-closed">Left out of this copy:</span>'
                  f'<span class="print-open">Shown in this copy:</span> the {plural(infos, "info finding")} '
                  '<span class="small">(accurate statements, agreement with the evidence, sentences not yet '
                  'reviewed)</span></summary></details>')
    return (
        '<div class="panel summary">'
        f'<div class="verdict-box r-{rating}"><div class="big">{RATING_LABEL.get(rating, esc1(rating))}</div>'
        f'<div class="why">{RATING_NOTE.get(rating, "")}</div></div>'
        f'<div class="stats"><p class="small label">Findings by severity</p><p class="chips">{chips}</p>'
        f'<p class="small">{chars}{counted}</p>{toggle}'
        + (f'<p class="small label">Reviewed claims it makes, by verdict '
           f'<span class="unit">(each claim counted once)</span></p><p class="chips">{verdict_chips}</p>'
           if verdict_chips else "")
        + (f'<p class="small label">Reviewed claims it only reports, refutes or corrects '
           f'<span class="unit">(by verdict)</span></p><p class="chips">{mentioned_chips}</p>'
           if mentioned_chips else "") + "</div>"
        + (f'<table class="rules"><caption>Findings by kind</caption><tbody>{"".join(rows)}</tbody></table>'
           if rows else "")
        + "</div>\n"
    )


def _states_claim(finding) -> bool:
    """The text makes the claim in its own voice (not reported, refuted or corrected)."""
    return (finding.rule not in ("reports-claim", "agrees-with-evidence")
            and finding.match.stance is Stance.asserts)


def _verdict_chips(by_verdict: dict, style: str = "") -> str:
    return " ".join(
        f'<span class="vlabel v-{v.value}{" " + style if style else ""}">{verdict_label(v)} {len(ids)}</span>'
        for v, ids in sorted(by_verdict.items(), key=lambda kv: (_VERDICT_RANK[kv[0]], -len(kv[1]))))


def _text_panel(prefix: str, document: DocumentReport, items: list[_Item], note: Optional[str] = None) -> str:
    text = document.text
    if text is None and note:
        return f'<article class="text panel"><p class="notice">{note}</p></article>\n'
    if text is None:
        return ('<article class="text panel"><p class="notice">The document text is not part of this report; '
                'the findings are listed alongside.</p></article>\n')
    sweep = _Sweep(prefix, text, [i for i in items if i.placed])
    rows = []
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    offset = 0
    for number, line in enumerate(lines, 1):
        line_end = offset + len(line)
        shown_end = line_end - 1 if line.endswith("\r") else line_end
        body = sweep.line(offset, shown_end, line_end if number < len(lines) else len(text))
        heading = _looks_like_heading(lines, number - 1)
        rows.append(f'<div class="ln" id="{prefix}-L{number}"><a class="no" href="#{prefix}-L{number}">{number}</a>'
                    f'<span class="lt{" h" if heading else ""}">{body}</span></div>')
        offset = line_end + 1
    return f'<article class="text panel" aria-label="document text">{"".join(rows)}</article>\n'


class _Sweep:
    """Walks the text once, left to right, keeping the set of findings whose span covers the
    current run: a run is cut wherever any finding starts or ends, so marks never nest."""

    def __init__(self, prefix: str, text: str, placed: list[_Item]):
        self.prefix = prefix
        self.text = text
        self.cuts = sorted({i.start for i in placed} | {i.end for i in placed})
        self.markers = sorted(placed, key=lambda i: (i.start, i.number))
        spans = [i for i in placed if i.end > i.start]
        self.starts = sorted(spans, key=lambda i: i.start)
        self.ends = sorted(spans, key=lambda i: i.end)
        self.next_marker = self.next_start = self.next_end = 0
        self.active: dict[int, _Item] = {}

    def _advance(self, position: int, out: list[str]) -> None:
        """Apply every start and end at or before ``position``; write the markers due there."""
        while self.next_end < len(self.ends) and self.ends[self.next_end].end <= position:
            self.active.pop(self.ends[self.next_end].number, None)
            self.next_end += 1
        while self.next_start < len(self.starts) and self.starts[self.next_start].start <= position:
            item = self.starts[self.next_start]
            if item.end > position:
                self.active[item.number] = item
            self.next_start += 1
        while self.next_marker < len(self.markers) and self.markers[self.next_marker].start <= position:
            out.append(_marker(self.prefix, self.markers[self.next_marker]))
            self.next_marker += 1

    def line(self, start: int, end: int, newline: int) -> str:
        """The HTML of text[start:end]; markers up to ``newline`` (the line's end) included."""
        cuts = self.cuts
        points = [start] + cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, end)] + [end]
        out: list[str] = []
        for a, b in zip(points, points[1:]):
            self._advance(a, out)
            if b <= a:
                continue
            chunk = esc(self.text[a:b])
            active = list(self.active.values())
            if not active:
                out.append(chunk)
                continue
            worst = max(active, key=lambda i: (i.finding.severity.rank, -i.number))
            classes = ["hl", f"s-{worst.finding.severity.value}"]
            if all(_agrees(i.finding) for i in active):
                classes.append("agrees")
            if len(active) > 1:
                classes.append("multi")
            label = "; ".join(f"{i.number}: {rule_label(i.finding.rule)}" for i in sorted(active, key=lambda i: i.number))
            out.append(f'<mark class="{" ".join(classes)}" title="{esc1(label)}">{chunk}</mark>')
        self._advance(newline, out)
        return "".join(out)


def _marker(prefix: str, item: _Item) -> str:
    sev = item.finding.severity.value
    agrees = " agrees" if _agrees(item.finding) else ""
    return (f'<a class="mk s-{sev}{agrees}" id="{prefix}-m{item.number}" href="#{prefix}-f{item.number}" '
            f'title="{esc1(rule_label(item.finding.rule))}" data-rule="{esc1(item.finding.rule)}">{item.number}</a>')


def _agrees(finding: Finding) -> bool:
    return finding.match is not None and finding.match.stance is Stance.agrees_with_evidence


def _looks_like_heading(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if not line or len(line) > 80 or line[-1] in ".!?:;,":
        return False
    before = lines[i - 1].strip() if i > 0 else ""
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return not before and not after and i + 1 < len(lines)


# --- cards ------------------------------------------------------------------------------


def _cards(prefix: str, document: DocumentReport, items: list[_Item], registry: Optional[Registry]) -> str:
    if not items:
        return '<aside class="cards"><p class="notice">No registered claim was found in this document.</p></aside>\n'
    cards = "".join(_card(prefix, document, item, registry) for item in items)
    return f'<aside class="cards" id="{prefix}-cards" aria-label="findings"><ol class="card-list">{cards}</ol></aside>\n'


def _card(prefix: str, document: DocumentReport, item: _Item, registry: Optional[Registry]) -> str:
    f = item.finding
    m = f.match
    sev = f.severity.value
    claim = registry.claims.get(m.claim_id) if (m is not None and registry is not None) else None
    agrees = _agrees(f)
    where = f"line {f.line}, col {f.column}"
    if f.path != document.path:
        where = f"{esc1(f.path)}:{f.line}:{f.column}"
    number = (f'<a class="cnum s-{sev}{" agrees" if agrees else ""}" href="#{prefix}-m{item.number}" '
              f'title="show in the text">{item.number}</a>' if item.placed
              else f'<span class="cnum s-{sev}">{item.number}</span>')
    peek = f"\u201c{esc1(m.matched_text, 90)}\u201d" if m is not None else esc1(f.message, 90)
    head = (f'<summary><span class="card-head">{number}<span class="sev s-{sev}">{sev}</span>'
            f'<span class="rule" title="rule {esc1(f.rule)}" data-rule="{esc1(f.rule)}">{esc1(rule_label(f.rule))}'
            f'</span><span class="loc">{where}</span></span>'
            f'<span class="peek">{peek}</span></summary>')
    body = []
    if claim is None:
        if m is not None:
            body.append(f'<figure class="says"><figcaption>The page says</figcaption>'
                        f'<blockquote>\u201c{esc1(m.matched_text, 600)}\u201d</blockquote></figure>')
        body.append(f'<p class="msg">{esc1(f.message)}</p>')
        if f.fix:
            body.append(f'<p class="fix"><b>Fix:</b> {esc1(f.fix)}</p>')
    else:
        body.append(f'<figure class="says"><figcaption>The page says</figcaption>'
                    f'<blockquote>\u201c{esc1(m.matched_text, 600)}\u201d</blockquote></figure>')
        vclass = "v-agrees" if agrees else f"v-{claim.verdict.value}"
        if agrees:
            body.append(f'<p class="review"><span class="vlabel {vclass}">Agrees with the evidence</span> '
                        f'This passage states the correction of a claim we rate '
                        f'<b>{verdict_label(claim.verdict).lower()}</b>: '
                        f'<q class="reviewed">{esc1(claim.claim)}</q></p>')
        else:
            body.append(f'<p class="review">Our rating: <span class="vlabel {vclass}">{verdict_label(claim.verdict)}</span>'
                        f' for the {"statement" if claim.verdict is Verdict.not_a_claim else "claim"} '
                        f'<q class="reviewed">{esc1(claim.claim)}</q></p>')
        body.append(f'<dl><dt>Why</dt><dd>{esc1(claim.rationale or "not yet reviewed")}</dd>')
        if claim.correction and not agrees:
            body.append(f'<dt>What is correct</dt><dd class="correction">{esc1(claim.correction)}</dd>')
        sources = [registry.sources[s] for s in claim.sources if s in registry.sources]
        if sources:
            links = "".join(f"<li>{_a(s.link, esc1(s.short_citation))}</li>" for s in sources)
            body.append(f'<dt>Sources</dt><dd><ol class="sources">{links}</ol></dd>')
        body.append("</dl>")
        extra = f"claim <code>{esc1(claim.id)}</code> \u00b7 {esc1(m.kind.value)} match"
        if m.kind.value != "exact":
            extra += f" ({m.confidence:.2f})"
        if claim.flags:
            extra += " \u00b7 flags: " + ", ".join(f"<code>{esc1(x)}</code>" for x in claim.flags)
        body.append(f'<p class="meta">{extra}</p>')
    open_attr = "" if f.severity is Severity.info else " open"
    return (f'<li class="card s-{sev}{" agrees" if agrees else ""}" id="{prefix}-f{item.number}" '
            f'data-rule="{esc1(f.rule)}">'
            f'<details{open_attr}>{head}<div class="card-body">{"".join(body)}</div></details></li>')


def _legend() -> str:
    return ('<footer class="legend wrap-inner"><span><mark class="hl s-error">error</mark></span>'
            '<span><mark class="hl s-warning">warning</mark></span><span><mark class="hl s-info">info</mark></span>'
            '<span><mark class="hl s-info agrees">agrees with the evidence</mark></span>'
            '<span><mark class="hl s-error multi">overlapping findings</mark></span>'
            f'<span class="gen">Generated by claimcheck {html.escape(__version__)}. Numbers link a passage to its card and back. '
            '\u201cThe page says\u201d quotes the page\'s own words; ratings, reasons and corrections are the review\'s.'
            '</span></footer>\n')


# --- lint -------------------------------------------------------------------------------


def _lint_body(report: Report) -> str:
    out = [_masthead("registry lint", f"claimcheck {html.escape(__version__)}"), '<main class="wrap">\n']
    for document in report.documents:
        findings = document.findings
        chips = " ".join(_count_chip(s, document.count(s), label=True) for s in SEVERITY_ORDER)
        out.append(f'<section class="panel lint-panel"><h2>{esc1(document.path)}</h2><p class="chips">{chips}</p>')
        if not findings:
            out.append('<p class="notice">No problems.</p></section>\n')
            continue
        rows = "".join(
            f'<tr><td class="num">{f.line}:{f.column}</td><td><span class="sev s-{f.severity.value}">'
            f'{f.severity.value}</span></td><td><code>{esc1(f.rule)}</code></td><td>{esc1(f.message)}'
            + (f'<div class="fix"><b>Fix:</b> {esc1(f.fix)}</div>' if f.fix else "") + "</td></tr>"
            for f in findings)
        out.append('<table class="lint"><thead><tr><th>Line:col</th><th>Severity</th><th>Rule</th><th>Problem</th>'
                   f'</tr></thead><tbody>{rows}</tbody></table></section>\n')
    out.append("</main>\n")
    return "".join(out)


CSS = """
:root{--bg:#f4f5f7;--panel:#fff;--ink:#1d2330;--muted:#5d6778;--line:#e2e5ea;
--err:#c62828;--err-bg:#fde3e1;--err-mark:rgba(229,57,53,.26);
--warn:#a35c00;--warn-bg:#fff1d6;--warn-mark:rgba(255,171,0,.22);
--info:#1e5fae;--info-bg:#e3eefb;--info-mark:rgba(30,136,229,.10);
--ok:#2e7d32;--ok-bg:#e3f3e4;--ok-mark:rgba(67,160,71,.18);
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif;
--serif:Georgia,"Liberation Serif","DejaVu Serif","Times New Roman",serif;
--mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 var(--sans)}
a{color:#1f5fbf}
code{font:12.5px var(--mono);background:#eef0f3;border-radius:4px;padding:1px 5px}
.wrap{max-width:1400px;margin:0 auto;padding:0 24px}
.masthead{background:#1d2330;color:#fff;padding:12px 0;margin-bottom:20px}
.masthead .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px}
.logo{font-weight:700;font-size:18px;letter-spacing:.02em}
.logo::before{content:"\\2714";display:inline-block;margin-right:8px;color:#7ee0a0}
.kind{font-size:14px;color:#c8cfdb;text-transform:uppercase;letter-spacing:.08em}
.meta{margin-left:auto;font-size:13px;color:#aab3c2}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;box-shadow:0 1px 2px rgba(20,30,50,.05)}
h1{font-size:18px;margin:0 0 10px}
.overview{padding:18px 20px;margin-bottom:28px}
table{border-collapse:collapse}
table.docs,table.lint{width:100%;font-size:14px}
table.docs th,table.lint th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em;border-bottom:1px solid var(--line);padding:6px 8px}
table.docs td,table.lint td{border-bottom:1px solid var(--line);padding:8px;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.path{color:var(--muted);font:12.5px var(--mono);word-break:break-all}
.document{margin:0 0 40px}
.doc-head{margin:0 0 12px}
.doc-head h2{font-size:24px;line-height:1.25;margin:0 0 2px}
.docid{font-family:var(--sans)}
.summary{display:grid;grid-template-columns:minmax(210px,260px) minmax(220px,1fr) minmax(260px,1.2fr);gap:20px;padding:16px 18px;margin-bottom:16px;align-items:start}
.verdict-box{border-radius:8px;padding:12px 14px;border-left:6px solid}
.verdict-box .big{font-size:21px;font-weight:700;line-height:1.2}
.verdict-box .why{font-size:13px;margin-top:4px;opacity:.9}
.r-unreliable.verdict-box,.r-unreadable.verdict-box{background:var(--err-bg);border-color:var(--err);color:#7f1414}
.r-needs-review.verdict-box{background:var(--warn-bg);border-color:#e69500;color:#6b3d00}
.r-no-known-problems.verdict-box{background:var(--ok-bg);border-color:var(--ok);color:#1b5e20}
.rating{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:600;white-space:nowrap}
.rating.r-unreliable,.rating.r-unreadable{background:var(--err-bg);color:#8e1b1b}
.rating.r-needs-review{background:var(--warn-bg);color:#7a4300}
.rating.r-no-known-problems{background:var(--ok-bg);color:#1b5e20}
.chips{margin:0 0 6px;display:flex;flex-wrap:wrap;gap:6px}
.count{display:inline-block;border-radius:6px;padding:2px 9px;font-weight:600;font-size:13px;font-variant-numeric:tabular-nums}
.count.s-error{background:var(--err-bg);color:var(--err)}
.count.s-warning{background:var(--warn-bg);color:var(--warn)}
.count.s-info{background:var(--info-bg);color:var(--info)}
.count.zero{background:#f0f1f3;color:#8a93a3}
.small{font-size:13px;color:var(--muted);margin:4px 0 0}
.small.label{font-size:12px;text-transform:uppercase;letter-spacing:.05em;font-weight:600;margin:12px 0 6px}
table.rules{width:100%;font-size:13px}
table.rules caption{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;padding-bottom:4px}
table.rules td{padding:2px 4px;white-space:nowrap}
table.rules td.bar{width:45%}
.fill{display:block;height:8px;border-radius:4px}
.dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;vertical-align:middle}
.s-error.dot,.s-error.fill{background:var(--err)}
.s-warning.dot,.s-warning.fill{background:#e69500}
.s-info.dot,.s-info.fill{background:#4a8ad8}
.s-agrees.dot,.s-agrees.fill{background:var(--ok)}
.layout{display:grid;grid-template-columns:minmax(0,1.45fr) minmax(340px,1fr);gap:18px;align-items:start}
.text{padding:14px 4px 14px 0;font:16px/1.7 var(--serif);counter-reset:none}
.ln{display:grid;grid-template-columns:3.4em minmax(0,1fr);scroll-margin-top:30vh}
.ln:target{background:#fffbe6}
.no{color:#a3aab6;font:11.5px/2.4 var(--mono);text-align:right;padding-right:14px;text-decoration:none;user-select:none}
.no:hover{color:var(--ink)}
.lt{white-space:pre-wrap;overflow-wrap:anywhere;padding-right:18px;min-height:1.7em}
.lt.h{font:700 19px/1.6 var(--sans);margin:2px 0}
mark.hl{color:inherit;border-radius:3px;padding:1px 0;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.s-error{background:var(--err-mark);box-shadow:inset 0 -3px 0 var(--err);font-weight:600}
mark.s-warning{background:var(--warn-mark);box-shadow:inset 0 -2px 0 #e69500}
mark.s-info{background:var(--info-mark);box-shadow:inset 0 -1px 0 #9dbde6}
mark.agrees{background:var(--ok-mark);box-shadow:inset 0 -2px 0 var(--ok)}
mark.multi{background-image:linear-gradient(rgba(20,25,40,.10),rgba(20,25,40,.10));border-bottom:2px dotted #1d2330;border-radius:0}
a.mk{display:inline-block;min-width:1.6em;height:1.6em;line-height:1.6em;margin:0 3px 0 1px;border-radius:999px;text-align:center;
font:700 11px/1.6em var(--sans);color:#fff;text-decoration:none;vertical-align:2px;scroll-margin-top:30vh}
a.mk.s-error{background:var(--err)}a.mk.s-warning{background:#d98a00}a.mk.s-info{background:#3b7fd0}a.mk.agrees{background:var(--ok)}
a.mk:target{outline:3px solid #1d2330;outline-offset:1px}
.cards{position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto;padding-right:2px}
.card-list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:10px}
.card{background:var(--panel);border:1px solid var(--line);border-left:5px solid;border-radius:8px;scroll-margin-top:12px}
.card.s-error{border-left-color:var(--err);border-left-width:7px;box-shadow:0 1px 4px rgba(198,40,40,.18)}.card.s-warning{border-left-color:#e69500}.card.s-info{border-left-color:#6ea1dd}.card.agrees{border-left-color:var(--ok)}
.card:target{box-shadow:0 0 0 3px rgba(29,35,48,.35)}
.card summary{display:block;cursor:pointer;list-style:none;padding:8px 12px}
.card summary::-webkit-details-marker{display:none}
.card-head{display:flex;align-items:center;gap:8px;font-size:13px}
.peek{display:block;margin:3px 0 0 2.3em;font:italic 13px/1.4 var(--serif);color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
details[open] .peek{display:none}
details[open]>summary{padding-bottom:4px}
.cnum{display:inline-block;min-width:1.7em;height:1.7em;line-height:1.7em;border-radius:999px;text-align:center;color:#fff;font-weight:700;font-size:12px;text-decoration:none}
.cnum.s-error{background:var(--err)}.cnum.s-warning{background:#d98a00}.cnum.s-info{background:#3b7fd0}.cnum.agrees{background:var(--ok)}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.06em}
.sev.s-error{color:var(--err)}.sev.s-warning{color:var(--warn)}.sev.s-info{color:var(--info)}
.rule{font-size:12px}
.loc{margin-left:auto;color:var(--muted);font-size:12px;white-space:nowrap}
.card-body{padding:0 14px 10px;font-size:14px}
.says{margin:2px 0 10px}
.says figcaption{font-size:11.5px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600;margin:0 0 2px}
.says blockquote{margin:0;padding:6px 12px;border-left:3px solid #b9c0cc;background:#f6f7f9;border-radius:0 6px 6px 0;font:italic 14.5px/1.5 var(--serif);color:#37404f}
.review{margin:0 0 6px}
q.reviewed{font:italic 14px/1.5 var(--serif);color:#4a5363;quotes:"\\201C" "\\201D"}
.jump{display:none;font:600 12.5px var(--sans);margin-left:6px}
.unit{text-transform:none;letter-spacing:0;font-weight:400}
.info-toggle{margin:6px 0 2px;font-size:13px}
.info-toggle>summary{cursor:pointer;color:var(--info);font-weight:600}.info-toggle>summary .small{font-weight:400}
.info-toggle[open] .when-closed,.info-toggle:not([open]) .when-open,.print-closed,.print-open{display:none}
.document:not(:has(.info-toggle[open])) .card.s-info,
.document:not(:has(.info-toggle[open])) a.mk.s-info{display:none}
.document:not(:has(.info-toggle[open])) mark.hl.s-info{background:none;box-shadow:none;font-weight:inherit}
.document:not(:has(.info-toggle[open])) tr.rule-row.s-info{opacity:.45}
.vlabel{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:700;margin-right:4px;white-space:nowrap}
.v-false,.v-misleading{background:var(--err);color:#fff}
.v-unsupported,.v-mixed{background:#e69500;color:#fff}
.v-mostly-accurate,.v-accurate,.v-agrees{background:var(--ok);color:#fff}
.v-not-a-claim{background:#6b7280;color:#fff}
.vlabel.muted{background:none;color:var(--muted);box-shadow:inset 0 0 0 1px var(--muted)}
dl{margin:6px 0 0;display:grid;grid-template-columns:6.5em minmax(0,1fr);gap:4px 8px}
dt{font-weight:600;color:var(--muted);font-size:12.5px;padding-top:1px}
dd{margin:0}
dd.correction{color:#1b5e20;font-weight:500}
ol.sources{margin:0;padding-left:1.2em}
ol.sources li{margin:0 0 3px;font-size:13px}
.meta{color:var(--muted);font-size:12px;margin:8px 0 0}
.msg{margin:4px 0}
.fix{font-size:13px;color:#1b5e20}
.notice{color:var(--muted);padding:12px 16px;margin:0}
.error-panel{padding:14px 18px}
.lint-panel{padding:16px 20px}
.lint-panel h2{font-size:20px;margin:0 0 10px;word-break:break-all}
.legend{max-width:1400px;margin:0 auto 40px;display:flex;flex-wrap:wrap;gap:14px;font-size:13px;color:var(--muted);align-items:center}
.legend .gen{margin-left:auto}
@media (max-width:980px){.layout,.summary{grid-template-columns:1fr}.cards{position:static;max-height:none}.jump{display:inline}}
@media (max-width:600px){.wrap{padding:0 12px}.doc-head h2{font-size:20px}.summary{padding:12px;gap:12px}
.meta{margin-left:0;flex-basis:100%}.text{font-size:15px}.ln{grid-template-columns:2.4em minmax(0,1fr)}.no{padding-right:8px}
.lt{padding-right:8px}.card-body{padding:0 10px 10px}dl{grid-template-columns:1fr}dt{padding-top:4px}}
@media print{@page{margin:14mm 12mm}
body{background:#fff;font-size:11pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.wrap{max-width:none;padding:0}
.masthead{background:#fff;color:#000;border-bottom:2px solid #000;margin-bottom:10px}.masthead .kind,.masthead .meta{color:#333}
.logo::before{color:#2e7d32}
.panel{box-shadow:none;border-color:#bbb}
.summary{grid-template-columns:1fr 1fr;break-inside:avoid}.summary table.rules{grid-column:1/-1}
.layout{display:block}.text{border:none;padding:0}
.cards{position:static;max-height:none;overflow:visible;margin-top:14px}
.card{break-inside:avoid;box-shadow:none}
.card summary{padding-bottom:2px}.peek{display:none}
details::details-content{content-visibility:visible;display:block}
.jump,.info-toggle .when-closed,.info-toggle .when-open{display:none}.info-toggle>summary{list-style:none;color:var(--ink)}
.info-toggle:not([open]) .print-closed,.info-toggle[open] .print-open{display:inline}
.card-body a[href]::after{content:" <" attr(href) ">";font-size:9pt;color:#444;word-break:break-all}
.ln:target,.card:target{background:none;box-shadow:none}
.legend .gen{margin-left:0}}
"""
