"""What one finding costs: its sentence and stance, its offsets, line and column, and its JSON line.

    python benchmarks/finding_cost.py                 # the first 2,000 files of the dense corpus
    python benchmarks/finding_cost.py --files 500

Audits the dense corpus (benchmarks/make_corpus.py) in this process with exact and pattern
matching and claims.yaml, and times, per finding, the three steps that exist only because there
is a finding: deciding its stance (``Auditor._decide``: the sentence around the match, its
neighbours, claimcheck.stance), making it (``Auditor._finding``: original offsets, line and
column) and writing its JSON line (``formats.jsonl``). CPU time of the process, best of three.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(files: int, data: str = os.path.join(HERE, "data")) -> dict:
    from claimcheck import audit
    from claimcheck.formats import jsonl
    from claimcheck.loader import load_registry
    from claimcheck.model import MatchKind

    registry = load_registry(os.path.join(ROOT, "claims.yaml")).registry
    paths = sorted(glob.glob(os.path.join(data, "corpus", "*", "*.txt")))[:files]
    if not paths:
        raise SystemExit("no dense corpus: run python benchmarks/make_corpus.py first")
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            texts.append((handle.read(), path, None, None))
    spent = {"decide": 0.0, "finding": 0.0, "line": 0.0}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
        return wrapper

    originals = audit.Auditor._decide, audit.Auditor._finding, jsonl._claim_finding_line
    audit.Auditor._decide = timed("decide", originals[0])
    audit.Auditor._finding = timed("finding", originals[1])
    jsonl._claim_finding_line = timed("line", originals[2])
    best = None
    try:
        for _ in range(3):
            for key in spent:
                spent[key] = 0.0
            auditor = audit.Auditor(registry, kinds=(MatchKind.exact, MatchKind.pattern))
            auditor.matcher  # built before the clock starts
            findings = exact = 0
            start = time.process_time()
            for i in range(0, len(texts), 32):
                for report in auditor.audit_texts(texts[i:i + 32]):
                    jsonl.render_document(report, registry)
                    findings += len(report.findings)
                    exact += sum(1 for f in report.findings if f.match and f.match.kind is MatchKind.exact)
            total = time.process_time() - start
            if best is None or sum(spent.values()) < sum(best["spent"].values()):
                best = {"spent": dict(spent), "total": total, "findings": findings, "exact": exact}
    finally:
        audit.Auditor._decide, audit.Auditor._finding, jsonl._claim_finding_line = originals
    best["documents"] = len(texts)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--data", default=os.path.join(HERE, "data"), help="where make_corpus.py wrote the corpus")
    args = parser.parse_args(argv)
    result = measure(args.files, args.data)
    n = max(1, result["findings"])
    spent = result["spent"]
    per = {key: value / n * 1e6 for key, value in spent.items()}
    print(f"{result['documents']:,} documents, {result['findings']:,} findings ({result['exact']:,} exact), "
          f"audit and JSON Lines {result['total']:.2f} s CPU ({result['total'] / result['documents'] * 1e6:.0f} us "
          f"per document)")
    print(f"per finding: {sum(per.values()):.0f} us = stance {per['decide']:.0f} + offsets and position "
          f"{per['finding']:.0f} + JSON line {per['line']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
