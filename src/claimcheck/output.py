"""Writing results: machine formats as UTF-8 bytes, files atomically."""

from __future__ import annotations

import os
import sys
import tempfile


def atomic_write(path: str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    On any failure (full disk, failed rename, interruption) the original file is untouched
    and the temporary file is removed.
    """
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.exists(path):
            try:
                os.chmod(temporary, os.stat(path).st_mode & 0o7777)
            except OSError:
                pass
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_stdout(data: str) -> None:
    """Machine output: always UTF-8 bytes, whatever the terminal's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(data.encode("utf-8", "backslashreplace"))  # never a lone surrogate on the wire
    buffer.flush()


def emit(data: str, output: str | None) -> None:
    if output and output != "-":
        atomic_write(output, data)
    else:
        write_stdout(data)
