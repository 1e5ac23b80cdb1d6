"""Two crawls writing to the same store at once, from an empty database."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from storage import ArticleRecord, ArticleRevisionRecord, PageRecord, make_engine
from tests.crawling import stored
from tests.e2e.conftest import EXPECTED

pytestmark = pytest.mark.slow


def test_two_crawls_at_once_store_each_article_once(
    site: SiteServer, db_url: str, tmp_path: Path
) -> None:
    expected: dict[str, Any] = EXPECTED
    site.delay = 0.02
    processes = []
    for n in (1, 2):
        folder = tmp_path / f"crawl{n}"
        folder.mkdir()
        command = crawl_command(
            [f"sitemap={site.base_url}/sitemap.xml"],
            db_url,
            "-s",
            "NEWS_DB_BATCH_SIZE=2",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
            "-s",
            "NEWS_INCREMENTAL_ENABLED=False",  # both fetch and write every page
        )
        processes.append(
            subprocess.Popen(
                command,
                cwd=folder,
                env=crawl_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    for process, output in zip(processes, outputs, strict=True):
        assert process.returncode == 0, output[-3000:]
        assert "Traceback" not in output, output[-3000:]
        assert "ERROR" not in output, output[-3000:]

    paths = {a["path"] for a in expected["articles"]}
    assert set(stored(db_url)) == paths
    engine = make_engine(db_url)
    with Session(engine) as session:
        articles = session.scalar(select(func.count()).select_from(ArticleRecord))
        revisions = session.scalar(select(func.count()).select_from(ArticleRevisionRecord))
        page_urls = session.scalars(select(PageRecord.url)).all()
    engine.dispose()
    assert articles == revisions == len(paths)
    assert len(page_urls) == len(set(page_urls))
