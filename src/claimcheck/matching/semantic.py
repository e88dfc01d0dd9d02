"""``semantic``: the optional embedding tier (claimcheck.semantic), off by default.

It sees only the sentences no other tier matched and, of those, the ones the fuzzy tier's
prefilter passes (``FuzzyTier._could_have_candidates``).
"""

from __future__ import annotations

from claimcheck.matching.base import MatchKind, RawMatch, Stance


class SemanticTier:
    """The embedding tier, loaded on first use (mixed into ``Matcher``)."""

    def semantic(self, text: str, spans, skip_sentences: set[int]) -> list[RawMatch]:
        """The optional embedding tier (claimcheck.semantic) on the sentences no other tier matched."""
        tier = self.__dict__.get("_semantic")
        if tier is None:
            from claimcheck.semantic import SemanticMatcher

            tier = self.__dict__["_semantic"] = SemanticMatcher(self.registry)
        spans = [span for span in spans if span[0] not in skip_sentences]
        if not spans:
            return []
        found = []
        for hit in tier.find(text, self._could_have_candidates(text, spans), skip_sentences):
            end = hit.end
            while end > hit.start and text[end - 1] in " \n\t":
                end -= 1
            side = Stance.agrees_with_evidence if hit.agrees else Stance.asserts
            found.append(RawMatch(hit.claim_id, MatchKind.semantic, hit.start, end, hit.similarity, side=side,
                                  reference=hit.reference))
        return found
