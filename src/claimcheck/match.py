"""Locating registered claims in a normalised text.

Three kinds of match, cheapest first:

1. ``exact``: every registered quote, normalised, in one Aho-Corasick pass over the text;
2. ``pattern``: curator-written regular expressions, run by RE2 (linear time, so a pattern
   cannot backtrack catastrophically) on single sentences: only where the literals a pattern
   needs (literals.py) were found by the same Aho-Corasick pass, or, for a pattern without
   usable literals, where one RE2 set over the text reported it;
3. ``fuzzy``: sentences that share enough rare words with a claim's quotes or restatement
   (an inverted index, so cost is nearly flat in the number of claims) are scored with
   rapidfuzz; those above the threshold match.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from claimcheck.model import Claim, MatchKind, Registry, Stance
from claimcheck.text import _TRANSLATE, SpanList, normalise

DEFAULT_FUZZY_THRESHOLD = 0.65
COMMON_QUOTE_SHARE = 0.02  # a word in more of the registry's quotes than this share ...
COMMON_QUOTE_COUNT = 5  # ... (and than this many) is too common to prefilter a pattern by
MIN_SHARED_WORDS = 2
MIN_SHARED_SHARE = 0.34  # ... and at least this share of the shorter of the two word sets
CORRECTION_MARGIN = 0.10
MAX_FUZZY_CANDIDATES = 24  # claim texts scored per sentence at most (cost flat in registry size)
MIN_FUZZY_WORDS = 6  # headings and fragments are too short to say which claim they restate
COMMON_WORD_SHARE = 0.2  # a word in more than this share of claim texts does not make a candidate
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|twice|dozen|hundred|percent)\b")

_WORD = re.compile(r"[a-z0-9][a-z0-9%]*(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a about after again all also an and any are as at be because been before being but by can could
    did do does doing for from had has have having he her here his how i if in into is it its just may
    might more most much my no nor not of on once only or other our out over own same she should so some
    such than that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your ketamine ketamine's""".split()
)


@dataclass(frozen=True)
class RawMatch:
    claim_id: str
    kind: MatchKind
    start: int  # offsets in the normalised text
    end: int
    confidence: float
    registered_in: frozenset = frozenset()  # documents where this exact quote is registered for the claim
    side: Stance = Stance.asserts  # what the matched text states: the claim, or its correction
    reference: str = ""  # the registered text the match was made against (for negation parity)


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text) if len(w) > 2 and w not in STOPWORDS}


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


class Matcher:
    """Compiled matchers for one registry; built once and reused for every text."""

    def __init__(self, registry: Registry, fuzzy_threshold: float | None = None):
        import ahocorasick_rs

        self.registry = registry
        self.fuzzy_threshold = DEFAULT_FUZZY_THRESHOLD if fuzzy_threshold is None else fuzzy_threshold
        quotes = self._index_quotes(registry)
        literals = self._compile_patterns(registry, quotes)
        # one automaton: the quotes (numbers 0..n-1), then the patterns' literals
        needles = quotes + literals
        self._automaton = (
            ahocorasick_rs.AhoCorasick(needles, matchkind=ahocorasick_rs.MatchKind.Standard) if needles else None
        )

    def _index_quotes(self, registry: Registry) -> list[str]:
        """The distinct normalised quotes; for each, the claims that register it and where."""
        quotes: list[str] = []
        seen: dict[str, int] = {}
        owners_of: list[dict[str, set[str]]] = []  # per quote: claim id -> documents registering it
        for claim in registry.claims.values():
            for appearance in claim.appearances:
                quote = normalise(appearance.quote).strip()
                if len(quote) < 8:
                    continue
                if quote not in seen:
                    seen[quote] = len(quotes)
                    quotes.append(quote)
                    owners_of.append({})
                owners_of[seen[quote]].setdefault(claim.id, set()).add(appearance.document)
        self._quote_count = len(quotes)
        self._quote_owners = [tuple((claim_id, frozenset(documents)) for claim_id, documents in owners.items())
                              for owners in owners_of]
        return quotes

    def _compile_patterns(self, registry: Registry, quotes: list[str]) -> list[str]:
        """Compile every valid pattern and choose its prefilter; return the literals to scan for.

        A pattern runs only on the sentences of a paragraph holding one literal of each of its
        most selective required sets; one without a usable literal is found by one RE2 set over
        the whole text; one the set refuses (it compiled alone) runs on every sentence."""
        import re2
        from claimcheck.literals import most_selective, required_sets

        self._patterns: list[tuple[str, object, Stance]] = []
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

    # The fuzzy tier's index is built on first use: an exact + pattern audit never needs it
    # (with 10,000 claims it is half of the matchers' build time, in every worker).
    _FUZZY_STATE = frozenset({"_fuzzy_texts", "_index", "_common", "_numeric", "_masks", "_mask_words",
                              "_prefilter_counts", "_word_automaton", "_at_most", "_processed"})

    def __getattr__(self, name: str):
        if name in Matcher._FUZZY_STATE and "registry" in self.__dict__:
            self._build_fuzzy()
            return self.__dict__[name]
        raise AttributeError(name)

    def _build_fuzzy(self) -> None:
        import ahocorasick_rs

        registry = self.registry
        # fuzzy: claim texts and an inverted index of their content words
        self._fuzzy_texts: list[tuple[str, str, frozenset[str], Stance]] = []
        self._index: dict[str, list[int]] = defaultdict(list)
        for claim in registry.claims.values():
            if claim.verdict.value == "not-a-claim":
                continue
            for text, side in _fuzzy_sources(claim):
                words = frozenset(content_words(text))
                if len(words) < 3:
                    continue
                number = len(self._fuzzy_texts)
                self._fuzzy_texts.append((claim.id, text, words, side))
                for word in words:
                    self._index[word].append(number)
        # words that occur in many claim texts ("ketamine", "depression") say little about which
        # claim a sentence restates: they do not count towards making it a candidate
        limit = max(3, int(COMMON_WORD_SHARE * len(self._fuzzy_texts)))
        self._common = frozenset(w for w, texts in self._index.items() if len(texts) > limit)
        self._numeric = [bool(_NUMBER.search(text)) for _, text, _, _ in self._fuzzy_texts]
        # speed: each candidate-making word's claim texts as a bit set, and claim texts as rapidfuzz scores them
        self._masks = _bit_sets(self._index, self._common, len(self._fuzzy_texts))
        self._mask_words = sorted(self._masks)  # and the same words in one automaton, to find them all at once
        self._prefilter_counts = (0, 0)  # sentences seen and kept by _could_have_candidates
        self._word_automaton = (ahocorasick_rs.AhoCorasick(self._mask_words, matchkind=ahocorasick_rs.MatchKind.Standard)
                                if self._mask_words else None)
        sizes = [len(words) for _, _, words, _ in self._fuzzy_texts]
        self._at_most = [_bit_set([n for n, size in enumerate(sizes) if size <= c], len(sizes))
                         for c in range(max(sizes, default=0) + 1)]
        self._processed = [_default_process(text) for _, text, _, _ in self._fuzzy_texts]

    def __getstate__(self):
        return {"registry": self.registry, "fuzzy_threshold": self.fuzzy_threshold}

    def __setstate__(self, state):
        self.__init__(state["registry"], state["fuzzy_threshold"])

    def scan(self, text: str) -> tuple[list[RawMatch], list[tuple[int, int, int]]]:
        """One pass over the text: the exact matches, and where the patterns' literals occur
        ([(literal number, start, end), ...], for ``patterns``)."""
        return self.scan_many([text])[0]

    def scan_many(self, texts: list[str]) -> list[tuple[list[RawMatch], list[tuple[int, int, int]]]]:
        """``scan`` of each text, in one pass over them all (joined by NUL, which no quote,
        literal or normalised text holds: no match spans two texts, and each text's edges are
        word boundaries, as at the ends of a text scanned alone)."""
        results: list[tuple[list[RawMatch], list[tuple[int, int, int]]]] = [([], []) for _ in texts]
        if self._automaton is None or not texts:
            return results
        joined = texts[0] if len(texts) == 1 else "\x00".join(texts)
        starts = []
        offset = 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + 1
        quote_count = self._quote_count
        quote_owners = self._quote_owners
        document = 0
        base = 0
        following = starts[1] if len(starts) > 1 else offset
        found, literal_hits = results[0]
        for number, start, end in self._automaton.find_matches_as_indexes(joined, overlapping=True):
            while end > following:  # matches come in order of their ends: this one is in a later text
                document += 1
                following = starts[document + 1] if document + 1 < len(starts) else offset
                base = starts[document]
                found, literal_hits = results[document]
            if number >= quote_count:
                literal_hits.append((number - quote_count, start - base, end - base))
                continue
            if not _at_word_boundaries(joined, start, end):
                continue
            for claim_id, documents in quote_owners[number]:
                found.append(RawMatch(claim_id, MatchKind.exact, start - base, end - base, 1.0, documents))
        return results

    def exact(self, text: str) -> list[RawMatch]:
        return self.scan(text)[0]

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
            # every literal of the match lies in its sentence: the sentences of the hits
            where.setdefault(pattern, set()).update(sentences.span(start) for start in starts)
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
                                          side=side))
        return found

    def values(self, text: str, sentences) -> tuple[list[RawMatch], set[tuple[str, int]]]:
        """Sentences whose value lies in a claim's slot range (claimcheck.quantities), and the
        (claim id, sentence start) pairs whose sentence gives only values outside it: those
        sentences are not the claim, whatever else matches them."""
        slots = self.__dict__.get("_slots")
        if slots is None:
            from claimcheck.quantities import SlotMatcher

            slots = self.__dict__["_slots"] = SlotMatcher(self.registry)
        if hasattr(sentences, "all"):
            sentences = sentences.all()
        found, other = slots.find(text, sentences)
        matches = []
        for claim_id, start, end, decision in found:
            while end > start and text[end - 1] in " \n\t":
                end -= 1
            side = Stance.asserts if decision == "asserts" else Stance.agrees_with_evidence
            claim = self.registry.claims[claim_id]
            reference = normalise(claim.claim) if side is Stance.asserts else normalise(claim.correction or "")
            matches.append(RawMatch(claim_id, MatchKind.value, start, end, 0.9, side=side, reference=reference))
        return matches, other

    def semantic(self, text: str, spans, skip_sentences: set[int]) -> list[RawMatch]:
        """The optional embedding tier (claimcheck.semantic) on the sentences no other tier matched."""
        tier = self.__dict__.get("_semantic")
        if tier is None:
            from claimcheck.semantic import SemanticMatcher

            tier = self.__dict__["_semantic"] = SemanticMatcher(self.registry)
        spans = [span for span in spans if span[0] not in skip_sentences]
        if not spans:
            return []
        found = []
        for hit in tier.find(text, self._could_have_candidates(text, spans), skip_sentences):
            end = hit.end
            while end > hit.start and text[end - 1] in " \n\t":
                end -= 1
            side = Stance.agrees_with_evidence if hit.agrees else Stance.asserts
            found.append(RawMatch(hit.claim_id, MatchKind.semantic, hit.start, end, hit.similarity, side=side,
                                  reference=hit.reference))
        return found

    def fuzzy(self, text: str, sentences: Iterable[tuple[int, int]], skip: set[tuple[str, int]]) -> list[RawMatch]:
        """Sentences similar to a claim's text; ``skip`` holds (claim id, sentence start) already matched."""
        if not self._fuzzy_texts:
            return []
        if hasattr(sentences, "all"):
            sentences = sentences.all()

        found = []
        for start, end in self._could_have_candidates(text, sentences):
            sentence = text[start:end]
            if not _fuzzy_worthy(sentence):
                continue
            words = content_words(sentence)
            if len(words) < 3:
                continue
            counts = self._shared_words(words)
            if len(counts) > MAX_FUZZY_CANDIDATES:
                # score only the claim texts sharing the most distinctive words, so that the
                # cost per sentence stays flat however large the registry grows
                ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
                counts = dict(sorted(ranked[:MAX_FUZZY_CANDIDATES]))
            has_number = bool(_NUMBER.search(sentence))
            processed = _default_process(sentence)
            best: dict[str, tuple[float, Stance, str]] = {}
            for number, shared in counts.items():
                if shared < MIN_SHARED_WORDS:
                    continue
                claim_id, claim_text, claim_words, side = self._fuzzy_texts[number]
                if (claim_id, start) in skip:
                    continue
                if shared / min(len(claim_words), len(words)) < MIN_SHARED_SHARE:
                    continue
                if self._numeric[number] and not has_number:
                    continue  # a statistic restated without its number is not that statistic
                current = best.get(claim_id, (0.0,))[0]
                score = _similarity_at_least(processed, self._processed[number], max(current, self.fuzzy_threshold))
                if score > current:
                    best[claim_id] = (score, side, claim_text)
            for claim_id, (score, side, claim_text) in best.items():
                # a correction often restates neighbouring facts: agreeing needs a closer match
                needed = self.fuzzy_threshold + (CORRECTION_MARGIN if side is Stance.agrees_with_evidence else 0.0)
                if score >= needed:
                    found.append(RawMatch(claim_id, MatchKind.fuzzy, start, end, round(score, 3),
                                          side=side, reference=claim_text))
        return found


    def _could_have_candidates(self, text: str, sentences: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The sentences that hold MIN_SHARED_WORDS or more different candidate-making words; no
        other sentence can make a candidate. One Aho-Corasick pass over the text finds them all,
        instead of tokenising every sentence (most sentences of most texts are about something
        else). A hit counts if it could be a whole token of the sentence (see _could_be_token)."""
        spans = list(sentences)
        if self._word_automaton is None or not spans:
            return []
        seen_sentences, kept_sentences = self._prefilter_counts
        if seen_sentences >= 5000 and kept_sentences > 0.8 * seen_sentences:
            return spans  # it keeps nearly every sentence of these texts: not worth its cost
        starts = [start for start, _ in spans]
        words = self._mask_words
        seen: dict[int, set[int]] = {}
        for number, start, end in self._word_automaton.find_matches_as_indexes(text, overlapping=True):
            i = bisect.bisect_right(starts, start) - 1
            if i < 0 or end > spans[i][1]:
                continue
            if _could_be_token(text, start, end, spans[i], words[number]):
                seen.setdefault(i, set()).add(number)
        kept = [spans[i] for i in sorted(seen) if len(seen[i]) >= MIN_SHARED_WORDS]
        self._prefilter_counts = (seen_sentences + len(spans), kept_sentences + len(kept))
        return kept

    def _shared_words(self, words: set[str]) -> dict[int, int]:
        """{claim text number: how many of ``words`` it shares, common words aside}, in ascending
        order, for (at least) every claim text that shares enough of them to be a candidate:
        MIN_SHARED_WORDS, and MIN_SHARED_SHARE of the shorter word set.

        The same counts as walking every word's list of claim texts, without walking them: a
        word's claim texts are a bit set, and saturating counters (texts sharing more than 0,
        more than 1, ... of the words) are ORed and ANDed a whole registry at a time; a text
        then needs the count its size and the sentence's call for.
        """
        top = MIN_SHARED_WORDS + _EXTRA_LEVELS
        levels = [0] * top  # levels[k]: the texts sharing more than k of the words
        useful = []
        for word in words:
            mask = self._masks.get(word)
            if mask is None:
                continue
            useful.append(word)
            for k in range(top - 1, 0, -1):
                levels[k] |= levels[k - 1] & mask
            levels[0] |= mask
        if not levels[MIN_SHARED_WORDS - 1]:
            return {}
        candidates = levels[top - 1]
        size = len(words)
        for needed in range(MIN_SHARED_WORDS, top):
            if _needed(size) <= needed:  # every text needs at most this many
                candidates |= levels[needed - 1]
                break
            largest = _largest_size_needing(needed)  # else only the small texts do
            if largest >= 0:
                candidates |= levels[needed - 1] & self._at_most[min(largest, len(self._at_most) - 1)]
        shared = frozenset(useful)
        texts = self._fuzzy_texts
        return {number: len(texts[number][2] & shared) for number in _bits(candidates)}


def _could_be_token(text: str, start: int, end: int, sentence: tuple[int, int], word: str) -> bool:
    """Could ``text[start:end]`` (== ``word``) be a whole token of _WORD in the sentence's slice?

    Necessary conditions only (a hit that passes may still not be a token; one that fails never
    is): a token runs on over [a-z0-9%] (over letters after its apostrophe), and it starts at
    the slice's start, after a character that is no part of a token, or (a digit) right after
    a token's apostrophe letters.
    """
    if end < sentence[1]:
        after = text[end]
        if ("a" <= after <= "z") or ("'" not in word and (after.isdigit() and after.isascii() or after == "%")):
            return False
    if start > sentence[0]:
        before = text[start - 1]
        if before.isascii() and before.isalnum() and not (before.isalpha() and word[0].isdigit()):
            return False
    return True


_EXTRA_LEVELS = 2  # counters kept beyond MIN_SHARED_WORDS (texts needing more are checked one by one)


def _needed(size: int) -> int:
    """The fewest shared words that make a candidate when the shorter word set has ``size`` words."""
    needed = MIN_SHARED_WORDS
    while size and needed / size < MIN_SHARED_SHARE:
        needed += 1
    return needed


def _largest_size_needing(needed: int) -> int:
    """The largest size of the shorter word set for which ``needed`` shared words are enough."""
    size = needed
    while _needed(size + 1) <= needed:
        size += 1
    return size if _needed(size) <= needed else -1


def _bit_set(numbers, size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(bits, "little")


def _bit_sets(index: dict[str, list[int]], common: frozenset, size: int) -> dict[str, int]:
    return {word: _bit_set(numbers, size) for word, numbers in index.items() if word not in common}


_NONZERO_BYTE = re.compile(rb"[^\x00]")
_BITS_OF_BYTE = [tuple(b for b in range(8) if value >> b & 1) for value in range(256)]


def _bits(mask: int) -> list[int]:
    """The positions of the bits set in ``mask``, ascending."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    out: list[int] = []
    for m in _NONZERO_BYTE.finditer(data):
        base = m.start() * 8
        out.extend(base + b for b in _BITS_OF_BYTE[data[m.start()]])
    return out


def _rapidfuzz():
    """rapidfuzz.fuzz, imported on first use (not at start-up) and then looked up once."""
    global _FUZZ
    if _FUZZ is None:
        from rapidfuzz import fuzz

        _FUZZ = fuzz
    return _FUZZ


_FUZZ = None


def _default_process(text: str) -> str:
    from rapidfuzz import utils

    return utils.default_process(text)


def _similarity_at_least(sentence: str, claim_text: str, minimum: float) -> float:
    """``similarity`` of texts already through rapidfuzz's default_process when it is at least
    ``minimum``, else 0.0: each score is asked only for what could still reach ``minimum``
    (rapidfuzz stops early below a cutoff, and returns the exact score above it)."""
    fuzz = _rapidfuzz()
    floor = 100.0 * minimum - 1e-6
    sort_score = fuzz.token_sort_ratio(sentence, claim_text)
    set_score = fuzz.token_set_ratio(sentence, claim_text,
                                     score_cutoff=max(0.0, (floor - 0.3 * sort_score - 30.0) / 0.4))
    if 0.4 * set_score + 0.3 * sort_score + 30.0 < floor:
        return 0.0
    if len(claim_text) <= len(sentence):
        partial = fuzz.partial_ratio(claim_text, sentence,
                                     score_cutoff=max(0.0, (floor - 0.4 * set_score - 0.3 * sort_score) / 0.3))
    else:
        partial = sort_score
    score = (0.4 * set_score + 0.3 * sort_score + 0.3 * partial) / 100.0
    return score if score >= minimum else 0.0


def _fuzzy_worthy(sentence: str) -> bool:
    """A sentence, not a heading or a fragment: enough words, and end punctuation unless long."""
    words = sentence.split()
    if len(words) < MIN_FUZZY_WORDS:
        return False
    return sentence.rstrip(" \"')*").endswith((".", "!", "?", ";")) or len(words) >= 12


def similarity(sentence: str, claim_text: str) -> float:
    """0..1: how closely a sentence restates a claim text (word order and extra words forgiven)."""
    from rapidfuzz import fuzz, utils

    sentence, claim_text = utils.default_process(sentence), utils.default_process(claim_text)
    set_score = fuzz.token_set_ratio(sentence, claim_text)
    sort_score = fuzz.token_sort_ratio(sentence, claim_text)
    partial = fuzz.partial_ratio(claim_text, sentence) if len(claim_text) <= len(sentence) else sort_score
    return (0.4 * set_score + 0.3 * sort_score + 0.3 * partial) / 100.0


def _fuzzy_sources(claim: Claim) -> list[tuple[str, Stance]]:
    """The texts a sentence is compared with: the claim's restatement and quotes, and its
    correction (a sentence closest to the correction states the evidence, not the claim)."""
    texts = {normalise(claim.claim): Stance.asserts}
    for appearance in claim.appearances:
        texts.setdefault(normalise(appearance.quote), Stance.asserts)
    if claim.correction:
        for sentence in _split_sentences(normalise(claim.correction)):
            texts.setdefault(sentence, Stance.agrees_with_evidence)
    return [(t, side) for t, side in texts.items() if t]


def _split_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if s.strip()]


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


def _is_word(char: str) -> bool:
    """RE2's \\w (ASCII letters, digits, underscore): what its \\b looks at."""
    return char.isascii() and (char.isalnum() or char == "_")


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return False
    return True
