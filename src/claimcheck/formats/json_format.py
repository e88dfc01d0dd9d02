"""JSON: one object with the documents, their findings and a summary (format_version 1)."""

from __future__ import annotations

import json
from typing import Iterable, Iterator, Optional

from claimcheck.formats.common import SummaryCounter, document_dict, report_header
from claimcheck.model import DocumentReport, Registry, Report
from claimcheck.text import json_safe


def render(report: Report) -> str:
    return "".join(render_stream(report.documents, report.registry, report.kind))


def render_stream(documents: Iterable[DocumentReport], registry: Optional[Registry], kind: str,
                  folder: Optional[str] = None) -> Iterator[str]:
    """The text of ``render``, in pieces: a document's as soon as it comes (an audit of many
    documents then holds one document's findings at a time, not every one), the summary last.

    The pieces are ``json.dumps(data, indent=2)`` cut where the documents go: each document is
    encoded on its own and indented to its depth (an encoded string holds no line break). Nothing
    is spooled (``folder``, as for the other formats' ``render_stream``, is not used)."""
    header = _encoded(report_header(Report(kind, (), registry)))
    yield header[:-2] + ',\n  "documents": ['
    counter = SummaryCounter()
    first = True
    for document in documents:
        counter.add(document)
        yield ("\n" if first else ",\n") + _nested(_encoded([document_dict(document, registry, kind)])[2:-2], 1)
        first = False
    yield ("]" if first else "\n  ]") + ',\n  "summary": ' + _nested(_encoded(counter.result()), 1, first_line=False) + "\n}\n"


def _encoded(data) -> str:
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def _nested(encoded: str, depth: int, first_line: bool = True) -> str:
    """``encoded`` (written at depth 0 or, for a list's item, 1) moved ``depth`` levels deeper."""
    pad = "  " * depth
    lines = encoded.split("\n")
    return "\n".join(pad + line if (i or first_line) else line for i, line in enumerate(lines))
