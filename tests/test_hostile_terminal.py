"""Output that cannot be hijacked: untrusted text (documents, quotes, titles, file names) never
becomes Rich markup, a terminal escape sequence or a GitHub workflow command, and JSON output is
strict UTF-8 JSON that keeps the text exactly (as JSON escapes).
"""

from __future__ import annotations

import importlib
import io
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from claimcheck.audit import Auditor
from claimcheck.cli import app
from claimcheck.loader import load_registry
from claimcheck.model import Report
from claimcheck.text import visible
from hostile_support import assert_clean_stderr, assert_strict_json, run_cli, write_project

ESC = "\x1b"
CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
CURSOR = "\x1b[5A\x1b[2K"
C1_CSI = "\x9b2J"
BIDI = "\u202e"
MARKUP = "[bold]for[/] [link=file:///etc/passwd]x[/link] [/]"
FORGED = "\n::error file=README.md,line=1::forged annotation\n::add-mask::x\n"
HTML = "<script>alert(1)</script>"

QUOTE = f"miracle cure {MARKUP} everything"
DOCUMENT = (
    f"Intro {CLEAR}{OSC8} {OSC52} {CURSOR}up\rover {C1_CSI} {BIDI}cba.\n"
    f"This clinic sells a {QUOTE}.{FORGED}"
    f"100% of patients say {HTML} this is safe and proven by studies.\n"
)
HOSTILE_FIELDS = dict(
    title=f"[red]Title[/] {CLEAR}{BIDI} [link=file:///etc/passwd]t[/link] [/] %0A::warning::x {HTML}",
    claim=f"X cures [blink]all[/] {OSC52}\r::error::forged",
    rationale=f"Because {CURSOR}{FORGED}%25",
)
RAW_SEQUENCES = [CLEAR, "\x1b]8;;https://evil", "\x1b]52", "\x1b[5A", "\x1b[2K", "\x9b", BIDI, "\x07", "\r"]


@pytest.fixture
def project(tmp_path):
    registry = write_project(tmp_path / "project", quote=QUOTE, page=DOCUMENT, **HOSTILE_FIELDS)
    result = load_registry(str(registry))
    assert not result.errors, result.problems
    return registry


@pytest.fixture
def report(project):
    result = load_registry(str(project))
    auditor = Auditor(result.registry, suggest=True)
    document = auditor.audit_path(str(project.parent / "page.txt"), "page.txt")
    assert any(f.match for f in document.findings)
    return Report("audit", (document,), result.registry)


def renderer(name: str):
    module_name = {"json": "json_format"}.get(name, name)
    try:
        return importlib.import_module(f"claimcheck.formats.{module_name}").render
    except ImportError:
        pytest.xfail(f"claimcheck.formats.{module_name} is not written yet")


def assert_no_raw_sequences(output: str) -> None:
    for sequence in RAW_SEQUENCES:
        assert sequence not in output, (sequence, output)


# --- the Rich terminal view ---------------------------------------------------------------------


@pytest.mark.parametrize("color", [False, True])
def test_text_view_escapes_everything(report, color):
    from claimcheck.formats.text import print_audit

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, color_system="truecolor" if color else None,
                      width=120, highlight=False)
    print_audit(report, console, verbose=True)
    out = buffer.getvalue()
    assert_no_raw_sequences(out)
    if color:  # the only escape sequences are Rich's own SGR styles
        assert not re.search(r"\x1b(?!\[[0-9;]*m)", out), repr(out)
    else:
        assert ESC not in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\\x1b[2J" in plain and "\\u202e" in plain  # shown, visibly escaped
    assert "[bold]for[/]" in plain and "[link=file:///etc/passwd]" in plain  # markup shown as text
    assert "[red]Title[/]" in plain


def test_text_view_through_the_cli(project):
    for args in (["audit", "--all", "--suggest"], ["list"], ["lint"], ["stats"]):
        proc = run_cli(*args, "-r" if args[0] != "lint" else "--registry", str(project), cwd=project.parent)
        out = proc.stdout.decode("utf-8")
        assert_no_raw_sequences(out)
        assert ESC not in out
        assert_clean_stderr(proc.stderr)
        assert proc.returncode in (0, 1), (args, proc)


def test_rich_markup_in_quotes_never_becomes_style(report):
    from claimcheck.formats.text import highlighted_sentence
    from claimcheck.model import Severity

    text = highlighted_sentence("a [bold]b[/] [link=file:///etc/passwd]c[/link] [/] d", 2, 14, Severity.error)
    assert "[bold]" in text.plain and "[/]" in text.plain and "[link=" in text.plain
    assert all(not str(span.style).startswith("link") for span in text.spans)


def test_stray_closing_tag_in_a_registry_error_line(tmp_path):
    registry = write_project(tmp_path)
    text = registry.read_text().replace('"claims":', '"[/] \\u001b[2J [bold]x": 1,\n  "claims":')
    registry.write_text(text)
    proc = run_cli("audit", "--all", "-r", str(registry), cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert_clean_stderr(proc.stderr)
    assert "\\x1b[2J" in err and "[/]" in err
    proc = run_cli("lint", str(registry), cwd=tmp_path)
    assert ESC not in proc.stdout.decode() and "[/]" in proc.stdout.decode()


@pytest.mark.parametrize("raw, shown", [
    ("\x1b", "\\x1b"), ("\x07", "\\x07"), ("\r", "\\x0d"), ("\x9b", "\\x9b"), ("\x7f", "\\x7f"),
    ("\u202e", "\\u202e"), ("\u2066", "\\u2066"), ("\u200b", "\\u200b"), ("\ufeff", "\\ufeff"),
    ("\u2028", "\\u2028"), ("\x00", "\\x00"),
])
def test_visible(raw, shown):
    assert visible(f"a{raw}b") == f"a{shown}b"


# --- machine formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_keep_text_as_json_escapes(report, fmt):
    out = renderer(fmt)(report)
    for raw in (ESC, BIDI, "\x9b", "\x07", "\r"):  # C0, C1 and bidi controls: all as \u escapes
        assert raw not in out
    data = assert_strict_json(out.encode("utf-8"))
    assert any(CLEAR in s for s in strings(data))  # the exact text survives the round trip
    assert any(BIDI in s for s in strings(data))
    assert "\\u001b" in out and "\\u202e" in out


def strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def test_json_keeps_the_quote_exactly(report):
    data = assert_strict_json(renderer("json")(report).encode("utf-8"))
    findings = [f for d in data["documents"] for f in d["findings"] if f.get("match")]
    assert findings[0]["match"]["text"] == QUOTE
    assert data["documents"][0]["title"] == HOSTILE_FIELDS["title"]


def test_jsonl_lines_are_strict_json(report):
    out = renderer("jsonl")(report)
    assert ESC not in out
    for line in out.splitlines():
        assert_strict_json(line.encode("utf-8"))
    assert len(out.splitlines()) == len(report.findings)


def test_json_through_the_cli_with_ascii_stdout(project):
    for fmt in ("json", "jsonl", "sarif"):
        proc = run_cli("audit", "--all", "-r", str(project), "-f", fmt, cwd=project.parent,
                       env={"PYTHONIOENCODING": "ascii"})
        assert proc.returncode == 1, proc
        assert_clean_stderr(proc.stderr)
        for chunk in ([proc.stdout] if fmt != "jsonl" else proc.stdout.splitlines()):
            assert_strict_json(chunk)


ANNOTATION = re.compile(r"^::(error|warning|notice)(?: ([^:\r\n]*))?::[^\r\n]*$")
PROPERTIES = {"file", "line", "col", "endColumn", "endLine", "title"}


def assert_annotation(line: str) -> None:
    """A well-formed workflow command whose properties are only the ones claimcheck writes."""
    m = ANNOTATION.match(line)
    assert m, line
    keys = [item.split("=", 1)[0] for item in (m.group(2) or "").split(",") if item]
    assert set(keys) <= PROPERTIES and len(keys) == len(set(keys)), line
    assert ESC not in line and BIDI not in line and "\x07" not in line


def test_github_annotations_cannot_be_forged(report):
    out = renderer("github")(report)
    lines = out.splitlines()
    assert len(lines) == len(report.findings) + sum(1 for d in report.documents if d.error)
    for line in lines:
        assert_annotation(line)
        assert "forged" not in line.split("::")[1]  # nothing from the text in the properties' keys
    assert "README.md" not in {line.split("file=")[1].split(",")[0] for line in lines}


def test_github_properties_escape_commas_and_colons(project, tmp_path):
    from claimcheck.formats import github

    assert github.escape_property("a,b:c%\r\n") == "a%2Cb%3Ac%25%0D%0A"
    name = tmp_path / "x,line=99,title=pwned::.txt"
    name.write_text(DOCUMENT)
    auditor = Auditor(load_registry(str(project)).registry)
    document = auditor.audit_path(str(name), str(name))
    out = renderer("github")(Report("audit", (document,), auditor.registry))
    for line in out.splitlines():
        assert_annotation(line)
        assert "x%2Cline=99%2Ctitle=pwned%3A%3A.txt" in line


def test_github_through_the_cli(project):
    proc = run_cli("audit", "--all", "-r", str(project), "-f", "github", cwd=project.parent)
    assert proc.returncode == 1
    for line in proc.stdout.decode().splitlines():
        assert_annotation(line)
    proc = run_cli("lint", str(project), "-f", "github", cwd=project.parent)
    for line in proc.stdout.decode().splitlines():
        assert_annotation(line)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_document_formats_do_not_pass_markup_or_escapes_through(report, fmt):
    out = renderer(fmt)(report)
    assert ESC not in out and "\x07" not in out and "\x9b" not in out
    if fmt == "html":
        assert HTML not in out and "javascript:" not in out.lower()
        assert "file:///etc/passwd\"" not in out


def test_cli_runner_has_no_markup_in_usage_errors():
    result = CliRunner().invoke(app, ["audit", "--format", "[bold]x\x1b[2J"])
    assert result.exit_code == 2
    assert CLEAR not in (result.stdout + (result.stderr if result.stderr_bytes is not None else ""))


def _run_on_a_terminal(args, cwd):
    """Run the CLI with stdout and stderr on a pseudo-terminal (where click would not strip ANSI)."""
    import os
    import pty
    import sys

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(cwd)
        os.environ.pop("NO_COLOR", None)
        os.execv(sys.executable, [sys.executable, "-c", "from claimcheck.cli import main; main()", *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("args", [
    ["audit", "--all", "-f", CLEAR + "x"],
    ["list", "--verdict", OSC52],
    [CLEAR],
    ["audit", "--" + CURSOR],
    ["audit", "nope" + OSC8],
])
def test_usage_errors_on_a_terminal_show_arguments_escaped(project, args):
    code, out = _run_on_a_terminal([*args, "-r", str(project)], project.parent)
    assert code == 2, out
    assert_no_raw_sequences(out.replace("\r\n", "\n"))
    assert ESC not in out and "\\x1b" in out


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs a pseudo-terminal")
def test_colour_terminal_view_only_has_rich_styles(project):
    code, out = _run_on_a_terminal(["audit", "--all", "--suggest", "-r", str(project)], project.parent)
    assert code == 1
    # Rich's own: SGR styles, and the progress bar's cursor hiding, line erasing and moving up
    own = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\?25[lh]|\x1b\[2K|\x1b\[1A|\r")
    rest = own.sub("", out)
    for sequence in (CLEAR, "\x1b]8;;https://evil", "\x1b]52", "\x1b[5A", "\x9b", BIDI, "\x07"):
        assert sequence not in rest, (sequence, rest)
    assert ESC not in rest, repr(rest)
    assert "\\x1b[2J" in rest and "[red]Title[/]" in rest
