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
from claimcheck.quantities import RangeError, compile_slot
from claimcheck.text import normalise, one_line

RULES = dict([
    _rule("pattern-invalid", "error", "A pattern is not a valid RE2 regular expression (backreferences and lookaround are not supported)."),
    _rule("pattern-example", "error", "A pattern's example does not behave as declared (a 'match' that does not match, a 'no_match' that does)."),
    _rule("pattern-untested", "warning", "A pattern without any 'match' example."),
    _rule("slot-invalid", "error", "A slot's range is not 'A-B unit', '<= N unit' or '>= N unit' in the units of its kind (a rate in %, a duration in min, h, d, weeks, months, years)."),
    _rule("slot-example", "error", "A slot's example does not behave as declared (a 'match' whose value is not read in the range, a 'correction' not in the correction's range, a 'no_match' that states the claim)."),
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
    yield from run_slots(ctx)
    yield from subject_problems(ctx)
    for index, claim in ctx.entries("claims"):
        for p, pattern in enumerate(claim.patterns):
            base = ("claims", index, "patterns", p)
            try:
                compiled = compile_pattern(pattern.regex)
            except ValueError as exc:
                yield ctx.problem(base + ("regex",), "pattern-invalid",
                                  f"claim '{claim.id}': invalid pattern: {one_line(str(exc), 120)}",
                                  fix="correct the regular expression (RE2 syntax: no backreferences, no lookaround)")
                continue
            if not pattern.examples.match:
                yield ctx.problem(base, "pattern-untested", f"claim '{claim.id}': pattern has no 'match' example",
                                  fix="add examples: match: [...] and no_match: [...]")
            for e, example in enumerate(pattern.examples.match):
                if compiled.search(normalise(example)) is None:
                    yield ctx.problem(base + ("examples", "match", e), "pattern-example",
                                      f"claim '{claim.id}': pattern does not match its example \"{one_line(example, 80)}\"",
                                      fix="widen the pattern, or move the example to 'no_match' if it should not match")
            for e, example in enumerate(pattern.examples.no_match):
                if compiled.search(normalise(example)) is not None:
                    yield ctx.problem(base + ("examples", "no_match", e), "pattern-example",
                                      f"claim '{claim.id}': pattern matches its no_match example \"{one_line(example, 80)}\"",
                                      fix="narrow the pattern, or move the example to 'match' if it should match")


_EXPECTED = {"match": ("asserts",), "correction": ("correction",), "no_match": (None, "other", "correction")}
_EXPECTED_TEXT = {"match": "a value in the range", "correction": "a value in the correction's range",
                  "no_match": "no value in the range"}


def run_slots(ctx):
    for index, claim in ctx.entries("claims"):
        for s, slot in enumerate(getattr(claim, "slots", ()) or ()):
            base = ("claims", index, "slots", s)
            try:
                compiled = compile_slot(claim.id, slot)
            except RangeError as exc:
                field = "correction" if slot.correction and "correction" in str(exc) else "range"
                yield ctx.problem(base + (field,), "slot-invalid", f"claim '{claim.id}': {exc}",
                                  fix="write the range as '60-85 %', '<= 24 h' or '>= 2 weeks'")
                continue
            for group in ("match", "correction", "no_match"):
                for e, example in enumerate(getattr(slot.examples, group)):
                    got = compiled.decide(normalise(example))
                    if got not in _EXPECTED[group]:
                        yield ctx.problem(base + ("examples", group, e), "slot-example",
                                          f"claim '{claim.id}': slot example \"{one_line(example, 80)}\" should have "
                                          f"{_EXPECTED_TEXT[group]} ({_READ[got]})",
                                          fix="change the range or words, or move the example")


_READ = {None: "no value of this kind next to the slot's words was read", "asserts": "its value is in the range",
         "correction": "its value is in the correction's range", "other": "its value is outside the range"}
