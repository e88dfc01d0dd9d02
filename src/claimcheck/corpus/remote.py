"""Documents that live behind a URL (``s3://bucket/crawl/*.html``, ``memory://``, ``file://``):
listing and globbing on the remote filesystem, and reading one document, through fsspec.

fsspec (and s3fs for ``s3://``) is imported only when a URL is named, so local audits and the
start-up time never pay for it. Credentials and endpoints come from the usual places: the AWS
variables and files for S3 (``AWS_ENDPOINT_URL`` for an S3-compatible server), and fsspec's own
configuration (``FSSPEC_S3_ENDPOINT_URL``, ``~/.config/fsspec/``) for any protocol.
"""

from __future__ import annotations

import re
from typing import Iterator

from claimcheck.text import InputError, opening_failure

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: never a Windows drive
EXTRA_HINT = "in claimcheck's folder, pip install '.[remote]' (fsspec, s3fs and warcio)"


def is_url(name: str) -> bool:
    return bool(_URL.match(name))


def filesystem(url: str):
    """(fsspec filesystem, path within it) of ``url``; InputError if it cannot be used here."""
    try:
        import fsspec.core
    except ImportError:
        raise InputError(f"reading URLs needs the 'remote' extra: {EXTRA_HINT}") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError:  # the protocol's own package (s3fs for s3://) is missing
        protocol = url.split("://", 1)[0]
        raise InputError(f"reading {protocol}:// URLs needs the 'remote' extra: {EXTRA_HINT}") from None
    except ValueError as exc:  # "Protocol not known: ..."
        raise InputError(f"cannot use this URL: {_reason(exc)}") from None
    except Exception as exc:  # bad options in the fsspec configuration, ...
        raise InputError(f"cannot open this URL's filesystem: {_reason(exc)}") from None


def listing(url: str, wanted) -> Iterator[tuple[str, int | None]]:
    """(URL, size) of each file ``url`` names: the file itself, the files under a folder, or what
    a glob matches, in sorted order; ``wanted(name, any_suffix)`` picks the files a folder or a
    glob contributes. Hidden files and folders under a folder are skipped, as locally."""
    fs, path = filesystem(url)
    try:
        if any(c in path for c in "*?["):
            any_suffix = "." in path.rstrip("/").rsplit("/", 1)[-1]
            magic = min(path.index(c) for c in "*?[" if c in path)
            literal = path[: path.rfind("/", 0, magic) + 1]
            hidden_asked = "/." in path[len(literal) - 1:]
            for name, info in sorted(fs.glob(path, detail=True).items()):
                relative = name[len(literal):] if name.startswith(literal) else name
                if not hidden_asked and any(part.startswith(".") for part in relative.split("/")):
                    continue  # as a local glob: '*' and '**' do not match hidden names
                if info.get("type") == "directory":
                    yield from _files_under(fs, name, wanted)
                elif wanted(name, any_suffix):
                    yield fs.unstrip_protocol(name), info.get("size")
        elif fs.isdir(path):
            yield from _files_under(fs, path, wanted)
        else:
            info = fs.info(path)
            if info.get("type") == "directory":
                yield from _files_under(fs, path, wanted)
            else:
                yield fs.unstrip_protocol(path), info.get("size")
    except FileNotFoundError:
        raise InputError("no such file or folder") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except InputError:
        raise
    except Exception as exc:  # no credentials, unreachable endpoint, no such bucket, ...
        raise InputError(f"cannot list: {_reason(exc)}") from None


def _files_under(fs, folder: str, wanted) -> Iterator[tuple[str, int | None]]:
    """The files under ``folder`` in the order of a local folder's walk: a folder's files, then
    its subfolders', each sorted by name."""
    root = folder.rstrip("/")
    found = []
    for name, info in fs.find(root, detail=True).items():
        parts = name[len(root):].strip("/").split("/")
        if info.get("type") == "directory" or any(part.startswith(".") for part in parts):
            continue
        if wanted(name, False):
            found.append(([(1, part) for part in parts[:-1]] + [(0, parts[-1])], name, info.get("size")))
    for _, name, size in sorted(found):
        yield fs.unstrip_protocol(name), size


def read_url(url: str, limit: int) -> bytes:
    """The bytes of the document at ``url``, refused above ``limit`` bytes."""
    fs, path = filesystem(url)
    try:
        with fs.open(path, "rb") as handle:
            size = getattr(handle, "size", None)
            if isinstance(size, int) and size > limit:
                raise InputError(f"is {size:,} bytes; the limit is {limit:,}")
            data = handle.read(limit + 1)
    except InputError:
        raise
    except Exception as exc:  # the network, the server, the credentials
        known = opening_failure(exc) if isinstance(exc, OSError) else None
        raise InputError(known or f"cannot read: {_reason(exc)}") from None
    if len(data) > limit:
        raise InputError(f"is larger than the limit of {limit:,} bytes")
    return data


def open_url(url: str):
    """A binary file object on ``url`` (seekable), for reading a web archive."""
    fs, path = filesystem(url)
    try:
        return fs.open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except Exception as exc:
        raise InputError(f"cannot read: {_reason(exc)}") from None


def after_fork() -> None:
    """In a forked worker process: forget the parent's fsspec event loop and its lock (held by
    a thread that does not exist here), or the first read waits for ever. Recent fsspec releases
    do this by themselves; older ones (such as the declared floor) need it done."""
    from fsspec import asyn

    if hasattr(asyn, "reset_lock"):
        asyn.reset_lock()
    else:  # the newer name
        asyn.reset_after_fork()


def _reason(exc: BaseException) -> str:
    from claimcheck.corpus.documents import reason

    return reason(exc)
