"""HTML pages: the page's furniture (navigation, cookie banners, share bars, related-article
teasers, hidden elements) is left out; headers, footers and sidebars are kept; positions stay
the page's own."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.markup import furniture_spans, html_to_text
from conftest import ROOT

WRONG = "Ketamine is not a controlled substance."


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_registry(str(ROOT / "claims.yaml")).registry)


PAGE = textwrap.dedent(f"""\
    <!doctype html>
    <html><body>
    <nav><ul><li><a href="/">{WRONG}</a></li></ul></nav>
    <div id="cookie-banner" class="cmp">We use cookies. {WRONG}</div>
    <header><p>{WRONG} (header)</p></header>
    <main><article><p>{WRONG} (article)</p>
    <span aria-hidden="true">{WRONG}</span>
    <div hidden>{WRONG}</div>
    <div class="related-posts"><ul><li><div class="x">{WRONG}</div></li></ul></div>
    <ul class="share-buttons"><li>{WRONG}</li></ul>
    </article></main>
    <aside><p>{WRONG} (sidebar)</p></aside>
    <footer><p>{WRONG} (footer)</p></footer>
    </body></html>
    """)


def test_furniture_is_left_out_and_content_kept_at_its_own_lines(auditor):
    found = sorted(f.line for f in auditor.audit_text(PAGE, "page.html").findings if f.match)
    lines = PAGE.splitlines()
    expected = [i + 1 for i, line in enumerate(lines) if any(
        tag in line for tag in ("(header)", "(article)", "(sidebar)", "(footer)"))]
    assert found == expected


def test_without_main_content_detection_everything_is_read():
    text = html_to_text(PAGE, main_content=False)
    assert text.count("Ketamine") == PAGE.count("Ketamine")
    assert len(text) == len(PAGE)


def test_a_main_container_with_share_in_a_longer_class_name_is_kept():
    page = f'<div class="article-body has-share-count"><p>{WRONG}</p></div>'
    assert furniture_spans(page) == []
    assert "Ketamine" in html_to_text(page)


def test_an_unclosed_furniture_element_is_not_blanked_to_the_end():
    page = f'<nav><a>Home</a>\n<p>{WRONG}</p>'
    assert furniture_spans(page) == []


def test_tags_inside_scripts_and_comments_do_not_close_furniture():
    page = '<nav><script>var s = "</nav>";</script><!-- </nav> --><a>menu</a></nav><p>kept</p>'
    (start, end), = furniture_spans(page)
    assert page[start:end].endswith("menu</a></nav>")
    assert "kept" in html_to_text(page) and "menu" not in html_to_text(page)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<nav>", "</nav>", "<div hidden>", "</div>", "<div class='menu'>",
                                         "<p>", "text", "\n", "<!--", "-->", "<script>", "</script>", " "]),
               max_size=40).map("".join))
def test_any_page_keeps_its_length_and_line_ends(page):
    text = html_to_text(page)
    assert len(text) == len(page)
    assert all(text[i] == "\n" for i, c in enumerate(page) if c == "\n")  # lines stay (breaks may be added)


def test_a_myths_heading_refutes_the_claims_in_its_section(auditor):
    page = ("<html><body><h2>Common myths about ketamine</h2>\n<ul><li>" + WRONG + "</li></ul>\n"
            "<h2>What our clinic offers</h2>\n<p>" + WRONG + "</p></body></html>")
    found = [(f.line, f.rule, f.match.stance_rule) for f in auditor.audit_text(page, "page.html").findings]
    assert found == [(2, "reports-claim", "heading-myths"), (4, "factually-wrong", "own-voice")]


def test_a_table_body_cell_knows_its_th_column_heading():
    page = ("<table><thead><tr><th> Claim on the flyer </th><th colspan=2>What the record shows</th>"
            "<th>Source</th></tr></thead>\n<tbody><tr><td>Ketamine is FDA-approved</td><td>Only as an anesthetic"
            "<td>see label</td><td>FDA</td></tr>\n<tr><td></td><td>Esketamine is</td></tr></tbody></table>\n"
            "<table><tr><td>no</td><td>heading row</td></tr></table>")
    columns: list = []
    text = html_to_text(page, columns=columns)
    assert len(text) == len(page)
    assert [(page[a:b], page[c:d]) for a, b, c, d in columns] == [
        ("Ketamine is FDA-approved", "Claim on the flyer"), ("Only as an anesthetic", "What the record shows"),
        ("FDA", "Source"), ("Esketamine is", "What the record shows")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<th>", "</th>", "<td>", "</td>",
                                 "<th colspan='3'>", "<td colspan=0>", "Myth", "Fact", "x", " ", "\n"]),
               max_size=40).map("".join))
def test_any_table_gives_cells_and_headings_inside_the_page(page):
    columns: list = []
    html_to_text(page, columns=columns)
    for a, b, c, d in columns:
        assert 0 <= a < b <= len(page) and 0 <= c < d <= len(page) and page[a:b].strip() and page[c:d].strip()
        assert c < a  # the heading comes before its cell


def test_a_myth_column_refutes_its_cells_and_a_claim_column_reports_them(auditor):
    def audit(head: str, cell: str = "th") -> list:
        page = (f"<html><body><main>\n<table>\n<tr><{cell}>{head}</{cell}><{cell}>Source</{cell}></tr>\n"
                f"<tr><td>{WRONG}</td><td>a flyer</td></tr>\n</table>\n</main></body></html>")
        return [(f.line, f.severity.value, f.rule, f.match.stance_rule)
                for f in auditor.audit_text(page, "page.html").findings]

    assert audit("Myth") == [(4, "info", "reports-claim", "heading-myths")]
    assert audit("What the clinic's flyer says") == [(4, "warning", "reports-claim", "heading-reported")]
    # a first row of data cells is not a heading row: the cell is the page's own statement
    assert audit("Myth", cell="td") == [(4, "error", "factually-wrong", "own-voice")]
