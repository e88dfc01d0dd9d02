"""Adding entries in place: the file is byte-identical outside the added lines, and reads back
as the old data plus the new entries."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.loader import compose_into, load_registry
from claimcheck.registry_file import LoadResult
from claimcheck.writer import Addition, Entry, WriteError, apply, scalar
from conftest import FIXTURES

COMMENTED = FIXTURES / "writer" / "commented.yaml"

DOCUMENT = Entry({"id": "new-page", "path": "docs/page.txt", "title": "New: a page #1", "publisher_type": "blog"},
                 "added by a test")
APPEARANCE = Entry({"document": "new-page", "quote": "Ketamine is not a controlled substance"}, "exact match, 1.00")
DRAFT = Entry({"id": "works-fast", "claim": "It works: fast.", "verdict": "unreviewed", "flags": [],
               "appearances": [{"document": "new-page", "quote": "works for 70% of patients"}]}, "draft")


def _loaded(text: str) -> LoadResult:
    result = LoadResult("t.yaml")
    compose_into(text, result)
    assert not result.fatal, result.problems
    return result


def _only_insertions(old: str, new: str) -> list[str]:
    """The lines ``new`` adds to ``old``; fails if any line of ``old`` changed or moved."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, a[i1:i2], b[j1:j2])
        added.extend(b[j1:j2] if tag == "insert" else [])
    return added


def test_a_comment_rich_registry_is_byte_identical_outside_the_added_lines():
    old = COMMENTED.read_text(encoding="utf-8")
    result = load_registry(str(COMMENTED))
    assert not result.problems
    new, inserted = apply(old, result, [Addition(("documents",), [DOCUMENT]),
                                        Addition(("claims", 0, "appearances"), [APPEARANCE]),
                                        Addition(("claims",), [DRAFT])])
    added = _only_insertions(old, new)
    assert "".join(added) == "".join(block.text for block in sorted(inserted, key=lambda b: b.before_line))
    assert added == [
        "    # added by a test\n",
        "    -   id: new-page\n",
        "        path: docs/page.txt\n",
        '        title: "New: a page #1"\n',
        "        publisher_type: blog\n",
        "      # exact match, 1.00\n",
        "      - document: new-page\n",
        '        quote: "Ketamine is not a controlled substance"\n',
        "  # draft\n",
        "  - id: works-fast\n",
        '    claim: "It works: fast."\n',
        "    verdict: unreviewed\n",
        "    flags: []\n",
        "    appearances:\n",
        "      - document: new-page\n",
        '        quote: "works for 70% of patients"\n',
    ]
    # each block goes where it belongs: after the last line of its list, before what follows
    lines = new.splitlines()
    assert lines[lines.index("    -   id: new-page") - 2] == "        publisher_type: \"clinic marketing blog\""
    assert lines[lines.index("      - document: new-page") - 2] == "        # a trailing comment inside the appearance"
    assert lines[-1] == "# the end: a comment at column 0 after the last claim"
    assert lines[lines.index("  - id: works-fast") - 2].startswith("    appearances: [{document: page")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_endings_and_a_missing_final_newline_are_kept(newline):
    old = ("schema_version: 1" + newline + "documents:" + newline + "  - id: a" + newline
           + "    path: a.txt" + newline + "    title: A" + newline + "    publisher_type: blog")
    new, _ = apply(old, _loaded(old), [Addition(("documents",), [Entry({"id": "b", "path": "b.txt"})])])
    assert new == old + newline + "  - id: b" + newline + "    path: b.txt" + newline


@pytest.mark.parametrize("old, expected", [
    ("schema_version: 1\n", "schema_version: 1\nclaims:\n  - id: a\n"),
    ("schema_version: 1\nclaims:\n", "schema_version: 1\nclaims:\n  - id: a\n"),
    ("schema_version: 1\nclaims: []  # none yet\n", "schema_version: 1\nclaims:  # none yet\n  - id: a\n"),
    ("schema_version: 1\nclaims:\n\n# the end\n", "schema_version: 1\nclaims:\n  - id: a\n\n# the end\n"),
])
def test_a_missing_or_empty_section_gets_a_block_list(old, expected):
    new, _ = apply(old, _loaded(old), [Addition(("claims",), [Entry({"id": "a"})])])
    assert new == expected


def test_a_flow_list_is_refused_and_nothing_changes():
    old = COMMENTED.read_text(encoding="utf-8")
    with pytest.raises(WriteError, match="flow list"):
        apply(old, load_registry(str(COMMENTED)), [Addition(("claims", 1, "appearances"), [APPEARANCE])])
    assert COMMENTED.read_text(encoding="utf-8") == old


@pytest.mark.parametrize("value", ["no", "010", "1:20", "2019-02-30", "null", "~", "- x", "a: b", "a #b", "[x]",
                                   "'q'", '"q"', "tab\there", "line\nbreak", "\u2028", "\x85", "caf\u00e9", "",
                                   " padded ", "@at", "%pct", "`tick", "*star", "&amp", "!bang", "|pipe", ">gt"])
def test_scalars_read_back_as_the_same_text(value):
    result = _loaded(f"k: {scalar(value)}\n")
    assert result.data == {"k": value} and not result.problems


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_reads_back_as_itself(value):
    result = LoadResult("t.yaml")
    compose_into(f"k: {scalar(value)}\n", result)
    assert result.data == {"k": value}


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
_ENTRY = st.builds(lambda i, t, q: Entry({"id": i, "title": t, "quote": q}, comment=t),
                   st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True), _TEXT, _TEXT)


@settings(max_examples=60, deadline=None)
@given(documents=st.lists(_ENTRY, max_size=3), appearances=st.lists(_ENTRY, max_size=3),
       claims=st.lists(_ENTRY, max_size=3), crlf=st.booleans())
def test_any_additions_only_insert_lines(documents, appearances, claims, crlf):
    old = COMMENTED.read_text(encoding="utf-8")
    if crlf:
        old = old.replace("\n", "\r\n")
    result = _loaded(old)
    new, _ = apply(old, result, [Addition(("documents",), documents),
                                 Addition(("claims", 0, "appearances"), appearances),
                                 Addition(("claims",), claims)])
    _only_insertions(old, new)
    assert _loaded(new).data["claims"][2:] == [e.data for e in claims]


# --- the read-back check: the old data plus the additions, nothing else (no copy of the old data) ---


CHECKED = "schema_version: 1\ndocuments:\n  - id: a\n    path: a.txt\nclaims:\n"


@pytest.mark.parametrize("new_text, ok", [
    (CHECKED + "  - id: c\n", True),  # the added claim where claims: was empty (None)
    (CHECKED.replace("claims:\n", "claims:\n  - id: c\n"), True),
    (CHECKED + "  - id: d\n", False),  # another entry than the one added
    (CHECKED + "  - id: c\n  - id: c\n", False),  # one more than added
    (CHECKED.replace("path: a.txt", "path: b.txt") + "  - id: c\n", False),  # old data changed
    (CHECKED.replace("  - id: a\n    path: a.txt\n", "") + "  - id: c\n", False),  # old entry lost
    (CHECKED.replace("claims:\n", "claims: []\n"), False),  # the addition missing
    ("schema_version: 1\ndocuments: {}\nclaims:\n  - id: c\n", False),  # a list became a mapping
])
def test_the_read_back_check_refuses_anything_but_the_additions(new_text, ok):
    from claimcheck.writer import _check

    result = _loaded(CHECKED)
    additions = [Addition(("claims",), [Entry({"id": "c"})])]
    if ok:
        _check(new_text, result, additions)
    else:
        with pytest.raises(WriteError, match="would not read back as intended"):
            _check(new_text, result, additions)
    assert result.data == {"schema_version": 1, "documents": [{"id": "a", "path": "a.txt"}], "claims": None}


def test_the_read_back_check_takes_several_additions_to_one_list_in_order():
    from claimcheck.writer import _check

    result = _loaded(CHECKED)
    additions = [Addition(("claims",), [Entry({"id": "c"})]), Addition(("claims",), [Entry({"id": "e"})]),
                 Addition(("documents",), [Entry({"id": "b"})])]
    text = CHECKED.replace("claims:\n", "  - id: b\nclaims:\n")
    _check(text + "  - id: c\n  - id: e\n", result, additions)
    with pytest.raises(WriteError):
        _check(text + "  - id: e\n  - id: c\n", result, additions)
