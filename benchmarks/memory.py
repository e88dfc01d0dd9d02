"""Peak memory of every command on inputs at claimcheck's size limits (docs/safety.md, "Memory").

    python benchmarks/memory.py [--keep DIR] [--corpus N]

Builds, in a temporary folder, a registry just under MAX_REGISTRY_BYTES (small claims over 800
documents, every quote found, plus one pattern that matches a flooding sentence) and documents
just under MAX_DOCUMENT_BYTES (one line; ordinary lines; one sentence the pattern matches over
and over), then runs each command in a child under a 512 MiB address-space limit (RLIMIT_AS, as
``prlimit --as=536870912``) and prints its exit status, peak resident memory and CPU time.
Then, in a second folder, a corpus of N pages (default 200) with 1,000 findings each (the default
caps' most), audited in every format that writes one object, also under 512 MiB.
Prints figures; never run as a test (tests/test_hostile_memory.py checks the same commands).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from limits_support import write_flooded_corpus, write_page, write_registry  # noqa: E402

from claimcheck.text import MAX_DOCUMENT_BYTES, MAX_REGISTRY_BYTES  # noqa: E402

LIMIT = 512 << 20
COMMANDS = [
    ["lint"], ["lint", "-f", "json"], ["list", "-f", "json"], ["stats"], ["export", "claimreview"],
    ["audit", "one-line.txt", "-f", "json", "-j", "1"], ["audit", "one-line.txt", "-f", "html", "-j", "1"],
    ["audit", "lines.txt", "-f", "text", "-j", "1"], ["audit", "lines.txt", "-f", "sarif", "--suggest", "-j", "1"],
    ["audit", "flood.txt", "-f", "json", "-j", "1"], ["audit", "flood.txt", "-f", "html", "-j", "1"],
    ["audit", "flood.txt", "-f", "markdown", "-j", "1"], ["show", "claim-0000005"],
    ["add", "new-page.txt", "--dry-run", "--publisher-type", "blog"],
    ["add", "lines.txt", "--dry-run", "--publisher-type", "blog"],
]
CORPUS_COMMANDS = [["audit", "pages", "-f", fmt, "-j", "1", "-o", f"out.{fmt}"]
                   for fmt in ("json", "sarif", "markdown", "html")]


def build(folder: Path) -> None:
    registry = write_registry(folder, claims=0, documents=800, target_bytes=MAX_REGISTRY_BYTES - 4096, pages=True)
    with open(registry, "a", encoding="utf-8") as out:
        out.write('  - id: flood\n    claim: A miracle cure works.\n    verdict: "false"\n'
                  "    flags: [factually-wrong]\n    rationale: None does.\n    sources: [nih]\n"
                  "    appearances:\n      - document: doc-00000\n        quote: \"thing 0 said\"\n"
                  "    patterns:\n      - regex: 'miracle cure'\n        examples:\n"
                  "          match: [\"a miracle cure\"]\n")
    size = MAX_DOCUMENT_BYTES - 1
    write_page(folder / "one-line.txt", size, one_line=True)
    write_page(folder / "lines.txt", size)
    write_page(folder / "flood.txt", size, sentence="Ask about our miracle cure today. ")
    (folder / "new-page.txt").write_text("A new page\n\nThe clinic says that thing 5 said in a post.\n", encoding="utf-8")


def run(folder: Path, args: list[str]) -> tuple[int, float, float]:
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    with open(os.devnull, "wb") as devnull:
        child = subprocess.Popen([sys.executable, "-c", "from claimcheck.cli import main; main()", *args],
                                 cwd=folder, stdout=devnull, stderr=subprocess.PIPE, preexec_fn=limit)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        child.stderr.close()
    return child.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", help="build the inputs in this folder and keep them")
    parser.add_argument("--corpus", type=int, default=200, help="pages in the corpus (0: no corpus)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(options.keep or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        build(folder)
        print(f"registry {os.path.getsize(folder / 'claims.yaml'):,} bytes (limit {MAX_REGISTRY_BYTES:,}); "
              f"documents {MAX_DOCUMENT_BYTES - 1:,} bytes (limit {MAX_DOCUMENT_BYTES:,}); RLIMIT_AS {LIMIT >> 20} MiB")
        print(f"{'command':<55} {'exit':>4} {'peak RSS':>9} {'CPU':>6}")
        for args in COMMANDS:
            code, peak, cpu = run(folder, args)
            print(f"{'claimcheck ' + ' '.join(args):<55} {code:>4} {peak:>6.0f} MB {cpu:>5.1f}s")
        if options.corpus:
            corpus = folder / "corpus"
            write_flooded_corpus(corpus, documents=options.corpus)
            print(f"\ncorpus: {options.corpus} pages, {options.corpus * 1000:,} findings (1,000 a page)")
            for args in CORPUS_COMMANDS:
                code, peak, cpu = run(corpus, args)
                size = os.path.getsize(corpus / args[-1]) if (corpus / args[-1]).exists() else 0
                print(f"{'claimcheck ' + ' '.join(args):<55} {code:>4} {peak:>6.0f} MB {cpu:>5.1f}s"
                      f"  output {size / 1e6:,.1f} MB")


if __name__ == "__main__":
    main()
