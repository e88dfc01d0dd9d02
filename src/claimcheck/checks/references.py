"""Every id a claim uses is defined, ids are unique, and nothing defined goes unused.

Failing example::

    claims:
      - id: not-controlled
        flags: [factualy-wrong]     # ref-undefined: no flag 'factualy-wrong'
"""

from __future__ import annotations

from claimcheck.checks import _rule
from claimcheck.registry_file import close_match

RULES = dict([
    _rule("ref-undefined", "error", "A claim names a document, flag or source id that is not defined."),
    _rule("duplicate-id", "error", "Two entries of one section share an id."),
    _rule("unused-source", "warning", "A source that no claim cites."),
    _rule("unused-flag", "warning", "A flag that no claim uses."),
    _rule("document-without-claims", "warning", "A document with no claim appearing in it."),
])


def run(ctx):
    registry = ctx.registry
    for section in ("flags", "sources", "documents", "claims"):
        first_index: dict[str, int] = {}
        for index, entry in ctx.entries(section):
            if entry.id in first_index:
                first = ctx.result.position((section, first_index[entry.id], "id"))[0]
                yield ctx.problem((section, index, "id"), "duplicate-id",
                                  f"{section[:-1]} id '{entry.id}' is already defined at line {first}",
                                  fix="give each entry its own id")
            else:
                first_index[entry.id] = index

    declared = ctx.result.declared
    defined_flags = registry.flags.keys() | declared.get("flags", set())
    defined_sources = registry.sources.keys() | declared.get("sources", set())
    defined_documents = registry.documents.keys() | declared.get("documents", set())
    for index, claim in ctx.entries("claims"):
        for i, flag in enumerate(claim.flags):
            if flag not in defined_flags:
                hint = close_match(flag, registry.flags)
                yield ctx.problem(("claims", index, "flags", i), "ref-undefined",
                                  f"claim '{claim.id}' uses undefined flag '{flag}'" + (f"; {hint}" if hint else ""),
                                  fix="define it under 'flags:' or use one that is defined")
        for i, source in enumerate(claim.sources):
            if source not in defined_sources:
                hint = close_match(source, registry.sources)
                yield ctx.problem(("claims", index, "sources", i), "ref-undefined",
                                  f"claim '{claim.id}' cites undefined source '{source}'" + (f"; {hint}" if hint else ""),
                                  fix="define it under 'sources:'")
        for i, appearance in enumerate(claim.appearances):
            if appearance.document not in defined_documents:
                hint = close_match(appearance.document, registry.documents)
                yield ctx.problem(("claims", index, "appearances", i, "document"), "ref-undefined",
                                  f"claim '{claim.id}' appears in undefined document '{appearance.document}'"
                                  + (f"; {hint}" if hint else ""), fix="define it under 'documents:'")

    used_flags, used_sources, used_documents = _used_ids(ctx.result.data)
    for index, source in ctx.entries("sources"):
        if source.id not in used_sources:
            yield ctx.problem(("sources", index, "id"), "unused-source", f"source '{source.id}' is not cited by any claim",
                              fix="cite it from a claim or remove it")
    for index, flag in ctx.entries("flags"):
        if flag.id not in used_flags:
            yield ctx.problem(("flags", index, "id"), "unused-flag", f"flag '{flag.id}' is not used by any claim",
                              fix="use it on a claim or remove it")
    for index, document in ctx.entries("documents"):
        if document.id not in used_documents:
            yield ctx.problem(("documents", index, "id"), "document-without-claims",
                              f"document '{document.id}' has no claims registered",
                              fix=f"register its claims: claimcheck add {document.path}")


def _used_ids(data) -> tuple[set, set, set]:
    """Flag, source and document ids used by any claim written in the file, valid or not.

    A claim that fails validation still uses its flags: counting only valid claims would add
    an 'unused' warning to the error that claim already has.
    """
    flags: set = set()
    sources: set = set()
    documents: set = set()
    claims = data.get("claims") if isinstance(data, dict) else None
    for claim in claims if isinstance(claims, list) else ():
        if not isinstance(claim, dict):
            continue
        for key, used in (("flags", flags), ("sources", sources)):
            values = claim.get(key)
            if isinstance(values, str):  # 'flags: marketing' is a type error, but still a use
                values = [values]
            if isinstance(values, list):
                used.update(v for v in values if isinstance(v, str))
        appearances = claim.get("appearances")
        for appearance in appearances if isinstance(appearances, list) else ():
            if isinstance(appearance, dict) and isinstance(appearance.get("document"), str):
                documents.add(appearance["document"])
    return flags, sources, documents
