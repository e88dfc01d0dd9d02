"""JSON: one object with the documents, their findings and a summary (format_version 1)."""

from __future__ import annotations

import json

from claimcheck.formats.common import document_dict, report_header, summary
from claimcheck.model import Report
from claimcheck.text import json_safe


def render(report: Report) -> str:
    data = report_header(report)
    data["documents"] = [document_dict(d, report.registry, report.kind) for d in report.documents]
    data["summary"] = summary(report.documents)
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"
