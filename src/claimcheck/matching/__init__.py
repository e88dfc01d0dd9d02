"""Locating registered claims in a normalised text: one module per match kind.

The pipeline, in file order: ``base`` (the match record and the word rules every tier
shares), ``exact`` (quotes, one Aho-Corasick pass), ``patterns`` (curators' RE2 patterns,
prefiltered by their literals), ``values`` (value slots, claimcheck.quantities), ``fuzzy``
(restatements: an inverted index and rapidfuzz), ``semantic`` (the optional embedding tier,
claimcheck.semantic), and ``matcher``, which composes them from its table of tiers. Before
any of them, ``prescan`` decides on a document's raw text whether it can hold a match at all.
"""

from claimcheck.matching.base import STOPWORDS, RawMatch, content_words
from claimcheck.matching.fuzzy import DEFAULT_FUZZY_THRESHOLD, similarity
from claimcheck.matching.matcher import TIERS, Matcher
from claimcheck.matching.patterns import compile_pattern

__all__ = ["DEFAULT_FUZZY_THRESHOLD", "STOPWORDS", "TIERS", "Matcher", "RawMatch", "compile_pattern",
           "content_words", "similarity"]
