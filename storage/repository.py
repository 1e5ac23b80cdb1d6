"""Every query the project runs. Functions take a session and never commit: the caller
owns the transaction."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from cleaning import Article
from storage import fingerprint as fp
from storage.models import (
    ArticleRecord,
    ArticleRevisionRecord,
    CrawlRunRecord,
    PageRecord,
    RawPageRecord,
)
from storage.urls import normalize_url, site_of

# C0 control characters other than tab and newline, and DEL. PostgreSQL rejects NUL in
# text; the others are invisible debris of broken CMS exports. They are removed, the
# text around them is kept.
_CONTROL_CHARS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Return ``value`` without NUL and other control characters (tab, newline kept)."""
    # The search runs in C; the (slow) translation only when there is something to remove.
    return value.translate(_CONTROL_CHARS) if _CONTROL_RE.search(value) else value


def _clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


# What happened to a fetched URL (pages.outcome).
STORED = "stored"  # new article, or its text or title changed (a new revision)
UNCHANGED = "unchanged"  # fetched again, same content hash: nothing rewritten
NOT_MODIFIED = "not_modified"  # the server answered 304 to a conditional request
NOT_ARTICLE = "not_article"  # a listing, tag, search or home page, or no article text
BLOCKED = "blocked"  # consent wall, bot challenge or paywall stub
TOO_LARGE = "too_large"  # over the download size limit
NOT_HTML = "not_html"  # not an HTML page
ERROR = "error"  # HTTP error status or network failure; see reason
ROBOTS_DISALLOWED = "robots_disallowed"  # robots.txt forbids it
OUT_OF_SCOPE = "out_of_scope"  # outside -a since/until/lang/max_articles; see reason
OUTCOMES = (
    STORED,
    UNCHANGED,
    NOT_MODIFIED,
    NOT_ARTICLE,
    BLOCKED,
    TOO_LARGE,
    NOT_HTML,
    ERROR,
    ROBOTS_DISALLOWED,
    OUT_OF_SCOPE,
)
# Outcomes that count as a failure for back-off.
FAILURES = frozenset({ERROR, TOO_LARGE})


@dataclass(frozen=True)
class RecrawlPolicy:
    """When to look at a URL again.

    Attributes:
        interval: After a successful fetch.
        failure_backoff: After the first failure; doubled after each further one.
        max_backoff: Upper bound of the back-off.
        keep_raw_html: Store the gzip-compressed HTML of stored articles.
    """

    interval: timedelta = timedelta(hours=24)
    failure_backoff: timedelta = timedelta(hours=1)
    max_backoff: timedelta = timedelta(days=7)
    keep_raw_html: bool = True

    def next_fetch(self, now: datetime, failures: int) -> datetime:
        """When to fetch again after ``failures`` consecutive failures (0: success)."""
        if failures <= 0:
            return now + self.interval
        backoff: timedelta = min(self.failure_backoff * 2 ** (failures - 1), self.max_backoff)
        return now + backoff


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
    outcome: str
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


@dataclass(frozen=True)
class PageState:
    """What the store knows of a URL, for the next request."""

    url: str
    outcome: str
    etag: str | None
    last_modified: str | None
    last_fetched_at: datetime
    next_fetch_at: datetime
    consecutive_failures: int


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
    page_rows: list[tuple[str, PageVisit, str, ArticleRecord | None]] = []
    for url, visit in zip(urls, visits, strict=True):
        outcome = visit.outcome
        record: ArticleRecord | None = None
        if visit.article is not None:
            outcome, record = _save_article(session, url, visit, policy, result, articles, written)
        page_rows.append((url, visit, outcome, record))
    # One flush gives every new article of the batch its id (a single INSERT ... RETURNING
    # on PostgreSQL) before the rows that point at it are added.
    session.flush()
    result.duplicates += _link_duplicates(
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
        _save_page(session, url, visit, outcome, record.id if record else None, policy, pages)
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
) -> tuple[str, ArticleRecord]:
    article = visit.article
    assert article is not None
    now = visit.fetched_at
    prepared = visit.prepared or prepare(article, visit.html, policy.keep_raw_html)
    record = known.get(url)
    if record is not None and record.content_hash == article.content_hash:
        record.last_fetched_at = now
        result.unchanged += 1
        return UNCHANGED, record
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
    return STORED, record


def _link_duplicates(session: Session, records: Sequence[ArticleRecord]) -> int:
    """Link each record to an earlier article it nearly duplicates, in one query.

    Candidates share at least one 16-bit band of the SimHash (`storage.fingerprint`) and
    differ in at most `fp.MAX_DISTANCE` bits; the original is the oldest such article (or
    what that one duplicates). One query fetches the candidates of the whole batch; each
    record is then compared only with the rows that share one of its own bands, so its
    work is its own candidates, not the batch's.

    Returns:
        How many records were linked.
    """
    records = sorted((r for r in records if r.fingerprint is not None), key=lambda r: r.id)
    if not records:
        return 0
    mine = {r.id: fp.to_unsigned(r.fingerprint) for r in records if r.fingerprint is not None}
    columns = [
        ArticleRecord.fp_band0,
        ArticleRecord.fp_band1,
        ArticleRecord.fp_band2,
        ArticleRecord.fp_band3,
    ]
    values = [{fp.bands(value)[i] for value in mine.values()} for i in range(4)]
    rows = session.execute(
        select(ArticleRecord.id, ArticleRecord.fingerprint, ArticleRecord.duplicate_of).where(
            or_(*(column.in_(vals) for column, vals in zip(columns, values, strict=True)))
        )
    ).all()
    original_of: dict[int, int | None] = {}
    # (band number, band value) -> (id, fingerprint) of the stored articles holding it
    by_band: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for row_id, stored, duplicate_of in rows:
        original_of[int(row_id)] = duplicate_of
        if stored is None:
            continue
        unsigned = fp.to_unsigned(stored)
        for key in enumerate(fp.bands(unsigned)):
            by_band.setdefault(key, []).append((int(row_id), unsigned))
    linked = 0
    for record in records:
        # within MAX_DISTANCE (3) bits, one of the four 16-bit bands is equal at least,
        # so every such article shares a band with this record; the oldest one wins
        candidates = sorted(
            {
                candidate
                for key in enumerate(fp.bands(mine[record.id]))
                for candidate in by_band.get(key, ())
                if candidate[0] < record.id
            }
        )
        for other_id, other_fp in candidates:
            if fp.distance(mine[record.id], other_fp) > fp.MAX_DISTANCE:
                continue
            original = int(original_of.get(other_id) or other_id)
            if original != record.id:
                record.duplicate_of = original
                original_of[record.id] = original
                linked += 1
                break
    return linked


def _add_revision(session: Session, record: ArticleRecord, article: Article, now: datetime) -> bool:
    """Write ``record``'s new revision row; link it to an original it nearly duplicates.

    Returns:
        True when it was found to be a near-duplicate just now.
    """
    session.flush()  # the id of a new article
    session.add(_revision_row(record.id, record.revision, article, now))
    return record.duplicate_of is None and _link_duplicates(session, [record]) > 0


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
    record.site_name = _clean_optional(article.site_name)
    record.description = _clean_optional(article.description)
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


def _save_page(
    session: Session,
    url: str,
    visit: PageVisit,
    outcome: str,
    article_id: int | None,
    policy: RecrawlPolicy,
    known: dict[str, PageRecord],
) -> None:
    page = known.get(url)
    now = visit.fetched_at
    if page is None:
        page = PageRecord(url=url, site=site_of(url), first_fetched_at=now, consecutive_failures=0)
        session.add(page)
        known[url] = page
    failures = (page.consecutive_failures or 0) + 1 if outcome in FAILURES else 0
    page.outcome = outcome
    page.reason = _clean_optional(visit.reason)
    page.last_status = visit.status
    if outcome != NOT_MODIFIED:  # a 304 keeps the validators of the 200 it confirms
        page.etag = visit.etag
        page.last_modified = visit.last_modified
    page.last_fetched_at = now
    page.consecutive_failures = failures
    page.next_fetch_at = policy.next_fetch(now, failures)
    if article_id is not None:
        page.article_id = article_id


def page_state(session: Session, url: str) -> PageState | None:
    """What the store knows of ``url`` (normalised first), or None if never fetched."""
    return page_states(session, [url]).get(normalize_url(url))


#: URLs per query of `page_states`.
LOOKUP_CHUNK = 500


def page_states(session: Session, urls: Sequence[str]) -> dict[str, PageState]:
    """What the store knows of each of ``urls``, by normalised URL; unknown ones absent."""
    keys = list(dict.fromkeys(normalize_url(url) for url in urls))
    states: dict[str, PageState] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        rows = session.execute(
            select(
                PageRecord.url,
                PageRecord.outcome,
                PageRecord.etag,
                PageRecord.last_modified,
                PageRecord.last_fetched_at,
                PageRecord.next_fetch_at,
                PageRecord.consecutive_failures,
            ).where(PageRecord.url.in_(keys[start : start + LOOKUP_CHUNK]))
        ).all()
        for row in rows:
            states[row.url] = PageState(*row)
    return states


#: Articles of a site read to learn its boilerplate (the newest ones).
LEARN_FROM = 300


def recent_texts(session: Session, site: str, limit: int = LEARN_FROM) -> list[str]:
    """The texts of a site's newest articles (by first sighting), newest first."""
    return list(
        session.scalars(
            select(ArticleRecord.text)
            .where(ArticleRecord.site == site)
            .order_by(ArticleRecord.first_seen_at.desc())
            .limit(limit)
        )
    )


def known_sites(session: Session) -> set[str]:
    """The sites with at least one fetched page (``pages.site``)."""
    return set(session.scalars(select(PageRecord.site).distinct()))


def count_articles(session: Session, site: str | None = None) -> int:
    """Return how many articles are stored, for one site or all."""
    query = select(func.count()).select_from(ArticleRecord)
    if site is not None:
        query = query.where(ArticleRecord.site == site)
    return int(session.scalar(query) or 0)


def get_article(session: Session, url: str) -> ArticleRecord | None:
    """Return the stored article for ``url`` (normalised first), or None."""
    return session.scalar(select(ArticleRecord).where(ArticleRecord.url == normalize_url(url)))


def start_run(session: Session, spider: str, arguments: dict[str, Any], now: datetime) -> int:
    """Record the start of a crawl; return its id."""
    run = CrawlRunRecord(spider=spider, arguments=arguments, started_at=now)
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session, run_id: int, now: datetime, reason: str, stats: dict[str, Any]
) -> None:
    """Record the end of a crawl with its finish reason and final stats."""
    run = session.get(CrawlRunRecord, run_id)
    if run is not None:
        run.finished_at = now
        run.finish_reason = reason
        run.stats = stats


#: `save_recleaned` outcomes.
RECLEAN_CHANGED = "changed"  # a new revision: title, text or metadata changed
RECLEAN_UNCHANGED = "unchanged"  # what would be stored is what is stored
RECLEAN_REPLACED = "replaced"  # a crawl stored newer HTML meanwhile: nothing written


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
        or record.site_name != _clean_optional(article.site_name)
        or record.description != _clean_optional(article.description)
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
) -> str:
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
        `RECLEAN_CHANGED`, `RECLEAN_UNCHANGED` or `RECLEAN_REPLACED` (also for an
        article that no longer exists).
    """
    record = session.get(ArticleRecord, article_id)
    if record is None:
        return RECLEAN_REPLACED
    if not stored_output_differs(record, article):
        return RECLEAN_UNCHANGED
    if cleaned_from is not None:
        raw = session.get(RawPageRecord, article_id)
        if raw is None or raw.fetched_at != cleaned_from:
            return RECLEAN_REPLACED
    last_fetched_at = record.last_fetched_at
    record.revision += 1
    _copy_fields(record, article, now, fp.simhash(article.text))
    record.last_fetched_at = last_fetched_at
    _add_revision(session, record, article, now)
    return RECLEAN_CHANGED
