"""The matcher package: one module per match kind, composed from the table of tiers."""

from __future__ import annotations

import pickle

from claimcheck import match, matching
from claimcheck.matching.matcher import TIERS, Matcher
from claimcheck.model import MatchKind
from claimcheck.text import Sentences, normalise_with_map


def test_every_match_kind_has_one_tier_in_order():
    assert [tier.kind for tier in TIERS] == [MatchKind.exact, MatchKind.pattern, MatchKind.value, MatchKind.fuzzy,
                                             MatchKind.semantic]
    assert {tier.kind for tier in TIERS} == set(MatchKind)
    for tier in TIERS:
        assert issubclass(Matcher, tier.implementation)
        assert callable(getattr(tier.implementation, tier.method)), tier
        assert tier.implementation.__module__.startswith("claimcheck.matching.")
    assert [tier.kind for tier in TIERS if not tier.default] == [MatchKind.semantic]


def test_the_old_module_names_the_same_objects():
    assert match.Matcher is matching.Matcher is Matcher
    assert match.RawMatch is matching.RawMatch
    assert match.compile_pattern is matching.compile_pattern


def test_a_pickled_matcher_finds_the_same(mini_registry):
    matcher = Matcher(mini_registry)
    copy = pickle.loads(pickle.dumps(matcher))
    norm = normalise_with_map("It works for 70% of patients. Ketamine isn\u2019t a scheduled drug. "
                              "The FDA approved ketamine to treat depression.")
    spans = Sentences(norm).all()
    found = []
    for m in (matcher, copy):
        exact, literal_hits = m.scan(norm.text)
        found.append((exact, m.patterns(norm.text, spans, literal_hits), m.fuzzy(norm.text, spans, set())))
    assert found[0] == found[1]
    exact, patterns, fuzzy = found[0]
    assert [x.claim_id for x in exact] == ["seventy-percent"]
    assert [x.claim_id for x in patterns] == ["not-controlled"]
    assert "fda-approved-depression" in [x.claim_id for x in fuzzy]  # (no skip set: exact ones too)
