"""What a report's rule ids mean, for the formats that describe their rules (SARIF, Markdown, HTML).

An audit finding's rule is the claim's most severe flag (described in the registry), or one
of the audit's own ids below; a lint finding's rule is one of ``claimcheck.checks.RULES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote, urlsplit

from claimcheck.model import Report, Severity, Verdict

# The audit's own rule ids (not flags of the registry).
AUDIT_RULES: dict[str, tuple[Severity, str]] = {
    "stale-quote": (Severity.error, "A quote registered for this document is no longer in it."),
    "agrees-with-evidence": (Severity.info, "The passage states the correction of a registered claim: "
                                            "it agrees with the evidence."),
    "reports-claim": (Severity.info, "The passage reports a registered claim (attributed, quoted or asked about) "
                                     "rather than asserting it: info when it refutes it, a warning when it "
                                     "passes a wrong claim on without refuting it."),
    "unregistered-claim": (Severity.info, "A check-worthy sentence (statistic, study, regulation, absolute "
                                          "wording) that the registry does not cover."),
    "unreviewed-claim": (Severity.info, "A draft claim of the registry: found in the text, "
                                        "not yet reviewed."),
}

VERDICT_LABEL: dict[Verdict, str] = {
    Verdict.accurate: "Accurate",
    Verdict.mostly_accurate: "Mostly accurate",
    Verdict.mixed: "Mixed",
    Verdict.misleading: "Misleading",
    Verdict.unsupported: "Unsupported",
    Verdict.false: "False",
    Verdict.not_a_claim: "Not a claim",
    Verdict.unreviewed: "Not yet reviewed",
}

LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}

# What an editor reads instead of the audit's own rule ids (a flag's label is made from its id).
AUDIT_RULE_LABEL: dict[str, str] = {
    "stale-quote": "Quote no longer in the page",
    "agrees-with-evidence": "Agrees with the evidence",
    "unregistered-claim": "Not yet reviewed",
}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    summary: str
    kind: str  # "flag", "verdict", "audit" or "lint"


def verdict_label(verdict: Verdict | str) -> str:
    try:
        return VERDICT_LABEL[Verdict(verdict)]
    except ValueError:
        return str(verdict)


def rule_label(rule_id: str) -> str:
    """A plain label for a rule id: 'factually-wrong' -> 'Factually wrong', 'verdict-accurate' ->
    'Accurate', the audit's own ids by name. The id stays available to the formats (titles, data)."""
    if rule_id in AUDIT_RULE_LABEL:
        return AUDIT_RULE_LABEL[rule_id]
    if rule_id.startswith("verdict-"):
        return verdict_label(rule_id[len("verdict-"):])
    words = rule_id.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else rule_id


def describe(rule_id: str, report: Report, seen: Optional[Severity] = None) -> RuleInfo:
    """The rule ``rule_id`` as the report's kind knows it (``seen``: a finding's severity, for unknown ids)."""
    registry = report.registry
    if report.kind == "lint":
        from claimcheck.checks import RULES

        rule = RULES.get(rule_id)
        if rule is not None:
            return RuleInfo(rule.id, rule.severity, rule.summary, "lint")
    else:
        if registry is not None and rule_id in registry.flags:
            flag = registry.flags[rule_id]
            return RuleInfo(flag.id, flag.severity, flag.description, "flag")
        if rule_id in AUDIT_RULES:
            severity, summary = AUDIT_RULES[rule_id]
            return RuleInfo(rule_id, severity, summary, "audit")
        if rule_id.startswith("verdict-"):
            verdict = rule_id[len("verdict-"):]
            return RuleInfo(rule_id, seen or Severity.info,
                            f"A registered claim with the verdict '{verdict}' and no flag.", "verdict")
    return RuleInfo(rule_id, seen or Severity.warning, f"Rule '{rule_id}'.", report.kind)


def catalogue(report: Report) -> list[RuleInfo]:
    """Every rule a SARIF driver should declare: the registry's flags (audit) or all lint rules,
    then any other id that occurs, sorted."""
    rules: dict[str, RuleInfo] = {}
    if report.kind == "lint":
        from claimcheck.checks import RULES

        for rule_id in RULES:
            rules[rule_id] = describe(rule_id, report)
    elif report.registry is not None:
        for flag_id in report.registry.flags:
            rules[flag_id] = describe(flag_id, report)
    extra = {}
    for finding in report.findings:
        if finding.rule not in rules and finding.rule not in extra:
            extra[finding.rule] = describe(finding.rule, report, finding.severity)
    rules.update(sorted(extra.items()))
    return list(rules.values())


def safe_link(url: Optional[str]) -> Optional[str]:
    """``url`` when it is an absolute http(s) URL fit to be a link, else None (no javascript:, data:, ...)."""
    if not url:
        return None
    url = url.strip()
    if any(c.isspace() or ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in url):
        return None
    url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")  # < > " ` \ { } | ^ and non-ASCII percent-encoded
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def claim_detail_lines(claim, match, registry) -> list[str]:
    """The plain-text body of an audit finding shared by the CI formats: the quote, and for an
    assertion the rationale and correction, then the sources with their (safe) links."""
    from claimcheck.model import Stance
    from claimcheck.text import one_line

    lines = [f"Quote: \u201c{one_line(match.matched_text, 300)}\u201d"]
    if match.stance is Stance.asserts:
        lines.append(f"Why: {one_line(claim.rationale or 'not yet reviewed')}")
        if claim.correction:
            lines.append(f"Correction: {one_line(claim.correction)}")
    for source_id in claim.sources:
        source = registry.sources.get(source_id) if registry else None
        if source is not None:
            link = safe_link(source.link)
            lines.append(f"Source: {one_line(source.short_citation)}" + (f" {link}" if link else ""))
    return lines
