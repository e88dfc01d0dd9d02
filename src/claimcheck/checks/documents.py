"""Each registered document is a readable UTF-8 text file inside the registry's folder.

Failing example::

    documents:
      - id: page
        path: ../../etc/passwd      # document-unreadable: resolves outside the registry's folder
"""

from __future__ import annotations

from claimcheck.checks import _rule

RULES = dict([
    _rule("document-unreadable", "error",
          "A document's path is absolute, a URL, outside the registry's folder, missing, not a regular file, or not UTF-8 text."),
])


def run(ctx):
    for index, document in ctx.entries("documents"):
        if ctx.registry.documents.get(document.id) is not document:
            continue
        error = ctx.document_error(document.id)
        if error:
            yield ctx.problem(("documents", index, "path"), "document-unreadable",
                              f"document '{document.id}': '{document.path}' {error}",
                              fix="write the path of a text file inside the registry's folder, relative to it")
