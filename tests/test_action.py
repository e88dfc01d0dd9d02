"""The repository's GitHub Action (action.yml), run step by step as a runner would.

No GitHub runner is reachable from a test, so the composite action's shell steps are run
here with the variables a runner sets (GITHUB_ACTION_PATH, RUNNER_TEMP) and the step's `env`
filled from the action's inputs, the way GitHub expands `${{ inputs.X }}` in `env` values.
The setup-python step is the one step not run: the Python running the tests stands in for it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
STEPS = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")


def test_action_is_composite_and_documents_its_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"registry", "fail-on", "python-version"}
    for name, spec in ACTION["inputs"].items():
        assert spec["description"].strip(), name
        assert "default" in spec, name
    assert STEPS[0]["uses"].startswith("actions/setup-python@")


def test_inputs_never_reach_a_script_unquoted():
    """Inputs pass through environment variables, never spliced into the script's text."""
    for step in STEPS:
        if "run" in step:
            assert "${{" not in step["run"], step["name"]
            assert step["shell"] == "bash"


def _run_step(step: dict, inputs: dict, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | inputs
    step_env = {key: EXPRESSION.sub(lambda m: values[m.group(1)], str(value))
                for key, value in step.get("env", {}).items()}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env | step_env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def runner_env(tmp_path_factory):
    """Install claimcheck as the action's install step does, once for the tests below."""
    temp = tmp_path_factory.mktemp("runner-temp")
    python_dir = Path(sys.executable).parent
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}
    env |= {"RUNNER_TEMP": str(temp), "GITHUB_ACTION_PATH": str(ROOT),
            "PATH": f"{python_dir}{os.pathsep}{env.get('PATH', '')}"}
    # Install from a copy of the checkout, so that building the package leaves nothing in the work tree.
    source = temp / "action"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv*", "__pycache__", "*.egg-info",
                                                                "build", "dist", "site", ".hypothesis",
                                                                "benchmarks"))
    env["GITHUB_ACTION_PATH"] = str(source)
    install = next(step for step in STEPS if "run" in step and "pip install" in step["run"])
    proc = _run_step(install, {}, env, temp)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return env


def _lint_step() -> dict:
    return next(step for step in STEPS if "run" in step and "lint" in step["run"])


def test_action_passes_on_the_bundled_registry(runner_env):
    proc = _run_step(_lint_step(), {"registry": "claims.yaml"}, runner_env, ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "::error" not in proc.stdout


def test_action_annotates_and_fails_on_a_broken_registry(runner_env, tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "registries", tmp_path / "registries")
    proc = _run_step(_lint_step(), {"registry": "registries/duplicate-id.yaml"}, runner_env, tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::error ")]
    assert annotations
    assert all("file=registries/duplicate-id.yaml," in line for line in annotations)
    assert any("duplicate-id" in line for line in annotations)


def test_fail_on_never_reports_but_passes(runner_env, tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "registries", tmp_path / "registries")
    proc = _run_step(_lint_step(), {"registry": "registries/duplicate-id.yaml", "fail-on": "never"},
                     runner_env, tmp_path)
    assert proc.returncode == 0
    assert "::error " in proc.stdout


def test_a_missing_registry_is_unusable_input(runner_env, tmp_path):
    proc = _run_step(_lint_step(), {"registry": "no/such/claims.yaml"}, runner_env, tmp_path)
    assert proc.returncode == 2
