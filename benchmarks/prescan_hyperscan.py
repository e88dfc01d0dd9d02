"""Hyperscan as a prescan of raw text, measured (never run by the tests).

    pip install hyperscan
    python benchmarks/prescan_hyperscan.py            # 2,000 files of each corpus, claims.yaml

Every normalised quote of the registry and every literal the patterns' prefilter scans for
(and, for a pattern whose literals are all too common for that prefilter, its most selective
required literals) becomes a tolerant expression over the raw text: each character stands for
every character that claimcheck.text's normalisation folds into it (derived from its tables:
_ONE_TO_ONE, _INVISIBLE, _COMBINING and str.lower), each space for any run of white space,
and invisible characters and combining marks may stand anywhere. A long quote is cut to its
first PREFIX characters (its whole expression is past Hyperscan's pattern size limit).

Prints the database's compile time, the share of documents with a candidate, the scan's cost
per document, the cost of what it would spare (normalising and the Aho-Corasick pass) and the
documents the automaton flags that the prescan missed (must be 0).
"""

from __future__ import annotations

import functools
import glob
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

from claimcheck.normalisation import _expand
from claimcheck.text import _COMBINING, _INVISIBLE, _ONE_TO_ONE

_WHITESPACE = " "  # what every white-space character becomes
PREFIX = 32  # characters of a quote the prescan looks for: a text holding the quote holds them
CASED_BELOW = 0x20000  # no character from here on changes under str.lower


def _ranges(spec: str) -> list[str]:
    """The characters of a character-class body such as ``_INVISIBLE`` ("a-c" ranges expanded)."""
    return list(_expand(spec))


def fold_char(char: str) -> str:
    """One character as normalisation folds it (before runs are collapsed and marks composed):
    ``claimcheck.text._fold`` and then ``str.lower``."""
    return _ONE_TO_ONE.get(ord(char), char).lower()


@functools.lru_cache(maxsize=1)
def _preimages() -> dict[str, tuple[str, ...]]:
    """For each folded character, every other character that folds to it (all of Unicode)."""
    out: dict[str, list[str]] = {}
    for code in sorted(set(range(CASED_BELOW)) | set(_ONE_TO_ONE)):
        char = chr(code)
        folded = fold_char(char)
        if folded != char and len(folded) == 1:
            out.setdefault(folded, []).append(char)
    return {k: tuple(v) for k, v in out.items()}


def _escape(code: int, syntax: str) -> str:
    if syntax == "hyperscan":
        return f"\\x{{{code:x}}}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _class(chars, syntax: str) -> str:
    """A character class of ``chars`` (code points in ranges where they run on)."""
    codes = sorted({ord(c) for c in chars})
    parts, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(_escape(codes[i], syntax) + ("" if i == j else "-" + _escape(codes[j], syntax)))
        i = j + 1
    return "[" + "".join(parts) + "]"


@functools.lru_cache(maxsize=4)
def _skippable(syntax: str) -> str:
    """What may stand anywhere: invisible characters (removed) and combining marks (composed)."""
    return _class(_ranges(_INVISIBLE) + _ranges(_COMBINING), syntax) + "*"


@functools.lru_cache(maxsize=4)
def _white(syntax: str) -> str:
    """A run of white space as the raw text may have it (with invisible characters among it)."""
    return _class([" ", *_preimages().get(_WHITESPACE, ()), *_ranges(_INVISIBLE)], syntax) + "+"


def tolerant_expression(normalised: str, syntax: str = "hyperscan") -> str:
    """A regular expression over the raw text (Hyperscan's UTF-8 syntax, or Python's with
    ``syntax="python"``) that matches every text whose normalised form holds ``normalised``
    (and some more)."""
    preimages = _preimages()
    skip = _skippable(syntax)
    parts = []
    for char in normalised:
        if char == _WHITESPACE:
            parts.append(_white(syntax))
            continue
        if unicodedata_combining(char):
            parts.append(skip)
            continue
        chars = {char, *preimages.get(char, ())}
        base = _base_letter(char)
        if base:  # "é" may stand as "e" and a combining mark, which normalisation composes
            chars.add(base)
            chars.update(preimages.get(base, ()))
        parts.append(_class(chars, syntax))
        parts.append(skip)
    return "".join(parts)


def unicodedata_combining(char: str) -> bool:
    import unicodedata

    return bool(unicodedata.combining(char))


def _base_letter(char: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if len(decomposed) > 1 and decomposed[0] != char else ""



def database(strings: list[str]):
    import hyperscan

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    expressions = sorted({tolerant_expression(s[:PREFIX].rstrip()).encode("ascii") for s in strings})
    flags = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8
    db.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions),
               flags=[flags] * len(expressions))
    return db


def may_match(db, text: str) -> bool:
    import hyperscan

    try:
        db.scan(text.encode("utf-8", "replace"), match_event_handler=lambda *_: True)
    except hyperscan.ScanTerminated:
        return True
    return False


def main() -> int:
    from claimcheck.literals import _best, required_sets
    from claimcheck.loader import load_registry
    from claimcheck.markup import html_to_text
    from claimcheck.matching import Matcher
    from claimcheck.text import _TRANSLATE, normalise, read_text

    registry = load_registry(os.path.join(os.path.dirname(HERE), "claims.yaml")).registry
    matcher = Matcher(registry)
    quotes = matcher._index_quotes(registry)
    strings = quotes + matcher._compile_patterns(registry, quotes)
    for claim in registry.claims.values():
        for pattern in claim.patterns:
            best = _best(required_sets(pattern.regex.translate(_TRANSLATE)), frozenset())
            strings.extend(literal.text for literal in best or ())
    began = time.perf_counter()
    db = database(strings)
    print(f"claims.yaml: {len(strings)} strings, Hyperscan database compiled in {time.perf_counter() - began:.1f} s")
    data = os.path.join(HERE, "data")
    for corpus in ("corpus/0[01]?", "sparse/0[01]?"):
        files = sorted(p for folder in glob.glob(os.path.join(data, corpus)) for p in glob.glob(folder + "/*"))
        texts = [read_text(f) for f in files]
        texts = [html_to_text(t) if f.endswith(".html") else t for f, t in zip(files, texts)]
        began = time.perf_counter()
        candidates = [may_match(db, t) for t in texts]
        scan = time.perf_counter() - began
        began = time.perf_counter()
        flagged = [bool(e or lit) for e, lit in matcher.scan_many([normalise(t) for t in texts])]
        spared = time.perf_counter() - began
        missed = sum(1 for f, c in zip(flagged, candidates) if f and not c)
        print(f"{corpus}: {len(texts):,} documents, {sum(candidates):,} with a candidate "
              f"({sum(flagged):,} flagged by the automaton, {missed} missed by the prescan); prescan "
              f"{scan / len(texts) * 1e6:.0f} us per document, normalising + Aho-Corasick "
              f"{spared / len(texts) * 1e6:.0f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
