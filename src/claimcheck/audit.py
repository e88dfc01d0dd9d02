"""Document + registry -> findings at the document's lines.

``Auditor.audit_text`` is a pure function of (registry, text): it can be pickled and sent
to worker processes or a Dask cluster; the compiled matchers are rebuilt once per worker.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from claimcheck.limits import DEFAULT_MAX_FINDINGS, DEFAULT_MAX_PER_CLAIM, cap, merged, omitted_counts
from claimcheck.match import Matcher, RawMatch
from claimcheck.model import (
    Claim,
    ClaimMatch,
    DocumentReport,
    Finding,
    MatchKind,
    Registry,
    Severity,
    Stance,
    Verdict,
)
from claimcheck.text import (
    InputError,
    LineIndex,
    Sentences,
    normalise,
    normalise_with_map,
    one_line,
    read_text,
)

KIND_ORDER = {MatchKind.exact: 0, MatchKind.pattern: 1, MatchKind.fuzzy: 2}

_NEGATION = re.compile(
    r"\b(?:not|no longer|never|neither|nor|without|cannot|lacks?|lacking|isn't|aren't|wasn't|weren't|hasn't|"
    r"haven't|hadn't|doesn't|don't|didn't|won't|can't|isnt|hasnt|doesnt|dont)\b|n't\b"
)
_REFUTATION = re.compile(
    r"\b(?:contrary to|myths?|misconceptions?|falsely|wrongly|incorrectly|mistakenly|(?:is|are|was) (?:false|wrong|untrue)|"
    r"is not true|isn't true|not the case|no evidence|debunk\w*|misinformation|despite (?:what|claims)|"
    r"some (?:clinics|sites|websites|ads) (?:claim|say|suggest)|is often said|are often told|fact[- ]check\w*)\b"
    r"|^\W*(?:claim|myth|false|rumou?r)\W*:"
)
_ANAPHOR = re.compile(
    r"\b(?:it|its|it's|itself|the (?:drug|medication|medicine|treatment|therapy|infusions?|anesthetic)|"
    r"this (?:drug|medication|medicine|treatment|therapy)|these (?:infusions|treatments))\b"
)
_CLAUSE_BREAK = re.compile(r"[;:]|\s-\s|-{2,}|,\s*(?:and|or|so|yet)\b|\b(?:but|however|whereas|while|although|though|only)\b")

SUGGEST_RULES = [
    ("statistic", re.compile(r"\d+(?:\.\d+)?\s?%|\b\d+\s+(?:out of|in)\s+\d+\b|\b\d[\d,]*\s+(?:patients|people|participants|subjects|adults|individuals|studies|trials)\b|\bpercent\b", re.I)),
    ("named study or institution", re.compile(r"\b(?:stud(?:y|ies)|trials?|research(?:ers)?|journal|universit(?:y|ies)|school of medicine|institutes?|published|meta-analys[ie]s|review|scientists|clinical)\b", re.I)),
    ("regulatory", re.compile(r"\b(?:FDA|DEA|approved|approval|controlled substance|schedule (?:i|ii|iii|iv|v)\b|scheduled|off-label|legal|illegal|prescription|licensed)\b", re.I)),
    ("absolute or superlative", re.compile(r"\b(?:cures?|cured|always|never|guaranteed?|proven|miracle|breakthrough|revolutionary|game-changer|lifesaver|100%|completely|safe|no side effects|best)\b", re.I)),
    ("call to action", re.compile(r"\b(?:contact us|contact|call (?:us|now|today)|schedule (?:a|your)|book (?:a|your|now)|free consultation|sign up|click here|provide us|subscribe|order now|buy)\b", re.I)),
    ("mechanism or effect", re.compile(r"\b(?:reduces?|increases?|reverses?|causes?|promotes?|restores?|rewires?|resets?|regrowth|grows?|treats?|relieves?|alleviates?|effective|efficacy)\b", re.I)),
]


@dataclass
class AuditOptions:
    fuzzy_threshold: Optional[float] = None
    kinds: tuple[MatchKind, ...] = (MatchKind.exact, MatchKind.pattern, MatchKind.fuzzy)
    suggest: bool = False
    fuzzy_on_registered: bool = False
    keep_text: bool = False  # put the document text in the report (for the html format)
    max_findings: int = DEFAULT_MAX_FINDINGS  # per document; 0: no cap (claimcheck.limits)
    max_per_claim: int = DEFAULT_MAX_PER_CLAIM  # per claim and document; 0: no cap


class Auditor:
    """Audits texts against one registry."""

    def __init__(self, registry: Registry, fuzzy_threshold: float | None = None,
                 kinds: tuple[MatchKind, ...] | None = None, suggest: bool = False, keep_text: bool = False,
                 max_findings: int = DEFAULT_MAX_FINDINGS, max_per_claim: int = DEFAULT_MAX_PER_CLAIM):
        self.registry = registry
        self.options = AuditOptions(fuzzy_threshold, tuple(kinds) if kinds else AuditOptions.kinds, suggest,
                                    keep_text=keep_text, max_findings=max_findings, max_per_claim=max_per_claim)
        self._matcher: Optional[Matcher] = None
        self._documents_by_path = {
            os.path.normcase(os.path.realpath(os.path.join(registry.root, d.path))): d.id
            for d in registry.documents.values()
        }

    def __getstate__(self):
        return {"registry": self.registry, "options": self.options, "_documents_by_path": self._documents_by_path}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._matcher = None

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.registry, self.options.fuzzy_threshold)
        return self._matcher

    def document_id_for(self, path: str) -> Optional[str]:
        try:
            if os.path.islink(path):
                real = os.path.realpath(path)
            else:  # a corpus has many files per folder: resolve each folder once
                folder, name = os.path.split(os.path.abspath(path))
                real = os.path.join(self._real_folder(folder), name)
            real = os.path.normcase(real)
        except (OSError, ValueError):
            return None
        return self._documents_by_path.get(real)

    def _real_folder(self, folder: str) -> str:
        cache = self.__dict__.setdefault("_real_folders", {})
        real = cache.get(folder)
        if real is None:
            if len(cache) > 4096:
                cache.clear()
            real = cache[folder] = os.path.realpath(folder)
        return real

    def audit_path(self, path: str, display: str | None = None) -> DocumentReport:
        display = display or path
        try:
            text = read_text(path)
        except InputError as exc:
            return DocumentReport(display, self.document_id_for(path), None, (), 0, error=exc.detail)
        return self.audit_text(text, display, self.document_id_for(path))

    def audit_text(self, text: str, path: str = "<text>", document_id: str | None = None,
                   html: bool | None = None) -> DocumentReport:
        """Audit one text. HTML (by name or content, or ``html=True``) is read without its markup,
        at the page's own lines and columns."""
        return self.audit_texts([(text, path, document_id, html)])[0]

    def audit_texts(self, items: list[tuple[str, str, Optional[str], Optional[bool]]]) -> list[DocumentReport]:
        """Audit several (text, path, document id, html) at once: the reports ``audit_text`` gives
        one by one, with one pass of the registry's automaton over all the texts (scanned one at
        a time between other work, a large automaton keeps falling out of the CPU's caches)."""
        from claimcheck.markup import html_to_text, looks_like_html

        prepared = []
        for text, path, document_id, html in items:
            lines = LineIndex(text)  # positions are always the input's own
            is_html = bool(html or (html is None and looks_like_html(text, path)))
            if is_html:
                text = html_to_text(text)
            prepared.append((text, path, document_id, lines, is_html, normalise_with_map(text)))
        kinds = self.options.kinds
        if MatchKind.exact in kinds or MatchKind.pattern in kinds:
            scans = self.matcher.scan_many([norm.text for *_, norm in prepared])
        else:
            scans = [([], [])] * len(prepared)
        return [self._report(*document, scan) for document, scan in zip(prepared, scans)]

    def _report(self, text: str, path: str, document_id: Optional[str], lines: LineIndex, is_html: bool,
                norm, scan) -> DocumentReport:
        sentence_of = Sentences(norm)
        kinds = self.options.kinds
        raw: list[RawMatch] = []
        exact, literal_hits = scan
        if MatchKind.exact in kinds:
            raw.extend(exact)
        if MatchKind.pattern in kinds:
            raw.extend(self.matcher.patterns(norm.text, sentence_of, literal_hits))
        # A registered document was reviewed sentence by sentence: its registry entries are the
        # review, and fuzzy guesses on top of them would only add noise.
        if MatchKind.fuzzy in kinds and (document_id is None or self.options.fuzzy_on_registered):
            covered = {(m.claim_id, sentence_of.start(m.start)) for m in raw}
            raw.extend(self.matcher.fuzzy(norm.text, sentence_of.all(), covered))

        findings, left_out, left_out_sentences = self._capped_findings(raw, norm, lines, sentence_of, path,
                                                                       document_id, is_html)

        if document_id is not None:
            findings.extend(self._stale_quotes(document_id, norm.text, raw))
        if self.options.suggest:
            matched = {sentence_of.start(norm.normalised_offset(f.match.start)) for f in findings if f.match}
            matched |= left_out_sentences
            findings.extend(self._suggestions(norm, lines, sentence_of.all(), matched, path))

        document = self.registry.documents.get(document_id) if document_id else None
        kept, omitted = cap(sorted(findings, key=_finding_order), self.options.max_findings)
        return DocumentReport(
            path=path,
            document_id=document_id,
            title=document.title if document else None,
            findings=kept,
            chars=len(text),
            text=text if self.options.keep_text else None,
            omitted=merged(omitted, omitted_counts(left_out)),
        )

    def _capped_findings(self, raw: list[RawMatch], norm, lines: LineIndex, sentence_of, path: str,
                         document_id: Optional[str], is_html: bool) -> tuple[list[Finding], Counter, set]:
        """The findings of the matches, in document order, within the caps; and the (severity,
        rule) counts of those left out, and where their sentences start. A finding past a cap is made (its stance decides its
        severity, so the counts stay exact) but not kept, and neither is its sentence's text.
        Matches come in document order, so a finding past twice the document cap could never be
        among the first ``max_findings`` findings: the final cap (with the other rules' findings)
        keeps the same findings as if none had been dropped here."""
        options = self.options
        per_claim: Counter = Counter()
        left_out: Counter = Counter()
        keep_at_most = 2 * options.max_findings if options.max_findings else 0
        originals: dict[tuple[int, int], tuple[int, str]] = {}  # a sentence's findings share its text
        findings = []
        left_out_sentences: set[int] = set()
        for m in _one_per_sentence(raw, sentence_of):
            full = (options.max_per_claim and per_claim[m.claim_id] >= options.max_per_claim) or \
                (keep_at_most and len(findings) >= keep_at_most)
            finding = self._finding(m, norm, lines, sentence_of, path, document_id, is_html, {} if full else originals)
            if finding is None:
                continue
            if full:
                left_out[(finding.severity.value, finding.rule)] += 1
                left_out_sentences.add(sentence_of.start(m.start))
            else:
                per_claim[m.claim_id] += 1
                findings.append(finding)
        return findings, left_out, left_out_sentences

    def _finding(self, m: RawMatch, norm, lines: LineIndex, sentence_of, path: str,
                 document_id: Optional[str], is_html: bool, originals: dict) -> Optional[Finding]:
        claim = self.registry.claims[m.claim_id]
        sentence_start, sentence_end = sentence_of.span(m.start)
        sentence = norm.text[sentence_start:sentence_end]
        if document_id is not None and document_id in m.registered_in:
            stance = Stance.asserts  # the curator registered this very appearance
        elif m.kind is not MatchKind.exact and not self._about_subject(claim, sentence, norm.text):
            return None
        elif m.kind is not MatchKind.exact and sentence.rstrip(" \"')*").endswith("?"):
            return None  # a question asserts nothing
        else:
            stance = stance_of(claim, sentence, m.start - sentence_start, m.end - sentence_start, m.kind,
                               m.side, m.reference)
        if stance is None:
            return None
        start = norm.original_start(m.start)
        end = norm.original_end(m.end)
        original = originals.get((sentence_start, sentence_end))
        if original is None:  # the sentence's first finding: its original text, for all of them
            original_sentence_start = norm.original_start(sentence_start)
            original = originals[(sentence_start, sentence_end)] = (
                original_sentence_start, norm.original[original_sentence_start:norm.original_end(sentence_end)])
        original_sentence_start, original_sentence = original
        line, column = lines.position(start)
        end_line, end_column = lines.position(max(start, end - 1))
        matched_text = norm.original[start:end]
        if is_html:  # the zero-width padding that stands in for entities is ours, not the page's
            prefix = original_sentence[: start - original_sentence_start].replace("\u200b", "")
            matched_text = matched_text.replace("\u200b", "")
            original_sentence = original_sentence.replace("\u200b", "")
            original_sentence_start = start - len(prefix)  # keeps start - sentence_start right for display
        match = ClaimMatch(
            claim_id=claim.id,
            kind=m.kind,
            confidence=m.confidence,
            stance=stance,
            matched_text=matched_text,
            sentence=original_sentence,
            start=start,
            end=end,
            sentence_start=original_sentence_start,
        )
        severity, rule, message, fix = self._reported_as(claim, stance)
        return Finding(path, line, column, rule, severity, message, end_line, end_column + 1, fix, match)

    def _reported_as(self, claim: Claim, stance: Stance) -> tuple:
        """(severity, rule, message, fix) of a finding of ``claim`` with ``stance``: the same for
        every finding of the claim, so made once per auditor."""
        cache = self.__dict__.setdefault("_reported", {})
        key = (claim.id, stance)
        found = cache.get(key)
        if found is None:
            if stance is Stance.asserts:
                found = (self.registry.severity_of(claim), self.registry.primary_flag(claim),
                         f"{claim.verdict.value}: {claim.claim}", claim.correction)
            else:
                found = (Severity.info, "agrees-with-evidence",
                         f"states the correction of claim '{claim.id}' ({claim.verdict.value}: {claim.claim})", None)
            cache[key] = found
        return found

    def _about_subject(self, claim: Claim, sentence: str, document: str) -> bool:
        if not claim.subject:
            return True
        subject = self._subject_pattern(claim.subject)
        if subject is None:  # invalid (lint says so; the CLI refuses such a registry): about nothing
            return False
        if subject.search(sentence):
            return True
        return bool(_ANAPHOR.search(sentence)) and subject.search(document) is not None

    def _subject_pattern(self, regex: str):
        cache = self.__dict__.setdefault("_subjects", {})
        if regex not in cache:
            from claimcheck.match import compile_subject

            try:
                cache[regex] = compile_subject(regex)
            except ValueError:
                cache[regex] = None
        return cache[regex]

    def _stale_quotes(self, document_id: str, text: str, raw: list[RawMatch]) -> list[Finding]:
        """Registered quotes of this document that are no longer in it."""
        found = {(m.claim_id, m.start) for m in raw if m.kind is MatchKind.exact}
        found_claims = {claim_id for claim_id, _ in found}
        stale = []
        for claim, index, appearance, quote in self._appearances_in(document_id):
            if claim.id in found_claims and quote in text:
                continue
            if quote and quote in text:
                continue
            line, column = self.registry_position(claim.id, index)
            stale.append(Finding(
                self.registry.path, line, column, "stale-quote", Severity.error,
                f"quote of claim '{claim.id}' is not in document '{document_id}': "
                f"\"{one_line(appearance.quote, 80)}\"",
                fix="update the quote to the document's current wording, or remove the appearance"))
        return stale

    def _appearances_in(self, document_id: str) -> list:
        """(claim, appearance index, appearance, normalised quote) registered in a document, in
        registry order; indexed once per Auditor (not per document: a registry can hold 10,000 claims)."""
        by_document = self.__dict__.get("_appearances")
        if by_document is None:
            by_document = {}
            for claim in self.registry.claims.values():
                for index, appearance in enumerate(claim.appearances):
                    by_document.setdefault(appearance.document, []).append(
                        (claim, index, appearance, normalise(appearance.quote).strip()))
            self._appearances = by_document
        return by_document.get(document_id, [])

    def registry_position(self, claim_id: str, appearance_index: int) -> tuple[int, int]:
        positions = getattr(self.registry, "positions", None) or {}
        return positions.get((claim_id, appearance_index), (1, 1))

    def _suggestions(self, norm, lines: LineIndex, spans, matched: set[int], path: str) -> list[Finding]:
        out = []
        for start, end in spans:
            if start in matched:
                continue
            sentence = norm.original[norm.original_start(start):norm.original_end(end)]
            if len(sentence.split()) < 4:
                continue
            reasons = [name for name, rx in SUGGEST_RULES if rx.search(sentence)]
            if not reasons or reasons == ["mechanism or effect"] and len(sentence) < 40:
                continue
            line, column = lines.position(norm.original_start(start))
            out.append(Finding(path, line, column, "unregistered-claim", Severity.info,
                               f"check-worthy ({', '.join(reasons)}): \"{one_line(sentence, 100)}\"",
                               fix="register it in claims.yaml if it needs a verdict"))
        return out


def stance_of(claim: Claim, sentence: str, start: int, end: int, kind: MatchKind,
              side: Stance = Stance.asserts, reference: str = "") -> Optional[Stance]:
    """Does the sentence assert the claim, or state the evidence against it?

    ``start``/``end`` locate the match in the (normalised) sentence; ``side`` is what the
    matched text states (a pattern or fuzzy text can be a wording of the correction), and
    ``reference`` the registered text it was matched against. An exact quote flips only when
    a negation stands just before it in its clause ("is *not* approved by the FDA for ...");
    a pattern or fuzzy match flips when the negation parity of its clause differs from its
    reference's. Refutation cues ("contrary to", "a myth") turn an assertion into agreement
    with the evidence. Returns None when a sentence contradicts a claim that is not wrong:
    reporting it as that claim would mislead.
    """
    if claim.verdict is Verdict.not_a_claim:
        return Stance.asserts
    if kind is MatchKind.exact:
        lead = _clause_before(sentence, start)
        flipped = bool(_NEGATION.search(" ".join(lead.split()[-4:])))
    else:
        if not reference:
            reference = normalise(claim.claim) if side is Stance.asserts else normalise(claim.correction or "")
        clause = _clause_around(sentence, start, end)
        # a correction is worded freely ("only as an anesthetic" / "not for depression"):
        # negation parity says nothing there, so only wordings of the claim flip
        flipped = side is Stance.asserts and (_negations(reference) % 2) != (_negations(clause) % 2)
    asserts = (side is Stance.asserts) != flipped
    if asserts and _refuted(sentence):
        asserts = False
    if asserts:
        return Stance.asserts
    if claim.verdict in (Verdict.false, Verdict.misleading, Verdict.unsupported, Verdict.mixed) or \
            (claim.correction and side is Stance.agrees_with_evidence):
        return Stance.agrees_with_evidence
    return None


def _one_per_sentence(raw: list[RawMatch], sentence_of) -> list[RawMatch]:
    """One match per claim and sentence: exact beats pattern beats fuzzy; exact spans merge."""
    best: dict[tuple[str, int], RawMatch] = {}
    for m in raw:
        key = (m.claim_id, sentence_of.start(m.start))
        current = best.get(key)
        if current is None:
            best[key] = m
        elif current.kind is MatchKind.exact and m.kind is MatchKind.exact:
            best[key] = RawMatch(m.claim_id, MatchKind.exact, min(current.start, m.start), max(current.end, m.end),
                                 1.0, current.registered_in | m.registered_in)
        elif (KIND_ORDER[m.kind], -m.confidence) < (KIND_ORDER[current.kind], -current.confidence):
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.start, m.claim_id))


_CONTRASTIVE = re.compile(
    r",\s*(?:but\s+)?not\b|\bnot\s+(?:only|just|merely|simply|all|every\w*|always|necessarily|magic)\b"
    r"|\b(?:who|whom|whose)\b[^,;]*"  # a relative clause's negation is not the claim's
)


def _negations(text: str) -> int:
    """Negations that deny the clause (a contrastive "..., not weeks" or "not only" does not)."""
    return len(_NEGATION.findall(_CONTRASTIVE.sub(" ", text)))


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds [start, end) (split at ';', ', and', 'but', ...)."""
    left, right = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return sentence[left:right]


def _clause_before(sentence: str, start: int) -> str:
    """The clause's text before ``start`` (what ``_clause_around(sentence, start, start)`` holds
    before it, found in one pass that stops at ``start``)."""
    return sentence[_clause_start(sentence, start):start]


def _clause_start(sentence: str, start: int) -> int:
    """The end of the last clause break that ends at or before ``start`` (0 if none)."""
    ends = _clause_break_ends(sentence)
    i = bisect.bisect_right(ends, start)
    return ends[i - 1] if i else 0


# A sentence's facts, asked once per claim found in it (several claims often share a sentence,
# and a corpus repeats its boilerplate sentences): remembered for the sentences seen last.
@functools.lru_cache(maxsize=4096)
def _refuted(sentence: str) -> bool:
    return _REFUTATION.search(sentence) is not None


@functools.lru_cache(maxsize=4096)
def _clause_break_ends(sentence: str) -> tuple[int, ...]:
    """Where each clause break of ``sentence`` ends, in order (non-overlapping, as finditer finds them)."""
    return tuple(m.end() for m in _CLAUSE_BREAK.finditer(sentence))


def _finding_order(finding: Finding) -> tuple:
    """The order Finding's own comparison gives (path, line, column, rule), cheaper to compute."""
    return (finding.path, finding.line, finding.column, finding.rule)
