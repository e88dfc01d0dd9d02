"""Expanding command-line targets (registered document ids, files, folders, globs, standard
input, URLs, web archives) into the documents to audit, each once, in a stable order."""

from __future__ import annotations

import glob
import os
from collections import Counter
from dataclasses import replace
from typing import Iterable, Iterator, Optional

from claimcheck.corpus.documents import STDIN, TEXT_SUFFIXES, Target
from claimcheck.corpus.remote import is_url
from claimcheck.corpus.warc import WARC_SUFFIXES, is_warc
from claimcheck.loader import display_path, document_path, printable_path
from claimcheck.model import Registry
from claimcheck.text import InputError

AUDITED_SUFFIXES = TEXT_SUFFIXES + WARC_SUFFIXES  # what a folder or a glob like 'site/*' contributes


class Targets(list):
    """The targets of a command line, and the web-archive records skipped (counted by why) for
    the summary."""

    def __init__(self, targets=(), skipped: Optional[Counter] = None):
        super().__init__(targets)
        self.skipped: Counter = skipped if skipped is not None else Counter()


def expand_targets(registry: Registry, names: list[str], all_documents: bool) -> tuple[Targets, list[str]]:
    """Targets in a stable order, and one line per name that cannot be used."""
    targets: list[Target] = []
    problems: list[str] = []
    skipped: Counter = Counter()
    archives: set = set()  # each archive read (and its skipped records counted) once, however named
    folders: dict[str, Optional[str]] = {}  # how a folder's files are shown (display_path, once per folder)

    def files(path: str, display: str) -> list[Target]:
        """A file's target, or a web archive's: one per document record."""
        if not is_warc(path):
            return [Target(path, display)]
        return _archive(path, display, False, skipped, problems, archives)

    if all_documents:
        for document in sorted(registry.documents.values(), key=lambda d: d.id):
            try:
                path = document_path(registry.root, document.path)
            except InputError as exc:
                problems.append(document_problem(registry, document.id, exc.message))
                continue
            targets.append(Target(path, display_path(os.path.join(registry.root, document.path)), document.id))
    for name in names:
        if name == STDIN:
            targets.append(Target(STDIN, "<stdin>"))
        elif is_url(name) and not os.path.lexists(name):
            targets.extend(_remote(name, skipped, problems, archives))
        elif _document_id(registry, name) and not os.path.exists(name):
            name = _document_id(registry, name)
            document = registry.documents[name]
            try:
                path = document_path(registry.root, document.path)
            except InputError as exc:
                problems.append(document_problem(registry, name, exc.message))
                continue
            targets.append(Target(path, display_path(os.path.join(registry.root, document.path)), name))
        elif os.path.isdir(name):
            for path in walk_texts(name, AUDITED_SUFFIXES):
                targets.extend(files(path, _display_in_folder(path, folders)))
        elif os.path.lexists(name):
            targets.extend(files(name, display_path(name)))
        elif any(c in name for c in "*?["):
            found: set[str] = set()  # 'site/**' matches a folder, its subfolders and their files: each file once
            any_suffix = "." in os.path.basename(name)  # '*.log' asks for those files; 'site/*' for text files
            for match in sorted(glob.glob(name, recursive=True)):
                if os.path.isdir(match):  # a folder matched: its text files, as for a folder named
                    paths: Iterable[str] = walk_texts(match, AUDITED_SUFFIXES)
                elif os.path.isfile(match) and (any_suffix or match.lower().endswith(AUDITED_SUFFIXES)):
                    paths = [match]
                else:
                    continue
                for path in paths:
                    if os.path.normpath(path) not in found:
                        found.add(os.path.normpath(path))
                        targets.extend(files(path, _display_in_folder(path, folders)))
            if not found:
                problems.append(f"claimcheck: {name}: no file matches")
        else:
            problems.append(f"claimcheck: {name}: no such file, directory or registered document id")
    return Targets(_unique(targets), skipped), problems


def _display_in_folder(path: str, folders: dict[str, Optional[str]]) -> str:
    """``display_path(path)``, with the relative path of the file's folder worked out once per
    folder (a corpus has many files in each)."""
    folder, name = os.path.split(path)
    if not folder or not name or name.startswith("."):
        return display_path(path)
    if folder not in folders:
        try:
            rel = os.path.relpath(folder)
        except ValueError:
            rel = ".."
        folders[folder] = None if rel.startswith("..") else rel
    shown = folders[folder]
    if shown is None:
        return printable_path(path)
    return printable_path(name if shown == "." else os.path.join(shown, name))


def _remote(url: str, skipped: Counter, problems: list[str], archives: set) -> list[Target]:
    """The targets a URL names: a file, the files under a folder, what a glob matches."""
    from claimcheck.corpus.remote import listing

    def wanted(name: str, any_suffix: bool) -> bool:
        return any_suffix or name.lower().endswith(AUDITED_SUFFIXES)

    targets: list[Target] = []
    try:
        found = list(listing(url, wanted))
    except InputError as exc:
        problems.append(f"claimcheck: {url}: {exc.detail}")
        return []
    if not found:
        problems.append(f"claimcheck: {url}: no file matches")
    for location, size in found:
        if is_warc(location):
            targets.extend(_archive(location, location, True, skipped, problems, archives))
        else:
            targets.append(Target(location, location, remote=True, size=size))
    return targets


def _archive(location: str, display: str, remote: bool, skipped: Counter, problems: list[str],
             archives: set) -> list[Target]:
    """One target per HTML or text response record of a web archive, named by its URL."""
    from claimcheck.corpus.warc import records

    key = location if remote else os.path.normcase(os.path.realpath(location))
    if key in archives:
        return []
    archives.add(key)
    try:
        found, passed_over = records(location)
    except InputError as exc:
        problems.append(f"claimcheck: {display}: {exc.detail}")
        return []
    skipped.update(passed_over)
    return [Target(location, record.uri, remote=remote, record=record.offset, html=record.html, size=record.size)
            for record in found]


def _unique(targets: list[Target]) -> list[Target]:
    """Each file once (``--all 004`` or ``docs docs/a.txt``), in the order first named; a
    later naming by id lends its document id to an earlier naming by path."""
    seen: dict = {}
    unique: list[Target] = []
    for target in targets:
        if target.path == STDIN:
            unique.append(target)
            continue
        key = target.key
        if key in seen:
            first = unique[seen[key]]
            if first.document_id is None and target.document_id is not None:
                unique[seen[key]] = replace(first, document_id=target.document_id)
            continue
        seen[key] = len(unique)
        unique.append(target)
    return unique


def _document_id(registry: Registry, name: str) -> Optional[str]:
    """The document id ``name`` is, or is an unambiguous prefix of (``004``), else None."""
    if name in registry.documents:
        return name
    matches = [d for d in registry.documents if name and d.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def document_problem(registry: Registry, document_id: str, message: str) -> str:
    """A registered document that cannot be read, as lint reports it: at its path's line:column."""
    document = registry.documents[document_id]
    line, column = registry.positions.get((document_id, "path"), (1, 1))
    return (f"{registry.path}:{line}:{column}: error document-unreadable "
            f"document '{document_id}': '{document.path}' {message}")


def walk_texts(folder: str, suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[str]:
    """Text files (or files with these suffixes) under ``folder`` (sorted, hidden folders skipped,
    symlinks not followed)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                yield os.path.join(root, name)
