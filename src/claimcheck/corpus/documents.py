"""The package's vocabulary: a target (one document to audit, and where to read it), the error
that stops a corpus audit, and reading a target's text."""

from __future__ import annotations

import os
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
    """One document to audit, and where to read it: a descriptor small enough to send to a worker
    process or a Dask worker, which then reads the document itself."""

    path: str  # a file path, "-" for standard input, a URL, or the web archive holding the record
    display: str  # the name shown in findings: the path as named, the URL, a record's WARC-Target-URI
    document_id: Optional[str] = None
    remote: bool = False  # path is a URL (read through fsspec)
    record: Optional[int] = None  # a WARC record: its byte offset in the archive at path
    html: Optional[bool] = None  # known from a Content-Type (WARC); None: from the name or the content
    size: Optional[int] = None  # bytes, when the listing said (remote files, WARC records)

    @property
    def local(self) -> bool:
        """A file on this machine (or standard input), as claimcheck has always read."""
        return not self.remote and self.record is None

    @property
    def key(self):
        """What names the same document however it was named: entries with one key share a reading."""
        if self.local:
            return real_path(self.path)
        return (self.path if self.remote else real_path(self.path), self.record)


_REAL_FOLDERS: dict[str, str] = {}  # a folder's real path: a corpus has many files per folder
_REAL_FOLDERS_KEPT = 4096


def real_path(path: str) -> str:
    """``os.path.normcase(os.path.realpath(path))``, each folder resolved once: a file that is no
    symbolic link is its real folder joined with its name (a path with ``..`` in it is resolved
    whole, since a link before the ``..`` changes where it leads)."""
    if ".." in path or os.path.islink(path):
        return os.path.normcase(os.path.realpath(path))
    folder, name = os.path.split(os.path.abspath(path))
    real = _REAL_FOLDERS.get(folder)
    if real is None:
        if len(_REAL_FOLDERS) >= _REAL_FOLDERS_KEPT:
            _REAL_FOLDERS.clear()
        real = _REAL_FOLDERS[folder] = os.path.realpath(folder)
    return os.path.normcase(os.path.join(real, name)) if name else os.path.normcase(real)


def read_target(target: Target) -> tuple[Optional[str], Optional[str]]:
    """(text, None), or (None, why it cannot be read)."""
    try:
        if target.path == STDIN:
            return _read_stdin(), None
        if target.record is not None:
            from claimcheck.corpus.warc import read_record

            return read_record(target.path, target.record), None
        if target.remote:
            from claimcheck.corpus.remote import read_url

            return decode(read_url(target.path, MAX_DOCUMENT_BYTES)), None
        return read_text(target.path), None
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
