"""Hostile registries: nothing is executed or expanded, every problem is a finding at its line:column.

The loader composes YAML from the parser's event stream (loader.compose_into) instead of
using PyYAML's composer/constructor, so tags construct nothing, aliases expand nothing and
nesting is bounded. These tests pin each of those defences.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from claimcheck import loader
from claimcheck.loader import load_registry
from claimcheck.text import MAX_REGISTRY_BYTES
from hostile_support import PAGE, assert_clean_stderr, dump, registry_data, run_cli, write_project

VALID_HEAD = "schema_version: 1\n"


def load(tmp_path, content: str | bytes, name: str = "claims.yaml"):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return load_registry(str(path))


def rules(result) -> list[tuple[int, int, str]]:
    return sorted((p.line, p.column, p.rule) for p in result.problems)


@pytest.fixture(params=["C", "pure"])
def parser(request, monkeypatch):
    """Run a test with libyaml's C parser and again with PyYAML's pure-Python parser."""
    if request.param == "C":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML built without libyaml")
    else:
        monkeypatch.setattr(loader, "_loader_class", lambda: yaml.SafeLoader)
    return request.param


# --- nothing is executed -----------------------------------------------------------------------


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object/apply:subprocess.call",
    "!!python/object/new:os.system",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_tags_construct_nothing(tmp_path, parser, tag, monkeypatch):
    marker = tmp_path / "pwned"
    monkeypatch.chdir(tmp_path)
    content = f"{VALID_HEAD}flags: {tag} [\"touch {marker}\"]\nsources:\n  - {tag} [\"touch {marker}\"]\n"
    result = load(tmp_path, content)
    assert not marker.exists()
    tags = [p for p in result.problems if p.rule == "yaml-tag"]
    assert [(p.line, p.column) for p in tags] == [(2, 8), (4, 5)]
    # with a CLI run as well, through audit and lint
    for command in (["lint", "claims.yaml"], ["audit", "--all", "-r", "claims.yaml"]):
        proc = run_cli(*command, cwd=tmp_path)
        assert proc.returncode in (1, 2)
        assert_clean_stderr(proc.stderr)
    assert not marker.exists()


def test_every_non_core_tag_is_refused(tmp_path):
    result = load(tmp_path, VALID_HEAD + "a: !!binary aGVsbG8=\nb: !custom x\nc: !!int \"3\"\nd: !!str ok\n")
    assert [(p.line, p.rule) for p in result.problems if p.rule == "yaml-tag"] == [(2, "yaml-tag"), (3, "yaml-tag"),
                                                                                  (4, "yaml-tag")]


# --- aliases -----------------------------------------------------------------------------------


def billion_laughs(levels: int = 30) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return VALID_HEAD + "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_expansion(tmp_path, parser):
    # 10**30 strings if expanded; refused as it is read, in linear time and memory
    result = load(tmp_path, billion_laughs())
    aliases = [p for p in result.problems if p.rule == "yaml-alias"]
    assert aliases and aliases[0].line == 2
    assert result.data is None or all(v is None or isinstance(v, list) and len(v) <= 10
                                      for v in result.data.values() if v != 1)


def test_alias_bomb_through_the_cli_is_one_exit_code(tmp_path):
    (tmp_path / "claims.yaml").write_text(billion_laughs())
    proc = run_cli("audit", "--all", "-r", "claims.yaml", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    assert b"yaml-alias" in proc.stderr


def test_merge_key_is_not_a_backdoor(tmp_path):
    content = VALID_HEAD + "base: &b {verdict: accurate}\nclaims:\n  - <<: *b\n    id: x\n"
    result = load(tmp_path, content)
    assert "yaml-alias" in {p.rule for p in result.problems}
    assert "verdict" not in result.data["claims"][0]  # nothing merged


# --- duplicate keys ----------------------------------------------------------------------------


@pytest.mark.parametrize("content, position", [
    ("schema_version: 1\nschema_version: 1\n", (2, 1)),
    ("schema_version: 1\nflags:\n  - id: a\n    id: b\n    severity: error\n    description: d\n", (4, 5)),
    ("schema_version: 1\nclaims:\n  - appearances:\n      - {document: a, quote: q, document: b}\n", (4, 33)),
    ("schema_version: 1\nx: {a: {b: {c: 1, c: 2}}}\n", (2, 19)),
])
def test_duplicate_keys_at_any_depth(tmp_path, parser, content, position):
    result = load(tmp_path, content)
    duplicates = [(p.line, p.column) for p in result.problems if p.rule == "yaml-duplicate-key"]
    assert duplicates == [position]


# --- YAML 1.1 implicit typing and special floats -------------------------------------------------


@pytest.mark.parametrize("value", [
    "no", "No", "off", "yes", "y", "n", "on", "010", "0o17", "0x1F", "1:20", "190:20:30", "2019-01-01",
    "2019-02-30", "2001-12-14t21:59:43.10-05:00", ".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1e3", "1.5", "1_000",
])
def test_yaml11_implicit_types_stay_text_and_are_flagged(tmp_path, parser, value):
    data = registry_data(rationale="placeholder")
    text = dump(data).replace('"rationale": "placeholder"', f'"rationale": {value}')
    result = load(tmp_path, text)
    found = [p for p in result.problems if p.rule == "yaml-implicit-type"]
    if value in ("1e3", "0o17"):  # numbers to YAML 1.2 tools only: flagging them is optional
        assert not found or found[0].line == text.count("\n", 0, text.index('"rationale"')) + 1
    else:
        assert found, result.problems
        assert found[0].line == text.splitlines().index(next(ln for ln in text.splitlines() if "rationale" in ln)) + 1
    claim = result.data["claims"][0]
    assert claim["rationale"] == value  # never a bool, an int, a float (nan!) or a date


def test_impossible_date_is_a_finding_not_a_crash(tmp_path, parser):
    result = load(tmp_path, VALID_HEAD + "sources:\n  - id: s\n    title: 2019-02-30\n")
    assert (4, 12, "yaml-implicit-type") in rules(result)
    assert result.data["sources"][0]["title"] == "2019-02-30"


def test_quoted_values_are_fine(tmp_path, parser):
    result = load(tmp_path, VALID_HEAD + 'x: "no"\nv: "010"\nz: "2019-02-30"\nw: ".nan"\n"y": "1:20"\n')
    assert not [p for p in result.problems if p.rule == "yaml-implicit-type"]


def test_special_floats_never_reach_json(tmp_path):
    registry = write_project(tmp_path)
    text = registry.read_text().replace('"year": 2024', '"year": .nan')
    registry.write_text(text)
    proc = run_cli("lint", "-f", "json", str(registry), cwd=tmp_path)
    assert proc.returncode in (1, 2)
    assert b"NaN" not in proc.stdout
    assert_clean_stderr(proc.stderr)


# --- syntax: tabs, documents, encodings, empty, shape -----------------------------------------------


def test_tab_indentation_is_a_syntax_error_with_position(tmp_path, parser):
    result = load(tmp_path, VALID_HEAD + "flags:\n\t- id: a\n")
    assert result.fatal
    assert rules(result) == [(3, 1, "yaml-syntax")]


def test_second_document_is_refused(tmp_path, parser):
    result = load(tmp_path, VALID_HEAD + "---\nschema_version: 2\n")
    assert (2, 1, "yaml-multiple-documents") in rules(result)


def test_utf8_bom_works(tmp_path):
    registry = write_project(tmp_path)
    registry.write_bytes(b"\xef\xbb\xbf" + registry.read_bytes())
    result = load_registry(str(registry))
    assert result.problems == [] and result.registry is not None
    proc = run_cli("audit", "--all", "-r", str(registry), cwd=tmp_path)
    assert proc.returncode == 1 and b"page.txt:1:21" in proc.stdout


def test_utf16_with_bom_is_decoded_with_correct_positions(tmp_path):
    # UTF-16 with a byte-order mark is unambiguous: read it, and report positions in characters
    text = VALID_HEAD + "flags:\n  - id: caf\u00e9\n    bogus: 1\n"
    for encoding in ("utf-16",):
        result = load(tmp_path, text.encode(encoding))
        assert (4, 5, "schema-unknown-field") in rules(result)


@pytest.mark.parametrize("content, position", [
    ((VALID_HEAD + "title: caf\u00e9\n").encode("latin-1"), (2, 11)),
    ((VALID_HEAD + "title: \u00e9\n").encode("cp1252"), (2, 8)),
    ((VALID_HEAD + "a: b\n").encode("utf-16-le"), (1, 2)),  # UTF-16 without a BOM: NULs
    (b"schema_version: 1\n\xff\xfe", (2, 1)),
    (b"\xfe\xff\xd8\x00", (1, 1)),  # a UTF-16 BOM and then a lone surrogate
    (b"\xff\xfe\x00\x00a\x00\x00\x00", (1, 1)),  # UTF-32: not UTF-16 text
])
def test_non_utf8_registry_is_one_error_with_position(tmp_path, content, position):
    result = load(tmp_path, content)
    assert result.fatal
    assert [(p.line, p.column, p.rule) for p in result.problems] == [(*position, "file-unreadable")]
    proc = run_cli("lint", "claims.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    assert f"claims.yaml:{position[0]}:{position[1]}:".encode() in proc.stdout


@pytest.mark.parametrize("content, message", [
    ("", "empty"),
    ("# only a comment\n", "empty"),
    ("---\n", "empty"),
    ("- a\n- b\n", "not a list"),
    ('"a string"\n', "not a string"),
    ("42\n", "not a number"),
    ("~\n", "empty"),
])
def test_wrong_top_level_shape(tmp_path, parser, content, message):
    result = load(tmp_path, content)
    assert result.fatal
    assert [p.rule for p in result.problems] == ["schema-shape"]
    assert message in result.problems[0].message
    proc = run_cli("audit", "--all", "-r", "claims.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert_clean_stderr(proc.stderr)


@pytest.mark.parametrize("section, value", [
    ("flags", "a string"), ("claims", {"a": 1}), ("documents", [1, 2]), ("sources", [[]]),
    ("schema_version", "one"), ("schema_version", [1]),
])
def test_wrong_section_shapes_are_findings(tmp_path, section, value):
    data = registry_data()
    data[section] = value
    result = load(tmp_path, dump(data))
    assert any(p.rule.startswith("schema-") for p in result.problems)


# --- depth ---------------------------------------------------------------------------------------


def test_libyaml_composer_crashes_on_deep_nesting_so_the_loader_composes_itself():
    """Why loader.py composes from events: libyaml's C composer recurses and segfaults."""
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    proc = subprocess.run([sys.executable, "-c", "import yaml; yaml.compose('[' * 100000, Loader=yaml.CSafeLoader)"],
                          capture_output=True, timeout=60)
    assert proc.returncode != 0  # -11 (SIGSEGV) on Linux; at best a RecursionError


@pytest.mark.parametrize("content", [
    "[" * 100_000,
    "a: " + "{a: " * 100_000,
    "a: " + "[" * 50_000 + "]" * 50_000,
    "".join("  " * i + "a:\n" for i in range(2_000)),
    "".join("  " * i + "-\n" for i in range(2_000)),
])
def test_deep_nesting_is_a_finding(tmp_path, parser, content):
    result = load(tmp_path, content)
    assert result.fatal
    assert [p.rule for p in result.problems] == ["yaml-too-deep"]


# Flow collections whose brackets hide in quoted scalars and comments: libyaml 0.2.6 and later
# stop at 1,000 flow levels while reading ahead, before the composer sees depth 65.
DEEP_FLOW = [
    "[" * 100_000,
    "a: " + "[" * 50_000 + "]" * 50_000,
    "a:\n  b: " + "['x]]', \"y]\\\"]\", " * 3_000,
    "a: " + "{k: [" * 2_000,
    "a: " + "[ # ]]]\n" * 1_500,
    "a: " + "['it''s ]', " * 2_000,
    "a: " + "[b-'c, " * 2_000,
]


@pytest.mark.parametrize("content", DEEP_FLOW)
def test_deep_flow_nesting_is_found_where_this_limit_is_reached(tmp_path, content):
    """The C and the pure-Python parser report the same yaml-too-deep, at the 65th level."""
    found = {}
    for name, loader_class in (("pure", yaml.SafeLoader), ("C", getattr(yaml, "CSafeLoader", None))):
        if loader_class is None:
            continue
        original = loader._loader_class
        loader._loader_class = lambda cls=loader_class: cls
        try:
            result = load(tmp_path, content)
        finally:
            loader._loader_class = original
        assert result.fatal
        found[name] = rules(result)
    assert found["pure"][0][2] == "yaml-too-deep"
    assert len(set(map(tuple, found.values()))) == 1, found


def test_parser_nesting_limit_is_reported_as_too_deep(tmp_path, monkeypatch):
    """If a parser's own depth limit ever comes first, it is still yaml-too-deep at its line."""

    class Limited(yaml.SafeLoader):
        def get_event(self):
            event = super().get_event()
            if event.start_mark.line >= 2:
                raise yaml.scanner.ScannerError("while increasing flow level", event.start_mark,
                                                "exceeded maximum nesting depth", event.start_mark)
            return event

    monkeypatch.setattr(loader, "_loader_class", lambda: Limited)
    result = load(tmp_path, VALID_HEAD + "a: 1\nb: [c]\n")
    assert rules(result) == [(3, 1, "yaml-too-deep")]


def test_deep_nesting_through_the_cli(tmp_path):
    (tmp_path / "claims.yaml").write_text("[" * 100_000)
    for command in (["lint", "claims.yaml"], ["list", "-r", "claims.yaml"], ["audit", "--all", "-r", "claims.yaml"]):
        proc = run_cli(*command, cwd=tmp_path)
        assert proc.returncode == 2, (command, proc.stderr)
        assert_clean_stderr(proc.stderr)


def test_reasonable_depth_is_fine(tmp_path, parser):
    result = load(tmp_path, VALID_HEAD + "x: " + "[" * 50 + "]" * 50 + "\n")
    assert not result.fatal


# --- lone surrogates -----------------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d", "\\U0000d800"])
def test_lone_surrogate_escape_is_a_finding(tmp_path, parser, escape):
    data = registry_data(rationale="placeholder")
    text = dump(data).replace("placeholder", escape)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if escape in ln)
    result = load(tmp_path, text)
    bad = [p for p in result.problems if p.rule in ("yaml-invalid-character", "yaml-syntax")]
    assert bad and bad[0].line == line
    # whatever the parser, nothing unencodable survives into the data
    if result.data is not None:
        dump(result.data).encode("utf-8")


def test_lone_surrogate_through_the_cli_json_stays_strict(tmp_path):
    from hostile_support import assert_strict_json

    registry = write_project(tmp_path, rationale="placeholder")
    registry.write_text(registry.read_text().replace("placeholder", "\\ud800"))
    proc = run_cli("lint", "-f", "json", str(registry), cwd=tmp_path)
    assert proc.returncode in (1, 2)
    assert_strict_json(proc.stdout)
    assert_clean_stderr(proc.stderr)


def test_surrogate_pair_escape_is_refused_by_both_parsers(tmp_path, parser):
    # libyaml rejects \\u escapes of surrogates outright; PyYAML's parser yields two lone surrogates,
    # which the loader reports. Either way an error, and no surrogate reaches the data.
    result = load(tmp_path, VALID_HEAD + 'x: "\\ud83d\\ude00"\ny: "\\U0001F600"\n')
    assert {p.rule for p in result.problems} & {"yaml-invalid-character", "yaml-syntax"}
    if result.data is not None:
        assert result.data["y"] == "\U0001F600"
        result.data["x"].encode("utf-8")


# --- size ------------------------------------------------------------------------------------------


def test_multi_megabyte_registry_loads(tmp_path):
    data = registry_data()
    claim = data["claims"][0]
    data["claims"] = [dict(claim, id=f"claim-{i}", rationale="r" * 200) for i in range(6_000)]
    text = dump(data)
    assert len(text) > 3_000_000
    (tmp_path / "page.txt").write_text(PAGE)
    result = load(tmp_path, text)
    assert not result.fatal
    assert len(result.registry.claims) == 6_000


def test_registry_over_the_cap_is_refused_before_parsing(tmp_path, monkeypatch):
    import claimcheck.loader as module

    monkeypatch.setattr(module, "MAX_REGISTRY_BYTES", 1000)
    result = load(tmp_path, VALID_HEAD + "# " + "x" * 2000 + "\n")
    assert result.fatal and result.problems[0].rule == "file-unreadable"
    assert "limit" in result.problems[0].message


def test_size_cap_is_documented():
    assert MAX_REGISTRY_BYTES >= 1 << 20
