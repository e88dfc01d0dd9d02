"""The optional semantic tier: sentence embeddings, offline (``pip install '.[semantic]'`` in claimcheck's folder).

The model is WordLlama's ``l2_supercat`` (256 dimensions, MIT licence): static token
embeddings pooled into a sentence vector, about 40,000 sentences a second on one core. Its
weights and tokenizer ship inside the ``wordllama`` wheel; they are loaded from the installed
package folder with downloads disabled and ``HF_HUB_OFFLINE`` set, and checked against the
hashes below (the git blob ids of the same files in the upstream repository,
github.com/dleemiller/WordLlama, src/wordllama/weights and src/wordllama/tokenizers), so
nothing is fetched at run time and a changed file is refused.

A sentence is embedded only when no other tier matched it, it is a sentence (not a heading or
a fragment) and it shares two or more distinctive words with a claim text (the fuzzy tier's
Aho-Corasick prefilter); the registry's
claim texts (restatement, quotes, correction) are embedded once per registry and cached.
Embeddings ignore negation, so what a sentence does with the claim (asserts, refutes,
reports) is still decided by the stance rules; a semantic match is reported as "possible
restatement of claim X (similarity 0.84): review", never louder than a warning.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEMANTIC_THRESHOLD = 0.70
# git blob ids (sha1 of "blob <size>\0" + content) of the upstream files
WEIGHTS = ("weights/l2_supercat_256.safetensors", "7be6f705991cebfbb719879d3105fe8def1edef1")
TOKENIZER = ("tokenizers/l2_supercat_tokenizer_config.json", "16ca4e49db02d1662275e67dd267adbcb02314ad")
MIN_WORDS = 6


class SemanticUnavailable(RuntimeError):
    """The extra is not installed, or its model files are missing or changed."""


def git_blob_id(path: Path) -> str:
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()


_MODEL = None


def load_model():
    """The WordLlama model from the installed package, verified; loaded once per process."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # a sentence batch is a small matrix product: BLAS threads cost more to wake than they save
    # (4x the tier's time on a busy machine); effective when numpy is first imported here
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise SemanticUnavailable("the semantic tier needs the 'semantic' extra: in claimcheck's folder, pip install '.[semantic]' (wordllama)") from None
    folder = Path(wordllama.__file__).resolve().parent
    for relative, expected in (WEIGHTS, TOKENIZER):
        path = folder / relative
        if not path.is_file():
            raise SemanticUnavailable(f"{path}: the model file is missing (reinstall wordllama)")
        if git_blob_id(path) != expected:
            raise SemanticUnavailable(f"{path}: the model file differs from the upstream release (reinstall wordllama)")
    try:
        _MODEL = WordLlama.load(config="l2_supercat", dim=256, cache_dir=folder, disable_download=True)
    except Exception as exc:  # noqa: BLE001 - any failure of an optional tier is one clear message
        raise SemanticUnavailable(f"the semantic model could not be loaded: {exc}") from None
    return _MODEL


_CACHE: dict[tuple, object] = {}


@dataclass(frozen=True)
class SemanticHit:
    claim_id: str
    start: int
    end: int
    similarity: float
    agrees: bool  # closest to the correction
    reference: str


class SemanticMatcher:
    """The registry's claim texts, embedded once (and cached per process by their texts)."""

    def __init__(self, registry, threshold: float | None = None):
        from claimcheck.match import _fuzzy_sources

        self.threshold = DEFAULT_SEMANTIC_THRESHOLD if threshold is None else threshold
        self.model = load_model()
        self.texts: list[tuple[str, str, bool]] = []  # (claim id, text, is the correction)
        for claim in registry.claims.values():
            if claim.verdict.value == "not-a-claim":
                continue
            for text, side in _fuzzy_sources(claim):
                if len(text.split()) >= 4:
                    self.texts.append((claim.id, text, side.value != "asserts"))
        key = tuple(text for _, text, _ in self.texts)
        if key not in _CACHE:
            _CACHE.clear()
            _CACHE[key] = self.model.embed([text for text in key], norm=True) if key else None
        self.matrix = _CACHE[key]
        self._seen: dict[str, object] = {}  # sentence -> its embedding (site furniture repeats)

    def find(self, text: str, spans, skip_sentences: set[int]) -> list[SemanticHit]:
        """The sentences (not in ``skip_sentences``, by start) closest to a claim text above the
        threshold. ``spans`` should already be cheaply filtered (Matcher.semantic keeps the
        sentences that share two or more distinctive words with a claim text)."""
        import numpy as np

        from claimcheck.match import _fuzzy_worthy

        if self.matrix is None:
            return []
        chosen = []
        for start, end in spans:
            if start in skip_sentences:
                continue
            sentence = text[start:end]
            if len(sentence.split()) < MIN_WORDS or not _fuzzy_worthy(sentence):
                continue
            chosen.append((start, end, " ".join(sentence.split())))
        if not chosen:
            return []
        missing = [s for _, _, s in chosen if s not in self._seen]
        if missing:
            if len(self._seen) > 20_000:
                self._seen.clear()
            for sentence, vector in zip(missing, self.model.embed(missing, norm=True)):
                self._seen[sentence] = vector
        vectors = np.stack([self._seen[s] for _, _, s in chosen])
        scores = vectors @ self.matrix.T
        best_columns = scores.argmax(axis=1)
        hits = []
        for row in np.flatnonzero(scores[np.arange(len(chosen)), best_columns] >= self.threshold):
            column = int(best_columns[row])
            start, end, _ = chosen[row]
            claim_id, reference, agrees = self.texts[column]
            hits.append(SemanticHit(claim_id, start, end, round(float(scores[row, column]), 3), agrees, reference))
        return hits
