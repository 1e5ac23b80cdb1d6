"""Revision 0003 on a store that holds articles: organizations = [] and nothing else lost."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import MetaData, Table, insert, inspect, select
from sqlalchemy.orm import Session

from storage import get_article, make_engine, upgrade
from storage.models import ArticleRecord
from tests.integration.test_storage import FetchedArticle, article, upsert_articles

T0 = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)

#: An article row as a 0002 store holds it (columns of revisions 0001 and 0002).
ROW_0002 = {
    "url": "https://news.example/2025/03/04/harbour-budget",
    "canonical_url": "https://news.example/2025/03/04/harbour-budget",
    "site": "news.example",
    "title": "Harbour budget passed",
    "text": "First paragraph.\nSecond paragraph.",
    "authors": ["Jane Doe", "John Roe"],
    "published_at": T0,
    "language": "en",
    "site_name": "News Example",
    "description": "The council passed it.",
    "tags": ["politics", "harbour"],
    "content_hash": "0" * 64,
    "word_count": 4,
    "first_seen_at": T0,
    "last_fetched_at": T0,
    "last_changed_at": T0,
    "revision": 3,
    "cleaner_version": "2025.2",
}


def test_upgrade_from_0002_keeps_articles_and_gives_no_organizations(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        assert "organizations" not in {
            c["name"] for c in inspect(connection).get_columns("articles")
        }
        articles = Table("articles", MetaData(), autoload_with=connection)
        connection.execute(insert(articles).values(**ROW_0002))
    upgrade(engine)
    with Session(engine) as session:
        record = session.scalars(select(ArticleRecord)).one()
        assert record.organizations == []
        for name, value in ROW_0002.items():
            assert getattr(record, name) == value, name
        stored = get_article(session, ROW_0002["url"])
        assert stored is not None
        assert stored.organizations == []
        assert stored.authors == ["Jane Doe", "John Roe"]
        assert stored.published_at == T0
    engine.dispose()


def test_organizations_are_stored_and_read_back(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    url = "https://news.example/wire-copy"
    with Session(engine) as session, session.begin():
        upsert_articles(session, [FetchedArticle(article(url, organizations=["dpa", "AFP"]), T0)])
    with Session(engine) as session:
        stored = get_article(session, url)
        assert stored is not None
        assert stored.organizations == ["dpa", "AFP"]
        assert stored.authors == ["Jane Doe"]
    engine.dispose()
