"""Registry coverage: claims per document, verdict and flag; sources; documents' ratings."""

from __future__ import annotations

from collections import Counter
from typing import Any

from claimcheck.model import Registry


def collect(registry: Registry) -> dict[str, Any]:
    per_document: dict[str, Counter] = {d: Counter() for d in registry.documents}
    severities_in: dict[str, set] = {}  # document -> severities of its flagged claims (one pass: linear)
    verdicts, flags, cited = Counter(), Counter(), Counter()
    for claim in registry.claims.values():
        verdicts[claim.verdict.value] += 1
        flags.update(claim.flags)
        cited.update(claim.sources)
        for document in {a.document for a in claim.appearances}:
            per_document.setdefault(document, Counter())[claim.verdict.value] += 1
            if claim.flags:
                severities_in.setdefault(document, set()).add(registry.severity_of(claim).value)
    documents = []
    for document_id, counts in sorted(per_document.items()):
        worst = "no-known-problems"
        severities = severities_in.get(document_id, set())
        if "error" in severities:
            worst = "unreliable"
        elif "warning" in severities:
            worst = "needs-review"
        documents.append({"id": document_id, "claims": sum(counts.values()), "verdicts": dict(counts), "rating": worst})
    return {
        "claims": len(registry.claims),
        "appearances": sum(len(c.appearances) for c in registry.claims.values()),
        "documents": documents,
        "verdicts": dict(verdicts.most_common()),
        "flags": dict(flags.most_common()),
        "sources": {"defined": len(registry.sources), "cited": len(cited),
                    "most_cited": [s for s, _ in cited.most_common(5)]},
    }


def print_stats(data: dict[str, Any], console) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"{data['claims']} claims, {data['appearances']} appearances, "
                       f"{data['sources']['cited']} of {data['sources']['defined']} sources cited", style="bold"))
    table = Table(header_style="bold", title="Claims per document")
    table.add_column("document")
    table.add_column("claims", justify="right")
    table.add_column("verdicts")
    table.add_column("rating")
    for d in data["documents"]:
        table.add_row(Text(d["id"]), str(d["claims"]),
                      Text(", ".join(f"{v} {n}" for v, n in sorted(d["verdicts"].items()))), Text(d["rating"]))
    console.print(table)
    for title, key in (("Verdicts", "verdicts"), ("Flags", "flags")):
        t = Table(header_style="bold", title=title)
        t.add_column(key[:-1])
        t.add_column("claims", justify="right")
        for name, count in data[key].items():
            t.add_row(Text(name), str(count))
        console.print(t)
