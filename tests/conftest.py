"""Shared test fixtures. ``pytest --update-golden`` rewrites the golden files in tests/golden/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
MINI_REGISTRY = FIXTURES / "mini" / "claims.yaml"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request):
    """``golden("name.ext", actual)`` compares with tests/golden/name.ext (or rewrites it)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update and os.environ.get("CI"):
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden and commit it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path}; if intended, run pytest --update-golden"

    return check


@pytest.fixture
def mini_registry_path() -> Path:
    return MINI_REGISTRY


@pytest.fixture
def mini_registry():
    from claimcheck.loader import load_registry

    result = load_registry(str(MINI_REGISTRY))
    assert result.registry is not None and not result.errors, result.problems
    return result.registry


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch):
    """Deterministic terminal output: no colour, fixed width."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(scope="session")
def cluster():
    """An in-process Dask cluster of two single-threaded workers, shared by the tests that run
    audits on Dask (skipped where distributed is not installed)."""
    import logging

    distributed = pytest.importorskip("distributed", reason="distributed is not installed (pip install distributed)")
    for name in ("distributed", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as local:
        yield local
