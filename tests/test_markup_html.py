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
