"""Runs the lint checks over a loaded registry, applies the severity policy, decides the exit code."""

from __future__ import annotations

import dataclasses
import datetime
import os
from dataclasses import dataclass, field
from typing import Optional

from claimcheck.memory import check as check_memory
from claimcheck.loader import LoadResult, collector_paused, document_path, load_registry
from claimcheck.model import DocumentReport, Finding, Report, Severity
from claimcheck.text import InputError, NormalisedText, normalise_with_map, read_text


@dataclass
class LintContext:
    """What the checks share: the load result, and the documents, each file read once.

    Only one document's text is held at a time (a registry may name thousands, each up to the
    document limit); the checks ask for documents grouped by file (``in_file_order``), and
    what a file's reading found (its text, or why it cannot be read) is known by its real path,
    so entries that name the same file share one reading."""

    result: LoadResult
    max_age: Optional[object] = None  # a checks.reviews.Age: report reviews older than this
    today: datetime.date = field(default_factory=datetime.date.today)
    _sections: dict = field(default_factory=dict)
    _resolved: dict = field(default_factory=dict)  # document id -> (real path, None) or (None, reason)
    _errors: dict = field(default_factory=dict)  # real path -> None (readable) or the reason it is not
    _current: tuple = (None, None)  # (real path, normalised text) of the one document held
    reads: int = 0  # files read (tests/test_hostile_memory.py counts them)

    def __post_init__(self) -> None:
        for section, index, entry in self.result.entries:
            self._sections.setdefault(section, []).append((index, entry))

    @property
    def registry(self):
        return self.result.registry

    def entries(self, section: str) -> list:
        """(index in the file, validated entry) for every valid entry of ``section``."""
        return self._sections.get(section, [])

    def file_of(self, document_id: str) -> tuple[Optional[str], Optional[str]]:
        """(real path, None) of a registered document, or (None, why it has none)."""
        if document_id not in self._resolved:
            document = self.registry.documents.get(document_id)
            if document is None:
                self._resolved[document_id] = (None, "not defined")
            else:
                try:
                    self._resolved[document_id] = (document_path(self.registry.root, document.path), None)
                except InputError as exc:
                    self._resolved[document_id] = (None, exc.detail)
        return self._resolved[document_id]

    def document(self, document_id: str) -> tuple[Optional[NormalisedText], Optional[str]]:
        """(normalised text, None) or (None, reason it cannot be read)."""
        path, error = self.file_of(document_id)
        if path is None:
            return None, error
        if self._errors.get(path):
            return None, self._errors[path]
        if self._current[0] == path:
            return self._current[1], None
        self._current = (None, None)  # let the previous text go before the next is read
        self.reads += 1
        try:
            text = normalise_with_map(read_text(path))
        except InputError as exc:
            self._errors[path] = exc.detail
            return None, exc.detail
        self._errors[path] = None
        self._current = (path, text)
        return text, None

    def document_error(self, document_id: str) -> Optional[str]:
        """Why a document cannot be read, or None; reads it only if no check has yet."""
        path, error = self.file_of(document_id)
        if path is None:
            return error
        if path in self._errors:
            return self._errors[path]
        return self.document(document_id)[1]

    def in_file_order(self, items, document_id_of) -> list:
        """``items`` grouped by the file of their document (first appearance first, stable within
        a file), so that each file is read once while its items are checked."""
        order: dict = {}
        for item in items:
            path, _ = self.file_of(document_id_of(item))
            order.setdefault(path, len(order))
        return sorted(items, key=lambda item: order[self.file_of(document_id_of(item))[0]])

    def problem(self, path, rule: str, message: str, *, key: bool = False, fix: str | None = None) -> Finding:
        from claimcheck.checks import RULES

        return self.result.problem(path, rule, message, RULES[rule].severity, key=key, fix=fix)


@dataclass(frozen=True)
class LintOptions:
    """The severity policy: ``strict`` makes every warning an error (what CI runs); ``max_age``
    (a checks.reviews.Age) reports reviews older than it, and claims that record none."""

    strict: bool = False
    max_age: Optional[object] = None
    today: Optional[datetime.date] = None


def lint(result: LoadResult, options: LintOptions = LintOptions()) -> list[Finding]:
    """Every problem of a registry: the loader's, then each check's, in file order."""
    from claimcheck.checks import ALL_CHECKS

    findings = list(result.problems)
    if not result.fatal and result.registry is not None:
        with collector_paused():
            context = LintContext(result, max_age=options.max_age, today=options.today or datetime.date.today())
            for check in ALL_CHECKS:
                check_memory()
                findings.extend(check.run(context))
    if options.strict:
        findings = [dataclasses.replace(f, severity=Severity.error) if f.severity is Severity.warning else f
                    for f in findings]
    # Findings compare by place and rule only; two messages of one rule at one place both stay.
    unique = {(f.path, f.line, f.column, f.rule, f.message): f for f in findings}
    return sorted(unique.values())


def lint_path(path: str, options: LintOptions = LintOptions()) -> tuple[LoadResult, list[Finding]]:
    result = load_registry(path)
    return result, lint(result, options)


def lint_paths(paths, options: LintOptions = LintOptions()) -> list[tuple[LoadResult, list[Finding]]]:
    """Lint each registry once (pre-commit may pass several, or the same one twice)."""
    seen: set[str] = set()
    results = []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            results.append(lint_path(path, options))
    return results


def lint_report(results, max_findings: int = 0) -> Report:
    """The findings of each linted registry, as one Report for the machine formats: the first
    ``max_findings`` of each (0: all), the rest counted (claimcheck.limits).

    A registry that could not be used at all (unreadable, not YAML) carries its first error
    as the document's ``error``.
    """
    from claimcheck.limits import cap

    documents = []
    for result, findings in results:
        error = next((f.message for f in findings if f.severity is Severity.error), None) if result.fatal else None
        shown, omitted = cap(findings, max_findings)
        documents.append(DocumentReport(result.path, None, None, shown, error=error, omitted=omitted))
    registry = results[0][0].registry if len(results) == 1 else None
    return Report("lint", tuple(documents), registry)


def lint_exit_code(results, fail_on: str) -> int:
    """The exit code of a lint of several registries: the worst of theirs."""
    return max((exit_code(findings, fail_on, fatal=result.fatal) for result, findings in results), default=0)


def exit_code(findings: list[Finding], fail_on: str, fatal: bool = False) -> int:
    """0 clean, 1 a finding at or above ``fail_on`` (error, warning, info; never: none), 2 unusable."""
    if fatal:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in findings) else 0
