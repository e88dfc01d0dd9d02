"""The stance table: every cue's examples decide the stance of the claim they hold (run against
the project's registry, as a document of their own), and its counter-examples do not."""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.audit import Auditor
from claimcheck.cli import app
from claimcheck.loader import load_registry
from claimcheck.model import Severity, Stance
from claimcheck.stance import BASE_RULES, CUES, RULES, quoted_span, mostly_quoted
from conftest import ROOT


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_registry(str(ROOT / "claims.yaml")).registry)


def _first_claim_finding(auditor, text):
    name = "passage.md" if text.startswith(("#", ">")) else "passage.txt"  # a heading or block quote is Markdown
    findings = sorted((f for f in auditor.audit_text(text, name).findings if f.match),
                      key=lambda f: (f.line, f.column))
    return findings[0] if findings else None


def _assert_decided_by(auditor, text, rule):
    finding = _first_claim_finding(auditor, text)
    assert finding is not None
    assert finding.match.stance_rule == rule, (finding.rule, finding.match.stance_rule)


CASES = [(cue.id, text) for cue in CUES for text in cue.examples]
COUNTER = [(cue.id, text) for cue in CUES for text in cue.counter_examples]


def test_every_cue_has_an_example_and_a_unique_id():
    ids = [cue.id for cue in CUES]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(BASE_RULES)
    for cue in CUES:
        assert cue.examples, cue.id
        assert cue.summary and cue.scope in ("clause", "sentence", "next", "verdict", "quote", "heading", "block",
                                             "previous"), cue.id
        if cue.regex:
            re.compile(cue.regex)
    assert set(RULES) == set(BASE_RULES) | set(ids)


@pytest.mark.parametrize("rule, text", CASES)
def test_a_cue_decides_its_examples(auditor, rule, text):
    finding = _first_claim_finding(auditor, text)
    assert finding is not None, "the example holds no registered claim"
    assert finding.match.stance_rule == rule, (finding.rule, finding.match.stance_rule)


@pytest.mark.parametrize("rule, text", COUNTER)
def test_a_cue_does_not_decide_its_counter_examples(auditor, rule, text):
    finding = _first_claim_finding(auditor, text)
    assert finding is None or finding.match.stance_rule != rule


@pytest.mark.parametrize("text", [
    "The clinic's website says ketamine is not a controlled substance, which is wrong.",
    "A reader sent us a flyer claiming ketamine is not a controlled substance. That is false.",
    'Our verdict on the claim "ketamine is not a controlled substance": false.',
    "An advertisement states that the FDA approved ketamine for depression, although only esketamine has "
    "been approved.",
])
def test_the_issues_debunking_sentences_are_reports_not_errors(text):
    result = CliRunner().invoke(app, ["audit", "-r", str(ROOT / "claims.yaml"), "-f", "json", "-"], input=text)
    assert result.exit_code == 0, result.output
    import json

    findings = json.loads(result.stdout)["documents"][0]["findings"]
    assert findings
    assert all(f["severity"] == "info" for f in findings)
    assert [f["rule"] for f in findings] == ["reports-claim"]
    assert findings[0]["match"]["stance"] == "agrees-with-evidence"
    assert findings[0]["match"]["stance_rule"] in RULES


def test_an_attributed_wrong_claim_without_refutation_is_a_warning(auditor):
    finding = _first_claim_finding(auditor, "According to the clinic, ketamine is not a controlled substance.")
    assert (finding.rule, finding.severity, finding.match.stance) == ("reports-claim", Severity.warning,
                                                                      Stance.asserts)
    assert finding.match.stance_rule == "attribution-according-to"
    assert "without refuting it" in finding.message and finding.fix


def test_a_plain_assertion_is_still_the_claims_error(auditor):
    finding = _first_claim_finding(auditor, "Ketamine is not a controlled substance, so no paperwork is needed.")
    assert (finding.rule, finding.severity, finding.match.stance_rule) == ("factually-wrong", Severity.error,
                                                                           "own-voice")


@pytest.mark.parametrize("text, rule", [
    ("Ketamine is totally unregulated.", "factually-wrong"),
    ("Ketamine is unscheduled, so anyone can buy it.", "factually-wrong"),
    ("Ketamine is uncontrolled in the US.", "factually-wrong"),
    ("Ketamine is not an unregulated drug: it is Schedule III.", "agrees-with-evidence"),
    ("Unregulated sellers online say ketamine is not a controlled substance.", "reports-claim"),
])
def test_a_status_denied_in_one_word_counts_as_a_negation(auditor, text, rule):
    # "unregulated" says what "not regulated" says, as a predicate only: "unregulated sellers" denies nothing
    assert _first_claim_finding(auditor, text).rule == rule


# A negation counts only where it denies the matched predicate: one coordinated with it ("and it
# isn't ...") or a relative clause after it ("that doesn't ...") denies something else.
@pytest.mark.parametrize("text, rule", [
    ("Ketamine is not a controlled substance and it isn't addictive.", "factually-wrong"),
    ("Ketamine is not a controlled substance and doesn't show up on drug tests.", "factually-wrong"),
    ("Ketamine is a miracle and it isn't risky.", "overstated"),
    ("Ketamine is a breakthrough that doesn't wear off.", "overstated"),
    ("Ketamine isn't a miracle and it isn't risk free.", "agrees-with-evidence"),
    ("Ketamine isn't a miracle, and it doesn't work for everyone.", "agrees-with-evidence"),
    ("It is not true that ketamine is not a controlled substance.", "agrees-with-evidence"),
    ("Ketamine is not a controlled substance.", "factually-wrong"),
    # a whole-sentence (similarity) match: each part that shares the claim's words is compared
    ("Ketamine is not a lifesaver for everyone, and it is not approved for anxiety or chronic pain.",
     "agrees-with-evidence"),
    ("LENS neurofeedback has not been shown to work through the same mechanism as ketamine, and its effect on "
     "neural connectivity has not been measured in controlled studies.", "agrees-with-evidence"),
    ("Ketamine infusions are a lifesaver for people with depression, anxiety and chronic pain, and they are not "
     "addictive.", "misleading"),
    ("LENS neurofeedback works through a similar mechanism to ketamine, and it does not need a prescription.",
     "unsupported"),
])
def test_a_negation_of_a_coordinated_predicate_does_not_deny_the_claim(auditor, text, rule):
    assert _first_claim_finding(auditor, text).rule == rule


# A determiner "no" before the claim's words denies that such a thing exists (no-such, or a
# negation counted once).
@pytest.mark.parametrize("text, rule", [
    ("There was no FDA approval of ketamine for depression.", "agrees-with-evidence"),
    ("There is no evidence ketamine is a miracle.", "agrees-with-evidence"),
    ("No, the FDA approved ketamine for depression in 2019.", "factually-wrong"),
    # a minimiser governing the last words of a pattern's match
    ("Ketamine is hardly a miracle cure.", "agrees-with-evidence"),
    ("Ketamine is seldom a breakthrough for anyone.", "agrees-with-evidence"),
    ("Ketamine, which rarely causes side effects, is a game-changer.", "overstated"),
    ("The FDA approved ketamine for depression, and no other drug since.", "factually-wrong"),
])
def test_a_determiner_no_or_a_minimiser_before_the_claims_words_denies_it(auditor, text, rule):
    assert _first_claim_finding(auditor, text).rule == rule


def test_a_vague_source_that_no_search_found_is_not_flagged(auditor):
    text = "The post names no paper, and no Yale trial we could find matches the description."
    assert all(f.severity is Severity.info for f in auditor.audit_text(text, "passage.txt").findings)


# The claim's words in a denied alternative ("X, not <claim>"): the sentence states that the claim
# is the wrong alternative; a denied alternative in other words, or "not just", does not.
@pytest.mark.parametrize("text, denied", [
    ("Ketamine is used in anesthesia, not as a lifesaver for depression, anxiety and chronic pain.", True),
    ("Ketamine is an anesthetic that helps some people, rather than a revolutionary breakthrough in depression "
     "treatment.", True),
    ("Ketamine is a revolutionary breakthrough in depression treatment, not a fad.", False),
    ("Ketamine infusions are a lifesaver for people with depression, anxiety and chronic pain, not just a party "
     "drug.", False),
    ("The FDA approved ketamine in 1970 - as an anesthetic, not for depression.", True),
    ("The FDA approved ketamine for depression, not for anesthesia.", False),
])
def test_a_denied_alternative_in_the_claims_words_states_its_correction(auditor, text, denied):
    finding = _first_claim_finding(auditor, text)
    assert finding is not None
    if denied:
        assert (finding.severity, finding.match.stance_rule) == (Severity.info, "denied-alternative")
    else:
        assert finding.match.stance_rule == "own-voice" and finding.severity is not Severity.info


# "The only <claim's words> is <something else>": the claim's subject is not that member.
@pytest.mark.parametrize("text, other", [
    ("The only FDA-approved ketamine-based treatment for depression is Spravato (esketamine) nasal spray.", True),
    ("The only FDA-approved ketamine product for depression is esketamine.", True),
    ("The only FDA-approved ketamine product for depression is ketamine itself.", False),
    ("The only thing you need to know: the FDA approved ketamine for depression.", False),
])
def test_the_only_member_being_another_drug_states_the_correction(auditor, text, other):
    finding = _first_claim_finding(auditor, text)
    assert finding is not None
    if other:
        assert (finding.severity, finding.match.stance_rule) == (Severity.info, "only-other")
    else:
        assert (finding.severity, finding.match.stance_rule) == (Severity.error, "own-voice")


@pytest.mark.parametrize("text, other", [
    ("The FDA has approved ketamine for anesthesia and esketamine for depression.", True),
    ("Ketamine and esketamine are both approved by the FDA for depression.", False),
    ("The FDA approved ketamine for depression, and esketamine for the same use a year later.", False),
])
def test_a_match_over_another_treatments_own_predicate_is_not_the_subjects(auditor, text, other):
    finding = _first_claim_finding(auditor, text)
    assert finding is not None
    if other:
        assert (finding.severity, finding.match.stance_rule) == (Severity.info, "other-subject")
    else:
        assert finding.severity is Severity.error


@pytest.mark.parametrize("text, contrary", [
    ("Ketamine's antidepressant effects are typically short-lived.", True),
    ("Ketamine's antidepressant effects are sustained, not short-lived.", False),
])
def test_a_whole_sentence_match_with_the_contrary_key_word_states_the_correction(auditor, text, contrary):
    finding = _first_claim_finding(auditor, text)
    assert finding is not None and finding.match.claim_id == "ketamine-effects-last-weeks"
    if contrary:
        assert (finding.severity, finding.match.stance_rule) == (Severity.info, "contrary-word")
    else:
        assert finding.severity is Severity.warning and finding.match.stance_rule == "own-voice"


def test_an_attributed_accurate_claim_is_info(auditor):
    finding = _first_claim_finding(auditor, "The clinic says a dose of ketamine can relieve depressive symptoms "
                                            "within hours.")
    assert finding is not None and finding.severity is Severity.info


def test_the_text_view_names_the_deciding_rule():
    text = "A reader sent us a flyer claiming ketamine is not a controlled substance. That is false.\n"
    result = CliRunner().invoke(app, ["audit", "-r", str(ROOT / "claims.yaml"), "--verbose", "-"], input=text)
    assert "reports claim 'ketamine-not-controlled' and refutes it" in result.stdout
    assert "stance: next-denial" in result.stdout
    plain = CliRunner().invoke(app, ["audit", "-r", str(ROOT / "claims.yaml"), "-"], input=text)
    assert "reports claim 'ketamine-not-controlled' and refutes it" in plain.stdout
    assert "stance:" not in plain.stdout


@pytest.mark.parametrize("sentence, span, expected", [
    ('the line "ketamine is not controlled" is wrong', (10, 20), (10, 36)),
    ('"a" then "ketamine is not controlled"', (12, 20), (10, 36)),
    ("no quotes here", (0, 2), None),
    ('an "open quote never closed', (5, 9), None),
    # a quotation that ends the sentence, its closing mark left to the next sentence
    ('the faq: "ketamine is not controlled.', (10, 36), (10, 37)),
    ('the faq: "ketamine is not controlled, it says', (10, 36), None),
])
def test_quoted_span(sentence, span, expected):
    assert quoted_span(sentence, *span) == expected


@pytest.mark.parametrize("sentence, first, last, expected", [
    ('sites list ssris that "take a minimum of four weeks to show any effect" here', "ssris", "effect", True),
    ('the fda "has approved ketamine for treating depression".', "fda", "depression", True),
    ('ssris take a minimum of four weeks to show "any" effect.', "ssris", "effect", False),  # one word quoted
    ('ssris take a minimum of "four weeks to show any effect', "ssris", "effect", False),  # never closed
    ('ssris take "a minimum of" four weeks to show any effect', "ssris", "effect", False),  # closes early
    ('"a" ssris take a minimum of "four weeks" to show any effect', "ssris", "effect", False),
    ("ssris take a minimum of four weeks to show any effect.", "ssris", "effect", False),
])
def test_mostly_quoted(sentence, first, last, expected):
    start, end = sentence.index(first), sentence.index(last) + len(last)
    assert mostly_quoted(sentence, start, end) is expected


@pytest.mark.parametrize("sentence, whole, expected", [
    # a whole-sentence match whose quotation closes before the sentence's end
    ('"ketamine restores normal brain signalling" - if only.', True, True),
    ('"ketamine restores normal brain signalling" - if only.', False, False),
    ('ketamine "restores" normal brain signalling - if only.', True, False),  # one word quoted
])
def test_mostly_quoted_whole_sentence(sentence, whole, expected):
    assert mostly_quoted(sentence, 0, len(sentence), whole=whole) is expected


# The rules that decide without a cue of their own (BASE_RULES), with their counter-examples: each
# passage, audited as a document, gives its first finding of the claim the given rule and severity.
@pytest.mark.parametrize("text, claim, rule, severity", [
    # nearer-correction: the sentence is a wording of the claim's correction, not of the claim
    ("The early placebo-controlled studies of ketamine, at Yale in 2000 and at the NIMH in 2006, each gave a "
     "single infusion to small groups and found improvement within hours to days compared with saline.",
     "yale-study-description", "nearer-correction", Severity.info),
    ("A new Yale study split patients who had failed two antidepressants into halves receiving IV ketamine at "
     "varying doses over several weeks or saline.", "yale-study-description", "own-voice", Severity.warning),
    # named-again: after the text refuted it, the claim named again is referred to
    ("The page describes a 'new Yale study' that split patients who had failed two antidepressants into "
     "ketamine and saline halves over several weeks. We could not find any such study. The Yale trial usually "
     "cited, from 2000, gave a single infusion to a handful of patients.",
     "yale-study-description", "next-weak-evidence", Severity.info),
    # the text's own earlier words, answered in the passage
    ("Our correspondent reported last week that ketamine is not a controlled substance. It is a Schedule III "
     "controlled substance in the United States.", "ketamine-not-controlled", "next-correction", Severity.info),
    ("As we reported, the FDA has approved ketamine for depression. Clinics are opening everywhere.",
     "ketamine-fda-approved-depression", "own-voice", Severity.error),
    # contrary-word: nothing in common is the contrary of a connection
    ("Ketamine and LENS neurofeedback have nothing established in common: one is a drug that blocks NMDA "
     "receptors, the other a device whose effects on the brain have not been shown in controlled studies.",
     "lens-ketamine-similar-mechanism", "contrary-word", Severity.info),
    # figure-named, then answered: the figure's source is too small to bear it
    ("Ketamine's 70% figure deserves an asterisk. It comes from small trials that counted responders one day "
     "after a single infusion.", "ketamine-70-percent-response", "next-weak-evidence", Severity.info),
    # the evidence's own results are the text's own claim, hedged: not someone else's words
    ("These brainwave results suggest ketamine may simply be a better answer to depression than traditional "
     "medicines.", "ketamine-better-than-traditional-medicines", "own-voice", Severity.warning),
    # a controlled drug under another country's law answers a report of "not controlled"
    ("The clinic's brochure says ketamine \"isn't a controlled drug like LSD\". In the UK it has been a Class B "
     "drug since 2006.", "ketamine-not-controlled", "contrary-fact", Severity.info),
    ("The clinic's brochure says ketamine \"isn't a controlled drug like LSD\". In the UK it is sold in "
     "clinics.", "ketamine-not-controlled", "attribution-speech", Severity.warning),
    # panic is the contrary of calm
    ("The site says magic mushrooms \"calm\" people with depression. Psilocybin is a potent hallucinogen that "
     "can trigger panic.", "magic-mushrooms-calming-depression", "contrary-fact", Severity.info),
])
def test_rules_without_a_cue(auditor, text, claim, rule, severity):
    findings = sorted((f for f in auditor.audit_text(text, "passage.txt").findings
                       if f.match and f.match.claim_id == claim), key=lambda f: (f.line, f.column))
    assert findings, "the claim is not found"
    assert (findings[0].match.stance_rule, findings[0].severity) == (rule, severity)


# Rebuttals that never say "false": the claim's evidence, its own words with the other polarity ("none"
# counted), a question about the report, a contrast that corrects the text's own description, and "no"
# before what the claim describes. Each (passage, format, claim, [(stance rule, severity)] of its findings).
@pytest.mark.parametrize("text, name, claim, expected", [
    ("The article says ketamine opens a path to effective treatment for depression where none existed before. "
     "Treatments for hard-to-treat depression existed long before ketamine: electroconvulsive therapy, lithium and "
     "antipsychotic augmentation.", "p.txt", "ketamine-treatment-where-none-existed",
     [("negated-claim", Severity.info)]),
    ("The article says ketamine opens a path to effective treatment for depression where none existed before. "
     "It was a hard decade for patients.", "p.txt", "ketamine-treatment-where-none-existed",
     [("attribution-speech", Severity.warning)]),
    ("The clinic calls ketamine's safety profile \"relatively high\". Its staff monitor every infusion.", "p.txt",
     "ketamine-high-safety-profile", [("attribution-speech", Severity.warning)]),
    ("Posters keep saying the FDA approved ketamine for depression. Does anyone have a link to the approval?",
     "p.txt", "ketamine-fda-approved-depression", [("next-question", Severity.info)]),
    ("Posters keep saying the FDA approved ketamine for depression. Anyone going to the meetup on Friday?",
     "p.txt", "ketamine-fda-approved-depression", [("attribution-speech", Severity.warning)]),
    # a question after the text's own claim asks nothing about it
    ("The FDA approved ketamine for depression. Does anyone have a link to the approval?", "p.txt",
     "ketamine-fda-approved-depression", [("own-voice", Severity.error)]),
    ("The clinic offers ketamine for treatment-resistant depression, suicidal ideation and PTSD. But ketamine is "
     "not approved for any of these, and people with suicidal thoughts need emergency care.", "p.txt",
     "clinic-conditions-list-trd-suicidality-ptsd", [("contrasted-next", Severity.info)]),
    ("The clinic offers ketamine for treatment-resistant depression, suicidal ideation and PTSD. Ketamine is not "
     "approved for any of these.", "p.txt", "clinic-conditions-list-trd-suicidality-ptsd",
     [("own-voice", Severity.warning)]),  # no contrast: the next sentence may be a list of its own
    ("Ketamine is not a controlled substance. But it is not approved for home use either.", "p.txt",
     "ketamine-not-controlled", [("own-voice", Severity.error)]),
    ("## What the post says\n\nA \"new Yale study\" gave ketamine at varying doses to patients who had failed two "
     "antidepressants, with saline for the other half.\n\n## What we found\n\nThe post names no paper, and no Yale "
     "trial we could find matches the description.\n", "p.md", "yale-study-description",
     [("next-unshown", Severity.info), ("no-such", Severity.info)]),
])
def test_rebuttals_without_a_verdict_word(auditor, text, name, claim, expected):
    findings = sorted((f for f in auditor.audit_text(text, name).findings if f.match and f.match.claim_id == claim),
                      key=lambda f: (f.line, f.column))
    assert [(f.match.stance_rule, f.severity) for f in findings] == expected


def test_named_again_after_a_refutation(auditor):
    text = ("The page describes a 'new Yale study' that split patients who had failed two antidepressants into "
            "ketamine and saline halves over several weeks. We could not find any such study. The Yale trial "
            "usually cited, from 2000, gave a single infusion to a handful of patients.")
    findings = [f for f in auditor.audit_text(text, "passage.txt").findings
                if f.match and f.match.claim_id == "yale-study-description"]
    assert [(f.match.stance_rule, f.severity) for f in findings] == [
        ("next-weak-evidence", Severity.info), ("named-again", Severity.info)]
    # nothing refuted the claim before (the text's own claim, then a doubt of its own): it stays the text's own
    text = ("A Yale study found that ketamine worked. We could not find any such study. A Yale study found that "
            "ketamine worked.")
    findings = [f for f in auditor.audit_text(text, "passage.txt").findings
                if f.match and f.match.claim_id == "yale-study-description"]
    assert [(f.match.stance_rule, f.severity) for f in findings] == [("own-voice", Severity.warning)] * 2


@pytest.mark.parametrize("table, rule, severity", [
    ("| Claim on the flyer | What the record shows |\n| --- | --- |\n| Ketamine is FDA-approved for depression | "
     "Ketamine is approved only as an anesthetic; esketamine (Spravato) is approved for treatment-resistant "
     "depression |\n", "next-correction", Severity.info),
    ("| Myth | Fact |\n|---|---|\n| Ketamine is not a controlled substance | It is in Schedule III |\n",
     "heading-myths", Severity.info),
    # a column heading that names no one's claims, and a table without a heading row's words
    ("| Our services | Notes |\n|---|---|\n| Ketamine is not a controlled substance | no prescription needed |\n",
     "own-voice", Severity.error),
])
def test_a_table_column_heading_heads_its_cells(auditor, table, rule, severity):
    findings = sorted((f for f in auditor.audit_text(table, "table.md").findings if f.match),
                      key=lambda f: (f.line, f.column))
    assert (findings[0].match.stance_rule, findings[0].severity) == (rule, severity)


def test_every_stance_rule_is_documented():
    page = (ROOT / "docs" / "auditing.md").read_text(encoding="utf-8")
    missing = [rule for rule in RULES if f"`{rule}`" not in page]
    assert not missing


def test_a_verdict_line_judges_only_the_claim_next_to_it(auditor):
    text = ('Our verdict on the claim "ketamine is not a controlled substance": false.\n\n'
            "An advertisement states that the FDA approved ketamine for depression.\n\n"
            "According to the clinic, ketamine is not a controlled substance.\n")
    found = [(f.line, f.severity, f.match.stance_rule) for f in auditor.audit_text(text, "page.txt").findings]
    # the verdict line judges the claim next to it, not the advertisement's (line 3); the clinic's
    # repetition of the very claim the verdict rated (line 5) is refuted by that rating
    assert found == [(1, Severity.info, "verdict-line"), (3, Severity.warning, "attribution-noun"),
                     (5, Severity.info, "passage-answer")]


_WORDS = ["ketamine", "is", "not", "a", "controlled", "substance", "the", "FDA", "has", "approved", "for",
          "depression", "says", "according", "to", "clinic", "that", "false", "myth", "whether", "but", "only",
          "\"", ",", ".", "?", ":", "\n", "\n\n", "verdict", "rating", "claim", "It", "is", "not", "-", "70%"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_any_text_gets_findings_whose_stance_rule_is_known(words):
    auditor = _AUDITOR()
    report = auditor.audit_text(" ".join(words), "random.txt")
    for finding in report.findings:
        if finding.match is not None:
            assert finding.match.stance_rule in RULES
            if finding.rule == "reports-claim":
                assert finding.severity in (Severity.info, Severity.warning)


@functools.lru_cache(maxsize=1)
def _AUDITOR():
    return Auditor(load_registry(str(ROOT / "claims.yaml")).registry)


@pytest.mark.parametrize("text, rule", [
    ("Keeping the benefit requires repeated infusions; no one should expect ketamine's antidepressant effects to be "
     "sustained for months.", "denied-with-correction"),
    # no denial in the match's clause: a plain assertion that also mentions the trials
    ("About 70% of patients respond to ketamine treatment for depression, and response rates vary little between "
     "studies.", "own-voice"),
    # a denial, but none of the correction's own words: the claim as stated
    ("Ketamine is not a controlled substance, so no prescription is needed.", "own-voice"),
])
def test_a_denial_with_the_corrections_words_states_the_correction(auditor, text, rule):
    _assert_decided_by(auditor, text, rule)


# The text's own sentence that holds the claim's words but limits them to what the claim's
# correction says (claimcheck.stance._limited_by_contrast, _vague_with_correction): no phrase
# list, the claim's own text and correction decide. Each rule with sentences it decides and
# plain assertions it must leave alone.
@pytest.mark.parametrize("text, rule", [
    # the claim's own condition ("if taken improperly or in large doses") denied
    ("Ketamine has abuse potential and causes dissociation even at the doses used for depression, not only when "
     "taken improperly.", "denied-condition"),
    ("Ketamine has abuse potential and can cause dissociative or hallucinogenic effects if taken improperly or in "
     "large doses, not only in clinics.", "own-voice"),
    # past a contrast, two words of the correction the claim lacks
    ("Ketamine has a relatively high safety profile for a single supervised dose, but repeated infusions can raise "
     "blood pressure and harm the bladder.", "contrast-correction"),
    ("Ketamine is used off-label for depression; the FDA approved it for anesthesia, and esketamine for "
     "depression.", "contrast-correction"),
    ("Ketamine has a relatively high safety profile, but it is expensive and insurance rarely pays for it.",
     "own-voice"),
    # after "only in/as/for", one word of the correction restricts the claim's words to it
    ("Contrary to the clinic's ad, the FDA has approved ketamine for depression only in the form of esketamine.",
     "contrast-correction"),
    ("The FDA has approved ketamine for depression only recently.", "own-voice"),
    ("The FDA has approved ketamine for depression, but only in adults.", "own-voice"),
    ("The FDA has approved ketamine for depression; esketamine was approved too, in 2019.", "own-voice"),
    # one stem for "misuse"/"misused", "supervision"/"supervised"
    ("Ketamine has a relatively high safety profile under medical supervision, but misuse and repeated dosing carry "
     "real risks, including bladder damage.", "contrast-correction"),
    # past the contrast, a value in the claim's own range: the claim again
    ("Ketamine's effects last weeks or even months; a single infusion can keep working for a month.", "own-voice"),
    # the correction's words belittled ("rarely raises blood pressure") are the claim's defence
    ("Ketamine has a relatively high safety profile; it rarely raises blood pressure and dissociation is mild.",
     "own-voice"),
    # past a contrast, the claim's own words with the other polarity ("none existed" / "existed")
    ("Ketamine offers a path to effective treatment for some people with depression where other options failed, "
     "though ECT and other treatments existed before.", "contrast-negation"),
    ("Ketamine offers a path to effective treatment for depression where none existed before, but it is "
     "expensive.", "own-voice"),
    # the other polarity of the claim's second clause ("unlike ... LSD or psilocybin") is no denial of its first
    ("Ketamine is not a controlled substance; unlike LSD or psilocybin, you can buy it without a prescription.",
     "own-voice"),
    # past a contrast, the claim's own words with their evidence judged weak
    ("Ketamine can be a lifesaver for some people with depression, though for anxiety and chronic pain the evidence "
     "is thin.", "contrast-negation"),
    ("Ketamine infusions are a lifesaver for people with depression, anxiety and chronic pain, though the evidence "
     "for the clinic's new app is thin.", "own-voice"),
    # the evidence for the whole sentence judged weak in a clause of its own
    ("Ketamine is used off-label for some pain conditions, including sickle cell crises, though evidence is limited.",
     "contrast-negation"),
    ("Ketamine is used for pain in chronic conditions such as sickle cell disease and cancer, though evidence of "
     "its popularity is everywhere.", "own-voice"),
    # a vague share ("most people") in a sentence about the correction's findings
    ("For most people who respond to ketamine, the benefit of a single infusion fades within about a week unless "
     "treatment is repeated.", "vague-with-correction"),
    ("Most patients respond to ketamine treatment for depression.", "own-voice"),
])
def test_a_sentence_limiting_the_claim_to_its_correction_states_the_correction(auditor, text, rule):
    _assert_decided_by(auditor, text, rule)


def test_a_claim_in_a_markdown_block_quote_is_reported_and_its_position_kept(auditor):
    text = "Someone replied:\n\n> ketamine isn't even a controlled substance lol\n\nNo idea where they got that.\n"
    findings = [f for f in auditor.audit_text(text, "thread.md").findings if f.match]
    assert [(f.line, f.column, f.rule, f.severity, f.match.stance_rule) for f in findings] == [
        (3, 3, "reports-claim", Severity.warning, "block-quote")]
    # the same words outside a block quote are the text's own; in plain text ">" is no quote
    assert _first_claim_finding(auditor, "ketamine isn't even a controlled substance lol\n").rule == "factually-wrong"
    plain = [f for f in auditor.audit_text(text, "thread.txt").findings if f.match]
    assert plain[0].rule == "factually-wrong"


def test_a_claim_in_an_html_block_quote_is_reported(auditor):
    page = ("<html><body><h1>What readers sent us</h1>\n"
            "<blockquote class=\"twitter-tweet\"><p>ketamine isn't even a controlled substance lol</p></blockquote>\n"
            "<p>We looked into it this week.</p>\n"
            "<p>Ketamine is not a controlled substance, our shop says on every page.</p></body></html>\n")
    findings = [(f.line, f.rule, f.severity, f.match.stance_rule)
                for f in auditor.audit_text(page, "page.html").findings if f.match]
    assert findings[0] == (2, "reports-claim", Severity.warning, "block-quote")
    # outside the block quote the page's own sentences are read as before
    assert all(rule != "block-quote" for line, *_, rule in findings if line != 2)


# A word that denies without a "not" (rarely, hardly, fails to, far from) where it governs the
# words of a claim worded without a negation; not where it governs something else.
@pytest.mark.parametrize("text, rule", [
    ("Ketamine's antidepressant effects rarely last weeks or months after one infusion.", "minimised"),
    ("Ketamine is hardly a revolutionary breakthrough in depression treatment.", "minimised"),
    ("Ketamine is far from a lifesaver for people with depression, anxiety and chronic pain.", "minimised"),
    ("Ketamine fails to produce antidepressant effects that are sustained for weeks or months after a single dose.",
     "minimised"),
    ("Ketamine has a relatively high safety profile and rarely causes problems.", "own-voice"),
    ("Far from being a party drug, ketamine is a revolutionary breakthrough in depression treatment.", "own-voice"),
    ("When other drugs fail to help, ketamine offers a path to effective treatment for depression where none "
     "existed before.", "own-voice"),
    ("About 70% of patients respond to ketamine and rarely relapse.", "own-voice"),
])
def test_a_minimiser_governing_the_claims_words_states_the_correction(auditor, text, rule):
    _assert_decided_by(auditor, text, rule)


def test_the_anesthesia_family_is_one_correction_word_in_both_spellings():
    from claimcheck.stance import _stems

    assert _stems("anesthesia") == _stems("anaesthetic") == _stems("anesthetics") == frozenset({"anesth"})
    assert _stems("a subanesthetic dose") == frozenset({"subanesthetic"})  # a dose below it, not the same word


@pytest.mark.parametrize("text, rule", [
    # the claim's correction three sentences on: in the claim's own terms, or as a correction match
    ("A flyer in the waiting room says the FDA has approved ketamine for depression. We called the agency. Its "
     "press office was not surprised. The related nasal spray esketamine is what it approved, as Spravato.",
     "passage-answer"),
    ("A flyer in the waiting room says ketamine is not a controlled substance. We called the pharmacy board. Its "
     "inspector was not surprised. Ketamine has been in Schedule III of the federal list since 1999.",
     "next-correction"),
    # a judgement of the report before it
    ("Clinic ads are full of misleading claims. One says the FDA has approved ketamine for depression.",
     "passage-answer"),
    # a judging word in a next sentence ("cherry-picked", "overstates"), not only a phrase the next-sentence cues know
    ("An influencer says about 70% of patients respond to ketamine treatment for depression. Her only source, a "
     "slide from a conference talk, is cherry-picked.", "passage-answer"),
    # a denial of the report's own key word
    ("Line 18 says people given ketamine showed brain activity associated with neurons regrowing. The human "
     "studies measured activity or connectivity, which is not regrowth.", "passage-answer"),
    ("Patients were told the FDA had approved ketamine for depression. The approval was never granted.",
     "passage-answer"),
    # the same claim rated elsewhere in the passage (a table row)
    ("| Claim | Rating |\n|---|---|\n| Ketamine is not a controlled substance | False |\n"
     "| Ketamine was first made in 1962 | True |\n\n"
     "The clinic's FAQ says ketamine is not a controlled substance.\n", "passage-answer"),
    # an editor's or a reviewer's instruction in the next sentence
    ("Line 12: \"the FDA has approved ketamine for depression\". Needs fixing; only esketamine is approved.",
     "passage-answer"),
    ("Reviewer comment: the draft says ketamine improves people's memory and ability to learn by regrowing "
     "synapses. Remove or source this.", "passage-answer"),
    # a verdict line further on
    ("Claim: The FDA has approved ketamine for depression.\nWho said it: a clinic's Facebook ad.\nOur rating: False.\n",
     "passage-answer"),
    # what the claim names said to be unsettled
    ("The provider claims ketamine has anti-inflammatory properties and, by reducing neuroinflammation, addresses "
     "another cause of depression. The inflammation hypothesis of depression is still debated.", "passage-answer"),
    ("The provider claims ketamine has anti-inflammatory properties and, by reducing neuroinflammation, addresses "
     "another cause of depression. The price of a session is still unclear.", "attribution-speech"),
    # counter-examples: a report followed by sentences that answer nothing stays a report; a plain
    # assertion is never answered by its passage
    ("A flyer in the waiting room says ketamine is not a controlled substance. We called the pharmacy board. It "
     "was closed. The flyer is still there.", "attribution-speech"),
    ("The clinic says about 70% of patients respond to ketamine treatment for depression. It is open on weekends. "
     "Parking is not free.", "attribution-speech"),
    ("Ketamine is not a controlled substance. We called the pharmacy board. Its inspector was not surprised. "
     "Ketamine has been in Schedule III of the federal list since 1999.", "own-voice"),
])
def test_a_report_answered_elsewhere_in_its_passage_is_refuted(auditor, text, rule):
    name = "passage.md" if text.startswith("|") else "passage.txt"
    findings = sorted((f for f in auditor.audit_text(text, name).findings if f.match), key=lambda f: (f.line, f.column))
    decided = [f for f in findings if f.match.stance_rule == rule]
    assert decided, [(f.rule, f.match.stance_rule) for f in findings]
    if rule == "passage-answer":
        assert all(f.severity is Severity.info for f in findings)


def test_a_similarity_guess_weaker_than_a_correction_in_its_sentence_is_dropped(auditor):
    # the sentence is a close wording of the lifesaver claim's correction; it shares words with the
    # clinic's list of conditions only through it
    text = ("Ketamine infusions can help some people with treatment-resistant depression in the short term. "
            "Evidence for anxiety and most chronic pain conditions is limited.")
    findings = auditor.audit_text(text, "page.txt").findings
    assert findings and all(f.severity is Severity.info for f in findings)
    assert "clinic-conditions-list-trd-suicidality-ptsd" not in {f.match.claim_id for f in findings if f.match}
    # the list stated in the text's own voice is still the claim
    finding = _first_claim_finding(auditor, "Our clinic offers ketamine treatment to people suffering from "
                                            "treatment-resistant depression, suicidal ideation and PTSD.")
    assert finding.match.claim_id == "clinic-conditions-list-trd-suicidality-ptsd"
    assert finding.severity is not Severity.info


def test_a_conjunct_is_one_predicate_of_its_clause():
    from claimcheck.stance import conjunct_around, conjunct_start

    clause = "ketamine isn't a miracle and it isn't risk free"
    assert conjunct_around(clause, 0, len("ketamine isn't a miracle")) == "ketamine isn't a miracle "
    start = clause.index("it isn't risk")
    assert conjunct_around(clause, start, len(clause)) == "it isn't risk free"
    assert conjunct_start(clause, start) == start
    # a complement clause keeps the negation that governs it; a negated relative clause is cut off
    assert conjunct_around("not true that ketamine is legal", 14, 31) == "not true that ketamine is legal"
    assert conjunct_around("a breakthrough that doesn't fade", 0, 14) == "a breakthrough "


@pytest.mark.parametrize("text, rule", [
    # someone the text has, speaking for themselves, is someone else
    ("In the episode, our guest argues that ketamine and LENS may act through similar mechanisms, both raising "
     "connectivity in the brain.", "attribution-speech"),
    ("My doctor says ketamine is FDA-approved for depression.", "attribution-speech"),
    ("The practitioner we spoke to says ketamine is not a controlled substance.", "attribution-speech"),
    # the clinic's own staff speak for the clinic
    ("Our doctors say ketamine is not a controlled substance.", "own-voice"),
    # "per cent" attributes nothing
    ("Roughly seventy per cent of our patients respond to ketamine. Book your first infusion today.", "own-voice"),
])
def test_who_is_our_own_speaker(auditor, text, rule):
    assert _first_claim_finding(auditor, text).match.stance_rule == rule


@pytest.mark.parametrize("text", [
    # a judging noun phrase in the next sentence
    "Clinic copy says that because ketamine increases neural plasticity, people open their minds to new "
    "possibilities and avoid negative ruminations. This is a marketing extrapolation from animal plasticity "
    "studies, not a finding in patients.",
    "The FDA approved ketamine for depression, the piece begins. That's a sweeping claim, and a wrong one.",
])
def test_a_judging_noun_phrase_after_a_report_refutes_it(auditor, text):
    finding = _first_claim_finding(auditor, text)
    assert finding.rule == "reports-claim" and finding.severity is Severity.info, finding.match.stance_rule
