"""Every pattern compiles (RE2: linear time, no backtracking) and behaves as its examples say.

Failing example::

    patterns:
      - regex: 'not a (controlled'                          # pattern-invalid: missing )
      - regex: 'not a controlled substance'
        examples:
          match: ["ketamine isn't a scheduled drug"]          # pattern-example: does not match
"""

from __future__ import annotations

from claimcheck.checks import _rule
from claimcheck.match import compile_pattern, compile_subject
from claimcheck.text import normalise, one_line

RULES = dict([
    _rule("pattern-invalid", "error", "A pattern is not a valid RE2 regular expression (backreferences and lookaround are not supported)."),
    _rule("pattern-example", "error", "A pattern's example does not behave as declared (a 'match' that does not match, a 'no_match' that does)."),
    _rule("pattern-untested", "warning", "A pattern without any 'match' example."),
    _rule("subject-invalid", "error", "A claim's 'subject' is not a valid RE2 regular expression, or compiles past RE2's memory budget."),
])


def subject_problems(ctx):
    """A ``subject-invalid`` finding at every subject the audit could not use."""
    for index, claim in ctx.entries("claims"):
        if claim.subject:
            try:
                compile_subject(claim.subject)
            except ValueError as exc:
                yield ctx.problem(("claims", index, "subject"), "subject-invalid",
                                  f"claim '{claim.id}': invalid subject: {one_line(str(exc), 120)}",
                                  fix="write the subject as an RE2 expression such as 'ketamine|ketalar'")


def run(ctx):
    yield from subject_problems(ctx)
    for index, claim in ctx.entries("claims"):
        for p, pattern in enumerate(claim.patterns):
            base = ("claims", index, "patterns", p)
            try:
                compiled = compile_pattern(pattern.regex)
            except ValueError as exc:
                yield ctx.problem(base + ("regex",), "pattern-invalid",
                                  f"claim '{claim.id}': invalid pattern: {one_line(str(exc), 120)}")
                continue
            if not pattern.examples.match:
                yield ctx.problem(base, "pattern-untested", f"claim '{claim.id}': pattern has no 'match' example",
                                  fix="add examples: match: [...] and no_match: [...]")
            for e, example in enumerate(pattern.examples.match):
                if compiled.search(normalise(example)) is None:
                    yield ctx.problem(base + ("examples", "match", e), "pattern-example",
                                      f"claim '{claim.id}': pattern does not match its example \"{one_line(example, 80)}\"")
            for e, example in enumerate(pattern.examples.no_match):
                if compiled.search(normalise(example)) is not None:
                    yield ctx.problem(base + ("examples", "no_match", e), "pattern-example",
                                      f"claim '{claim.id}': pattern matches its no_match example \"{one_line(example, 80)}\"")
