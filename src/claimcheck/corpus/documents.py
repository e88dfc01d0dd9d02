"""The package's vocabulary: a target (one document to audit, and where to read it), the error
that stops a corpus audit, and reading a target's text."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Optional

from claimcheck.text import MAX_DOCUMENT_BYTES, InputError, decode, read_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
STDIN = "-"


class CorpusError(Exception):
    """The audit cannot run (no Dask, scheduler unreachable, cluster failure): one line, exit 2."""


# A job is (target, text, error); text and error are both None when the worker reads the file.
Job = tuple


@dataclass(frozen=True)
class Target:
    path: str  # a file path, or "-" for standard input
    display: str
    document_id: Optional[str] = None


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


def reason(exc: BaseException) -> str:
    """An exception as one short line."""
    from claimcheck.text import one_line

    return one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, 200)
