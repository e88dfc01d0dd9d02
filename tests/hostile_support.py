"""Helpers for the hostile-input tests (tests/test_hostile_*.py): registries built in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

QUOTE = "miracle cure for everything"
PAGE = "This clinic sells a miracle cure for everything.\n"


def registry_data(path: str = "page.txt", *, quote: str = QUOTE, title: str = "Page",
                  claim: str = "X cures everything.", rationale: str = "Nothing does.",
                  patterns: list | None = None) -> dict:
    """A small valid registry (one flag, source, document and claim) as plain data."""
    entry = {
        "id": "cure-all",
        "claim": claim,
        "verdict": "false",
        "flags": ["factually-wrong"],
        "rationale": rationale,
        "correction": "Nothing cures everything.",
        "sources": ["nih"],
        "appearances": [{"document": "page", "quote": quote}],
    }
    if patterns is not None:
        entry["patterns"] = patterns
    return {
        "schema_version": 1,
        "flags": [{"id": "factually-wrong", "severity": "error", "description": "Wrong."}],
        "sources": [{"id": "nih", "title": "Facts", "publisher": "NIH", "year": 2024, "url": "https://www.nih.gov/"}],
        "documents": [{"id": "page", "path": path, "title": title, "publisher_type": "blog"}],
        "claims": [entry],
    }


def dump(data) -> str:
    """YAML with every string double-quoted (JSON is YAML), so no value hits a YAML 1.1 implicit type."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_project(folder: Path, page: str | bytes | None = PAGE, **kwargs) -> Path:
    """``claims.yaml`` (+ ``page.txt`` unless ``page`` is None) in ``folder``; returns the registry path."""
    folder.mkdir(parents=True, exist_ok=True)
    registry = folder / "claims.yaml"
    data = registry_data(**kwargs)
    registry.write_text(dump(data), encoding="utf-8")
    if page is not None:
        target = folder / "page.txt"
        if isinstance(page, bytes):
            target.write_bytes(page)
        else:
            target.write_text(page, encoding="utf-8", newline="")
    return registry


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: bytes | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
    """``claimcheck ARGS`` in a fresh interpreter (the real entry point, main())."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    full_env.pop("CLAIMCHECK_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "from claimcheck.cli import main; main()", *args],
        cwd=cwd, env=full_env, input=stdin, capture_output=True, timeout=timeout,
    )


def assert_clean_stderr(stderr: bytes | str) -> None:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text
    assert "\x1b" not in text, text


def assert_strict_json(data: bytes):
    """Valid UTF-8 (no surrogates) and valid JSON (no NaN/Infinity); returns the parsed value."""
    text = data.decode("utf-8", "strict")

    def no_constants(name):
        raise AssertionError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=no_constants)
