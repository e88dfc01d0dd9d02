"""matching/topic.py: which treatment a passage is about, and which condition a page treats."""

from __future__ import annotations

import textwrap

import pytest

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.match import compile_subject
from claimcheck.matching.topic import (
    claim_needs_condition,
    context_is_about_subject,
    dominant,
    first_treatment,
    names_condition,
)
from conftest import ROOT

SUBJECT = compile_subject("ketamine|ketalar")


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_registry(str(ROOT / "claims.yaml")).registry)


def _claims(auditor, text: str, path: str = "page.txt") -> set[tuple[int, str]]:
    return {(f.line, f.match.claim_id) for f in auditor.audit_text(textwrap.dedent(text), path).findings if f.match}


@pytest.mark.parametrize(("sentence", "first", "expected"), [
    ("ketamine is given as an infusion.", False, True),
    ("unlike ketamine, tms involves no medication.", False, False),
    ("unlike ketamine, tms involves no medication.", True, False),
    ("esketamine is the s-enantiomer of ketamine.", True, False),
    ("esketamine is the s-enantiomer of ketamine.", False, True),  # names the subject too
    ("only esketamine is approved; ketamine is used off label.", False, True),
    ("ketamine works faster than tms or ect.", True, True),
    ("unlike ssris and tms, ketamine works within hours.", True, True),
    ("unlike spravato, our infusions are given by iv.", False, None),  # only a foil: not the topic
    ("our clinic opens at nine.", False, None),
])
def test_first_treatment(sentence, first, expected):
    assert first_treatment(sentence, SUBJECT, first=first) is expected


def test_the_nearest_sentence_naming_a_treatment_decides():
    assert context_is_about_subject([("patients sit in a recliner.", True), ("ketamine is given slowly.", True)],
                                    SUBJECT) is True
    assert context_is_about_subject([("with tms, you stay awake.", True), ("ketamine is given slowly.", True)],
                                    SUBJECT) is False
    # another treatment in an earlier paragraph: the page's topic decides; none at all: not the subject
    assert context_is_about_subject([("with tms, you stay awake.", False)], SUBJECT) is None
    assert context_is_about_subject([("patients sit in a recliner.", True)], SUBJECT) is False


def test_the_treatment_a_page_names_most():
    assert dominant("ketamine ... ketamine ... esketamine", SUBJECT)
    assert not dominant("tms ... tms ... ketamine", SUBJECT)
    assert dominant("no treatment named", SUBJECT)


def test_a_new_paragraph_after_another_treatment_is_back_on_the_page_topic(auditor):
    found = _claims(auditor, """\
        Ketamine at Riverside

        Ketamine is given as an infusion. Ketamine is a Schedule III drug. Ketamine works on glutamate.

        The esketamine nasal spray is the product approved for depression.

        What to expect

        In studies, some patients felt better within a few hours of a dose.
        """)
    assert (9, "ketamine-relief-within-hours") in found


@pytest.mark.parametrize(("claim", "needs"), [
    ("About 70% of patients respond to ketamine treatment for depression.", True),
    ("Ketamine's antidepressant effects are sustained, lasting weeks or even months.", True),
    ("Ketamine has recently been approved by the FDA for treating depression, chronic pain and other diseases.", False),
    ("Ketamine is not a controlled substance.", False),
])
def test_which_claims_are_about_depression(claim, needs):
    assert claim_needs_condition(claim) is needs


@pytest.mark.parametrize(("document", "named"), [
    ("ketamine infusions for chronic pain and crps.", False),
    ("ketamine for depression and chronic pain.", True),
    ("ketamine infusions; unlike ssris they work fast.", True),
    ("ketamine infusions at our clinic.", True),  # no other condition either
])
def test_a_page_about_another_condition(document, named):
    assert names_condition(document) is named


def test_a_sentence_after_another_treatment_is_not_the_claim(auditor):
    found = _claims(auditor, """\
        TMS Therapy at Harbor Mind Center

        Transcranial magnetic stimulation is a treatment for depression.

        Unlike ketamine, TMS involves no medication and no dissociation.

        Results typically last for months, and many patients stay well for a year or more.

        Unlike ketamine, TMS involves no medication. It helps about 70% of patients who try it.
        """)
    assert not {claim for _, claim in found} & {"ketamine-effects-last-weeks", "ketamine-70-percent-response"}


def test_a_sentence_after_the_subject_still_is(auditor):
    found = _claims(auditor, """\
        Ketamine infusion therapy

        Unlike SSRIs, ketamine does not act on serotonin.

        Results typically last for months after a full series.

        Ketamine is given as an infusion, unlike esketamine. It helps about 70% of patients.
        """)
    assert (5, "ketamine-effects-last-weeks") in found
    assert (7, "ketamine-70-percent-response") in found


def test_a_pain_page_restates_no_depression_claim(auditor):
    text = """\
        Ketamine Infusions for Chronic Pain

        Our pain clinic offers ketamine infusions for CRPS, fibromyalgia and neuropathic pain.

        Around 70 percent of our patients report meaningful improvement after the series.

        Many feel better within hours of the first infusion.

        The benefits can last for weeks or months, and booster infusions keep them going.
        """
    claims = {claim for _, claim in _claims(auditor, text)}
    assert not claims & {"ketamine-70-percent-response", "ketamine-relief-within-hours", "ketamine-effects-last-weeks"}
    # the same page, for depression too: the claims are there
    claims = {claim for _, claim in _claims(auditor, text.replace("neuropathic pain", "depression"))}
    assert {"ketamine-70-percent-response", "ketamine-effects-last-weeks"} <= claims


def test_a_forum_thread_is_read_one_post_per_line(auditor):
    text = """\
        ketamine experiences thread (page 3)
        quick update from me: week 2 done
        the clinic said most people respond, around 70-80%, so I went in hopeful
        felt nothing the first day, then by day three things were easier
        also ketamine is still a schedule 3 drug so they made me sign a bunch of forms
        anyone else get nausea after?
        """
    found = _claims(auditor, text, "thread.txt")
    assert (3, "ketamine-70-percent-response") in found
    assert (5, "ketamine-not-controlled") in found  # not swallowed by the question after it
    # the same lines in a Markdown file are one paragraph, as Markdown renders them
    assert (5, "ketamine-not-controlled") not in _claims(auditor, text, "thread.md")


def test_a_sentence_naming_treatments_only_as_foils_does_not_decide(auditor):
    found = _claims(auditor, """\
        Ketamine infusions at Lakeside

        Ketamine is given slowly through an IV. Unlike Spravato, our infusions are given in a quiet room. Many patients feel better within hours.
        """)
    assert (3, "ketamine-relief-within-hours") in found


def test_a_documents_answers_are_never_given_to_a_later_document_at_the_same_address(auditor):
    # CPython reuses a freed string's memory for the next one of the same size: answers cached by
    # id() were handed to the next document (findings then depended on memory layout, and -j2 runs
    # of one corpus differed)
    subject = auditor._subject_pattern("ketamine")
    answers = []
    for i in range(6):
        document = "".join(["Ketamine " if i % 2 == 0 else "Dentistry", " news. " * 20])
        answers.append(auditor._topic_of(subject, document))
        del document
    assert answers == [True, False] * 3
