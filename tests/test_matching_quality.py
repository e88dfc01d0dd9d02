"""Matching previously fact-checked claims in new texts: the card's cases, and no regression
below the figures recorded in the README (benchmarks/matching_quality.py computes them)."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.model import Severity, Stance
from conftest import ROOT


def _benchmark():
    spec = importlib.util.spec_from_file_location("matching_quality", ROOT / "benchmarks" / "matching_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def registry():
    return load_registry(str(ROOT / "claims.yaml")).registry


def test_a_new_text_rewording_both_wrong_claims_gets_both_flagged_with_corrections(registry):
    text = textwrap.dedent("""\
        Welcome to Serenity Infusions

        Good news for patients: ketamine isn't a scheduled drug, so there is
        no special paperwork.
        The FDA has approved ketamine to treat depression and chronic pain.
        Book your free consultation today.
        """)
    findings = Auditor(registry).audit_text(text, "serenity.txt").findings
    wrong = {(f.match.claim_id, f.line) for f in findings
             if f.match and f.rule == "factually-wrong" and f.match.stance is Stance.asserts}
    assert ("ketamine-not-controlled", 3) in wrong
    assert ("ketamine-fda-approved-depression", 5) in wrong
    for f in findings:
        if f.rule == "factually-wrong":
            assert f.severity is Severity.error and f.fix


def test_a_text_stating_the_correct_facts_has_no_factually_wrong_finding(registry):
    text = textwrap.dedent("""\
        Ketamine is a Schedule III controlled substance in the United States.
        Ketamine is not FDA-approved for depression; only the related esketamine nasal spray
        (Spravato) is, for treatment-resistant depression.
        Ketamine has not been approved for chronic pain either.
        Contrary to what some clinics claim, ketamine is a controlled substance.
        """)
    findings = Auditor(registry).audit_text(text, "facts.txt").findings
    assert not [f for f in findings if f.rule == "factually-wrong"]
    agreeing = {f.match.claim_id for f in findings if f.match and f.match.stance is Stance.agrees_with_evidence}
    assert {"ketamine-not-controlled", "ketamine-fda-approved-depression"} <= agreeing


# The figures recorded in docs/auditing.md at the default threshold (rounded down): precision
# and recall per match kind, and stance accuracy, on the development and the held-out sets
# (matching-web*: web-like pages restating claims in other numbers and words, issue 14).
RECORDED = {
    # (sentences fuzzy matching found are now found by patterns: fuzzy 0.05 -> 0.04 -> 0.03, pattern
    # 0.40 -> 0.42 -> 0.45)
    "matching": {"all": (0.99, 0.85), "exact": (1.0, 0.16), "pattern": (1.0, 0.47), "value": (1.0, 0.18),
                 "fuzzy": (1.0, 0.03)},
    # held out: measured, never tuned on. The hedge, clause and other-treatment rules of the fourth
    # round (found on development sets) cost held-out precision here (0.966 -> 0.950) and gained
    # recall; the fifth round's topic gate and patterns: P 0.950 -> 0.983, R 0.582 -> 0.602 (fuzzy
    # finds moved to patterns)
    "matching-holdout": {"all": (0.98, 0.60), "pattern": (1.0, 0.39), "value": (0.94, 0.17), "fuzzy": (1.0, 0.03)},
    "matching-web": {"all": (1.0, 0.98), "pattern": (1.0, 0.48), "value": (1.0, 0.48)},
    # the fifth round's patterns cost precision here (0.929 -> 0.893: three pattern false alarms)
    "matching-web-holdout": {"all": (0.89, 0.73), "pattern": (0.84, 0.47), "value": (1.0, 0.26)},
    # written independently of the rules in the fourth round (before: P 0.948, R 0.625, stance 0.891;
    # after the fourth round 0.948, 0.625, 0.909; after the fifth 0.969, 0.705, 0.919)
    "matching-web-holdout-2": {"all": (0.96, 0.70), "pattern": (1.0, 0.44), "value": (0.91, 0.23),
                               "fuzzy": (1.0, 0.02)},
    # written independently of the rules in the fifth round, scored on main before that round's
    # rules were merged (P 0.984, R 0.762, stance 0.967) and after
    "matching-web-holdout-3": {"all": (0.98, 0.85), "pattern": (1.0, 0.53), "value": (0.96, 0.31)},
    # development: hard cases (hedges, lower-case forum posts, other treatments' numbers)
    # (its two fuzzy finds are found by patterns now: no fuzzy figure left to hold)
    "matching-probes": {"all": (0.98, 0.93), "pattern": (0.97, 0.62), "value": (1.0, 0.31)},
    # development: accurate sentences stating the corrections (negations, "only", other values);
    # written before the rules of issues 13/14 (before: P 0.913, R 0.700, stance 0.905)
    # (the correction pattern of antidepressants-take-weeks: R 0.833 -> 0.900)
    "matching-corrections": {"all": (1.0, 0.90), "pattern": (1.0, 0.66), "value": (1.0, 0.23)},
    # development: web-like pages written independently of the rules (issue 14's fifth round), with
    # unrelated pages (dental, migraine); before that round's rules: P 0.939, R 0.561, stance 0.978
    "matching-web-dev-3": {"all": (1.0, 0.84), "pattern": (1.0, 0.51), "value": (1.0, 0.30), "fuzzy": (1.0, 0.02)},
}
STANCE = {"matching": 1.0, "matching-holdout": 0.98, "matching-web": 1.0, "matching-web-holdout": 0.96,
          # 59 -> 58 of 62 with the seventh round's passage rules (a sentence giving a response share,
          # labelled as agreeing with the evidence, now read as asserting the 70% claim): recorded, not tuned
          "matching-web-holdout-2": 0.93, "matching-web-holdout-3": 0.98, "matching-probes": 1.0, "matching-corrections": 0.95,
          "matching-web-dev-3": 0.98}


@pytest.mark.parametrize("labelled_set", sorted(RECORDED))
def test_no_regression_below_the_recorded_figures(registry, labelled_set):
    labels = ROOT / "tests" / "fixtures" / labelled_set / "labels.yaml"
    result = _benchmark().evaluate(registry, labels_path=labels)
    for kind, (precision, recall) in RECORDED[labelled_set].items():
        figures = result["kinds"][kind]
        assert figures["precision"] >= precision, (kind, figures)
        assert figures["recall"] >= recall, (kind, figures)
    assert result["stance"]["accuracy"] >= STANCE[labelled_set]


# The stance sets (docs/auditing.md): the finding each passage's claim gets. No debunking,
# reporting or question passage may get an error or a warning (held out included).
# stance-dev-3: written by a labeller who did not see the rules (before its cues: 0.808 over 47
# found passages of 80, 9 of 60 too loud); the passages whose claim is not found are matching misses
# (found in 51 of 80, then 55 after the patterns for "SSRIs do nothing for the first four weeks"
# and its correction).
STANCE_SETS = {"stance": (0.98, 0.98), "stance-dev-2": (0.98, 0.94), "stance-dev-3": (0.96, 0.71),
               "stance-holdout": (0.97, 0.97)}  # (accuracy over found, found share)


@pytest.mark.parametrize("stance_set", sorted(STANCE_SETS))
def test_stance_sets_no_debunking_passage_is_an_error_or_warning(registry, stance_set):
    labels = ROOT / "tests" / "fixtures" / stance_set / "labels.yaml"
    result = _benchmark().evaluate_stance(registry, labels)
    assert result["unsafe"] == 0, [r for r in result["rows"] if r["unsafe"]]
    accuracy, found = STANCE_SETS[stance_set]
    assert result["accuracy"] >= accuracy
    assert result["found"] / result["passages"] >= found
    assert result["passages"] >= 35


# Stance sets whose target (no debunking or reporting passage gets an error or a warning) is not
# met, or that are pinned at what they reach: (passages, most passages too loud, least accuracy
# over found passages, least found share). Recorded so that the figures can only improve.
RECORDED_STANCE = {
    # held out, written independently of the rules in the fourth round: 13 of 48 too loud before
    # that round's rules, 11 after them, 8 after the fifth round's, 7 after the sixth's (claim
    # found in 53, then 54 with the recall patterns that followed; accuracy 0.830, then 0.833)
    # the seventh round's passage rules: 6 too loud, accuracy 0.852
    # the tenth round (negation scope, regulators' and reviewers' words): 5, accuracy 0.873
    "stance-holdout-2/labels.yaml": (61, 5, 0.87, 0.90),
    # held out, written independently of the rules in the fifth round and scored on main before
    # that round's rules were merged: 6 of 64 too loud then, 5 after them, 4 after the sixth's
    # (found 49, then 51 with the recall patterns that followed; accuracy 0.796, then 0.824)
    # the tenth round: 1, accuracy 0.865
    "stance-holdout-3/labels.yaml": (83, 1, 0.86, 0.62),
    # held out, written independently of the rules in the sixth round and scored on main before
    # that round's rules were merged: 8 of 90 too loud, accuracy 0.762, claim found in 80 of 120;
    # after them: 6 of 90, accuracy 0.787; with the recall patterns that followed: found 81,
    # accuracy 0.790
    # the tenth round: 6, accuracy 0.810
    "stance-holdout-4/labels.yaml": (120, 6, 0.80, 0.70),
    # held out, written independently of the rules in the seventh round and scored on main before
    # that round's rules were merged: 9 of 93 too loud, accuracy 0.860, claim found in 93 of 125;
    # after its passage rules 6 (0.893); after next-weak-evidence 5 (0.903); after the eighth
    # round's rules 4 (0.925)
    "stance-holdout-5/labels.yaml": (125, 4, 0.92, 0.76),
    # held out, written independently of the rules in the eighth round and scored on main before
    # that round's rules were merged: 3 of 122 too loud, accuracy 0.843, claim found in 102 of 165;
    # after them: 3, accuracy 0.853
    "stance-holdout-6/labels.yaml": (165, 3, 0.84, 0.62),
    # held out, written independently of the rules while the tenth round began, scored after its
    # first change (coordinated negations): 6 of 88 too loud, accuracy 0.845, claim found in 71 of
    # 118; after the round: the same
    "stance-holdout-7/labels.yaml": (118, 6, 0.84, 0.60),
    # held out, written independently of the rules near the tenth round's end and scored before the rules
    # written from stance-dev-14 and after them: 5 of 97 too loud both times, accuracy 0.828, found 99 of 139
    "stance-holdout-8/labels.yaml": (139, 5, 0.82, 0.71),
    # stance-dev-3's check part (every third passage, set aside before any result was seen):
    # 5 of 30 too loud, then 4 after the cues of its own round; development data since the
    # structural rules (correction-words, next-unshown, ...), partly written from it: 0, accuracy
    # 0.714 -> 0.857
    # (found in 21 -> 22 of 39, accuracy 0.857 -> 0.864, after the SSRI patterns)
    "stance-dev-3/labels-check.yaml": (39, 0, 0.86, 0.58),  # registry patterns round: found 22 -> 27
    # stance-dev-2's check part, development since the structural rules (2 of 23 too loud before
    # them, accuracy 0.840)
    "stance-dev-2/labels-check.yaml": (27, 0, 0.96, 0.92),
    # stance-dev-4 (written by a labeller who had not seen the rules), its development part: 11
    # of 63 too loud before the structural rules (accuracy 0.781), 1 after them (0.904): a
    # clinic's offer described in the text's own voice and contrasted in the next sentence, with
    # no report for the contrast to refute
    # (found in 73 -> 74 of 88, accuracy 0.904 -> 0.905, after the SSRI patterns)
    # registry patterns round: found 74 -> 76
    # (accuracy 0.905 -> 0.919 with the round of general rules: the evidence's own results)
    # the tenth round's general rules (contrasted-next: a contrast in the next sentence that corrects the
    # text's own description): 1 -> 0 too loud, right 68 -> 69 (0.932)
    "stance-dev-4/labels.yaml": (88, 0, 0.93, 0.84),
    # stance-dev-4's check part (every third passage by position, set aside before any rule was
    # changed for the set), scored at the end of the round: 8 of 31 too loud before its rules, 4
    # after them; accuracy 0.667 -> 0.750; scored again at the end of the next round (issue 13's
    # correction-from-the-claim rules, written from probes and stance-dev-5): 3, accuracy 0.778
    # scored once more at the end of the round of recall patterns (issue 14's registry patterns):
    # claim found in 36 -> 37, right 28 -> 29 (0.784), 3 too loud
    # scored at the start and once at the end of the round of passage rules (passage-answer, source
    # lines and subjects, headings and announcements): 3 -> 0 too loud, right 29 -> 32 (0.865)
    "stance-dev-4/labels-check.yaml": (43, 0, 0.86, 0.86),  # registry patterns round: found 37 -> 38
    # stance-dev-5 (written by a labeller who had not seen the rules), its development part (71
    # passages; every third of the 106 by position went to the check part before any rule was
    # changed for it): 3 of 56 too loud before that round's rules (accuracy 0.830), 0 after (0.894);
    # the registry patterns for wordings no pattern matched ("described ketamine as an uncontrolled
    # medicine", "isn't classified as a controlled drug", "SSRIs do nothing for the first four
    # weeks", "SSRIs already outperformed placebo by the end of the first week"): claim found in
    # 47 -> 51 of 71, accuracy 0.894 -> 0.961
    # registry patterns round: found 51 -> 62, right 49 -> 59 (0.961 -> 0.952: a question answered
    # "No." and then the facts is read as stating the correction, not refuting)
    "stance-dev-5/labels.yaml": (71, 0, 0.98, 0.73),
    # stance-dev-5's check part: 33 passages the labeller wrote after the set, and the 35 moved
    # from it; scored before the round's rules and once at its end: 5 of 55 too loud, then 3;
    # accuracy 0.791 -> 0.814
    # scored once more at the end of the round of recall patterns: found 43 -> 45, right 35 -> 37
    # (0.822), 3 too loud; at the start and the end of the round of passage rules: unchanged;
    # development data since (its misses were read to write next-weak-evidence): 2 too loud, right 38
    # registry patterns round: found 45 -> 58
    # (0.844); after the round of general rules (below): 0 too loud, right 40 (0.889)
    "stance-dev-5/labels-check.yaml": (68, 0, 0.89, 0.69),
    # stance-dev-6 (written by a labeller who had not seen the rules: magazine features, wire fact
    # checks, review abstracts, advertising rulings, Q&A columns, forum replies, clinic pages), its
    # development part (every third of its 150 passages by position went to the check part before
    # any rule was changed for it): 8 of 76 too loud before the round's rules (accuracy 0.767 over
    # 60 found), 1 after them (0.883): a scan's finding read as the claim of neurons regrowing (a
    # matching question), refuted only in the next sentence
    # registry patterns round: the scan's finding is no longer the regrowth claim (key_words):
    # 0 too loud; found 60 -> 69, right 53 -> 63
    "stance-dev-6/labels.yaml": (100, 0, 0.88, 0.62),
    # stance-dev-7 (another labeller, same terms: fact checks, reviewers' notes on clinic copy,
    # corrections, leaflets, regulators, physician threads, clinic marketing), its development
    # part (44 of 133 moved to the check part likewise): 5 of 72 too loud before (accuracy 0.852
    # over 54 found), 0 after (0.907)
    # a whole-sentence match compared part by part (tenth round): right 51 -> 50 (an agency's
    # finding of an omission read as stating the correction rather than refuting; info either way)
    "stance-dev-7/labels.yaml": (89, 0, 0.89, 0.62),  # registry patterns round: found 54 -> 66
    # their check parts (32 passages each labeller wrote afterwards, and the third of each set moved
    # there), scored on main before the round and once at its end: stance-dev-6's 6 of 71 too loud,
    # then 6 (right 28 -> 29 of 38 found, 0.737 -> 0.763); stance-dev-7's 5 of 63, then 4 (right
    # 35 -> 37 of 48 found, 0.729 -> 0.771); development data since (their misses were read to
    # write next-weak-evidence, the evidence found wanting in a later sentence): stance-dev-6's 2
    # too loud (right 33, 0.868), stance-dev-7's 2 (right 40, 0.833)
    # (registry patterns round: found 38 -> 46 and 48 -> 56)
    # the round of general rules (table column headings, named-again, nearer-correction, named-figure,
    # the text's own earlier report, retorts; written from these check parts and stance-dev-8/-9's
    # development parts): too loud stance-dev-5's 2 -> 0 (right 38 -> 40), stance-dev-6's 2 -> 1
    # (right 33 -> 35), stance-dev-7's 2 -> 0 (right 40 -> 42)
    # the tenth round's general rules (no-such: "no Yale trial we could find"): stance-dev-6's 1 -> 0
    "stance-dev-6/labels-check.yaml": (82, 0, 0.90, 0.48),
    "stance-dev-7/labels-check.yaml": (76, 0, 0.87, 0.63),
    # stance-dev-8 (a labeller who had not seen the rules: long-form features and health desks, UK, Irish,
    # Australian, Canadian and US, that quote clinics and then the studies; corrections; forum replies),
    # its development part (every third of its 170 passages by position went to the check part, after
    # the labeller's own 34, before any rule was changed for it): 5 of 88 too loud on main (accuracy
    # 0.830 over 47 found), 1 after the round (0.915): a vague "most" read as the 70% share
    # the tenth round's value reading ("for most the improvement is modest": "most" as a pronoun): 1 -> 0
    "stance-dev-8/labels.yaml": (114, 0, 0.93, 0.42),
    # stance-dev-9 (another labeller, same terms: fact checks with rating tables, reviewers' notes,
    # corrections, leaflets, regulators, physicians' threads, clinic marketing), its development part
    # (46 of 138 moved to the check part likewise): 4 of 78 too loud on main (accuracy 0.836 over 55
    # found), 2 after the round (0.909): accurate sentences whose time span the value slot reads as
    # the claim's ("fades within weeks", "lasts days to a couple of weeks")
    # the tenth round's value reading (spans joined, "fades within weeks"): 2 -> 0
    "stance-dev-9/labels.yaml": (92, 0, 0.91, 0.60),
    # their check parts, scored on main before the round and once at its end: unchanged, stance-dev-8's
    # 2 of 71 too loud (right 30 of 37 found, 0.811), stance-dev-9's 3 of 33 (right 30 of 32, 0.938)
    # development data since; the tenth round's general rules (evidence-words, next-question, negated-claim with
    # "none" counted): stance-dev-8's 2 -> 0 (right 30 -> 32, 0.865), stance-dev-9's 3 -> 2 (right 30 -> 31, 0.969;
    # the two left were negation-scope cases of polarity(), none after the part-by-part comparison)
    "stance-dev-8/labels-check.yaml": (90, 0, 0.89, 0.41),
    "stance-dev-9/labels-check.yaml": (46, 0, 1.00, 0.69),
    # stance-dev-10 (a labeller who had not seen the rules: rebuttals that never say "false", claims attributed in
    # a parenthetical or named by a noun phrase, own-voice statements with negations and hedges), its development
    # part (every third of its 118 passages by position went to the check part before any rule was changed for
    # it): 0 of 66 too loud on main (accuracy 0.921 over 38 found), unchanged by the tenth round's rules
    "stance-dev-10/labels.yaml": (79, 0, 0.92, 0.48),
    # its check part, scored on main before the round and once at its end: unchanged, 1 of 34 too loud (right 17
    # of 20 found, 0.850); 0 after the part-by-part negation comparison that followed
    "stance-dev-10/labels-check.yaml": (39, 0, 0.85, 0.51),
    # stance-dev-11 (a labeller who had not seen the rules: passages from imagined whole pages, wire
    # stories, claim and verdict reviews, a myths page, a Reddit thread, an advertising ruling), its
    # development part (every third of its 108 passages by position went to the check part first):
    # 3 of 61 too loud on main (right 29 of 37 found, 0.784), none after the rules written from it
    # (right 35, 0.946)
    "stance-dev-11/labels.yaml": (72, 0, 0.94, 0.51),
    # its check part (passages not read): 3 of 30 too loud before and after those rules (right 16 of 21,
    # 0.762); 2 (right 17) after the rules written from stance-dev-13
    "stance-dev-11/labels-check.yaml": (36, 2, 0.80, 0.58),
    # stance-dev-12 (another labeller, same terms: patient pages, an encyclopaedia-style article, letters to
    # the editor, Q&A answers, review sites, a video transcript, an investigative feature, a lecture handout,
    # a legal blog), its development part (every third of its 118 passages went to the check part first): 6 of
    # 65 too loud on main (right 40 of 51 found, 0.784), none after the rules written from it (right 45 of 50)
    "stance-dev-12/labels.yaml": (79, 0, 0.90, 0.63),
    # its check part (passages not read): 3 of 32 too loud before those rules, 2 after (right 20 -> 21 of 22)
    "stance-dev-12/labels-check.yaml": (39, 2, 0.95, 0.56),
    # stance-dev-13 (another labeller: UK, Australian and Canadian health pages, clinic reviews and replies,
    # threads with quote-posts, abstracts and posters, a tribunal summary, an FTC complaint, a patient's blog),
    # its development part (every third of its 125 passages went to the check part first): 3 of 72 too loud on
    # main (right 34 of 47 found; many accurate claims it labels "agrees" are asserted accurate claims, info), none
    # after the rules written from it
    "stance-dev-13/labels.yaml": (84, 0, 0.78, 0.54),
    # its check part (passages not read): 1 of 34 too loud before and after
    "stance-dev-13/labels-check.yaml": (41, 1, 0.73, 0.46),
    # stance-dev-14 (another labeller: a magazine feature, a radio phone-in, an insurer's policy, a medical board's
    # notice, a clinic FAQ and a rival's blog, a debate, a chatbot answer corrected by a columnist): 3 of 65 too
    # loud on main (right 33 of 51 found), 1 after the rules written from it (right 36)
    "stance-dev-14/labels.yaml": (78, 1, 0.70, 0.65),
    # its check part (passages not read): 2 of 32 too loud before and after
    "stance-dev-14/labels-check.yaml": (38, 2, 0.57, 0.50),
}


@pytest.mark.parametrize("stance_set", sorted(RECORDED_STANCE))
def test_stance_set_no_worse_than_recorded(registry, stance_set):
    passages, too_loud, accuracy, found = RECORDED_STANCE[stance_set]
    result = _benchmark().evaluate_stance(registry, ROOT / "tests" / "fixtures" / stance_set)
    assert result["passages"] == passages
    assert result["unsafe"] <= too_loud, [r for r in result["rows"] if r["unsafe"]]
    assert result["accuracy"] >= accuracy
    assert result["found"] / result["passages"] >= found


def _code_lines(path) -> set[int]:
    from markdown_it import MarkdownIt

    text = path.read_text(encoding="utf-8")
    lines = set()
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type in ("fence", "code_block", "html_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return lines


def test_the_projects_own_markdown_has_no_finding_in_code_and_no_error(registry):
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    auditor = Auditor(registry)
    for path in paths:
        report = auditor.audit_text(path.read_text(encoding="utf-8"), str(path))
        code = _code_lines(path)
        for finding in report.findings:
            assert finding.line not in code, (path.name, finding.line, finding.rule)
            assert finding.severity is not Severity.error, (path.name, finding.line, finding.message)
