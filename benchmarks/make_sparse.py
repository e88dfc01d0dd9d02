"""Build the sparse, web-like benchmark corpus (deterministic; never run by the tests).

    python benchmarks/make_sparse.py                 # 20,000 files, about 100 MB
    python benchmarks/make_sparse.py --files 2000    # a quick one

Writes under benchmarks/data/ (git-ignored):

    sparse/NNN/sNNNNN.txt|.html   health text that restates no registered claim (exercise,
                                  sleep, diet, blood pressure, vaccines ... in sentences built
                                  from a small grammar, with curly quotes, dashes, NBSP and
                                  wrapped paragraphs); one page in five is an HTML page with a
                                  head, navigation, scripts, a cookie banner and a footer; about
                                  one document in twenty holds one sentence of the bundled
                                  documents/ that a quote of the project's claims.yaml registers
    quotes-own.txt                every quote of claims.yaml, one a line, for ``rg -F -f``
    sparse-manifest.json          what was built

The dense corpus (every document holds registered sentences) is make_corpus.py's. The same
seed gives byte-identical output.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import sys
import time

from make_corpus import document_sentences, wrap  # shared with the dense corpus (this folder is on sys.path)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
FILES_PER_FOLDER = 100
HTML_SHARE = 0.2
CLAIM_SHARE = 0.05  # documents that hold one registered sentence

SUBJECTS = """Regular exercise|A balanced diet|Getting enough sleep|Drinking water through the day|Your family doctor|
Many adults|Most children|Older people|High blood pressure|Type 2 diabetes|Seasonal flu|Vitamin D|A short walk after meals|
Stopping smoking|The annual flu vaccine|Regular dental check-ups|Eating more fibre|Sunscreen|Stretching before sport|
Limiting alcohol|Strength training|A good night's rest|Cutting down on salt|Washing your hands|Screening for bowel cancer|
Physiotherapy|Yoga|Mindfulness practice|Breastfeeding|Iron supplements|Folic acid|A pharmacist|Your practice nurse|
Chronic back pain|Migraine|Asthma|Eczema|Hay fever|Obesity|Osteoporosis|Anaemia|Heart failure|Kidney stones""".replace("\n", "").split("|")
VERBS = """can lower|may reduce|helps to prevent|is linked to|often improves|can make worse|is a common cause of|
protects against|is not a cure for|may ease|is screened for alongside|rarely causes|can mask|is often mistaken for|
raises|usually settles with|is managed together with|should be checked alongside""".replace("\n", "").split("|")
OBJECTS = """the risk of heart disease|blood sugar levels|joint pain|the common cold|lower back pain|cholesterol|
stiffness in the morning|tooth decay|skin damage from the sun|muscle cramps|the chance of a fall|bone density|
iron levels in the blood|tiredness|headaches|sleep problems|a persistent cough|weight gain|swollen ankles|
blood pressure readings|the risk of stroke|symptoms of a urinary infection|heartburn|dizziness when standing up""".replace("\n", "").split("|")
TAILS = ["", "", "", " over time", " in most people", ", according to national guidelines", " within a few weeks",
         " for some patients", " if it is started early", ", though the evidence is mixed", " in older adults",
         ", especially in winter", " when combined with other changes", " according to a 2019 review"]
OPENERS = ["", "", "", "", "In general, ", "For many people, ", "According to the NHS, ", "Doctors say that ",
           "Research suggests that ", "As a rule, ", "Sometimes ", "In the UK, "]
ADVICE = ["Talk to your GP if symptoms last more than {n} weeks.", "Aim for about {n}0 minutes of activity a day.",
          "Call 111 if you are worried.", "Ask your pharmacist before taking two medicines together.",
          "Keep a diary of your symptoms for {n} days.", "Most people recover within {n} to {m} days.",
          "About {p}% of adults are affected at some point.", "Read the leaflet that comes with your medicine.",
          "It\u2019s worth checking your blood pressure once a year.", "Don\u2019t stop a prescribed medicine suddenly."]
HEADINGS = ["Symptoms", "Causes", "Treatment", "When to see a doctor", "Prevention", "Living with it",
            "Diet and exercise", "Medicines", "Tests and diagnosis", "Support and advice", "Children", "Pregnancy"]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.2:
        text = rng.choice(ADVICE).format(n=rng.randint(2, 6), m=rng.randint(7, 14), p=rng.randint(3, 60))
    else:
        opener = rng.choice(OPENERS)
        subject = rng.choice(SUBJECTS)
        if opener:
            subject = subject[:1].lower() + subject[1:] if subject.split()[0] not in ("Vitamin", "Type") else subject
        text = f"{opener}{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    r = rng.random()
    if r < 0.05:
        words = text.split(" ")
        i = rng.randrange(len(words))
        words[i] = "\u201c" + words[i].rstrip(".") + "\u201d" + ("." if words[i].endswith(".") else "")
        text = " ".join(words)
    elif r < 0.08:
        text = text.replace(" ", " \u2014 ", 1) if text.count(" ") > 3 else text
    elif r < 0.11:
        text = text.replace(" ", "\u00a0", 1)
    return text[:1].upper() + text[1:]


def registered_sentences() -> list[str]:
    """Sentences of the bundled documents that hold a quote of claims.yaml (whitespace as in one line)."""
    sys.path.insert(0, os.path.join(ROOT, "src"))
    from claimcheck.loader import load_registry

    registry = load_registry(os.path.join(ROOT, "claims.yaml")).registry
    quotes = [" ".join(a.quote.split()) for c in registry.claims.values() for a in c.appearances]
    return sorted({sentence for sentence in document_sentences() if any(q in sentence for q in quotes)})


def paragraphs(rng: random.Random, size: int, planted: str | None) -> list[tuple[str, str]]:
    """(kind, text) blocks of about ``size`` characters: headings and paragraphs."""
    blocks, length = [], 0
    while length < size:
        if rng.random() < 0.2:
            blocks.append(("h2", rng.choice(HEADINGS)))
        text = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        blocks.append(("p", text))
        length += len(text) + 2
    if planted:
        paragraphs_only = [i for i, (k, _) in enumerate(blocks) if k == "p"]
        i = rng.choice(paragraphs_only)
        blocks[i] = ("p", blocks[i][1] + " " + planted)
    return blocks


def as_text(rng: random.Random, blocks) -> str:
    out = []
    for kind, text in blocks:
        out.append(text if kind == "h2" or rng.random() >= 0.3 else wrap(text))
    return "\n\n".join(out) + "\n"


def as_html(rng: random.Random, blocks, number: int) -> str:
    title = next((t for k, t in blocks if k == "h2"), "Health advice")
    nav = "".join(f'<li><a href="/topics/{h.lower().replace(" ", "-")}">{h}</a></li>' for h in rng.sample(HEADINGS, 6))
    body = "\n".join(f"<{k}>{html.escape(t, quote=False)}</{k}>" for k, t in blocks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Health pages</title>
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date());</script>
<style>body {{ font-family: sans-serif; }} .cookie-banner {{ position: fixed; bottom: 0; }}</style>
</head>
<body>
<div class="cookie-banner" role="dialog"><p>We use cookies to improve this site. <button>Accept</button></p></div>
<nav class="site-nav"><ul>{nav}</ul></nav>
<main>
<article>
<h1>{title}</h1>
{body}
</article>
</main>
<footer><p>Page {number} &middot; Last reviewed 2024 &middot; <a href="/about">About us</a></p></footer>
</body>
</html>
"""


def build(out: str, files: int, megabytes: float, seed: int) -> dict:
    rng = random.Random(seed)
    planted_pool = registered_sentences()
    mean = megabytes * 1_000_000 / files
    corpus = os.path.join(out, "sparse")
    if os.path.isdir(corpus):
        shutil.rmtree(corpus)
    total = planted = pages = 0
    for number in range(files):
        folder = os.path.join(corpus, f"{number // FILES_PER_FOLDER:03d}")
        if number % FILES_PER_FOLDER == 0:
            os.makedirs(folder, exist_ok=True)
        size = max(400, int(rng.gauss(mean, mean / 3)))
        extra = rng.choice(planted_pool) if rng.random() < CLAIM_SHARE else None
        blocks = paragraphs(rng, size, extra)
        is_html = rng.random() < HTML_SHARE
        text = as_html(rng, blocks, number) if is_html else as_text(rng, blocks)
        data = text.encode("utf-8")
        with open(os.path.join(folder, f"s{number:05d}.{'html' if is_html else 'txt'}"), "wb") as handle:
            handle.write(data)
        total += len(data)
        planted += extra is not None
        pages += is_html
    return {"files": files, "bytes": total, "seed": seed, "html_pages": pages, "documents_with_a_claim": planted,
            "registered_sentences": len(planted_pool)}


def write_quotes(out: str) -> int:
    from claimcheck.loader import load_registry

    registry = load_registry(os.path.join(ROOT, "claims.yaml")).registry
    quotes = [a.quote for c in registry.claims.values() for a in c.appearances]
    with open(os.path.join(out, "quotes-own.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(quotes) + "\n")
    return len(quotes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--mb", type=float, default=100.0, help="approximate size of the text in MB (HTML adds more)")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--out", default=DATA)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    os.makedirs(args.out, exist_ok=True)
    manifest = build(args.out, args.files, args.mb, args.seed)
    manifest["quotes"] = write_quotes(args.out)
    with open(os.path.join(args.out, "sparse-manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2)
        handle.write("\n")
    print(f"{manifest['files']:,} files ({manifest['html_pages']:,} HTML), {manifest['bytes'] / 1e6:.1f} MB, "
          f"{manifest['documents_with_a_claim']:,} with a registered sentence, in {args.out} "
          f"({time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
