"""The one-object formats (sarif, markdown, html) written from documents that come one at a
time (``render_stream``, as a corpus audit drives them): the same text as the whole report
rendered at once, whatever the order of the documents, with what must wait for the end spooled
(formats/spool.py) rather than kept."""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.formats import html as html_format
from claimcheck.formats import markdown, sarif, spool
from claimcheck.model import DocumentReport, Report, Severity
from conftest import MINI_REGISTRY
from format_support import at_root, hostile_report  # noqa: F401
from test_formats_html import parse
from test_formats_sarif import check_github_shape, validator

AGREES = "\nSome say that ketamine is FDA-approved for depression, but that is false.\n"
REPORTS = "\nAccording to the clinic, ketamine is not a controlled substance.\n"
SUGGESTS = "\nA 2021 study found that 45% of patients improved within a week.\n"


@pytest.fixture(scope="module")
def documents():
    """Documents in no sorted order: audited pages (some capped, with rules declared after the
    registry's flags: agreement, reports, suggestions), an unreadable one, and two that report
    the same path (their fingerprints must still differ)."""
    from claimcheck.audit import Auditor

    from format_support import load

    registry = load(MINI_REGISTRY)
    text = (MINI_REGISTRY.parent / "docs" / "page.txt").read_text(encoding="utf-8")
    full = Auditor(registry, keep_text=True, suggest=True)
    capped = Auditor(registry, keep_text=True, max_findings=2)
    docs = [
        full.audit_text(text + AGREES, "site/b.txt", None),
        capped.audit_text(text, "a \u00e9t\u00e9.txt", None),
        DocumentReport("gone.txt", None, None, (), 0, error="no such file"),
        full.audit_text("Nothing to see here.\n", "c.txt", "page"),
        full.audit_text("A new first line.\n\n" + text + SUGGESTS, "site/a.txt", None),
        full.audit_text(text, "dup.txt", None),
        capped.audit_text(REPORTS + text, "dup.txt", None),
    ]
    rules = {f.rule for d in docs for f in d.findings}
    assert {"agrees-with-evidence", "reports-claim", "unregistered-claim"} <= rules - set(registry.flags), rules
    assert any(d.omitted for d in docs)
    return registry, docs


@pytest.fixture
def tiny_spools(monkeypatch):
    """Every spool on disk at once, read back a few bytes at a time (chunks end inside characters)."""
    monkeypatch.setattr(spool, "MEMORY", 0)
    monkeypatch.setattr(spool, "CHUNK", 7)


def _sarif_at_once(report: Report) -> str:
    from claimcheck.text import json_safe

    return json_safe(json.dumps(sarif.sarif_log(report), indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


# --- sarif ----------------------------------------------------------------------------------------


def test_streamed_sarif_is_the_log_at_once_byte_for_byte(documents, tiny_spools, tmp_path):
    registry, docs = documents
    distinct = docs[:6]  # each path once
    streamed = "".join(sarif.render_stream(iter(distinct), registry, "audit", str(tmp_path)))
    assert streamed == _sarif_at_once(Report("audit", tuple(distinct), registry))
    assert os.listdir(tmp_path) == []  # the spools have no name: nothing is left behind


def test_streamed_sarif_of_documents_that_share_a_path(documents, tiny_spools):
    """Two documents shown under one path (a file named like another's escaped name, or
    ``<stdin>``): each one's results stay together, sorted, and every fingerprint differs."""
    registry, docs = documents
    streamed = "".join(sarif.render_stream(iter(docs), registry, "audit"))
    data = json.loads(streamed)
    assert not list(validator().iter_errors(data))
    run = data["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
    assert uris == [sarif.artifact_uri(f.path) for f in sorted(f for d in docs for f in d.findings)]
    prints = [r["partialFingerprints"]["claimcheck/v1"] for r in run["results"]]
    assert len(prints) == len(set(prints))  # also for the two documents that report one path


def test_streamed_sarif_fingerprints_do_not_depend_on_the_other_documents(documents):
    """Each document's fingerprints are what it gets alone (for a path reported once)."""
    registry, docs = documents

    def prints(selection):
        run = json.loads("".join(sarif.render_stream(selection, registry, "audit")))["runs"][0]
        return {(r["ruleId"], r["partialFingerprints"]["claimcheck/v1"]) for r in run["results"]
                if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/b.txt"}

    assert prints(docs[:1]) == prints(docs[:5])


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(range(6)), count=st.integers(0, 6))
def test_streamed_sarif_matches_in_any_order(documents, order, count):
    registry, docs = documents
    selection = tuple(docs[i] for i in order[:count])
    report = Report("audit", selection, registry)
    assert "".join(sarif.render_stream(selection, registry, "audit")) == _sarif_at_once(report)


def test_streamed_sarif_of_a_lint_and_of_hostile_text(at_root, tmp_path, monkeypatch, tiny_spools):  # noqa: F811
    from format_support import lint_report

    for report in (lint_report(), hostile_report(tmp_path, monkeypatch)):
        streamed = sarif.render(report)
        assert streamed == _sarif_at_once(report)
        check_github_shape(json.loads(streamed))


# --- markdown -------------------------------------------------------------------------------------


def _markdown_at_once(report: Report, limit: int) -> str:
    """The comment as it was built before it could stream: every level of detail rendered in
    full, the first that fits kept, else the last one cut."""
    documents = report.documents
    findings = report.findings

    def page(detailed):
        out = ["## claimcheck audit\n"]
        total = {s: sum(d.count(s) for d in documents) for s in Severity}
        out.append(f"**{markdown._plural(len(documents), 'document')}, "
                   f"{markdown._plural(sum(total.values()), 'finding')}**: "
                   + ", ".join(markdown._plural(total[s], s.value) for s in Severity) + ".  ")
        ratings = Counter(d.rating for d in documents)
        out.append("Ratings: " + ", ".join(f"{markdown.RATING_ICON.get(r, '')} {r} {n}"
                                           for r, n in sorted(ratings.items())) + ".\n")
        if len(documents) > 1:
            out.append("| Document | Rating | Errors | Warnings | Info |")
            out.append("|---|---|---:|---:|---:|")
            for d in documents:
                out.append(f"| {markdown.md(d.path)} | {markdown.RATING_ICON.get(d.rating, '')} {d.rating} | "
                           f"{d.count(Severity.error)} | {d.count(Severity.warning)} | {d.count(Severity.info)} |")
            out.append("")
        for document in documents:
            out.extend(markdown._document(document, report.registry, detailed))
        if detailed != markdown.DETAIL_LEVELS[0] and findings:
            left_out = "info findings" if detailed else "all findings"
            out.append(f"_Details of {left_out} are left out to fit a comment; see the json, sarif or html output._\n")
        return "\n".join(out).rstrip("\n") + "\n"

    for level in markdown.DETAIL_LEVELS:
        out = page(level)
        if len(out) <= limit:
            return out
    return markdown._fit(out, limit)


@pytest.mark.parametrize("limit", [markdown.COMMENT_LIMIT, 12_000, 6_000, 3_000, 1_000, 300, 40])
def test_streamed_markdown_is_the_comment_at_once(documents, limit):
    registry, docs = documents
    for selection in (docs, docs[:1], docs[2:4], docs[::-1]):
        expected = _markdown_at_once(Report("audit", tuple(selection), registry), limit)
        streamed = "".join(markdown.render_stream(iter(selection), registry, "audit", limit=limit))
        assert streamed == expected, (limit, len(selection))
        assert len(streamed) <= max(limit, 200)


def test_markdown_of_a_large_corpus_keeps_only_what_fits(documents):
    """Thousands of documents: the comment stays within its limit, counts them all, and only
    about a limit's worth of each part is kept while it is built."""
    registry, docs = documents
    many = [DocumentReport(f"p/{i:05d}.txt", None, None, d.findings, d.chars, omitted=d.omitted)
            for i in range(3000) for d in docs[:1]]
    comment = markdown._Comment(registry, markdown.COMMENT_LIMIT)
    for document in many:
        comment.add(document)
    for part in (comment.rows, *comment.sections):
        assert part.kept < markdown.COMMENT_LIMIT + 5_000
    text = comment.text()
    total = sum(d.total for d in many)
    assert text.startswith(f"## claimcheck audit\n\n**3000 documents, {total} findings**")
    assert len(text) <= markdown.COMMENT_LIMIT and "The report was cut here" in text


# --- html -----------------------------------------------------------------------------------------


def test_streamed_html_is_the_page_at_once(documents, tiny_spools):
    registry, docs = documents
    report = Report("audit", tuple(docs), registry)
    page = "".join(html_format.render_stream(iter(docs), registry, "audit"))
    assert page == html_format.render(report)
    parse(page)


def test_html_shows_document_text_up_to_its_budget(documents):
    registry, docs = documents
    selection = [docs[0], docs[4], docs[5]]
    budget = len(docs[0].text) + 10  # the first document's text fits, the next ones do not
    page = "".join(html_format.render_stream(iter(selection), registry, "audit", text_budget=budget))
    parsed = parse(page)
    text = " ".join("".join(parsed.text).split())
    assert text.count("is left out of this page") == 3  # the overview's note and one per document
    assert (f"The text of 2 documents ({len(docs[4].text) + len(docs[5].text):,} characters) is left out of this "
            f"page, which shows at most {budget:,} characters of document text; their findings are listed") in text
    assert (f"The text of this document ({len(docs[4].text):,} characters) is left out of this page, which already "
            f"shows {len(docs[0].text):,} characters of document text (at most {budget:,} in one page). "
            "Its findings are listed alongside. To see them in the text, audit this document on its own: "
            "claimcheck audit site/a.txt -f html") in text
    assert page.count('class="ln"') == len(docs[0].text.splitlines())  # only the first text is shown
    cards = sum(len(d.findings) for d in selection)
    assert page.count('<li class="card') == cards  # every finding still has its card
    assert 'class="mk' in page.split('id="d2"')[0] and 'class="mk' not in page.split('id="d2"')[1]


def test_the_left_out_note_is_inert_text(documents):
    registry, _ = documents
    hostile = '<script>alert(1)</script>\x1b[2J.txt'
    docs = [DocumentReport(name, None, None, (), 5, text="Text.\n") for name in ("a.txt", hostile)]
    page = "".join(html_format.render_stream(iter(docs), registry, "audit", text_budget=8))
    parsed = parse(page)
    assert "<script" not in page.split("</style>")[1]
    assert "claimcheck audit &lt;script&gt;alert(1)&lt;/script&gt;\\x1b[2J.txt -f html" in page
    assert [tag for tag, _ in parsed.tags].count("code") == 1


def test_html_counts_what_a_cap_left_out(documents):
    """The masthead and the overview count every finding, as the summary does."""
    registry, docs = documents
    selection = [docs[0], docs[1]]
    page = "".join(html_format.render_stream(iter(selection), registry, "audit"))
    total = sum(d.total for d in selection)
    assert total > sum(len(d.findings) for d in selection)
    assert f"2 documents \u00b7 {total} findings" in page
    errors = sum(d.count(Severity.error) for d in selection)
    assert f'<span class="count s-error">{errors} errors</span>' in page.split("</section>")[0]


# --- the spool ------------------------------------------------------------------------------------


@pytest.mark.parametrize("memory", [0, 5, 1 << 20])
def test_a_spool_gives_back_what_it_was_given(tmp_path, monkeypatch, memory):
    monkeypatch.setattr(spool, "MEMORY", memory)
    monkeypatch.setattr(spool, "CHUNK", 3)
    pieces = ["abc", "\u00e9t\u00e9 \U0001f534", "", "x" * 100, "\ud800 lone"]
    with spool.Spool(str(tmp_path)) as s:
        offsets = [s.write(p) for p in pieces]
        assert s.count == len(pieces)
        assert "".join(s.read()) == "".join(pieces)
        assert "".join(s.read(offsets[1], offsets[2])) == pieces[1]
        s.write("end")  # writing goes on after a read
        assert "".join(s.read(offsets[4])) == pieces[4] + "end"
        assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("shift", range(0, 120, 7))
def test_streamed_markdown_is_cut_wherever_the_kept_text_ends(documents, shift):
    """What the comment keeps of a long part may end exactly at the limit (it depends on the
    lengths of the paths): it is still a cut text, with the note saying so."""
    registry, docs = documents
    for limit in range(2_900 + shift, 3_100 + shift, 13):
        expected = _markdown_at_once(Report("audit", tuple(docs), registry), limit)
        streamed = "".join(markdown.render_stream(iter(docs), registry, "audit", limit=limit))
        assert streamed == expected, limit
