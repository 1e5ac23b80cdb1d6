"""Cross-page evidence inside one crawl: the cleaning pipeline learns a site's recurring
line from the articles it cleans, and cleans that crawl's earlier pages again at the end.

The real `crawler.pipelines.CleaningPipeline` built with `get_crawler` (cleaning in-line),
real pages, and a real store (SQLite and PostgreSQL) filled by `storage.save_visits`.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from sqlalchemy import select
from sqlalchemy.orm import Session

from cleaning.boilerplate import CRAWL_MIN_ARTICLES
from crawler.items import PageItem
from crawler.pipelines import CleaningPipeline
from storage import (
    ArticleRecord,
    PageOutcome,
    PageVisit,
    RecrawlPolicy,
    make_engine,
    save_visits,
    upgrade,
)

SITE = "http://harbour.example"
SLOGAN = "Die Hafenzeitung ist seit 1851 unabhängig und jeden Morgen für ihre Leser da."
TOPICS = ["Hafen", "Brücke", "Schule", "Markt", "Theater", "Bahnhof", "Rathaus", "Museum"]


def page(i: int, topic: str) -> str:
    paragraphs = "".join(
        f"<p>Der Stadtrat hat am {day}. März über {topic} beraten und nach langer Debatte "
        f"einen Beschluss gefasst, der {i + day} Millionen Euro kosten soll.</p>"
        for day in (3, 4, 5)
    )
    return (
        f"<html lang='de'><head><title>{topic}: Stadtrat entscheidet</title></head><body>"
        f"<article><h1>{topic}: Stadtrat entscheidet</h1>{paragraphs}<p>{SLOGAN}</p>"
        "</article></body></html>"
    )


def test_a_line_recurring_in_the_crawl_is_learned_and_stripped_from_earlier_pages(
    db_url: str,
) -> None:
    crawler = get_crawler(settings_dict={"NEWS_DB_URL": db_url, "NEWS_CLEANING_WORKERS": 0})
    crawler.stats = MemoryStatsCollector(crawler)
    pipeline = CleaningPipeline.from_crawler(crawler)
    at = datetime.now(UTC) + timedelta(seconds=1)
    items = []
    for i, topic in enumerate(TOPICS):
        url = f"{SITE}/2025/{i}/{topic.lower()}"
        item = PageItem(url, 200, at, body=page(i, topic).encode(), content_type="text/html")
        items.append(asyncio.run(pipeline.process_item(item)))
    texts = [item.article.text for item in items]
    # the first articles were cleaned before there was evidence; later ones without it
    assert all(SLOGAN in text for text in texts[: CRAWL_MIN_ARTICLES - 1])
    assert all(SLOGAN not in text for text in texts[CRAWL_MIN_ARTICLES:])
    assert pipeline.evidence.learned("harbour.example")

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        visits = [
            PageVisit(
                url=item.url,
                outcome=PageOutcome.STORED,
                fetched_at=at,
                status=200,
                article=item.article,
                html=page(i, TOPICS[i]),
            )
            for i, item in enumerate(items)
        ]
        with Session(engine) as session, session.begin():
            save_visits(session, visits, RecrawlPolicy())

        pipeline._reclean_sites(pipeline.evidence.sites())  # what spider_closed runs

        with Session(engine) as session:
            records = session.scalars(select(ArticleRecord).order_by(ArticleRecord.url)).all()
            assert len(records) == len(TOPICS)
            assert all(SLOGAN not in record.text for record in records)
            revisions = sorted(record.revision for record in records)
            assert revisions.count(2) == sum(SLOGAN in text for text in texts)
    finally:
        engine.dispose()
    assert crawler.stats.get_value("news/cleaning/recleaned_after_learning") == sum(
        SLOGAN in text for text in texts
    )
