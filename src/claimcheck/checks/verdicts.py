"""A claim's flags agree with its verdict.

Failing example::

    claims:
      - id: not-controlled
        verdict: "false"
        flags: [marketing]          # verdict-flags: a false claim is flagged factually-wrong
"""

from __future__ import annotations

from claimcheck.checks import _rule
from claimcheck.model import Verdict

RULES = dict([
    _rule("verdict-flags", "warning",
          "Flags that contradict the verdict: a false claim without factually-wrong, an accurate one with it, "
          "a misleading one without misleading, not-a-claim without marketing or off-topic."),
])


def run(ctx):
    known = ctx.registry.flags
    for index, claim in ctx.entries("claims"):
        flags = set(claim.flags)
        if not flags <= known.keys():
            continue  # an undefined flag is reported by ref-undefined; the intended set is unknown
        problem = None
        if claim.verdict is Verdict.false and "factually-wrong" not in flags:
            problem = "is 'false' but not flagged factually-wrong"
        elif claim.verdict in (Verdict.accurate, Verdict.mostly_accurate) and flags & {"factually-wrong", "misleading"}:
            problem = f"is '{claim.verdict.value}' but flagged {', '.join(sorted(flags & {'factually-wrong', 'misleading'}))}"
        elif claim.verdict is Verdict.misleading and "misleading" not in flags:
            problem = "is 'misleading' but not flagged misleading"
        elif claim.verdict is Verdict.not_a_claim and not flags & {"marketing", "off-topic"}:
            problem = "is 'not-a-claim' but flagged neither marketing nor off-topic"
        if problem:
            yield ctx.problem(("claims", index, "flags"), "verdict-flags", f"claim '{claim.id}' {problem}",
                              fix="make the flags agree with the verdict, or correct the verdict")
