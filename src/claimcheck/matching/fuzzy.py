"""``fuzzy``: sentences that restate a claim in other words.

Sentences that share enough rare words with a claim's quotes, restatement or correction (an
inverted index, so cost is nearly flat in the number of claims) are scored with rapidfuzz; those
above the threshold match. The index is built on first use: an exact + pattern audit never
needs it.

A claim with a subject ("ketamine|ketalar") is matched by similarity only in a document that
names its subject (claimcheck.audit drops the rest), so a document that names no subject asks
only the claims without one (``subject_free_only``): their own, smaller prefilter, and the same
scores as in the whole registry.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional

from claimcheck.matching.base import MatchKind, RawMatch, Stance, content_words, spelling_variants
from claimcheck.model import Claim
from claimcheck.text import normalise

DEFAULT_FUZZY_THRESHOLD = 0.65

MIN_SHARED_WORDS = 2
MIN_SHARED_SHARE = 0.34  # ... and at least this share of the shorter of the two word sets
CORRECTION_MARGIN = 0.10
MAX_FUZZY_CANDIDATES = 24  # claim texts scored per sentence at most (cost flat in registry size)
MIN_FUZZY_WORDS = 6  # headings and fragments are too short to say which claim they restate
COMMON_WORD_SHARE = 0.2  # a word in more than this share of claim texts does not make a candidate
FUZZY_CACHE_SIZE = 4096  # sentences whose fuzzy matches are kept (emptied when full)
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|twice|dozen|hundred|percent)\b")


class FuzzyTier:
    """The fuzzy index and scorer (mixed into ``Matcher``)."""

    # The fuzzy tier's index is built on first use: an exact + pattern audit never needs it
    # (with 10,000 claims it is half of the matchers' build time, in every worker).
    _FUZZY_STATE = frozenset({"_fuzzy_texts", "_index", "_common", "_numeric", "_masks", "_mask_words",
                              "_prefilter_counts", "_word_automaton", "_at_most", "_processed",
                              "_number_masks", "_subject_free", "_variants"})

    def __getattr__(self, name: str):
        if name in FuzzyTier._FUZZY_STATE and "registry" in self.__dict__:
            self._build_fuzzy()
            return self.__dict__[name]
        raise AttributeError(name)

    def _build_fuzzy(self) -> None:
        import ahocorasick_rs

        registry = self.registry
        # fuzzy: claim texts and an inverted index of their content words
        self._fuzzy_texts: list[tuple[str, str, frozenset[str], Stance]] = []
        self._index: dict[str, list[int]] = defaultdict(list)
        self._variants: dict[str, str] = {}  # another spelling indexed -> the claim texts' spelling
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
                    for variant in spelling_variants(word):  # "anaesthetic" finds "anesthetic"
                        if variant not in words:
                            self._index[variant].append(number)
                            self._variants[variant] = word
        # words that occur in many claim texts ("ketamine", "depression") say little about which
        # claim a sentence restates: they do not count towards making it a candidate
        limit = max(3, int(COMMON_WORD_SHARE * len(self._fuzzy_texts)))
        self._common = frozenset(w for w, texts in self._index.items() if len(texts) > limit)
        self._numeric = [bool(_NUMBER.search(text)) for _, text, _, _ in self._fuzzy_texts]
        # speed: each candidate-making word's claim texts as a bit set, and claim texts as rapidfuzz scores them
        self._masks = _bit_sets(self._index, self._common, len(self._fuzzy_texts))
        self._mask_words = sorted(self._masks)  # and the same words in one automaton, to find them all at once
        self._number_masks = [self._masks[word] for word in self._mask_words]
        # sentences seen by _could_have_candidates, passed by it, and scored (rapidfuzz asked at least once)
        self._prefilter_counts = (0, 0, 0)
        self._word_automaton = (ahocorasick_rs.AhoCorasick(self._mask_words, matchkind=ahocorasick_rs.MatchKind.Standard)
                                if self._mask_words else None)
        # the claim texts of claims without a subject (their prefilter is built when first asked)
        self._subject_free = _bit_set([n for n, (claim_id, *_) in enumerate(self._fuzzy_texts)
                                       if not registry.claims[claim_id].subject], len(self._fuzzy_texts))
        sizes = [len(words) for _, _, words, _ in self._fuzzy_texts]
        self._at_most = [_bit_set([n for n, size in enumerate(sizes) if size <= c], len(sizes))
                         for c in range(max(sizes, default=0) + 1)]
        self._processed = [_default_process(text) for _, text, _, _ in self._fuzzy_texts]

    def misses_key_words(self, claim_id: str, sentence: str) -> bool:
        """Does the (normalised) sentence lack every one of the claim's ``key_words``? A
        restatement found by similarity that does is not the claim: "Scans show increased
        activity in depression-linked brain regions" says nothing of neurons regrowing."""
        compiled = self.__dict__.get("_key_words")
        if compiled is None:
            from claimcheck.quantities import words_regex

            compiled = self.__dict__["_key_words"] = {
                claim.id: re.compile(words_regex(claim.key_words), re.IGNORECASE)
                for claim in self.registry.claims.values() if claim.key_words}
        regex = compiled.get(claim_id)
        return regex is not None and regex.search(sentence) is None

    def _prefilter(self, subject_free_only: bool) -> "_Prefilter":
        """The words the prefilter looks for, with their claim texts: of every claim, or of the
        claims without a subject only (the same one when no claim has a subject)."""
        everything = self.__dict__.get("_full_prefilter")
        if everything is None:
            everything = self.__dict__["_full_prefilter"] = _Prefilter(
                self._word_automaton, self._mask_words, self._number_masks)
        if not subject_free_only:
            return everything
        free_only = self.__dict__.get("_free_prefilter")
        if free_only is None:
            free = self._subject_free
            words = [word for word in self._mask_words if self._masks[word] & free]
            if len(words) == len(self._mask_words) and free == (1 << len(self._fuzzy_texts)) - 1:
                free_only = everything
            elif len(words) * 3 <= len(self._mask_words):  # an automaton of its own, a third the size at most
                import ahocorasick_rs

                free_only = _Prefilter(
                    ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard) if words else None,
                    words, [self._masks[word] & free for word in words])
            else:  # the whole registry's automaton, its other words' hits skipped (a bit set of 0)
                free_only = _Prefilter(self._word_automaton, self._mask_words,
                                       [mask if mask & free == mask else mask & free for mask in self._number_masks])
            self.__dict__["_free_prefilter"] = free_only
        return free_only

    def fuzzy(self, text: str, sentences: Iterable[tuple[int, int]], skip: set[tuple[str, int]],
              subject_free_only: bool = False) -> list[RawMatch]:
        """Sentences similar to a claim's text; ``skip`` holds (claim id, sentence start) already
        matched. ``subject_free_only``: only the claims without a subject (the text names none)."""
        if not self._fuzzy_texts:
            return []
        allowed = self._subject_free if subject_free_only else None
        found = []
        scored = 0
        skipped = {start for _, start in skip}
        cache = self.__dict__.get("_fuzzy_cache")
        if cache is None:
            cache = self.__dict__["_fuzzy_cache"] = {}
        for start, end in self._could_have_candidates(text, sentences, self._prefilter(subject_free_only)):
            sentence = text[start:end]
            if start in skipped:  # some claim is already matched here: not what the cache holds
                best, asked = self._fuzzy_sentence(sentence, start, skip, allowed)
            else:
                # a corpus repeats sentences (templates, boilerplate, syndicated text): what a
                # sentence matches depends only on its text, so it is scored once
                key = (sentence, self.fuzzy_threshold, subject_free_only)
                known = cache.get(key)
                if known is None:
                    if len(cache) >= FUZZY_CACHE_SIZE:
                        cache.clear()
                    known = cache[key] = self._fuzzy_sentence(sentence, start, (), allowed)
                best, asked = known
            scored += asked
            for claim_id, score, side, claim_text in best:
                found.append(RawMatch(claim_id, MatchKind.fuzzy, start, end, round(score, 3),
                                      side=side, reference=claim_text))
        if scored:
            seen, passed, before = self._prefilter_counts
            self._prefilter_counts = (seen, passed, before + scored)
        return found

    def _fuzzy_sentence(self, sentence: str, start: int, skip,
                        allowed: Optional[int] = None) -> tuple[tuple[tuple[str, float, Stance, str], ...], int]:
        """((claim id, score, side, claim text) of each claim the sentence restates closely
        enough, 1 if rapidfuzz was asked at all, else 0), leaving out the claims ``skip`` holds
        at ``start``, and the claim texts not in the bit set ``allowed`` (when given): the
        candidates are chosen among all claim texts, so that an allowed text is scored exactly
        when it would be in the whole registry."""
        if not _fuzzy_worthy(sentence):
            return (), 0
        words = content_words(sentence)
        if len(words) < 3:
            return (), 0
        counts = self._shared_words(words)
        if not counts:
            return (), 0  # most sentences that pass the prefilter: no claim text shares enough words
        if len(counts) > MAX_FUZZY_CANDIDATES:
            # score only the claim texts sharing the most distinctive words, so that the
            # cost per sentence stays flat however large the registry grows
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            counts = dict(sorted(ranked[:MAX_FUZZY_CANDIDATES]))
        has_number = bool(_NUMBER.search(sentence))
        processed = None  # the sentence as rapidfuzz compares it, made for the first score
        best: dict[str, tuple[float, Stance, str]] = {}
        for number, shared in counts.items():
            if shared < MIN_SHARED_WORDS or (allowed is not None and not allowed >> number & 1):
                continue
            claim_id, claim_text, claim_words, side = self._fuzzy_texts[number]
            if (claim_id, start) in skip:
                continue
            if shared / min(len(claim_words), len(words)) < MIN_SHARED_SHARE:
                continue
            if self._numeric[number] and not has_number:
                continue  # a statistic restated without its number is not that statistic
            current = best.get(claim_id, (0.0,))[0]
            if processed is None:
                processed = _default_process(sentence)
            score = _similarity_at_least(processed, self._processed[number], max(current, self.fuzzy_threshold))
            if score > current:
                best[claim_id] = (score, side, claim_text)
        kept = []
        for claim_id, (score, side, claim_text) in best.items():
            # a correction often restates neighbouring facts: agreeing needs a closer match
            needed = self.fuzzy_threshold + (CORRECTION_MARGIN if side is Stance.agrees_with_evidence else 0.0)
            if score >= needed:
                kept.append((claim_id, score, side, claim_text))
        return tuple(kept), int(processed is not None)

    def _could_have_candidates(self, text: str, sentences, prefilter: Optional["_Prefilter"] = None) -> list[tuple[int, int]]:
        """The sentences that hold MIN_SHARED_WORDS or more different candidate-making words of
        one claim text; no other sentence can make a candidate. One Aho-Corasick pass over the
        text finds the words, instead of tokenising every sentence (most sentences of most texts
        are about something else); each word's claim texts are a bit set, so that the test costs
        the same however many claims the registry holds. A hit counts if it could be a whole
        token of the sentence (see _could_be_token). ``sentences``: a ``Sentences`` (or spans);
        ``prefilter``: the words to look for and their claim texts (all of them by default)."""
        automaton, words, masks = prefilter or self._prefilter(False)
        if automaton is None:
            return []
        spans = sentences.all() if hasattr(sentences, "all") else list(sentences)
        if not spans:
            return []
        starts = [start for start, _ in spans]
        seen: dict[int, set[int]] = {}  # sentence -> the candidate-making words found in it
        i, low, high, first, stop = -1, 0, -1, 0, -1  # the sentence of the last hit, where the next one starts, its span
        last = len(starts) - 1
        found: set[int] = set()
        for number, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
            if not masks[number]:  # a word of claims this text cannot match
                continue
            if not low <= start < high:  # hits come nearly in order: most are in the last hit's sentence
                i = bisect_right(starts, start) - 1
                if i < 0:
                    continue
                low, high = starts[i], (starts[i + 1] if i < last else len(text) + 1)
                first, stop = spans[i]
                found = seen.get(i) or set()
            if end > stop or number in found:  # a word is asked once per sentence
                continue
            # _could_be_token without a call for most hits: those that run on into a longer word
            # ("week" in "weekend") are none, those between spaces (or the sentence's ends) are
            if end < stop:
                after = text[end]
                if "a" <= after <= "z":
                    continue
            else:
                after = " "
            if (after == " " and (start == first or text[start - 1] == " ")) or \
                    _could_be_token(text, start, end, spans[i], words[number]):
                if not found:
                    found = seen[i] = set()
                found.add(number)
        kept = []
        for i in sorted(seen):
            if len(seen[i]) < MIN_SHARED_WORDS:
                continue
            once = twice = 0  # the claim texts holding one of the words, and two
            for number in seen[i]:
                twice |= once & masks[number]
                once |= masks[number]
            if twice:
                kept.append(spans[i])
        looked_at, passed, scored = self._prefilter_counts
        self._prefilter_counts = (looked_at + len(spans), passed + len(kept), scored)
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
        masks = self._masks
        useful = words & masks.keys()  # the words that make candidates (one set operation, not a lookup per word)
        if len(useful) < MIN_SHARED_WORDS:
            return {}
        levels = [0] * top  # levels[k]: the texts sharing more than k of the words
        for word in useful:
            mask = masks[word]
            for k in range(top - 1, 0, -1):
                levels[k] |= levels[k - 1] & mask
            levels[0] |= mask
        if not levels[MIN_SHARED_WORDS - 1]:
            return {}
        candidates = levels[top - 1]
        at_most = self._at_most
        for needed, largest in _plan(len(words)):
            if largest is None:  # every text needs at most this many
                candidates |= levels[needed - 1]
                break
            if largest >= 0:  # else only the small texts do
                candidates |= levels[needed - 1] & at_most[min(largest, len(at_most) - 1)]
        shared = frozenset(useful)
        if self._variants and not shared.isdisjoint(self._variants):  # counted as the claim text spells them
            shared |= {self._variants[word] for word in shared if word in self._variants}
        texts = self._fuzzy_texts
        return {number: len(texts[number][2] & shared) for number in _bits(candidates)}

class _Prefilter(NamedTuple):
    """The words a prefilter looks for (one automaton), and each word's claim texts as a bit set."""

    automaton: Optional[object]
    words: list[str]
    masks: list[int]


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


@lru_cache(maxsize=None)
def _plan(size: int) -> tuple[tuple[int, Optional[int]], ...]:
    """What _shared_words asks of a sentence of ``size`` words: (needed, None) when every claim
    text needs at most ``needed`` shared words, else (needed, the largest text size needing no
    more than that, or -1), for needed = MIN_SHARED_WORDS, MIN_SHARED_WORDS + 1, ..."""
    plan: list[tuple[int, Optional[int]]] = []
    for needed in range(MIN_SHARED_WORDS, MIN_SHARED_WORDS + _EXTRA_LEVELS):
        if _needed(size) <= needed:
            plan.append((needed, None))
            break
        plan.append((needed, _largest_size_needing(needed)))
    return tuple(plan)


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
