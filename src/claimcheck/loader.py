"""``claims.yaml`` -> typed registry, with the line and column of every node.

The YAML is read as an event stream (libyaml's C parser when present, which is iterative and
fast) and composed here, so that nothing is ever constructed from a tag, aliases and anchors
are refused, duplicate keys are seen, nesting depth is bounded, and plain scalars keep their
text instead of YAML 1.1's surprises (``no`` -> False, ``010`` -> 8, dates). Every problem
becomes a ``Finding`` at the offending node; the loader never raises on bad content.
"""

from __future__ import annotations

import difflib
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
    """A path as a person would type it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


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
    compose_into(text, result)
    if result.fatal:
        return result
    from claimcheck.schema import build_registry

    build_registry(result, os.path.dirname(os.path.abspath(path)))
    return result


# --- composing ---------------------------------------------------------------------------


def _loader_class():
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def compose_into(text: str, result: LoadResult) -> None:
    """Build plain data (dict, list, str, int, None) from YAML events, recording positions."""
    import yaml

    stack: list[list] = []  # frames: [container, path, pending_key, skip_value]
    root: Any = None
    documents = 0

    def attach(value, mark_path_line_col) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            container.append(value)
            return
        if frame[2] is None:  # this value is a key
            key, line, column = value, *mark_path_line_col
            if not isinstance(key, str):
                result.problems.append(Finding(result.path, line, column, "yaml-complex-key", Severity.error,
                                               "mapping keys must be plain strings"))
                frame[2], frame[3] = "", True
                return
            if key in container:
                first = result.key_marks.get(path + (key,), (0, 0))[0]
                result.problems.append(Finding(
                    result.path, line, column, "yaml-duplicate-key", Severity.error,
                    f"duplicate key '{_short(key)}' (first at line {first}); YAML keeps only one of them",
                    fix="remove or rename one of the two keys"))
                frame[2], frame[3] = key, True
                return
            result.key_marks[path + (key,)] = (line, column)
            frame[2], frame[3] = key, False
            return
        key, skip = frame[2], frame[3]
        frame[2], frame[3] = None, False
        if not skip:
            container[key] = value

    def child_path() -> Path:
        if not stack:
            return ()
        container, path, pending = stack[-1][0], stack[-1][1], stack[-1][2]
        if isinstance(container, list):
            return path + (len(container),)
        return path + (pending,) if pending is not None else None  # None: a key is being read

    try:
        for event in yaml.parse(text, Loader=_loader_class()):
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    line, column = event.start_mark.line + 1, event.start_mark.column + 1
                    result.problems.append(Finding(result.path, line, column, "yaml-multiple-documents",
                                                   Severity.error,
                                                   "a second YAML document ('---'): the registry is one document",
                                                   fix="merge the documents or remove the '---' line"))
                    break
                continue
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            path = child_path()
            if kind == "AliasEvent":
                result.problems.append(Finding(result.path, line, column, "yaml-alias", Severity.error,
                                               f"alias '*{_short(event.anchor)}': anchors and aliases are not "
                                               "allowed in the registry", fix="write the value out in full"))
                attach(None, (line, column))
                continue
            if getattr(event, "anchor", None):
                result.problems.append(Finding(result.path, line, column, "yaml-alias", Severity.error,
                                               f"anchor '&{_short(event.anchor)}': anchors and aliases are not "
                                               "allowed in the registry", fix="remove the anchor"))
            tag = getattr(event, "tag", None)
            bad_tag = tag is not None and tag not in _ALLOWED_TAGS
            if bad_tag:
                result.problems.append(Finding(result.path, line, column, "yaml-tag", Severity.error,
                                               f"tag '{_short(tag)}' is not allowed: nothing is constructed from "
                                               "YAML tags", fix="remove the tag"))
            if kind == "ScalarEvent":
                value = None if bad_tag else _scalar(event, path, line, column, result)
                if path is not None:
                    result.marks[path] = (line, column)
                attach(value, (line, column))
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                if len(stack) >= MAX_DEPTH:
                    result.problems.append(Finding(result.path, line, column, "yaml-too-deep", Severity.error,
                                                   f"nesting deeper than {MAX_DEPTH} levels"))
                    result.fatal = True
                    return
                container = {} if kind == "MappingStartEvent" else []
                if path is None:  # a mapping or sequence used as a key
                    result.problems.append(Finding(result.path, line, column, "yaml-complex-key", Severity.error,
                                                   "mapping keys must be plain strings"))
                    stack[-1][2], stack[-1][3] = "", True
                    path = stack[-1][1] + ("",)
                else:
                    result.marks[path] = (line, column)
                stack.append([container, path, None, False])
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                container = stack.pop()[0]
                attach(container, (line, column))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(exc.problem or "invalid YAML").split())
        context = f" ({' '.join(str(exc.context).split())})" if exc.context else ""
        result.problems.append(Finding(result.path, line, column, "yaml-syntax", Severity.error,
                                       f"YAML syntax error: {problem}{context}"))
        result.fatal = True
        return
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line, column = _offset_position(text, position) if isinstance(position, int) else (1, 1)
        reason = getattr(exc, "reason", None) or " ".join(str(exc).split())
        result.problems.append(Finding(result.path, line, column, "yaml-syntax", Severity.error,
                                       f"YAML error: {reason}"))
        result.fatal = True
        return
    if documents == 0 or root is None:
        result.problems.append(Finding(result.path, 1, 1, "schema-shape", Severity.error,
                                       "the registry is empty", fix="start from the example in README.md"))
        result.fatal = True
        return
    if not isinstance(root, dict):
        result.problems.append(Finding(result.path, 1, 1, "schema-shape", Severity.error,
                                       f"the registry must be a mapping of sections ({', '.join(SECTIONS)}), "
                                       f"not {_type_name(root)}"))
        result.fatal = True
        return
    result.marks.setdefault((), (1, 1))
    result.data = root


def _scalar(event, path, line, column, result: LoadResult):
    value = event.value
    if _has_surrogates(value):
        result.problems.append(Finding(result.path, line, column, "yaml-invalid-character", Severity.error,
                                       "lone surrogate escape (e.g. \\ud800): not a character"))
        value = value.encode("utf-8", "replace").decode("utf-8")
    plain = event.implicit[0] and not event.style
    if not plain:
        return value
    if value == "" or value in ("~", "null", "Null", "NULL"):
        return None
    if _DECIMAL.match(value):
        return int(value)
    if value[0] in "0123456789+-.yYnNtTfFoO" or value == "<<":
        for what, pattern in _YAML11_IMPLICIT:
            if pattern.match(value):
                result.problems.append(Finding(
                    result.path, line, column, "yaml-implicit-type", Severity.error,
                    f"unquoted '{_short(value)}' is read by YAML 1.1 tools as {what}, not text",
                    fix=f"quote it: \"{_short(value)}\""))
                break
    return value


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
