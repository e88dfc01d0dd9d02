"""Auditing documents: the core is a pure function of (auditor, target, text).

The auditor holds only the registry and the options (its compiled matchers are rebuilt where it
is unpickled), so the same functions run in-process, in a worker process, or on a Dask worker.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator, NamedTuple, Optional

from claimcheck.audit import Auditor
from claimcheck.corpus.documents import STDIN, Job, Target, read_target
from claimcheck.model import DocumentReport

BATCH_CHARACTERS = 1 << 20  # texts scanned together (one pass of the automaton) up to about this much


def audit_document(auditor: Auditor, target: Target, text: Optional[str], error: Optional[str] = None) -> DocumentReport:
    """The report of one target whose text (or the reason it cannot be read) is known."""
    return audit_documents(auditor, [(target, text, error)])[0]


def audit_documents(auditor: Auditor, loaded: list[tuple[Target, Optional[str], Optional[str]]]) -> list[DocumentReport]:
    """``audit_document`` of each (target, text, error), the readable texts audited together."""
    ids = [auditor.document_id_for(target.path) if target.local and target.path != STDIN else None
           for target, _, _ in loaded]
    audited = iter(auditor.audit_texts([(text, target.display, document_id, target.html)
                                        for (target, text, _), document_id in zip(loaded, ids) if text is not None]))
    reports = []
    for (target, text, error), document_id in zip(loaded, ids):
        if text is None:
            report = DocumentReport(target.display, document_id, None, (), 0, error=error or "cannot be read")
        else:
            report = next(audited)
        if target.document_id and report.document_id is None:
            report = replace(report, document_id=target.document_id)
        reports.append(report)
    return reports


def audit_target(auditor: Auditor, target: Target) -> DocumentReport:
    return audit_document(auditor, target, *read_target(target))


def jobs_of(targets: Iterable[Target]) -> Iterator[Job]:
    for target in targets:
        if target.path == STDIN:  # only this process can read it
            yield (target, *read_target(target))
        else:
            yield (target, None, None)


def run_jobs(auditor: Auditor, jobs: list[Job], finish=None, read: Optional[dict] = None) -> list:
    """Reports (or what ``finish`` makes of them) of several jobs: their texts are read, then
    audited together, BATCH_CHARACTERS at a time (so a batch of large files is never all in memory)."""
    out: list = []
    loaded: list = []
    size = 0
    read = {} if read is None else read  # target key -> (text, error): entries naming one file share its reading
    held = sum(len(t or "") for t, _ in read.values())  # kept as a running count: summing per file is quadratic
    for target, text, error in jobs:
        if text is None and error is None:
            key = target.key
            if key not in read:
                if held >= BATCH_CHARACTERS:
                    read.clear()  # what is kept for reuse stays bounded as the batch is
                    held = 0
                read[key] = read_target(target)
                held += len(read[key][0] or "")
            text, error = read[key]
        loaded.append((target, text, error))
        size += len(text or "")
        if size >= BATCH_CHARACTERS:
            out.extend(_finished(auditor, audit_documents(auditor, loaded), finish))
            loaded, size = [], 0
    if loaded:
        out.extend(_finished(auditor, audit_documents(auditor, loaded), finish))
    return out


def _finished(auditor: Auditor, reports: list[DocumentReport], finish) -> list:
    return reports if finish is None else [finish(auditor, report) for report in reports]


def audit_batch(auditor: Auditor, jobs: list[Job], finish=None) -> list:
    """What a Dask task runs: a batch of documents already read."""
    return run_jobs(auditor, jobs, finish)


class DocumentSummary(NamedTuple):
    """What the summary and the exit code need of a document: no text, no matches."""

    path: str
    chars: int
    error: Optional[str]
    rating: str
    findings: tuple  # (severity name, rule) of each finding: plain strings, cheap to send back
    omitted: tuple = ()  # (severity name, rule, count) of the findings an output cap left out


def summarise(report: DocumentReport) -> DocumentSummary:
    return DocumentSummary(report.path, report.chars, report.error, report.rating,
                           tuple((f.severity.value, f.rule) for f in report.findings), report.omitted)


def as_jsonl(auditor: Auditor, report: DocumentReport) -> tuple[str, DocumentSummary]:
    """A ``finish`` step: the document's JSON Lines, rendered where it was audited (in a worker,
    the parent then only writes text: less to send back, less to do on the parent's core)."""
    from claimcheck.formats.jsonl import render_document

    return render_document(report, auditor.registry), summarise(report)
