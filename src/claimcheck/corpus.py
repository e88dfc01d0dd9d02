"""Turning command-line targets into documents, auditing them, and streaming the output."""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from claimcheck.audit import Auditor
from claimcheck.loader import display_path, document_path
from claimcheck.model import DocumentReport, Registry, Report, Severity
from claimcheck.text import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
STDIN = "-"


@dataclass(frozen=True)
class Target:
    path: str  # a file path, or "-" for standard input
    display: str
    document_id: Optional[str] = None


def expand_targets(registry: Registry, names: list[str], all_documents: bool) -> tuple[list[Target], list[str]]:
    """Targets in a stable order, and one line per name that cannot be used."""
    targets: list[Target] = []
    problems: list[str] = []
    if all_documents:
        for document in sorted(registry.documents.values(), key=lambda d: d.id):
            try:
                path = document_path(registry.root, document.path)
            except InputError as exc:
                problems.append(f"{registry.path}: document '{document.id}': '{document.path}' {exc.message}")
                continue
            targets.append(Target(path, display_path(os.path.join(registry.root, document.path)), document.id))
    for name in names:
        if name == STDIN:
            targets.append(Target(STDIN, "<stdin>"))
        elif name in registry.documents and not os.path.exists(name):
            document = registry.documents[name]
            try:
                path = document_path(registry.root, document.path)
            except InputError as exc:
                problems.append(f"{registry.path}: document '{name}': '{document.path}' {exc.message}")
                continue
            targets.append(Target(path, display_path(os.path.join(registry.root, document.path)), name))
        elif os.path.isdir(name):
            targets.extend(Target(p, display_path(p)) for p in walk_texts(name))
        elif os.path.lexists(name):
            targets.append(Target(name, display_path(name)))
        elif any(c in name for c in "*?["):
            matches = sorted(p for p in glob.glob(name, recursive=True) if os.path.isfile(p))
            if not matches:
                problems.append(f"claimcheck: {name}: no file matches")
            targets.extend(Target(p, display_path(p)) for p in matches)
        else:
            problems.append(f"claimcheck: {name}: no such file, directory or registered document id")
    return targets, problems


def walk_texts(folder: str) -> Iterator[str]:
    """Text files under ``folder`` (sorted, hidden folders skipped, symlinks not followed)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


def audit_target(auditor: Auditor, target: Target) -> DocumentReport:
    if target.path == STDIN:
        from claimcheck.text import MAX_DOCUMENT_BYTES, decode

        try:
            data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) > MAX_DOCUMENT_BYTES:
                raise InputError(f"is larger than the limit of {MAX_DOCUMENT_BYTES:,} bytes")
            text = decode(data)
        except InputError as exc:
            return DocumentReport(target.display, None, None, (), 0, error=exc.message)
        return auditor.audit_text(text, target.display)
    report = auditor.audit_path(target.path, target.display)
    if target.document_id and report.document_id is None:
        text_report = report
        from dataclasses import replace

        report = replace(text_report, document_id=target.document_id)
    return report


def audit_all(auditor: Auditor, targets: list[Target]) -> Iterator[DocumentReport]:
    for target in targets:
        yield audit_target(auditor, target)


def run_audit(auditor: Auditor, targets: list[Target], fmt, output: Optional[str], fail_on: str,
              *, jobs: Optional[int] = None, dask_address: Optional[str] = None, brief: bool = False) -> int:
    """Audit ``targets``, render in ``fmt``, and return the exit code."""
    from claimcheck.formats import AuditFormat
    from claimcheck.lint import exit_code
    from claimcheck.output import emit, write_stdout

    reports: Iterable[DocumentReport] = audit_all(auditor, targets)
    collected: list[DocumentReport] = []
    if fmt is AuditFormat.jsonl and not output:
        from claimcheck.formats.jsonl import render_document

        for report in reports:
            write_stdout(render_document(report, auditor.registry))
            collected.append(_light(report))
    elif fmt is AuditFormat.text and not output:
        from rich.console import Console

        from claimcheck.formats.text import print_corpus_summary, print_document

        console = Console(highlight=False)
        for report in reports:
            print_document(report, auditor.registry, console, verbose=not brief)
            collected.append(_light(report))
        if len(collected) > 1:
            print_corpus_summary(collected, console)
    else:
        collected = list(reports)
        report = Report("audit", tuple(collected), auditor.registry)
        if fmt is AuditFormat.text:
            from io import StringIO

            from rich.console import Console

            from claimcheck.formats.text import print_audit

            buffer = StringIO()
            print_audit(report, Console(file=buffer, highlight=False, width=100, color_system=None), verbose=not brief)
            emit(buffer.getvalue(), output)
        else:
            from claimcheck.formats import renderer

            emit(renderer(fmt.value)(report), output)
    findings = [f for r in collected for f in r.findings]
    if any(r.error for r in collected):
        for r in collected:
            if r.error:
                _warn(f"{r.path}: {r.error}")
        return 2
    return exit_code(findings, fail_on)


def _light(report: DocumentReport) -> DocumentReport:
    """What the summary needs of a document already printed (keeps memory flat on corpora)."""
    return report


def _warn(line: str) -> None:
    from claimcheck.text import visible

    sys.stderr.write("claimcheck: " + visible(line) + "\n")



