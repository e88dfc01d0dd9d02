"""What a passage is about: the treatment its sentences are about, and the condition a page treats.

Two gates for matches found by a claim's generic words (a value, a pattern, a similarity)
in a sentence that does not settle the question itself:

* **the treatment named last.** A sentence that names no treatment ("Results typically last for
  months.") is about the treatment the sentences before it are about: the one each of them
  names, not counting a foil ("Unlike ketamine, TMS involves no medication." is about TMS;
  "Only esketamine is approved; ketamine is used off label." names both and is about the
  subject too). The nearest sentence that names one decides.
* **the condition.** A claim about depression (its text names depression or an antidepressant
  effect) is not restated by a page about another condition that never names depression, mood
  or mental health: a pain clinic's "Around 70 percent of our patients report meaningful
  improvement" is about pain.
"""

from __future__ import annotations

import re

# treatments other than the subject that a page may be about (a sentence's "it", a paragraph's topic)
OTHER_TREATMENT = re.compile(
    r"\b(?:esketamine|spravato|electroconvulsive|electroshock|ect|tms|transcranial|magnetic\s+stimulation|"
    r"deep\s+brain\s+stimulation|vagus\s+nerve\s+stimulation|psilocybin|mdma|lsd|ayahuasca|ibogaine|lithium|"
    r"melatonin|cannabis|marijuana|zuranolone|brexanolone|cpap|nitrous|acupuncture|physiotherapy|"
    r"sertraline|fluoxetine|escitalopram|citalopram|paroxetine|venlafaxine|duloxetine|bupropion|prozac|zoloft|"
    r"lexapro|wellbutrin|cymbalta|effexor)\b")
# (not antidepressants or SSRIs as a class: a page about the subject names them as its foil in
# nearly every paragraph, "The SSRIs I was on took six weeks. Ketamine's lift faded in ten days.")

# any treatment a sentence may name besides the subject, classes and comparators included
# (SSRIs, "traditional antidepressants", placebo, exercise): a sentence that names one, other
# than as a foil, is about that one (claimcheck.audit, and claimcheck.stance's other-subject rule)
SENTENCE_TREATMENT = re.compile(
    r"\b(?:electroconvulsive|electroshock|ect|tms|transcranial|magnetic stimulation|psilocybin|mdma|lsd|"
    r"esketamine|spravato|placebo|saline|cpap|lithium|melatonin|cannabis|marijuana|nitrous|zuranolone|"
    r"psychotherapy|talk therapy|exercise|acupuncture|physiotherapy|ivf|ssris?|snris?|maois?|"
    r"(?:standard|traditional|conventional|oral|older|typical|most|other|first-line) antidepressants?|"
    r"sertraline|fluoxetine|escitalopram|citalopram|paroxetine|venlafaxine|bupropion|prozac|zoloft|lexapro|"
    r"wellbutrin)\b")

# a treatment named as a foil does not make it the topic ("unlike ketamine, TMS ...", "faster than
# TMS or ECT", "rather than boosting serotonin the way Prozac or Zoloft do, ketamine ..."): a foil
# word before it in the same clause
_FOIL = re.compile(
    r"\b(?:unlike|compared\s+(?:with|to)|in\s+contrast\s+to|as\s+opposed\s+to|rather\s+than|instead\s+of|"
    r"than|versus|vs\.?|not\s+like|(?:differently|different)\s+from|alternatives?\s+to)\b[^,;:.!?()]*$")
# sentences of a context, roughly: a line break ends one too (a heading, a list item, a post)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")

# a page about depression names it, or mood, mental health, an antidepressant ...
CONDITION = re.compile(r"\b(?:depress\w*|antidepress\w*|mood|mental\s+(?:health|illness)|psychiatr\w*|suicid\w*|"
                       r"mdd|trd|ssris?|snris?|serotonin|prozac|zoloft|lexapro)\b")
# ... a page about another condition names that one instead
OTHER_CONDITION = re.compile(r"\b(?:pain|crps|complex\s+regional|fibromyalgia|neuropath\w*|migraines?|headaches?|"
                             r"sciatica|arthritis|sleep\s+apnea|insomnia|snoring|back\s+injur\w*|"
                             r"an(?:a)?esthesia|sedation|induction|airway|surgery|surgical|veterinary)\b")
_CLAIM_ABOUT_CONDITION = re.compile(r"\bdepress|\bantidepressant\s+effect")
_CLAIM_ABOUT_OTHER = re.compile(r"\bpain\b|\bmigraine|\bptsd\b|\banxiety\b")


def first_treatment(sentence: str, subject, first: bool = False) -> bool | None:
    """True when the (lower-case) sentence names the subject (an RE2 or re pattern) other than
    as a foil; False when it names only other treatments so ("Unlike ketamine, TMS involves no
    medication."); None when it names none, or names treatments only as foils. With ``first``, the treatment it names first
    (not as a foil) decides: what "it" in the next sentence stands for ("Esketamine is the
    S-enantiomer of ketamine. It ...")."""
    mentions = sorted([(x.start(), True) for x in subject.finditer(sentence)] +
                      [(x.start(), False) for x in OTHER_TREATMENT.finditer(sentence)])
    if not mentions:
        return None
    named = [is_subject for start, is_subject in mentions if not _FOIL.search(sentence[max(0, start - 60):start])]
    if not named:  # only foils ("Unlike Spravato, our infusions are given by IV."): look further back
        return None
    return named[0] if first else True in named


def context_is_about_subject(sentences, subject) -> bool | None:
    """Is the passage before a sentence about the subject? ``sentences``: (text, in the same
    paragraph) pairs, nearest first. True when the nearest of them that names a treatment names
    the subject (not as a foil); False when it names only another, in the same paragraph, or
    when none names one; None when another treatment was named in an earlier paragraph (a new
    paragraph may be back on the page's own topic: ``dominant`` decides)."""
    for sentence, same_paragraph in sentences:
        topic = first_treatment(sentence, subject)
        if topic is not None:
            return True if topic else (False if same_paragraph else None)
    return False


def dominant(document: str, subject) -> bool:
    """Does the (lower-case) document name the subject at least as often as any other treatment?"""
    counts: dict[str, int] = {}
    for m in OTHER_TREATMENT.finditer(document):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    if not counts:
        return True
    most = max(counts.values())
    mentions = 0
    for _ in subject.finditer(document):
        mentions += 1
        if mentions >= most:
            return True
    return False


def claim_needs_condition(claim_text: str) -> bool:
    """Is the claim about depression only (not also about pain, migraine, PTSD, anxiety)?"""
    text = claim_text.lower()
    return bool(_CLAIM_ABOUT_CONDITION.search(text)) and not _CLAIM_ABOUT_OTHER.search(text)


def names_condition(document: str) -> bool:
    """Is the (lower-case) document not about another condition instead of depression: it
    names depression (or mood, mental health, an antidepressant), or no other condition?"""
    return CONDITION.search(document) is not None or OTHER_CONDITION.search(document) is None
