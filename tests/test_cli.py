"""The CLI through typer's CliRunner: list, audit, stats, schema, exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from claimcheck import __version__
from claimcheck.cli import app

runner = CliRunner()


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimcheck {__version__}"


def test_list_piped_is_one_claim_per_line_sorted_by_document_then_id(mini_registry_path):
    result = run("list", "--registry", str(mini_registry_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "fda-approved-depression", "free-consultation", "not-controlled", "seventy-percent"]
    assert lines[0] == ("fda-approved-depression\tfalse\tfactually-wrong\tpage\t"
                        "Ketamine is FDA-approved for treating depression.")
    assert all(len(line.split("\t")) == 5 for line in lines)


@pytest.mark.parametrize(
    "options, expected",
    [
        (["--flag", "marketing"], ["free-consultation"]),
        (["--verdict", "false"], ["fda-approved-depression", "not-controlled"]),
        (["--severity", "warning"], ["fda-approved-depression", "not-controlled", "seventy-percent"]),
        (["--doc", "page", "--flag", "unsupported"], ["seventy-percent"]),
        (["--doc", "pa"], ["fda-approved-depression", "free-consultation", "not-controlled", "seventy-percent"]),
    ],
)
def test_list_filters_and_json(mini_registry_path, options, expected):
    result = run("list", "--registry", str(mini_registry_path), "--format", "json", *options)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["id"] for c in data] == expected
    for entry in data:
        assert {"id", "claim", "verdict", "flags", "severity", "appearances", "sources"} <= set(entry)


def test_list_rejects_an_unknown_verdict(mini_registry_path):
    result = runner.invoke(app, ["list", "-r", str(mini_registry_path), "--verdict", "wrong"])
    assert result.exit_code == 2


def test_audit_by_document_id_shows_line_column_verdict_and_correction(mini_registry_path):
    result = run("audit", "page", "--registry", str(mini_registry_path))
    assert result.exit_code == 1  # errors present, --fail-on error by default
    out = result.stdout
    assert "tests/fixtures/mini/docs/page.txt:3:1  error  factually-wrong" in out
    assert "fix: Ketamine is a Schedule III controlled substance in the United States." in out
    assert "source: U.S. Drug Enforcement Administration (2024). Drug Scheduling." in out
    assert "verdict: unreliable" in out


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_audit_fail_on(mini_registry_path, fail_on, code):
    assert run("audit", "page", "-r", str(mini_registry_path), "--fail-on", fail_on).exit_code == code


def test_audit_of_a_clean_text_exits_zero(mini_registry_path):
    result = run("audit", "-", "-r", str(mini_registry_path), input="Sleep well and exercise.\n")
    assert result.exit_code == 0
    assert "no-known-problems" in result.stdout


def test_audit_json_is_valid_and_complete(mini_registry_path):
    result = run("audit", "page", "-r", str(mini_registry_path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["tool"] == "claimcheck" and data["format_version"] == 1 and data["kind"] == "audit"
    [document] = data["documents"]
    first = document["findings"][0]
    assert (first["line"], first["column"], first["rule"], first["severity"]) == (3, 1, "factually-wrong", "error")
    assert first["claim"]["verdict"] == "false"
    assert first["claim"]["sources"][0]["url"].startswith("https://")
    assert data["summary"]["by_severity"] == {"error": 2, "warning": 1, "info": 1}


def test_stale_quote_makes_audit_fail(tmp_path, mini_registry_path):
    shutil.copytree(mini_registry_path.parent, tmp_path / "reg")
    page = tmp_path / "reg" / "docs" / "page.txt"
    page.write_text(page.read_text().replace("works for 70% of patients", "helps many patients"))
    result = run("audit", "page", "-r", str(tmp_path / "reg" / "claims.yaml"), "--fail-on", "error")
    assert result.exit_code == 1
    assert "stale-quote" in result.stdout
    assert "seventy-percent" in result.stdout


def test_audit_all_audits_every_registered_document(mini_registry_path):
    result = run("audit", "--all", "-r", str(mini_registry_path), "--fail-on", "never")
    assert result.exit_code == 0
    assert "docs/page.txt" in result.stdout


def test_missing_target_and_missing_registry_are_exit_2(tmp_path, mini_registry_path, monkeypatch):
    result = runner.invoke(app, ["audit", "nope.txt", "-r", str(mini_registry_path)])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 2
    assert "no claims.yaml" in result.stderr


def test_broken_registry_is_one_line_per_error_and_exit_2(tmp_path):
    (tmp_path / "claims.yaml").write_text("schema_version: 1\nclaims: [\n", encoding="utf-8")
    result = runner.invoke(app, ["list", "-r", str(tmp_path / "claims.yaml")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{tmp_path / 'claims.yaml'}:") or "claims.yaml:" in lines[0]
    assert "yaml-syntax" in lines[0]
    assert "Traceback" not in result.output


def test_registry_is_found_in_a_parent_folder(monkeypatch, mini_registry_path):
    monkeypatch.chdir(mini_registry_path.parent / "docs")
    result = run("list", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 4


def test_stats_json(mini_registry_path):
    data = json.loads(run("stats", "-r", str(mini_registry_path), "--format", "json").stdout)
    assert data["claims"] == 4
    assert data["verdicts"]["false"] == 2
    assert data["documents"][0]["rating"] == "unreliable"


def test_schema_is_json():
    data = json.loads(run("schema").stdout)
    assert data["$schema"].startswith("https://json-schema.org/")
