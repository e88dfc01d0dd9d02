"""Corpus audits: walking folders and globs, streaming JSON Lines, worker processes, the summary."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sys
import time

import pytest
from typer.testing import CliRunner

from claimcheck import corpus
from claimcheck.audit import Auditor
from claimcheck.cli import app
from claimcheck.corpus import Target, Tally, expand_targets
from claimcheck.model import Severity
from conftest import MINI_REGISTRY

runner = CliRunner()

PAGE = (MINI_REGISTRY.parent / "docs" / "page.txt").read_text(encoding="utf-8")  # the mini registry's page
CLEAN = "Sleep well, eat vegetables and walk every day.\n"


@pytest.fixture
def project(tmp_path, mini_registry_path, monkeypatch):
    """The mini registry and a small corpus: nested folders, a hidden folder, a non-text file."""
    shutil.copytree(mini_registry_path.parent, tmp_path / "project")
    root = tmp_path / "project"
    site = root / "site"
    (site / "b").mkdir(parents=True)
    (site / "a").mkdir()
    (site / ".cache").mkdir()
    (site / "a" / "one.txt").write_text(PAGE)
    (site / "a" / "two.md").write_text(CLEAN + PAGE.replace("70%", "80%"))
    (site / "b" / "three.txt").write_text(PAGE.replace("\n", "\r\n"))
    (site / "b" / "clean.txt").write_text(CLEAN)
    (site / "index.html").write_text(f"<html><body><p>{PAGE}</p></body></html>")
    (site / ".cache" / "hidden.txt").write_text(PAGE)
    (site / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    monkeypatch.chdir(root)  # undone after the test: later tests name files from the project's root
    return root


def run(*args: str, **kwargs):
    return runner.invoke(app, ["audit", "-r", "claims.yaml", "--fail-on", "never", *args],
                         catch_exceptions=False, **kwargs)


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def paths(output: str) -> list[str]:
    return list(dict.fromkeys(item["path"] for item in jsonl(output)))


SITE_ORDER = ["site/index.html", "site/a/one.txt", "site/a/two.md", "site/b/three.txt"]


def test_a_folder_is_walked_in_a_stable_order_skipping_hidden_and_non_text(project):
    result = run("site", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert paths(result.stdout) == SITE_ORDER  # clean.txt has no finding, so no line


@pytest.mark.parametrize("pattern, expected", [
    ("site/*/*.txt", ["site/a/one.txt", "site/b/three.txt"]),
    ("site/**/*.md", ["site/a/two.md"]),
    ("site/[ab]", ["site/a/one.txt", "site/a/two.md", "site/b/three.txt"]),  # folders are walked
    ("site/**", ["site/index.html", "site/a/one.txt", "site/a/two.md", "site/b/three.txt"]),  # each file once
])
def test_globs(project, pattern, expected):
    result = run(pattern, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert paths(result.stdout) == expected


def test_a_glob_matching_nothing_is_unusable(project):
    result = runner.invoke(app, ["audit", "-r", "claims.yaml", "site/*.pdf"])
    assert result.exit_code == 2
    assert "no file matches" in result.stderr


def test_several_paths_keep_the_order_given(project):
    result = run("site/b/three.txt", "page", "site/a", "-f", "jsonl")
    assert paths(result.stdout) == ["site/b/three.txt", "docs/page.txt", "site/a/one.txt", "site/a/two.md"]


def test_stdin_among_other_targets(project):
    result = run("site/b/three.txt", "-", "-f", "jsonl", input=PAGE)
    assert paths(result.stdout) == ["site/b/three.txt", "<stdin>"]
    by_path = {}
    for item in jsonl(result.stdout):
        by_path.setdefault(item["path"], []).append((item["line"], item["column"], item["rule"]))
    assert by_path["<stdin>"] == by_path["site/b/three.txt"]


def test_jsonl_is_one_object_per_line_with_the_findings_of_the_json_format(project):
    lines = run("site", "page", "-f", "jsonl").stdout
    whole = json.loads(run("site", "page", "-f", "json").stdout)
    assert lines.endswith("\n") and all(line.startswith("{") for line in lines.splitlines())
    streamed = jsonl(lines)
    assert streamed == [f for d in whole["documents"] for f in d["findings"]]
    assert len(streamed) == whole["summary"]["findings"] > 0


def test_jsonl_to_a_file_is_the_same_stream(project):
    expected = run("site", "-f", "jsonl").stdout
    result = run("site", "-f", "jsonl", "-o", "out.jsonl")
    assert result.exit_code == 0 and result.stdout == ""
    assert (project / "out.jsonl").read_text(encoding="utf-8") == expected
    assert not [p for p in os.listdir(project) if p.endswith(".tmp")]


@pytest.fixture
def always_pool(monkeypatch):
    """Use worker processes even for a corpus this small, and record that they were used."""
    monkeypatch.setattr(corpus.local, "POOL_MIN_BYTES", 0)
    calls = []
    real = corpus.local.pool_results

    def spy(auditor, targets, processes, finish=None):
        calls.append(processes)
        return real(auditor, targets, processes, finish)

    monkeypatch.setattr(corpus.local, "pool_results", spy)
    return calls


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_two_workers_give_the_output_of_one(project, always_pool, fmt):
    one = run("site", "page", "-", "-f", fmt, "-j1", input=PAGE)
    two = run("site", "page", "-", "-f", fmt, "-j2", input=PAGE)
    assert always_pool == [2]
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr == two.stderr


def test_workers_stop_when_the_reader_stops(project, always_pool, mini_registry):
    registry = mini_registry
    targets, problems = expand_targets(registry, ["site"], False)
    assert not problems
    stream = corpus.audit_stream(Auditor(registry), targets, jobs=2)
    first = next(stream)
    assert first.path == "site/index.html"
    stream.close()  # as on Ctrl-C or a closed pipe: the pool is terminated and joined
    assert multiprocessing.active_children() == []


def test_the_exit_code_comes_from_the_counts(project):
    assert runner.invoke(app, ["audit", "-r", "claims.yaml", "site"]).exit_code == 1
    assert runner.invoke(app, ["audit", "-r", "claims.yaml", "site/b/clean.txt"]).exit_code == 0


def test_an_unreadable_document_is_reported_and_the_others_still_audited(project):
    (project / "site" / "a" / "binary.txt").write_bytes(b"abc\x00def")
    result = run("site", "-f", "jsonl")
    assert result.exit_code == 2
    errors = [item for item in jsonl(result.stdout) if "error" in item]
    assert len(errors) == 1 and errors[0]["path"] == "site/a/binary.txt" and "NUL" in errors[0]["error"]
    assert "site/a/binary.txt" in result.stderr
    assert paths(result.stdout) == ["site/index.html", "site/a/binary.txt", "site/a/one.txt", "site/a/two.md",
                                    "site/b/three.txt"]


def test_the_text_summary_counts_documents_rules_and_the_worst(project):
    (project / "site" / "b" / "three.txt").write_text(PAGE + PAGE.replace("Ketamine is", "Ketamine, however, is"))
    whole = json.loads(run("site", "-f", "json").stdout)
    findings = [f for d in whole["documents"] for f in d["findings"]]
    severities = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    out = run("site", "--brief").stdout
    summary = out[out.index("Summary"):].splitlines()
    plural = lambda n, noun: f"{n} {noun}{'' if n == 1 else 's'}"  # noqa: E731
    assert summary[1].strip() == (f"5 documents, {len(findings)} findings: {plural(severities['error'], 'error')}, "
                                  f"{plural(severities['warning'], 'warning')}, {severities['info']} info")
    assert summary[2].strip() == "ratings: no-known-problems 1, unreliable 4"
    rules = {}
    for f in findings:
        rules[f["rule"]] = rules.get(f["rule"], 0) + 1
    assert summary[3].strip() == "by rule: " + ", ".join(
        f"{rule} {n}" for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])))
    assert summary[4].strip() == "worst documents:"
    worst = [line.split()[0] for line in summary[5:]]
    assert worst[0] == "site/b/three.txt"  # the most errors first, then by path
    assert worst[1:] == ["site/a/one.txt", "site/a/two.md", "site/index.html"]
    assert "clean.txt" not in worst


def test_machine_formats_put_the_summary_on_stderr(project):
    result = run("site", "-f", "jsonl")
    assert "Summary" in result.stderr and "5 documents" in result.stderr
    assert "Summary" not in result.stdout
    single = run("site/a/one.txt", "-f", "jsonl")
    assert single.stderr == ""  # one document: nothing to sum up


def test_no_progress_bar_when_stderr_is_not_a_terminal(project):
    result = run("site", "-f", "jsonl")
    assert "auditing" not in result.stderr and "\r" not in result.stderr


def test_tally_keeps_counts_only(mini_registry, project):
    auditor = Auditor(mini_registry)
    tally = Tally()
    for name in ("site/a/one.txt", "site/b/clean.txt", "site/a/two.md"):
        tally.add(corpus.audit_target(auditor, Target(name, name)))
    assert tally.documents == 3
    assert tally.by_severity[Severity.error] == 4 and tally.findings == sum(tally.by_rule.values())
    assert [path for path, _, _ in tally.worst] == ["site/a/one.txt", "site/a/two.md"]
    assert tally.exit_code("error") == 1 and tally.exit_code("never") == 0
    assert not hasattr(tally, "reports")


@pytest.mark.skipif(sys.platform == "win32" or multiprocessing.get_start_method() != "fork",
                    reason="the workers inherit the patched audit by fork")
def test_a_worker_that_dies_fails_the_audit_instead_of_hanging(project, always_pool, monkeypatch):
    real = corpus.auditing.read_target

    def dies_on_clean(target):
        if target.path.endswith("clean.txt") and multiprocessing.parent_process() is not None:
            os.kill(os.getpid(), signal.SIGKILL)  # in a worker, as the out-of-memory killer would
        return real(target)

    monkeypatch.setattr(corpus.auditing, "read_target", dies_on_clean)
    began = time.monotonic()
    result = run("site", "-f", "jsonl", "-j2")
    assert always_pool == [2]
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "claimcheck: a worker process stopped unexpectedly (killed, or out of memory?); "
        "try fewer jobs (-j), or audit the corpus in parts")
    assert time.monotonic() - began < 30
    assert multiprocessing.active_children() == []
    (project / "out.jsonl").write_text("before\n", encoding="utf-8")
    assert run("site", "-f", "jsonl", "-j2", "-o", "out.jsonl").exit_code == 2
    assert (project / "out.jsonl").read_text(encoding="utf-8") == "before\n"  # not half a report
    assert not [p for p in os.listdir(project) if p.endswith(".tmp")]
