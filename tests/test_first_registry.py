"""docs/first-registry.md, run step by step: the template lints clean, the required-fields table
matches the JSON Schema, and the walkthrough (add, edit the drafts, lint --strict, audit) gives
exactly the files and outputs the page shows."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from conftest import ROOT

PAGE = ROOT / "docs" / "first-registry.md"
runner = CliRunner()


def block(marker: str) -> str:
    """The fenced block that follows ``<!-- marker -->`` on the page."""
    text = PAGE.read_text(encoding="utf-8")
    found = re.search(r"<!-- " + re.escape(marker) + r" -->\n```[a-z]*\n(.*?)```\n", text, re.DOTALL)
    assert found, f"no block marked {marker!r} in {PAGE}"
    return found.group(1)


def console(marker: str) -> tuple[list[str], str]:
    """(arguments, expected output) of a ``$ claimcheck ...`` console block."""
    import shlex

    command, _, output = block(marker).partition("\n")
    words = shlex.split(command.removeprefix("$ "))
    assert words[0] == "claimcheck"
    return words[1:], output


def run(args: list[str]):
    # stdout and stderr as a terminal would show them, at a width where nothing wraps
    return runner.invoke(app, args, env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_the_template_passes_lint_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(block("walkthrough: article.txt"), encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(block("test: template"), encoding="utf-8")
    result = run(["lint", "--strict"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "claims.yaml: no problems\n"


def test_the_required_fields_table_is_the_schemas():
    from claimcheck.schema import json_schema

    schema = json.loads(json_schema())
    definitions = schema["$defs"]
    table = {}
    for row in PAGE.read_text(encoding="utf-8").split("<!-- test: required -->")[1].split("\n\n")[0].splitlines()[3:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        table[cells[0]] = re.findall(r"`([a-z_]+)`", cells[1])
    claim_required = definitions["Claim"]["required"] + definitions["Claim"]["else"]["required"]
    assert table == {
        "registry": schema["required"],
        "flag": definitions["Flag"]["required"],
        "source": definitions["Source"]["required"],
        "document": definitions["Document"]["required"],
        "claim": [name for name in definitions["Claim"]["properties"] if name in claim_required + ["appearances"]],
        "appearance": definitions["Appearance"]["required"],
        "review": definitions["Review"]["required"],
    }
    # appearances has a default in the model but must hold at least one: lint requires it
    assert definitions["Claim"]["properties"]["appearances"]["minItems"] == 1


def test_the_walkthrough(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert list(tmp_path.iterdir()) == []  # an empty folder
    # 1. a document
    (tmp_path / "article.txt").write_text(block("walkthrough: article.txt"), encoding="utf-8")
    # 2. claimcheck add: the registry it starts, and the drafts in it
    args, expected = console("walkthrough: add")
    result = run(args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout + result.stderr == expected
    assert (tmp_path / "claims.yaml").read_text(encoding="utf-8") == block("walkthrough: drafts")
    args, expected = console("walkthrough: lint drafts")
    result = run(args)
    assert result.exit_code == 1 and result.stdout.rstrip("\n") == expected.rstrip("\n")
    queue = run(["list", "--verdict", "unreviewed", "-f", "json"])
    assert len(json.loads(queue.stdout)) == 3
    # 3. the drafts, reviewed
    (tmp_path / "claims.yaml").write_text(block("walkthrough: reviewed"), encoding="utf-8")
    # 4. a clean lint
    args, expected = console("walkthrough: lint")
    result = run(args)
    assert result.exit_code == 0 and result.stdout == expected
    # 5. the first audit
    args, expected = console("walkthrough: audit")
    result = run(args)
    assert result.exit_code == 1 and result.stdout.rstrip("\n") == expected.rstrip("\n")


@pytest.mark.parametrize("marker", ["walkthrough: drafts", "walkthrough: reviewed", "test: template"])
def test_the_pages_yaml_is_yaml(marker):
    import yaml

    assert yaml.safe_load(block(marker))["schema_version"] == 1
