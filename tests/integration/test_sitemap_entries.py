"""A sitemap of many entries does not become that many Request objects at once.

An in-process crawl (the project's settings, a store on SQLite) of a local site whose one
sitemap lists 2.5 x `ENTRIES_OUT` articles (`ENTRIES_OUT` lowered to 100 to keep the
crawl short): the crawl's own signals count the article requests scheduled and answered,
and the most waiting at any moment stays within `ENTRIES_OUT`, while every entry is
still fetched once. The crawl runs in a fresh
interpreter (Twisted's reactor starts once per process), driven from Python, not
``scrapy crawl``.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from crawler.demo.server import SiteServer

ENTRIES_OUT = 100
ENTRIES = ENTRIES_OUT * 5 // 2


def _crawl(sitemap_url: str, db_url: str, results: Any) -> None:
    """Crawl ``sitemap_url`` in this process; put what the signals counted in ``results``."""
    import os

    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.spiders import news

    news.ENTRIES_OUT = ENTRIES_OUT
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.setdict(
        {
            "NEWS_DB_URL": db_url,
            "NEWS_CLEANING_WORKERS": 0,
            "NEWS_ALLOW_PRIVATE_ADDRESSES": True,
            "NEWS_PROGRESS_ENABLED": False,
            "NEWS_SUMMARY_ENABLED": False,
            "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "LOG_LEVEL": "WARNING",
        },
        priority="cmdline",
    )
    counts = {"scheduled": 0, "answered": 0, "most_waiting": 0}

    def scheduled(request: Any, spider: Any) -> None:
        if request.meta.get("article"):
            counts["scheduled"] += 1
            waiting = counts["scheduled"] - counts["answered"]
            counts["most_waiting"] = max(counts["most_waiting"], waiting)

    def answered(response: Any, request: Any, spider: Any) -> None:
        if request.meta.get("article"):
            counts["answered"] += 1

    process = CrawlerProcess(settings, install_root_handler=False)
    crawler = process.create_crawler("news")
    crawler.signals.connect(scheduled, signal=signals.request_scheduled)
    crawler.signals.connect(answered, signal=signals.response_received)
    process.crawl(crawler, sitemap=sitemap_url)
    process.start()
    assert crawler.stats is not None
    results.put({**counts, "stats": crawler.stats.get_stats()})


def test_sitemap_entries_become_requests_as_earlier_ones_are_answered(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    urls = "".join(f"<url><loc>{{{{BASE_URL}}}}/news/{i}.html</loc></url>" for i in range(ENTRIES))
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    with SiteServer(root) as server:  # every article answers 404: each is recorded, fast
        child = context.Process(
            target=_crawl,
            args=(f"{server.base_url}/sitemap.xml", f"sqlite:///{tmp_path / 'news.db'}", results),
        )
        child.start()
        counts = results.get(timeout=240)
        child.join(timeout=30)
        fetched = [path for _, path, _ in server.requests if path.startswith("/news/")]
    assert child.exitcode == 0
    assert counts["stats"]["news/discovery/sitemap_entries"] == ENTRIES
    assert counts["scheduled"] == counts["answered"] == ENTRIES
    assert sorted(fetched) == sorted(f"/news/{i}.html" for i in range(ENTRIES))
    assert counts["stats"]["news/skipped/http_404"] == ENTRIES
    # All at once would be ENTRIES waiting; they are made ENTRIES_OUT at most at a time.
    assert ENTRIES_OUT // 2 < counts["most_waiting"] <= ENTRIES_OUT
