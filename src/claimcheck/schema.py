"""Validate composed registry data against the model, entry by entry, with positions.

Each flag, source, document and claim is validated on its own, so that one bad entry is
reported at its own line and the rest of the registry stays usable for the other checks.
"""

from __future__ import annotations

import copy
import difflib
import json
from typing import Any, Optional

from pydantic import BaseModel, ValidationError

from claimcheck.registry_file import SECTIONS, LoadResult, close_match
from claimcheck.registry_file import short as _short
from claimcheck.memory import check as check_memory
from claimcheck.model import (
    SCHEMA_VERSION,
    Claim,
    Document,
    DraftClaim,
    Flag,
    Registry,
    RegistryFile,
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
    for key in list(data):
        if key not in SECTIONS:
            _unknown_section(result, data, key)
    version = data.get("schema_version")
    if version is None:
        if ("schema_version",) not in result.reported:
            result.problems.append(result.problem(
                (), "schema-missing-field", "missing 'schema_version'",
                fix=f"add 'schema_version: {SCHEMA_VERSION}' as the first line"))
    elif version != SCHEMA_VERSION and ("schema_version",) not in result.reported:
        result.problems.append(_version_problem(result, version))

    collected: dict[str, dict[str, Any]] = {name: {} for name in SECTION_MODELS}
    for section, model in SECTION_MODELS.items():
        items = data.get(section)
        declared = result.declared.setdefault(section, set())
        if items is None:
            continue
        if not isinstance(items, list):
            if (section,) not in result.reported:
                result.problems.append(result.problem(
                    (section,), "schema-type", f"'{section}' must be a list of entries, not {_kind(items)}",
                    fix=f"write each entry as '  - id: ...' under '{section}:'"))
            continue
        validate = model.model_validate
        drafts = DraftClaim.model_validate if model is Claim else validate
        for index, item in enumerate(items):
            if not index & 63:
                check_memory()
            path = (section, index)
            if not isinstance(item, dict):
                if path not in result.reported:
                    result.problems.append(result.problem(
                        path, "schema-type", f"{section}[{index}] must be a mapping of fields, not {_kind(item)}",
                        fix="write the entry's fields under its '- ', one 'name: value' per line"))
                continue
            item_id = item.get("id")
            if isinstance(item_id, str):
                declared.add(item_id)
            try:
                entry = (drafts if item.get("verdict") == "unreviewed" else validate)(item)
            except ValidationError as exc:
                raw_errors = exc.errors(include_url=False)
                errors = _grouped_missing(_without_misspelt_missing(model, raw_errors))
                for error in errors:
                    problem = _schema_problem(result, path, model, error, item_id)
                    if problem is not None:
                        result.problems.append(problem)
                entry = _read_as_meant(result, path, model, item, raw_errors)
                if entry is None:
                    continue
            result.entries.append((section, index, entry))
            collected[section].setdefault(entry.id, entry)

    position = result.position
    result.registry = Registry(
        path=result.path,
        root=root,
        flags=collected["flags"],
        sources=collected["sources"],
        documents=collected["documents"],
        claims=collected["claims"],
        positions={
            (entry.id, i): position(("claims", index, "appearances", i, "quote"))
            for section, index, entry in result.entries
            if section == "claims" and collected["claims"].get(entry.id) is entry
            for i in range(len(entry.appearances))
        },
    )
    result.registry.positions.update(_document_positions(result, collected["documents"]))


def _document_positions(result: LoadResult, documents: dict) -> dict:
    """(document id, "path") -> (line, column) of each used document's ``path`` (for audit's errors)."""
    return {(entry.id, "path"): result.position(("documents", index, "path"))
            for section, index, entry in result.entries
            if section == "documents" and documents.get(entry.id) is entry}


def _version_problem(result: LoadResult, version: Any):
    if isinstance(version, str) and version.strip() == str(SCHEMA_VERSION):
        return result.problem(("schema_version",), "schema-version",
                              f"schema_version must be the number {SCHEMA_VERSION}, not the string {version!r}",
                              fix=f"write 'schema_version: {SCHEMA_VERSION}' without quotes")
    return result.problem(("schema_version",), "schema-version",
                          f"schema_version {version!r} is not supported (this claimcheck reads version {SCHEMA_VERSION})",
                          fix=f"write 'schema_version: {SCHEMA_VERSION}', or use the claimcheck the registry was written for")


def _unknown_section(result: LoadResult, data: dict, key: str) -> None:
    """Report an unknown top-level key; when it is a typo of a missing section, read it as that one.

    ``flgas:`` is reported once, and its entries are still validated as flags, so a typo does
    not turn into one 'undefined flag' error per claim.
    """
    found = difflib.get_close_matches(str(key), SECTIONS, n=1, cutoff=0.6)
    meant = found[0] if found else None
    message = f"unknown section '{key}'"
    if meant:
        message += f"; did you mean '{meant}'?"
    result.problems.append(result.problem(
        (key,), "schema-unknown-section", message, key=True, fix=f"the sections are: {', '.join(SECTIONS)}"))
    if meant and meant not in data:
        data[meant] = data.pop(key)
        for table in (result.marks, result.key_marks):
            moved = [path for path in table if path and path[0] == key]
            for path in moved:
                table[(meant,) + path[1:]] = table.pop(path)
        result.reported.update({(meant,) + path[1:] for path in result.reported if path and path[0] == key})


def _read_as_meant(result: LoadResult, path: tuple, model: type[BaseModel], item: dict, errors: list):
    """The entry as its author meant it, when its only mistakes are misspelt field names.

    ``apperances:`` is reported once (unknown field, did you mean 'appearances'?), and the
    entry is then read with the field it meant, so that every other check of the same run
    sees it: its quotes are checked, its document is not 'without claims'. Returns None when
    anything else is wrong, or a misspelling has no single meaning.
    """
    renames = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if error.get("type") == "missing":
            continue
        if error.get("type") != "extra_forbidden" or not loc:
            return None
        found = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
        parent = _at(item, loc[:-1])
        if not found or not isinstance(parent, dict) or found[0] in parent:
            return None
        renames.append((loc[:-1], loc[-1], found[0]))
    if not renames:
        return None
    fixed = copy.deepcopy(item)
    for where, old, new in renames:
        parent = _at(fixed, where)
        parent.clear()
        parent.update((new if key == old else key, value) for key, value in _at(item, where).items())
    try:
        entry = model.model_validate(fixed)
    except ValidationError:
        return None
    item.clear()
    item.update(fixed)  # the data the other checks read (references count the claim's documents)
    for where, old, new in renames:
        before, after = path + where + (old,), path + where + (new,)
        for table in (result.marks, result.key_marks):
            for key in [k for k in table if k[:len(before)] == before]:
                table[after + key[len(before):]] = table.pop(key)
    return entry


def _at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _without_misspelt_missing(model: type[BaseModel], errors: list) -> list:
    """Drop 'missing field X' when an unknown field next to it is a misspelling of X.

    ``verdcit: "false"`` is one mistake: it is reported once, as an unknown field with
    "did you mean 'verdict'?", not a second time as a missing verdict.
    """
    meant = set()
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if error.get("type") == "extra_forbidden" and loc:
            found = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6)
            if found:
                meant.add(loc[:-1] + (found[0],))
    if not meant:
        return errors
    return [e for e in errors if not (e.get("type") == "missing" and tuple(e.get("loc", ())) in meant)]


def _grouped_missing(errors: list) -> list:
    """One 'missing' error per mapping, naming every missing field of it (in the model's order)."""
    grouped: dict[tuple, dict] = {}
    kept = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if error.get("type") != "missing" or not loc:
            kept.append(error)
            continue
        first = grouped.get(loc[:-1])
        if first is None:
            grouped[loc[:-1]] = dict(error, names=[loc[-1]])
            kept.append(grouped[loc[:-1]])
        else:
            first["names"].append(loc[-1])
    return kept


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number"}.get(type(value), "empty")


def _already_reported(result: LoadResult, path: tuple) -> bool:
    """Whether the loader reported an error at ``path`` or one of its ancestors."""
    reported = result.reported
    if not reported:
        return False
    return any(path[:i] in reported for i in range(len(path), 0, -1))


def _schema_problem(result: LoadResult, base: tuple, model: type[BaseModel], error: dict, entry_id: Any = None):
    loc = tuple(error.get("loc", ()))
    path = base + loc
    if _already_reported(result, path):
        return None
    kind = error.get("type", "")
    field_name = ".".join(str(p) for p in loc) or "entry"
    where = f"{base[0][:-1]} '{_short(entry_id)}'" if isinstance(entry_id, str) else f"{base[0]}[{base[1]}]"
    if kind == "missing":
        names = error.get("names") or [loc[-1]]
        prefix = ".".join(str(p) for p in loc[:-1])
        listed = ", ".join(f"'{prefix + '.' if prefix else ''}{name}'" for name in names)
        return result.problem(path[:-1], "schema-missing-field",
                              f"{where}: missing required field{'s' if len(names) > 1 else ''} {listed}",
                              fix=f"add {', '.join(f'{name}:' for name in names)}")
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        hint = close_match(str(loc[-1]), fields)
        return result.problem(path, "schema-unknown-field",
                              f"{where}: unknown field '{field_name}'" + (f"; {hint}" if hint else ""),
                              key=True, fix=_unknown_field_fix(hint, fields))
    if kind == "string_pattern_mismatch":
        return result.problem(path, "schema-id-format",
                              f"{where}: '{field_name}' must be lower-case letters, digits, '-', '_' or '.', "
                              "starting with a letter or digit", fix="rename it, e.g. 'ketamine-not-controlled'")
    if kind in ("enum", "literal_error", "greater_than_equal", "less_than_equal", "too_short", "too_long",
                "string_too_short", "string_too_long"):
        return result.problem(path, "schema-value", f"{where}: '{field_name}': {error.get('msg')}",
                              fix=_value_fix(loc, error))
    return result.problem(path, "schema-type", f"{where}: '{field_name}': {error.get('msg')}",
                          fix=_type_fix(loc, error))


def _value_fix(loc: tuple, error: dict) -> str:
    expected = (error.get("ctx") or {}).get("expected")
    if expected:
        return f"use one of {expected}"
    if "too_short" in error.get("type", ""):
        return "give it at least one item" if "list" in str(error.get("msg", "")).lower() else "write a value"
    return "use a value within the range given"


def _type_fix(loc: tuple, error: dict) -> str:
    kind = error.get("type", "")
    if kind.startswith("date"):
        return 'write the date as "YYYY-MM-DD", in quotes'
    if kind == "list_type":
        return "write a list: [a, b] or one '- item' per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write the fields under it, one 'name: value' per line"
    if kind.startswith("int"):
        return "write a whole number, without quotes"
    if kind.startswith("string"):
        return "write it as text (in quotes if it looks like a number or a date)"
    return "correct the value's type"


def _unknown_field_fix(hint: str, fields: list[str]) -> Optional[str]:
    if hint:  # "did you mean 'appearances'?"
        return f"rename it to {hint[len('did you mean '):-1]}"
    return f"remove it; the allowed fields are: {', '.join(fields)}" if fields else "remove it"


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


# Editor help for every field of the JSON Schema (VS Code YAML, PyCharm show these on hover),
# unless the model gives one (Field(description=...)). tests/test_schema.py fails when a field
# of the model has neither.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "RegistryFile": {
        "": "claimcheck registry (claims.yaml): the reviewed claims found in a set of documents, "
            "with the flags, sources and documents they refer to. Checked by `claimcheck lint`.",
        "schema_version": "Version of this file's format. Always 1.",
        "flags": "The taxonomy of problems a claim can have; each claim lists flag ids.",
        "sources": "Evidence, by id: papers, regulators' pages, guidelines. Claims cite them in 'sources'.",
        "documents": "The audited texts, by id; each path is relative to this file's folder.",
        "claims": "The reviewed claims: one entry per claim, listing every document it appears in.",
    },
    "Flag": {
        "": "A kind of problem, with the severity findings of claims carrying it get.",
        "id": "Stable id: lower-case letters, digits, '-', '_' or '.' (e.g. factually-wrong).",
        "severity": "How serious a claim with this flag is: error, warning or info. "
                    "A claim is as severe as its most severe flag.",
        "description": "What the flag means, in one sentence.",
    },
    "Source": {
        "": "A piece of evidence. Give at least one of url, doi, pmid.",
        "id": "Stable id cited from claims' 'sources' (e.g. zarate-2006-arch-gen-psychiatry).",
        "title": "The page's or paper's real title.",
        "publisher": "The publisher, or the journal for a paper.",
        "authors": "Authors, for papers (e.g. 'Li N, Lee B, Liu RJ, et al.').",
        "year": "Publication year (or the year a page was last updated or consulted).",
        "url": "An https link a reader can follow.",
        "doi": "DOI without the resolver, e.g. 10.1126/science.1190287.",
        "pmid": "PubMed id, as a QUOTED string of digits: pmid: \"20724638\".",
        "note": "What this source establishes, in a line or two.",
    },
    "Document": {
        "": "An audited text file.",
        "id": "Stable id used by claims' appearances (by convention the file's stem).",
        "path": "The text file, relative to the registry's folder; it must stay inside that folder.",
        "title": "The document's title as published.",
        "publisher_type": "What kind of publisher it is (e.g. clinic marketing blog, ad-supported health news site).",
        "url": "Where the document was published, if known.",
    },
    "Claim": {
        "": "One reviewed claim: the verdict, rationale, correction and evidence are written once, "
            "however many documents the claim appears in.",
        "id": "Stable, descriptive id (e.g. ketamine-not-controlled).",
        "claim": "The claim restated neutrally, in one sentence.",
        "verdict": "The review's verdict. Quote \"false\": unquoted, YAML 1.1 tools read it as a boolean.",
        "flags": "Flag ids (from 'flags'); may be [] for an accurate claim.",
        "rationale": "Why the verdict, in one to four sentences, naming the evidence.",
        "correction": "Required for \"false\" and misleading: a sentence a writer could use instead.",
        "sources": "Source ids (from 'sources'); at least one for \"false\", misleading and accurate.",
        "appearances": "Where the claim appears: a verbatim quote in each document.",
        "patterns": "Optional RE2 patterns that find rewordings of the claim in new texts.",
        "slots": "Optional: what the claim says about a share of people (rate) or a time span "
                 "(duration), as a range with the words that carry it; a sentence with a value in "
                 "the range states the claim, one with a value outside it does not.",
        "subject": "What the claim is about, as a regular expression (e.g. 'ketamine|ketalar'): a pattern "
                   "or fuzzy match counts only in a sentence that names it, or refers to it in a document "
                   "that names it.",
        "key_words": "Optional: words that carry the claim's point (e.g. [regrow, neurons]); a restatement "
                     "of the claim found by similarity (fuzzy or semantic) counts only in a sentence that "
                     "holds one of them (with its inflections, as a slot's words: regrow finds regrowing).",
        "reviewed": "Who last reviewed the verdict against its sources, and when: "
                    "{date: \"YYYY-MM-DD\", by: name}. `claimcheck lint --max-age` warns when it is old.",
    },
    "Review": {
        "": "The last review of a claim's verdict.",
        "date": "When the verdict was last checked against its sources, as a QUOTED date: \"2026-05-14\".",
        "by": "Who reviewed it (a name or a team).",
        "next_review": "When to review it again, as a quoted date; `claimcheck lint` warns once it has passed.",
        "note": "What changed in the evidence since the previous review, or what to watch for.",
    },
    "Appearance": {
        "": "One place a claim appears: a verbatim quote from a registered document.",
        "document": "Document id (from 'documents').",
        "quote": "The passage, copied exactly from the document (a clause or a sentence).",
        "occurrence": "Which occurrence is meant (1 = first), only when the quote occurs more than once.",
    },
    "Pattern": {
        "": "A regular expression (RE2 syntax: no backreferences, no lookaround), matched "
            "case-insensitively against one normalised sentence at a time.",
        "regex": "The pattern; write it in single quotes so backslashes stay as they are.",
        "stance": "What a match means: asserts (the default) for wordings of the claim, "
                  "agrees-with-evidence for wordings of its correction.",
        "examples": "Sentences the pattern must and must not match; `claimcheck lint` runs them.",
    },
    "PatternExamples": {
        "": "Test sentences for a pattern.",
        "match": "Sentences the pattern must match (at least one).",
        "no_match": "Sentences the pattern must not match.",
    },
    "Slot": {
        "": "A quantity or time span the claim states, e.g. {kind: rate, range: 60-85 %, words: "
            "[respond, improve]}. Values are read in every common form: 70%, 65-75 percent, seven in "
            "ten, 4 out of 5, two-thirds, most; 90 minutes, about four hours, within the hour, "
            "overnight, by the next morning, within days.",
        "kind": "rate (a share of people, in percent) or duration (a time span).",
        "range": "The values that state the claim: 'A-B unit', '<= N unit' or '>= N unit'; a rate in %, "
                 "a duration in min, h, d, weeks, months or years (e.g. '60-85 %', '<= 24 h', '>= 2 weeks'). "
                 "A value counts by its middle: '70-80%' is 75%, 'most' 75%, 'fewer than half' 22%.",
        "words": "The sentence must hold one of these words (each may go on with more letters: respond "
                 "finds responds and responded).",
        "unless": "Words that make a sentence something else (e.g. side effect, dizziness, during for "
                  "a claim about how soon relief comes): a sentence holding one is not the slot's.",
        "correction": "Optional range whose values state the correction (e.g. '<= 10 d' for benefit "
                      "that lasts days, not weeks).",
        "examples": "Sentences that must state the slot (match), its correction (correction), or not "
                    "state it (no_match); `claimcheck lint` runs them.",
    },
    "SlotExamples": {
        "": "Test sentences for a slot (the words and the value are tested; the subject is not).",
        "match": "Sentences whose value lies in the range.",
        "no_match": "Sentences that must not state the claim (other values, or without the words).",
        "correction": "Sentences whose value lies in the correction's range.",
    },
    "SlotKind": {
        "": "rate | duration.",
    },
    "Verdict": {
        "": "accurate | mostly-accurate | mixed | misleading | unsupported | false | not-a-claim, "
            "or unreviewed for a draft that still needs a review (rationale may wait; lint warns).",
    },
    "Severity": {
        "": "error | warning | info.",
    },
    "Stance": {
        "": "asserts | agrees-with-evidence.",
    },
}

_FORMATS = {
    ("Source", "url"): {"format": "uri", "pattern": "^https://"},
    ("Source", "doi"): {"pattern": r"^10\.\d{4,9}/\S+$"},
    ("Source", "pmid"): {"pattern": "^[1-9][0-9]{0,8}$"},
}


def json_schema() -> str:
    """The registry's JSON Schema (draft 2020-12), for editors that validate YAML.

    Generated from the pydantic models (so it cannot drift from what `lint` accepts), with a
    description on every field, the verdict and severity scales as enums, no unknown fields
    (additionalProperties: false) and the checks a schema can express (https URLs, DOI and
    PMID forms, at least one link per source).
    """
    schema = RegistryFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://claimcheck.invalid/schema/registry-v1.json"
    schema["title"] = "claimcheck registry (claims.yaml), schema version 1"
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    schema["required"] = ["schema_version"]
    definitions = schema.setdefault("$defs", {})
    for name, fields in DESCRIPTIONS.items():
        target = schema if name == "RegistryFile" else definitions.get(name)
        if target is None:
            continue
        target["description"] = fields[""]  # class docstrings are written for developers
        for field_name, description in fields.items():
            prop = target.get("properties", {}).get(field_name)
            if prop is not None:
                prop.setdefault("description", description)  # a Field(description=...) in model.py wins
    for (name, field_name), extra in _FORMATS.items():
        prop = definitions[name]["properties"][field_name]
        for variant in prop.get("anyOf", [prop]):
            if variant.get("type") == "string":
                variant.update(extra)
    definitions["Source"]["anyOf"] = [{"required": [name]} for name in ("url", "doi", "pmid")]
    claim = definitions["Claim"]  # a draft (verdict: unreviewed) may leave its rationale for the review
    claim["required"] = [name for name in claim["required"] if name != "rationale"]
    claim["if"] = {"properties": {"verdict": {"const": "unreviewed"}}}
    claim["else"] = {"required": ["rationale"]}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
