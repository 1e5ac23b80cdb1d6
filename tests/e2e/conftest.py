"""Helpers for end-to-end tests: `scrapy crawl news` as a real subprocess."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SITE_DIR
from storage import ArticleRecord, make_engine

EXPECTED = json.loads((SITE_DIR / "expected.json").read_text(encoding="utf-8"))


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str
    stats: dict[str, Any]


def run_crawl(
    arguments: Sequence[str], db_url: str, cwd: Path, *settings: str, timeout: float = 120
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
    done = subprocess.run(
        command,
        cwd=cwd,
        env=crawl_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    if stats_file.exists():
        stats_file.unlink()
    return CrawlResult(done.returncode, done.stdout, done.stderr, stats)


def stored(db_url: str) -> dict[str, ArticleRecord]:
    """Every stored article, by path (``/world/.../``)."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            records = session.scalars(select(ArticleRecord)).all()
            session.expunge_all()
    finally:
        engine.dispose()
    return {"/" + r.url.split("/", 3)[3]: r for r in records}


@pytest.fixture
def expected() -> dict[str, Any]:
    return dict(EXPECTED)
