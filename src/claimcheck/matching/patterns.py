"""``pattern``: curator-written regular expressions, run by RE2 on single sentences.

RE2 runs in linear time, so a pattern cannot backtrack catastrophically. A pattern runs only
where the literals it needs (claimcheck.literals) were found by the exact tier's Aho-Corasick
pass, or, for a pattern without usable literals, where one RE2 set over the text reported it.
"""

from __future__ import annotations

from collections import Counter

from claimcheck.matching.base import _WORD, STOPWORDS, MatchKind, RawMatch, Stance, _is_word
from claimcheck.model import Registry
from claimcheck.text import _TRANSLATE, SpanList

COMMON_QUOTE_SHARE = 0.02  # a word in more of the registry's quotes than this share ...
COMMON_QUOTE_COUNT = 5  # ... (and than this many) is too common to prefilter a pattern by


def compile_pattern(regex: str):
    """Compile a curator's pattern with RE2 (case-insensitive, on normalised text).

    Raises ``ValueError`` with RE2's reason when the pattern is invalid or unsupported.
    """
    import re2

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = False
    options.max_mem = 8 << 20
    try:
        return re2.compile(regex.translate(_TRANSLATE), options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(str(reason)) from None


def compile_subject(regex: str):
    """A claim's ``subject`` as the audit uses it: whole words, case-insensitive.

    The subject must be a valid RE2 expression on its own, not only once wrapped (``a)|(?:b``
    compiles as ``\\b(?:a)|(?:b)\\b``); raises ``ValueError`` with the reason otherwise."""
    compile_pattern(regex)
    return compile_pattern(r"\b(?:" + regex + r")\b")


class PatternTier:
    """Compiled patterns and their literal prefilter (mixed into ``Matcher``)."""

    def _compile_patterns(self, registry: Registry, quotes: list[str]) -> list[str]:
        """Compile every valid pattern and choose its prefilter; return the literals to scan for.

        A pattern runs only on the sentences of a paragraph holding one literal of each of its
        most selective required sets; one without a usable literal is found by one RE2 set over
        the whole text; one the set refuses (it compiled alone) runs on every sentence."""
        import re2
        from claimcheck.literals import most_selective, required_sets

        self._patterns: list[tuple[str, object, Stance]] = []
        # pattern number -> the text its matches are compared with for negation parity, where its
        # wording denies what the claim text affirms or the reverse (see _parity_reference)
        self._references: dict[int, str] = {}
        literal_number: dict[str, int] = {}
        # per literal: (pattern, which of its required sets, \b before, \b after) of the patterns that need it
        self._literal_patterns: list[list[tuple[int, int, bool, bool]]] = []
        self._required_sets: dict[int, int] = {}
        # every required set of a pattern, checked with `in` before RE2 is asked (cheaper than RE2's call)
        self._verify: dict[int, list[tuple[str, ...]]] = {}
        unfiltered: list[tuple[int, str]] = []
        common: frozenset[str] | None = None  # counted over the quotes only if a pattern needs it
        for claim in registry.claims.values():
            for pattern in claim.patterns:
                translated = pattern.regex.translate(_TRANSLATE)
                try:
                    compiled = compile_pattern(pattern.regex)
                except ValueError:  # invalid patterns are lint errors; skip them here
                    continue
                number = len(self._patterns)
                self._patterns.append((claim.id, compiled, pattern.stance))
                reference = _parity_reference(claim, pattern)
                if reference:
                    self._references[number] = reference
                if common is None:
                    common = _common_words(quotes)
                every_set = required_sets(translated, common)
                self._verify[number] = [tuple(sorted({x.text for x in alternatives})) for alternatives in every_set]
                required = most_selective(every_set, common)
                if not required:
                    unfiltered.append((number, translated))
                    continue
                self._required_sets[number] = len(required)
                for index, alternatives in enumerate(required):
                    for literal in sorted(alternatives):
                        if literal.text not in literal_number:
                            literal_number[literal.text] = len(self._literal_patterns)
                            self._literal_patterns.append([])
                        self._literal_patterns[literal_number[literal.text]].append(
                            (number, index, literal.left, literal.right))
        self._pattern_set = None
        self._unfiltered: list[int] = []  # in the RE2 set's order
        self._everywhere: list[int] = []
        if unfiltered:
            options = re2.Options()
            options.log_errors = False
            options.case_sensitive = False
            # RE2's lazy DFA for the whole set: with the default 8 MB it keeps flushing its state
            # cache (~15 MB/s) and, flushed too often, gives up and reports no match; 128 MB runs
            # warm at 50-200 MB/s. The cache fills as new text is seen, then memory stays flat.
            options.max_mem = 128 << 20
            pattern_set = re2.Set.SearchSet(options)
            for number, regex in unfiltered:
                try:
                    pattern_set.Add(regex)
                except Exception:  # noqa: BLE001 - re2 raises its own error types here
                    self._everywhere.append(number)
                    continue
                self._unfiltered.append(number)
            if self._unfiltered:
                pattern_set.Compile()
                self._pattern_set = pattern_set
        return list(literal_number)

    def patterns(self, text: str, sentences, literal_hits: list[tuple[int, int, int]] | None = None) -> list[RawMatch]:
        """Pattern matches, each within one sentence. ``sentences`` is a ``Sentences`` (or a list
        of spans); ``literal_hits`` is what ``scan`` found (scanned here if None). A pattern runs
        on the sentences of each paragraph that holds one literal of each of its required sets."""
        if not self._patterns:
            return []
        if not hasattr(sentences, "span"):
            sentences = SpanList(sentences)
        if literal_hits is None:
            literal_hits = self.scan(text)[1]
        # (pattern, paragraph) -> (which required sets were seen there, where)
        seen: dict[tuple[int, int], tuple[set[int], list[int]]] = {}
        block_of = sentences.block_of
        size = len(text)
        for literal, start, end in literal_hits:
            block = -2
            for pattern, index, left, right in self._literal_patterns[literal]:
                if (left and start > 0 and _is_word(text[start - 1])) or (right and end < size and _is_word(text[end])):
                    continue
                if block == -2:
                    block = block_of(start)
                entry = seen.get((pattern, block))
                if entry is None:
                    seen[(pattern, block)] = ({index}, [start])
                else:
                    entry[0].add(index)
                    entry[1].append(start)
        where: dict[int, set[tuple[int, int]]] = {}
        required = self._required_sets
        paragraphs: dict[int, str] = {}
        span_at: dict[int, tuple[int, int]] = {}
        for (pattern, block), (indexes, starts) in seen.items():
            if len(indexes) != required[pattern] or block < 0:
                continue
            verify = self._verify.get(pattern)
            if verify:  # the paragraph must hold the pattern's other literals too (cheap to ask)
                paragraph = paragraphs.get(block)
                if paragraph is None:
                    first, last = sentences.block_range(block)
                    paragraph = paragraphs[block] = text[first:last]
                if not _holds_one_of_each(paragraph, verify):
                    continue
            # every literal of the match lies in its sentence: the sentences of the hits (a hit
            # serves several patterns: its sentence is looked up once)
            sentences_of = where.setdefault(pattern, set())
            for start in starts:
                span = span_at.get(start)
                if span is None:
                    span = span_at[start] = sentences.span(start)
                sentences_of.add(span)
        everywhere = list(self._everywhere)
        if self._pattern_set is not None:
            everywhere.extend(self._unfiltered[index] for index in set(self._pattern_set.Match(text) or ()))
        if everywhere:
            every = set(sentences.all())
            for number in everywhere:
                where.setdefault(number, set()).update(every)
        found = []
        for number in sorted(where):
            claim_id, compiled, side = self._patterns[number]
            reference = self._references.get(number, "")
            verify = self._verify.get(number, ())
            for start, end in sorted(where[number]):
                if end <= start:
                    continue
                sentence = text[start:end]
                if verify and not _holds_one_of_each(sentence, verify):
                    continue
                m = compiled.search(sentence)
                if m is not None and m.end() > m.start():
                    found.append(RawMatch(claim_id, MatchKind.pattern, start + m.start(), start + m.end(), 0.95,
                                          side=side, reference=reference))
        return found


def _parity_reference(claim, pattern) -> str:
    """The pattern's first match example, normalised, when the pattern words the claim with the
    other negation parity than the claim's text ("SSRIs don't do anything for the first four
    weeks" for "SSRIs take a minimum of four weeks to show any effect"): stance compares a
    match's negations with what the pattern's own wording holds, not with the claim text's.
    Empty otherwise (the claim text is the reference)."""
    if pattern.stance is not Stance.asserts or not pattern.examples or not pattern.examples.match:
        return ""
    from claimcheck.stance import negations
    from claimcheck.text import normalise

    example = normalise(pattern.examples.match[0])
    return example if negations(example) % 2 != negations(normalise(claim.claim)) % 2 else ""


def _holds_one_of_each(sentence: str, sets: list[tuple[str, ...]]) -> bool:
    for alternatives in sets:
        for x in alternatives:
            if x in sentence:
                break
        else:
            return False
    return True


def _common_words(quotes: list[str]) -> frozenset[str]:
    """Words too common to prefilter a pattern by: English function words, and words in more
    than COMMON_QUOTE_SHARE of the registry's quotes (a sample of the texts it audits: a word in
    many of them is common there too, and would select nearly every sentence)."""
    frequency: Counter = Counter()
    for quote in quotes:
        frequency.update(set(_WORD.findall(quote)))
    limit = max(COMMON_QUOTE_COUNT, COMMON_QUOTE_SHARE * len(quotes))
    return STOPWORDS | {word for word, count in frequency.items() if count > limit}
