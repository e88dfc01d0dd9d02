"""A new document -> the registry entries it needs (``claimcheck add``).

The first step of the review loop: the document is registered (id from its file name, title
from its first line when that is a heading), each sentence that states a claim already
reviewed becomes a new appearance of that claim (its quote copied from the document, the
match kind and confidence in a comment), and each check-worthy sentence that matches nothing
(what ``audit --suggest`` lists) becomes a draft claim (``verdict: unreviewed``) quoting the
sentence verbatim. Nothing here writes: ``writer.apply`` does, in place.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from claimcheck.model import ID_PATTERN, Registry, Stance
from claimcheck.registry_file import LoadResult
from claimcheck.writer import Addition, Entry

PLACEHOLDER = "TODO"  # what a field the author must still fill in starts with (lint: placeholder-text)
PUBLISHER_TYPE_PLACEHOLDER = f"{PLACEHOLDER}: what kind of publisher (e.g. clinic marketing blog, health news site)?"
TITLE_PLACEHOLDER = f"{PLACEHOLDER}: the document's title as published"
MAX_ID_WORDS = 7
_STOP = {"a", "an", "the", "of", "to", "in", "for", "and", "or", "is", "are", "was", "be", "it", "that", "this",
         "with", "as", "on", "at", "by", "its", "can", "has", "have", "their", "they", "which", "from"}


NEW_REGISTRY = ("# claimcheck registry: reviewed claims, the evidence behind them, and where they appear.\n"
                "# Check it with: claimcheck lint --strict\n"
                "schema_version: 1\n")
_BOM = b"\xef\xbb\xbf"


class AddError(Exception):
    """The document cannot be added (outside the registry's folder, an id taken, ...); its
    arguments are the lines to show."""


@dataclass
class Target:
    """The registry file ``add`` edits: its load result and text (a new one when ``created``)."""

    path: str
    result: LoadResult
    text: str
    bom: bool = False
    created: bool = False

    def write(self, new_text: str) -> None:
        from claimcheck.output import atomic_write

        atomic_write(self.path, (_BOM if self.bom else b"") + new_text.encode("utf-8"))


def registry_to_edit(path: Optional[str]) -> Target:
    """The registry at ``path``, loaded and free of errors; with no path, a new ``claims.yaml``
    in the current folder (written only when something is added)."""
    from claimcheck.loader import REGISTRY_FILENAME, collector_paused, compose_into, load_registry
    from claimcheck.model import Severity
    from claimcheck.schema import build_registry
    from claimcheck.text import one_line

    if path is None:
        result = LoadResult(REGISTRY_FILENAME)
        with collector_paused():
            compose_into(NEW_REGISTRY, result)
            build_registry(result, os.getcwd())
        return Target(os.path.join(os.getcwd(), REGISTRY_FILENAME), result, NEW_REGISTRY, created=True)
    result = load_registry(path)
    errors = [p for p in result.problems if p.severity is Severity.error]
    if result.fatal or errors or result.registry is None:
        raise AddError(*(f"{p.path}:{p.line}:{p.column}: {p.severity.value} {p.rule} {one_line(p.message)}"
                         for p in errors),
                       f"claimcheck: fix the registry first (claimcheck lint {result.path}); nothing was added")
    with open(path, "rb") as handle:
        raw = handle.read()
    bom = raw.startswith(_BOM)
    try:
        text = raw[len(_BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise AddError(f"claimcheck: {result.path}: add edits UTF-8 registries only; save it as UTF-8 first") from None
    return Target(path, result, text, bom)


@dataclass
class Plan:
    """What ``add`` would write: the new document entry (None when it is already registered),
    new appearances of reviewed claims, and draft claims."""

    document_id: str
    document: Optional[dict]
    appearances: dict = field(default_factory=dict)  # claim index in the file -> [Entry]
    drafts: list = field(default_factory=list)  # [Entry]
    agreeing: list = field(default_factory=list)  # (claim id, sentence) that state a correction: not added

    def additions(self) -> list[Addition]:
        out = []
        if self.document is not None:
            out.append(Addition(("documents",), [Entry(self.document, "added by claimcheck add")]))
        for index, entries in sorted(self.appearances.items()):
            out.append(Addition(("claims", index, "appearances"), entries))
        if self.drafts:
            out.append(Addition(("claims",), self.drafts))
        return out

    @property
    def appearance_count(self) -> int:
        return sum(len(v) for v in self.appearances.values())


def document_id_from(path: str) -> str:
    """An id from a file name: ``My Article (2).txt`` -> ``my-article-2``."""
    stem = os.path.splitext(os.path.basename(path))[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9._-]+", "-", ascii_stem.lower()).strip("-._")
    return slug[:120] or "document"


def title_from(text: str) -> Optional[str]:
    """The document's first line when it reads as a heading (short, no final full stop)."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= 150 and len(line.split()) <= 20 and not line.endswith((".", ",", ";", ":")):
            return line
        return None
    return None


def plan(result: LoadResult, document_path: str, text: str, *, document_id: Optional[str] = None,
         title: Optional[str] = None, publisher_type: Optional[str] = None, drafts: bool = True) -> Plan:
    """The entries ``document_path`` (whose text is ``text``) brings to the registry."""
    from claimcheck.audit import Auditor, check_worthy
    from claimcheck.text import Sentences, normalise, normalise_with_map

    from claimcheck.markup import looks_like_html

    registry: Registry = result.registry
    if looks_like_html(text, document_path):
        raise AddError(f"{document_path} is an HTML page; the registry's documents are text files "
                       "(quotes are checked against the file as it is): save the page's text and add that")
    relative = os.path.relpath(os.path.realpath(document_path), os.path.realpath(registry.root))
    if relative.startswith(".."):
        raise AddError(f"{document_path} is outside the registry's folder ({registry.root}); "
                       "copy it into that folder first")
    relative = relative.replace(os.sep, "/")
    existing = next((d for d in registry.documents.values()
                     if os.path.realpath(os.path.join(registry.root, d.path)) == os.path.realpath(document_path)), None)
    if existing is not None:
        new_id, document = existing.id, None
    else:
        new_id = document_id or document_id_from(document_path)
        if not re.match(ID_PATTERN, new_id):
            raise AddError(f"'{new_id}' is not an id (lower-case letters, digits, '-', '_', '.'); pass --id")
        if new_id in result.declared.get("documents", set()):
            raise AddError(f"the id '{new_id}' is taken by another document; pass --id")
        document = {"id": new_id, "path": relative, "title": title or title_from(text) or TITLE_PLACEHOLDER,
                    "publisher_type": publisher_type or PUBLISHER_TYPE_PLACEHOLDER}

    auditor = Auditor(registry)
    report = auditor.audit_text(text, relative, existing.id if existing else None, html=False)
    norm = normalise_with_map(text)
    sentence_of = Sentences(norm)
    index_of = {entry.id: index for section, index, entry in result.entries
                if section == "claims" and registry.claims.get(entry.id) is entry}
    out = Plan(new_id, document)
    matched: set[int] = set()
    seen: set[tuple[str, str]] = set()
    for finding in report.findings:
        m = finding.match
        if m is None or m.claim_id not in registry.claims:
            continue
        sentence_start = sentence_of.start(norm.normalised_offset(m.start))
        matched.add(sentence_start)
        claim = registry.claims[m.claim_id]
        if m.stance is not Stance.asserts:
            out.agreeing.append((claim.id, " ".join(m.sentence.split())))
            continue
        quote = " ".join((m.matched_text if m.kind.value == "exact" else m.sentence).split()).strip()
        key = (claim.id, normalise(quote).strip())
        registered = {normalise(a.quote).strip() for a in claim.appearances if a.document == new_id}
        if key in seen or key[1] in registered or claim.id not in index_of:
            continue
        seen.add(key)
        appearance = {"document": new_id, "quote": quote}
        occurrence = _occurrence(norm.text, key[1], norm.normalised_offset(m.start))
        if occurrence:
            appearance["occurrence"] = occurrence
        comment = f"added by claimcheck add: {m.kind.value} match, confidence {m.confidence:.2f}"
        out.appearances.setdefault(index_of[claim.id], []).append(Entry(appearance, comment))
    if drafts:
        taken = set(result.declared.get("claims", set()))
        suffixes: dict[str, int] = {}
        drafted: set[str] = set()  # a sentence said again is one claim: drafted once, at its first occurrence
        for start, sentence, reasons in check_worthy(norm, sentence_of.all(), matched):
            quote = " ".join(sentence.split()).strip()
            if not quote or normalise(quote).strip() in drafted:
                continue
            drafted.add(normalise(quote).strip())
            claim_id = _unique(_slug(quote), taken, suffixes)
            taken.add(claim_id)
            data = {"id": claim_id, "claim": quote, "verdict": "unreviewed", "flags": [],
                    "appearances": [{"document": new_id, "quote": quote}]}
            occurrence = _occurrence(norm.text, normalise(quote).strip(), norm.normalised_offset(start))
            if occurrence:
                data["appearances"][0]["occurrence"] = occurrence
            out.drafts.append(Entry(data, f"draft by claimcheck add ({', '.join(reasons)}): "
                                          "restate the claim neutrally, then review it"))
    return out


def _occurrence(text: str, quote: str, near: int) -> Optional[int]:
    """Which occurrence of ``quote`` starts at or nearest after ``near`` -- only when there are several."""
    if not quote:
        return None
    starts, position = [], text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    if len(starts) < 2:
        return None
    best = min(range(len(starts)), key=lambda i: (starts[i] < near - len(quote), abs(starts[i] - near)))
    return best + 1


def _slug(sentence: str) -> str:
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", sentence).encode("ascii", "ignore").decode().lower())
    kept = [w for w in words if w not in _STOP][:MAX_ID_WORDS] or words[:MAX_ID_WORDS] or ["claim"]
    return "-".join(kept)[:100].strip("-") or "claim"


def _unique(base: str, taken: set, suffixes: Optional[dict] = None) -> str:
    """``base``, or ``base-2``, ``base-3``, ... whichever is free; ``suffixes`` remembers where each
    base's search stopped, so that many sentences with one slug cost one step each, not a count."""
    suffixes = {} if suffixes is None else suffixes
    candidate, n = base, suffixes.get(base, 2)
    if n > 2:
        candidate = f"{base}-{n}"
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    suffixes[base] = n
    return candidate
