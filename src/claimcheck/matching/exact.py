"""``exact``: every registered quote, normalised, in one Aho-Corasick pass over the text.

The automaton is built by ``matcher.Matcher`` and also holds the patterns' literals (after the
quotes), so that one pass serves both tiers: ``scan`` returns the exact matches and where the
literals were seen.
"""

from __future__ import annotations

from claimcheck.matching.base import MatchKind, RawMatch
from claimcheck.model import Registry
from claimcheck.text import normalise


class ExactTier:
    """The quotes' index and the one pass over the text (mixed into ``Matcher``)."""

    def _index_quotes(self, registry: Registry) -> list[str]:
        """The distinct normalised quotes; for each, the claims that register it and where."""
        quotes: list[str] = []
        seen: dict[str, int] = {}
        owners_of: list[dict[str, set[str]]] = []  # per quote: claim id -> documents registering it
        for claim in registry.claims.values():
            for appearance in claim.appearances:
                quote = normalise(appearance.quote).strip()
                if len(quote) < 8:
                    continue
                if quote not in seen:
                    seen[quote] = len(quotes)
                    quotes.append(quote)
                    owners_of.append({})
                owners_of[seen[quote]].setdefault(claim.id, set()).add(appearance.document)
        self._quotes = quotes
        self._quote_count = len(quotes)
        self._quote_owners = [tuple((claim_id, frozenset(documents)) for claim_id, documents in owners.items())
                              for owners in owners_of]
        return quotes

    def scan(self, text: str) -> tuple[list[RawMatch], list[tuple[int, int, int]]]:
        """One pass over the text: the exact matches, and where the patterns' literals occur
        ([(literal number, start, end), ...], for ``patterns``)."""
        return self.scan_many([text])[0]

    def scan_many(self, texts: list[str]) -> list[tuple[list[RawMatch], list[tuple[int, int, int]]]]:
        """``scan`` of each text, in one pass over them all (joined by NUL, which no quote,
        literal or normalised text holds: no match spans two texts, and each text's edges are
        word boundaries, as at the ends of a text scanned alone)."""
        results: list[tuple[list[RawMatch], list[tuple[int, int, int]]]] = [([], []) for _ in texts]
        if self._automaton is None or not texts:
            return results
        joined = texts[0] if len(texts) == 1 else "\x00".join(texts)
        starts = []
        offset = 0
        for text in texts:
            starts.append(offset)
            offset += len(text) + 1
        quote_count = self._quote_count
        quote_owners = self._quote_owners
        document = 0
        base = 0
        following = starts[1] if len(starts) > 1 else offset
        found, literal_hits = results[0]
        for number, start, end in self._automaton.find_matches_as_indexes(joined, overlapping=True):
            while end > following:  # matches come in order of their ends: this one is in a later text
                document += 1
                following = starts[document + 1] if document + 1 < len(starts) else offset
                base = starts[document]
                found, literal_hits = results[document]
            if number >= quote_count:
                literal_hits.append((number - quote_count, start - base, end - base))
                continue
            if not _at_word_boundaries(joined, start, end):
                continue
            for claim_id, documents in quote_owners[number]:
                found.append(RawMatch(claim_id, MatchKind.exact, start - base, end - base, 1.0, documents))
        return results

    def exact(self, text: str) -> list[RawMatch]:
        return self.scan(text)[0]


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return False
    return True
