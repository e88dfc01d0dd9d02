"""The literal text a regular expression cannot match without: a prefilter for patterns.

A curator's pattern such as ``ketamine[^.]{0,120}(?:revolutionary|miracle)`` can only match
where "ketamine" occurs, and also only where "revolutionary" or "miracle" does. Such words go
into the same Aho-Corasick pass as the registry's quotes (match.py), and a pattern runs only
on the sentences of a paragraph that holds one string of each of its required sets, instead of
every pattern (or one big RE2 set) running over every text.

``required_sets`` lists those sets of alternatives; ``most_selective`` picks the few worth
scanning for (none: the pattern runs over every text, as without a prefilter). The strings
are lower case and ASCII, and ``\\s`` or ``\\s+`` is one space (normalisation collapses white
space into single spaces): patterns are matched case-insensitively on normalised text, which is
lower case, and for ASCII letters lower case is all that case-insensitivity means there
(normalisation folds the two other characters that RE2 equates with ASCII letters, the Kelvin
sign and the long s). A ``\\b`` next to a string is kept with it, so that "bain" in
``bain\\b`` does not count inside "baindgen". The parse is Python's (``re._parser``); a pattern
it cannot parse gets no prefilter, and a literal is only ever taken from a run of plain
characters that every match contains, so a difference between the two parsers can only make
the prefilter weaker, never drop a match. tests/test_literals.py and tests/test_speedups.py
check that promise against RE2.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

try:  # Python 3.11+
    from re import _constants as _c, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10 (and, should the module move, no prefilter)
    try:
        import sre_constants as _c  # type: ignore[no-redef]
        import sre_parse as _sre_parse  # type: ignore[no-redef]
    except ImportError:
        _c = _sre_parse = None  # type: ignore[assignment]

MIN_LITERAL = 3  # a shorter literal occurs nearly everywhere: not worth a prefilter
MAX_SETS = 3  # required sets kept per pattern (a sentence must hold one string of each)


class Literal(NamedTuple):
    """A string that a match contains; ``left``/``right``: with a word boundary (\\b) there."""

    text: str
    left: bool = False
    right: bool = False


_REPEATS = tuple(op for op in (getattr(_c, "MAX_REPEAT", None), getattr(_c, "MIN_REPEAT", None),
                               getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_MAXREPEAT = getattr(_c, "MAXREPEAT", None)


def required_sets(regex: str, common: frozenset[str] = frozenset()) -> list[frozenset[Literal]]:
    """Sets of strings such that any text the (case-insensitive) regex matches contains one
    string of every set (empty when the regex has none, or is not in Python's syntax)."""
    if _sre_parse is None:
        return []
    try:
        parsed = _sre_parse.parse(regex)
    except Exception:  # not Python syntax (RE2 has its own): no prefilter, the pattern still runs
        return []
    return list(dict.fromkeys(_required(list(parsed), common)))


def most_selective(sets: list[frozenset[Literal]], common: frozenset[str] = frozenset(),
                   most: int = MAX_SETS) -> list[frozenset[Literal]]:
    """The ``most`` most selective of ``sets`` (``common`` words count as no literal, then the
    longer the shortest string the better), leaving out those too short or common to select."""
    usable = [s for s in sets if _weakest(s, common) >= MIN_LITERAL]
    return sorted(usable, key=lambda s: _rank(s, common), reverse=True)[:most]


def required_literals(regex: str, common: frozenset[str] = frozenset(),
                      most: int = MAX_SETS) -> list[frozenset[Literal]]:
    """The most selective required sets of ``regex``: empty means no prefilter."""
    return most_selective(required_sets(regex, common), common, most)


def _required(items: list, common: frozenset[str]) -> list[frozenset[Literal]]:
    """Sets of alternatives, each of which a match of the sequence ``items`` must contain one of."""
    sets: list[frozenset[Literal]] = []
    run: list[str] = []
    left = False  # a \b stands right before the run

    def flush(right: bool) -> None:
        if run:
            text = "".join(run).lower()
            sets.append(frozenset({Literal(text, left and _is_word(text[0]), right and _is_word(text[-1]))}))
            run.clear()

    for op, value in items:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        if _is_space(op, value):  # \s or \s+: in normalised text, exactly one space
            run.append(" ")
            continue
        if op is _c.AT:  # \b, ^, $: zero-width, the characters around still follow each other
            if value is _c.AT_BOUNDARY:
                flush(True)
                left = True
            continue
        flush(False)
        left = False
        if op is _c.SUBPATTERN:
            sets.extend(_required(list(value[-1]), common))
        elif op in _REPEATS:
            low, _high, item = value
            if low >= 1:
                sets.extend(_required(list(item), common))
        elif op is _ATOMIC:
            sets.extend(_required(list(value), common))
        elif op is _c.BRANCH:
            alternatives = [_best(_required(list(branch), common), common) for branch in value[1]]
            if alternatives and all(alternatives):
                sets.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
        # anything else (classes, any character, lookarounds, back references) requires no literal
    flush(False)
    return [s for s in sets if all(x.text.isascii() and x.text for x in s)]


def _is_space(op, value) -> bool:
    """``\\s`` or ``\\s+``. RE2's \\s is [\\t\\n\\f\\r ], which normalisation turns into
    spaces, and it collapses runs of them: in a normalised text either matches one space."""
    if op in _REPEATS:
        low, high, item = value
        return low == 1 and (high == 1 or high == _MAXREPEAT) and len(item) == 1 and _is_space(*item[0])
    return op is _c.IN and list(value) == [(_c.CATEGORY, _c.CATEGORY_SPACE)]


def _is_word(char: str) -> bool:
    """RE2's \\w: ASCII letters, digits and underscore."""
    return char.isascii() and (char.isalnum() or char == "_")


def _weakest(alternatives: frozenset[Literal], common: frozenset[str]) -> int:
    """The length of the least selective string (0 for a common word)."""
    return min(0 if x.text.strip() in common else len(x.text) for x in alternatives)


def _best(sets: list[frozenset[Literal]], common: frozenset[str]) -> Optional[frozenset[Literal]]:
    """The most selective set: its weakest string is longest, then it has fewest strings."""
    if not sets:
        return None
    return max(sets, key=lambda s: _rank(s, common))


def _rank(alternatives: frozenset[Literal], common: frozenset[str]) -> tuple:
    return (_weakest(alternatives, common), -len(alternatives), sorted(alternatives))
