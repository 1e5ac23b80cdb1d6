"""PostgreSQL goes away in the middle of a crawl: a real server is stopped and started.

The server stopped is a cluster of this module's own (Debian's `pg_createcluster`, trust
auth, a free port of 127.0.0.1), so the tests that run beside these ones on the shared
server never see it go down.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from storage import ArticleRevisionRecord, make_engine
from tests.crawling import crawl, stored, stored_count
from tests.e2e.conftest import EXPECTED

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
PATHS = {a["path"] for a in EXPECTED["articles"]}


class Cluster:
    """A PostgreSQL cluster of its own: created, started, stopped and dropped here."""

    def __init__(self) -> None:
        self.version = sorted(os.listdir("/etc/postgresql"))[-1]
        self.name = f"newsclean_{uuid.uuid4().hex[:8]}"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def create(self) -> None:
        self._run(
            "pg_createcluster", self.version, self.name, "--port", str(self.port),
            "--", "--auth=trust", "--no-sync",
        )  # fmt: skip
        self.action("start")

    def action(self, action: str) -> None:
        self._run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action)
        if action == "start":
            self.wait_until_up()

    def is_up(self) -> bool:
        ready = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]
        return subprocess.run(ready, check=False).returncode == 0

    def wait_until_up(self) -> None:
        for _ in range(120):
            if self.is_up():
                return
            time.sleep(0.5)
        pytest.fail("PostgreSQL did not come back")

    def drop(self) -> None:
        subprocess.run(
            ["pg_dropcluster", "--stop", self.version, self.name],
            check=False, capture_output=True, timeout=120,
        )  # fmt: skip


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A private PostgreSQL server for this module's tests."""
    if shutil.which("pg_createcluster") is None or not os.path.isdir("/etc/postgresql"):
        if os.environ.get("CI") == "true":
            pytest.fail("pg_createcluster (Debian's postgresql-common) is needed under CI=true")
        pytest.skip("needs Debian's pg_createcluster")
    server = Cluster()
    server.create()
    try:
        yield server
    finally:
        server.drop()


@pytest.fixture
def outage_db(cluster: Cluster) -> Iterator[str]:
    """An empty database of the private server; whatever happens, the server is up after."""
    name = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(cluster.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    try:
        yield cluster.url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        if not cluster.is_up():
            cluster.action("start")
        cluster.wait_until_up()


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
    site: SiteServer, cluster: Cluster, outage_db: str, tmp_path: Path
) -> None:
    postgres_url = outage_db
    process = _start_slow_crawl(site, postgres_url, tmp_path)
    site.delay = 1.0  # the rest of the crawl outlasts the outage, however busy the machine
    cluster.action("stop")
    time.sleep(2.5)  # pages keep arriving while the database is down
    cluster.action("start")
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output[-3000:]
    assert set(stored(postgres_url)) == PATHS
    assert _revisions(postgres_url) == len(PATHS)
    assert "database unreachable" in output  # the outage really hit a write or a look-up


def test_database_that_stays_down_stops_the_crawl_and_the_next_run_completes(
    site: SiteServer, cluster: Cluster, outage_db: str, tmp_path: Path
) -> None:
    postgres_url = outage_db
    process = _start_slow_crawl(site, postgres_url, tmp_path, "-s", "NEWS_DB_OUTAGE_TIMEOUT=2")
    cluster.action("stop")
    try:
        output, _ = process.communicate(timeout=120)
    finally:
        cluster.action("start")
    assert process.returncode == 1, output[-3000:]
    assert "the store became unavailable" in output
    partial = stored(postgres_url)
    assert 2 <= len(partial) < len(PATHS)

    site.delay = 0
    crawl([f"sitemap={site.base_url}/sitemap.xml"], postgres_url)
    assert set(stored(postgres_url)) == PATHS
    assert _revisions(postgres_url) == len(PATHS)
