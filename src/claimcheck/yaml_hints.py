"""What a person needs to fix a YAML mistake: the parser's error made into a hint.

PyYAML and libyaml say *what* went wrong where they noticed it ("mapping values are not
allowed in this context"); the usual causes in a registry are few: a ': ' or ' #' inside an
unquoted value, a tab, a quote that is never closed (noticed lines later), text after a
closing quote. ``syntax_hint`` names the cause and the fix; ``comment_in_values`` finds the
silent case, where ' #' cuts a value short without any syntax error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Optional

# `key: value` on one line, after an optional list dash; the value's first character decides its style.
_KEY_VALUE = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>\S.*?)[ \t]*$")
# Prose fields where ' #' most likely belongs to the text rather than starting a comment.
PROSE_FIELDS = ("title", "claim", "quote", "rationale", "correction", "description", "note", "publisher",
                "authors", "by", "publisher_type")
_COMMENTED = re.compile(
    r"^[ \t]*(?:-[ \t]+)?(?P<key>" + "|".join(PROSE_FIELDS) + r"):[ \t]+(?P<value>[^'\"|>\s#&*!\[{][^\n]*?)"
    r"[ \t]+#(?P<comment>[^\s#][^\n]*)$", re.MULTILINE)


def _candidates(text: str):
    """Offsets of ' #' and tab-'#' followed by a character that is neither space nor '#'
    ("# note", with a space, is a real comment). str.find is many times faster than a regex here."""
    for mark in (" #", "\t#"):
        position = text.find(mark)
        while position != -1:
            following = text[position + 2:position + 3]
            if following and not following.isspace() and following != "#":
                yield position
            position = text.find(mark, position + 2)


@dataclass(frozen=True)
class Hint:
    message: str  # what is wrong, in a person's words
    fix: Optional[str] = None
    line: Optional[int] = None  # 1-based; where to report instead of the parser's mark
    column: Optional[int] = None


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def syntax_hint(text: str, problem: str, context: str, problem_line: int, context_line: Optional[int],
                context_column: Optional[int] = None) -> Optional[Hint]:
    """A hint for a parser error at ``problem_line`` (1-based; ``context_line`` where the
    parser was when it started the construct it could not finish), or None."""
    lines = text.splitlines()
    line_text = lines[problem_line - 1] if 0 < problem_line <= len(lines) else ""
    if "quoted scalar" in context and "end of stream" in problem and context_line:
        return Hint(f"the quoted value opened at line {context_line}, column {context_column} is never closed",
                    "close it with the same quote character; inside double quotes write a quote as \\\"",
                    context_line, context_column)
    opened = _unclosed_quote(lines, (context_line or 1) - 1, problem_line - 1)
    if opened is not None:
        number, column, key = opened
        return Hint(f"the quoted value of '{key}' opened at line {number}, column {column} is not closed on "
                    f"that line, so what follows is read as part of it",
                    f"close the quote at the end of line {number}", number, column)
    if "tab" in problem or "'\\t'" in problem:
        return Hint("a tab character: YAML indents with spaces only",
                    "replace the tab with spaces (two per level, as in the rest of the file)")
    found = _KEY_VALUE.match(line_text)
    if "mapping values are not allowed" in problem and found and ": " in found.group("value") + " ":
        key, value = found.group("key"), found.group("value")
        return Hint(f"the value of '{key}' contains ': ', which YAML reads as the start of another key",
                    f"quote the value: {key}: {quoted(_strip_comment(value))}")
    if found and found.group("value")[0] in "\"'":
        key, value = found.group("key"), found.group("value")
        mark = value[0]
        if _closing(value, mark) not in (-1, len(value) - 1) and not _comment_only_after(value, mark):
            inner = value[1:-1] if value.endswith(mark) else value[1:]
            fix = (f"write quotes inside the value as \\\": {key}: {quoted(inner)}" if mark == '"'
                   else f"double a quote inside single quotes (''), or use double quotes: {key}: {quoted(inner)}")
            return Hint(f"text after the closing quote of '{key}' (a quote inside the value ends it early)", fix)
    if "block sequence entries are not allowed" in problem and found and found.group("value").startswith("- "):
        key = found.group("key")
        return Hint(f"the value of '{key}' starts with '- ', which YAML reads as a list item",
                    f"quote the value: {key}: {quoted(found.group('value'))}")
    if "flow" in context and context_line and 0 < context_line <= len(lines):
        opened_at = _KEY_VALUE.match(lines[context_line - 1])
        if opened_at and opened_at.group("value")[0] in "[{":
            key, value = opened_at.group("key"), opened_at.group("value")
            return Hint(f"the value of '{key}' starts with '{value[0]}', which opens a flow "
                        f"{'list' if value[0] == '[' else 'mapping'} that is not closed on its line",
                        f"if it is text, quote it: {key}: {quoted(_strip_comment(value))}; if it is a list, "
                        "close it with ']' on the same line", context_line, opened_at.start("value") + 1)
    if any(word in problem for word in ("expected '-' indicator", "expected <block end>", "expected key")):
        return Hint(f"the indentation of line {problem_line} does not match the lines above it",
                    "indent the fields of one entry to the same column, and the items of one list to the same column")
    return None


def _strip_comment(value: str) -> str:
    return re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip()


def _closing(value: str, mark: str) -> int:
    """Where the quoted scalar at the start of ``value`` closes (index of its closing mark), or -1."""
    i = 1
    while i < len(value):
        c = value[i]
        if mark == '"' and c == "\\":
            i += 2
            continue
        if c == mark:
            if mark == "'" and i + 1 < len(value) and value[i + 1] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _comment_only_after(value: str, mark: str) -> bool:
    rest = value[_closing(value, mark) + 1:]
    return rest.strip() == "" or bool(re.match(r"^[ \t]+#", rest))


def _unclosed_quote(lines: list[str], first: int, last: int) -> Optional[tuple[int, int, str]]:
    """(line, column, key) of the last quoted value in lines[first..last) that is not closed on its line."""
    found = None
    for index in range(max(0, first), min(last, len(lines))):
        match = _KEY_VALUE.match(lines[index])
        if match and match.group("value")[0] in "\"'" and _closing(match.group("value"), match.group("value")[0]) < 0:
            found = (index + 1, match.start("value") + 1, match.group("key"))
    return found


def comment_in_values(text: str):
    """(line, column, key, value, comment) for each prose value cut short by ' #'.

    ``title: Clinic #1 in town`` is the title "Clinic" and a comment: YAML says nothing,
    the registry holds a different text than its author wrote.
    """
    line_number, counted_to, last_line = 1, 0, -1
    for candidate in sorted(_candidates(text)):  # rare: only lines with ' #x' are looked at
        start = text.rfind("\n", 0, candidate) + 1
        if start == last_line:
            continue
        last_line = start
        end = text.find("\n", candidate)
        found = _COMMENTED.match(text, start, len(text) if end == -1 else end)
        if found is None:
            continue
        line_number += text.count("\n", counted_to, start)
        counted_to = start
        column = found.start("comment") - start  # the '#', 1-based
        yield line_number, column, found.group("key"), found.group("value").rstrip(), found.group("comment").strip()
