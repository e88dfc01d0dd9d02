"""Every quote is in its document, once (or the claim says which occurrence).

When a quote is not found, the closest passage of the document is reported with its line,
so the curator sees what changed.

Failing example::

    appearances:
      - document: doc
        quote: "ketamine is not a controled substance"   # quote-not-found (typo)
"""

from __future__ import annotations

from claimcheck.checks import _rule
from claimcheck.text import LineIndex, normalise, one_line

RULES = dict([
    _rule("quote-not-found", "error", "A quote is not in its document (after normalising case, quotes, dashes and spaces)."),
    _rule("quote-ambiguous", "warning", "A quote occurs more than once in its document and the appearance has no 'occurrence'."),
    _rule("quote-occurrence", "error", "An appearance's 'occurrence' is larger than the number of times the quote occurs."),
])

MAX_OCCURRENCES_COUNTED = 1000
MAX_OCCURRENCES_SEARCHED = 1_000_000  # one by one (a self-overlapping quote), for an 'occurrence: N'


def run(ctx):
    appearances = [(index, claim, i, appearance) for index, claim in ctx.entries("claims")
                   for i, appearance in enumerate(claim.appearances)]
    for index, claim, i, appearance in ctx.in_file_order(appearances, lambda item: item[3].document):
        text, error = ctx.document(appearance.document)
        if text is None:
            continue
        where = ("claims", index, "appearances", i, "quote")
        quote = normalise(appearance.quote).strip()
        count, exact = _count(text.text, quote, appearance.occurrence or 0)
        times = _times(count, exact)
        if count == 0:
            yield ctx.problem(where, "quote-not-found", _not_found_message(claim.id, appearance, text),
                              fix="copy the passage from the document again")
        elif appearance.occurrence is not None and appearance.occurrence > count and exact:
            yield ctx.problem(("claims", index, "appearances", i, "occurrence"), "quote-occurrence",
                              f"occurrence {appearance.occurrence} but the quote occurs {times}",
                              fix=f"use an occurrence from 1 to {count}, or remove it")
        elif count > 1 and appearance.occurrence is None:
            yield ctx.problem(where, "quote-ambiguous",
                              f"quote occurs {times} in '{appearance.document}'",
                              fix="lengthen the quote, or add 'occurrence: N'")


def _times(count: int, exact: bool) -> str:
    if not exact:
        return f"at least {count:,} times"
    return "1 time" if count == 1 else f"{count:,} times"


def _count(text: str, quote: str, enough: int = 0) -> tuple[int, bool]:
    """(how many times ``quote`` occurs in ``text``, overlaps included; whether that is exact).

    A quote that cannot overlap itself (no prefix that is also a suffix: nearly every quote) is
    counted exactly by ``str.count``, in linear time. Otherwise occurrences are found one by one,
    up to ``max(MAX_OCCURRENCES_COUNTED, enough + 1)`` (at most ``MAX_OCCURRENCES_SEARCHED``): enough to judge an ``occurrence: N``;
    past that the count is a lower bound.
    """
    if not quote:
        return 0, True
    if not _overlaps_itself(quote):
        return text.count(quote), True
    limit = min(max(MAX_OCCURRENCES_COUNTED, enough + 1), MAX_OCCURRENCES_SEARCHED)
    count, position = 0, text.find(quote)
    while position != -1 and count < limit:
        count += 1
        position = text.find(quote, position + 1)
    return count, position == -1


def _overlaps_itself(quote: str) -> bool:
    """Whether a proper prefix of ``quote`` is also its suffix (two occurrences can overlap)."""
    border = [0] * len(quote)  # Knuth-Morris-Pratt: the longest border of each prefix
    k = 0
    for i in range(1, len(quote)):
        while k and quote[i] != quote[k]:
            k = border[k - 1]
        if quote[i] == quote[k]:
            k += 1
        border[i] = k
    return border[-1] > 0


def _not_found_message(claim_id: str, appearance, text) -> str:
    message = f"quote of claim '{claim_id}' is not in document '{appearance.document}'"
    near = closest_passage(text, normalise(appearance.quote).strip())
    if near is not None:
        line, column, passage, score = near
        message += f"; closest (line {line}, column {column}, {score:.0%} similar): \"{one_line(passage, 90)}\""
    return message


def closest_passage(text, quote: str):
    """(line, column, original passage, similarity) of the best near-match of ``quote``, or None.

    The passage is widened to whole words: the aligned window has the quote's length, so a
    missing letter in the quote would otherwise cut the passage's first or last word.
    """
    from rapidfuzz import fuzz

    if not quote or not text.text:
        return None
    alignment = fuzz.partial_ratio_alignment(quote, text.text, score_cutoff=60)
    if alignment is None:
        return None
    original = text.original
    start = text.original_start(alignment.dest_start)
    end = text.original_end(alignment.dest_end)
    while start > 0 and original[start - 1].isalnum() and original[start].isalnum():
        start -= 1
    while end < len(original) and original[end].isalnum() and original[end - 1].isalnum():
        end += 1
    line, column = _line_index(original).position(start)
    return line, column, original[start:end], alignment.score / 100


_last_index: tuple = (None, None)


def _line_index(original: str) -> LineIndex:
    """The line index of the document being checked, built once for all its quotes."""
    global _last_index
    if _last_index[0] is not original:
        _last_index = (original, LineIndex(original))
    return _last_index[1]
