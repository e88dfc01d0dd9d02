"""``--dask``: the same output as a local run, from a Dask cluster (distributed is optional)."""

from __future__ import annotations

import json
import logging
import shutil

import pytest
from typer.testing import CliRunner

from claimcheck import corpus
from claimcheck.cli import app
from conftest import MINI_REGISTRY

distributed = pytest.importorskip("distributed", reason="distributed is not installed (pip install distributed)")

runner = CliRunner()
PAGE = (MINI_REGISTRY.parent / "docs" / "page.txt").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path, mini_registry_path, monkeypatch):
    shutil.copytree(mini_registry_path.parent, tmp_path / "project")
    root = tmp_path / "project"
    for n in range(12):
        folder = root / "site" / f"{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        text = PAGE if n % 4 else "Nothing to see here.\n"
        (folder / f"page{n:02d}.txt").write_text(text.replace("70%", f"{60 + n}%"))
    (root / "site" / "0" / "broken.txt").write_bytes(b"\xff\xfe\xfd not utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setattr(corpus.cluster, "DASK_BATCH_DOCUMENTS", 5)  # several batches, several in flight
    return root


def audit(*args: str):
    return runner.invoke(app, ["audit", "-r", "claims.yaml", "--fail-on", "never", *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_dask_run_gives_the_output_of_a_local_run(project, cluster, fmt):
    local = audit("site", "page", "-f", fmt, "-j1")
    remote = audit("site", "page", "-f", fmt, "--dask", cluster.scheduler_address)
    assert local.exit_code == remote.exit_code == 2  # broken.txt is not UTF-8
    assert remote.stdout == local.stdout
    assert remote.stderr == local.stderr
    if fmt == "jsonl":
        assert any("error" in json.loads(line) for line in remote.stdout.splitlines())


def test_an_unreachable_scheduler_is_one_line_and_exit_2(project, monkeypatch):
    monkeypatch.setattr(corpus.cluster, "DASK_CONNECT_TIMEOUT", 1)
    for address in ("tcp://127.0.0.1:9", "not-an-address"):
        result = audit("site", "--dask", address)
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("claimcheck: cannot reach the Dask scheduler at "), lines


def test_without_distributed_the_error_says_what_to_install(project, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    result = audit("site", "--dask", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert result.stderr.strip() == "claimcheck: --dask needs the 'distributed' package: pip install distributed"


@pytest.mark.filterwarnings("ignore:Port .* is already in use")
def test_worker_processes_receive_a_pickled_auditor(project):
    """processes=True: the registry travels pickled and the matchers are rebuilt on each worker."""
    for name in ("distributed", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        remote = audit("site", "-f", "jsonl", "--dask", local.scheduler_address)
    assert remote.stdout == audit("site", "-f", "jsonl", "-j1").stdout
