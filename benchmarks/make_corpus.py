"""Build a synthetic corpus and synthetic registries for the benchmarks (deterministic).

    python benchmarks/make_corpus.py                      # 20,000 files, about 100 MB
    python benchmarks/make_corpus.py --files 2000 --mb 10 # a quick one

Writes under benchmarks/data/ (git-ignored):

    corpus/NNN/dNNNNN.txt    the documents: sentences of the bundled documents/ mixed with
                             filler text (Zipf-distributed pseudo-words and English function
                             words, some curly quotes, dashes and non-breaking spaces, some
                             paragraphs wrapped at 78 columns)
    claims-1k.yaml           registries of 1,000 and 10,000 claims whose quotes are drawn from
    claims-10k.yaml          the corpus (1% from the bundled sentences, which recur across the
                             corpus; the rest from filler, which is nearly unique), with
                             restatements, corrections, sources and some RE2 patterns
    quotes-1k.txt            the same quotes, one a line, for ``rg -F -f`` (the reference)
    quotes-10k.txt
    manifest.json            what was built, with sizes

The same seed gives byte-identical output. Nothing here is run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
FILES_PER_FOLDER = 100
REGISTERED_DOCUMENTS = 400
FUNCTION_WORDS = ("the of and to a in is that for it as with was on be by are this or at from "
                  "an have not but can which may their has more its also been were these than "
                  "other some such into only when most after between over both through").split()
HEALTH_WORDS = ("ketamine depression patients treatment dose doses infusion clinic study trial brain "
                "symptoms therapy relief anxiety receptor glutamate esketamine placebo effects risk "
                "evidence relapse suicidal chronic pain sessions response remission neurons synapses").split()
ONSETS = "b c d f g h j k l m n p r s t v w z br cl dr fl gr pl pr sk sl sp st tr ch sh th".split()
VOWELS = "a e i o u ai ea ee oa ou ie".split()
CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "nt", "x", "ng"]


def document_sentences():
    """Every sentence of the bundled documents, as written (curly quotes and all), on one line."""
    sys.path.insert(0, os.path.join(ROOT, "src"))
    from claimcheck.text import sentence_spans

    folder = os.path.join(ROOT, "documents")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            text = handle.read()
        for start, end in sentence_spans(text):
            yield " ".join(text[start:end].split())


def bundled_sentences() -> list[str]:
    """Sentences of the bundled documents of six words or more."""
    return sorted({sentence for sentence in document_sentences() if len(sentence.split()) >= 6})


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice((1, 2, 2, 2, 3, 3, 4))
        words.add("".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)))
    return sorted(words)


class Writer:
    """Filler sentences: function words and health words among Zipf-distributed pseudo-words."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.vocab = vocabulary(rng, 8000)
        weights = [1.0 / (rank + 10) for rank in range(len(self.vocab))]
        total, cumulative = 0.0, []
        for w in weights:
            total += w
            cumulative.append(total)
        self.cumulative = cumulative

    def words(self, n: int) -> list[str]:
        rng = self.rng
        content = rng.choices(self.vocab, cum_weights=self.cumulative, k=n)
        out = []
        for word in content:
            r = rng.random()
            if r < 0.40:
                out.append(rng.choice(FUNCTION_WORDS))
            elif r < 0.45:
                out.append(rng.choice(HEALTH_WORDS))
            else:
                out.append(word)
        return out

    def sentence(self) -> str:
        rng = self.rng
        words = self.words(rng.randint(6, 24))
        r = rng.random()
        if r < 0.06:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 95)}%")
        elif r < 0.10:
            i = rng.randrange(len(words))
            words[i] = "\u201c" + words[i] + "\u201d"
        elif r < 0.13:
            words.insert(rng.randrange(1, len(words)), "\u2014")
        elif r < 0.15:
            i = rng.randrange(len(words) - 1)
            words[i] = words[i] + "\u00a0" + words.pop(i + 1)
        elif r < 0.20:
            words.insert(rng.randrange(1, len(words)), "it\u2019s")
        if rng.random() < 0.25:
            words[rng.randrange(1, len(words))] += ","
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + rng.choice(".....?!")


def wrap(paragraph: str, width: int = 78) -> str:
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def document(rng: random.Random, writer: Writer, bundled: list[str], size: int) -> tuple[str, list[str]]:
    """A document of about ``size`` characters, and its sentences."""
    paragraphs, sentences, length = [], [], 0
    while length < size:
        paragraph = []
        for _ in range(rng.randint(2, 6)):
            sentence = rng.choice(bundled) if rng.random() < 0.12 else writer.sentence()
            paragraph.append(sentence)
            sentences.append(sentence)
        text = " ".join(paragraph)
        if rng.random() < 0.3:
            text = wrap(text)
        if rng.random() < 0.15:
            paragraphs.append(" ".join(writer.words(rng.randint(2, 6))).title())  # a heading
        paragraphs.append(text)
        length += len(text) + 2
    return "\n\n".join(paragraphs) + "\n", sentences


def build_corpus(out: str, files: int, megabytes: float, seed: int):
    rng = random.Random(seed)
    writer = Writer(rng)
    bundled = bundled_sentences()
    mean = megabytes * 1_000_000 / files
    corpus = os.path.join(out, "corpus")
    registered = []
    total = 0
    for number in range(files):
        folder = os.path.join(corpus, f"{number // FILES_PER_FOLDER:03d}")
        if number % FILES_PER_FOLDER == 0:
            os.makedirs(folder, exist_ok=True)
        size = max(400, int(rng.gauss(mean, mean / 3)))
        text, sentences = document(rng, writer, bundled, size)
        path = os.path.join(folder, f"d{number:05d}.txt")
        data = text.encode("utf-8")
        with open(path, "wb") as handle:
            handle.write(data)
        total += len(data)
        if number < REGISTERED_DOCUMENTS:
            registered.append((f"d{number:05d}", os.path.relpath(path, out), text, sentences))
    return registered, bundled, total, writer


def y(value: str) -> str:
    """A YAML scalar that is always a string (JSON strings are YAML double-quoted scalars)."""
    return json.dumps(value, ensure_ascii=False)


VERDICTS = [("false", ["factually-wrong"]), ("misleading", ["misleading"]), ("unsupported", ["unsupported"]),
            ("accurate", []), ("mixed", ["overstated"]), ("not-a-claim", ["marketing"])]


def build_registry(out: str, name: str, count: int, registered, bundled, seed: int) -> tuple[str, int]:
    rng = random.Random(seed * 1000 + count)
    lines = [
        "# Synthetic registry for benchmarks/run.py (generated by benchmarks/make_corpus.py).",
        "schema_version: 1",
        "flags:",
    ]
    for flag, severity in (("factually-wrong", "error"), ("misleading", "error"), ("unsupported", "warning"),
                           ("overstated", "warning"), ("marketing", "info")):
        lines.append(f"  - {{id: {flag}, severity: {severity}, description: {y('Synthetic flag ' + flag + '.')}}}")
    lines.append("sources:")
    for i in range(20):
        lines.append(f"  - {{id: source-{i:02d}, title: {y(f'Synthetic source {i}')}, publisher: Benchmarks, "
                     f"year: 2024, url: {y(f'https://example.org/source/{i}')}}}")
    lines.append("documents:")
    for doc_id, path, _, _ in registered:
        lines.append(f"  - {{id: {doc_id}, path: {y(path)}, title: {y('Synthetic ' + doc_id)}, publisher_type: synthetic}}")
    lines.append("claims:")
    quotes = []
    bundled_set = set(bundled)
    for number in range(count):
        doc_id, _, text, sentences = registered[number % len(registered)]
        pool = [s for s in sentences if s in bundled_set] if rng.random() < 0.01 else []
        if not pool:
            pool = [s for s in sentences if s not in bundled_set]
        quote = None
        for _ in range(50):
            words = rng.choice(pool).split(" ")
            n = min(len(words), rng.randint(5, 12))
            start = rng.randrange(len(words) - n + 1)
            candidate = " ".join(words[start:start + n]).strip(",.;:!?\u201c\u201d")
            if len(candidate) >= 16 and candidate in text:
                quote = candidate
                break
        if quote is None:
            continue
        quotes.append(quote)
        verdict, flags = VERDICTS[number % len(VERDICTS)]
        words = quote.split()
        restated = words[:]
        if len(restated) > 4:
            restated.pop(rng.randrange(len(restated)))
            i = rng.randrange(len(restated) - 1)
            restated[i], restated[i + 1] = restated[i + 1], restated[i]
        claim = " ".join(restated)
        claim = claim[:1].upper() + claim[1:] + "."
        lines.append(f"  - id: claim-{number:05d}")
        lines.append(f"    claim: {y(claim)}")
        lines.append(f"    verdict: {y(verdict)}")
        lines.append(f"    flags: [{', '.join(flags)}]")
        lines.append(f"    rationale: {y('Synthetic rationale for claim ' + str(number) + '.')}")
        if verdict in ("false", "misleading"):
            lines.append(f"    correction: {y('A corrected statement for claim ' + str(number) + '.')}")
        if verdict in ("false", "misleading", "accurate"):
            lines.append(f"    sources: [source-{number % 20:02d}]")
        lines.append("    appearances:")
        lines.append(f"      - {{document: {doc_id}, quote: {y(quote)}}}")
        run = next((words[i:i + 3] for i in range(len(words) - 2)
                    if all(w.isascii() and w.isalpha() for w in words[i:i + 3])), None)
        if number % 50 == 7 and run:
            regex = r"\b" + r"\s+(?:\w+\s+)?".join(w.lower() for w in run) + r"\b"
            lines.append("    patterns:")
            lines.append(f"      - regex: {y(regex)}")
            lines.append(f"        examples: {{match: [{y(quote)}]}}")
    path = os.path.join(out, f"claims-{name}.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(os.path.join(out, f"quotes-{name}.txt"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(quotes) + "\n")
    return path, len(quotes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--mb", type=float, default=100.0, help="approximate corpus size in MB")
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--out", default=DATA)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    if os.path.isdir(os.path.join(args.out, "corpus")):
        shutil.rmtree(os.path.join(args.out, "corpus"))
    os.makedirs(args.out, exist_ok=True)
    registered, bundled, total, _ = build_corpus(args.out, args.files, args.mb, args.seed)
    manifest = {"files": args.files, "bytes": total, "seed": args.seed, "registries": {}}
    for name, count in (("1k", 1_000), ("10k", 10_000)):
        path, quotes = build_registry(args.out, name, count, registered, bundled, args.seed)
        manifest["registries"][name] = {"path": os.path.relpath(path, args.out), "claims": quotes}
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2)
        handle.write("\n")
    print(f"{args.files:,} files, {total / 1e6:.1f} MB, registries {manifest['registries']} "
          f"in {args.out} ({time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
