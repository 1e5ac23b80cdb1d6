"""Database URLs as people write them, and stores that are missing or read-only.

Each case runs the real command as a subprocess and checks its exit status and its one
line of error; the read-only disk is a read-only bind mount in a private mount namespace
(``unshare``), so the test needs no privileges and leaves nothing mounted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from storage.db import database_url
from storage.errors import BadDatabaseURL
from tests.crawling import run


def scrapy(
    *args: str, cwd: Path, db_url: str | None = None, wrap: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = crawl_env()
    env.pop("NEWS_DB_URL", None)
    if db_url is not None:
        env["NEWS_DB_URL"] = db_url
    return run([*(wrap or []), sys.executable, "-m", "scrapy", *args], cwd, env=env)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, done.stderr[-3000:]
    return errors[0]


def test_forms_people_have_are_rewritten() -> None:
    assert database_url("postgres://u:p@db.example/news") == (
        "postgresql+psycopg://u:p@db.example/news"
    )
    assert database_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    assert database_url("news.db") == "sqlite:///news.db"
    assert database_url("data/news.sqlite") == "sqlite:///data/news.sqlite"
    assert database_url("sqlite:////abs/news.db") == "sqlite:////abs/news.db"
    with pytest.raises(BadDatabaseURL, match=re.escape("sqlite:///news.db")):
        database_url("news")


@pytest.mark.postgres
def test_a_crawl_with_the_libpq_url_form(
    site: SiteServer, tmp_path: Path, postgres_url: str
) -> None:
    url = make_url(postgres_url)
    libpq = url.set(drivername="postgres").render_as_string(hide_password=False)
    assert libpq.startswith("postgres://")
    done = run(crawl_command([f"site={site.base_url}/"], libpq), tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    report = scrapy("report", cwd=tmp_path, db_url=libpq)
    assert report.returncode == 0, report.stderr
    assert "127.0.0.1" in report.stdout


def test_a_bare_file_name_is_a_sqlite_file(site: SiteServer, tmp_path: Path) -> None:
    done = run(crawl_command([f"site={site.base_url}/"], "news.db"), tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "news.db").is_file()
    wrong = scrapy("report", cwd=tmp_path, db_url="news")
    assert wrong.returncode == 1
    assert "use one of sqlite:///news.db" in one_error_line(wrong)


@pytest.mark.parametrize("command", [["report"], ["export", "-f", "jsonl", "-o", "out.jsonl"]])
def test_read_only_commands_refuse_a_missing_store(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nwes.db"
    done = scrapy(*command, cwd=tmp_path, db_url=f"sqlite:///{missing}")
    assert done.returncode == 1
    assert f"no such store: {missing}" in one_error_line(done)
    assert not missing.exists()  # not created empty


def test_a_crawl_tells_a_missing_folder_from_a_read_only_one(tmp_path: Path) -> None:
    done = scrapy(
        "crawl",
        "news",
        "-a",
        "site=http://127.0.0.1:9/",
        cwd=tmp_path,
        db_url=f"sqlite:///{tmp_path / 'nope' / 'news.db'}",
    )
    assert done.returncode == 1
    assert "folder of the store does not exist" in one_error_line(done)
    read_only = tmp_path / "ro"
    read_only.mkdir()
    done = scrapy(
        "crawl",
        "news",
        "-a",
        "site=http://127.0.0.1:9/",
        cwd=tmp_path,
        db_url=f"sqlite:///{read_only / 'news.db'}",
        wrap=_read_only_mount(read_only),
    )
    assert done.returncode == 1
    assert "folder of the store is read-only" in one_error_line(done)


def _read_only_mount(folder: Path) -> list[str]:
    """A command prefix that runs the command with ``folder`` mounted read-only."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rm", "true"], check=False).returncode:
        pytest.skip("no unprivileged mount namespaces here (unshare -rm)")
    return [
        unshare,
        "-rm",
        "sh",
        "-c",
        f'mount --bind -o ro "{folder}" "{folder}" && exec "$@"',
        "sh",
    ]


def test_a_store_on_a_read_only_disk_can_be_read(site: SiteServer, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    db_url = f"sqlite:///{disk / 'news.db'}"
    crawl = run(crawl_command([f"site={site.base_url}/"], db_url), tmp_path)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    before = sorted(p.name for p in disk.iterdir())
    wrap = _read_only_mount(disk)
    report = scrapy("report", cwd=tmp_path, db_url=db_url, wrap=wrap)
    assert report.returncode == 0, report.stderr[-3000:]
    assert "127.0.0.1" in report.stdout
    out = tmp_path / "articles.jsonl"
    export = scrapy("export", "-f", "jsonl", "-o", str(out), cwd=tmp_path, db_url=db_url, wrap=wrap)
    assert export.returncode == 0, export.stderr[-3000:]
    assert len(out.read_text(encoding="utf-8").splitlines()) > 0
    assert sorted(p.name for p in disk.iterdir()) == before
