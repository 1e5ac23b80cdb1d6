"""PostgreSQL goes away in the middle of a crawl: the real server is stopped and started."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from storage import ArticleRevisionRecord, make_engine
from tests.crawling import crawl, stored, stored_count
from tests.e2e.conftest import EXPECTED

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
PATHS = {a["path"] for a in EXPECTED["articles"]}


def _cluster(action: str) -> None:
    version = subprocess.run(
        ["ls", "/etc/postgresql"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=60,
    )


def _wait_until_up() -> None:
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            return
        time.sleep(0.5)
    pytest.fail("PostgreSQL did not come back")


@pytest.fixture
def server_back() -> Iterator[None]:
    """Whatever happens in the test, PostgreSQL is running again afterwards."""
    try:
        yield
    finally:
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode:
            _cluster("start")
        _wait_until_up()


def _start_slow_crawl(
    site: SiteServer, db_url: str, folder: Path, *settings: str
) -> subprocess.Popen[str]:
    site.delay = 0.3
    command = crawl_command(
        [f"sitemap={site.base_url}/sitemap.xml"],
        db_url,
        "-s",
        "CONCURRENT_REQUESTS=2",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "NEWS_DB_BATCH_SIZE=1",
        "-s",
        f"NEWS_STATS_FILE={folder / 'stats.json'}",
        *settings,
    )
    process = subprocess.Popen(
        command,
        cwd=folder,
        env=crawl_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while stored_count(db_url) < 2:
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("the crawl stored nothing")
        time.sleep(0.1)
    return process


def _revisions(db_url: str) -> int:
    engine = make_engine(db_url)
    with Session(engine) as session:
        n = session.scalar(select(func.count()).select_from(ArticleRevisionRecord))
    engine.dispose()
    return int(n or 0)


def test_restart_mid_crawl_loses_and_doubles_nothing(
    site: SiteServer, postgres_url: str, tmp_path: Path, server_back: None
) -> None:
    process = _start_slow_crawl(site, postgres_url, tmp_path)
    _cluster("stop")
    time.sleep(2.5)  # pages keep arriving while the database is down
    _cluster("start")
    _wait_until_up()
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output[-3000:]
    assert set(stored(postgres_url)) == PATHS
    assert _revisions(postgres_url) == len(PATHS)
    assert "database unreachable" in output  # the outage really hit a write or a look-up


def test_database_that_stays_down_stops_the_crawl_and_the_next_run_completes(
    site: SiteServer, postgres_url: str, tmp_path: Path, server_back: None
) -> None:
    process = _start_slow_crawl(site, postgres_url, tmp_path, "-s", "NEWS_DB_OUTAGE_TIMEOUT=2")
    _cluster("stop")
    try:
        output, _ = process.communicate(timeout=120)
    finally:
        _cluster("start")
        _wait_until_up()
    assert process.returncode == 1, output[-3000:]
    assert "the store became unavailable" in output
    partial = stored(postgres_url)
    assert 2 <= len(partial) < len(PATHS)

    site.delay = 0
    crawl([f"sitemap={site.base_url}/sitemap.xml"], postgres_url)
    assert set(stored(postgres_url)) == PATHS
    assert _revisions(postgres_url) == len(PATHS)
