"""Adding entries to ``claims.yaml`` in place: new lines go in, nothing else of the file moves.

The top of the registry's three layers (see registry_file.py): it reads positions from a
``LoadResult`` and inserts text at the end of a block list (a section, or a claim's
``appearances``), in the indentation that list already uses. Comments, key order, quoting and
blank lines are untouched because the rest of the file is never re-emitted: the result is
the old text with whole lines added (a round-trip through a YAML library would re-indent and
re-wrap a hand-written file). Before anything is written, the new text is composed again and
must hold exactly the old data plus the added entries; otherwise nothing is written.

Values are written plain when they are simple ids or paths, and double-quoted otherwise
(JSON's string escapes are YAML's), so no text can turn into a key, a comment or a number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Optional

from claimcheck.registry_file import LoadResult, mark_position

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9._/-]*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML does not allow raw in a scalar, or reads as line breaks: written as escapes.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# What a comment cannot hold (YAML refuses it anywhere): shown as U+FFFD.
_COMMENT_UNSAFE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
INDENT = 2


class WriteError(Exception):
    """The registry cannot be edited in place (a flow-style list, a broken file); nothing was written."""


@dataclass
class Entry:
    """A mapping to add to a list, with an optional comment line written above it."""

    data: dict
    comment: Optional[str] = None


@dataclass
class Addition:
    """Entries to append to the list at ``path``: ("documents",), ("claims",) or
    ("claims", index, "appearances"). A top-level section that does not exist is created."""

    path: tuple
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Inserted:
    """Where lines went in (0-based line of the old text they precede) and what they are."""

    before_line: int
    text: str


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar that every YAML reader reads back as the same text or number."""
    if isinstance(value, bool) or value is None:
        raise TypeError("booleans and nulls are not registry values")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text not in _YAML11_WORDS and not _looks_numeric(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _looks_numeric(text: str) -> bool:
    from claimcheck.loader import _IMPLICIT

    return _IMPLICIT.fullmatch(text) is not None


def render_item(entry: Entry, dash: int, content: int, newline: str = "\n") -> str:
    """One list item: its comment line, then ``- key: value`` lines at the given columns."""
    out = []
    if entry.comment:
        out.append(" " * dash + "# " + _COMMENT_UNSAFE.sub("\ufffd", " ".join(entry.comment.split())))
    lines = _mapping_lines(entry.data, content)
    first = lines[0][content:]
    out.append(" " * dash + "-" + " " * (content - dash - 1) + first)
    out.extend(lines[1:])
    return "".join(line + newline for line in out)


def _mapping_lines(data: dict, column: int) -> list[str]:
    lines = []
    pad = " " * column
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{pad}{key}:")
            for item in value:
                nested = _mapping_lines(item, column + 2 * INDENT)
                lines.append(" " * (column + INDENT) + "-" + " " * (INDENT - 1) + nested[0][column + 2 * INDENT:])
                lines.extend(nested[1:])
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(scalar(v) for v in value)}]")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(_mapping_lines(value, column + INDENT))
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def apply(text: str, result: LoadResult, additions: list[Addition]) -> tuple[str, list[Inserted]]:
    """The registry text with ``additions`` inserted, and where each block went.

    Raises ``WriteError`` when the file cannot be edited in place, or when the edited text
    would not read back as the old data plus the additions.
    """
    if result.data is None or result.fatal:
        raise WriteError("the registry cannot be read; run 'claimcheck lint' first")
    if result.offset_position is not None:
        raise WriteError("the registry has line breaks other than \\n and \\r\\n (U+2028, U+2029 or NEL)")
    lines = _LINE.findall(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline  # so that lines can follow it; the check below compares data, not bytes
    inserts: dict[int, list[str]] = {}  # line index -> blocks to put before it
    replaced: dict[int, str] = {}  # a section line "claims: []" becomes "claims:"
    appended: list[str] = []  # new sections, at the end of the file
    section_dash = _section_dash(result)
    for addition in additions:
        if not addition.entries:
            continue
        where = _place(lines, result, addition.path, section_dash, replaced)
        if where is None:  # a new top-level section
            name = addition.path[0]
            block = f"{name}:{newline}" + "".join(
                render_item(e, section_dash, section_dash + INDENT, newline) for e in addition.entries)
            appended.append(block)
            continue
        line, dash, content = where
        block = "".join(render_item(e, dash, content, newline) for e in addition.entries)
        inserts.setdefault(line, []).append(block)
    out, inserted = [], []
    for index, line in enumerate(lines):
        for block in inserts.get(index, ()):
            inserted.append(Inserted(index, block))
            out.append(block)
        out.append(replaced.get(index, line))
    for block in inserts.get(len(lines), ()):
        inserted.append(Inserted(len(lines), block))
        out.append(block)
    for block in appended:
        inserted.append(Inserted(len(lines), block))
        out.append(block)
    new_text = "".join(out)
    _check(new_text, result, additions)
    return new_text, inserted


class _Mark(NamedTuple):
    line: int  # 0-based, as the parser counts
    column: int


def _mark(table: dict, path: tuple) -> Optional[_Mark]:
    """Where the loader saw ``path`` start (it keeps positions packed, 1-based), 0-based."""
    position = table.get(path)
    if position is None:
        return None
    line, column = mark_position(position, None)
    return _Mark(line - 1, column - 1)


def _section_dash(result: LoadResult) -> int:
    """The column of the dashes of the file's section lists (to write a new section alike)."""
    for name in ("claims", "documents", "sources", "flags"):
        mark = _mark(result.marks, (name,))
        if isinstance(result.data.get(name), list) and result.data.get(name) and mark is not None:
            return mark.column
    return INDENT


def _place(lines: list[str], result: LoadResult, path: tuple, section_dash: int,
           replaced: dict) -> Optional[tuple[int, int, int]]:
    """(line to insert before, dash column, content column) for appending to the list at ``path``;
    None for a top-level section that does not exist yet."""
    data = result.data
    parent = _at(data, path[:-1])
    if not isinstance(parent, dict):
        raise WriteError(f"'{_name(path[:-1])}' is not a mapping")
    if path[-1] not in parent:
        if len(path) == 1:
            return None
        raise WriteError(f"'{_name(path)}' does not exist")
    value = parent[path[-1]]
    mark = _mark(result.marks, path)
    if value is None or value == []:  # "documents:" or "documents: []": becomes a block list below its key
        key = _mark(result.key_marks, path)
        if key is None or mark is None:
            raise WriteError(f"cannot find '{_name(path)}' in the file")
        line = lines[key.line]
        if value == [] and (mark.line != key.line or not re.match(r"\[\s*\]", line[mark.column:])):
            raise WriteError(f"'{_name(path)}' is an empty flow list over several lines; write it as '{path[-1]}:'")
        if value == []:
            end = line[mark.column:].index("]") + mark.column + 1
            ending = line[len(line.rstrip("\r\n")):]
            rest = line[end:].rstrip("\r\n")
            replaced[key.line] = (line[:mark.column].rstrip() + rest).rstrip() + ending
        dash = key.column + (INDENT if len(path) > 1 or section_dash else 0)
        return key.line + 1, dash, dash + INDENT
    if not isinstance(value, list) or mark is None:
        raise WriteError(f"'{_name(path)}' is not a list")
    if lines[mark.line][mark.column:mark.column + 1] != "-":
        raise WriteError(f"'{_name(path)}' is a flow list [...]; write it as a block list (one '- ' item "
                         "per line) so that entries can be added to it")
    dash = mark.column
    first = _mark(result.marks, path + (0,))
    content = first.column if first is not None and first.line == mark.line else dash + INDENT
    last = _mark(result.marks, path + (len(value) - 1,))
    start = last.line if last is not None else mark.line
    end = start
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped:
            continue
        indent = len(lines[index]) - len(lines[index].lstrip(" "))
        if stripped.startswith("#"):
            if indent >= content:
                end = index
            continue
        if indent < content or stripped.startswith(("---", "...")) and indent == 0:
            break
        end = index
    return end + 1, dash, content


def _check(new_text: str, result: LoadResult, additions: list[Addition]) -> None:
    """The edited text must read back as the old data plus the additions, and nothing else.

    The additions are taken off the end of the lists they were appended to in what the new text
    reads as, and the rest compared with the old data: no copy of the old data is made, and no
    position is kept of what the new text reads as."""
    from claimcheck.loader import compose_into

    check = LoadResult(result.path, marks=_Unkept(), key_marks=_Unkept())  # positions: not needed here
    compose_into(new_text, check)
    if check.fatal or not _without_additions(check.data, result.data, additions) or check.data != result.data:
        first = next((p.message for p in check.problems), "the data differs")
        raise WriteError(f"the edited registry would not read back as intended ({first}); nothing was written")


_MISSING = object()


class _Unkept(dict):
    """A table of positions that keeps none (a registry at its limit has over a million nodes)."""

    def __setitem__(self, key, value) -> None:
        pass


def _without_additions(data: Any, old: Any, additions: list[Addition]) -> bool:
    """Take each addition's entries off the end of its list in ``data`` (the last addition
    first); False if they are not there. Where ``old`` had no list, none is left."""
    for addition in reversed(additions):
        if not addition.entries:
            continue
        try:
            parent = _at(data, addition.path[:-1])
            before = _at(old, addition.path[:-1]).get(addition.path[-1], _MISSING)
        except (KeyError, IndexError, TypeError, AttributeError):
            return False
        key = addition.path[-1]
        items = parent.get(key) if isinstance(parent, dict) else None
        count = len(addition.entries)
        if not isinstance(items, list) or len(items) < count or items[-count:] != [e.data for e in addition.entries]:
            return False
        del items[-count:]
        if not items and (before is None or before is _MISSING):
            if before is None:
                parent[key] = None
            else:
                del parent[key]
    return True


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _name(path: tuple) -> str:
    return ".".join(str(p) for p in path)
