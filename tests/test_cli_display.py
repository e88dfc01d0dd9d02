"""What a person sees from the CLI: list and audit in a real terminal (a pty) at 80, 120 and 200
columns, list's filters, show, the display floor, and one style for every bad option value."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import MINI_REGISTRY, ROOT
from claimcheck.cli import app

runner = CliRunner()
WIDTHS = (80, 120, 200)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


def in_terminal(args: list[str], width: int) -> str:
    """claimcheck ARGS with standard output on a pseudo-terminal ``width`` columns wide."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen([sys.executable, "-m", "claimcheck", *args], cwd=ROOT, env=env, stdout=child,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main)
    return ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def bundled():
    from claimcheck.loader import load_registry

    return load_registry(str(ROOT / "claims.yaml")).registry


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("document", [None, "004"])
def test_list_in_a_terminal_loses_no_text_and_breaks_no_id(bundled, width, document):
    out = in_terminal(["list", *(["--doc", document] if document else [])], width)
    claims = [c for c in bundled.claims.values()
              if document is None or any(a.document.startswith(document) for a in c.appearances)]
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    assert lines[0].strip()
    tokens = {t for line in lines for t in line.split()}
    if lines[0].startswith("id "):
        column = lines[0].index("claim")
        flat = squeeze(" ".join(line[column:] for line in lines[2:-1]))
    else:
        flat = squeeze(out)
    for claim in claims:
        assert claim.id in tokens, claim.id
        assert squeeze(claim.claim) in flat, claim.id
    assert lines[-1].strip() == f"{len(claims)} claims"


@pytest.mark.parametrize("width", WIDTHS)
def test_audit_in_a_terminal_loses_no_text_and_breaks_no_id(bundled, width):
    out = in_terminal(["audit", "--all", "--min-severity", "info"], width)
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    tokens = {t.strip("()[]") for line in lines for t in line.split()}
    flat = squeeze(out)
    ids = set(re.findall(r"\] ([a-z0-9][a-z0-9._-]*)", flat))
    assert len(ids) > 40
    for claim_id in ids:
        assert claim_id in tokens
        assert squeeze(bundled.claims[claim_id].claim) in flat


def test_audit_in_a_terminal_shows_warnings_up_and_counts_the_rest(bundled):
    out = in_terminal(["audit", "004"], 120)
    assert "  info  " not in out
    assert re.search(r"^  \d+ info findings not shown \(--min-severity info shows them\)$", out, re.M)
    assert "(28 findings: 5 errors, 8 warnings, 15 info)" in out


def test_piped_list_is_one_claim_per_line_and_starts_with_a_claim(bundled):
    result = subprocess.run([sys.executable, "-m", "claimcheck", "list"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    lines = result.stdout.splitlines()
    assert len(lines) == len(bundled.claims)
    assert lines[0].split("\t")[0] in bundled.claims
    assert all(len(line.split("\t")) == 5 for line in lines)


def test_piped_audit_shows_every_finding_one_line_each():
    result = run("audit", "page", "-r", str(MINI_REGISTRY))
    assert "  info  " in result.stdout and "not shown" not in result.stdout
    quiet = run("audit", "page", "-r", str(MINI_REGISTRY), "--quiet")
    assert "  info  " not in quiet.stdout
    assert "  1 info finding not shown (--min-severity info shows it)" in quiet.stdout.splitlines()
    assert quiet.exit_code == result.exit_code == 1
    assert run("audit", "page", "-r", str(MINI_REGISTRY), "--min-severity", "error").stdout.count("  warning  ") == 0


def test_list_accepts_a_short_document_prefix():
    result = run("list", "--doc", "004", "--format", "tsv")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) > 5
    assert all("004_a859421826e220fa" in line.split("\t")[3] for line in result.stdout.splitlines())


@pytest.mark.parametrize("args, message", [
    (["--doc", "nosuchdoc"], "Invalid value for --doc: no document 'nosuchdoc' in the registry"),
    (["--doc", "00"], "Invalid value for --doc: '00' matches several documents"),
    (["--flag", "factualy-wrong"], "no flag 'factualy-wrong' in the registry; did you mean 'factually-wrong'?"),
    (["--severity", "never"], "Invalid value for --severity: 'never' is not one of error, warning, info"),
])
def test_list_refuses_what_would_match_nothing(args, message):
    result = runner.invoke(app, ["list", *args])
    assert result.exit_code == 2
    assert message in squeeze(result.output)


@pytest.mark.parametrize("args, message", [
    (["audit", "004", "--fail-on", "bogus"], "Invalid value for --fail-on: 'bogus' is not one of error, warning, info, never"),
    (["audit", "004", "--format", "bogus"], "Invalid value for --format: 'bogus' is not one of text, json, jsonl"),
    (["audit", "004", "--match", "bogus"], "Invalid value for --match: 'bogus' is not one of exact, pattern, value, fuzzy"),
    (["audit", "004", "--min-severity", "never"], "Invalid value for --min-severity: 'never' is not one of error,"),
    (["audit", "004", "--fuzzy-threshold", "2"], "Invalid value for --fuzzy-threshold: '2' is not a number from 0.0 to 1.0"),
    (["audit", "004", "--fuzzy-threshold", "x"], "Invalid value for --fuzzy-threshold: 'x' is not a number from 0.0 to 1.0"),
    (["audit", "004", "--jobs", "0"], "Invalid value for --jobs: '0' is not a whole number of 1 or more"),
    (["list", "--format", "bogus"], "Invalid value for --format: 'bogus' is not one of text, tsv, json"),
    (["list", "--verdict", "bogus"], "Invalid value for --verdict: 'bogus' is not one of accurate,"),
    (["lint", "--fail-on", "bogus"], "Invalid value for --fail-on: 'bogus' is not one of error, warning, info, never"),
    (["stats", "--format", "bogus"], "Invalid value for --format: 'bogus' is not one of text, json"),
    (["show", "x", "--format", "bogus"], "Invalid value for --format: 'bogus' is not one of text, json"),
])
def test_every_bad_option_value_gets_one_style_of_message(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in squeeze(result.output)
    assert "Value error" not in result.output and "Input should" not in result.output


@pytest.mark.parametrize("command", ["list", "audit", "lint", "stats", "show", "schema", "rules",
                                     "export claimreview"])
def test_help_shows_metavars_people_read(command):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert not re.search(r"<(str|int|float|list\[|.*range)", result.output), result.output


def test_show_prints_one_claim_in_full(bundled):
    result = run("show", "ketamine-fda-approved-depression")
    assert result.exit_code == 0
    out = result.stdout
    claim = bundled.claims["ketamine-fda-approved-depression"]
    assert squeeze(claim.claim) in squeeze(out) and squeeze(claim.rationale) in squeeze(out)
    assert squeeze(claim.correction) in squeeze(out)
    assert "documents/004_a859421826e220fa.txt:1:236" in out
    for source_id in claim.sources:
        assert bundled.sources[source_id].title in out
    assert "safety-omission (warning)" in out


def test_show_json_locates_every_appearance(bundled):
    result = run("show", "ketamine-70-percent", "--format", "json")  # a prefix of one claim
    data = json.loads(result.stdout)
    claim = bundled.claims[data["id"]]
    assert data["id"] == "ketamine-70-percent-response"
    assert len(data["appearances"]) == len(claim.appearances)
    for place in data["appearances"]:
        assert place["path"].startswith("documents/") and place["line"] >= 1 and place["column"] >= 1
        assert place["problem"] is None
    assert [s["id"] for s in data["sources"]] == claim.sources


def test_show_an_unknown_claim_is_a_usage_error_with_a_suggestion():
    result = runner.invoke(app, ["show", "ketamine-fda-aproved-depression"])
    assert result.exit_code == 2
    assert "did you mean 'ketamine-fda-approved-depression'" in squeeze(result.output)


def test_show_says_when_a_quote_is_no_longer_in_its_document(tmp_path):
    import shutil

    folder = tmp_path / "mini"
    shutil.copytree(MINI_REGISTRY.parent, folder)
    page = folder / "docs" / "page.txt"
    page.write_text(page.read_text().replace("works for 70% of patients", "helps some patients"))
    result = run("show", "seventy-percent", "-r", str(folder / "claims.yaml"))
    assert result.exit_code == 0
    assert "not found: the quote is no longer in the document" in result.stdout


def test_audit_all_and_an_id_audits_each_document_once():
    result = run("audit", "--all", "004_a859421826e220fa", "--fail-on", "never", "--brief")
    assert result.stdout.count("\u25a0 documents/004_a859421826e220fa.txt") == 1
    assert "  5 documents, " in result.stdout
    by_path = run("audit", "documents/004_a859421826e220fa.txt", "004", "--fail-on", "never", "--brief")
    assert by_path.stdout.count("\u25a0 ") == 1


def test_the_more_sources_hint_names_a_command_that_works():
    out = run("audit", "000", "--fail-on", "never").stdout
    hint = re.search(r"claimcheck show ([a-z0-9._-]+)\)", out)
    assert hint
    assert run("show", hint.group(1)).exit_code == 0
