"""Settings read once into frozen configs, defaults from `crawler.settings`; what a cleaning
worker sends back (`CleanResult`) and that it survives the trip between processes."""

from __future__ import annotations

import pickle
from datetime import timedelta

from scrapy.settings import Settings

from cleaning import Blocked, NoArticleText, NotAnArticle
from crawler import settings as project
from crawler.config import CleaningConfig, IncrementalConfig, StorageConfig
from crawler.pool import CleanResult, WorkerDied, clean_page
from storage import PageOutcome


def test_configs_without_the_project_settings_take_the_project_defaults() -> None:
    bare = Settings()  # a crawler built without crawler.settings, as in a test
    storage = StorageConfig.from_settings(bare)
    assert storage.batch_size == project.NEWS_DB_BATCH_SIZE
    assert storage.flush_interval == project.NEWS_DB_FLUSH_INTERVAL
    assert storage.outage_timeout == project.NEWS_DB_OUTAGE_TIMEOUT
    assert storage.policy.interval == timedelta(hours=project.NEWS_RECRAWL_INTERVAL)
    assert storage.policy.keep_raw_html is project.NEWS_KEEP_RAW_HTML
    cleaning = CleaningConfig.from_settings(bare)
    assert cleaning.learn_boilerplate is project.NEWS_LEARN_BOILERPLATE
    assert cleaning.site_rules is None and cleaning.load_rules() is None
    incremental = IncrementalConfig.from_settings(bare)
    assert incremental.enabled is project.NEWS_INCREMENTAL_ENABLED
    assert incremental.listing_interval == timedelta(hours=project.NEWS_LISTING_REFETCH_INTERVAL)


def test_configs_read_the_settings_given() -> None:
    given = Settings(
        {
            "NEWS_DB_BATCH_SIZE": "7",
            "NEWS_KEEP_RAW_HTML": "False",
            "NEWS_CLEANING_WORKERS": "2",
            "NEWS_INCREMENTAL_ENABLED": False,
            "NEWS_LISTING_REFETCH_INTERVAL": 1.5,
        }
    )
    assert StorageConfig.from_settings(given).batch_size == 7
    cleaning = CleaningConfig.from_settings(given)
    assert (cleaning.workers, cleaning.max_pending, cleaning.keep_raw_html) == (2, 8, False)
    incremental = IncrementalConfig.from_settings(given)
    assert (incremental.enabled, incremental.listing_interval) == (False, timedelta(hours=1.5))


def test_a_rejected_page_keeps_its_reason_and_outcome_through_pickling() -> None:
    for error, outcome in [
        (Blocked("a paywall stub", reason="paywall"), PageOutcome.BLOCKED),
        (NotAnArticle("a tag page"), PageOutcome.NOT_ARTICLE),
        (NoArticleText("empty", amp_url="https://a.example/amp", app_shell=True), None),
        (WorkerDied("cleaning worker died"), PageOutcome.ERROR),
    ]:
        back = pickle.loads(pickle.dumps(CleanResult(error=error)))
        assert back.error is not None
        assert (type(back.error), back.error.reason, str(back.error)) == (
            type(error),
            error.reason,
            str(error),
        )
        assert back.outcome == (outcome or PageOutcome.NOT_ARTICLE)
    amp = pickle.loads(pickle.dumps(NoArticleText("x", amp_url="https://a.example/amp")))
    assert amp.amp_url == "https://a.example/amp"


def test_clean_page_returns_an_article_ready_for_the_store() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of a story about the harbour wall that the council approved "
        "after a long debate about its cost and the storms of last winter.</p>"
        for i in range(8)
    )
    body = (
        "<html><head><title>Harbour wall</title></head><body><article><h1>Harbour wall</h1>"
        f"{paragraphs}</article></body></html>"
    )
    result = clean_page(body.encode(), "text/html; charset=utf-8", "https://a.example/news/1", {})
    assert result.outcome == PageOutcome.STORED
    assert result.article is not None and result.prepared is not None
    assert result.prepared.html_gzip is not None and result.error is None
