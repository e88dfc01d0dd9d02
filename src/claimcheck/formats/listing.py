"""``claimcheck list``: the registered claims, for a person at a terminal or for a pipe.

On a terminal, a table when every column fits whole (ids never wrap, flags and claims wrap at
word boundaries); when it would not fit, one block per claim, so that no width ever cuts a
word. Piped (or ``--format tsv``), one claim per line, tab-separated, no header and no
footer: ``id, verdict, flags, documents, claim``, stable and grep-friendly.
"""

from __future__ import annotations

import difflib
from typing import Iterable, Optional

from rich.console import Console
from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from claimcheck.model import Claim, Registry
from claimcheck.text import one_line, visible

CLAIM_MIN_WIDTH = 40  # below this a claim column reads as a list of words: use blocks instead
CLAIM_COMFORT = 64  # flags and documents wrap only to give the claim column this much
SHORT_ID_MIN = 3


def short_document_ids(ids: Iterable[str]) -> dict[str, str]:
    """Each id's shortest unambiguous prefix (at least 3 characters): ``000_838ac...`` -> ``000``."""
    ids = sorted(set(ids))
    short = {}
    for document_id in ids:
        others = [o for o in ids if o != document_id]
        length = min(SHORT_ID_MIN, len(document_id))
        while length < len(document_id) and any(o.startswith(document_id[:length]) for o in others):
            length += 1
        short[document_id] = document_id[:length]
    return short


def document_ids(registry: Registry) -> list[str]:
    """Every document id the registry knows: its documents and those its claims appear in."""
    return sorted(set(registry.documents) | {a.document for c in registry.claims.values() for a in c.appearances})


def resolve_document(registry: Registry, value: str) -> tuple[Optional[str], Optional[str]]:
    """(document id, None) for an id or an unambiguous prefix of one, else (None, why not)."""
    known = document_ids(registry)
    if value in known:
        return value, None
    matches = [d for d in known if d.startswith(value)] if value else []
    if len(matches) == 1:
        return matches[0], None
    if matches:
        return None, f"'{value}' matches several documents: {', '.join(matches)}"
    return None, f"no document '{value}' in the registry{did_you_mean(value, known)}"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a known name is close to ``value``, else a list of a few names."""
    known = list(known)
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    if not close:
        close = [k for k in known if value and value.lower() in k.lower()][:3]
    if close:
        return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if known and len(known) <= 12:
        return "; known: " + ", ".join(known)
    return ""


def _documents_of(claim: Claim) -> list[str]:
    return sorted({a.document for a in claim.appearances})


def _field(value: str) -> str:
    """One TSV field: one line, no tab, control characters visible."""
    return visible(one_line(value)).replace("\t", " ")


def render_tsv(claims: list[Claim]) -> str:
    """One claim per line: id, verdict, flags (comma-separated), documents (comma-separated), claim."""
    lines = []
    for claim in claims:
        lines.append("\t".join((
            _field(claim.id), claim.verdict.value, _field(",".join(claim.flags)),
            _field(",".join(_documents_of(claim))), _field(claim.claim),
        )))
    return "".join(line + "\n" for line in lines)


def print_claims(registry: Registry, claims: list[Claim], console: Console) -> None:
    """A table when it fits ``console.width`` whole; otherwise a block per claim."""
    from claimcheck.formats.text import SEVERITY_STYLE

    short = short_document_ids(document_ids(registry))
    rows = []
    for claim in claims:
        severity = registry.severity_of(claim)
        rows.append((
            Text(visible(claim.id), style="magenta"),
            Text("not yet reviewed" if claim.verdict.is_draft else claim.verdict.value,
                 style=SEVERITY_STYLE[severity] if claim.flags else "green"),
            Text(visible(", ".join(claim.flags))),
            Text(" ".join(short.get(d, d) for d in _documents_of(claim))),
            Text(visible(one_line(claim.claim))),
        ))
    widths = column_widths(rows, console.width) if rows else None
    if rows and widths is None:
        _print_blocks(rows, console)
    elif rows:
        console.print(_table(rows, widths))
    console.print(Text(f"{len(claims)} claim{'' if len(claims) == 1 else 's'}", style="dim"))


HEADERS = ("id", "verdict", "flags", "docs", "claim")
GAPS = 3 * (len(HEADERS) - 1)  # between two columns: a space of padding, the (blank) border, a space
FLAGS_COMFORT = 34  # flags wrap beyond this when the claim column needs the room


def _longest_word(texts) -> int:
    return max((cell_len(word) for text in texts for word in text.plain.split()), default=0)


def _longest(texts) -> int:
    return max((cell_len(text.plain) for text in texts), default=0)


def column_widths(rows: list[tuple[Text, ...]], width: int) -> Optional[list[int]]:
    """Each column's width so that nothing is cut, or None when no such table fits ``width``:
    ids and verdicts whole; flags and documents wrap between words (never below their longest
    word); the claim column gets the rest, at least CLAIM_MIN_WIDTH."""
    ids, verdicts, flags, documents, claims = zip(*rows)
    id_width = max(len(HEADERS[0]), _longest(ids))
    verdict_width = max(len(HEADERS[1]), _longest(verdicts))
    flags_min, flags_max = max(len(HEADERS[2]), _longest_word(flags)), max(len(HEADERS[2]), _longest(flags))
    docs_min, docs_max = max(len(HEADERS[3]), _longest_word(documents)), max(len(HEADERS[3]), _longest(documents))
    claim_max = max(len(HEADERS[4]), _longest(claims))
    room = width - GAPS - id_width - verdict_width
    if room - flags_min - docs_min < min(CLAIM_MIN_WIDTH, claim_max):
        return None
    flags_width, docs_width = flags_max, docs_max
    # give the claim column room by wrapping flags, then documents, then flags down to their longest word
    steps = (("flags", max(flags_min, min(flags_max, FLAGS_COMFORT)), claim_max),  # long flag lists wrap first,
             ("docs", docs_min, min(claim_max, CLAIM_COMFORT)),  # then documents and all flags, but only
             ("flags", flags_min, min(claim_max, CLAIM_COMFORT)))  # as far as a comfortable claim column needs
    for column, floor, target in steps:
        spare = room - flags_width - docs_width - target
        if spare >= 0:
            break
        if column == "flags":
            flags_width = max(floor, flags_width + spare)
        else:
            docs_width = max(floor, docs_width + spare)
    claim_width = min(claim_max, room - flags_width - docs_width)
    if claim_width < min(CLAIM_MIN_WIDTH, claim_max):
        return None
    return [id_width, verdict_width, flags_width, docs_width, claim_width]


def _table(rows: list[tuple[Text, ...]], widths: list[int]) -> Table:
    from rich import box

    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    for header, width in zip(HEADERS, widths):
        table.add_column(header, width=width, no_wrap=header in ("id", "verdict"), overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _print_blocks(rows: list[tuple[Text, ...]], console: Console) -> None:
    """id on its own line (soft-wrapped: a terminal may wrap it, claimcheck never cuts it);
    verdict, flags and documents; then the claim, wrapped at word boundaries, indented."""
    for index, (claim_id, verdict, flags, documents, claim) in enumerate(rows):
        if index:
            console.print()
        console.print(claim_id, soft_wrap=True)
        details = Text.assemble(verdict)
        if flags.plain:
            details.append_text(Text.assemble("  ", flags))
        details.append_text(Text.assemble("  ", ("docs ", "dim"), documents))
        console.print(Padding(details, (0, 0, 0, 2)))
        console.print(Padding(claim, (0, 0, 0, 2)))
