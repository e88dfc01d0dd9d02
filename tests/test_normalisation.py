"""The normalisation rules (claimcheck.normalisation): the normaliser and the tolerant
expressions derived from them agree on every rule."""

from __future__ import annotations

import re
import sys

import pytest
import re2
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck import normalisation as rules
from claimcheck.text import normalise

# Every character a rule names, and ordinary ones around them.
_RULE_CHARACTERS = "".join(members for _, members in rules.CLASSES) + "".join(sorted(rules.INVISIBLE_CHARACTERS))
_ALPHABET = _RULE_CHARACTERS + "abkisIKS '\"-.\u212a\u00e9\u00c9"
_texts = st.text(alphabet=_ALPHABET, max_size=14)
_quotes = st.text(alphabet=_ALPHABET, min_size=1, max_size=5)


def _found(quote: str, text: str) -> tuple[bool, bool]:
    """(the tolerant expression of normalise(quote) matches text, normalise(quote) is in normalise(text)).
    Python's re and RE2 (which the prescan uses) read the expression alike."""
    normal = normalise(quote)
    expression = rules.tolerant_expression(normal)
    matched = bool(re.search(expression, text))
    assert bool(re2.search(expression, text)) == matched, (expression, text)
    return matched, normal in normalise(text)


@settings(max_examples=3000, deadline=None)
@given(_quotes, _texts, _texts)
@example("K a", "\u212a\u00a0\u200b\u2003A", "")
@example("don't", "DON\u2019T", "x")
@example("a-b", "a\u2014\u00adb", "")
@example("is", "\u0130\u017f", "")
@example("\u00e9t\u00e9", "\u00c9T\u00c9", "")
def test_tolerant_expression_agrees_with_the_normaliser(quote, before, after):
    """For texts built from the rules' characters: the tolerant expression compiled from
    normalise(q) matches raw text t if and only if normalise(q) occurs in normalise(t). The
    quote is planted in the text half of the time, so that both answers are tried often."""
    if not normalise(quote):
        return
    for text in (before + after, before + quote + after):
        matched, contained = _found(quote, text)
        assert matched == contained, (quote, text, normalise(quote), normalise(text))


@pytest.mark.parametrize("quote, text, expected", [
    ("it's a \u201cmiracle\u201d \u2013 really", "IT\u2019S  A\n\"Miracle\" -\u00a0really", True),
    ("it's a \u201cmiracle\u201d", "IT'S A\u200b \u00a0MIRACLE", False),  # the quotes are part of it
    ("soft hyphen", "soft hy\u00adphen", True),
    ("two words", "twowords", False),
    ("two words", "two\u200bwords", False),  # an invisible character is no space
    ("caf\u00e9 au lait", "CAFE\u0301 au\tlait", True),  # decomposed accent
    ("wait\u2026 what", "WAIT. What", True),
])
def test_tolerant_expression_examples(quote, text, expected):
    matched, contained = _found(quote, text)
    assert matched == contained == expected


def test_every_rule_is_in_the_normaliser():
    """Every character a class names becomes its class's character, every invisible character
    goes, and the normaliser keeps nothing else of its own."""
    for normal, members in rules.CLASSES:
        for member in members:
            assert normalise(f"a{member}b") == f"a{normal}b".lower(), repr(member)
    for invisible in rules.INVISIBLE_CHARACTERS:
        assert normalise(f"a{invisible}b") == "ab", repr(invisible)


@pytest.mark.skipif(sys.maxunicode < 0x10FFFF, reason="narrow build")
def test_raw_characters_are_complete():
    """Every character that normalises to one character is among that character's raw forms,
    over all of Unicode (so a tolerant expression never misses a spelling the normaliser folds)."""
    missing = []
    for code in range(sys.maxunicode + 1):
        raw = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        normal = rules.normal_character(raw)
        if len(normal) == 1 and raw not in rules.raw_characters(normal):
            missing.append(raw)
    assert not missing, [f"U+{ord(c):04X}" for c in missing[:20]]


def test_fold_keeps_every_offset():
    text = "\u0130STANBUL \u2014 \u201cK\u00e9tamine\u201d\u00a0\u017fo"
    assert len(rules.fold(text)) == len(text)
    assert rules.fold(text) == "istanbul - \"k\u00e9tamine\" so"


_VISIBLE = "".join(c for c in _ALPHABET if c not in rules.INVISIBLE_CHARACTERS)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_VISIBLE, min_size=1, max_size=5), st.text(alphabet=_VISIBLE, max_size=14),
       st.text(alphabet=_VISIBLE, max_size=14))
def test_the_short_expression_agrees_on_text_without_invisible_characters(quote, before, after):
    """``invisible=False`` (what the prescan compiles, for documents without invisible
    characters) agrees with the normaliser on such text too."""
    normal = normalise(quote)
    if not normal:
        return
    expression = rules.tolerant_expression(normal, invisible=False)
    for text in (before + after, before + quote + after):
        assert bool(re2.search(expression, text)) == (normal in normalise(text)), (quote, text)
