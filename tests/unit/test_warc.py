"""Reading WARC files (`crawler.warc`), CC-NEWS listings (`crawler.ccnews`), WARC export."""

from __future__ import annotations

import gzip
import io
import zlib
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from fastwarc.warc import WarcRecordType
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.arguments import ArgumentError, CrawlTargets
from crawler.ccnews import CcNewsError, ccnews_files, file_day, listing_url, parse_ccnews
from crawler.demo.server import SiteServer
from crawler.warc import READ_SIZE, ArchivePage, Damaged, Skipped, parse_domains, read_archive
from crawler.warc_export import write_warc as export_warc
from storage.archives import ExportPage
from tests.warcfiles import fixtures, write_warc

MAX = 8 * 1024 * 1024


def _read(data: bytes, max_size: int = MAX) -> tuple[list[ArchivePage], Counter[str]]:
    pages: list[ArchivePage] = []
    other: Counter[str] = Counter()
    for event in read_archive(io.BytesIO(data), max_size):
        if isinstance(event, ArchivePage):
            pages.append(event)
        elif isinstance(event, Skipped):
            other[f"skipped/{event.reason}"] += 1
        else:
            assert isinstance(event, Damaged)
            other[f"errors/{event.reason}"] += 1
    return pages, other


def _records(count: int, gz: bool) -> list[bytes]:
    """``count`` small HTML response records, each written on its own."""
    records = []
    for index in range(count):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gz)
        body = f"<html><body><p>page {index} {'text ' * 400}</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://a.example/{index}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
        records.append(buffer.getvalue())
    return records


def test_every_kind_of_record_is_kept_skipped_or_recorded(tmp_path: Path) -> None:
    pages = fixtures(5)
    contents = write_warc(tmp_path / "a.warc.gz", pages)
    read, other = _read((tmp_path / "a.warc.gz").read_bytes())
    assert [page.url for page in read] == contents.good_urls
    # the WARC-Truncated record, and the gzip member cut in half (seen as a record cut
    # short, or as corrupt bytes, depending on where its deflate stream breaks)
    errors = {k: other.pop(k) for k in list(other) if k.startswith("errors/")}
    assert errors["errors/truncated"] >= 1 and sum(errors.values()) == 2
    assert other == Counter(
        {
            "skipped/warcinfo": 1,
            "skipped/request": len(pages),
            "skipped/revisit": 1,
            "skipped/metadata": 1,
            "skipped/not_html": 1,  # the PNG
            "skipped/http_404": 1,
        }
    )
    first = read[0]
    assert first.fetched_at == datetime(2024, 1, 5, 8, 30, tzinfo=UTC)
    assert first.body == pages[0].html
    assert first.content_type == "text/html; charset=utf-8"
    # gzip-encoded and chunked as sent: the payload is the page itself
    assert read[-1].body == pages[-1].html


def test_a_gzip_member_cut_short_loses_only_its_record() -> None:
    members = _records(5, gz=True)
    data = members[0] + members[1] + members[2][: len(members[2]) // 2] + members[3] + members[4]
    read, other = _read(data)
    assert [p.url[-1] for p in read] == ["0", "1", "3", "4"]
    assert sum(v for k, v in other.items() if k.startswith("errors/")) == 1


def test_a_file_ending_inside_a_member_is_recorded() -> None:
    members = _records(3, gz=True)
    read, other = _read(members[0] + members[1] + members[2][:-30])
    assert [p.url[-1] for p in read] == ["0", "1"]
    assert sum(v for k, v in other.items() if k.startswith("errors/")) == 1


def test_garbage_between_members_is_skipped() -> None:
    members = _records(3, gz=True)
    read, other = _read(members[0] + b"not gzip at all" * 10 + members[1] + members[2])
    assert [p.url[-1] for p in read] == ["0", "1", "2"]
    assert sum(v for k, v in other.items() if k.startswith("errors/")) == 1


def test_a_wrong_content_length_does_not_swallow_the_next_records() -> None:
    plain = _records(5, gz=False)
    longer = plain[2].replace(b"Content-Length: ", b"Content-Length: 9", 1)
    shorter = plain[3].replace(b"Content-Length: ", b"Content-Length: 1", 1)
    for bad in (longer, shorter):
        data = plain[0] + plain[1] + bad + plain[4]
        read, other = _read(data)
        assert [p.url[-1] for p in read] == ["0", "1", "4"], bad[:200]
        assert sum(v for k, v in other.items() if k.startswith("errors/")) == 1


def test_a_whole_file_gzip_and_a_plain_file_read_alike() -> None:
    plain = b"".join(_records(4, gz=False))
    for data in (plain, gzip.compress(plain)):
        read, other = _read(data)
        assert [p.url[-1] for p in read] == ["0", "1", "2", "3"]
        assert not other


def test_a_record_over_the_size_limit_is_skipped_unread() -> None:
    read, other = _read(b"".join(_records(2, gz=True)), max_size=1000)
    assert read == []
    assert other == Counter({"skipped/too_large": 2})


def test_a_gzip_bomb_payload_is_refused() -> None:
    # a page whose Content-Encoding inflates far past the limit
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    bomb = zlib.compress(b"a" * (4 * 1024 * 1024))
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html"), ("Content-Encoding", "deflate")],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(
            "https://a.example/bomb", "response", payload=io.BytesIO(bomb), http_headers=headers
        )
    )
    read, other = _read(buffer.getvalue(), max_size=1024 * 1024)
    assert read == []
    assert other == Counter({"skipped/too_large": 1})


def test_ccnews_periods() -> None:
    (month,) = parse_ccnews("2024-02")
    assert (month.first, month.last) == (date(2024, 2, 1), date(2024, 2, 29))
    (days,) = parse_ccnews("2024-01-30..2024-02-02")
    assert days.months() == [(2024, 1), (2024, 2)]
    assert len(parse_ccnews("2023-12,2024-01")) == 2
    (months,) = parse_ccnews("2023-11..2024-01")
    assert months.months() == [(2023, 11), (2023, 12), (2024, 1)]
    for bad in ("2024", "2024-13", "24-01", "2024-02..2024-01", "2010-01", ""):
        with pytest.raises(CcNewsError):
            parse_ccnews(bad)
    assert file_day("crawl-data/CC-NEWS/2024/01/CC-NEWS-20240105083012-01234.warc.gz") == date(
        2024, 1, 5
    )
    assert listing_url("http://mirror.example/x", 2024, 1) == (
        "http://mirror.example/x/crawl-data/CC-NEWS/2024/01/warc.paths.gz"
    )


def test_ccnews_listing_keeps_the_files_of_the_days_asked(tmp_path: Path) -> None:
    month = tmp_path / "crawl-data" / "CC-NEWS" / "2024" / "01"
    month.mkdir(parents=True)
    names = [
        f"crawl-data/CC-NEWS/2024/01/CC-NEWS-202401{d:02d}101010-0000{d}.warc.gz" for d in (4, 5, 6)
    ]
    (month / "warc.paths.gz").write_bytes(gzip.compress("\n".join(names).encode()))
    with SiteServer(tmp_path) as server:
        base = server.base_url + "/"
        all_files = ccnews_files(parse_ccnews("2024-01"), base)
        assert all_files == [base + name for name in names]
        assert ccnews_files(parse_ccnews("2024-01-05..2024-01-06"), base) == all_files[1:]


def test_arguments(tmp_path: Path) -> None:
    warc = tmp_path / "a.warc.gz"
    warc.write_bytes(b"")
    targets = CrawlTargets.from_arguments({"warc": str(warc), "domains": "www.A.com,b.org"})
    assert targets.warcs == (str(warc.resolve()),)
    assert targets.only_domains == frozenset({"a.com", "b.org"})
    assert CrawlTargets.from_arguments({"ccnews": "2024-01"}).ccnews
    for arguments, message in (
        ({"warc": str(tmp_path / "missing.warc.gz")}, "no such file"),
        ({"warc": "ftp://x/a.warc"}, "malformed URL"),
        ({"ccnews": "January"}, "YYYY-MM"),
        ({"ccnews": "2024-01", "domains": ","}, "domains"),
    ):
        with pytest.raises(ArgumentError, match=message):
            CrawlTargets.from_arguments(arguments)
    assert parse_domains("https://www.example.com/news") == frozenset({"example.com"})


def test_export_writes_warc_that_fastwarc_reads_back() -> None:
    html = "<html><body><p>Grüße aus Köln</p></body></html>"
    pages = [
        ExportPage(
            1,
            "https://a.example/one",
            datetime(2024, 3, 1, 12, 0, 1, 500, tzinfo=UTC),
            gzip.compress(html.encode()),
            200,
            '"etag-1"',
            "Fri, 01 Mar 2024 11:00:00 GMT",
        ),
        ExportPage(
            2,
            "https://a.example/two",
            datetime(2024, 3, 2, tzinfo=UTC),
            gzip.compress(b"<html></html>"),
            None,
            None,
            None,
        ),
    ]
    out = io.BytesIO()
    assert export_warc(pages, out, "out.warc.gz") == 2
    data = out.getvalue()
    members = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(31)
        inflater.decompress(rest)
        rest = inflater.unused_data
        members += 1
    assert members == 3  # one gzip member a record
    seen = []
    for record in FastArchiveIterator(io.BytesIO(data), parse_http=True):
        # a record is read while the iterator stands on it
        entry = {"type": record.record_type, "uri": record.headers.get("WARC-Target-URI")}
        if record.record_type == WarcRecordType.response:
            entry.update(
                date=record.headers.get("WARC-Date"),
                status=record.http_headers.status_code,
                etag=record.http_headers.get("ETag"),
                modified=record.http_headers.get("Last-Modified"),
                digest_ok=record.verify_payload_digest(),
                body=record.reader.read(),
            )
        seen.append(entry)
    assert [e["type"] for e in seen] == [
        WarcRecordType.warcinfo,
        WarcRecordType.response,
        WarcRecordType.response,
    ]
    assert seen[1] == {
        "type": WarcRecordType.response,
        "uri": "https://a.example/one",
        "date": "2024-03-01T12:00:01.000500Z",
        "status": 200,
        "etag": '"etag-1"',
        "modified": "Fri, 01 Mar 2024 11:00:00 GMT",
        "digest_ok": True,
        "body": html.encode(),
    }
    assert seen[2]["status"] == 200 and seen[2]["digest_ok"] is True
    assert data.startswith(gzip.compress(b"")[:3])
    assert gzip.decompress(data).startswith(b"WARC/1.1\r\n")
    # and our own reader takes it back in
    read, other = _read(data)
    assert [p.url for p in read] == ["https://a.example/one", "https://a.example/two"]
    assert other == Counter({"skipped/warcinfo": 1})


class _CountingStream(io.BytesIO):
    """A file that remembers how far it has been read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data


@pytest.mark.parametrize("gz", [True, False])
def test_a_file_is_streamed_not_loaded_whole(gz: bool) -> None:
    records = _records(3000 if gz else 400, gz=gz)  # gzipped, a record is ~360 bytes
    data = b"".join(records)
    stream = _CountingStream(data)
    events = read_archive(stream, MAX)
    first = next(events)
    assert isinstance(first, ArchivePage)
    # one read of 64 KB ahead at most, not the ~1 MB file
    assert len(data) > 10 * READ_SIZE
    assert stream.furthest <= 2 * READ_SIZE
    halfway = [next(events) for _ in range(199)]
    assert all(isinstance(e, ArchivePage) for e in halfway)
    assert stream.furthest <= sum(map(len, records[:200])) + 2 * READ_SIZE
