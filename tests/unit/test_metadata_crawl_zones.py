"""A crawl learns a site's time zone from its pages that show it, for those that do not.

The real `crawler.pipelines.CleaningPipeline` built with `get_crawler`, cleaning in-line.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.items import PageItem
from crawler.pipelines import CleaningPipeline

BODY = "".join(
    f"<p>The county board met on Tuesday night and approved plan {n} for the river "
    "crossing after a long debate about its cost and the traffic it would bring.</p>"
    for n in range(5)
)


def page(topic: str, markup: str, dateline: str) -> bytes:
    return (
        f"<html lang='en'><head><title>{topic} approved</title>"
        f"<meta property='article:published_time' content='{markup}'></head><body>"
        f"<article><h1>{topic} approved</h1><p class='byline'>By Ann Lee</p>"
        f"<p>{dateline}</p>{BODY}</article></body></html>"
    ).encode()


def clean(pipeline: CleaningPipeline, url: str, body: bytes) -> PageItem:
    item = PageItem(url, 200, datetime.now(UTC), body=body, content_type="text/html")
    result = asyncio.run(pipeline.process_item(item))
    assert isinstance(result, PageItem) and result.article is not None
    return result


def test_pages_that_show_their_zone_teach_it_to_the_site_s_other_pages() -> None:
    crawler = get_crawler(settings_dict={"NEWS_CLEANING_WORKERS": 0})
    crawler.stats = MemoryStatsCollector(crawler)
    pipeline = CleaningPipeline.from_crawler(crawler)
    site = "https://www.county-courier.com"
    # a page with only a UTC time: Wednesday in UTC, its reader saw Tuesday evening
    quiet = page("Bridge", "2025-11-19T02:30:00Z", "")
    before = clean(pipeline, f"{site}/news/bridge-1", quiet)
    assert before.article is not None and before.article.published_at is not None
    assert before.article.published_at.day == 19  # nothing tells the zone yet
    for n, (utc, printed) in enumerate(
        [("2025-11-17T23:05:00Z", "6:05 PM EST"), ("2025-11-18T01:40:00Z", "8:40 PM EST")]
    ):
        clean(pipeline, f"{site}/news/road-{n}", page(f"Road {n}", utc, printed))
    assert pipeline.zones.offset("county-courier.com") == timedelta(hours=-5)
    after = clean(pipeline, f"{site}/news/bridge-2", quiet)
    assert after.article is not None and after.article.published_at is not None
    assert after.article.published_at.date().isoformat() == "2025-11-18"
    # another site learns nothing from this one
    other = clean(pipeline, "https://www.other-paper.com/news/bridge", quiet)
    assert other.article is not None and other.article.published_at is not None
    assert other.article.published_at.day == 19
