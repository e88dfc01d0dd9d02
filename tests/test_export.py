"""``claimcheck export claimreview``: schema.org ClaimReview JSON-LD for every reviewed claim."""

from __future__ import annotations

import calendar
import json
import shutil

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.export import RATING_VALUE, claim_reviews, render_claim_reviews
from claimcheck.model import Verdict
from conftest import MINI_REGISTRY, ROOT
from format_support import at_root, load  # noqa: F401

runner = CliRunner()

ORGANIZATION = {"type": "object", "required": ["@type", "name"],
                "properties": {"@type": {"const": "Organization"}, "name": {"type": "string", "minLength": 1}}}
# The author: the reviewing organisation, or the reviewer recorded on the claim, within it.
AUTHOR = {"oneOf": [ORGANIZATION, {
    "type": "object", "required": ["@type", "name", "affiliation"],
    "properties": {"@type": {"const": "Person"}, "name": {"type": "string", "minLength": 1},
                   "affiliation": ORGANIZATION}}]}
CREATIVE_WORK = {"type": "object", "required": ["@type", "name"],
                 "properties": {"@type": {"const": "CreativeWork"}, "name": {"type": "string", "minLength": 1},
                                "url": {"type": "string", "pattern": "^https?://"}}}
CLAIM_REVIEW = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "claimReviewed": {"type": "string", "minLength": 1},
        "reviewRating": {
            "type": "object",
            "required": ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"],
            "properties": {"@type": {"const": "Rating"}, "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                           "bestRating": {"const": 5}, "worstRating": {"const": 1},
                           "alternateName": {"type": "string", "minLength": 1}},
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "appearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "appearance": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["@type", "text"],
                    "properties": {"@type": {"const": "CreativeWork"}, "text": {"type": "string", "minLength": 1}}}},
            },
        },
        "author": AUTHOR,
        "datePublished": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "citation": {"type": "array", "minItems": 1, "items": CREATIVE_WORK},
    },
}


def test_mini_golden(golden):
    golden("claimreview-mini.jsonld", render_claim_reviews(load(MINI_REGISTRY), date="2024-05-01"))


@pytest.mark.parametrize("registry_path", [MINI_REGISTRY, ROOT / "claims.yaml"], ids=["mini", "project"])
def test_every_reviewed_claim_has_a_valid_claim_review(registry_path):
    registry = load(registry_path)
    reviews = claim_reviews(registry, date="2024-05-01")
    reviewed = [c for c in registry.claims.values() if c.verdict is not Verdict.not_a_claim]
    assert [r["identifier"] for r in reviews] == [c.id for c in reviewed]
    validator = jsonschema.Draft7Validator(CLAIM_REVIEW)
    for claim, review in zip(reviewed, reviews):
        errors = list(validator.iter_errors(review))
        assert not errors, (claim.id, [e.message for e in errors[:3]])
        assert review["claimReviewed"] == claim.claim
        assert review["reviewRating"]["ratingValue"] == RATING_VALUE[claim.verdict]
        appearances = review["itemReviewed"]["appearance"]
        assert [a["text"] for a in appearances] == [a.quote for a in claim.appearances]
        for appearance, registered in zip(appearances, claim.appearances):
            document = registry.documents.get(registered.document)
            if document is not None:
                assert appearance["name"] == document.title
        cited = [s for s in claim.sources if s in registry.sources]
        assert len(review.get("citation", [])) == len(cited)
    json.dumps(reviews, allow_nan=False)


def test_ratings_run_from_false_to_accurate():
    assert RATING_VALUE[Verdict.false] == 1 and RATING_VALUE[Verdict.accurate] == 5
    assert Verdict.not_a_claim not in RATING_VALUE
    assert set(RATING_VALUE) == set(Verdict) - {Verdict.not_a_claim, Verdict.unreviewed}


def test_marketing_is_not_a_claim():
    reviews = claim_reviews(load(MINI_REGISTRY), date="2024-05-01")
    assert "free-consultation" not in {r["identifier"] for r in reviews}
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["False", "False", "Unsupported"]


def test_date_defaults_to_the_registry_files_date(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI_REGISTRY.parent, folder)
    stamp = calendar.timegm((2023, 3, 5, 23, 30, 0))
    import os

    os.utime(folder / "claims.yaml", (stamp, stamp))
    reviews = claim_reviews(load(folder / "claims.yaml"))
    assert {r["datePublished"] for r in reviews} == {"2023-03-05"}


def test_cli_writes_a_file_atomically(at_root, tmp_path):
    target = tmp_path / "reviews.jsonld"
    result = runner.invoke(app, ["export", "claimreview", "-r", "tests/fixtures/mini/claims.yaml", "-o", str(target),
                                 "--date", "2024-05-01", "--author", "Example Health Desk"])
    assert result.exit_code == 0 and result.stdout == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data) == 3 and data[0]["author"] == {"@type": "Organization", "name": "Example Health Desk"}
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.jsonld"]  # no temporary file left


def test_cli_prints_to_stdout_and_checks_the_date(at_root):
    result = runner.invoke(app, ["export", "claimreview", "-r", "tests/fixtures/mini/claims.yaml", "--date", "2024-5-1"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", "claimreview", "-r", "tests/fixtures/mini/claims.yaml"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["@type"] == "ClaimReview"


# --- hostile text: strict JSON, terminal-safe, and safe inside an HTML <script> element ---------

BREAKOUT = "</script><script>alert(1)</script><!-- & -->"
CONTROLS = "\x00\x1b[2J\x7f\x9b2J\u2028\u2029\u202e\u2066\u200b"


def _hostile_registry(tmp_path):
    from hostile_support import registry_data

    data = registry_data(title=f"Page {BREAKOUT}", claim=f"X cures {CONTROLS} everything {BREAKOUT}",
                         rationale=f"Because {BREAKOUT} & {CONTROLS}.")
    data["sources"][0]["title"] = f"Facts {BREAKOUT}{CONTROLS}"
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "page.txt").write_text("This clinic sells a miracle cure for everything.\n", encoding="utf-8")
    registry = folder / "claims.yaml"
    registry.write_text(json.dumps(data, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")  # JSON is YAML
    return registry


def test_export_escapes_like_the_other_json_formats(tmp_path):
    from hostile_support import assert_clean_stderr, assert_strict_json, run_cli

    registry = _hostile_registry(tmp_path)
    proc = run_cli("export", "claimreview", "-r", str(registry), "--date", "2024-05-01")
    assert proc.returncode == 0, proc.stderr
    assert_clean_stderr(proc.stderr)
    out = proc.stdout.decode("utf-8")
    for raw in ("\x7f", "\x9b", "\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\x1b", "\x00", "<", ">", "&"):
        assert raw not in out, repr(raw)
    for escape in ("\\u007f", "\\u009b", "\\u2028", "\\u2029", "\\u202e", "\\u003c/script\\u003e", "\\u0026"):
        assert escape in out, escape
    reviews = assert_strict_json(proc.stdout)
    assert reviews[0]["claimReviewed"] == f"X cures {CONTROLS} everything {BREAKOUT}"  # the exact text, kept
    assert reviews[0]["citation"][0]["name"] == f"Facts {BREAKOUT}{CONTROLS}"


def test_export_embeds_safely_in_an_html_script_element(tmp_path):
    """The usual embedding of ClaimReview markup: the page's parser must see one script element
    holding the whole export, and that element's text must parse back to the same data."""
    from html.parser import HTMLParser

    registry = load(_hostile_registry(tmp_path))
    exported = render_claim_reviews(registry, date="2024-05-01")
    page = ("<!doctype html><html><head><title>t</title>\n"
            f'<script type="application/ld+json">\n{exported}</script>\n'
            "</head><body><p>after</p></body></html>\n")

    class Scripts(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.scripts, self.inside, self.tags = [], False, []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            if tag == "script":
                self.inside = True
                self.scripts.append("")

        def handle_endtag(self, tag):
            if tag == "script":
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.scripts[-1] += data

        def handle_comment(self, data):
            raise AssertionError(f"a comment opened inside the page: {data!r}")

    parser = Scripts()
    parser.feed(page)
    parser.close()
    assert parser.tags == ["html", "head", "title", "script", "body", "p"]  # no injected element
    assert len(parser.scripts) == 1
    embedded = json.loads(parser.scripts[0])
    assert embedded == claim_reviews(registry, date="2024-05-01")
    assert "</script" not in parser.scripts[0].lower() and "<!--" not in parser.scripts[0]
