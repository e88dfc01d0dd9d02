"""The audit engine: locating quotes, stale quotes, stance, suggestions."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.model import MatchKind, Severity, Stance

REGISTRY = """\
schema_version: 1
flags:
  - {id: factually-wrong, severity: error, description: Wrong.}
  - {id: marketing, severity: info, description: Sales.}
sources:
  - {id: dea, title: Drug Scheduling, publisher: DEA, year: 2024, url: "https://www.dea.gov/drug-information/drug-scheduling"}
documents:
  - {id: doc, path: doc.txt, title: Doc, publisher_type: blog}
claims:
  - id: not-controlled
    claim: Ketamine is not a controlled substance.
    verdict: "false"
    flags: [factually-wrong]
    rationale: It is in Schedule III.
    correction: Ketamine is a Schedule III controlled substance.
    sources: [dea]
    appearances:
      - {document: doc, quote: "it is not a controlled substance like other hallucinogenic drugs"}
  - id: consult
    claim: A free consultation is offered.
    verdict: not-a-claim
    flags: [marketing]
    rationale: Call to action.
    appearances:
      - {document: doc, quote: "Contact VIP Ketamine Clinics to schedule a free consultation."}
"""


def make(tmp_path, document: str, registry: str = REGISTRY):
    (tmp_path / "claims.yaml").write_text(registry, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(document, encoding="utf-8")
    result = load_registry(str(tmp_path / "claims.yaml"))
    assert not result.errors, result.problems
    return Auditor(result.registry)


def claim_findings(report):
    return [(f.line, f.column, f.match.claim_id, f.match.kind, f.match.stance) for f in report.findings if f.match]


@pytest.mark.parametrize(
    "document, line, column",
    [
        ("Intro.\nIt is not a controlled substance like other hallucinogenic drugs, such as LSD.", 2, 1),
        # curly quotes and a non-breaking space in the document, straight in the registry
        ("Intro. Well, it\u00a0is not a \u201ccontrolled\u201d substance like other hallucinogenic drugs.".replace(
            "\u201ccontrolled\u201d", "controlled"), 1, 14),
        # the quote wraps over a line break, with extra indentation
        ("Intro.\nAnd it is not a controlled\n    substance like other hallucinogenic drugs.", 2, 5),
        # case differs
        ("IT IS NOT A CONTROLLED SUBSTANCE LIKE OTHER HALLUCINOGENIC DRUGS!", 1, 1),
        # soft hyphen and zero-width space inside the quote
        ("x. it is not a con\u00adtrolled sub\u200bstance like other hallucinogenic drugs.", 1, 4),
    ],
)
def test_quotes_are_located_at_their_line_and_column(tmp_path, document, line, column):
    auditor = make(tmp_path, document + "\nContact VIP Ketamine Clinics to schedule a free consultation.\n")
    report = auditor.audit_path(str(tmp_path / "doc.txt"), "doc.txt")
    found = claim_findings(report)
    assert (line, column, "not-controlled", MatchKind.exact, Stance.asserts) in found
    assert not [f for f in report.findings if f.rule == "stale-quote"]


def test_curly_quotes_in_the_registry_match_straight_ones_in_the_text(tmp_path):
    registry = REGISTRY.replace("it is not a controlled substance like", "it\u2019s not a controlled substance like")
    auditor = make(tmp_path, "So it's not a controlled substance like other hallucinogenic drugs.", registry)
    report = auditor.audit_text((tmp_path / "doc.txt").read_text(), "doc.txt")
    assert [(c[0], c[1], c[2]) for c in claim_findings(report)] == [(1, 4, "not-controlled")]


def test_a_quote_no_longer_in_its_document_is_stale_and_points_into_the_registry(tmp_path):
    auditor = make(tmp_path, "Ketamine is a Schedule III drug.\nContact VIP Ketamine Clinics to schedule a free consultation.\n")
    report = auditor.audit_path(str(tmp_path / "doc.txt"), "doc.txt")
    report = auditor.audit_text((tmp_path / "doc.txt").read_text(), "doc.txt", "doc")
    stale = [f for f in report.findings if f.rule == "stale-quote"]
    assert len(stale) == 1
    assert stale[0].severity is Severity.error
    assert stale[0].path.endswith("claims.yaml")
    assert stale[0].line == 18  # the quote's line in the registry
    assert "not-controlled" in stale[0].message


def test_finding_carries_verdict_severity_correction(tmp_path):
    auditor = make(tmp_path, "It is not a controlled substance like other hallucinogenic drugs.")
    finding = auditor.audit_text((tmp_path / "doc.txt").read_text(), "doc.txt").findings[0]
    assert finding.severity is Severity.error
    assert finding.rule == "factually-wrong"
    assert finding.fix == "Ketamine is a Schedule III controlled substance."
    assert finding.match.matched_text == "It is not a controlled substance like other hallucinogenic drugs"
    assert (finding.end_line, finding.end_column) == (1, 65)


def test_negation_added_around_an_exact_quote_flips_the_stance(tmp_path):
    auditor = make(tmp_path, "")
    text = "It is not true that it is not a controlled substance like other hallucinogenic drugs."
    findings = auditor.audit_text(text, "new.txt").findings
    assert [(f.rule, f.severity, f.match.stance, f.match.stance_rule) for f in findings] == [
        ("agrees-with-evidence", Severity.info, Stance.agrees_with_evidence, "negation")
    ]


def test_an_exact_quote_called_false_is_reported_and_refuted(tmp_path):
    auditor = make(tmp_path, "")
    text = "It is false that it is not a controlled substance like other hallucinogenic drugs."
    findings = auditor.audit_text(text, "new.txt").findings
    assert [(f.rule, f.severity, f.match.stance, f.match.stance_rule) for f in findings] == [
        ("reports-claim", Severity.info, Stance.agrees_with_evidence, "refuted-judgement")
    ]


def test_marketing_is_never_flipped(tmp_path):
    auditor = make(tmp_path, "")
    text = "Don't wait. Contact VIP Ketamine Clinics to schedule a free consultation."
    findings = auditor.audit_text(text, "new.txt").findings
    assert [(f.match.claim_id, f.match.stance) for f in findings] == [("consult", Stance.asserts)]


def test_the_auditor_pickles_without_its_compiled_matchers(tmp_path):
    auditor = make(tmp_path, "")
    text = "It is not a controlled substance like other hallucinogenic drugs."
    before = auditor.audit_text(text, "x").findings
    clone = pickle.loads(pickle.dumps(auditor))
    assert clone.audit_text(text, "x").findings == before


def test_suggest_lists_check_worthy_sentences_not_covered(tmp_path):
    auditor = Auditor(make(tmp_path, "").registry, suggest=True)
    text = textwrap.dedent("""\
        Our clinic is friendly.
        A 2021 study at Stanford found that 85% of patients improved.
        Ketamine is FDA-approved for migraines.
        """)
    findings = [f for f in auditor.audit_text(text, "new.txt").findings if f.rule == "unregistered-claim"]
    assert [f.line for f in findings] == [2, 3]
    assert "statistic" in findings[0].message and "regulatory" in findings[1].message


def test_html_is_audited_without_markup_at_the_pages_own_lines(tmp_path):
    auditor = make(tmp_path, "")
    page = ("<!DOCTYPE html>\n<html><head><title>Clinic</title><style>p{color:red}</style></head>\n"
            "<body><p>Ketamine&rsquo;s <b>great</b>: it is not a controlled substance like other "
            "hallucinogenic drugs.</p>\n<script>var s = 'it is not a controlled substance like other "
            "hallucinogenic drugs';</script></body></html>\n")
    report = auditor.audit_text(page, "page.html")
    [finding] = [f for f in report.findings if f.match]
    assert (finding.line, finding.column) == (3, page.splitlines()[2].index("it is not") + 1)
    m = finding.match
    assert " ".join(m.sentence.split()).startswith("Ketamine\u2019s great :")
    assert m.sentence[m.start - m.sentence_start:m.end - m.sentence_start] == m.matched_text
    assert "<" not in m.sentence


def test_markup_stripping_keeps_length_and_line_breaks():
    from claimcheck.markup import html_to_text

    source = "<p>a &amp; b</p>\n<!-- c\nd -->e&nbsp;f &bogus; <unclosed"
    text = html_to_text(source)
    assert len(text) == len(source)
    # the page's own line breaks stay where they are; block-level tags add paragraph breaks
    assert {i for i, c in enumerate(source) if c == "\n"} <= {i for i, c in enumerate(text) if c == "\n"}
    from claimcheck.text import normalise

    assert "a & b" in normalise(text) and "&bogus;" in text and "e f &bogus;" in normalise(text)


# --- a text that names no claim's subject -------------------------------------------------------

CLAIMS = str(Path(__file__).resolve().parent.parent / "claims.yaml")

NO_SUBJECT_TEXTS = [
    # subject-free claims restated (calls to action, antidepressants' delay), and subject
    # claims' words without their subject: only the first may be found
    "Book your free consultation today and start feeling better. Most antidepressants take "
    "four to six weeks before patients notice any effect at all, our psychiatrist explains.",
    "About 70 percent of patients respond, and relief comes within hours of the first infusion. "
    "It is not a controlled substance and the FDA approved it for depression.",
    "TMS therapy: seven in ten of our clients improve. Schedule a no-cost screening call with our team.",
]


@pytest.mark.parametrize("text", NO_SUBJECT_TEXTS)
def test_a_text_naming_no_subject_is_read_for_subject_free_claims_with_the_same_findings(text, monkeypatch):
    """Value and fuzzy matching skip claims whose subject the text never names; claimcheck
    would drop their matches anyway, so the findings are those of the whole registry."""
    registry = load_registry(CLAIMS).registry
    gated = Auditor(registry).audit_text(text, "page.txt")
    assert not Auditor(registry)._names_a_subject(text)
    monkeypatch.setattr(Auditor, "_names_a_subject", lambda self, document: True)
    whole = Auditor(registry).audit_text(text, "page.txt")
    assert _everything(gated.findings) == _everything(whole.findings)


def test_a_text_naming_a_subject_is_read_for_every_claim():
    registry = load_registry(CLAIMS).registry
    auditor = Auditor(registry)
    assert auditor._names_a_subject("Ketamine infusions: about 70 percent of patients respond.")
    report = auditor.audit_text("Ketamine infusions: about 70 percent of patients respond within hours.", "page.txt")
    assert any(f.match and f.match.claim_id == "ketamine-70-percent-response" for f in report.findings)


def _everything(findings):
    return [(f, f.severity, f.message, f.fix, f.match) for f in findings]


def test_a_subject_free_claim_is_still_found_in_a_text_naming_no_subject():
    report = Auditor(load_registry(CLAIMS).registry).audit_text(NO_SUBJECT_TEXTS[0], "page.txt")
    # "take four to six weeks before patients notice any effect at all" is also the stronger
    # subject-free claim that no effect at all shows before four weeks
    assert [f.match.claim_id for f in report.findings if f.match] == ["antidepressants-take-weeks",
                                                                       "ssri-minimum-four-weeks-any-effect"]
