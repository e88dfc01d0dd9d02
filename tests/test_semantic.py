"""The optional semantic tier (claimcheck.semantic): offline, verified, never louder than a warning."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimcheck import semantic
from claimcheck.audit import Auditor, AuditOptions
from claimcheck.cli import app
from claimcheck.loader import load_registry
from claimcheck.model import MatchKind, Severity
from conftest import ROOT


def test_without_the_extra_semantic_is_one_clear_error(monkeypatch):
    def unavailable():
        raise semantic.SemanticUnavailable("the semantic tier needs the 'semantic' extra: in claimcheck's folder, pip install '.[semantic]' (wordllama)")

    monkeypatch.setattr(semantic, "load_model", unavailable)
    result = CliRunner().invoke(app, ["audit", "--semantic", "-"], input="Ketamine helps.\n")
    assert result.exit_code == 2
    assert "pip install '.[semantic]'" in result.output
    assert "Traceback" not in result.output


def test_the_semantic_tier_is_off_by_default():
    assert MatchKind.semantic not in AuditOptions.kinds


wordllama = pytest.importorskip("wordllama")


@pytest.fixture(scope="module")
def registry():
    return load_registry(str(ROOT / "claims.yaml")).registry


def test_the_model_files_are_the_upstream_ones():
    from pathlib import Path

    folder = Path(wordllama.__file__).resolve().parent
    assert semantic.git_blob_id(folder / semantic.WEIGHTS[0]) == semantic.WEIGHTS[1]
    assert semantic.git_blob_id(folder / semantic.TOKENIZER[0]) == semantic.TOKENIZER[1]


def test_a_changed_model_file_is_refused(monkeypatch):
    monkeypatch.setattr(semantic, "_MODEL", None)
    monkeypatch.setattr(semantic, "WEIGHTS", (semantic.WEIGHTS[0], "0" * 40))
    with pytest.raises(semantic.SemanticUnavailable, match="differs from the upstream release"):
        semantic.load_model()


def test_nothing_is_fetched(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the semantic tier tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(semantic, "_MODEL", None)
    assert semantic.load_model() is not None


def test_a_semantic_finding_is_at_most_a_warning_and_says_review(registry):
    auditor = Auditor(registry, kinds=AuditOptions.kinds + (MatchKind.semantic,))
    auditor.matcher.__dict__["_semantic"] = semantic.SemanticMatcher(registry, threshold=0.3)
    text = "Ketamine treatment is an option.\nMany patients notice that their mood gets lighter and their outlook more hopeful with ketamine.\n"
    findings = [f for f in auditor.audit_text(text, "new.txt").findings if f.match and f.match.kind is MatchKind.semantic]
    assert findings
    for finding in findings:
        assert finding.severity is not Severity.error
        assert finding.message.startswith(f"possible restatement of claim {finding.match.claim_id} (similarity ")
        assert "): review" in finding.message


def test_registry_embeddings_are_cached(registry):
    first = semantic.SemanticMatcher(registry)
    second = semantic.SemanticMatcher(registry)
    assert first.matrix is second.matrix
