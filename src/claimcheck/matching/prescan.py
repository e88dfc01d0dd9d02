"""``prescan``: can a document hold a finding at all? Decided on its raw text, before any work.

Most documents of a crawl restate no registered claim. Finding that out the long way costs
reading the page's markup, normalising with an offset map, splitting sentences and running
every tier. The prescan asks the raw text instead, in one Aho-Corasick pass over its UTF-8 bytes,
lower-cased as ASCII. It looks for
*anchors*: strings that any match of a tier must contain, so that a document holding none of
a match's anchors cannot hold that match:

- a quote: its longest runs of letters and digits (white space, invisible characters and markup
  only ever separate such runs; they never join two of them);
- a pattern: one literal of each of its required sets (``claimcheck.literals``), and the claim's
  subject: a pattern, value, fuzzy or semantic match of a claim with a ``subject`` becomes a
  finding only in a text that names the subject (``Auditor._about_subject``);
- a value slot: its words' required literals, and the subject;
- a fuzzy claim text: two of its distinctive words (the fuzzy tier's own rule), and the subject.

A document is a *candidate* when some quote, pattern, slot or claim text has all its anchors.
Only candidates go through the pipeline; the others get the report the pipeline would give
them, with no findings. Where the rules cannot be relied on the document is a candidate: text
with invisible characters or combining marks (normalisation removes or composes them, which
can join runs), an HTML entity that stands for a letter, digit, apostrophe or invisible
character, a quote without ASCII letters or digits, a tier with no anchor to ask for.

The first LEARN_DOCUMENTS documents are asked in that one pass over every anchor, and the prescan
counts the documents each anchor is in. From then on a first pass looks only for one clause of
each requirement (the clause seen in the fewest of those documents: every clause must be met, so
any one will do) and the fallback characters; most documents hold none of them and are done. For
the requirements whose first clause is there, the other anchors are looked up one by one, or by
the pass over every anchor where there are many (and where that is needed in most documents, the
first pass is given up).

A plain-text or HTML document whose only candidates are quotes is then asked once more, with
each quote's tolerant expression (``normalisation.tolerant_expression``) over its raw text: a
text that holds a quote's words but not the quote is not a candidate either. (Only for quotes
in ASCII: the lower case of a Greek capital sigma depends on the letter after it.)
"""

from __future__ import annotations

import html
import re
from collections import Counter, OrderedDict, defaultdict
from typing import Iterable, Optional

from claimcheck.matching.base import MatchKind
from claimcheck.normalisation import (COMBINING_CHARACTERS, INVISIBLE_CHARACTERS, normal_character,
                                      tolerant_expression)

ANCHORS_PER_QUOTE = 3  # the longest runs of a quote that must all be present
MIN_ANCHOR = 4  # shorter strings ("on", "act") occur in nearly every text: not worth asking for
LEARN_DOCUMENTS = 64  # documents whose anchors are counted before the first pass is chosen
MAX_LOOKUPS = 16  # anchors looked up one by one at most; more are found by one pass of the automaton
TOLERANT_CACHE = 16  # compiled tolerant expressions kept (each with its own RE2 cache of up to 1 MB)
_RUN = re.compile(r"[a-z0-9]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")
# Characters whose normal form is an ASCII letter that bytes.lower() does not give: the dotted
# capital I, the long s, the Kelvin sign (claimcheck.normalisation.raw_characters)
_NOT_LOWERED = "\u0130\u017f\u212a"
_JOINING = re.compile(r"[a-z0-9%]")  # what an entity must not stand for: it would join or make anchors


class Prescan:
    """The anchors of one registry's matches for some match kinds, in one automaton."""

    def __init__(self, matcher, kinds: Iterable[MatchKind]):
        import ahocorasick_rs

        kinds = set(kinds)
        self._anchor_number: dict[str, int] = {}
        # a requirement: clauses (anchor numbers, how many of them must be present), and the
        # quote's tolerant expression when it is a quote's
        self._requirements: list[tuple[tuple[tuple[tuple[int, ...], int], ...], Optional[str]]] = []
        self.always = False  # some match needs no anchor: every document is a candidate
        registry = matcher.registry
        subjects: dict[str, Optional[list]] = {}

        def subject_clauses(claim_id: str) -> Optional[list]:
            """The anchors of the claim's subject (None: no subject, or none to ask for)."""
            claim = registry.claims[claim_id]
            if not claim.subject:
                return None
            if claim.subject not in subjects:
                subjects[claim.subject] = self._clauses_of_regex(r"\b(?:" + claim.subject + r")\b")
            return subjects[claim.subject]

        if MatchKind.exact in kinds:
            for quote in matcher._quotes:
                runs = sorted(set(_RUN.findall(quote)), key=lambda run: (-len(run), run))
                runs = [run for run in runs if len(run) >= MIN_ANCHOR][:ANCHORS_PER_QUOTE] or runs[:1]
                self._require([((self._anchor(run),), 1) for run in runs], quote)
        if MatchKind.pattern in kinds:
            for number, (claim_id, _, _) in enumerate(matcher._patterns):
                clauses = [clause for alternatives in matcher._verify.get(number, ())
                           if (clause := self._any_of(alternatives)) is not None]
                self._require(clauses + (subject_clauses(claim_id) or []))
        if MatchKind.value in kinds:
            from claimcheck.quantities import words_regex

            for claim in registry.claims.values():
                if claim.verdict.value == "not-a-claim":
                    continue
                for slot in getattr(claim, "slots", ()) or ():
                    words = self._clauses_of_regex(words_regex(slot.words)) or []
                    self._require(words + (subject_clauses(claim.id) or []))
        if MatchKind.fuzzy in kinds:
            from claimcheck.matching.base import spelling_variants
            from claimcheck.matching.fuzzy import MIN_SHARED_WORDS

            common = matcher._common
            for claim_id, _, words, _ in matcher._fuzzy_texts:
                distinctive = sorted(words - common)
                if len(distinctive) < MIN_SHARED_WORDS:
                    continue  # it can never be a candidate of the fuzzy tier
                # the fuzzy tier indexes a word's other spelling too ("anaesthetic"): an anchor as well
                distinctive += sorted({v for word in distinctive for v in spelling_variants(word)} - set(distinctive))
                # a word's anchor is the word up to its apostrophe (which may be a curly one in the
                # raw text); two words may share one, so anchors are counted once per word
                clause = (tuple(self._anchor(word.split("'")[0]) for word in distinctive), MIN_SHARED_WORDS)
                self._require([clause] + (subject_clauses(claim_id) or []))
        if MatchKind.semantic in kinds:
            self.always = True  # the embedding tier may match claims without a subject anywhere
        # each requirement is looked at only when an anchor of its most selective clause is found
        self._triggers: dict[int, list[int]] = defaultdict(list)
        lengths = {number: len(anchor) for anchor, number in self._anchor_number.items()}
        for index, (clauses, _) in enumerate(self._requirements):
            anchors, _ = max(clauses, key=lambda clause: (clause[1] == 1, min(lengths[a] for a in clause[0])))
            for anchor in set(anchors):
                self._triggers[anchor].append(index)
        # the characters normalisation removes or composes (and the long s, which it folds into
        # an "s"): where one occurs, a run of the normal form may be two runs of the raw text
        self._fallback = frozenset(self._anchor(char) for char in sorted(INVISIBLE_CHARACTERS | COMBINING_CHARACTERS
                                                                         | set(_NOT_LOWERED)))
        # over UTF-8 bytes, lower-cased as ASCII (both much faster than over str)
        self._anchor_bytes = [anchor.encode() for anchor in self._anchor_number]  # by number
        self._automaton = (ahocorasick_rs.BytesAhoCorasick(self._anchor_bytes,
                                                           implementation=ahocorasick_rs.Implementation.DFA)
                           if self._requirements else None)
        # After LEARN_DOCUMENTS documents, a first pass looks for fewer anchors: for each
        # requirement, the clause whose anchors were in the fewest of those documents, and the
        # fallback characters (see _learn)
        self._learning = (Counter(), 0) if self._requirements else None  # (documents per anchor, documents)
        # the first pass, once chosen: (its anchors' numbers, the same as a set, the requirements
        # each triggers, each requirement's anchors it does not look for, its automaton), set
        # in one assignment (a Dask worker's threads may share the prescan)
        self._first_pass: Optional[tuple] = None
        self._passes = (0, 0)  # documents through the first pass, and of them those that needed the whole pass too
        self._quote_last = [(quote is not None, index) for index, (_, quote) in enumerate(self._requirements)].__getitem__
        self._compiled: OrderedDict[tuple[str, bool], object] = OrderedDict()
        self._entities: dict[str, bool] = {}

    # --- building ---------------------------------------------------------------------------

    def _anchor(self, text: str) -> int:
        return self._anchor_number.setdefault(text, len(self._anchor_number))

    def _any_of(self, literals) -> Optional[tuple[tuple[int, ...], int]]:
        """The clause "one of these literals": the longest run of each (None when one of them has
        no run of letters and digits of MIN_ANCHOR characters: that clause is not asked)."""
        runs = []
        for literal in literals:
            text = getattr(literal, "text", literal)
            longest = max(_RUN.findall(text.lower()), key=len, default="")
            if len(longest) < MIN_ANCHOR:
                return None
            runs.append(longest)
        anchors = tuple(sorted({self._anchor(run) for run in runs}))
        return (anchors, 1) if anchors else None

    def _clauses_of_regex(self, regex: str) -> Optional[list]:
        """The clauses of a regular expression's required literal sets (None: it has none)."""
        from claimcheck.literals import required_sets
        from claimcheck.text import _TRANSLATE

        clauses = [clause for alternatives in required_sets(regex.translate(_TRANSLATE))
                   if (clause := self._any_of(alternatives)) is not None]
        return clauses or None

    def _require(self, clauses: list, quote: Optional[str] = None) -> None:
        if not clauses:
            self.always = True
            return
        self._requirements.append((tuple(clauses), quote))

    # --- asking -----------------------------------------------------------------------------

    def candidate(self, raw: str, is_html: bool = False, plain: bool = False) -> bool:
        """Can ``raw`` (a document's text as read) hold a match? ``is_html``: it is read as HTML;
        ``plain``: it is read as it is (no markup removed), so quotes may be confirmed on it."""
        if self.always:
            return True
        if self._automaton is None:
            return False
        view = raw.encode("utf-8", "surrogatepass").lower()
        first_pass = self._first_pass
        if first_pass is None:
            found = {number for number, _, _ in self._automaton.find_matches_as_indexes(view, overlapping=True)}
            if self._learning is not None:
                self._learn(found)
            return self._meets(raw, found, found.__contains__, found, self._triggers, is_html, plain)
        first, first_set, triggers, others, automaton = first_pass
        hits = {first[number] for number, _, _ in automaton.find_matches_as_indexes(view, overlapping=True)}
        if not hits:
            # no requirement is looked at: only an entity that could make an anchor (in a page
            # holding some anchor) makes it a candidate
            return (is_html and "&" in raw and self._joining_entity(raw)
                    and bool(self._automaton.find_matches_as_indexes(view)))
        triggered = {index for anchor in hits for index in triggers.get(anchor, ())}
        present = self._presence(view, hits, triggered, first_set, others)
        return self._meets(raw, hits, present, triggered, None, is_html, plain)

    def _meets(self, raw: str, found: set[int], present, triggered, triggers: Optional[dict], is_html: bool,
               plain: bool) -> bool:
        """Does some requirement of ``triggered`` (requirement numbers, or with ``triggers`` the
        anchors that trigger them) have all its anchors ``present``? ``found``: anchors known to be
        there, and the first pass's hits; a quote is then confirmed by its tolerant expression."""
        if not found:
            return False
        if not found.isdisjoint(self._fallback):
            return True  # removed invisible characters or composed accents could join runs
        if is_html and "&" in raw and self._joining_entity(raw):
            return True
        if triggers is not None:
            triggered = {index for anchor in triggered for index in triggers.get(anchor, ())}
        quotes = []
        # patterns, slots and claim texts first: one met is enough, where a quote still needs its
        # tolerant expression
        for index in sorted(triggered, key=self._quote_last):
            clauses, quote = self._requirements[index]
            if all(any(present(anchor) for anchor in anchors) if at_least == 1 else
                   sum(present(anchor) for anchor in anchors) >= at_least for anchors, at_least in clauses):
                if quote is None or not (plain or is_html) or not quote.isascii():
                    return True
                quotes.append(quote)
        return any(self._tolerant(quote, is_html).search(raw) is not None for quote in quotes)

    def _learn(self, found: set[int]) -> None:
        """Count the documents each anchor is in; after LEARN_DOCUMENTS of them, choose each
        requirement's trigger clause (the one whose anchors were in the fewest documents: any
        clause would do, since every clause must be met) and build the first pass's automaton."""
        import ahocorasick_rs

        counts, documents = self._learning
        counts.update(found)
        documents += 1
        self._learning = (counts, documents)
        if documents < LEARN_DOCUMENTS:
            return
        self._learning = None
        lengths = [len(anchor) for anchor in self._anchor_bytes]
        triggers: dict[int, list[int]] = {}
        for index, (clauses, _) in enumerate(self._requirements):
            anchors, _ = min(clauses, key=lambda clause: (clause[1] != 1, sum(counts[a] for a in clause[0]),
                                                          -min(lengths[a] for a in clause[0]), clause[0]))
            for anchor in set(anchors):
                triggers.setdefault(anchor, []).append(index)
        first = sorted(set(triggers) | self._fallback)
        first_set = frozenset(first)
        others = [tuple({a for anchors, _ in clauses for a in anchors} - first_set) for clauses, _ in self._requirements]
        automaton = ahocorasick_rs.BytesAhoCorasick([self._anchor_bytes[a] for a in first],
                                                    implementation=ahocorasick_rs.Implementation.DFA)
        self._first_pass = (first, first_set, triggers, others, automaton)

    def _presence(self, view: bytes, hits: set[int], triggered: set[int], first: frozenset, others: list):
        """Is an anchor in ``view``? Known for the first pass's anchors; the others of a few
        requirements are looked up one by one (a substring search each), those of many by one
        pass of the whole automaton (and where that is needed in most documents, the first pass
        is given up: it would only add to the whole pass)."""
        if sum(len(others[index]) for index in triggered) > MAX_LOOKUPS:
            asked, passes = self._passes
            self._passes = (asked + 1, passes + 1)
            if asked + 1 >= LEARN_DOCUMENTS and passes + 1 > asked // 2:
                self._first_pass = None  # from the next document on, the whole pass only
            found = {number for number, _, _ in self._automaton.find_matches_as_indexes(view, overlapping=True)}
            return found.__contains__
        asked, passes = self._passes
        self._passes = (asked + 1, passes)
        known: dict[int, bool] = {}
        anchor_bytes = self._anchor_bytes

        def present(anchor: int) -> bool:
            if anchor in first:
                return anchor in hits
            answer = known.get(anchor)
            if answer is None:
                answer = known[anchor] = anchor_bytes[anchor] in view
            return answer

        return present

    def _joining_entity(self, raw: str) -> bool:
        """Does an entity in the page stand for a character that could make or join an anchor?"""
        cache = self._entities
        for m in _ENTITY.finditer(raw):
            entity = m.group()
            joining = cache.get(entity)
            if joining is None:
                decoded = html.unescape(entity)
                joining = decoded != entity and (
                    any(not normal_character(char) or _JOINING.search(normal_character(char)) or _is_combining(char)
                        for char in decoded)
                    or (len(decoded) > 1 and normal_character(decoded).strip() != ""))
                if len(cache) < 4096:
                    cache[entity] = joining
            if joining:
                return True
        return False

    def _tolerant(self, quote: str, html: bool):
        """The quote's tolerant expression, compiled by RE2 when first needed (without invisible
        characters, which a document that gets this far does not hold); the most recently
        used TOLERANT_CACHE are kept (each holds its own cache of DFA states: a registry of
        thousands of quotes must not hold thousands of them)."""
        key = (quote, html)
        compiled = self._compiled.get(key)
        if compiled is not None:
            self._compiled.move_to_end(key)
            return compiled
        import re2

        options = re2.Options()
        options.log_errors = False
        options.max_mem = 1 << 20
        compiled = self._compiled[key] = re2.compile(tolerant_expression(quote, html, invisible=False), options)
        if len(self._compiled) > TOLERANT_CACHE:
            self._compiled.popitem(last=False)
        return compiled


def _is_combining(char: str) -> bool:
    import unicodedata

    return unicodedata.combining(char) != 0
