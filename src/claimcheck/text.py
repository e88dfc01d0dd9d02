"""Reading untrusted text files, normalising text for matching, and mapping offsets back.

Normalisation folds what differs between copies of the same sentence on the web (case,
curly quotes, dashes, non-breaking and repeated white space, soft hyphens, zero-width and
bidi control characters, NFD accents) while keeping a map from every normalised offset to
the original one, so that a match is always reported at the original line and column.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from claimcheck.normalisation import COMBINING, DOUBLE_QUOTE, INVISIBLE, QUOTE, one_to_one

# The memory contract (docs/safety.md): any command, on a registry and a document each at its
# limit, runs in 512 MiB of address space (tests/test_hostile_memory.py runs them under RLIMIT_AS).
# A line may be as long as the document; a larger file is refused before it is read.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_REGISTRY_BYTES = 8 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be used: one line for the user, with a position when known."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    @property
    def detail(self) -> str:
        """The message with its place in the file, when known."""
        return f"{self.message} (line {self.line}, column {self.column})" if self.line else self.message


def opening_failure(exc: OSError) -> Optional[str]:
    """The one-line reason for the errors every reader of a document reports alike (a local
    file here, a URL in claimcheck.corpus.remote), or None for another error."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return None


def read_bytes(path: str, limit: int) -> bytes:
    """Read a regular file without following it into devices, FIFOs or directories."""
    if "\x00" in path:
        raise InputError("path contains a NUL byte")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(opening_failure(exc) or f"cannot open: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is not a regular file (device, FIFO or socket)")
        if info.st_size > limit:
            raise InputError(f"is {info.st_size:,} bytes; the limit is {limit:,}")
        # one read of the whole file (and one more byte, to see the end) in the usual case
        first = os.read(fd, info.st_size + 1)
        if len(first) <= info.st_size:
            return first
        chunks = [first]
        size = len(first)
        if size > limit:
            raise InputError(f"is larger than the limit of {limit:,} bytes")
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise InputError(f"is larger than the limit of {limit:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def decode(data: bytes, *, allow_nul: bool = False) -> str:
    """UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is an error with its place."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("is not valid UTF-16 despite its byte-order mark") from None
        if not allow_nul and "\x00" in text:  # e.g. UTF-32, whose BOM starts like UTF-16's
            raise InputError("contains NUL characters: UTF-32 or a binary file, not text", 1, 1)
        return text
    if not allow_nul and b"\x00" in data:
        where = data.index(b"\x00")
        line, column = _byte_position(data, where)
        raise InputError("contains NUL bytes: a binary file, not text", line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8", line, column
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def read_text(path: str, limit: int = MAX_DOCUMENT_BYTES) -> str:
    return decode(read_bytes(path, limit))


# --- normalisation ---------------------------------------------------------------------

# The rules themselves (which characters count as the same) are claimcheck.normalisation's,
# from which the tolerant expressions over raw text are derived too.
_ONE_TO_ONE = one_to_one()
_TRANSLATE = str.maketrans(_ONE_TO_ONE)
_INVISIBLE = INVISIBLE
_COMBINING = COMBINING
_IRREGULAR = re.compile(rf"[ {_INVISIBLE}]{{2,}}|[{_INVISIBLE}]|.[{_COMBINING}]+", re.DOTALL)
# Speed (same result): str.translate looks every character up in a dict once the text is not
# pure ASCII (~10 MB/s); replacing only the characters present is ~20x faster. No replacement
# is itself a key, so the order of the replacements does not matter.
_FOLDS_ASCII = tuple((chr(k), v) for k, v in _ONE_TO_ONE.items() if k < 128)
_FOLDS = tuple((chr(k), v) for k, v in _ONE_TO_ONE.items())
# Without invisible or combining characters, _IRREGULAR only ever matches runs of spaces.
_SPECIAL = re.compile(f"[{_INVISIBLE}{_COMBINING}]")
_SPACE_RUNS = re.compile(" {2,}")


def _space_runs(folded: str) -> Iterator[tuple[int, int]]:
    """Spans of ``_SPACE_RUNS`` (two or more spaces), found with str.find: the regex engine
    stops at every single space of the text, find only where two stand together."""
    size = len(folded)
    start = folded.find("  ")
    while start != -1:
        end = start + 2
        while end < size and folded[end] == " ":
            end += 1
        yield start, end
        start = folded.find("  ", end)


def _fold(text: str) -> str:
    """``text.translate(_TRANSLATE)``, faster."""
    for char, replacement in _FOLDS_ASCII if text.isascii() else _FOLDS:
        if char in text:
            text = text.replace(char, replacement)
    return text


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is the normalised form; offsets in it map back into ``original``."""

    original: str
    text: str
    # Segment starts: a sorted list of normalised offsets where the mapping changes, with
    # the original offset at each, and whether the segment is copied one-to-one.
    _norm_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]
    _orig_ends: tuple[int, ...]
    _identity: tuple[bool, ...]

    def original_start(self, pos: int) -> int:
        if not self._norm_starts:
            return pos
        i = bisect.bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        if self._identity[i]:
            return self._orig_starts[i] + (pos - self._norm_starts[i])
        return self._orig_starts[i]

    def normalised_offset(self, pos: int) -> int:
        """The normalised offset of original offset ``pos`` (the start of a folded run)."""
        if not self._norm_starts:
            return pos
        i = bisect.bisect_right(self._orig_starts, pos) - 1
        if i < 0:
            return pos
        if self._identity[i]:
            return self._norm_starts[i] + (pos - self._orig_starts[i])
        return self._norm_starts[i]

    def original_end(self, end: int) -> int:
        if end <= 0:
            return 0
        if not self._norm_starts:
            return end
        i = bisect.bisect_right(self._norm_starts, end - 1) - 1
        if i < 0:
            return end
        if self._identity[i]:
            return self._orig_starts[i] + (end - self._norm_starts[i])
        return self._orig_ends[i]


def normalise(text: str) -> str:
    """The normalised form alone (for registry quotes and patterns' examples)."""
    return normalise_with_map(text).text


def normalise_with_map(text: str) -> NormalisedText:
    folded = _fold(text).lower()
    ascii_only = folded.isascii()
    if ascii_only and "  " not in folded:
        return NormalisedText(text, folded, (), (), (), ())
    if ascii_only or not _SPECIAL.search(folded):
        runs: Iterable[tuple[int, int]] = _space_runs(folded)
    else:
        runs = (m.span() for m in _IRREGULAR.finditer(folded))
    parts: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    identity: list[bool] = []
    norm_pos = 0
    last = 0
    for start, end in runs:
        run = folded[start:end]
        if " " in run:
            replacement = " "
        elif unicodedata.combining(run[-1]):
            replacement = unicodedata.normalize("NFC", run)
        else:
            replacement = ""
        if replacement == run:
            continue
        if start > last:
            norm_starts.append(norm_pos)
            orig_starts.append(last)
            orig_ends.append(start)
            identity.append(True)
            parts.append(folded[last:start])
            norm_pos += start - last
        norm_starts.append(norm_pos)
        orig_starts.append(start)
        orig_ends.append(end)
        identity.append(False)
        parts.append(replacement)
        norm_pos += len(replacement)
        last = end
    if not norm_starts:
        return NormalisedText(text, folded, (), (), (), ())
    norm_starts.append(norm_pos)
    orig_starts.append(last)
    orig_ends.append(len(folded))
    identity.append(True)
    parts.append(folded[last:])
    return NormalisedText(
        text, "".join(parts), tuple(norm_starts), tuple(orig_starts), tuple(orig_ends), tuple(identity)
    )


# --- positions -------------------------------------------------------------------------


class LineIndex:
    """Offsets to 1-based (line, column); columns count Unicode code points."""

    def __init__(self, text: str):
        self._text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            starts = [0]
            find = self._text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        self.position(0)
        assert self._starts is not None
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r")


# --- sentences -------------------------------------------------------------------------

# Every quotation mark of the normalisation rules (straight, curly, low-9, guillemets), with
# the brackets: what may close a sentence after its full stop (He said "it works." / 'works.' /
# \u201cworks.\u201d), and open the next one. The closing marks belong to the sentence they close.
_QUOTES = re.escape("".join(QUOTE + DOUBLE_QUOTE))
_CLOSING = rf"[{_QUOTES})\]]"
_OPENING = rf"[{_QUOTES}(\[]"
_SENTENCE_END = re.compile(
    rf"(?<=[.!?]){_CLOSING}*\s+(?={_OPENING}?[A-Z0-9\u2022])"
    r"|\n[ \t\r]*\n\s*|\n(?=[ \t]*[\u2022*\-][ \t])|(?<=:)[ \t\r]*\n"
)
# The same boundaries, found ~5x faster: every match now begins by consuming the character
# that the boundary follows (. ! ? :) or starts with (a newline), which lets the regex engine
# skip straight to those characters; a boundary then starts after a consumed . ! ? and the
# closing marks after it (group ``close``), or one character after a consumed :. The colon
# branch steps aside where a blank line or a list item starts at the newline, as the
# original's branch order did. tests/test_speedups.py checks both agree.
_SENTENCE_END_FAST = re.compile(
    r"[.!?:\n](?:"
    rf"(?<=[.!?])(?P<close>{_CLOSING}*)\s+(?={_OPENING}?[A-Z0-9\u2022])"
    r"|(?<=\n)[ \t\r]*\n\s*|(?<=\n)(?=[ \t]*[\u2022*\-][ \t])"
    r"|(?<=:)(?!\n[ \t\r]*\n|\n[ \t]*[\u2022*\-][ \t])[ \t\r]*\n)"
)


def _boundary(text: str, m: re.Match) -> int:
    """Where the sentence before a match of ``_SENTENCE_END_FAST`` ends."""
    if m.start("close") >= 0:
        return m.end("close")
    return m.start() if text[m.start()] == "\n" else m.start() + 1


def sentence_spans(text: str, lines: bool = False) -> list[tuple[int, int]]:
    """Sentence-like spans (start, end) of ``text``: split at sentence ends and blank lines.

    Headings and list items count as sentences; leading and trailing space is excluded. With
    ``lines`` (plain text), a paragraph whose lines do not read as one wrapped text (see
    ``_line_per_sentence``) is split at every line break too.
    """
    spans = []
    start = 0
    for m in _SENTENCE_END_FAST.finditer(text):
        _append_span(text, start, _boundary(text, m), spans)
        start = m.end()
    _append_span(text, start, len(text), spans)
    if lines and _LOWER_LINE.search(text) and _line_per_sentence(text):
        spans = [piece for span in spans for piece in _split_lines(text, *span)]
    return spans


# A forum thread, a chat log or a list of posts puts one sentence on a line, often without a
# full stop, and the next may start in lower case ("quick update from me: week 2 done" /
# "the clinic said most people respond"); a paragraph wrapped to a width breaks lines anywhere,
# after "of", "the", "that" as often as after a noun. So: a paragraph none of whose lines ends
# with such a word, a comma or a hyphen is read one line per sentence.
_WRAP_END = re.compile(
    r"(?:[,;:(\-\u2013\u2014/&]|\b(?:a|an|the|of|to|into|onto|for|with|by|from|and|or|nor|but|than|as|if|"
    r"because|whether|its|their|our|my|your|such|very|nearly|almost|per|via|whose|which))[ \t\r]*$",
    re.IGNORECASE)


TITLE_LENGTH = 40  # a line this short, without a full stop, is a title or a heading
_LOWER_LINE = re.compile(r"\n[ \t\r]*[a-z@\"'\u2018\u201c]")  # a line break only these lines may add


_WRAP_CHARS = frozenset(",;:(-\u2013\u2014/&")
_WRAP_WORDS = frozenset("a an the of to into onto for with by from and or nor but than as if because whether its their "
                        "our my your such very nearly almost per via whose which".split())
_LONGEST_WRAP_WORD = max(map(len, _WRAP_WORDS))


def _wrap_end(line: str) -> bool:
    """``_WRAP_END.search(line)``, looking only at the line's end: the regular expression tries
    every position of every line, and most of a paragraph's lines end in neither (about a third
    of the cost of splitting sentences on web text). tests/test_text.py checks that both agree."""
    stripped = line.rstrip(" \t\r")
    if not stripped:
        return False
    if stripped[-1] in _WRAP_CHARS:
        return True
    # the word the line ends with: a run of \w (letters, digits, _), whole (\b before it)
    start = len(stripped)
    while start > 0 and len(stripped) - start <= _LONGEST_WRAP_WORD and (stripped[start - 1].isalnum() or
                                                                          stripped[start - 1] == "_"):
        start -= 1
    word = stripped[start:]
    if not word or len(word) > _LONGEST_WRAP_WORD or (start > 0 and (stripped[start - 1].isalnum() or
                                                                    stripped[start - 1] == "_")):
        return False
    if not word.isascii():  # case-insensitive matching folds a few letters lower() does not (the long s)
        return _WRAP_END.search(line) is not None
    return word.lower() in _WRAP_WORDS


def _line_per_sentence(text: str) -> bool:
    """Do the lines of this paragraph (a block between blank lines) read one sentence each?"""
    lines = text.rstrip().split("\n")
    return len(lines) > 1 and not any(_wrap_end(line) for line in lines[:-1])


def _split_lines(text: str, start: int, end: int):
    """The span [start, end) cut at each line break before a line that starts in lower case or
    with a mention or a quote (capitalised lines are split already: ``_append_wrapped``), after
    a line that starts in lower case or with a mention, or a title."""
    position = start
    newline = text.find("\n", start, end)
    while newline != -1:
        rest = text[newline + 1:end].lstrip(" \t\r")
        line = text[text.rfind("\n", 0, newline) + 1:newline].strip()
        # ... after a line that is a post of its own (lower case, a mention) or a title, not
        # after a capitalised sentence that goes on ("It was approved in 2019, and it\nworks")
        if rest and (rest[0].islower() or rest[0] in "@\"'\u2018\u201c") and line and \
                (line[0].islower() or line[0] == "@" or len(line) <= TITLE_LENGTH):
            piece: list[tuple[int, int]] = []
            _trim(text, position, newline, piece)
            yield from piece
            position = newline + 1
        newline = text.find("\n", newline + 1, end)
    last: list[tuple[int, int]] = []
    _trim(text, position, end, last)
    yield from last


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")


class Sentences:
    """The sentence spans of a normalised text, as offsets in it, found one paragraph at a time
    and only where asked: an audit needs the sentences around its matches, not every sentence
    of every document. Paragraphs (split at blank lines, which always end a sentence) give the
    same spans as ``sentence_spans`` over the whole text; ``all()`` gives every span."""

    def __init__(self, norm: NormalisedText, breaks: Iterable[int] = (), lines: bool = False):
        """``breaks``: original offsets where a block starts (a Markdown heading, list item or
        table cell), which no sentence crosses, as if a blank line stood there. ``lines``: plain
        text, whose paragraphs may hold one sentence per line (``sentence_spans``)."""
        self._norm = norm
        self._lines = lines
        original = norm.original
        starts, ends = [0], []
        gaps: Iterable[tuple[int, int]] = ((m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(original))
        if breaks:
            gaps = sorted([*gaps, *((b, b) for b in breaks if 0 < b < len(original))], key=lambda g: (g[1], g[0]))
        for end, start in gaps:
            if start <= starts[-1]:
                continue
            ends.append(max(end, starts[-1]))
            starts.append(start)
        ends.append(len(original))
        self._block_starts = starts
        self._block_ends = ends
        self._norm_block_starts = [norm.normalised_offset(start) for start in starts]
        self._blocks: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def _block(self, i: int) -> tuple[list[tuple[int, int]], list[int]]:
        found = self._blocks.get(i)
        if found is None:
            norm = self._norm
            first = self._block_starts[i]
            spans = []
            for start, end in sentence_spans(norm.original[first:self._block_ends[i]], self._lines):
                a, b = norm.normalised_offset(first + start), norm.normalised_offset(first + end)
                if b > a:
                    spans.append((a, b))
            found = self._blocks[i] = (spans, [a for a, _ in spans])
        return found

    def all(self) -> list[tuple[int, int]]:
        return [span for i in range(len(self._block_starts)) for span in self._block(i)[0]]

    def block_of(self, offset: int) -> int:
        """The paragraph that holds normalised ``offset`` (-1 before the first)."""
        return bisect.bisect_right(self._norm_block_starts, offset) - 1

    def block_range(self, block: int) -> tuple[int, int]:
        """Normalised offsets that hold the paragraph (its sentences lie within them)."""
        starts = self._norm_block_starts
        end = starts[block + 1] if block + 1 < len(starts) else len(self._norm.text)
        return starts[block], end

    def span(self, offset: int) -> tuple[int, int]:
        """The last sentence that starts at or before normalised ``offset`` ((offset, offset) if none)."""
        i = self.block_of(offset)
        while i >= 0:
            spans, starts = self._block(i)
            j = bisect.bisect_right(starts, offset) - 1
            if j >= 0:
                return spans[j]
            i -= 1
        return (offset, offset)

    def start(self, offset: int) -> int:
        return self.span(offset)[0]

    def around(self, offset: int, before: int = 2, after: int = 2) -> tuple[list, list]:
        """Up to ``before`` sentence spans before the sentence at ``offset`` (nearest first) and
        ``after`` spans after it, across paragraphs (a heading is a paragraph of its own)."""
        i = self.block_of(offset)
        spans, starts = self._block(i) if i >= 0 else ([], [])
        j = bisect.bisect_right(starts, offset) - 1
        earlier = list(reversed(spans[max(0, j - before):max(0, j)]))
        later = spans[j + 1:j + 1 + after]
        last = len(self._block_starts) - 1
        k = i - 1
        while len(earlier) < before and k >= 0 and k >= i - 4:
            earlier.extend(reversed(self._block(k)[0][-(before - len(earlier)):]))
            k -= 1
        k = i + 1
        while len(later) < after and k <= last and k <= i + 4:
            later.extend(self._block(k)[0][:after - len(later)])
            k += 1
        return earlier, later

    def passage(self, offset: int, reach: int = 6) -> tuple[list, list]:
        """The passage of the sentence at ``offset``: up to ``reach`` sentence spans before it in its
        paragraph (nearest first), and up to ``reach`` after it in its paragraph and, when it ends
        its paragraph, in the next one (a heading, a list item or a table cell is a paragraph of its
        own). A reply further down a thread, after other sentences of its own paragraph, is not its
        passage."""
        i = self.block_of(offset)
        if i < 0:
            return [], []
        spans, starts = self._block(i)
        j = bisect.bisect_right(starts, offset) - 1
        earlier = list(reversed(spans[max(0, j - reach):max(0, j)]))
        later = spans[j + 1:j + 1 + reach]
        if not later and i + 1 < len(self._block_starts):
            later = self._block(i + 1)[0][:reach]
        return earlier, later


class SpanList:
    """``Sentences``' lookups over spans already known (tests, callers with their own spans)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self._spans = list(spans)
        self._starts = [a for a, _ in self._spans]

    def all(self) -> list[tuple[int, int]]:
        return self._spans

    def block_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) - 1

    def block_range(self, block: int) -> tuple[int, int]:
        return self._spans[block]

    def span(self, offset: int) -> tuple[int, int]:
        j = bisect.bisect_right(self._starts, offset) - 1
        return self._spans[j] if j >= 0 else (offset, offset)

    def start(self, offset: int) -> int:
        return self.span(offset)[0]

    def around(self, offset: int, before: int = 2, after: int = 2) -> tuple[list, list]:
        j = bisect.bisect_right(self._starts, offset) - 1
        return list(reversed(self._spans[max(0, j - before):max(0, j)])), self._spans[j + 1:j + 1 + after]

    def passage(self, offset: int, reach: int = 6) -> tuple[list, list]:
        return self.around(offset, reach, reach)


# A sentence end before a lower-case word (forum posts, chat, text messages: "it wore off after
# two weeks. the second round lasted longer", "is that right?? my insurance says no"), unless
# the word before the stop is an abbreviation ("e.g. the", "vs. placebo", "a.m. on") or the stop
# ends an ellipsis.
_LOWER_END = re.compile(rf"[.!?]{_CLOSING}*\s+{_OPENING}?[a-z]")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[\"'])(?:[a-z]|e\.g|i\.e|etc|vs|approx|ca|cf|dr|drs|mr|mrs|ms|prof|st|no|nos|fig|figs|al|inc|ltd|co|"
    r"jr|sr|dept|est|min|max|mg|ml|kg|hrs?|mins?|wk|wks|ref|vol|pp?|ed|eds|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
    r"nov|dec|[a-z]\.[a-z](?:\.[a-z])*)$", re.IGNORECASE)


_OPENING_CHARS = "".join(QUOTE + DOUBLE_QUOTE) + "(["


def _append_span(text: str, start: int, end: int, spans: list) -> None:
    position = start
    for m in _LOWER_END.finditer(text, start, end):
        stop = m.start()
        if text[stop] == "." and (_ABBREVIATION.search(text[max(start, stop - 12):stop]) or
                                  text[stop - 1:stop] == "."):  # nor does an ellipsis ("... (the")
            continue
        cut = m.end() - 1
        while text[cut - 1] in _OPENING_CHARS:
            cut -= 1
        _append_wrapped(text, position, cut, spans)
        position = cut
    _append_wrapped(text, position, end, spans)


def _append_wrapped(text: str, start: int, end: int, spans: list) -> None:
    # A single newline inside a paragraph is a wrap, except after a line without end punctuation
    # followed by a capitalised line (a heading): split those too.
    chunk_start = start
    while True:
        newline = text.find("\n", chunk_start, end)
        if newline == -1:
            break
        before = text[chunk_start:newline].rstrip()
        if before and before[-1] not in ",;-(" and _looks_like_heading_break(text, newline, end):
            _trim(text, start, newline, spans)
            start = newline + 1
        chunk_start = newline + 1
    _trim(text, start, end, spans)


def _looks_like_heading_break(text: str, newline: int, end: int) -> bool:
    rest = text[newline + 1 : end].lstrip(" \t\r")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "#>*\u2022")


def _trim(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --- display ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u2028\u2029]")


def visible(text: str) -> str:
    """Control, bidi and zero-width characters shown as escapes, never sent to a terminal raw."""
    return _CONTROL.sub(lambda m: _escape_char(m.group()), text)


def _escape_char(c: str) -> str:
    code = ord(c)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u2028\u2029\ud800-\udfff]")


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters a terminal or a
    JavaScript parser could act on (C1 controls, bidi and zero-width, U+2028/9) written as ``\\u``
    escapes; lone surrogates (undecodable file names) become U+FFFD so the output is strict UTF-8."""
    return _JSON_UNSAFE.sub(lambda m: "\\ufffd" if "\ud800" <= m.group() <= "\udfff" else f"\\u{ord(m.group()):04x}",
                            encoded)


def one_line(text: str, limit: int = 0) -> str:
    flat = visible(" ".join(text.split()))
    if limit and len(flat) > limit:
        return flat[: limit - 1] + "\u2026"
    return flat
