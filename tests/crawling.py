"""Running crawls in tests, and reading back what they stored.

Two ways to run the ``news`` spider against a local site:

- `crawl`: in this process, with Scrapy's `CrawlerRunner` on a reactor that runs in a
  background thread for the whole test session (a Twisted reactor cannot be restarted).
  The crawler is built from the project's settings like ``scrapy crawl`` builds it, with
  the same pipelines, middlewares and extensions; the items come through the
  ``item_scraped`` signal and the log records through a handler (as zyte-spider-templates'
  tests do). For every test where a subprocess adds nothing.
- `run_crawl`: ``scrapy crawl news`` as a real subprocess, for what only the command shows
  (exit statuses, the checks before the start, signals, what it writes on a terminal).

The commands (`scrapy export`, `report`, `reclean`) run as subprocesses through
`run_command`; the store is read with `stored`, `pages`, `revisions` and `runs`.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerRunner
from scrapy.settings import Settings
from scrapy.utils.reactor import install_reactor, is_reactor_installed
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.demo import PROJECT_SETTINGS, crawl_command, crawl_env
from storage import (
    ArticleRecord,
    ArticleRevisionRecord,
    CrawlRunRecord,
    PageRecord,
    make_engine,
)

#: What the demo command line sets for the local example site (see `crawl_command`).
LOCAL_SITE_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_START_DELAY": 0.05,
    "NEWS_DB_FLUSH_INTERVAL": 1,
    "NEWS_ALLOW_PRIVATE_ADDRESSES": True,
}
#: Seconds a crawl (in-process or not) may take before the test fails.
CRAWL_TIMEOUT = 180.0


# ---------------------------------------------------------------------------- in-process


@dataclass
class Crawl:
    """What an in-process crawl left: its stats, scraped items and log records.

    Attributes:
        stats: The crawler's final stats, ``finish_reason`` included.
        items: Every item passed on by the last pipeline (``item_scraped``).
        log: ``"LEVEL logger: message"`` for each record of level INFO and above.
    """

    stats: dict[str, Any]
    items: list[Any] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [line for line in self.log if line.startswith(("ERROR", "CRITICAL"))]

    @property
    def text(self) -> str:
        return "\n".join(self.log)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            line += f" ({record.exc_info[1]!r})"
        self.lines.append(line)


_reactor_lock = threading.Lock()
_reactor_thread: threading.Thread | None = None


def install_project_reactor() -> None:
    """Install the project's ``TWISTED_REACTOR`` unless a reactor is installed already.

    Called when the tests are collected: whatever imports ``twisted.internet.reactor``
    later gets this one, never Twisted's default, which the crawls would refuse.
    """
    if not is_reactor_installed():
        install_reactor(project_settings()["TWISTED_REACTOR"])


def _running_reactor() -> Any:
    """The project's reactor, running in a daemon thread from the first call on."""
    global _reactor_thread
    with _reactor_lock:
        install_project_reactor()
        from twisted.internet import reactor as installed

        reactor: Any = installed
        if _reactor_thread is None:
            _reactor_thread = threading.Thread(
                target=reactor.run,
                kwargs={"installSignalHandlers": False},
                name="reactor",
                daemon=True,
            )
            _reactor_thread.start()
        return reactor


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """The project's settings (``crawler.settings``), ``overrides`` as on the command line."""
    settings = Settings()
    settings.setmodule(PROJECT_SETTINGS, priority="project")
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


def crawl(
    arguments: Sequence[str],
    db_url: str,
    settings: Mapping[str, Any] | None = None,
    *,
    local_site: bool = True,
    allow_errors: bool = False,
    finish_reason: str | None = "finished",
) -> Crawl:
    """Crawl in this process, as ``scrapy crawl news -a ARG ... -s NEWS_DB_URL=db_url``.

    Args:
        arguments: The spider's arguments, ``"name=value"`` as after ``-a``.
        db_url: The store.
        settings: More settings, as after ``-s``.
        local_site: Add what the demo sets for a site on 127.0.0.1 (`LOCAL_SITE_SETTINGS`).
        allow_errors: Unless true, a crawl that logged an error fails the test.
        finish_reason: The finish reason the crawl must end with (None: any).
    """
    from twisted.internet import threads

    reactor = _running_reactor()
    overrides = {**(LOCAL_SITE_SETTINGS if local_site else {}), "NEWS_DB_URL": db_url}
    overrides.update(settings or {})
    spider_arguments = dict(argument.split("=", 1) for argument in arguments)
    items: list[Any] = []
    records = _Records()

    def start() -> Any:
        runner = CrawlerRunner(project_settings(overrides))
        crawler = runner.create_crawler("news")
        crawler.signals.connect(
            lambda item, **_: items.append(item), signal=signals.item_scraped, weak=False
        )
        done = runner.crawl(crawler, **spider_arguments)
        done.addCallback(lambda _: crawler)
        return done

    root = logging.getLogger()
    level = root.level
    root.addHandler(records)
    root.setLevel(min(level or logging.INFO, logging.INFO))
    try:
        crawler = _blocking(threads, reactor, start)
    finally:
        root.removeHandler(records)
        root.setLevel(level)
    assert crawler.stats is not None
    result = Crawl(dict(crawler.stats.get_stats()), items, records.lines)
    if not allow_errors:
        assert not result.errors, "\n".join(result.errors[-20:])
    if finish_reason is not None:
        assert result.stats.get("finish_reason") == finish_reason, result.text[-3000:]
    return result


def _blocking(threads: Any, reactor: Any, start: Any) -> Any:
    # blockingCallFromThread has no timeout: wait in a second thread we can give up on.
    outcome: dict[str, Any] = {}

    def wait() -> None:
        try:
            outcome["value"] = threads.blockingCallFromThread(reactor, start)
        except BaseException as exc:
            outcome["error"] = exc

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    waiter.join(CRAWL_TIMEOUT)
    if waiter.is_alive():
        raise TimeoutError(f"the crawl did not finish within {CRAWL_TIMEOUT:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# ---------------------------------------------------------------------------- subprocess


@dataclass
class CrawlResult:
    """A finished subprocess: exit status, output and (for crawls) the final stats."""

    returncode: int
    stdout: str
    stderr: str
    stats: dict[str, Any]


def run_crawl(
    arguments: Sequence[str],
    db_url: str,
    cwd: Path,
    *settings: str,
    timeout: float = CRAWL_TIMEOUT,
) -> CrawlResult:
    """Run ``scrapy crawl news`` in ``cwd`` and return its exit status, output and stats."""
    stats_file = cwd / "stats.json"
    command = crawl_command(
        arguments,
        db_url,
        "-s",
        "LOG_LEVEL=INFO",
        "-s",
        f"NEWS_STATS_FILE={stats_file}",
        *settings,
    )
    done = run(command, cwd, timeout=timeout)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    stats_file.unlink(missing_ok=True)
    return CrawlResult(done.returncode, done.stdout, done.stderr, stats)


def run(
    argv: Sequence[str],
    cwd: Path,
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = CRAWL_TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` in ``cwd`` with the project's environment (`crawl_env`) by default."""
    return subprocess.run(
        list(argv),
        cwd=cwd,
        env=dict(env) if env is not None else crawl_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_command(
    command: Sequence[str],
    cwd: Path,
    db_url: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy COMMAND ...`` (``-s NEWS_DB_URL=db_url`` added when given) in ``cwd``."""
    argv = [sys.executable, "-m", "scrapy", *command]
    if db_url is not None:
        argv += ["-s", f"NEWS_DB_URL={db_url}"]
    return run(argv, cwd, env=env, timeout=timeout)


def export_rows(db_url: str, cwd: Path, *options: str) -> list[dict[str, Any]]:
    """Rows of ``scrapy export --format jsonl -o -`` with ``options``."""
    done = run_command(["export", "--format", "jsonl", "-o", "-", *options], cwd, db_url)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


# ---------------------------------------------------------------------------- the store


def path_of(url: str) -> str:
    """``/world/.../`` of ``http://127.0.0.1:PORT/world/.../``."""
    return "/" + url.split("/", 3)[3]


def _all(db_url: str, model: type[Any]) -> list[Any]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            records = list(session.scalars(select(model)))
            session.expunge_all()
    finally:
        engine.dispose()
    return records


def stored(db_url: str) -> dict[str, ArticleRecord]:
    """Every stored article, by path."""
    return {path_of(r.url): r for r in _all(db_url, ArticleRecord)}


def pages(db_url: str) -> dict[str, PageRecord]:
    """Every recorded page, by path."""
    return {path_of(r.url): r for r in _all(db_url, PageRecord)}


def runs(db_url: str) -> list[CrawlRunRecord]:
    """The crawl records, oldest first."""
    return sorted(_all(db_url, CrawlRunRecord), key=lambda run: run.id)


def revisions(db_url: str) -> dict[str, int]:
    """How many revisions each stored article has, by path."""
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
    return {path_of(url): int(n) for url, n in rows}


def stored_count(db_url: str) -> int:
    """How many articles are stored; 0 while the store does not exist yet."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return int(session.scalar(select(func.count()).select_from(ArticleRecord)) or 0)
    except Exception:  # the schema is still being created
        return 0
    finally:
        engine.dispose()
