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
from dataclasses import dataclass, field
from typing import Callable, Optional

from claimcheck.matching.base import SPELLINGS
from claimcheck.matching.topic import SENTENCE_TREATMENT
from claimcheck.model import Claim, MatchKind, Stance, Verdict
from claimcheck.text import normalise

# --- polarity: negation and clauses (what the matched words themselves say) ---------------

NEGATION = re.compile(
    r"\b(?:not|no longer|never|neither|nor|without|cannot|lacks?|lacking|isn't|aren't|wasn't|weren't|hasn't|"
    r"haven't|hadn't|doesn't|don't|didn't|won't|can't|isnt|hasnt|doesnt|dont)\b|n't\b"
    r"|\b(?:is|are|was|were)\s+no\b(?!\s+longer)"  # "ketamine is no miracle cure"
)
CLAUSE_BREAK = re.compile(r"[;:]|\s-\s|-{2,}|,\s*(?:and|or|so|yet|which|where)\b|\b(?:but|however|whereas|while|although|though|only)\b")
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
BLOCK = "block"          # the sentence stands in a block quote (Markdown "> ...")
PREVIOUS = "previous"    # one of the two sentences before it, which announces what follows

# Effects
ATTRIBUTES = "attributes"  # someone else says it: the text reports the claim
ASKS = "asks"              # the text asks whether the claim holds
REFUTES = "refutes"        # the text says the claim is wrong
CONTRASTS = "contrasts"    # refutes, but only a claim the text reports ("but", "in fact", "although only")
HEDGES = "hedges"          # the text's own claim, hedged ("is believed to", "researchers think"): not attribution
QUALIFIES = "qualifies"    # the sentence states the limit the claim's flag is about (``Cue.flag``): its correction


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
    flag: str = ""  # a qualifying cue holds only for claims with this flag


    @functools.cached_property
    def compiled(self) -> re.Pattern:
        return re.compile(self.regex)


_WRONG = (r"(?:false|untrue|not true|wrong|incorrect|inaccurate|not accurate|not correct|mistaken|misleading|"
          r"a myth|baseless|unfounded|unsubstantiated|unsupported|not supported|bogus|fake|a falsehood|not the case|nonsense|"
          r"exaggerated|overstated|overblown|premature|unproven|an?\s+(?:exaggeration|overstatement|"
          r"oversimplification|misconception|half-truth|misreading|misinterpretation|misrepresentation|"
          r"mischaracteri[sz]ation|misstatement)|outdated|out of date|far from (?:the truth|accurate|true)|"
          r"not quite (?:right|true|accurate)|(?:only\s+)?(?:half|partly|partially)\s+(?:right|true|correct|accurate)|inflated|over-?hyped|dubious|questionable|doubtful|a\s+stretch|"
          r"(?:missing|lacking|lacks|needs|out\s+of)\s+context|taken\s+out\s+of\s+context|cherry-?picked|"
          # a judgement of the sales kind ("... is marketing, not medicine"), not a verb ("is marketing it")
          r"(?:(?:pure|mere|clever|just)\s+)?(?:marketing|advertising)(?:\s+(?:talk|speak|spin|copy|fluff|hype|"
          r"puffery))?(?=\s*(?:[,;:.!?)]|$|,?\s+not\b|\s+and\s+nothing\b))|puffery|salesmanship|an?\s+sales\s+pitch)")
# ... and, in a sentence of its own that judges what came before ("That is a common mix-up.",
# "Regulators call that a dangerous falsehood."), words too common to judge within a sentence
_WRONG_NEXT = (r"(?:" + _WRONG + r"|an?\s+(?:(?:common|frequent|widespread|popular|persistent|dangerous|serious|simple|"
               r"classic|big|major|gross|outright|pure|basic|understandable|costly)\s+)?(?:exaggeration|overstatement|"
               r"oversimplification|misconception|half-truth|misreading|misinterpretation|misunderstanding|distortion|"
               r"mischaracteri[sz]ation|misrepresentation|misstatement|mix-?up|mistake|error|confusion|falsehood|lie|"
               r"fabrication|fiction|fantasy|fairy\s+tale)|wishful\s+thinking|(?:pure\s+|marketing\s+)?hype|"
               # "a marketing extrapolation from animal studies", "a sweeping start"
               r"an?\s+(?:[\w-]+\s+){0,2}?(?:extrapolation|overreach|leap)|an?\s+(?:[\w-]+\s+)?sweeping\s+(?:start|claim|"
               r"statement|generali[sz]ation|opening|line|assertion))")
_REPORTER = (r"(?:says?|said|claims?|claimed|claiming|suggests?|suggested|suggesting|states?|stated|stating|asserts?|"
             r"asserted|insists?|insisted|tells?|told|promises?|promised|argues?|argued|maintains?|maintained|"
             r"writes?|wrote|reads|advertises?|advertised|repeats?|repeated|calls?|called|describes?|described|"
             r"reports?|reported|alleges?|alleged|touts?|touted|boasts?|boasted|explains?|explained|"
             r"believes?|believed|thinks?|thought|posts?|posted|shares?|shared|spreads?|spread|"
             r"announces?|announced|declares?|declared|(?:holds?|held)\s+that|"
             # what a piece concludes or proclaims ("The article concludes that ...")
             r"concludes?|concluded|concluding|implies|implied|insinuates?|insinuated|proclaims?|proclaimed|"
             r"trumpets?|trumpeted|vows?|vowed|"
             # what a piece cites or points its readers to ("The clinic points readers to a Yale study in which ...")
             r"cites?|cited|citing|invokes?|invoked|"
             r"(?:points?|pointed|pointing|refers?|referred|referring|directs?|directed|directing)\s+(?:its\s+|their\s+|"
             r"his\s+|her\s+)?(?:readers|visitors|patients|people|customers|clients|followers|viewers|listeners|users)\s+to|"
             # what others expect or sell it as ("patients expect ...", "clinics market ketamine as")
             r"expects?|expected|expecting|assumes?|assumed|imagines?|imagined|"
             r"(?<!the\s)(?<!a\s)(?<!black\s)(?<!grey\s)(?<!gray\s)(?<!street\s)(?<!online\s)(?<!growing\s)markets?|"
             r"pitch(?:es)?|portrays?|hails?|contends?|contended|contending|represents?|represented|swears?|swore|assures?|assured|heard|read\s+(?:online\s+)?that|"
             r"telling|saying|promising|insisting|arguing|maintaining|writing|advertising|repeating|calling|"
             r"describing|reporting|alleging|touting|boasting|explaining|posting|sharing|spreading|announcing|"
             r"declaring|swearing|assuring|asserting|marketing\s+\w+\s+as|pushing\s+the\s+idea|"
             # the passive of selling and praising names what is said of the subject ("is being marketed as")
             r"(?:marketed|promoted|billed|pitched|hailed|portrayed|branded|sold|presented|praised|touted|"
             r"advertised|described|heralded)\s+as)")
_VERDICT_WORD = (r"(?:false|mostly false|misleading|incorrect|inaccurate|wrong|untrue|unsupported|unproven|"
                 r"fake|pants on fire|four pinocchios|three pinocchios|exaggerated|needs context|missing context|"
                 r"lacks context|myth|fiction|debunked|partly false|half true|not true|not correct|unsubstantiated|baseless|"
                 r"no evidence|mostly untrue|overstated|overblown|inflated|cherry-?picked|out\s+of\s+context|"
                 r"unfounded|dubious|(?:only\s+)?(?:half|partly|partially)\s+(?:right|true|correct))")

# a publication (not the text itself: "this article", "our site") as the subject of a clause, with
# its verb (not a copula or an auxiliary): "The ad offered", "One post puts"
_PUBLICATION = (
    r"(?:the|a|an|one|that|its|their|his|her|another|each|every|some|[\w.&-]+'s)\s+(?:(?!(?:this|our|my)\b)[\w.&'-]+\s+){0,2}?"
    r"(?:ads?|adverts?|advertisements?|advertorials?|commercials?|infomercials?|brochures?|flyers?|fliers?|"
    r"leaflets?|pamphlets?|mailers?|websites?|web\s?sites?|sites?|homepages?|web\s?pages?|landing\s+pages?|faqs?|"
    r"posts?|tweets?|threads?|captions?|headlines?|banners?|billboards?|e-?mails?|newsletters?|videos?|reels?|"
    r"slogans?|taglines?|pitch(?:es)?|promos?|listings?|testimonials?|blogs?|articles?|columns?|op-eds?|podcasts?|"
    r"episodes?|campaigns?|press\s+releases?|segments?|documentar(?:y|ies)|infographics?|memes?|copy|scripts?)"
    r"(?:\s+\([^)]{0,40}\))?\s+(?:\w+ly\s+)?(?!(?:is|are|was|were|be|been|has|have|had|and|or|of|for|to|in|on|at|"
    r"that|which|who|with|by|from|about|itself|also|not|never|does|did|do|can|could|may|might|will|would|should|"
    r"must)\b)[a-z]+(?:\s+(?:up|out|on|off))?")

CUES: tuple[Cue, ...] = (
    # ---- verdict lines and headings (the sentence itself, or the one just before or after it)
    Cue("myth-line", REFUTES, VERDICT,
        r"^\W*(?:myths?|misconceptions?|fiction|rumou?r|hoax)\b[^.:]{0,30}:",
        "a Myth: line (a Fact: line follows)",
        ("Myth: Ketamine is not a controlled substance.\nFact: Ketamine is a Schedule III controlled substance.\n",),
        ("Myth: Ketamine is just a party drug.\nFact: Ketamine has been an important anesthetic for more than 50 "
         "years.\nMyth: Ketamine is not addictive.\nFact: Ketamine can be misused.\n",)),
    Cue("verdict-line", REFUTES, VERDICT,
        r"^\W*(?:[\w'.-]+\s+){0,2}?(?:our\s+|the\s+)?(?:verdict|rating|ruling|assessment|conclusion|bottom\s+line|fact[- ]check)\b[^.]{0,120}?"
        r"(?::|\bis\b|-)\W*" + _VERDICT_WORD + r"\b"
        r"|^\W*(?:our\s+)?(?:verdict|rating|ruling)\b[^:]{0,80}\"[^\"]*\"\s*:\W*" + _VERDICT_WORD + r"\b"
        r"|\bwe\s+rate\b[^.]{0,200}\b" + _VERDICT_WORD + r"\b"
        r"|^\W*" + _VERDICT_WORD + r"(?:\s+claim)?\W{0,3}(?::|\s-\s|\.\s*$|$)",
        "a verdict line or heading (Verdict: false, Rating: misleading, We rate this claim false, FALSE:)",
        ("Our verdict on the claim \"ketamine is not a controlled substance\": false.",
         "Claim: The FDA approved ketamine for depression.\nRating: False\n",
         "We rate the claim that ketamine is not a controlled substance False.",
         "MISLEADING: Ketamine works for 70% of people with depression.",
         "Verdict: False. The FDA has approved ketamine for depression, according to a viral post.",
         "PolitiFact's rating: False.\nA post says ketamine is not a controlled substance.\n",
         "Not true: ketamine is not a controlled substance."),
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
        r"(?:simply\s+|just\s+|plainly\s+|flatly\s+|completely\s+|entirely\s+|also\s+|still\s+|clearly\s+|"
        r"flat-out\s+|flat\s+out\s+|dead\s+|just\s+plain\s+|plain\s+|"
        r"(?!(?:hardly|scarcely|barely|rarely|seldom|only|not|never|partly|partially|slightly|arguably|possibly|"
        r"perhaps|supposedly|allegedly)\b)[a-z]+ly\s+)?"
        + _WRONG + r"\b"
        r"|\bwhich\s+(?:is|was)\s+(?:simply\s+|also\s+)?" + _WRONG + r"\b"
        # made without the evidence for it ("... without competent and reliable scientific evidence to
        # support those claims", a regulator's wording)
        r"|\bwithout\s+(?:any\s+)?(?:[\w-]+\s+){0,4}?(?:evidence|proof|substantiation|basis)\s+(?:to\s+(?:support|back|"
        r"substantiate|justify)|for\s+(?:them|it|this|that|those|these|the\s+claims?))\b"
        # a verdict in an aside that ends its clause ("- an easy line, but not quite right.")
        r"|\bbut\s+(?:also\s+|simply\s+|plainly\s+|just\s+)?" + _WRONG + r"\s*(?=[.!;:)]|$)"
        r"|\b(?:does|do|did)\s*(?:not|n't)\s+hold\s+(?:up|water)\b"
        r"|\b(?:no|little|scant|scarce|weak|insufficient|limited)\s+(?:truth|basis|evidence|record|proof|sign|indication|data|"
        r"support)\s+(?:to|for|that|behind|of)\b"
        # the text distances itself ("... would have you believe", "or so they say")
        r"|\bwould\s+have\s+(?:you|us|readers|patients|people|consumers|customers|the\s+public)\s+believe\b"
        r"|\b(?:led|misled|made|encouraged)\s+to\s+believe\b"
        # "If you believe the ads, ...", "to hear the seller tell it"
        r"|\bif\s+(?:you|one)\s+(?:believe|trust|listen\s+to|buy|take)\s+(?!(?:the\s+)?(?:research|evidence|studies|data|"
        r"trials?|science|fda|dea)\b)(?:the|their|its|his|her|some|these|those|[\w.&-]+'s)\s+(?:[\w'-]+\s+){0,2}?"
        r"(?:ads?|adverts?|advertising|marketing|hype|brochures?|clinics?|sellers?|websites?|sites?|influencers?|"
        r"promoters?|posts?|claims?|headlines?|pitch|salespeople|word)\b(?:\s+at\s+(?:its|their|his|her)\s+word)?"
        r"|\bto\s+hear\s+(?:[\w'.&-]+\s+){1,4}?tell\s+it\b"
        r"|\bor\s+so\s+(?:[\w'-]+\s+){0,3}?(?:says?|said|claims?|claimed|insists?|insisted|argues?|argued|"
        r"maintains?|maintained|promises?|promised|goes|went|would\s+have|wants?|wanted|"
        r"(?:you|one|we|they|people)(?:'d|\s+would|\s+might|\s+could)\s+(?:think|believe|assume|gather))\b"
        r"|\b(?:an?\s+(?:claim|assertion|figure|number|description|statement|promise|statistic|representation|"
        r"idea|notion|suggestion|label)(?:\s+(?:that|which))?|which|that)\s+"
        r"(?:the\s+[\w']+(?:\s+[\w']+){0,2}|experts?|researchers?|scientists?|doctors?|psychiatrists?|physicians?|regulators?|"
        r"studies|the\s+evidence|it|they|officials?|critics?)\s+"
        r"(?:itself\s+|later\s+|has\s+|have\s+)?(?:rejects?|rejected|contradicts?|contradicted|disputes?|disputed|"
        r"refutes?|refuted|denies|denied|debunked|challenged|questioned|contested|rebutted|dismissed|calls?\s+" + _WRONG
        + r"|called\s+" + _WRONG
        + r"|says?\s+(?:is|was)\s+" + _WRONG + r"|said\s+(?:is|was)\s+" + _WRONG
        + r"|(?:do|does|did)\s+not\s+support)\b"
        r"|\b(?:dispute[sd]?|disputing|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|den(?:y|ies|ied|ying)|debunk(?:s|ed|ing)?|refut(?:e|es|ed|ing)|"
        r"challeng(?:e|es|ed|ing)|contest(?:s|ed|ing)?|doubt(?:s|ed|ing)?|contradict(?:s|ed|ing)?|undercut(?:s|ting)?|"
        r"undermin(?:e|es|ed|ing))\s+(?:the|this|that|these|those|such)\s+"
        r"(?:[\w-]+\s+)?(?:claims?|assertions?|ideas?|notions?|suggestions?|statements?|figures?|promises?)\b"
        r"|\b(?:these|those|such|the)\s+(?:estimates?|figures?|numbers?|statistics?|rates?|claims?)\s+(?:[\w-]+\s+){0,6}?"
        r"(?:overstat\w*|exaggerat\w*|(?:were|was|are|is)\s+(?:based\s+on\s+)?(?:small|flawed|limited|biased|weak|cherry)\w*)\b"
        r"|\boverstates?\b|\bexaggerates?\b|\bnot\s+(?:supported|backed)\s+by\b"
        # promising more than the evidence gives ("a slogan that overpromises", "promises more than the trials show")
        r"|\b(?:overpromis(?:es|ed|ing)|oversells?|oversold|overselling|overclaim(?:s|ed|ing)?|overreach(?:es|ed|ing)?|"
        r"overstat(?:es|ed|ing))\b"
        # a wish for it to be true, as the answer to a quoted claim ("... " - if only.)
        r"|(?:[\"]\s*[-\u2013\u2014,:]+|\s[-\u2013\u2014]+)\s*if\s+only\s*(?:[.!]|$)"
        # it cannot be checked ("an unnamed 'Yale study' with no reference cannot be checked")
        r"|\b(?:cannot|can't|could\s*not|couldn't)\s+be\s+(?:independently\s+)?(?:checked|verified|confirmed|traced|"
        r"located|identified|substantiated)\b"
        r"|\bmore\s+than\s+(?:the\s+|any\s+)?(?:evidence|trials?|studies|data|research|science)\s+(?:\w+\s+)?"
        r"(?:shows?|showed|supports?|supported|delivers?|delivered|justif(?:y|ies)|warrants?|allows?|can\s+(?:support|show))\b"
        r"|\b(?:unsupported|unbacked|uncorroborated|contradicted|refuted|undermined|belied)\s+by\b"
        r"|\b(?:could|can)\s*(?:not|n't)\s+be\s+further\s+from\s+the\s+truth\b"
        r"|\"\s*(?:is|are|was|were)\s*(?:not|n't)\s+(?:a\s+(?:real\s+)?thing|real|true|a\s+fact)\b"
        # an appositive that no one holds it ("a position no regulator shares", "a promise few patients see kept")
        r"|\ban?\s+(?:claim|position|promise|number|figure|view|idea|statement|notion|belief|assertion)\s+(?:that\s+|which\s+)?"
        r"(?:no|few|none\s+of\s+the|hardly\s+any)\s+(?:[\w'-]+\s+){0,2}?(?:shares?|supports?|accepts?|backs?|sees?|believes?|"
        r"endorses?|repeats?|confirms?)\b"
        r"|\b(?:falls?|fell)\s+apart\b|\b(?:does|do|did)\s*(?:not|n't)\s+survive\s+(?:scrutiny|a\s+closer\s+look)\b"
        r"|\b(?:sounds?|seems?|looks?)\s+(?:\w+\s+)?too\s+good\s+to\s+be\s+true\b"
        # a verdict in brackets after the claim ("that ketamine is not a controlled substance (false)")
        r"|\(\s*(?:rated\s+|verdict:\s*|rating:\s*)?(?:also\s+|mostly\s+|partly\s+|largely\s+)?(?:false|untrue|wrong|"
        r"incorrect|inaccurate|misleading|unsupported|unproven|exaggerated|not\s+true|a\s+myth|myth|debunked)\s*[.!]?\s*\)"
        r"|\b(?:no\s+one|nobody)\s+should\s+(?:claim|say|believe|tell|suggest|think|promise)\b"
        r"|\b(?:do\s+not|don't|never)\s+(?:believe|trust|listen\s+to|fall\s+for)\s+(?:anyone|anybody|those|people|"
        r"clinics|sites|websites|ads|adverts|sellers|claims|promises)\b"
        # "but don't believe it", "- if only that were true", "is news to the DEA", "go beyond what trials show"
        r"|\bbut\s+(?:don't|do\s+not|never)\s+(?:believe|buy|trust|fall\s+for)\s+(?:it|that|this|them|a\s+word)\b"
        r"|\bif\s+only\s+(?:that|this|it)\s+were\s+(?:true|so|the\s+case)\b"
        r"|\b(?:is|would\s+be|will\s+be|was)\s+(?:news|a\s+surprise)\s+to\s+(?:the\s+)?(?:dea|fda|agency|regulators?|"
        r"doctors?|pharmacists?|experts?|researchers?|scientists?|psychiatrists?)\b"
        r"|\b(?:go|goes|went|going)\s+(?:well\s+|far\s+|way\s+)?beyond\s+(?:what\s+)?(?:the\s+)?(?:evidence|data|"
        r"trials?|studies|research|science)\b"
        # the record denied as its source ("..., which is not what the trials show")
        r"|\b(?:not|n't)\s+(?:quite\s+|exactly\s+|at\s+all\s+)?what\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|"
        r"trials?|evidence|data|research|records?|science|literature|label|researchers?|scientists?)\s+(?:actually\s+|"
        r"really\s+|ever\s+)?(?:show|shows|showed|shown|say|says|said|found|find|finds|support|supports|suggest|"
        r"suggests|report|reported)\b",
        "the sentence judges the statement wrong (which is wrong, is false, a claim the FDA rejects, "
        "does not hold up, overstates the evidence)",
        ("The clinic's website says ketamine is not a controlled substance, which is wrong.",
         "The popular line that \"ketamine is not a controlled substance\" is simply wrong.",
         "The website's line that ketamine is a miracle cure is marketing, not medicine.",
         "\"Ketamine is not a controlled substance\" - an easy line, but not quite right.",
         "The FTC says the company advertised that the FDA approved ketamine for depression, without competent and "
         "reliable scientific evidence to support the claim.",
         "The clinic's slogan that ketamine is a game-changer is pure marketing.",
         "Ketamine is not a controlled substance, or so the seller claimed.",
         "Ketamine is FDA-approved for depression - or so you'd think from the ads.",
         "Some clinics advertise that the FDA has approved ketamine for depression, a claim the FDA itself rejects.",
         "No one should claim that the FDA has approved ketamine for depression.",
         "Do not believe anyone who tells you ketamine is not a controlled substance.",
         "Posts claiming ketamine is not a controlled substance are missing context.",
         "You may read that ketamine is not a controlled substance, but don't believe it.",
         "The data contradict the idea that ketamine's antidepressant effects are sustained for months.",
         "Ketamine being \"not a controlled substance\" is news to the DEA.",
         "Ketamine's antidepressant effects are sustained, lasting weeks or even months - if only that were true.",
         "Claims that ketamine's antidepressant effects are sustained for months go beyond what trials show.",
         "Ads would have you believe that ketamine is a revolutionary breakthrough in depression treatment.",
         "We found no record that the FDA approved ketamine for depression.",
         "Pharmacologists reject the notion that ketamine is not a controlled substance.",
         "Promoters say about 70% of patients respond to ketamine, a figure psychiatrists called inflated.",
         "The review found little support for the claim that ketamine's effects last weeks or even months.",
         "Some patients have been led to believe that ketamine is not a controlled substance.",
         "If you believe the ads, about 70% of patients respond to ketamine treatment for depression.",
         "To hear the seller tell it, ketamine is not a controlled substance.",
         "Dr. Lee dismissed the idea that ketamine is not a controlled substance.",
         "Clinic owners often say about 70% of patients respond to ketamine, a claim that researchers have "
         "challenged.",
         "A reseller says ketamine is not a controlled substance, a claim contradicted by federal law.",
         "Advertisers say ketamine is not a controlled substance, which could not be further from the truth.",
         "Reminder that \"FDA-approved ketamine for depression\" is not a thing.",
         "Among the claims we checked: that ketamine is not a controlled substance (false) and that it is legal "
         "to import (also false).",
         "The seller insists ketamine is not a controlled substance, a position no regulator shares.",
         "My therapist says ketamine works for 70% of people, which honestly sounds too good to be true.",
         "The ad claims ketamine works for 70% of patients, a number that falls apart under scrutiny.",
         "The brochure claims the FDA approved ketamine for depression, a claim the agency's own records "
         "contradict.",
         "Clinics say about 70% of patients respond to ketamine treatment for depression, which is not what the "
         "published trials show.",
         "The ad says about 70% of patients respond to ketamine treatment for depression; that figure is "
         "cherry-picked from one small trial.",
         "The clinic's tagline calls ketamine infusions a lifesaver for people with depression, anxiety and chronic "
         "pain, which promises more than the trials show."),
        ("Ketamine is not a controlled substance, and anyone who says otherwise is wrong.",
         "If you believe the research, about 70% of patients respond to ketamine treatment for depression.",
         "Ketamine is not a controlled substance.",
         "Ketamine is not a controlled substance (false positives on drug tests are another matter).",
         "Ketamine works for about 70% of patients, so giving up on it is a mistake.",
         "Our ketamine therapy is a game-changer, and our team is marketing it nationwide.",
         "Ketamine is a game-changer: that is not marketing, it is science.",
         "Ketamine is not a controlled substance, but wrong dosing is dangerous.")),
    Cue("refuted-unsettled", REFUTES, SENTENCE,
        # the text says it is not known whether the claim holds: not established
        r"\b(?:it\s+is|it's|it\s+remains|remains|is\s+still|it\s+is\s+still)\s+(?:still\s+)?(?:unclear|unknown|uncertain|"
        r"not\s+(?:yet\s+)?(?:known|clear|established)|unproven|debated|an\s+open\s+question|unsettled)\s+(?:whether|if)\b"
        r"|\bwhether\b[^.;:]{5,200}?\b(?:is|remains?)\s+(?:still\s+)?(?:unclear|unknown|uncertain|not\s+(?:yet\s+)?"
        r"(?:known|clear|established)|unproven|debated|an\s+open\s+question|unsettled)\b",
        "the text says it is not known whether the claim holds (it is unknown whether ..., whether ... is unclear)",
        ("It is unknown whether LENS and ketamine work through similar mechanisms.",
         "Whether ketamine improves people's memory and ability to learn by regrowing synapses is still unclear."),
        ("LENS neurofeedback and ketamine work through similar mechanisms, whether or not you believe it.",
         "It is unclear to us why anyone doubts it: ketamine is not a controlled substance.")),
    Cue("refuted-contrary", REFUTES, SENTENCE,
        # "contrary to popular belief, <claim>" asserts the claim: only a claim inside the phrase is refuted
        r"\b(?:contrary\s+to|despite|in\s+spite\s+of)\s+(?:(?:the|popular|common|widespread|persistent|repeated|"
        r"online|many|some|their|its)\s+)*(?:claims?|assertions?|beliefs?|reports?|rumou?rs?|suggestions?|promises?|"
        r"ads|adverts|advertising|marketing)\s+(?:[\w'-]+\s+){0,3}?that\b"
        r"|\bis\s+often\s+said\b|\bare\s+often\s+told\b",
        "contrary to claims that, despite claims that (the claim inside the phrase)",
        ("Contrary to claims on social media that ketamine is not a controlled substance, it is in Schedule III.",
         "Despite repeated claims that the FDA has approved ketamine for depression, only esketamine is approved."),
        ("Contrary to popular belief, the FDA has approved ketamine for depression.",)),
    Cue("refuted-no-evidence", REFUTES, CLAUSE,
        # a negated search or a missing record whose complement is the claim: the writer looked for it
        r"\b(?:no|not(?!\s+only)|n't|never|unable\s+to|failed\s+to|fails\s+to|without|nothing|lacks?|lacking)\b"
        r"(?:\s+[\w'-]+){0,4}?\s+(?:evidence|proof|records?|sign|indication|data|documentation|trace|support|basis|"
        r"stud(?:y|ies)|trials?|papers?|research|reviews?)\s+"
        r"(?:at\s+all\s+|whatsoever\s+)?(?:that|for\s+the\s+(?:claim|idea|notion)\s+that|showing(?:\s+that)?|in\s+which|"
        r"(?:has|have)\s+(?:ever\s+|yet\s+)?(?:shown|found|demonstrated|established|confirmed)(?:\s+that)?|"
        r"to\s+(?:suggest|show|support|indicate)(?:\s+that)?|"
        # "No study shows that ...", "no evidence supports the idea that ..."
        r"(?:shows?|suggests?|supports?|proves?|finds|found|demonstrates?|indicates?|confirms?|backs\s+up)\s+"
        r"(?:(?:the\s+)?(?:claim|idea|notion|view)\s+)?that)\s+(?:(?:the|a|an)\s+|[\"'])?$"
        # "Nothing suggests ketamine is ...": nothing said so
        r"|\b(?:nothing|little|none\s+of\s+(?:it|this|that|them))\s+(?:in\s+(?:the|its|their)\s+[\w'-]+\s+)?"
        r"(?:suggests?|shows?|indicates?|supports?|proves?|backs\s+up)(?:\s+that)?\s+(?:(?:the|a|an)\s+)?$"
        # "None of the studies we read found that ...": the studies looked at did not find it
        r"|\b(?:none\s+of\s+(?:the|these|those|its|their)|neither\s+of\s+the)\s+(?:[\w'-]+\s+){0,2}?(?:stud(?:y|ies)|"
        r"trials?|papers?|reviews?|experiments?|scans?)\s+(?:[\w'-]+\s+){0,3}?(?:found|find|showed|shows?|demonstrated|"
        r"established|confirmed|proved|reported)\s+(?:that\s+)?(?:(?:the|a|an)\s+)?$"
        # "we found no [published Yale study] in which ...": the claim's own thing was not found
        r"|\b(?:found|find|locate|located|identif(?:y|ied)|turned\s+up|turn\s+up)\s+no\s+(?:(?:published|such|record\s+of\s+"
        r"(?:a|an|the|any))\s+)?$"
        # "Nobody has shown that ...": no one established the claim
        r"|\b(?:no\s+one|nobody|no\s+(?:researchers?|scientists?|studies|trials?))\s+(?:has|have|had)\s+(?:ever\s+|yet\s+)?"
        r"(?:shown|proven|proved|demonstrated|established|found)\s+that\s+(?:(?:the|a|an)\s+)?$",
        "the claim is what no evidence or record was found for (we were unable to find any evidence that ...)",
        ("We were unable to turn up any record that the FDA has approved ketamine for depression.",
         "None of the trials we read found that about 70% of patients respond to ketamine treatment for "
         "depression.",
         "We found no study showing that ketamine's effects last for months.",
         "Nobody has shown that ketamine improves people's memory and ability to learn by regrowing synapses.",
         "Reporters who searched the agency's files failed to locate documentation that the FDA approved ketamine "
         "for depression.",
         "The reporters were unable to locate a single record showing that the FDA approved ketamine for "
         "depression.",
         "Our reporters found no published Yale School of Medicine study in which patients who had failed two "
         "antidepressants were given ketamine or saline.",
         "No published trial has shown that ketamine improves people's memory and ability to learn by regrowing "
         "synapses.",
         "No study shows that ketamine is a miracle cure.",
         "No evidence supports the idea that ketamine improves people's memory and ability to learn by regrowing "
         "synapses.",
         "Nothing in the trials suggests ketamine is a game-changer for depression."),
        ("Not only is there evidence that ketamine is not a controlled substance, there is a law.",
         "Ketamine is not a controlled substance, and we have evidence that it works.",
         "A new study shows that ketamine is a miracle cure.",
         "Nothing else works, but ketamine is a game-changer for depression.")),
    Cue("refuted-correction-notice", REFUTES, SENTENCE,
        r"\b(?:an?\s+)?(?:earlier|previous|prior|original)\s+version\s+of\s+this\b|\b(?:originally|previously)\s+"
        r"(?:stated|said|reported|claimed|misstated)\b|^\W*(?:correction|clarification|editor's\s+note)\s*:"
        r"|\b(?:updated|corrected|amended|revised|edited)\s+to\s+(?:correct|remove|fix|delete)\b"
        r"|\b(?:corrects?|corrected|correcting|retract(?:s|ed|ing)?|withdr[ae]w|withdrawn)\s+(?:an?\s+|the\s+|their\s+|its\s+|his\s+|her\s+)?"
        r"(?:\w+\s+)?(?:statements?|claims?|errors?|sentences?|reports?|stor(?:y|ies)|articles?|posts?|reporting)\b",
        "a correction notice: an earlier version said it",
        ("Correction: An earlier version of this article said ketamine is not a controlled substance.",
         "This story has been corrected: it originally stated that the FDA had approved ketamine for depression.",
         "This article was updated to correct a statement that the FDA had approved ketamine for depression.",
         "Several outlets reported that the FDA had approved ketamine for depression; they later corrected their "
         "stories."),
        ("Ketamine is not a controlled substance, and we have updated our prices.",)),
    Cue("refuted-sanction", CONTRASTS, SENTENCE,
        # a regulator's or publisher's action against what was said: a ruling, an order to stop,
        # a page taken down (only a claim the text reports: "ketamine was pulled from hospitals"
        # in the text's own voice is the claim itself)
        r"\b(?:breach(?:ed|es)?|broke|breaks|violat(?:ed|es|e|ing)|contravened?|contravenes|infringed?|infringes|"
        r"fell\s+foul\s+of|falls?\s+foul\s+of)\s+(?:[\w'-]+\s+){0,3}?(?:code|codes|rules?|laws?|regulations?|acts?|"
        r"guidelines?|standards?)\b"
        r"|\b(?:stop|cease|quit|refrain\s+from)\s+(?:saying|claiming|stating|advertising|telling|promising|suggesting|"
        r"implying|marketing|describing|calling|making\s+(?:the|that|this|such)\s+claims?)\b"
        r"|\b(?:must|may|should)\s+not\s+(?:appear|run|be\s+(?:repeated|used|shown|published|broadcast))\s+again\b"
        r"|\b(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being)\s+(?:since\s+|quietly\s+|later\s+)?"
        # corrected or retracted: taken back as wrong (a page merely taken down or an ad withdrawn
        # after complaints says nothing of whether it was right)
        r"(?:retracted|banned|corrected)\b"
        r"|\bwhen\s+(?:it|they|he|she|the\s+\w+)\s+(?:corrected|retracted)\b",
        "a ruling, an order or an action against what was said (breached the code, was ordered to stop saying, "
        "the page was corrected)",
        ("The ASA ruled that the ad's claim that ketamine is a revolutionary breakthrough breached the code.",
         "The regulator ordered the clinic to stop saying ketamine is not a controlled substance.",
         "After our inquiry, the page claiming ketamine is not a controlled substance was corrected.",
         "The clinic's website claimed ketamine is not a controlled substance until last month, when it corrected "
         "the page."),
        ("Ketamine was removed from medical use and became a club drug.",
         "Ketamine is not a controlled substance, so the old warning was removed from our page.",
         "Our clinic never breaks the rules: ketamine is not a controlled substance.",
         "The ad, which promised that ketamine works for 70% of patients with depression, has been withdrawn "
         "after complaints.")),
    # ---- contrast: refutes only what the text reports ("X says ..., but ...")
    Cue("refuted-contrast", CONTRASTS, SENTENCE,
        r"\b(?:but|although|though|whereas|while|however|yet)\b[^.]{0,80}\b(?:only|actually|in\s+fact|in\s+reality|not|"
        r"no|never|experts?|researchers?|research|scientists?|studies|trials?|data|reviews?|meta-analys[ie]s|the\s+evidence|the\s+(?:fda|dea|agency)|records?|is\s+in\s+schedule|"
        r"schedule\s+(?:iii|3)|caution|warn\w*|limited|"
        # what the evidence says instead: results vary, relief is short-lived, rates are lower
        r"var(?:y|ies|ied)|temporary|short-lived|transient|fades?|faded|wears?\s+off|wore\s+off|modest|mixed|"
        r"(?:much|far|considerably)\s+(?:lower|smaller|shorter)|off-label|"
        r"(?:a|an)\s+(?:different|separate|other|another|related)\s+(?:drug|product|medicine|medication|substance|compound))\b"
        # the text answers the report in its own clause ("...; it has not", "..., which it is not")
        r"|(?:;|,\s*which|,\s*but|\s-\s)\s*(?:it|they|he|she|this|that|the\s+(?:fda|dea|agency))\s+"
        r"(?:is|are|has|have|had|was|were|does|did|do)(?:n't|\s+not)\s*(?:been\s+|so\s+)?(?:[.;:!,)]|$)"
        r"|\b(?:in\s+reality|in\s+fact|actually|in\s+truth)\b"
        r"|\s-\s(?:it|they|this|that)\s+(?:is|are|has|have|was|does)\b"
        # the reversal in brackets ("... not a controlled substance (it is, since 1999)")
        r"|\(\s*(?:it|they|this|that)\s+(?:is|are|has|have|was|does|did)\s*(?:[,):;]|\s-\s)"
        # a semicolon, then the record that answers it ("...; the DEA lists it in Schedule III")
        r"|;\s*(?:(?:the|independent|published|federal|clinical|other|larger|most|recent|controlled)\s+){0,2}"
        r"(?:fda|dea|agency|regulators?|evidence|studies|research|data|trials?|records?|law)\b"
        r"|;\s*(?:it|ketamine)\s+(?:is|has\s+been|remains)\s+(?:a\s+)?(?:controlled|scheduled|listed|in\s+schedule)\b"
        r"|;\s*(?:[\w-]+\s+){0,2}?(?:experts?|doctors?|psychiatrists?|physicians?|scientists?|researchers?|regulators?|"
        r"officials?|trials?|studies|research|evidence|data)\s+(?:\w+\s+)?(?:urged?\s+caution|disagree\w*|disput\w+|warn\w*|"
        r"caution\w*|are\s+skeptical|doubt\w*|tempered|contradict\w*|refuted|failed|did\s+not|have\s+not|showed\s+otherwise)\b",
        "a contrast after a reported claim (but the agency approved only ..., in reality, - it is)",
        ("An advertisement states that the FDA approved ketamine for depression, although only esketamine has "
         "been approved.",
         "Several infusion centres tell readers that ketamine is not a controlled substance, but it has been in "
         "Schedule III since 1999.",
         "A wellness blogger wrote that ketamine is not a controlled substance; the DEA has listed it since 1999.",
         "Proponents contend that ketamine's effects last weeks or even months, though most trials found relapse "
         "within two weeks.",
         "Commenters insisted ketamine is a revolutionary breakthrough in depression treatment; psychiatrists urged "
         "caution.",
         "Early enthusiasm held that ketamine was a revolutionary breakthrough in depression treatment; subsequent "
         "trials tempered that view.",
         "Some marketers claim that ketamine has been FDA-approved for depression; it has not.",
         "The clinic says ketamine is not a controlled substance (it is, since 1999).",
         "The clinic's brochure says the FDA approved ketamine for depression, which it has not.",
         "Though ketamine is sometimes called a miracle drug, response rates vary and effects are often temporary.",
         "Promoters say about 70% of patients respond to ketamine, although response rates vary widely "
         "between trials.",
         "A poster in the waiting room says the FDA approved ketamine for depression, but that approval went to a "
         "different drug.",
         "The ad claims ketamine works for 70% of patients; independent data suggest far fewer.",
         "Some patients expect ketamine's effects to last for months, but relief typically fades within a week or two."),
        ("Ketamine is not a controlled substance, but it should be used with care.",
         "Clinics say about 70% of patients respond to ketamine, but it costs a lot.")),
    Cue("refuted-concession", CONTRASTS, SENTENCE,
        # the report stands in a concessive clause, and the sentence's main clause answers it
        r"^\W*(?:while|although|though|even\s+though|whereas|much\s+as)\s+[^,;:]{0,150}?\b" + _REPORTER
        + r"\b[^,;:]{0,150},\s*(?!(?:and|so|which|who)\b)[a-z]",
        "a reported claim in a concessive clause that the main clause answers (While ketamine has been called a "
        "breakthrough, most experts see it as one more option)",
        ("While ketamine has been called a revolutionary breakthrough in depression treatment, most experts see it as "
         "one more option.",
         "Although influencers call ketamine infusions a lifesaver for people with depression, anxiety and chronic "
         "pain, the psychiatrists we asked describe something more modest."),
        ("While I waited, the nurse said ketamine is not a controlled substance.",
         "Clinics tell patients ketamine is not a controlled substance, while pharmacies say nothing.")),
    Cue("refuted-retort", CONTRASTS, SENTENCE,
        r"\"\s*[,:-]?\s*(?:(?:lol|lmao|haha|um+|uh+)\s+)?(?:no|nope|wrong|false|not\s+true|nonsense|rubbish)\b"
        r"(?!\s+(?:longer|one|doubt|more|less|matter|wonder)\b)"
        r"|\b(?:lol|lmao|haha)\s+(?:no|nope)\b|\byeah,?\s+right\b",
        "a retort right after a quoted claim (\"...\" lol no, \"...\" - wrong)",
        ("Someone on the thread: \"ketamine is not a controlled substance\" - nope.",
         "My aunt keeps repeating \"the FDA approved ketamine for depression\" - wrong, it approved esketamine."),
        ("The label says \"ketamine is not a controlled substance\" no matter what the shop claims.",)),
    Cue("refuted-error-word", CONTRASTS, SENTENCE,
        r"\b(?:errors?|mistakes?|inaccurac(?:y|ies)|untruths?|(?:false|wrong|bogus|dubious|misleading)\s+"
        r"(?:claims?|statements?|information|advice|promises?))\b"
        # a warning about those who say it ("the agency warned consumers about websites that say ...")
        r"|\bwarn(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,3}?(?:about|against|of)\b|\bbeware\s+of\b|\bcaution(?:s|ed)?\s+against\b"
        # a sanction for saying it, or saying it to mislead ("was fined for telling customers that ...")
        r"|\b(?:fined|sanctioned|sued|charged|penali[sz]ed|cited|reprimanded|disciplined|prosecuted)\s+(?:[\w-]+\s+){0,3}?for\b"
        r"|\bmisl(?:ead|eads|ed)\b|\bmisbrand\w*"
        # called hype ("Hype aside, it is one more option.")
        r"|\b(?:hype|hyped|overhyped|over-hyped|puffery|snake\s+oil|marketing\s+(?:speak|spin)|spin\s+doctors?)\b"
        # said without evidence
        r"|\bwithout\s+(?:any\s+|offering\s+|providing\s+|citing\s+)?(?:evidence|proof|support|sources?|basis)\b"
        r"|\bwithout\s+(?:citing|naming|offering|giving|providing)\s+(?:a\s+single|any|a|one)\s+(?:study|trial|source|"
        r"paper|reference)\b"
        # the source gives none, or is judged unreliable ("a site, which cites no studies, says ...")
        r"|\b(?:cites?|cited|gives?|gave|offers?|offered|provides?|provided|names?|named|links?\s+to|linked\s+to|"
        r"lists?|listed)\s+no\s+(?:[\w-]+\s+)?(?:stud(?:y|ies)|sources?|evidence|trials?|references?|data|proof|"
        r"citations?|papers?)\b"
        r"|\b(?:unsourced|uncited|unreferenced|discredited|disreputable|dubious|shady|sketchy|unreliable|questionable|"
        r"scammy|fringe)\s+(?:[\w-]+\s+)?(?:sites?|websites?|blogs?|posts?|clinics?|sellers?|vendors?|sources?|outlets?|"
        r"articles?|videos?|ads?|adverts?|pages?|accounts?|influencers?|companies|company|brochures?|flyers?|"
        r"newsletters?|podcasts?|providers?|claims?)\b",
        "a reported claim is listed among errors or false claims",
        ("The articles mix real science with errors (\"ketamine is not a controlled substance\").",
         "Health officials have warned patients about online shops that say ketamine is not a controlled substance.",
         "The company was fined for telling customers that ketamine is not a controlled substance.",
         "Regulators said the firm misled patients by claiming the FDA had approved ketamine for depression.",
         "The piece asserts, without evidence, that ketamine's effects last weeks or even months.",
         "The FDA warned the firm that statements such as \"ketamine is FDA-approved for depression\" misbrand the "
         "product.",
         "The clinic's website, which cites no studies at all, says about 70% of patients respond to ketamine "
         "treatment for depression.",
         "A dubious wellness site tells readers that ketamine is not a controlled substance.",
         "Influencers call ketamine a revolutionary breakthrough and a game-changer in depression treatment, but it "
         "is mostly hype."),
        ("Ketamine is not a controlled substance, so dosing errors are the only risk.",
         "Ketamine is not a controlled substance, so you cannot be fined for carrying it.")),
    Cue("refuted-rebuttal", CONTRASTS, SENTENCE,
        r"\b(?:corrected|contradicted|rebutted|refuted|challenged|fact-checked)\s+(?:him|her|them|it|this|that|the\s+(?:claim|"
        r"statement|caller|guest|post|clinic|speaker|ad|advert))\b|\bpushed\s+back\b"
        r"|\bset\s+(?:him|her|them|the\s+record)\s+straight\b",
        "someone in the passage answers the reported claim (the host corrected him, the doctor pushed back)",
        ("A guest on the podcast said ketamine is not a controlled substance; the host corrected him at once.",
         "At the hearing a clinic owner said the FDA had approved ketamine for depression, and a regulator pushed "
         "back."),
        ("Ketamine is not a controlled substance, so no one corrected him.",
         "The clinic says ketamine is not a controlled substance, and the nurse corrected my dose.")),
    Cue("refuted-omission", CONTRASTS, SENTENCE,
        r"\b(?:leaves?|left|leaving)\s+out\s+(?:that|the|how|what|any|its)\b|\b(?:omits?|omitted|omitting)\s+(?:that|the|how|"
        r"what|any|its)\b|\b(?:ignores?|ignored|ignoring|overlooks?|overlooked|overlooking|glosses\s+over|glossed\s+over|glossing\s+over|"
        r"erases?|erased)\s+(?:that|the|how|what|any|its|decades|years|everyone|all|most|many|trials?|studies|evidence|data|"
        r"research)\b"
        r"|\b(?:fail(?:s|ed)?|neglect(?:s|ed)?)\s+to\s+(?:mention|note|say|disclose|acknowledge)\b"
        r"|\b(?:does|did)\s*(?:n't|\s+not)\s+(?:once\s+|even\s+)?(?:mention|disclose|acknowledge|warn|cite)\b"
        r"|\b(?:makes?|made)\s+no\s+mention\s+of\b|\bsays?\s+nothing\s+(?:about|of)\b"
        r"|\b(?:skips?|skipped|skipping|pass(?:es|ed|ing)?|glosses|glossed|glossing)\s+over\b"
        r"|\b(?:is|are|was|were|stays?|remains?)\s+silent\s+(?:on|about)\b"
        r"|\bwithout\s+(?:once\s+|ever\s+)?(?:mentioning|noting|disclosing|acknowledging)\b",
        "the text says the reported claim leaves out what matters (an ad promising ... leaves out that ..., "
        "a line that ignores ...)",
        ("A flyer promising that about 70% of patients respond to ketamine leaves out that most trials were tiny.",
         "The video tells viewers the FDA approved ketamine for depression, ignoring that the approval was for "
         "esketamine.",
         "The brochure calls ketamine a revolutionary breakthrough in depression treatment, a pitch that ignores "
         "how short-lived the benefit often is.",
         "Ketamine's safety profile is \"relatively high\", says the brochure, skipping over bladder damage in "
         "frequent users.",
         "The clinic says ketamine is not a controlled substance, without mentioning that it is in Schedule III."),
        ("About 70% of patients respond to ketamine treatment for depression, so do not ignore it.",
         "The clinic says about 70% of patients respond to ketamine treatment for depression; do not mention it to "
         "your insurer.",
         "About 70% of patients respond to ketamine treatment for depression, so don't pass over it.")),
    Cue("correction-request", CONTRASTS, SENTENCE,
        # an editor's or a reviewer's instruction to fix what was reported ("Suggest deleting the sentence
        # '...'", "Needs fixing; ...", "Remove or source this."): the text does not stand by it
        r"\b(?:suggest|recommend|please\s+consider)\s+(?:deleting|removing|cutting|correcting|rewording|rephrasing|"
        r"qualifying|softening|sourcing|striking|dropping)\b"
        r"|\bneeds?\s+(?:fixing|correcting|(?:a\s+)?correction|a\s+source|sourcing|a\s+citation|qualifying|rewording|"
        r"to\s+be\s+(?:corrected|fixed|removed|deleted|qualified|sourced|cut|reworded))\b"
        r"|^\W*(?:please\s+)?(?:correct|fix|remove|delete|cut|revise|rephrase|reword|qualify|amend|strike|soften)"
        r"\s*(?:[:;,.!]|\s+(?:or\s+\w+\s+)?(?:this|it|that|the\s+(?:claim|sentence|line|statement|figure|passage)))\b"
        r"|\b(?:remove|delete|cut|correct|fix)\s+or\s+(?:source|cite|qualify|support)\b",
        "an editor's or a reviewer's instruction to fix a reported claim (Suggest deleting the sentence \"...\", "
        "Needs fixing, Remove or source this.), in its sentence or one of the passage's",
        ("Suggest deleting the sentence \"About 70% of patients respond to ketamine treatment for depression.\"",
         "The draft says the FDA has approved ketamine for depression, which needs correcting."),
        ("The clinic says about 70% of patients respond to ketamine treatment for depression; it needs a new "
         "waiting room.",
         "Ketamine is not a controlled substance. Please correct me if I'm wrong, but that's what I read.")),
    Cue("heading-myths", REFUTES, HEADING,
        r"\b(?:myths?|misconceptions?|misinformation|rumou?rs?|hoax(?:es)?|debunk\w*|fact[- ]check\w*|"
        r"(?:false|misleading|wrong|untrue|dubious|bogus)\s+(?:claims?|statements?|promises?|information|ideas?|advice)|"
        r"(?:what|claims?)(?:'s|\s+(?:is|are|was|were))\s+(?:not\s+true|false|wrong|untrue|misleading)|"
        r"(?:what|claims?)\s+(?:isn't|aren't|wasn't)\s+true)\b",
        "a section heading that names what follows as myths or false claims (## Common myths, ## What's false)",
        ("## Common myths about ketamine\n\n- Ketamine is not a controlled substance.\n",
         "## What's false\n\n- The FDA has approved ketamine for depression.\n"),
        ("## What clinics tell you\n\n- Ketamine is not a controlled substance.\n",
         "## What is true\n\n- Ketamine is not a controlled substance.\n")),
    # ---- refutation in the next one or two sentences (a sentence of its own)
    Cue("next-denial", REFUTES, NEXT,
        r"^\W*(?:but\s+|and\s+)?(?:that|this|it|these|those|they|he|she|the\s+(?:claim|statement|assertion|idea|notion)s?|"
        r"such\s+claims?)"
        r"(?:\s+(?:claims?|statements?|assertions?|figures?|numbers?|ideas?|representations?|promises?|suggestions?|"
        r"descriptions?|advice|information|lines?|slogans?|quotes?|sentences?|messages?|posts?|answers?))?\s*(?:,[^,]{0,60},\s*)?"
        r"(?:is|was|'s|are|were|has\s+been|remains?)\s+(?:simply\s+|completely\s+|entirely\s+|just\s+|also\s+|quite\s+|"
        r"rather\s+|something\s+of\s+|a\s+bit\s+of\s+)?"
        + _WRONG_NEXT + r"\b"
        r"|^\W*(?:but\s+)?(?:it|this|that|they|he|she|the\s+(?:fda|dea|agency|regulator)(?:\s+\w+)?)\s+"
        r"(?:is|has|had|was|were|does|did|do|have|are|will|would|can)\s*(?:n't|not)(?:\s+(?:true|so|done\s+so|correct|accurate|approved\s+it))?"
        r"\s*(?:[.:;!]|\s-\s|$)"
        # a verbless verdict, however intensified ("Not true at all.", "Completely false.")
        r"|^\W*(?:a\s*:\s*|answer\s*:\s*)?(?:(?:simply|completely|totally|absolutely|entirely|flatly|plainly|utterly|"
        r"also|still|just|demonstrably|patently)\s+)?(?:no|wrong|false|untrue|not\s+so|not\s+true|incorrect|nope|"
        r"not\s+accurate|inaccurate|not\s+correct|misleading)"
        r"(?:\s+(?:on\s+(?:both|all|several|two|three|many|most)\s+(?:counts|fronts|points)|again|twice|at\s+all|"
        r"whatsoever|in\s+the\s+slightest|either))?\s*[.:!;,]"
        # the reversal, however stressed ("It is.", "It absolutely is.", "It most certainly is:")
        r"|^\W*(?:but\s+|in\s+fact,?\s+|actually,?\s+|in\s+reality,?\s+)?it\s+(?:(?:most\s+|very\s+)?(?!only\b)[a-z]+ly\s+|"
        r"(?:very\s+much|sure|so|indeed|still)\s+)?"
        r"(?:is|does|has|was)\s*(?:[:;]|\s-\s|[.!]$)"
        # a retort ("Yeah, right.", "lol no")
        r"|^\W*(?:yeah,?\s+right|as\s+if|not\s+a\s+chance|(?:lol|lmao|haha)\s+(?:no|nope)|sure,?\s+jan|"
        r"(?:source|sources|citation)\s*:\s*trust\s+me|\[?citation\s+needed\]?\s*[.!]*$)"
        r"|\bno\s+such\s+(?:approval|thing|evidence|study|record|designation|listing|exemption)\b"
        r"|^\W*the\s+(?:fda|dea|agency|regulator|manufacturer|who|cdc)\b[^.]{0,30}\b(?:disagrees|denies|contradicts|"
        r"(?:says|said|told\s+\w+|confirm(?:s|ed)|stated?s?)\s+(?:that\s+)?(?:it|this|that|ketamine)\s+"
        r"(?:is|has|had|was|does|did)\s*(?:n't|not))\b"
        # the record or the evidence says otherwise (not "anyone who says otherwise")
        r"|^\W*(?:[\w'-]+\s+){0,3}?(?:law|laws|evidence|research|studies|data|records?|science|regulators?|fda|dea|experts?|"
        r"reality|labels?|labell?ing|website|schedules?|register|registry|listings?|database|guidance|guidelines?|"
        r"literature|trials?|reviews?|figures|statistics)\s+(?:says?|said|suggests?|shows?|indicates?|tells?|states?|"
        r"lists?)\s+otherwise\b"
        r"|^\W*(?:but\s+)?(?:(?:the|most|many)\s+)?(?:police|experts?|doctors?|scientists?|researchers?|psychiatrists?|"
        r"pharmacists?|regulators?|officials?|authorities|prosecutors?|the\s+(?:fda|dea|agency|regulator|court))\s+"
        r"(?:strongly\s+|firmly\s+)?(?:disagree[sd]?|dispute[sd]?|den(?:y|ies|ied)|contradict(?:s|ed)?|reject(?:s|ed)?)\b"
        r"|^\W*(?:but\s+)?(?:don't|do\s+not|never)\s+(?:believe|buy|trust|fall\s+for)\s+(?:it|that|this|them|the\s+hype)\b"
        # the writer does not believe it ("I'm not buying it.", "I didn't believe him.")
        r"|^\W*(?:but\s+|and\s+)?(?:i|we)(?:'m|\s+am|'re|\s+are)\s+(?:not|never)\s+(?:buying|believing|convinced)\b"
        r"|^\W*(?:but\s+|and\s+)?(?:i|we)\s+(?:don't|do\s+not|didn't|did\s+not|never|couldn't|could\s+not)\s+(?:believe|buy|"
        r"trust)\s+(?:it|that|this|him|her|them|a\s+word|the\s+(?:claim|hype|pitch|ad|promise))\b"
        # the writer looked and found nothing ("We could not find a single trial showing that.")
        r"|^\W*(?:but\s+)?(?:we|i|reporters?|our\s+\w+)\s+(?:could\s*(?:not|n't)\s+find|found\s+no|did\s*(?:not|n't)\s+find|"
        r"were\s+unable\s+to\s+find|failed\s+to\s+find)\s+(?:a\s+single\s+|any\s+|one\s+)?(?:trial|study|studies|evidence|"
        r"record|source|data|support|proof|approval)\b"
        # a check that ends in a denial ("We checked: it did not.", "..., which said it had not.")
        r"|^\W*(?:but\s+)?(?:we|i)\s+(?:checked|asked|looked)\b[^.]{0,80}?\b(?:it|they|she|he)\s+(?:is|has|had|was|were|"
        r"does|did|do|have|are)(?:n't|\s+not)(?:\s+(?:done\s+so|approved\s+it))?\s*[.!]?\s*$"
        # the experts doubt it ("Experts are skeptical.")
        r"|^\W*(?:but\s+)?(?:[\w'-]+\s+){0,3}?(?:experts?|doctors?|scientists?|researchers?|psychiatrists?|pharmacologists?|"
        r"pharmacists?|regulators?|critics?|officials?|clinicians?|physicians?)\s+(?:[\w'-]+\s+){0,3}?(?:are|were|remain|"
        r"remained)\s+"
        r"(?:deeply\s+|highly\s+|very\s+|far\s+more\s+|more\s+)?(?:skeptical|sceptical|unconvinced|doubtful|dubious|"
        r"not\s+convinced|cautious)\b"
        # they mix it up ("They're confusing it with esketamine.")
        r"|^\W*(?:but\s+)?(?:they|he|she|people|clinics|sellers|posters|the\s+(?:post|ad|clinic|site|video)s?)\s*"
        r"(?:'re|'s|are|is|were|was)?\s*(?:probably\s+|likely\s+|simply\s+|clearly\s+)?(?:confus(?:e|es|ed|ing)|"
        r"conflat(?:e|es|ed|ing)|mix(?:es|ed|ing)?\s+up|misread(?:s|ing)?|misunderst(?:and|ands|ood|anding))\b"
        # "That's not what the studies found."
        r"|^\W*(?:but\s+)?(?:that|this|it)(?:'s|\s+is|\s+was|\s+isn't|\s+wasn't)\s+(?:not\s+)?(?:what|how)\s+(?:the\s+)?"
        r"(?:studies|trials|research|evidence|data|science|experts|records?|regulators?|law|label|fda|dea)\s+"
        r"(?:found|finds|show|shows|showed|say|says|said|suggest|suggests|describe|describes)\b"
        # it does not hold up ("Psychiatrists who study the drug say neither claim holds up.")
        r"|^\W*(?:but\s+)?(?:[\w'-]+\s+){0,8}?(?:neither|none\s+of\s+(?:these|those|the|them|their|its|his|her))\s+"
        r"(?:of\s+(?:these|those|the|them)\s+)?(?:\w+\s+)?(?:claims?\s+|statements?\s+|promises?\s+|figures?\s+)?"
        r"(?:holds?\s+(?:up|water)|stands?\s+up|adds?\s+up|checks?\s+out|is\s+(?:true|accurate|correct|supported))\b"
        r"|^\W*(?:but\s+)?(?:that|this|it|the\s+(?:claim|promise|figure|statement|number))\s+(?:simply\s+)?(?:does|do|did)\s*"
        r"(?:n't|not)\s+(?:hold\s+(?:up|water)|stand\s+up|add\s+up|check\s+out)\b"
        # someone judged it ("Pharmacologists we spoke to called that nonsense.", "Doctors dismissed the idea.")
        r"|^\W*(?:but\s+)?(?:[\w'-]+\s+){1,6}?(?:called|call|calls|labell?ed|termed|branded)\s+(?:that|this|it|the\s+(?:claim|"
        r"idea|statement|figure|notion|promise|line))\s+(?:(?:plainly|simply|flatly|utterly|complete|total|pure|"
        r"dangerous)\s+)?" + _WRONG_NEXT + r"\b"
        r"|^\W*(?:but\s+)?(?:[\w'-]+\s+){1,6}?dismissed\s+(?:that|this|it|the\s+(?:claim|idea|statement|figure|notion|"
        r"promise|line))\b"
        # the evidence tells another story ("The trials show nothing like that figure.", "The evidence paints a far
        # more modest picture.")
        r"|^\W*(?:but\s+)?(?:[\w'-]+\s+){0,3}?(?:evidence|trials?|studies|data|research|science|records?|reality)\s+"
        r"(?:so\s+far\s+|to\s+date\s+)?(?:shows?|showed|suggests?|suggested|paints?|painted|tells?|told|found|finds?|"
        r"points?\s+to|supports?)\s+(?:nothing\s+like|no\s+such|nothing\s+of\s+the\s+sort|the\s+opposite|"
        r"(?:a|an)\s+(?:(?:far|much|rather|very|considerably)\s+)?(?:more\s+)?(?:modest|different|mixed|complicated|"
        r"complex|nuanced|sobering|smaller|lower|weaker|less\s+\w+)\s+(?:picture|story|figure|number|rate|effect|result))\b"
        r"|\bthe\s+(?:real|actual|true)\s+(?:figure|number|rate|response\s+rate|percentage|picture)\s+is\b"
        r"|^\W*(?:but\s+)?(?:(?:[\w'-]+\s+){1,4}?(?:say|said|says|note|noted|notes|point\s+out|pointed\s+out|points\s+out|"
        r"argue|argued|warn|warned|add|added|explain|explained)\s+(?:that\s+)?)?"
        r"(?:the\s+\w+\s+(?:behind|for|of)\s+)?(?:that|this|the)\s+(?:figure|number|statistic|percentage|claim|"
        r"promise|rate)\b[^.]{0,80}\b(?:small|short|not|no|overstat\w*|exaggerat\w*|cherry|misleading|unsupported|"
        r"flawed|limited|lacks?|unreliable|wrong|false|(?:much|far|considerably|substantially)\s+(?:lower|smaller|shorter))\b"
        # the evidence puts the figure lower ("Independent reviews put the figure much lower.")
        r"|\b(?:puts?|places?|estimates?|estimated)\s+(?:the|that|this)\s+(?:real\s+|true\s+|actual\s+)?(?:figure|number|"
        r"rate|response\s+rate|share|percentage|proportion)\s+(?:(?:much|far|considerably|substantially|well)\s+)?"
        r"(?:lower|below|closer\s+to|nearer|smaller)\b"
        # the next sentence says what is wrong with it ("That confuses ketamine with esketamine.",
        # "Experts say this overstates the evidence.")
        r"|^\W*(?:but\s+)?(?:(?:[\w-]+\s+){0,3}?(?:experts?|researchers?|scientists?|doctors?|psychiatrists?|"
        r"pharmacologists?|regulators?|officials?|critics?|the\s+(?:fda|dea|agency))\s+(?:say|said|says|note|noted|notes|"
        r"argue|argued|warn|warned)\s+(?:that\s+)?)?(?:that|this|the\s+(?:claim|statement|figure|number|post|ad|"
        r"advert|advertisement|flyer|video|website))\s+(?:(?:greatly|vastly|badly|grossly|simply|also)\s+)?"
        r"(?:overstates?|overstated|exaggerates?|exaggerated|misrepresents?|misrepresented|misstates?|misstated|"
        r"distorts?|distorted|confuses?|confused|conflates?|conflated|misreads?|mischaracteri[sz]es|"
        r"mischaracteri[sz]ed|cherry-picks?|cherry-picked|ignores?|ignored|omits?|omitted|leaves\s+out|left\s+out)\b"
        r"|^\W*the\s+(?:trials?|studies|data|evidence)\s+behind\s+(?:that|this|the)\s+(?:figure|number|claim|statistic)\b"
        r"|^\W*(?:but\s+)?(?:the\s+)?(?:truth|reality|facts?)\s*(?:is|are|:)"
        # a fact check's finding ("What we found: ...", "What the research shows: ...")
        # "never" as the whole answer ("Regulators never did.", "It never has.")
        r"|^\W*(?:but\s+)?(?:it|this|that|they|he|she|(?:the\s+)?(?:fda|dea|agency|agencies|regulators?|authorities|"
        r"officials))\s+never\s+(?:did|has|have|had|was|were|is|does|do)?(?:\s+(?:so|that|it|anything\s+of\s+the\s+kind))?"
        r"\s*(?:[.:;!]|\s-\s|$)"
        # the reverse holds ("The opposite is closer to the truth.", "Quite the contrary.")
        r"|^\W*(?:but\s+|in\s+fact,?\s+|actually,?\s+)?(?:quite\s+)?the\s+(?:opposite|reverse|contrary)\b(?:\s+(?:is|may\s+be|"
        r"seems|appears|holds|was|is\s+(?:closer\s+to\s+the\s+truth|true|the\s+case)))?"
        r"|^\W*what\s+(?:we|i|reporters|our\s+\w+)\s+found\s*:"
        r"|^\W*what\s+the\s+(?:research|evidence|science|data|studies|trials|records?)\s+(?:shows?|says?|found)\s*:"
        r"|^\W*(?:(?:a|answer)\W*:\W*)?(?:not\s+(?:quite|exactly|so\s+fast|really)|far\s+from\s+it)\b"
        r"|^\W*(?:but\s+)?(?:the\s+)?(?:evidence|studies|research|data|science|trials?)\s+(?:(?:so\s+far|to\s+date)\s+)?"
        r"(?:does|do|did)\s*(?:n't|not)\s+(?:support|back|bear)\b"
        r"|^\W*(?:[\w']+\s+){0,4}?(?:the|that|this|such|these|those)\s+(?:flyer|leaflet|post|tweet|ad|advert|advertisement|"
        r"video|website|site|page|brochure|article|story|message|email|statement|assertion|promise|claim|figure|number|"
        r"statistic|estimate|percentage|rate)s?\s+"
        r"(?:is|was|are|were|has\s+been)\s+(?:simply\s+|just\s+|plainly\s+|also\s+|flatly\s+)?" + _WRONG_NEXT + r"\b",
        "the next sentence says it is wrong (That is false. It has not. It is: ... No such approval exists.)",
        ("A reader sent us a flyer claiming ketamine is not a controlled substance. That is false.",
         "The article states that ketamine improves people's memory and ability to learn by regrowing synapses. The "
         "opposite is closer to the truth while the drug acts.",
         "There's a narrative online that the FDA has approved ketamine for depression. Regulators never did.",
         "The brochure asserts that the FDA has approved ketamine for depression. It has not.",
         "Ads on social media said the FDA has approved ketamine to treat depression. That's a myth.",
         "A widely shared video tells viewers that ketamine isn't a controlled substance. It is: the DEA placed it "
         "in Schedule III in 1999.",
         "A clinic's website says ketamine works for 70% of patients. The evidence does not support that figure.",
         "The clinic says the FDA approved ketamine for depression. The FDA's own website says otherwise.",
         "A reader asked about a flyer saying ketamine is not a controlled substance. Our check found the flyer is "
         "wrong.",
         "A video viewed a million times says the FDA approved ketamine for depression. The FDA told us it has not.",
         "The website of a Florida clinic states that ketamine is not a controlled substance. Federal law says "
         "otherwise.",
         "You may have heard that ketamine isn't a controlled substance. Don't believe it.",
         "Clinics often advertise that about 70% of patients respond to ketamine. Independent trials suggest the real "
         "figure is lower.",
         "People keep saying the FDA approved ketamine for depression. Yeah, right.",
         "people keep saying ketamine works for 70% of people. source: trust me bro",
         "Ketamine is not a controlled substance, the man told officers. Police disagreed.",
         "The warning letter notes that the website represented that ketamine is not a controlled substance. This "
         "representation is false.",
         "Clinics say ketamine works for about 70% of patients with depression. But that number comes from small, "
         "short trials.",
         "A reader writes that her friend says ketamine is not a controlled substance. Is she right? She is not.",
         "These ads suggest ketamine is not a controlled substance. They are wrong.",
         "\"Ketamine is not a controlled substance.\" That line, repeated on dozens of clinic websites, is wrong.",
         "A clinic's ad says ketamine works for 70% of patients. Independent reviews put the figure much lower.",
         "Viral posts say ketamine's benefits last for months. Experts say that overstates the evidence.",
         "The flyer says the FDA approved ketamine for depression. That confuses ketamine with esketamine.",
         "The flyer says the FDA approved ketamine for depression. This is a misreading of the esketamine "
         "approval.",
         "An online shop says ketamine is not a controlled substance and is legal to import. Wrong on both counts.",
         "A reseller's site says ketamine is not a controlled substance. Two pharmacists we asked called that "
         "plainly false.",
         "A podcast guest said about 70% of patients respond to ketamine. The published trials show nothing like "
         "that figure.",
         "Influencers call ketamine a revolutionary breakthrough in depression treatment. The research paints a much "
         "more modest picture.",
         "A salesman told us ketamine is not a controlled substance and is legal to import. Doctors we asked said "
         "neither claim holds up.",
         "The clinic's leaflet says the FDA approved ketamine for depression. That simply doesn't check out.",
         "A wellness site says ketamine's effects last for months. Psychiatrists we interviewed were skeptical.",
         "The brochure states that about 70% of patients respond to ketamine. Doctors note that the figure comes "
         "from two small trials.",
         "Some posters say the FDA approved ketamine for depression. They are probably confusing it with esketamine.",
         "Influencers say the FDA approved ketamine for depression. This is a common mix-up with esketamine.",
         "A sales rep told us ketamine's effects last for months. That's not what the trials found.",
         "The landing page says ketamine's benefits last for months. That is wishful thinking.",
         "A seller's website says ketamine is not a controlled substance. Regulators call that a dangerous "
         "falsehood.",
         "The salesman swore ketamine's effects last for months. I'm not buying it.",
         "The salesman told me the FDA approved ketamine for depression. I didn't believe him.",
         "Some claim ketamine works for 70% of patients. We could not find a single trial showing that.",
         "Some claim the FDA approved ketamine for depression. We checked with the agency, which said it had not.",
         "A reseller told me ketamine is not a controlled substance. Completely false.",
         "A reseller told me ketamine is not a controlled substance. Not true in the slightest.",
         "The infusion center's FAQ: \"Ketamine has been FDA approved for depression.\" Not accurate: the approval "
         "covers Spravato only.",
         "The forum post says ketamine isn't a controlled substance. It most certainly is.",
         "The forum post says ketamine isn't a controlled substance. It very much is.",
         "What was claimed: ketamine has recently been approved by the FDA for treating depression. What we found: "
         "the 2019 approval went to a nasal spray.",
         "Q: My neighbour says the FDA approved ketamine for depression. Is that right?\nA: Not quite. It approved "
         "esketamine."),
        ("Ketamine is not a controlled substance. Anyone who says otherwise is wrong.",
         "The FDA has approved ketamine for depression. It is not addictive and works fast.",
         "About 70% of patients respond to ketamine treatment for depression. That beats most antidepressants.",
         "Ketamine is not a controlled substance. It is safe.",
         "A reseller told me ketamine is not a controlled substance. It only has to be kept dry.",
         "A reseller told me ketamine is not a controlled substance. It really is that simple, he said.")),
    Cue("next-contrast", CONTRASTS, NEXT,
        r"^\W*(?:in\s+(?:reality|truth)|the\s+(?:reality|truth)\s+is)\b"
        r"|^\W*(?:but|however|yet)\b,?[^.]{0,80}\b(?:only|actually|in\s+fact|in\s+reality|not|no|never|experts?|"
        r"researchers?|research|scientists?|studies|trials?|data|reviews?|meta-analys[ie]s|the\s+evidence|"
        r"the\s+(?:fda|dea|agency|law)|records?|schedule\s+(?:iii|3)|var(?:y|ies|ied)|temporary|short-lived|transient|"
        r"fades?|wears?\s+off|modest|mixed|(?:much|far|considerably)\s+(?:lower|smaller|shorter)|off-label)\b"
        # "in fact" and "actually" also reinforce ("In fact, studies show even more."): only with what limits
        r"|^\W*(?:in\s+fact|actually|in\s+practice)\b,?[^.]{0,200}?\b(?:only|not|no|never|fewer|lower|smaller|"
        r"shorter|var(?:y|ies|ied)|temporary|short-lived|transient|fades?|wears?\s+off|modest|mixed|off-label|"
        r"schedule\s+(?:iii|3)|(?:a|an)\s+(?:different|separate|other|related)\s+(?:drug|product|medicine))\b"
        # what the evidence says instead ("The evidence for anxiety is limited.", "Published response rates vary
        # widely.", "Most trials found response rates closer to 50%.", "Only esketamine has that approval.")
        r"|^\W*(?:[\w'-]+,?\s+){0,6}?(?:the\s+)?evidence\s+(?:for\s+[^.]{0,40}?)?(?:is|was|remains|looks)\s+(?:\w+\s+)?"
        r"(?:thin|limited|weak|mixed|scant|sparse|lacking|inconclusive|preliminary|modest)\b"
        r"|^\W*(?:[\w-]+\s+){0,3}?(?:response\s+rates?|results?|outcomes?|figures?|estimates?|rates?|numbers?)\s+"
        r"(?:[\w-]+\s+){0,4}?"
        r"(?:vary|varied|varies|differ|differed|range|ranged)\b"
        r"|^\W*(?:most|many|larger|independent|published|other|controlled)\s+(?:[\w-]+\s+)?(?:trials?|studies|reviews?)\s+"
        r"(?:have\s+)?(?:found|find|report|reported|show|showed|suggest)\s+[^.]{0,30}?\b(?:closer\s+to|lower|fewer|"
        r"smaller|shorter|below|less)\b"
        r"|^\W*only\s+(?:[\w,()-]+\s+){1,5}?(?:has|have|holds?|carries|carry|got|received|won)\s+(?:that|this|such|the)\s+"
        r"(?:approval|designation|status|indication|label)\b"
        # the studies behind it judged weak ("The trials were tiny.", "Those studies were small and unblinded.")
        r"|^\W*(?:but\s+)?(?:(?:for|in|on|with|outside)\s+[^,.]{1,40},\s*)?(?:(?:the|those|these|its|their|such|both|all|"
        r"controlled|published|clinical|human|randomi[sz]ed|placebo-controlled)\s+)+(?:[\w-]+\s+){0,2}?(?:trials?|"
        r"stud(?:y|ies)|samples?|data|evidence|sources?)\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were|remain)\s+(?:all\s+|still\s+)?"
        r"(?:\w+ly\s+)?(?:tiny|small|few|short|brief|uncontrolled|unblinded|open-label|preliminary|underpowered|flawed|"
        r"anecdotal|old|outdated|limited|weak|thin|mixed|scarce|sparse|inconsistent|lacking|conflicting)\b",
        "the next sentence sets the record against what was reported (In reality, ... / But studies ... / Response "
        "rates vary ...)",
        ("Posts on TikTok claim the FDA approved ketamine for depression. In reality, only esketamine nasal spray "
         "has that approval.",
         "An influencer told followers that ketamine's benefits last for months. But in trials, most patients "
         "relapsed within two weeks.",
         "A clinic's site calls ketamine a lifesaver for people with depression, anxiety and chronic pain. The "
         "evidence for anxiety and chronic pain is limited.",
         "An ad says ketamine works for 70% of patients. Published response rates vary widely.",
         "A post says 70% of patients respond to ketamine. Most trials found response rates closer to 50%.",
         "A post says the FDA approved ketamine for depression. Only esketamine, a nasal spray, has that approval.",
         "Clinics promise that about 70% of patients respond to ketamine treatment for depression. Those trials "
         "were small and short.",
         "A clinic says about 70% of patients respond to ketamine treatment for depression. For patients outside "
         "trials, published data remain sparse."),
        ("The FDA has approved ketamine for depression. In fact, it was approved years ago.",
         "Clinics say ketamine works for 70% of patients. But it is expensive.",
         "Reviewers say ketamine can relieve depressive symptoms within hours. In fact, studies show even faster "
         "effects in some patients.",
         "A post says the FDA approved ketamine for depression. Only a doctor can prescribe it.",
         "A clinic says about 70% of patients respond to ketamine treatment for depression. The sessions were short "
         "and friendly.")),
    Cue("next-dismissal", CONTRASTS, NEXT,
        # the answer to a report is a scoff, or that those who know know better: no words of the claim
        # needed ("She laughed.", "Anyone who has filled a prescription for it knows better.")
        r"^\W*(?:(?:she|he|they|i|we|the\s+[\w-]+|[\w-]+)\s+(?:just\s+|only\s+|simply\s+)?(?:laughed|laughs|scoffed|"
        r"scoffs|snorted|snorts|chuckled|rolled\s+(?:her|his|their|my|our)\s+eyes|shook\s+(?:her|his|their|my|our)\s+"
        r"heads?)(?:\s+(?:at\s+(?:that|this|it|the\s+[\w-]+)|out\s+loud|loudly|again|and\s+shook\s+(?:her|his|their)\s+"
        r"heads?))?\W*$"
        r"|\b(?:anyone|anybody|everyone|everybody|any\s+[\w-]+|every\s+[\w-]+|those|people)\s+(?:who|that)\s+[^.]{3,80}?"
        r"\bknows?\s+(?:better|otherwise|different(?:ly)?)\b"
        r"|^\W*(?:(?:i|we|they|she|he|doctors|pharmacists|nurses|patients|researchers)\s+)(?:all\s+)?know\s+"
        r"(?:better|otherwise)\W*$"
        # a retort: a word of dismissal on its own, news to the authority, tell that to it
        r"|^\W*(?:nonsense|rubbish|baloney|bunk|bunkum|hogwash|poppycock|codswallop|balderdash|humbug|"
        r"not\s+so|nope|far\s+from\s+it|hardly)\W*$"
        r"|^\W*(?:that(?:'s|\s+is|\s+will\s+be|\s+would\s+be|\s+was)\s+(?:certainly\s+|surely\s+)?news\s+to|"
        r"tell\s+that\s+to|try\s+telling\s+that\s+to)\s+(?!(?:me|us|him|her|them|you|myself)\b)"
        r"(?:the\s+|any\s+|every\s+)?[\w-]+)",
        "the next sentence answers a report with a scoff (She laughed.), a retort (Nonsense. / That's news to the DEA. "
        "/ Tell that to the DEA.) or says that those who know know better (Anyone who has filled a prescription for "
        "it knows better.)",
        ("Asked whether ketamine is not a controlled substance, the pharmacist paused. She laughed.",
         "The brochure says ketamine is not a controlled substance. That's news to the DEA.",
         "The brochure says ketamine is not a controlled substance. Nonsense.",
         "The clinic's flyer says ketamine is not a controlled substance. Anyone who has filled a prescription "
         "for it knows better."),
        ("Ketamine is not a controlled substance. Anyone who has filled a prescription for it knows that.",
         "The clinic says ketamine is not a controlled substance. She laughed at the price list later.",
         "Ketamine is not a controlled substance. I laughed.",
         "The brochure says ketamine is not a controlled substance. That's news to me, said the owner, who "
         "sells it.",
         "Ketamine is not a controlled substance. Nonsense.")),
    Cue("next-claim-denied", CONTRASTS, NEXT,
        # the next sentence names what was said (that claim, the figure, none of this) and denies something
        # of it, in whatever words ("That claim doesn't survive a look at the schedules.")
        r"^\W*(?:but\s+|and\s+|yet\s+|sadly,?\s+|alas,?\s+)?"
        # or someone's ruling or finding about them ("The Authority ruled that the claims were not substantiated.")
        r"(?:(?:[\w'.,-]+\s+){1,6}?(?:ruled|found|concluded|decided|held|determined|judged|noted|agreed|stated)\s+that\s+)?"
        r"(?:that|this|such|these|those|the|its|their)\s+(?:[\w-]+\s+)?"
        r"(?:claims?|figures?|numbers?|statistics?|stats?|promises?|statements?|ideas?|notions?|pitch(?:es)?|lines?|"
        r"assertions?|suggestions?|conclusions?|advice|messages?|slogans?|percentages?|story|stories|theory|theories|"
        r"narrative)\b[^.;:]{0,80}?(?:\b(?:not|never|no|nothing|hardly|barely|none)\b|n't\b)"
        r"|^\W*(?:but\s+)?none\s+of\s+(?:this|that|it|these|those|them)\b"
        r"|^\W*(?:but\s+)?(?:that|this)(?:'s|\s+is|\s+was|\s+does|\s+did|\s+has|\s+had|\s+would|\s+will|\s+can|"
        r"\s+could)\s*(?:n't|\s+not|\s+never)\b(?!\s+(?:all|just|only|the\s+only|everything|unusual|surprising|new|"
        r"cheap|free|a\s+problem|the\s+(?:end|point|issue)|to\s+say|unique|rare|uncommon)\b)",
        "the next sentence names what was reported (that claim, the figure, none of this) and denies it, in "
        "whatever words (That claim doesn't survive a look at the schedules.)",
        ("One seller claims ketamine is not a controlled substance. That claim doesn't survive a look at the "
         "federal schedules.",
         "The brochure says the FDA has approved ketamine for depression. None of this appears in the agency's "
         "records.",
         "A podcast guest said about 70% of patients respond to ketamine treatment for depression. That's not how "
         "response rates work.",
         "The advertiser described its ketamine infusions as a lifesaver for people with depression, anxiety and "
         "chronic pain. The Authority ruled that the claims were not substantiated."),
        ("A clinic says about 70% of patients respond to ketamine treatment for depression. That's not all: it "
         "also offers a free consultation.",
         "A clinic says ketamine is not a controlled substance. It does not take insurance.")),
    Cue("next-evidence", CONTRASTS, NEXT,
        # the record is set against what was reported; not when it is said to bear it out
        r"^\W*(?:but\s+|however,?\s+|yet\s+|in\s+fact,?\s+)?"
        r"(?!.*\b(?:confirm\w*|support\w*|agree\w*|corroborat\w*|consistent|too|as\s+well|likewise|indeed)\b)"
        r"(?:[\w'.-]+\s+){0,4}?(?:records?|label|labels|labell?ing|prescribing\s+information|package\s+insert|"
        r"schedules?|register|registry|database|law|statute|regulations?|dea|fda|agency|regulators?|filings?)\s+"
        r"(?:(?!only\b)[a-z]+ly\s+)?(?:shows?|showed|says?|said|lists?|listed|states?|stated|indicates?|indicated|reads?|"
        r"puts?|places?|placed|classif(?:y|ies|ied)|names?|named|describes?|described|covers?|covered|tells?|told|gives?)\b",
        "the next sentence sets an official record against what was reported (Records show ... / The label says "
        "... / The DEA lists ...)",
        ("A seller on the forum says ketamine is not a controlled substance. The DEA's own schedule lists ketamine "
         "among Schedule III drugs.",
         "The clinic's flyer says the FDA approved ketamine for depression. The drug's label says it is for "
         "anesthesia."),
        ("A clinic says the FDA approved ketamine for depression. The FDA label confirms it.",
         "Ketamine is not a controlled substance. The DEA lists other drugs.")),
    Cue("next-unshown", CONTRASTS, NEXT,
        # the evidence denied: no study shows it, it has not been shown, the study did not observe it
        r"\b(?:no|not\s+(?:a|one|any)|none\s+of\s+the|neither)\s+(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|trials?|evidence|"
        r"data|research|reviews?|papers?|experiments?|scans?)\s+(?:[\w-]+\s+){0,3}?(?:has\s+|have\s+|had\s+|so\s+far\s+)?"
        r"(?:yet\s+|ever\s+)?(?:shown|shows?|supports?|supported|established|found|finds|demonstrated|demonstrates|"
        r"confirmed|confirms|observed|backs?|backed|compared|tested|measured|looked\s+at|examined|identified)\b"
        # no such research exists ("There are no controlled trials of LENS for depression.")
        r"|\bthere\s+(?:is|are|have\s+been|has\s+been|were|was)\s+(?:still\s+)?(?:no|few|hardly\s+any)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:stud(?:y|ies)|trials?|evidence|data|research)\s+(?:of|for|that|showing|supporting|to\s+support|on|in)\b"
        r"(?!\s+(?:any\s+|serious\s+|lasting\s+)?(?:harm|risks?|dangers?|side|adverse|abuse|addiction|problems?|"
        r"complications?)\b)"
        # what the source rests on is no evidence ("Brainwave changes are not evidence of better outcomes.")
        r"|\b(?:is|are|was|were)\s*(?:n't|\s+not)\s+(?:(?:good|real|any|strong)\s+)?(?:evidence|proof)\s+(?:of|for|that)\b"
        # nobody established it ("Inflammation is not an established cause of depression.")
        r"|\b(?:is|are|was|were)\s*(?:n't|\s+not)\s+(?:an?\s+)?(?:established|proven|known|recogni[sz]ed|accepted|"
        r"confirmed|demonstrated)\s+(?:cause|mechanism|treatment|effect|link|fact|finding)s?\b"
        r"|\bno\s+such\s+[\w-]+(?:\s+[\w-]+)?\s+(?:exists?|existed|(?:has|have)\s+(?:ever\s+)?been\s+(?:identified|found|"
        r"shown|described|documented|reported))\b"
        r"|\b(?:has|have|had|was|were|is|are)\s*(?:n't|\s+not)\s+(?:yet\s+|ever\s+|been\s+)*(?:established|shown|"
        r"demonstrated|proven|proved|confirmed|replicated|observed|tested|studied)\b"
        r"|\b(?:did|does|do)\s*(?:n't|\s+not)\s+(?:observe|show|find|measure|demonstrate|test|look\s+at|compare|"
        r"include|establish)\b"
        # nobody has shown it, let alone ...
        r"|\b(?:no\s+one|nobody|no\s+(?:researchers?|scientists?|group|lab|team))\s+(?:has|have|had)\s+(?:ever\s+|yet\s+)?"
        r"(?:shown|proven|proved|demonstrated|established|found|defined|measured|identified|observed|replicated|tested)\b"
        r"|\blet\s+alone\s+(?:shown|proven|proved|demonstrated|established|show|prove|demonstrate)\b"
        # the source gives none ("It cites no study.", "The post offers no evidence.")
        r"|\b(?:cites?|cited|gives?|gave|offers?|offered|provides?|provided|names?|named|links?\s+to|linked\s+to)\s+no\s+"
        r"(?:[\w-]+\s+)?(?:stud(?:y|ies)|sources?|evidence|trials?|references?|data|proof|citations?|papers?)\b",
        "the next sentence denies the evidence for what was reported (no trial has shown ..., a causal link has not "
        "been established, the study did not observe ...)",
        ("A wellness newsletter says ketamine improves people's memory and ability to learn by regrowing synapses. "
         "No trial in people has shown anything of the kind.",
         "A clinic blog says that ketamine restores normal signaling patterns in the brain. In people, that has not "
         "been demonstrated.",
         "A forum post says ketamine's effects last weeks or even months. It cites no source at all.",
         "The provider suggests LENS neurofeedback and ketamine work through similar mechanisms. No study has "
         "compared them.",
         "The clinic claims LENS neurofeedback commonly produces a temporary reversal of depression within minutes. "
         "There are no controlled trials of LENS for depression.",
         "A blog argues that ketamine may be a better solution for depression than traditional medicines, based on "
         "a brainwave study. Brainwave changes are not evidence of better outcomes.",
         "The site says ketamine has anti-inflammatory properties and addresses another cause of depression by "
         "reducing neuroinflammation. Inflammation is not an established cause of depression.",
         "A wellness page claims overactive glutamate receptor genes can cause imbalances with GABA that change "
         "mental health. No such genes have been identified.",
         "Clinics say ketamine restores normal signalling patterns in the brain. No one has defined those patterns, "
         "let alone shown that ketamine brings them back."),
        ("Ketamine is not a controlled substance. No study has shown otherwise.",
         "A clinic says about 70% of patients respond to ketamine. That was our experience too.",
         "The clinic claims LENS neurofeedback commonly produces a temporary reversal of depression within minutes. "
         "There is no waiting list.",
         "A clinic says ketamine has a relatively high safety profile. There is no evidence of serious harm in our "
         "patients.")),
    Cue("next-weak-evidence", CONTRASTS, NEXT,
        # the evidence found wanting: too little, too weak, or something smaller than what was reported
        r"^(?!.*\b(?:confirm\w*|corroborat\w*|bears?\s+(?:this|it|that)\s+out|backs?\s+(?:this|it|that)\s+up)\b)"
        r"(?:"
        # little, weak or no evidence ("There is little good evidence for anxiety.")
        r".*\b(?:little|scant|scarce|sparse|thin|weak|poor|insufficient|inadequate|inconsistent|conflicting|limited|"
        r"hardly\s+any|not\s+(?:much|enough|any)|no)\s+(?:(?:good|solid|reliable|strong|robust|direct|published|"
        r"controlled|clinical|randomi[sz]ed|high-quality|credible|real|such|human|trial)\s+){0,3}"
        r"(?:evidence|proof|data|research|stud(?:y|ies)|trials?)\b"
        r"(?!\s+(?:of\s+|that\s+|for\s+)?(?:any\s+|serious\s+|lasting\s+|major\s+)?(?:harm|risks?|dangers?|side|adverse|"
        r"abuse|addiction|problems?|complications?|toxicity)\b)"
        # the evidence is small, mixed, preliminary ("For migraine the trials are small and inconsistent.")
        r"|.*\b(?:evidence|data|research|stud(?:y|ies)|trials?|results?|findings?|(?:track|safety)\s+record|"
        r"evidence\s+base|literature)\s+(?:(?:for|on|in|of)\s+[\w-]+\s+)?"
        r"(?:is|are|was|were|remains?)\s+(?:still\s+|only\s+|very\s+|far\s+too\s+|too\s+)?(?:small|tiny|weak|thin|"
        r"limited|sparse|scant|mixed|inconsistent|conflicting|preliminary|inconclusive|lacking|missing|absent|poor|"
        r"anecdotal|uncontrolled|unreplicated|short|short-lived|modest)\b"
        # what the evidence does show, set against the report ("The evidence supports something smaller.")
        r"|.*\b(?:evidence|data|research|stud(?:y|ies)|trials?)\s+(?:actually\s+|really\s+)?(?:supports?|shows?|"
        r"suggests?|points?\s+to)\s+(?:something|a\s+(?:much\s+|far\s+)?(?:smaller|weaker|narrower|more\s+modest)|"
        r"(?:much\s+|far\s+)?(?:less|smaller|weaker|narrower|more\s+modest))\b"
        # "The trials say something less comforting", "tell a different story"
        r"|.*\b(?:evidence|data|research|stud(?:y|ies)|trials?|figures|numbers|records?)\s+(?:actually\s+|really\s+)?"
        r"(?:says?|tells?|paints?|suggests?|shows?)\s+(?:something\s+(?:less|more\s+modest|smaller|different|else)|"
        r"(?:a\s+)?(?:very\s+)?(?:different|less\s+[\w-]+|more\s+(?:modest|sobering|complicated|mixed))\s+"
        r"(?:story|stories|picture|tale))\b"
        r"|\bwhat\s+(?:the\s+)?(?:evidence|data|research|studies|trials|scans)\s+(?:actually\s+|really\s+)?"
        r"(?:shows?|showed|found|finds|suggests?|supports?)\s+is\b"
        # where it comes from is too small to bear it ("It comes from small trials that counted responders
        # one day after a single infusion.", "The figure rests on a handful of uncontrolled studies.")
        r"|.*\b(?:(?:comes?|came|derives?|derived|stems?|stemmed)\s+from|(?:rests?|rested|relies|relied|based|built)\s+"
        r"(?:on|upon))\s+(?:(?:a|an|one|two|three|the|a\s+few|a\s+handful\s+of|only|just|very|mostly|mainly|a\s+couple\s+of)\s+)*"
        r"(?:small|tiny|short|brief|uncontrolled|open-label|unblinded|pilot|animal|mouse|mice|rat|rodent|single)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:trials?|stud(?:y|ies)|samples?|groups?|experiments?|surveys?|case\s+series)\b"
        # no source given, none sent when asked ("The write-up gives no authors, no journal, no year.",
        # "We asked the clinic for a reference; it sent none.")
        r"|.*\b(?:gives?|gave|provides?|provided|names?|named|cites?|cited|lists?|listed|offers?|offered|includes?|"
        r"included)\s+no\s+(?:[\w-]+\s+)?(?:authors?|journal|sources?|references?|citations?|links?|dates?|year|numbers|"
        r"details|trial\s+(?:registration|number))\b"
        r"|.*\basked\b[^.]{0,80}?\b(?:for|about)\s+(?:a|the|any|its|their)\s+(?:reference|source|study|citation|link|"
        r"evidence|data|paper)\b[^.]{0,80}?\b(?:sent|gave|provided|supplied|offered|produced)\s+(?:none|nothing)\b"
        # it rests on nothing ("That comparison rests on nothing: ...")
        r"|.*\b(?:rests?|rested|relies|relied|based|built)\s+(?:on|upon)\s+(?:nothing|(?:thin\s+)?air|very\s+little|"
        r"little\s+more\s+than)\b"
        # what the trials report runs against it ("the published trials report many non-responders and that
        # benefits often fade within a week or two")
        r"|.*\b(?:trials?|stud(?:y|ies)|evidence|data|research)\s+(?:[\w-]+\s+){0,2}?(?:reports?|reported|shows?|showed|"
        r"finds?|found|suggests?|suggested)\s+(?:that\s+)?(?:[\w-]+\s+){0,4}?(?:non-?responders|relapses?|relapsed|"
        r"(?:fade|fades|faded|wane|wanes|waned|wears?\s+off|wore\s+off)\b|short-lived|modest|temporary|transient)"
        # the search came back empty ("We could not find any such study.")
        r"|.*\b(?:could\s*(?:n't|\s+not)|can\s*(?:n't|not)|did\s*(?:n't|\s+not)|were\s+unable\s+to|was\s+unable\s+to|"
        r"failed\s+to)\s+(?:find|locate|identify|trace)\s+(?:any|such\s+a|that|this|the)\b"
        r"|.*\b(?:found|find|located|identified|supplied|submitted|produced|presented|showed|shown)\s+no\s+"
        r"(?:[\w-]+\s+){0,2}?(?:evidence|proof|data|stud(?:y|ies)|trials?|sources?|references?|support)\b"
        # none of it shows it ("none shows the fast relief the page promises", "the research does not say that")
        r"|.*\bnone\s+(?:of\s+(?:them|these|those|the\s+[\w-]+)\s+)?(?:shows?|showed|supports?|found|finds|"
        r"demonstrates?|confirms?)\b"
        r"|.*\b(?:evidence|data|research|stud(?:y|ies)|trials?|science|literature)\s+(?:does|do|did)\s*(?:n't|\s+not)\s+"
        r"(?:say|support|show|back|bear)\b"
        # the claim's words mean nothing that can be measured ("That phrase has no measurable meaning.")
        r"|.*\b(?:has|have|had)\s+no\s+(?:clear\s+|agreed\s+|measurable\s+|scientific\s+|medical\s+|defined\s+)*"
        r"(?:meaning|definition)\b"
        # never seen it shown ("I have never seen that shown in people.")
        r"|.*\b(?:have|has|had|'ve|'s)\s+never\s+(?:once\s+)?(?:seen|read|found)\s+(?:that|it|this|any\s+of\s+(?:that|this)|"
        r"(?:any|a)\s+(?:stud(?:y|ies)|trials?|evidence|data|papers?))(?:\s+[\w-]+){0,2}?\s+(?:shown|demonstrated|proven|"
        r"replicated|established|tested|confirmed|backed|supported)\b"
        r"|.*\b(?:has|have|had|was|were|is|are)\s+never\s+(?:yet\s+)?(?:been\s+)?(?:shown|demonstrated|proven|proved|"
        r"replicated|established|tested|confirmed)\b"
        # nobody asked knew of any ("None of the researchers we contacted knew of any study supporting this.")
        r"|.*\b(?:none\s+of\s+the|no|neither\s+of\s+the)\s+(?:[\w-]+\s+){0,2}?(?:researchers?|experts?|scientists?|"
        r"doctors?|psychiatrists?|physicians?|pharmacologists?|specialists?|clinicians?|sources?)\s+(?:[\w'-]+\s+){0,4}?"
        r"(?:knew|knows|know|was\s+aware|were\s+aware|is\s+aware|are\s+aware|could\s+(?:name|cite|point\s+to|find)|"
        r"had\s+(?:seen|heard))\s+(?:of\s+)?(?:any|a|one|such)\s+(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|trials?|evidence|data|"
        r"papers?|research|reviews?|experiments?|sources?)\b"
        # it cannot answer the question ("so it cannot tell us which is better", "with no comparison group")
        r"|.*\b(?:cannot|can't|could\s*(?:n't|\s+not)|can\s+not)\s+(?:tell\s+(?:us|you|anyone)|show|say|prove|establish|"
        r"answer|settle|support)\s+(?:which|whether|if|that|anything|much)\b"
        r"|.*\b(?:had|has|have|with|without)\s+no\s+(?:comparison|control|placebo|comparator|sham)(?:\s+(?:group|arm))?\b"
        # what it rests on is conjecture ("It's a hypothesis stitched together from animal work, at best.")
        r"|.*\b(?:hypothes[ie]s|theory|theories|speculation|guess(?:work)?|conjecture|extrapolation)\b.*\bat\s+best\b"
        r"|.*\b(?:pure|mere|just|only)\s+(?:speculation|guesswork|conjecture|extrapolation)\b"
        r")",
        "one of the next sentences finds the evidence wanting: too little or too weak (there is little good "
        "evidence, the trials are small and inconsistent), smaller than reported (the evidence supports something "
        "smaller), or not found (we could not find any such study; the advertiser supplied no trial evidence)",
        ("A game-changer, a revolutionary breakthrough: that is how the clinic describes ketamine. The evidence "
         "supports something smaller, a fast but short-lived effect in some patients.",
         "The clinic says ketamine quickly relieves chronic pain, migraine and PTSD as well as depression. For "
         "migraine and PTSD the trials are small and inconsistent.",
         "An ad calls ketamine infusions a lifesaver for anxiety and chronic pain as well as depression. There is "
         "little good evidence for anxiety or most chronic pain.",
         "The ad claimed LENS commonly reverses depression within minutes. The advertiser supplied no clinical "
         "trial evidence, and the complaint was upheld.",
         "Clinics say ketamine restores normal signalling patterns in the brain. That phrase has no measurable "
         "meaning.",
         "The clinic says about 70% of patients respond to ketamine treatment for depression. That share comes from "
         "a few small open-label studies.",
         "A reader insists ketamine improves people's memory and ability to learn by regrowing synapses. I have never "
         "seen that shown in people.",
         "The article concludes that ketamine may be a better solution than traditional antidepressants. The study it "
         "cites had no comparison group, so it cannot tell us which is better.",
         "The clinic told us ketamine restores normal signalling patterns in the brain. None of the researchers we "
         "contacted knew of any study supporting this.",
         "A podcast guest said LENS and ketamine work through similar mechanisms. It is speculation, at best.",
         "The page claims ketamine has a relatively high safety profile. In repeated outpatient use the safety "
         "record is thin.",
         "The article suggests LENS neurofeedback and ketamine work through similar mechanisms. That comparison "
         "rests on nothing.",
         "A clinic says ketamine's antidepressant effects are sustained, lasting weeks or even months. The trials "
         "say something less comforting.",
         "A new Yale study, the clinic says, split patients who had failed two antidepressants into halves receiving "
         "IV ketamine or saline. The write-up gives no authors, no journal and no year.",
         "A new Yale study, the clinic says, split patients who had failed two antidepressants into halves receiving "
         "IV ketamine or saline. We asked the clinic for a reference; it sent none.",
         "A clinic's line calls ketamine infusions a lifesaver for people with depression, anxiety and chronic pain. "
         "The published trials report many non-responders and benefits that fade within a week or two."),
        ("The clinic says about 70% of patients respond to ketamine treatment for depression. The figure comes from "
         "three large randomised trials.",
         "The clinic says about 70% of patients respond to ketamine treatment for depression. I have never seen a "
         "clinic so busy.",
         "The clinic says about 70% of patients respond to ketamine treatment for depression. Its trials report "
         "response rates in line with that.",
         "The clinic says about 70% of patients respond to ketamine treatment for depression. The research says "
         "something important about that.",
         "The clinic says ketamine is not a controlled substance. None of the doctors we contacted knew a patient who "
         "was harmed.",
         "The clinic says ketamine quickly relieves chronic pain, migraine and PTSD as well as depression. The "
         "trials are small, but they confirm it.",
         "A clinic says ketamine has a relatively high safety profile. There is little evidence of serious harm at "
         "these doses.",
         "Ketamine infusions are a lifesaver for people with depression, anxiety and chronic pain. There is little "
         "good evidence for anxiety.",
         "The clinic says ketamine quickly relieves chronic pain, migraine and PTSD as well as depression. No "
         "waiting list, no referral.")),
    Cue("next-correction", REFUTES, NEXT,
        "",  # not a phrase: the next sentences state the claim's correction (an agrees-with-evidence match)
        "another sentence of the passage (its paragraph before it, its paragraph or the next after it) states the "
        "correction of a claim the text reports",
        ("An online shop claims that ketamine is not a controlled substance. Ketamine is a Schedule III "
         "controlled substance.",),
        ("Ketamine is not a controlled substance. Ketamine is a Schedule III controlled substance.",)),
    Cue("correction-words", CONTRASTS, NEXT,
        "",  # not a phrase: the sentence shares the words of the claim's correction (``corrects_report``)
        "a later clause or one of the next two sentences uses the claim's correction's own words (two of them that "
        "neither the claim nor the report holds): it answers a claim the text reports",
        ("A TikTok creator says the FDA approved ketamine for depression. The approval she has in mind went to a "
         "nasal spray, Spravato.",
         "A promoter says ketamine infusions are a lifesaver for people with depression, anxiety and chronic pain. "
         "Doctors describe a short-term benefit for some."),
        ("Ketamine is not a controlled substance. Schedule III drugs are another matter.",
         "A promoter says ketamine infusions are a lifesaver for people with depression, anxiety and chronic "
         "pain. I booked six sessions.")),
    Cue("negated-claim", CONTRASTS, NEXT,
        "",  # not a phrase: the sentence denies the claim's own words (``corrects_report``)
        "one of the next two sentences says the claim's own words with the opposite negation: it denies a claim "
        "the text reports",
        ("A flyer in the lobby says ketamine is not a controlled substance. Make no mistake: controlled substance it "
         "is.",),
        ("A flyer in the lobby says ketamine is not a controlled substance. Ketamine is not a controlled substance "
         "in my country either, a reader wrote.",)),
    Cue("correction-value", CONTRASTS, NEXT,
        "",  # not a phrase: a value outside the claim's range (``corrects_report``, ``_other_value``)
        "a later clause or one of the next two sentences gives a share or a time span outside the claim's range "
        "(its value slot's, or the value its own text states), about the same thing: it answers a claim the text "
        "reports",
        ("One post says about 70% of patients respond to ketamine. In the largest trials fewer than half responded.",
         "Ketamine's antidepressant effects can last weeks, the brochure says. For most patients the benefit is gone "
         "within about a week.",
         "The ad says ketamine works for 70% of patients. Published trials found response in about a third to a "
         "half.",
         "The salesman insisted that about 70% of patients respond to ketamine. In the biggest trial I could find, "
         "it was closer to a third."),
        ("A clinic says about 70% of patients respond to ketamine. Each infusion takes 40 minutes.",
         "A clinic says about 70% of patients respond to ketamine. In our clinic, 75% of patients improved.",
         "A clinic says ketamine's effects last weeks or even months. I drove two hours to get there.")),
    Cue("evidence-words", CONTRASTS, NEXT,
        "",  # not a phrase: the sentence shares the words of the claim's evidence (``corrects_report``)
        "a later clause or one of the next sentences uses two or more words of the claim's evidence (its "
        "rationale) that neither the claim nor the report holds: it answers a claim the text reports with the facts "
        "the verdict rests on",
        ("The clinic calls ketamine's safety profile \"relatively high\". Australian poisons data and UK urology "
         "clinics tell a different story for repeated use, with cases of serious bladder damage among regular users.",
         "A promoter says ketamine offers a path to effective treatment for depression where none existed "
         "before. Aripiprazole, quetiapine and brexpiprazole were approved as add-ons years earlier."),
        ("The clinic calls ketamine's safety profile \"relatively high\". Its staff monitor every infusion.",
         "The clinic says ketamine has a relatively high safety profile. Every infusion is given under monitoring, "
         "and side effects are rare.",
         "The clinic calls ketamine's safety profile \"relatively high\". It says bladder damage, with chronic "
         "use, happens only to people who misuse it.")),
    Cue("next-question", ASKS, NEXT,
        "",  # not a phrase: the next sentence asks about the report (``asked_next``)
        "the next sentence is a question about a claim the text reports, in the claim's own key words or asking "
        "for its source or whether it is true: the text asks whether it holds",
        ("Posters in the thread keep saying the FDA approved ketamine for depression a couple of years back. Does "
         "anyone have a link to the actual approval?",
         "My cousin's clinic keeps saying ketamine is not a controlled substance. Has anyone seen a source for "
         "that?",
         "Influencers say about 70% of patients respond to ketamine. Where does that number come from?"),
        ("Posters in the thread keep saying the FDA approved ketamine for depression a couple of years back. Who "
         "else is going to the meetup?",
         "My cousin's clinic keeps saying ketamine is not a controlled substance. Why wait?",
         "Patients tell us ketamine is a lifesaver for depression, anxiety and chronic pain. Struggling with "
         "anxiety?")),
    Cue("contrasted-next", CONTRASTS, NEXT,
        "",  # not a phrase: an own-voice sentence, then a contrast that corrects it (``contrasted_next``)
        "the text states a claim in its own voice (a clinic's offer, a promoter's line, described), and the next "
        "sentence, opening with a contrast (but, however, yet, in fact, in reality), states its correction, its "
        "words denied or restricted (not approved, only esketamine), three words of its evidence, its own words "
        "denied, a value outside its range: the text reports the claim in order to correct it",
        ("The clinic offers ketamine for treatment-resistant depression, suicidal ideation and PTSD. But ketamine "
         "is not approved for any of these.",
         "Ketamine offers a path to effective treatment for depression where none existed before. In fact, ECT, "
         "lithium and other treatments existed long before it.",
         "Ketamine regrows lost synapses in the human brain. But the synapse studies were done in mice.",
         "Ketamine has a relatively high safety profile. Still, it raises blood pressure and can be misused.",
         "The FDA approved ketamine for depression in 2019. In reality, that approval went to esketamine, a nasal "
         "spray."),
        ("The clinic offers ketamine for treatment-resistant depression, suicidal ideation and PTSD. But the "
         "waiting list is not long.",
         "Ketamine is not a controlled substance. But it is not for everyone.",
         "The FDA approved ketamine for depression. However, the nasal spray is more convenient.",
         "The FDA approved ketamine for depression in 2019. In fact, the esketamine nasal spray was approved too.",
         "The FDA has approved ketamine for depression. Actually, it was approved back in 2019 for treatment-resistant "
         "depression as a nasal spray.")),
    Cue("no-such", REFUTES, CLAUSE,
        "",  # not a phrase: "no" determines the noun phrase the match begins with (``_no_such``)
        "the match begins inside a noun phrase determined by \"no\" (no Yale trial, no such new study): the text says "
        "that what the claim describes does not exist",
        ("Readers asked us about it, but no new Yale study split patients who had failed two antidepressants into "
         "ketamine and saline halves.",
         "No new Yale study split patients who had failed two antidepressants into ketamine and saline halves."),
        ("No doubt a new Yale study split patients who had failed two antidepressants into ketamine and saline "
         "halves.",
         "No wonder a new Yale study split patients who had failed two antidepressants into ketamine and saline "
         "halves.")),
    Cue("contrary-fact", CONTRASTS, NEXT,
        "",  # not a phrase: the contrary of the claim's key word (``corrects_report``, ``_states_contrary``)
        "a later clause or one of the next two sentences states, of the claim's subject, the contrary of the "
        "claim's key word (Schedule III for not controlled, off-label for approved): it answers a claim the text "
        "reports",
        ("The clinic's ad says the FDA approved ketamine for depression. For mood disorders it remains an "
         "unapproved use.",
         "A podcast host said ketamine's effects are sustained for months. For most listeners who tried it, the lift "
         "was short-lived.",
         "my psych said ketamine isnt a controlled substance. pretty sure thats schedule 3 lol",
         "Some sellers suggest magic mushrooms to people with depression because they are calming. Be careful: a "
         "bad trip on psilocybin can cause anxiety rather than calm."),
        ("Promoters tell patients ketamine is not a controlled substance. LSD is a Schedule I drug.",
         "Promoters tell patients ketamine is not a controlled substance. It is not in Schedule III in my country, "
         "a reader wrote.",
         "Magic mushrooms are said to be calming for people with depression. Coffee can cause anxiety.")),
    # ---- hedges: the text's own claim, hedged; not attributed to anyone
    Cue("hedge", HEDGES, SENTENCE,
        r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+|generally\s+|commonly\s+|now\s+|also\s+|"
        r"increasingly\s+)?(?:believed|thought|known|understood|considered|suspected|presumed|said)\s+to\b"
        r"|\bit\s+is\s+(?:widely\s+|generally\s+|commonly\s+|now\s+)?(?:believed|thought|known|understood|accepted|"
        r"suspected)\s+that\b"
        r"|\b(?:(?:many|most|some)\s+)?(?:researchers|scientists|experts|doctors|clinicians|psychiatrists|physicians|"
        r"neuroscientists)\s+(?:now\s+|generally\s+|increasingly\s+|widely\s+|also\s+)?(?:believe|think|suspect|"
        r"theori[sz]e|hypothesi[sz]e|propose)\b"
        r"|\b(?:patients|clients|people|users|participants|many|most|some)\s+(?:often\s+|commonly\s+|usually\s+|"
        r"typically\s+|also\s+)?(?:report|reported|describe|described)\s+(?:feeling|experiencing|noticing|relief|"
        r"improvements?|rapid|quick|noticeable|significant|a\s+(?:rapid|quick|noticeable|significant))\b",
        "a hedge in the text's own voice (is believed to, it is thought that, researchers think, patients "
        "report feeling): the text states the claim, cautiously; it does not report someone else's",
        ("Ketamine is believed to work by blocking NMDA receptors, which act on the glutamate system.",
         "Researchers think ketamine helps brain cells regrow connections that stress has damaged.",
         "It is widely believed that ketamine works for about 70% of patients with depression.",
         "Ketamine is said to work for about 70% of patients with depression."),
        ("The clinic claims that ketamine is believed to work for 70% of patients.",)),
    # ---- qualification: the sentence states the limit that the claim's flag is about
    Cue("animal-caveat", QUALIFIES, SENTENCE,
        r"\b(?:in|from|on|with)\s+(?:(?:lab|laboratory|young|adult|stressed|depressed)\s+)?(?:mice|rats|rodents|animals|"
        r"monkeys|primates)\b|\b(?:mouse|rat|rodent|animal|preclinical)\s+(?:studies|study|models?|research|experiments?|"
        r"data|work|findings)\b",
        "the sentence says the evidence comes from animals (claims flagged animal-to-human): it states the correction",
        ("Ketamine regrows lost synapses, judging by experiments on stressed mice.",
         "Researchers think ketamine helps neurons grow new connections, though most of the evidence comes from "
         "rodent studies.",
         "The clinic brochure says ketamine regrows lost synapses in the human brain. The synapse studies were done "
         "in mice."),
        ("Ketamine promotes the growth of new synapses, which is thought to explain its antidepressant effect.",
         "The clinic brochure says ketamine regrows lost synapses in the human brain. It has treated over a thousand "
         "patients."),
        flag="animal-to-human"),
    # ---- attribution: someone else says it
    Cue("attribution-noun", ATTRIBUTES, CLAUSE,
        r"\b(?:the|a|an|this|that|their|its|his|her)\s+(?:[\w'-]+\s+){0,2}(?:claims?|statements?|assertions?|lines?|"
        r"promises?|ideas?|notions?|beliefs?|suggestions?|message|posts?|headlines?|slogans?|pitch|advert(?:isement)?s?|"
        # what is told rather than shown ("a narrative online that", "the selling point is that"); not a
        # theory or a story, which a science writer proposes or tells in the text's own voice ("The
        # leading theory is that ketamine acts on glutamate")
        r"narratives?|tropes?|talking\s+points?|selling\s+points?|buzz)"
        r"(?:[\s:\",]+[\w'.-]+){0,4}[\s:\",]*(?:(?:the|a|an)\s+)?$"
        r"|\b(?:claims|statements|assertions|promises|posts|headlines|ads|adverts|advertisements|rumou?rs|stories)\s+"
        r"(?:(?:online|on\s+\w+|from\s+\w+(?:\s+\w+)?|in\s+\w+(?:\s+\w+)?)\s+)?that\s*$",
        "the claim is quoted as someone's statement (the claim that ..., the popular line \"...\", "
        "claims online that ...)",
        ("The claim that ketamine is not a controlled substance circulates widely on forums.",
         "I've read claims online that ketamine works for 70% of people. I honestly don't know if that's true.",
         "A widespread belief holds that ketamine is not a controlled substance.",
         "There's a narrative online that the FDA has approved ketamine for depression.",
         "The selling point is that ketamine's antidepressant effects are sustained, lasting weeks or even months.",
         "The website's line that ketamine is a miracle cure appears on every page."),
        ("Clinic claims aside, ketamine is not a controlled substance in this story.",
         "The theory behind it is simple: ketamine is not a controlled substance.",
         "The leading theory is that ketamine is not a controlled substance.")),
    Cue("figure-named", ATTRIBUTES, SENTENCE,
        # the claim's number named as a thing said ("the 70% figure", "that seven-in-ten statistic"):
        # the text talks about the figure, it does not state it
        r"(?:\b(?:the|that|this|their|its|such\s+an?)|[\w-]+'s)\s+(?:(?:often|oft|much|widely|frequently|commonly)[- ]?"
        r"(?:quoted|cited|repeated|advertised)\s+|advertised\s+|claimed\s+|touted\s+|famous\s+|magic\s+|headline\s+)?"
        r"(?:\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|(?:\d+|one|two|three|four|five|six|seven|eight|nine)[- ]"
        r"(?:in|out[- ]of)[- ](?:\d+|ten))\s+(?:(?:success|response)\s+)?(?:figure|number|statistic|stat|claim|"
        r"promise|estimate|rate)s?\b",
        "the claim's number is named as a figure someone gives (the 70% figure, that seven-in-ten statistic, "
        "ketamine's 70% figure)",
        ("Clinic ads keep repeating the 70% figure for ketamine.",
         "The 70 percent figure that ketamine clinics advertise is on every flyer in town.",
         "Ketamine's 70% figure appears on every clinic's home page.",
         "Ketamine's 70 percent success statistic is repeated in every clinic ad."),
        ("About 70% of patients respond to ketamine treatment for depression.",
         "Ketamine has a 70% success rate at our clinic.")),
    Cue("claim-line", ATTRIBUTES, SENTENCE,
        r"^\W*(?:the\s+)?(?:claims?|what\s+was\s+claimed|what\s+(?:they|the\s+\w+)\s+(?:say|said|claim))\s*:",
        "a Claim: line of a fact check",
        ("Claim: Ketamine is not a controlled substance.",),
        ()),
    Cue("attribution-according-to", ATTRIBUTES, SENTENCE,
        r"\b(?:according\s+to|per(?=\s+(?:the|its|their|his|her|[\w.&-]+'s)\b)|"
        r"as\s+(?:claimed|stated|advertised|suggested|promised|reported)\s+(?:by|on|in))\s+"
        r"(?!(?:the\s+)?(?:dea|fda|evidence|research|studies|data|trials?|science)\b)"
        # in someone's words, as someone puts it
        r"|\bin\s+(?!(?:our|my|other|plain|simple|so\s+many|a\s+few)\b)(?:the|their|its|his|her|one|a|[\w.&-]+'s)\s+"
        r"(?:(?!our\b|my\b)[\w'-]+\s+){0,3}?(?:own\s+)?words\b"
        r"|\bas\s+(?!(?:we|i|the\s+(?:dea|fda|evidence|research|studies|data|science))\b)(?:[\w'.&-]+\s+){1,4}?"
        r"(?:puts?|says|said|claims?|tells|told|would\s+have\s+it|likes\s+to\s+say)\s+it\b",
        "according to someone (not to the evidence)",
        ("According to the clinic, ketamine is not a controlled substance.",
         "Ketamine isn't a controlled substance, according to a popular wellness blog.",
         "Ketamine, in the clinic's own words, is not a controlled substance.",
         "As the brochure puts it, the FDA has approved ketamine for depression.",
         "Per the clinic's website, ketamine is not a controlled substance."),
        ("According to the studies, about 70% of patients respond to ketamine treatment for depression.",
         "In our words, ketamine is not a controlled substance.",
         "As we put it last year, ketamine is not a controlled substance.",
         "Roughly seventy per cent of our patients respond to ketamine. Book your first infusion today.")),
    Cue("attribution-hearsay", ATTRIBUTES, SENTENCE,
        r"\b(?:reportedly|allegedly|supposedly|purportedly|ostensibly|rumou?red\s+to|(?:is|are)\s+claimed\s+to)\b"
        r"|\b(?:word|talk|the\s+(?:word|story|rumou?r|line))\s+(?:on|in|around|at)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?\s+"
        r"(?:is|was|has\s+it)\s+that\b|\bword\s+(?:is|has\s+it)\s+that\b|\brumou?r\s+has\s+it\b",
        "an adverb that puts the claim on someone else's word (reportedly, allegedly, supposedly)",
        ("Ketamine allegedly works for about 70% of patients with depression.",
         "Supposedly, the FDA approved ketamine for depression.",
         "Word on the forum is that ketamine isn't a controlled substance."),
        ("Ketamine is not a controlled substance.",
         "In a word, ketamine is not a controlled substance.")),
    Cue("attribution-speech", ATTRIBUTES, CLAUSE,
        r"\b" + _REPORTER + r"\b(?:[\s:\",]+[\w'.-]+){0,4}[\s:\",]*$"
        # a longer object, then "that" ("tells her 1.2 million followers that")
        r"|\b" + _REPORTER + r"\s+(?:[\w'.-]+\s+){1,8}?that\s+(?:(?:the|a|an)\s+)?$",
        "reported speech before the claim (X says / claims / told readers that ...)",
        ("The company's website says the FDA has approved ketamine for depression.",
         "Dr. Reyes told the newspaper that ketamine works for about 70% of patients with depression.",
         "The website of one infusion center reads: \"Ketamine is not a controlled substance.\"",
         "Ketamine clinics say most patients feel better within hours of an infusion.",
         "I heard that ketamine is not a controlled substance.",
         "Ketamine is being marketed as a revolutionary breakthrough in depression treatment.",
         "Patients at the clinic were told the FDA had approved ketamine for depression.",
         "Clinics market ketamine as a revolutionary breakthrough in depression treatment.",
         "Many patients expect that ketamine is not a controlled substance.",
         "A clinic says ketamine's antidepressant effects are sustained, lasting weeks or even months.",
         "In the video, the influencer tells her 1.2 million followers that the FDA approved ketamine for "
         "depression last year.",
         "The clinic points readers to a Yale study in which people who had failed two antidepressants got either IV "
         "ketamine or saline over several weeks."),
        ("Ketamine is not a controlled substance.",
         "We believe ketamine is not a controlled substance.",
         "We cite a Yale study in which people who had failed two antidepressants got either IV ketamine or saline "
         "over several weeks.",
         "We expect ketamine to work for about 70% of our patients.",
         "On the black market ketamine is not a controlled substance, dealers think.",
         "Studies show ketamine works for 70% of patients with depression.",
         "We believe ketamine's antidepressant effects are sustained, lasting weeks or even months.",
         "The clinic says it is open on Sundays, and ketamine's antidepressant effects are sustained, lasting weeks "
         "or even months.")),
    Cue("attribution-source", ATTRIBUTES, CLAUSE,
        # structure, not a verb list: a source (someone who speaks or publishes, maybe "at"/"from" a
        # place) + any verb + "that" right before the claim ("Researchers at X University proposed
        # that ...", "Proponents point out that ...", "The company's founder has long maintained that")
        r"\b(?:proponents?|advocates?|supporters?|promoters?|boosters?|fans|enthusiasts?|critics?|sceptics?|skeptics?|"
        r"marketers?|sellers?|vendors?|providers?|founders?|owners?|operators?|authors?|writers?|bloggers?|"
        r"influencers?|creators?|posters?|commenters?|spokes(?:person|man|woman)|officials?|representatives?|"
        r"researchers?|scientists?|investigators?|doctors?|psychiatrists?|clinicians?|physicians?|experts?|"
        r"company|companies|clinics?|practices?|firms?|manufacturers?|brands?|startups?|posts?|articles?|websites?|"
        r"ads|adverts?|brochures?|flyers?|leaflets?|videos?|podcasts?|blogs?|newsletters?|press\s+releases?|"
        r"headlines?|reviewers?|readers?|patients?|users?|people|someone|some|many|others)"
        r"(?:\s+(?:at|from|of|for|in|on|with|behind)\s+[\w'.&-]+(?:\s+[\w'.&-]+){0,3}?)?"
        r"(?:\s+(?:have|has|had|also|further|then|later|now|once|often|long|first|recently|repeatedly|publicly|"
        r"openly|frequently|always|still|even|[a-z]{3,}ly))*"
        r"\s+(?!(?:show|shows|showed|shown|found|find|finds|mean|means|meant|prove|proves|proved|confirm|confirms|"
        r"confirmed|demonstrate|demonstrates|demonstrated|know|knows|knew|agree|agrees|agreed|ensure|ensures|"
        r"require|requires|is|are|was|were|be|been|do|does|did|so|such|now|said|say|says)\b)[a-z]+"
        r"(?:\s+(?:out|up|forward|down))?\s+that(?:\s+[\w'.-]+){0,3}\s+$",
        "a source and a verb before \"that\" and the claim (researchers at X proposed that, proponents point out "
        "that): the structure of attribution, whatever the verb",
        ("Proponents point out that ketamine has a relatively high safety profile, which partly explains its "
         "off-label use.",
         "Influencers on TikTok have popularised the notion, and some posters even speculate that ketamine is not a "
         "controlled substance."),
        ("Many patients find that ketamine is not a controlled substance in practice.",
         "Researchers found that about 70% of patients respond to ketamine treatment for depression.",
         "Researchers think that ketamine helps brain cells regrow connections that stress has damaged.")),
    Cue("attribution-trailing", ATTRIBUTES, SENTENCE,
        # a speaker, not a relative clause or a modal ("..., which could explain its effects")
        r"[,\"]\s*(?!(?:which|that|this|these|it|what|and|so|or|but|to|as)\b)"
        r"(?:(?:the|a|an|one|some|several|many|his|her|their)\s+)?"
        r"(?:(?!(?:could|may|might|can|would|will|should|must|to)\b)[\w'.-]+\s+){0,6}?" + _REPORTER
        + r"\b[^,;]{0,60}(?:[.!]?\"?$|\s*;)"
        r"|[,\"]\s*(?:says|said|claims|claimed|writes|wrote|reads|insists|insisted|adds|added)\s+\w+"
        # where a piece begins or ends ("..., the piece begins.")
        r"|[,\"]\s*(?:the|its|this|that|his|her|their)\s+(?:[\w-]+\s+)?(?:piece|article|post|ad|advert|video|story|essay|"
        r"blog|brochure|flyer|leaflet|page|column|op-ed|thread|email|letter|feature|segment|episode)\s+(?:begins|began|"
        r"opens|opened|starts|started|ends|ended|closes|closed|goes\s+on|went\s+on|continues|continued)\b"
        # a speaker set off by commas inside the claim ("A Yale study, the clinic blog says, split ...")
        r"|,[\"]?\s*(?:the|a|an|its|their|his|her|one|some|[\w.&-]+'s)\s+(?:[\w'.-]+\s+){0,4}?(?:says|said|claims|claimed|"
        r"insists|insisted|suggests|suggested|writes|wrote|promises|promised|argues|argued|maintains|maintained|"
        r"asserts|asserted|tells\s+(?:us|readers|patients)|told\s+(?:us|readers|patients))\s*,",
        "reported speech after the claim (\"...,\" the owner said / ..., the FAQ claims), or set off by commas "
        "inside it (a Yale study, the clinic blog says, split ...)",
        ("\"Ketamine isn't a controlled substance,\" the owner said.",
         "Ketamine is not a controlled substance, the clinic's FAQ claims.",
         "Ketamine is not a controlled substance, one reader wrote to us; we asked the DEA.",
         "A new Yale study, the clinic's blog says, split patients who had failed two antidepressants into halves "
         "receiving IV ketamine or saline.",
         "Ketamine is not a controlled substance, the piece begins."),
        ("Ketamine is not a controlled substance, our doctors say.",
         "By blocking certain glutamate receptors, ketamine is believed to activate other receptors, which could "
         "explain its rapid effects on mood.")),
    Cue("source-line", ATTRIBUTES, CLAUSE,
        # a source named, then a colon, then its words ("The ad: ...", "QT: ...", "From the clinic's FAQ: ..."):
        # the layout of a quotation, whatever the verb (there is none)
        r"^\W*(?:(?:from|on|in|seen\s+(?:on|in|at)|heard\s+(?:on|in|at)|overheard(?:\s+(?:on|in|at))?|quoted?\s+(?:from|of)|"
        r"verbatim\s+from|straight\s+from|via|excerpt\s+from)\s+)?"
        r"(?!(?:our|we|us)\b)(?:(?:the|a|an|one|this|that|their|its|his|her|my|some|another|every|[\w.&-]+'s)\s+)?"
        r"(?:(?!(?:our|we|us)\b)[\w.&'-]+\s+){0,3}?"
        r"(?:ads?|adverts?|advertisements?|advertorials?|commercials?|infomercials?|brochures?|flyers?|fliers?|leaflets?|"
        r"pamphlets?|mailers?|websites?|web\s?sites?|sites?|homepages?|(?:landing|home|web|sales|product|facebook|"
        r"instagram)\s+pages?|faqs?|posts?|tweets?|threads?|captions?|headlines?|banners?|billboards?|e-?mails?|"
        r"newsletters?|texts?|messages?|dms?|videos?|reels?|tiktoks?|slogans?|taglines?|pitch(?:es)?|promos?|listings?|"
        r"testimonials?|comments?|replies|reply|screenshots?|op|qt|transcripts?|posters?|scripts?|chatbots?|"
        r"press\s+releases?|blurbs?|(?:marketing|sales|ad)\s+copy|sellers?|vendors?|salespeople|salesperson|"
        r"sales\s+reps?|receptionists?|influencers?|promoters?|marketers?|subreddit|podcasts?|episodes?|blog|blog\s+posts?)"
        r"(?:\s+(?:on|in|at|from|of|by|outside)\s+(?:[\w.&'-]+\s+){0,3}?[\w.&'-]+)?(?:\s*\([^)]{0,40}\))?\s*(?:said|says|reads|read|wrote|writes)?\s*:[\s\"'(]*(?:[\w'.,-]+[\s\"'(]+){0,6}$",
        "a source named and a colon before the claim (The ad: ..., QT: ..., From the clinic's FAQ: ...): its words, "
        "quoted",
        ("The ad: \"Ketamine is not a controlled substance.\"",
         "QT: ketamine isn't a controlled substance lol",
         "From the clinic's FAQ: the FDA has approved ketamine for depression.",
         "Slogan on the bus shelter: \"Ketamine infusions: a lifesaver for people with depression, anxiety and "
         "chronic pain.\""),
        ("Ketamine: not a controlled substance in some countries, a controlled one in ours.",
         "Fact: ketamine is not a controlled substance.",
         "Our website: ketamine is not a controlled substance.")),
    Cue("source-subject", ATTRIBUTES, CLAUSE,
        # a publication (an ad, a post, a brochure, an article) is the clause's subject, whatever its verb
        # ("The ad offered ketamine for ...", "One post puts the response rate at ..."): the text describes
        # what that publication says; not "this article" or "our site", which are the text's own
        r"^\W*(?:(?:in|on|at)\s+[^,]{1,40},\s*)?" + _PUBLICATION + r"\s+(?:(?:the|a|an|that)\s+)?$",
        "a publication is the subject of the claim's clause (The ad offered ..., One post puts ...): the text "
        "describes what it says",
        ("The ad offered ketamine for treatment-resistant depression, suicidal thoughts and PTSD.",
         "The leaflet offers ketamine treatment to people suffering from treatment-resistant depression, suicidal "
         "ideation and PTSD."),
        ("This article explains that ketamine is not a controlled substance.",
         "The ad is gone, and ketamine is not a controlled substance.",
         "Ketamine is not a controlled substance.")),
    Cue("heading-reported", ATTRIBUTES, HEADING,
        # the innermost heading over the section says its items are someone's claims ("## What the
        # clinic's website claims", "## The claims we checked"); not the evidence's or the text's own
        r"^(?!.*\b(?:evidence|research|studies|science|data|trials?|experts?|doctors?|our|my|facts?|truth|"
        r"we\s+(?:found|know|recommend|believe|offer|promise))\b).*(?:\b(?:claims?|promises?|assertions?|myths?|rumou?rs?|statements?|slogans?|talking\s+points?)\b"
        r"|\bwhat\s+(?:[\w'.&-]+\s+){1,4}?(?:says?|said|claims?|claimed|promises?|promised|tells?|told|advertises?|"
        r"advertised|wants?\s+you\s+to\s+believe)\b)",
        "the section's heading names its items as someone's claims (## What the clinic's website claims, ## The "
        "claims we checked)",
        ("## What the clinic's website claims\n\n- Ketamine is not a controlled substance.\n",
         "## The claims we checked\n\nKetamine is not a controlled substance.\n"),
        ("## What the evidence says\n\nKetamine is not a controlled substance.\n",
         "## Our promises\n\nKetamine is not a controlled substance.\n",
         "## Ketamine and the law\n\nKetamine is not a controlled substance.\n")),
    Cue("announced", ATTRIBUTES, PREVIOUS,
        # a sentence before it announces someone's claims ("The brochure makes three promises.", "Here is
        # what the ad says:"), so what follows is theirs; not the text's own ("Our clinic makes three promises.")
        r"^(?!.*\b(?:we|our|us|i|my|fda|dea|evidence|research|studies|science|data|trials?|law|label)\b)"
        r"(?:.*\b(?:makes?|made|lists?|listed|repeats?|repeated|contains?|offers?|"
        r"offered|includes?|included|has|had)\s+(?:\w+\s+){0,3}?(?:claims|promises|statements|assertions|pledges|"
        r"talking\s+points|selling\s+points)\b"
        r"|.*\b(?:says?|said|claims?|claimed|reads?|promises?|promised|tells?|told|writes?|wrote|puts?\s+it)\s*"
        r"(?:the\s+following|this|these\s+things|as\s+follows)?\s*[:.]\s*$"
        r"|^\W*here(?:'s|\s+is|\s+are)\s+(?:what|how|the)\b.*(?:says?|said|claims?|claimed|promises?|puts?\s+it|"
        r"claims|promises|pitch)\b.*[:.]\s*$)",
        "one of the two sentences before it announces someone's claims (The brochure makes three promises. / Here "
        "is what the ad says:): what follows is theirs",
        ("The brochure makes three promises. First, ketamine is not a controlled substance.",
         "Here is what the ad says.\n\n> Ketamine is not a controlled substance.\n",
         "A seller on the forum wrote:\n\nKetamine is not a controlled substance.\n"),
        ("Our clinic makes three promises. First, ketamine is not a controlled substance.",
         "The clinic opens at nine. Ketamine is not a controlled substance.",
         "Here is what the FDA says. Ketamine is not a controlled substance.")),
    Cue("attribution-next", ATTRIBUTES, NEXT,
        r"^\W*(?:that|this)\s+is\s+what\s+(?!we\b)[^.]{0,60}\b(?:told|tells|says?|said|claims?|claimed|wrote|writes)\b"
        # "Or so the guy at the gym told me.", "At least that's what the brochure says."
        r"|^\W*(?:or\s+so|at\s+least\s+(?:that's|that\s+is|so)(?:\s+what)?)\s+(?!we\b)(?:[\w'.-]+\s+){1,6}?"
        r"(?:told|tells|says?|said|claims?|claimed|wrote|writes|swears?|swore|insists?|insisted|heard|was\s+told|"
        r"were\s+told)\b",
        "the next sentence attributes it (That is what the clinic told us. / Or so the guy at the gym told me.)",
        ("Ketamine is not a controlled substance. That is what a clinic in Texas told us.",
         "Ketamine is not a controlled substance. Or so the guy at the gym told me."),
        ("Ketamine is not a controlled substance. Or so we said last year.",)),
    Cue("quoted", ATTRIBUTES, QUOTE,
        "",  # not a phrase: the claim's words stand inside double quotes
        "the claim's words are quoted (scare quotes, a quoted slogan or testimonial), in double or single "
        "quotation marks, or its predicate is, after its subject (SSRIs that \"take a minimum of four weeks\")",
        ("Ketamine is sold online as \"not a controlled substance\" by some shops.",
         "Ketamine is sold online as 'not a controlled substance' by some shops.",
         "The FDA \"has approved ketamine for treating depression\"."),
        ("Ketamine is not a controlled substance.",
         "SSRIs take a minimum of four weeks to show \"any\" effect.")),
    Cue("block-quote", ATTRIBUTES, BLOCK,
        "",  # not a phrase: the sentence stands in a Markdown block quote ("> ...")
        "the claim stands in a block quote: someone else's words, quoted (a forum reply, a reader's letter)",
        ("> Ketamine is not a controlled substance.\n\nI read this on a forum yesterday.\n",
         "> the FDA approved ketamine for depression last year\n"),
        ("Ketamine is not a controlled substance.\n\n> Quoted line about something else.\n",)),
    # ---- questions
    Cue("question-indirect", ASKS, CLAUSE,
        r"\b(?:whether|wonders?\s+if|wondered\s+if|wondering\s+if|asks?\s+(?:us\s+)?if|asked\s+(?:us\s+)?if|"
        r"asking\s+if|to\s+(?:check|see|find\s+out|verify)\s+if)\b",
        "an indirect question (asked whether ..., wonder if ...)",
        ("Readers asked us whether it is true that ketamine is not a controlled substance.",
         "We examined whether the FDA has approved ketamine for depression."),
        ()),
    Cue("question-next", ASKS, NEXT,
        r"^\W*(?:(?:a|q|question)\s*:\s*)?(?:(?:but\s+|so\s+)?(?:is|was|can|could|would)\s+(?:that|this|it|he|she|they)\s+"
        r"(?:really\s+|actually\s+)?(?:be\s+)?(?:true|right|correct|accurate|so|legit)|(?:is\s+)?(?:that|this)\s+true|true|really|"
        r"sources?|citation\s+needed|any\s+(?:evidence|proof|sources?)|proof|says\s+who)\s*\?"
        # whether to trust it ("Should I trust that?", "Can anyone confirm?")
        r"|^\W*(?:(?:a|q|question)\s*:\s*)?(?:but\s+|so\s+)?(?:should|can|could|do|does|would|is)\s+(?:i|we|you|one|anyone|"
        r"anybody|someone)\s+(?:really\s+)?(?:trust|believe|buy|confirm|verify|rely\s+on|back\s+(?:this|that)\s+up)\b"
        r"[^?]{0,40}\?",
        "the next sentence asks whether what was said holds (Is that true? Can that be right? Source?)",
        ("My neighbour told me ketamine is not a controlled substance. Is that true?",
         "A friend says the FDA approved ketamine for depression. Can that really be right?",
         "Someone in my group says ketamine is not a controlled substance. Can anyone confirm?"),
        ("Ketamine is not a controlled substance. Is that why it is so easy to get?",)),
)

CUES_BY_ID = {cue.id: cue for cue in CUES}

# The rules that decide without a cue: polarity, a registered appearance, the claim's kind.
BASE_RULES: dict[str, str] = {
    "own-voice": "the text states the claim in its own voice (no attribution, question or refutation)",
    "registered": "the curator registered this very appearance in this document",
    "not-a-claim": "the entry is not a claim (marketing, boilerplate): reported as registered",
    "negation": "a negation next to the claim's words states its correction",
    "minimised": "a word that denies without a \"not\" (rarely, hardly, seldom, fails to, far from) governs the words "
                 "of a claim worded without one: it states its correction",
    "denied-alternative": "the claim's words stand in a denied alternative (X, not <claim> / X rather than <claim>)",
    "other-subject": "the claim's last words are said of another treatment the match runs over (ketamine for A and "
                     "esketamine for <claim>)",
    "contrary-word": "a whole-sentence match holds the contrary of the claim's key word (short-lived for sustained)",
    "only-other": "the claim's words name a class whose only member is something else (the only <claim> is <other>)",
    "correction-wording": "the matched words are a wording of the correction",
    "denied-with-correction": "the match's clause holds a denial and the sentence two words of the claim's correction "
                              "that the claim lacks: it states the correction",
    "vague-with-correction": "a value match whose only values in the claim's range are vague (most people), in a "
                             "sentence with two words of the claim's correction that the claim lacks: it states the "
                             "correction",
    "denied-condition": "the sentence denies the condition the claim's own words limit it to (not only when taken "
                        "improperly): it states the correction",
    "contrast-correction": "past a contrast or a limit (but, although, only when), the sentence holds two words of the "
                           "claim's correction that the claim lacks: it states the correction",
    "contrast-negation": "past a contrast, the sentence says the claim's own words with the other polarity (though "
                         "treatments existed before), or judges the evidence for them weak (though for anxiety the "
                         "evidence is thin): it states the correction",
    "nearer-correction": "the sentence holds four words or more of the claim's correction that the claim lacks, and "
                         "more than twice as many as of the claim's own words: it states the correction",
    "named-again": "the text refuted the claim in that sentence or one of the six before, and names it again: it "
                   "refers to the claim it refuted",
    "passage-answer": "a wrong claim the text reports is answered elsewhere in its passage: a sentence there "
                      "judges it, gives a verdict, sets the record against it, states its correction or denies its "
                      "key word, or rates the same claim",
}

# Every rule id a finding's ``stance_rule`` can hold, with its one-line summary.
RULES: dict[str, str] = {**BASE_RULES, **{cue.id: cue.summary for cue in CUES}}

_REPORTER_WORD = re.compile(r"\b" + _REPORTER + r"\b")
# the text's own people ("we believe", "our doctors say"); not "my doctor said", which reports
_OWN_SPEAKER = re.compile(r"\b(?:we|our|us|i)\b|\b(?:stud(?:y|ies)|research|evidence|data|trials?|science|"
                          r"meta-analys[ie]s|reviews?|papers?|results?|findings?|scans?|experiments?|measurements?)\b")


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
    block_quote: bool = False  # the sentence stands in a block quote (someone else's words, quoted)
    # the rest of the passage, asked only for a claim the text reports and nothing nearer answers:
    # a function giving ((sentences before it in its paragraph, nearest first), (sentences after it
    # in its paragraph and the next)), each as (normalised text, holds a registered claim)
    passage: Optional[Callable[[], tuple[tuple[tuple[str, bool], ...], tuple[tuple[str, bool], ...]]]] = \
        field(default=None, compare=False)

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
        lead = sentence[conjunct_start(sentence, start):start]
        flipped = bool(NEGATION.search(" ".join(lead.split()[-4:])))
    else:
        if not reference:
            reference = normalise(claim.claim) if side is Stance.asserts else normalise(claim.correction or "")
        # a value match is its sentence; what counts is the part that holds the slot's words
        # ("unlike SSRIs, which take weeks, ketamine doesn't make you wait": not negated)
        if kind is MatchKind.pattern:  # a pattern may reach from the subject across a clause
            # break ("ketamine won't work for everyone, but about 70% respond"): its last clause
            # holds the words that say it
            inner = [m.end() for m in CLAUSE_BREAK.finditer(sentence, start, end) if m.end() < end]
            if inner:
                start = inner[-1]
        left, right = clause_bounds(sentence, start, end, commas=kind is MatchKind.value)
        clause = sentence[left:right]
        if kind in (MatchKind.pattern, MatchKind.value):
            # a negation of another predicate coordinated with the match's does not deny it
            # ("ketamine isn't a miracle and it isn't risk free": one negation, not two)
            clause = conjunct_around(clause, max(start - left, 0), max(min(end, right) - left, 0))
        # a correction is worded freely ("only as an anesthetic" / "not for depression"):
        # negation parity says nothing there, so only wordings of the claim flip
        if side is not Stance.asserts:
            flipped = False
        elif kind in (MatchKind.pattern, MatchKind.value):
            flipped = (negations(reference) % 2) != (negations(clause) % 2)
        else:
            # a whole-sentence match: each clause or coordinated predicate that shares the
            # claim's words is compared with it ("It is not a lifesaver for everyone, and it is
            # not approved for anxiety" denies it twice; "..., and it is not addictive" not at all)
            flipped = _denied_in_part(clause, reference)
        if side is Stance.asserts and not flipped and \
                _denies_alternative(reference, sentence, start, end, 1 if kind is MatchKind.pattern else 2):
            return False, "denied-alternative"
        if side is Stance.asserts and not flipped and kind in (MatchKind.fuzzy, MatchKind.semantic) and \
                _contrary_word(reference, sentence[start:end]):
            return False, "contrary-word"
        if side is Stance.asserts and not flipped and _minimised(reference, sentence, start, end, kind):
            return False, "minimised"
    asserts = (side is Stance.asserts) != flipped
    if asserts:
        return True, "own-voice"
    return False, "negation" if flipped else "correction-wording"


# Words that deny a predicate without a "not" ("rarely last", "is hardly a breakthrough", "fails to
# produce", "is far from a lifesaver"): counted only where they govern a positive claim's words
_MINIMISING = re.compile(r"\b(?:rarely|seldom|hardly|scarcely|barely|fail(?:s|ed)?\s+to|far\s+from|anything\s+but|"
                         r"by\s+no\s+means|nowhere\s+near)\b")


def _minimised(reference: str, sentence: str, start: int, end: int, kind: MatchKind) -> bool:
    """A claim worded without a negation, matched where a minimiser governs its words: before the
    value's words in their clause, inside or before a pattern's match in its clause, or in the
    first clause of a whole-sentence match ("Ketamine's antidepressant effects rarely last weeks
    or months"; not "About 70% respond to ketamine and rarely relapse")."""
    if negations(reference) or _MINIMISING.search(reference):
        return False
    offset = 0
    if kind in (MatchKind.fuzzy, MatchKind.semantic):
        cut = _COMMA_BREAK.search(sentence)
        window = sentence[:cut.start()] if cut else sentence
    else:
        offset = _clause_start(sentence, start)
        window = sentence[offset:end]
    if not _MINIMISING.search(window):
        return False
    claim_words = _stems(reference)
    for m in _MINIMISING.finditer(_CONTRASTIVE.sub(" ", window)):
        # it governs the claim's words: one of them within the next three words, no comma between
        governed = _GOVERNED.match(window, m.end())
        if governed and _stems(governed.group()) & claim_words:
            return True
        # or the last words of a pattern's match, which word the claim's point in its own way
        # ("ketamine is hardly a miracle cure": "miracle" is the pattern's word, not the claim's)
        if governed and kind is MatchKind.pattern and offset + m.start() >= start and \
                offset + governed.end() == end:
            return True
    return False


_GOVERNED = re.compile(r"(?:\s+(?:be|being|been|is|are|a|an|the|to|very|so|much)\b)*(?:\s+[\w'-]+){1,3}")


# "X, not Y" / "X rather than Y" / "X instead of Y": Y is denied ("contrastive" negation, which
# does not deny X's clause); when Y is worded in the claim's own words, the sentence says the
# claim is the wrong alternative ("Ketamine is used in anesthesia, not as a lifesaver for
# depression, anxiety and chronic pain").
_DENIED = re.compile(
    r"(?:,\s*(?:but\s+|and\s+)?not|\brather\s+than|\binstead\s+of)\s+"
    r"(?!(?:only|just|merely|simply|necessarily|always|all|every\w*|least|yet|because|since|that|to\s+mention)\b)"
    r"([^,;:.!?()]+(?:,\s*[^,;:.!?()]+\s(?:and|or)\s+[^,;:.!?()]+)?)")
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset("""that this with from have been than more most some such into about their there these those
they were will would what when which while your also only even just very much many other over
under after before being does doing done each like make made still then them upon well within""".split())


# A fuzzy or semantic match is a sentence that shares most of the claim's words; when it holds the
# opposite of the claim's key word instead of it ("Ketamine's antidepressant effects are typically
# short-lived." for "... are sustained, lasting weeks or even months"), it says the contrary.
_CONTRARY_PAIRS = (
    (r"sustained|long-lasting|longer-lasting|lasting|durable|permanent|enduring|persistent",
     r"short-lived|temporary|transient|brief|fleeting|wears?\s+off|wore\s+off|fades?|faded|fading|wanes?|waned"),
    (r"uncontrolled|unregulated|unscheduled|not\s+(?:a\s+)?controlled",
     r"schedule\s+(?:iii|3|iv|ii|i)|controlled\s+substance|scheduled\s+drug|dea\s+(?:registration|licen[cs]e)|"
     r"dea-registered|controlled\s+drug|class\s+[abc]\s+(?:drug|substance|controlled)|schedule\s+[2-9]\s+(?:drug|poison)"),
    (r"approved|fda-approved|approval",
     r"unapproved|off-label|not\s+(?:been\s+)?(?:fda-)?approved|no\s+(?:fda\s+)?approval"),
    (r"revolutionary|breakthrough|game-changer|game\s+changer|miracle|lifesaver|life-changing",
     r"modest|overhyped|over-hyped|overstated|no\s+miracle|not\s+a\s+miracle"),
    (r"calm(?:ing|s)?|soothing|relaxing|sedating|sedative|tranquil\w*",
     r"panic(?:ky|\s+attacks?)?|agitation|agitated|paranoia|paranoid|terrif\w*|frighten\w*|anxiety\s+attacks?|"
     r"(?:cause|causes|caused|causing|trigger|triggers|triggered|triggering|worsen|worsens|worsened)\s+(?:\w+\s+)?anxiety"),
    (r"similar|alike|comparable|the\s+same|shared?|in\s+common|connections?|connected|links?|linked",
     r"nothing\s+(?:[\w-]+\s+){0,2}?in\s+common|no\s+(?:[\w-]+\s+){0,2}?(?:similarity|similarities|resemblance|"
     r"overlap)|unrelated|(?:entirely|completely|wholly|fundamentally|quite|very|totally)\s+different|"
     r"(?:not|nothing)\s+(?:at\s+all\s+)?(?:alike|similar|comparable)|no\s+(?:[\w-]+\s+){0,2}?(?:connection|link)"),
)
_CONTRARY = tuple((re.compile(r"\b(?:" + a + r")\b"), re.compile(r"\b(?:" + b + r")\b")) for a, b in _CONTRARY_PAIRS)


def _contrary_word(reference: str, text: str) -> bool:
    """``text`` holds the contrary of one of the claim's key words, and not the word itself."""
    for claimed, contrary in _CONTRARY:
        if claimed.search(reference) and contrary.search(text) and not claimed.search(contrary.sub(" ", text)):
            return True
    return False


# "The only FDA-approved ketamine-based treatment for depression is Spravato (esketamine)": the
# claim's words name a class whose only member is something other than the claim's subject.
_THE_ONLY = re.compile(r"\bthe\s+only(?:\s+[\w'-]+){0,3}\s*$")
_IS_OTHER = re.compile(r"[^,.;:!?]{0,60}?\b(?:is|are|was|were|remains|has\s+been|have\s+been)\s+(?P<other>[^.;:!?]+)")


@functools.lru_cache(maxsize=256)
def _subject(regex: str) -> Optional[re.Pattern]:
    try:
        return re.compile(r"\b(?:" + regex + r")\b")
    except re.error:
        return None


def _restricted_to_other(claim: Claim, sentence: str, start: int, end: int) -> bool:
    if not claim.subject or "only" not in sentence:
        return False
    if not _THE_ONLY.search(sentence[_clause_start(sentence, start, weak=True):start]):
        return False
    m = _IS_OTHER.match(sentence, end)
    subject = _subject(claim.subject)
    return bool(m and subject is not None and re.search(r"\w", m.group("other"))
                and not subject.search(m.group("other")))


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text) if w not in _STOP}


def _denies_alternative(reference: str, sentence: str, start: int, end: int, least: int = 2) -> bool:
    """The match's text puts ``least`` or more of the claim's own words (that the rest of the
    match does not hold) in a denied alternative. A pattern's match is the claim's key words, so
    one is enough there ("The FDA approved ketamine in 1970 - as an anesthetic, not for
    depression"); a value or fuzzy match is a whole sentence, so two are needed."""
    if "not" not in sentence and "rather" not in sentence and "instead" not in sentence:
        return False
    claim_words = _content_words(reference)
    for m in _DENIED.finditer(sentence, start, end):
        a, b = m.span(1)
        denied = _shared(_content_words(sentence[a:b]), claim_words)
        if len(denied) >= least:
            rest = _shared(_content_words(sentence[start:m.start()] + " " + sentence[b:end]), claim_words)
            if len(denied - rest) >= least:
                return True
    return False


def _shared(words: set[str], claim_words: set[str]) -> set[str]:
    """The claim's words among ``words``; a match may end inside a word ("depress"), so a word of
    five letters or more that begins a claim word counts as that word."""
    return {c for c in claim_words for w in words if w == c or (len(w) >= 5 and c.startswith(w))}


def _other_subject(claim: Claim, sentence: str, start: int, end: int) -> bool:
    """A pattern's match runs from the claim's subject over another treatment with its own
    predicate ("the FDA has approved [ketamine for anesthesia and esketamine for depress]ion"):
    the claim's last words are said of the other one."""
    subject = _subject(claim.subject) if claim.subject else None
    if subject is None:
        return False
    last = None
    for last in subject.finditer(sentence, start, end):
        pass
    if last is None:
        return False

    for m in SENTENCE_TREATMENT.finditer(sentence, last.end(), end):
        if _PARALLEL_BEFORE.search(sentence, last.end(), m.start()) and _OWN_PREDICATE.match(sentence, m.end(), end):
            return True
    return False


_PARALLEL_BEFORE = re.compile(r"(?:,|;|\band|\bwhile|\bwhereas|\bbut)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}$")
_OWN_PREDICATE = re.compile(r"\s+(?:\([^)]*\)\s+)?(?:for|to\s+treat|in|against)\b")


def decide(claim: Claim, sentence: str, start: int, end: int, kind: MatchKind,
           side: Stance = Stance.asserts, reference: str = "", context: Context = Context()) -> Optional[Decision]:
    """The stance of the passage towards ``claim``, matched at [start, end) of the (normalised)
    ``sentence``; None when a sentence contradicts a claim that is not wrong (reporting it as
    that claim would mislead)."""
    if claim.verdict is Verdict.not_a_claim:
        return Decision(Stance.asserts, "not-a-claim")
    # a pattern may take the character before its first word ("(?:^|[^-\w])fda"): the match
    # starts at the word, so that an opening quotation mark is not part of it
    while start < end - 1 and sentence[start] in _LEADING:
        start += 1
    quote = quoted_span(sentence, start, end)
    if quote is not None:  # the quotation's own words say what it states
        a, b = quote
        asserts, rule = polarity(claim, sentence[a:b], start - a, end - a, kind, side, reference)
    else:  # a negation inside a refutation after the match ("..., a figure the studies do not
        # support") is the refutation's, not the claim's
        asserts, rule = polarity(claim, _mask_refutations(sentence, end), start, end, kind, side, reference)
    if not asserts:
        return _agreeing(claim, side, rule, refuted=False)
    if side is Stance.asserts and _restricted_to_other(claim, sentence, start, end):
        return _agreeing(claim, side, "only-other", refuted=False)
    if side is Stance.asserts and kind is MatchKind.pattern and _other_subject(claim, sentence, start, end):
        return _agreeing(claim, side, "other-subject", refuted=False)
    # the cues around the sentence, found once for both questions (refuted? reported?)
    hits = _hits_around(sentence, context)
    refuting = _refuting_cue(sentence, start, context, hits)
    # a pattern or fuzzy match may take in a negated search before the claim's words ("[We found
    # no published study showing a reversal of ...]")
    if (refuting is None or refuting.effect != REFUTES) and kind in (MatchKind.pattern, MatchKind.fuzzy,
                                                                      MatchKind.semantic):
        refuting = _cue_inside(CUES_BY_ID["refuted-no-evidence"], sentence, start, end) or refuting
    hedged = _mask_hedges(sentence, hits)
    reporting = None if refuting and refuting.effect == REFUTES else \
        _reporting_cue(hedged, start, end, context, hits if hedged is sentence else None)
    # a pattern or fuzzy match may take in the sentence's subject and its speech verb
    if reporting is None and kind in (MatchKind.pattern, MatchKind.fuzzy) and not (refuting and refuting.effect == REFUTES):
        reporting = _speech_inside(hedged, start, end, context)
    # a value's words stand deep in the clause ("A clinic says ketamine's effects are sustained,
    # lasting weeks"): the clause's own speech verb reports them
    # (and a pattern's: "One post puts the share of patients who respond to [ketamine at about 70%]")
    if reporting is None and kind in (MatchKind.value, MatchKind.pattern) and not (refuting and refuting.effect == REFUTES):
        reporting = _speech_leads(hedged, start)
    # its predicate quoted after its subject (SSRIs that "take a minimum of four weeks ..."): when
    # nothing else in the sentence says whose words they are
    if reporting is None and not (refuting and refuting.effect == REFUTES) and \
            mostly_quoted(sentence, start, end, whole=kind in (MatchKind.fuzzy, MatchKind.semantic)):
        reporting = CUES_BY_ID["quoted"]
    if refuting is not None and (refuting.effect == REFUTES or reporting is not None):
        voice = "asked" if reporting is not None and reporting.effect == ASKS else "reported"
        return _agreeing(claim, side, refuting.id, refuted=True, voice=voice)
    if refuting is None and side is Stance.asserts and kind is MatchKind.value and \
            _framed_by_no_evidence(claim, sentence, start):
        # a value's words stand deep in a clause that a negated search governs ("We found no study showing
        # that ketamine's effects last for months.")
        return _agreeing(claim, side, "refuted-no-evidence", refuted=True, voice="reported")
    if (refuting is None or refuting.effect != REFUTES) and side is Stance.asserts and \
            _no_such(normalise(claim.claim), sentence, start):
        return _agreeing(claim, side, "no-such", refuted=True, voice="reported")
    if refuting is None and reporting is not None and reporting.effect == ATTRIBUTES:
        answered = corrects_report(claim, sentence, end, context) or answered_in_passage(claim, sentence, context)
        if answered:
            return _agreeing(claim, side, answered, refuted=True, voice="reported")
        qualified = qualified_next(claim, context) if side is Stance.asserts else None
        if qualified is not None:
            return Decision(Stance.agrees_with_evidence, qualified.id, "reported", refuted=True)
        # "..., the ad says. But ketamine is not approved for any of these."
        if side is Stance.asserts and contrasted_next(claim, sentence, context):
            return _agreeing(claim, side, "contrasted-next", refuted=True, voice="reported") or \
                Decision(Stance.agrees_with_evidence, "contrasted-next", "reported", refuted=True)
        if side is Stance.asserts and asked_next(claim, sentence, context):
            return Decision(Stance.asserts, "next-question", "asked")
    # the text's own earlier words, reported in order to correct them ("Our correspondent reported last
    # week that ketamine is not a controlled substance. It is in Schedule III."): reported only when the
    # passage answers them
    if refuting is None and reporting is None and _OWN_EARLIER.search(clause_before(sentence, start)):
        answered = corrects_report(claim, sentence, end, context) or answered_in_passage(claim, sentence, context)
        if answered:
            return _agreeing(claim, side, answered, refuted=True, voice="reported")
    qualifying = _qualifying_cue(claim, hits)
    if qualifying is not None and claim.correction:
        voice = "own" if reporting is None else "asked" if reporting.effect == ASKS else "reported"
        return Decision(Stance.agrees_with_evidence, qualifying.id, voice, refuted=reporting is not None)
    if reporting is not None:
        return Decision(Stance.asserts, reporting.id, "asked" if reporting.effect == ASKS else "reported")
    if hedged != sentence:
        return Decision(Stance.asserts, "hedge")  # its own claim, hedged (and not reported speech)
    if side is Stance.asserts and claim.correction and _denied_with_correction(claim, sentence, start, end):
        return _agreeing(claim, side, "denied-with-correction", refuted=False)
    if side is Stance.asserts and kind is MatchKind.value and claim.correction and _vague_with_correction(claim, sentence):
        return _agreeing(claim, side, "vague-with-correction", refuted=False)
    if side is Stance.asserts:
        limited = _limited_by_contrast(claim, sentence, start, end)
        if limited:
            return _agreeing(claim, side, limited, refuted=False)
    if side is Stance.asserts and claim.correction and _nearer_the_correction(claim, sentence):
        return _agreeing(claim, side, "nearer-correction", refuted=False)
    if side is Stance.asserts and contrasted_next(claim, sentence, context):
        # a claim that is not wrong (flagged for its evidence) is corrected, not refuted
        return _agreeing(claim, side, "contrasted-next", refuted=True, voice="reported") or \
            Decision(Stance.agrees_with_evidence, "contrasted-next")
    return Decision(Stance.asserts, rule)


# the text's own speaker, in the past: its earlier words ("we reported", "our reporter wrote", "this
# article previously said")
_OWN_EARLIER = re.compile(
    r"\b(?:we|i|our\s+(?:[\w-]+\s+){0,2}?(?:correspondents?|reporters?|writers?|authors?|columnists?|editors?|article|"
    r"story|report|piece|post|newsletter|headline|caption|video|episode)|this\s+(?:article|story|page|post|piece|report|"
    r"newsletter|headline|caption|video|episode))\s+(?:had\s+|have\s+|has\s+)?(?:previously\s+|originally\s+|wrongly\s+|"
    r"incorrectly\s+|mistakenly\s+|erroneously\s+|earlier\s+|once\s+)?(?:reported|wrote|said|stated|claimed|suggested|"
    r"described|implied|told\s+(?:readers|viewers|listeners|you))\b")


NEARER_LEAST = 4  # of the correction's own words, in a sentence nearer the correction than the claim


def _nearer_the_correction(claim: Claim, sentence: str) -> bool:
    """The sentence holds NEARER_LEAST words or more of the claim's correction that the claim lacks,
    and more than twice as many as of the claim's own words that the correction lacks: it tells
    what the evidence says in its own words and names the claim's subject on the way ("The early
    placebo-controlled studies of ketamine, at Yale in 2000 and at the NIMH in 2006, each gave a
    single infusion ..." is the Yale-study claim's correction, not its vague description)."""
    claim_words, correction_words = _stems(normalise(claim.claim)), _stems(normalise(claim.correction))
    words = _stems(sentence)
    corrective = len(words & (correction_words - claim_words))
    return corrective >= NEARER_LEAST and corrective > 2 * len(words & (claim_words - correction_words))


# a denial the negation parity does not count ("no single figure", "none of them", "nothing like")
_DENIAL = re.compile(r"\b(?:no|not|never|none|nothing|neither|nor)\b|n't\b")


def _denied_with_correction(claim: Claim, sentence: str, start: int, end: int) -> bool:
    """The match's clause holds a denial, and the sentence two of the correction's words that the
    claim does not hold ("Response rates vary widely and the effect is often transient; no single
    figure such as 70% applies to all patients")."""
    clause = clause_around(sentence, start, end, commas=True)
    if not _DENIAL.search(clause):
        return False
    corrective = _stems(normalise(claim.correction)) - _stems(normalise(claim.claim))
    return len(_stems(sentence) & corrective) >= 2


_LEADING = frozenset(" \"'(")


# --- the text's own sentence, limited by a contrast in the claim's correction's terms ------------

# a contrast or a limit: what follows it qualifies what the rest of the sentence says
_CONTRAST = re.compile(r"\b(?:but|although|though|whereas|however|yet|except|only\s+(?:when|if|for|as|in|with|"
                       r"under|after|at|during|while))\b|;")
# a restriction the sentence denies: "not only when taken improperly", "not just in large doses"
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely|simply|solely)\s+(?:when|if|in|at|after|with|during|while|"
                       r"among|under)\b(?P<condition>[^,;:.!?()]*)")
# words that deny or belittle what follows ("it rarely raises blood pressure"): a clause holding them
# does not state the correction's facts
_MINIMISER = re.compile(r"\b(?:not|no|never|without|rarely|seldom|hardly|barely|scarcely|mild|mildly|minimal|minor|"
                        r"negligible|little|few|none|nothing)\b|n't\b")
# where a claim's own condition begins ("... if taken improperly or in large doses")
_CONDITION = re.compile(r"\b(?:if|when|unless|only\s+(?:if|when|in|at))\b(?P<condition>[^;:.!?()]*)")


def _limited_by_contrast(claim: Claim, sentence: str, start: int, end: int) -> str:
    """The rule by which a sentence in the text's own voice that holds the claim's words limits
    them to what the claim's correction says; "" when it does not.

    - ``denied-condition``: the claim holds only under a condition it names ("... if taken
      improperly or in large doses"), and the sentence denies that restriction in the claim's
      own words ("... even at the doses used for depression, not only when taken improperly").
    - ``contrast-correction``: past a contrast or a limit ("but", "although", "only when", ";"),
      a clause holds two words of the claim's correction that neither the claim nor the clause
      with the claim's words holds ("Ketamine has a relatively high safety profile for a single
      supervised dose, but repeated infusions can raise blood pressure").
    - ``contrast-negation``: past a contrast, a clause says two of the claim's own words that the
      rest of the sentence does not, with the other polarity ("... where other options failed,
      though ECT and other treatments existed before" for "... where none existed before").
    """
    claim_text = normalise(claim.claim)
    if "not" in sentence:
        own = _CONDITION.search(claim_text)
        if own is not None:
            condition_words = _stems(own.group("condition"))
            for m in _NOT_ONLY.finditer(sentence):
                if condition_words & _stems(m.group("condition")):
                    return "denied-condition"
    marks = list(_CONTRAST.finditer(sentence))
    if not marks:
        return ""
    claim_words = _stems(claim_text)
    # the sentence's pieces between contrasts; the one with most of the claim's words says it
    cuts = [0] + [m.start() for m in marks] + [len(sentence)]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]
    if len(spans) < 2:
        return ""
    pieces = [sentence[a:b] for a, b in spans]
    # the piece where the match's words begin says the claim; a match that begins in a piece
    # without them (a fuzzy match of the whole sentence) is said by the piece with most of them
    main = next((i for i, (a, b) in enumerate(spans) if a <= start < b), 0)
    if not _stems(pieces[main]) & claim_words:
        main = max(range(len(pieces)), key=lambda i: (len(_stems(pieces[i]) & claim_words), -i))
    main_words = _stems(pieces[main])
    rest = " ".join(p for i, p in enumerate(pieces) if i != main)
    rest_words = _stems(rest) - main_words
    if _value_in_range(claim, rest):
        return ""  # "...; a single infusion can keep working for a month": the claim again
    if claim.correction and not _MINIMISER.search(rest) and not _ADDITIVE.search(rest):
        corrective = _stems(normalise(claim.correction)) - claim_words
        if len(rest_words & corrective) >= 2:
            return "contrast-correction"
        # "only" restricts the claim's words to one of the correction's ("approved ... only in the
        # form of esketamine", "only as an anesthetic"): one word is enough there
        for i, piece in enumerate(pieces):
            if i > main and _ONLY_PIECE.match(piece) and _stems(piece) & corrective - main_words and \
                    (piece.lstrip(" ,").startswith("only as") or SENTENCE_TREATMENT.search(piece)):
                return "contrast-correction"
    # the claim's first clause says what it denies or asserts ("not a controlled substance"), not
    # its second ("unlike hallucinogens such as LSD")
    cut = _FIRST_CLAUSE.search(claim_text)
    head = claim_text[:cut.start()] if cut else claim_text
    said = rest_words & _stems(head)
    if len(said) >= 2 and _denials(rest) % 2 != _denials(head) % 2:
        return "contrast-negation"
    # ... and the evidence for any of the claim's words judged weak ("for anxiety and chronic pain
    # the evidence is thin")
    if len(rest_words & claim_words) >= 2 and _WEAK_EVIDENCE.search(rest):
        return "contrast-negation"
    # ... or the evidence for the whole of it, in a clause of its own ("..., though evidence is limited")
    if main < len(pieces) - 1 and _BARE_WEAK_EVIDENCE.match(pieces[-1]):
        return "contrast-negation"
    return ""


# what adds to the claim rather than limits it ("...; esketamine was approved too")
_ADDITIVE = re.compile(r"\b(?:too|also|as\s+well|likewise|in\s+addition|moreover|even\s+more)\b")
_BARE_WEAK_EVIDENCE = re.compile(
    r"^\W*(?:but|though|although|yet|however|while)?\W*(?:the\s+)?(?:evidence|data|research|proof|support)"
    r"(?:\s+for\s+(?:it|this|that|them|these|its\s+use))?\s+(?:is|are|remains?)\s+(?:still\s+)?(?:very\s+|quite\s+)?"
    r"(?:thin|weak|limited|lacking|scant|sparse|mixed|poor|inconclusive|unclear|preliminary|slim)\W*$")
_ONLY_PIECE = re.compile(r"\W*only\s+(?:in|as|for|with|under|when|if|after|at)\b")
# the evidence for what the clause names judged weak ("for anxiety and chronic pain the evidence is thin")
_WEAK_EVIDENCE = re.compile(r"\b(?:evidence|data|support|research|studies|proof)\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were|"
                            r"remains?|looks?|seems?)\s+(?:still\s+|far\s+more\s+|much\s+|very\s+|quite\s+)?(?:thin|weak|"
                            r"limited|lacking|scant|sparse|mixed|poor|inconclusive|unclear|preliminary|slim|thinner|"
                            r"weaker|patchy)\b")


def _vague_with_correction(claim: Claim, sentence: str) -> bool:
    """A value match whose only values in the claim's range are vague ("most people", "the
    majority"), in a sentence that holds two words of the claim's correction that the claim
    lacks: the sentence describes the correction's findings, not the claim's figure ("in
    controlled trials response rates vary widely, and for most people the benefit of a single
    infusion fades within about a week")."""
    from claimcheck.quantities import read_values

    values = read_values(sentence)
    for kind, claimed, *_ in _value_slots(claim):
        if any(v.kind == kind and not v.vague and claimed.holds(v) for v in values):
            return False
    corrective = _stems(normalise(claim.correction)) - _stems(normalise(claim.claim))
    return len(_stems(sentence) & corrective) >= 2


def _denials(text: str) -> int:
    """Negations as ``negations`` counts them, and "none", "nothing", "no one" too."""
    return negations(text) + len(_DENIAL_WORD.findall(text))


_DENIAL_WORD = re.compile(r"\b(?:none|nothing|no\s+one|nobody)\b")


# --- a reported claim answered in the claim's own terms (no phrase needed) ----------------------

_STEM_WORD = re.compile(r"[a-z0-9]+")
# words too common in this domain to tell a correction from a restatement
_GENERIC = frozenset("""the and for but not nor with its are was were has have had been that this from than only can
could may might about into such some most more other which who whom also use used uses using under over after within
their they them these those between whose usually often generally one two per any all each very much many just still
then there here what when where will would should does did doing done being because while though although even well
like make made get got our your his her she him you we say says said ketamine ketamin patient people person treatment
treat drug medicine medication depression depressive study trial research evidence effect show
infusion dose session day week month hour minute first time""".split())
_FIRST_CLAUSE = re.compile(r"[,;:(]|\s-\s|\b(?:unlike|which|while|whereas|but)\b")
# word families one stem stands for, by how their words begin: a correction's "anesthesia"
# is the "anaesthetic" of a British page and the "anesthetics" of another (not "subanesthetic",
# a dose below it)
_FAMILIES = tuple((prefix, us) for us, uk in SPELLINGS for prefix in (uk, us))


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """The content words of ``text`` (normalised), crudely stemmed (plural, -ed, -ing), hyphenated
    words split ("short-term" -> short, term), numbers kept ("Schedule III" -> schedule, iii)."""
    out = set()
    for w in _STEM_WORD.findall(text.replace("'s", " ")):
        if len(w) < 3 and not w.isdigit():
            continue
        for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if len(w) > len(suffix) + 3 and w.endswith(suffix) and not w.endswith("ss"):
                w = w[:-len(suffix)] + keep
                break
        if w in _GENERIC:
            continue
        family = next((stem for prefix, stem in _FAMILIES if w.startswith(prefix)), None)
        if family:
            out.add(family)
            continue
        # one stem for "misuse" and "misused", "supervision" and "supervised"
        if len(w) > 7 and w.endswith("ion"):
            w = w[:-3]
        elif len(w) > 4 and w.endswith("e") and not w.endswith("ee"):
            w = w[:-1]
        if w not in _GENERIC:
            out.add(w)
    return frozenset(out)


def corrects_report(claim: Claim, sentence: str, end: int, context: Context) -> str:
    """The rule (``correction-words`` or ``negated-claim``) by which a later clause of the sentence,
    or one of the next two sentences, answers a claim the text reports; "" when none does.

    - ``correction-words``: it holds two words of the claim's correction that neither the claim
      nor the reporting sentence holds ("OP says ketamine isn't controlled. Schedule III.").
    - ``negated-claim``: it says the claim's first clause's own words (two or more, and at least
      half of them) with the other negation parity ("Ketamine is, in fact, a controlled substance").
    """
    tails = []
    after_match = CLAUSE_BREAK.search(sentence, end)
    if after_match:
        tails.append(sentence[after_match.end():])
    # a next sentence that holds a registered claim of its own speaks for itself (its correction
    # match, if any, refutes the report through ``next-correction``)
    claimed = context.after_claimed + (False,) * len(context.after)
    tails.extend(s for s, own in zip(context.after[:2], claimed) if not own)
    # a value or a contrary key word answers the report even in a sentence that holds another claim
    # ("What we found: trials show SSRIs start to beat placebo in the first two weeks.")
    others = [s for s, own in zip(context.after[:2], claimed) if own]
    if not tails and not others:
        return ""
    claim_text = normalise(claim.claim)
    claim_words = _stems(claim_text)
    corrective = _stems(normalise(claim.correction)) - claim_words - _stems(sentence) if claim.correction else frozenset()
    cut = _FIRST_CLAUSE.search(claim_text)
    head = claim_text[:cut.start()] if cut else claim_text
    head_words = _stems(head)
    parity = negations(head) % 2
    for tail in tails:
        if _value_in_range(claim, tail):
            continue  # "A single infusion kept me well for two months.": the claim again, not its answer
        words = _stems(tail)
        shared = words & corrective
        if len(shared) >= 2:
            return "correction-words"
        said = words & head_words
        if len(said) >= 2 and 2 * len(said) >= len(head_words) and negations(tail) % 2 != parity:
            return "negated-claim"
        if _denies_head(head, head_words, tail, said):
            return "negated-claim"
        if _evidence_words(claim, sentence, tail):
            return "evidence-words"
        if _other_value(claim, tail):
            return "correction-value"
        if _states_contrary(claim, claim_text, tail):
            return "contrary-fact"
    for other in others:
        if _value_in_range(claim, other):
            continue
        if _other_value(claim, other):
            return "correction-value"
        if _states_contrary(claim, claim_text, other):
            return "contrary-fact"
    return ""


EVIDENCE_LEAST = 2  # words of the claim's evidence (its rationale) that neither the claim nor the report holds
EVIDENCE_LEAST_OWN = 3  # ... after the text's own claim, where the sentence may go on about it
# a rationale's words about the text it judges, not about the evidence ("the same sentence also rests the point
# on the false claim that ..."), and what a clinic's own copy says too ("given", "found")
_RATIONALE_META = frozenset("""claim sentenc report review found point same rest given state statement note label
author article page source verdict cite cited wording phrase evidenc suggest implie imply""".split())
_RARE = re.compile(r"\b(?:rare|rarer|uncommon|unusual|infrequent|exceptional)\b")
# the reported speaker going on ("It says bladder damage happens only with misuse."): not the text's answer
_SAME_SPEAKER = re.compile(r"^\W*(?:it|they|he|she|the\s+(?:clinic|site|page|brochure|ad|advert|company|provider|post|"
                           r"article|leaflet|flyer|website))\s+(?:also\s+|then\s+|further\s+)?(?:says?|said|claims?|"
                           r"claimed|adds?|added|insists?|insisted|argues?|argued|states?|stated|goes\s+on|went\s+on)\b")


def _evidence_words(claim: Claim, sentence: str, text: str, least: int = EVIDENCE_LEAST) -> bool:
    """``text`` (a later clause or sentence) holds ``least`` or more words of the claim's
    rationale, the evidence its verdict rests on (five letters or more, not its words about the
    text it judges), that neither the claim nor the reporting ``sentence`` holds, does not belittle
    or add to them, and does not say the claim's own words again: it answers the report with
    the facts ("The clinic calls ketamine's safety profile 'relatively high'. ... UK urology clinics
    tell a different story for repeated use, with cases of serious bladder damage")."""
    if not claim.rationale or _SAME_SPEAKER.match(text):
        return False
    claim_text = normalise(claim.claim)
    claim_words = _stems(claim_text)
    if _MINIMISER.search(text) or _RARE.search(text) or _ADDITIVE.search(text):
        # the evidence's words belittled ("side effects are rare") are the claim's defence; added to it
        # ("a nasal spray is available too"), more of it
        return False
    evidence = {w for w in _stems(normalise(claim.rationale)) - claim_words - _stems(sentence)
                if len(w) >= 5 and w not in _RATIONALE_META}
    words = _stems(text)
    if len(words & evidence) < least:
        return False
    cut = _FIRST_CLAUSE.search(claim_text)
    head = claim_text[:cut.start()] if cut else claim_text
    said = words & _stems(head)
    # the claim's first clause said again with its own polarity is the claim, however much else it holds
    return not (len(said) >= 2 and 2 * len(said) >= len(_stems(head)) and _denials(text) % 2 == _denials(head) % 2)


def _denies_head(head: str, head_words: frozenset, text: str, said: frozenset) -> bool:
    """``text`` says two or more of the claim's first clause's words, and a third of them, with the
    other polarity, "none", "nothing" and "no one" counted as denials ("... where none existed
    before." / "Treatments for hard-to-treat depression existed long before ketamine")."""
    return len(said) >= 2 and 3 * len(said) >= len(head_words) and _denials(text) % 2 != _denials(head) % 2


# --- a next sentence that asks about a report, or contrasts with the text's own claim ---------------

# a question about whether something holds, or for its source
_ASKS_TRUTH = re.compile(r"\b(?:is|was|are|were)\s+(?:that|this|it|any\s+of\s+(?:that|this)|they|these)\s+(?:really\s+|actually\s+)?"
                         r"(?:true|right|correct|accurate|so|legit|real|the\s+case)\b|\b(?:sources?|links?|citations?|cite|"
                         r"references?|proof|evidence|stud(?:y|ies)|papers?)\b|\bcome\s+from\b|\bsays\s+who\b"
                         r"|\b(?:who|what)\s+(?:says|said)\s+(?:so|that)\b")


_TO_THE_READER = re.compile(r"\b(?:you|your|you're|yourself)\b|^\W*(?:struggling|tired|ready|looking|suffering|living|"
                            r"wondering|curious|interested|need|want)\b")


def asked_next(claim: Claim, sentence: str, context: Context) -> bool:
    """The sentence after a claim the text reports is a question about it: it asks in a key word
    that the claim and the report share (five letters or more, not a common one: "Posters keep
    saying the FDA approved ketamine ... Does anyone have a link to the actual approval?"), whether
    it is true, or for its source. Not a question about something else ("Why wait?")."""
    if not context.after:
        return False
    text = context.after[0]
    if not text.rstrip(" \"')*").endswith("?"):
        return False
    if _ASKS_TRUTH.search(text):
        return True
    if _TO_THE_READER.search(text):
        return False  # a pitch to the reader ("Struggling with anxiety?", "Could ketamine help you?")
    reported = {w[:6] for w in _stems(sentence)}
    key = {w[:6] for w in _stems(normalise(claim.claim)) if len(w) >= 5 and w[:6] in reported}
    return bool(key & {w[:6] for w in _stems(text)})


def qualified_next(claim: Claim, context: Context) -> Optional[Cue]:
    """The cue by which one of the next two sentences (without a claim of its own) states the limit
    one of the claim's flags is about, for a claim with a correction: "The clinic brochure says
    ketamine regrows lost synapses in the human brain. The synapse studies were done in mice."
    """
    if not claim.correction:
        return None
    claimed = context.after_claimed + (False,) * len(context.after)
    for text, own in zip(context.after[:2], claimed):
        if not own:
            qualifying = _qualifying_cue(claim, _hits(text, SENTENCE))
            if qualifying is not None:
                return qualifying
    return None


# a sentence that opens with a contrast, or sets a fact against what came before
_CONTRAST_OPENER = re.compile(r"^\W*(?:but|however|yet|still|in\s+fact|in\s+reality|in\s+truth|actually|the\s+(?:truth|"
                              r"reality|fact)\s+is|that\s+said|even\s+so|nevertheless|nonetheless)\b")
# a denial and the three words it governs ("not approved for any of these")
_SETS_STRAIGHT = re.compile(r"^\W*(?:in\s+(?:fact|reality|truth)|actually|the\s+(?:truth|reality|fact)\s+is)\b")
_ONLY_WORDS = re.compile(r"\bonly\b((?:\s+[\w'-]+){1,3})")
_GOVERNING_DENIAL = re.compile(r"(?:\b(?:not|no|never|nor|without)\b|n't\b)((?:\s+(?:be|been|being|is|are|a|an|the|yet|"
                               r"even|ever))*(?:\s+[\w'-]+){1,2})")


def contrasted_next(claim: Claim, sentence: str, context: Context) -> bool:
    """The text states a claim in its own voice, and the next sentence opens with a contrast ("But",
    "However", "In fact") and corrects it: two words of the claim's correction, or a denial
    governing one of them, that neither the claim nor its sentence holds; three words of its
    evidence; the claim's own words with the other polarity; a value outside its range; the
    contrary of its key word. "The clinic offers ketamine for treatment-resistant depression,
    suicidal ideation and PTSD. But ketamine is not approved for any of these." A contrast that
    belittles ("But blood pressure rarely rises") or says the claim again does not."""
    if not context.after or not _CONTRAST_OPENER.match(context.after[0]):
        return False
    text = context.after[0]
    if claim.correction and _qualifying_cue(claim, _hits(text, SENTENCE)) is not None:
        return True  # "But the synapse studies were done in mice."
    if claim.verdict not in _WRONG_VERDICTS:
        return False
    if _value_in_range(claim, text):
        return False
    claim_text = normalise(claim.claim)
    claim_words = _stems(claim_text)
    cut = _FIRST_CLAUSE.search(claim_text)
    head = claim_text[:cut.start()] if cut else claim_text
    head_words = _stems(head)
    words = _stems(text)
    said = words & head_words
    if len(said) >= 2 and 2 * len(said) >= len(head_words) and _denials(text) % 2 == _denials(head) % 2:
        return False  # the claim again ("But ketamine is not a controlled substance either")
    if claim.correction:
        # the correction's words denied or restricted ("not approved", "only esketamine"); named alone
        # ("However, the nasal spray is more convenient") they may only go on about the claim
        corrective = _stems(normalise(claim.correction)) - claim_words - _stems(sentence)
        for m in _GOVERNING_DENIAL.finditer(_CONTRASTIVE.sub(" ", text)):
            if _stems(m.group(1)) & corrective:
                return True
        for m in _ONLY_WORDS.finditer(text):
            if _stems(m.group(1)) & corrective:
                return True
        # a contrast that sets the record straight ("In fact", "In reality", "Actually") needs no denial:
        # two of the correction's words ("Actually, that approval was for esketamine, a nasal spray.")
        # ... or three after any contrast ("Still, it raises blood pressure and can be misused.")
        # Not when the sentence says a word of the claim's first clause with its polarity: it goes on about
        # the claim ("Actually, it was approved back in 2019 along with a nasal spray.")
        least = 2 if _SETS_STRAIGHT.match(text) else 3
        if len(words & corrective) >= least and not _MINIMISER.search(text) and not _ADDITIVE.search(text) and \
                not (said and _denials(text) % 2 == _denials(head) % 2):
            return True
    if _denies_head(head, head_words, text, said):
        return True
    if _evidence_words(claim, sentence, text, EVIDENCE_LEAST_OWN) and not (said and _denials(text) % 2 == _denials(head) % 2):
        return True
    return _other_value(claim, text) or _states_contrary(claim, claim_text, text)


# a negated search or record that governs a "that" clause: "no study showing that", "none of the trials found
# that", "there is no evidence that"
_NO_EVIDENCE_FRAME = re.compile(
    r"\b(?:no|not|n't|never|nothing|none\s+of\s+(?:the|these|those|its|their)|neither\s+of\s+the|unable\s+to|failed\s+to)"
    r"\b(?:\s+[\w'-]+){0,5}?\s+(?:evidence|proof|records?|data|stud(?:y|ies)|trials?|papers?|research|reviews?)\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:that|showing|shows?|showed|shown|found|finds?|demonstrat\w*|establish\w*|confirm\w*|"
    r"suggest\w*|support\w*)\b(?:\s+that\b)?")


def _framed_by_no_evidence(claim: Claim, sentence: str, start: int) -> bool:
    """A negated search or record ("We found no study showing that ...") governs the clause the
    match's words stand in: no clause break between the frame and them, and the claim itself
    holds no denial."""
    if _denials(normalise(claim.claim)):
        return False
    for m in _NO_EVIDENCE_FRAME.finditer(sentence, 0, start):
        if not CLAUSE_BREAK.search(sentence, m.end(), start):
            return True
    return False


# "no" before the noun phrase the match begins with: what the claim describes does not exist ("no Yale
# trial we could find matches"); not an idiom that asserts ("no doubt", "no surprise", "no wonder")
_NO_SUCH = re.compile(r"(?:\bno|\bnot\s+(?:a\s+single|one)|\bnone\s+of\s+the)\s+(?:[\w'-]+\s+){0,2}$")
_NO_IDIOM = re.compile(r"\b(?:longer|doubt|doubting|denying|wonder|matter|surprise|question|secret|exaggeration|accident|"
                       r"coincidence|mistake|less|more|fewer|better|worse|one|way|need|reason|end|sooner|that|which|who)\b")


def _no_such(claim_text: str, sentence: str, start: int) -> bool:
    """The match begins inside a noun phrase that "no" determines (up to two words before it: "no
    Yale trial", "no such new study"), and the claim itself holds no denial."""
    if _denials(claim_text) or re.search(r"\bno\b", claim_text):
        return False
    m = _NO_SUCH.search(clause_before(sentence, start))
    return m is not None and not _NO_IDIOM.search(m.group())


# --- a reported claim answered elsewhere in its passage -------------------------------------------

# the cues that judge what a sentence reports (myth, false, overstates, leaves out, falsely, ...): in
# another sentence of a passage that reports a claim, they judge that report
_JUDGING = ("refuted-adverb", "refuted-myth", "refuted-judgement", "refuted-unsettled", "refuted-error-word",
            "refuted-omission", "refuted-rebuttal", "correction-request")


def answered_in_passage(claim: Claim, sentence: str, context: Context) -> str:
    """``passage-answer`` when a wrong claim the text reports (and nothing in its sentence or the
    next two answers) is answered elsewhere in its passage: a sentence before or after it that
    judges a report (``_JUDGING``: a myth, false, overstates, leaves out) or is a verdict line
    (Rating: False), or a sentence after it
    that sets the record against it (the next-sentence cues, read further on), states two words of
    the claim's correction or the claim's words denied (``corrects_report``'s tests), or denies a
    key word the report shares with the claim. Values and key words, which another subject can
    hold too ("Antidepressants often take 4-6 weeks to work"), count only in the next two sentences
    (``corrects_report``). A claim that is neither wrong nor corrected in the registry is not looked
    for: its report is no warning, and a refuted accurate claim is no finding at all."""
    if context.passage is None or (claim.verdict not in _WRONG_VERDICTS and not claim.correction):
        return ""
    before, after = context.passage()
    after_cues = {c.id for c in _REFUTING if c.scope == NEXT and c.regex}
    for text, own in before:
        if not own and (any(rule in _hits(text, SENTENCE) for rule in _JUDGING) or _hits(text, VERDICT)):
            return "passage-answer"
    for text, own in after:
        if not own:
            hits = _hits(text, SENTENCE)
            if any(rule in hits for rule in _JUDGING) or _hits(text, VERDICT):  # a verdict line further on
                return "passage-answer"
            if not _FACT_LINE.match(sentence) and _hits(text, NEXT) & after_cues:
                return "passage-answer"
        if _answers(claim, sentence, text, own):
            return "passage-answer"
    return ""


_WRONG_VERDICTS = frozenset({Verdict.false, Verdict.misleading, Verdict.unsupported, Verdict.mixed})


def _answers(claim: Claim, sentence: str, text: str, own: bool) -> bool:
    """``text``, a later sentence of the passage, states the correction of the claim ``sentence``
    reports: two of its correction's words or its own words denied (``corrects_report``'s tests;
    not in a sentence with a claim of its own), or a denial of a key word the report shares with
    the claim."""
    if _value_in_range(claim, text):
        return False
    claim_text = normalise(claim.claim)
    if not own:
        claim_words = _stems(claim_text)
        if claim.correction:
            corrective = _stems(normalise(claim.correction)) - claim_words - _stems(sentence)
            if len(_stems(text) & corrective) >= 2:
                return True
        cut = _FIRST_CLAUSE.search(claim_text)
        head = claim_text[:cut.start()] if cut else claim_text
        head_words = _stems(head)
        said = _stems(text) & head_words
        if len(said) >= 2 and 2 * len(said) >= len(head_words) and negations(text) % 2 != negations(head) % 2:
            return True
        if _evidence_words(claim, sentence, text):
            return True
    return _denies_key_word(claim_text, sentence, text) or _unsettled(claim_text, text)


# the evidence for something said to be unsettled ("The inflammation hypothesis is still debated.")
_UNSETTLED = re.compile(r"\b(?:is|are|was|were|remains?|stays?)\s+(?:still\s+|largely\s+|very\s+much\s+|far\s+from\s+)?"
                        r"(?:debated|disputed|contested|controversial|unproven|unsettled|speculative|hypothetical|"
                        r"an\s+open\s+question|unclear|unknown|not\s+(?:yet\s+)?(?:established|proven|known|settled|clear))\b")


def _unsettled(claim_text: str, text: str) -> bool:
    """``text`` says that something the claim names is unsettled (debated, unproven, an open
    question): a word of five letters or more of the claim, not a common one, in a sentence that
    calls it unsettled ("The provider claims ketamine ... addresses neuroinflammation. The
    inflammation hypothesis of depression is still debated.")."""
    if not _UNSETTLED.search(text):
        return False
    claimed = {w[:6] for w in _stems(claim_text) if len(w) >= 5}
    return bool({w[:6] for w in _stems(text)} & claimed)


# a denial and what it governs: up to three words ("which is not regrowth", "did not show any regrowth")
_DENIED_WORDS = re.compile(r"(?:\b(?:not|no|never|nor|without)\b|n't\b)((?:\s+[\w'-]+){1,3})")


def _denies_key_word(claim_text: str, sentence: str, text: str) -> bool:
    """``text`` denies one of the claim's own content words that the reporting ``sentence`` uses too
    (five letters or more, not a common word): "Line 18 says patients showed neurons regrowing. The
    human studies measured activity, which is not regrowth." A denial the claim itself holds ("not
    a controlled substance") is its wording, not its answer."""
    if negations(claim_text):
        return False
    # one word family by its first six letters ("regrowth" in the claim, "regrowing" in the report)
    reported = {w[:6] for w in _stems(sentence)}
    key = {w[:6] for w in _stems(claim_text) if len(w) >= 5 and w[:6] in reported}
    if not key:
        return False
    text = _CONTRASTIVE.sub(" ", text)
    for m in _DENIED_WORDS.finditer(text):
        if {w[:6] for w in _stems(m.group(1))} & key:
            return True
    for m in _DENIED_SUBJECT.finditer(text):
        if {w[:6] for w in _stems(m.group(1))} & key:
            return True
    return False


# a word that a denied predicate is said of ("The approval was never granted.", "the regrowth has not been seen")
_DENIED_SUBJECT = re.compile(r"\b([\w'-]+)\s+(?:was|is|were|are|has\s+been|have\s+been|had\s+been|does|did|do|has|have)"
                             r"\s*(?:n't|\s+not|\s+never)\b")


# --- a value or a key word that contradicts the claim's (no phrase needed) ------------------------

_SLOT_CACHE: dict[tuple[str, str], tuple] = {}


def _value_slots(claim: Claim) -> tuple:
    """The claim's value slots, compiled (``claimcheck.quantities``); when it has none, one
    made from the values its own text states ("a minimum of four weeks", "about 70%"), each
    widened by a quarter either way, with no words of its own. Cached per claim."""
    key = (claim.id, claim.claim)
    found = _SLOT_CACHE.get(key)
    if found is None:
        from claimcheck.quantities import Range, RangeError, compile_slot, read_values

        slots = []
        for slot in claim.slots or ():
            try:
                compiled = compile_slot(claim.id, slot)
            except RangeError:
                continue
            slots.append((compiled.kind, compiled.range, compiled.correction, compiled.words, compiled.unless))
        if not slots:
            for v in read_values(normalise(claim.claim)):
                if not v.vague:
                    slots.append((v.kind, Range(v.low * 0.75, v.high * 1.25), None, None, None))
        found = _SLOT_CACHE[key] = tuple(slots)
    return found


def _value_in_range(claim: Claim, text: str) -> bool:
    """``text`` gives a value (not a vague one) of a kind the claim states, inside the claim's range."""
    slots = _value_slots(claim)
    if not slots:
        return False
    from claimcheck.quantities import read_values

    values = read_values(text)
    return any(v.kind == kind and not v.vague and claimed.holds(v) for v in values for kind, claimed, *_ in slots)


def _other_value(claim: Claim, text: str) -> bool:
    """``text`` (a later clause, or a next sentence, after a report of ``claim``) gives values of
    the kind the claim states (a share of people, a time span), none of them in the claim's
    range, and is about the same thing: it holds the slot's words, a value in the correction's
    range, or a word of the claim or of its correction ("One post says about 70% of patients
    respond. In the largest trials fewer than half responded.")."""
    slots = _value_slots(claim)
    if not slots:
        return False
    from claimcheck.quantities import read_values

    values = read_values(text)
    if not values:
        return False
    related = None
    for kind, claimed, correction, words, unless in slots:
        of_kind = [v for v in values if v.kind == kind]
        if not of_kind or any(claimed.holds(v) for v in of_kind):
            continue
        if unless is not None and unless.search(text):
            continue
        if correction is not None and any(correction.holds(v) for v in of_kind):
            return True
        if words is not None and words.search(text):
            return True
        if any(v.vague for v in of_kind) and words is None:
            continue  # "most people ..." with nothing to say what of
        if related is None:
            # a value put forward as the nearer one ("it was closer to a third") answers the figure just reported
            related = bool(_stems(text) & (_stems(normalise(claim.claim)) | _stems(normalise(claim.correction or "")))) \
                or bool(_NEARER_VALUE.search(text))
        if related:
            return True
    return False


_NEARER_VALUE = re.compile(r"\b(?:closer\s+to|nearer\s+to|more\s+like|at\s+best)\s+(?:about\s+|around\s+|roughly\s+)?"
                           r"(?:\d|an?\s+(?:third|quarter|half|fifth|few|couple|week|day)|one|two|three|four|five|half)")


_REFERS = re.compile(r"\b(?:it|its|it's|that's|thats|that\s+is|this\s+is|the\s+(?:drug|medicine|medication|anesthetic|anaesthetic|treatment|therapy|"
                     r"infusions?|benefit|effects?|improvement|relief))\b")


def _states_contrary(claim: Claim, claim_text: str, text: str) -> bool:
    """``text`` holds the contrary of one of the claim's key words (``_CONTRARY``: Schedule III
    for "not a controlled substance", off-label for "approved", short-lived for "sustained"), not
    itself denied, and not the key word itself, and is about the claim's subject (names it, or
    "it", "the drug"): "LSD is a Schedule I controlled substance" answers nothing about ketamine."""
    subject = _subject(claim.subject) if claim.subject else None
    if subject is not None and not subject.search(text) and not _REFERS.search(text):
        return False
    for claimed, contrary in _CONTRARY:
        if not claimed.search(claim_text):
            continue
        for m in contrary.finditer(text):
            lead = text[max(0, m.start() - 40):m.start()]
            if NEGATION.search(" ".join(lead.split()[-4:])):
                continue
            # the key word itself, unless only as the denied alternative ("anxiety rather than calm")
            if not claimed.search(_DENIED.sub(" ", contrary.sub(" ", text))):
                return True
    return False


def _speech_inside(sentence: str, start: int, end: int, context: Context) -> Optional[Cue]:
    """Reported speech inside a pattern match that reaches back to the subject ("[Ketamine
    clinics say most patients feel better within hours]"): the speech cue before one of the
    match's first words."""
    limit = min(end, start + 80)
    for cue in (CUES_BY_ID["attribution-speech"], CUES_BY_ID["attribution-noun"], CUES_BY_ID["attribution-source"],
                CUES_BY_ID["source-subject"], CUES_BY_ID["source-line"]):
        for p in range(start + 1, limit):
            if sentence[p - 1] == " " and sentence[p] != " " and \
                    cue.compiled.search(sentence[_clause_start(sentence, p, weak=True):p]) and \
                    not _own_speaker(cue, sentence, p, end):
                return cue
    return None


_SPEECH_LEAD = re.compile(r"^\W*(?P<speaker>(?:[\w'.-]+\s+){0,5}?)" + _REPORTER + r"\b")
_NOUN_LEAD = re.compile(r"^\W*(?:there(?:'s|\s+is|\s+was)\s+)?(?:the|a|an|their|its|his|her)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:claims?|promises?|ideas?|notions?|beliefs?|suggestions?|message|pitch|narratives?|"
                        r"tropes?|talking\s+points?|selling\s+points?)"
                        r"(?:\s+(?:online|out\s+there|going\s+around|circulating|on\s+\w+))?\s+(?:is\s+|was\s+)?that\b")
_PUBLICATION_LEAD = re.compile(r"^\W*(?:(?:in|on|at)\s+[^,]{1,40},\s*)?" + _PUBLICATION + r"\b")


def _speech_leads(sentence: str, start: int) -> Optional[Cue]:
    """``attribution-speech`` when the match's clause opens with a speaker and a speech verb ("A
    clinic says ...", "The brochure claims ...") and no clause break stands between the verb and
    the match; not the text's own speaker ("We believe ...", "Studies show ...")."""
    lead = sentence[_clause_start(sentence, start, weak=True):start]
    m = _SPEECH_LEAD.match(lead)
    if m is None:  # a publication opens the clause ("One post puts the share ... at about 70%")
        m = _PUBLICATION_LEAD.match(lead)
        if m is not None and not CLAUSE_BREAK.search(lead, m.end()):
            return CUES_BY_ID["source-subject"]
        m = _NOUN_LEAD.match(lead)  # or what is said ("The selling point is that ...")
        if m is not None and not CLAUSE_BREAK.search(lead, m.end()):
            return CUES_BY_ID["attribution-noun"]
        return None
    if CLAUSE_BREAK.search(lead, m.end()) or _DENIAL.search(lead, 0, m.end()):
        return None  # "no one should expect ...": a denied saying is no report
    speaker = m.group("speaker")
    if _OWN_SPEAKER.search(speaker) and not _HEARSAY.search(speaker + lead[m.start("speaker") + len(speaker):m.end()]):
        return None
    return CUES_BY_ID["attribution-speech"]


def _cue_inside(cue: Cue, sentence: str, start: int, end: int) -> Optional[Cue]:
    """``cue`` (a clause-scoped one) before one of the first words of a match that reaches back
    over it, or before a word of the match's clause in front of the match's focus (a fuzzy
    match's focus may begin past the words the cue governs)."""
    for p in range(_clause_start(sentence, start, weak=True) + 1, min(end, start + 80)):
        if sentence[p - 1] == " " and sentence[p] != " " and \
                cue.compiled.search(sentence[_clause_start(sentence, p, weak=True):p]):
            return cue
    return None


def _mask_hedges(sentence: str, hits: Optional[frozenset] = None) -> str:
    """``sentence`` with its hedges blanked out (same length), so that "believed" in "ketamine is
    believed to" is not read as reported speech; ``sentence`` itself when it holds none (``hits``:
    its cues, from ``_hits_around``)."""
    if "hedge" not in (_hits(sentence, SENTENCE) if hits is None else hits):
        return sentence
    return CUES_BY_ID["hedge"].compiled.sub(lambda m: " " * len(m.group()), sentence)


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


def refuted_elsewhere(decision: Decision) -> Decision:
    """``decision`` of a reported or asked claim that another sentence of the passage refutes
    where it names the same claim (a verdict line, a rated table row): refuted by ``passage-answer``."""
    return Decision(Stance.agrees_with_evidence, "passage-answer", decision.voice, refuted=True)


def named_again(decision: Decision) -> Decision:
    """``decision`` of a claim the text states in its own voice after it has refuted the same claim
    a few sentences before: the writer names the claim again to refer to it ("The post names no
    paper, and no Yale trial we could find matches the description."), reported by ``named-again``."""
    return Decision(Stance.agrees_with_evidence, "named-again", "reported", refuted=True)


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


def _qualifying_cue(claim: Claim, hits: frozenset) -> Optional[Cue]:
    """A cue that states the limit one of the claim's flags is about."""
    for cue in _BY_EFFECT[QUALIFIES]:
        if cue.id in hits and cue.flag in claim.flags:
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
    # a quotation that ends the sentence may lose its closing mark to the next one ('The FAQ:
    # "Ketamine is FDA approved for depression.' + '" Not accurate.'): open to the end
    if len(marks) % 2 and marks[-1] < start and _QUOTE_RUNS_OUT.match(sentence, end):
        return marks[-1] + 1, len(sentence)
    return None


_QUOTE_RUNS_OUT = re.compile(r"[\s.!?,;:]*$")


def mostly_quoted(sentence: str, start: int, end: int, whole: bool = False) -> bool:
    """Whether double quotes opened inside the match hold the rest of it, three words or more and
    most of its length: the claim's predicate quoted after its subject (SSRIs that "do nothing for
    the first four weeks"), the way a writer marks words as someone else's. ``whole``: the match is
    a whole sentence (fuzzy, semantic), whose quotation may close before its end ("Ketamine restores
    normal brain signalling" - if only.)."""
    if '"' not in sentence[start:end]:
        return False
    open_ = sentence.index('"', start, end)
    close = sentence.find('"', open_ + 1)
    if close == -1 or (close < end - 2 and not whole) or sentence.count('"', 0, open_) % 2:
        return False
    inside = sentence[open_ + 1:min(close, end)]
    return len(inside.split()) >= 3 and 2 * len(inside) >= end - start


# single quotation marks that open before a word and close after one: not an apostrophe inside a
# word (don't, it's) nor, for the opening one, after a letter (clinics' ads)
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[:;,—-]))'(?=[a-z0-9])([^']*?[a-z0-9.,!?%)])'(?![a-z0-9])")


def single_quoted_span(sentence: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The inside of the single quotation marks that hold [start, end) of ``sentence``, if any
    ("... doesn't 'work for 7 in 10 patients' ..."); apostrophes inside words do not count."""
    if "'" not in sentence:
        return None
    for m in _SINGLE_QUOTED.finditer(sentence):
        if m.start(1) <= start and end <= m.end(1) + 1:
            return m.start(1), m.end(1)
        if m.start() >= end:
            break
    return None


def _in_scope(cue: Cue, sentence: str, start: int, context: Context, end: int = -1) -> bool:
    if cue.scope == QUOTE:
        return quoted_span(sentence, start, max(start, end)) is not None or \
            single_quoted_span(sentence, start, max(start, end)) is not None
    if cue.scope == BLOCK:
        return context.block_quote
    if cue.scope == HEADING:  # the innermost heading says whose its items are; any heading, that they are myths
        headings = context.headings[:1] if cue.effect == ATTRIBUTES else context.headings
        return bool(cue.regex) and any(cue.compiled.search(h) for h in headings)
    if cue.scope == PREVIOUS:
        return bool(cue.regex) and any(cue.compiled.search(s) for s in context.before[:2])
    if not cue.regex:
        return False
    if cue.scope == CLAUSE:
        return cue.compiled.search(sentence[_clause_start(sentence, start, weak=True):start]) is not None
    if cue.scope == SENTENCE:
        return cue.id in _hits(sentence, SENTENCE)
    if cue.scope == NEXT:
        return not _FACT_LINE.match(sentence) and any(cue.id in _hits(s, NEXT) for s in context.after)
    if cue.scope == VERDICT:
        return any(cue.id in _hits(s, VERDICT) for s in (sentence, *_verdict_neighbours(sentence, context)))
    return False


def _hits_around(sentence: str, context: Context) -> frozenset:
    """The ids of the sentence-, next- and verdict-scoped cues that hold for a match in ``sentence``."""
    hits = _hits(sentence, SENTENCE) | _hits(sentence, VERDICT)
    for s in context.after if not _FACT_LINE.match(sentence) else ():  # the next "Fact:" is another fact
        hits |= _hits(s, NEXT)
    for s in _verdict_neighbours(sentence, context):  # a verdict line judges the claim next to it
        hits |= _hits(s, VERDICT)
    return hits


# a "Fact:" line is the text's own statement; the "Myth:" line next to it does not judge it
_FACT_LINE = re.compile(r"^\W*(?:the\s+)?(?:facts?|truth|reality|true|correct|what\s+is\s+true)\s*:")


def _verdict_neighbours(sentence: str, context: Context) -> tuple[str, ...]:
    return () if _FACT_LINE.match(sentence) else context.verdict_neighbours()


# A sentence's cues, found once however many claims it holds or neighbours (and a corpus
# repeats its boilerplate sentences); the literal gate first, as most sentences hold none.
@functools.lru_cache(maxsize=8192)
def _hits(sentence: str, scope: str) -> frozenset:
    branches = _literal_gate().branches_possible_in(sentence, scope)
    if not branches:
        return frozenset()
    hits = set()
    for cue, branch in branches:
        if cue.id not in hits and branch.search(sentence):
            hits.add(cue.id)
    return frozenset(hits)


def top_level_branches(regex: str) -> list[str]:
    """The alternatives of ``regex`` at its top level (``a|(b|c)|d`` -> ``a``, ``(b|c)``, ``d``):
    the regex matches where one of them does."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if regex.startswith("^", i + 1):
                i += 1
            if regex.startswith("]", i + 1):  # a "]" first in a class is a character
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(regex[start:i])
            start = i + 1
        i += 1
    out.append(regex[start:])
    return out


class _LiteralGate:
    """The cues that a text can match: a cue's regex cannot match without one literal of each of
    its required sets (claimcheck.literals), and one Aho-Corasick pass over the text (lower-cased,
    white-space runs as one space, as the literals are written) finds them for every scope at
    once. Cheaper than one combined regex per scope, which Python's engine tries at every position.

    A cue whose regex is an alternation is gated branch by branch: a long cue ("next-denial")
    has branches that need only common words ("it is"), but those are anchored at the start and
    fail at once, while its unanchored branches need rare ones ("no such"); gated as one, every
    sentence that holds "the" would run the whole alternation at every position."""

    def __init__(self):
        import ahocorasick_rs

        from claimcheck.literals import most_selective, required_sets

        # per scope, in table order: (cue, one of its top-level branches, the branch's most selective
        # required sets; none when every set holds a literal too short to select)
        self._branches: dict[str, list[tuple[Cue, re.Pattern | str, list[frozenset[int]]]]] = {}
        self._ungated: dict[str, list[int]] = {}  # per scope, the branches searched in every text
        self._by_literal: dict[str, dict[int, list[int]]] = {}  # per scope, literal -> the branches it may open
        numbers: dict[str, int] = {}
        for cue in CUES:
            if not cue.regex:
                continue
            branches = top_level_branches(cue.regex)
            for branch in branches:
                sets = [frozenset(numbers.setdefault(literal.text, len(numbers)) for literal in alternatives)
                        for alternatives in most_selective(required_sets(branch))]
                # a branch is compiled when a text first holds its literals (most never do, and
                # compiling them all would cost a tenth of a second at every start)
                compiled = cue.compiled if len(branches) == 1 else branch
                listed = self._branches.setdefault(cue.scope, [])
                if sets:
                    for number in sets[0]:
                        self._by_literal.setdefault(cue.scope, {}).setdefault(number, []).append(len(listed))
                else:
                    self._ungated.setdefault(cue.scope, []).append(len(listed))
                listed.append((cue, compiled, sets))
        self._automaton = (ahocorasick_rs.AhoCorasick(list(numbers), matchkind=ahocorasick_rs.MatchKind.Standard)
                           if numbers else None)

    def branches_possible_in(self, text: str, scope: str) -> list[tuple[Cue, re.Pattern]]:
        """The cues of ``scope``, in table order, with those of their branches that could match ``text``."""
        found = self._literals_in(text)
        listed = self._branches.get(scope, ())
        by_literal = self._by_literal.get(scope, {})
        candidates = set(self._ungated.get(scope, ()))
        for number in found & by_literal.keys():
            candidates.update(by_literal[number])
        out = []
        for i in sorted(candidates):
            cue, branch, sets = listed[i]
            if all(not alternatives.isdisjoint(found) for alternatives in sets[1:]):
                if isinstance(branch, str):
                    branch = re.compile(branch)
                    listed[i] = (cue, branch, sets)
                out.append((cue, branch))
        return out

    def cues_possible_in(self, text: str, scope: str) -> list[Cue]:
        """The cues of ``scope``, in table order, whose regex could match ``text``."""
        return list(dict.fromkeys(cue for cue, _ in self.branches_possible_in(text, scope)))

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
        verb = _REPORTER_WORD.search(speaker)
        speaker = speaker[:verb.start()] if verb else speaker  # who speaks, not whom to ("wrote to us")
    else:
        lead = sentence[_clause_start(sentence, start, weak=True):start]
        m = None
        for m in cue.compiled.finditer(lead):
            pass
        speaker = " ".join(lead[:m.start()].split()[-4:]) if m else lead
        if _HEARSAY.search(speaker) or (m and _HEARD.match(lead, m.start())):
            return False  # "I've read claims online that ...", "we were told that ...": someone else's
    return bool(_OWN_SPEAKER.search(speaker)) and not _SOMEONE_OF_OURS.search(speaker)


# someone the text or its writer has, who speaks for themselves ("our guest argues", "my doctor
# says"); not the clinic's own staff ("our doctors say")
_SOMEONE_OF_OURS = re.compile(
    r"\b(?:our|my)\s+(?:[\w-]+\s+)?(?:guests?|readers?|callers?|listeners?|viewers?|commenters?|interviewees?|"
    r"sources?|followers?|subscribers?|friends?|mum|mom|dad|parents?|partner|wife|husband|sister|brother|"
    r"neighbou?rs?|colleagues?|panel(?:ists?)?|contributors?)\b"
    r"|\bmy\s+(?:[\w-]+\s+)?(?:doctor|gp|psychiatrist|psych|therapist|nurse|pharmacist|counsel+or)\b"
    # someone the writer reached ("the practitioner we spoke to says")
    r"|\b(?:we|i)\s+(?:spoke\s+(?:to|with)|talked\s+(?:to|with)|interviewed|asked|contacted|consulted|reached|visited|"
    r"called|emailed)\b")


_HEARD = re.compile(r"(?:heard|read|told)\b")
_HEARSAY = re.compile(r"\b(?:i|we)(?:'ve|\s+have|'d|\s+had)?\s+(?:(?:often|also|once|recently|just)\s+)?(?:read|heard|"
                      r"seen|saw|came\s+across|found|noticed|got|gotten|been\s+(?:told|sent|shown))\s*$")


_BY_EFFECT: dict[str, tuple[Cue, ...]] = {
    effect: tuple(c for c in CUES if c.effect == effect)
    for effect in (REFUTES, CONTRASTS, ATTRIBUTES, ASKS, HEDGES, QUALIFIES)
}
_REFUTING = _BY_EFFECT[REFUTES] + _BY_EFFECT[CONTRASTS]
_REPORTING = _BY_EFFECT[ASKS] + _BY_EFFECT[ATTRIBUTES]
_CACHED_SCOPES = (SENTENCE, NEXT, VERDICT)

# --- clauses ----------------------------------------------------------------------------------

# Reported speech spans commas ("A clinic told us, in an email, that ..."); a clause for
# attribution ends only at strong breaks.
_STRONG_BREAK = re.compile(r"[;]|\s-\s|-{2,}|\.\s")


# a regulatory status denied in one word: "ketamine is unregulated" (or "sold as an unregulated
# drug") says what "ketamine is not regulated" says (counted only where a clause's parity is compared with the claim's)
_DENIED_STATUS = re.compile(
    r"\b(?:is|are|was|were|be|been|being|remains?|stays?|'s|as)\s+(?:(?:an?|still|totally|completely|entirely|fully|"
    r"largely|basically|legal|and|,)\s*){0,4}(?:un|non-?)(?:regulated|scheduled|controlled|approved|licensed)\b")


def negations(text: str) -> int:
    """Negations that deny the clause (a contrastive "..., not weeks" or "not only" does not)."""
    text = _CONTRASTIVE.sub(" ", text)
    return len(NEGATION.findall(text)) + len(_DENIED_STATUS.findall(text))


def clause_around(sentence: str, start: int, end: int, commas: bool = False) -> str:
    """The clause of ``sentence`` that holds [start, end) (split at ';', ', and', 'but', ...;
    with ``commas``, at every comma too)."""
    left, right = clause_bounds(sentence, start, end, commas)
    return sentence[left:right]


def clause_bounds(sentence: str, start: int, end: int, commas: bool = False) -> tuple[int, int]:
    """Where the clause of ``sentence`` that holds [start, end) begins and ends."""
    left, right = 0, len(sentence)
    for m in (_COMMA_BREAK if commas else CLAUSE_BREAK).finditer(sentence):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


_COMMA_BREAK = re.compile(CLAUSE_BREAK.pattern + r"|,")


# Where a coordinated predicate of its own begins: "and it isn't ...", "or they do ...", "and is
# ...", a relative clause ("that doesn't ..."): what a negation there denies is that predicate.
_CONJUNCT_BREAK = re.compile(
    r"\b(?:and|or|nor|so)\s+(?=(?:it|they|he|she|we|you|i|there|this|these|those|its|their|his|her)\b|"
    r"(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|may|might|should|must)(?:n't)?\b|"
    r"(?:isnt|doesnt|dont|cannot|never)\b)|\b(?P<relative>that|which|who)\s+(?=(?:\w+\s+){0,2}?(?:not|never|\w+n't)\b)"
    r"|,\s*(?=without\b)"  # "..., without mentioning that ...": a phrase of its own
)


def conjunct_around(clause: str, start: int, end: int) -> str:
    """The part of ``clause`` around [start, end) that holds one predicate: from the last
    coordination before ``start`` to the first coordination or negated relative clause after
    ``end`` (breaks inside the match are its own)."""
    left, right = 0, len(clause)
    for m in _CONJUNCT_BREAK.finditer(clause):
        if m.end() <= start:
            # a complement ("it is not true that ketamine is ...") keeps the negation before it
            if not m.group("relative"):
                left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return clause[left:right]


def _denied_in_part(clause: str, reference: str) -> bool:
    """Does a clause or coordinated predicate of ``clause`` that shares a content word with
    ``reference`` differ from it in negation parity? (The whole clause when it has one part.)"""
    cuts = sorted({0, len(clause), *(m.end() for m in CLAUSE_BREAK.finditer(clause)),
                   *(m.end() for m in _CONJUNCT_BREAK.finditer(clause) if not m.group("relative"))})
    parts = [clause[a:b] for a, b in zip(cuts, cuts[1:]) if clause[a:b].strip()]
    parity = negations(reference) % 2
    words = _stems(reference)
    relevant = [part for part in parts if _stems(part) & words] if len(parts) > 1 else parts
    return any(negations(part) % 2 != parity for part in relevant or [clause])


def conjunct_start(sentence: str, start: int) -> int:
    """Where the predicate holding ``start`` begins: its clause's start, or a later coordination."""
    begins = _clause_start(sentence, start)
    for m in _CONJUNCT_BREAK.finditer(sentence, begins):  # its lookahead reads past ``start``
        if m.end() > start:
            break
        if not m.group("relative"):
            begins = m.end()
    return begins


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
