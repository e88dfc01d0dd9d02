"""``claims.yaml`` -> typed registry, with the line and column of every node.

The YAML is read as an event stream (libyaml's C parser when present, which is iterative and
fast) and composed here, so that nothing is ever constructed from a tag, aliases and anchors
are refused, duplicate keys are seen, nesting depth is bounded, and plain scalars keep their
text instead of YAML 1.1's surprises (``no`` -> False, ``010`` -> 8, dates). Every problem
becomes a ``Finding`` at the offending node; the loader never raises on bad content.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import os
import re
from typing import Any

from claimcheck.memory import check as check_memory
from claimcheck.model import Finding, Severity
from claimcheck.registry_file import SECTIONS, LoadResult, close_match  # noqa: F401 (close_match: re-exported)
from claimcheck.registry_file import mark_position as _mark_position
from claimcheck.registry_file import packed as _packed
from claimcheck.registry_file import short as _short
from claimcheck.text import MAX_REGISTRY_BYTES, InputError, decode, read_bytes

REGISTRY_FILENAME = "claims.yaml"
MAX_DEPTH = 64

_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_ALLOWED_TAGS = {"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


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
    return printable_path(path if rel.startswith("..") else rel)


def printable_path(shown: str) -> str:
    """A path as given, with undecodable bytes (surrogate escapes) shown as ``\\xNN``."""
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
                    f"registry: {exc.message}", fix="give the path of the registry, a UTF-8 text file")
        )
        result.fatal = True
        return result
    from claimcheck.schema import build_registry

    with collector_paused():
        compose_into(text, result)
        if not result.fatal:
            _comments_in_values(text, result)
            build_registry(result, os.path.dirname(os.path.abspath(path)))
    return result


def _comments_in_values(text: str, result: LoadResult) -> None:
    """A warning where ' #' cut a prose value short (YAML reads the rest as a comment)."""
    from claimcheck.yaml_hints import comment_in_values, quoted

    for line, column, key, value, comment in comment_in_values(text):
        result.problems.append(Finding(
            result.path, line, column, "yaml-comment-in-value", Severity.warning,
            f"'{key}' is read as {quoted(_short(value))}: ' #{_short(comment, 40)}' after it is a YAML comment",
            fix=f"quote the whole value if the '#' belongs to it: {key}: {quoted(_short(value + ' #' + comment, 200))}"))


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
            if gc.get_freeze_count() == 0:
                # What was built is long-lived: move it straight to the oldest generation, or
                # the next young collections would each walk all of it once more.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# --- composing ---------------------------------------------------------------------------


def _loader_class():
    """libyaml's C parser when PyYAML was built with it, else the pure-Python one.

    Both report the same line and column for every event (tests/test_lint_rules.py checks it);
    the C parser is about ten times faster, which is what keeps a 10,000-claim lint under 2 s.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


# Plain scalars that other YAML tools do not read as text. Their values stay text here, and
# each is reported (yaml-implicit-type): quoting it makes every tool agree.
_IMPLICIT_KINDS = {  # group name -> (what they read, which tools)
    "bool": ("a boolean", "YAML 1.1"), "null": ("null", "YAML 1.1"), "int": ("a number", "YAML 1.1"),
    "float": ("a number", "YAML 1.1"), "date": ("a date", "YAML 1.1"),
}
_IMPLICIT = re.compile("|".join((
    r"(?P<bool>y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)",
    r"(?P<null>~|null|Null|NULL)",
    r"(?P<int>[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)",
    r"(?P<float>[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))",
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)",
)))
_IMPLICIT_START = frozenset("0123456789+-.yYnNtTfFoO")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Frame:
    """A mapping or list being composed; ``path`` is None inside a discarded value."""

    __slots__ = ("container", "path", "mapping", "key", "key_path", "want_key", "mark")

    def __init__(self, container, path, mapping: bool, mark):
        self.container = container if container is not None else []
        self.path = path
        self.mapping = mapping
        self.key = None  # the key whose value comes next (None: discard the value)
        self.key_path = None  # path + (key,), or None when the value is discarded
        self.want_key = True
        self.mark = mark  # where it starts


class _OffsetMark:
    """A position known by its character offset only (as a parser's mark would have it)."""

    __slots__ = ("index", "line", "column")

    def __init__(self, text: str, offset: int, mark=None, at=None):
        self.index = offset
        if mark is not None and at is None:  # shift a parser mark on its own line
            self.line, self.column = mark.line, max(0, mark.column - (mark.index - offset))
        else:
            line, column = _offset_position(text, offset)
            self.line, self.column = line - 1, column - 1


def compose_into(text: str, result: LoadResult) -> None:
    """Build plain data (dict, list, str, int, None) from YAML events, recording positions.

    Every node's start mark goes into ``result.marks`` under its path, every mapping key's into
    ``result.key_marks`` (``result.position`` turns them into 1-based line and column). A node
    the loader refuses (alias, tag, YAML 1.1 surprise) is reported once here and its path goes
    into ``result.reported``, so that the schema does not report the same node a second time.
    The value of a duplicate key, and any complex key, is read but discarded (its path is None:
    nothing is recorded for it).
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
    top = _Frame(None, (), False, None)  # the root: its one child is the document
    documents = 0
    # YAML also breaks lines at NEL, U+2028 and U+2029; editors (and documents' positions) do
    # not. When the file has one, positions are computed from offsets instead.
    ascii_only = text.isascii()
    at = _Lines(text).position if not ascii_only and _YAML_ONLY_BREAKS.search(text) else None
    result.offset_position = at

    def report(mark, rule, message, fix=None, path=None):
        line, column = _mark_position(mark, at)
        problems.append(Finding(name, line, column, rule, Severity.error, message, fix=fix))
        if path is not None:
            reported.add(path)

    def add_key(frame: _Frame, key, mark) -> None:
        """A key that is refused (a duplicate, or not text): its value is read and discarded."""
        frame.want_key = False
        frame.key = frame.key_path = None
        if type(key) is str:
            first = key_marks.get(frame.path + (key,)) if frame.path is not None else None
            first_line = _mark_position(first, at)[0] if first is not None else 0
            report(mark, "yaml-duplicate-key",
                   f"duplicate key '{_short(key)}' (first at line {first_line}); YAML keeps only one of them",
                   fix="remove or rename one of the two keys")
        else:
            what = "a number" if type(key) is int else "empty" if key is None else "a mapping or list"
            report(mark, "yaml-complex-key", f"mapping keys must be plain text, not {what}",
                   fix="write the key as a plain word such as 'id:'")

    def check_node(event, path) -> None:
        if event.anchor is not None:
            report(event.start_mark, "yaml-alias", f"anchor '&{_short(event.anchor)}': anchors and aliases "
                   "are not allowed in the registry", fix="remove the anchor", path=path)
        tag = event.tag
        if tag is not None and tag not in _ALLOWED_TAGS:
            report(event.start_mark, "yaml-tag", f"tag '{_short(tag)}' is not allowed: nothing is constructed "
                   "from YAML tags", fix="remove the tag", path=path)

    bad = None
    if not ascii_only or text.encode("ascii").translate(None, _PRINTABLE_ASCII):  # fast path: bytes left over
        bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        char = bad.group()
        report(_OffsetMark(text, bad.start()), "yaml-invalid-character",
               f"character U+{ord(char):04X} is not allowed in YAML (a control or non-character code point)",
               fix=f"remove it, or write it as an escape inside double quotes: \\u{ord(char):04x}")
        result.fatal = True
        return
    loader = None
    frame = top
    consumed = 0  # where the last event the composer took ends (the parser may have read ahead)
    nodes = 0
    try:
        loader = _loader_class()(text)  # the pure-Python reader checks the characters here
        get_event = loader.get_event
        while True:
            event = get_event()
            consumed = event.end_mark.index
            cls = event.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent or cls is AliasEvent:
                nodes += 1
                if not nodes & 1023:
                    check_memory()
                mark = event.start_mark
                # The path of this node: None for a key, or inside a discarded value.
                if frame.mapping:
                    path = None if frame.want_key else frame.key_path
                elif frame.path is not None:
                    path = frame.path + (len(frame.container),) if frame is not top else ()
                else:
                    path = None
                if path is not None:
                    marks[path] = _packed(mark, at)
                if cls is ScalarEvent:
                    value = event.value
                    if event.anchor is not None or event.tag is not None:
                        check_node(event, path)
                    if event.implicit[0] and not event.style:  # plain: resolve as the YAML 1.2 core schema
                        if value in _NULLS:
                            value = None
                        elif value[0] in _IMPLICIT_START:
                            if len(value) <= 18 and _DECIMAL.match(value):  # longer: flagged below
                                value = int(value)
                            else:
                                found = _IMPLICIT.fullmatch(value)
                                if found is not None:
                                    what, tools = _IMPLICIT_KINDS[found.lastgroup]
                                    report(mark, "yaml-implicit-type",
                                           f"unquoted '{_short(value)}' is read by {tools} tools as {what}, not text",
                                           fix=f"quote it: \"{_short(value)}\"", path=path)
                    elif event.style == '"' and _has_surrogates(value):
                        # Only the pure-Python parser gets here; libyaml refuses the escape itself.
                        # Report it where libyaml does (at the escape), and stop as it does.
                        marks.pop(path, None)  # as if the parser had stopped before this scalar
                        offset = _surrogate_escape(text, mark.index, event.end_mark.index)
                        report(_OffsetMark(text, offset), "yaml-invalid-character", _BAD_ESCAPE, fix=_BAD_ESCAPE_FIX)
                        result.fatal = True
                        return
                elif cls is AliasEvent:
                    report(mark, "yaml-alias", f"alias '*{_short(event.anchor)}': anchors and aliases "
                           "are not allowed in the registry", fix="write the value out in full", path=path)
                    value = None
                else:
                    if len(stack) >= MAX_DEPTH:
                        report(mark, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                               fix="a registry needs at most 8 levels: check the indentation")
                        result.fatal = True
                        return
                    if event.anchor is not None or event.tag is not None:
                        check_node(event, path)
                    mapping = cls is MappingStartEvent
                    stack.append(frame)
                    frame = _Frame({} if mapping else [], path, mapping, mark)
                    continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                value, mark = frame.container, frame.mark
                frame = stack.pop()
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    report(event.start_mark, "yaml-multiple-documents",
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
                    key_marks[frame.key_path] = _packed(mark, at)
            else:
                add_key(frame, value, mark)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark or _OffsetMark(text, 0)
        problem = " ".join(str(exc.problem or "invalid YAML").split())
        if "nesting depth" in problem:
            # The parser's own limit (libyaml 0.2.6+: 1,000 flow levels) was reached while it read
            # ahead of the composer, before this limit could be checked: find where it is reached.
            offset = _too_deep_offset(text, consumed, mark.index, len(stack))
            where = _OffsetMark(text, offset) if offset is not None else mark
            report(where, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        elif problem.startswith("found invalid Unicode character escape"):  # libyaml marks the digits
            report(_OffsetMark(text, max(0, mark.index - 2), mark, at), "yaml-invalid-character", _BAD_ESCAPE,
                   fix=_BAD_ESCAPE_FIX)
        else:
            context = f" ({' '.join(str(exc.context).split())})" if exc.context else ""
            report(*_with_hint(text, mark, exc.context_mark, problem, context, at))
        result.fatal = True
        return
    except ValueError:  # the pure-Python scanner's chr() on an escape beyond U+10FFFF
        if not hasattr(loader, "get_mark"):  # not the pure-Python parser: a bug, not the input
            raise
        mark = loader.get_mark()  # type: ignore[union-attr]
        offset = max(0, mark.index - 2) if mark is not None else 0  # the mark is at the escape's digits
        report(_OffsetMark(text, offset), "yaml-invalid-character", _BAD_ESCAPE, fix=_BAD_ESCAPE_FIX)
        result.fatal = True
        return
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        reason = getattr(exc, "reason", None) or " ".join(str(exc).split())
        offset = position if isinstance(position, int) else 0
        report(_OffsetMark(text, offset), "yaml-syntax", f"YAML error: {reason}",
               fix="save the file as UTF-8 text")
        result.fatal = True
        return
    finally:
        if loader is not None:
            loader.dispose()
    root = top.container[0] if top.container else None
    if documents == 0 or root is None:
        report(_OffsetMark(text, 0), "schema-shape", "the registry is empty",
               fix="start from the template in docs/first-registry.md, or run 'claimcheck add DOCUMENT'")
        result.fatal = True
        return
    if not isinstance(root, dict):
        report(_OffsetMark(text, 0), "schema-shape",
               f"the registry must be a mapping of sections ({', '.join(SECTIONS)}), not {_type_name(root)}",
               fix="start from the template in docs/first-registry.md")
        result.fatal = True
        return
    result.data = root


def _too_deep_offset(text: str, start: int, end: int, depth: int) -> Optional[int]:
    """Where flow nesting first goes past ``MAX_DEPTH`` in ``text[start:end]``, or None.

    ``depth`` is the composer's depth at ``start``. Called only when the parser stopped on its own
    nesting limit, which it reaches while reading ahead through flow collections (``[`` and
    ``{``), so the window is flow context: brackets nest, quoted scalars and comments hide them,
    and a quote opens a scalar only where a token starts.
    """
    index, token_start = start, True
    while index < end:
        char = text[index]
        if char in "[{":
            if depth >= MAX_DEPTH:
                return index
            depth += 1
            token_start = True
        elif char in "]}":
            depth -= 1
            token_start = False
        elif char == "," or (char in ":?-" and text[index + 1:index + 2] in ("", " ", "\t", "\r", "\n")):
            token_start = True
        elif char in " \t\r\n":
            pass
        elif char == "#" and (index == start or text[index - 1] in " \t\r\n"):
            newline = text.find("\n", index)
            index = end if newline < 0 else newline
            continue
        elif token_start and char in "\"'":
            index = _quoted_end(text, index, end)
            token_start = False
            continue
        else:
            token_start = False
        index += 1
    return None


def _quoted_end(text: str, start: int, end: int) -> int:
    """The offset just past the quoted scalar that opens at ``start`` (or ``end``, unclosed)."""
    quote, index = text[start], start + 1
    while index < end:
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and index + 1 < end and text[index + 1] == "'":  # '' is an escaped quote
                index += 2
                continue
            return index + 1
        index += 1
    return end



def _with_hint(text: str, mark, context_mark, problem: str, context: str, at) -> tuple:
    """(mark, rule, message, fix) of a syntax error, with the cause a person needs (yaml_hints)."""
    from claimcheck.yaml_hints import syntax_hint

    line = _mark_position(mark, at)[0]
    opened = _mark_position(context_mark, at) if context_mark is not None else (None, None)
    hint = syntax_hint(text, problem, context, line, *opened)
    if hint is None:
        return (mark, "yaml-syntax", f"YAML syntax error: {problem}{context}",
                "check this line and the one above it; quote values that contain ': ', ' #', "
                "or start with one of - ? [ { * & ! | > ' \" %")
    if hint.line is not None:
        starts = _Lines(text)._starts
        mark = _OffsetMark(text, starts[hint.line - 1] + (hint.column or 1) - 1)
    return mark, "yaml-syntax", f"YAML syntax error: {hint.message} (the parser: {problem})", hint.fix


_BAD_ESCAPE_FIX = "write the character itself, or the escape of a real character (\\u00e9)"
_BAD_ESCAPE = ("escape for a code point that is not a character (a surrogate such as \\ud800, "
               "or beyond \\U0010FFFF)")
_ESCAPE = re.compile(r"\\(?:u([dD][89a-fA-F][0-9a-fA-F]{2})|U(0000[dD][89a-fA-F][0-9a-fA-F]{2})|.)", re.DOTALL)


def _surrogate_escape(text: str, start: int, end: int) -> int:
    """The offset of the first surrogate escape (its backslash) in a double-quoted scalar's source."""
    for found in _ESCAPE.finditer(text, start, end):
        if found.group(1) or found.group(2):
            return found.start()
    return start


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_PRINTABLE_ASCII = bytes([9, 10, 13, *range(0x20, 0x7F)])
# What YAML 1.1 (PyYAML, libyaml) refuses to read, found before parsing so that both parsers
# report it at the same place (libyaml would give a byte offset).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


class _Lines:
    """Character offsets to 1-based (line, column), lines ending at \\n, \\r\\n or \\r (as editors count)."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    return _Lines(text).position(offset)


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", int: "a number"}.get(type(value), "empty")


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
