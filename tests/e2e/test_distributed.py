"""Two `scrapy crawl news` processes sharing one Redis queue and one PostgreSQL store."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from storage import ArticleRecord, ArticleRevisionRecord, make_engine, upgrade
from tests.conftest import _require

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def redis_keys() -> Iterator[tuple[str, str]]:
    """A Redis URL and a key prefix of this test's own; its keys are deleted afterwards."""
    import redis

    url = os.environ.get("NEWS_TEST_REDIS_URL") or _require("NEWS_TEST_REDIS_URL")
    prefix = f"newsclean-test-{uuid.uuid4().hex[:10]}"
    yield url, prefix
    server = redis.Redis.from_url(url)
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


def test_two_processes_share_the_work_and_store_each_article_once(
    site: SiteServer,
    postgres_url: str,
    redis_keys: tuple[str, str],
    tmp_path: Path,
    expected: dict[str, Any],
) -> None:
    redis_url, prefix = redis_keys
    site.delay = 0.2  # slow enough that both processes get a share
    # Migrate once, as a deployment does (`alembic upgrade head`) before starting workers:
    # two crawls creating the schema of an empty database at once would collide.
    engine = make_engine(postgres_url)
    upgrade(engine)
    engine.dispose()
    processes = []
    for n in (1, 2):
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        command = crawl_command(
            [f"sitemap={site.base_url}/sitemap.xml"],
            postgres_url,
            "-s", f"NEWS_REDIS_URL={redis_url}",
            "-s", f"SCHEDULER_QUEUE_KEY={prefix}:%(spider)s:requests",
            "-s", f"SCHEDULER_DUPEFILTER_KEY={prefix}:%(spider)s:dupefilter",
            "-s", "NEWS_REDIS_IDLE_CLOSE=3",
            # A process takes up to CONCURRENT_REQUESTS requests from the queue at once:
            # few, so that one process cannot take the whole (small) site in one go.
            "-s", "CONCURRENT_REQUESTS=2",
            "-s", f"NEWS_STATS_FILE={folder / 'stats.json'}",
        )  # fmt: skip
        processes.append(
            (
                folder,
                subprocess.Popen(
                    command,
                    cwd=folder,
                    env=crawl_env(),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    stats = []
    for folder, process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr[-3000:]
        stats.append(json.loads((folder / "stats.json").read_text()))

    # Both did part of the work.
    for one in stats:
        assert one.get("news/cleaning/ok", 0) > 0, one
        assert one.get("scheduler/dequeued/redis", 0) > 0
    # Every article stored exactly once: one row and one revision each.
    want = {a["path"] for a in expected["articles"]}
    engine = make_engine(postgres_url)
    try:
        with Session(engine) as session:
            urls = session.scalars(select(ArticleRecord.url)).all()
            revisions = dict(
                session.execute(
                    select(ArticleRevisionRecord.article_id, func.count()).group_by(
                        ArticleRevisionRecord.article_id
                    )
                ).all()
            )
    finally:
        engine.dispose()
    assert sorted("/" + url.split("/", 3)[3] for url in urls) == sorted(want)
    assert len(revisions) == len(want) and set(revisions.values()) == {1}
    assert sum(s.get("news/cleaning/ok", 0) for s in stats) == len(want)
    # The last process out cleared the shared queue and filter.
    import redis

    server = redis.Redis.from_url(redis_url)
    try:
        assert list(server.scan_iter(f"{prefix}:*")) == []
    finally:
        server.close()
