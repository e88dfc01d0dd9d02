"""The matcher package: one module per match kind, composed from the table of tiers."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from claimcheck import match, matching
from claimcheck.matching.matcher import TIERS, Matcher
from claimcheck.model import MatchKind
from claimcheck.text import Sentences, normalise_with_map

ROOT = Path(__file__).resolve().parent.parent


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


# --- claims without a subject, in a text that names none ----------------------------------------

SUBJECT_FREE_TEXT = (
    "Most antidepressants take four to six weeks before patients notice any effect at all. "
    "About 70 percent of patients respond, and relief comes within hours of the first infusion. "
    "Depression affects hundreds of millions of people worldwide, and many do not respond to medication. "
    "Book your free consultation today and find out whether this treatment is right for you. "
    "It regrows the connections between brain cells that chronic stress destroyed.")


def _registry_with_subjects(registry, keep):
    import dataclasses

    claims = {claim_id: claim.model_copy(update={"subject": claim.subject if keep(n) else None})
              for n, (claim_id, claim) in enumerate(registry.claims.items())}
    return dataclasses.replace(registry, claims=claims)


@pytest.mark.parametrize("keep", [
    lambda n: True,  # the registry as it is: most claims have a subject
    lambda n: n % 4 == 0,  # most claims without one: the whole automaton, other words skipped
    lambda n: False,  # none has a subject: the same prefilter as for any text
], ids=["as-is", "a-quarter", "none"])
def test_subject_free_matching_finds_what_the_whole_registry_finds_for_those_claims(keep):
    from claimcheck.loader import load_registry

    registry = _registry_with_subjects(load_registry(str(ROOT / "claims.yaml")).registry, keep)
    free = {claim_id for claim_id, claim in registry.claims.items() if not claim.subject}
    norm = normalise_with_map(SUBJECT_FREE_TEXT)
    spans = Sentences(norm).all()
    whole = Matcher(registry)
    expected = ([m for m in whole.fuzzy(norm.text, spans, set()) if m.claim_id in free],
                [m for m in whole.values(norm.text, spans)[0] if m.claim_id in free])
    gated = Matcher(registry)
    found = (gated.fuzzy(norm.text, spans, set(), subject_free_only=True),
             gated.values(norm.text, spans, subject_free_only=True)[0])
    assert found == expected
    assert expected[0] or expected[1]


@pytest.mark.parametrize("spelling", ["anesthetic", "anaesthetic"])
def test_the_fuzzy_tier_reads_both_spellings_of_a_word_alike(spelling):
    """A British page's "anaesthetic" is the claim's "anesthetic": the sentence is the same
    candidate, scored against the same correction, through the prescan as well."""
    from claimcheck.audit import Auditor
    from claimcheck.loader import load_registry

    auditor = Auditor(load_registry(str(ROOT / "claims.yaml")).registry)
    text = f"The clinic says ketamine is FDA-approved for depression. Ketamine carries FDA approval only as an {spelling}."
    found = [(f.match.claim_id, f.match.kind, f.match.stance_rule) for f in auditor.audit_text(text, "new.txt").findings]
    assert found == [("ketamine-fda-approved-depression", MatchKind.pattern, "next-correction"),
                     ("ketamine-fda-approved-depression", MatchKind.fuzzy, "correction-wording")]


def test_spelling_variants_go_both_ways():
    from claimcheck.matching.base import spelling_variants

    assert spelling_variants("anesthetic") == ("anaesthetic",)
    assert spelling_variants("anaesthesia") == ("anesthesia",)
    assert spelling_variants("ketamine") == ()


KEY_WORDS_TEXT = "Scans show increased activity in depression-linked brain regions after ketamine."


def _regrowth_findings(registry, text):
    from claimcheck.audit import Auditor

    return [(f.match.claim_id, f.match.kind) for f in Auditor(registry).audit_text(text, "new.txt").findings]


def test_a_similar_sentence_without_any_key_word_is_not_the_claim():
    """The regrowth claim's key_words (regrow, neurons, ...): a sentence sharing its other words
    ("increased brain activity", "depression-linked") is not that claim; without key_words the
    fuzzy tier takes it for the claim."""
    from claimcheck.loader import load_registry

    registry = load_registry(str(ROOT / "claims.yaml")).registry
    claim_id = "ketamine-brain-activity-regrowth-of-neurons"
    assert registry.claims[claim_id].key_words
    assert _regrowth_findings(registry, KEY_WORDS_TEXT) == []
    without = _registry_with_key_words(registry, claim_id, [])
    assert _regrowth_findings(without, KEY_WORDS_TEXT) == [(claim_id, MatchKind.fuzzy)]
    # a key word in the sentence (with its inflections) lets the same similarity match count
    other = _registry_with_key_words(registry, claim_id, ["region"])
    assert _regrowth_findings(other, KEY_WORDS_TEXT) == [(claim_id, MatchKind.fuzzy)]


def test_key_words_hold_only_for_restatements_of_the_claim_not_of_its_correction():
    from claimcheck.audit import Auditor
    from claimcheck.loader import load_registry

    registry = load_registry(str(ROOT / "claims.yaml")).registry
    matcher = Matcher(registry)
    claim_id = "ketamine-brain-activity-regrowth-of-neurons"
    assert matcher.misses_key_words(claim_id, "scans show increased activity after ketamine.")
    assert not matcher.misses_key_words(claim_id, "scans show neurons regrowing after ketamine.")
    assert not matcher.misses_key_words(claim_id, "it regrows brain cells.")
    assert not matcher.misses_key_words("ketamine-not-controlled", "anything at all.")  # no key_words: no gate
    # the correction's own wording, restated by similarity, has none of the claim's key words
    text = ("In animal studies, ketamine rapidly increases synapses in mood-related brain areas; in people, "
            "brain imaging gives only indirect and mixed evidence of such changes.")
    found = [(f.match.claim_id, f.match.stance) for f in Auditor(registry).audit_text(text, "new.txt").findings
             if f.match.claim_id == claim_id]
    assert found and all(stance.value == "agrees-with-evidence" for _, stance in found)


def _registry_with_key_words(registry, claim_id, words):
    import dataclasses

    claims = dict(registry.claims)
    claims[claim_id] = claims[claim_id].model_copy(update={"key_words": words})
    return dataclasses.replace(registry, claims=claims)
