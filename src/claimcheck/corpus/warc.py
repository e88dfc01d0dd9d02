"""Web archives (WARC, ``.warc`` or ``.warc.gz``, local or behind a URL): each successful HTML or
text ``response`` record is a document, named by its WARC-Target-URI and read at its offset in
the archive, so that a worker process or a Dask worker reads the record itself.

Everything else (requests, revisits, metadata, images, redirects, errors) is skipped and
counted for the summary. Positions (line:column) are within the record's decoded body.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections import Counter
from typing import NamedTuple, Optional

from claimcheck.text import MAX_DOCUMENT_BYTES, InputError, decode

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")


class Record(NamedTuple):
    offset: int  # where the record starts in the archive (a gzip member's start in a .warc.gz)
    uri: str
    html: bool
    size: Optional[int]  # the record's length in the archive, a hint for batching


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _open(location: str):
    from claimcheck.corpus.remote import is_url, open_url

    if is_url(location):
        return open_url(location)
    try:
        info = os.stat(location)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (device, FIFO, socket or folder)")
    try:
        return open(location, "rb")
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}") from None


def _iterator(handle):
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        from claimcheck.corpus.remote import EXTRA_HINT

        raise InputError(f"reading web archives needs the 'remote' extra: {EXTRA_HINT}") from None
    return ArchiveIterator(handle)


def _media_type(record) -> tuple[str, dict]:
    """The payload's media type (lower case) and its parameters, from the HTTP headers."""
    value = record.http_headers.get_header("Content-Type") if record.http_headers else None
    kind, _, rest = (value or "").partition(";")
    params = {}
    for part in rest.split(";"):
        key, _, val = part.partition("=")
        if key.strip():
            params[key.strip().lower()] = val.strip().strip("\"'")
    return kind.strip().lower(), params


def _skip_reason(record) -> Optional[str]:
    """Why a record is not a document, or None when it is one."""
    if record.rec_type != "response":
        return str(record.rec_type)
    if record.http_headers is None:
        return "without HTTP headers"
    status = record.http_headers.get_statuscode()
    if not (status or "").startswith("2"):
        return f"with HTTP status {status or 'missing'}"
    kind, _ = _media_type(record)
    if kind not in HTML_TYPES and kind not in TEXT_TYPES:
        return "not HTML or text"
    if not record.rec_headers.get_header("WARC-Target-URI"):
        return "without a WARC-Target-URI"
    return None


def records(location: str) -> tuple[list[Record], Counter]:
    """The documents of the archive at ``location`` and the count of records skipped, by why.
    A damaged archive raises InputError naming the byte offset where reading failed."""
    found: list[Record] = []
    skipped: Counter = Counter()
    with _open(location) as handle:
        iterator = _iterator(handle)
        offset = 0
        last = None  # (offset, Content-Length) of the last record read
        try:
            for record in iterator:
                offset = iterator.get_record_offset()
                if record.format != "warc":
                    raise InputError(f"is not a readable WARC file at byte offset {offset:,}: "
                                     "not a WARC record")
                last = (offset, record.length or 0)
                why = _skip_reason(record)
                if why:
                    skipped[why] += 1
                    continue
                kind, _ = _media_type(record)
                found.append(Record(offset, record.rec_headers.get_header("WARC-Target-URI"), kind in HTML_TYPES,
                                    record.length))
            _check_complete(handle, iterator, last)
        except InputError:
            raise
        except Exception as exc:  # warcio's ArchiveLoadFailed, zlib errors, a truncated file, the network
            raise InputError(f"is not a readable WARC file at byte offset {_failed_at(iterator, offset):,}: "
                             f"{_reason(exc)}") from None
    return found, skipped


def _check_complete(handle, iterator, last) -> None:
    """A WARC cut short (an interrupted download or copy) reads as fewer records, or a last record
    shorter than it says: that is an error, not a smaller crawl."""
    if last is None:
        return
    end = iterator.offset
    try:
        size = handle.seek(0, 2)
        handle.seek(0)
        compressed = handle.read(2) == b"\x1f\x8b"
    except (OSError, ValueError):
        return
    offset, length = last
    if end < size:  # what follows the last record read is not one
        raise InputError(f"is not a readable WARC file at byte offset {end:,}: no record can be read there "
                         "(truncated?)")
    if not compressed and end - offset < length:
        raise InputError(f"is not a readable WARC file at byte offset {offset:,}: "
                         "the archive ends inside this record (truncated?)")


def _failed_at(iterator, offset: int) -> int:
    """Where reading failed: the start of the record being read, as far as the iterator knows."""
    for value in (getattr(iterator, "offset", None), offset):
        if isinstance(value, int):
            return value
    return 0


def read_record(location: str, offset: int, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """The decoded body of the response record at ``offset`` in the archive at ``location``."""
    with _open(location) as handle:
        try:
            handle.seek(offset)
            record = next(iter(_iterator(handle)))
            if record.rec_type != "response":
                raise InputError(f"has no response record at byte offset {offset:,}")
            data = record.content_stream().read(limit + 1)
        except InputError:
            raise
        except StopIteration:
            raise InputError(f"has no record at byte offset {offset:,}") from None
        except Exception as exc:
            raise InputError(f"cannot read the WARC record at byte offset {offset:,}: {_reason(exc)}") from None
    if len(data) > limit:
        raise InputError(f"is larger than the limit of {limit:,} bytes")
    _, params = _media_type(record)
    return _decode(data, params.get("charset"))


def _decode(data: bytes, charset: Optional[str]) -> str:
    """The body as text: in the charset its Content-Type declares, else UTF-8 (or UTF-16 by BOM)."""
    try:
        name = codecs.lookup(charset).name if charset else "utf-8"
    except LookupError:
        name = "utf-8"
    if name in ("utf-8", "utf-8-sig", "utf-16", "ascii"):
        return decode(data)
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, ValueError):
        raise InputError(f"is not valid {charset} (its declared charset)") from None
    if "\x00" in text:
        raise InputError("contains NUL characters: a binary file, not text")
    return text


def _reason(exc: BaseException) -> str:
    from claimcheck.corpus.documents import reason

    return reason(exc)
