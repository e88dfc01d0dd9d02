"""A hostile environment: a terminal that cannot encode UTF-8, Ctrl-C mid-audit, a full disk or a
failed rename while writing, a reader that closes the pipe early.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from claimcheck import output
from claimcheck.cli import app
from hostile_support import assert_clean_stderr, assert_strict_json, run_cli, write_project

UNICODE = dict(title="Caf\u00e9 \u2603 \U0001F600 \u202e", quote="miracle cure for everything")


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path / "project", **UNICODE)


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii:strict", "latin-1"])
@pytest.mark.parametrize("command", [
    ["audit", "--all"], ["audit", "--all", "-f", "json"], ["audit", "--all", "-f", "jsonl"],
    ["audit", "--all", "-f", "sarif"], ["audit", "--all", "-f", "github"], ["audit", "--all", "-f", "markdown"],
    ["list"], ["list", "-f", "json"], ["lint"], ["lint", "-f", "json"], ["stats"], ["stats", "-f", "json"],
    ["rules"], ["schema"],
])
def test_non_utf8_stdout(project, encoding, command):
    args = [*command, "-r", str(project)] if command[0] not in ("lint", "rules", "schema") else list(command)
    if command[0] == "lint":
        args.append(str(project))
    proc = run_cli(*args, cwd=project.parent, env={"PYTHONIOENCODING": encoding, "LC_ALL": "C", "LANG": "C"})
    assert proc.returncode in (0, 1), proc
    assert_clean_stderr(proc.stderr)
    if "json" in command or "sarif" in command or command == ["schema"]:
        data = assert_strict_json(proc.stdout)  # JSON is always UTF-8 bytes
        if command[:1] == ["audit"] and "sarif" not in command:
            assert data["documents"][0]["title"] == UNICODE["title"]
    elif "jsonl" in command:
        for line in proc.stdout.splitlines():
            assert_strict_json(line)
    if command == ["audit", "--all"]:
        assert b"\\u2603" in proc.stdout or "\u2603".encode(encoding.split(":")[0], "replace") in proc.stdout


def test_errors_on_a_non_utf8_stderr(tmp_path):
    (tmp_path / "claims.yaml").write_text("caf\u00e9: \u2603\n")
    proc = run_cli("audit", "--all", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    proc.stderr.decode("ascii")


# --- Ctrl-C ---------------------------------------------------------------------------------------


def big_corpus(folder, documents=150, repeat=2_000):
    folder.mkdir()
    page = "This clinic sells a miracle cure for everything. Studies show 70% of patients improve. " * repeat
    for i in range(documents):
        (folder / f"doc{i:03}.txt").write_text(page)
    return folder


def interruptible() -> None:
    """In the child, before Python starts: Ctrl-C does what it does at a terminal, even when the
    tests themselves run as a background job (whose children inherit SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("fmt", ["jsonl", "text", "json"])
def test_ctrl_c_in_the_middle_of_a_large_audit(project, tmp_path, fmt):
    corpus = big_corpus(tmp_path / "corpus")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_DEBUG", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from claimcheck.cli import main; main()",
         "audit", "-r", str(project), str(corpus), "-f", fmt, "--suggest"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, preexec_fn=interruptible)
    try:
        if fmt == "json":
            time.sleep(1.5)  # nothing is written before the end: interrupt while auditing
        else:
            assert proc.stdout.readline()  # the audit is under way
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert err == b"claimcheck: interrupted\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_waiting_for_stdin(project):
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-c", "from claimcheck.cli import main; main()",
                             "audit", "-r", str(project), "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            preexec_fn=interruptible)
    try:
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and err == b"claimcheck: interrupted\n"


def test_ctrl_c_during_an_atomic_write_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_bytes(b"original")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.atomic_write(str(target), "new")
    assert target.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# --- full disk, failed rename -----------------------------------------------------------------------


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("broken", ["write", "fsync", "replace", "chmod"])
def test_atomic_write_failure_keeps_the_original(tmp_path, monkeypatch, broken):
    target = tmp_path / "report.json"
    target.write_bytes(b"original \xff bytes")
    target.chmod(0o640)
    monkeypatch.setattr(os, broken, enospc)
    with pytest.raises(OSError) as failure:
        output.atomic_write(str(target), "new content " * 100_000)
    assert failure.value.errno == errno.ENOSPC and failure.value.filename == str(target)
    assert target.read_bytes() == b"original \xff bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_atomic_write_failure_on_a_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "write", enospc)
    with pytest.raises(OSError):
        output.atomic_write(str(tmp_path / "new.json"), "x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_short_writes(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    output.atomic_write(str(tmp_path / "out.txt"), "0123456789" * 1000)
    assert (tmp_path / "out.txt").read_text() == "0123456789" * 1000


def test_atomic_write_keeps_mode_and_writes_through_symlinks(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    output.atomic_write(str(link), "new")
    assert link.is_symlink() and target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


@pytest.mark.parametrize("make", ["directory", "fifo", "device", "missing-folder"])
def test_atomic_write_refuses_what_it_cannot_replace(tmp_path, make):
    if make == "directory":
        target = tmp_path / "dir"
        target.mkdir()
    elif make == "fifo":
        target = tmp_path / "fifo"
        os.mkfifo(target)
    elif make == "device":
        target = tmp_path / "null"
        target.symlink_to(os.devnull)
    else:
        target = tmp_path / "nope" / "out.json"
    with pytest.raises(OSError) as failure:
        output.atomic_write(str(target), "x")
    assert failure.value.filename == str(target)
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.parametrize("broken", ["write", "fsync", "replace"])
@pytest.mark.parametrize("command", [["schema"], ["audit", "--all", "-f", "json"], ["audit", "--all"],
                                     ["audit", "--all", "-f", "jsonl"], ["lint", "-f", "json"]])
def test_cli_output_file_on_a_full_disk(project, tmp_path, monkeypatch, broken, command):
    if broken == "write" and command[0] == "audit":
        pytest.skip("audit streams through a buffered file object, not os.write: see the RLIMIT_FSIZE test")
    target = tmp_path / "out.json"
    target.write_bytes(b"precious")
    monkeypatch.setattr(os, broken, enospc)
    args = [*command, "-o", str(target)]
    if command[0] == "audit":
        args += ["-r", str(project)]
    elif command[0] == "lint":
        args.append(str(project))
    result = CliRunner().invoke(app, args)
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "project"]
    assert isinstance(result.exception, OSError) and result.exception.filename == str(target)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
@pytest.mark.parametrize("command", [["schema"], ["audit", "--all", "-f", "json"], ["audit", "--all"],
                                     ["audit", "--all", "-f", "jsonl"], ["audit", "--all", "-f", "sarif"],
                                     ["lint", "-f", "json"]])
def test_cli_output_file_when_the_disk_fills_up(project, tmp_path, command):
    """A real write failure: RLIMIT_FSIZE makes any write past 200 bytes fail (EFBIG)."""
    import resource

    target = tmp_path / "out.json"
    target.write_bytes(b"precious")
    args = [*command, "-o", str(target)]
    if command[0] == "audit":
        args += ["-r", str(project)]
    elif command[0] == "lint":
        args.append(str(project))
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_DEBUG", None)
    proc = subprocess.run([sys.executable, "-c", "from claimcheck.cli import main; main()", *args],
                          capture_output=True, env=env, timeout=60,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200)))
    assert proc.returncode == 2, proc
    assert_clean_stderr(proc.stderr)
    assert proc.stderr == f"claimcheck: {target}: File too large\n".encode()
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "project"]


def test_cli_full_disk_through_main(project, tmp_path, monkeypatch, capsys):
    from claimcheck.cli import main

    target = tmp_path / "schema.json"
    target.write_bytes(b"precious")
    monkeypatch.setattr(os, "replace", enospc)
    with pytest.raises(SystemExit) as exit_:
        main(["schema", "-o", str(target)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err == f"claimcheck: {target}: No space left on device\n"
    assert target.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "schema.json"]


def test_cli_output_to_a_device_is_refused(project, tmp_path):
    proc = run_cli("schema", "-o", os.devnull, cwd=tmp_path)
    assert proc.returncode == 2 and b"not a regular file" in proc.stderr
    assert_clean_stderr(proc.stderr)
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_output_written_only_when_asked(project, tmp_path):
    before = sorted(p.name for p in project.parent.iterdir())
    for args in (["audit", "--all", "-r", str(project), "-f", "json"], ["lint", str(project)], ["list", "-r", str(project)]):
        run_cli(*args, cwd=project.parent)
    assert sorted(p.name for p in project.parent.iterdir()) == before


# --- closed pipe -------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["list"], ["list", "-f", "json"], ["audit", "--all"], ["audit", "--all", "-f", "json"],
    ["audit", "CORPUS"], ["audit", "CORPUS", "-f", "jsonl"], ["lint"], ["stats"], ["schema"], ["rules"],
])
@pytest.mark.parametrize("read", [0, 1])
def test_closed_pipe_ends_quietly(project, tmp_path, command, read):
    corpus = big_corpus(tmp_path / "corpus", documents=40, repeat=200)
    args = [str(corpus) if a == "CORPUS" else a for a in command]
    if command[0] in ("list", "audit", "stats"):
        args += ["-r", str(project)]
    elif command[0] == "lint":
        args.append(str(project))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-c", "from claimcheck.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=project.parent)
    if read:
        proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    try:
        code = proc.wait(timeout=60)  # regression: the worker pool was once joined at interpreter exit, forever
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = proc.stderr.read()
    proc.stderr.close()
    assert err == b"", err  # no 'Exception ignored', no traceback, nothing
    assert code in (0, 1)


def test_closed_pipe_with_a_shell(project):
    proc = subprocess.run(f"'{sys.executable}' -c 'from claimcheck.cli import main; main()' list -r '{project}' | head -1",
                          shell=True, capture_output=True, timeout=60)
    assert proc.stderr == b"" and len(proc.stdout.splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["lint", "-f", "json", "-o", "claims.yaml"],
    ["lint", "claims.yaml", "-f", "json", "-o", "./claims.yaml"],
    ["lint", "-f", "sarif", "-o", "page.txt"],
    ["audit", "page.txt", "-o", "page.txt"],
    ["audit", "--all", "-f", "json", "-o", "page.txt"],
    ["audit", "page", "-f", "jsonl", "-o", "page.txt"],
    ["audit", "page", "-o", "claims.yaml"],
    ["export", "claimreview", "-o", "claims.yaml"],
])
def test_output_never_overwrites_an_input(project, args):
    """A typo such as ``lint -o claims.yaml`` must not replace the registry with a report."""
    before = {p.name: p.read_bytes() for p in project.parent.iterdir()}
    proc = run_cli(*args, cwd=project.parent)
    assert proc.returncode == 2, proc
    assert b"is an input of this command" in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert_clean_stderr(proc.stderr)
    assert {p.name: p.read_bytes() for p in project.parent.iterdir()} == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_reaches_every_worker_process(project, tmp_path):
    """A terminal's Ctrl-C signals the whole process group: the workers must stay quiet too."""
    corpus = big_corpus(tmp_path / "corpus")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_DEBUG", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from claimcheck.cli import main; main()",
         "audit", "-r", str(project), str(corpus), "-f", "jsonl", "--suggest", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
        preexec_fn=interruptible)
    try:
        assert proc.stdout.readline()  # workers are running
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err == b"claimcheck: interrupted\n"
