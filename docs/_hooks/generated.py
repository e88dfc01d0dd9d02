"""The parts of the documentation generated from the code: a MkDocs hook and a refresher.

A page holds a generated part between two marker lines of their own::

    <!-- generated: registry-fields -->
    ...
    <!-- end generated: registry-fields -->

The registry's fields come from its JSON Schema (``claimcheck schema``), the lint rules from
``claimcheck.checks.RULES`` (``claimcheck rules``), the verdicts from the ``Verdict`` enum, the
flags from the bundled ``claims.yaml`` and the command-line reference from Typer's own
``typer claimcheck.cli utils docs``. The generated text is kept in the page, so it reads on
GitHub too (except the command-line reference, whose form depends on the Typer version); when
the site is built, the hook generates it afresh (the site can never be stale), and
tests/test_docs.py fails when the committed text differs from what the code generates.

    python docs/_hooks/generated.py          # rewrite the generated parts of docs/*.md

An unknown or unterminated marker fails the build.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)
PART = re.compile(r"^<!-- generated: ([a-z-]+) -->\n.*?^<!-- end generated: \1 -->$", re.M | re.S)

# What each verdict means, for the registry reference. A verdict added to the model without a
# meaning here fails the build.
VERDICT_MEANING = {
    "accurate": "What the evidence shows, stated without distortion.",
    "mostly-accurate": "Right in substance, with a detail that is imprecise or missing.",
    "mixed": "Part right and part wrong, or right in one setting and wrong in another.",
    "misleading": "Literally defensible, but framed so that a reader draws a false conclusion.",
    "unsupported": "A factual statement or number for which no evidence was given and none was found.",
    "false": "Contradicted by authoritative sources.",
    "not-a-claim": "Not a factual claim: a sales pitch, a call to action, or off-topic material.",
    "unreviewed": "A draft not yet reviewed (written by `claimcheck add`): audits show it as \"not yet reviewed\", "
                  "never as a verdict; `lint --strict` fails while one is left.",
}

# The order in which the registry reference describes the schema's definitions: each top-level
# section first, then the entries nested inside a claim.
SECTION_ENTRIES = {"flags": "Flag", "sources": "Source", "documents": "Document", "claims": "Claim"}
NESTED = ("Appearance", "Pattern", "PatternExamples")


def refresh(markdown: str, where: str = "", *, build: bool = False) -> str:
    """``markdown`` with every generated part generated afresh (``build``: for the site, with the
    parts that are only generated there)."""
    names = START.findall(markdown)
    parts = PART.findall(markdown)
    for name in names:
        if name not in GENERATORS:
            raise ValueError(f"{where}: unknown generated part {name!r}")
    if len(parts) != len(names):
        raise ValueError(f"{where}: a generated part has no '<!-- end generated: NAME -->' line")

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in BUILD_ONLY and not build:
            return f"<!-- generated: {name} -->\n<!-- end generated: {name} -->"
        return f"<!-- generated: {name} -->\n\n{GENERATORS[name]().strip()}\n\n<!-- end generated: {name} -->"

    return PART.sub(replace, markdown)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return refresh(markdown, page.file.src_path, build=True)


def _schema() -> dict:
    from claimcheck.schema import json_schema

    return json.loads(json_schema())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(name: str) -> str:
    return name.lower()


def _type(prop: dict, defs: dict) -> str:
    """A field's type in words, with its constraints: 'id', 'text', 'list of Appearance', ..."""
    if len(prop.get("allOf", [])) == 1:  # older pydantic wraps a $ref that has a default
        prop = {**prop, **prop["allOf"][0]}
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    prop = options[0] if len(options) == 1 else prop
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        target = defs[name]
        if "enum" in target:
            return " \\| ".join(_value(value) for value in target["enum"])
        return f"[{name}](#{_anchor(name)})"
    kind = prop.get("type")
    if kind == "array":
        item = _type(prop["items"], defs)
        text = f"list of {item}s" if item in ("id", "text") else f"list of {item}"
        if prop.get("minItems"):
            text += f" (at least {prop['minItems']})"
        return text
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        if "const" in prop:
            return f"integer, always `{prop['const']}`"
        if low is not None and high is not None:
            return f"integer, {low} to {high}"
        if low is not None:
            return f"integer, {low} or more"
        return "integer"
    if kind == "string":
        if prop.get("pattern") == r"^[a-z0-9][a-z0-9._-]*$":
            return "id"
        text = "text"
        if prop.get("pattern"):
            text += f" matching `{prop['pattern']}`"
        return text
    return kind or "any"


def _value(value: str) -> str:
    """An enum value as it must be written in YAML ("false" needs its quotes)."""
    return f'`"{value}"`' if value in ("false", "true", "no", "yes", "on", "off") else f"`{value}`"


def _conditions() -> dict[tuple[str, str], str]:
    """Fields the schema lists as optional that `claimcheck lint` requires for some verdicts
    (rules correction-missing and source-missing)."""
    from claimcheck.model import Verdict

    def verdicts(test) -> str:
        names = [_value(v.value) for v in Verdict if test(v)]
        return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]

    return {
        ("Claim", "correction"): f"**required** if the verdict is {verdicts(lambda v: v.needs_correction)}; "
                                 "otherwise optional",
        ("Claim", "sources"): f"**at least one** if the verdict is {verdicts(lambda v: v.needs_source)}; "
                              "otherwise optional",
    }


def _fields_table(name: str, definition: dict, defs: dict, conditions: dict) -> str:
    required = set(definition.get("required", []))
    one_of = [o["required"][0] for o in definition.get("anyOf", []) if list(o) == ["required"]]
    rows = ["| field | required | type | what it holds |", "| --- | --- | --- | --- |"]
    for field, prop in definition["properties"].items():
        need = "**required**" if field in required else "optional"
        if field in one_of:
            need = "one of " + ", ".join(f"`{f}`" for f in one_of) + " required"
        if (name, field) in conditions:
            need = conditions[(name, field)]
        default = prop.get("default")
        description = prop.get("description", "")
        if default not in (None, [], {}):
            description += f" Default: `{default}`."
        rows.append(f"| `{field}` | {need} | {_type(prop, defs)} | {_cell(description)} |")
    return "\n".join(rows)


def registry_fields() -> str:
    schema = _schema()
    defs = schema["$defs"]
    conditions = _conditions()
    out = [
        "### Top level",
        "",
        _cell(schema["description"]),
        "",
        _fields_table("RegistryFile", schema, defs, conditions),
    ]
    for section, name in SECTION_ENTRIES.items():
        out += _definition(name, defs, conditions, f"Each entry of `{section}:`.")
    for name in NESTED:
        out += _definition(name, defs, conditions, "")
    missing = set(defs) - set(SECTION_ENTRIES.values()) - set(NESTED) - {"Verdict", "Severity", "Stance", "SlotKind"}
    if missing:  # a new definition in the schema: describe it rather than leave it out
        for name in sorted(missing):
            out += _definition(name, defs, conditions, "")
    return "\n".join(out) + "\n"


def _definition(name: str, defs: dict, conditions: dict, intro: str) -> list[str]:
    definition = defs[name]
    lines = ["", f"### {name}", "", " ".join(p for p in (intro, _cell(definition.get("description", ""))) if p)]
    lines += ["", _fields_table(name, definition, defs, conditions)]
    return lines


def verdicts() -> str:
    from claimcheck.export import RATING_VALUE
    from claimcheck.model import Verdict

    missing = [v.value for v in Verdict if v.value not in VERDICT_MEANING]
    if missing:
        raise ValueError(f"docs/_hooks/generated.py: no meaning written for verdict(s) {missing}")
    rows = ["| verdict | meaning | correction | sources | ClaimReview rating |",
            "| --- | --- | --- | --- | ---: |"]
    for verdict in Verdict:
        shown = _value(verdict.value)
        rating = RATING_VALUE.get(verdict)
        rows.append(
            f"| {shown} | {VERDICT_MEANING[verdict.value]} "
            f"| {'required' if verdict.needs_correction else 'optional'} "
            f"| {'at least one' if verdict.needs_source else 'optional'} "
            f"| {rating if rating is not None else 'not exported'} |"
        )
    return "\n".join(rows) + "\n"


def flags() -> str:
    import yaml

    data = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    rows = ["| flag | severity | meaning |", "| --- | --- | --- |"]
    for flag in data["flags"]:
        rows.append(f"| `{flag['id']}` | {flag['severity']} | {_cell(flag['description'])} |")
    return "\n".join(rows) + "\n"


def audit_rules() -> str:
    from claimcheck.formats.rules import AUDIT_RULES

    rows = ["| rule | severity | when |", "| --- | --- | --- |"]
    for rule, (severity, summary) in AUDIT_RULES.items():
        rows.append(f"| `{rule}` | {severity.value} | {_cell(summary)} |")
    return "\n".join(rows) + "\n"


def lint_rules() -> str:
    from claimcheck.checks import RULES

    rows = ["| rule | severity | what it catches |", "| --- | --- | --- |"]
    for rule in RULES.values():
        rows.append(f"| `{rule.id}` | {rule.severity.value} | {_cell(rule.summary)} |")
    return "\n".join(rows) + "\n"


def cli_reference() -> str:
    """Typer's Markdown for the whole app, its headings one level down (the page has its own
    title), and the help option as the program spells it (``-h, --help``)."""
    from claimcheck.cli import app

    result = subprocess.run(
        [sys.executable, "-m", "typer", "claimcheck.cli", "utils", "docs", "--name", "claimcheck"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    help_names = ", ".join(app.info.context_settings.get("help_option_names", ["--help"]))
    lines = []
    fenced = False
    for line in result.stdout.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = "#" + line
        if line.startswith("* `--help`:"):
            line = f"* `{help_names}`:" + line[len("* `--help`:"):]
        lines.append(line)
    return "\n".join(lines) + "\n"


# Typer's Markdown differs between Typer versions, so the command-line reference is generated
# only for the site, never kept in the page (tests/test_docs.py checks it is complete).
BUILD_ONLY = {"cli-reference"}

GENERATORS = {
    "cli-reference": cli_reference,
    "registry-fields": registry_fields,
    "verdicts": verdicts,
    "flags": flags,
    "audit-rules": audit_rules,
    "lint-rules": lint_rules,
}


def main() -> None:
    """Rewrite the generated parts of every page in docs/."""
    for page in sorted((ROOT / "docs").glob("**/*.md")):
        text = page.read_text(encoding="utf-8")
        fresh = refresh(text, str(page.relative_to(ROOT)))
        if fresh != text:
            page.write_text(fresh, encoding="utf-8")
            print(f"updated {page.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
