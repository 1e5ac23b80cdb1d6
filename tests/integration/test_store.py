"""The store's seam: one `Store` per process and crawl, its retries, and what a pipeline
takes for "the store is unavailable" (only a `StorageError`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy import Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from sqlalchemy.exc import OperationalError
from twisted.python.failure import Failure

from crawler.incremental import IncrementalMiddleware, IncrementalSpiderMiddleware
from crawler.pipelines import StoragePipeline
from crawler.store import crawl_store
from storage import (
    DatabaseUnavailable,
    PageOutcome,
    PageVisit,
    RecrawlPolicy,
    StorageError,
    Store,
    make_engine,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def test_open_gives_one_store_per_database_until_the_last_close(db_url: str) -> None:
    first = Store.open(db_url)
    second = Store.open(db_url)
    assert second is first  # one engine, migrated once
    first.close()
    # the other holder still has a working store
    assert (
        second.save_visits(
            [PageVisit("https://a.example/1", PageOutcome.ERROR, T0, 500)], RecrawlPolicy()
        ).pages
        == 1
    )
    assert second.known_sites() == {"a.example"}
    second.close()
    third = Store.open(db_url)
    try:
        assert third is not first  # the engine was disposed with the last holder
        assert third.page_states(["https://a.example/1"])["https://a.example/1"].outcome == (
            PageOutcome.ERROR
        )
    finally:
        third.close()


def test_an_unreachable_store_fails_at_open(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable):
        Store.open_existing(f"sqlite:///{tmp_path / 'missing.db'}")


def test_after_one_vain_wait_later_units_of_work_are_tried_once() -> None:
    # a real engine to a port where no server listens: every connection is refused
    store = Store(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"), outage_timeout=0.5)
    attempts: list[str] = []

    def connect(name: str) -> Callable[[], None]:
        def action() -> None:
            attempts.append(name)
            with store.engine.connect():
                pass

        return action

    try:
        with pytest.raises(DatabaseUnavailable, match=r"unreachable for 0\.5 s"):
            store.retrying(connect("first"))
        assert attempts.count("first") > 1  # the first unit waited the outage timeout
        for name in ("second", "third"):
            with pytest.raises(DatabaseUnavailable, match=r"^database unreachable: "):
                store.retrying(connect(name))
            assert attempts.count(name) == 1  # the ones after it are not waited for again
    finally:
        store.engine.dispose()


def test_a_store_that_comes_back_is_waited_for_again(sqlite_url: str) -> None:
    store = Store.open(sqlite_url, outage_timeout=0.3)
    try:
        calls: list[int] = []

        def unreachable_once() -> int:
            calls.append(1)
            if len(calls) == 1:
                raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))
            return len(store.known_sites())

        store._down = True  # as after a vain wait
        with pytest.raises(DatabaseUnavailable):
            store.retrying(unreachable_once)
        assert store.retrying(unreachable_once) == 0  # it got through
        assert store._down is False
    finally:
        store.close()


def test_a_crawl_s_components_share_one_store(sqlite_url: str) -> None:
    crawler = get_crawler(Spider, {"NEWS_DB_URL": sqlite_url})
    store = crawl_store(crawler)
    try:
        spider_mw = build_from_crawler(IncrementalSpiderMiddleware, crawler)
        downloader_mw = build_from_crawler(IncrementalMiddleware, crawler)
        assert spider_mw.store is store and downloader_mw.store is store
        assert crawl_store(crawler) is store
        assert Store.open(sqlite_url) is store  # and the process shares it
        store.close()
    finally:
        store.close()


def test_a_bug_in_a_batch_write_is_not_taken_for_an_unavailable_store(sqlite_url: str) -> None:
    crawler = get_crawler(Spider, {"NEWS_DB_URL": sqlite_url})
    pipeline = build_from_crawler(StoragePipeline, crawler)
    assert crawler.stats is not None
    bug = Failure(ValueError("a bug"))
    assert pipeline._store_failed(bug, []) is bug  # handed on, as itself
    assert crawler.stats.get_value("news/storage/unavailable") is None
    assert not pipeline._unavailable


def test_a_batch_that_keeps_conflicting_is_a_storage_error(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    from storage import writer

    def conflict(*_: object) -> None:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: articles.url"))

    store = Store.open(sqlite_url)
    try:
        monkeypatch.setattr(writer, "save_visits", conflict)
        with pytest.raises(StorageError, match="kept conflicting"):
            store.save_visits(
                [PageVisit("https://a.example/", PageOutcome.ERROR, T0)], RecrawlPolicy()
            )
    finally:
        store.close()
