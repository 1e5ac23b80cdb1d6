"""The store on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from cleaning import Article
from storage import (
    ArticleRecord,
    ArticleRevisionRecord,
    PageOutcome,
    PageRecord,
    PageVisit,
    RawPageRecord,
    RecrawlPolicy,
    count_articles,
    get_article,
    make_engine,
    page_state,
    save_visits,
    upgrade,
)
from storage.db import alembic_config

T0 = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
POLICY = RecrawlPolicy()


class FetchedArticle(PageVisit):
    def __init__(self, article: Article, at: datetime, html: str | None = None) -> None:
        super().__init__(
            url=article.url,
            outcome=PageOutcome.STORED,
            fetched_at=at,
            status=200,
            article=article,
            html=html,
        )


def upsert_articles(session: Session, visits: list[PageVisit]) -> object:
    return save_visits(session, visits, POLICY)


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
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
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
        first = article("https://ex.com/a/?utm_source=x#top")
        upsert_articles(session, [FetchedArticle(first, T0)])
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
        assert record.published_at == datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
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
    assert texts == {
        "https://ex.com/b/": "new",
        "https://ex.com/c/": "First paragraph.\nSecond paragraph.",
    }
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


def test_revisions_only_when_the_content_changes(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    url = "https://ex.com/r/"
    versions = [("one", T0), ("one", T0 + timedelta(hours=1)), ("two", T0 + timedelta(hours=2))]
    outcomes = []
    for text, at in versions:
        with Session(engine) as session, session.begin():
            result = save_visits(
                session,
                [FetchedArticle(article(url, text=text), at, html=f"<p>{text}</p>")],
                POLICY,
            )
            outcomes.append(dict(result.outcomes))
    assert outcomes == [
        {PageOutcome.STORED: 1},
        {PageOutcome.UNCHANGED: 1},
        {PageOutcome.STORED: 1},
    ]
    with Session(engine) as session:
        record = get_article(session, url)
        assert record is not None
        assert (record.revision, record.text) == (2, "two")
        assert record.first_seen_at == T0
        assert record.last_changed_at == T0 + timedelta(hours=2)
        revisions = session.scalars(
            select(ArticleRevisionRecord).order_by(ArticleRevisionRecord.revision)
        ).all()
        assert [(r.revision, r.text) for r in revisions] == [(1, "one"), (2, "two")]
        raw = session.get(RawPageRecord, record.id)
        assert raw is not None and gzip.decompress(raw.html_gzip) == b"<p>two</p>"
        page = session.scalar(select(PageRecord))
        assert page is not None and page.article_id == record.id
    engine.dispose()


def test_failures_back_off_and_304_keeps_validators(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    url = "https://ex.com/p/"
    policy = RecrawlPolicy(interval=timedelta(hours=6), failure_backoff=timedelta(hours=1))
    visits = [
        PageVisit(
            url,
            PageOutcome.STORED,
            T0,
            200,
            etag='"v1"',
            last_modified="Mon, 06 Jan 2025 08:00:00 GMT",
            article=article(url),
        ),
        PageVisit(url, PageOutcome.NOT_MODIFIED, T0 + timedelta(hours=7), 304),
        PageVisit(url, PageOutcome.ERROR, T0 + timedelta(hours=14), 503, reason="http_503"),
        PageVisit(url, PageOutcome.ERROR, T0 + timedelta(hours=15), 503, reason="http_503"),
    ]
    states = []
    for visit in visits:
        with Session(engine) as session, session.begin():
            save_visits(session, [visit], policy)
        with Session(engine) as session:
            states.append(page_state(session, url))
    assert states[0] is not None and states[0].next_fetch_at == T0 + timedelta(hours=6)
    assert states[1] is not None and states[1].etag == '"v1"'
    assert states[1].outcome == PageOutcome.NOT_MODIFIED
    assert states[2] is not None and states[2].consecutive_failures == 1
    assert states[2].next_fetch_at == T0 + timedelta(hours=15)
    assert states[3] is not None and states[3].consecutive_failures == 2
    assert states[3].next_fetch_at == T0 + timedelta(hours=17)
    with Session(engine) as session:
        assert count_articles(session) == 1  # a failing page keeps its article
    engine.dispose()


def test_near_duplicates_are_linked_not_deleted(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    story = " ".join(f"Sentence {i} of the wire story about the harbour strike." for i in range(30))
    other = " ".join(f"Different report {i} on football results and transfers." for i in range(30))
    batch = [
        FetchedArticle(article("https://a.example/wire/", text=story), T0),
        FetchedArticle(article("https://b.example/copy/", text=story + " Updated at noon."), T0),
        FetchedArticle(article("https://c.example/other/", text=other), T0),
    ]
    with Session(engine) as session, session.begin():
        result = save_visits(session, batch, POLICY)
    assert result.duplicates == 1
    with Session(engine) as session:
        rows = {r.url: r for r in session.scalars(select(ArticleRecord))}
    assert rows["https://b.example/copy/"].duplicate_of == rows["https://a.example/wire/"].id
    assert rows["https://a.example/wire/"].duplicate_of is None
    assert rows["https://c.example/other/"].duplicate_of is None
    engine.dispose()


def test_a_later_copy_links_to_the_original_not_to_a_copy(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    story = " ".join(f"Sentence {i} of the wire story about the harbour strike." for i in range(30))
    with Session(engine) as session, session.begin():
        save_visits(
            session,
            [
                FetchedArticle(article("https://a.example/wire/", text=story), T0),
                FetchedArticle(article("https://b.example/copy/", text=story + " Updated."), T0),
            ],
            POLICY,
        )
    with Session(engine) as session, session.begin():
        result = save_visits(
            session,
            [
                FetchedArticle(article("https://c.example/copy/", text=story + " Noon."), T0),
            ],
            POLICY,
        )
    assert result.duplicates == 1
    with Session(engine) as session:
        rows = {r.url: r for r in session.scalars(select(ArticleRecord))}
    original = rows["https://a.example/wire/"].id
    assert rows["https://b.example/copy/"].duplicate_of == original
    assert rows["https://c.example/copy/"].duplicate_of == original
    engine.dispose()
