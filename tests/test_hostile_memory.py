"""Memory: out of memory is one line and exit 2, never a traceback, a hang or a temporary file
left behind; and every command runs within 512 MiB of address space on any input within the
limits (docs/safety.md, "Memory"), each test in a child process under RLIMIT_AS."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from hostile_support import assert_clean_stderr
from limits_support import write_page, write_registry

# The child starts normally, then gets only a little more address space than it uses already:
# the load of a registry of a few MB runs out part-way, in Python code.
# If it hangs all the same, faulthandler prints where before the test's timeout.
SQUEEZED = """
import faulthandler, resource, sys
faulthandler.dump_traceback_later(50, exit=True)
from claimcheck.cli import main
import claimcheck.loader, claimcheck.schema, claimcheck.lint, claimcheck.export, claimcheck.output
import claimcheck.formats.json_format, claimcheck.formats.common, yaml, pydantic
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) for line in status if line.startswith("VmSize:")) * 1024
limit = size + int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
main(sys.argv[2:])
"""


@pytest.fixture(scope="module")
def large_registry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    registry = write_registry(folder, claims=20_000)
    write_page(folder / "page.txt", 4096)
    return registry


def _squeezed(args, cwd, spare_mib=40):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CLAIMCHECK_DEBUG", None)
    return subprocess.run([sys.executable, "-c", SQUEEZED, str(spare_mib), *args], cwd=cwd, env=env,
                          capture_output=True, timeout=60)


@pytest.mark.parametrize("args", [
    ["lint"], ["lint", "-f", "json"], ["list", "-f", "json"], ["export", "claimreview", "-o", "out.jsonld"],
    ["audit", "--all", "-f", "sarif", "-o", "out.sarif"],
], ids=lambda a: "-".join(a[:3]))
def test_out_of_memory_is_one_line_and_exit_2(large_registry, args):
    _assert_out_of_memory(large_registry, args, 40)


@pytest.mark.parametrize("spare_mib", range(18, 66, 6))
def test_out_of_memory_ends_cleanly_wherever_memory_runs_out(large_registry, spare_mib):
    """Memory runs out in a different place for each squeeze: reading, validating, checking,
    writing. Where it ran out one small object at a time, Python 3.11 could loop for ever while
    unwinding; claimcheck.memory stops the load with room to spare."""
    _assert_out_of_memory(large_registry, ["lint", "-f", "json"], spare_mib)


def _assert_out_of_memory(large_registry, args, spare_mib):
    folder = large_registry.parent
    proc = _squeezed(args, folder, spare_mib)
    assert proc.returncode == 2, proc
    assert_clean_stderr(proc.stderr)
    lines = proc.stderr.decode().splitlines()
    assert lines == ["claimcheck: out of memory: the input needs more memory than this process may use "
                     "(see the limits in docs/safety.md)"], lines
    assert sorted(p.name for p in folder.iterdir()) == ["claims.yaml", "page.txt"]  # no temporary file


# --- each file read once ------------------------------------------------------------------------


def test_many_entries_naming_one_file_read_it_once(tmp_path, monkeypatch):
    import claimcheck.corpus.documents
    import claimcheck.lint
    from claimcheck.audit import Auditor
    from claimcheck.corpus import audit_stream, expand_targets
    from claimcheck.lint import lint_path
    from claimcheck.loader import load_registry

    registry = write_registry(tmp_path, claims=300, documents=200)
    write_page(tmp_path / "page.txt", 20_000)
    reads = []
    for module in (claimcheck.lint, claimcheck.corpus.documents):
        original = module.read_text
        monkeypatch.setattr(module, "read_text", lambda path, *a, _o=original, **k: reads.append(path) or _o(path, *a, **k))
    _, findings = lint_path(str(registry))
    assert len(reads) == 1
    assert len([f for f in findings if f.rule == "quote-not-found"]) == 299  # every entry still checked

    reads.clear()
    loaded = load_registry(str(registry)).registry
    targets, problems = expand_targets(loaded, [], True)
    assert len(targets) == 1 and not problems  # --all names the file 200 times: it is audited once
    reads.clear()
    # targets that name one file anyway (built by hand) share one reading
    targets = [dataclasses.replace(targets[0], document_id=f"doc-{i:05d}") for i in range(200)]
    reports = list(audit_stream(Auditor(loaded), targets, jobs=1))
    assert len(reports) == 200 and len(reads) == 1


# --- the memory contract: every command at the limits, in 512 MiB ------------------------------

from claimcheck.text import MAX_DOCUMENT_BYTES, MAX_REGISTRY_BYTES  # noqa: E402
from limits_support import run_limited  # noqa: E402

CONTRACT = 512 << 20
SECONDS = 30  # CPU seconds: a generous ceiling on a shared machine (each takes a few)


@pytest.fixture(scope="module")
def at_the_limits(tmp_path_factory):
    """A registry just under its limit (about 28,000 claims over 800 documents, every quote found)
    and, beside it, documents just under theirs: one line, ordinary lines, and one sentence that
    a registered pattern matches over and over (the output caps' case)."""
    from hostile_support import dump, registry_data

    folder = tmp_path_factory.mktemp("limits")
    registry = write_registry(folder, claims=0, documents=800, target_bytes=MAX_REGISTRY_BYTES - 4096, pages=True)
    with open(registry, "a", encoding="utf-8") as out:  # one claim with a pattern that floods
        out.write('  - id: flood\n    claim: A miracle cure works.\n    verdict: "false"\n'
                  "    flags: [factually-wrong]\n    rationale: None does.\n    sources: [nih]\n"
                  "    appearances:\n      - document: doc-00000\n        quote: \"thing 0 said\"\n"
                  "    patterns:\n      - regex: 'miracle cure'\n        examples:\n"
                  "          match: [\"a miracle cure\"]\n")
    assert MAX_REGISTRY_BYTES - 8192 < registry.stat().st_size <= MAX_REGISTRY_BYTES
    size = MAX_DOCUMENT_BYTES - 1
    write_page(folder / "one-line.txt", size, one_line=True)
    write_page(folder / "lines.txt", size)
    write_page(folder / "flood.txt", size, sentence="Ask about our miracle cure today. ")
    (folder / "new-page.txt").write_text("A new page\n\nThe clinic says that thing 5 said in a post.\n", encoding="utf-8")
    del dump, registry_data
    return folder


@pytest.mark.memory
@pytest.mark.parametrize("args", [
    ["lint", "-f", "json"],
    ["list", "-f", "json"],
    ["export", "claimreview"],
    ["stats"],
    ["show", "claim-0000005"],
    ["add", "new-page.txt", "--dry-run", "--publisher-type", "blog"],
    ["audit", "one-line.txt", "-f", "html", "-j", "1"],
    ["audit", "flood.txt", "-f", "sarif", "-j", "1", "-o", "out.sarif"],
    ["audit", "-", "-f", "json", "--suggest"],
], ids=lambda a: "-".join(a[:2]))
def test_every_command_runs_in_512_mib_at_the_limits(at_the_limits, args):
    stdin = (at_the_limits / "lines.txt").read_bytes() if "-" in args else None
    proc = run_limited(args, cwd=at_the_limits, memory=CONTRACT, seconds=SECONDS, stdin=stdin)
    assert_clean_stderr(proc.stderr)
    assert b"out of memory" not in proc.stderr and b"panicked" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    (at_the_limits / "out.sarif").unlink(missing_ok=True)


@pytest.mark.parametrize("what", ["registry", "document", "stdin"])
def test_just_over_a_limit_is_refused_up_front(tmp_path, what):
    """One line and exit 2, before the file is read: under a small address-space limit, which
    reading the file would exceed."""
    registry = write_registry(tmp_path, claims=1)
    write_page(tmp_path / "page.txt", 100)
    stdin = None
    if what == "registry":
        with open(registry, "a") as out:
            out.write("#" * (MAX_REGISTRY_BYTES - registry.stat().st_size) + "\n")
        args, name, limit = ["lint"], "claims.yaml", MAX_REGISTRY_BYTES
    elif what == "document":
        write_page(tmp_path / "big.txt", MAX_DOCUMENT_BYTES + 1)
        args, name, limit = ["audit", "big.txt"], "big.txt", MAX_DOCUMENT_BYTES
    else:
        stdin = b"x" * (MAX_DOCUMENT_BYTES + 1)
        args, name, limit = ["audit", "-"], "<stdin>", MAX_DOCUMENT_BYTES
    proc = run_limited(args, cwd=tmp_path, memory=CONTRACT, seconds=SECONDS, stdin=stdin)
    assert proc.returncode == 2, proc
    assert_clean_stderr(proc.stderr)
    # audit: one line on stderr; lint: its file-unreadable finding (its fix, and the count line)
    lines = (proc.stderr if what != "registry" else proc.stdout).decode().splitlines()
    assert name in lines[0] and f"{limit:,}" in lines[0], lines
    assert len(lines) == (1 if what != "registry" else 3), lines


# --- one-object formats over a corpus: streamed, not built ------------------------------------

CORPUS_DOCUMENTS = 80  # x 1,000 findings: built as one object, each of sarif, markdown and html needed over 512 MiB


@pytest.fixture(scope="module")
def flooded_corpus(tmp_path_factory):
    from limits_support import write_flooded_corpus

    folder = tmp_path_factory.mktemp("corpus")
    write_flooded_corpus(folder, documents=CORPUS_DOCUMENTS)
    return folder


def _check_sarif(path):
    """Strict JSON, every result decoded one at a time (the whole log as Python objects would take
    gigabytes here), results sorted by path; the schema and GitHub's needs checked on the log
    with its first and last 100 results."""
    import json
    from collections import deque

    from test_formats_sarif import check_github_shape, validator

    text = path.read_text(encoding="utf-8")
    start = text.index('"results": [') + len('"results": [')
    decoder = json.JSONDecoder(parse_constant=lambda name: pytest.fail(f"non-strict JSON constant {name}"))
    head, tail, count, last_uri, position = [], deque(maxlen=100), 0, "", start
    while True:
        while text[position] in " \n,":
            position += 1
        if text[position] == "]":
            break
        result, position = decoder.raw_decode(text, position)
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri >= last_uri
        last_uri = uri
        count += 1
        (head if count <= 100 else tail).append(result)
    assert count == CORPUS_DOCUMENTS * 1000
    data = decoder.decode(text[:start] + text[position:])
    data["runs"][0]["results"] = head + list(tail)
    check_github_shape(data)
    assert not list(validator().iter_errors(data))


def _check_markdown(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"## claimcheck audit\n\n**{CORPUS_DOCUMENTS} documents, {CORPUS_DOCUMENTS * 1000} findings**")
    assert len(text) <= 60_000 and text.endswith("_The report was cut here to fit a comment; the full report is in "
                                                 "the json, sarif or html output._\n")


def _check_html(path):
    from test_formats_html import parse

    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</body>\n</html>\n")
    assert f"{CORPUS_DOCUMENTS} documents \u00b7 {CORPUS_DOCUMENTS * 1000} findings" in page
    assert page.count('<section class="document"') == CORPUS_DOCUMENTS
    assert page.count('<li class="card') == CORPUS_DOCUMENTS * 1000
    first = page.index('<section class="document" id="d2"')
    parse(page[:first] + page[page.rindex("</section>") + len("</section>\n"):])  # well nested, around the documents


@pytest.mark.memory
@pytest.mark.parametrize("fmt, check", [("sarif", _check_sarif), ("markdown", _check_markdown), ("html", _check_html)])
def test_a_corpus_in_a_one_object_format_runs_in_512_mib(flooded_corpus, fmt, check):
    """80 documents with 1,000 findings each: the report is streamed through spools, so the
    audit completes in 512 MiB, with exit 1 (findings) and complete, valid output; the summary
    counts all 80,000 findings. Built as one object, each of these needed more."""
    out = flooded_corpus / f"out.{fmt}"
    proc = run_limited(["audit", "pages", "-f", fmt, "-j", "1", "-o", out.name], cwd=flooded_corpus,
                       memory=CONTRACT, seconds=SECONDS)
    assert_clean_stderr(proc.stderr)
    assert b"out of memory" not in proc.stderr and b"panicked" not in proc.stderr
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]
    assert f"{CORPUS_DOCUMENTS} documents, {CORPUS_DOCUMENTS * 1000} findings" in proc.stderr.decode()
    check(out)
    assert sorted(p.name for p in flooded_corpus.iterdir()) == ["claims.yaml", out.name, "pages"]  # no spool left
    out.unlink()
