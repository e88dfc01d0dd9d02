"""``claims.yaml`` -> typed registry, with the line and column of every node.

The YAML is read as an event stream (libyaml's C parser when present, which is iterative and
fast) and composed here, so that nothing is ever constructed from a tag, aliases and anchors
are refused, duplicate keys are seen, nesting depth is bounded, and plain scalars keep their
text instead of YAML 1.1's surprises (``no`` -> False, ``010`` -> 8, dates). Every problem
becomes a ``Finding`` at the offending node; the loader never raises on bad content.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from claimcheck.model import Finding, Registry, Severity
from claimcheck.text import MAX_REGISTRY_BYTES, InputError, decode, read_bytes

REGISTRY_FILENAME = "claims.yaml"
MAX_DEPTH = 64
SECTIONS = ("schema_version", "flags", "sources", "documents", "claims")

Path = tuple  # a path of keys and indexes into the YAML document, e.g. ("claims", 3, "verdict")

_YAML11_IMPLICIT = [
    ("a boolean", re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")),
    ("null", re.compile(r"^(?:~|null|Null|NULL)$")),
    ("a number", re.compile(
        r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"
    )),
    ("a number", re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
        r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    )),
    ("a date", re.compile(
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
        r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$"
    )),
]
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_ALLOWED_TAGS = {"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class LoadResult:
    path: str
    registry: Optional[Registry] = None
    problems: list[Finding] = field(default_factory=list)
    data: Any = None
    marks: dict = field(default_factory=dict)  # value positions: path -> (line, column), 1-based
    key_marks: dict = field(default_factory=dict)  # key positions: path -> (line, column)
    entries: list = field(default_factory=list)  # (section, index, entry) for every valid entry
    reported: set = field(default_factory=set)  # paths of nodes the loader already reported an error at
    declared: dict = field(default_factory=dict)  # section -> every id written in it, valid entry or not
    fatal: bool = False  # the file could not be read or parsed at all

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path, rule: str, message: str, severity=Severity.error, *, key=False, fix=None):
        line, column = self.position(path, key=key)
        return Finding(self.path, line, column, rule, severity, message, fix=fix)

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.severity is Severity.error]


def find_registry(start: str | None = None) -> str | None:
    """``claims.yaml`` in ``start`` or the nearest parent folder that has one (as git does)."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, REGISTRY_FILENAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def display_path(path: str) -> str:
    """A path as a person would type it: relative to the current folder when inside it.

    Undecodable bytes in file names (surrogate escapes) are shown as ``\\xNN``, so every
    output format can encode the path as UTF-8."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = ".."
    shown = path if rel.startswith("..") else rel
    try:
        raw = shown.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = shown.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def load_registry(path: str) -> LoadResult:
    result = LoadResult(display_path(path))
    try:
        raw = read_bytes(path, MAX_REGISTRY_BYTES)
        text = decode(raw)
    except InputError as exc:
        result.problems.append(
            Finding(result.path, exc.line or 1, exc.column or 1, "file-unreadable", Severity.error,
                    f"registry {exc.message}")
        )
        result.fatal = True
        return result
    from claimcheck.schema import build_registry

    with collector_paused():
        compose_into(text, result)
        if not result.fatal:
            build_registry(result, os.path.dirname(os.path.abspath(path)))
    return result


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a registry is built.

    Composing and validating create hundreds of thousands of small acyclic objects; each
    generation-0 collection would traverse the growing tree again (a third of the load time
    of a 10,000-claim registry). Nothing here creates cycles; the collector resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- composing ---------------------------------------------------------------------------


def _loader_class():
    """libyaml's C parser when PyYAML was built with it, else the pure-Python one.

    Both report the same line and column for every event (tests/test_lint_rules.py checks it);
    the C parser is about ten times faster, which is what keeps a 10,000-claim lint under 2 s.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


_IMPLICIT_KINDS = {"bool": "a boolean", "null": "null", "int": "a number", "float": "a number", "date": "a date"}
_IMPLICIT = re.compile("|".join(f"(?P<{name}>{pattern.pattern[1:-1]})" for name, pattern in (
    ("bool", _YAML11_IMPLICIT[0][1]), ("null", _YAML11_IMPLICIT[1][1]), ("int", _YAML11_IMPLICIT[2][1]),
    ("float", _YAML11_IMPLICIT[3][1]), ("date", _YAML11_IMPLICIT[4][1]),
)))
_IMPLICIT_START = frozenset("0123456789+-.yYnNtTfFoO")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Frame:
    """A mapping or list being composed; ``path`` is None inside a discarded value."""

    __slots__ = ("container", "path", "mapping", "key", "key_path", "want_key", "line", "column")

    def __init__(self, container, path, mapping: bool, line: int = 1, column: int = 1):
        self.container = container if container is not None else []
        self.path = path
        self.mapping = mapping
        self.key = None  # the key whose value comes next (None: discard the value)
        self.key_path = None  # path + (key,), or None when the value is discarded
        self.want_key = True
        self.line, self.column = line, column


def compose_into(text: str, result: LoadResult) -> None:
    """Build plain data (dict, list, str, int, None) from YAML events, recording positions.

    Every node's (line, column) goes into ``result.marks`` under its path, every mapping key's
    into ``result.key_marks``. A node the loader refuses (alias, tag, YAML 1.1 surprise) is
    reported once here and its path goes into ``result.reported``, so that the schema does not
    report the same node a second time. The value of a duplicate key, and any complex key, is
    read but discarded (its path is None: nothing is recorded for it).
    """
    from yaml import MarkedYAMLError, YAMLError
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    name = result.path
    problems, marks, key_marks, reported = result.problems, result.marks, result.key_marks, result.reported
    stack: list[_Frame] = []
    top = _Frame(None, (), False)  # the root: its one child is the document
    documents = 0

    def report(line, column, rule, message, fix=None, path=None):
        problems.append(Finding(name, line, column, rule, Severity.error, message, fix=fix))
        if path is not None:
            reported.add(path)

    def add_key(frame: _Frame, key, line, column) -> None:
        """A key that is refused (a duplicate, or not text): its value is read and discarded."""
        frame.want_key = False
        frame.key = frame.key_path = None
        if type(key) is str:
            first = key_marks.get(frame.path + (key,), (0, 0))[0] if frame.path is not None else 0
            report(line, column, "yaml-duplicate-key",
                   f"duplicate key '{_short(key)}' (first at line {first}); YAML keeps only one of them",
                   fix="remove or rename one of the two keys")
        else:
            what = "a number" if type(key) is int else "empty" if key is None else "a mapping or list"
            report(line, column, "yaml-complex-key", f"mapping keys must be plain text, not {what}",
                   fix="write the key as a plain word such as 'id:'")

    def check_node(event, line, column, path) -> None:
        if event.anchor is not None:
            report(line, column, "yaml-alias", f"anchor '&{_short(event.anchor)}': anchors and aliases "
                   "are not allowed in the registry", fix="remove the anchor", path=path)
        tag = event.tag
        if tag is not None and tag not in _ALLOWED_TAGS:
            report(line, column, "yaml-tag", f"tag '{_short(tag)}' is not allowed: nothing is constructed "
                   "from YAML tags", fix="remove the tag", path=path)

    loader = _loader_class()(text)
    get_event = loader.get_event
    frame = top
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent or cls is AliasEvent:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                # The path of this node: None for a key, or inside a discarded value.
                if frame.mapping:
                    path = None if frame.want_key else frame.key_path
                elif frame.path is not None:
                    path = frame.path + (len(frame.container),) if frame is not top else ()
                else:
                    path = None
                if path is not None:
                    marks[path] = (line, column)
                if cls is ScalarEvent:
                    value = event.value
                    if event.anchor is not None or event.tag is not None:
                        check_node(event, line, column, path)
                    if event.implicit[0] and not event.style:  # plain: resolve as the YAML 1.2 core schema
                        if value in _NULLS:
                            value = None
                        elif value[0] in _IMPLICIT_START:
                            if _DECIMAL.match(value):
                                value = int(value)
                            else:
                                found = _IMPLICIT.fullmatch(value)
                                if found is not None:
                                    report(line, column, "yaml-implicit-type",
                                           f"unquoted '{_short(value)}' is read by YAML 1.1 tools as "
                                           f"{_IMPLICIT_KINDS[found.lastgroup]}, not text",
                                           fix=f"quote it: \"{_short(value)}\"", path=path)
                    elif event.style == '"' and _has_surrogates(value):
                        report(line, column, "yaml-invalid-character",
                               "lone surrogate escape (e.g. \\ud800): not a character", path=path)
                        value = value.encode("utf-8", "replace").decode("utf-8")
                elif cls is AliasEvent:
                    report(line, column, "yaml-alias", f"alias '*{_short(event.anchor)}': anchors and aliases "
                           "are not allowed in the registry", fix="write the value out in full", path=path)
                    value = None
                else:
                    if len(stack) >= MAX_DEPTH:
                        report(line, column, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels")
                        result.fatal = True
                        return
                    if event.anchor is not None or event.tag is not None:
                        check_node(event, line, column, path)
                    mapping = cls is MappingStartEvent
                    stack.append(frame)
                    frame = _Frame({} if mapping else [], path, mapping, line, column)
                    continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                value, line, column = frame.container, frame.line, frame.column
                frame = stack.pop()
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    report(mark.line + 1, mark.column + 1, "yaml-multiple-documents",
                           "a second YAML document ('---'): the registry is one document",
                           fix="merge the documents or remove the '---' line")
                    break
                continue
            elif cls is StreamEndEvent:
                break
            else:
                continue
            # Put the finished node into its parent: a list item, a key, or a key's value.
            if not frame.mapping:
                frame.container.append(value)
            elif not frame.want_key:
                if frame.key is not None:
                    frame.container[frame.key] = value
                frame.want_key = True
            elif type(value) is str and value not in frame.container:  # a new key
                frame.key, frame.want_key = value, False
                if frame.path is not None:
                    frame.key_path = frame.path + (value,)
                    key_marks[frame.key_path] = (line, column)
            else:
                add_key(frame, value, line, column)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(exc.problem or "invalid YAML").split())
        context = f" ({' '.join(str(exc.context).split())})" if exc.context else ""
        report(line, column, "yaml-syntax", f"YAML syntax error: {problem}{context}")
        result.fatal = True
        return
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        line, column = _offset_position(text, position) if isinstance(position, int) else (1, 1)
        reason = getattr(exc, "reason", None) or " ".join(str(exc).split())
        report(line, column, "yaml-syntax", f"YAML error: {reason}")
        result.fatal = True
        return
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    root = top.container[0] if top.container else None
    if documents == 0 or root is None:
        report(1, 1, "schema-shape", "the registry is empty", fix="start from the example in README.md")
        result.fatal = True
        return
    if not isinstance(root, dict):
        report(1, 1, "schema-shape", f"the registry must be a mapping of sections ({', '.join(SECTIONS)}), "
               f"not {_type_name(root)}")
        result.fatal = True
        return
    result.marks.setdefault((), (1, 1))
    result.data = root


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _short(value: Any, limit: int = 60) -> str:
    from claimcheck.text import one_line

    return one_line(str(value), limit)


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", int: "a number"}.get(type(value), "empty")


def close_match(word: str, choices) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{found[0]}'?" if found else ""


def walk_entries(result: LoadResult, section: str) -> Iterator[tuple[int, Any]]:
    items = result.data.get(section) if isinstance(result.data, dict) else None
    if isinstance(items, list):
        yield from enumerate(items)


def document_path(root: str, relative: str) -> str:
    """The file of a registered document, which must resolve inside the registry's folder.

    Raises ``InputError`` for absolute paths, ``~``, URLs, control characters, and paths that
    leave the folder (``../``, or a symlink pointing out of it, or a symlink loop).
    """
    if any(c in relative for c in "\x00\n\r"):
        raise InputError("path contains a NUL byte or a line break")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", relative):
        raise InputError("path is a URL; documents are local files relative to the registry")
    if relative.startswith("~"):
        raise InputError("path starts with '~'; write it relative to the registry's folder")
    if os.path.isabs(relative) or re.match(r"^[A-Za-z]:[\\/]", relative):
        raise InputError("path is absolute; write it relative to the registry's folder")
    base = os.path.realpath(root)
    try:
        target = os.path.realpath(os.path.join(base, relative), strict=True)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except (OSError, RuntimeError) as exc:
        raise InputError(f"cannot resolve path ({getattr(exc, 'strerror', None) or 'symlink loop'})") from None
    if os.path.commonpath([base, target]) != base:
        raise InputError("path resolves outside the registry's folder")
    return target
