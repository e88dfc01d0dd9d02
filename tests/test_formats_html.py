"""The HTML report: self-contained (no request ever leaves the page), every text escaped,
overlapping highlights as flat well-formed markup, and the passages highlighted in a real
browser (headless Chromium, when installed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.formats import html as html_format
from claimcheck.model import ClaimMatch, DocumentReport, Finding, MatchKind, Report, Severity, Stance
from conftest import MINI_REGISTRY, ROOT
from format_support import at_root, audit_report, hostile_report, lint_report  # noqa: F401

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source", "track", "embed"}
FORBIDDEN_TAGS = {"script", "img", "link", "iframe", "object", "embed", "video", "audio", "source", "base", "form",
                  "frame", "frameset", "picture", "svg", "math", "input", "button", "template", "portal"}
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)


class Page(HTMLParser):
    """Checks nesting while collecting tags, attributes, mark texts and the CSS."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[str] = []
        self.css = ""
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.css += data
        if self.stack and self.stack[-1] == "mark":
            self.marks.append(data)
        self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert not parser.problems, parser.problems[:5]
    assert parser.stack == [], parser.stack
    return parser


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def overlapping_report() -> Report:
    """Three findings that overlap and cross a line end, over text full of markup characters."""
    text = "Intro line.\nKetamine <b>cures</b> everything & more,\nforever. End.\n"

    def finding(number, phrase_start, phrase_end, severity, rule, stance=Stance.asserts):
        start, end = text.index(phrase_start), text.index(phrase_end) + len(phrase_end)
        match = ClaimMatch(f"claim-{number}", MatchKind.exact, 1.0, stance, text[start:end], text[start:end],
                           start, end, start)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        return Finding("x.txt", line, column, rule, severity, f"message {number}", line, column + 1, None, match)

    findings = (
        finding(1, "Ketamine", "& more", Severity.warning, "overstated"),
        finding(2, "everything", "forever", Severity.error, "factually-wrong"),
        finding(3, "everything", "everything", Severity.info, "agrees-with-evidence", Stance.agrees_with_evidence),
    )
    return Report("audit", (DocumentReport("x.txt", None, "Overlaps", tuple(sorted(findings)), len(text),
                                           text=text),), None)


def assert_self_contained(page: str) -> Page:
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                pytest.fail(f"event handler attribute {name} on <{tag}>")
            if re.search(r"(?i)(https?:|//|data:|javascript:)", value):
                assert tag == "a" and name == "href" and re.match(r"https?://", value), (tag, name, value)
            if name == "style":
                assert "url(" not in value.lower(), value
    css = parsed.css.lower()
    assert "url(" not in css and "@import" not in css and "http" not in css and "@font-face" not in css
    assert "default-src 'none'" in page  # the CSP makes sure, whatever a browser would fetch
    return parsed


def test_mini_report_is_self_contained_and_highlights_every_match(at_root):
    report = audit_report(MINI_REGISTRY, ["page"])
    page = html_format.render(report)
    parsed = assert_self_contained(page)
    marked = squeeze("".join(parsed.marks))
    for number, finding in enumerate(report.findings, 1):
        assert squeeze(finding.match.matched_text) in marked
        assert f'id="d1-m{number}" href="#d1-f{number}"' in page
        assert f'id="d1-f{number}"' in page and f'href="#d1-m{number}"' in page
    assert 'href="https://www.dea.gov/drug-information/drug-scheduling" rel="noopener noreferrer nofollow"' in page
    assert "Unreliable" in page and "Ketamine is a Schedule III controlled substance in the United States." in page


def test_overlapping_highlights_are_flat_and_well_formed():
    page = html_format.render(overlapping_report())
    parsed = parse(page)
    body = page[page.index('id="d1-L2"'):page.index('</article>')]
    assert "<mark" in body and not re.search(r"<mark[^>]*>[^<]*<mark", body)  # never nested
    assert 'class="hl s-error multi"' in body  # the overlap takes the worst colour
    assert "Ketamine &lt;b&gt;cures&lt;/b&gt; " in body and "&amp; more" in body
    marked = squeeze("".join(parsed.marks))
    assert squeeze("Ketamine <b>cures</b> everything & more") in marked
    assert squeeze("everything & more,\nforever") in marked
    assert body.count('class="mk ') == 3


def test_several_documents_get_an_overview(at_root):
    mini = audit_report(MINI_REGISTRY, ["page"])
    report = Report("audit", mini.documents + overlapping_report().documents, mini.registry)
    page = html_format.render(report)
    assert_self_contained(page)
    assert 'href="#d1"' in page and 'href="#d2"' in page and 'id="d2-m1"' in page
    assert ">Overview</h1>" in page


def test_hostile_text_is_escaped(tmp_path, monkeypatch):
    page = html_format.render(hostile_report(tmp_path, monkeypatch))
    parsed = assert_self_contained(page)
    assert "<script>" not in page and "<title>Evil" not in page and "<i>tags" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in "".join(a.get("href", "") for _, a in parsed.tags)
    assert "\u202e" not in page and "\x1b" not in page and "\\u202egnp.exe" in page


def test_without_the_text_the_findings_are_still_listed(at_root):
    report = audit_report(MINI_REGISTRY, ["page"], keep_text=False)
    page = html_format.render(report)
    assert_self_contained(page)
    assert "not part of this report" in page and page.count('class="card ') == 4


def test_lint_report_is_a_table(at_root):
    report = lint_report()
    page = html_format.render(report)
    assert_self_contained(page)
    assert page.count("<tr>") == len(report.findings) + 1


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_chromium_renders_the_highlights(at_root, tmp_path):
    mini = audit_report(MINI_REGISTRY, ["page"])
    report = Report("audit", mini.documents + overlapping_report().documents, mini.registry)
    path = tmp_path / "report.html"
    path.write_text(html_format.render(report), encoding="utf-8")
    profile = tempfile.mkdtemp(dir=tmp_path)
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = parse_dom(result.stdout)
    marked = squeeze("".join(dom.marks))
    for finding in report.findings:
        assert squeeze(finding.match.matched_text) in marked, finding
    ids = {attrs.get("id") for _, attrs in dom.tags}
    assert {"d1-m1", "d1-m4", "d2-m3", "d1-f1", "d2-f3"} <= ids


def parse_dom(dom: str) -> Page:
    """Chromium's serialised DOM (the parser is lenient about what Chromium writes)."""
    parser = Page()
    parser.feed(dom)
    return parser


class TextPanel(HTMLParser):
    """Reads the document text back out of the text panel, with the offsets inside marks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.marked: set[int] = set()
        self.lines = 0
        self.in_panel = self.in_mark = False
        self.skip = 0  # inside a line number or a marker

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article" and "text" in classes:
            self.in_panel = True
        elif self.in_panel and tag == "div" and "ln" in classes:
            if self.lines:
                self.text += "\n"
            self.lines += 1
        elif self.in_panel and tag == "a":
            self.skip += 1
        elif self.in_panel and tag == "mark":
            self.in_mark = True

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_panel = False
        elif self.in_panel and tag == "a":
            self.skip -= 1
        elif tag == "mark":
            self.in_mark = False

    def handle_data(self, data):
        if self.in_panel and not self.skip:
            if self.in_mark:
                self.marked.update(range(len(self.text), len(self.text) + len(data)))
            self.text += data


@given(
    text=st.text(alphabet="ab <>&\"'\n\u00e9", min_size=1, max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20), st.sampled_from(list(Severity))), max_size=6),
)
@settings(max_examples=200, deadline=None)
def test_any_overlap_gives_the_text_back_with_exactly_the_spans_marked(text, spans):
    findings = []
    for number, (start, length, severity) in enumerate(spans):
        start = min(start, len(text))
        end = min(len(text), start + length)
        match = ClaimMatch(f"c{number}", MatchKind.exact, 1.0, Stance.asserts, text[start:end], "", start, end, start)
        findings.append(Finding("t.txt", 1, 1 + number, "r", severity, "m", 1, 2, None, match))
    report = Report("audit", (DocumentReport("t.txt", None, None, tuple(sorted(findings)), len(text), text=text),),
                    None)
    page = html_format.render(report)
    parse(page)  # well-formed whatever the overlaps
    panel = TextPanel()
    panel.feed(page)
    expected_text = text[:-1] if text.endswith("\n") else text  # a final newline starts no line
    assert panel.text == expected_text
    covered = {i for f in findings for i in range(f.match.start, f.match.end) if text[i] != "\n"}
    assert panel.marked == {i for i in covered if i < len(expected_text)}
    assert page.count('class="mk ') == len(findings)


# --- what an editor reads ---------------------------------------------------------------


def test_the_pages_words_are_a_quotation_and_the_verdict_is_the_reviews_voice(at_root):
    page = html_format.render(audit_report(MINI_REGISTRY, ["page"]))
    card = page[page.index('id="d1-f1"'):page.index('id="d1-f2"')]
    assert ('<figure class="says"><figcaption>The page says</figcaption>'
            '<blockquote>\u201cKetamine is not a controlled substance\u201d</blockquote></figure>') in card
    assert ('Our rating: <span class="vlabel v-false">False</span> for the claim '
            '<q class="reviewed">Ketamine is not a controlled substance.</q>') in card
    assert '<dt>What is correct</dt><dd class="correction">Ketamine is a Schedule III' in card


def test_rules_get_plain_labels_and_keep_their_ids_in_attributes(at_root):
    page = html_format.render(audit_report(MINI_REGISTRY, ["page"]))
    assert '<span class="rule" title="rule factually-wrong" data-rule="factually-wrong">Factually wrong</span>' in page
    assert '<code class="rule">' not in page
    assert 'data-rule="factually-wrong"><td><span class="dot s-error"></span>Factually wrong</td>' in page
    assert 'title="1: Factually wrong"' in page  # the highlight's tooltip


def test_counts_say_what_they_count(at_root):
    report = audit_report(MINI_REGISTRY, ["page"])
    page = html_format.render(report)
    assert "4 findings (flagged passages) about 4 distinct reviewed claims" in page
    assert "Reviewed claims it makes, by verdict" in page and "(each claim counted once)" in page
    assert ">Findings by severity<" in page and ">Findings by kind<" in page


def test_the_same_claim_twice_is_one_claim_in_the_verdict_counts(at_root):
    mini = audit_report(MINI_REGISTRY, ["page"])
    document = mini.documents[0]
    twice = DocumentReport(document.path, document.document_id, document.title,
                           document.findings + document.findings[:1], document.chars, text=document.text)
    page = html_format.render(Report("audit", (twice,), mini.registry))
    assert "5 findings (flagged passages) about 4 distinct reviewed claims" in page
    assert '<span class="vlabel v-false">False 2</span>' in page


def test_a_claim_the_text_only_refutes_is_not_counted_as_one_it_makes(tmp_path):
    from claimcheck.audit import Auditor
    from claimcheck.loader import load_registry

    registry = load_registry(str(ROOT / "claims.yaml")).registry
    text = "The clinic says ketamine is not a controlled substance. That is false: it is a Schedule III drug.\n"
    document = Auditor(registry).audit_text(text, path="debunk.txt")
    page = html_format.render(Report("audit", (document,), registry))
    assert "No known problems" in page
    assert "Reviewed claims it makes" not in page
    assert "Reviewed claims it only reports, refutes or corrects" in page
    assert '<span class="vlabel v-false muted">False 1</span>' in page


def test_info_findings_are_hidden_until_asked_for_without_a_script(at_root):
    page = html_format.render(audit_report(MINI_REGISTRY, ["page"]))
    parsed = assert_self_contained(page)
    assert '<details class="info-toggle"><summary>' in page and "the 1 info finding" in page
    css = parsed.css
    assert ".document:not(:has(.info-toggle[open])) .card.s-info" in css
    assert ".document:not(:has(.info-toggle[open])) mark.hl.s-info" in css


def test_a_document_without_info_findings_has_no_toggle(at_root):
    mini = audit_report(MINI_REGISTRY, ["page"])
    document = mini.documents[0]
    serious = DocumentReport(document.path, document.document_id, document.title,
                             tuple(f for f in document.findings if f.severity is not Severity.info),
                             document.chars, text=document.text)
    page = html_format.render(Report("audit", (serious,), mini.registry))
    assert '<details class="info-toggle">' not in page


def test_there_is_a_print_stylesheet_that_opens_every_card():
    css = html_format.CSS
    printed = css[css.index("@media print"):]
    assert "details::details-content{content-visibility:visible;display:block}" in printed
    assert ".cards{position:static;max-height:none;overflow:visible" in printed
    assert "break-inside:avoid" in printed


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_the_screenshot_script_shoots_the_report_at_laptop_and_phone_width(tmp_path):
    import struct
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot_report.py"), "page",
                             "--registry", str(MINI_REGISTRY), "--out", str(tmp_path), "--height", "600", "--pdf"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    for width in (1280, 390):
        png = (tmp_path / f"report-page-{width}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (width, 600)
    assert (tmp_path / "report-page.pdf").read_bytes()[:5] == b"%PDF-"
