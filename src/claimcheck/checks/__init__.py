"""The lint rules. Each module is one family of rules: ``RULES`` documents them and ``run``
yields findings. The list is explicit: a rule is not a rule until it is named here."""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.model import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str


def _rule(rule_id: str, severity: str, summary: str) -> tuple[str, Rule]:
    return rule_id, Rule(rule_id, Severity(severity), summary)


# Rules raised by the loader and the schema validation (claimcheck/loader.py, schema.py).
LOADER_RULES = dict([
    _rule("file-unreadable", "error", "The registry file is missing, not a regular file, too large, or not UTF-8/UTF-16 text."),
    _rule("yaml-syntax", "error", "The file is not valid YAML; the message names the likely cause (a ': ' in an unquoted value, a tab, an unclosed quote) and the fix."),
    _rule("yaml-comment-in-value", "warning", "A ' #' inside an unquoted text value: YAML reads the rest of the line as a comment."),
    _rule("yaml-duplicate-key", "error", "A mapping has the same key twice; YAML silently keeps only one."),
    _rule("yaml-implicit-type", "error", "An unquoted value such as no, 010, 1:20 or 2019-02-30 that YAML 1.1 tools read as a boolean, number or date."),
    _rule("yaml-tag", "error", "An explicit tag such as !!python/object: nothing is ever constructed from tags."),
    _rule("yaml-alias", "error", "An anchor (&a) or alias (*a): refused, as they allow expansion bombs and hide content."),
    _rule("yaml-too-deep", "error", "Nesting deeper than the registry could ever need."),
    _rule("yaml-multiple-documents", "error", "A second YAML document after '---'."),
    _rule("yaml-complex-key", "error", "A mapping key that is not a plain string."),
    _rule("yaml-invalid-character", "error", "A character YAML does not allow (a control character), or an escape for a code point that is not a character (\\ud800)."),
    _rule("schema-shape", "error", "The file is empty or its top level is not a mapping of sections."),
    _rule("schema-unknown-section", "error", "A top-level section the schema does not define (a typo such as 'flgas')."),
    _rule("schema-unknown-field", "error", "A field the schema does not define in an entry."),
    _rule("schema-missing-field", "error", "A required field is missing."),
    _rule("schema-type", "error", "A value of the wrong type (a list where text is expected, ...)."),
    _rule("schema-value", "error", "A value outside its fixed scale (verdict, severity) or range."),
    _rule("schema-id-format", "error", "An id that is not lower-case letters, digits, '-', '_' or '.'."),
    _rule("schema-version", "error", "A schema_version this claimcheck does not read."),
])

from claimcheck.checks import documents, evidence, patterns, quotes, references, reviews, verdicts  # noqa: E402

# quotes before documents: the quotes read each file once, grouped by file; documents then only
# asks what the reading found (and reads the files no quote points at).
ALL_CHECKS = (references, quotes, documents, evidence, verdicts, patterns, reviews)

RULES: dict[str, Rule] = dict(LOADER_RULES)
for _check in ALL_CHECKS:
    RULES.update(_check.RULES)
