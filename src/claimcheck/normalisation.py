"""The normalisation rules, defined once.

Copies of one sentence on the web differ in case, in their quotes, dashes and white space, and
in characters a reader never sees. The rules below say which characters count as the same; two
things are derived from them:

- ``claimcheck.text.normalise`` (with its offset map), which rewrites a text into its normal
  form: every character of a class below becomes the class's character, runs of white space
  (and the invisible characters among them) become one space, invisible characters go, a
  letter and its combining accents are composed (NFC), and the result is lower-cased;
- ``tolerant_expression``, a regular expression that finds a normalised quote in the *raw*
  text, without normalising it: each character of the quote stands for every raw character
  that normalises to it, and invisible characters and white-space runs are allowed where the
  normaliser would remove or collapse them.

``tests/test_normalisation.py`` checks that the two agree: for texts built from the characters
these rules name, the tolerant expression of ``normalise(q)`` matches ``t`` exactly when
``normalise(q)`` occurs in ``normalise(t)``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# (normal form, the characters that become it), one row per rule
QUOTE = ("'", "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4")
DOUBLE_QUOTE = ('"', "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb")
DASH = ("-", "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
SPACE = (" ", "\t\n\r\x0b\x0c\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"
              + "".join(chr(cp) for cp in range(0x2000, 0x200B)))
DOTLESS_CAPITAL_I = ("i", "\u0130")  # the one character whose lower() is two characters long
LONG_S = ("s", "\u017f")  # RE2 matches it for "s" case-insensitively (see literals.py)
ELLIPSIS = (".", "\u2026")  # kept one character long ("..." rarely matters for matching)
CLASSES: tuple[tuple[str, str], ...] = (QUOTE, DOUBLE_QUOTE, DASH, SPACE, DOTLESS_CAPITAL_I, LONG_S, ELLIPSIS)

# Removed entirely: soft hyphen, zero-width characters, bidi controls, BOM (as regex class text).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f"
# Combining marks, composed with the character before them (NFC).
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

# Characters outside the classes whose lower() is another single character that a quote can
# hold (str.lower() maps them; the test over all of Unicode keeps this list complete).
_LOWER_INTO = {"k": "\u212a", "\u00e5": "\u212b", "\u03c9": "\u2126", "\u03b8": "\u03f4", "\u00df": "\u1e9e"}


def one_to_one() -> dict[int, str]:
    """The character classes as a ``str.translate`` table (code point -> its normal form)."""
    return {ord(member): normal for normal, members in CLASSES for member in members}


def _expand(ranges: str) -> str:
    """The characters of a regex class body such as ``a-c\u00ad``."""
    out, i = [], 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out.extend(chr(cp) for cp in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            out.append(ranges[i])
            i += 1
    return "".join(out)


INVISIBLE_CHARACTERS = frozenset(_expand(INVISIBLE))
COMBINING_CHARACTERS = frozenset(_expand(COMBINING))
_TABLE = str.maketrans(one_to_one())


def normal_character(raw: str) -> str:
    """What one raw character becomes on its own ("" when it is removed)."""
    if raw in INVISIBLE_CHARACTERS:
        return ""
    return raw.translate(_TABLE).lower()


def _escape(char: str) -> str:
    """One character in a regular expression (Python ``re`` and RE2 read it alike)."""
    if char.isascii():
        return char if char.isalnum() else f"\\x{ord(char):02x}"
    return char


@lru_cache(maxsize=4096)
def raw_characters(normal: str) -> frozenset[str]:
    """Every single character whose normal form is the character ``normal``."""
    candidates = {normal, normal.upper(), normal.title()}
    for form, members in CLASSES:
        if form == normal:
            candidates.update(members)
    if normal in _LOWER_INTO:
        candidates.update(_LOWER_INTO[normal])
    return frozenset(c for c in candidates if len(c) == 1 and normal_character(c) == normal)


def _class(characters) -> str:
    return "[" + "".join(_escape(c) for c in sorted(characters)) + "]"


_INVISIBLE_RUN = f"[{INVISIBLE}]*"
_SPACE_RUN = f"{_class(SPACE[1] + ' ')}[{''.join(_escape(c) for c in sorted(SPACE[1] + ' '))}{INVISIBLE}]*"


# HTML (claimcheck.markup.html_to_text): a character may be written as an entity, and a tag,
# comment, script or whole element that the page's text leaves out stands where white space is
_ENTITY = "&#?[0-9a-zA-Z]+;?"  # looser than markup's entities (bounded repeats compile slowly)


def tolerant_expression(normalised: str, html: bool = False, invisible: bool = True) -> str:
    """A regular expression (Python ``re`` and RE2 syntax, no flags) that matches raw text
    whose normal form holds ``normalised`` (a text already in normal form): each character
    stands for every raw character that normalises to it, a space for any run of white space,
    and invisible characters may stand between any two characters. A composed letter also
    matches its decomposed form (base letter, then its combining marks).

    ``html``: the raw text is an HTML page, whose text (``markup.html_to_text``) is normalised:
    any character may also be written as an entity, and a space may also be markup (from a
    ``<`` on, anything). This is looser than the page's text (it may match where that text
    does not hold the quote), never stricter, for a page whose entities each stand for one
    character that is not a letter or digit (``matching.prescan`` asks only of such pages).

    ``invisible=False``: the raw text is known to hold no invisible character (and, in HTML, no
    entity for a letter, a digit or an invisible character), so none is allowed for: a much
    shorter expression (RE2 compiles it to a fraction of the memory)."""
    joint, space = (_INVISIBLE_RUN if invisible else ""), _SPACE_RUN
    if html:
        joint = f"(?:[{INVISIBLE}]|{_ENTITY})*" if invisible else ""
        space = f"(?:{_class(SPACE[1] + ' ')}|{f'[{INVISIBLE}]|' if invisible else ''}{_ENTITY}|<[\\s\\S]*?)+"
    elif not invisible:
        space = f"{_class(SPACE[1] + ' ')}+"
    parts = []
    for char in normalised:
        if char == " ":
            parts.append(space)
            continue
        alternatives = [_class(raw_characters(char))]
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed != char:
            alternatives.append(_class(raw_characters(decomposed[0])) + "".join(_escape(c) for c in decomposed[1:]))
        if html and (invisible or not (char.isascii() and char.isalnum())):
            alternatives.append(_ENTITY)
        parts.append(alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")")
    return joint.join(parts)


def fold(text: str) -> str:
    """The text with the character classes applied and lower-cased, every offset kept (no
    character is removed or added): the cheap first step of normalisation, which leaves only
    white-space runs, invisible characters and combining marks for the rest."""
    return text.translate(_TABLE).lower()
