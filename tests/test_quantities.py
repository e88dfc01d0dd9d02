"""Quantities and time spans (claimcheck.quantities): the value reader, slot ranges, and the
forms of issue 14 audited as new documents with the project's registry."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.model import MatchKind, Slot, Stance
from claimcheck.quantities import DURATION, RATE, RangeError, compile_slot, parse_range, read_values
from claimcheck.text import normalise
from conftest import ROOT


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_registry(str(ROOT / "claims.yaml")).registry)


def _values(text: str, kind: str) -> list[tuple[float, float]]:
    return [(round(v.low, 3), round(v.high, 3)) for v in read_values(normalise(text)) if v.kind == kind]


@pytest.mark.parametrize("text, expected", [
    ("70%", (0.7, 0.7)),
    ("70 percent", (0.7, 0.7)),
    ("70 per cent", (0.7, 0.7)),
    ("70–80%", (0.7, 0.8)),
    ("60-70 percent", (0.6, 0.7)),
    ("seven in ten", (0.7, 0.7)),
    ("4 out of 5", (0.8, 0.8)),
    ("two-thirds", (0.667, 0.667)),
    ("three out of four", (0.75, 0.75)),
    ("eight in ten", (0.8, 0.8)),
    ("fewer than half", (0.0, 0.45)),
    ("only about 30% of patients", (0.3, 0.3)),
    ("7 of 10 patients", (0.7, 0.7)),
    ("four of five of our clients", (0.8, 0.8)),
])
def test_rates_in_every_common_form(text, expected):
    assert expected in _values(text, RATE)


@pytest.mark.parametrize("text", ["page 3 of 10", "2 of 3 doses were missed", "9 of 10 dentists recommend it"])
def test_a_bare_of_is_a_rate_only_before_people(text):
    assert _values(text, RATE) == []


def test_most_is_a_vague_majority():
    assert _values("Most people respond.", RATE) == [(0.55, 0.95)]


@pytest.mark.parametrize("text", [
    "A single dose helps for about a week at most.",  # a bound, not a share
    "It is the most effective option we have.",  # a superlative
    "In most studies the benefit fades within a week.",  # a count of studies, not of patients
    "The majority of trials found a benefit.",
])
def test_most_that_is_not_a_share_of_people_is_no_rate(text):
    assert _values(text, RATE) == []


@pytest.mark.parametrize("text, hours", [
    ("within the hour", (1.0, 1.0)),
    ("in as little as 40 minutes", (0.667, 0.667)),
    ("90 minutes", (1.5, 1.5)),
    ("about four hours", (4.0, 4.0)),
    ("a day later", (24.0, 24.0)),
    ("by the next morning", (12.0, 24.0)),
    ("overnight", (8.0, 16.0)),
    ("some improvement within the first week", (24.0, 168.0)),
    ("starts helping in the first week or two", (24.0, 336.0)),
    ("within days", (48.0, 144.0)),
    ("six to eight weeks", (1008.0, 1344.0)),
    ("a week or two", (168.0, 336.0)),
    ("as soon as the same afternoon", (1.0, 12.0)),
    ("by the end of the day", (1.0, 12.0)),
])
def test_durations_in_every_common_form(text, hours):
    assert hours in _values(text, DURATION)


@pytest.mark.parametrize("text, hours", [
    # a numbered day or week counts from the first dose (number words read as digits)
    ("symptoms had lifted by day ten", (240.0, 240.0)),
    ("the effect had faded by day 7", (168.0, 168.0)),
    ("Day 3: finally feeling lighter", (72.0, 72.0)),
    ("remission at week 4", (672.0, 672.0)),
    ("most felt better by the end of week two", (336.0, 336.0)),
    ("by the tenth day", (240.0, 240.0)),
    ("in the second week", (168.0, 336.0)),
    # a fortnight is two weeks
    ("in the first fortnight", (24.0, 336.0)),
    ("within a fortnight", (336.0, 336.0)),
    ("a fortnight later", (336.0, 336.0)),
    ("during the first or second week", (24.0, 336.0)),
    ("in the first and second weeks", (24.0, 336.0)),
    ("SSRIs do nothing for the first four weeks", (672.0, 672.0)),
])
def test_numbered_days_weeks_and_fortnights_are_durations(text, hours):
    assert hours in _values(text, DURATION)


@pytest.mark.parametrize("text", [
    "Take 0.5 mg/kg, day 2 of the protocol at 10:30.",  # a time of day is no duration of its own
    "We are open seven days a week.",
    "Ketamine is a Schedule III drug.",
])
def test_a_day_number_needs_its_unit_before_it(text):
    assert (240.0, 240.0) not in _values(text, DURATION) and (2.0, 2.0) not in _values(text, DURATION)


@pytest.mark.parametrize("sentence, decision", [
    ("The antidepressant effect wears off by day ten.", "correction"),  # 10 days: the correction's 1-12 d
    ("The effects fade within a fortnight.", "asserts"),  # two weeks: the claim's >= 2 weeks
    ("In my case the benefit lasted until the end of week three.", "asserts"),
    ("Relief lasted only until day 2.", "correction"),
])
def test_numbered_spans_are_tested_against_the_slots_ranges(sentence, decision):
    slot = compile_slot("c", Slot(kind="duration", range=">= 2 weeks", correction="1-12 d", words=["last", "fade", "wear off"]))
    assert slot.decide(normalise(sentence)) == decision


@pytest.mark.parametrize("sentence", [
    "Relief came by day ten.",
    "Most patients felt better by the end of week two.",
    "Symptoms eased within a fortnight.",
    "I felt better during the first or second week.",
])
def test_numbered_spans_outside_the_range_are_not_relief_within_hours(sentence):
    slot = compile_slot("c", Slot(kind="duration", range="<= 24 h", words=["relief", "felt better", "eased"]))
    assert slot.decide(normalise(sentence)) == "other"


# two spans joined by "to", "or" or a dash are one span; an effect that ends "within" a bare plural
# lasts up to the least that plural means
@pytest.mark.parametrize("text, hours", [
    ("the effect of one infusion lasts days to a couple of weeks", (48.0, 336.0)),
    ("relief lasts a day to two weeks", (24.0, 336.0)),
    ("the benefit lasts hours or a few days", (1.0, 72.0)),
    ("the improvement often fades within weeks", (168.0, 336.0)),
    ("symptoms return within days", (24.0, 48.0)),
    ("the benefit wears off within months", (730.0, 1460.0)),
])
def test_joined_spans_and_ending_within_a_bare_plural(text, hours):
    assert [(round(low, 1), round(high, 1)) for low, high in _values(text, DURATION)] == [hours]


@pytest.mark.parametrize("text, hours", [
    ("relief comes within days", (48.0, 144.0)),  # an onset, not an ending: days, as before
    ("it lasted for weeks and the next series for months", (336.0, 1008.0)),  # "and" joins no span
    ("lasting weeks or even months", (336.0, 1008.0)),
])
def test_spans_that_are_not_joined_or_bounded(text, hours):
    assert _values(text, DURATION)[0] == hours


@pytest.mark.parametrize("sentence, decision", [
    ("The antidepressant effect of one infusion lasts days to a couple of weeks.", "correction"),
    ("In depression the improvement after a course often fades within weeks unless treatment continues.",
     "correction"),
    ("The effects fade within a fortnight.", "asserts"),  # a number, not a bare plural: two weeks
    ("The effects can last weeks to months.", "asserts"),
    ("Results last two to three months.", "asserts"),
])
def test_spans_and_ending_plurals_against_the_slots_ranges(sentence, decision):
    slot = compile_slot("c", Slot(kind="duration", range=">= 2 weeks", correction="1-12 d",
                                  words=["last", "lasts", "fade", "fades", "wear off"]))
    assert slot.decide(normalise(sentence)) == decision


@pytest.mark.parametrize("sentence, decision", [
    # "most" as a pronoun with the comma left out: what follows is said of another subject
    ("Some patients call it life-changing, but for most the improvement after a course is modest and temporary.",
     None),
    ("For most the benefit is small.", None),
    ("Most people respond to ketamine.", "asserts"),
    ("Most of the patients improve.", "asserts"),
    ("The majority respond.", "asserts"),
    # a vague share of a belittled outcome is no share of responders
    ("Most people who try ketamine feel some improvement, but it rarely lasts.", None),
    ("Most patients improve only slightly.", None),
    ("Most patients see a marked improvement.", "asserts"),
])
def test_a_vague_share_as_a_pronoun_or_of_a_belittled_outcome_is_no_share_of_responders(sentence, decision):
    slot = compile_slot("c", Slot(kind="rate", range="60-85 %", words=["respond", "improve", "improvement", "benefit"]))
    assert slot.decide(normalise(sentence)) == decision


# text2num writes "a third", "two thirds", "one fifth" as "a 3rd", "2 3rds", "1 5th": still shares
@pytest.mark.parametrize("text, expected", [
    ("One third of patients responded.", [(0.333, 0.333)]),
    ("Two thirds of patients respond.", [(0.667, 0.667)]),
    ("A fifth of patients dropped out.", [(0.2, 0.2)]),
    ("In the biggest trial it was closer to a third.", [(0.333, 0.333)]),
    ("She started a third infusion series.", []),  # an ordinal of something counted
    ("After a third antidepressant failed, she tried ketamine.", []),
])
def test_fractions_written_as_ordinals_are_shares(text, expected):
    assert _values(text, RATE) == expected


def test_no_value_in_plain_text():
    assert read_values(normalise("Ketamine acts on the glutamate system.")) == ()


@pytest.mark.parametrize("kind, text, low, high", [
    ("rate", "60-85 %", 0.6, 0.85),
    ("rate", "<= 50 %", 0.0, 0.5),
    ("duration", "<= 24 h", 0.0, 24.0),
    ("duration", "2-8 weeks", 336.0, 1344.0),
    ("duration", "1-12 d", 24.0, 288.0),
])
def test_ranges(kind, text, low, high):
    r = parse_range(kind, text)
    assert (round(r.low, 3), round(r.high, 3)) == (low, high)


@pytest.mark.parametrize("kind, text", [("rate", "60-85 people"), ("duration", "<= 24 fortnights"),
                                        ("rate", "85-60 %"), ("duration", "soon"), ("speed", "1-2 h")])
def test_bad_ranges_are_refused(kind, text):
    with pytest.raises(RangeError):
        parse_range(kind, text)


def test_a_slot_decides_in_range_correction_or_other():
    slot = compile_slot("c", Slot(kind="duration", range=">= 2 weeks", correction="1-12 d", words=["last", "fade"]))
    assert slot.decide(normalise("The effects last for months.")) == "asserts"
    assert slot.decide(normalise("The benefit usually fades within about a week.")) == "correction"
    assert slot.decide(normalise("Each infusion lasts 40 minutes.")) == "other"
    assert slot.decide(normalise("The infusion takes about a week to book.")) is None  # none of the words


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_reader_never_fails_on_any_text(text):
    for value in read_values(normalise(text)):
        assert value.low <= value.high


# Issue 14: each form, audited as a new document, is found as the right claim.
FORMS = [
    ("Ketamine clinics report a 65-75% response rate.", "ketamine-70-percent-response"),
    ("With ketamine, three out of four patients improve.", "ketamine-70-percent-response"),
    ("Eight in ten of our clients respond to ketamine.", "ketamine-70-percent-response"),
    ("About two-thirds of people respond to ketamine.", "ketamine-70-percent-response"),
    ("Ketamine works for 70 percent of patients.", "ketamine-70-percent-response"),
    ("With ketamine, 70–80% of patients improve.", "ketamine-70-percent-response"),
    ("With ketamine, 60-70 percent of patients respond.", "ketamine-70-percent-response"),
    ("With ketamine, seven in ten patients feel better.", "ketamine-70-percent-response"),
    ("With ketamine, 4 out of 5 people get some benefit.", "ketamine-70-percent-response"),
    ("Most people respond to ketamine.", "ketamine-70-percent-response"),
    ("Ketamine offers relief within 90 minutes.", "ketamine-relief-within-hours"),
    ("Patients feel lighter about four hours after a ketamine treatment.", "ketamine-relief-within-hours"),
    ("After ketamine, symptoms ease by the next morning.", "ketamine-relief-within-hours"),
    ("Ketamine can ease depression in as little as 40 minutes.", "ketamine-relief-within-hours"),
    ("After a ketamine infusion, symptoms often lift overnight.", "ketamine-relief-within-hours"),
    ("Ketamine patients describe relief within the hour.", "ketamine-relief-within-hours"),
    ("You may feel better a day later, thanks to ketamine.", "ketamine-relief-within-hours"),
    ("Traditional antidepressants can need a month or two before they do anything.", "antidepressants-take-weeks"),
    ("The good effects of ketamine can last for weeks or months.", "ketamine-effects-last-weeks"),
]


@pytest.mark.parametrize("text, claim_id", FORMS)
def test_each_form_is_found_as_the_right_claim(auditor, text, claim_id):
    findings = auditor.audit_text(text, "new.txt").findings
    found = {(f.match.claim_id, f.match.kind) for f in findings if f.match}
    assert any(c == claim_id for c, _ in found), (text, found)


@pytest.mark.parametrize("text", [
    "Fewer than half of patients respond to ketamine.",
    "Only about 30% of patients responded to ketamine in one trial.",
    "Ketamine works for nearly everyone.",
    "About 70% of patients respond to electroconvulsive therapy.",
])
def test_a_value_outside_the_range_is_not_the_70_percent_claim(auditor, text):
    findings = auditor.audit_text(text, "new.txt").findings
    assert not [f for f in findings if f.match and f.match.claim_id == "ketamine-70-percent-response"], text


@pytest.mark.parametrize("text", [
    "Most people who start an SSRI feel some improvement within two to four weeks.",
    "About 70% of patients respond to electroconvulsive therapy, making it one of the most effective options.",
    "Transcranial magnetic stimulation relieves depression in about 60% of patients who try it.",
])
def test_a_value_about_another_treatment_is_not_a_ketamine_claim(auditor, text):
    page = "Comparing depression treatments\n\nKetamine clinics are opening everywhere.\n" + text + "\n"
    findings = auditor.audit_text(page, "compare.txt").findings
    assert not [f for f in findings if f.match and f.match.claim_id.startswith("ketamine-")], text


def test_another_treatment_named_as_a_foil_leaves_the_sentence_about_ketamine(auditor):
    page = ("Ketamine therapy at our clinic\n\nUnlike SSRIs, most of our patients feel better within a few "
            "hours of their first infusion.\n")
    findings = auditor.audit_text(page, "clinic.txt").findings
    assert [f for f in findings if f.match and f.match.claim_id == "ketamine-relief-within-hours"]


@pytest.mark.parametrize("text, claim_id, stance, rule", [
    # the negation belongs to another clause than the value's words
    ("We can't promise results, but the relief from ketamine often lasts for several weeks.",
     "ketamine-effects-last-weeks", Stance.asserts, "own-voice"),
    ("Unlike SSRIs, which can take six to eight weeks to kick in, ketamine doesn't make you wait.",
     "antidepressants-take-weeks", Stance.asserts, "own-voice"),
    # reported speech before the value's words
    ("People online say ketamine works for like 70% of people but it didn't for my sister.",
     "ketamine-70-percent-response", Stance.asserts, "attribution-speech"),
])
def test_a_value_match_is_decided_by_the_clause_of_its_words(auditor, text, claim_id, stance, rule):
    findings = [f for f in auditor.audit_text(text, "new.txt").findings if f.match and f.match.claim_id == claim_id]
    assert findings, text
    assert (findings[0].match.stance, findings[0].match.stance_rule) == (stance, rule)


def test_a_similar_sentence_with_a_value_outside_the_range_is_not_the_claim(auditor):
    text = "Some patients' depression returns within days after a single ketamine infusion."
    findings = auditor.audit_text(text, "new.txt").findings
    assert not [f for f in findings if f.match and f.match.claim_id == "ketamine-relief-within-hours"]


def test_clinic_logistics_are_not_relief_within_hours(auditor):
    text = "Ketamine infusions at Lakeside\n\nOur care team responds to every message within 24 hours.\n"
    findings = auditor.audit_text(text, "faq.txt").findings
    assert not [f for f in findings if f.match and f.match.claim_id == "ketamine-relief-within-hours"]


def test_relief_within_days_is_not_relief_within_hours(auditor):
    findings = auditor.audit_text("With ketamine, relief comes within days.", "new.txt").findings
    assert not [f for f in findings if f.match and f.match.claim_id == "ketamine-relief-within-hours"]


def test_a_value_in_the_correction_range_states_the_correction(auditor):
    text = "A single ketamine infusion's benefit usually fades within about a week."
    findings = [f for f in auditor.audit_text(text, "new.txt").findings
                if f.match and f.match.claim_id == "ketamine-effects-last-weeks"]
    assert findings and findings[0].match.stance is Stance.agrees_with_evidence
    assert findings[0].match.kind is MatchKind.value


@pytest.mark.parametrize("text, claim_id", [
    ("Ketamine's response rates ranged from about 30 to 70 percent depending on the study.",
     "ketamine-70-percent-response"),
    ("With ketamine, many patients relapse within a week or two.", "ketamine-effects-last-weeks"),
    ("In most studies a single ketamine dose helps for about a week at most.", "ketamine-effects-last-weeks"),
])
def test_a_sentence_stating_the_correction_with_other_values_agrees(auditor, text, claim_id):
    # the other value (30 to 70%, a week) is part of the correction, not a veto of it
    findings = [f for f in auditor.audit_text(text, "new.txt").findings if f.match]
    assert [(f.match.claim_id, f.match.stance) for f in findings] == [(claim_id, Stance.agrees_with_evidence)]


def test_a_value_match_takes_its_subject_from_the_passage_before(auditor):
    text = ("How well does ketamine work?\n\nThree out of four of our patients improve.\n")
    findings = auditor.audit_text(text, "faq.md").findings
    assert [f for f in findings if f.match and f.match.claim_id == "ketamine-70-percent-response"]
    # a page that never names ketamine: a sleep clinic's figures are not the claim
    other = auditor.audit_text("About 70% of our patients with snoring respond to CPAP.\n", "sleep.txt").findings
    assert not [f for f in other if f.match and f.match.claim_id == "ketamine-70-percent-response"]
