"""Near-duplicate search among many stored articles whose fingerprints share bands."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cleaning import Article
from storage import (
    ArticleRecord,
    PageOutcome,
    PageVisit,
    Prepared,
    RecrawlPolicy,
    make_engine,
    save_visits,
    upgrade,
)
from storage import fingerprint as fp

T0 = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
POLICY = RecrawlPolicy(keep_raw_html=False)


def visit(n: int, fingerprint: int) -> PageVisit:
    """A new article whose SimHash is ``fingerprint`` (its text does not matter here)."""
    url = f"https://news.example/story-{n}/"
    text = f"Story number {n}."
    article = Article(
        url=url,
        canonical_url=url,
        title=f"Story {n}",
        text=text,
        language="en",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    return PageVisit(
        url=url,
        outcome=PageOutcome.STORED,
        fetched_at=T0,
        status=200,
        article=article,
        prepared=Prepared(fingerprint, None),
    )


def flip(value: int, bits: list[int]) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


def save(db_url: str, visits: list[PageVisit]) -> int:
    engine = make_engine(db_url)
    with Session(engine) as session, session.begin():
        duplicates = save_visits(session, visits, POLICY).duplicates
    engine.dispose()
    return duplicates


def stored(db_url: str) -> list[tuple[int, int, int | None]]:
    """(id, unsigned fingerprint, duplicate_of) of every article, oldest first."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        rows = session.execute(
            select(
                ArticleRecord.id, ArticleRecord.fingerprint, ArticleRecord.duplicate_of
            ).order_by(ArticleRecord.id)
        ).all()
    engine.dispose()
    return [(i, fp.to_unsigned(f), d) for i, f, d in rows if f is not None]


def test_a_copy_is_found_among_many_articles_sharing_its_other_bands(db_url: str) -> None:
    upgrade(make_engine(db_url))
    rng = random.Random(7)
    story = rng.getrandbits(64)
    original = flip(story, [5, 21, 37])  # one bit off in each of bands 0-2: only band 3 equal
    # Many later articles share bands 0-2 with the story but differ from it in band 3 by
    # at least 4 bits: candidates that are not copies.
    crowd = [story ^ (0xF << 48 | rng.getrandbits(12) << 52) for _ in range(600)]
    save(db_url, [visit(0, original)])
    for start in range(0, len(crowd), 300):
        batch = crowd[start : start + 300]
        assert save(db_url, [visit(1 + start + k, f) for k, f in enumerate(batch)]) >= 0
    assert save(db_url, [visit(9999, story)]) == 1
    rows = stored(db_url)
    assert rows[-1][2] == rows[0][0]  # the copy is linked to the original
    assert all(fp.distance(story, f) > fp.MAX_DISTANCE for _, f, _ in rows[1:-1])


def test_links_are_those_of_a_search_through_every_earlier_article(db_url: str) -> None:
    """Clustered fingerprints, saved in batches of many sizes: each article is linked to
    the oldest earlier one within `fp.MAX_DISTANCE` bits (or what that one duplicates),
    exactly as a comparison with every earlier article finds."""
    upgrade(make_engine(db_url))
    rng = random.Random(11)
    bases = [rng.getrandbits(64) for _ in range(30)]
    fingerprints = [
        flip(rng.choice(bases), rng.sample(range(64), rng.choice((0, 1, 2, 3, 4, 5, 8, 16))))
        for _ in range(800)
    ]
    n = 0
    while n < len(fingerprints):
        size = rng.choice((1, 2, 7, 50, 200))
        save(db_url, [visit(n + k, f) for k, f in enumerate(fingerprints[n : n + size])])
        n += size
    rows = stored(db_url)
    expected: dict[int, int | None] = {}
    for position, (row_id, mine, _) in enumerate(rows):
        expected[row_id] = None
        for other_id, other, _ in rows[:position]:
            if fp.distance(mine, other) <= fp.MAX_DISTANCE:
                expected[row_id] = expected[other_id] or other_id
                break
    assert {row_id: dup for row_id, _, dup in rows} == expected
    assert sum(dup is not None for dup in expected.values()) > 200
    assert sum(dup is None for dup in expected.values()) > 200
