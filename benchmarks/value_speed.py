#!/usr/bin/env python3
"""Audit speed on web-like pages that mostly restate nothing (issue 14: the value tier's cost).

Builds a deterministic corpus in memory: each page draws its sentences from one of the
unrelated health texts of the development labelled sets (tests/fixtures/matching*/unrelated-*,
not the held-out ones) and from everyday web text full of numbers, times and calls to action
(opening hours, prices, shipping, reviews); one page in twenty also holds a sentence that
restates a registered claim. Audits every page with
the bundled registry (the default tiers) and prints the best of three runs.

    python benchmarks/value_speed.py                 # 400 pages
    python benchmarks/value_speed.py --pages 1000
    python benchmarks/value_speed.py --match exact --match pattern --match fuzzy   # without the value tier
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = """Our opening hours are 9 am to 5 pm, Monday to Friday.
Free shipping on all orders over $50, delivered within 3 to 5 business days.
Most orders arrive within two days.
Rated 4.8 out of 5 by more than 2,000 customers.
Call us today at 555-0100 for a free quote.
Sign up for our newsletter and get 10% off your first order.
Our team has over 20 years of experience.
The parking lot is free for the first two hours.
Returns are accepted within 30 days of purchase.
Seven in ten shoppers compare prices online before they buy.
The webinar lasts about 90 minutes, followed by questions.
Our support team answers most emails within 24 hours.
About two-thirds of our customers come back within a year.
The store is closed on public holidays.
Prices include VAT where applicable.
Read our privacy policy to learn how we use cookies.""".split("\n")
CLAIMS = ["Seven in ten patients respond to ketamine.", "Ketamine can lift depression overnight.",
          "Ketamine is not a controlled substance.", "It acts on the brain's main excitatory messenger."]


def corpus(pages: int, seed: int = 14) -> list[str]:
    topics = []
    for path in sorted(ROOT.glob("tests/fixtures/matching*/unrelated-*")):
        if "holdout" in str(path.relative_to(ROOT)):
            continue  # held-out pages are only ever scored, never used to build anything
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        topics.append([s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 4])
    rng = random.Random(seed)
    out = []
    for n in range(pages):
        # a page on one topic (one unrelated text, its sentences drawn again and again) with
        # the site's everyday furniture around it
        sentences = topics[n % len(topics)] + WEB
        lines = [rng.choice(sentences) for _ in range(rng.randint(20, 60))]
        if n % 20 == 0:
            lines.insert(rng.randrange(len(lines)), rng.choice(CLAIMS))
        paragraphs = [" ".join(lines[i:i + 4]) for i in range(0, len(lines), 4)]
        out.append("\n\n".join(paragraphs) + "\n")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--match", action="append", help="match kinds (default: all)")
    parser.add_argument("--registry", default=str(ROOT / "claims.yaml"))
    parser.add_argument("--show", action="store_true", help="print the findings' claims and sentences")
    args = parser.parse_args(argv)
    from claimcheck.audit import Auditor
    from claimcheck.loader import load_registry
    from claimcheck.model import MatchKind

    registry = load_registry(args.registry).registry
    kinds = tuple(MatchKind(k) for k in args.match) if args.match else None
    auditor = Auditor(registry, kinds=kinds)
    pages = corpus(args.pages)
    auditor.audit_text(pages[0], "warm-up.txt")
    best = float("inf")
    findings = 0
    for _ in range(3):
        start = time.perf_counter()
        findings = sum(len(auditor.audit_text(page, f"p{n}.txt").findings) for n, page in enumerate(pages))
        best = min(best, time.perf_counter() - start)
    if args.show:
        for n, page in enumerate(pages):
            for f in auditor.audit_text(page, f"p{n}.txt").findings:
                if f.match:
                    print(f"p{n}:{f.line} {f.match.claim_id} {f.match.kind.value} {f.rule}: {f.match.sentence[:90]!r}")
    chars = sum(len(p) for p in pages)
    print(f"{len(pages)} pages, {chars / 1e6:.2f} MB, {findings} findings: {best:.3f} s, "
          f"{chars / best / 1e6:.2f} MB/s, {len(pages) / best:.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
