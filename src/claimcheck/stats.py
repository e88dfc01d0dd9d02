"""Registry coverage: claims per document, verdict and flag; sources; documents' ratings."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any, Optional

from claimcheck.model import Registry


def review_ages(registry: Registry, today: Optional[datetime.date] = None) -> dict[str, Any]:
    """How old the claims' reviews are: drafts, claims without a date, and ages in days."""
    today = today or datetime.date.today()
    ages = sorted((today - c.reviewed.date).days for c in registry.claims.values()
                  if c.reviewed is not None and not c.is_draft)
    drafts = sum(1 for c in registry.claims.values() if c.is_draft)
    due = sorted(c.id for c in registry.claims.values()
                 if c.reviewed is not None and c.reviewed.next_review is not None and c.reviewed.next_review <= today)
    return {
        "drafts": drafts,
        "reviewed": len(ages),
        "undated": len(registry.claims) - drafts - len(ages),
        "median_age_days": ages[(len(ages) - 1) // 2] if ages else None,
        "oldest_age_days": ages[-1] if ages else None,
        "due": due,
    }


def collect(registry: Registry, today: Optional[datetime.date] = None) -> dict[str, Any]:
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
        "reviews": review_ages(registry, today),
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
    reviews = data.get("reviews")
    if reviews:
        parts = [f"{reviews['reviewed']} reviewed"]
        if reviews["reviewed"]:
            parts.append(f"median age {_age(reviews['median_age_days'])}, oldest {_age(reviews['oldest_age_days'])}")
        parts.append(f"{reviews['undated']} without a review date")
        parts.append(f"{reviews['drafts']} draft{'s' if reviews['drafts'] != 1 else ''} not yet reviewed")
        if reviews["due"]:
            parts.append(f"{len(reviews['due'])} due for review")
        console.print(Text("Reviews: " + "; ".join(parts)))
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


def _age(days: int) -> str:
    """An age for people: days under two months, then months, then years."""
    if days < 60:
        return f"{days} days"
    if days < 730:
        return f"{round(days / 30.44)} months"
    return f"{days / 365.25:.1f} years"
