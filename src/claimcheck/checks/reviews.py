"""Every claim is reviewed, and its review is not older than the registry's policy.

A draft (``verdict: unreviewed``, as ``claimcheck add`` writes them) is a warning, so it shows
up locally, and an error under ``lint --strict``, so it never ships silently. A missing or
old ``reviewed`` date is reported only when ``lint --max-age`` asks for it: without a policy,
a registry that records no dates is not wrong.

Failing example::

    claims:
      - id: not-controlled
        verdict: unreviewed          # claim-unreviewed
        reviewed: {date: "2019-01-10", by: A. Reviewer}   # review-overdue under --max-age 18mo
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from claimcheck.checks import _rule

RULES = dict([
    _rule("claim-unreviewed", "warning", "A draft claim (verdict: unreviewed) waits for its review; an error under --strict."),
    _rule("review-missing", "warning", "With --max-age: a claim that does not record when it was reviewed."),
    _rule("review-overdue", "warning", "With --max-age: a claim whose last review is older than the maximum age."),
    _rule("review-due", "warning", "A claim whose 'next_review' date has passed."),
    _rule("review-in-future", "error", "A review dated after today (a typo in the year?)."),
    _rule("placeholder-text", "warning", "A field still holds the 'TODO: ...' placeholder that claimcheck add wrote; an error under --strict."),
])

PLACEHOLDER = re.compile(r"^\s*TODO\b")
_TEXT_FIELDS = {"documents": ("title", "publisher_type"), "claims": ("claim", "rationale", "correction"),
                "sources": ("title", "publisher")}

_AGE = re.compile(r"^\s*(\d{1,4})\s*(d|days?|w|weeks?|mo|months?|y|years?)\s*$", re.I)


@dataclass(frozen=True)
class Age:
    """A maximum age such as 18mo, 2y, 6w or 90d (months and years counted on the calendar)."""

    amount: int
    unit: str  # "d", "w", "mo" or "y"
    text: str

    def cutoff(self, today: datetime.date) -> datetime.date:
        """The oldest review date still within this age of ``today``."""
        if self.unit == "d":
            return today - datetime.timedelta(days=self.amount)
        if self.unit == "w":
            return today - datetime.timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "y" else 1)
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        month += 1
        day = min(today.day, _days_in_month(max(year, 1), month))
        return datetime.date(max(year, 1), month, day)


def parse_age(text: str) -> Age:
    """``18mo`` -> Age(18, "mo"); raises ValueError naming the accepted forms."""
    found = _AGE.match(text)
    if not found:
        raise ValueError(f"'{text}' is not an age such as 18mo, 2y, 6w or 90d")
    unit = found.group(2).lower()
    unit = "mo" if unit.startswith("mo") else unit[0]
    return Age(int(found.group(1)), unit, text.strip())


def _days_in_month(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def run(ctx):
    yield from _placeholders(ctx)
    yield from _reviews(ctx)


def _placeholders(ctx):
    for section, names in _TEXT_FIELDS.items():
        for index, entry in ctx.entries(section):
            for name in names:
                value = getattr(entry, name, None)
                if isinstance(value, str) and PLACEHOLDER.match(value):
                    yield ctx.problem((section, index, name), "placeholder-text",
                                      f"{section[:-1]} '{entry.id}': '{name}' is still a placeholder",
                                      fix=f"replace it with the {name.replace('_', ' ')}: {value.split(':', 1)[-1].strip()}")


def _reviews(ctx):
    today = ctx.today
    max_age = ctx.max_age
    cutoff = max_age.cutoff(today) if max_age is not None else None
    for index, claim in ctx.entries("claims"):
        where = ("claims", index)
        if claim.is_draft:
            yield ctx.problem((*where, "verdict"), "claim-unreviewed",
                              f"claim '{claim.id}' is a draft: not yet reviewed",
                              fix="review it: set its verdict, rationale, flags and sources, "
                                  "and record 'reviewed: {date: \"YYYY-MM-DD\", by: NAME}'")
            continue
        review = claim.reviewed
        if review is None:
            if cutoff is not None:
                yield ctx.problem((*where, "id"), "review-missing",
                                  f"claim '{claim.id}' does not record when it was reviewed (--max-age {max_age.text})",
                                  fix="add 'reviewed: {date: \"YYYY-MM-DD\", by: NAME}' once you have checked it")
            continue
        if review.date > today:
            yield ctx.problem((*where, "reviewed", "date"), "review-in-future",
                              f"claim '{claim.id}' was reviewed on {review.date.isoformat()}, after today",
                              fix="write the date the review took place")
        elif cutoff is not None and review.date < cutoff:
            yield ctx.problem((*where, "reviewed", "date"), "review-overdue",
                              f"claim '{claim.id}' was last reviewed on {review.date.isoformat()}, "
                              f"more than {max_age.text} ago",
                              fix="check the verdict against current evidence, then update 'reviewed'")
        if review.next_review is not None and review.next_review <= today:
            yield ctx.problem((*where, "reviewed", "next_review"), "review-due",
                              f"claim '{claim.id}' was due for review on {review.next_review.isoformat()}",
                              fix="review it, then update 'reviewed' and 'next_review'")
