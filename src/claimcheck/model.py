"""The shared vocabulary: registry entries (validated by pydantic) and findings (plain values).

Registry entries follow schema.org's ClaimReview idea: one reviewed ``Claim`` carries the
verdict, rationale, correction and evidence once, and lists its ``appearances`` (verbatim
quotes) in as many documents as it occurs in.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


class Severity(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Verdict(str, enum.Enum):
    accurate = "accurate"
    mostly_accurate = "mostly-accurate"
    mixed = "mixed"
    misleading = "misleading"
    unsupported = "unsupported"
    false = "false"
    not_a_claim = "not-a-claim"
    unreviewed = "unreviewed"  # a draft: found, not yet reviewed (never shown as a verdict)

    @property
    def is_draft(self) -> bool:
        return self is Verdict.unreviewed

    @property
    def needs_correction(self) -> bool:
        return self in (Verdict.false, Verdict.misleading)

    @property
    def needs_source(self) -> bool:
        return self in (Verdict.false, Verdict.misleading, Verdict.accurate)


class MatchKind(str, enum.Enum):
    exact = "exact"
    pattern = "pattern"
    value = "value"
    fuzzy = "fuzzy"
    semantic = "semantic"  # the optional embedding tier (claimcheck.semantic)


class Stance(str, enum.Enum):
    asserts = "asserts"
    agrees_with_evidence = "agrees-with-evidence"


Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Flag(_Entry):
    id: Identifier
    severity: Severity
    description: Text


class Source(_Entry):
    id: Identifier
    title: Text
    publisher: Text
    authors: Optional[Text] = None
    year: int = Field(ge=1800, le=2100, strict=True)  # strict: "2024" is text, as in the JSON Schema
    url: Optional[Text] = None
    doi: Optional[Text] = None
    pmid: Optional[Text] = None
    note: Optional[Text] = None

    @property
    def link(self) -> str | None:
        """The best link for a reader: the DOI resolver, then PubMed, then the URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url

    @property
    def short_citation(self) -> str:
        """First author (et al.), year, title, publisher: one line for a terminal."""
        author = ""
        if self.authors:
            names = [n.strip() for n in self.authors.replace(";", ",").split(",") if n.strip()]
            author = names[0] + (" et al." if len(names) > 1 or "et al" in self.authors else "")
            author = author.replace("et al. et al.", "et al.")
        title = self.title if len(self.title) <= 90 else self.title[:89].rstrip() + "\u2026"
        head = f"{author} ({self.year})" if author else f"{self.publisher} ({self.year})"
        tail = f" {self.publisher}." if author else ""
        title = title if title.endswith(("\u2026", "?", "!")) else title.rstrip(".") + "."
        return f"{head}. {title}{tail}"

    @property
    def citation(self) -> str:
        parts = [self.authors, self.title, self.publisher, str(self.year)]
        ref = ". ".join(p.rstrip(".") for p in parts if p)
        if self.doi:
            ref += f". doi:{self.doi}"
        if self.pmid:
            ref += f". PMID {self.pmid}"
        return ref


class Document(_Entry):
    id: Identifier
    path: Text
    title: Text
    publisher_type: Text
    url: Optional[Text] = None


class PatternExamples(_Entry):
    match: list[Text] = []
    no_match: list[Text] = []


class Pattern(_Entry):
    """A regular expression (RE2 syntax, case-insensitive) that finds the claim reworded.

    ``stance`` says what a match means: ``asserts`` (the default) for wordings of the claim,
    ``agrees-with-evidence`` for wordings of its correction. A negation around the match
    flips it either way.
    """

    regex: Text
    stance: Stance = Stance.asserts
    examples: PatternExamples


class SlotKind(str, enum.Enum):
    rate = "rate"
    duration = "duration"


class SlotExamples(_Entry):
    match: list[Text] = []
    no_match: list[Text] = []
    correction: list[Text] = []


class Slot(_Entry):
    """What a claim says about a quantity (a share of people) or a time span, as a range.

    A sentence states the slot when it holds one of ``words`` and a value of the slot's kind
    in ``range``; a value in ``correction`` states the correction; a value in neither is not
    the claim (claimcheck.quantities).
    """

    kind: SlotKind
    range: Text
    words: list[Text] = Field(min_length=1)
    unless: list[Text] = []
    correction: Optional[Text] = None
    examples: SlotExamples = SlotExamples()


class Appearance(_Entry):
    document: Identifier
    quote: Text
    occurrence: Optional[int] = Field(default=None, ge=1, strict=True)


class Review(_Entry):
    """Who reviewed a claim's verdict against its sources, and when."""

    date: datetime.date
    by: Text
    next_review: Optional[datetime.date] = None
    note: Optional[Text] = None


class Claim(_Entry):
    id: Identifier
    claim: Text
    verdict: Verdict
    flags: list[Identifier] = []
    rationale: Text
    correction: Optional[Text] = None
    sources: list[Identifier] = []
    appearances: list[Appearance] = Field(default_factory=list, min_length=1)
    patterns: list[Pattern] = []
    slots: list[Slot] = []
    # What the claim is about, as a regular expression (e.g. 'ketamine|ketalar'). A pattern or
    # fuzzy match counts only in a sentence that names it, or refers to it ("it", "the drug")
    # in a document that names it: "Melatonin is not a controlled substance" is not this claim.
    subject: Optional[Text] = None
    # Words that carry the claim's point ("regrowth", "neurons"): a restatement found by
    # similarity (fuzzy, semantic) counts only in a sentence that holds one of them, so a
    # sentence sharing the claim's other words ("increased brain activity") is not the claim.
    key_words: list[Text] = []
    reviewed: Optional[Review] = None

    @property
    def is_draft(self) -> bool:
        return self.verdict.is_draft


class DraftClaim(Claim):
    """A claim with ``verdict: unreviewed``: everything but the claim and its appearances may wait."""

    rationale: Optional[Text] = None  # type: ignore[assignment]


class RegistryFile(_Entry):
    """The top-level shape of ``claims.yaml``; used for the JSON Schema."""

    schema_version: int
    flags: list[Flag] = []
    sources: list[Source] = []
    documents: list[Document] = []
    claims: list[Claim] = []


@dataclass(frozen=True)
class Registry:
    """A loaded registry: only the entries that validated, indexed by id."""

    path: str
    root: str
    flags: dict[str, Flag]
    sources: dict[str, Source]
    documents: dict[str, Document]
    claims: dict[str, Claim]
    # (claim id, appearance index) -> (line, column) of the quote in the registry file
    positions: dict = field(default_factory=dict, compare=False, repr=False)

    def severity_of(self, claim: Claim) -> Severity:
        """A claim is as severe as its most severe flag; a claim with no flags is info."""
        best = Severity.info
        for flag_id in claim.flags:
            flag = self.flags.get(flag_id)
            if flag and flag.severity.rank > best.rank:
                best = flag.severity
        return best

    def primary_flag(self, claim: Claim) -> str:
        ranked = sorted(
            (f for f in claim.flags if f in self.flags),
            key=lambda f: -self.flags[f].severity.rank,
        )
        return ranked[0] if ranked else f"verdict-{claim.verdict.value}"


@dataclass(frozen=True, order=True)
class Finding:
    """One thing to report, at a place in a file. Built once, rendered by every format."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    fix: Optional[str] = field(default=None, compare=False)
    match: Optional["ClaimMatch"] = field(default=None, compare=False)


@dataclass(frozen=True)
class ClaimMatch:
    """What an audit finding says about a registered claim found in a text."""

    claim_id: str
    kind: MatchKind
    confidence: float
    stance: Stance
    matched_text: str
    sentence: str
    start: int
    end: int
    sentence_start: int
    # The stance rule that decided (claimcheck.stance.RULES): why the passage asserts, reports
    # or refutes the claim.
    stance_rule: str = ""


@dataclass(frozen=True)
class DocumentReport:
    path: str
    document_id: Optional[str]
    title: Optional[str]
    findings: tuple[Finding, ...]
    chars: int = 0
    error: Optional[str] = None
    # The document's text, kept only when a format shows it (html); offsets in findings' matches point into it.
    text: Optional[str] = field(default=None, compare=False, repr=False)
    # (severity value, rule, count) of the findings an output cap left out (claimcheck.limits).
    omitted: tuple = ()

    @property
    def total(self) -> int:
        """How many findings the document has: those shown and those an output cap left out."""
        return len(self.findings) + sum(n for _, _, n in self.omitted)

    def rule_counts(self) -> dict[str, int]:
        """Findings per rule, those left out included."""
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
        for _, rule, n in self.omitted:
            counts[rule] = counts.get(rule, 0) + n
        return counts

    def count(self, severity: Severity) -> int:
        return (sum(1 for f in self.findings if f.severity is severity)
                + sum(n for s, _, n in self.omitted if s == severity.value))

    @property
    def rating(self) -> str:
        asserted = [f for f in self.findings if f.match is None or f.match.stance is Stance.asserts]
        # a finding left out that is an error or a warning asserts its claim (agreement is info)
        left_out = {s for s, _, n in self.omitted if n}
        if self.error:
            return "unreadable"
        if any(f.severity is Severity.error for f in asserted) or Severity.error.value in left_out:
            return "unreliable"
        if any(f.severity is Severity.warning for f in asserted) or Severity.warning.value in left_out:
            return "needs-review"
        return "no-known-problems"


@dataclass(frozen=True)
class Report:
    """The result of an audit (documents) or a lint (findings in the registry file)."""

    kind: str
    documents: tuple[DocumentReport, ...]
    registry: Optional[Registry] = None

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]
