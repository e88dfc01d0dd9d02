"""Documents behind URLs: an S3-compatible server started here (moto, on 127.0.0.1), memory://
and file:// URLs give the findings of the same documents read as local files."""

from __future__ import annotations

import json
import logging
import multiprocessing
import shutil
import socket
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimcheck import corpus
from claimcheck.cli import app
from claimcheck.text import MAX_DOCUMENT_BYTES
from conftest import MINI_REGISTRY

fsspec = pytest.importorskip("fsspec", reason="the remote extra is not installed (pip install '.[remote]')")
pytest.importorskip("warcio", reason="the remote extra is not installed (pip install '.[remote]')")
from warc_support import SITE, write_warc  # noqa: E402

runner = CliRunner()
PAGE = (MINI_REGISTRY.parent / "docs" / "page.txt").read_text(encoding="utf-8")
CLEAN = "Sleep well, eat vegetables and walk every day.\n"

# path under crawl/ -> text: the corpus both on disk (site/) and in the bucket (crawl/)
FILES = {
    "index.html": f"<html><body><main><p>{PAGE}</p></main></body></html>\n",
    "a/one.txt": PAGE,
    "a/two.md": CLEAN + PAGE.replace("70%", "80%"),
    "b/clean.txt": CLEAN,
    "b/three.htm": f"<p>{PAGE.replace(chr(10), chr(13) + chr(10))}</p>",
    ".cache/hidden.txt": PAGE,  # hidden: skipped under a folder, as on disk
    "b/image.png": "PNG",  # not a text file: skipped under a folder, as on disk
}


@pytest.fixture
def project(tmp_path, mini_registry_path, monkeypatch):
    shutil.copytree(mini_registry_path.parent, tmp_path / "project")
    root = tmp_path / "project"
    for name, text in FILES.items():
        (root / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / name).write_text(text, encoding="utf-8")
    write_warc(root / "crawl.warc.gz")
    monkeypatch.chdir(root)
    return root


def audit(*args: str, **kwargs):
    return runner.invoke(app, ["audit", "-r", "claims.yaml", "--fail-on", "never", *args],
                         catch_exceptions=False, **kwargs)


def renamed(output: str, local: str, remote: str) -> str:
    """The local audit's output with each file under ``local`` named as under ``remote``."""
    for name in FILES:
        output = output.replace(f"{local}/{name}", f"{remote}/{name}")
    return output


# --- an S3-compatible server on 127.0.0.1 ------------------------------------------------------


@pytest.fixture(scope="module")
def s3_server():
    pytest.importorskip("s3fs", reason="the remote extra is not installed")
    server_module = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_server, project, monkeypatch):
    """A bucket 'corpus' holding crawl/ (the files of site/) and archives/crawl.warc.gz."""
    import boto3
    import s3fs

    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1",
                        "AWS_ENDPOINT_URL": s3_server, "AWS_EC2_METADATA_DISABLED": "true"}.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    s3fs.S3FileSystem.clear_instance_cache()  # a filesystem cached by an earlier test knows another server
    client = boto3.client("s3", endpoint_url=s3_server)
    client.create_bucket(Bucket="corpus")
    for name, text in FILES.items():
        client.put_object(Bucket="corpus", Key=f"crawl/{name}", Body=text.encode("utf-8"))
    client.put_object(Bucket="corpus", Key="archives/crawl.warc.gz", Body=(project / "crawl.warc.gz").read_bytes())
    yield client
    for item in client.list_objects_v2(Bucket="corpus").get("Contents", []):
        client.delete_object(Bucket="corpus", Key=item["Key"])
    client.delete_bucket(Bucket="corpus")
    s3fs.S3FileSystem.clear_instance_cache()


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
@pytest.mark.parametrize(("local", "remote"), [
    ("site/*.htm*", "s3://corpus/crawl/*.htm*"),
    ("site", "s3://corpus/crawl/"),
    ("site", "s3://corpus/crawl"),
    ("site/**/*.txt", "s3://corpus/crawl/**/*.txt"),
])
def test_an_s3_prefix_gives_the_findings_of_the_same_files_on_disk(bucket, fmt, local, remote):
    here = audit(local, "-f", fmt, "-j1")
    there = audit(remote, "-f", fmt, "-j1")
    assert here.exit_code == there.exit_code == 0
    assert there.stdout and "s3://corpus/crawl/" in there.stdout
    assert there.stdout == renamed(here.stdout, "site", "s3://corpus/crawl")
    assert there.stderr == renamed(here.stderr, "site", "s3://corpus/crawl")


def test_findings_are_named_by_url(bucket):
    result = audit("s3://corpus/crawl/a/one.txt", "-f", "jsonl")
    assert {json.loads(line)["path"] for line in result.stdout.splitlines()} == {"s3://corpus/crawl/a/one.txt"}


def test_a_warc_in_a_bucket_gives_the_findings_of_the_local_warc(bucket):
    here = audit("crawl.warc.gz", "-f", "jsonl", "-j1")
    there = audit("s3://corpus/archives/crawl.warc.gz", "-f", "jsonl", "-j1")
    assert there.stdout == here.stdout and SITE in there.stdout
    assert there.stderr == here.stderr and "skipped: 9 web-archive records" in " ".join(there.stderr.split())
    assert audit("s3://corpus/archives/", "-f", "jsonl", "-j1").stdout == here.stdout


def test_worker_processes_read_from_the_bucket(bucket, monkeypatch):
    monkeypatch.setattr(corpus.local, "POOL_MIN_BYTES", 0)
    one = audit("s3://corpus/crawl/", "s3://corpus/archives/crawl.warc.gz", "-f", "jsonl", "-j1")
    two = audit("s3://corpus/crawl/", "s3://corpus/archives/crawl.warc.gz", "-f", "jsonl", "-j2")
    assert two.exit_code == 0
    assert two.stdout == one.stdout and one.stdout
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(("name", "message"), [
    ("s3://corpus/nothing/*.html", "no file matches"),
    ("s3://corpus/crawl/missing.txt", "no such file or folder"),
    ("s3://no-such-bucket/crawl/", "no such file or folder"),
])
def test_what_a_url_does_not_name_is_one_line_and_exit_2(bucket, name, message):
    result = runner.invoke(app, ["audit", "-r", "claims.yaml", name])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"claimcheck: {name}: {message}"]


def test_a_document_removed_after_listing_is_unreadable_and_the_others_still_audited(bucket, monkeypatch):
    real = corpus.auditing.read_target

    def removed_first(target):
        if target.path.endswith("a/one.txt"):
            bucket.delete_object(Bucket="corpus", Key="crawl/a/one.txt")
        return real(target)

    monkeypatch.setattr(corpus.auditing, "read_target", removed_first)
    result = audit("s3://corpus/crawl/", "-f", "jsonl", "-j1")
    assert result.exit_code == 2
    errors = [item for item in map(json.loads, result.stdout.splitlines()) if "error" in item]
    assert [(e["path"], e["error"]) for e in errors] == [("s3://corpus/crawl/a/one.txt", "no such file")]
    assert "s3://corpus/crawl/a/one.txt: no such file" in result.stderr


def test_a_remote_file_above_the_size_limit_is_refused(bucket):
    bucket.put_object(Bucket="corpus", Key="big/page.txt", Body=b"a" * (MAX_DOCUMENT_BYTES + 1))
    result = audit("s3://corpus/big/page.txt", "-f", "jsonl")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"] == f"is {MAX_DOCUMENT_BYTES + 1:,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}"


# --- on a Dask cluster ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_a_dask_run_of_an_s3_prefix_and_a_warc_gives_the_findings_of_the_local_audit(bucket, cluster, monkeypatch,
                                                                                      fmt):
    monkeypatch.setattr(corpus.cluster, "DASK_BATCH_DOCUMENTS", 2)  # several batches in flight
    read_here = []
    monkeypatch.setattr(corpus.cluster, "read_target", lambda t, _r=corpus.cluster.read_target: read_here.append(t) or _r(t))
    local = audit("site", "-f", fmt, "-j1")
    remote = audit("s3://corpus/crawl/", "-f", fmt, "--dask", cluster.scheduler_address)
    assert remote.exit_code == 0
    assert remote.stdout == renamed(local.stdout, "site", "s3://corpus/crawl")
    local_warc = audit("crawl.warc.gz", "-f", fmt, "-j1")
    remote_warc = audit("s3://corpus/archives/crawl.warc.gz", "-f", fmt, "--dask", cluster.scheduler_address)
    assert remote_warc.stdout == local_warc.stdout
    assert read_here == []  # the workers read every document themselves


# --- memory:// and file:// -----------------------------------------------------------------------


def test_a_memory_url_gives_the_findings_of_the_same_files(project):
    fs = fsspec.filesystem("memory")
    for name, text in FILES.items():
        fs.pipe(f"/crawl/{name}", text.encode("utf-8"))
    try:
        here = audit("site", "-f", "jsonl", "-j1")
        there = audit("memory://crawl/", "-f", "jsonl", "-j1")
        assert there.stdout == renamed(here.stdout, "site", "memory:///crawl") and there.stdout
    finally:
        fs.rm("/crawl", recursive=True)


def test_a_file_url_gives_the_findings_of_the_same_files(project):
    url = (project / "site").as_uri()
    here = audit("site", "-f", "jsonl", "-j1")
    there = audit(url + "/", "-f", "jsonl", "-j1")
    assert there.stdout == renamed(here.stdout, "site", url) and there.stdout
    assert audit(url + "/a/*.txt", "-f", "jsonl").stdout == renamed(audit("site/a/*.txt", "-f", "jsonl").stdout,
                                                                    "site", url)


def test_a_url_and_the_same_url_again_is_audited_once(project):
    url = (project / "site" / "a" / "one.txt").as_uri()
    assert audit(url, url, "-f", "jsonl").stdout == audit(url, "-f", "jsonl").stdout


def test_an_unknown_protocol_is_one_line_and_exit_2(project):
    result = runner.invoke(app, ["audit", "-r", "claims.yaml", "nosuch://bucket/page.html"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "claimcheck: nosuch://bucket/page.html: cannot use this URL: ValueError: Protocol not known: nosuch"]


@pytest.mark.parametrize("missing", ["fsspec", "s3fs"])
def test_without_the_extra_a_url_says_what_to_install(project, monkeypatch, missing):
    if missing == "fsspec":
        import builtins

        real_import = builtins.__import__

        def without(name, *args, **kwargs):
            if name == "fsspec" or name.startswith("fsspec."):
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", without)
    else:  # what fsspec raises for s3:// when s3fs is not installed
        def no_s3fs(url, **kwargs):
            raise ImportError("Install s3fs to access S3")

        monkeypatch.setattr(fsspec.core, "url_to_fs", no_s3fs)
    result = runner.invoke(app, ["audit", "-r", "claims.yaml", "s3://corpus/crawl/*.html"])
    assert result.exit_code == 2
    assert result.stdout == ""
    protocol = "URLs" if missing == "fsspec" else "s3:// URLs"
    assert result.stderr.splitlines() == [
        f"claimcheck: s3://corpus/crawl/*.html: reading {protocol} needs the 'remote' extra: "
        "in claimcheck's folder, pip install '.[remote]' (fsspec, s3fs and warcio)"]


def test_local_audits_never_import_the_remote_libraries(project):
    """Start-up and local audits stay as they were: fsspec, s3fs and warcio load only for a URL or a WARC."""
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom claimcheck.cli import app\n"
            "result = CliRunner().invoke(app, ['audit', '-r', 'claims.yaml', 'site', '-j1', '-f', 'jsonl'])\n"
            "assert result.exit_code == 1, result.output\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'fsspec', 's3fs', 'warcio', 'botocore', 'aiobotocore'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("name", "url"), [
    ("s3://bucket/key", True), ("memory://x", True), ("file:///tmp/x", True), ("gcs://b/*.html", True),
    ("C://Users/page.txt", False), ("C:\\Users\\page.txt", False), ("site/a.txt", False), ("-", False),
    ("page.txt://x", True), ("://x", False),
])
def test_what_counts_as_a_url(name, url):
    from claimcheck.corpus.remote import is_url

    assert is_url(name) is url
