"""``claimcheck show CLAIM_ID``: one claim in full, with every appearance located.

The appearances are found the way ``lint`` checks them: the registered quote, normalised,
in the normalised document, mapped back to the document's own line and column; a quote
that is no longer there is said so (``claimcheck lint`` explains).
"""

from __future__ import annotations

import os
from typing import Any, Optional

from rich.console import Console
from rich.text import Text

from claimcheck.formats.common import claim_dict
from claimcheck.formats.text import SEVERITY_STYLE, emit
from claimcheck.model import Claim, Registry
from claimcheck.text import one_line, visible


def resolve_claim(registry: Registry, value: str) -> tuple[Optional[Claim], Optional[str]]:
    """(claim, None) for an id or an unambiguous prefix of one; else (None, why not)."""
    from claimcheck.formats.listing import did_you_mean

    if value in registry.claims:
        return registry.claims[value], None
    matches = sorted(c for c in registry.claims if value and c.startswith(value))
    if len(matches) == 1:
        return registry.claims[matches[0]], None
    if matches:
        shown = ", ".join(matches[:8]) + (f" and {len(matches) - 8} more" if len(matches) > 8 else "")
        return None, f"'{value}' matches several claims: {shown}"
    return None, f"no claim '{value}' in the registry{did_you_mean(value, sorted(registry.claims))}"


def locate(registry: Registry, claim: Claim) -> list[dict[str, Any]]:
    """Each appearance with its document's path and the quote's line and column (or why not)."""
    from claimcheck.loader import display_path, document_path
    from claimcheck.text import InputError, LineIndex, normalise, normalise_with_map, read_text

    texts: dict[str, Any] = {}
    places = []
    for appearance in claim.appearances:
        place: dict[str, Any] = {"document": appearance.document, "quote": appearance.quote,
                                 "path": None, "line": None, "column": None, "problem": None}
        if appearance.occurrence is not None:
            place["occurrence"] = appearance.occurrence
        places.append(place)
        document = registry.documents.get(appearance.document)
        if document is None:
            place["problem"] = "the document is not in the registry"
            continue
        place["path"] = display_path(os.path.join(registry.root, document.path))
        if appearance.document not in texts:
            try:
                text = read_text(document_path(registry.root, document.path))
                texts[appearance.document] = (normalise_with_map(text), LineIndex(text))
            except InputError as exc:
                texts[appearance.document] = exc.detail
        loaded = texts[appearance.document]
        if isinstance(loaded, str):
            place["problem"] = f"cannot be read: {loaded}"
            continue
        norm, lines = loaded
        quote = normalise(appearance.quote).strip()
        position = norm.text.find(quote) if quote else -1
        for _ in range((appearance.occurrence or 1) - 1):
            if position == -1:
                break
            position = norm.text.find(quote, position + 1)
        if position == -1:
            place["problem"] = "the quote is no longer in the document (claimcheck lint explains)"
            continue
        place["line"], place["column"] = lines.position(norm.original_start(position))
    return places


def claim_record(registry: Registry, claim: Claim) -> dict[str, Any]:
    """Everything about one claim, as JSON data."""
    data = claim_dict(registry, claim.id) or {}
    data["severity"] = registry.severity_of(claim).value
    data["flags"] = [{"id": f, "severity": registry.flags[f].severity.value if f in registry.flags else None,
                      "description": registry.flags[f].description if f in registry.flags else None}
                     for f in claim.flags]
    data["subject"] = claim.subject
    data["appearances"] = locate(registry, claim)
    data["patterns"] = [{"regex": p.regex, "stance": p.stance.value} for p in claim.patterns]
    return data


def _t(value: object, style: str = "") -> Text:
    return Text(visible(str(value)), style=style)


def print_claim(registry: Registry, claim: Claim, console: Console, *, wrap: bool = False) -> None:
    """The claim in full: verdict, flags, rationale, correction, every appearance, every source."""
    severity = registry.severity_of(claim)
    style = SEVERITY_STYLE[severity] if claim.flags else "green"

    def field(label: str, value: Text) -> None:
        prefix = f"  {(label + ':') if label else '':<12}"
        emit(console, Text.assemble(prefix, value), len(prefix), wrap)

    emit(console, _t(claim.id, "bold magenta"), 2, wrap)
    field("claim", _t(one_line(claim.claim)))
    verdict = "not yet reviewed" if claim.verdict.is_draft else claim.verdict.value
    field("verdict", Text.assemble(_t(verdict, style), f"  (severity {severity.value})"))
    for index, flag_id in enumerate(claim.flags):
        flag = registry.flags.get(flag_id)
        value = Text.assemble(_t(flag_id, "magenta"))
        if flag is not None:
            value.append_text(Text.assemble(" (", _t(flag.severity.value, SEVERITY_STYLE[flag.severity]), ") ",
                                            _t(one_line(flag.description), "dim")))
        field("flags" if index == 0 else "", value)
    field("why", _t(one_line(claim.rationale)))
    if claim.correction:
        field("fix", _t(one_line(claim.correction), "green"))
    console.print()
    places = locate(registry, claim)
    console.print(Text(f"  appears {len(places)} time{'' if len(places) == 1 else 's'}:", style="bold"))
    for place in places:
        where = place["path"] or place["document"]
        if place["line"]:
            where = f"{where}:{place['line']}:{place['column']}"
        emit(console, Text.assemble("    ", _t(where, "bold")), 6, wrap)
        emit(console, Text.assemble("      \u201c", _t(one_line(place["quote"])), "\u201d"), 7, wrap)
        if place["problem"]:
            emit(console, Text.assemble("      ", ("not found", "bold red"), ": ", _t(place["problem"])), 6, wrap)
    sources = [registry.sources[s] for s in claim.sources if s in registry.sources]
    if sources:
        console.print()
        console.print(Text(f"  {len(sources)} source{'' if len(sources) == 1 else 's'}:", style="bold"))
        for number, source in enumerate(sources, 1):
            head = f"    {number}. "
            emit(console, Text.assemble(head, _t(one_line(source.citation))), len(head), wrap)
            if source.link:
                emit(console, Text.assemble(" " * len(head), _t(source.link, "blue")), len(head), wrap)
            if source.note:
                emit(console, Text.assemble(" " * len(head), _t(one_line(source.note), "dim")), len(head), wrap)
