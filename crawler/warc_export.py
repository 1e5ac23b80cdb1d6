"""``scrapy export --format warc``: the stored raw pages as a WARC/1.1 file.

One gzip member a record (readers can seek to any record), a ``warcinfo`` record first,
then one ``response`` record a stored page: the target URI is the URL it was fetched from,
the date when it was fetched, the HTTP part the status line (``pages.last_status``) and the
headers the store kept (``ETag``, ``Last-Modified``), with ``Content-Type: text/html;
charset=utf-8``: the store keeps the page decoded, so the payload is its UTF-8 text, not
the bytes first sent. warcio adds ``WARC-Payload-Digest`` and ``WARC-Block-Digest``.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from http import HTTPStatus
from typing import IO

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from storage.archives import ExportPage

SOFTWARE = "newsclean (scrapy export --format warc)"


def _status_line(status: int | None) -> str:
    code = status if status and 100 <= status < 600 else 200
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "OK" if code == 200 else ""
    return f"{code} {phrase}".strip()


def _warc_date(value: datetime) -> str:
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond:06d}Z"


def write_warc(pages: Iterable[ExportPage], out: IO[bytes], filename: str) -> int:
    """Write ``pages`` as WARC/1.1 response records after a warcinfo record.

    Returns:
        The number of response records written.
    """
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(
        writer.create_warcinfo_record(
            filename,
            {
                "software": SOFTWARE,
                "format": "WARC File Format 1.1",
                "description": "raw pages of a newsclean store",
            },
        )
    )
    count = 0
    for page in pages:
        body = gzip.decompress(page.html_gzip)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        if page.etag:
            headers.append(("ETag", page.etag))
        if page.last_modified:
            headers.append(("Last-Modified", page.last_modified))
        http = StatusAndHeaders(_status_line(page.status), headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            page.url,
            "response",
            payload=io.BytesIO(body),
            length=None,
            http_headers=http,
            warc_headers_dict={"WARC-Date": _warc_date(page.fetched_at)},
        )
        writer.write_record(record)
        count += 1
    return count
