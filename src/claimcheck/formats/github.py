"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding,
shown as annotations on the pull request's files.

Untrusted text (quotes, messages, paths) is flattened to one line and its control characters
made visible before escaping (``%`` CR LF in the data; also ``:`` and ``,`` in properties), so a
document can never start a line of its own and forge a command (the class of CVE-2020-15228).
Columns are given only on one-line findings, the end column inclusive, as the runner expects.
"""

from __future__ import annotations

from claimcheck.formats.common import omitted_message
from claimcheck.formats.rules import claim_detail_lines, verdict_label
from claimcheck.model import DocumentReport, Finding, Registry, Report, Severity, Stance
from claimcheck.text import one_line

COMMAND = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """``::name k=v,...::message`` with every part escaped; ``message`` may hold our own newlines."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report) -> str:
    lines = []
    for document in report.documents:
        if document.error and not document.findings:  # a lint's fatal error is already a finding
            lines.append(_unreadable(document))
        for finding in document.findings:
            lines.append(annotation(finding, report.registry, report.kind))
        if omitted_message(document):
            lines.append(command("warning", {"file": one_line(document.path), "title": "claimcheck: findings left out"},
                                 f"{one_line(document.path)}: {omitted_message(document, report.kind)}"))
    return "".join(line + "\n" for line in lines)


def _unreadable(document: DocumentReport) -> str:
    return command("error", {"file": one_line(document.path), "title": "claimcheck: unreadable document"},
                   f"{one_line(document.path)}: {one_line(document.error or '')}")


def annotation(finding: Finding, registry: Registry | None, kind: str = "audit") -> str:
    line = max(1, finding.line)
    end_line = max(line, finding.end_line or line)
    properties: dict[str, object] = {"file": one_line(finding.path), "line": line}
    if end_line == line:
        column = max(1, finding.column)
        properties["col"] = column
        if finding.end_column and finding.end_column - 1 > column:
            properties["endColumn"] = finding.end_column - 1  # claimcheck's end is exclusive
    else:
        properties["endLine"] = end_line
    m = finding.match
    claim = registry.claims.get(m.claim_id) if (m is not None and registry is not None) else None
    title = f"claimcheck{' lint' if kind == 'lint' else ''}: {finding.rule}"
    if m is not None:
        title += f" ({m.claim_id})"
    properties["title"] = one_line(title)
    return command(COMMAND[finding.severity], properties, _message(finding, claim, registry))


def _message(finding: Finding, claim, registry: Registry | None) -> str:
    m = finding.match
    if claim is None or m is None:
        text = one_line(finding.message)
        return text + (f"\nFix: {one_line(finding.fix)}" if finding.fix else "")
    if finding.rule == "reports-claim":  # reported, asked about or refuted: the audit's own words
        lines = [f"{one_line(finding.message)}. Stance rule: {m.stance_rule}."]
    elif m.stance is Stance.agrees_with_evidence:
        lines = [f"Agrees with the evidence: states the correction of \u201c{one_line(claim.claim)}\u201d "
                 f"({verdict_label(claim.verdict)})."]
    else:
        lines = [f"{verdict_label(claim.verdict)}: {one_line(claim.claim)}"]
    lines.extend(claim_detail_lines(claim, m, registry))
    return "\n".join(lines)
