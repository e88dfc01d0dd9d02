"""Web archives for the tests, written with warcio as a crawler writes them."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import MINI_REGISTRY

PAGE = (MINI_REGISTRY.parent / "docs" / "page.txt").read_text(encoding="utf-8")
HTML = f"<!doctype html>\n<html><head><title>Ketamine</title></head>\n<body><main><p>{PAGE}</p></main></body></html>\n"
CLEAN = "Sleep well, eat vegetables and walk every day.\n"
SITE = "https://clinic.example/"

# (file name in site/, Content-Type of its response record, body): the documents both as files and as records
DOCUMENTS = [
    ("ketamine.html", "text/html; charset=utf-8", HTML),
    ("notes.txt", "text/plain", PAGE.replace("70%", "75%")),
    ("clean.txt", "text/plain; charset=UTF-8", CLEAN),
    ("crlf.html", "text/html", HTML.replace("\n", "\r\n")),
]


def write_warc(path, documents=DOCUMENTS, *, compress=True, extra=True):
    """A WARC like a crawler's: a warcinfo record, then per page its request and response; also
    an image, a redirect, a revisit and a metadata record, none of them documents."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimcheck tests"}))

        def response(uri, content_type, body: bytes, status="200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        for name, content_type, body in documents:
            request = StatusAndHeaders(f"GET /{name} HTTP/1.1", [("Host", "clinic.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(SITE + name, "request", http_headers=request))
            response(SITE + name, content_type, body.encode("utf-8"))
        if extra:
            response(SITE + "logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00")
            response(SITE + "old.html", "text/html", b"<a href='/ketamine.html'>moved</a>", "301 Moved Permanently")
            revisit = writer.create_revisit_record(SITE + "ketamine.html", "sha1:AAAA", SITE + "ketamine.html",
                                                   "2024-01-01T00:00:00Z")
            writer.write_record(revisit)
            writer.write_record(writer.create_warc_record(SITE + "ketamine.html", "metadata",
                                                          payload=io.BytesIO(b"outlinks: none\n"),
                                                          warc_content_type="application/warc-fields"))
    return path
