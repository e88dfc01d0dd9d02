"""Document + registry -> findings at the document's lines.

``Auditor.audit_text`` is a pure function of (registry, text): it can be pickled and sent
to worker processes or a Dask cluster; the compiled matchers are rebuilt once per worker.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from claimcheck.limits import DEFAULT_MAX_FINDINGS, DEFAULT_MAX_PER_CLAIM, cap, merged, omitted_counts
from claimcheck.match import Matcher, RawMatch
from claimcheck.memory import check as check_memory
from claimcheck.matching.topic import (
    SENTENCE_END,
    SENTENCE_TREATMENT,
    claim_needs_condition,
    context_is_about_subject,
    dominant,
    first_treatment,
    names_condition,
)
from claimcheck.model import (
    Claim,
    ClaimMatch,
    DocumentReport,
    Finding,
    MatchKind,
    Registry,
    Severity,
    Stance,
)
from claimcheck.stance import Context, Decision, corrected_later, decide, named_again, quoted_span, refuted_elsewhere
from claimcheck.text import (
    InputError,
    LineIndex,
    Sentences,
    normalise,
    normalise_with_map,
    one_line,
    read_text,
)

KIND_ORDER = {MatchKind.exact: 0, MatchKind.pattern: 1, MatchKind.value: 2, MatchKind.fuzzy: 3, MatchKind.semantic: 4}

_ANAPHOR = re.compile(
    r"\b(?:it|its|it's|itself|the (?:drug|medication|medicine|treatment|therapy|infusions?|anesthetic)|"
    r"this (?:drug|medication|medicine|treatment|therapy)|these (?:infusions|treatments))\b"
)
# A value or pattern match in a sentence that names no subject counts when the text just before
# it does (a clinic's FAQ names ketamine once per answer: "Three out of four of our patients
# improve."), unless the sentence names another treatment.
CONTEXT_CHARS = 400
TOPIC_REACH = 700  # how far back the sentences go that say which treatment a passage is about
TOPIC_MENTIONS = 3  # ... in a document about the subject (this many mentions, or one near its start)
TOPIC_START = 300
CONTEXT_KINDS = frozenset({MatchKind.value, MatchKind.pattern, MatchKind.semantic})
_SIMILARITY_KINDS = frozenset({MatchKind.fuzzy, MatchKind.semantic})
# Another treatment named as a foil ("unlike SSRIs, which take weeks, ...", "faster than
# antidepressants") leaves the sentence about the subject.
_FOIL = re.compile(
    r"\b(?:unlike|compared\s+(?:with|to)|in\s+contrast\s+to|as\s+opposed\s+to|rather\s+than|instead\s+of|"
    r"than|versus|vs\.?|not\s+like|while|whereas|no|only|(?:differently|different)\s+from)\s+(?:(?:the|a|an|most|many|standard|traditional|"
    r"conventional|oral|older|typical|other|daily|with)\s+){0,3}$")


def _names_other_treatment(sentence: str) -> bool:
    """Does the sentence name another treatment, other than as a foil for the subject?"""
    return any(not _FOIL.search(sentence[max(0, m.start() - 60):m.start()])
               for m in SENTENCE_TREATMENT.finditer(sentence))
_OTHER_DRUG = re.compile(  # what "it" may stand for instead of the subject
    r"\b(?:esketamine|spravato|electroconvulsive|ect|tms|psilocybin|mdma|lithium|melatonin|cannabis|"
    r"zuranolone|cpap|nitrous)\b")


# The raw-text prescan (claimcheck.matching.prescan) is asked of the first PRESCAN_TRIAL
# unregistered documents; where it found a candidate in more than PRESCAN_GIVE_UP of them (a
# corpus about the registry's subject, or fuzzy matching on text that shares its vocabulary),
# every document goes straight to the pipeline.
PRESCAN_TRIAL = 200
PRESCAN_GIVE_UP = 0.9

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _finditer(compiled, text: str):
    """finditer for a re or an RE2 pattern."""
    return compiled.finditer(text)


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
    kinds: tuple[MatchKind, ...] = (MatchKind.exact, MatchKind.pattern, MatchKind.value, MatchKind.fuzzy)
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
        from claimcheck.markup import html_to_text, looks_like_html, looks_like_markdown, markdown_to_text

        prescan = self.prescan
        reports: list[Optional[DocumentReport]] = []
        prepared = []
        for text, path, document_id, html in items:
            is_html = bool(html or (html is None and looks_like_html(text, path)))
            if prescan is not None and document_id is None:
                candidate = prescan.candidate(text, is_html, plain=not is_html and not looks_like_markdown(path))
                prescan = self._prescan_still_pays(candidate)
                if not candidate:
                    reports.append(self._no_findings(text, path))  # what the pipeline would give it
                    continue
            reports.append(None)
            check_memory()
            lines = LineIndex(text)  # positions are always the input's own
            breaks: list[int] = []
            headings: list[tuple[int, int, int]] = []
            columns: list[tuple[int, int, int, int]] = []  # table cells under a column heading
            shown = text  # what the html format shows: a page's text, a Markdown file's own source
            quotes = _block_quotes(text, is_html, not is_html and looks_like_markdown(path))
            if is_html:
                text = shown = html_to_text(text, headings=headings, columns=columns)
            elif looks_like_markdown(path):  # a registered document's quotes may hold inline markup
                text, breaks = markdown_to_text(text, inline=document_id is None, headings=headings,
                                                columns=columns)
            prepared.append((shown, path, document_id, lines, is_html, breaks, (headings, columns), quotes,
                             normalise_with_map(text)))
        kinds = self.options.kinds
        if MatchKind.exact in kinds or MatchKind.pattern in kinds:
            scans = self.matcher.scan_many([norm.text for *_, norm in prepared])
        else:
            scans = [([], [])] * len(prepared)
        made = (self._report(*document, scan) for document, scan in zip(prepared, scans))
        return [report if report is not None else next(made) for report in reports]

    @property
    def prescan(self):
        """The raw-text prescan for these options (claimcheck.matching.prescan), or None where
        every document needs the whole pipeline (suggestions, or the text kept for the report)."""
        if "_prescan" not in self.__dict__:
            from claimcheck.matching.prescan import Prescan

            options = self.options
            prescan = None
            if not options.suggest and not options.keep_text:
                prescan = Prescan(self.matcher, options.kinds)
                if prescan.always:
                    prescan = None
            self.__dict__["_prescan"] = prescan
        return self.__dict__["_prescan"]

    def _prescan_still_pays(self, candidate: bool):
        """The prescan, counted one more answer; None from then on when it has found a candidate
        in nearly every document so far (PRESCAN_TRIAL of them): asking costs more than it saves
        there, and the reports are the same either way."""
        asked, candidates = self.__dict__.get("_prescan_counts", (0, 0))
        asked, candidates = asked + 1, candidates + candidate
        self.__dict__["_prescan_counts"] = (asked, candidates)
        if asked >= PRESCAN_TRIAL and candidates > PRESCAN_GIVE_UP * asked:
            self.__dict__["_prescan"] = None
        return self.__dict__["_prescan"]

    def _no_findings(self, text: str, path: str) -> DocumentReport:
        """The report of an unregistered document the prescan found no candidate in."""
        kept, omitted = cap([], self.options.max_findings)
        return DocumentReport(path=path, document_id=None, title=None, findings=kept, chars=len(text), text=None,
                              omitted=merged(omitted, omitted_counts(Counter())))

    def _report(self, text: str, path: str, document_id: Optional[str], lines: LineIndex, is_html: bool,
                breaks: list[int], headings: tuple[list, list], quotes: list[tuple[int, int]], norm,
                scan) -> DocumentReport:
        from claimcheck.markup import looks_like_markdown

        # plain text (not a page, not Markdown) may put one sentence on each line (a forum thread)
        sentence_of = Sentences(norm, breaks, lines=not is_html and not looks_like_markdown(path))
        sections = _Sections(norm, *headings)
        kinds = self.options.kinds
        raw: list[RawMatch] = []
        exact, literal_hits = scan
        if MatchKind.exact in kinds:
            raw.extend(exact)
        if MatchKind.pattern in kinds:
            raw.extend(self.matcher.patterns(norm.text, sentence_of, literal_hits))
        # a claim with a subject is matched by value or similarity only in a text that names it
        # (_about_subject): a text that names no subject is read for the other claims only
        subject_free_only = ((MatchKind.value in kinds or MatchKind.fuzzy in kinds) and MatchKind.semantic not in kinds
                             and not self._names_a_subject(norm.text))  # not asked by an exact + pattern audit
        if MatchKind.value in kinds and (document_id is None or self.options.fuzzy_on_registered):
            values, other_value = self.matcher.values(norm.text, sentence_of, subject_free_only)
            # a sentence giving another value than the claim's (fewer than half respond) is not the
            # claim; a match that states the correction ("response rates vary between studies,
            # from 30 to 70%") stands: the other value is part of the correction
            if other_value:
                raw = [m for m in raw if m.kind is MatchKind.exact or m.side is not Stance.asserts
                       or (m.claim_id, sentence_of.start(m.start)) not in other_value]
            raw.extend(values)
        else:
            other_value = set()
        # A registered document was reviewed sentence by sentence: its registry entries are the
        # review, and fuzzy guesses on top of them would only add noise.
        if MatchKind.fuzzy in kinds and (document_id is None or self.options.fuzzy_on_registered):
            covered = {(m.claim_id, sentence_of.start(m.start)) for m in raw} | other_value
            raw.extend(self.matcher.fuzzy(norm.text, sentence_of, covered, subject_free_only))
        if MatchKind.semantic in kinds and (document_id is None or self.options.fuzzy_on_registered):
            taken = {sentence_of.start(m.start) for m in raw} | {start for _, start in other_value}
            raw.extend(self.matcher.semantic(norm.text, sentence_of.all(), taken))

        # a restatement found by similarity whose values say something else, or a restatement of
        # the claim (not of its correction) without any word carrying its point (key_words), is
        # not the claim
        raw = [m for m in raw if m.kind not in _SIMILARITY_KINDS or not self._not_the_claim(
            m, norm.text[slice(*sentence_of.span(m.start))])]
        claimed = {sentence_of.start(m.start) for m in raw}  # sentences that hold a claim
        decided = []
        for candidates in _per_sentence(raw, sentence_of):
            # the best match of a claim in a sentence decides; when it is not the claim there
            # (its clause negates an accurate claim), the next kind may be ("Ketamine is not a
            # cure, but most patients feel better within hours": the value's clause asserts)
            for m in candidates:
                d = self._decide(m, norm, sentence_of, document_id, claimed, sections,
                                 bool(quotes) and _inside(quotes, norm.original_start(m.start)))
                if d is not None:
                    decided.append((m, d))
                    break
        decided = _corrections_after_reports(_weaker_than_a_correction(decided, sentence_of), sentence_of, sections)
        findings, left_out, left_out_sentences = self._capped_findings(decided, norm, lines, sentence_of, path,
                                                                       is_html)

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

    def _capped_findings(self, decided: list[tuple[RawMatch, Decision]], norm, lines: LineIndex, sentence_of,
                         path: str, is_html: bool) -> tuple[list[Finding], Counter, set]:
        """The findings of the decided matches, in document order, within the caps; and the
        (severity, rule) counts of those left out, and where their sentences start. A finding past
        a cap is graded (its stance decides its severity, so the counts stay exact) but not made,
        and its sentence's text is not kept. Matches come in document order, so a finding past
        twice the document cap could never be among the first ``max_findings`` findings: the final
        cap (with the other rules' findings) keeps the same findings as if none had been dropped here."""
        options = self.options
        per_claim: Counter = Counter()
        left_out: Counter = Counter()
        keep_at_most = 2 * options.max_findings if options.max_findings else 0
        originals: dict[tuple[int, int], tuple[int, str]] = {}  # a sentence's findings share its text
        findings = []
        left_out_sentences: set[int] = set()
        for m, decision in decided:
            if (options.max_per_claim and per_claim[m.claim_id] >= options.max_per_claim) or \
                    (keep_at_most and len(findings) >= keep_at_most):
                severity, rule, _, _ = self._graded(m, decision)
                left_out[(severity.value, rule)] += 1
                left_out_sentences.add(sentence_of.start(m.start))
            else:
                per_claim[m.claim_id] += 1
                findings.append(self._finding(m, decision, norm, lines, sentence_of, path, is_html, originals))
        return findings, left_out, left_out_sentences

    def _not_the_claim(self, m: RawMatch, sentence: str) -> bool:
        """A similarity match whose values contradict the claim, or a restatement of the claim
        (not of its correction) without any of its key words."""
        return self.matcher.contradicts(m.claim_id, sentence) or (
            m.side is Stance.asserts and self.matcher.misses_key_words(m.claim_id, sentence))

    def _decide(self, m: RawMatch, norm, sentence_of, document_id: Optional[str],
                claimed: frozenset | set = frozenset(), sections: Optional["_Sections"] = None,
                block_quote: bool = False) -> Optional[Decision]:
        """The stance of the match's passage (claimcheck.stance), or None when it is not the claim."""
        claim = self.registry.claims[m.claim_id]
        if document_id is not None and document_id in m.registered_in:
            return Decision(Stance.asserts, "registered")  # the curator registered this very appearance
        sentence_start, sentence_end = sentence_of.span(m.start)
        sentence = norm.text[sentence_start:sentence_end]
        quote = quoted_span(sentence, m.start - sentence_start, m.end - sentence_start)
        # a quoted statement ("melatonin is not a controlled substance") is about what it names;
        # a quoted fragment (ketamine is "not controlled") about what the sentence names
        statement = quote is not None and len(sentence[quote[0]:m.start - sentence_start].split()) >= 2
        about = sentence[quote[0]:quote[1]] if statement else sentence
        context = norm.text[max(0, sentence_start - CONTEXT_CHARS):sentence_start] if not statement else ""
        if m.kind is not MatchKind.exact and not self._about_subject(
                claim, about, norm.text, context, m.kind in CONTEXT_KINDS,
                (lambda: self._sentences_before(norm.text, sentence_of, sentence_start)) if context else None):
            return None
        if m.kind is not MatchKind.exact and not self._condition_named(claim, norm.text):
            return None  # a claim about depression on a page that never names it (a pain clinic's rates)
        if m.kind is not MatchKind.exact and sentence.rstrip(" \"')*").endswith("?"):
            return None  # a question asserts nothing
        earlier, later = sentence_of.around(m.start)

        def passage():  # asked only for a report that nothing nearer answers
            before, after = sentence_of.passage(m.start)
            return (tuple((norm.text[a:b], a in claimed) for a, b in before),
                    tuple((norm.text[a:b], a in claimed) for a, b in after))

        context = Context(tuple(norm.text[a:b] for a, b in earlier), tuple(norm.text[a:b] for a, b in later),
                          tuple(a in claimed for a, _ in earlier), tuple(a in claimed for a, _ in later),
                          sections.around(m.start) if sections else (), bool(block_quote), passage)
        start, end = m.focus or (m.start, m.end)
        return decide(claim, sentence, start - sentence_start, end - sentence_start, m.kind,
                      m.side, m.reference, context)

    def _finding(self, m: RawMatch, decision: Decision, norm, lines: LineIndex, sentence_of, path: str,
                 is_html: bool, originals: dict) -> Finding:
        claim = self.registry.claims[m.claim_id]
        stance = decision.stance
        sentence_start, sentence_end = sentence_of.span(m.start)
        # a pattern may take the character before its first word ("(?:^|[^-\w])fda"): the
        # finding starts at the word
        trim = len(norm.text[m.start:m.end]) - len(norm.text[m.start:m.end].lstrip(" "))
        start = norm.original_start(m.start + trim if trim < m.end - m.start else m.start)
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
            stance_rule=decision.rule,
        )
        severity, rule, message, fix = self._graded(m, decision)
        return Finding(path, line, column, rule, severity, message, end_line, end_column + 1, fix, match)

    def _graded(self, m: RawMatch, decision: Decision) -> tuple:
        """(severity, rule, message, fix) of the finding of ``m`` with ``decision``."""
        claim = self.registry.claims[m.claim_id]
        severity, rule, message, fix = self._reported_as(claim, decision)
        if m.kind is MatchKind.semantic:  # a guess by meaning: never louder than a warning
            if severity is Severity.error:
                severity = Severity.warning
            message = f"possible restatement of claim {claim.id} (similarity {m.confidence:.2f}): review. {message}"
        return severity, rule, message, fix

    def _reported_as(self, claim: Claim, decision: Decision) -> tuple:
        """(severity, rule, message, fix) of a finding of ``claim`` with ``decision``'s stance and
        voice: the same for every such finding of the claim, so made once per auditor.

        A claim the text reports and refutes is ``reports-claim``, severity info. A wrong claim
        the text attributes to someone else without refuting it is ``reports-claim``, severity
        warning: the text does not assert it, but passes it on to its readers uncorrected."""
        cache = self.__dict__.setdefault("_reported", {})
        key = (claim.id, decision.stance, decision.voice, decision.refuted)
        found = cache.get(key)
        if found is None:
            rated = f"{claim.verdict.value}: {claim.claim}"
            if claim.is_draft:  # found, but not yet reviewed: no verdict to report
                found = (Severity.info, "unreviewed-claim", f"not yet reviewed: {claim.claim}", None)
            elif decision.refuted:
                found = (Severity.info, "reports-claim",
                         f"{'asks about' if decision.voice == 'asked' else 'reports'} claim '{claim.id}' "
                         f"and refutes it ({rated})", None)
            elif decision.stance is Stance.agrees_with_evidence:
                found = (Severity.info, "agrees-with-evidence",
                         f"states the correction of claim '{claim.id}' ({rated})", None)
            elif decision.voice == "asked":
                found = (Severity.info, "reports-claim",
                         f"asks whether claim '{claim.id}' holds, without answering it ({rated})", None)
            elif decision.voice == "reported":
                wrong = self.registry.severity_of(claim) is not Severity.info
                found = (Severity.warning if wrong else Severity.info, "reports-claim",
                         f"reports claim '{claim.id}' without refuting it ({rated})",
                         f"say that it is {claim.verdict.value} and why: {claim.correction}"
                         if wrong and claim.correction else None)
            else:
                found = (self.registry.severity_of(claim), self.registry.primary_flag(claim), rated,
                         claim.correction)
            cache[key] = found
        return found

    @staticmethod
    def _sentences_before(text: str, sentence_of, sentence_start: int) -> list[str]:
        """The sentences before the one starting at ``sentence_start`` (nearest first) that reach
        into the TOPIC_REACH characters before it, as the audit splits them (headings and list items
        apart), each with whether it lies in the same paragraph."""
        found = []
        paragraph = sentence_of.block_of(sentence_start)
        position = sentence_start - 1
        while position >= 0 and len(found) < 12:
            a, b = sentence_of.span(position)
            if b <= sentence_start - TOPIC_REACH or a > position:
                break
            found.append((text[a:b], sentence_of.block_of(a) == paragraph))
            position = a - 1
        return found

    def _about_subject(self, claim: Claim, sentence: str, document: str, context: str = "",
                       follows: bool = False, before=None) -> bool:
        """Does the sentence name the claim's subject, refer to it ("it", "the drug") in a document
        that names it, or (``follows``: value and pattern matches) follow a passage that names it
        (``context``: the text just before it), without naming another treatment itself? "It"
        after another drug was named (esketamine, a nasal spray) is that drug. ``before``: a
        function giving the sentences of ``context`` as ``_sentences_before`` does (split from
        the context when not given)."""
        if not claim.subject:
            return True
        subject = self._subject_pattern(claim.subject)
        if subject is None:  # invalid (lint says so; the CLI refuses such a registry): about nothing
            return False
        if subject.search(sentence):
            return True
        anaphor = _ANAPHOR.search(sentence)
        if anaphor and subject.search(document) is not None:
            # "it" after another treatment in its own sentence is that treatment ("70% respond
            # to electroconvulsive therapy, making it ...")
            if _names_other_treatment(sentence[:anaphor.start()]):
                return False
            # "it" is what the sentence before is about (named first there: "Esketamine is the
            # S-enantiomer of ketamine. It works ..."), else the drug named last
            before = before() if before is not None else [(x, True) for x in SENTENCE_END.split(context.rstrip())[::-1]]
            first = first_treatment(before[0][0], subject, first=True) if before else None
            if first is not None:
                return first
            last_subject = max((m.end() for m in _finditer(subject, context)), default=-1)
            last_other = max((m.end() for m in _OTHER_DRUG.finditer(context)), default=-1)
            if last_subject < 0:  # nothing before names it: the document's topic, if it is one
                return self._topic_of(subject, document)
            return last_other <= last_subject
        if not follows or not self._topic_of(subject, document) or _names_other_treatment(sentence):
            return False
        before = before() if before is not None else [(x, True) for x in SENTENCE_END.split(context.rstrip())[::-1]]
        about = context_is_about_subject(before, subject)
        if about is None:  # another treatment, in an earlier paragraph: the page's own topic may be back
            about = self._dominant(subject, document)
        return about

    def _names_a_subject(self, document: str) -> bool:
        """Does the document name the subject of any claim (an invalid subject names nothing)?"""
        subjects = self.__dict__.get("_all_subjects")
        if subjects is None:
            regexes = {claim.subject for claim in self.registry.claims.values() if claim.subject}
            subjects = self.__dict__["_all_subjects"] = [
                compiled for compiled in map(self._subject_pattern, sorted(regexes)) if compiled is not None]
        return any(subject.search(document) is not None for subject in subjects)

    def _dominant(self, subject, document: str) -> bool:
        """Does the document name the subject at least as often as any other treatment?"""
        cache = self._document_cache(document)
        key = ("dominant", id(subject))
        if key not in cache:
            cache[key] = dominant(document, subject)
        return cache[key]

    def _condition_named(self, claim: Claim, document: str) -> bool:
        """Does the document name the condition the claim is about (claimcheck.matching.topic)?"""
        needs = self.__dict__.setdefault("_needs_condition", {})
        if claim.id not in needs:
            needs[claim.id] = claim_needs_condition(claim.claim)
        if not needs[claim.id]:
            return True
        cache = self._document_cache(document)
        if "condition" not in cache:
            cache["condition"] = names_condition(document)
        return cache["condition"]

    def _document_cache(self, document: str) -> dict:
        """Answers about the document being audited (its topic, dominant treatment, condition).
        The document is held, not its id(): a later document at a freed one's address must not
        get its answers (that made findings depend on memory layout, and -j2 runs differ)."""
        held = self.__dict__.get("_document_answers")
        if held is None or held[0] is not document:
            held = self.__dict__["_document_answers"] = (document, {})
        return held[1]

    def _topic_of(self, subject, document: str) -> bool:
        """Is the document about the subject: named near its start (a title, a first heading) or
        at least TOPIC_MENTIONS times? A page about migraines that names ketamine once is not."""
        cache = self._document_cache(document)
        key = ("topic", id(subject))  # subjects are compiled once and kept (_subject_pattern)
        if key not in cache:
            mentions = 0
            for _ in _finditer(subject, document):
                mentions += 1
                if mentions >= TOPIC_MENTIONS:
                    break
            cache[key] = mentions >= TOPIC_MENTIONS or subject.search(document[:TOPIC_START]) is not None
        return cache[key]

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
        for start, sentence, reasons in check_worthy(norm, spans, matched):
            line, column = lines.position(start)
            out.append(Finding(path, line, column, "unregistered-claim", Severity.info,
                               f"check-worthy ({', '.join(reasons)}): \"{one_line(sentence, 100)}\"",
                               fix="register it in claims.yaml if it needs a verdict"))
        return out


def check_worthy(norm, spans, matched: set[int]):
    """(original start, original sentence, reasons) of each check-worthy sentence among ``spans``
    (normalised offsets) whose start is not in ``matched``: what ``audit --suggest`` lists."""
    for start, end in spans:
        if start in matched:
            continue
        sentence = norm.original[norm.original_start(start):norm.original_end(end)]
        if len(sentence.split()) < 4:
            continue
        reasons = [name for name, rx in SUGGEST_RULES if rx.search(sentence)]
        if not reasons or reasons == ["mechanism or effect"] and len(sentence) < 40:
            continue
        yield norm.original_start(start), sentence, reasons


def _per_sentence(raw: list[RawMatch], sentence_of) -> list[list[RawMatch]]:
    """The matches of each claim and sentence, best first (exact, pattern, value, fuzzy,
    semantic; exact spans merged), in document order of the best."""
    best = {(m.claim_id, sentence_of.start(m.start)): m for m in _one_per_sentence(raw, sentence_of)}
    others: dict[tuple[str, int], list[RawMatch]] = {}
    for m in raw:
        key = (m.claim_id, sentence_of.start(m.start))
        if m.kind is not MatchKind.exact and m is not best[key]:
            others.setdefault(key, []).append(m)
    out = []
    for key, first in sorted(best.items(), key=lambda item: (item[1].start, item[1].claim_id)):
        rest = sorted(others.get(key, ()), key=lambda m: (KIND_ORDER[m.kind], -m.confidence, m.start))
        out.append([first, *rest])
    return out


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


class _Sections:
    """The headings over each place of a Markdown or HTML document (normalised text), innermost
    first; in a table's body, its column's heading is the innermost ("| Claim on the flyer | What
    the record shows |" names the items of its first column as someone's claims, "| Myth | Fact |"
    as myths; an HTML table's ``<th>`` row does the same)."""

    def __init__(self, norm, headings: list[tuple[int, int, int]], columns: list[tuple[int, int, int, int]] = ()):
        self._starts = [norm.normalised_offset(a) for a, _, _ in headings]
        self._headings = [(norm.text[norm.normalised_offset(a):norm.normalised_offset(b)], level)
                          for a, b, level in headings]
        self._cells = [(norm.normalised_offset(a), norm.normalised_offset(b),
                        norm.text[norm.normalised_offset(c):norm.normalised_offset(d)].strip())
                       for a, b, c, d in sorted(columns)]

    def section(self, offset: int) -> int:
        """The number of the section that holds ``offset`` (the headings before it; 0 before the first)."""
        return bisect.bisect_right(self._starts, offset)

    def around(self, offset: int) -> tuple[str, ...]:
        out = []
        i = bisect.bisect_right(self._cells, (offset, float("inf"), "")) - 1
        if i >= 0 and self._cells[i][0] <= offset < self._cells[i][1]:
            out.append(self._cells[i][2])
        i = bisect.bisect_right(self._starts, offset) - 1
        level = 99
        while i >= 0 and level > 1:
            text, heading_level = self._headings[i]
            if heading_level < level:
                out.append(text)
                level = heading_level
            i -= 1
        return tuple(out)


_MD_BLOCK_QUOTE = re.compile(r"^ {0,3}>.*$", re.M)
_HTML_BLOCK_QUOTE = re.compile(r"<blockquote\b.*?(?:</blockquote\s*>|\Z)", re.S | re.I)


def _block_quotes(source: str, is_html: bool, is_markdown: bool) -> list[tuple[int, int]]:
    """Where a document quotes someone else's words as a block: the lines of a Markdown source
    that open with "> ", the elements of an HTML page inside <blockquote> (an embedded post, a
    reader's letter); as sorted (start, end) offsets of the source, which the text keeps. Code
    never holds a match, so a ">" inside a fence does not matter."""
    if is_markdown and ">" in source:
        return [m.span() for m in _MD_BLOCK_QUOTE.finditer(source)]
    if is_html and "<blockquote" in source.lower():
        return [m.span() for m in _HTML_BLOCK_QUOTE.finditer(source)]
    return []


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


PASSAGE_REACH = 6  # sentences either way, across up to four paragraphs (``Sentences.around``)


def _weaker_than_a_correction(decided: list, sentence_of) -> list:
    """A guess by similarity (fuzzy, semantic) that a sentence asserts a claim in its own voice is
    dropped when the same sentence is a closer wording of another claim's correction: the sentence
    says what the evidence says, and shares words with the weaker claim only through it
    ("Ketamine infusions can help some people with treatment-resistant depression in the short
    term." is 0.98 of a correction and 0.67 of "The clinic offers ketamine to people suffering from
    treatment-resistant depression, suicidal ideation and PTSD")."""
    best: dict[int, float] = {}
    for m, d in decided:
        if m.kind in _SIMILARITY_KINDS and d.rule == "correction-wording":
            at = sentence_of.start(m.start)
            best[at] = max(best.get(at, 0.0), m.confidence)
    if not best:
        return decided
    return [(m, d) for m, d in decided
            if not (m.kind in _SIMILARITY_KINDS and d.stance is Stance.asserts and d.voice == "own"
                    and m.confidence < best.get(sentence_of.start(m.start), 0.0))]


def _corrections_after_reports(decided: list, sentence_of, sections: Optional["_Sections"] = None) -> list:
    """A claim the text reports or asks about, whose correction another sentence of its passage
    states (``Sentences.passage``: its paragraph, and the next when it ends its paragraph: "An
    online shop claims ketamine is not controlled. It is in Schedule III."), is reported and
    refuted (stance rule ``next-correction``); one that the text refutes where it names the same
    claim within ``PASSAGE_REACH`` sentences (a verdict line, a table row rating it) is refuted
    too (``passage-answer``). A claim the text states in its own voice after it refuted the same
    claim, in that sentence or one of the PASSAGE_REACH before in the same section (no heading
    between), is named again (``named-again``)."""
    corrections = {(m.claim_id, sentence_of.start(m.start)) for m, d in decided
                   if d.stance is Stance.agrees_with_evidence and not d.refuted}
    refuted = {(m.claim_id, sentence_of.start(m.start)) for m, d in decided if d.refuted}
    if not corrections and not refuted:
        return decided
    first_refuted: dict[str, int] = {}
    for m, d in decided:
        if d.refuted:
            first_refuted[m.claim_id] = min(m.start, first_refuted.get(m.claim_id, m.start))
    out = []
    for m, d in decided:
        if d.stance is Stance.asserts and d.voice == "own" and first_refuted.get(m.claim_id, m.start) < m.start:
            # named again after the text refuted it, in the same sentence or up to PASSAGE_REACH
            # sentences before: the writer refers to the claim ("no Yale trial matches the description")
            earlier, _ = sentence_of.around(m.start, PASSAGE_REACH, 0)
            here = sentence_of.start(m.start)
            section = sections.section(m.start) if sections else 0
            if any((m.claim_id, a) in refuted and (not sections or sections.section(a) == section)
                   for a in (here, *(a for a, _ in earlier))):
                out.append((m, named_again(d)))
                continue
        # a report answered by a value or a key word is said to be corrected when a next sentence
        # also states the claim's correction: the more telling of the two rules
        if d.voice != "own" and (d.stance is Stance.asserts or d.rule in ("correction-value", "contrary-fact")):
            before, later = sentence_of.passage(m.start)
            if any((m.claim_id, a) in corrections for a, _ in (*later, *before)):
                d = corrected_later(d)
            elif d.stance is Stance.asserts and refuted:
                # the same claim refuted where it is named again is strong enough to look further
                # (a rated row of a table, each cell a paragraph of its own)
                before, later = sentence_of.around(m.start, PASSAGE_REACH, PASSAGE_REACH)
                if any((m.claim_id, a) in refuted for a, _ in (*later, *before)):
                    d = refuted_elsewhere(d)
        out.append((m, d))
    return out


def _finding_order(finding: Finding) -> tuple:
    """The order Finding's own comparison gives (path, line, column, rule), cheaper to compute."""
    return (finding.path, finding.line, finding.column, finding.rule)
