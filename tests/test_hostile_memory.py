"""Memory: out of memory is one line and exit 2, never a traceback, a hang or a temporary file
left behind; and every command runs within 512 MiB of address space on any input within the
limits (docs/safety.md, "Memory"), each test in a child process under RLIMIT_AS."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hostile_support import assert_clean_stderr
from limits_support import write_page, write_registry

# The child starts normally, then gets only a little more address space than it uses already:
# the load of a registry of a few MB runs out part-way, in Python code.
SQUEEZED = """
import resource, sys
from claimcheck.cli import main
import claimcheck.loader, claimcheck.schema, claimcheck.lint, claimcheck.export, claimcheck.output
import claimcheck.formats.json_format, claimcheck.formats.common, yaml, pydantic
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) for line in status if line.startswith("VmSize:")) * 1024
limit = size + int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
main(sys.argv[2:])
"""


@pytest.fixture(scope="module")
def large_registry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    registry = write_registry(folder, claims=20_000)
    write_page(folder / "page.txt", 4096)
    return registry


def _squeezed(args, cwd, spare_mib=40):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_DEBUG", None)
    return subprocess.run([sys.executable, "-c", SQUEEZED, str(spare_mib), *args], cwd=cwd, env=env,
                          capture_output=True, timeout=60)


@pytest.mark.parametrize("args", [
    ["lint"], ["lint", "-f", "json"], ["list", "-f", "json"], ["export", "claimreview", "-o", "out.jsonld"],
    ["audit", "--all", "-f", "sarif", "-o", "out.sarif"],
], ids=lambda a: "-".join(a[:3]))
def test_out_of_memory_is_one_line_and_exit_2(large_registry, args):
    folder = large_registry.parent
    proc = _squeezed(args, folder)
    assert proc.returncode == 2, proc
    assert_clean_stderr(proc.stderr)
    lines = proc.stderr.decode().splitlines()
    assert lines == ["claimcheck: out of memory: the input needs more memory than this process may use "
                     "(see the limits in docs/safety.md)"], lines
    assert sorted(p.name for p in folder.iterdir()) == ["claims.yaml", "page.txt"]  # no temporary file


# --- each file read once ------------------------------------------------------------------------


def test_many_entries_naming_one_file_read_it_once(tmp_path, monkeypatch):
    import claimcheck.corpus
    import claimcheck.lint
    from claimcheck.audit import Auditor
    from claimcheck.corpus import audit_stream, expand_targets
    from claimcheck.lint import lint_path
    from claimcheck.loader import load_registry

    registry = write_registry(tmp_path, claims=300, documents=200)
    write_page(tmp_path / "page.txt", 20_000)
    reads = []
    for module in (claimcheck.lint, claimcheck.corpus):
        original = module.read_text
        monkeypatch.setattr(module, "read_text", lambda path, *a, _o=original, **k: reads.append(path) or _o(path, *a, **k))
    _, findings = lint_path(str(registry))
    assert len(reads) == 1
    assert len([f for f in findings if f.rule == "quote-not-found"]) == 299  # every entry still checked

    reads.clear()
    loaded = load_registry(str(registry)).registry
    targets, problems = expand_targets(loaded, [], True)
    assert len(targets) == 200 and not problems
    reports = list(audit_stream(Auditor(loaded), targets, jobs=1))
    assert len(reports) == 200 and len(reads) == 1
