"""HTML to text of the same length, so that every offset, line and column stays the page's own.

Tags, comments, scripts and styles become spaces (line breaks inside them are kept, and
block-level tags end with a line break so that paragraphs stay paragraphs); an entity such
as ``&rsquo;`` becomes its character followed by zero-width spaces, which normalisation
removes, so a quote still matches across it.
"""

from __future__ import annotations

import html
import re

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


def html_to_text(source: str) -> str:
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
