"""The registry file's shared vocabulary: its sections, and what loading it gives (``LoadResult``).

The bottom of the registry's three layers: ``loader`` composes YAML into plain data with the
position of every node, ``schema`` validates that data into the model, ``writer`` adds entries
to the file in place. Each imports this module; none of them imports another one above it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Optional

from claimcheck.model import Finding, Registry, Severity

SECTIONS = ("schema_version", "flags", "sources", "documents", "claims")

Path = tuple  # a path of keys and indexes into the YAML document, e.g. ("claims", 3, "verdict")


@dataclass
class LoadResult:
    path: str
    registry: Optional[Registry] = None
    problems: list[Finding] = field(default_factory=list)
    data: Any = None
    # Where each node starts, packed (see packed); read them through position().
    marks: dict = field(default_factory=dict)  # path -> position of the value
    key_marks: dict = field(default_factory=dict)  # path -> position of the key
    offset_position: Any = None  # offset -> (line, column) when lines are not YAML's (see compose_into)
    entries: list = field(default_factory=list)  # (section, index, entry) for every valid entry
    reported: set = field(default_factory=set)  # paths of nodes the loader already reported an error at
    declared: dict = field(default_factory=dict)  # section -> every id written in it, valid entry or not
    fatal: bool = False  # the file could not be read or parsed at all

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The (line, column) of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            mark = self.key_marks.get(path) if key else None
            if mark is None:
                mark = self.marks.get(path)
            if mark is not None:
                return mark_position(mark, self.offset_position)
            path = path[:-1]
        return (1, 1)

    def problem(self, path: Path, rule: str, message: str, severity=Severity.error, *, key=False, fix=None):
        line, column = self.position(path, key=key)
        return Finding(self.path, line, column, rule, severity, message, fix=fix)

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.severity is Severity.error]


def mark_position(mark, at) -> tuple[int, int]:
    """A parser mark (0-based) as 1-based (line, column); by offset when ``at`` is given. A mark
    kept in ``LoadResult.marks`` is already a packed position (see ``packed``)."""
    if type(mark) is int:
        return mark >> 32, mark & 0xFFFFFFFF
    return (mark.line + 1, mark.column + 1) if at is None else at(mark.index)


def packed(mark, at) -> int:
    """A node's 1-based (line, column) as one int: a parser's mark object costs about ten times
    as much, and a registry keeps one per node (a 60,000-claim registry has over a million)."""
    line, column = mark_position(mark, at)
    return line << 32 | column


def short(value: Any, limit: int = 60) -> str:
    from claimcheck.text import one_line

    return one_line(str(value), limit)


def close_match(word: str, choices) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{found[0]}'?" if found else ""
