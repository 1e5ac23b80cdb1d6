"""Scrapy's feed exports (``-O file``) give the stored articles as ``scrapy export`` does."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from crawler.demo import crawl_env
from crawler.demo.server import SiteServer
from tests.e2e.conftest import run_crawl

#: Fields of the crawl's internal PageItem that must never reach a feed.
INTERNAL = {"body", "article", "prepared", "content_type", "outcome", "etag"}


def export(db_url: str, fmt: str, out: Path, cwd: Path) -> Path:
    """Run ``scrapy export`` on the store; return the file."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "export",
            "--format",
            fmt,
            "-o",
            str(out),
            "-s",
            f"NEWS_DB_URL={db_url}",
        ],
        cwd=cwd,
        env=crawl_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def crawl_to(site: SiteServer, tmp_path: Path, feed: Path, db_url: str) -> str:
    result = run_crawl([f"site={site.base_url}/"], db_url, tmp_path, "-O", str(feed))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert " ERROR: " not in result.stderr
    return result.stderr


def test_jsonl_feed_is_the_export_of_the_stored_articles(
    site: SiteServer, tmp_path: Path, sqlite_url: str, expected: dict[str, object]
) -> None:
    feed = tmp_path / "items.jsonl"
    crawl_to(site, tmp_path, feed, sqlite_url)
    exported = export(sqlite_url, "jsonl", tmp_path / "export.jsonl", tmp_path)
    fed = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(expected["articles"])  # type: ignore[arg-type]
    # the same rows, the same fields in the same order (a feed is in crawl order)
    assert sorted(fed, key=lambda r: r["id"]) == rows
    assert all(list(r) == list(rows[0]) for r in fed)
    assert not INTERNAL & set(fed[0])
    # nothing for the pages that were not stored (listings, the home page)
    assert {r["url"] for r in fed} == {r["url"] for r in rows}


def test_csv_feed_has_the_cells_of_scrapy_export(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    feed = tmp_path / "items.csv"
    crawl_to(site, tmp_path, feed, sqlite_url)
    exported = export(sqlite_url, "csv", tmp_path / "export.csv", tmp_path)
    with feed.open(encoding="utf-8", newline="") as f:
        fed = list(csv.reader(f))
    with exported.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert fed[0] == rows[0]
    assert sorted(fed[1:], key=lambda r: int(r[0])) == rows[1:]
    authors = rows[0].index("authors")
    assert all(json.loads(row[authors] or "[]") is not None for row in fed[1:])


def test_json_feed_is_an_array_of_the_stored_articles(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    feed = tmp_path / "items.json"
    crawl_to(site, tmp_path, feed, sqlite_url)
    exported = export(sqlite_url, "jsonl", tmp_path / "export.jsonl", tmp_path)
    fed = json.loads(feed.read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert sorted(fed, key=lambda r: r["id"]) == rows


def test_xml_feed_has_the_same_fields_and_values(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    feed = tmp_path / "items.xml"
    crawl_to(site, tmp_path, feed, sqlite_url)
    exported = export(sqlite_url, "jsonl", tmp_path / "export.jsonl", tmp_path)
    rows = {
        json.loads(line)["url"]: json.loads(line)
        for line in exported.read_text(encoding="utf-8").splitlines()
    }
    items = ET.parse(feed).getroot().findall("item")
    assert len(items) == len(rows)
    for item in items:
        row = rows[item.findtext("url") or ""]
        assert [child.tag for child in item] == list(row)
        for child in item:
            value = row[child.tag]
            if isinstance(value, list):
                assert [v.text for v in child.findall("value")] == value
            else:
                assert (child.text or "") == ("" if value is None else str(value))


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_a_recrawl_feeds_no_pages_that_were_not_stored(
    site: SiteServer, tmp_path: Path, sqlite_url: str, fmt: str
) -> None:
    """A second run finds every page fresh: its feed is empty, not full of skipped pages."""
    crawl_to(site, tmp_path, tmp_path / f"first.{fmt}", sqlite_url)
    second = tmp_path / f"second.{fmt}"
    crawl_to(site, tmp_path, second, sqlite_url)
    assert not second.exists() or second.read_text(encoding="utf-8") == ""
