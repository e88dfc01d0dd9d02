"""Markdown is read with markdown-it-py: only prose is searched, at the file's own lines and columns."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.markup import looks_like_markdown, markdown_to_text
from claimcheck.text import Sentences, normalise_with_map
from conftest import ROOT

WRONG = "Ketamine is not a controlled substance"


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_registry(str(ROOT / "claims.yaml")).registry)


def _found(auditor, text, name="page.md"):
    return [(f.line, f.column, f.rule) for f in auditor.audit_text(text, name).findings if f.match]


def _at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """(line, column) of the nth occurrence of needle, 1-based."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_positions_stay_exact_in_lists_tables_quotes_and_after_code_fences(auditor):
    text = textwrap.dedent(f"""\
        ---
        title: {WRONG}
        ---
        # Notes

        ```text
        {WRONG}, says the code block.
        ```

        - first item
        - {WRONG}, whatever you heard.
          1. nested: {WRONG}.

        | claim | note |
        |-------|------|
        | x | {WRONG} |

        > {WRONG} in a quote.

            {WRONG} in indented code.

        <!-- {WRONG} in a comment -->
        Some `{WRONG}` inline code and a [link]({WRONG.replace(' ', '-')}).
        """)
    found = _found(auditor, text)
    not_at = text.index("is not a controlled")
    expected = {
        _at(text, "not a controlled", 3),  # the list item (1: front matter, 2: the fence)
        _at(text, "not a controlled", 4),  # the nested item
        _at(text, "not a controlled", 5),  # the table cell
        _at(text, "not a controlled", 6),  # the block quote
    }
    assert {(line, column) for line, column, _ in found} == expected, (found, not_at)


def test_code_comments_front_matter_and_link_destinations_are_not_searched():
    text = "---\nk: v\n---\nA `code` b <!-- c --> [text](http://x.y/z \"t\") ![alt](img.png) <b>bold</b>\n"
    prose, breaks = markdown_to_text(text)
    assert len(prose) == len(text)
    assert "code" not in prose and "<!--" not in prose and "x.y" not in prose and "img" not in prose
    assert "k: v" not in prose and "<b>" not in prose
    assert "text" in prose and "bold" in prose and "A" in prose
    assert breaks == [text.index("A `code`")]


def test_every_block_starts_a_sentence():
    text = "# Heading without a stop\nParagraph text here\n- item one\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n"
    prose, breaks = markdown_to_text(text)
    norm = normalise_with_map(prose)
    sentences = [norm.text[a:b] for a, b in Sentences(norm, breaks).all()]
    assert sentences == ["heading without a stop", "paragraph text here", "item one", "item two", "a", "b", "c", "d"]


def test_a_sentence_never_runs_across_a_code_fence(auditor):
    text = "Ketamine is not\n\n```\nx\n```\n\na controlled substance.\n"
    assert _found(auditor, text) == []


def test_the_same_text_as_plain_text_is_still_searched_everywhere(auditor):
    text = f"```\n{WRONG}.\n```\n"
    assert _found(auditor, text, "page.txt")
    assert not _found(auditor, text, "page.md")


@pytest.mark.parametrize("name, expected", [("a.md", True), ("B.MARKDOWN", True), ("c.txt", False),
                                            ("d.html", False)])
def test_markdown_is_known_by_its_name(name, expected):
    assert looks_like_markdown(name) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #*-_`>|[]()!<>/\n\r\t:1.~\\\"'")), max_size=200))
def test_any_text_keeps_its_length_and_line_ends(text):
    prose, breaks = markdown_to_text(text)
    assert len(prose) == len(text)
    assert [i for i, c in enumerate(prose) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(c == " " or c in "\r\n" or c == text[i] for i, c in enumerate(prose))
    assert all(0 <= b < len(text) for b in breaks)


def test_a_registered_markdown_documents_quotes_may_hold_inline_markup(tmp_path):
    (tmp_path / "claims.yaml").write_text(textwrap.dedent("""\
        schema_version: 1
        flags:
          - {id: factually-wrong, severity: error, description: Wrong.}
        sources:
          - {id: s, title: T, publisher: P, year: 2020, url: 'https://example.org/'}
        documents:
          - {id: page, path: page.md, title: Page, publisher_type: blog}
        claims:
          - id: approved
            claim: Ketamine is FDA-approved for depression.
            verdict: 'false'
            flags: [factually-wrong]
            rationale: R.
            correction: It is not.
            sources: [s]
            appearances:
              - {document: page, quote: "ketamine is *FDA-approved* for [depression](https://example.org/d)"}
        """), encoding="utf-8")
    (tmp_path / "page.md").write_text(
        "# Page\n\n```\ncode\n```\n\nSo ketamine is *FDA-approved* for [depression](https://example.org/d).\n",
        encoding="utf-8")
    registry = load_registry(str(tmp_path / "claims.yaml")).registry
    report = Auditor(registry).audit_path(str(tmp_path / "page.md"))
    assert [(f.line, f.column, f.rule) for f in report.findings] == [(7, 4, "factually-wrong")]


def test_a_table_body_cell_knows_its_column_heading():
    source = ("Intro.\n\n| Claim on the flyer | What the record shows |\n| --- | --- |\n"
              "| Ketamine is FDA-approved | Only as an anesthetic |\n|  | Esketamine is |\n\nAfter | the table.\n")
    columns: list = []
    text, _ = markdown_to_text(source, columns=columns)
    assert [(source[a:b], source[c:d]) for a, b, c, d in columns] == [
        ("Ketamine is FDA-approved", "Claim on the flyer"), ("Only as an anesthetic", "What the record shows"),
        ("Esketamine is", "What the record shows")]
    assert len(text) == len(source)
    # a table without a heading row's words gives no column headings; a paragraph after a table none
    columns = []
    markdown_to_text("|  |  |\n|---|---|\n| a | b |\n\nText.\n", columns=columns)
    assert columns == []
