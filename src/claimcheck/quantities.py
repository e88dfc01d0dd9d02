"""Quantities and time spans read from a sentence, and claim slots that test them.

A claim can declare a *slot*: what it says about a share of people (``rate``) or a time span
(``duration``), as a range, next to the words that carry it::

    slots:
      - kind: rate
        range: 60-85 %
        words: [respond, response, improve, success]

A sentence states the slot when it holds one of the words and a value whose middle lies in
the range; a value in the slot's ``correction`` range states the correction; any other value
says something else, and the sentence is not the claim (``fewer than half respond`` is not a
claim of about 70%).

Number words ("seven in ten", "ninety minutes") are turned into digits by text2num's
``alpha2digit`` (a maintained Rust library); what it does not read (fractions such as
"two-thirds", "most", "within the hour", "overnight", "a day later") is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

RATE = "rate"
DURATION = "duration"
KINDS = (RATE, DURATION)

HOUR = 1.0
UNITS = {  # in hours
    "second": 1 / 3600, "sec": 1 / 3600, "minute": 1 / 60, "min": 1 / 60, "hour": HOUR, "hr": HOUR,
    "day": 24.0, "night": 24.0, "week": 168.0, "month": 730.0, "year": 8760.0,
}
# units read in sentences, not written in a slot's range ("within a fortnight")
READ_UNITS = {**UNITS, "fortnight": 336.0}
_UNIT = r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?)\b"
_NUM = r"\d+(?:\.\d+)?"
_FEW = {"a few": 3.0, "a couple of": 2.0, "a couple": 2.0, "couple of": 2.0, "several": 4.0, "a": 1.0, "an": 1.0,
        "one": 1.0, "half an": 0.5, "half a": 0.5, "a half": 0.5, "the": 1.0, "two": 2.0, "three": 3.0, "few": 3.0}
# a bare plural ("within hours", "lasting weeks"): how many of the unit it means, as a range
_BARE = {"second": (2, 59), "minute": (2, 59), "hour": (1, 12), "day": (2, 6), "night": (2, 6), "week": (2, 6),
         "fortnight": (2, 6), "month": (2, 6), "year": (2, 10)}

_DURATION_RANGE = re.compile(rf"\b(?P<a>{_NUM})\s*(?:-|–|—|to|or|and)\s*(?P<b>{_NUM})\s*{_UNIT}")
_DURATION_OR = re.compile(rf"\b(?P<a>a|an|one|{_NUM})\s+{_UNIT}\s+or\s+(?P<b>two|three|{_NUM}|more|longer|so)\b")
_DURATION_ONE = re.compile(
    rf"(?:\b(?P<few>a few|a couple(?: of)?|couple of|several|half an?|a half|an?|one|the|two|three|few)\s+|"
    rf"(?<![\w.])(?P<n>{_NUM})\s*-?\s*)(?P<unitx>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|"
    rf"fortnights?|months?|years?)\b")
_DURATION_BARE = re.compile(r"\b(?:within|in|for|over|after|take|takes|taking|took|lasting|last|lasts|lasted|"
                            r"matter of|up to|for up to)\s+(?:just\s+|only\s+|mere\s+|even\s+)?"
                            r"(?P<unit>seconds|minutes|hours|days|nights|weeks|fortnights|months|years)\b")
# an effect that ends ("fades", "wears off", "symptoms return") "within weeks": the bare plural is the
# latest it is gone by, so the effect lasts up to the least that plural means (two weeks, from half
# that: one), not weeks ("symptoms return within days" is a day or two: not "relief within hours")
_ENDING_WITHIN = re.compile(
    r"\b(?:fad(?:e|es|ed|ing)|wears?\s+off|wore\s+off|wearing\s+off|go(?:es)?\s+away|went\s+away|"
    r"disappear(?:s|ed|ing)?|subsid(?:e|es|ed|ing)|vanish(?:es|ed|ing)?|relaps(?:e|es|ed|ing)|return(?:s|ed|ing)?|"
    r"dissipat(?:e|es|ed|ing)|diminish(?:es|ed|ing)?|dwindl(?:e|es|ed|ing)|ebbs?|ebbed|stops?\s+working|"
    r"stopped\s+working)\s+(?:(?:usually|often|typically|generally|mostly|largely|again|completely|entirely|"
    r"quickly|all)\s+)?$")
# two spans joined into one ("days to a couple of weeks", "a day to two weeks", "hours or days"): from
# the first's least to the second's most
_SPAN_JOIN = re.compile(r"\s*(?:to|or|-|–|—)\s*(?:(?:about|around|roughly|nearly|almost|perhaps|maybe|possibly|"
                        r"at\s+most|up\s+to)\s+)?")
_FIRST = (r"\b(?:within|in|during|over|for|by|by\s+the\s+end\s+of|across|throughout)\s+the\s+(?:very\s+)?"
          r"(?:first|1st)\s+")
_DURATION_PHRASES = [  # (regex, low hours, high hours)
    (re.compile(r"\bovernight\b"), 8.0, 16.0),
    (re.compile(r"\b(?:by|in|on)\s+the\s+(?:next|following)\s+(?:morning|day)\b"), 12.0, 24.0),
    (re.compile(r"\bthe\s+(?:next|following)\s+(?:morning|day)\b"), 12.0, 24.0),
    (re.compile(r"\bsame\s+(?:day|afternoon|evening)\b|\bby\s+the\s+end\s+of\s+the\s+(?:same\s+)?day\b"), 1.0, 12.0),
    (re.compile(r"\b(?:right|straight)\s+away\b|\bimmediately\b|\binstantly\b"), 0.0, 1.0),
    # "within the first week", "in the first week or two", "during the first or second week",
    # "in the first fortnight": a span that starts at the first dose
    (re.compile(rf"{_FIRST}(?:week\s+or\s+(?:two|2)|(?:or|and)\s+(?:second|2nd)\s+weeks?|fortnight)\b"), 24.0, 336.0),
    (re.compile(rf"{_FIRST}week\b"), 24.0, 168.0),
]
# "by day 10", "on day seven", "at week 4", "end of week two" (number words are digits by then):
# that many units after the first dose; "by the 10th day", "in the 2nd week": the day or week
# that ordinal counts (from the end of the one before to its own end)
_DAY_NUMBER = re.compile(
    r"(?:\b(?:by|on|at|until|till|before|around|about|from|after|through|in|within|of|to|since)\s+(?:the\s+)?|"
    r"\b(?:end|start|beginning|middle)\s+of\s+|^)(?P<unit>day|week|month)\s+(?P<n>\d{1,3})\b(?!\s*(?:%|/|:\d|\.\d|mg|ml))")
_DAY_ORDINAL = re.compile(
    r"\b(?:(?P<end>(?:by|until|till|before)(?:\s+the\s+end\s+of)?|(?:at|to)\s+the\s+end\s+of)|on|at|in|within|during|"
    r"over|of|after|through|around)\s+the\s+(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?P<unit>day|week|month)\b")

_PERCENT = r"\s*(?:%|percent\b|per\s+cent\b|pc\b)"
_RATE_RANGE = re.compile(rf"(?<![\w.])(?P<a>{_NUM})\s*(?:%|percent|per\s+cent)?\s*(?:-|–|—|to|and)\s*(?P<b>{_NUM}){_PERCENT}")
_RATE_PERCENT = re.compile(rf"(?<![\w.])(?P<a>{_NUM}){_PERCENT}")
_RATE_IN = re.compile(rf"(?<![\w.])(?P<a>{_NUM})\s+(?:in|out\s+of|of\s+every|in\s+every|out\s+of\s+every)\s+(?P<b>{_NUM})\b"
                      # a bare "of" only before people ("7 of 10 patients", not "page 3 of 10", "2 of 3 doses")
                      rf"|(?<![\w.])(?P<c>{_NUM})\s+of\s+(?:the\s+)?(?P<d>{_NUM})\s+(?:of\s+(?:our|the|those|these)\s+)?"
                      r"(?=(?:\w+\s+)?(?:patients|people|clients|adults|participants|subjects|individuals|users|"
                      r"veterans|those|them|us)\b)")
# "between 6 and 8 out of 10", "6-8 in 10": a range of shares
_RATE_IN_RANGE = re.compile(rf"(?<![\w.])(?P<a>{_NUM})\s*(?:-|–|—|to|and|or)\s*(?P<a2>{_NUM})\s+(?:in|out\s+of)\s+"
                            rf"(?:every\s+)?(?P<b>{_NUM})\b")
_FRACTION_NUMERATOR = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FRACTION_DENOMINATOR = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                         "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5,
                         # text2num writes "a third", "two thirds", "one fifth" as "a 3rd", "2 3rds", "1 5th"
                         "3rd": 3, "3rds": 3, "4th": 4, "4ths": 4, "5th": 5, "5ths": 5}
_RATE_FRACTION = re.compile(r"\b(?P<a>one|a|two|three|four|[1-4])\s*[- ]\s*(?P<b>halves|half|thirds?|quarters?|fourths?|fifths?|"
                            r"3rds?|4ths?|5ths?)\b"
                            # an ordinal of something counted ("a third week", "a 3rd infusion") is no share
                            r"(?!\s+(?:weeks?|days?|months?|years?|hours?|infusions?|doses?|sessions?|times?|rounds?|"
                            r"trials?|stud(?:y|ies)|courses?|treatments?|visits?|place|attempts?|series|lines?|options?|"
                            r"generations?|drugs?|medications?|antidepressants?|patients?|person|one)\b)")
# "most studies", "the majority of trials" count publications, not the people who respond
_NOT_PEOPLE = (r"(?!\s+(?:of\s+(?:the\s+|these\s+|those\s+)?)?(?:studies|trials|reviews|papers|analyses|meta-analyses|"
               r"reports|research|evidence|sources|data|experts|researchers|"
               # "most responders relapse": a share of those who responded, not the response rate
               r"responders|non-responders|respondents)\b)")
_RATE_WORDS = [  # (regex, low share, high share); comparatives first
    (re.compile(r"\b(?:fewer|less)\s+than\s+(?:a\s+|one\s+)?(?:half|third|quarter)\b"), 0.0, 0.45),
    (re.compile(r"\b(?:nearly|almost|virtually|practically)\s+(?:all|every(?:one|body)?)\b"), 0.9, 1.0),
    (re.compile(r"\b(?:more\s+than|over|at\s+least)\s+half\b"), 0.55, 0.95),
    (re.compile(r"\b(?:about|around|roughly|nearly|almost)?\s*half\b"), 0.45, 0.55),
    (re.compile(r"\b(?:the\s+)?(?:vast\s+)?majority\b" + _NOT_PEOPLE), 0.55, 0.95),
    (re.compile(r"\b(?:a\s+)?minority\b" + _NOT_PEOPLE), 0.05, 0.45),
    # not "at most" (a bound) nor "the most effective" (a superlative)
    (re.compile(r"(?<!\bat\s)(?<!\bthe\s)\bmost\b" + _NOT_PEOPLE), 0.55, 0.95),
]
_COMPARATIVE = re.compile(r"\b(?:(?P<low>fewer\s+than|less\s+than|under|below|up\s+to|at\s+most)|"
                          r"(?P<high>more\s+than|over|above|at\s+least|upwards\s+of))\s*$")

# cheap test: could the sentence hold a value at all? (run before anything else)
TRIGGER = re.compile(
    r"\d|%|\b(?:percent|per cent|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|half|halves|thirds?|quarters?|fifths?|most|majority|minority|all|every(?:one|body)|"
    r"a few|couple|several|an? (?:hour|day|week|month|year)|the hour|minutes|hours|days|weeks|months|years|fortnights?|"
    r"overnight|first (?:or|and) second|(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth) (?:day|week|month)|next morning|next day|following day|same day|same afternoon|same evening|end of the day|right away|straight away|immediately|instantly|first week|1st week)\b")


@dataclass(frozen=True)
class Value:
    kind: str
    low: float  # share 0..1 for a rate, hours for a duration
    high: float
    vague: bool = False  # "most", "the majority": counts only right before the slot's words
    start: int = 0  # where it stands in the sentence (as read_values saw it, number words as digits)
    end: int = 0

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Range:
    low: float
    high: float

    def holds(self, value: Value) -> bool:
        return self.low - 1e-9 <= value.middle <= self.high + 1e-9


class RangeError(ValueError):
    pass


_RANGE = re.compile(r"^\s*(?:(?P<op><=|>=|<|>)\s*(?P<v>\d+(?:\.\d+)?)|(?P<a>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*"
                    r"(?P<b>\d+(?:\.\d+)?))\s*(?P<unit>%|[a-z]+)?\s*$")


def parse_range(kind: str, text: str) -> Range:
    """``60-85 %`` (rate), ``<= 24 h``, ``2-8 weeks``, ``>= 2 weeks`` (duration)."""
    m = _RANGE.match(str(text).lower())
    if not m:
        raise RangeError(f"range {text!r} is not 'A-B unit', '<= N unit' or '>= N unit'")
    unit = m.group("unit") or ""
    if kind == RATE:
        if unit not in ("%", "percent"):
            raise RangeError(f"a rate's range is in percent ('60-85 %'), not {text!r}")
        scale = 0.01
    elif kind == DURATION:
        scale = _unit_hours(unit)
        if scale is None:
            raise RangeError(f"unknown unit {unit!r} in {text!r} (use min, h, d, weeks, months, years)")
    else:
        raise RangeError(f"unknown slot kind {kind!r} (rate or duration)")
    if m.group("op"):
        v = float(m.group("v")) * scale
        low, high = (0.0, v) if m.group("op").startswith("<") else (v, float("inf") if kind == DURATION else 1.0)
    else:
        low, high = float(m.group("a")) * scale, float(m.group("b")) * scale
    if low > high:
        raise RangeError(f"range {text!r} runs backwards")
    return Range(low, high)


def _unit_hours(unit: str):
    unit = unit.rstrip("s") if len(unit) > 2 else unit
    short = {"h": HOUR, "hr": HOUR, "min": 1 / 60, "m": 1 / 60, "d": 24.0, "w": 168.0, "wk": 168.0, "mo": 730.0,
             "y": 8760.0, "yr": 8760.0, "s": 1 / 3600}
    if unit in short:
        return short[unit]
    return UNITS.get(unit)


def _to_digits(sentence: str) -> str:
    from text_to_num import alpha2digit

    try:
        return alpha2digit(sentence, "en", threshold=0)
    except Exception:  # noqa: BLE001 - a library failure on odd text must not stop an audit
        return sentence


def read_values(sentence: str) -> tuple[Value, ...]:
    """Every rate and duration the (normalised, lower-case) sentence states."""
    return _read(sentence)[1]


@lru_cache(maxsize=4096)
def _read(sentence: str) -> tuple[str, tuple[Value, ...]]:
    """(the sentence with number words as digits, its values)."""
    if not TRIGGER.search(sentence):
        return sentence, ()
    text = _to_digits(sentence)
    return text, tuple(_rates(text)) + tuple(_durations(text))


NEAR = 60  # characters between a value and the slot's words
SLOT_CACHE_SIZE = 4096  # sentences whose slot decisions SlotMatcher keeps (emptied when full)
_VAGUE_REACH = re.compile(r"^[^,;:.!?()]{0,60}")
# what makes an outcome less than a response, next to the slot's word ("some improvement", "improve slightly")
_BELITTLED = re.compile(r"\b(?:some|slight|slightly|modest|modestly|small|little|minor|partial|partially|brief|briefly|"
                        r"temporary|temporarily|short-lived|fleeting|marginal|marginally|mild|mildly|somewhat|bit)\b")
# a vague share used as a pronoun, with the comma left out ("for most the improvement is modest"): a
# determiner follows it, and what follows says something of another subject, not how many respond
_PRONOUN_MOST = re.compile(r"\s+(?:the|a|an|its|their|his|her|this|that|these|those|it|they|there|such)\b")


def _comparative(text: str, start: int) -> str:
    m = _COMPARATIVE.search(text[max(0, start - 20):start])
    if not m:
        return ""
    return "low" if m.group("low") else "high"


def _bounded(text: str, start: int, low: float, high: float, top: float) -> tuple[float, float]:
    side = _comparative(text, start)
    if side == "low":
        return (0.0, high) if "up to" not in text[max(0, start - 20):start] else (low, high)
    if side == "high":
        return low, min(top, max(high, low * 1.2))
    return low, high


def _rates(text: str) -> list[Value]:
    out, taken = [], []

    def free(m) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    for m in _RATE_RANGE.finditer(text):
        a, b = float(m.group("a")), float(m.group("b"))
        if a <= b <= 100:
            out.append(Value(RATE, *_bounded(text, m.start(), a / 100, b / 100, 1.0), start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _RATE_PERCENT.finditer(text):
        if free(m) and float(m.group("a")) <= 100:
            v = float(m.group("a")) / 100
            out.append(Value(RATE, *_bounded(text, m.start(), v, v, 1.0), start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _RATE_IN_RANGE.finditer(text):
        a, a2, b = float(m.group("a")), float(m.group("a2")), float(m.group("b"))
        if 0 < a <= a2 <= b and b >= 2:
            out.append(Value(RATE, *_bounded(text, m.start(), a / b, a2 / b, 1.0), start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _RATE_IN.finditer(text):
        a, b = (float(m.group("a")), float(m.group("b"))) if m.group("a") else (float(m.group("c")), float(m.group("d")))
        if free(m) and 0 < a <= b and b >= 2:
            out.append(Value(RATE, *_bounded(text, m.start(), a / b, a / b, 1.0), start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _RATE_FRACTION.finditer(text):
        if free(m):
            a, b = _FRACTION_NUMERATOR[m.group("a")], _FRACTION_DENOMINATOR[m.group("b")]
            if a < b:
                out.append(Value(RATE, *_bounded(text, m.start(), a / b, a / b, 1.0), start=m.start(), end=m.end()))
                taken.append(m.span())
    for regex, low, high in _RATE_WORDS:
        for m in regex.finditer(text):
            if free(m):
                out.append(Value(RATE, low, high, vague=True, start=m.start(), end=m.end()))
                taken.append(m.span())
    return out


def _durations(text: str) -> list[Value]:
    out, taken = [], []

    def free(m) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    for m in _DURATION_RANGE.finditer(text):
        unit = _hours_of(m.group("unit"))
        a, b = float(m.group("a")) * unit, float(m.group("b")) * unit
        if a <= b:
            out.append(Value(DURATION, *_bounded(text, m.start(), a, b, float("inf")), start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _DURATION_OR.finditer(text):
        if not free(m):
            continue
        unit = _hours_of(m.group("unit"))
        a = _FEW.get(m.group("a")) or float(m.group("a"))
        other = m.group("b")
        if other in ("more", "longer"):
            b = a * 2
        elif other == "so":
            b = a * 1.5
        else:
            b = _FEW.get(other) or float(other)
        out.append(Value(DURATION, a * unit, max(a, b) * unit, start=m.start(), end=m.end()))
        taken.append(m.span())
    for m in _DURATION_ONE.finditer(text):
        if not free(m):
            continue
        unit = _hours_of(m.group("unitx"))
        count = float(m.group("n")) if m.group("n") else _FEW[m.group("few")]
        if m.group("few") == "the" and not m.group("unitx").startswith(("hour", "day", "night")):
            continue
        if m.group("few") == "the" and m.group("unitx").startswith(("day", "night")):
            continue  # "the day of the infusion", "the night before": not a span
        out.append(Value(DURATION, *_bounded(text, m.start(), count * unit, count * unit, float("inf")), start=m.start(), end=m.end()))
        taken.append(m.span())
    for m in _DURATION_BARE.finditer(text):
        if not free(m):
            continue
        unit = _hours_of(m.group("unit"))
        low, high = _BARE[_singular(m.group("unit"))]
        if m.group().startswith("within") and _ENDING_WITHIN.search(_clause_tail(text, m.start())):
            low, high = low / 2, low  # "fades within weeks": gone by then, so it lasts one to two weeks
        out.append(Value(DURATION, low * unit, high * unit, start=m.start(), end=m.end()))
        taken.append(m.span())
    for regex, low, high in _DURATION_PHRASES:
        for m in regex.finditer(text):
            if free(m):
                out.append(Value(DURATION, low, high, start=m.start(), end=m.end()))
                taken.append(m.span())
    for m in _DAY_NUMBER.finditer(text):
        n = float(m.group("n"))
        if free(m) and n > 0:
            hours = n * UNITS[m.group("unit")]
            out.append(Value(DURATION, hours, hours, start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _DAY_ORDINAL.finditer(text):
        n, unit = float(m.group("n")), UNITS[m.group("unit")]
        if free(m) and n > 0:
            low = n * unit if m.group("end") else (n - 1) * unit
            out.append(Value(DURATION, low, n * unit, start=m.start(), end=m.end()))
            taken.append(m.span())
    return _joined_spans(text, out)


def _clause_tail(text: str, start: int) -> str:
    """The up to 40 characters before ``start`` in its clause (after the last comma, stop or bracket)."""
    before = text[max(0, start - 40):start]
    return re.split(r"[,;:.!?()]", before)[-1]


def _joined_spans(text: str, values: list[Value]) -> list[Value]:
    """Durations joined by "to", "or" or a dash into one span ("lasts days to a couple of weeks":
    from two days to two weeks, not two weeks; "a day or two to a week"), the first no longer than
    the second."""
    if len(values) < 2:
        return values
    ordered = sorted(values, key=lambda v: v.start)
    out = [ordered[0]]
    for v in ordered[1:]:
        last = out[-1]
        gap = text[last.end:v.start]
        if last.end <= v.start and _SPAN_JOIN.fullmatch(gap) and last.low <= v.high:
            out[-1] = Value(DURATION, last.low, max(last.high, v.high), start=last.start, end=v.end)
        else:
            out.append(v)
    return out


def _singular(unit: str) -> str:
    unit = unit[:-1] if unit.endswith("s") else unit
    return {"sec": "second", "min": "minute", "hr": "hour"}.get(unit, unit)


def _hours_of(unit: str) -> float:
    return READ_UNITS[_singular(unit)] if _singular(unit) in READ_UNITS else READ_UNITS.get(unit.rstrip("s"), HOUR)


_SUFFIX = r"(?:s|es|d|ed|ing|er|ers|ment|ments|ly)?"


def _inflected(token: str) -> str:
    """A word and its inflections: respond, responds, responded, responding, responder;
    improve, improved, improving, improvement; relief, reliefs (not respondents)."""
    if token.endswith("e") and len(token) > 3:
        return rf"{re.escape(token[:-1])}(?:e{_SUFFIX}|ing)"
    return re.escape(token) + _SUFFIX


def words_regex(words) -> str:
    """The slot's words as one regular expression of whole words, each with its inflections
    (``respond`` finds responds, responded, responder; ``feel better`` feels better)."""
    parts = []
    for phrase in words:
        tokens = [t for t in str(phrase).lower().split()]
        if tokens:
            parts.append(r"\s+".join(_inflected(t) for t in tokens))
    return r"\b(?:" + "|".join(parts) + r")\b" if parts else r"(?!)"


@dataclass(frozen=True)
class CompiledSlot:
    claim_id: str
    kind: str
    range: Range
    correction: Range | None
    words: re.Pattern
    unless: re.Pattern | None = None

    def decide(self, sentence: str) -> str | None:
        """For a normalised sentence: 'asserts' (a value in range), 'correction' (a value in the
        correction's range), 'other' (the words with only values outside both), None (no words,
        or no value of this kind)."""
        if not self.words.search(sentence) or (self.unless is not None and self.unless.search(sentence)):
            return None
        text, every = _read(sentence)
        words = [m.span() for m in self.words.finditer(text)]
        # "most", "the majority" say how many only of what follows them in the same clause
        # ("most people respond"), not "for most people, the benefit lasts a week", nor when a
        # time span follows there ("most clients enjoy relief for several weeks": how long, not
        # how many); any other value counts next to the slot's words (not "75% were women;
        # response was measured")
        values = [v for v in every if v.kind == self.kind and
                  (self._vague_counts(text, v, every) if v.vague
                   else any(v.start - NEAR <= b and a <= v.end + NEAR for a, b in words))]
        if not values:
            return None
        if any(self.range.holds(v) for v in values):
            return "asserts"
        if self.correction is not None and any(self.correction.holds(v) for v in values):
            return "correction"
        return "other"

    def _vague_counts(self, text: str, value: Value, every) -> bool:
        reach = _VAGUE_REACH.match(text[value.end:]).group()
        if _PRONOUN_MOST.match(reach):
            return False  # "for most the improvement is modest": "most" stands for people, with no comma
        word = self.words.search(reach)
        if not word:
            return False
        # a vague share of a belittled outcome ("most feel some improvement", "most improve only briefly")
        # is no share of responders
        near = " ".join(reach[:word.start()].split()[-2:] + reach[word.end():].split()[:2])
        if _BELITTLED.search(near):
            return False
        end = value.end + len(reach)
        return not any(v.kind != self.kind and value.end <= v.start < end for v in every)

    def contradicts(self, sentence: str) -> bool:
        """The sentence gives values of the slot's kind (not vague ones), none of them in the
        claim's range or the correction's: a restatement found by other means ("depression
        returns within days" for relief within hours) says something else."""
        text, values = _read(sentence)
        values = [v for v in values if v.kind == self.kind and not v.vague]
        return bool(values) and not any(self.range.holds(v) or (self.correction is not None and
                                                                 self.correction.holds(v)) for v in values)

    def focus(self, sentence: str, decision: str) -> tuple[int, int] | None:
        """The span, in the normalised ``sentence``, of the slot's words nearest to a value that
        made ``decision`` ('asserts' or 'correction'): the words whose clause says what the
        sentence does with the value. None when they cannot be placed."""
        text, values = _read(sentence)
        held = self.range if decision == "asserts" else self.correction
        if held is None:
            return None
        values = [v for v in values if v.kind == self.kind and held.holds(v)]
        words = [m.span() for m in self.words.finditer(text)]
        if not values or not words:
            return None
        def distance(span):
            a, b = span
            return min(max(0, v.start - b, a - v.end) for v in values)
        k = min(range(len(words)), key=lambda i: distance(words[i]))
        # number words became digits in ``text``; the slot's words did not, and keep their order
        originals = [m.span() for m in self.words.finditer(sentence)]
        return originals[k] if len(originals) == len(words) else None


def compile_slot(claim_id: str, slot) -> CompiledSlot:
    """Raises RangeError for a bad kind or range."""
    kind = getattr(slot.kind, "value", slot.kind)
    claim_range = parse_range(kind, slot.range)
    try:
        correction = parse_range(kind, slot.correction) if slot.correction else None
    except RangeError as exc:
        raise RangeError(f"correction: {exc}") from None
    unless = getattr(slot, "unless", None)
    return CompiledSlot(claim_id, kind, claim_range, correction, re.compile(words_regex(slot.words)),
                        re.compile(words_regex(unless)) if unless else None)


class _Offsets:
    """Character offsets of byte offsets into a text's UTF-8 and back, for offsets that only
    grow (one cursor moves forward: linear in the text however many are asked)."""

    def __init__(self, text: str, encoded: bytes):
        self._text, self._encoded = text, encoded
        self._ascii = len(text) == len(encoded)
        self._char = self._byte = 0

    def character(self, byte: int) -> int:
        if self._ascii:
            return byte
        if byte >= self._byte:
            self._char += len(self._encoded[self._byte:byte].decode("utf-8", "surrogatepass"))
        else:  # a step back (never by the callers above; correct all the same)
            self._char -= len(self._encoded[byte:self._byte].decode("utf-8", "surrogatepass"))
        self._byte = byte
        return self._char

    def byte(self, character: int) -> int:
        if self._ascii:
            return character
        if character >= self._char:
            self._byte += len(self._text[self._char:character].encode("utf-8", "surrogatepass"))
        else:
            self._byte -= len(self._text[character:self._char].encode("utf-8", "surrogatepass"))
        self._char = character
        return self._byte


class SlotMatcher:
    """The slots of a registry's claims, compiled once; ``find`` runs them over a text."""

    def __init__(self, registry, subject_free_only: bool = False):
        """``subject_free_only``: the slots of claims without a subject only."""
        self.slots: list[CompiledSlot] = []
        for claim in registry.claims.values():
            if claim.verdict.value == "not-a-claim" or (subject_free_only and claim.subject):
                continue
            for slot in getattr(claim, "slots", ()) or ():
                try:
                    self.slots.append(compile_slot(claim.id, slot))
                except RangeError:  # a lint error; skipped here
                    continue
        # one search over the text for any slot's words finds the sentences worth reading (RE2:
        # one linear pass however many words)
        self._any_word = None
        self._decided: dict[str, tuple] = {}  # sentence -> its decisions (see ``decisions``)
        if self.slots:
            from claimcheck.match import compile_pattern

            self._any_word = compile_pattern("|".join(f"(?:{s.words.pattern})" for s in self.slots))

    def find(self, text: str, spans) -> tuple[list[tuple], set[tuple[str, int]]]:
        """([(claim id, sentence start, sentence end, 'asserts' | 'correction', the span of the
        slot's words next to the value or ())], the (claim id, sentence start) pairs whose
        sentence gives only values outside the claim's range)."""
        found: list[tuple] = []
        other: set[tuple[str, int]] = set()
        if self._any_word is None:
            return found, other
        from claimcheck.text import SpanList

        # ``spans``: a claimcheck.text.Sentences (sentences are split only where a word is) or a list
        lookup = spans if hasattr(spans, "span") else SpanList(list(spans))
        seen: set[tuple[int, int]] = set()
        # RE2 searches the UTF-8 bytes: asked for a str from an offset, it would encode the
        # whole text and count characters up to that offset again at every call
        encoded = text.encode("utf-8", "surrogatepass")
        offsets = _Offsets(text, encoded)
        position, size = 0, len(encoded)
        search = self._any_word.search
        while position < size:
            m = search(encoded, position)
            if m is None:
                break
            start = offsets.character(m.start())
            span = lookup.span(start)
            if start < span[1]:
                seen.add(span)
                position = offsets.byte(max(span[1], offsets.character(m.end())))  # the rest of this sentence is not needed
            else:
                position = m.end()
        decisions = self.decisions
        for start, end in sorted(seen):
            for claim_id, decision, focus in decisions(text[start:end]):
                if decision == "other":
                    other.add((claim_id, start))
                else:
                    found.append((claim_id, start, end, decision, (start + focus[0], start + focus[1]) if focus else ()))
        # a claim stated by one slot is not vetoed by another slot's other value
        stated = {(claim_id, start) for claim_id, start, *_ in found}
        return found, other - stated

    def decisions(self, sentence: str) -> tuple[tuple[str, str, tuple[int, int] | None], ...]:
        """(claim id, 'asserts' | 'correction' | 'other', the span of the slot's words in the
        sentence for the first two, else None) of every slot that decides the (normalised)
        sentence, in the slots' order. A sentence's decisions depend only on its text, and a
        corpus repeats sentences: they are kept for the last SLOT_CACHE_SIZE sentences."""
        cache = self._decided
        known = cache.get(sentence)
        if known is None:
            if len(cache) >= SLOT_CACHE_SIZE:
                cache.clear()
            known = cache[sentence] = self._decide(sentence)
        return known

    def _decide(self, sentence: str) -> tuple[tuple[str, str, tuple[int, int] | None], ...]:
        if not TRIGGER.search(sentence):
            return ()
        out = []
        for slot in self.slots:
            decision = slot.decide(sentence)
            if decision in ("asserts", "correction"):
                out.append((slot.claim_id, decision, slot.focus(sentence, decision)))
            elif decision == "other":
                out.append((slot.claim_id, decision, None))
        return tuple(out)
