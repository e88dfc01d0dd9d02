"""The three kinds of match, on a registry built in the test."""

from __future__ import annotations

from claimcheck.match import Matcher, compile_pattern, content_words, similarity
from claimcheck.model import MatchKind
from claimcheck.text import Sentences, normalise, normalise_with_map

import pytest


def test_exact_quotes_respect_word_boundaries(mini_registry):
    matcher = Matcher(mini_registry)
    text = normalise("it works for 70% of patients. reworks for 70% of patientsx")
    found = matcher.exact(text)
    assert [(m.claim_id, m.start) for m in found] == [("seventy-percent", 3)]


def test_patterns_run_per_sentence_with_re2(mini_registry):
    matcher = Matcher(mini_registry)
    norm = normalise_with_map("Intro. Ketamine isn\u2019t a scheduled drug. It is a Schedule III drug.")
    found = matcher.patterns(norm.text, Sentences(norm).all())
    assert [(m.claim_id, m.kind) for m in found] == [("not-controlled", MatchKind.pattern)]


def test_invalid_and_backtracking_patterns():
    with pytest.raises(ValueError):
        compile_pattern("(a)\\1")  # backreferences are not RE2
    with pytest.raises(ValueError):
        compile_pattern("not a (controlled")
    catastrophic = compile_pattern("(a+)+$")
    assert catastrophic.search("a" * 100_000 + "b") is None  # linear time: returns at once


def test_fuzzy_finds_a_rewording_and_not_an_unrelated_sentence(mini_registry):
    matcher = Matcher(mini_registry)
    norm = normalise_with_map("The FDA approved ketamine to treat depression. Walking helps mood and sleep.")
    found = matcher.fuzzy(norm.text, Sentences(norm).all(), set())
    assert [m.claim_id for m in found] == ["fda-approved-depression"]
    assert 0 < found[0].confidence <= 1


def test_similarity_and_content_words():
    assert similarity("ketamine is fda approved for depression", "ketamine is fda-approved for depression") > 0.9
    assert similarity("sleep hygiene matters", "ketamine is fda-approved for depression") < 0.5
    assert content_words(normalise("Ketamine is not a controlled substance")) == {"controlled", "substance"}
