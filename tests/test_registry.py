"""The project's own registry: the invariants a reviewer relies on."""

from __future__ import annotations

import re

import pytest

from claimcheck.audit import Auditor
from claimcheck.lint import lint
from claimcheck.loader import document_path, load_registry
from claimcheck.model import Severity, Verdict
from conftest import ROOT


@pytest.fixture(scope="module")
def loaded():
    result = load_registry(str(ROOT / "claims.yaml"))
    assert result.registry is not None
    return result


@pytest.fixture(scope="module")
def registry(loaded):
    return loaded.registry


@pytest.fixture(scope="module")
def reports(registry):
    auditor = Auditor(registry)
    return {
        doc.id: auditor.audit_text(
            open(document_path(registry.root, doc.path), encoding="utf-8").read(), doc.path, doc.id)
        for doc in registry.documents.values()
    }


def test_the_registry_lints_without_errors(loaded):
    errors = [f for f in lint(loaded) if f.severity is Severity.error]
    assert errors == []


def test_documents_are_byte_identical_copies_of_the_seeds(registry):
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    for doc in registry.documents.values():
        assert (ROOT / doc.path).read_bytes() == (seeds / (doc.id + ".txt")).read_bytes()


def test_every_quote_is_located_and_nothing_is_stale(registry, reports):
    for doc_id, report in reports.items():
        assert not [f for f in report.findings if f.rule == "stale-quote"], doc_id
        located = {f.match.claim_id for f in report.findings if f.match}
        expected = {c.id for c in registry.claims.values() if any(a.document == doc_id for a in c.appearances)}
        assert expected <= located, (doc_id, expected - located)


def test_false_and_misleading_verdicts_have_a_correction_and_a_source(registry):
    for claim in registry.claims.values():
        if claim.verdict in (Verdict.false, Verdict.misleading):
            assert claim.correction and claim.correction.strip(), claim.id
            assert claim.sources, claim.id
        if claim.verdict is Verdict.accurate:
            assert claim.sources, claim.id


def test_every_flag_and_source_used_is_defined_and_every_source_is_complete(registry):
    for claim in registry.claims.values():
        assert set(claim.flags) <= set(registry.flags), claim.id
        assert set(claim.sources) <= set(registry.sources), claim.id
    for source in registry.sources.values():
        assert source.title and source.publisher and source.year
        assert source.url or source.doi or source.pmid, source.id


@pytest.mark.parametrize(
    "document, claim_id, line, words",
    [
        ("002_88d3b8cad0cf7519", "ketamine-not-controlled", 15, "not a controlled substance"),
        ("004_a859421826e220fa", "ketamine-fda-approved-depression", 1, "approved by the FDA for treating depression"),
    ],
)
def test_the_card_examples_are_factually_wrong_with_correction_and_source(registry, reports, document, claim_id,
                                                                          line, words):
    claim = registry.claims[claim_id]
    assert claim.verdict is Verdict.false
    assert "factually-wrong" in claim.flags
    assert claim.correction and claim.sources
    assert any(registry.sources[s].publisher.startswith(("U.S. Food and Drug", "U.S. Drug Enforcement"))
               for s in claim.sources)
    [finding] = [f for f in reports[document].findings if f.match and f.match.claim_id == claim_id]
    assert finding.line == line
    assert finding.severity is Severity.error and finding.rule == "factually-wrong"
    assert words in finding.match.matched_text


def test_each_document_is_covered_including_its_sales_passages(registry):
    for doc in registry.documents.values():
        claims = [c for c in registry.claims.values() if any(a.document == doc.id for a in c.appearances)]
        assert len(claims) >= 8, (doc.id, len(claims))
    marketing = {a.document for c in registry.claims.values() if {"marketing", "off-topic"} & set(c.flags)
                 for a in c.appearances}
    # every bundled document except the news article (002) carries a sales passage or product plug
    assert {"000_838ac44e7969d4fd", "001_9d4116f8f411c7b8", "003_0b85e8669a762231",
            "004_a859421826e220fa"} <= marketing


def test_recurring_claims_are_reviewed_once_with_several_appearances(registry):
    for claim_id in ("ketamine-70-percent-response", "ketamine-relief-within-hours", "ketamine-grows-synapses"):
        documents = {a.document for a in registry.claims[claim_id].appearances}
        assert len(documents) >= 2, claim_id


# ---- regulatory status: no correction or rationale may state a superseded approval status ----
#
# One row per regulatory change that made earlier wording stale. A sentence that names the drug
# (``drug``) and states the superseded status (``stale``) is an error outright; a text that names
# the drug in a sentence about its approval must also state the current status (``current``).
# Add a row when a regulator changes a status that the registry's texts describe.
SUPERSEDED_APPROVALS = [
    {
        "drug": r"\b(?:es-?ketamine|spravato)\b",
        # what was true from March 2019 until January 2025: adjunctive use only
        "stale": (
            # "only ... with an oral antidepressant", unless "only" is about the setting (REMS, clinic)
            r"\bonly\b(?![^.;]{0,40}\b(?:settings?|REMS|supervis\w*|certified|clinics?|offices?)\b)[^.;]{0,80}"
            r"\b(?:together\s+with|in\s+conjunction\s+with|along\s*(?:side|\s+with)|with)\s+(?:an?\s+)?oral\s+"
            r"antidepressant",
            r"\boral\s+antidepressants?\s*\)?\s*only\b",
            r"\b(?:must|has\s+to|needs\s+to|can\s+only)\s+be\s+(?:taken|used|given|prescribed|combined)\s+"
            r"(?:together\s+)?with\s+(?:an?\s+)?oral\s+antidepressant",
            r"\b(?:only|solely|exclusively)\s+(?:as\s+)?(?:an?\s+)?(?:add-?on|adjunct(?:ive)?)\b",
            r"\bnot\s+(?:approved|authori[sz]ed)\s+(?:as\s+(?:a\s+)?)?(?:monotherapy|on\s+its\s+own|alone|by\s+itself)",
        ),
        "current": r"\b2025\b[^.]{0,160}\b(?:monotherapy|on\s+its\s+own|by\s+itself|alone|standalone)\b"
                   r"|\b(?:monotherapy|on\s+its\s+own|by\s+itself|standalone)\b[^.]{0,160}\b2025\b",
        "since": "January 2025 (FDA approval of Spravato monotherapy for treatment-resistant depression)",
    },
]
APPROVAL_WORDS = re.compile(r"\b(?:approv\w*|licen[cs]\w*|authori[sz]\w*|indicated|cleared)\b", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+", " ".join(text.split())) if s]


def regulatory_problems(text: str) -> list[str]:
    """What a rationale or correction says about an approval that a later decision superseded."""
    problems = []
    for row in SUPERSEDED_APPROVALS:
        drug = re.compile(row["drug"], re.I)
        about_approval = False
        for sentence in _sentences(text):
            if not drug.search(sentence):
                continue
            about_approval = about_approval or bool(APPROVAL_WORDS.search(sentence))
            for stale in row["stale"]:
                if re.search(stale, sentence, re.I):
                    problems.append(f"states a status superseded in {row['since']}: {sentence!r}")
        if about_approval and not re.search(row["current"], " ".join(text.split()), re.I):
            problems.append(f"describes the approval but not the status since {row['since']}")
    return problems


@pytest.mark.parametrize("text", [
    # the registry's own wording before the 2026-11-29 review
    "The related drug esketamine (Spravato) nasal spray was approved in 2019 for treatment-resistant "
    "depression, together with an oral antidepressant and under supervision.",
    "the related esketamine was approved in 2019 only for treatment-resistant depression, together "
    "with an oral antidepressant and under a REMS because of sedation, dissociation and abuse risk (FDA 2019).",
    "the related esketamine was approved for treatment-resistant depression (FDA 2019).",
    # other ways of saying the same stale thing
    "Spravato must be taken with an oral antidepressant.",
    "Esketamine is approved only as an add-on to an oral antidepressant.",
    "Spravato is not approved as monotherapy.",
    "Esketamine can only be used together with an oral antidepressant.",
    "In 2025 the label still says Spravato is for use with an oral antidepressant only.",
])
def test_the_superseded_esketamine_status_is_caught(text):
    assert regulatory_problems(text)


@pytest.mark.parametrize("text", [
    "Esketamine (Spravato) is approved for treatment-resistant depression (since 2019 together with "
    "an oral antidepressant, and since January 2025 also on its own, as monotherapy).",
    "Spravato was approved in March 2019; in January 2025 the FDA approved it as monotherapy.",
    "The related esketamine is available only under a REMS, with at least two hours of monitoring.",
    "Ketamine is FDA-approved only as an anesthetic.",
    "Esketamine was approved in 2019 with an oral antidepressant and is given only in certified settings; "
    "since January 2025 it is also approved as monotherapy.",
])
def test_current_or_unrelated_wording_passes(text):
    assert regulatory_problems(text) == []


def test_no_correction_or_rationale_states_a_superseded_approval_status(registry):
    problems = {
        (claim.id, field): found
        for claim in registry.claims.values()
        for field in ("rationale", "correction")
        if (found := regulatory_problems(getattr(claim, field) or ""))
    }
    assert problems == {}
