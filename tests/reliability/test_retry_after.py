"""A server that answers 503 with Retry-After is asked again when it says, not at once."""

from __future__ import annotations

import pytest

from crawler.demo.server import SiteServer
from tests.crawling import crawl, pages

pytestmark = pytest.mark.slow


def test_retry_after_is_honoured_and_a_long_one_is_not_waited_for(
    site: SiteServer, sqlite_url: str
) -> None:
    site.override(
        "/busy/", status=503, body="<html><body>Busy</body></html>", headers={"Retry-After": "2"}
    )
    site.override(
        "/closed/",
        status=503,
        body="<html><body>Maintenance</body></html>",
        headers={"Retry-After": "86400"},
    )
    result = crawl(
        [f"url={site.base_url}/busy/,{site.base_url}/closed/"],
        sqlite_url,
        {"RETRY_TIMES": 1, "NEWS_RETRY_AFTER_MAX": 60},
        allow_errors=True,
    )
    # Scrapy's retry middleware logs the pages it gave up on; nothing else went wrong.
    assert result.errors and all("Gave up retrying" in line for line in result.errors)
    busy = [
        t for (_, path, _), t in zip(site.requests, site.times, strict=True) if path == "/busy/"
    ]
    closed = [path for _, path, _ in site.requests if path == "/closed/"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.9
    assert len(closed) == 1  # a day's wait is not held in a download slot
    recorded = pages(sqlite_url)
    assert (recorded["/busy/"].outcome, recorded["/busy/"].reason) == ("error", "http_503")
    assert (recorded["/closed/"].outcome, recorded["/closed/"].reason) == ("error", "http_503")
