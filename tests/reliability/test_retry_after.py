"""A server that answers 503 with Retry-After is asked again when it says, not at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.demo.server import SiteServer
from storage import PageRecord, make_engine
from tests.e2e.conftest import run_crawl

pytestmark = pytest.mark.slow


def test_retry_after_is_honoured_and_a_long_one_is_not_waited_for(
    site: SiteServer, sqlite_url: str, tmp_path: Path
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
    result = run_crawl(
        [f"url={site.base_url}/busy/,{site.base_url}/closed/"],
        sqlite_url,
        tmp_path,
        "-s",
        "RETRY_TIMES=1",
        "-s",
        "NEWS_RETRY_AFTER_MAX=60",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    busy = [
        t for (_, path, _), t in zip(site.requests, site.times, strict=True) if path == "/busy/"
    ]
    closed = [path for _, path, _ in site.requests if path == "/closed/"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.9
    assert len(closed) == 1  # a day's wait is not held in a download slot
    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        pages = {p.url.rsplit("/", 2)[-2]: p for p in session.scalars(select(PageRecord))}
    engine.dispose()
    assert (pages["busy"].outcome, pages["busy"].reason) == ("error", "http_503")
    assert (pages["closed"].outcome, pages["closed"].reason) == ("error", "http_503")
