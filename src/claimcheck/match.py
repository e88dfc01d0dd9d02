"""Locating registered claims in a normalised text: the names of ``claimcheck.matching``.

The matcher is a package with one module per match kind (``claimcheck.matching``); this module
keeps the names other modules and older code import from here.
"""

from claimcheck.matching.base import _WORD, STOPWORDS, RawMatch, content_words
from claimcheck.matching.exact import _at_word_boundaries
from claimcheck.matching.fuzzy import (
    CORRECTION_MARGIN,
    DEFAULT_FUZZY_THRESHOLD,
    MAX_FUZZY_CANDIDATES,
    MIN_FUZZY_WORDS,
    MIN_SHARED_SHARE,
    MIN_SHARED_WORDS,
    _bit_set,
    _bits,
    _could_be_token,
    _default_process,
    _fuzzy_sources,
    _fuzzy_worthy,
    _largest_size_needing,
    _needed,
    _similarity_at_least,
    similarity,
)
from claimcheck.matching.matcher import TIERS, Matcher
from claimcheck.matching.patterns import compile_pattern, compile_subject

__all__ = [
    "CORRECTION_MARGIN", "DEFAULT_FUZZY_THRESHOLD", "MAX_FUZZY_CANDIDATES", "MIN_FUZZY_WORDS", "MIN_SHARED_SHARE",
    "MIN_SHARED_WORDS", "STOPWORDS", "TIERS", "Matcher", "RawMatch", "_WORD", "_at_word_boundaries", "_bit_set",
    "_bits", "_could_be_token", "_default_process", "_fuzzy_sources", "_fuzzy_worthy", "_largest_size_needing",
    "_needed", "_similarity_at_least", "compile_pattern", "compile_subject", "content_words", "similarity",
]
