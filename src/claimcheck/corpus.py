"""Turning command-line targets into documents, auditing them, and streaming the output.

A corpus audit is a stream: documents are audited in-process, by N worker processes (each
compiles the registry's matchers once) or on a Dask cluster, and come back in the order of
the targets. ``text`` and ``jsonl`` write each document as soon as it is back and keep only
counts for the summary, so memory stays flat however large the corpus; the formats that are
one object (sarif, markdown, html) render each document as it comes and spool it, and write the
whole at the end.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, NamedTuple, Optional

from claimcheck.audit import Auditor
from claimcheck.loader import display_path, document_path
from claimcheck.model import DocumentReport, Registry, Report, Severity
from claimcheck.text import MAX_DOCUMENT_BYTES, InputError, decode, read_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
STDIN = "-"
POOL_MIN_BYTES = 256 * 1024  # below this much text, -j N audits in-process: workers would cost more
BATCH_CHARACTERS = 1 << 20  # texts scanned together (one pass of the automaton) up to about this much
IN_PROCESS_CHUNK = 32  # documents read and audited together when no worker process is used
WORKER_CHECK_SECONDS = 0.5  # how often a wait for a worker's result checks that none has died
DASK_CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
DASK_BATCH_DOCUMENTS = 64  # documents per Dask task ...
DASK_BATCH_BYTES = 4 << 20  # ... or this many characters, whichever comes first


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
                problems.append(document_problem(registry, document.id, exc.message))
                continue
            targets.append(Target(path, display_path(os.path.join(registry.root, document.path)), document.id))
    for name in names:
        if name == STDIN:
            targets.append(Target(STDIN, "<stdin>"))
        elif _document_id(registry, name) and not os.path.exists(name):
            name = _document_id(registry, name)
            document = registry.documents[name]
            try:
                path = document_path(registry.root, document.path)
            except InputError as exc:
                problems.append(document_problem(registry, name, exc.message))
                continue
            targets.append(Target(path, display_path(os.path.join(registry.root, document.path)), name))
        elif os.path.isdir(name):
            targets.extend(Target(p, display_path(p)) for p in walk_texts(name))
        elif os.path.lexists(name):
            targets.append(Target(name, display_path(name)))
        elif any(c in name for c in "*?["):
            found: set[str] = set()  # 'site/**' matches a folder, its subfolders and their files: each file once
            any_suffix = "." in os.path.basename(name)  # '*.log' asks for those files; 'site/*' for text files
            for match in sorted(glob.glob(name, recursive=True)):
                if os.path.isdir(match):  # a folder matched: its text files, as for a folder named
                    paths: Iterable[str] = walk_texts(match)
                elif os.path.isfile(match) and (any_suffix or match.lower().endswith(TEXT_SUFFIXES)):
                    paths = [match]
                else:
                    continue
                for path in paths:
                    if os.path.normpath(path) not in found:
                        found.add(os.path.normpath(path))
                        targets.append(Target(path, display_path(path)))
            if not found:
                problems.append(f"claimcheck: {name}: no file matches")
        else:
            problems.append(f"claimcheck: {name}: no such file, directory or registered document id")
    return _unique(targets), problems


def _unique(targets: list[Target]) -> list[Target]:
    """Each file once (``--all 004`` or ``docs docs/a.txt``), in the order first named; a
    later naming by id lends its document id to an earlier naming by path."""
    seen: dict[str, int] = {}
    unique: list[Target] = []
    for target in targets:
        if target.path == STDIN:
            unique.append(target)
            continue
        key = os.path.normcase(os.path.realpath(target.path))
        if key in seen:
            first = unique[seen[key]]
            if first.document_id is None and target.document_id is not None:
                unique[seen[key]] = replace(first, document_id=target.document_id)
            continue
        seen[key] = len(unique)
        unique.append(target)
    return unique


def _document_id(registry: Registry, name: str) -> Optional[str]:
    """The document id ``name`` is, or is an unambiguous prefix of (``004``), else None."""
    if name in registry.documents:
        return name
    matches = [d for d in registry.documents if name and d.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def document_problem(registry: Registry, document_id: str, message: str) -> str:
    """A registered document that cannot be read, as lint reports it: at its path's line:column."""
    document = registry.documents[document_id]
    line, column = registry.positions.get((document_id, "path"), (1, 1))
    return (f"{registry.path}:{line}:{column}: error document-unreadable "
            f"document '{document_id}': '{document.path}' {message}")


def walk_texts(folder: str) -> Iterator[str]:
    """Text files under ``folder`` (sorted, hidden folders skipped, symlinks not followed)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


# --- auditing one document --------------------------------------------------------------
#
# The core is a pure function of (auditor, target, text): the auditor holds only the
# registry and the options (its compiled matchers are rebuilt where it is unpickled), so the
# same function runs in-process, in a worker process, or on a Dask worker.


def read_target(target: Target) -> tuple[Optional[str], Optional[str]]:
    """(text, None), or (None, why it cannot be read)."""
    try:
        return (_read_stdin() if target.path == STDIN else read_text(target.path)), None
    except InputError as exc:
        return None, exc.detail


def _read_stdin() -> str:
    data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"is larger than the limit of {MAX_DOCUMENT_BYTES:,} bytes")
    return decode(data)


def audit_document(auditor: Auditor, target: Target, text: Optional[str], error: Optional[str] = None) -> DocumentReport:
    """The report of one target whose text (or the reason it cannot be read) is known."""
    return audit_documents(auditor, [(target, text, error)])[0]


def audit_documents(auditor: Auditor, loaded: list[tuple[Target, Optional[str], Optional[str]]]) -> list[DocumentReport]:
    """``audit_document`` of each (target, text, error), the readable texts audited together."""
    ids = [None if target.path == STDIN else auditor.document_id_for(target.path) for target, _, _ in loaded]
    audited = iter(auditor.audit_texts([(text, target.display, document_id, None)
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


# A job is (target, text, error); text and error are both None when the worker reads the file.
Job = tuple


def _jobs(targets: Iterable[Target]) -> Iterator[Job]:
    for target in targets:
        if target.path == STDIN:  # only this process can read it
            yield (target, *read_target(target))
        else:
            yield (target, None, None)


def _run_jobs(auditor: Auditor, jobs: list[Job], finish=None, read: Optional[dict] = None) -> list:
    """Reports (or what ``finish`` makes of them) of several jobs: their texts are read, then
    audited together, BATCH_CHARACTERS at a time (so a batch of large files is never all in memory)."""
    out: list = []
    loaded: list = []
    size = 0
    read = {} if read is None else read  # real path -> (text, error): entries naming one file share its reading
    for target, text, error in jobs:
        if text is None and error is None:
            key = os.path.realpath(target.path)
            if key not in read:
                if sum(len(t or "") for t, _ in read.values()) >= BATCH_CHARACTERS:
                    read.clear()  # what is kept for reuse stays bounded as the batch is
                read[key] = read_target(target)
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
    return _run_jobs(auditor, jobs, finish)


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


# --- where the audit runs ---------------------------------------------------------------


class CorpusError(Exception):
    """The audit cannot run (no Dask, scheduler unreachable, cluster failure): one line, exit 2."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def audit_stream(auditor: Auditor, targets: list[Target], jobs: Optional[int] = None,
                 dask_address: Optional[str] = None, finish=None) -> Iterator:
    """The reports of ``targets``, in their order, as soon as each is ready; or, with ``finish``
    (a module-level function of (auditor, report), so that it can be pickled), what it makes
    of each report where the report was made."""
    if dask_address:
        return _dask_results(auditor, targets, dask_address, finish)
    jobs = default_jobs() if jobs is None else jobs
    processes = min(jobs, len(targets))
    if processes > 1 and _enough_work(targets):
        return _pool_results(auditor, targets, processes, finish)
    read: dict = {}  # shared by the chunks: each file is read once in this process
    return (result for chunk in _chunks(_jobs(targets), IN_PROCESS_CHUNK)
            for result in _run_jobs(auditor, chunk, finish, read))


def _enough_work(targets: list[Target]) -> bool:
    """Worth starting worker processes? (Tiny inputs are audited faster in-process.)"""
    total = 0
    for target in targets:
        if target.path == STDIN:
            continue
        try:
            total += os.stat(target.path).st_size
        except OSError:
            continue
        if total >= POOL_MIN_BYTES:
            return True
    return False


_worker_auditor: Optional[Auditor] = None


def _init_worker(auditor: Auditor) -> None:
    """Once per worker process: leave Ctrl-C to the parent, compile the matchers."""
    global _worker_auditor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_auditor = auditor
    auditor.matcher  # noqa: B018 - built here, once, not on the first document


def _pool_chunk(finish, jobs: list[Job]) -> list:
    assert _worker_auditor is not None
    return _run_jobs(_worker_auditor, jobs, finish)


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pool_results(auditor: Auditor, targets: list[Target], processes: int, finish=None) -> Iterator:
    from functools import partial
    import multiprocessing

    # Workers must never see Ctrl-C before their initializer ignores it: block it while forking.
    blocked = hasattr(signal, "pthread_sigmask")
    if blocked:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context().Pool(processes, initializer=_init_worker, initargs=(auditor,))
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    finished = False
    try:
        # Chunks of up to 64 documents: each chunk is one message each way, and per-message costs
        # (pickling, the pool's threads, the pipe) otherwise take a fifth of the parent's core
        # when documents are quick to audit; at least 4 chunks per worker keep the load even.
        chunksize = max(1, min(64, len(targets) // (processes * 4)))
        workers = _Workers(pool)
        results = pool.imap(partial(_pool_chunk, finish), _chunks(_jobs(targets), chunksize))
        while True:
            try:
                yield from results.next(timeout=WORKER_CHECK_SECONDS)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                # A worker that dies (killed, out of memory) takes its chunk with it, and the pool
                # would wait for that chunk forever: fail now instead.
                if workers.one_died():
                    raise CorpusError("a worker process stopped unexpectedly (killed, or out of memory?); "
                                      "try fewer jobs (-j), or audit the corpus in parts") from None
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # interrupted, or the reader stopped: stop the workers now
            pool.terminate()
        pool.join()


class _Workers:
    """Every worker process a pool has started: a pool replaces a worker that dies, silently."""

    def __init__(self, pool):
        self._pool = pool
        self._seen: dict[int, object] = {}
        self.one_died()  # the first workers, before any can die and be replaced unseen

    def one_died(self) -> bool:
        for process in list(getattr(self._pool, "_pool", [])):
            self._seen.setdefault(id(process), process)
        return any(process.exitcode not in (None, 0) for process in self._seen.values())


def _dask_results(auditor: Auditor, targets: list[Target], address: str, finish=None) -> Iterator:
    """Batches of documents (read here, so the cluster needs no access to the files) sent to a
    Dask cluster; the auditor is sent once to every worker; results come back in order, with a
    bounded number of batches in flight."""
    try:
        from distributed import Client
    except ImportError:
        raise CorpusError("--dask needs the 'distributed' package: pip install distributed") from None
    from distributed.comm import resolve_address

    try:
        resolve_address(address)  # a malformed address fails here, before a Client exists
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:  # ValueError (address), OSError, TimeoutError (unreachable)
        raise CorpusError(f"cannot reach the Dask scheduler at {address}: {_reason(exc)}") from None
    return _dask_stream(client, auditor, targets, finish)


def _dask_stream(client, auditor: Auditor, targets: list[Target], finish=None) -> Iterator:
    pending: deque = deque()
    try:
        try:
            [remote_auditor] = client.scatter([auditor], broadcast=True, hash=False)
            window = 2 * max(1, sum(client.nthreads().values())) + 2
        except Exception as exc:
            raise CorpusError(f"the Dask cluster refused the registry: {_reason(exc)}") from None
        for batch in _batches(_dask_jobs(targets)):
            pending.append(client.submit(audit_batch, remote_auditor, batch, finish, pure=False))
            while len(pending) >= window:
                yield from _gather(pending.popleft())
        while pending:
            yield from _gather(pending.popleft())
    finally:
        for future in pending:
            future.cancel()
        client.close()


def _dask_jobs(targets: Iterable[Target]) -> Iterator[Job]:
    for target in targets:
        yield (target, *read_target(target))


def _batches(jobs: Iterator[Job]) -> Iterator[list[Job]]:
    batch: list[Job] = []
    size = 0
    for job in jobs:
        batch.append(job)
        size += len(job[1] or "")
        if len(batch) >= DASK_BATCH_DOCUMENTS or size >= DASK_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _gather(future) -> list:
    try:
        return future.result()
    except Exception as exc:
        raise CorpusError(f"the Dask cluster failed to audit a batch: {_reason(exc)} "
                          "(do its workers have the same claimcheck installed?)") from None


def _reason(exc: BaseException) -> str:
    from claimcheck.text import one_line

    return one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, 200)


# --- counting for the summary -------------------------------------------------------------


_SEVERITY = {s.value: s for s in Severity}


class Tally:
    """What the summary and the exit code need of the documents already written: counts only."""

    WORST = 5

    def __init__(self) -> None:
        self.documents = 0
        self.chars = 0
        self.findings = 0
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.ratings: Counter = Counter()
        self.errors: list[tuple[str, str]] = []
        self._worst: list[tuple[int, int, str]] = []  # (-errors, -warnings, path)

    def add(self, report) -> None:
        """Count a DocumentReport, or the DocumentSummary of one."""
        summary = report if isinstance(report, DocumentSummary) else summarise(report)
        self.documents += 1
        self.chars += summary.chars
        self.findings += len(summary.findings)
        errors = warnings = 0
        counted = [(name, rule, 1) for name, rule in summary.findings] + list(summary.omitted)
        self.findings += sum(n for _, _, n in summary.omitted)
        for name, rule, n in counted:
            severity = _SEVERITY[name]
            self.by_severity[severity] += n
            self.by_rule[rule] += n
            if severity is Severity.error:
                errors += n
            elif severity is Severity.warning:
                warnings += n
        self.ratings[summary.rating] += 1
        if summary.error:
            self.errors.append((summary.path, summary.error))
        if errors or warnings:
            self._worst.append((-errors, -warnings, summary.path))
            if len(self._worst) > 20 * self.WORST:
                self._worst = sorted(self._worst)[: self.WORST]

    @property
    def worst(self) -> list[tuple[str, int, int]]:
        """(path, errors, warnings) of the documents with most errors, then warnings."""
        return [(path, -e, -w) for e, w, path in sorted(self._worst)[: self.WORST]]

    def exit_code(self, fail_on: str) -> int:
        from types import SimpleNamespace

        from claimcheck.lint import exit_code

        return exit_code([SimpleNamespace(severity=s) for s, n in self.by_severity.items() if n], fail_on)


def print_summary(tally: Tally, console, view=None) -> None:
    """The corpus summary: documents, findings by severity and by rule (flag), the worst documents."""
    from rich.text import Text

    from claimcheck.formats.common import count_phrase, plural
    from claimcheck.formats.text import SUGGESTION_RULE, View, emit, hidden_note
    from claimcheck.text import visible

    view = view or View()
    wrap = view.wrap
    console.print(Text("Summary", style="bold underline"))
    emit(console, Text(f"  {plural(tally.documents, 'document')}, {plural(tally.findings, 'finding')}: "
                       + count_phrase(tally.by_severity)), 4, wrap)
    emit(console, Text("  ratings: " + ", ".join(f"{r} {n}" for r, n in sorted(tally.ratings.items()))), 4, wrap)
    if tally.by_rule:
        emit(console, Text(visible("  by rule: " + ", ".join(
            f"{r} {n}" for r, n in sorted(tally.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))))), 4, wrap)
    hidden = view.hidden(dict(tally.by_severity))
    if view.suggest and Severity.info in hidden:
        hidden[Severity.info] -= tally.by_rule.get(SUGGESTION_RULE, 0)
    note = hidden_note(view, hidden)
    if note:
        emit(console, Text("  " + note, style="dim"), 4, wrap)
    if tally.worst:
        console.print(Text("  worst documents:"))
        for path, errors, warnings in tally.worst:
            emit(console, Text.assemble("    ", Text(visible(path), style="bold"), "  " + count_phrase(
                {Severity.error: errors, Severity.warning: warnings}, (Severity.error, Severity.warning))), 6, wrap)


# --- output -------------------------------------------------------------------------------


class _Output:
    """Standard output, or a file written through a temporary file and renamed at the end
    (a failed or interrupted audit leaves the previous file untouched)."""

    def __init__(self, path: Optional[str]):
        self.path = path if path and path != "-" else None
        self._handle = None
        self._pending = None  # output.Pending: the temporary file, renamed over the target at the end

    def __enter__(self) -> "_Output":
        if self.path:
            from claimcheck.output import open_temporary

            self._pending = open_temporary(self.path)  # refuses devices, FIFOs, folders; follows symlinks
            self._handle = open(self._pending.fd, "w", encoding="utf-8", errors="backslashreplace", newline="",
                                closefd=False)
        return self

    def write(self, data: str) -> None:
        if self._handle is None:
            from claimcheck.output import write_stdout

            write_stdout(data)
        else:
            try:
                self._handle.write(data)
            except OSError as exc:  # a full disk: name the file
                raise OSError(exc.errno, exc.strerror, self.path) from None

    def console(self):
        """A Rich console on this output (plain and 100 columns wide for a file)."""
        from rich.console import Console

        if self._handle is None:
            return Console(highlight=False)
        return Console(file=self._handle, highlight=False, width=100, color_system=None)

    @property
    def folder(self) -> Optional[str]:
        """Where a format may spool what it writes at the end: beside the output file (None: the
        system's temporary folder)."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else None

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._handle is None:
            return
        assert self._pending is not None and self.path is not None
        try:
            if exc_type is None:
                self._handle.flush()
                self._pending.commit()
        except OSError as error:
            raise OSError(error.errno, error.strerror, self.path) from None
        finally:
            try:
                self._handle.close()
            except (OSError, ValueError):
                pass
            self._pending.discard()
        if isinstance(exc, OSError) and not exc.filename:  # writing the report failed (full disk)
            raise OSError(exc.errno, exc.strerror, self.path) from None


class _Progress:
    """A progress bar (documents, MB/s, findings) while auditing, shown only on a terminal."""

    def __init__(self, total: int, console):
        self.total = total
        self.console = console
        self._progress = None
        self._task = None
        self._chars = 0
        self._findings = 0
        self._started = 0.0
        self._shown = 0.0

    def __enter__(self) -> "_Progress":
        if self.console is None:
            return self
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
            TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[findings]} findings"), TimeElapsedColumn(),
            console=self.console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task("audit", total=self.total, rate="", findings=0)
        self._started = time.monotonic()
        return self

    def advance(self, report: DocumentReport) -> None:
        if self._progress is None:
            return
        self._chars += report.chars
        self._findings += len(report.findings)
        now = time.monotonic()
        self._progress.advance(self._task)
        if now - self._shown >= 0.2 or self._progress.tasks[0].completed >= self.total:
            self._shown = now
            rate = self._chars / 1e6 / max(now - self._started, 1e-6)
            self._progress.update(self._task, rate=f"{rate:.1f} MB/s", findings=f"{self._findings:,}")

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)


def _progress_console(fmt, output: _Output, stdout_console):
    """Where the progress bar goes: nowhere unless standard error is a terminal. When the text
    view streams to that same terminal, the bar shares its console so that the two never garble."""
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if stdout_console is not None and output.path is None and _same_terminal():
        return stdout_console
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _same_terminal() -> bool:
    try:
        return sys.stdout.isatty() and os.path.samestat(os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno()))
    except (AttributeError, ValueError, OSError):
        return False


# --- the audit command --------------------------------------------------------------------


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
    reports = None
    try:
        finish = as_jsonl if fmt is AuditFormat.jsonl else None
        reports = audit_stream(auditor, targets, jobs, dask_address, finish)
        with _Output(output) as out:
            if fmt is AuditFormat.text:
                console = out.console()
                with _Progress(len(targets), _progress_console(fmt, out, console)) as progress:
                    from claimcheck.formats.text import print_document

                    for report in reports:
                        tally.add(report)
                        progress.advance(report)
                        print_document(report, auditor.registry, console, view=view)
                if tally.documents > 1:
                    print_summary(tally, console, view)
            else:
                with _Progress(len(targets), _progress_console(fmt, out, None)) as progress:
                    if fmt is AuditFormat.jsonl:
                        for lines, summary in reports:
                            tally.add(summary)
                            progress.advance(summary)
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
                if tally.documents > 1:
                    from rich.console import Console

                    print_summary(tally, Console(stderr=True, highlight=False))
    except CorpusError as exc:
        _warn(str(exc))
        return 2
    finally:
        if hasattr(reports, "close"):  # stop the workers now (closed pipe, Ctrl-C), not at interpreter exit,
            reports.close()  # where joining a pool's threads can hang forever
    if tally.errors:
        if fmt is AuditFormat.text and output in (None, "-") and _same_terminal():
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
