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

CLAIM_MIN_WIDTH = 30  # below this a claim column reads as a list of words: use blocks instead
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
            Text(claim.verdict.value, style=SEVERITY_STYLE[severity] if claim.flags else "green"),
            Text(visible(", ".join(claim.flags))),
            Text(" ".join(short.get(d, d) for d in _documents_of(claim))),
            Text(visible(one_line(claim.claim))),
        ))
    if rows and _table_width(rows) > console.width:
        _print_blocks(rows, console)
    else:
        console.print(_table(rows))
    console.print(Text(f"{len(claims)} claim{'' if len(claims) == 1 else 's'}", style="dim"))


HEADERS = ("id", "verdict", "flags", "docs", "claim")


def _longest_word(texts) -> int:
    return max((len(word) for text in texts for word in text.plain.split()), default=0)


def _column_minimums(rows: list[tuple[Text, ...]]) -> list[int]:
    """What each column needs so that nothing is cut: whole ids and verdicts, the longest
    flag and document id (they wrap between words), and a readable claim column."""
    ids, verdicts, flags, documents, _ = zip(*rows)
    return [max(len(HEADERS[0]), max(cell_len(t.plain) for t in ids)),
            max(len(HEADERS[1]), max(cell_len(t.plain) for t in verdicts)),
            max(len(HEADERS[2]), _longest_word(flags)),
            max(len(HEADERS[3]), _longest_word(documents)),
            CLAIM_MIN_WIDTH]


def _table_width(rows: list[tuple[Text, ...]]) -> int:
    return sum(_column_minimums(rows)) + 2 * (len(HEADERS) - 1)  # one space either side of each inner border


def _table(rows: list[tuple[Text, ...]]) -> Table:
    from rich import box

    minimums = _column_minimums(rows) if rows else [len(h) for h in HEADERS]
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("id", no_wrap=True, min_width=minimums[0])
    table.add_column("verdict", no_wrap=True, min_width=minimums[1])
    table.add_column("flags", min_width=minimums[2], overflow="fold")
    table.add_column("docs", min_width=minimums[3], overflow="fold")
    table.add_column("claim", min_width=CLAIM_MIN_WIDTH, ratio=1, overflow="fold")
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
