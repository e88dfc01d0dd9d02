"""Required literals of a pattern: what the prefilter may rely on, and nothing more."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.literals import Literal, most_selective, required_literals, required_sets
from claimcheck.match import STOPWORDS, compile_pattern
from claimcheck.text import _TRANSLATE, normalise

ROOT = Path(__file__).resolve().parent.parent


def texts(sets):
    return [sorted(x.text for x in alternatives) for alternatives in sets]


@pytest.mark.parametrize("regex, expected", [
    (r"ketamine", [["ketamine"]]),
    (r"\bKetamine\s+is\b", [["ketamine is"]]),  # \s+ is one space in normalised text; lower case
    (r"fda[-\s]approved", [["approved"], ["fda"]]),
    (r"(?:revolutionary|miracle)\s+cure", [["miracle", "revolutionary"], [" cure"]]),
    (r"(?:miracle|\d+)\s+cure", [[" cure"]]),  # a branch without a literal: no set from the group
    (r"(?:big\s+)?cure", [["cure"]]),  # an optional group requires nothing
    (r"(?:big\s+)+cure", [["big "], ["cure"]]),  # repeated at least once: required
    (r"caf\u00e9", []),  # not ASCII: case-insensitivity is more than lower case there
    (r"\p{L}+ketamine", []),  # RE2 syntax that Python does not parse: no prefilter, not an error
    (r"[a-z]+\d*", []),
])
def test_required_sets(regex, expected):
    assert sorted(texts(required_sets(regex))) == sorted(expected)


def test_word_boundaries_are_recorded_only_at_word_characters():
    [[literal]] = [list(s) for s in required_sets(r"\bbain\b")]
    assert literal == Literal("bain", True, True)
    [[literal]] = [list(s) for s in required_sets(r"\b\.com\b")]
    assert literal == Literal(".com", False, True)


def test_the_most_selective_sets_come_first_and_common_or_short_ones_are_left_out():
    sets = required_sets(r"\bthe\s+(?:\w+\s+)?drug\s+is\s+(?:fda|food and drug administration)\s+approved\b")
    chosen = texts(most_selective(sets, STOPWORDS))
    assert [" approved"] in chosen and not any(x.strip() == "the" for s in chosen for x in s)
    assert ["drug is f"] in chosen  # Python's parser factors the branches' common "f" out: still required
    assert required_literals(r"\bit\s+(?:is|was)\b", STOPWORDS) == []
    assert required_literals(r"ketamine", frozenset({"ketamine"})) == []


@functools.lru_cache(maxsize=None)
def compiled(regex: str):
    return compile_pattern(regex)


@functools.lru_cache(maxsize=None)
def sets_of(regex: str):
    return required_sets(regex.translate(_TRANSLATE))


@functools.lru_cache(maxsize=None)
def registry_patterns():
    import yaml

    data = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    return tuple(p for claim in data["claims"] for p in claim.get("patterns", []))


@pytest.mark.parametrize("pattern", registry_patterns(), ids=lambda p: p["regex"][:40])
def test_every_example_of_every_registry_pattern_holds_its_literals(pattern):
    translated = pattern["regex"].translate(_TRANSLATE)
    compiled = compile_pattern(pattern["regex"])
    for example in pattern.get("examples", []):
        text = normalise(example)
        if compiled.search(text):
            for alternatives in required_sets(translated):
                assert any(x.text in text for x in alternatives), (example, alternatives)


WORDS = ["ketamine", "is", "not", "a", "controlled", "substance", "fda", "approved", "for", "depression",
         "within", "hours", "70%", "seventy", "percent", "schedule", "iii", "it", "the", "drug", "miracle",
         "KETAMINE", "Approved", "\u017fchedule", "\u212aetamine", "-", ".", ",", "'s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_a_pattern_never_matches_a_text_without_its_literals(words):
    """The prefilter's promise, on texts made of the patterns' own words (with case, the long s
    and the Kelvin sign, which RE2 folds to ASCII letters)."""
    text = normalise(" ".join(words))
    for pattern in registry_patterns():
        if compiled(pattern["regex"]).search(text):
            for alternatives in sets_of(pattern["regex"]):
                assert any(x.text in text for x in alternatives), (text, pattern["regex"])


def test_random_literal_patterns_hold_their_literals():
    rng = random.Random(4)
    for _ in range(300):
        pieces = [rng.choice(["ketamine", "is", "fda", r"\s+", r"\s*", r"(?:not\s+)?", "(?:a|an)", r"\b", ".", "[a-z]"])
                  for _ in range(rng.randint(1, 6))]
        regex = "".join(pieces)
        pattern = compile_pattern(regex)
        for _ in range(5):
            text = normalise(" ".join(rng.choice(["Ketamine", "is", "not", "an", "FDA", "a", "x"])
                                      for _ in range(rng.randint(1, 6))))
            if pattern.search(text):
                for alternatives in required_sets(regex):
                    assert any(x.text in text for x in alternatives), (regex, text)
