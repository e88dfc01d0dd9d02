"""JSON Lines: one object per finding, written as soon as its document is audited."""

from __future__ import annotations

import json

from claimcheck.formats.common import finding_dict
from claimcheck.model import DocumentReport, Registry, Report
from claimcheck.text import json_safe


def render_document(document: DocumentReport, registry: Registry | None) -> str:
    lines = []
    if document.error:
        lines.append(json_safe(json.dumps({"path": document.path, "error": document.error}, ensure_ascii=False)))
    for finding in document.findings:
        lines.append(json_safe(json.dumps(finding_dict(finding, registry), ensure_ascii=False, allow_nan=False)))
    return "".join(line + "\n" for line in lines)


def render(report: Report) -> str:
    return "".join(render_document(d, report.registry) for d in report.documents)
