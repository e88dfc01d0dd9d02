"""Writing results: machine formats as UTF-8 bytes, files atomically."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile


def atomic_write(path: str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    On any failure (full disk, failed rename, interruption) the original file is untouched
    and the temporary file is removed; the error names ``path``. A symlink is written
    through (its target is replaced, the link kept); anything but a regular file is refused.
    """
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    pending = open_temporary(path)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(pending.fd, view):]
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, path) from None
        pending.commit()
    finally:
        pending.discard()


# Temporary files of atomic writes in progress: removed by ``discard_all`` when the process must
# stop where no ``finally`` can be trusted to run (out of memory while unwinding).
_PENDING: set = set()


class Pending:
    """A temporary file next to the real target of ``path``, renamed over it by ``commit()``."""

    def __init__(self, path: str, target: str, info, fd: int, temporary: str):
        self.path, self.target, self.info, self.fd, self.temporary = path, target, info, fd, temporary
        _PENDING.add(temporary)

    def commit(self) -> None:
        """Flush to disk, give the file the original's mode, and rename it over the target."""
        try:
            if self.fd >= 0:
                os.fsync(self.fd)
                os.close(self.fd)
                self.fd = -1
            if self.info is not None:
                os.chmod(self.temporary, self.info.st_mode & 0o7777)
            else:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(self.temporary, 0o666 & ~mask)
            os.replace(self.temporary, self.target)
            _PENDING.discard(self.temporary)
            self.temporary = None
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, self.path) from None

    def discard(self) -> None:
        """Remove the temporary file unless it was committed (safe to call twice)."""
        if self.fd >= 0:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = -1
        if self.temporary is not None:
            try:
                os.unlink(self.temporary)
            except OSError:
                pass
            _PENDING.discard(self.temporary)
            self.temporary = None


def discard_all() -> None:
    """Remove every temporary file of an atomic write still in progress (the targets stay as they were)."""
    while _PENDING:
        temporary = _PENDING.pop()
        try:
            os.unlink(temporary)
        except OSError:
            pass


def open_temporary(path: str) -> Pending:
    """Start an atomic write of ``path``; errors (not a regular file, no such folder) name ``path``."""
    try:
        target = os.path.realpath(path)
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "is not a regular file (use '-' for standard output)")
        folder = os.path.dirname(target) or "."
        fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, path) from None
    return Pending(path, target, info, fd, temporary)


def refuse_to_overwrite(output: str | None, inputs) -> None:
    """Refuse an ``--output`` that is one of the command's inputs (``lint -o claims.yaml``)."""
    if not output or output == "-":
        return
    target = os.path.realpath(output)
    for path in inputs:
        try:
            if path and path != "-" and os.path.realpath(path) == target:
                raise OSError(errno.EEXIST, "is an input of this command; refusing to overwrite it", output)
        except (TypeError, ValueError):
            continue


def refuse_to_replace_non_schema(output: str | None) -> None:
    """``claimcheck schema -o FILE`` reads nothing, so the inputs it could clobber are guessed: it
    refuses the registry it would find (here or in a parent folder, or next to FILE), and any
    existing YAML file or document (a name ending in a suffix ``audit`` reads as text)."""
    if not output or output == "-":
        return
    from claimcheck.corpus import TEXT_SUFFIXES
    from claimcheck.loader import find_registry

    target = os.path.realpath(output)
    registries = {find_registry(), find_registry(os.path.dirname(target))}
    refuse_to_overwrite(output, [r for r in registries if r])
    if os.path.lexists(output) and target.lower().endswith((".yaml", ".yml", *TEXT_SUFFIXES)):
        raise OSError(errno.EEXIST, "is a registry or a document, not a JSON Schema; refusing to overwrite it",
                      output)


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
