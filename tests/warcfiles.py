"""WARC files for the archive tests, written with warcio, holding the fixture pages.

`write_warc` writes, around real pages from ``tests/fixtures/pages``: a ``warcinfo``
record, a ``request`` record before each response, a ``revisit`` and a ``metadata``
record, a PNG image, a 404 page, a record marked ``WARC-Truncated``, a page sent gzip-
encoded and chunked, and (optionally) a gzip member cut short in the middle of the file.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@dataclass
class Fixture:
    name: str
    url: str
    html: bytes = field(repr=False)
    must_contain: list[str]


def fixtures(limit: int | None = None) -> list[Fixture]:
    """The fixture pages (name, URL, HTML, lines that must be in the text)."""
    found = []
    for meta_path in sorted(FIXTURES.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        page = meta_path.with_suffix(".html.gz")
        if not page.exists():
            continue
        found.append(
            Fixture(
                meta_path.stem,
                meta["url"],
                gzip.decompress(page.read_bytes()),
                list(meta.get("must_contain", [])),
            )
        )
    return found[:limit]


def _member(write: object) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    write(writer)  # type: ignore[operator]
    return buffer.getvalue()


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
    warc_headers: dict[str, str] | None = None,
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
    )


@dataclass
class WarcContents:
    """What a written file holds: the page URLs that must be stored, and the extras."""

    pages: list[Fixture]
    good_urls: list[str]
    cut_member: bool


def write_warc(
    path: Path, pages: list[Fixture], cut_member: bool = True, date: str = "2024-01-05T08:30:00Z"
) -> WarcContents:
    """Write a ``.warc.gz`` (one gzip member a record) with ``pages`` and every odd record.

    With ``cut_member``, the record after the first page is a gzip member cut in half (its
    page is lost); every other page can be read.
    """
    members: list[bytes] = [
        _member(
            lambda w: w.write_record(w.create_warcinfo_record(path.name, {"software": "tests"}))
        )
    ]
    good: list[str] = []
    extra_date = {"WARC-Date": date}
    for index, page in enumerate(pages):
        members.append(_member(lambda w, p=page: _request(w, p.url)))
        members.append(
            _member(lambda w, p=page: _response(w, p.url, p.html, warc_headers=extra_date))
        )
        good.append(page.url)
        if index == 0 and cut_member:
            lost = _member(lambda w: _response(w, "https://lost.example/cut", pages[0].html))
            members.append(lost[: len(lost) // 2])
    base = pages[0].url
    members.append(
        _member(
            lambda w: w.write_record(
                w.create_revisit_record(
                    base,
                    digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    refers_to_uri=base,
                    refers_to_date="20240101000000",
                )
            )
        )
    )
    members.append(
        _member(
            lambda w: w.write_record(
                w.create_warc_record(
                    base,
                    "metadata",
                    payload=io.BytesIO(b"fetchTimeMs: 120\n"),
                    warc_content_type="application/warc-fields",
                )
            )
        )
    )
    members.append(
        _member(lambda w: _response(w, "https://img.example/a.png", PNG, content_type="image/png"))
    )
    members.append(
        _member(
            lambda w: _response(
                w,
                "https://gone.example/missing",
                b"<html><body><h1>Not found</h1></body></html>",
                status="404 Not Found",
            )
        )
    )
    members.append(
        _member(
            lambda w: _response(
                w,
                "https://cut.example/truncated",
                pages[0].html[:2000],
                warc_headers={"WARC-Truncated": "length"},
            )
        )
    )
    if len(pages) > 1:
        # the last page again, as a server sent it: gzip-encoded and chunked
        last = pages[-1]
        encoded = gzip.compress(last.html)
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(encoded), encoded)
        moved = last.url.rstrip("/") + "-encoded"
        members.append(
            _member(
                lambda w: _response(
                    w,
                    moved,
                    chunked,
                    warc_headers=extra_date,
                    extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
                )
            )
        )
        good.append(moved)
    path.write_bytes(b"".join(members))
    return WarcContents(pages, good, cut_member)
