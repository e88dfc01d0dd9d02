"""The audit's terminal view: word wrapping with a hanging indent, a display floor, one count wording."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.text import Text

from conftest import MINI_REGISTRY, ROOT
from format_support import audit_report
from claimcheck.formats.common import count_phrase, plural
from claimcheck.formats.text import View, emit, hidden_note, print_audit
from claimcheck.model import Severity

WIDTHS = (80, 120, 200)


@pytest.fixture(scope="module")
def bundled_report():
    from claimcheck.loader import load_registry

    registry = load_registry(str(ROOT / "claims.yaml")).registry
    return audit_report(ROOT / "claims.yaml", sorted(registry.documents), keep_text=False)


def render(report, width: int, view: View) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=True, color_system=None, highlight=False)
    print_audit(report, console, view=view)
    return buffer.getvalue()


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_at_every_width_every_claim_is_whole_and_every_id_unbroken(bundled_report, width):
    out = render(bundled_report, width, View(min_severity=Severity.info, wrap=True))
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    tokens = {token.strip("()[]") for line in lines for token in line.split()}
    flat = squeeze(out)
    registry = bundled_report.registry
    for finding in bundled_report.findings:
        claim = registry.claims[finding.match.claim_id]
        assert claim.id in tokens, claim.id
        assert squeeze(claim.claim) in flat, claim.id  # wrapped between words only: the words are all whole
        assert f"{finding.path}:{finding.line}:{finding.column}" in tokens


@pytest.mark.parametrize("width", WIDTHS)
def test_continuation_lines_hang_under_their_label(bundled_report, width):
    out = render(bundled_report, width, View(min_severity=Severity.info, wrap=True))
    lines = out.splitlines()
    for previous, line in zip(lines, lines[1:]):
        if previous.startswith("    fix: ") and line.strip() and not re.match(r"^ {4}\S", line) and line.startswith(" "):
            assert line.startswith(" " * 9) and line[9] != " "  # under the text after 'fix: '


def test_findings_are_separated_by_a_blank_line(bundled_report):
    out = render(bundled_report, 200, View(min_severity=Severity.info, wrap=True))
    lines = out.splitlines()
    heads = [i for i, line in enumerate(lines) if re.match(r"^\S+:\d+:\d+  (error|warning|info)  ", line)]
    assert len(heads) == len(bundled_report.findings)
    for i in heads:
        assert lines[i - 1] == ""


def test_without_wrapping_every_item_is_one_line(bundled_report):
    out = render(bundled_report, 80, View(min_severity=Severity.info, wrap=False))
    for finding in bundled_report.findings:
        claim = bundled_report.registry.claims[finding.match.claim_id]
        if finding.match.stance.value == "asserts" and claim.correction:
            assert f"    fix: {squeeze(claim.correction)}" in out.splitlines()


def test_the_display_floor_hides_and_counts_but_never_changes_the_summary(bundled_report):
    everything = render(bundled_report, 200, View(min_severity=Severity.info))
    warnings_up = render(bundled_report, 200, View(min_severity=Severity.warning))
    errors_only = render(bundled_report, 200, View(min_severity=Severity.error))
    infos = sum(1 for f in bundled_report.findings if f.severity is Severity.info)
    warnings = sum(1 for f in bundled_report.findings if f.severity is Severity.warning)
    assert "  info  " in everything and "  info  " not in warnings_up
    assert f"  {infos} info findings not shown (--min-severity info shows them)" in warnings_up.splitlines()
    assert (f"  {warnings} warning and {infos} info findings not shown (--min-severity info shows them)"
            in errors_only.splitlines())
    summary = lambda out: out[out.index("Summary"):].splitlines()[1]  # noqa: E731
    assert summary(everything) == summary(warnings_up) == summary(errors_only)
    assert "findings not shown" not in everything


def test_suggest_says_when_it_found_nothing():
    report = audit_report(MINI_REGISTRY, ["page"], keep_text=False, suggest=True)
    out = render(report, 100, View(suggest=True))
    assert "  --suggest: no unregistered check-worthy sentences" in out.splitlines()
    assert "--suggest" not in render(report, 100, View())


def test_more_sources_points_at_show(bundled_report):
    out = render(bundled_report, 200, View(min_severity=Severity.info))
    hints = [line for line in out.splitlines() if "more source" in line]
    assert hints and all(re.match(r"^    \(\+\d+ more sources?: claimcheck show [a-z0-9._-]+\)$", h) for h in hints)


def test_one_count_wording():
    assert plural(1, "finding") == "1 finding" and plural(2, "finding") == "2 findings"
    assert plural(3, "info") == "3 info"
    assert count_phrase({Severity.error: 1, Severity.warning: 2}) == "1 error, 2 warnings, 0 info"
    assert count_phrase({Severity.error: 5}, (Severity.error, Severity.warning)) == "5 errors, 0 warnings"
    assert hidden_note(View(min_severity=Severity.warning), {Severity.info: 1}) == (
        "1 info finding not shown (--min-severity info shows it)")
    assert hidden_note(View(), {}) == ""


def test_emit_folds_only_a_word_longer_than_the_line():
    buffer = io.StringIO()
    console = Console(file=buffer, width=30, force_terminal=True, color_system=None)
    emit(console, Text("    fix: " + "word " * 12 + "x" * 50), 9, wrap=True)
    lines = buffer.getvalue().splitlines()
    assert all(len(line) <= 30 for line in lines)
    assert all(line.startswith(" " * 9) for line in lines[1:])
    assert squeeze(buffer.getvalue()).startswith("fix: " + "word " * 12)
