"""claimcheck.memory: under a memory limit, the loops that grow memory stop with MemoryError while
HEADROOM of the limit is still free, so that unwinding it never starves (python/cpython#132508).
Each limit is set in a child process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimcheck import memory
from limits_support import write_registry

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc/self/statm are Linux's")

CHILD = """
import resource, sys
from claimcheck import memory
from claimcheck.loader import load_registry
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) for line in status if line.startswith("VmSize:")) * 1024
which = getattr(resource, sys.argv[1])
resource.setrlimit(which, (size + int(sys.argv[2]) * 1024 * 1024, resource.getrlimit(which)[1]))
memory.arm()
try:
    result = load_registry(sys.argv[3])
except MemoryError as exc:
    print("MemoryError:", exc)
else:
    print("loaded", len(result.registry.claims))
"""


def _child(limit: str, spare_mib: int, registry) -> str:
    proc = subprocess.run([sys.executable, "-c", CHILD, limit, str(spare_mib), str(registry)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return write_registry(tmp_path_factory.mktemp("memory"), claims=20_000)


def test_without_a_limit_check_does_nothing(monkeypatch):
    monkeypatch.setattr(memory, "_budget", None)
    memory.check()


def test_a_limit_in_reach_stops_the_load_with_headroom_left(registry):
    # 60 MiB is not enough for 20,000 claims: the check raises before the allocator refuses.
    assert _child("RLIMIT_AS", 60, registry) == "MemoryError: within 8 MiB of the process's memory limit"


def test_a_data_limit_counts_too(registry):
    assert _child("RLIMIT_DATA", 60, registry) == "MemoryError: within 8 MiB of the process's memory limit"


def test_a_limit_out_of_reach_changes_nothing(registry):
    assert _child("RLIMIT_AS", 1024, registry) == "loaded 20000"


def test_check_raises_only_past_the_budget(monkeypatch):
    with open("/proc/self/statm", "rb") as statm:
        size = int(statm.read().split()[0]) * memory._page_size
    monkeypatch.setattr(memory, "_budget", (size + (256 << 20), None))
    memory.check()
    monkeypatch.setattr(memory, "_budget", (size // 2, None))
    with pytest.raises(MemoryError, match="memory limit"):
        memory.check()
