"""``scrapy crawl news -a warc=`` / ``-a ccnews=`` and ``scrapy export --format warc`` on
SQLite and PostgreSQL; CC-NEWS from a local mirror on 127.0.0.1. The crawls run in-process;
the exports, and the arguments refused before the start, are subprocesses."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from fastwarc.warc import WarcRecordType
from sqlalchemy.orm import Session

from crawler.demo.server import SiteServer
from storage import make_engine
from storage.archives import archive_files
from tests.crawling import crawl, run_command, run_crawl, stored
from tests.warcfiles import Fixture, fixtures, write_warc

pytestmark = pytest.mark.slow


def _by_url(db_url: str) -> dict[str, object]:
    return {record.url: record for record in stored(db_url).values()}


def _archive_rows(db_url: str) -> dict[str, tuple[bool, int, int, int]]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return {
                row.url: (row.finished_at is not None, row.records, row.pages, row.errors)
                for row in archive_files(session)
            }
    finally:
        engine.dispose()


def _text_has(page: Fixture, text: str) -> None:
    for line in page.must_contain:
        assert line in text, (page.name, line)


def test_a_warc_file_into_the_store_and_back_out(db_url: str, tmp_path: Path) -> None:
    pages = fixtures(6)
    warc = tmp_path / "capture.warc.gz"
    contents = write_warc(warc, pages)
    result = crawl([f"warc={warc}"], db_url)
    stats = result.stats
    articles = _by_url(db_url)
    assert set(articles) == set(contents.good_urls)
    for page in pages:
        record = articles[page.url]
        _text_has(page, record.text)  # type: ignore[attr-defined]
        # the record's date is the fetch time
        assert record.last_fetched_at == datetime(2024, 1, 5, 8, 30, tzinfo=UTC)  # type: ignore[attr-defined]
    assert stats["news/warc/pages"] == len(contents.good_urls)
    assert stats["news/warc/skipped/request"] == len(pages)
    for reason in ("revisit", "metadata", "warcinfo", "not_html", "http_404"):
        assert stats[f"news/warc/skipped/{reason}"] == 1, reason
    assert sum(v for k, v in stats.items() if k.startswith("news/warc/errors/")) == 2
    assert stats["news/warc/files_finished"] == 1
    finished, records, kept, errors = _archive_rows(db_url)[str(warc)]
    assert finished and kept == len(contents.good_urls) and errors == 2 and records > kept

    # a re-run skips the finished file
    again = crawl([f"warc={warc}"], db_url)
    assert again.stats["news/warc/files_skipped_finished"] == 1
    assert "news/warc/pages" not in again.stats

    # and the store goes back out as WARC, read by a second, independent reader
    out = tmp_path / "export.warc.gz"
    done = run_command(["export", "--format", "warc", "-o", str(out)], tmp_path, db_url)
    assert done.returncode == 0, done.stderr
    assert f"{len(contents.good_urls)} pages written" in done.stderr
    by_url: dict[str, bytes] = {}
    types = []
    for record in FastArchiveIterator(io.BytesIO(out.read_bytes()), parse_http=True):
        types.append(record.record_type)
        if record.record_type == WarcRecordType.response:
            assert record.verify_payload_digest()
            assert record.http_headers.status_code == 200
            by_url[record.headers.get("WARC-Target-URI") or ""] = record.reader.read()
    assert types[0] == WarcRecordType.warcinfo
    assert set(by_url) == set(contents.good_urls)
    first = pages[0]
    assert by_url[first.url].decode("utf-8").count("<") > 10

    # --site keeps one site's pages
    site = first.url.split("/")[2].removeprefix("www.")
    one = tmp_path / "one.warc.gz"
    done = run_command(
        ["export", "--format", "warc", "-o", str(one), "--site", site], tmp_path, db_url
    )
    assert done.returncode == 0, done.stderr
    uris = [
        r.headers.get("WARC-Target-URI")
        for r in FastArchiveIterator(io.BytesIO(one.read_bytes()))
        if r.record_type == WarcRecordType.response
    ]
    assert uris and all(site in (u or "") for u in uris)


def _mirror(root: Path, month: str, files: dict[str, list[Fixture]]) -> list[list[str]]:
    """A CC-NEWS-style tree: crawl-data/CC-NEWS/YYYY/MM/ with warc.paths.gz and the files.

    Returns the URLs each file holds pages of.
    """
    year, mon = month.split("-")
    folder = root / "crawl-data" / "CC-NEWS" / year / mon
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    urls = []
    for name, pages in files.items():
        urls.append(write_warc(folder / name, pages, cut_member=False).good_urls)
        paths.append(f"crawl-data/CC-NEWS/{year}/{mon}/{name}")
    (folder / "warc.paths.gz").write_bytes(gzip.compress("\n".join(paths).encode() + b"\n"))
    return urls


def test_a_month_of_ccnews_from_a_mirror_resumes_where_it_stopped(
    db_url: str, tmp_path: Path
) -> None:
    pages = fixtures(9)
    root = tmp_path / "mirror"
    names = [
        "CC-NEWS-20240105000000-00001.warc.gz",
        "CC-NEWS-20240106000000-00002.warc.gz",
        "CC-NEWS-20240107000000-00003.warc.gz",
    ]
    urls = _mirror(
        root, "2024-01", dict(zip(names, (pages[0:3], pages[3:6], pages[6:9]), strict=True))
    )
    folder = root / "crawl-data" / "CC-NEWS" / "2024" / "01"
    # the third file is missing from the mirror at first (a failed download)
    held_back = folder / names[2]
    held_back.rename(tmp_path / "held-back")
    with SiteServer(root) as server:
        base = server.base_url + "/"
        settings = {"NEWS_CCNEWS_BASE": base}
        first = crawl(["ccnews=2024-01"], db_url, settings, allow_errors=True)
        assert first.errors and all(names[2] in line for line in first.errors)
        assert first.stats["news/warc/files_finished"] == 2
        assert first.stats["news/warc/files_failed"] == 1
        assert set(_by_url(db_url)) == {*urls[0], *urls[1]}
        rows = _archive_rows(db_url)
        assert sorted(url for url, row in rows.items() if row[0]) == [
            base + f"crawl-data/CC-NEWS/2024/01/{n}" for n in names[:2]
        ]
        (tmp_path / "held-back").rename(held_back)
        second = crawl(["ccnews=2024-01"], db_url, settings)
        assert second.stats["news/warc/files_skipped_finished"] == 2
        assert second.stats["news/warc/files_finished"] == 1
        assert second.stats["news/warc/pages"] == len(urls[2])
        assert set(_by_url(db_url)) == {*urls[0], *urls[1], *urls[2]}
        assert all(row[0] for row in _archive_rows(db_url).values())


def test_day_range_and_domains(tmp_path: Path, sqlite_url: str) -> None:
    pages = fixtures(6)
    root = tmp_path / "mirror"
    names = ["CC-NEWS-20240105000000-00001.warc.gz", "CC-NEWS-20240106000000-00002.warc.gz"]
    _mirror(root, "2024-01", dict(zip(names, (pages[0:3], pages[3:6]), strict=True)))
    keep = pages[1].url.split("/")[2]
    assert all(keep not in p.url for p in (pages[0], pages[2]))
    with SiteServer(root) as server:
        done = crawl(
            ["ccnews=2024-01-05", f"domains={keep}"],
            sqlite_url,
            {"NEWS_CCNEWS_BASE": f"{server.base_url}/"},
        )
    assert set(_by_url(sqlite_url)) == {pages[1].url}
    # the two other pages of the file, and the encoded copy of its last page
    assert done.stats["news/warc/skipped/other_domain"] == 3
    # archive_files.pages counts the pages handed to cleaning
    assert [row[2] for row in _archive_rows(sqlite_url).values()] == [1]
    assert done.stats["news/warc/files_finished"] == 1


def test_raw_html_not_kept_is_said_and_skipped(tmp_path: Path, sqlite_url: str) -> None:
    warc = tmp_path / "a.warc.gz"
    contents = write_warc(warc, fixtures(2), cut_member=False)
    crawl([f"warc={warc}"], sqlite_url, {"NEWS_KEEP_RAW_HTML": False})
    exported = run_command(
        ["export", "--format", "warc", "-o", str(tmp_path / "out.warc.gz")], tmp_path, sqlite_url
    )
    assert exported.returncode == 0, exported.stderr
    assert "0 pages written" in exported.stderr
    assert f"{len(contents.good_urls)} articles skipped: their raw HTML was not kept" in (
        exported.stderr
    )


@pytest.mark.parametrize(
    ("argument", "message"),
    [("warc=/nonexistent/a.warc.gz", "no such file"), ("ccnews=last-month", "YYYY-MM")],
)
def test_bad_archive_arguments_are_one_line(
    argument: str, message: str, tmp_path: Path, sqlite_url: str
) -> None:
    done = run_crawl([argument], sqlite_url, tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_pages_in_flight_stay_bounded(tmp_path: Path, sqlite_url: str) -> None:
    base = fixtures(1)[0]
    pages = [
        Fixture(f"copy-{i}", f"https://many.example/story-{i}/", base.html, base.must_contain)
        for i in range(60)
    ]
    warc = tmp_path / "many.warc.gz"
    write_warc(warc, pages, cut_member=False)
    # one cleaning worker holding at most one page: the reader must wait for it
    done = crawl(
        [f"warc={warc}"], sqlite_url, {"NEWS_CLEANING_WORKERS": 1, "NEWS_CLEANING_MAX_PENDING": 1}
    )
    assert done.stats["news/warc/pages"] == 61  # and the encoded copy of the last
    assert 1 <= done.stats["news/warc/peak_in_flight"] <= 16
    assert len(_by_url(sqlite_url)) == 61  # near-duplicates are linked, never dropped
