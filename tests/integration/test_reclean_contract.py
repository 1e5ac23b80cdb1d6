"""The re-clean contract: a new revision when title, text *or* metadata would change.

Real pages of the example site, cleaned by `cleaning.extract_article`, stored through
`storage.save_visits` on SQLite and PostgreSQL, re-cleaned in-process by
`crawler.reclean.reclean_store` (the command's own code path, one worker).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from cleaning import Article
from crawler.reclean import reclean_store
from storage import ArticleRecord, ArticleRevisionRecord, Store, make_engine
from tests.integration.test_commands import NEWS, PATHS, T0, fill, visit


def stale_metadata(article: Article) -> Article:
    """What an older cleaner stored: the same title and text, another byline and date."""
    return replace(article, authors=["Somebody Else"], published_at=None, language="xx")


def test_a_metadata_change_alone_makes_a_new_revision(db_url: str) -> None:
    stale, fresh = PATHS[0], PATHS[1]
    fill(db_url, [visit(NEWS, stale, T0, stale_metadata), visit(NEWS, fresh, T0)])
    engine = make_engine(db_url)
    try:
        summary = reclean_store(Store(engine), progress=False)
        assert (summary.checked, summary.changed, summary.unchanged) == (2, 1, 1)
        with Session(engine) as session:
            records = {r.url: r for r in session.scalars(select(ArticleRecord))}
            fixed = records[NEWS + stale]
            expected = visit(NEWS, stale, T0).article
            assert expected is not None
            assert fixed.revision == 2
            assert fixed.authors == expected.authors
            assert fixed.language == expected.language
            assert records[NEWS + fresh].revision == 1
            revisions = session.scalars(
                select(ArticleRevisionRecord.text)
                .where(ArticleRevisionRecord.article_id == fixed.id)
                .order_by(ArticleRevisionRecord.revision)
            ).all()
            assert revisions == [expected.text, expected.text]  # the text itself was right

        # Nothing is left to change: a second run writes no revision.
        again = reclean_store(Store(engine), progress=False)
        assert (again.changed, again.unchanged) == (0, 2)
    finally:
        engine.dispose()
