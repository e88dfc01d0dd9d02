"""The README's two set-up commands, as a new user runs them (the install step is CI's job)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def after_install(command: str) -> str:
    """The part of a quick-start command that runs after `pip install ...`."""
    return command.rsplit("pip install", 1)[1].split("&&", 1)[1].strip()


def test_quick_start_has_exactly_two_commands_install_audit_and_install_test():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "pip install ." in commands[0] and after_install(commands[0]) == "claimcheck audit --all"
    assert "pip install -e '.[test]'" in commands[1] and after_install(commands[1]) == "python -m pytest"


def test_ci_installs_and_tests_the_way_the_readme_says():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci
    assert re.search(r"^claimcheck lint (--[a-z-]+(?: [0-9a-z]+)? )*claims.yaml$", ci, re.M)
    assert "python -m pytest" in ci


def test_the_readme_audit_command_runs_as_a_subprocess():
    command = after_install(quick_start_commands()[0]).split()
    assert command[0] == "claimcheck"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    result = subprocess.run([sys.executable, "-m", "claimcheck", *command[1:]], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr  # the bundled documents contain errors
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert "documents/004_a859421826e220fa.txt:1:236  error  factually-wrong" in out
    assert "ketamine-fda-approved-depression" in out
    assert "ketamine-not-controlled" in out
    assert "Summary" in out and "5 documents" in out
    assert "stale-quote" not in out


def test_the_documented_never_option_exits_zero():
    result = subprocess.run([sys.executable, "-m", "claimcheck", "audit", "--all", "--fail-on", "never"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_example_output_in_the_readme_is_real():
    """The README's audit example, line for line (tests/test_docs.py also checks the order)."""
    section = README.split("## What an audit shows", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```console\n(.*?)```", section, re.S).group(1).splitlines()
    assert example[0] == "$ claimcheck audit 004_a859421826e220fa --brief"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-m", "claimcheck", "audit", "004_a859421826e220fa", "--brief"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    actual = result.stdout.splitlines()
    assert "documents/004_a859421826e220fa.txt:1:236  error  factually-wrong  [exact 1.00] " \
           "ketamine-fda-approved-depression" in example
    for line in example[1:]:
        if line.strip() and line.strip() != "\u2026":
            assert line in actual, line


def test_the_readme_links_every_documentation_page():
    linked = set(re.findall(r"\]\(docs/([a-z0-9-]+\.md)\)", README))
    pages = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert pages <= linked, sorted(pages - linked)


def test_the_readme_stays_short():
    assert README.count("\n") <= 200
