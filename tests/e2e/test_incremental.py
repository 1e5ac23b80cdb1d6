"""Re-runs of the same crawl: conditional requests, revisions, gone pages, kill and resume."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SITE_DIR, SiteServer
from storage import ArticleRecord, ArticleRevisionRecord, CrawlRunRecord, PageRecord, make_engine
from tests.e2e.conftest import run_crawl, stored

pytestmark = pytest.mark.slow
DUE_NOW = ("-s", "NEWS_RECRAWL_INTERVAL=0")


def _revisions(db_url: str) -> dict[str, int]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(ArticleRecord.url, func.count(ArticleRevisionRecord.id))
                .join(ArticleRevisionRecord, ArticleRevisionRecord.article_id == ArticleRecord.id)
                .group_by(ArticleRecord.url)
            ).all()
    finally:
        engine.dispose()
    return {"/" + url.split("/", 3)[3]: int(n) for url, n in rows}


def _page(db_url: str, path: str) -> PageRecord:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            page = session.scalar(select(PageRecord).where(PageRecord.url.endswith(path)))
            assert page is not None
            session.expunge(page)
            return page
    finally:
        engine.dispose()


def test_rerun_is_conditional_and_only_real_changes_make_revisions(
    site: SiteServer, db_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    sitemap = [f"sitemap={site.base_url}/sitemap.xml"]
    paths = [a["path"] for a in expected["articles"]]
    first = run_crawl(sitemap, db_url, tmp_path, *DUE_NOW)
    assert first.returncode == 0, first.stderr[-3000:]
    before = stored(db_url)
    assert _revisions(db_url) == dict.fromkeys(paths, 1)

    # Second run, every page due: conditional requests, all answered 304.
    site.requests.clear()
    second = run_crawl(sitemap, db_url, tmp_path, *DUE_NOW)
    assert second.returncode == 0, second.stderr[-3000:]
    article_requests = [h for _, p, h in site.requests if p in paths]
    assert len(article_requests) == len(paths)
    assert all("If-None-Match" in h for h in article_requests)
    listed = len(paths) + len(expected["non_articles"])  # the sitemap lists listings too
    assert second.stats["news/pages/not_modified"] == listed
    assert _revisions(db_url) == dict.fromkeys(paths, 1)
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
    third = run_crawl(sitemap, db_url, tmp_path, *DUE_NOW)
    assert third.returncode == 0, third.stderr[-3000:]
    assert _revisions(db_url) == {**dict.fromkeys(paths, 1), changed: 2}
    final = stored(db_url)
    assert set(final) == set(paths)
    assert final[changed].revision == 2
    assert final[changed].text.split("\n")[0] == first_paragraph + " Updated."
    page = _page(db_url, gone)
    assert (page.outcome, page.last_status, page.reason) == ("error", 410, "http_410")
    assert page.consecutive_failures == 1

    engine = make_engine(db_url)
    with Session(engine) as session:
        runs = session.scalars(select(CrawlRunRecord).order_by(CrawlRunRecord.id)).all()
        assert [r.finish_reason for r in runs] == ["finished"] * 3
        assert runs[0].arguments == {"sitemap": f"{site.base_url}/sitemap.xml"}
        assert runs[1].stats is not None and runs[1].stats["news/pages/not_modified"] == listed
    engine.dispose()


def test_rerun_within_the_interval_fetches_only_sitemaps(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    sitemap = [f"sitemap={site.base_url}/sitemap.xml"]
    assert run_crawl(sitemap, sqlite_url, tmp_path).returncode == 0
    site.requests.clear()
    again = run_crawl(sitemap, sqlite_url, tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    fetched = {p for _, p, _ in site.requests}
    assert fetched <= {"/robots.txt", "/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml"}
    listed = len(expected["articles"]) + len(expected["non_articles"])
    assert again.stats["news/incremental/fresh"] == listed


def test_killed_crawl_resumes_from_jobdir_without_loss_or_double(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    site.delay = 0.25  # a slow server, so the kill lands mid-crawl
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
                and _stored_count(sqlite_url) >= 3
            ):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the crawl stored nothing within 60 s")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    partial = _stored_count(sqlite_url)
    assert 3 <= partial < len(expected["articles"])

    site.delay = 0
    resumed = run_crawl(
        [f"sitemap={site.base_url}/sitemap.xml"], sqlite_url, tmp_path, "-s", f"JOBDIR={jobdir}"
    )
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    paths = [a["path"] for a in expected["articles"]]
    assert set(stored(sqlite_url)) == set(paths)
    assert _revisions(sqlite_url) == dict.fromkeys(paths, 1)


def _stored_count(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return int(session.scalar(select(func.count()).select_from(ArticleRecord)) or 0)
    except Exception:
        return 0
    finally:
        engine.dispose()
