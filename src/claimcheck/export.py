"""The registry in other vocabularies: schema.org ``ClaimReview`` JSON-LD.

Each reviewed claim becomes one ClaimReview: the neutral claim text, a 1-5 rating with the
verdict as its human label, where the claim appeared (document and verbatim quote), who
reviewed it, when (the claim's own ``reviewed`` date and reviewer when it records them), and
the evidence as ``citation``. ``not-a-claim`` entries (calls to
action, sales pitch) are not claims and are left out.
"""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Optional

from claimcheck.formats.rules import safe_link, verdict_label
from claimcheck.model import Claim, Registry, Source, Verdict
from claimcheck.text import json_safe

DEFAULT_AUTHOR = "claimcheck registry"

# 1 (worst) to 5 (best): how far the claim can be relied on.
RATING_VALUE: dict[Verdict, int] = {
    Verdict.false: 1,
    Verdict.misleading: 2,
    Verdict.unsupported: 2,
    Verdict.mixed: 3,
    Verdict.mostly_accurate: 4,
    Verdict.accurate: 5,
}


def registry_date(registry: Registry) -> str:
    """The date of the registry file's last change (UTC), as an ISO date."""
    mtime = os.stat(registry.path).st_mtime
    return datetime.datetime.fromtimestamp(mtime, tz=datetime.timezone.utc).date().isoformat()


def claim_reviews(registry: Registry, *, date: Optional[str] = None,
                  author: str = DEFAULT_AUTHOR) -> list[dict[str, Any]]:
    """One ClaimReview per reviewed claim, in registry order (drafts and not-a-claim left out)."""
    published = date or registry_date(registry)
    return [claim_review(registry, claim, published, author)
            for claim in registry.claims.values() if claim.verdict in RATING_VALUE]


def claim_review(registry: Registry, claim: Claim, date: str, author: str = DEFAULT_AUTHOR) -> dict[str, Any]:
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.claim,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUE[claim.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": verdict_label(claim.verdict),
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [_appearance(registry, a.document, a.quote) for a in claim.appearances],
        },
        "author": _author(claim, author),
        "datePublished": claim.reviewed.date.isoformat() if claim.reviewed else date,
        "reviewBody": (claim.rationale or "") + (f" Correction: {claim.correction}" if claim.correction else ""),
    }
    citations = [_citation(registry.sources[s]) for s in claim.sources if s in registry.sources]
    if citations:
        review["citation"] = citations
    if claim.flags:
        review["keywords"] = list(claim.flags)
    return review


def _author(claim: Claim, organisation: str) -> dict[str, Any]:
    """The reviewing organisation; the person who reviewed the claim, within it, when recorded."""
    team = {"@type": "Organization", "name": organisation}
    if claim.reviewed is None:
        return team
    return {"@type": "Person", "name": claim.reviewed.by, "affiliation": team}


def _appearance(registry: Registry, document_id: str, quote: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": document_id, "text": quote}
    document = registry.documents.get(document_id)
    if document is not None:
        work["name"] = document.title
        url = safe_link(document.url)
        if url:
            work["url"] = url
    return work


def _citation(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "datePublished": str(source.year),
    }
    if source.authors:
        work["author"] = source.authors
    url = safe_link(source.link)
    if url:
        work["url"] = url
    identifiers = [{"@type": "PropertyValue", "propertyID": key, "value": value}
                   for key, value in (("doi", source.doi), ("pmid", source.pmid)) if value]
    if identifiers:
        work["identifier"] = identifiers
    return work


# JSON-LD is embedded in HTML pages inside <script type="application/ld+json">: an HTML parser
# ends that element at the first "</script" whatever the JSON says, and "<!--" changes how it
# reads on. Writing <, > and & as JSON escapes (as JSON-LD embedders do) leaves the same data.
_HTML_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def render_claim_reviews(registry: Registry, *, date: Optional[str] = None, author: str = DEFAULT_AUTHOR) -> str:
    """The ClaimReviews as strict JSON, safe in a terminal (controls, bidi and U+2028/9 escaped, as
    in the other JSON formats) and inside an HTML ``<script>`` element (``<``, ``>``, ``&`` escaped).
    Outside strings JSON has none of ``<>&``, so escaping the whole text only touches strings."""
    published = date or registry_date(registry)
    # One review at a time (a large registry's reviews are not all held as dicts at once); each
    # is encoded as json.dumps(list, indent=2) would write it in the list, so the text is the same.
    items = [_encoded_item(claim_review(registry, claim, published, author))
             for claim in registry.claims.values() if claim.verdict in RATING_VALUE]
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(items) + "\n]\n"


def _encoded_item(review: dict[str, Any]) -> str:
    encoded = json.dumps([review], indent=2, ensure_ascii=False, allow_nan=False)[2:-2]  # without "[\n" "\n]"
    return json_safe(encoded).translate(_HTML_ESCAPES)
