"""`claimcheck lint` as a CI gate, through typer's CliRunner: output, colour, exit codes, JSON,
several paths (as pre-commit passes them), and no traceback whatever the input."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from conftest import FIXTURES, MINI_REGISTRY, ROOT

REGISTRIES = FIXTURES / "registries"
MINI = "tests/fixtures/mini/claims.yaml"  # paths are shown as given, relative to the working folder
runner = CliRunner()
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|38;[0-9;]+)m")  # SGR foreground colours


def lint(*args: str, env: dict | None = None):
    result = runner.invoke(app, ["lint", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


def fixture(stem: str) -> str:
    return f"tests/fixtures/registries/{stem}.yaml"


# --- the default output ---------------------------------------------------------------------


def test_findings_are_one_line_each_then_a_summary():
    path = fixture("ref-undefined")
    result = lint(path)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("    fix: ")]
    assert lines == [
        f"{path}:43:13: error ref-undefined claim 'fda-approved-depression' uses undefined flag 'factualy-wrong'; "
        "did you mean 'factually-wrong'?",
        f"{path}:46:15: error ref-undefined claim 'fda-approved-depression' cites undefined source "
        "'dea-drug-sheduling'; did you mean 'dea-drug-scheduling'?",
        f"{path}:48:19: error ref-undefined claim 'fda-approved-depression' appears in undefined document 'pgae'; "
        "did you mean 'page'?",
        f"{path}: 3 problems (3 errors, 0 warnings, 0 info)",
    ]
    assert result.stderr == ""
    assert result.exit_code == 1


def test_line_shape_is_path_line_column_severity_rule_message():
    shape = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) "
                       r"(?P<rule>[a-z0-9-]+) (?P<message>\S.*)$")
    for stem in ("yaml-duplicate-key", "quote-not-found", "unused-flag", "pattern-example"):
        result = lint(fixture(stem))
        findings = [line for line in result.stdout.splitlines()[:-1] if not line.startswith("    fix: ")]
        assert findings and all(shape.match(line) for line in findings), result.stdout
        summary = result.stdout.splitlines()[-1]
        assert re.match(r"^.+: \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\)$", summary)


def test_a_clean_registry_says_so():
    result = lint(MINI)
    assert result.stdout == f"{MINI}: no problems\n"
    assert result.exit_code == 0


def test_the_project_registry_passes_its_own_gate():
    assert lint("claims.yaml").exit_code == 0


def test_the_registry_is_found_from_a_subfolder(monkeypatch):
    monkeypatch.chdir(MINI_REGISTRY.parent / "docs")
    result = lint()
    assert result.exit_code == 0
    assert "no problems" in result.stdout


@pytest.mark.parametrize("env", [{"NO_COLOR": None, "FORCE_COLOR": None}, {"NO_COLOR": "1", "FORCE_COLOR": None}])
def test_plain_when_piped_or_no_color(env):
    result = lint(fixture("quote-not-found"), env=env)
    assert "\x1b" not in result.stdout


def test_no_colour_under_no_color_even_on_a_terminal():
    coloured = lint(fixture("quote-not-found"), env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert COLOUR.search(coloured.stdout)  # the test can see colour when there is some
    plain = lint(fixture("quote-not-found"), env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert not COLOUR.search(plain.stdout)


def test_untrusted_text_in_messages_is_never_markup_or_control_characters(tmp_path):
    registry = tmp_path / "claims.yaml"
    text = MINI_REGISTRY.read_text(encoding="utf-8").replace(
        "  - id: marketing\n", '  - id: marketing\n    "[bold red]x\\e[31m": 1\n')
    registry.write_text(text, encoding="utf-8")
    shutil.copytree(MINI_REGISTRY.parent / "docs", tmp_path / "docs")
    result = lint(str(registry), env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert "[bold red]x\\x1b[31m" in result.stdout
    assert "\x1b" not in result.stdout


# --- exit codes -------------------------------------------------------------------------------

EXIT_CODES = [
    # (fixture, --fail-on, exit code)
    ("../mini/claims", "error", 0),
    ("../mini/claims", "info", 0),
    ("quote-ambiguous", "error", 0),  # a warning only
    ("quote-ambiguous", "warning", 1),
    ("quote-ambiguous", "info", 1),
    ("quote-ambiguous", "never", 0),
    ("correction-missing", "error", 1),
    ("correction-missing", "never", 0),
    ("pattern-example", "error", 1),  # a pattern that does not behave as declared fails the gate
    ("yaml-duplicate-key", "error", 1),
    ("no-such-file", "error", 2),
    ("no-such-file", "never", 2),  # unusable input is never a pass
    ("file-unreadable", "error", 2),  # not UTF-8
    ("yaml-syntax", "error", 2),
    ("yaml-syntax", "never", 2),
    ("schema-shape-empty", "error", 2),
    ("yaml-too-deep", "error", 2),
]


@pytest.mark.parametrize(("stem", "fail_on", "code"), EXIT_CODES)
def test_exit_codes(stem, fail_on, code):
    assert lint(fixture(stem), "--fail-on", fail_on).exit_code == code


def test_a_directory_a_bad_option_and_a_bad_format_are_unusable(tmp_path):
    assert lint(str(tmp_path)).exit_code == 2
    assert lint(str(MINI_REGISTRY), "--fail-on", "sometimes").exit_code == 2
    assert lint(str(MINI_REGISTRY), "--format", "yaml").exit_code == 2


def test_no_registry_anywhere_is_unusable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = lint()
    assert result.exit_code == 2
    assert "no claims.yaml" in result.stderr


# --- several paths (pre-commit passes the changed files) ---------------------------------------


def test_several_paths_are_each_linted_and_the_worst_exit_code_wins():
    result = lint(MINI, fixture("quote-ambiguous"), fixture("correction-missing"))
    summaries = [line for line in result.stdout.splitlines() if re.match(r"^\S+: (no problems|\d+ problem)", line)]
    assert summaries == [f"{MINI}: no problems",
                         f"{fixture('quote-ambiguous')}: 1 problem (0 errors, 1 warning, 0 info)",
                         f"{fixture('correction-missing')}: 1 problem (1 error, 0 warnings, 0 info)"]
    assert result.exit_code == 1
    assert lint(fixture("correction-missing"), fixture("yaml-syntax")).exit_code == 2
    assert lint(MINI, fixture("quote-ambiguous")).exit_code == 0


def test_the_same_registry_twice_is_linted_once():
    result = lint(fixture("quote-ambiguous"), fixture("quote-ambiguous"))
    assert result.stdout.count("quote-ambiguous.yaml: 1 problem") == 1


def test_a_relative_path_as_pre_commit_passes_it(monkeypatch):
    monkeypatch.chdir(REGISTRIES)
    result = lint("quote-ambiguous.yaml")
    assert result.stdout.startswith("quote-ambiguous.yaml:34:16: warning quote-ambiguous ")


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "claimcheck-lint")
    assert hook["entry"] == "claimcheck lint"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("claims.yaml", "registry/claims.yml", "a/b/claims.yaml"))
    assert not any(files.search(p) for p in ("myclaims.yaml", "claims.yaml.bak", "documents/claims.txt"))


# --- JSON ----------------------------------------------------------------------------------------


def test_json_output_has_the_documented_shape():
    result = lint("--format", "json", fixture("ref-undefined"), fixture("unused-flag"))
    data = json.loads(result.stdout)
    assert {"tool", "version", "format_version", "kind", "documents", "summary"} <= set(data)
    assert (data["tool"], data["format_version"], data["kind"]) == ("claimcheck", 1, "lint")
    assert [d["path"] for d in data["documents"]] == [fixture("ref-undefined"), fixture("unused-flag")]
    first = data["documents"][0]
    assert first["error"] is None
    assert first["counts"] == {"error": 3, "warning": 0, "info": 0}
    finding = first["findings"][0]
    assert {"path", "line", "column", "end_line", "end_column", "severity", "rule", "message", "fix"} <= set(finding)
    assert (finding["line"], finding["column"], finding["rule"]) == (43, 13, "ref-undefined")
    assert finding["severity"] == "error"
    assert data["summary"]["findings"] == 4
    assert data["summary"]["by_severity"] == {"error": 3, "warning": 1, "info": 0}
    assert data["summary"]["by_rule"] == {"ref-undefined": 3, "unused-flag": 1}
    assert result.exit_code == 1


def test_json_for_an_unusable_registry_names_the_error():
    result = lint("--format", "json", fixture("no-such-file"))
    document = json.loads(result.stdout)["documents"][0]
    assert document["error"] == "registry: no such file"
    assert document["findings"][0]["rule"] == "file-unreadable"
    assert result.exit_code == 2


def test_json_to_a_file(tmp_path):
    out = tmp_path / "lint.json"
    result = lint("--format", "json", "--output", str(out), fixture("quote-ambiguous"))
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["by_rule"] == {"quote-ambiguous": 1}


# --- nothing ever escapes as a traceback -----------------------------------------------------------


def _hostile_inputs(folder: Path) -> list[str]:
    """Registries no one should write, made up on the spot."""
    cases = {
        "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "utf16.yaml": "schema_version: 1\n".encode("utf-16"),
        "bom.yaml": b"\xef\xbb\xbfschema_version: 1\n",
        "scalar.yaml": b"just some text\n",
        "null.yaml": b"~\n",
        "list-of-lists.yaml": b"- - - 1\n",
        "sections-wrong.yaml": b"schema_version: one\nflags: {a: 1}\nsources: 3\ndocuments: [1, [2]]\nclaims: [~]\n",
        "claims-wrong.yaml": (b"schema_version: 1\nclaims:\n  - id: x\n    appearances: [{document: 1, quote: [2]}]\n"
                              b"    patterns: [{regex: 5, examples: {match: [~]}}]\n    flags: [{}]\n"),
        "deep.yaml": b"a: " + b"{b: " * 200 + b"1" + b"}" * 200 + b"\n",
        "alias-bomb.yaml": b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n",
        "keys.yaml": b"? - a\n  - b\n: c\n1: 2\n~: 3\n",
        "escapes.yaml": b'a: "\\ud800 \\U00110000"\n',
        "control.yaml": b"a: \x1b[31mred\n",
        "long-line.yaml": b"a: " + b"x" * 200_000 + b"\n",
    }
    for name, data in cases.items():
        (folder / name).write_bytes(data)
    (folder / "a-folder.yaml").mkdir()
    return [str(folder / name) for name in sorted(cases)] + [str(folder / "a-folder.yaml")]


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_no_input_produces_a_traceback_or_a_strange_exit_code(output_format, tmp_path):
    paths = sorted(fixture(p.stem) for p in REGISTRIES.glob("*.yaml")) + [fixture("no-such-file")]
    paths += _hostile_inputs(tmp_path)
    for path in paths:
        result = lint("--format", output_format, path)
        if output_format == "json":
            json.loads(result.stdout)
    # and all of them at once
    assert lint("--format", output_format, *paths).exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    result = lint(str(fifo))
    assert result.exit_code == 2
    assert "not a regular file" in result.stdout


def test_text_output_goes_to_the_output_file(tmp_path):
    from conftest import MINI_REGISTRY

    target = tmp_path / "lint.txt"
    result = CliRunner().invoke(app, ["lint", str(MINI_REGISTRY), "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").strip().endswith("no problems")
