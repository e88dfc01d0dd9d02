"""Verdicts that accuse or vouch need evidence; sources need a link a reader can follow.

Failing example::

    claims:
      - id: not-controlled
        verdict: "false"
        sources: []               # source-missing: a false verdict cites no source
    sources:
      - id: dea
        url: http://dea.gov       # source-url: not https
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from claimcheck.checks import _rule

RULES = dict([
    _rule("correction-missing", "error", "A false or misleading verdict has no correction."),
    _rule("source-missing", "error", "A false, misleading or accurate verdict cites no source."),
    _rule("source-link-missing", "error", "A source has none of url, doi, pmid."),
    _rule("source-url", "error", "A source URL is not a well-formed https URL."),
    _rule("source-doi", "error", "A DOI is not of the form 10.NNNN/suffix."),
    _rule("source-pmid", "error", "A PMID is not a number of 1 to 9 digits."),
])

DOI = re.compile(r"^10\.\d{4,9}/[^\s]+$")
PMID = re.compile(r"^[1-9][0-9]{0,8}$")
HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)


def run(ctx):
    for index, claim in ctx.entries("claims"):
        if claim.verdict.needs_correction and not (claim.correction or "").strip():
            yield ctx.problem(("claims", index, "verdict"), "correction-missing",
                              f"claim '{claim.id}' is '{claim.verdict.value}' but has no correction",
                              fix="add 'correction:' with a sentence a writer could use instead")
        if claim.verdict.needs_source and not claim.sources:
            yield ctx.problem(("claims", index, "verdict"), "source-missing",
                              f"claim '{claim.id}' is '{claim.verdict.value}' but cites no source",
                              fix="add 'sources:' with at least one authoritative source id")
    for index, source in ctx.entries("sources"):
        if not (source.url or source.doi or source.pmid):
            yield ctx.problem(("sources", index), "source-link-missing",
                              f"source '{source.id}' has no url, doi or pmid", fix="add the link you read it at")
        if source.url is not None and not valid_url(source.url):
            yield ctx.problem(("sources", index, "url"), "source-url",
                              f"source '{source.id}': '{source.url}' is not a well-formed https URL",
                              fix="write the full https:// address, as a browser shows it")
        if source.doi is not None and not DOI.match(source.doi):
            yield ctx.problem(("sources", index, "doi"), "source-doi",
                              f"source '{source.id}': '{source.doi}' is not a DOI (10.NNNN/suffix, without https://doi.org/)",
                              fix="write the DOI alone, e.g. doi: 10.1126/science.1190287")
        if source.pmid is not None and not PMID.match(source.pmid):
            yield ctx.problem(("sources", index, "pmid"), "source-pmid",
                              f"source '{source.id}': '{source.pmid}' is not a PubMed id (digits only)",
                              fix="write the digits only, quoted: pmid: \"20724638\"")


def valid_url(url: str) -> bool:
    if any(c.isspace() or ord(c) < 0x20 for c in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    del port
    return parts.scheme == "https" and bool(parts.hostname) and bool(HOST.match(parts.hostname)) \
        and not parts.username and not parts.password
