"""HTML and Markdown to text of the same length, so that every offset, line and column stays the file's own.

Tags, comments, scripts and styles become spaces (line breaks inside them are kept, and
block-level tags end with a line break so that paragraphs stay paragraphs); an entity such
as ``&rsquo;`` becomes its character followed by zero-width spaces, which normalisation
removes, so a quote still matches across it.

Markdown is parsed with markdown-it-py (CommonMark plus tables), whose tokens carry source line
maps: only the text of paragraphs, headings and table cells is kept (in lists and block quotes
too); code fences, indented code, HTML blocks, front matter, link reference definitions and
thematic breaks become spaces, and so do inline code, inline HTML and comments, link
destinations, images and emphasis markers. Every heading, paragraph, list item, table cell and
quoted paragraph starts a block of its own: ``markdown_to_text`` returns their start offsets,
which ``claimcheck.text.Sentences`` never lets a sentence cross.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)|<[^>]*(?:>|\Z)",
                     re.S | re.I)
_BLOCK = re.compile(r"^</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|"
                    r"title|nav|aside|main|hr|dd|dt|figcaption)\b", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")
_ZERO_WIDTH = "\u200b"


def looks_like_html(text: str, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


# Page furniture that is not the page's content: navigation and menus, cookie and consent
# banners, breadcrumbs, share bars, "related articles" teasers, and hidden elements. Headers,
# footers and sidebars are kept: a clinic's claims can stand there too.
_RAW = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_CONTAINER = re.compile(r"<(nav|menu|div|section|aside|ul|ol|footer|header|form|dialog|p|span|li|table|figure)\b"
                        r"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
_FURNITURE_ATTR = re.compile(
    r"""\b(?:id|class|role|aria-label)\s*=\s*(?:"[^"]*|'[^']*|[^\s>]*)"""
    r"""(?<![\w-])(?:cookies?|cookie-?(?:banner|notice|consent|bar|policy)|consent|gdpr|cmp|nav|navbar|navigation|"""
    r"""site-?nav|menu|main-?menu|breadcrumbs?|skip-?link|share|sharing|social-?share|share-?(?:bar|buttons|tools)|"""
    r"""related|related-?(?:articles|posts|stories|content|links)|recommended|newsletter-?signup)(?![\w-])""",
    re.I)
_HIDDEN_ATTR = re.compile(r"""(?:^|\s)hidden(?=[\s=/]|$)|\baria-hidden\s*=\s*["']?true|"""
                          r"""\bstyle\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden)""", re.I)


def furniture_spans(source: str) -> list[tuple[int, int]]:
    """Where the page's furniture (``_FURNITURE_ATTR``, ``<nav>``, hidden elements) stands, as
    (start, end) offsets of whole elements."""
    work = _RAW.sub(lambda m: " " * len(m.group()), source)
    spans: list[tuple[int, int]] = []
    covered = 0
    for m in _CONTAINER.finditer(work):
        if m.start() < covered:
            continue
        name, attributes = m.group(1).lower(), m.group(2)
        if name not in ("nav", "menu") and not _FURNITURE_ATTR.search(attributes) \
                and not _HIDDEN_ATTR.search(attributes):
            continue
        if attributes.rstrip().endswith("/"):
            continue
        end = _closing(work, name, m.end())
        if end is not None:
            spans.append((m.start(), end))
            covered = end
    return spans


def _closing(work: str, name: str, start: int) -> int | None:
    """The end of the tag that closes the element ``name`` opened just before ``start``."""
    depth = 1
    for m in re.compile(rf"<(/?){name}\b[^>]*>", re.I).finditer(work, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)


def html_to_text(source: str, main_content: bool = True, headings: list | None = None,
                 columns: list | None = None) -> str:
    """The page's text at its own offsets; ``main_content`` leaves out its furniture
    (``furniture_spans``); ``headings``, when given, receives (start, end, level) of every
    ``<h1>``..``<h6>``'s content; ``columns``, (start, end, heading start, heading end) of every
    table body cell whose column has a ``<th>`` heading ("Claim" | "Our rating")."""
    if main_content:
        spans = furniture_spans(source)
        if spans:
            parts, last = [], 0
            for start, end in spans:
                parts.append(source[last:start])
                chunk = re.sub(r"[^\n]", " ", source[start:end])
                parts.append("\n\n" + chunk[2:] if "\n" not in chunk[:2] else chunk)
                last = end
            parts.append(source[last:])
            source = "".join(parts)
    text = _html_to_text(source)
    if headings is not None:
        headings.extend((m.start(2), m.end(2), int(m.group(1))) for m in _HEADING.finditer(source)
                        if text[m.start(2):m.end(2)].strip())
    if columns is not None:
        columns.extend(_html_table_columns(source, text))
    return text


# tags with their attributes bounded, so that a page of unclosed "<tr" costs linear time
_TABLE_TAG = re.compile(r"<(/?)table\b[^<>]{0,2000}>", re.I)
# a row or cell ends where the next begins when its end tag is left out, as HTML allows
_ROW = re.compile(r"<tr\b[^<>]{0,2000}>(.*?)(?=</tr\s*>|<tr\b|</t(?:head|body|foot)\s*>|\Z)", re.S | re.I)
_CELL = re.compile(r"<(t[hd])\b([^<>]{0,2000})>(.*?)(?=</t[hd]\s*>|<t[hd]\b|\Z)", re.S | re.I)
_COLSPAN = re.compile(r"\bcolspan\s*=\s*[\"']?(\d{1,3})", re.I)


def _tables(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the content of every outermost, closed ``<table>``."""
    depth, start = 0, 0
    for m in _TABLE_TAG.finditer(source):
        if not m.group(1):
            if depth == 0:
                start = m.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                yield start, m.start()


def _html_table_columns(source: str, text: str) -> list[tuple[int, int, int, int]]:
    """Body cells under a heading row of ``<th>`` cells: (cell start, end, heading start, end),
    each the span of the cell's text (``text`` is the page's text at the source's offsets)."""
    def span(start: int, end: int) -> tuple[int, int] | None:
        chunk = text[start:end]
        if not chunk.strip():
            return None
        return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))

    out = []
    for table_start, table_end in _tables(source):
        heads: dict[int, tuple[int, int]] = {}
        for row in _ROW.finditer(source, table_start, table_end):
            cells = list(_CELL.finditer(source, row.start(1), row.end(1)))
            if not cells:
                continue
            if not heads and all(c.group(1).lower() == "th" for c in cells):
                column = 0
                for c in cells:
                    words = span(c.start(3), c.end(3))
                    if words:
                        heads[column] = words
                    column += _span_of(c.group(2))
                continue
            column = 0
            for c in cells:
                words = span(c.start(3), c.end(3))
                if words and c.group(1).lower() == "td" and column in heads:
                    out.append((*words, *heads[column]))
                column += _span_of(c.group(2))
    return out


def _span_of(attributes: str) -> int:
    m = _COLSPAN.search(attributes)
    return max(1, min(int(m.group(1)), 100)) if m else 1


def _html_to_text(source: str) -> str:
    def blank(m: re.Match) -> str:
        chunk = m.group()
        replaced = re.sub(r"[^\n]", " ", chunk)
        if _BLOCK.match(chunk) and "\n" not in replaced and len(replaced) >= 2:
            replaced = "\n\n" + replaced[2:] if len(replaced) > 2 else "\n\n"
        return replaced

    def entity(m: re.Match) -> str:
        raw = m.group()
        decoded = html.unescape(raw)
        if decoded == raw or len(decoded) > len(raw):
            return raw
        if decoded in ("\u00a0",):
            decoded = " "
        return decoded + _ZERO_WIDTH * (len(raw) - len(decoded))

    text = _HIDDEN.sub(blank, source)
    return _ENTITY.sub(entity, text)


# --- Markdown -------------------------------------------------------------------------------

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*\r?$", re.S | re.M)
# Inline constructs that are not prose, inside the text of one block (CommonMark: a code span
# closes with a backtick run of the same length).
_INLINE_HIDDEN = re.compile(
    r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)"                       # code span
    r"|<!--.*?(?:-->|\Z)"                                       # comment
    r"|<[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*>"                  # autolink
    r"|<[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>|</[a-zA-Z][\w-]*\s*>"     # inline HTML tag
    r"|!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\](?:\[[^\]\n]*\])?"     # image
    r"|\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"  # link destination
    r"|\]\[[^\]\n]*\]"                                         # reference link label
    r"|\\(?=[!-/:-@\[-`{-~])"                                    # backslash escape
    r"|(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])"           # emphasis markers
    r"|(?<![\w_])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\w_])"
    r"|~~",
    re.S,
)


def looks_like_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_to_text(source: str, inline: bool = True, headings: list | None = None,
                     columns: list | None = None) -> tuple[str, list[int]]:
    """(the prose of a Markdown file as text of the same length, the offsets where its blocks start).

    ``inline=False`` keeps inline markup (code spans, links, emphasis) as written: a registered
    document's quotes were copied from its source and may hold it. ``headings``, when given,
    receives (start, end, level) of every heading's text; ``columns``, (start, end, heading start,
    heading end) of every table body cell whose column has a heading ("| Claim | Verdict |")."""
    from markdown_it import MarkdownIt

    out = [c if c in "\n\r" else " " for c in source]
    # the parser's view: same lines (a lone CR is a line end to it, so it is one here too)
    parsed = source.replace("\r\n", " \n").replace("\r", "\n")
    front = _FRONT_MATTER.match(parsed)
    if front:
        parsed = re.sub(r"[^\n]", " ", front.group()) + parsed[front.end():]
    line_starts = [0]
    pos = parsed.find("\n")
    while pos != -1:
        line_starts.append(pos + 1)
        pos = parsed.find("\n", pos + 1)

    def line(number: int) -> tuple[int, str]:
        start = line_starts[number]
        end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else len(parsed)
        return start, parsed[start:end]

    breaks: list[int] = []
    parser = MarkdownIt("commonmark").enable("table")
    parser.core.ruler.disable("inline")  # block structure only: inline markup is found in _hide_inline
    tokens = parser.parse(parsed)
    cell_cursor: dict[int, int] = {}  # a table row's line -> column after the last cell found
    level = 0  # of the heading whose text comes next
    column_heads: dict[int, tuple[int, int]] = {}  # the table's column -> its heading's text
    cell, in_head = -1, False  # the column of the cell whose text comes next (-1: not a cell)
    for token in tokens:
        if token.type == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif token.type == "table_open":
            column_heads = {}
        elif token.type in ("thead_open", "tbody_open"):
            in_head = token.type == "thead_open"
        elif token.type in ("tr_open", "table_close"):
            cell = -1
        elif token.type in ("th_open", "td_open"):
            cell += 1
        if token.type != "inline" or not token.map:
            continue
        heading_level, level = level, 0
        first = token.map[0]
        if token.content == "" or first >= len(line_starts):
            continue
        segments = []
        for k, content_line in enumerate(token.content.split("\n")):
            if first + k >= len(line_starts):
                break
            start, text = line(first + k)
            wanted = content_line.strip()
            if not wanted:
                continue
            from_column = cell_cursor.get(first, 0) if token.map[1] - token.map[0] == 1 and "|" in text else 0
            column = text.find(wanted, from_column)
            if column == -1:
                column = len(text) - len(text.lstrip(" \t>*+-#0123456789.)|"))
                wanted = text[column:].rstrip()
            if from_column or "|" in text:
                cell_cursor[first] = column + len(wanted)
            segments.append((start + column, start + column + len(wanted)))
        if not segments:
            continue
        breaks.append(segments[0][0])
        if heading_level and headings is not None:
            headings.append((segments[0][0], segments[-1][1], heading_level))
        if cell >= 0 and columns is not None:
            if in_head:
                column_heads[cell] = (segments[0][0], segments[-1][1])
            elif cell in column_heads:
                columns.append((segments[0][0], segments[-1][1], *column_heads[cell]))
        for a, b in segments:
            out[a:b] = source[a:b]
        if inline:
            _hide_inline(out, segments)
    return "".join(out), breaks


def _hide_inline(out: list[str], segments: list[tuple[int, int]]) -> None:
    """Blank the inline non-prose of one block (its segments: one per source line)."""
    first, last = segments[0][0], segments[-1][1]
    chunk = "".join(out[first:last])
    for m in _INLINE_HIDDEN.finditer(chunk):
        for i in range(first + m.start(), first + m.end()):
            if out[i] not in "\n\r":
                out[i] = " "
    for i in range(first, last):  # link text stays; its brackets go
        if out[i] in "[]":
            out[i] = " "
