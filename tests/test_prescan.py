"""The raw-text prescan (claimcheck.matching.prescan): documents it passes over get exactly the
report the whole pipeline gives them."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.audit import Auditor
from claimcheck.cli import app
from claimcheck.loader import load_registry
from claimcheck.model import MatchKind
from conftest import ROOT

EXACT_AND_PATTERN = (MatchKind.exact, MatchKind.pattern)
DEFAULT = (MatchKind.exact, MatchKind.pattern, MatchKind.value, MatchKind.fuzzy)


@pytest.fixture(scope="module")
def registry():
    return load_registry(str(ROOT / "claims.yaml")).registry


def _without_prescan(auditor: Auditor) -> Auditor:
    auditor.__dict__["_prescan"] = None
    return auditor


def test_unrelated_text_is_no_candidate(registry):
    prescan = Auditor(registry, kinds=EXACT_AND_PATTERN).prescan
    assert prescan is not None
    assert not prescan.candidate("Regular exercise can lower the risk of heart disease.\n" * 20)
    assert not prescan.candidate("<html><body><p>Drink water &amp; sleep well&nbsp;tonight.</p></body></html>",
                                 is_html=True)


def test_a_quote_in_another_spelling_is_a_candidate(registry):
    prescan = Auditor(registry, kinds=EXACT_AND_PATTERN).prescan
    quote = "Ketamine can rapidly reduce the symptoms of depression"
    assert prescan.candidate(quote, plain=True)
    assert prescan.candidate("KETAMINE can\u00a0rapidly\n   reduce the symptoms  of depression", plain=True)
    assert prescan.candidate("<p>Ketamine can <em>rapidly</em>\nreduce the symptoms of depression</p>", is_html=True)


@pytest.mark.parametrize("text, is_html", [
    ("Keta\u00admine can rapidly reduce the symptoms of depression", False),  # soft hyphen: a run is joined
    ("Ketamine\u200b can rapidly reduce the symptoms of depression", False),
    ("<p>&#75;etamine can rapidly reduce the symptoms of depression</p>", True),  # an entity for a letter
    ("<p>Keta&shy;mine can rapidly reduce the symptoms of depression</p>", True),  # ... or an invisible one
])
def test_where_the_anchors_cannot_be_relied_on_the_document_is_a_candidate(registry, text, is_html):
    prescan = Auditor(registry, kinds=EXACT_AND_PATTERN).prescan
    assert prescan.candidate(text, is_html=is_html, plain=not is_html)
    report = Auditor(registry, kinds=EXACT_AND_PATTERN).audit_text(text, "page.html" if is_html else "page.txt")
    assert report.findings  # and the quote is found


def test_options_that_need_every_document_have_no_prescan(registry):
    assert Auditor(registry, suggest=True).prescan is None
    assert Auditor(registry, keep_text=True).prescan is None
    assert Auditor(registry, kinds=(MatchKind.semantic,)).prescan is None


# Pieces of documents: the registry's quotes cut at random, its subjects, words that every
# health text holds, and what the web puts between them (markup, entities, invisible characters,
# curly quotes, wrapped lines).
_PIECES = [
    "Ketamine", "ketamine", "KETAMINE", "Ketalar", "esketamine", " can rapidly reduce the symptoms of depression",
    "they often take 4-6 weeks to work", "They often take 4\u20136 weeks to work", "or not work at all",
    "FDA", "approved", " for depression", "is not a controlled substance", "Schedule III", "free consultation",
    "rebuilds synapses", "brain connections", "within hours", "a miracle", "revolutionary", "70%", "seventy percent",
    "of patients respond", "antidepressants", "weeks", "relief", " ", " ", "\n", "\n\n", "  ", "\u00a0", ". ", ", ",
    "\u2019", "\u201c", "\u201d", "\u2014", "\u00ad", "\u200b", "e\u0301", "&nbsp;", "&amp;", "&rsquo;", "&#107;",
    "<b>", "</b>", "<p>", "</p>", "<nav>", "</nav>", "<!-- a -->", "<script>x</script>", "**", "`code`", "- ",
    "Regular exercise lowers blood pressure.", "Sleep well.", "Patients said it helped within a day.",
]
_documents = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents, st.sampled_from(["page.txt", "page.html", "page.md"]), st.sampled_from([EXACT_AND_PATTERN, DEFAULT]))
def test_prescan_never_changes_a_report(registry, text, name, kinds):
    """Whatever the prescan decides, the report is the one the whole pipeline gives."""
    if name.endswith(".html"):
        text = f"<html><body>{text}</body></html>"
    fast = Auditor(registry, kinds=kinds).audit_text(text, name)
    slow = _without_prescan(Auditor(registry, kinds=kinds)).audit_text(text, name)
    assert fast == slow


def _audit(arguments: list[str]) -> str:
    result = CliRunner().invoke(app, ["audit", "-r", str(ROOT / "claims.yaml"), "-f", "jsonl", "--fail-on", "never",
                                      "-j1", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Small copies of the two benchmark corpora (benchmarks/make_corpus.py, make_sparse.py)."""
    out = str(tmp_path_factory.mktemp("corpora"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import make_corpus
        import make_sparse

        make_sparse.build(out, 300, 0.9, 20261129)
        make_corpus.build_corpus(out, 100, 0.3, 20240607)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return out


@pytest.mark.parametrize("kinds", [["--match", "exact", "--match", "pattern"], []], ids=["exact+pattern", "default"])
@pytest.mark.parametrize("corpus", ["sparse", "corpus"])
def test_benchmark_corpora_give_byte_identical_findings(corpora, monkeypatch, corpus, kinds):
    folder = os.path.join(corpora, corpus)
    fast = _audit([*kinds, folder])
    with monkeypatch.context() as patched:
        patched.setattr(Auditor, "prescan", property(lambda self: None))
        slow = _audit([*kinds, folder])
    assert fast == slow
    assert fast.count("\n") > (5 if corpus == "sparse" else 300)


def test_most_sparse_documents_are_passed_over(corpora, registry):
    """Not a vacuous test: on the sparse corpus the prescan leaves most documents out."""
    from claimcheck.markup import looks_like_html

    prescan = Auditor(registry, kinds=EXACT_AND_PATTERN).prescan
    paths = [os.path.join(root, name) for root, _, names in os.walk(os.path.join(corpora, "sparse")) for name in names]
    candidates = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        is_html = looks_like_html(text, path)
        candidates += prescan.candidate(text, is_html, plain=not is_html)
    assert candidates < 0.2 * len(paths)


def test_the_prescan_steps_aside_where_nearly_everything_is_a_candidate(registry):
    """Asked of PRESCAN_TRIAL documents that all hold a candidate, it is not asked any more (the
    reports stay the pipeline's)."""
    from claimcheck import audit

    auditor = Auditor(registry, kinds=EXACT_AND_PATTERN)
    page = "Ketamine can rapidly reduce the symptoms of depression, they said.\n"
    items = [(page, f"d{i}.txt", None, None) for i in range(audit.PRESCAN_TRIAL)]
    reports = auditor.audit_texts(items)
    assert all(report.findings for report in reports)
    assert auditor.prescan is None
    unrelated = auditor.audit_text("Regular exercise can lower the risk of heart disease.", "x.txt")
    assert unrelated == _without_prescan(Auditor(registry, kinds=EXACT_AND_PATTERN)).audit_text(
        "Regular exercise can lower the risk of heart disease.", "x.txt")


def test_an_unrelated_corpus_keeps_its_prescan(registry):
    from claimcheck import audit

    auditor = Auditor(registry, kinds=EXACT_AND_PATTERN)
    items = [("Regular exercise can lower the risk of heart disease.", f"d{i}.txt", None, None)
             for i in range(audit.PRESCAN_TRIAL + 10)]
    assert not any(report.findings for report in auditor.audit_texts(items))
    assert auditor.prescan is not None


def test_every_raw_spelling_of_an_anchor_character_is_lowered_or_a_fallback():
    """Anchors are ASCII letters and digits searched in bytes lower-cased as ASCII: every other
    character that normalises to one of them makes the document a candidate."""
    import string

    from claimcheck.matching import prescan
    from claimcheck.normalisation import raw_characters

    for char in string.ascii_lowercase + string.digits:
        for raw in raw_characters(char):
            assert raw.isascii() and raw.lower() == char or raw in prescan._NOT_LOWERED, (char, raw)


def test_the_prescan_reads_entities_as_the_html_reader_does():
    from claimcheck import markup
    from claimcheck.matching import prescan

    assert prescan._ENTITY.pattern == markup._ENTITY.pattern


# After LEARN_DOCUMENTS documents the prescan looks first for fewer anchors (each requirement's
# clause seen in the fewest of those documents), then for the others of the requirements whose
# first clause is there: the same answers as the one pass over every anchor, whatever it learnt.
_HEALTH = ["Regular exercise lowers blood pressure and helps people sleep within weeks.",
           "Patients often take their medicine in the morning; research shows it works for many adults.",
           "<p>Sometimes symptoms such as dizziness go away within a day.</p>"]


def _taught(registry, kinds, teaching: list[str]):
    from claimcheck.matching.prescan import LEARN_DOCUMENTS, Prescan

    prescan = Prescan(Auditor(registry, kinds=kinds).matcher, kinds)
    for n in range(LEARN_DOCUMENTS):
        prescan.candidate(teaching[n % len(teaching)])
    assert prescan._first_pass is not None and len(prescan._first_pass[0]) < len(prescan._anchor_bytes)
    return prescan


def _whole_pass(registry, kinds):
    from claimcheck.matching.prescan import Prescan

    prescan = Prescan(Auditor(registry, kinds=kinds).matcher, kinds)
    prescan._learning = None  # never learns: every document gets the one pass over every anchor
    return prescan


@pytest.fixture(scope="module")
def prescans(registry):
    documents = [(ROOT / "documents" / name).read_text(encoding="utf-8") for name in sorted(os.listdir(ROOT / "documents"))]
    kinds_list = [EXACT_AND_PATTERN, (MatchKind.exact, MatchKind.pattern, MatchKind.value), DEFAULT]
    return {kinds: (_whole_pass(registry, kinds), _taught(registry, kinds, _HEALTH), _taught(registry, kinds, documents))
            for kinds in kinds_list}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents, st.booleans(), st.booleans(),
       st.sampled_from([EXACT_AND_PATTERN, (MatchKind.exact, MatchKind.pattern, MatchKind.value), DEFAULT]))
def test_the_first_pass_answers_as_the_whole_pass(prescans, text, is_html, plain, kinds):
    whole, *taught = prescans[kinds]
    if is_html:
        text = f"<html><body>{text}</body></html>"
    expected = whole.candidate(text, is_html, plain=plain and not is_html)
    for prescan in taught:
        prescan._passes = (0, 0)  # keep the first pass (it is given up where it seldom pays)
        assert prescan.candidate(text, is_html, plain=plain and not is_html) == expected


def test_the_first_pass_is_given_up_where_most_documents_need_the_whole_pass(registry):
    from claimcheck.matching.prescan import LEARN_DOCUMENTS

    prescan = _taught(registry, DEFAULT, _HEALTH)
    dense = " ".join(quote for claim in _registry_quotes(registry) for quote in claim)
    for _ in range(2 * LEARN_DOCUMENTS):
        assert prescan.candidate(dense, plain=True)
    assert prescan._first_pass is None


def _registry_quotes(registry):
    return [[appearance.quote for appearance in claim.appearances] for claim in registry.claims.values()]
