"""What changed in the registry since a git revision: claims, verdicts, flags, appearances, sources.

A reviewer of a registry pull request needs the meaning of the change ("the verdict of X went
from mixed to false; Y is new; a quote of Z no longer occurs in its document"), which a line
diff of YAML does not show. The registry at the revision is read from git (``git show``) and
validated as the current one is; the comparison is by id.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from typing import Any, Optional

from claimcheck.model import Claim, Registry

MAIN_BRANCHES = ("main", "master", "origin/main", "origin/master")


class DiffError(Exception):
    """Git could not give the registry at the revision."""


@dataclass
class ClaimChange:
    id: str
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, before, after)


@dataclass
class RegistryDiff:
    revision: str
    path: str
    claims_added: list[dict] = field(default_factory=list)
    claims_removed: list[dict] = field(default_factory=list)
    claims_changed: list[ClaimChange] = field(default_factory=list)
    appearances_added: list[dict] = field(default_factory=list)
    appearances_removed: list[dict] = field(default_factory=list)
    appearances_stale: list[dict] = field(default_factory=list)
    sections: dict = field(default_factory=dict)  # "sources"/"documents"/"flags" -> {added, removed, changed}

    @property
    def empty(self) -> bool:
        return not (self.claims_added or self.claims_removed or self.claims_changed or self.appearances_added
                    or self.appearances_removed or self.appearances_stale
                    or any(any(v.values()) for v in self.sections.values()))

    def as_dict(self) -> dict:
        return {
            "revision": self.revision,
            "registry": self.path,
            "claims": {"added": self.claims_added, "removed": self.claims_removed,
                       "changed": [{"id": c.id, "changes": [{"field": f, "before": b, "after": a}
                                                            for f, b, a in c.changes]}
                                   for c in self.claims_changed]},
            "appearances": {"added": self.appearances_added, "removed": self.appearances_removed,
                            "stale": self.appearances_stale},
            **{name: value for name, value in self.sections.items()},
        }


# --- git ------------------------------------------------------------------------------------


def _git(folder: str, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", folder, *args], capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise DiffError(f"git {args[0]} did not answer within 60 s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "surrogateescape")


def default_revision(folder: str) -> str:
    """The merge base of HEAD with the main branch (main, master, or their origin copies)."""
    try:
        _git(folder, "rev-parse", "--show-toplevel")
    except DiffError:
        raise DiffError(f"{folder} is not in a git repository; claimcheck diff compares with a git revision") from None
    for branch in MAIN_BRANCHES:
        try:
            _git(folder, "rev-parse", "--verify", "--quiet", branch + "^{commit}")
        except DiffError:
            continue
        return _git(folder, "merge-base", "HEAD", branch).strip()
    raise DiffError("no main or master branch to compare with; name a revision: claimcheck diff REV")


def file_at(folder: str, revision: str, path: str) -> Optional[str]:
    """The text of ``path`` (a file under ``folder``) at ``revision``; None when it did not exist."""
    if revision.startswith("-") or any(c in revision for c in "\x00\n\r"):  # never an option to git
        raise DiffError(f"'{revision}' is not a revision")
    top = _git(folder, "rev-parse", "--show-toplevel").strip()
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(top)).replace(os.sep, "/")
    try:
        _git(folder, "rev-parse", "--verify", "--quiet", revision + "^{commit}")
    except DiffError:
        raise DiffError(f"'{revision}' is not a revision of the repository at {top}") from None
    try:
        return _git(folder, "show", f"{revision}:{relative}")
    except DiffError as exc:
        if "does not exist" in str(exc) or "exists on disk, but not in" in str(exc):
            return None
        raise


def registry_at(text: Optional[str], path: str, root: str) -> Optional[Registry]:
    """The registry in ``text`` (validated as ``lint`` does; invalid entries left out)."""
    if text is None:
        return None
    from claimcheck.loader import collector_paused, compose_into
    from claimcheck.registry_file import LoadResult
    from claimcheck.schema import build_registry

    result = LoadResult(path)
    with collector_paused():
        compose_into(text, result)
        if result.fatal:
            raise DiffError(f"the registry at that revision is not valid YAML: {result.problems[0].message}")
        build_registry(result, root)
    return result.registry


# --- comparing ------------------------------------------------------------------------------

_CLAIM_FIELDS = ("verdict", "flags", "claim", "rationale", "correction", "sources", "subject", "reviewed")


def compare(old: Optional[Registry], new: Registry, revision: str, *, old_text_of=None, new_text_of=None) -> RegistryDiff:
    """The changes from ``old`` to ``new``. ``old_text_of(document_id)`` / ``new_text_of`` give a
    document's text then and now (for appearances gone stale); None when unknown."""
    from claimcheck.text import normalise

    diff = RegistryDiff(revision, new.path)
    before = old.claims if old is not None else {}
    for claim_id, claim in new.claims.items():
        if claim_id not in before:
            diff.claims_added.append(_claim_summary(claim))
            continue
        change = ClaimChange(claim_id)
        for name in _CLAIM_FIELDS:
            a, b = _value(before[claim_id], name), _value(claim, name)
            if a != b:
                change.changes.append((name, a, b))
        if change.changes:
            diff.claims_changed.append(change)
    diff.claims_removed = [_claim_summary(c) for i, c in before.items() if i not in new.claims]

    def quotes(claims) -> dict:
        return {(c.id, a.document, normalise(a.quote).strip()): a.quote for c in claims.values() for a in c.appearances}

    then, now = quotes(before), quotes(new.claims)
    for key, quote in now.items():
        if key not in then and key[0] in before:  # a new claim's appearances come with it
            diff.appearances_added.append({"claim": key[0], "document": key[1], "quote": quote})
    for key, quote in then.items():
        if key not in now and key[0] in new.claims:
            diff.appearances_removed.append({"claim": key[0], "document": key[1], "quote": quote})
    texts_now: dict = {}
    texts_then: dict = {}
    for key, quote in now.items():
        claim_id, document_id, normalised = key
        if new_text_of is None:
            break
        if document_id not in texts_now:
            texts_now[document_id] = _normalised(new_text_of(document_id))
            texts_then[document_id] = _normalised(old_text_of(document_id)) if old_text_of else None
        current, previous = texts_now[document_id], texts_then[document_id]
        # gone stale: its quote was in the document at the revision, and is not in it now
        if current is not None and previous is not None and normalised not in current and normalised in previous:
            diff.appearances_stale.append({"claim": claim_id, "document": document_id, "quote": quote})

    for name in ("sources", "documents", "flags"):
        a = getattr(old, name) if old is not None else {}
        b = getattr(new, name)
        diff.sections[name] = {
            "added": sorted(i for i in b if i not in a),
            "removed": sorted(i for i in a if i not in b),
            "changed": [{"id": i, "fields": sorted(f for f in set(a[i].model_fields) if getattr(a[i], f) != getattr(b[i], f))}
                        for i in sorted(b) if i in a and a[i] != b[i]],
        }
    return diff


def _normalised(text: Optional[str]) -> Optional[str]:
    from claimcheck.text import normalise

    return normalise(text) if text is not None else None


def _value(claim: Claim, name: str) -> Any:
    value = getattr(claim, name)
    if hasattr(value, "value"):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return list(value)
    return value


def _claim_summary(claim: Claim) -> dict:
    return {"id": claim.id, "verdict": claim.verdict.value, "flags": list(claim.flags),
            "documents": sorted({a.document for a in claim.appearances}), "claim": claim.claim}


# --- rendering ------------------------------------------------------------------------------


def render_json(diff: RegistryDiff) -> str:
    import json

    from claimcheck.text import json_safe

    return json_safe(json.dumps(diff.as_dict(), indent=2, ensure_ascii=False)) + "\n"


def _show(value: Any) -> str:
    from claimcheck.text import one_line

    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return one_line(str(value), 100)


def _claim_lines(diff: RegistryDiff) -> list[tuple[str, str]]:
    """(kind, line) pairs shared by the text and Markdown views; kind picks a style or a heading."""
    from claimcheck.text import one_line

    out = []
    for c in diff.claims_added:
        out.append(("added", f"+ claim {c['id']} ({_verdict(c['verdict'])}"
                    + (f"; {', '.join(c['flags'])}" if c["flags"] else "") + f"; in {', '.join(c['documents'])})"))
    for c in diff.claims_removed:
        out.append(("removed", f"- claim {c['id']} ({_verdict(c['verdict'])})"))
    for change in diff.claims_changed:
        for name, a, b in change.changes:
            if name == "verdict":
                out.append(("changed", f"~ claim {change.id}: verdict {_verdict(a)} \u2192 {_verdict(b)}"))
            elif name in ("flags", "sources"):
                plus = [x for x in b if x not in a]
                minus = [x for x in a if x not in b]
                out.append(("changed", f"~ claim {change.id}: {name} " + " ".join(
                    [*(f"+{x}" for x in plus), *(f"-{x}" for x in minus)])))
            else:
                out.append(("changed", f"~ claim {change.id}: {name} changed: {_show(b)}"))
    for a in diff.appearances_added:
        out.append(("added", f"+ appearance of {a['claim']} in {a['document']}: \"{one_line(a['quote'], 80)}\""))
    for a in diff.appearances_removed:
        out.append(("removed", f"- appearance of {a['claim']} in {a['document']}: \"{one_line(a['quote'], 80)}\""))
    for a in diff.appearances_stale:
        out.append(("stale", f"! stale appearance of {a['claim']}: its quote is no longer in {a['document']}: "
                             f"\"{one_line(a['quote'], 80)}\""))
    for name, parts in diff.sections.items():
        for i in parts["added"]:
            out.append(("added", f"+ {name[:-1]} {i}"))
        for i in parts["removed"]:
            out.append(("removed", f"- {name[:-1]} {i}"))
        for c in parts["changed"]:
            out.append(("changed", f"~ {name[:-1]} {c['id']}: {', '.join(c['fields'])} changed"))
    return out


def _verdict(value: str) -> str:
    return "draft, not yet reviewed" if value == "unreviewed" else value


def _count(n: int, what: str) -> str:
    return f"{n} {what if n == 1 else what.replace('claim', 'claims').replace('verdict', 'verdicts').replace('appearance', 'appearances')}"


def summary(diff: RegistryDiff) -> str:
    verdicts = sum(1 for c in diff.claims_changed for f, _, _ in c.changes if f == "verdict")
    parts = [_count(len(diff.claims_added), "claim added"), _count(len(diff.claims_removed), "claim removed"),
             _count(verdicts, "verdict changed"), _count(len(diff.appearances_added), "appearance added"),
             _count(len(diff.appearances_removed), "appearance removed"),
             _count(len(diff.appearances_stale), "appearance gone stale")]
    return ", ".join(parts)


def print_text(diff: RegistryDiff, console) -> None:
    from rich.text import Text

    console.print(Text(f"{diff.path} since {diff.revision[:12]}: {summary(diff)}", style="bold"))
    styles = {"added": "green", "removed": "red", "changed": "yellow", "stale": "red bold"}
    for kind, line in _claim_lines(diff):
        console.print(Text(line, style=styles[kind]), soft_wrap=True)
    if diff.empty:
        console.print(Text("no changes to the registry's content"))


def render_markdown(diff: RegistryDiff) -> str:
    """A pull-request comment: a summary line, then one list per kind of change."""
    from claimcheck.formats.markdown import md

    out = [f"### Registry changes in `{md(diff.path)}` since `{diff.revision[:12]}`", "", f"**{summary(diff)}**", ""]
    titles = {"stale": "Stale appearances (the quote is no longer in the document)", "changed": "Changed",
              "added": "Added", "removed": "Removed"}
    lines = _claim_lines(diff)
    for kind in ("stale", "changed", "added", "removed"):
        chosen = [line for k, line in lines if k == kind]
        if chosen:
            out.append(f"#### {titles[kind]}")
            out.append("")
            out.extend(f"- {md(line[2:])}" for line in chosen)
            out.append("")
    if diff.empty:
        out.append("No changes to the registry's content.")
        out.append("")
    return "\n".join(out)
