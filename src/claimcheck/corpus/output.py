"""Where a corpus audit's output goes: standard output, or a file written atomically."""

from __future__ import annotations

from typing import Optional


class Output:
    """Standard output, or a file written through a temporary file and renamed at the end
    (a failed or interrupted audit leaves the previous file untouched)."""

    def __init__(self, path: Optional[str]):
        self.path = path if path and path != "-" else None
        self._handle = None
        self._pending = None  # output.Pending: the temporary file, renamed over the target at the end

    def __enter__(self) -> "Output":
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
        import os

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
