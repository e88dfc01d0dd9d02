"""Inputs at (and just past) claimcheck's size limits, built in a folder, for the memory tests
(tests/test_hostile_memory.py) and benchmarks/memory.py. Deterministic: no randomness."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

SENTENCE = "Ketamine clinics say a miracle cure works for everything in hours. "
PAGE_QUOTE = "a miracle cure works for everything"

HEADER = """schema_version: 1
flags:
  - id: factually-wrong
    severity: error
    description: States something authoritative sources show to be false.
sources:
  - id: nih
    title: Facts
    publisher: NIH
    year: 2024
    url: https://www.nih.gov/
documents:
"""

CLAIM = """  - id: claim-{n:07d}
    claim: Claim number {n} says ketamine does thing {n}.
    verdict: "false"
    flags: [factually-wrong]
    rationale: Rationale {n}.
    correction: Correction {n}.
    sources: [nih]
    appearances:
      - document: {document}
        quote: "{quote}"
"""


def document_entry(document_id: str, path: str) -> str:
    return f"  - id: {document_id}\n    path: {path}\n    title: Page {document_id}\n    publisher_type: blog\n"


def write_registry(folder: Path, *, claims: int = 1, documents: int = 1, page: str = "page.txt",
                   quote: str = PAGE_QUOTE, target_bytes: int = 0, pages: bool = False) -> Path:
    """``claims.yaml``: ``documents`` entries, then ``claims`` small claims spread over them.

    With ``pages``, each document has its own file (``page-NNNNN.txt``) holding its claims'
    quotes, so every quote is found (as in a reviewed registry); otherwise every entry names
    ``page``, the first claim's quote is ``quote`` and the others are not found (lint reports
    them). With ``target_bytes``, claims are added until the file reaches that size."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "claims.yaml"
    texts: dict[int, list[str]] = {}
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for d in range(documents):
            out.write(document_entry(f"doc-{d:05d}", f"page-{d:05d}.txt" if pages else page))
        out.write("claims:\n")
        n = 0
        size = out.tell()
        while n < claims or (target_bytes and size < target_bytes):
            said = f"thing {n} said"
            entry = CLAIM.format(n=n, document=f"doc-{n % documents:05d}",
                                 quote=said if pages or n else quote)
            if target_bytes and size + len(entry) > target_bytes:
                break
            out.write(entry)
            texts.setdefault(n % documents, []).append(f"The clinic says that {said} in a post.\n")
            size += len(entry)
            n += 1
    if pages:
        for d in range(documents):
            (folder / f"page-{d:05d}.txt").write_text("".join(texts.get(d, [])), encoding="utf-8")
    return path


def write_page(path: Path, size: int, *, one_line: bool = False, sentence: str = SENTENCE) -> Path:
    """A text document of ``size`` bytes (ASCII) repeating ``sentence``: one line, or a line per
    sentence. Written in chunks, never held whole."""
    chunk = (sentence if one_line else sentence.rstrip() + "\n") * 4096
    with open(path, "w", encoding="ascii", newline="") as out:
        left = size
        while left > 0:
            piece = chunk[:left]
            out.write(piece)
            left -= len(piece)
    return path


def run_limited(args: list[str], *, cwd: Path, memory: int = 512 << 20, seconds: int = 60,
                stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``claimcheck ARGS`` in a fresh interpreter under an address-space limit (RLIMIT_AS, as
    ``prlimit --as``) and a CPU-time limit: the test process itself is never short of memory."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    full_env.pop("CLAIMCHECK_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", "from claimcheck.cli import main; main()", *args],
                          cwd=cwd, env=full_env, input=stdin, capture_output=True, timeout=seconds * 2,
                          preexec_fn=limit)


FLOOD_CLAIM = """  - id: flood-{n}
    claim: Cure number {n} works for everything.
    verdict: "false"
    flags: [factually-wrong]
    rationale: None does.
    correction: Nothing works for everything.
    sources: [nih]
    appearances:
      - document: doc-00000
        quote: "miracle cure {n} works"
    patterns:
      - regex: 'miracle cure {n} works'
        examples:
          match: ["a miracle cure {n} works"]
"""


def write_flooded_corpus(folder: Path, *, documents: int, claims: int = 10, sentences: int = 100) -> Path:
    """A corpus whose audit has many findings: ``documents`` pages (``pages/page-NNNNN.txt``),
    each with ``sentences`` sentences for each of ``claims`` claims whose pattern matches them,
    so each page has ``claims * sentences`` findings (the default caps keep 100 per claim and
    1,000 per page). Returns the registry; audit with ``claimcheck audit pages``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "claims.yaml"
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER + document_entry("doc-00000", "pages/page-00000.txt") + "claims:\n")
        for n in range(claims):
            out.write(FLOOD_CLAIM.format(n=n))
    (folder / "pages").mkdir(exist_ok=True)
    page = "".join(f"Ask about our miracle cure {n} works today, number {s}.\n"
                   for s in range(sentences) for n in range(claims))
    for d in range(documents):
        (folder / "pages" / f"page-{d:05d}.txt").write_text(f"Page {d}\n\n" + page, encoding="ascii")
    return path
