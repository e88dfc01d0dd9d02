"""Validate composed registry data against the model, entry by entry, with positions.

Each flag, source, document and claim is validated on its own, so that one bad entry is
reported at its own line and the rest of the registry stays usable for the other checks.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError

from claimcheck.loader import SECTIONS, LoadResult, close_match
from claimcheck.model import (
    SCHEMA_VERSION,
    Claim,
    Document,
    Flag,
    Registry,
    RegistryFile,
    Severity,
    Source,
)

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "flags": Flag,
    "sources": Source,
    "documents": Document,
    "claims": Claim,
}


def build_registry(result: LoadResult, root: str) -> None:
    data = result.data
    for key in data:
        if key not in SECTIONS:
            hint = close_match(str(key), SECTIONS)
            result.problems.append(result.problem(
                (key,), "schema-unknown-section",
                f"unknown section '{key}'" + (f"; {hint}" if hint else ""),
                key=True, fix=f"the sections are: {', '.join(SECTIONS)}"))
    version = data.get("schema_version")
    if version is None:
        result.problems.append(result.problem(
            (), "schema-missing-field", "missing 'schema_version'", fix=f"add 'schema_version: {SCHEMA_VERSION}'"))
    elif version != SCHEMA_VERSION:
        result.problems.append(result.problem(
            ("schema_version",), "schema-version",
            f"schema_version {version!r} is not supported (this claimcheck reads version {SCHEMA_VERSION})"))

    collected: dict[str, dict[str, Any]] = {name: {} for name in SECTION_MODELS}
    for section, model in SECTION_MODELS.items():
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            result.problems.append(result.problem(
                (section,), "schema-type", f"'{section}' must be a list of entries"))
            continue
        for index, item in enumerate(items):
            path = (section, index)
            if not isinstance(item, dict):
                result.problems.append(result.problem(path, "schema-type", f"{section}[{index}] must be a mapping"))
                continue
            try:
                entry = model.model_validate(item)
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    result.problems.append(_schema_problem(result, path, model, error))
                continue
            result.entries.append((section, index, entry))
            collected[section].setdefault(entry.id, entry)

    result.registry = Registry(
        path=result.path,
        root=root,
        flags=collected["flags"],
        sources=collected["sources"],
        documents=collected["documents"],
        claims=collected["claims"],
        positions={
            (entry.id, i): result.position(("claims", index, "appearances", i, "quote"))
            for section, index, entry in result.entries
            if section == "claims" and collected["claims"].get(entry.id) is entry
            for i in range(len(entry.appearances))
        },
    )


def _schema_problem(result: LoadResult, base: tuple, model: type[BaseModel], error: dict):
    loc = tuple(error.get("loc", ()))
    path = base + loc
    kind = error.get("type", "")
    field_name = ".".join(str(p) for p in loc) or "entry"
    where = f"{base[0]}[{base[1]}]"
    if kind == "missing":
        return result.problem(path[:-1], "schema-missing-field",
                              f"{where}: missing required field '{field_name}'",
                              fix=f"add '{loc[-1]}:'" if loc else None)
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        hint = close_match(str(loc[-1]), fields)
        return result.problem(path, "schema-unknown-field",
                              f"{where}: unknown field '{field_name}'" + (f"; {hint}" if hint else ""),
                              key=True, fix=f"allowed fields: {', '.join(fields)}" if fields else None)
    if kind == "string_pattern_mismatch":
        return result.problem(path, "schema-id-format",
                              f"{where}: '{field_name}' must be lower-case letters, digits, '-', '_' or '.', "
                              "starting with a letter or digit")
    if kind in ("enum", "literal_error", "greater_than_equal", "less_than_equal", "too_short", "too_long",
                "string_too_short", "string_too_long"):
        return result.problem(path, "schema-value", f"{where}: '{field_name}': {error.get('msg')}")
    return result.problem(path, "schema-type", f"{where}: '{field_name}': {error.get('msg')}")


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (following nested models)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    import typing

    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = _inner_model(arg) if typing.get_args(arg) else None
        if inner is not None:
            return inner
    return None


def json_schema() -> str:
    """The registry's JSON Schema (draft 2020-12), for editors that validate YAML."""
    schema = RegistryFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://claimcheck.invalid/schema/registry-v1.json"
    schema["title"] = "claimcheck registry (claims.yaml), schema version 1"
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    schema["required"] = ["schema_version"]
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

