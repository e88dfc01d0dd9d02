"""Web archives: each HTML or text response record of a WARC is a document named by its URL,
with the findings the same documents get as files."""

from __future__ import annotations

import io
import json
import multiprocessing
import shutil

import pytest
from typer.testing import CliRunner

from claimcheck import corpus
from claimcheck.cli import app
from claimcheck.corpus.warc import read_record, records
from claimcheck.text import MAX_DOCUMENT_BYTES, InputError

warcio = pytest.importorskip("warcio", reason="the remote extra is not installed (pip install '.[remote]')")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402
from warc_support import DOCUMENTS, HTML, SITE, write_warc  # noqa: E402

runner = CliRunner()
@pytest.fixture
def project(tmp_path, mini_registry_path, monkeypatch):
    shutil.copytree(mini_registry_path.parent, tmp_path / "project")
    root = tmp_path / "project"
    (root / "site").mkdir()
    for name, _, body in DOCUMENTS:
        (root / "site" / name).write_bytes(body.encode("utf-8"))
    write_warc(root / "crawl.warc.gz")
    write_warc(root / "crawl.warc", compress=False)
    monkeypatch.chdir(root)
    return root


def audit(*args: str, **kwargs):
    return runner.invoke(app, ["audit", "-r", "claims.yaml", "--fail-on", "never", *args],
                         catch_exceptions=False, **kwargs)


def as_urls(output: str) -> str:
    """Output of the local audit of site/, with each file named by its record's URL."""
    for name, _, _ in DOCUMENTS:
        output = output.replace(f"site/{name}", SITE + name)
    return output


LOCAL_FILES = [f"site/{name}" for name, _, _ in DOCUMENTS]


@pytest.mark.parametrize("archive", ["crawl.warc.gz", "crawl.warc"])
@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_a_warc_gives_the_findings_of_the_same_documents_as_files(project, archive, fmt):
    local = audit(*LOCAL_FILES, "-f", fmt, "-j1")
    warc = audit(archive, "-f", fmt, "-j1")
    assert local.exit_code == warc.exit_code == 0
    assert local.stdout.count(SITE) == 0 and warc.stdout
    output = warc.stdout
    if fmt == "text":  # the summary also counts the records that are not documents
        skipped = "  skipped: 9 web-archive records"
        assert skipped in output
        output = "".join(line for line in output.splitlines(True) if not line.startswith(skipped))
    assert output == as_urls(local.stdout)


def test_records_are_named_by_url_at_lines_and_columns_of_their_body(project):
    items = [json.loads(line) for line in audit("crawl.warc.gz", "-f", "jsonl").stdout.splitlines()]
    paths = list(dict.fromkeys(item["path"] for item in items))
    assert paths == [SITE + "ketamine.html", SITE + "notes.txt", SITE + "crlf.html"]
    first = items[0]
    line = HTML.splitlines()[first["line"] - 1]
    assert line[first["column"] - 1:].startswith(first["match"]["text"])


def test_skipped_records_are_counted_in_the_summary(project):
    result = audit("crawl.warc.gz", "-f", "jsonl")
    summary = result.stderr[result.stderr.index("Summary"):]
    assert "4 documents" in summary
    # a request per page (4) and one each of warcinfo, metadata, revisit, an image and a redirect
    assert ("skipped: 9 web-archive records (4 request, 1 metadata, 1 not HTML or text, 1 revisit, 1 warcinfo, "
            "1 with HTTP status 301)") in " ".join(summary.split())


def test_a_single_record_still_gets_the_summary_of_what_was_skipped(project, tmp_path):
    write_warc(tmp_path / "one.warc.gz", DOCUMENTS[:1])
    result = audit(str(tmp_path / "one.warc.gz"))
    assert result.exit_code == 0
    assert "1 document" in result.stdout and "skipped: 6 web-archive records" in " ".join(result.stdout.split())


def test_a_warc_in_a_folder_or_a_glob_is_read_as_its_records(project):
    (project / "crawls").mkdir()
    shutil.copy(project / "crawl.warc.gz", project / "crawls" / "2024.warc.gz")
    expected = audit("crawl.warc.gz", "-f", "jsonl").stdout
    assert audit("crawls", "-f", "jsonl").stdout == expected
    assert audit("crawls/*", "-f", "jsonl").stdout == expected
    assert audit("crawls/*.warc.gz", "-f", "jsonl").stdout == expected


def test_an_archive_named_twice_is_audited_once(project):
    once = audit("crawl.warc.gz", "-f", "jsonl")
    twice = audit("crawl.warc.gz", "./crawl.warc.gz", "*.warc.gz", "-f", "jsonl")
    assert twice.stdout == once.stdout
    assert twice.stderr == once.stderr and "skipped: 9 web-archive records" in " ".join(once.stderr.split())


@pytest.fixture
def always_pool(monkeypatch):
    monkeypatch.setattr(corpus.local, "POOL_MIN_BYTES", 0)


def test_worker_processes_read_the_records_themselves(project, always_pool):
    one = audit("crawl.warc.gz", "-f", "jsonl", "-j1")
    two = audit("crawl.warc.gz", "-f", "jsonl", "-j2")
    assert one.stdout == two.stdout and one.stdout
    assert multiprocessing.active_children() == []


def test_a_record_above_the_size_limit_is_an_unreadable_document(project, tmp_path):
    big = "Ketamine is not a controlled substance, unlike LSD.\n" * (MAX_DOCUMENT_BYTES // 50)
    write_warc(tmp_path / "big.warc.gz", [DOCUMENTS[0], ("big.txt", "text/plain", big), DOCUMENTS[1]], extra=False)
    result = audit(str(tmp_path / "big.warc.gz"), "-f", "jsonl")
    assert result.exit_code == 2
    errors = [item for item in map(json.loads, result.stdout.splitlines()) if "error" in item]
    assert [(e["path"], e["error"]) for e in errors] == [
        (SITE + "big.txt", f"is larger than the limit of {MAX_DOCUMENT_BYTES:,} bytes")]
    assert {json.loads(line)["path"] for line in result.stdout.splitlines()} == {
        SITE + "ketamine.html", SITE + "big.txt", SITE + "notes.txt"}
    assert f"{SITE}big.txt: is larger than the limit" in result.stderr


def test_a_declared_charset_is_honoured(project, tmp_path):
    latin = "Caf\u00e9 notes. Ketamine is not a controlled substance, unlike LSD.\n"
    path = tmp_path / "latin.warc"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=ISO-8859-1")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(SITE + "latin.txt", "response",
                                                      payload=io.BytesIO(latin.encode("latin-1")), http_headers=headers))
    [record], _ = records(str(path))
    assert read_record(str(path), record.offset) == latin
    result = audit(str(path), "-f", "jsonl")
    assert result.exit_code == 0 and json.loads(result.stdout.splitlines()[0])["column"] == 13


@pytest.mark.parametrize("damage", ["truncated", "garbage", "not-a-warc", "one-gzip-stream"])
def test_a_damaged_archive_is_one_line_naming_the_file_and_offset(project, damage):
    data = (project / "crawl.warc.gz").read_bytes()
    plain = (project / "crawl.warc").read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        middle = plain.index(b"WARC/1.0", len(plain) // 2)
        data = plain[:middle] + b"GARBAGE that is not a record header\r\n\r\n" + plain[middle:]
    elif damage == "not-a-warc":
        data = b"<html>this is a web page saved under the wrong name</html>\n"
    else:  # the whole file compressed as one gzip stream: records cannot be read at their offsets
        import gzip

        data = gzip.compress(plain)
    (project / "damaged.warc.gz").write_bytes(data)
    result = runner.invoke(app, ["audit", "-r", "claims.yaml", "site", "damaged.warc.gz"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("claimcheck: damaged.warc.gz: is not a readable WARC file at byte offset "), lines
    assert "Traceback" not in result.stderr


def test_records_reports_the_offset_of_the_damaged_record(tmp_path):
    path = write_warc(tmp_path / "a.warc", compress=False)
    data = path.read_bytes()
    found, _ = records(str(path))
    third = found[2].offset
    path.write_bytes(data[:third] + b"NOT A RECORD\r\n\r\n" + data[third + 20:])
    with pytest.raises(InputError, match=f"at byte offset {third:,}: "):
        records(str(path))


def test_without_warcio_the_error_says_what_to_install(project, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_warcio(name, *args, **kwargs):
        if name == "warcio" or name.startswith("warcio."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_warcio)
    result = runner.invoke(app, ["audit", "-r", "claims.yaml", "crawl.warc.gz"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("claimcheck: crawl.warc.gz: reading web archives needs the 'remote' extra: "
                                     "in claimcheck's folder, pip install '.[remote]' (fsspec, s3fs and warcio)")


# --- on a Dask cluster ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_dask_run_of_a_warc_gives_the_findings_of_the_local_audit(project, cluster, monkeypatch, fmt):
    monkeypatch.setattr(corpus.cluster, "DASK_BATCH_DOCUMENTS", 2)  # several batches in flight
    local = audit(*LOCAL_FILES, "-f", fmt, "-j1")
    for archive in ("crawl.warc.gz", (project / "crawl.warc.gz").as_uri()):  # read here; read by the workers
        remote = audit(archive, "-f", fmt, "--dask", cluster.scheduler_address)
        assert remote.exit_code == 0
        assert remote.stdout == as_urls(local.stdout)


def test_on_dask_workers_read_records_behind_a_url_and_files_here_are_sent(project, cluster, monkeypatch):
    here, workers = [], []  # the in-process cluster's workers run corpus.auditing in this process
    monkeypatch.setattr(corpus.cluster, "read_target", lambda t, _r=corpus.cluster.read_target: here.append(t) or _r(t))
    monkeypatch.setattr(corpus.auditing, "read_target",
                        lambda t, _r=corpus.auditing.read_target: workers.append(t) or _r(t))
    url = (project / "crawl.warc").as_uri()
    result = audit("crawl.warc.gz", url, "-f", "jsonl", "--dask", cluster.scheduler_address)
    assert result.exit_code == 0
    assert [t.path for t in here] == ["crawl.warc.gz"] * 4  # a local archive: its records read here, sent as text
    assert [t.path for t in workers] == [url] * 4  # behind a URL: only the descriptor travels
    assert all(t.record is not None for t in here + workers)
