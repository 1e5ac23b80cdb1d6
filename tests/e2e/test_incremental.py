"""Re-runs of the same crawl: conditional requests, revisions, gone pages, kill and resume.

The re-runs are in-process crawls; the crawl killed mid-way is a ``scrapy crawl`` subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SITE_DIR, SiteServer
from tests.crawling import crawl, pages, revisions, runs, stored, stored_count

pytestmark = pytest.mark.slow
DUE_NOW = {"NEWS_RECRAWL_INTERVAL": 0}


def test_rerun_is_conditional_and_only_real_changes_make_revisions(
    site: SiteServer, db_url: str, expected: dict[str, Any]
) -> None:
    sitemap = [f"sitemap={site.base_url}/sitemap.xml"]
    paths = [a["path"] for a in expected["articles"]]
    crawl(sitemap, db_url, DUE_NOW)
    before = stored(db_url)
    assert revisions(db_url) == dict.fromkeys(paths, 1)

    # Second run, every page due: conditional requests, all answered 304.
    site.requests.clear()
    second = crawl(sitemap, db_url, DUE_NOW)
    article_requests = [h for _, p, h in site.requests if p in paths]
    assert len(article_requests) == len(paths)
    assert all("If-None-Match" in h for h in article_requests)
    listed = len(paths) + len(expected["non_articles"])  # the sitemap lists listings too
    assert second.stats["news/pages/not_modified"] == listed
    assert revisions(db_url) == dict.fromkeys(paths, 1)
    after = stored(db_url)
    assert {p: r.last_changed_at for p, r in after.items()} == {
        p: r.last_changed_at for p, r in before.items()
    }

    # One page changed: exactly one new revision. One page gone: recorded, article kept.
    changed, gone = paths[1], paths[2]
    html = (SITE_DIR / changed.strip("/") / "index.html").read_text(encoding="utf-8")
    first_paragraph = next(a for a in expected["articles"] if a["path"] == changed)[
        "first_paragraph"
    ]
    site.override(changed, body=html.replace(first_paragraph, first_paragraph + " Updated."))
    site.override(gone, status=410, body="<html><body>Gone</body></html>")
    crawl(sitemap, db_url, DUE_NOW)
    assert revisions(db_url) == {**dict.fromkeys(paths, 1), changed: 2}
    final = stored(db_url)
    assert set(final) == set(paths)
    assert final[changed].revision == 2
    assert final[changed].text.split("\n")[0] == first_paragraph + " Updated."
    page = pages(db_url)[gone]
    assert (page.outcome, page.last_status, page.reason) == ("error", 410, "http_410")
    assert page.consecutive_failures == 1

    records = runs(db_url)
    assert [r.finish_reason for r in records] == ["finished"] * 3
    assert records[0].arguments == {"sitemap": f"{site.base_url}/sitemap.xml"}
    assert records[1].stats is not None and records[1].stats["news/pages/not_modified"] == listed


def test_rerun_within_the_interval_fetches_only_sitemaps(
    site: SiteServer, sqlite_url: str, expected: dict[str, Any]
) -> None:
    sitemap = [f"sitemap={site.base_url}/sitemap.xml"]
    crawl(sitemap, sqlite_url)
    site.requests.clear()
    again = crawl(sitemap, sqlite_url)
    fetched = {p for _, p, _ in site.requests}
    assert fetched <= {"/robots.txt", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"}
    listed = len(expected["articles"]) + len(expected["non_articles"])
    assert again.stats["news/incremental/fresh"] == listed


def test_killed_crawl_resumes_from_jobdir_without_loss_or_double(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    site.delay = 0.5  # a slow server, so the kill lands mid-crawl even on a busy machine
    jobdir = tmp_path / "job"
    command = crawl_command(
        [f"sitemap={site.base_url}/sitemap.xml"],
        sqlite_url,
        "-s",
        f"JOBDIR={jobdir}",
        "-s",
        "CONCURRENT_REQUESTS=2",
        "-s",
        "NEWS_DB_BATCH_SIZE=3",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
    )
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=crawl_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if (
                os.path.exists(sqlite_url.removeprefix("sqlite:///"))
                and stored_count(sqlite_url) >= 3
            ):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the crawl stored nothing within 60 s")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    partial = stored_count(sqlite_url)
    assert 3 <= partial < len(expected["articles"])

    site.delay = 0
    # the same JOBDIR, in-process: what the killed process left is enough to go on
    crawl([f"sitemap={site.base_url}/sitemap.xml"], sqlite_url, {"JOBDIR": str(jobdir)})
    paths = [a["path"] for a in expected["articles"]]
    assert set(stored(sqlite_url)) == set(paths)
    assert revisions(sqlite_url) == dict.fromkeys(paths, 1)
