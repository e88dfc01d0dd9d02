"""A corpus audit from end to end: the documents run locally or on a Dask cluster, each
written in the chosen format as soon as it is back (in the targets' order), counted for the
summary and the exit code.

``text``, ``jsonl``, ``json`` and ``github`` write each document as soon as it is back and keep
only counts, so memory stays flat however large the corpus; the formats that are one object
(sarif, markdown, html) render each document as it comes and spool it, and write the whole at
the end.
"""

from __future__ import annotations

import sys
from typing import Iterator, Optional

from claimcheck.audit import Auditor
from claimcheck.corpus import cluster, local
from claimcheck.corpus.auditing import as_jsonl
from claimcheck.corpus.documents import CorpusError, Target
from claimcheck.corpus.output import Output
from claimcheck.corpus.progress import Progress, progress_console, same_terminal
from claimcheck.corpus.summary import Tally, print_summary
from claimcheck.corpus.targets import document_problem
from claimcheck.model import Report


def audit_stream(auditor: Auditor, targets: list[Target], jobs: Optional[int] = None,
                 dask_address: Optional[str] = None, finish=None) -> Iterator:
    """The reports of ``targets``, in their order, as soon as each is ready; or, with ``finish``
    (a module-level function of (auditor, report), so that it can be pickled), what it makes
    of each report where the report was made."""
    if dask_address:
        return cluster.dask_results(auditor, targets, dask_address, finish)
    jobs = local.default_jobs() if jobs is None else jobs
    processes = min(jobs, len(targets))
    if processes > 1 and local.enough_work(targets):
        return local.pool_results(auditor, targets, processes, finish)
    return local.in_process_results(auditor, targets, finish)


def run_audit(auditor: Auditor, targets: list[Target], fmt, output: Optional[str], fail_on: str,
              *, jobs: Optional[int] = None, dask_address: Optional[str] = None, brief: bool = False,
              view=None) -> int:
    """Audit ``targets``, write the results in ``fmt`` as they come, and return the exit code.

    ``text``, ``jsonl``, ``json`` and ``github`` are written document by document and only counts
    are kept; ``sarif``, ``markdown`` and ``html`` are one object, written at the end from what each
    document left in a spool (formats.spool), so they keep no report either. ``view``
    (formats.text.View) is what the text format shows; ``brief`` is ``view.verbose`` off.
    """
    from claimcheck.formats import AuditFormat
    from claimcheck.formats.text import View

    view = view or View(verbose=not brief)

    tally = Tally()
    tally.skipped.update(getattr(targets, "skipped", None) or {})
    reports = None
    try:
        finish = as_jsonl if fmt is AuditFormat.jsonl else None
        reports = audit_stream(auditor, targets, jobs, dask_address, finish)
        with Output(output) as out:
            if fmt is AuditFormat.text:
                console = out.console()
                with Progress(len(targets), progress_console(fmt, out, console)) as progress:
                    from claimcheck.formats.text import print_document

                    for report in reports:
                        tally.add(report)
                        progress.advance(report)
                        print_document(report, auditor.registry, console, view=view)
                if tally.shows_summary():
                    print_summary(tally, console, view)
            else:
                with Progress(len(targets), progress_console(fmt, out, None)) as progress:
                    if fmt is AuditFormat.jsonl:
                        for lines, summary in reports:
                            tally.add(summary)
                            progress.advance(summary)
                            if lines:  # most documents of a crawl have none: no write, no flush
                                out.write(lines)
                    elif fmt in (AuditFormat.json, AuditFormat.sarif, AuditFormat.markdown, AuditFormat.html):
                        # json is written document by document; the one-object formats render each document
                        # as it comes and spool it (beside the output file): none keeps the reports
                        from claimcheck.formats import stream_renderer

                        def counted(reports=reports, progress=progress):
                            for report in reports:
                                tally.add(report)
                                progress.advance(report)
                                yield report

                        for piece in stream_renderer(fmt.value)(counted(), auditor.registry, "audit", out.folder):
                            out.write(piece)
                    elif fmt is AuditFormat.github:  # one annotation per line: each document's as it comes
                        from claimcheck.formats.github import render as github

                        for report in reports:
                            tally.add(report)
                            progress.advance(report)
                            out.write(github(Report("audit", (report,), auditor.registry)))
                if tally.shows_summary():
                    from rich.console import Console

                    print_summary(tally, Console(stderr=True, highlight=False))
    except CorpusError as exc:
        _warn(str(exc))
        return 2
    finally:
        if hasattr(reports, "close"):  # stop the workers now (closed pipe, Ctrl-C), not at interpreter exit,
            reports.close()  # where joining a pool's threads can hang forever
    if tally.errors:
        if fmt is AuditFormat.text and output in (None, "-") and same_terminal():
            # already shown in place, on this same terminal: say why the exit code is 2, once
            _warn(f"{len(tally.errors)} document{'' if len(tally.errors) == 1 else 's'} could not be read (shown above)")
        else:
            registered = {t.display: t.document_id for t in targets if t.document_id in auditor.registry.documents}
            for path, error in tally.errors:
                if path in registered:  # where lint reports it: the document's entry in the registry
                    _warn(document_problem(auditor.registry, registered[path], error), prefix="")
                else:
                    _warn(f"{path}: {error}")
        return 2
    return tally.exit_code(fail_on)


def _warn(line: str, prefix: str = "claimcheck: ") -> None:
    from claimcheck.text import visible

    sys.stderr.write(prefix + visible(line).replace("\n", "\\n") + "\n")
