"""`claimcheck schema`: a valid Draft 2020-12 JSON Schema that the real registries satisfy and
that catches, in an editor, the mistakes `claimcheck lint` reports as schema errors."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.lint import lint_path
from claimcheck.model import Severity, Verdict
from claimcheck.schema import json_schema
from conftest import FIXTURES, MINI_REGISTRY, ROOT

jsonschema = pytest.importorskip("jsonschema")
Draft202012Validator = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(json_schema())


@pytest.fixture(scope="module")
def validator(schema):
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_command_prints_the_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(json_schema())


def test_it_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("registry", [ROOT / "claims.yaml", MINI_REGISTRY], ids=["project", "mini"])
def test_the_registries_validate(registry, validator):
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []


def test_a_misspelt_field_does_not_validate(validator):
    data = yaml.safe_load(MINI_REGISTRY.read_text(encoding="utf-8"))
    data["claims"][0]["corection"] = data["claims"][0].pop("correction")
    errors = list(validator.iter_errors(data))
    assert errors and "corection" in errors[0].message


def _objects(schema: dict):
    yield "RegistryFile", schema
    yield from schema["$defs"].items()


def test_every_field_has_a_description_for_editors(schema):
    for name, definition in _objects(schema):
        assert definition.get("description"), name
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), \
                f"{name}.{field} has no description: add one to schema.DESCRIPTIONS (or Field(description=...))"


def test_objects_forbid_unknown_fields(schema):
    for name, definition in _objects(schema):
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name


def test_verdict_and_severity_are_enums_of_the_scales(schema):
    assert schema["$defs"]["Verdict"]["enum"] == [v.value for v in Verdict]
    assert schema["$defs"]["Severity"]["enum"] == [s.value for s in Severity]
    assert schema["properties"]["schema_version"]["const"] == 1


SCHEMA_RULES = {"schema-unknown-section", "schema-unknown-field", "schema-missing-field", "schema-type",
                "schema-value", "schema-id-format", "schema-version", "yaml-implicit-type", "source-link-missing",
                "source-url", "source-doi", "source-pmid"}


@pytest.mark.parametrize("path", sorted((FIXTURES / "registries").glob("*.yaml")), ids=lambda p: p.stem)
def test_an_editor_sees_what_lint_reports_as_a_schema_error(path, validator):
    """Every fixture with a schema-level lint error is rejected by the JSON Schema too."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, ValueError):
        pytest.skip("not YAML an editor could validate")
    _, findings = lint_path(str(path))
    if {f.rule for f in findings} & SCHEMA_RULES:
        assert list(validator.iter_errors(data)), f"{path.name}: lint finds schema errors, the JSON Schema none"
