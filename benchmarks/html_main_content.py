#!/usr/bin/env python3
"""How much of a real news page's article text claimcheck reads, and how much page furniture.

Uses the 181 saved pages and ground-truth article bodies of scrapinghub/article-extraction-benchmark
(https://github.com/scrapinghub/article-extraction-benchmark: html/*.html.gz, ground-truth.json),
which this script does not download: pass the folder that holds them.

For each page, with and without main-content detection (``html_to_text(main_content=...)``):
article-word recall (the share of the ground truth's words, counted with multiplicity, found in
the text claimcheck searches) and the share of the searched words that are article words.

Usage::

    python benchmarks/html_main_content.py /path/to/folder   # holds ground-truth.json and *.html.gz
"""
import collections
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
FOLDER = sys.argv[1] if len(sys.argv) > 1 else "."
from claimcheck.markup import html_to_text  # noqa: E402
gt = json.load(open(os.path.join(FOLDER, "ground-truth.json")))
tok = re.compile(r"\w+")
def toks(t): return collections.Counter(w.lower() for w in tok.findall(t))
res = {True: [0,0,0], False: [0,0,0]}
times = {True: 0.0, False: 0.0}
lost = []
for key, item in gt.items():
    path = os.path.join(FOLDER, f"{key}.html.gz")
    if not os.path.exists(path): continue
    raw = gzip.open(path).read()
    try: html = raw.decode("utf-8")
    except UnicodeDecodeError: html = raw.decode("latin-1")
    body = toks(item["articleBody"])
    for main in (False, True):
        t0 = time.perf_counter(); text = html_to_text(html, main_content=main); times[main] += time.perf_counter() - t0
        assert len(text) == len(html)
        got = toks(text)
        inter = sum((got & body).values())
        res[main][0] += inter; res[main][1] += sum(got.values()); res[main][2] += sum(body.values())
        if main:
            rec = inter / max(1, sum(body.values()))
            lost.append((rec, key))
for main in (False, True):
    i, g, b = res[main]
    print(f"main_content={main}: article-word recall {i/b:.3f}, share of kept words that are article words {i/g:.3f}, time {times[main]:.2f}s")
lost.sort(); print("worst recall pages:", [(round(r,3), k[:10]) for r, k in lost[:8]])
print("pages", len(lost))
