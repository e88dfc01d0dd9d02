"""Hostile document paths in the registry: every document must resolve to a regular file inside
the registry's folder (loader.document_path), and reading one never blocks (FIFOs, devices).

Each case is checked three ways: document_path itself, ``claimcheck lint`` (a
document-unreadable finding at the path's line) and ``claimcheck audit --all`` (exit 2, one line).
"""

from __future__ import annotations

import os
import sys

import pytest

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.loader import document_path
from claimcheck.text import InputError, read_bytes
from hostile_support import PAGE, assert_clean_stderr, run_cli, write_project

PATH_LINE = 22  # the line of "path" in the registry written by write_project


def make(tmp_path, setup):
    """A project folder with a secret outside it; ``setup(project)`` returns the document path."""
    secret = tmp_path / "secret.txt"
    secret.write_text("This clinic sells a miracle cure for everything.\n")
    project = tmp_path / "project"
    project.mkdir()
    relative = setup(project)
    registry = write_project(project, path=relative)
    return project, registry


def _symlink_out(project):
    os.symlink(project.parent / "secret.txt", project / "page-link.txt")
    return "page-link.txt"


def _symlink_dir_out(project):
    os.symlink(project.parent, project / "up")
    return "up/secret.txt"


def _symlink_loop(project):
    os.symlink("loop-b", project / "loop-a")
    os.symlink("loop-a", project / "loop-b")
    return "loop-a"


def _directory(project):
    (project / "folder.txt").mkdir()
    return "folder.txt"


def _fifo(project):
    os.mkfifo(project / "pipe.txt")
    return "pipe.txt"


def _symlink_to_fifo(project):
    os.mkfifo(project / "pipe")
    os.symlink("pipe", project / "pipe.txt")
    return "pipe.txt"


def _unreadable(project):
    path = project / "locked.txt"
    path.write_text(PAGE)
    path.chmod(0)
    return "locked.txt"


HOSTILE = {
    "parent": (lambda p: "../secret.txt", "outside"),
    "parent-deep": (lambda p: "../../../../../../../../etc/passwd", "outside"),
    "parent-normalised": (lambda p: (p / "sub").mkdir() or "sub/../../secret.txt", "outside"),
    "parent-missing-dir": (lambda p: "nosuch/../../secret.txt", "no such file"),
    "absolute": (lambda p: str(p.parent / "secret.txt"), "absolute"),
    "etc-passwd": (lambda p: "/etc/passwd", "absolute"),
    "proc": (lambda p: "/proc/self/environ", "absolute"),
    "dev-zero": (lambda p: "/dev/zero", "absolute"),
    "dev-stdin": (lambda p: "/dev/stdin", "absolute"),
    "tilde": (lambda p: "~/secret.txt", "'~'"),
    "tilde-user": (lambda p: "~root/.bashrc", "'~'"),
    "file-url": (lambda p: "file:///etc/passwd", "URL"),
    "https-url": (lambda p: "https://example.com/page.txt", "URL"),
    "windows-drive": (lambda p: "C:\\Windows\\win.ini", "absolute"),
    "nul": (lambda p: "page.txt\x00.md", "NUL"),
    "newline": (lambda p: "page.txt\nx", "line break"),
    "carriage-return": (lambda p: "page.txt\r", "line break"),
    "missing": (lambda p: "missing.txt", "no such file"),
    "symlink-out": (_symlink_out, "outside"),
    "symlinked-dir-out": (_symlink_dir_out, "outside"),
    "symlink-loop": (_symlink_loop, "symbolic links"),
    "directory": (_directory, "directory"),
    "fifo": (_fifo, "not a regular file"),
    "symlink-to-fifo": (_symlink_to_fifo, "not a regular file"),
    "dot": (lambda p: ".", "directory"),
    "empty-after-strip": (lambda p: " ", "no such file"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_path_is_refused_everywhere(tmp_path, name):
    setup, reason = HOSTILE[name]
    project, registry = make(tmp_path, setup)
    from claimcheck.loader import load_registry

    result = load_registry(str(registry))
    assert result.registry is not None and not result.errors, result.problems
    document = result.registry.documents["page"]

    # 1. the resolver refuses it (or the reader does: directories and FIFOs resolve fine)
    with pytest.raises(InputError) as refused:
        read_bytes(document_path(str(project), document.path), 1 << 20)
    assert reason.lower() in refused.value.message.lower(), refused.value.message

    # 2. lint: one document-unreadable finding at the path's line, exit 1 (findings), never blocks
    proc = run_cli("lint", str(registry), cwd=project, timeout=30)
    assert_clean_stderr(proc.stderr)
    out = proc.stdout.decode()
    assert proc.returncode == 1, out
    unreadable = [ln for ln in out.splitlines() if "document-unreadable" in ln]
    assert len(unreadable) == 1, out
    assert f"claims.yaml:{PATH_LINE}:" in unreadable[0]
    assert "\x00" not in out and "root:x:" not in out

    # 3. audit --all: exit 2 and one line naming the document, nothing read from outside
    proc = run_cli("audit", "--all", "-r", str(registry), cwd=project, timeout=30)
    assert_clean_stderr(proc.stderr)
    assert proc.returncode == 2, proc
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert "document 'page'" in lines[0] or os.path.basename(document.path) in lines[0], lines
    assert lines[0].startswith(f"claims.yaml:{PATH_LINE}:"), lines
    assert b"miracle" not in proc.stdout and b"root:x:" not in proc.stdout

    # 4. audit by id: the same (in-process this time)
    result = CliRunner().invoke(app, ["audit", "page", "-r", str(registry)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.stderr.splitlines()) == 1 and "miracle" not in result.stdout


def test_unreadable_file(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    project, registry = make(tmp_path, _unreadable)
    proc = run_cli("lint", str(registry), cwd=project)
    assert proc.returncode == 1 and b"permission denied" in proc.stdout


@pytest.mark.parametrize("relative", ["page.txt", "./page.txt", "sub/../page.txt", "inner/page.txt",
                                      "inner-link/page.txt", "link.txt"])
def test_paths_inside_the_folder_are_fine(tmp_path, relative):
    project = tmp_path / "project"
    (project / "inner").mkdir(parents=True)
    (project / "sub").mkdir()
    (project / "inner" / "page.txt").write_text(PAGE)
    os.symlink("inner", project / "inner-link")
    os.symlink("page.txt", project / "link.txt")
    registry = write_project(project, path=relative)
    proc = run_cli("lint", str(registry), cwd=project)
    assert proc.returncode == 0, proc.stdout
    proc = run_cli("audit", "--all", "-r", str(registry), cwd=project)
    assert proc.returncode == 1 and b"1:21" in proc.stdout


def test_registry_itself_as_fifo_or_device_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "claims.yaml")
    for registry in (str(tmp_path / "claims.yaml"), "/dev/zero", str(tmp_path)):
        proc = run_cli("lint", registry, cwd=tmp_path, timeout=30)
        assert proc.returncode == 2, (registry, proc)
        assert_clean_stderr(proc.stderr)
        proc = run_cli("list", "-r", registry, cwd=tmp_path, timeout=30)
        assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 2, proc.stderr
        assert_clean_stderr(proc.stderr)


def test_missing_registry(tmp_path):
    proc = run_cli("list", "-r", "nope.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and b"nope.yaml" in proc.stderr
    assert_clean_stderr(proc.stderr)
    proc = run_cli("list", cwd=tmp_path)  # no claims.yaml anywhere up the tree (tmp is not in the repo)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)


def test_read_bytes_refuses_nul_in_path():
    with pytest.raises(InputError):
        read_bytes("a\x00b", 10)


@pytest.mark.skipif(sys.platform != "linux", reason="/proc is Linux")
def test_read_bytes_refuses_proc_files_without_reading():
    # /proc files report size 0 but are not refused by size; they are regular files, so the
    # path rule (absolute) is what keeps them out of a registry. read_bytes still caps them.
    data = read_bytes("/proc/self/status", 1 << 20)
    assert len(data) < 1 << 20
