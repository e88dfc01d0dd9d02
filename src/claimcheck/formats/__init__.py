"""Output formats: one module each; machine formats are pure ``render(report) -> str``."""

from __future__ import annotations

import enum


class AuditFormat(str, enum.Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"
    html = "html"


class LintFormat(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def renderer(name: str):
    """The ``render(report) -> str`` function of a machine format, imported on demand."""
    import importlib

    module = importlib.import_module(f"claimcheck.formats.{'json_format' if name == 'json' else name}")
    return module.render


def stream_renderer(name: str):
    """The ``render_stream(documents, registry, kind, folder)`` of a format that is one object
    (json, sarif, markdown, html): the same text as ``render``, from documents that come one at a
    time, keeping only counts and small indexes in memory (what must wait for the end is spooled
    in ``folder``, or the system's temporary folder when it is None)."""
    import importlib

    return importlib.import_module(f"claimcheck.formats.{'json_format' if name == 'json' else name}").render_stream
