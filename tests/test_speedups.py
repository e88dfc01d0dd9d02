"""The fast paths give exactly what the straightforward code they replace gives.

Each speed-up in text.py and match.py is checked against a reference: the code it replaced,
kept here verbatim, on the bundled documents and on random text built from the characters
that matter (sentence ends, quotes, spaces, invisible and combining characters).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimcheck import match, normalisation, text
from claimcheck.text import _TRANSLATE

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted((ROOT / "documents").glob("*.txt"))

# --- references: the replaced code, verbatim ---------------------------------------------

# the closing quotation marks and brackets after a full stop end the sentence they close
# (every quote character of the normalisation rules)
_REFERENCE_QUOTES = re.escape("".join(normalisation.QUOTE + normalisation.DOUBLE_QUOTE))
REFERENCE_SENTENCE_END = re.compile(
    rf"(?<=[.!?])(?P<close>[{_REFERENCE_QUOTES})\]]*)\s+(?=[{_REFERENCE_QUOTES}(\[]?[A-Z0-9\u2022])"
    r"|\n[ \t\r]*\n\s*|\n(?=[ \t]*[\u2022*\-][ \t])|(?<=:)[ \t\r]*\n"
)


def reference_sentence_spans(value: str) -> list[tuple[int, int]]:
    spans: list = []
    start = 0
    for m in REFERENCE_SENTENCE_END.finditer(value):
        text._append_span(value, start, m.end("close") if m.start("close") >= 0 else m.start(), spans)
        start = m.end()
    text._append_span(value, start, len(value), spans)
    return spans


def whole_text_spans(norm) -> list[tuple[int, int]]:
    """The sentences of the whole original text, mapped to normalised offsets: what
    ``text.Sentences`` finds one paragraph at a time (its code before that change)."""
    spans = []
    for start, end in text.sentence_spans(norm.original):
        a, b = norm.normalised_offset(start), norm.normalised_offset(end)
        if b > a:
            spans.append((a, b))
    return spans


def reference_irregular_runs(folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in text._IRREGULAR.finditer(folded)]


def reference_shared_words(matcher, words) -> dict[int, int]:
    # a word and its other spelling ("anaesthetic", "anesthetic") are one word of the claim text,
    # counted once as the claim text spells it
    counts: dict[int, int] = defaultdict(int)
    seen: set[tuple[int, str]] = set()
    for word in words:
        if word in matcher._common:
            continue
        for number in matcher._index.get(word, ()):
            spelled = word if word in matcher._fuzzy_texts[number][2] else matcher._variants.get(word, word)
            if (number, spelled) not in seen:
                seen.add((number, spelled))
                counts[number] += 1
    return counts


# --- inputs --------------------------------------------------------------------------------

ALPHABET = list("aB3 .!?:\n\t\r-*\u2022\"')[(\u2019\u201d\u2018\u201cxyZ,;\u00a0\u200b\u0301\u00ad\u2014`\u0130\u2026\u2028\u00bb\u201e")
tricky_text = st.text(alphabet=st.sampled_from(ALPHABET + [" ", "e", "\n"]), max_size=80)


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in DOCUMENTS]


# --- text.py ---------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(tricky_text)
def test_sentence_spans_match_the_reference(value):
    assert text.sentence_spans(value) == reference_sentence_spans(value)


@settings(max_examples=400, deadline=None)
@given(tricky_text)
def test_fold_is_translate(value):
    assert text._fold(value) == value.translate(_TRANSLATE)


@settings(max_examples=400, deadline=None)
@given(tricky_text)
def test_space_runs_stand_in_for_irregular_runs_only_when_nothing_else_is_there(value):
    folded = text._fold(value).lower()
    if folded.isascii() or not text._SPECIAL.search(folded):
        assert [m.span() for m in text._SPACE_RUNS.finditer(folded)] == reference_irregular_runs(folded)


def test_the_bundled_documents_split_and_fold_as_before():
    for value in corpus_texts():
        assert text.sentence_spans(value) == reference_sentence_spans(value)
        assert text._fold(value) == value.translate(_TRANSLATE)
        norm = text.normalise_with_map(value)
        assert norm.text == text.normalise(value)
        assert text.sentence_spans(norm.text) == reference_sentence_spans(norm.text)


# --- match.py ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matcher():
    from claimcheck.loader import load_registry

    result = load_registry(str(ROOT / "claims.yaml"))
    assert result.registry is not None
    return match.Matcher(result.registry)


def test_shared_words_keep_every_candidate_with_its_exact_count(matcher):
    """Every claim text the word-by-word count would let through (MIN_SHARED_WORDS, and
    MIN_SHARED_SHARE of the shorter word set) is there, with the same count."""
    rng = random.Random(7)
    vocabulary = sorted(matcher._index) + ["unrelated", "words", "here"]
    sentences = [match.content_words(s) for doc in corpus_texts() for s in re.split(r"(?<=[.!?])\s+", doc)]
    sentences += [set(rng.sample(vocabulary, rng.randint(3, 30))) for _ in range(400)]
    for words in sentences:
        fast = matcher._shared_words(words)
        assert list(fast) == sorted(fast)
        for number, shared in reference_shared_words(matcher, words).items():
            claim_words = matcher._fuzzy_texts[number][2]
            if shared >= match.MIN_SHARED_WORDS and shared / min(len(claim_words), len(words)) >= match.MIN_SHARED_SHARE:
                assert fast.get(number) == shared, (number, words)
        for number, shared in fast.items():
            assert reference_shared_words(matcher, words)[number] == shared


def test_needed_words_follow_the_share():
    for size in range(0, 40):
        needed = match._needed(size)
        assert needed >= match.MIN_SHARED_WORDS
        assert size == 0 or needed / size >= match.MIN_SHARED_SHARE
        assert needed == match.MIN_SHARED_WORDS or (needed - 1) / size < match.MIN_SHARED_SHARE
    for needed in range(match.MIN_SHARED_WORDS, 8):
        largest = match._largest_size_needing(needed)
        assert match._needed(largest) <= needed < match._needed(largest + 1)


def test_bits_lists_the_set_bits_in_order():
    rng = random.Random(3)
    for _ in range(200):
        positions = sorted(rng.sample(range(5000), rng.randint(1, 60)))
        assert match._bits(match._bit_set(positions, 5000)) == positions


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefgh ketamin.,%0123", min_size=1, max_size=120),
       st.text(alphabet="abcdefgh ketamin.,%0123", min_size=1, max_size=80),
       st.sampled_from([0.0, 0.3, 0.5, 0.65, 0.8, 0.99]))
def test_similarity_at_least_is_the_similarity_or_nothing(sentence, claim_text, minimum):
    score = match.similarity(sentence, claim_text)
    fast = match._similarity_at_least(match._default_process(sentence), match._default_process(claim_text), minimum)
    assert fast == (score if score >= minimum else 0.0)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1'% .-", max_size=30), st.integers(0, 5), st.integers(0, 5))
@example("don't5 go", 0, 0)  # a token may start with a digit right after an apostrophe's letters
@example("b'a1 x", 0, 0)
@example("x %abc 50%off 50%", 0, 0)
@example("abc def", 1, 1)  # and the slice's own ends are token ends
def test_every_token_passes_could_be_token(value, cut_start, cut_end):
    """_could_be_token is a necessary condition: each _WORD token of a sentence's slice passes it."""
    start, end = min(cut_start, len(value)), max(min(len(value) - cut_end, len(value)), 0)
    if end <= start:
        return
    for m in match._WORD.finditer(value[start:end]):
        assert match._could_be_token(value, start + m.start(), start + m.end(), (start, end), m.group())


def test_fuzzy_finds_the_same_with_and_without_the_sentence_prefilter(matcher, monkeypatch):
    texts = [text.normalise_with_map(value) for value in corpus_texts()]
    rng = random.Random(11)
    vocabulary = sorted(matcher._masks)
    for _ in range(60):  # sentences made of registry words, with punctuation, digits and apostrophes
        words = [rng.choice(vocabulary) + rng.choice(["", "", "'s", "%", "5", ",", "."]) for _ in range(rng.randint(3, 14))]
        texts.append(text.normalise_with_map(" ".join(words).capitalize() + "."))
    fast = [matcher.fuzzy(n.text, whole_text_spans(n), set()) for n in texts]
    monkeypatch.setattr(match.Matcher, "_could_have_candidates", lambda self, value, sentences, *_: list(sentences))
    assert fast == [matcher.fuzzy(n.text, whole_text_spans(n), set()) for n in texts]


def test_the_sentence_prefilter_keeps_every_sentence_with_enough_words_of_one_claim_text(matcher):
    rng = random.Random(5)
    vocabulary = sorted(matcher._masks)
    values = corpus_texts()
    for _ in range(200):
        values.append(" ".join(rng.choice(vocabulary) + rng.choice(["", "", "'s", "%", "5", ",", ".", "-x"])
                               for _ in range(rng.randint(1, 6))) + rng.choice([".", "!", "\n\n", " and so on."]))
    for value in values:
        norm = text.normalise_with_map(value)
        spans = whole_text_spans(norm)
        needed = []  # sentences with MIN_SHARED_WORDS candidate-making words of one claim text
        for span in spans:
            shared: dict[int, int] = {}
            for word in match.content_words(norm.text[span[0]:span[1]]):
                if word in matcher._masks:
                    for number in matcher._index[word]:
                        shared[number] = shared.get(number, 0) + 1
            if shared and max(shared.values()) >= match.MIN_SHARED_WORDS:
                needed.append(span)
        kept = matcher._could_have_candidates(norm.text, spans)
        assert set(needed) <= set(kept), value
        assert kept == sorted(kept)


# --- sentences found one paragraph at a time --------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(tricky_text)
def test_sentences_by_paragraph_are_the_sentences_of_the_whole_text(value):
    norm = text.normalise_with_map(value)
    lazy = text.Sentences(norm)
    whole = whole_text_spans(norm)
    assert lazy.all() == whole
    reference = text.SpanList(whole)
    fresh = text.Sentences(norm)  # asked in another order, before all() fills its paragraphs
    for offset in reversed(range(len(norm.text) + 1)):
        assert fresh.span(offset) == reference.span(offset)


def test_the_bundled_documents_have_the_same_sentences_by_paragraph():
    for value in corpus_texts():
        norm = text.normalise_with_map(value)
        assert text.Sentences(norm).all() == whole_text_spans(norm)


# --- patterns run only where their literals are --------------------------------------------------


def reference_patterns(matcher, value: str, spans) -> list:
    """Every pattern on every sentence: what the literal prefilter must not change."""
    found = []
    for claim_id, compiled, side in matcher._patterns:
        for start, end in spans:
            m = compiled.search(value[start:end])
            if m is not None and m.end() > m.start():
                found.append((claim_id, start + m.start(), start + m.end(), side))
    return sorted(found)


def pattern_texts(matcher) -> list[str]:
    import yaml

    data = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    examples = [e for claim in data["claims"] for p in claim.get("patterns", []) for e in p.get("examples", [])]
    values = corpus_texts() + examples
    rng = random.Random(13)
    words = sorted({w for e in examples for w in e.split()})
    for _ in range(300):  # the examples' words, shuffled into sentences and paragraphs
        values.append(" ".join(rng.choice(words) + rng.choice(["", "", "", ".", ",", "!\n\n", "\n"])
                               for _ in range(rng.randint(2, 30))))
    return values


def test_the_literal_prefilter_finds_what_every_pattern_on_every_sentence_finds(matcher):
    assert matcher._literal_patterns, "the registry's patterns have literals"
    for value in pattern_texts(matcher):
        norm = text.normalise_with_map(value)
        fast = matcher.patterns(norm.text, text.Sentences(norm))
        assert sorted((m.claim_id, m.start, m.end, m.side) for m in fast) == \
            reference_patterns(matcher, norm.text, whole_text_spans(norm)), value


@settings(max_examples=400, deadline=None)
@given(tricky_text)
def test_space_runs_by_find_are_the_regex_runs(value):
    folded = text._fold(value).lower()
    assert list(text._space_runs(folded)) == [m.span() for m in text._SPACE_RUNS.finditer(folded)]


# --- stance cues gated by their literals (claimcheck.stance._LiteralGate) ----------------------


def reference_hits(sentence: str, scope: str) -> frozenset:
    """The cues of a scope a sentence holds, as found before the gate: one combined regex first."""
    from claimcheck import stance

    combined = re.compile("|".join(f"(?:{cue.regex})" for cue in stance.CUES if cue.scope == scope and cue.regex)
                          or "(?!)")
    if not combined.search(sentence):
        return frozenset()
    return frozenset(cue.id for cue in stance.CUES if cue.scope == scope and cue.regex and cue.compiled.search(sentence))


def _cue_words() -> list[str]:
    from claimcheck import stance
    from claimcheck.literals import required_sets

    words = set()
    for cue in stance.CUES:
        if cue.regex:
            for alternatives in required_sets(cue.regex):
                words.update(literal.text for literal in alternatives)
    return sorted(words)


_CUE_PIECES = _cue_words() + ["Myth:", "FACT:", "The claim", "is", "that", "Studies", "show", "ketamine", "cures",
                              "depression", "  ", "\n", "\u00a0", ",", ".", "?", '"', "\u201c", "'", "-", " - ", "--"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=14).map(" ".join), st.sampled_from(["sentence", "next",
                                                                                             "verdict"]))
def test_cue_hits_through_the_literal_gate_are_the_combined_regexs(sentence, scope):
    from claimcheck import stance

    assert stance._hits.__wrapped__(sentence, scope) == reference_hits(sentence, scope)


def test_cue_regexes_split_into_their_top_level_branches():
    from claimcheck import stance

    assert stance.top_level_branches(r"a|(b|c)|[|]d|\|e|\\|f") == ["a", "(b|c)", "[|]d", r"\|e", r"\\", "f"]
    assert stance.top_level_branches(r"[]|]x|y") == ["[]|]x", "y"]
    for cue in stance.CUES:
        if cue.regex:
            branches = stance.top_level_branches(cue.regex)
            assert "|".join(branches) == cue.regex
            for branch in branches:
                re.compile(branch)


def test_cue_hits_on_the_bundled_documents():
    from claimcheck import stance

    for path in DOCUMENTS:
        norm = text.normalise_with_map(path.read_text(encoding="utf-8"))
        for start, end in text.Sentences(norm).all():
            for sentence in (norm.text[start:end], norm.original[start:end]):
                for scope in ("sentence", "next", "verdict"):
                    assert stance._hits.__wrapped__(sentence, scope) == reference_hits(sentence, scope), sentence


# --- the value tier's RE2 search over UTF-8 bytes (claimcheck.quantities._Offsets) ----------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \u00e9\u2014\U0001f600", max_size=30), st.data())
def test_byte_and_character_offsets_agree(value, data):
    from claimcheck.quantities import _Offsets

    encoded = value.encode("utf-8")
    offsets = _Offsets(value, encoded)
    boundaries = sorted(set(data.draw(st.lists(st.integers(0, len(value)), max_size=8))))
    for character in boundaries:  # only growing, as the value tier asks
        byte = offsets.byte(character)
        assert byte == len(value[:character].encode("utf-8"))
        assert offsets.character(byte) == character


# --- the line-end test of _line_per_sentence, the fuzzy and value caches ----------------------

LINE_PIECES = ["a", "an", "The", "OF", "because", "whether", "per", "via", "x", "ab", "banana", "Tof", "of_",
               "of1", "1", " ", "\t", "\r", ",", ";", ":", "(", "-", "\u2013", "\u2014", "/", "&", ".", "!",
               "\u017f", "a\u017f", "\u212a", "\u0130", "\u00e9", "\u0131t", "it\u0131", "\u00c0"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=12).map("".join))
@example("as\u017f")
@example("\u017fuch")  # the long s matches "s" case-insensitively: "ſuch" ends a wrapped line
@example("and  \t\r")
@example("xwhether")
@example("12345678of")
def test_a_wrapped_lines_end_is_read_as_the_regex_reads_it(line):
    assert text._wrap_end(line) == bool(text._WRAP_END.search(line))


def test_the_wrap_words_are_the_regexs():
    words = re.search(r"\\b\(\?:([a-z|]+)\)", text._WRAP_END.pattern).group(1).split("|")
    assert frozenset(words) == text._WRAP_WORDS


class _NothingKept(dict):
    """A cache that keeps nothing: every sentence is scored (or decided) afresh."""

    def __setitem__(self, key, value):
        pass


def _fuzzy_texts(matcher, seed: int) -> list:
    """Texts whose sentences repeat within and across texts, some of them registry words."""
    rng = random.Random(seed)
    vocabulary = sorted(matcher._masks)
    pool = [s for doc in corpus_texts() for s in re.split(r"(?<=[.!?])\s+", doc)][::7]
    pool += [" ".join(rng.choice(vocabulary) + rng.choice(["", "", "'s", "5", ","]) for _ in range(rng.randint(6, 14)))
             .capitalize() + "." for _ in range(40)]
    return [text.normalise_with_map(" ".join(rng.choice(pool) for _ in range(rng.randint(3, 12)))) for _ in range(40)]


def reference_fuzzy(matcher, value: str, spans, skip) -> list:
    """Matcher.fuzzy before it kept each sentence's matches: every sentence the prefilter
    passes is scored, leaving out the claims ``skip`` holds there."""
    from claimcheck.matching.base import MatchKind, RawMatch

    found = []
    for start, end in matcher._could_have_candidates(value, spans):
        best, _ = matcher._fuzzy_sentence(value[start:end], start, skip)
        found += [RawMatch(claim_id, MatchKind.fuzzy, start, end, round(score, 3), side=side, reference=claim_text)
                  for claim_id, score, side, claim_text in best]
    return found


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 10_000))
def test_fuzzy_matches_kept_per_sentence_are_the_scored_ones(seed):
    """A matcher that keeps each sentence's fuzzy matches finds, text after text (with some
    claims already matched in some sentences), what scoring every sentence finds, and counts
    the same sentences as scored as a matcher that keeps nothing."""
    from claimcheck.loader import load_registry

    registry = load_registry(str(ROOT / "claims.yaml")).registry
    kept, plain, probe = match.Matcher(registry), match.Matcher(registry), match.Matcher(registry)
    plain.__dict__["_fuzzy_cache"] = _NothingKept()
    rng = random.Random(seed)
    claims = sorted(registry.claims)
    for n in _fuzzy_texts(kept, seed) * 2:
        spans = whole_text_spans(n)
        skip = {(rng.choice(claims), start) for start, _ in spans if rng.random() < 0.3}
        # and some of the claims the sentence does match
        skip |= {(m.claim_id, m.start) for m in reference_fuzzy(probe, n.text, spans, set()) if rng.random() < 0.5}
        for asked in (skip, set()):
            expected = reference_fuzzy(probe, n.text, spans, asked)
            assert kept.fuzzy(n.text, spans, asked) == expected
            assert plain.fuzzy(n.text, spans, asked) == expected
    assert kept._prefilter_counts == plain._prefilter_counts
    assert kept.__dict__["_fuzzy_cache"]


def test_the_fuzzy_cache_is_bounded(matcher, monkeypatch):
    monkeypatch.setattr("claimcheck.matching.fuzzy.FUZZY_CACHE_SIZE", 3)
    matcher.__dict__.pop("_fuzzy_cache", None)
    for n in _fuzzy_texts(matcher, 1):
        matcher.fuzzy(n.text, whole_text_spans(n), set())
        assert len(matcher.__dict__["_fuzzy_cache"]) <= 3
    matcher.__dict__.pop("_fuzzy_cache", None)


VALUE_PIECES = ["most", "patients", "respond", "responded", "within", "hours", "a day", "two weeks", "70%",
                "seven in ten", "half", "fewer than half", "feel better", "relief", "lasts", "for", "up to",
                "overnight", "the next morning", "improve", "30 to 50 percent", "minutes", "ketamine", "rats",
                "and", "but", ",", ";", "not", "weeks", "1 in 3", "works", "success", "the majority of"]


def reference_slot_find(slots, value: str, spans):
    """SlotMatcher.find before its decisions were kept per sentence: every slot decides every
    sentence that holds any slot's words."""
    from claimcheck.quantities import TRIGGER

    found, other = [], set()
    for start, end in spans:
        sentence = value[start:end]
        if not slots._any_word.search(sentence.encode()) or not TRIGGER.search(sentence):
            continue
        for slot in slots.slots:
            decision = slot.decide(sentence)
            if decision in ("asserts", "correction"):
                focus = slot.focus(sentence, decision)
                found.append((slot.claim_id, start, end, decision, (start + focus[0], start + focus[1]) if focus else ()))
            elif decision == "other":
                other.add((slot.claim_id, start))
    stated = {(claim_id, start) for claim_id, start, *_ in found}
    return found, other - stated


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VALUE_PIECES), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=6),
       st.randoms(use_true_random=False))
def test_slot_decisions_kept_per_sentence_are_the_slots_own(sentences, rng):
    """SlotMatcher.find, whose decisions are kept per sentence text, gives what every slot
    deciding every sentence gives, on texts whose sentences repeat."""
    slots = _slot_matcher()
    sentences = [s.capitalize() + "." for s in sentences]
    for _ in range(3):
        value = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 8)))
        n = text.normalise_with_map(value)
        spans = whole_text_spans(n)
        assert slots.find(n.text, spans) == reference_slot_find(slots, n.text, spans)


_SLOTS: list = []


def _slot_matcher():
    """The bundled registry's SlotMatcher, built once for all the examples."""
    from claimcheck.loader import load_registry
    from claimcheck.quantities import SlotMatcher

    if not _SLOTS:
        _SLOTS.append(SlotMatcher(load_registry(str(ROOT / "claims.yaml")).registry))
    return _SLOTS[0]
