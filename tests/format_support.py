"""Reports for the output-format tests: the mini registry audited, a lint with problems, and
hostile documents. Paths are relative to the repository root (the tests chdir there)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

LINT_REGISTRY = FIXTURES / "lint" / "claims.yaml"
VERSION = "9.9.9-test"


@pytest.fixture
def at_root(monkeypatch):
    """Run from the repository root, so reported paths are the same everywhere."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def pinned_version(monkeypatch):
    """Golden files do not change with every release."""
    import claimcheck.formats.common as common
    import claimcheck.formats.html as html
    import claimcheck.formats.sarif as sarif

    for module in (common, html, sarif):
        monkeypatch.setattr(module, "__version__", VERSION)


def load(path) -> "object":
    from claimcheck.loader import load_registry

    result = load_registry(str(path))
    assert result.registry is not None and not result.fatal, result.problems
    return result.registry


def audit_report(registry_path, document_ids, *, keep_text=True, suggest=False):
    """An audit Report of registered documents, as ``claimcheck audit ID...`` builds it."""
    from claimcheck.audit import Auditor
    from claimcheck.loader import display_path
    from claimcheck.model import Report

    registry = load(registry_path)
    auditor = Auditor(registry, keep_text=keep_text, suggest=suggest)
    documents = []
    for document_id in document_ids:
        document = registry.documents[document_id]
        path = Path(registry.root) / document.path
        report = auditor.audit_path(str(path), display_path(str(path)))
        documents.append(report)
    return Report("audit", tuple(documents), registry)


def lint_report(registry_path=LINT_REGISTRY):
    """A lint Report, as ``claimcheck lint PATH --format ...`` builds it."""
    from claimcheck.lint import lint_path, lint_report as build

    return build([lint_path(str(registry_path))])


HOSTILE_DOCUMENT = (
    "Intro.\n"
    "Buy now::error::pwned 100%0A off\r\n::set-env name=EVIL::1 and <script>alert(1)</script> | *x* @admin #1.\n"
    "Bidi \u202egnp.exe\u202c and an escape \x1b[31mred\x1b[0m here.\n"
)

HOSTILE_REGISTRY = textwrap.dedent("""\
    schema_version: 1
    flags:
      - {id: factually-wrong, severity: error, description: "Wrong, says: the <b>registry</b>."}
      - {id: odd, severity: warning, description: Odd.}
    sources:
      - {id: s, title: "A title | with [brackets](javascript:alert(1)) and <i>tags</i>", publisher: "P, Inc.", year: 2020,
         url: "https://example.org/a?b=1&c=<2>"}
      - {id: bad, title: Bad link, publisher: X, year: 2020, url: "javascript:alert(1)"}
    documents:
      - {id: evil, path: "evil,name:x.txt", title: "Evil <title> & co", publisher_type: blog}
    claims:
      - id: forged
        claim: "A claim with\\n::error::a forged line"
        verdict: "false"
        flags: [factually-wrong]
        rationale: "Because\\r\\n::add-mask::secret %0A %25 done."
        correction: "Correct\\n::warning file=x::y"
        sources: [s, bad]
        appearances:
          - {document: evil, quote: "Buy now::error::pwned 100%0A off ::set-env name=EVIL::1 and <script>alert(1)</script> | *x* @admin #1."}
      - id: bidi
        claim: Bidi.
        verdict: unsupported
        flags: [odd]
        rationale: Control characters.
        appearances:
          - {document: evil, quote: "Bidi \\u202egnp.exe\\u202c and an escape \\x1b[31mred\\x1b[0m here."}
    """)


def hostile_report(tmp_path, monkeypatch):
    (tmp_path / "claims.yaml").write_text(HOSTILE_REGISTRY, encoding="utf-8")
    (tmp_path / "evil,name:x.txt").write_bytes(HOSTILE_DOCUMENT.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    report = audit_report(tmp_path / "claims.yaml", ["evil"])
    claims = {f.match.claim_id for f in report.findings if f.match}
    assert claims == {"forged", "bidi"}, report.findings
    return report
