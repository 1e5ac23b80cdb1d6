"""The writer: a batch of page visits, or a re-cleaned article, into the store.

Functions take a session and never commit: the caller owns the transaction
(`storage.store.Store` runs them, with the store's retries).
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cleaning import Article
from storage import fingerprint as fp
from storage.duplicates import link_duplicates
from storage.models import ArticleRecord, ArticleRevisionRecord, PageRecord, RawPageRecord
from storage.outcomes import PageOutcome, RecleanOutcome
from storage.pages import RecrawlPolicy, save_page
from storage.text import clean_optional, clean_text
from storage.urls import normalize_url, site_of


@dataclass(frozen=True)
class Prepared:
    """The CPU-heavy part of storing an article, computed ahead (in a cleaning worker).

    Attributes:
        fingerprint: Unsigned 64-bit SimHash of the text, or None for a short text.
        html_gzip: The raw HTML, gzip-compressed, or None when it is not kept.
    """

    fingerprint: int | None
    html_gzip: bytes | None


def prepare(article: Article, html: str | None, keep_raw_html: bool = True) -> Prepared:
    """Compute what `save_visits` needs besides the article, off the writer's thread.

    Pure CPU work: a crawl runs it next to extraction, in the cleaning process pool.
    """
    html_gzip = None
    if keep_raw_html and html is not None:
        html_gzip = gzip.compress(html.encode("utf-8", "surrogatepass"), 6)
    return Prepared(fp.simhash(article.text), html_gzip)


@dataclass(frozen=True)
class PageVisit:
    """One fetch of one URL and what came of it."""

    url: str
    outcome: PageOutcome
    fetched_at: datetime
    status: int | None = None
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    article: Article | None = None
    html: str | None = field(default=None, repr=False)
    prepared: Prepared | None = field(default=None, repr=False)


@dataclass
class SaveResult:
    """What a batch of visits did to the store."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    pages: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


def save_visits(session: Session, visits: Sequence[PageVisit], policy: RecrawlPolicy) -> SaveResult:
    """Record a batch of visits: articles (with revisions), raw HTML and page rows.

    An article gets a new revision only when its content hash differs from the stored
    one; an unchanged article only has ``last_fetched_at`` moved.
    """
    result = SaveResult()
    if session.get_bind().dialect.name == "postgresql":
        # The batch is one transaction: pages and articles are written or lost together.
        # Should the server itself crash right after a commit, the pages lost with it are
        # simply fetched again by the next run; not waiting for the WAL flush on every
        # batch keeps a crawl from queueing behind the disk.
        session.execute(text("SET LOCAL synchronous_commit = off"))
    urls = [normalize_url(visit.url) for visit in visits]
    # Two look-ups for the whole batch instead of two per page.
    articles = {
        record.url: record
        for record in session.scalars(
            select(ArticleRecord).where(
                ArticleRecord.url.in_(
                    {
                        url
                        for url, visit in zip(urls, visits, strict=True)
                        if visit.article is not None
                    }
                )
            )
        )
    }
    pages = {
        page.url: page
        for page in session.scalars(select(PageRecord).where(PageRecord.url.in_(set(urls))))
    }
    written: list[_Written] = []
    page_rows: list[tuple[str, PageVisit, PageOutcome, ArticleRecord | None]] = []
    for url, visit in zip(urls, visits, strict=True):
        outcome = visit.outcome
        record: ArticleRecord | None = None
        if visit.article is not None:
            outcome, record = _save_article(session, url, visit, policy, result, articles, written)
        page_rows.append((url, visit, outcome, record))
    # One flush gives every new article of the batch its id (a single INSERT ... RETURNING
    # on PostgreSQL) before the rows that point at it are added.
    session.flush()
    result.duplicates += link_duplicates(
        session, [w.record for w in written if w.record.duplicate_of is None]
    )
    raw_pages: dict[int, tuple[_Written, bytes]] = {}
    for entry in written:
        session.add(_revision_row(entry.record.id, entry.revision, entry.article, entry.seen_at))
        if policy.keep_raw_html and entry.html_gzip is not None:
            raw_pages[entry.record.id] = (entry, entry.html_gzip)
    for article_id, (entry, html_gzip) in raw_pages.items():
        raw = RawPageRecord(
            article_id=article_id, url=entry.url, fetched_at=entry.seen_at, html_gzip=html_gzip
        )
        # a new article has no raw page yet: no look-up before the insert
        session.add(raw) if entry.new else session.merge(raw)
    for url, visit, outcome, record in page_rows:
        save_page(session, url, visit, outcome, record.id if record else None, policy, pages)
        result.pages += 1
        result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1
    return result


@dataclass
class _Written:
    """An article row written by this batch, and what its revision row needs."""

    record: ArticleRecord
    article: Article
    revision: int
    seen_at: datetime
    url: str
    html_gzip: bytes | None
    new: bool


def _save_article(
    session: Session,
    url: str,
    visit: PageVisit,
    policy: RecrawlPolicy,
    result: SaveResult,
    known: dict[str, ArticleRecord],
    written: list[_Written],
) -> tuple[PageOutcome, ArticleRecord]:
    article = visit.article
    assert article is not None
    now = visit.fetched_at
    prepared = visit.prepared or prepare(article, visit.html, policy.keep_raw_html)
    record = known.get(url)
    if record is not None and record.content_hash == article.content_hash:
        record.last_fetched_at = now
        result.unchanged += 1
        return PageOutcome.UNCHANGED, record
    new = record is None
    if record is None:
        record = ArticleRecord(url=url, site=site_of(url), first_seen_at=now, revision=1)
        session.add(record)
        known[url] = record  # the same URL twice in one batch: the second finds this one
        result.new += 1
    else:
        record.revision += 1
        result.changed += 1
    _copy_fields(record, article, now, prepared.fingerprint)
    written.append(
        _Written(record, article, record.revision, now, visit.url, prepared.html_gzip, new)
    )
    return PageOutcome.STORED, record


def _add_revision(session: Session, record: ArticleRecord, article: Article, now: datetime) -> bool:
    """Write ``record``'s new revision row; link it to an original it nearly duplicates.

    Returns:
        True when it was found to be a near-duplicate just now.
    """
    session.flush()  # the id of a new article
    session.add(_revision_row(record.id, record.revision, article, now))
    return record.duplicate_of is None and link_duplicates(session, [record]) > 0


def _revision_row(
    article_id: int, revision: int, article: Article, seen_at: datetime
) -> ArticleRevisionRecord:
    return ArticleRevisionRecord(
        article_id=article_id,
        revision=revision,
        title=clean_text(article.title),
        text=clean_text(article.text),
        content_hash=article.content_hash,
        cleaner_version=article.cleaner_version,
        seen_at=seen_at,
    )


def _copy_fields(
    record: ArticleRecord, article: Article, now: datetime, simhash: int | None
) -> None:
    record.canonical_url = article.canonical_url or article.url
    record.title = clean_text(article.title)
    record.text = clean_text(article.text)
    record.authors = [clean_text(a) for a in article.authors]
    record.organizations = [clean_text(o) for o in article.organizations]
    record.published_at = article.published_at
    record.modified_at = article.modified_at
    record.language = article.language
    record.site_name = clean_optional(article.site_name)
    record.description = clean_optional(article.description)
    record.tags = [clean_text(t) for t in article.tags]
    record.image_url = article.image_url
    record.content_hash = article.content_hash
    record.word_count = article.word_count
    record.cleaner_version = article.cleaner_version
    record.text_source = article.text_source
    record.last_fetched_at = now
    record.last_changed_at = now
    if simhash is None:
        record.fingerprint = None
        record.fp_band0 = record.fp_band1 = record.fp_band2 = record.fp_band3 = None
    else:
        record.fingerprint = fp.to_signed(simhash)
        record.fp_band0, record.fp_band1, record.fp_band2, record.fp_band3 = fp.bands(simhash)


def stored_output_differs(record: ArticleRecord, article: Article) -> bool:
    """Whether storing ``article`` would change what ``record`` holds: title, text or metadata.

    The fields compared are those `_copy_fields` writes from the article (the cleaner's
    version aside: a new version that gives the same output changes nothing).
    """
    if record.content_hash != article.content_hash:
        return True
    return (
        record.canonical_url != (article.canonical_url or article.url)
        or list(record.authors or []) != [clean_text(a) for a in article.authors]
        or list(record.organizations or []) != [clean_text(o) for o in article.organizations]
        or record.published_at != article.published_at
        or record.modified_at != article.modified_at
        or record.language != article.language
        or record.site_name != clean_optional(article.site_name)
        or record.description != clean_optional(article.description)
        or list(record.tags or []) != [clean_text(t) for t in article.tags]
        or record.image_url != article.image_url
        or record.text_source != article.text_source
    )


def save_recleaned(
    session: Session,
    article_id: int,
    article: Article,
    now: datetime,
    cleaned_from: datetime | None = None,
) -> RecleanOutcome:
    """Store an article re-cleaned from its stored raw HTML (``scrapy reclean``).

    A new revision is made when the title, the text *or* the metadata would change (a
    better byline or date reaches stored articles too). Nothing was fetched, so
    ``first_seen_at``, ``last_fetched_at`` and the page row are kept; ``last_changed_at``
    becomes ``now``.

    Args:
        article_id: The stored article the raw HTML belongs to.
        article: The result of cleaning that HTML again.
        now: When the re-clean ran.
        cleaned_from: ``raw_pages.fetched_at`` of the HTML that was cleaned. If a crawl has
            stored newer HTML since, nothing is written: the older page must not win.

    Returns:
        `RecleanOutcome.REPLACED` also for an article that no longer exists.
    """
    record = session.get(ArticleRecord, article_id)
    if record is None:
        return RecleanOutcome.REPLACED
    if not stored_output_differs(record, article):
        return RecleanOutcome.UNCHANGED
    if cleaned_from is not None:
        raw = session.get(RawPageRecord, article_id)
        if raw is None or raw.fetched_at != cleaned_from:
            return RecleanOutcome.REPLACED
    last_fetched_at = record.last_fetched_at
    record.revision += 1
    _copy_fields(record, article, now, fp.simhash(article.text))
    record.last_fetched_at = last_fetched_at
    _add_revision(session, record, article, now)
    return RecleanOutcome.CHANGED
