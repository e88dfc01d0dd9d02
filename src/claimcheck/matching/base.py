"""What every match kind shares: the match record and the word rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.model import MatchKind, Stance

_WORD = re.compile(r"[a-z0-9][a-z0-9%]*(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a about after again all also an and any are as at be because been before being but by can could
    did do does doing for from had has have having he her here his how i if in into is it its just may
    might more most much my no nor not of on once only or other our out over own same she should so some
    such than that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your ketamine ketamine's""".split()
)


@dataclass(frozen=True)
class RawMatch:
    claim_id: str
    kind: MatchKind
    start: int  # offsets in the normalised text
    end: int
    confidence: float
    registered_in: frozenset = frozenset()  # documents where this exact quote is registered for the claim
    side: Stance = Stance.asserts  # what the matched text states: the claim, or its correction
    reference: str = ""  # the registered text the match was made against (for negation parity)
    # the words that carry the claim, when the match spans more (a value match is its sentence):
    # stance reads their clause ("we can't promise results, but relief lasts weeks" asserts)
    focus: tuple[int, int] = ()


# (American, British) beginnings of one word's two spellings: a claim's "anesthetic" is the
# "anaesthetic" of a British page (the fuzzy tier indexes both; stance gives them one stem)
SPELLINGS = (("anesth", "anaesth"),)


def spelling_variants(word: str) -> tuple[str, ...]:
    """The word's other spellings (``anesthetic`` -> ``anaesthetic``), none for most words."""
    return tuple(other + word[len(own):] for us, uk in SPELLINGS for own, other in ((us, uk), (uk, us))
                 if word.startswith(own))


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text) if len(w) > 2 and w not in STOPWORDS}


def _is_word(char: str) -> bool:
    """RE2's \\w (ASCII letters, digits, underscore): what its \\b looks at."""
    return char.isascii() and (char.isalnum() or char == "_")

__all__ = ["SPELLINGS", "STOPWORDS", "MatchKind", "RawMatch", "Stance", "content_words", "spelling_variants"]
