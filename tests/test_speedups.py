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

from claimcheck import match, text
from claimcheck.text import _TRANSLATE

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted((ROOT / "documents").glob("*.txt"))

# --- references: the replaced code, verbatim ---------------------------------------------

REFERENCE_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"')\]\u2019\u201d]*\s+(?=[\"'(\[\u2018\u201c]?[A-Z0-9\u2022])"
    r"|\n[ \t\r]*\n\s*|\n(?=[ \t]*[\u2022*\-][ \t])|(?<=:)[ \t\r]*\n"
)


def reference_sentence_spans(value: str) -> list[tuple[int, int]]:
    spans: list = []
    start = 0
    for m in REFERENCE_SENTENCE_END.finditer(value):
        text._append_span(value, start, m.start(), spans)
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
    counts: dict[int, int] = defaultdict(int)
    for word in words:
        if word in matcher._common:
            continue
        for number in matcher._index.get(word, ()):
            counts[number] += 1
    return counts


# --- inputs --------------------------------------------------------------------------------

ALPHABET = list("aB3 .!?:\n\t\r-*\u2022\"')[(\u2019\u201d\u2018\u201cxyZ,;\u00a0\u200b\u0301\u00ad\u2014`\u0130\u2026\u2028")
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
    monkeypatch.setattr(match.Matcher, "_could_have_candidates", lambda self, value, sentences: list(sentences))
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
