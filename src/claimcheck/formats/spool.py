"""Text a format writes now and reads back once at the end: what lets a one-object format
(SARIF, HTML) stream an audit of any size.

Such a format must write its header (the SARIF run's rules and notifications, the HTML page's
overview) before the documents, yet the header depends on every document. So each document is
rendered as soon as it is audited, its text goes to a spool, and only small counts and indexes
stay in memory; at the end the header is written and the spools are copied after it.

A spool stays in memory up to ``MEMORY`` bytes (a small report never touches the disk), then
moves to an anonymous temporary file (``O_TMPFILE`` where the system has it): it has no name,
so nothing is left behind however the process ends. It goes in ``folder`` (the output's folder,
where there is room for the output anyway) or the system's temporary folder.
"""

from __future__ import annotations

import codecs
import tempfile
from typing import Iterator, Optional

MEMORY = 1 << 20  # bytes a spool keeps in memory before it moves to a temporary file
CHUNK = 1 << 16  # bytes read back at a time


class Spool:
    def __init__(self, folder: Optional[str] = None) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=MEMORY, mode="w+b", dir=folder or None)
        self.size = 0  # bytes written
        self.count = 0  # pieces written

    def write(self, text: str) -> int:
        """Append ``text``; return the byte offset where it starts."""
        return self.write_bytes(text.encode("utf-8", "surrogatepass"))

    def write_bytes(self, data: bytes) -> int:
        """Append bytes (kept as they are: read them back with ``read_bytes``)."""
        offset = self.size
        self._file.write(data)
        self.size += len(data)
        self.count += 1
        return offset

    def read_bytes(self, start: int, end: int) -> bytes:
        self._file.seek(start)
        data = self._file.read(end - start)
        self._file.seek(0, 2)
        return data

    def read(self, start: int = 0, end: Optional[int] = None) -> Iterator[str]:
        """The text between two byte offsets (those ``write`` returned), a chunk at a time."""
        end = self.size if end is None else end
        self._file.seek(start)
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        left = end - start
        while left > 0:
            data = self._file.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            text = decoder.decode(data, final=left <= 0)
            if text:
                yield text
        self._file.seek(0, 2)  # writing goes on at the end

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "Spool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
