"""Hostile documents passed to ``claimcheck audit``: never a crash, never a wrong line:column.

Columns are 1-based code points of the original text, whatever normalisation did to match
(NFD accents, soft hyphens, zero-width and bidi characters are folded for matching only).
"""

from __future__ import annotations

import os

import pytest

from claimcheck.audit import Auditor
from claimcheck.loader import load_registry
from claimcheck.text import MAX_DOCUMENT_BYTES, InputError, decode
from hostile_support import QUOTE, assert_clean_stderr, assert_strict_json, run_cli, write_project


@pytest.fixture
def project(tmp_path):
    registry = write_project(tmp_path / "project", quote="caf\u00e9 " + QUOTE)
    return registry


@pytest.fixture
def auditor(project):
    result = load_registry(str(project))
    assert not result.errors, result.problems
    return Auditor(result.registry)


def positions(report):
    return [(f.line, f.column, f.end_line, f.end_column) for f in report.findings if f.match]


SENTENCE = "Our caf\u00e9 miracle cure for everything."


@pytest.mark.parametrize("name, text, expected", [
    ("plain", SENTENCE + "\n", (1, 5, 1, 37)),
    ("crlf", "Line one.\r\nLine two.\r\n" + SENTENCE + "\r\n", (3, 5, 3, 37)),
    ("cr-before", "Line one.\r\n\r\n  " + SENTENCE, (3, 7, 3, 39)),
    ("nfd", "Our cafe\u0301 miracle cure for everything.\n", (1, 5, 1, 38)),
    ("nfd-before", "e\u0301e\u0301 " + SENTENCE, (1, 10, 1, 42)),
    ("soft-hyphen", "Our caf\u00e9 mir\u00adacle cure for every\u00adthing.\n", (1, 5, 1, 39)),
    ("zero-width-inside", "Our caf\u00e9 mi\u200bracle cure\u200d for everything.\n", (1, 5, 1, 39)),
    ("zero-width-before", "\u200b\u200c\u2060Our caf\u00e9 miracle cure for everything.\n", (1, 8, 1, 40)),
    ("bom-inside", "\ufeff" + SENTENCE, (1, 6, 1, 38)),
    ("bidi-override", "\u202e" + SENTENCE + "\u202c", (1, 6, 1, 38)),
    ("nbsp-and-double-spaces", "Our caf\u00e9\u00a0miracle  cure\tfor everything.", (1, 5, 1, 38)),
    ("curly-case", "OUR CAF\u00c9 MIRACLE CURE FOR EVERYTHING!", (1, 5, 1, 37)),
    ("astral-before", "\U0001F600\U0001F600 " + SENTENCE, (1, 8, 1, 40)),
    ("nul-char-in-text", "a\x00b " + SENTENCE, (1, 9, 1, 41)),
    ("many-lines", "x\n" * 10_000 + SENTENCE, (10_001, 5, 10_001, 37)),
])
def test_positions_survive_normalisation(auditor, name, text, expected):
    report = auditor.audit_text(text, "doc.txt")
    assert positions(report) == [expected]
    finding = report.findings[0]
    # the reported span is the original text at those columns
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1:finding.end_column - 1] == finding.match.matched_text


def test_huge_single_line(auditor, tmp_path):
    text = "word " * 400_000 + SENTENCE  # 2 MB on one line (the document limit is 2 MiB)
    report = auditor.audit_text(text, "huge.txt")
    assert positions(report) == [(1, 2_000_005, 1, 2_000_037)]
    path = tmp_path / "huge.txt"
    path.write_text(text)
    proc = run_cli("audit", "-r", str(auditor.registry.path), str(path), "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1
    assert assert_strict_json(proc.stdout)["documents"][0]["findings"][0]["column"] == 2_000_005


def test_huge_line_without_spaces(auditor):
    report = auditor.audit_text("x" * 3_000_000, "x.txt")
    assert report.findings == ()


def test_many_sentences_with_suggest(project):
    auditor = Auditor(load_registry(str(project)).registry, suggest=True)
    report = auditor.audit_text("Studies show 70% of patients are cured. " * 20_000, "many.txt")
    assert report.total == 20_000  # every one counted; the first 1,000 shown (the default cap)
    assert len(report.findings) == 1000 and report.omitted == (("info", "unregistered-claim", 19_000),)


def test_empty_text(auditor):
    report = auditor.audit_text("", "empty.txt")
    assert report.findings == () and report.error is None


# --- files through the CLI -----------------------------------------------------------------------


CLI_CASES = {
    "binary": (bytes(range(256)) * 4, 2, b"NUL"),
    "png-header": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, b"NUL"),
    "nul-after-text": (SENTENCE.encode() + b"\n\x00", 2, b"(line 2, column 1)"),
    "invalid-utf8": (b"ok line\ncaf\xe9 " + SENTENCE.encode(), 2, b"UTF-8 (byte 0xe9); save it as UTF-8 (line 2, column 4)"),
    "truncated-utf8": (SENTENCE.encode() + b"\xe2\x82", 2, b"UTF-8"),
    "overlong-utf8": (b"\xc0\xaf", 2, b"UTF-8"),
    "encoded-surrogate": (b"\xed\xa0\x80", 2, b"UTF-8"),
    "utf16-with-bom": (SENTENCE.encode("utf-16"), 1, b":1:5"),
    "utf16-without-bom": (SENTENCE.encode("utf-16-le"), 2, b"NUL"),
    "utf8-bom": (b"\xef\xbb\xbf" + SENTENCE.encode(), 1, b":1:5"),
    "crlf": (b"one\r\ntwo\r\n" + SENTENCE.encode() + b"\r\n", 1, b":3:5"),
    "empty": (b"", 0, b""),
    "only-whitespace": (b" \n\t\r\n", 0, b""),
}


@pytest.mark.parametrize("name", CLI_CASES)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_document_files_through_the_cli(project, tmp_path, name, fmt):
    content, code, expected = CLI_CASES[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(content)
    proc = run_cli("audit", "-r", str(project), str(path), "-f", fmt, cwd=tmp_path)
    assert proc.returncode == code, proc
    assert_clean_stderr(proc.stderr)
    assert b"\x00" not in proc.stdout and b"\x1b" not in proc.stdout
    if code == 2:
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1 and path.name in lines[0] and expected.decode() in lines[0], lines
    elif expected:
        if fmt == "text":
            assert expected in proc.stdout
        else:
            finding = assert_strict_json(proc.stdout)["documents"][0]["findings"][0]
            assert f":{finding['line']}:{finding['column']}".encode() == expected
    if fmt == "json":
        assert_strict_json(proc.stdout)


def test_decode_reports_the_first_bad_byte_position():
    with pytest.raises(InputError) as bad:
        decode(b"line one\nab\xffcd")
    assert (bad.value.line, bad.value.column) == (2, 3)
    with pytest.raises(InputError) as bad:
        decode("\u00e9\u00e9x\n\u00e9\x00".encode())
    assert (bad.value.line, bad.value.column) == (2, 2)


def test_document_over_the_size_cap(project, tmp_path, monkeypatch):
    import claimcheck.text as text

    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 5000)
    monkeypatch.setattr(text, "MAX_DOCUMENT_BYTES", 1000)
    from claimcheck.text import read_text

    with pytest.raises(InputError, match="limit"):
        read_text(str(path), 1000)
    assert MAX_DOCUMENT_BYTES >= 1 << 20


def test_sparse_file_over_the_cap_is_refused_without_reading(project, tmp_path):
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    proc = run_cli("audit", "-r", str(project), str(path), cwd=tmp_path)
    assert proc.returncode == 2 and b"limit" in proc.stderr
    assert_clean_stderr(proc.stderr)


def test_directory_with_a_fifo_does_not_block(project, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE)
    os.mkfifo(folder / "b.txt")
    os.symlink("/dev/zero", folder / "c.txt")
    (folder / "d.md").mkdir()
    for fmt in ("text", "json", "jsonl"):
        proc = run_cli("audit", "-r", str(project), str(folder), "-f", fmt, cwd=tmp_path, timeout=30)
        assert proc.returncode == 2, proc
        assert_clean_stderr(proc.stderr)
        lines = proc.stderr.decode().splitlines()
        assert any("b.txt" in ln and "not a regular file" in ln for ln in lines), lines
        assert any("c.txt" in ln for ln in lines), lines
        assert b"a.txt" in proc.stdout  # the readable file is still audited


def test_fifo_named_on_the_command_line_does_not_block(project, tmp_path):
    os.mkfifo(tmp_path / "pipe")
    proc = run_cli("audit", "-r", str(project), str(tmp_path / "pipe"), cwd=tmp_path, timeout=30)
    assert proc.returncode == 2 and b"not a regular file" in proc.stderr
    assert_clean_stderr(proc.stderr)


def test_stdin_binary_and_valid(project, tmp_path):
    proc = run_cli("audit", "-r", str(project), "-", cwd=tmp_path, stdin=b"\x00\x01\x02")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert_clean_stderr(proc.stderr)
    proc = run_cli("audit", "-r", str(project), "-", "-f", "json", cwd=tmp_path, stdin=SENTENCE.encode())
    assert proc.returncode == 1
    assert assert_strict_json(proc.stdout)["documents"][0]["findings"][0]["column"] == 5


def test_weird_file_names(project, tmp_path):
    name = "we\u0301ird [bold]name\x1b[31m\u202e.txt"
    path = tmp_path / name
    path.write_text(SENTENCE)
    proc = run_cli("audit", "-r", str(project), str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert b"\x1b" not in proc.stdout and "\u202e".encode() not in proc.stdout
    assert b"[bold]name" in proc.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "markdown", "html"])
def test_undecodable_file_name_in_every_format(project, tmp_path, fmt):
    folder = tmp_path / "site"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9 \x1b[2J.txt"), "wb") as handle:
        handle.write(SENTENCE.encode())
    proc = run_cli("audit", "-r", str(project), str(folder), "-f", fmt, cwd=tmp_path)
    assert proc.returncode == 1, proc
    assert_clean_stderr(proc.stderr)
    proc.stdout.decode("utf-8")  # strict
    assert b"\x1b" not in proc.stdout
    assert b"xe9" in proc.stdout  # shown as \xe9 (escaped again in JSON, percent-encoded in SARIF URIs)
    if fmt in ("json", "sarif"):
        assert_strict_json(proc.stdout)


def test_lint_reports_the_place_of_a_bad_byte_in_a_document(tmp_path):
    registry = write_project(tmp_path, page=b"ok\nThis clinic sells a miracle\xff cure for everything.\n")
    proc = run_cli("lint", str(registry), cwd=tmp_path)
    assert proc.returncode == 1
    line = next(ln for ln in proc.stdout.decode().splitlines() if "document-unreadable" in ln)
    assert "(line 2, column 28)" in line
