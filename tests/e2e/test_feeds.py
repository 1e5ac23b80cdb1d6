"""Scrapy's feed exports (``-O file``) give the stored articles as ``scrapy export`` does.

One in-process crawl writes a feed in every format; ``scrapy export`` runs as a subprocess.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer
from tests.crawling import crawl, run_command
from tests.e2e.conftest import EXPECTED

#: Fields of the crawl's internal PageItem that must never reach a feed.
INTERNAL = {"body", "article", "prepared", "content_type", "outcome", "etag"}
FORMATS = ("jsonl", "csv", "json", "xml")


@dataclass
class Feeds:
    """One crawl of the example site writing a feed in each format, and the store's exports."""

    folder: Path
    articles: int
    exported_jsonl: Path
    exported_csv: Path
    second_feed: Path

    def feed(self, fmt: str) -> Path:
        return self.folder / f"items.{fmt}"


def export(db_url: str, fmt: str, out: Path, cwd: Path) -> Path:
    """Run ``scrapy export`` on the store; return the file."""
    done = run_command(["export", "--format", fmt, "-o", str(out)], cwd, db_url)
    assert done.returncode == 0, done.stderr
    return out


def _feed(fmt: str) -> dict[str, object]:
    return {"format": fmt, "overwrite": True}  # -O


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> Feeds:
    """Every feed format of one crawl (``-O items.FMT`` each), then a re-run with its own."""
    folder = tmp_path_factory.mktemp("feeds")
    db_url = f"sqlite:///{folder / 'news.db'}"
    with SiteServer() as site:
        crawl(
            [f"site={site.base_url}/"],
            db_url,
            {
                "FEEDS": {
                    str(folder / f"items.{f}"): {"format": f, "overwrite": True} for f in FORMATS
                }
            },
        )
        exported_jsonl = export(db_url, "jsonl", folder / "export.jsonl", folder)
        exported_csv = export(db_url, "csv", folder / "export.csv", folder)
        # A second run finds every page fresh.
        second = folder / "second.jsonl"
        crawl(
            [f"site={site.base_url}/"],
            db_url,
            {"FEEDS": {str(second): _feed("jsonl")}},
        )
    return Feeds(folder, len(EXPECTED["articles"]), exported_jsonl, exported_csv, second)


def test_jsonl_feed_is_the_export_of_the_stored_articles(feeds: Feeds) -> None:
    fed = [json.loads(line) for line in feeds.feed("jsonl").read_text("utf-8").splitlines()]
    rows = [json.loads(line) for line in feeds.exported_jsonl.read_text("utf-8").splitlines()]
    assert len(rows) == feeds.articles
    # the same rows, the same fields in the same order (a feed is in crawl order)
    assert sorted(fed, key=lambda r: r["id"]) == rows
    assert all(list(r) == list(rows[0]) for r in fed)
    assert not INTERNAL & set(fed[0])
    # nothing for the pages that were not stored (listings, the home page)
    assert {r["url"] for r in fed} == {r["url"] for r in rows}


def test_csv_feed_has_the_cells_of_scrapy_export(feeds: Feeds) -> None:
    with feeds.feed("csv").open(encoding="utf-8", newline="") as f:
        fed = list(csv.reader(f))
    with feeds.exported_csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert fed[0] == rows[0]
    assert sorted(fed[1:], key=lambda r: int(r[0])) == rows[1:]
    authors = rows[0].index("authors")
    assert all(json.loads(row[authors] or "[]") is not None for row in fed[1:])


def test_json_feed_is_an_array_of_the_stored_articles(feeds: Feeds) -> None:
    fed = json.loads(feeds.feed("json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in feeds.exported_jsonl.read_text("utf-8").splitlines()]
    assert sorted(fed, key=lambda r: r["id"]) == rows


def test_xml_feed_has_the_same_fields_and_values(feeds: Feeds) -> None:
    rows = {
        json.loads(line)["url"]: json.loads(line)
        for line in feeds.exported_jsonl.read_text(encoding="utf-8").splitlines()
    }
    items = ET.parse(feeds.feed("xml")).getroot().findall("item")
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


def test_a_recrawl_feeds_no_pages_that_were_not_stored(feeds: Feeds) -> None:
    """A second run finds every page fresh: its feed is empty, not full of skipped pages."""
    second = feeds.second_feed
    assert feeds.feed("jsonl").read_text(encoding="utf-8")  # the first run's is not
    assert not second.exists() or second.read_text(encoding="utf-8") == ""
