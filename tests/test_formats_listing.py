"""``claimcheck list``'s views: no width loses text, ids are never broken, piped output is one
claim per line."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from conftest import ROOT
from claimcheck.formats.listing import did_you_mean, print_claims, render_tsv, resolve_document, short_document_ids
from claimcheck.loader import load_registry
from claimcheck.model import Appearance, Claim, Verdict

WIDTHS = (80, 120, 200)


@pytest.fixture(scope="module")
def bundled():
    result = load_registry(str(ROOT / "claims.yaml"))
    assert result.registry is not None
    return result.registry


def terminal(width: int) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=width, force_terminal=True, color_system=None, highlight=False), buffer


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["all", "004", "short ids"])
def test_every_claim_and_id_is_whole_at_every_width(bundled, width, which):
    claims = sorted(bundled.claims.values(), key=lambda c: c.id)
    if which == "004":
        claims = [c for c in claims if any(a.document.startswith("004") for a in c.appearances)]
    elif which == "short ids":
        claims = [c for c in claims if len(c.id) < 30]
    assert_whole(bundled, claims, width)


@settings(max_examples=40, deadline=None)
@given(width=st.integers(min_value=40, max_value=240), picks=st.lists(st.integers(0, 75), min_size=1, max_size=12))
def test_no_width_and_no_selection_loses_text(bundled, width, picks):
    claims = sorted(bundled.claims.values(), key=lambda c: c.id)
    assert_whole(bundled, [claims[i % len(claims)] for i in dict.fromkeys(picks)], width)


def assert_whole(bundled, claims, width):
    console, buffer = terminal(width)
    print_claims(bundled, claims, console)
    out = buffer.getvalue()
    lines = out.splitlines()
    ids = {c.id for c in claims}
    assert all(len(line) <= width or line in ids for line in lines), max(lines, key=len)  # an id is never cut
    assert all(line.strip() for line in lines[:1]), "the first line is not a line of spaces"
    flat = squeeze(out)
    if lines[0].startswith("id "):  # a table: read the claim column on its own
        column = lines[0].index("claim")
        assert all(not line[column - 1:column].strip() for line in lines[2:-1])  # nothing crosses into it
        flat = squeeze(" ".join(line[column:] for line in lines[2:-1]))
    for claim in claims:
        assert any(claim.id in line.split() or claim.id == line.strip() for line in lines), claim.id  # id unbroken
        assert squeeze(claim.claim) in flat, claim.id  # every word of the claim, none cut
        for flag in claim.flags:
            assert flag in out.split() or f"{flag}," in out.split()  # flags whole
    if lines[0].startswith("id "):
        for line in lines[2:-1]:  # nothing is ever cut at a column's edge: every cell's words are whole
            assert "…" not in line
    assert lines[-1].strip() == f"{len(claims)} claim{'' if len(claims) == 1 else 's'}"


def test_the_table_is_used_when_it_fits_and_blocks_when_it_does_not(bundled):
    claims = list(bundled.claims.values())
    wide, wide_buffer = terminal(200)
    print_claims(bundled, claims, wide)
    assert wide_buffer.getvalue().lstrip().startswith("id ")  # the table's header
    narrow, narrow_buffer = terminal(80)
    print_claims(bundled, claims, narrow)
    assert not narrow_buffer.getvalue().lstrip().startswith("id ")


def test_an_id_longer_than_the_screen_is_one_soft_wrapped_line():
    from claimcheck.model import Registry

    long_id = "a-" * 60 + "z"
    claim = Claim(id=long_id[:120], claim="Short.", verdict=Verdict.accurate, rationale="r",
                  appearances=[Appearance(document="doc", quote="Short.")])
    registry = Registry("x", ".", {}, {}, {}, {claim.id: claim})
    console, buffer = terminal(40)
    print_claims(registry, [claim], console)
    assert claim.id in buffer.getvalue().splitlines()


def test_short_document_ids_are_the_shortest_unambiguous_prefixes():
    assert short_document_ids(["000_aa", "001_bb", "page"]) == {"000_aa": "000", "001_bb": "001", "page": "pag"}
    assert short_document_ids(["abc1", "abc2", "ab"]) == {"abc1": "abc1", "abc2": "abc2", "ab": "ab"}


def test_a_document_prefix_resolves_only_when_unambiguous(bundled):
    assert resolve_document(bundled, "004") == ("004_a859421826e220fa", None)
    assert resolve_document(bundled, "004_a859421826e220fa") == ("004_a859421826e220fa", None)
    found, why = resolve_document(bundled, "00")
    assert found is None and "matches several documents" in why
    found, why = resolve_document(bundled, "005")
    assert found is None and why.startswith("no document '005' in the registry")


def test_did_you_mean():
    assert did_you_mean("factualy-wrong", ["factually-wrong", "marketing"]) == "; did you mean 'factually-wrong'?"
    assert did_you_mean("zzz", ["a", "b"]) == "; known: a, b"


def test_tsv_is_one_claim_per_line_in_a_fixed_order(bundled):
    claims = sorted(bundled.claims.values(), key=lambda c: c.id)
    lines = render_tsv(claims).splitlines()
    assert len(lines) == len(claims)
    for line, claim in zip(lines, claims):
        fields = line.split("\t")
        assert fields == [claim.id, claim.verdict.value, ",".join(claim.flags),
                          ",".join(sorted({a.document for a in claim.appearances})), " ".join(claim.claim.split())]


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
def test_tsv_fields_never_hold_a_tab_a_line_break_or_a_control_character(text):
    claim = Claim(id="c", claim=text, verdict=Verdict.false, rationale="r",
                  appearances=[Appearance(document="d", quote="q")])
    out = render_tsv([claim])
    assert out.endswith("\n") and out.count("\n") == 1
    assert out.count("\t") == 4
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in out)
