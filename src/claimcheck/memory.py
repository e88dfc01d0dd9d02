"""Running out of memory with room to spare.

Under a limit on address space or data (``ulimit -v``, ``prlimit --as``, RLIMIT_DATA), where
memory runs out matters. If the process creeps up to the limit one small object at a time, the
allocation that fails is a small one, and then every small allocation fails: CPython 3.10 to
3.13 can then loop for ever while it unwinds the MemoryError (it needs a small integer object
for each ``with``, ``finally`` or ``except`` it passes, and retries the same handler when that
allocation fails: python/cpython#132508). A run that should end with "out of memory" and exit 2
would hang instead.

So the loops that grow memory one small object at a time (reading the registry, building its
claims, the lint checks, auditing documents) call :func:`check` every so often. Once the process
is within :data:`HEADROOM` of a limit, it raises MemoryError itself, while the rest of the limit
is still free for the unwinding and the one-line ending. Without a limit, or without
``/proc/self/statm`` to read (not Linux), :func:`check` does nothing.
"""

from __future__ import annotations

import os
from typing import Optional

HEADROOM = 8 << 20

# (address-space limit, data limit) in bytes, minus HEADROOM; None where there is no limit.
_budget: Optional[tuple[Optional[int], Optional[int]]] = None
_page_size = 4096


def arm() -> None:
    """Read the process's limits (again): call at start-up, after anything that may set them."""
    global _budget, _page_size
    _budget = None
    try:
        import resource

        limits = tuple(_soft_limit(resource, name) for name in ("RLIMIT_AS", "RLIMIT_DATA"))
        _page_size = os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    if any(limit is not None for limit in limits) and os.path.exists("/proc/self/statm"):
        _budget = tuple(None if limit is None else limit - HEADROOM for limit in limits)  # type: ignore[assignment]


def _soft_limit(resource, name: str) -> Optional[int]:
    which = getattr(resource, name, None)
    if which is None:
        return None
    soft, _hard = resource.getrlimit(which)
    return None if soft == resource.RLIM_INFINITY or soft < 0 else soft


def check() -> None:
    """Raise MemoryError if the process is within HEADROOM of its address-space or data limit."""
    if _budget is None:
        return
    address_space, data = _budget
    try:
        with open("/proc/self/statm", "rb") as statm:
            fields = statm.read().split()
    except OSError:
        return
    size, data_pages = int(fields[0]) * _page_size, int(fields[5]) * _page_size
    if (address_space is not None and size > address_space) or (data is not None and data_pages > data):
        raise MemoryError(f"within {HEADROOM >> 20} MiB of the process's memory limit")
