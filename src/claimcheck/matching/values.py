"""``value``: sentences whose value lies in a claim's slot range (claimcheck.quantities).

As with fuzzy matching, a document that names no claim's subject is read for the slots of
claims without a subject only (claimcheck.audit would drop the others' matches).
"""

from __future__ import annotations

from claimcheck.matching.base import MatchKind, RawMatch, Stance
from claimcheck.text import normalise


class ValueTier:
    """The value slots, built on first use (mixed into ``Matcher``)."""

    def _slot_matcher(self, subject_free_only: bool = False):
        if subject_free_only and not any(claim.subject and getattr(claim, "slots", None)
                                         for claim in self.registry.claims.values()):
            subject_free_only = False  # the same slots: one matcher
        key = "_subject_free_slots" if subject_free_only else "_slots"
        slots = self.__dict__.get(key)
        if slots is None:
            from claimcheck.quantities import SlotMatcher

            slots = self.__dict__[key] = SlotMatcher(self.registry, subject_free_only)
        return slots

    def contradicts(self, claim_id: str, sentence: str) -> bool:
        """Does the (normalised) sentence give only values outside the claim's slots' ranges?
        A fuzzy or semantic restatement that does is not the claim ("depression returns within
        days" is not relief within hours)."""
        return any(slot.claim_id == claim_id and slot.contradicts(sentence) for slot in self._slot_matcher().slots)

    def values(self, text: str, sentences, subject_free_only: bool = False) -> tuple[list[RawMatch], set[tuple[str, int]]]:
        """Sentences whose value lies in a claim's slot range (claimcheck.quantities), and the
        (claim id, sentence start) pairs whose sentence gives only values outside it: those
        sentences are not the claim, whatever else matches them. ``subject_free_only``: the
        slots of claims without a subject only."""
        slots = self._slot_matcher(subject_free_only)
        found, other = slots.find(text, sentences)
        matches = []
        for claim_id, start, end, decision, focus in found:
            while end > start and text[end - 1] in " \n\t":
                end -= 1
            side = Stance.asserts if decision == "asserts" else Stance.agrees_with_evidence
            claim = self.registry.claims[claim_id]
            reference = normalise(claim.claim) if side is Stance.asserts else normalise(claim.correction or "")
            matches.append(RawMatch(claim_id, MatchKind.value, start, end, 0.9, side=side, reference=reference,
                                    focus=focus))
        return matches, other
