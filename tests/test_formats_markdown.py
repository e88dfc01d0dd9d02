"""Markdown for pull-request comments: structure, and untrusted text kept inert."""

from __future__ import annotations

import re

import pytest

from claimcheck.formats import markdown
from conftest import MINI_REGISTRY
from format_support import at_root, audit_report, hostile_report, lint_report  # noqa: F401


def cells(row: str) -> list[str]:
    """A GFM table row split at unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.mark.parametrize("raw, expected", [
    ("a | b", "a \\| b"),
    ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("AT&T", "AT&amp;T"),
    ("ping @octocat", "ping @&#8203;octocat"),
    ("see #12", "see \\#&#8203;12"),
    ("$x^2$ ~~gone~~", "\\$x^2\\$ \\~\\~gone\\~\\~"),
    ("two\nlines\r\n", "two lines"),
    ("bidi \u202e", "bidi \\\\u202e"),
])
def test_md_escapes(raw, expected):
    assert markdown.md(raw) == expected


def test_mini_audit_markdown(at_root):
    out = markdown.render(audit_report(MINI_REGISTRY, ["page"]))
    assert out.startswith("## claimcheck audit\n")
    assert "### tests/fixtures/mini/docs/page.txt \u2014 Ketamine Clinic News" in out
    assert "**Rating: \U0001f534 unreliable**" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 4
    assert cells(rows[0]) == ["1", "3:1", "\U0001f534 error", "`factually-wrong`",
                              "\u201cKetamine is not a controlled substance\u201d", "False"]
    assert "- **Correction:** Ketamine is a Schedule III controlled substance in the United States." in out
    assert ("  - [U.S. Drug Enforcement Administration (2024). Drug Scheduling.]"
            "(https://www.dea.gov/drug-information/drug-scheduling)") in out


def test_lint_markdown_is_a_table_of_problems(at_root):
    report = lint_report()
    out = markdown.render(report)
    rows = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == len(report.findings)
    assert all(len(cells(r)) == 5 for r in rows)


def test_hostile_text_is_inert(tmp_path, monkeypatch):
    out = markdown.render(hostile_report(tmp_path, monkeypatch))
    assert "<script>" not in out and "<title>" not in out and "<i>" not in out
    assert "@admin" not in out and "#1." not in out
    assert "(javascript:" not in out.replace("\\](javascript:", "")  # only as escaped text, never a link
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out
    table = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [len(cells(row)) for row in table] == [6, 6]
    assert "[P, Inc. (2020). A title \\| with \\[brackets\\](javascript:alert(1)) and &lt;i&gt;tags&lt;/i&gt;.]" \
           "(https://example.org/a?b=1&c=%3C2%3E)" in out
    assert "  - X (2020). Bad link." in out  # a javascript: URL is never a link


@pytest.mark.parametrize("limit, details, note", [
    (100_000, 4, None),
    (2_350, 3, "Details of info findings are left out"),
    (2_000, 0, "Details of all findings are left out"),
    (700, 0, "The report was cut here"),
])
def test_long_reports_fit_a_comment(limit, details, note, at_root):
    out = markdown.render(audit_report(MINI_REGISTRY, ["page"]), limit=limit)
    assert len(out) <= limit
    assert out.count("- **Quote:**") == details
    if note:
        assert note in out
