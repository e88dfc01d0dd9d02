"""Stance: does the text assert a claim it contains, state its correction, or report it?

A registered claim found in a text is not always the text's own statement. Fact-checkers and
reporters quote wrong claims in order to refute them; news articles attribute them; FAQ pages
ask about them. This module decides, for one match, which of these the passage does, and
records the rule that decided it, so a reviewer can see why.

Three steps, in order:

1. **Polarity** of the matched words (``polarity``): do they word the claim or its correction?
   A negation next to an exact quote flips it; a pattern or fuzzy match flips when its clause's
   negation parity differs from the text it was matched against; a pattern can word the
   correction (``stance: agrees-with-evidence``).
2. **Cues** (the table ``CUES``): phrases that attribute the claim to someone else (reported
   speech, quotation, a "Claim:" line), ask about it (indirect questions), or refute it (in the
   same clause or sentence, in the next one or two sentences, on a verdict line just before or
   after, or in a heading over its section). Each cue has a scope and examples, run as tests
   (``tests/test_stance.py``).
3. **Voice**: a claim the passage refutes is *reported and refuted*; a claim it attributes
   without refuting is *reported*; a claim it asks about is *asked*; otherwise the text
   *asserts* it in its own voice.

All regular expressions here run on normalised text (``claimcheck.text.normalise``: lower
case, straight quotes, ASCII dashes, single spaces).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Optional

from claimcheck.model import Claim, MatchKind, Stance, Verdict
from claimcheck.text import normalise

# --- polarity: negation and clauses (what the matched words themselves say) ---------------

NEGATION = re.compile(
    r"\b(?:not|no longer|never|neither|nor|without|cannot|lacks?|lacking|isn't|aren't|wasn't|weren't|hasn't|"
    r"haven't|hadn't|doesn't|don't|didn't|won't|can't|isnt|hasnt|doesnt|dont)\b|n't\b"
)
CLAUSE_BREAK = re.compile(r"[;:]|\s-\s|-{2,}|,\s*(?:and|or|so|yet)\b|\b(?:but|however|whereas|while|although|though|only)\b")
_CONTRASTIVE = re.compile(
    r",\s*(?:but\s+)?not\b|\bnot\s+(?:only|just|merely|simply|all|every\w*|always|necessarily|magic)\b"
    r"|\b(?:who|whom|whose)\b[^,;]*"  # a relative clause's negation is not the claim's
)

# --- the cue table --------------------------------------------------------------------------

# Scopes: where a cue is looked for, relative to the sentence that holds the match.
CLAUSE = "clause"        # the match's own clause, before the match
SENTENCE = "sentence"    # anywhere in the match's sentence
NEXT = "next"            # one of the next two sentences (a sentence of its own)
VERDICT = "verdict"      # a verdict line or heading: the sentence itself, or the one just before or after it
QUOTE = "quote"          # the match lies inside double quotes in its sentence
HEADING = "heading"      # a heading over the sentence's section (Markdown, HTML)

# Effects
ATTRIBUTES = "attributes"  # someone else says it: the text reports the claim
ASKS = "asks"              # the text asks whether the claim holds
REFUTES = "refutes"        # the text says the claim is wrong
CONTRASTS = "contrasts"    # refutes, but only a claim the text reports ("but", "in fact", "although only")


@dataclass(frozen=True)
class Cue:
    id: str
    effect: str
    scope: str
    regex: str
    summary: str
    # passages (one to three sentences, as a document would hold them) in which this cue must
    # decide the stance of the registered claim they contain, and passages in which it must not
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()

    @functools.cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(self.regex)


_WRONG = (r"(?:false|untrue|not true|wrong|incorrect|inaccurate|not accurate|not correct|mistaken|misleading|"
          r"a myth|baseless|unfounded|unsupported|not supported|bogus|fake|a falsehood|not the case|nonsense|"
          r"exaggerated|overstated|overblown|premature|unproven|an?\s+(?:exaggeration|overstatement|"
          r"oversimplification|misconception|half-truth)|outdated|out of date|far from (?:the truth|accurate|true)|"
          r"not quite (?:right|true|accurate))")
_REPORTER = (r"(?:says?|said|claims?|claimed|claiming|suggests?|suggested|suggesting|states?|stated|stating|asserts?|"
             r"asserted|insists?|insisted|tells?|told|promises?|promised|argues?|argued|maintains?|maintained|"
             r"writes?|wrote|reads|advertises?|advertised|repeats?|repeated|calls?|called|describes?|described|"
             r"reports?|reported|alleges?|alleged|touts?|touted|boasts?|boasted|explains?|explained|"
             r"believes?|believed|thinks?|thought|posts?|posted|shares?|shared|spreads?|spread|"
             r"announces?|announced|declares?|declared|swears?|swore|assures?|assured|heard|read\s+(?:online\s+)?that)")
_VERDICT_WORD = (r"(?:false|mostly false|misleading|incorrect|inaccurate|wrong|untrue|unsupported|unproven|"
                 r"fake|pants on fire|four pinocchios|three pinocchios|exaggerated|needs context|missing context|"
                 r"lacks context|myth|fiction|debunked|partly false|half true)")

CUES: tuple[Cue, ...] = (
    # ---- verdict lines and headings (the sentence itself, or the one just before or after it)
    Cue("myth-line", REFUTES, VERDICT,
        r"^\W*(?:myths?|misconceptions?|fiction|rumou?r|hoax)\b[^.:]{0,30}:",
        "a Myth: line (a Fact: line follows)",
        ("Myth: Ketamine is not a controlled substance.\nFact: Ketamine is a Schedule III controlled substance.\n",),
        ()),
    Cue("verdict-line", REFUTES, VERDICT,
        r"^\W*(?:our\s+|the\s+)?(?:verdict|rating|ruling|conclusion|bottom\s+line|fact[- ]check)\b[^.]{0,120}?"
        r"(?::|\bis\b|-)\W*" + _VERDICT_WORD + r"\b"
        r"|^\W*(?:our\s+)?(?:verdict|rating|ruling)\b[^:]{0,80}\"[^\"]*\"\s*:\W*" + _VERDICT_WORD + r"\b"
        r"|\bwe\s+rate\b[^.]{0,200}\b" + _VERDICT_WORD + r"\b"
        r"|^\W*" + _VERDICT_WORD + r"(?:\s+claim)?\W{0,3}(?::|\s-\s|\.\s*$|$)",
        "a verdict line or heading (Verdict: false, Rating: misleading, We rate this claim false, FALSE:)",
        ("Our verdict on the claim \"ketamine is not a controlled substance\": false.",
         "Claim: The FDA approved ketamine for depression.\nRating: False\n",
         "We rate the claim that ketamine is not a controlled substance False.",
         "MISLEADING: Ketamine works for 70% of people with depression.",
         "Verdict: False. The FDA has approved ketamine for depression, according to a viral post."),
        ("The FDA has approved ketamine for depression. Our rating of this clinic: five stars.",)),
    # ---- refutation in the match's own sentence
    Cue("refuted-adverb", REFUTES, SENTENCE,
        r"\b(?:falsely|wrongly|incorrectly|mistakenly|erroneously|misleadingly|inaccurately|baselessly)\b",
        "an adverb that calls the statement wrong (falsely, wrongly, incorrectly)",
        ("Sellers on the forum falsely claim that ketamine is not a controlled substance.",
         "A previous version of this page wrongly said ketamine was not a controlled substance."),
        ("Ketamine is not a controlled substance.",)),
    Cue("refuted-myth", REFUTES, SENTENCE,
        r"\b(?:myths?|misconceptions?|misinformation|disinformation|rumou?rs?|hoax|debunk\w*|fact[- ]check\w*|"
        r"misbelief|falsehoods?)\b",
        "the claim is called a myth, misconception, rumour or misinformation",
        ("Clinics keep repeating the myth that ketamine is not a controlled substance.",
         "A common misconception is that the FDA has approved ketamine for depression."),
        ("Ketamine is not a controlled substance, so no paperwork is needed.",)),
    Cue("refuted-judgement", REFUTES, SENTENCE,
        r"(?<!otherwise )(?<!otherwise, )\b(?:is|are|was|were|'s|be|been|seems?|proved|proves|remains?)\s+"
        r"(?:simply\s+|just\s+|plainly\s+|flatly\s+|completely\s+|entirely\s+|also\s+|still\s+|clearly\s+)?"
        + _WRONG + r"\b"
        r"|\bwhich\s+(?:is|was)\s+(?:simply\s+|also\s+)?" + _WRONG + r"\b"
        r"|\b(?:does|do|did)\s+not\s+hold\s+(?:up|water)\b|\bno\s+(?:truth|basis|evidence)\s+(?:to|for|that|behind)\b"
        r"|\b(?:a\s+(?:claim|figure|number|description|statement|promise|statistic)|which|that)\s+"
        r"(?:the\s+\w+(?:\s+\w+)?|experts?|researchers?|scientists?|doctors?|regulators?|studies|the\s+evidence)\s+"
        r"(?:itself\s+)?(?:rejects?|contradicts?|disputes?|refutes?|denies|calls?\s+" + _WRONG
        + r"|says?\s+(?:is|was)\s+" + _WRONG + r"|(?:do|does)\s+not\s+support)\b"
        r"|\boverstates?\b|\bexaggerates?\b|\bnot\s+(?:supported|backed)\s+by\b",
        "the sentence judges the statement wrong (which is wrong, is false, a claim the FDA rejects, "
        "does not hold up, overstates the evidence)",
        ("The clinic's website says ketamine is not a controlled substance, which is wrong.",
         "The popular line that \"ketamine is not a controlled substance\" is simply wrong.",
         "Some clinics advertise that the FDA has approved ketamine for depression, a claim the FDA itself rejects."),
        ("Ketamine is not a controlled substance, and anyone who says otherwise is wrong.",
         "Ketamine is not a controlled substance.")),
    Cue("refuted-contrary", REFUTES, SENTENCE,
        r"\bcontrary\s+to\b|\bdespite\s+(?:what|claims|the\s+claims?)\b|\bis\s+often\s+said\b|\bare\s+often\s+told\b",
        "contrary to, despite what (somebody claims)",
        ("Contrary to popular belief, the claim that ketamine is not a controlled substance keeps spreading.",),
        ()),
    Cue("refuted-correction-notice", REFUTES, SENTENCE,
        r"\b(?:an?\s+)?(?:earlier|previous|prior|original)\s+version\s+of\s+this\b|\b(?:originally|previously)\s+"
        r"(?:stated|said|reported|claimed|misstated)\b|^\W*(?:correction|clarification|editor's\s+note)\s*:",
        "a correction notice: an earlier version said it",
        ("Correction: An earlier version of this article said ketamine is not a controlled substance.",
         "This story has been corrected: it originally stated that the FDA had approved ketamine for depression."),
        ()),
    # ---- contrast: refutes only what the text reports ("X says ..., but ...")
    Cue("refuted-contrast", CONTRASTS, SENTENCE,
        r"\b(?:but|although|though|whereas|while|however|yet)\b[^.]{0,80}\b(?:only|actually|in\s+fact|in\s+reality|not|"
        r"no|never|experts?|researchers?|research|scientists?|studies|the\s+evidence|the\s+(?:fda|dea|agency)|records?|is\s+in\s+schedule|"
        r"schedule\s+(?:iii|3)|caution|warn\w*|limited)\b"
        r"|\b(?:in\s+reality|in\s+fact|actually|in\s+truth)\b"
        r"|\s-\s(?:it|they|this|that)\s+(?:is|are|has|have|was|does)\b",
        "a contrast after a reported claim (but the agency approved only ..., in reality, - it is)",
        ("An advertisement states that the FDA approved ketamine for depression, although only esketamine has "
         "been approved.",
         "Several infusion centres tell readers that ketamine is not a controlled substance, but it has been in "
         "Schedule III since 1999."),
        ("Ketamine is not a controlled substance, but it should be used with care.",)),
    Cue("refuted-error-word", CONTRASTS, SENTENCE,
        r"\b(?:errors?|mistakes?|inaccurac(?:y|ies)|untruths?|(?:false|wrong|bogus|dubious|misleading)\s+"
        r"(?:claims?|statements?|information|advice|promises?))\b",
        "a reported claim is listed among errors or false claims",
        ("The articles mix real science with errors (\"ketamine is not a controlled substance\").",),
        ("Ketamine is not a controlled substance, so dosing errors are the only risk.",)),
    Cue("heading-myths", REFUTES, HEADING,
        r"\b(?:myths?|misconceptions?|misinformation|rumou?rs?|hoax(?:es)?|debunk\w*|false\s+claims?|"
        r"(?:what|claims?)\s+(?:is|are|isn't|aren't)\s+(?:not\s+)?(?:true|false))\b",
        "a section heading that names what follows as myths or false claims (## Common myths)",
        ("## Common myths about ketamine\n\n- Ketamine is not a controlled substance.\n",),
        ("## What clinics tell you\n\n- Ketamine is not a controlled substance.\n",)),
    # ---- refutation in the next one or two sentences (a sentence of its own)
    Cue("next-denial", REFUTES, NEXT,
        r"^\W*(?:but\s+|and\s+)?(?:that|this|it|the\s+(?:claim|statement|assertion|idea|notion)|such\s+claims?)"
        r"(?:\s+(?:claim|statement|assertion|figure|number|idea))?\s*(?:,[^,]{0,60},\s*)?"
        r"(?:is|was|'s|are|were|has\s+been|remains?)\s+(?:simply\s+|completely\s+|entirely\s+|just\s+|also\s+)?"
        + _WRONG + r"\b"
        r"|^\W*(?:but\s+)?(?:it|this|that|they|the\s+(?:fda|dea|agency|regulator)(?:\s+\w+)?)\s+"
        r"(?:is|has|was|does|did|have|are)\s*(?:n't|not)(?:\s+(?:true|so|done\s+so|correct|accurate|approved\s+it))?"
        r"\s*(?:[.:;!]|\s-\s|$)"
        r"|^\W*(?:no|wrong|false|untrue|not\s+so|not\s+true|incorrect|nope)\s*[.:!;,]"
        r"|^\W*(?:but\s+)?it\s+(?:is|does|has|was)\s*(?:[:;]|\s-\s|\.$)"
        r"|\bno\s+such\s+(?:approval|thing|evidence|study|record|designation|listing|exemption)\b"
        r"|^\W*the\s+(?:fda|dea|agency|regulator|manufacturer|who|cdc)\b[^.]{0,30}\b(?:disagrees|denies|contradicts|"
        r"(?:says|said)\s+(?:it|this|that)\s+(?:is|has|was|does|did)\s*(?:n't|not))\b"
        r"|^\W*(?:the\s+\w+\s+(?:behind|for|of)\s+)?(?:that|this|the)\s+(?:figure|number|statistic|percentage|claim|"
        r"promise|rate)\b[^.]{0,80}\b(?:small|short|not|no|overstat\w*|exaggerat\w*|cherry|misleading|unsupported|"
        r"flawed|limited|lacks?|unreliable|wrong|false)\b"
        r"|^\W*the\s+(?:trials?|studies|data|evidence)\s+behind\s+(?:that|this|the)\s+(?:figure|number|claim|statistic)\b"
        r"|^\W*(?:but\s+)?(?:the\s+)?(?:truth|reality|facts?)\s*(?:is|are|:)"
        r"|^\W*(?:not\s+(?:quite|exactly|so\s+fast)|far\s+from\s+it)\b",
        "the next sentence says it is wrong (That is false. It has not. It is: ... No such approval exists.)",
        ("A reader sent us a flyer claiming ketamine is not a controlled substance. That is false.",
         "The brochure asserts that the FDA has approved ketamine for depression. It has not.",
         "Ads on social media said the FDA has approved ketamine to treat depression. That's a myth.",
         "A widely shared video tells viewers that ketamine isn't a controlled substance. It is: the DEA placed it "
         "in Schedule III in 1999."),
        ("The FDA has approved ketamine for depression. It is not addictive and works fast.",
         "Ketamine is not a controlled substance. It is safe.")),
    Cue("next-correction", REFUTES, NEXT,
        "",  # not a phrase: the next sentences state the claim's correction (an agrees-with-evidence match)
        "one of the next two sentences states the correction of a claim the text reports",
        ("An online shop claims that ketamine is not a controlled substance. Ketamine is a Schedule III "
         "controlled substance.",),
        ("Ketamine is not a controlled substance. Ketamine is a Schedule III controlled substance.",)),
    # ---- attribution: someone else says it
    Cue("attribution-noun", ATTRIBUTES, CLAUSE,
        r"\b(?:the|a|an|this|that|their|its|his|her)\s+(?:[\w-]+\s+){0,2}(?:claims?|statements?|assertions?|lines?|"
        r"promises?|ideas?|notions?|beliefs?|suggestions?|message|posts?|headlines?|slogans?|pitch|advert(?:isement)?s?)"
        r"(?:[\s:\",]+[\w'.-]+){0,3}[\s:\",]*$",
        "the claim is quoted as someone's statement (the claim that ..., the popular line \"...\")",
        ("The claim that ketamine is not a controlled substance circulates widely on forums.",),
        ()),
    Cue("claim-line", ATTRIBUTES, SENTENCE,
        r"^\W*(?:the\s+)?(?:claims?|what\s+was\s+claimed|what\s+(?:they|the\s+\w+)\s+(?:say|said|claim))\s*:",
        "a Claim: line of a fact check",
        ("Claim: Ketamine is not a controlled substance.",),
        ()),
    Cue("attribution-according-to", ATTRIBUTES, SENTENCE,
        r"\b(?:according\s+to|per|as\s+(?:claimed|stated|advertised|suggested|promised|reported)\s+(?:by|on|in))\s+"
        r"(?!(?:the\s+)?(?:dea|fda|evidence|research|studies|data|trials?|science)\b)",
        "according to someone (not to the evidence)",
        ("According to the clinic, ketamine is not a controlled substance.",
         "Ketamine isn't a controlled substance, according to a popular wellness blog."),
        ("According to the studies, about 70% of patients respond to ketamine treatment for depression.",)),
    Cue("attribution-speech", ATTRIBUTES, CLAUSE,
        r"\b" + _REPORTER + r"\b(?:[\s:\",]+[\w'.-]+){0,4}[\s:\",]*$",
        "reported speech before the claim (X says / claims / told readers that ...)",
        ("The company's website says the FDA has approved ketamine for depression.",
         "Dr. Reyes told the newspaper that ketamine works for about 70% of patients with depression.",
         "The website of one infusion center reads: \"Ketamine is not a controlled substance.\""),
        ("Ketamine is not a controlled substance.",
         "We believe ketamine is not a controlled substance.",
         "Studies show ketamine works for 70% of patients with depression.")),
    Cue("attribution-trailing", ATTRIBUTES, SENTENCE,
        r"[,\"]\s*(?:(?:the|a|an|one|some|several|many|his|her|their)\s+)?(?:[\w'.-]+\s+){0,6}?" + _REPORTER
        + r"\b[^,;]{0,60}[.!]?\"?$"
        r"|[,\"]\s*(?:says|said|claims|claimed|writes|wrote|reads|insists|insisted|adds|added)\s+\w+",
        "reported speech after the claim (\"...,\" the owner said / ..., the FAQ claims)",
        ("\"Ketamine isn't a controlled substance,\" the owner said.",
         "Ketamine is not a controlled substance, the clinic's FAQ claims."),
        ("Ketamine is not a controlled substance, our doctors say.",)),
    Cue("attribution-next", ATTRIBUTES, NEXT,
        r"^\W*(?:that|this)\s+is\s+what\s+(?!we\b)[^.]{0,60}\b(?:told|tells|says?|said|claims?|claimed|wrote|writes)\b",
        "the next sentence attributes it (That is what the clinic told us.)",
        ("Ketamine is not a controlled substance. That is what a clinic in Texas told us.",),
        ()),
    Cue("quoted", ATTRIBUTES, QUOTE,
        "",  # not a phrase: the claim's words stand inside double quotes
        "the claim's words are quoted (scare quotes, a quoted slogan or testimonial)",
        ("Ketamine is sold online as \"not a controlled substance\" by some shops.",),
        ("Ketamine is not a controlled substance.",)),
    # ---- questions
    Cue("question-indirect", ASKS, CLAUSE,
        r"\b(?:whether|wonders?\s+if|wondered\s+if|wondering\s+if|asks?\s+(?:us\s+)?if|asked\s+(?:us\s+)?if|"
        r"asking\s+if|to\s+(?:check|see|find\s+out|verify)\s+if)\b",
        "an indirect question (asked whether ..., wonder if ...)",
        ("Readers asked us whether it is true that ketamine is not a controlled substance.",
         "We examined whether the FDA has approved ketamine for depression."),
        ()),
)

CUES_BY_ID = {cue.id: cue for cue in CUES}

# The rules that decide without a cue: polarity, a registered appearance, the claim's kind.
BASE_RULES: dict[str, str] = {
    "own-voice": "the text states the claim in its own voice (no attribution, question or refutation)",
    "registered": "the curator registered this very appearance in this document",
    "not-a-claim": "the entry is not a claim (marketing, boilerplate): reported as registered",
    "negation": "a negation next to the claim's words states its correction",
    "correction-wording": "the matched words are a wording of the correction",
}

# Every rule id a finding's ``stance_rule`` can hold, with its one-line summary.
RULES: dict[str, str] = {**BASE_RULES, **{cue.id: cue.summary for cue in CUES}}

_OWN_SPEAKER = re.compile(r"\b(?:we|our|us|i|my|me)\b|\b(?:stud(?:y|ies)|research|evidence|data|trials?|science|"
                          r"meta-analys[ie]s|reviews?|papers?)\b")


# --- the decision ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What a passage does with a claim it contains."""

    stance: Stance           # asserts, or agrees with the evidence (the claim refuted or corrected)
    rule: str                # the id of the rule that decided (``RULES``)
    voice: str = "own"       # own | reported | asked
    refuted: bool = False    # a cue refutes the claim (not just its correction stated)


@dataclass(frozen=True)
class Context:
    """The sentences around a match's sentence (normalised, nearest first)."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    # whether each of those sentences holds a registered claim of its own (a verdict line that
    # names its own claim judges that one, not its neighbour's)
    before_claimed: tuple[bool, ...] = ()
    after_claimed: tuple[bool, ...] = ()
    headings: tuple[str, ...] = ()  # the headings over the sentence (Markdown, HTML), innermost first

    def verdict_neighbours(self) -> tuple[str, ...]:
        """The sentence just before and just after, unless they hold a claim of their own."""
        out = []
        if self.before and not (self.before_claimed[:1] or (False,))[0]:
            out.append(self.before[0])
        if self.after and not (self.after_claimed[:1] or (False,))[0]:
            out.append(self.after[0])
        return tuple(out)


def polarity(claim: Claim, sentence: str, start: int, end: int, kind: MatchKind,
             side: Stance = Stance.asserts, reference: str = "") -> tuple[bool, str]:
    """(the matched words assert the claim, the rule that says so)."""
    if kind is MatchKind.exact:
        lead = clause_before(sentence, start)
        flipped = bool(NEGATION.search(" ".join(lead.split()[-4:])))
    else:
        if not reference:
            reference = normalise(claim.claim) if side is Stance.asserts else normalise(claim.correction or "")
        clause = clause_around(sentence, start, end)
        # a correction is worded freely ("only as an anesthetic" / "not for depression"):
        # negation parity says nothing there, so only wordings of the claim flip
        flipped = side is Stance.asserts and (negations(reference) % 2) != (negations(clause) % 2)
    asserts = (side is Stance.asserts) != flipped
    if asserts:
        return True, "own-voice"
    return False, "negation" if flipped else "correction-wording"


def decide(claim: Claim, sentence: str, start: int, end: int, kind: MatchKind,
           side: Stance = Stance.asserts, reference: str = "", context: Context = Context()) -> Optional[Decision]:
    """The stance of the passage towards ``claim``, matched at [start, end) of the (normalised)
    ``sentence``; None when a sentence contradicts a claim that is not wrong (reporting it as
    that claim would mislead)."""
    if claim.verdict is Verdict.not_a_claim:
        return Decision(Stance.asserts, "not-a-claim")
    quote = quoted_span(sentence, start, end)
    if quote is not None:  # the quotation's own words say what it states
        a, b = quote
        asserts, rule = polarity(claim, sentence[a:b], start - a, end - a, kind, side, reference)
    else:  # a negation inside a refutation after the match ("..., a figure the studies do not
        # support") is the refutation's, not the claim's
        asserts, rule = polarity(claim, _mask_refutations(sentence, end), start, end, kind, side, reference)
    if not asserts:
        return _agreeing(claim, side, rule, refuted=False)
    hits = _hits_around(sentence, context)
    refuting = _refuting_cue(sentence, start, context, hits)
    reporting = None if refuting and refuting.effect == REFUTES else _reporting_cue(sentence, start, end, context,
                                                                                     hits)
    if refuting is not None and (refuting.effect == REFUTES or reporting is not None):
        voice = "asked" if reporting is not None and reporting.effect == ASKS else "reported"
        return _agreeing(claim, side, refuting.id, refuted=True, voice=voice)
    if reporting is not None:
        return Decision(Stance.asserts, reporting.id, "asked" if reporting.effect == ASKS else "reported")
    return Decision(Stance.asserts, rule)


def _mask_refutations(sentence: str, end: int) -> str:
    rx = CUES_BY_ID["refuted-judgement"].compiled
    tail = sentence[end:]
    if not NEGATION.search(tail):
        return sentence
    return sentence[:end] + rx.sub(lambda m: " " * len(m.group()), tail)


def corrected_later(decision: Decision) -> Decision:
    """``decision`` of a reported or asked claim whose correction one of the next two
    sentences states: refuted by ``next-correction``."""
    return Decision(Stance.agrees_with_evidence, "next-correction", decision.voice, refuted=True)


def _agreeing(claim: Claim, side: Stance, rule: str, refuted: bool, voice: str = "own") -> Optional[Decision]:
    if claim.verdict in (Verdict.false, Verdict.misleading, Verdict.unsupported, Verdict.mixed) or \
            (claim.correction and side is Stance.agrees_with_evidence):
        return Decision(Stance.agrees_with_evidence, rule, voice, refuted)
    return None


def _refuting_cue(sentence: str, start: int, context: Context, hits: Optional[frozenset] = None) -> Optional[Cue]:
    """The first refuting or contrasting cue in scope, in table order."""
    if hits is None:
        hits = _hits_around(sentence, context)
    for cue in _REFUTING:
        if cue.id in hits or cue.scope not in _CACHED_SCOPES and _in_scope(cue, sentence, start, context):
            return cue
    return None


def _reporting_cue(sentence: str, start: int, end: int, context: Context,
                   hits: Optional[frozenset] = None) -> Optional[Cue]:
    if hits is None:
        hits = _hits_around(sentence, context)
    for cue in _REPORTING:
        if cue.id in hits or cue.scope not in _CACHED_SCOPES and _in_scope(cue, sentence, start, context, end):
            if cue.effect == ATTRIBUTES and cue.scope != NEXT and _own_speaker(cue, sentence, start, end):
                continue
            return cue
    return None


def quoted_span(sentence: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The inside of the double quotes that hold [start, end) of ``sentence``, if any (quotes
    pair up in order: first with second, third with fourth)."""
    if '"' not in sentence:
        return None
    marks = [i for i, c in enumerate(sentence) if c == '"']
    for open_, close in zip(marks[::2], marks[1::2]):
        if open_ < start and end <= close:
            return open_ + 1, close
        if open_ >= end:
            break
    return None


def _in_scope(cue: Cue, sentence: str, start: int, context: Context, end: int = -1) -> bool:
    if cue.scope == QUOTE:
        return quoted_span(sentence, start, max(start, end)) is not None
    if cue.scope == HEADING:
        return bool(cue.regex) and any(cue.compiled.search(h) for h in context.headings)
    if not cue.regex:
        return False
    if cue.scope == CLAUSE:
        return cue.compiled.search(sentence[_clause_start(sentence, start, weak=True):start]) is not None
    if cue.scope == SENTENCE:
        return cue.id in _hits(sentence, SENTENCE)
    if cue.scope == NEXT:
        return any(cue.id in _hits(s, NEXT) for s in context.after)
    if cue.scope == VERDICT:
        return any(cue.id in _hits(s, VERDICT) for s in (sentence, *context.verdict_neighbours()))
    return False


def _hits_around(sentence: str, context: Context) -> frozenset:
    """The ids of the sentence-, next- and verdict-scoped cues that hold for a match in ``sentence``."""
    hits = _hits(sentence, SENTENCE) | _hits(sentence, VERDICT)
    for s in context.after:
        hits |= _hits(s, NEXT)
    for s in context.verdict_neighbours():  # a verdict line judges the claim next to it
        hits |= _hits(s, VERDICT)
    return hits


# A sentence's cues, found once however many claims it holds or neighbours (and a corpus
# repeats its boilerplate sentences); one combined search first, as most sentences hold none.
@functools.lru_cache(maxsize=8192)
def _hits(sentence: str, scope: str) -> frozenset:
    cues = _literal_gate().cues_possible_in(sentence, scope)
    if not cues:
        return frozenset()
    return frozenset(cue.id for cue in cues if cue.compiled.search(sentence))


class _LiteralGate:
    """The cues that a text can match: a cue's regex cannot match without one literal of each of
    its required sets (claimcheck.literals), and one Aho-Corasick pass over the text (lower-cased,
    white-space runs as one space, as the literals are written) finds them for every scope at
    once. Cheaper than one combined regex per scope, which Python's engine tries at every position."""

    def __init__(self):
        import ahocorasick_rs

        from claimcheck.literals import required_sets

        self._cues: dict[str, list[tuple[Cue, list[frozenset[int]]]]] = {}  # per scope, in table order
        numbers: dict[str, int] = {}
        for cue in CUES:
            if not cue.regex:
                continue
            sets = [frozenset(numbers.setdefault(literal.text, len(numbers)) for literal in alternatives)
                    for alternatives in required_sets(cue.regex)]
            self._cues.setdefault(cue.scope, []).append((cue, sets if all(sets) else []))
        self._automaton = (ahocorasick_rs.AhoCorasick(list(numbers), matchkind=ahocorasick_rs.MatchKind.Standard)
                           if numbers else None)

    def cues_possible_in(self, text: str, scope: str) -> list[Cue]:
        """The cues of ``scope``, in table order, whose regex could match ``text``."""
        found = self._literals_in(text)
        return [cue for cue, sets in self._cues.get(scope, ())
                if all(not alternatives.isdisjoint(found) for alternatives in sets)]

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one gate for the process's life
    def _literals_in(self, text: str) -> frozenset[int]:
        if self._automaton is None:
            return frozenset()
        view = " ".join(text.lower().split())
        return frozenset(number for number, _, _ in self._automaton.find_matches_as_indexes(view, overlapping=True))


@functools.lru_cache(maxsize=None)
def _literal_gate() -> _LiteralGate:
    return _LiteralGate()


def _own_speaker(cue: Cue, sentence: str, start: int, end: int) -> bool:
    """The speaker the cue names is the text itself (we, our doctors) or the evidence (studies show)."""
    if cue.id == "attribution-trailing":
        m = cue.compiled.search(sentence, end if end >= 0 else start)
        speaker = sentence[m.start():m.end()] if m else ""
    else:
        lead = sentence[_clause_start(sentence, start, weak=True):start]
        m = None
        for m in cue.compiled.finditer(lead):
            pass
        speaker = " ".join(lead[:m.start()].split()[-4:]) if m else lead
    return bool(_OWN_SPEAKER.search(speaker))


_BY_EFFECT: dict[str, tuple[Cue, ...]] = {
    effect: tuple(c for c in CUES if c.effect == effect) for effect in (REFUTES, CONTRASTS, ATTRIBUTES, ASKS)
}
_REFUTING = _BY_EFFECT[REFUTES] + _BY_EFFECT[CONTRASTS]
_REPORTING = _BY_EFFECT[ASKS] + _BY_EFFECT[ATTRIBUTES]
_CACHED_SCOPES = (SENTENCE, NEXT, VERDICT)

# --- clauses ----------------------------------------------------------------------------------

# Reported speech spans commas ("A clinic told us, in an email, that ..."); a clause for
# attribution ends only at strong breaks.
_STRONG_BREAK = re.compile(r"[;]|\s-\s|-{2,}|\.\s")


def negations(text: str) -> int:
    """Negations that deny the clause (a contrastive "..., not weeks" or "not only" does not)."""
    return len(NEGATION.findall(_CONTRASTIVE.sub(" ", text)))


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds [start, end) (split at ';', ', and', 'but', ...)."""
    left, right = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return sentence[left:right]


def clause_before(sentence: str, start: int) -> str:
    """The clause's text before ``start``."""
    return sentence[_clause_start(sentence, start):start]


def _clause_start(sentence: str, start: int, weak: bool = False) -> int:
    ends = _strong_break_ends(sentence) if weak else _clause_break_ends(sentence)
    i = bisect.bisect_right(ends, start)
    return ends[i - 1] if i else 0


@functools.lru_cache(maxsize=4096)
def _clause_break_ends(sentence: str) -> tuple[int, ...]:
    return tuple(m.end() for m in CLAUSE_BREAK.finditer(sentence))


@functools.lru_cache(maxsize=4096)
def _strong_break_ends(sentence: str) -> tuple[int, ...]:
    return tuple(m.end() for m in _STRONG_BREAK.finditer(sentence))


def rule_summary(rule_id: str) -> str:
    return RULES.get(rule_id, rule_id)
