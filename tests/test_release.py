"""Release metadata agrees with itself: the version, the tag scheme, the install advice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimcheck

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")

ROOT = Path(__file__).resolve().parent.parent
TAG = f"v{claimcheck.__version__}"


def test_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+", claimcheck.__version__)


def test_examples_pin_the_current_release_tag():
    for path in (ROOT / "docs" / "ci.md", ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml"):
        text = path.read_text()
        pinned = set(re.findall(r"(?:claimcheck@|rev: |ref: )(v\d+\.\d+\.\d+)", text))
        assert pinned == {TAG}, (path.name, pinned)


def test_distribution_name_is_not_the_unrelated_pypi_project():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] != "claimcheck"
    assert project["scripts"] == {"claimcheck": "claimcheck.cli:main"}


def test_no_document_or_message_tells_users_to_install_from_pypi():
    """claimcheck is installed from its repository: the name claimcheck on PyPI is an unrelated
    project, and claimcheck-health is not published there (an extra is installed from the
    clone: pip install '.[remote]')."""
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md")),
             *sorted((ROOT / "src").rglob("*.py"))]
    for page in pages:
        text = page.read_text()
        assert not re.search(r"pip install\s+['\"]?claimcheck", text), page.name


def test_declared_python_range_matches_the_documented_one():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.10"
    assert "Python 3.10 to 3.13" in (ROOT / "README.md").read_text()


def test_the_changelog_names_this_release_first():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.M)
    assert releases and releases[0] == claimcheck.__version__
    assert "## [Unreleased]" in changelog
