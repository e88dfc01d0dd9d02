"""The project's own registry: the invariants a reviewer relies on."""

from __future__ import annotations

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
