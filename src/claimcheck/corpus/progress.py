"""The progress bar (documents, MB/s, findings), shown only when standard error is a terminal."""

from __future__ import annotations

import os
import sys
import time

from claimcheck.corpus.output import Output
from claimcheck.model import DocumentReport


class Progress:
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

    def __enter__(self) -> "Progress":
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


def progress_console(fmt, output: Output, stdout_console):
    """Where the progress bar goes: nowhere unless standard error is a terminal. When the text
    view streams to that same terminal, the bar shares its console so that the two never garble."""
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if stdout_console is not None and output.path is None and same_terminal():
        return stdout_console
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def same_terminal() -> bool:
    try:
        return sys.stdout.isatty() and os.path.samestat(os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno()))
    except (AttributeError, ValueError, OSError):
        return False
