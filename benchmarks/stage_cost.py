"""What one document costs, stage by stage, with the default match kinds.

    python benchmarks/stage_cost.py                    # the first 2,000 files of the sparse corpus
    python benchmarks/stage_cost.py --corpus corpus    # the dense corpus
    python benchmarks/stage_cost.py --files 500 --data /elsewhere/data

Audits the corpus (benchmarks/make_sparse.py, make_corpus.py) in this process with claims.yaml
and the default kinds, in batches as ``claimcheck audit`` does, and prints the CPU time per
document of each stage: reading HTML, normalising, splitting sentences, the exact scan, patterns,
value slots (and, within them, reading values), the fuzzy tier (and, within it, its prefilter,
word sets, shared-word counts and rapidfuzz), stances and findings. Stages nest (sentences are
split where a later stage first asks for them, within that stage), so the rows do not add up to
the total. The first 50 documents build the matchers and are not counted. CPU time of the
process, best of three.
"""

from __future__ import annotations

import argparse
import glob
import os
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WARM = 50  # documents audited first, not counted: they build the matchers


def _timed(owner, name: str, label: str, spent: Counter) -> None:
    function = getattr(owner, name)

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    setattr(owner, name, timed)


def measure(files: int, data: str, corpus: str, batch: int = 20) -> tuple[int, int, float, Counter, list]:
    from claimcheck import audit, markup, quantities, text
    from claimcheck.loader import load_registry
    from claimcheck.matching import fuzzy
    from claimcheck.matching.matcher import Matcher

    spent: Counter = Counter()
    read_values = quantities._read  # its cache is emptied before each run
    stages = []
    for owner, name, label in [
        (markup, "html_to_text", "HTML to text"), (audit, "normalise_with_map", "normalising"),
        (text.Sentences, "_block", "sentences"), (Matcher, "scan_many", "exact scan"),
        (Matcher, "patterns", "patterns"), (Matcher, "values", "value slots"),
        (quantities, "_read", "  reading values"), (Matcher, "fuzzy", "fuzzy"),
        (fuzzy.FuzzyTier, "_could_have_candidates", "  prefilter"), (fuzzy, "content_words", "  word sets"),
        (fuzzy.FuzzyTier, "_shared_words", "  shared words"), (fuzzy, "_similarity_at_least", "  rapidfuzz"),
        (audit.Auditor, "_decide", "stances"), (audit.Auditor, "_finding", "findings"),
    ]:
        _timed(owner, name, label, spent)
        stages.append(label)
    registry = load_registry(os.path.join(ROOT, "claims.yaml")).registry
    paths = sorted(glob.glob(os.path.join(data, corpus, "*", "*.*")))[:files + WARM]
    if len(paths) <= WARM:
        raise SystemExit(f"no {corpus} corpus in {data}: run benchmarks/make_sparse.py or make_corpus.py first")
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            texts.append((handle.read(), path, None, None))
    best: tuple[int, int, float, Counter] | None = None
    for _ in range(3):
        read_values.cache_clear()
        auditor = audit.Auditor(registry)
        auditor.audit_texts(texts[:WARM])
        spent.clear()
        findings = 0
        start = time.process_time()
        for i in range(WARM, len(texts), batch):
            findings += sum(len(report.findings) for report in auditor.audit_texts(texts[i:i + batch]))
        total = time.process_time() - start
        if best is None or total < best[2]:
            best = (len(texts) - WARM, findings, total, Counter(spent))
    assert best is not None
    return (*best, stages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--corpus", default="sparse", help="sparse or corpus (the dense one)")
    parser.add_argument("--data", default=os.path.join(HERE, "data"), help="where the corpora were written")
    args = parser.parse_args()
    documents, findings, total, spent, stages = measure(args.files, args.data, args.corpus)
    print(f"{documents} documents, {findings} findings: {total / documents * 1e6:,.0f} µs of CPU per document")
    for label in stages:
        print(f"  {label:<18} {spent[label] / documents * 1e6:7,.0f} µs")


if __name__ == "__main__":
    main()
