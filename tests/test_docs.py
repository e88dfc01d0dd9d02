"""The documentation's examples are real: shown output is what the command prints, and every
YAML example of a registry is one `claimcheck lint` would accept.

Conventions (CONTRIBUTING.md, "Documentation examples"):

* A fenced ``console`` block in README.md or docs/*.md is run. Each ``$ command`` line is run
  with bash from the repository's root (or from the folder named by a
  ``<!-- console: cwd=PATH -->`` line just above the block), with ``NO_COLOR=1``, and the lines
  after it, up to the next ``$`` line, must be its output (standard output, then standard
  error). A line holding only ``…`` stands for any number of lines. Trailing spaces are ignored.
* Generated parts (between ``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->``)
  are not examples: they must equal what docs/_hooks/generated.py generates from the code.
* A fenced ``yaml`` block is parsed with claimcheck's own loader (so an unquoted ``"false"``,
  a duplicate key or an alias fails). A mapping of registry sections is validated against the
  registry's JSON Schema (`claimcheck schema`); without ``schema_version`` it counts as an
  excerpt and may leave sections out. A list whose entries carry the fields of a registry entry
  (a claim, a source, ...) is validated entry by entry. A block marked with
  ``<!-- example: broken -->`` on the line above shows a mistake: it must fail.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

ELLIPSIS = "\u2026"
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                   re.M | re.S)
GENERATED_PART = re.compile(r"^<!-- generated: ([a-z-]+) -->\n.*?^<!-- end generated: \1 -->$", re.M | re.S)
BROKEN = re.compile(r"<!-- example: broken -->\s*$")
CWD = re.compile(r"<!-- console: cwd=(\S+) -->\s*$")
# Examples that another test runs in a folder of its own (tests/test_first_registry.py).
RUN_ELSEWHERE = re.compile(r"<!-- (?:walkthrough|test): [^>]*-->\s*$")
SECTIONS = {"schema_version", "flags", "sources", "documents", "claims"}
ENTRY_DEFINITIONS = ("Flag", "Source", "Document", "Claim", "Appearance", "Pattern")


@dataclass(frozen=True)
class Block:
    page: str
    line: int
    language: str
    body: str
    cwd: Path
    broken: bool = False  # an example of a mistake: it must fail


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]


def without_generated_parts(text: str) -> str:
    """The page without its generated parts (checked below), line numbers kept."""
    return GENERATED_PART.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def blocks(language: str) -> list[Block]:
    found = []
    for page in pages():
        text = without_generated_parts(page.read_text(encoding="utf-8"))
        for match in FENCE.finditer(text):
            info = match.group("info").strip().split()
            if not info or info[0] != language:
                continue
            before = text[:match.start()].rstrip("\n").rsplit("\n", 1)[-1]
            if language == "console" and RUN_ELSEWHERE.search(before):
                continue
            cwd = CWD.search(before)
            broken = BROKEN.search(before) is not None
            indent = len(match.group("indent"))
            body = "\n".join(line[indent:] for line in match.group("body").splitlines())
            found.append(Block(str(page.relative_to(ROOT)), text.count("\n", 0, match.start()) + 1, language,
                               body, ROOT / cwd.group(1) if cwd else ROOT, broken))
    return found


def block_id(block: Block) -> str:
    return f"{block.page}:{block.line}"


# --- console examples ----------------------------------------------------------------------

def examples(block: Block) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every `$ command` in a console block."""
    result: list[tuple[str, list[str]]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            result.append((line[2:], []))
        elif result:
            result[-1][1].append(line.rstrip())
        elif line.strip():
            raise AssertionError(f"{block_id(block)}: output before the first '$ ' command: {line!r}")
    return result


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected`` with every ``…`` line standing for any lines."""
    if not expected:
        return not actual
    if expected[0] == ELLIPSIS:
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def run(command: str, cwd: Path) -> list[str]:
    bin_dir = os.path.dirname(sys.executable)
    env = {**os.environ, "NO_COLOR": "1", "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    env.pop("COLUMNS", None)
    env.pop("FORCE_COLOR", None)
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]


CONSOLE = blocks("console")


def test_the_documentation_has_console_examples():
    assert len(CONSOLE) >= 3
    assert all(examples(block) for block in CONSOLE)


@pytest.mark.parametrize("block", CONSOLE, ids=block_id)
def test_console_example_output_is_what_the_command_prints(block):
    for command, expected in examples(block):
        actual = run(command, block.cwd)
        while expected and not expected[-1]:
            expected = expected[:-1]
        assert matches(expected, actual), (
            f"{block_id(block)}: `{command}` printed:\n" + "\n".join(actual)
        )


@pytest.mark.parametrize("expected, actual, result", [
    (["a", "b"], ["a", "b"], True),
    (["a", "b"], ["a", "c"], False),
    (["a"], ["a", "b"], False),
    (["a", ELLIPSIS], ["a", "b", "c"], True),
    ([ELLIPSIS, "c"], ["a", "b", "c"], True),
    (["a", ELLIPSIS, "c"], ["a", "c"], True),
    (["a", ELLIPSIS, "d"], ["a", "b", "c"], False),
    ([], [], True),
])
def test_an_ellipsis_line_stands_for_any_lines(expected, actual, result):
    assert matches(expected, actual) is result


# --- YAML examples -------------------------------------------------------------------------

def load_yaml(block: Block):
    """The block's data. Every block must be YAML; a registry example (or excerpt) is read by
    claimcheck's own loader too, whose problems (an unquoted "false", a duplicate key, an
    alias) fail the test."""
    import yaml

    data = yaml.safe_load(block.body)
    if not is_registry_like(data):
        return data
    from claimcheck.loader import LoadResult, compose_into

    # Under a key of its own, so that a list of entries is read like a section's entries.
    wrapped = "example:\n" + "".join(f"  {line}\n" for line in block.body.splitlines())
    result = LoadResult(block_id(block))
    compose_into(wrapped, result)
    problems = [f"line {p.line - 1 + block.line}: {p.rule} {p.message}" for p in result.problems]
    assert not problems, f"{block_id(block)}: " + "; ".join(problems)
    return result.data["example"]


def schema() -> dict:
    from claimcheck.schema import json_schema

    return json.loads(json_schema())


def entry_definition(entry: dict, definitions: dict) -> str | None:
    """The kind of registry entry ``entry`` is (by the fields it shares with one), if any."""
    keys = set(entry) - {"id"}
    best, shared = None, 0
    for name in ENTRY_DEFINITIONS:
        overlap = len(keys & set(definitions[name]["properties"]))
        if overlap > shared:
            best, shared = name, overlap
    return best


def registry_errors(data) -> list[str]:
    from jsonschema import Draft202012Validator

    full = schema()
    if isinstance(data, dict) and set(data) <= SECTIONS and data:
        if "schema_version" not in data:
            full = {**full, "required": []}
        validator = Draft202012Validator(full)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    errors = []
    if isinstance(data, list):
        for index, entry in enumerate(data):
            name = entry_definition(entry, full["$defs"]) if isinstance(entry, dict) else None
            if name is None:
                continue
            part = {k: v for k, v in full.items() if k not in ("properties", "additionalProperties", "required")}
            validator = Draft202012Validator({**part, "$ref": f"#/$defs/{name}"})
            errors += [f"[{index}] ({name}) {'/'.join(map(str, e.absolute_path))}: {e.message}"
                       for e in validator.iter_errors(entry)]
    return errors


def is_registry_like(data) -> bool:
    if isinstance(data, dict):
        return bool(data) and set(data) <= SECTIONS
    if isinstance(data, list):
        definitions = schema()["$defs"]
        return any(isinstance(e, dict) and entry_definition(e, definitions) for e in data)
    return False


YAML = blocks("yaml")


def test_the_documentation_has_a_full_registry_example():
    assert any(isinstance(d, dict) and "schema_version" in d for d in map(load_yaml, YAML))


def yaml_problems(block: Block) -> list[str]:
    import yaml

    try:
        data = load_yaml(block)
    except (AssertionError, yaml.YAMLError) as exc:
        return [str(exc)]
    return registry_errors(data) if is_registry_like(data) else []


@pytest.mark.parametrize("block", YAML, ids=block_id)
def test_yaml_example_is_valid_and_registry_examples_match_the_schema(block):
    problems = yaml_problems(block)
    if block.broken:
        assert problems, f"{block_id(block)} is marked as a broken example but is valid"
    else:
        assert problems == [], (f"{block_id(block)}: {problems} (an example of a mistake is marked "
                                "with <!-- example: broken --> on the line above it)")


def test_a_broken_example_must_be_broken():
    tagged = Block("test", 1, "yaml", "claims:\n  - id: !!python/object/apply:os.system [ls]\n", ROOT, True)
    assert yaml_problems(tagged)
    valid = Block("test", 1, "yaml", "schema_version: 1\n", ROOT, True)
    assert not yaml_problems(valid)


@pytest.mark.parametrize("text, valid", [
    ("schema_version: 1\nclaims: []\n", True),
    ("claims:\n  - id: a\n    claim: A.\n    verdict: wrong\n    rationale: R.\n", False),
    ("- id: a\n  claim: A.\n  verdict: accurate\n  rationale: R.\n", True),
    ("- id: a\n  claim: A.\n  verdict: accurate\n", False),  # rationale is required
    ("- id: s\n  title: T\n  publisher: P\n  year: 2024\n", False),  # a source needs a link
    ("flags:\n  - id: x\n    severity: error\n    description: D.\n    colour: red\n", False),
])
def test_registry_examples_are_checked(text, valid):
    block = Block("test", 1, "yaml", text, ROOT)
    data = load_yaml(block)
    assert is_registry_like(data)
    assert (registry_errors(data) == []) is valid


def test_yaml_that_is_not_a_registry_is_only_parsed():
    block = Block("test", 1, "yaml", "repos:\n  - repo: x\n    hooks:\n      - id: claimcheck-lint\n"
                                     "        pass_filenames: false\n", ROOT)
    assert not is_registry_like(load_yaml(block))
    assert not is_registry_like([{"id": "claimcheck-lint", "files": "^claims"}])


def test_an_unquoted_false_in_an_example_fails():
    block = Block("test", 1, "yaml", "claims:\n  - verdict: false\n", ROOT)
    with pytest.raises(AssertionError, match="yaml-implicit-type"):
        load_yaml(block)


# --- generated pages -----------------------------------------------------------------------

def generated():
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_generated", ROOT / "docs" / "_hooks" / "generated.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_registry_reference_lists_every_field_of_the_schema():
    text = generated().registry_fields()
    full = schema()
    for field in full["properties"]:
        assert f"| `{field}` |" in text
    for name, definition in full["$defs"].items():
        for field in definition.get("properties", {}):
            assert f"| `{field}` |" in text
        if "properties" in definition:
            assert f"### {name}" in text
    claim = text.split("### Claim", 1)[1].split("###", 1)[0]
    for field in full["$defs"]["Claim"]["required"]:
        assert f"| `{field}` | **required** |" in claim


def test_the_generated_tables_cover_every_rule_and_verdict():
    from claimcheck.checks import RULES
    from claimcheck.formats.rules import AUDIT_RULES
    from claimcheck.model import Verdict

    module = generated()
    assert all(f"| `{rule}` |" in module.lint_rules() for rule in RULES)
    assert all(f"| `{rule}` |" in module.audit_rules() for rule in AUDIT_RULES)
    verdicts = module.verdicts()
    assert all(f"`{v.value}`" in verdicts or f'`"{v.value}"`' in verdicts for v in Verdict)


@pytest.mark.parametrize("page", [p for p in pages() if "<!-- generated: " in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.name)
def test_the_generated_parts_of_the_pages_are_up_to_date(page):
    text = page.read_text(encoding="utf-8")
    assert generated().refresh(text, page.name) == text, (
        f"{page.relative_to(ROOT)} is stale: run `python docs/_hooks/generated.py` and commit the result"
    )


def test_the_registry_reference_and_the_lint_page_hold_their_generated_parts():
    registry = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
    for name in ("registry-fields", "verdicts", "flags", "audit-rules"):
        assert f"<!-- generated: {name} -->" in registry
    assert "<!-- generated: lint-rules -->" in (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert "<!-- generated: cli-reference -->" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_the_cli_reference_names_every_command_and_option():
    import typer.main

    from claimcheck.cli import app

    text = generated().cli_reference()

    def walk(command, path):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")

    for path, command in walk(typer.main.get_command(app), "claimcheck"):
        assert f"`{path}`" in text, path
        for param in command.params:
            for option in param.opts:
                if option.startswith("-"):
                    assert option in text, (path, option)


def test_an_unknown_or_unterminated_generated_part_is_an_error():
    module = generated()
    with pytest.raises(ValueError, match="unknown generated part"):
        module.refresh("<!-- generated: nonsense -->\n<!-- end generated: nonsense -->\n")
    with pytest.raises(ValueError, match="no '<!-- end generated"):
        module.refresh("<!-- generated: flags -->\n| table |\n")
