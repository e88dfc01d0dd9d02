"""Every lint rule against a broken registry of its own (tests/fixtures/registries/).

Each fixture is tests/fixtures/mini/claims.yaml with one kind of mistake (its first line says
which). The table gives every finding the fixture must produce, as (line, column, rule), both
1-based: the rule fires exactly there, and nothing else fires (no cascade, no stray warning).
"""

from __future__ import annotations

import pytest
import yaml

from claimcheck import loader
from claimcheck.checks import RULES
from claimcheck.lint import lint_path
from conftest import FIXTURES

REGISTRIES = FIXTURES / "registries"

# (fixture stem, expected [(line, column, rule)], text that must appear in a finding's message)
CASES = [
    # --- the file and its YAML ---
    ("file-unreadable", [(12, 52, "file-unreadable")], "not valid UTF-8"),
    ("no-such-file", [(1, 1, "file-unreadable")], "no such file"),  # there is deliberately no such fixture
    ("yaml-syntax", [(65, 38, "yaml-syntax")], "YAML syntax error"),
    ("yaml-duplicate-key", [(28, 5, "yaml-duplicate-key"), (41, 11, "yaml-duplicate-key"),
                            (60, 9, "yaml-duplicate-key")], "duplicate key 'verdict' (first at line 27)"),
    ("yaml-implicit-type", [(9, 18, "yaml-implicit-type"), (12, 18, "yaml-implicit-type"),
                            (15, 12, "yaml-implicit-type"), (16, 16, "yaml-implicit-type"),
                            (18, 14, "yaml-implicit-type"), (19, 11, "yaml-implicit-type"),
                            (25, 21, "yaml-implicit-type")],
     "unquoted '2019-02-30' is read by YAML 1.1 tools as a date"),
    ("yaml-tag", [(15, 12, "yaml-tag"), (22, 12, "yaml-tag")], "python/object/apply:os.system"),
    ("yaml-alias", [(28, 12, "yaml-alias"), (43, 12, "yaml-alias")], "alias '*wrong'"),
    ("yaml-too-deep", [(18, 72, "yaml-too-deep")], "deeper than 64 levels"),
    ("yaml-multiple-documents", [(66, 1, "yaml-multiple-documents")], "second YAML document"),
    ("yaml-complex-key", [(18, 7, "yaml-complex-key"), (25, 5, "yaml-complex-key")], "not a number"),
    ("yaml-invalid-character", [(12, 31, "yaml-invalid-character")], "not a character"),
    ("yaml-invalid-character-control", [(12, 29, "yaml-invalid-character")], "U+0007"),
    # --- the schema ---
    ("schema-shape", [(1, 1, "schema-shape")], "not a list"),
    ("schema-shape-empty", [(1, 1, "schema-shape")], "empty"),
    ("schema-unknown-section", [(3, 1, "schema-unknown-section")], "unknown section 'flgas'; did you mean 'flags'?"),
    ("schema-unknown-field", [(42, 5, "schema-unknown-field"), (58, 9, "schema-unknown-field")],
     "unknown field 'verdcit'; did you mean 'verdict'?"),
    ("schema-missing-field", [(10, 5, "schema-missing-field"), (49, 5, "schema-missing-field")],
     "missing required field 'rationale'"),
    ("schema-wrong-type", [(17, 11, "schema-type"), (22, 12, "schema-type"), (53, 12, "schema-type")],
     "valid integer"),
    ("schema-value", [(8, 15, "schema-value"), (17, 11, "schema-value"), (52, 14, "schema-value"),
                      (66, 21, "schema-value")], "'accurate', 'mostly-accurate'"),
    ("schema-id-format", [(50, 9, "schema-id-format"), (58, 9, "schema-id-format")], "lower-case"),
    ("schema-version", [(2, 17, "schema-version")], "schema_version 2 is not supported"),
    # --- references between sections ---
    ("ref-undefined", [(43, 13, "ref-undefined"), (46, 15, "ref-undefined"), (48, 19, "ref-undefined")],
     "undefined flag 'factualy-wrong'; did you mean 'factually-wrong'?"),
    ("duplicate-id", [(40, 9, "duplicate-id")], "already defined at line 25"),
    ("unused-source", [(19, 9, "unused-source")], "nih-ketamine"),
    ("unused-flag", [(13, 9, "unused-flag")], "off-topic"),
    ("document-without-claims", [(24, 9, "document-without-claims")], "'other'"),
    # --- documents and quotes ---
    ("document-unreadable", [(25, 11, "document-unreadable"), (29, 11, "document-unreadable"),
                             (33, 11, "document-unreadable")], "outside the registry's folder"),
    ("quote-not-found", [(34, 16, "quote-not-found")],
     'closest (line 3, column 1, 97% similar): "Ketamine is not a controlled substance"'),
    ("quote-ambiguous", [(34, 16, "quote-ambiguous")], "occurs 2 times"),
    ("quote-occurrence", [(35, 21, "quote-occurrence")], "occurrence 3 but the quote occurs 2 times"),
    # --- evidence ---
    ("correction-missing", [(27, 14, "correction-missing")], "no correction"),
    ("source-missing", [(42, 14, "source-missing")], "cites no source"),
    ("source-link-missing", [(14, 5, "source-link-missing")], "no url, doi or pmid"),
    ("source-url", [(18, 10, "source-url"), (23, 10, "source-url")], "https//www.fda.gov"),
    ("source-doi", [(19, 10, "source-doi")], "is not a DOI"),
    ("source-pmid", [(19, 11, "source-pmid")], "not a PubMed id"),
    # --- patterns and verdicts ---
    ("pattern-invalid", [(36, 16, "pattern-invalid"), (39, 16, "pattern-invalid")], "missing )"),
    ("subject-invalid", [(35, 14, "subject-invalid"), (46, 14, "subject-invalid")], "invalid subject: invalid perl operator"),
    ("pattern-example", [(38, 55, "pattern-example"), (39, 74, "pattern-example")],
     'does not match its example "Ketamine is not regulated."'),
    ("pattern-untested", [(36, 9, "pattern-untested")], "no 'match' example"),
    ("slot-invalid", [(37, 16, "slot-invalid"), (40, 16, "slot-invalid")], "a rate's range is in percent"),
    ("slot-example", [(40, 53, "slot-example"), (41, 44, "slot-example")],
     'slot example "Fewer than half of patients respond." should have a value in the range'),
    ("verdict-flags", [(43, 12, "verdict-flags")], "not flagged factually-wrong"),
    ("yaml-comment-in-value", [(23, 43, "yaml-comment-in-value")], "' #1 in town' after it is a YAML comment"),
    # --- reviews (review-missing and review-overdue need --max-age: tests/test_reviews.py) ---
    ("claim-unreviewed", [(52, 14, "claim-unreviewed")], "is a draft: not yet reviewed"),
    ("review-in-future", [(32, 22, "review-in-future")], "after today"),
    ("review-due", [(35, 20, "review-due")], "was due for review on 2021-01-10"),
    ("placeholder-text", [(22, 12, "placeholder-text")], "'title' is still a placeholder"),
]
COVERED_ELSEWHERE = {"review-missing", "review-overdue"}  # only with --max-age: tests/test_reviews.py


def _fixture(stem: str) -> str:
    return str(REGISTRIES / f"{stem}.yaml")


def _positions(findings) -> list[tuple[int, int, str]]:
    return sorted((f.line, f.column, f.rule) for f in findings)


@pytest.mark.parametrize(("stem", "expected", "message"), CASES, ids=[case[0] for case in CASES])
def test_rule_fires_at_its_line_and_column_and_nothing_else_fires(stem, expected, message):
    _, findings = lint_path(_fixture(stem))
    assert _positions(findings) == sorted(expected)
    assert any(message in f.message for f in findings), [f.message for f in findings]
    for finding in findings:
        assert finding.severity is RULES[finding.rule].severity  # the engine applies the documented severity


def test_every_rule_has_a_fixture():
    covered = {rule for _, expected, _ in CASES for _, _, rule in expected}
    assert set(RULES) - covered - COVERED_ELSEWHERE == set(), "rules without a broken registry in CASES"
    assert covered - set(RULES) == set(), "CASES names rules that claimcheck.checks.RULES does not list"


def test_every_fixture_is_in_the_table():
    stems = {path.stem for path in REGISTRIES.glob("*.yaml")}
    assert stems - {case[0] for case in CASES} == set()


def test_the_base_registry_is_clean():
    """The fixtures are the mini registry plus one mistake: the mini registry itself has none."""
    _, findings = lint_path(str(FIXTURES / "mini" / "claims.yaml"))
    assert findings == []


# --- the C parser and the pure-Python parser agree --------------------------------------

# Inputs where the two parsers could disagree on positions: line ends, characters outside
# ASCII and the BMP, control characters, escapes, a BOM-like character, YAML-only line breaks.
TRICKY = [
    "a: x\r\nb: [\r\n",
    "a: x\rb: ]\n",
    "é: 𝒳𝒴\nb: ]\n",
    'a: "x\u2028y"\nb: [\n',
    "a: x\x85b: y\n",
    "a: é\x07b\n",
    'a: 1\nb: "éé\\ud800"\n',
    'a: "x \\U00110000 y"\n',
    "k: \ufeffv\nz: ]\n",
    'a: "x\\\n  y"\nb: ]\n',
    "a: |\n  x\u2028y\n  z\nb: ]\n",
    "a: [1, {b: c}, 2019-02-30]\n? [x]\n: y\na: again\n",
]


def _load_with(loader_class, monkeypatch, *, path=None, text=None):
    monkeypatch.setattr(loader, "_loader_class", lambda: loader_class)
    if path is not None:
        result = loader.load_registry(path)
        findings = lint_path(path)[1]
    else:
        result = loader.LoadResult("t.yaml")
        loader.compose_into(text, result)
        findings = result.problems
    values = {path: result.position(path) for path in result.marks}
    keys = {path: result.position(path, key=True) for path in result.key_marks}
    return _positions(findings), values, keys


needs_libyaml = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False),
                                   reason="PyYAML built without libyaml: only the pure-Python parser exists")


@needs_libyaml
def test_the_c_parser_is_used_when_present():
    assert loader._loader_class() is yaml.CSafeLoader


@needs_libyaml
@pytest.mark.parametrize("stem", [case[0] for case in CASES] + ["../mini/claims"])
def test_pure_python_parser_gives_identical_positions_on_fixtures(stem, monkeypatch):
    fast = _load_with(yaml.CSafeLoader, monkeypatch, path=_fixture(stem))
    slow = _load_with(yaml.SafeLoader, monkeypatch, path=_fixture(stem))
    assert slow == fast


@needs_libyaml
@pytest.mark.parametrize("text", TRICKY)
def test_pure_python_parser_gives_identical_positions_on_tricky_input(text, monkeypatch):
    fast = _load_with(yaml.CSafeLoader, monkeypatch, text=text)
    slow = _load_with(yaml.SafeLoader, monkeypatch, text=text)
    assert slow == fast


def test_positions_count_lines_as_editors_do():
    """U+2028 and NEL end a line for YAML, not for an editor: positions follow the editor."""
    result = loader.LoadResult("t.yaml")
    loader.compose_into('a: "x\u2028y"\nb: c\nc: no\n', result)
    assert result.position(("b",)) == (2, 4)
    assert result.position(("c",), key=True) == (3, 1)
    assert _positions(result.problems) == [(3, 4, "yaml-implicit-type")]


def test_a_misspelt_section_is_still_read_as_that_section():
    result = loader.load_registry(_fixture("schema-unknown-section"))
    assert set(result.registry.flags) == {"factually-wrong", "unsupported", "marketing"}
    assert result.position(("flags", 1, "severity")) == (8, 15)
