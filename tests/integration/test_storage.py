"""The store on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from cleaning import Article
from storage import (
    ArticleRecord,
    FetchedArticle,
    count_articles,
    get_article,
    make_engine,
    upgrade,
    upsert_articles,
)
from storage.db import alembic_config

T0 = datetime(2025, 1, 6, 8, 0, tzinfo=timezone.utc)


def article(url: str, text: str = "First paragraph.\nSecond paragraph.", **kw: object) -> Article:
    fields: dict[str, object] = {
        "url": url,
        "canonical_url": url,
        "title": "A headline",
        "text": text,
        "authors": ["Jane Doe"],
        "published_at": datetime(2024, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2))),
        "language": "en",
        "tags": ["politics"],
        "content_hash": "h" + str(hash(text)),
    }
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def test_migrations_create_the_schema_and_agree_with_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)  # idempotent: a second crawl start changes nothing
    assert "articles" in inspect(engine).get_table_names()
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)  # raises if models and migrations disagree
    engine.dispose()


def test_upsert_inserts_then_updates_the_same_row(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with Session(engine) as session, session.begin():
        upsert_articles(session, [FetchedArticle(article("https://ex.com/a/?utm_source=x#top"), T0)])
    later = T0 + timedelta(hours=1)
    with Session(engine) as session, session.begin():
        upsert_articles(
            session,
            [FetchedArticle(article("https://EX.com/a/", text="Changed text."), later)],
        )
    with Session(engine) as session:
        assert count_articles(session) == 1
        record = get_article(session, "https://ex.com/a/")
        assert record is not None
        assert record.url == "https://ex.com/a/"
        assert record.site == "ex.com"
        assert record.text == "Changed text."
        assert record.first_seen_at == T0
        assert record.last_fetched_at == later
        assert record.published_at == datetime(2024, 5, 1, 10, 30, tzinfo=timezone.utc)
        assert record.authors == ["Jane Doe"]
        assert record.tags == ["politics"]
        assert record.word_count == 2
    engine.dispose()


def test_one_batch_with_the_same_url_twice_stores_one_row(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    batch = [
        FetchedArticle(article("https://ex.com/b/", text="old"), T0),
        FetchedArticle(article("https://ex.com/b/?fbclid=1", text="new"), T0),
        FetchedArticle(article("https://ex.com/c/"), T0),
    ]
    with Session(engine) as session, session.begin():
        upsert_articles(session, batch)
    with Session(engine) as session:
        texts = dict(session.execute(select(ArticleRecord.url, ArticleRecord.text)).all())
    assert texts == {"https://ex.com/b/": "new", "https://ex.com/c/": "First paragraph.\nSecond paragraph."}
    engine.dispose()


@pytest.mark.parametrize(
    "text",
    ["'; DROP TABLE articles; --", "<script>alert(1)</script>", "naïve 東京 \u202eRTL emoji 🎉"],
)
def test_text_round_trips_byte_for_byte(db_url: str, text: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with Session(engine) as session, session.begin():
        upsert_articles(session, [FetchedArticle(article("https://ex.com/x/", text=text), T0)])
    with Session(engine) as session:
        record = get_article(session, "https://ex.com/x/")
        assert record is not None and record.text == text
    engine.dispose()


def test_naive_datetimes_are_refused(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    naive = FetchedArticle(article("https://ex.com/n/"), datetime(2025, 1, 1))
    with pytest.raises(Exception, match="naive datetime"), Session(engine) as session:
        upsert_articles(session, [naive])
        session.flush()
    engine.dispose()
