"""`claimcheck add`: a new document's entries drafted into the registry, in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.drafting import document_id_from, title_from
from claimcheck.lint import lint_path
from claimcheck.loader import load_registry
from conftest import FIXTURES, ROOT

runner = CliRunner()
BUNDLED = "004_a859421826e220fa"

NEW_TEXT = """\
Ketamine Therapy at Sunrise Clinic

Ketamine is not a controlled substance, so anyone can try it.
Our patients report that 95% of them feel better after one session.
A 2023 study found that ketamine doubles the growth of new neurons.
We are open from nine to five.
"""


@pytest.fixture
def bundled(tmp_path, monkeypatch) -> Path:
    """A copy of the bundled registry and documents, as the working folder."""
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    shutil.copytree(ROOT / "documents", tmp_path / "documents")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name, expected", [
    ("documents/My Article (2).txt", "my-article-2"),
    ("Café_Santé.TXT", "cafe_sante"),
    ("000_838ac44e7969d4fd.txt", "000_838ac44e7969d4fd"),
    ("---.txt", "document"),
])
def test_document_id_from_the_file_name(name, expected):
    assert document_id_from(name) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ketamine Shows Promise\n\nBody.", "Ketamine Shows Promise"),
    ("\n\n  The Science:  A Review  \nBody", "The Science: A Review"),
    ("The 1960s saw the first glimpses of the drug ketamine which was synthesized as a painkiller.", None),
    ("", None),
])
def test_title_from_the_first_line_when_it_is_a_heading(text, expected):
    assert title_from(text) == expected


def test_a_copy_of_a_bundled_document_gets_appearances_of_the_existing_claims(bundled):
    shutil.copy(bundled / "documents" / f"{BUNDLED}.txt", bundled / "documents" / "copy.txt")
    before = load_registry("claims.yaml").registry
    result = runner.invoke(app, ["add", "documents/copy.txt", "--publisher-type", "clinic marketing blog",
                                 "--title", "A copy"])
    assert result.exit_code == 0, result.stderr
    assert "document 'copy'" in result.stderr and "0 draft claims" in result.stderr
    after = load_registry("claims.yaml").registry
    assert after.documents["copy"].path == "documents/copy.txt"
    original = {c.id for c in before.claims.values() if any(a.document == BUNDLED for a in c.appearances)}
    copied = {c.id for c in after.claims.values() if any(a.document == "copy" for a in c.appearances)}
    assert copied == original  # every claim of the document, and only those
    quotes = [(c.id, a.quote) for c in after.claims.values() for a in c.appearances if a.document == "copy"]
    assert len(quotes) == len(set(quotes))  # none duplicated
    assert set(after.claims) == set(before.claims)
    _, findings = lint_path("claims.yaml")
    assert findings == []  # every new quote is verbatim in its document
    again = runner.invoke(app, ["add", "documents/copy.txt"])
    assert again.exit_code == 0 and "nothing to add" in again.stderr


def test_a_new_text_gets_drafts_and_matches(bundled):
    (bundled / "documents" / "sunrise.txt").write_text(NEW_TEXT, encoding="utf-8")
    old = (bundled / "claims.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["add", "documents/sunrise.txt"])
    assert result.exit_code == 0, result.stderr
    registry = load_registry("claims.yaml").registry
    document = registry.documents["sunrise"]
    assert document.title == "Ketamine Therapy at Sunrise Clinic"
    assert document.publisher_type.startswith("TODO")
    drafts = [c for c in registry.claims.values() if c.is_draft]
    assert [a.quote for c in drafts for a in c.appearances] == [
        "Our patients report that 95% of them feel better after one session.",
        "A 2023 study found that ketamine doubles the growth of new neurons."]
    assert all(c.claim == c.appearances[0].quote and not c.flags for c in drafts)
    reviewed = {c.id for c in registry.claims.values() if not c.is_draft
                and any(a.document == "sunrise" for a in c.appearances)}
    assert reviewed == {"ketamine-not-controlled"}  # a rewording, found by its pattern
    new = (bundled / "claims.yaml").read_text(encoding="utf-8")
    assert "# added by claimcheck add: " in new and "match, confidence " in new
    lint = runner.invoke(app, ["lint", "claims.yaml"])
    assert lint.exit_code == 0  # drafts and placeholders are warnings ...
    assert lint.stdout.count("warning claim-unreviewed") == 2 and "warning placeholder-text" in lint.stdout
    strict = runner.invoke(app, ["lint", "--strict", "claims.yaml"])
    assert strict.exit_code == 1  # ... and errors in CI
    queue = runner.invoke(app, ["list", "--verdict", "unreviewed", "-f", "json"])
    assert len(__import__("json").loads(queue.stdout)) == 2
    assert old != new


def test_dry_run_prints_the_yaml_and_changes_nothing(bundled):
    (bundled / "documents" / "sunrise.txt").write_text(NEW_TEXT, encoding="utf-8")
    old = (bundled / "claims.yaml").read_bytes()
    result = runner.invoke(app, ["add", "documents/sunrise.txt", "--dry-run"])
    assert result.exit_code == 0
    assert (bundled / "claims.yaml").read_bytes() == old
    assert "# claims.yaml, before line " in result.stdout and "verdict: unreviewed" in result.stdout
    assert "would add to claims.yaml" in result.stderr
    import yaml

    for block in result.stdout.split("# claims.yaml, before line ")[1:]:
        yaml.safe_load(block.split("\n", 1)[1])  # each block is YAML


def test_no_drafts(bundled):
    (bundled / "documents" / "sunrise.txt").write_text(NEW_TEXT, encoding="utf-8")
    result = runner.invoke(app, ["add", "documents/sunrise.txt", "--no-drafts", "--dry-run"])
    assert "unreviewed" not in result.stdout and ", 0 draft claims" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["add", "../outside.txt"], "outside the registry's folder"),
    (["add", "documents/none.txt"], "none.txt"),
    (["add", "documents/sunrise.txt", "--id", "Bad Id"], "is not an id"),
    (["add", "documents/sunrise.txt", "--id", BUNDLED], "is taken by another document"),
    (["add", "documents/page.html"], "is an HTML page"),
])
def test_refusals(bundled, args, message):
    (bundled / "documents" / "sunrise.txt").write_text(NEW_TEXT, encoding="utf-8")
    (bundled.parent / "outside.txt").write_text(NEW_TEXT, encoding="utf-8")
    (bundled / "documents" / "page.html").write_text("<html><body><p>" + NEW_TEXT + "</p></body></html>",
                                                     encoding="utf-8")
    old = (bundled / "claims.yaml").read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert (bundled / "claims.yaml").read_bytes() == old


def test_a_broken_registry_is_left_alone(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "mini", tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    (tmp_path / "p" / "claims.yaml").write_text("schema_version: 1\nclaims: [\n", encoding="utf-8")
    result = runner.invoke(app, ["add", "docs/page.txt"])
    assert result.exit_code == 2 and "fix the registry first" in result.stderr


def test_an_empty_folder_gets_a_new_registry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(NEW_TEXT, encoding="utf-8")
    result = runner.invoke(app, ["add", "article.txt", "--publisher-type", "clinic marketing blog"])
    assert result.exit_code == 0, result.stderr
    registry = load_registry("claims.yaml").registry
    assert list(registry.documents) == ["article"] and len(registry.claims) == 3


def test_a_sentence_said_again_is_drafted_once_and_ids_stay_unique(bundled):
    """A page that repeats a check-worthy sentence thousands of times (hostile, or a scraped
    page's repeated footer) gets one draft for it; sentences with one slug get -2, -3, ...
    (each found in one step, however many share it)."""
    repeated = "Our patients report that 95% of them feel better after one session.\n"
    similar = "".join(f"Our clinic reports that many patients feel better quickly, in {n}% of cases.\n"
                      for n in range(1, 60))
    (bundled / "documents" / "flood.txt").write_text("Flood\n\n" + repeated * 5000 + similar, encoding="utf-8")
    result = runner.invoke(app, ["add", "documents/flood.txt"])
    assert result.exit_code == 0, result.stderr
    registry = load_registry("claims.yaml").registry
    drafts = [c for c in registry.claims.values() if c.is_draft and c.appearances[0].document == "flood"]
    quotes = [c.appearances[0].quote for c in drafts]
    assert quotes.count(repeated.strip()) == 1 and len(quotes) == 60
    assert next(c for c in drafts if c.claim == repeated.strip()).appearances[0].occurrence == 1
    ids = [c.id for c in drafts]
    base = "our-clinic-reports-many-patients-feel-better"
    assert sorted(ids) == sorted(["our-patients-report-95-them-feel-better", base]
                                 + [f"{base}-{n}" for n in range(2, 60)])
