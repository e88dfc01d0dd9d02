"""GitHub Actions workflow commands: escaping, and no forged command from hostile text
(a quote with a newline and ``::set-env``, a literal ``%0A``, ``::error::``: CVE-2020-15228's class)."""

from __future__ import annotations

import re

import pytest

from claimcheck.formats import github
from claimcheck.model import Finding, Severity
from conftest import MINI_REGISTRY
from format_support import at_root, audit_report, hostile_report, lint_report  # noqa: F401

# Every character a line reader (the runner's, or a log viewer's) might break a line at.
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def unescape(text: str, mappings) -> str:
    """As the runner does: each token in turn, ``%25`` last."""
    for token, value in mappings:
        text = text.replace(token, value)
    return text


DATA = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
PROPERTY = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """One workflow command line, parsed as the runner parses it."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    head, data = line[2:end], line[end + 2:]
    name, _, props = head.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value, PROPERTY)
    return name, properties, unescape(data, DATA)


@pytest.mark.parametrize("raw, data, prop", [
    ("plain", "plain", "plain"),
    ("100%", "100%25", "100%25"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("key: a, b", "key: a, b", "key%3A a%2C b"),
    ("%0A", "%250A", "%250A"),
    ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
])
def test_escaping(raw, data, prop):
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop
    assert unescape(data, DATA) == raw and unescape(prop, PROPERTY) == raw


def test_mini_audit_annotations(at_root):
    out = github.render(audit_report(MINI_REGISTRY, ["page"]))
    lines = out.splitlines()
    assert [parse(line)[0] for line in lines] == ["error", "error", "warning", "notice"]
    name, props, message = parse(lines[0])
    assert props == {"file": "tests/fixtures/mini/docs/page.txt", "line": "3", "col": "1", "endColumn": "38",
                     "title": "claimcheck: factually-wrong (not-controlled)"}
    assert message.splitlines() == [
        "False: Ketamine is not a controlled substance.",
        "Quote: \u201cKetamine is not a controlled substance\u201d",
        "Why: Ketamine is in Schedule III of the Controlled Substances Act.",
        "Correction: Ketamine is a Schedule III controlled substance in the United States.",
        "Source: U.S. Drug Enforcement Administration (2024). Drug Scheduling. "
        "https://www.dea.gov/drug-information/drug-scheduling",
    ]


def test_lint_annotations_carry_the_fix(at_root):
    out = github.render(lint_report())
    parsed = [parse(line) for line in out.splitlines()]
    assert {p[1]["file"] for p in parsed} == {"tests/fixtures/lint/claims.yaml"}
    missing = [p for p in parsed if p[1]["title"] == "claimcheck lint: correction-missing"]
    assert missing[0][0] == "error" and "\nFix: add 'correction:'" in missing[0][2]


def test_hostile_text_cannot_forge_a_command(tmp_path, monkeypatch):
    report = hostile_report(tmp_path, monkeypatch)
    out = github.render(report)
    assert out.endswith("\n")
    physical = LINE_BREAKS.split(out[:-1])
    assert len(physical) == len(report.findings) == 2, physical
    for raw_line, finding in zip(physical, report.findings):
        assert raw_line.startswith(f"::{github.COMMAND[finding.severity]} file=")
        name, props, message = parse(raw_line)
        assert props["file"] == "evil,name:x.txt"
        assert set(props) <= {"file", "line", "col", "endLine", "endColumn", "title"}
        # after the runner's unescaping, every line of the message is one claimcheck wrote
        for line in message.split("\n"):
            assert re.match(r"(False|Unsupported|Quote|Why|Correction|Source): ", line), line
    _, _, forged = parse(physical[0])
    assert "::set-env name=EVIL::1" in forged and "100%0A off" in forged  # kept as text, literally
    assert "::add-mask::secret %0A %25 done" in forged
    for bad in ("\x1b", "\u202e", "\r"):
        assert bad not in out
    _, _, bidi = parse(physical[1])
    assert "\\u202egnp.exe\\u202c" in bidi and "\\x1b[31mred" in bidi  # made visible


def test_multi_line_findings_have_no_columns():
    finding = Finding("a.txt", 2, 5, "r", Severity.warning, "m", 4, 3)
    _, props, _ = parse(github.annotation(finding, None))
    assert props == {"file": "a.txt", "line": "2", "endLine": "4", "title": "claimcheck: r"}


def test_unreadable_document_is_an_error_annotation():
    from claimcheck.model import DocumentReport, Report

    out = github.render(Report("audit", (DocumentReport("a,b.txt", None, None, (), 0, error="no such file"),), None))
    name, props, message = parse(out.strip())
    assert name == "error" and props["file"] == "a,b.txt" and message == "a,b.txt: no such file"


def test_an_unusable_registry_is_annotated_once(tmp_path, monkeypatch):
    from format_support import lint_report

    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.yaml").write_text("flags: [\n", encoding="utf-8")
    out = github.render(lint_report(tmp_path / "claims.yaml"))
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=claims.yaml,line=")
