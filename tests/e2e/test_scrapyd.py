"""The project deployed to a real scrapyd with `scrapyd-deploy`, and its spider run there.

A copy of the project is packaged as an egg by `scrapyd-deploy` (which writes a
``setup.py`` and build folders: in the copy, never in the checkout), uploaded to a scrapyd
started on a free port of 127.0.0.1, and the ``news`` spider is scheduled through
``schedule.json`` against the local example site. scrapyd runs from a folder of its own,
so the job imports the project from the egg, not from the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.demo.server import SiteServer
from storage import CrawlRunRecord, make_engine
from tests.conftest import REPO_ROOT
from tests.crawling import stored

pytestmark = pytest.mark.slow

PROJECT = "newsclean"
# What `scrapyd-deploy` needs to build the egg: the packages and the project files.
PROJECT_DIRS = ("crawler", "cleaning", "storage", "bench")
PROJECT_FILES = ("scrapy.cfg", "pyproject.toml", "README.md")
START_TIMEOUT = 20.0
JOB_TIMEOUT = 40.0
EGG_BOT_NAME = "newsclean-deployed"


@dataclass
class Scrapyd:
    url: str
    folder: Path
    process: subprocess.Popen[bytes]

    def get(self, endpoint: str, **query: str) -> dict[str, Any]:
        address = f"{self.url}/{endpoint}"
        if query:
            address += "?" + urllib.parse.urlencode(query)
        with urllib.request.urlopen(address, timeout=10) as response:
            return dict(json.load(response))

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(f"{self.url}/{endpoint}", data=data, timeout=10) as response:
            return dict(json.load(response))

    def text(self, path: str) -> str:
        with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))

    def output(self) -> str:
        return (self.folder / "scrapyd.out").read_text(errors="replace")[-3000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_env() -> dict[str, str]:
    """The environment for scrapyd and its jobs: the egg names the settings module and the
    job's settings name the store, not whatever the test run inherited."""
    env = dict(os.environ)
    for name in ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT", "NEWS_DB_URL"):
        env.pop(name, None)
    return env


def _copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "*.db")
    for name in PROJECT_DIRS:
        if (REPO_ROOT / name).is_dir():
            shutil.copytree(REPO_ROOT / name, target / name, ignore=ignore)
    for name in PROJECT_FILES:
        shutil.copy2(REPO_ROOT / name, target / name)
    # Marks the copy, so the job's log shows which code scrapyd ran.
    with (target / "crawler" / "settings.py").open("a") as settings:
        settings.write(f"\nBOT_NAME = {EGG_BOT_NAME!r}\n")
    return target


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:
    """A scrapyd on a free port of 127.0.0.1, all its folders under ``tmp_path``."""
    folder = tmp_path / "scrapyd"
    folder.mkdir()
    port = _free_port()
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {folder / 'eggs'}\n"
        f"logs_dir = {folder / 'logs'}\n"
        f"dbs_dir = {folder / 'dbs'}\n"
        "items_dir =\n"
        "max_proc = 1\n"
        # The default (5 s) would leave a scheduled job waiting most of the test.
        "poll_interval = 0.2\n"
    )
    with (folder / "scrapyd.out").open("wb") as out:
        # scrapyd reads ./scrapyd.conf; its own session, so the jobs it spawns end with it.
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"],
            cwd=folder,
            env=_clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Scrapyd(f"http://127.0.0.1:{port}", folder, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"scrapyd exited with {process.returncode}:\n{server.output()}")
            try:
                if server.get("daemonstatus.json")["status"] == "ok":
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"scrapyd did not answer within {START_TIMEOUT} s:\n{server.output()}")
            time.sleep(0.1)
        yield server
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _deploy(project: Path, server: Scrapyd) -> dict[str, Any]:
    """Run ``scrapyd-deploy`` to a target named ``test`` that points at ``server``."""
    with (project / "scrapy.cfg").open("a") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {server.url}/\nproject = {PROJECT}\n")
    done = subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "test", "--version", "1"],
        cwd=project,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # scrapyd answers 200 even when it rejects the egg; the verdict is in the JSON.
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["status"] == "ok", answer.get("message", answer)
    return dict(answer)


def _wait_finished(server: Scrapyd, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        for entry in server.get("listjobs.json", project=PROJECT)["finished"]:
            if entry["id"] == job:
                return dict(entry)
        time.sleep(0.2)
    pytest.fail(f"job {job} not finished within {JOB_TIMEOUT} s:\n{server.output()}")


def test_deployed_spider_crawls_the_site_into_the_store(
    site: SiteServer, scrapyd: Scrapyd, tmp_path: Path, expected: dict[str, Any]
) -> None:
    project = _copy_project(tmp_path / "project")
    deployed = _deploy(project, scrapyd)
    assert deployed["project"] == PROJECT
    assert scrapyd.get("listspiders.json", project=PROJECT)["spiders"] == ["news"]

    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    scheduled = scrapyd.post(
        "schedule.json",
        [
            ("project", PROJECT),
            ("spider", "news"),
            ("site", f"{site.base_url}/"),
            ("setting", f"NEWS_DB_URL={db_url}"),
            # The example site is local: no need to wait between requests.
            ("setting", "AUTOTHROTTLE_START_DELAY=0.05"),
            ("setting", "NEWS_DB_FLUSH_INTERVAL=1"),
            ("setting", "NEWS_ALLOW_PRIVATE_ADDRESSES=True"),  # the site is on 127.0.0.1
        ],
    )
    assert scheduled["status"] == "ok", scheduled
    job = _wait_finished(scrapyd, scheduled["jobid"])

    log = scrapyd.text(job["log_url"])
    assert "Traceback" not in log, log[-5000:]
    assert "'finish_reason': 'finished'" in log, log[-5000:]
    # The job ran the settings of the uploaded egg, not those of the installed checkout.
    assert f"(bot: {EGG_BOT_NAME})" in log, log[:2000]

    articles = stored(db_url)
    want = {a["path"]: a for a in expected["articles"]}
    assert set(articles) == set(want)
    for path, record in articles.items():
        assert record.title == want[path]["title"]

    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            runs = session.scalars(select(CrawlRunRecord)).all()
            assert [(r.spider, r.finish_reason) for r in runs] == [("news", "finished")]
            assert runs[0].arguments.get("site") == f"{site.base_url}/"
    finally:
        engine.dispose()
