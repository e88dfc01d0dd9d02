"""The matcher: every match kind's tier, composed from one table, cheapest first.

``claimcheck.audit`` asks the tiers in this order for each document (``--match`` chooses
which); each later tier sees what the earlier ones found (a sentence matched by value or
exactly is not matched again by fuzzy or semantic matching).
"""

from __future__ import annotations

from typing import NamedTuple

from claimcheck.matching.exact import ExactTier
from claimcheck.matching.fuzzy import DEFAULT_FUZZY_THRESHOLD, FuzzyTier
from claimcheck.matching.patterns import PatternTier
from claimcheck.matching.semantic import SemanticTier
from claimcheck.matching.values import ValueTier
from claimcheck.model import MatchKind, Registry


class Tier(NamedTuple):
    kind: MatchKind
    implementation: type
    method: str  # the Matcher method the audit calls
    default: bool  # run without --match
    how: str


TIERS: tuple[Tier, ...] = (
    Tier(MatchKind.exact, ExactTier, "scan_many", True,
         "every registered quote, normalised, in one Aho-Corasick pass over the text"),
    Tier(MatchKind.pattern, PatternTier, "patterns", True,
         "curators' RE2 patterns, on the sentences of paragraphs holding their literals"),
    Tier(MatchKind.value, ValueTier, "values", True,
         "a value within a claim's slot range (claimcheck.quantities)"),
    Tier(MatchKind.fuzzy, FuzzyTier, "fuzzy", True,
         "restatements: rare words shared with a claim text, scored with rapidfuzz"),
    Tier(MatchKind.semantic, SemanticTier, "semantic", False,
         "optional sentence embeddings (claimcheck.semantic), --semantic"),
)


class Matcher(*(tier.implementation for tier in TIERS)):
    """Compiled matchers for one registry; built once and reused for every text."""

    def __init__(self, registry: Registry, fuzzy_threshold: float | None = None):
        import ahocorasick_rs

        self.registry = registry
        self.fuzzy_threshold = DEFAULT_FUZZY_THRESHOLD if fuzzy_threshold is None else fuzzy_threshold
        quotes = self._index_quotes(registry)
        literals = self._compile_patterns(registry, quotes)
        # one automaton: the quotes (numbers 0..n-1), then the patterns' literals
        needles = quotes + literals
        self._automaton = (
            ahocorasick_rs.AhoCorasick(needles, matchkind=ahocorasick_rs.MatchKind.Standard) if needles else None
        )

    def __getstate__(self):
        return {"registry": self.registry, "fuzzy_threshold": self.fuzzy_threshold}

    def __setstate__(self, state):
        self.__init__(state["registry"], state["fuzzy_threshold"])
