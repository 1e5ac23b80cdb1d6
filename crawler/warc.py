"""WARC files as a source of pages: ``-a warc=PATH_OR_URL[,...]`` (and ``-a ccnews=``).

Each ``response`` record with an HTML payload and status 200 becomes a `PageItem`, with
the record's target URI as its URL and its ``WARC-Date`` as the fetch time, and goes
through the same cleaning pool and store as a fetched page. Every other record is skipped
and counted by reason (``news/warc/skipped/<reason>``: ``request``, ``metadata``,
``revisit``, ``warcinfo``, ``not_html``, ``http_404``, ...). A truncated or corrupt record
is counted (``news/warc/errors/<reason>``, ``archive_files.errors``) and the file is read
on from the next record.

Reading is streamed: a file (local, or over http(s)) is read 64 KB at a time, gzip members
are inflated one by one, and a record is held whole only up to ``DOWNLOAD_MAXSIZE`` (a
larger one is skipped unread). The WARC framing (record boundaries, gzip members) is this
module's own, because both warcio and fastwarc give up on the rest of a file at a gzip
member cut short, and both silently swallow the following records when a
``Content-Length`` is wrong (docs/archives.md); each framed record is then parsed by
warcio, which also undoes chunked transfer and content encodings.

`ArchiveReader` reads the files in threads (as many at once as the crawl sends requests
to one host, ``CONCURRENT_REQUESTS_PER_DOMAIN``), at most ``max_in_flight`` pages between
a file and the end of the item pipelines, so memory stays bounded however large a file is.
A file read to its end is recorded as finished in ``archive_files``; a re-run skips it.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
import urllib.error
import urllib.request
import zlib
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.internet.defer import DeferredQueue
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from crawler.config import StorageConfig
from crawler.encoding import binary_kind
from crawler.items import PageItem
from crawler.store import crawl_store
from storage import Store, normalize_url, site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def _reactor() -> Any:
    """The installed reactor; imported late, so importing this module installs none."""
    from twisted.internet import reactor

    return reactor


#: Raw bytes read from a file at a time.
READ_SIZE = 1 << 16
#: Inflated bytes produced per zlib call (a gzip bomb is inflated piecewise, not at once).
INFLATE_SIZE = 1 << 20
#: Longest WARC header line / header block accepted; past it the record is corrupt.
MAX_HEADER_LINE = 1 << 16
MAX_HEADER_BLOCK = 1 << 18
GZIP_MAGIC = b"\x1f\x8b\x08"
#: The content types that are pages (as the news spider's).
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Recently seen URLs kept to skip a page captured twice close together (two rows for one
#: URL in one write batch would conflict); a repeat further apart is the store's to judge.
RECENT_URLS = 50_000


class ArchiveError(Exception):
    """An archive file cannot be opened or read (missing, HTTP error, network failure)."""


# -- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchivePage:
    """An HTML response record, ready for cleaning."""

    url: str
    fetched_at: datetime
    status: int
    body: bytes = field(repr=False)
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A record that is not a page to clean, with why (``request``, ``not_html``, ...)."""

    reason: str


@dataclass(frozen=True)
class Damaged:
    """A truncated or corrupt record (``truncated``, ``corrupt``, ``gzip``)."""

    reason: str
    detail: str = ""


Event = ArchivePage | Skipped | Damaged


def open_archive(source: str, user_agent: str = "newsclean", timeout: float = 60) -> IO[bytes]:
    """Open a WARC file for streaming: a local path or an http(s) URL.

    Raises:
        ArchiveError: With a one-line reason.
    """
    if urlsplit(source).scheme.lower() in ("http", "https"):
        request = urllib.request.Request(source, headers={"User-Agent": user_agent})
        try:
            return cast(IO[bytes], urllib.request.urlopen(request, timeout=timeout))
        except urllib.error.HTTPError as exc:
            raise ArchiveError(f"{source}: HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ArchiveError(f"{source}: {reason}") from None
    try:
        return Path(source).open("rb")
    except OSError as exc:
        raise ArchiveError(f"{source}: {exc.strerror or exc}") from None


def read_archive(stream: IO[bytes], max_size: int) -> Iterator[Event]:
    """Every record of a WARC stream (gzipped per record, whole, or not at all), classified.

    Args:
        stream: The file, positioned at its start.
        max_size: Records whose block is larger are skipped unread (``too_large``).
    """
    first = stream.read(READ_SIZE)
    gzipped = first.startswith(GZIP_MAGIC)
    pieces = _inflate(stream, first) if gzipped else _plain(stream, first)
    state = _SegmentState()
    while not state.finished:
        state.damaged = False
        buffer = _Buffer(_until_damage(pieces, state))
        last_damaged = False
        for event in _frame(buffer, max_size):
            last_damaged = isinstance(event, Damaged)
            yield event
        for _ in buffer.rest():  # what the framing left of a segment (after truncation)
            pass
        if state.damaged and not last_damaged:
            yield Damaged("gzip", "a damaged gzip member between records")


def _plain(stream: IO[bytes], first: bytes) -> Iterator[bytes | None]:
    chunk = first
    while chunk:
        yield chunk
        chunk = stream.read(READ_SIZE)


def _inflate(stream: IO[bytes], first: bytes) -> Iterator[bytes | None]:
    """Inflate gzip members one after the other; None marks a damaged member.

    After a damaged member (cut short, bad CRC, not gzip at all) reading goes on at the
    next gzip header found in the bytes that follow its start.
    """
    data = first
    eof = False
    inflater: Any = None
    previous = b""  # compressed bytes last fed to the current member, to find a resync point
    while True:
        if not data and not eof:
            data = stream.read(READ_SIZE)
            eof = not data
        if inflater is None:
            if not data:
                if eof:
                    return
                continue
            if len(data) < 3 and not eof:
                more = stream.read(READ_SIZE)
                eof = not more
                data += more
                continue
            if not data.startswith(GZIP_MAGIC):
                if data.strip(b"\x00\r\n\t ") or not eof:
                    start = data.find(GZIP_MAGIC, 1)
                    if start < 0:
                        if data.strip(b"\x00\r\n\t "):
                            yield None
                        data = data[-2:] if not eof else b""
                        if eof:
                            return
                        more = stream.read(READ_SIZE)
                        eof = not more
                        data += more
                        continue
                    if data[:start].strip(b"\x00\r\n\t "):
                        yield None
                    data = data[start:]
                else:
                    return  # trailing padding
            inflater = zlib.decompressobj(31)
            previous = b""
        fed = data
        try:
            out = inflater.decompress(fed, INFLATE_SIZE)
        except zlib.error:
            yield None
            history = previous + fed
            start = history.find(GZIP_MAGIC, 1)
            inflater = None
            data = history[start:] if start >= 0 else history[-2:]
            if start < 0 and eof:
                return
            continue
        if out:
            yield out
        if inflater.eof:
            data = inflater.unused_data
            inflater = None
            continue
        data = inflater.unconsumed_tail
        previous = fed[: len(fed) - len(data)][-READ_SIZE:]
        if not data and eof:
            # the file ended inside a member: flush what zlib holds, then report it
            out = inflater.flush()
            if out:
                yield out
            yield None
            return


@dataclass
class _SegmentState:
    finished: bool = False
    damaged: bool = False


def _until_damage(pieces: Iterator[bytes | None], state: _SegmentState) -> Iterator[bytes]:
    for piece in pieces:
        if piece is None:
            state.damaged = True
            return
        yield piece
    state.finished = True


class _Buffer:
    """Buffered reads over a stream of byte chunks, with a way to push bytes back."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._data = bytearray()
        self._pos = 0
        self.eof = False

    def _fill(self) -> bool:
        if self.eof:
            return False
        try:
            chunk = next(self._chunks)
        except StopIteration:
            self.eof = True
            return False
        if self._pos:
            del self._data[: self._pos]
            self._pos = 0
        self._data += chunk
        return True

    def readline(self, limit: int) -> bytes:
        """The next line (with its newline), at most ``limit`` bytes; b"" at the end."""
        while True:
            end = self._data.find(b"\n", self._pos, self._pos + limit)
            if end >= 0:
                line = bytes(self._data[self._pos : end + 1])
                self._pos = end + 1
                return line
            if len(self._data) - self._pos >= limit or not self._fill():
                line = bytes(self._data[self._pos : self._pos + limit])
                self._pos += len(line)
                return line

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes (fewer only at the end)."""
        while len(self._data) - self._pos < size and self._fill():
            pass
        data = bytes(self._data[self._pos : self._pos + size])
        self._pos += len(data)
        return data

    def skip(self, size: int) -> int:
        """Discard up to ``size`` bytes without holding them; return how many."""
        skipped = 0
        while skipped < size:
            if self._pos >= len(self._data) and not self._fill():
                break
            take = min(size - skipped, len(self._data) - self._pos)
            self._pos += take
            skipped += take
        return skipped

    def unread(self, data: bytes) -> None:
        """Put ``data`` back in front of what is left."""
        self._data = bytearray(data) + self._data[self._pos :]
        self._pos = 0

    def rest(self) -> Iterator[bytes]:
        """Drain what is left (chunk by chunk)."""
        self._data, self._pos = bytearray(), 0
        yield from self._chunks


def _frame(buffer: _Buffer, max_size: int) -> Iterator[Event]:
    """Cut a stream into WARC records and classify each.

    A record whose block does not end with the blank lines the format requires has a
    wrong ``Content-Length``: it is reported as corrupt and the search for the next record
    starts again right after its header, so the records it swallowed are not lost.
    """
    junk = False
    while True:
        line = buffer.readline(MAX_HEADER_LINE)
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            if not junk:
                junk = True
                yield Damaged("corrupt", "bytes that are not a WARC record")
            continue
        junk = False
        head = [line]
        size = len(line)
        while True:
            line = buffer.readline(MAX_HEADER_LINE)
            head.append(line)
            size += len(line)
            if not line or not line.strip() or size > MAX_HEADER_BLOCK:
                break
        if not line:
            yield Damaged("truncated", "the file ends inside a record's header")
            return
        if line.strip():
            junk = True
            yield Damaged("corrupt", f"a record header longer than {MAX_HEADER_BLOCK} bytes")
            continue
        headers = _warc_headers(head[1:-1])
        try:
            length = int(headers.get("content-length", ""))
            if length < 0:
                raise ValueError
        except ValueError:
            junk = True
            yield Damaged("corrupt", "a record without a valid Content-Length")
            continue
        record_type = headers.get("warc-type", "").strip().lower() or "no_type"
        if record_type != "response" or length > max_size:
            skipped = buffer.skip(length)
            if skipped < length:
                yield Damaged("truncated", f"a {record_type} record cut short")
                return
            trailer = buffer.read(4)
            if trailer != b"\r\n\r\n" and not (buffer.eof and not trailer.strip()):
                junk = True
                yield Damaged("corrupt", f"a {record_type} record of the wrong length")
                buffer.unread(trailer)
                continue
            yield Skipped(record_type if record_type != "response" else "too_large")
            continue
        block = buffer.read(length)
        if len(block) < length:
            # Cut short, or a Content-Length past the records that follow: look for them.
            junk = True
            yield Damaged("truncated", "a response record cut short")
            buffer.unread(block)
            continue
        trailer = buffer.read(4)
        if trailer != b"\r\n\r\n" and not (buffer.eof and not trailer.strip()):
            junk = True
            yield Damaged("corrupt", "a response record of the wrong length")
            buffer.unread(block + trailer)
            continue
        yield classify(b"".join(head), block, headers, max_size)


def _warc_headers(lines: Sequence[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    name = ""
    for raw in lines:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if line[:1] in (" ", "\t") and name:
            headers[name] += " " + line.strip()
            continue
        name, _, value = line.partition(":")
        name = name.strip().lower()
        headers[name] = value.strip()
    return headers


def classify(head: bytes, block: bytes, headers: dict[str, str], max_size: int) -> Event:
    """A response record's page, or why it is skipped; the HTTP part is parsed by warcio."""
    if headers.get("warc-truncated"):
        return Damaged("truncated", f"WARC-Truncated: {headers['warc-truncated']}")
    url = headers.get("warc-target-uri", "").strip().strip("<>")
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return Skipped("not_http")
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(head + block + b"\r\n\r\n"))))
        http = record.http_headers
        if http is None:
            return Skipped("not_http")
        status = int(http.get_statuscode() or 0)
        content_type = http.get_header("Content-Type")
        if status != 200:
            return Skipped(f"http_{status}")
        if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            return Skipped("not_html")
        body = record.content_stream().read(max_size + 1)
    except Exception as exc:  # warcio raises several kinds on a malformed HTTP part
        return Damaged("corrupt", f"{type(exc).__name__}: {exc}")
    if len(body) > max_size:
        return Skipped("too_large")
    if binary_kind(body) is not None:
        return Skipped("binary_body")
    return ArchivePage(
        url=url,
        fetched_at=_warc_date(headers.get("warc-date", "")),
        status=status,
        body=body,
        content_type=content_type,
        etag=http.get_header("ETag"),
        last_modified=http.get_header("Last-Modified"),
    )


def _warc_date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


# -- reading files into the crawl -------------------------------------------------------------


def _host_allowed(url: str, domains: frozenset[str]) -> bool:
    """True when ``url``'s host is one of ``domains`` or under one (``-a domains=``)."""
    if not domains:
        return True
    host = site_of(url)
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def parse_domains(value: str) -> frozenset[str]:
    """``-a domains=a.com,b.org``: hosts in the store's form (lower case, without www.)."""
    hosts = set()
    for part in value.split(","):
        part = part.strip()
        if part:
            hosts.add(site_of(part if "://" in part else f"http://{part}"))
    return frozenset(h for h in hosts if h)


@dataclass
class _FileState:
    url: str
    outstanding: int = 0
    records: int = 0
    pages: int = 0
    errors: int = 0
    read: bool = False  # read to its end
    failed: bool = False


@dataclass(frozen=True)
class _Page:
    file: str
    page: ArchivePage
    counts: Counter[str]


@dataclass(frozen=True)
class _Done:
    file: str
    records: int
    pages: int
    errors: int
    error: str | None
    counts: Counter[str]


class ArchiveReader:
    """Read WARC files into the crawl as `PageItem`s, a few files at once, bounded.

    Args:
        crawler: The running crawler (settings, stats, signals).
        files: The files (paths or URLs), or a function giving them (run in a thread:
            CC-NEWS lists its files over the network).
        domains: Only pages of these hosts (and their subdomains); empty: all.
        accept: A further test of each page's URL (the crawl's scope), or None.
        parallel: Files read at once (default ``CONCURRENT_REQUESTS_PER_DOMAIN``).
        max_in_flight: Pages read and not yet through the item pipelines, at most
            (default: twice the cleaning pool's pending limit, 16 at least).
    """

    def __init__(
        self,
        crawler: Crawler,
        files: Sequence[str] | Callable[[], Sequence[str]],
        domains: frozenset[str] = frozenset(),
        accept: Callable[[str], bool] | None = None,
        parallel: int | None = None,
        max_in_flight: int | None = None,
    ) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self._files = files
        self.domains = domains
        self.accept = accept
        self.parallel = max(
            1,
            parallel
            or min(
                settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 4),
                settings.getint("CONCURRENT_REQUESTS", 16),
            ),
        )
        pending = settings.get("NEWS_CLEANING_MAX_PENDING")
        default = max(16, 2 * int(pending)) if pending not in (None, "") else 16
        self.max_in_flight = max(1, max_in_flight or default)
        self.max_size = settings.getint("DOWNLOAD_MAXSIZE", 8 * 1024 * 1024) or (1 << 30)
        self.user_agent = settings.get("USER_AGENT") or "newsclean"
        self.timeout = settings.getfloat("DOWNLOAD_TIMEOUT", 60)
        self.finish_delay = StorageConfig.from_settings(settings).flush_interval + 1.0
        self._slots = threading.BoundedSemaphore(self.max_in_flight)
        self._events: DeferredQueue[_Page | _Done | None] = DeferredQueue()
        self._stop = threading.Event()
        self._states: dict[str, _FileState] = {}
        self._items: dict[int, str] = {}
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._pending_finish: dict[str, Any] = {}
        self._in_flight = 0  # pages read and not yet through the pipelines
        self._store: Store | None = None
        # Held strongly: the reader must hear of the last items and of the close after
        # its generator has ended.
        connect = partial(crawler.signals.connect, weak=False)
        connect(self._item_done, signal=signals.item_scraped)
        connect(self._item_done, signal=signals.item_dropped)
        connect(self._item_done, signal=signals.item_error)
        connect(self._spider_closed, signal=signals.spider_closed)

    # -- the reactor side --

    async def items(self) -> AsyncIterator[PageItem]:
        """The pages of every file not finished by an earlier crawl, as they are read."""
        self._store = crawl_store(self.crawler)
        try:
            files = await maybe_deferred_to_future(threads.deferToThread(self._pending_files))
        except ArchiveError as exc:
            logger.error("%s", exc)
            self._inc("news/warc/listing_failed")
            return
        if not files:
            return
        work: queue.SimpleQueue[str] = queue.SimpleQueue()
        for file in files:
            self._states[file] = _FileState(file)
            work.put(file)
        workers = min(self.parallel, len(files))
        remaining = [workers]
        lock = threading.Lock()
        for number in range(workers):
            threading.Thread(
                target=self._worker,
                args=(work, remaining, lock),
                name=f"warc-reader-{number}",
                daemon=True,
            ).start()
        while True:
            event = await maybe_deferred_to_future(self._events.get())
            if event is None:
                return
            for key, count in event.counts.items():
                self._inc(key, count)
            state = self._states[event.file]
            if isinstance(event, _Page):
                self._in_flight += 1
                assert self.crawler.stats is not None
                self.crawler.stats.max_value("news/warc/peak_in_flight", self._in_flight)
            if isinstance(event, _Done):
                state.read, state.failed = event.error is None, event.error is not None
                # pages: those handed to cleaning (after -a domains= and the scope)
                state.records, state.errors = event.records, event.errors
                if event.error is not None:
                    logger.error("archive %s: %s", event.file, event.error)
                    self._inc("news/warc/files_failed")
                self._maybe_finished(state)
                continue
            item = self._item(event.page)
            if item is None:
                self._in_flight -= 1
                self._slots.release()
                continue
            state.outstanding += 1
            state.pages += 1
            self._items[id(item)] = event.file
            yield item

    def _item(self, page: ArchivePage) -> PageItem | None:
        url = normalize_url(page.url)
        if not _host_allowed(url, self.domains):
            self._inc("news/warc/skipped/other_domain")
            return None
        if self.accept is not None and not self.accept(url):
            self._inc("news/warc/skipped/out_of_scope")
            return None
        if url in self._recent:
            self._inc("news/warc/skipped/duplicate_url")
            return None
        self._recent[url] = None
        if len(self._recent) > RECENT_URLS:
            self._recent.popitem(last=False)
        self._inc("news/warc/pages")
        return PageItem(
            url=url,
            status=page.status,
            fetched_at=page.fetched_at,
            body=page.body,
            content_type=page.content_type,
            source="warc",
            etag=page.etag,
            last_modified=page.last_modified,
        )

    def _item_done(self, item: Any, **_: Any) -> None:
        file = self._items.pop(id(item), None)
        if file is None:
            return
        self._in_flight -= 1
        self._slots.release()
        state = self._states[file]
        state.outstanding -= 1
        self._maybe_finished(state)

    def _maybe_finished(self, state: _FileState) -> None:
        if not state.read or state.outstanding:
            return
        self._inc("news/warc/files_finished")
        # The file's last pages may still sit in the store's write buffer: the file is
        # marked finished once that buffer has been flushed (or when the crawl closes).
        self._pending_finish[state.url] = _reactor().callLater(
            self.finish_delay, self._finish, state
        )

    def _finish(self, state: _FileState) -> Any:
        self._pending_finish.pop(state.url, None)
        return threads.deferToThread(self._record_finish, state).addErrback(
            lambda failure: logger.error(
                "could not record %s as finished: %s", state.url, failure.getErrorMessage()
            )
        )

    async def _spider_closed(self) -> None:
        self._stop.set()
        for call in list(self._pending_finish.values()):
            call.cancel()
        for url in list(self._pending_finish):
            await maybe_deferred_to_future(self._finish(self._states[url]))

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None and count:
            self.crawler.stats.inc_value(key, count)

    # -- the threads' side --

    def _pending_files(self) -> list[str]:
        files = list(self._files() if callable(self._files) else self._files)
        assert self._store is not None
        done = self._store.finished_archives(files)
        if done:
            logger.info("%d archive files finished by an earlier crawl are skipped", len(done))
            _reactor().callFromThread(self._inc, "news/warc/files_skipped_finished", len(done))
        return [f for f in dict.fromkeys(files) if f not in done]

    def _record_finish(self, state: _FileState) -> None:
        assert self._store is not None
        self._store.finish_archive(state.url, state.records, state.pages, state.errors)

    def _post(self, event: _Page | _Done | None) -> None:
        _reactor().callFromThread(self._events.put, event)

    def _worker(
        self, work: queue.SimpleQueue[str], remaining: list[int], lock: threading.Lock
    ) -> None:
        try:
            while not self._stop.is_set():
                try:
                    file = work.get_nowait()
                except queue.Empty:
                    break
                self._read_file(file)
        finally:
            with lock:
                remaining[0] -= 1
                last = remaining[0] == 0
            if last:
                self._post(None)

    def _read_file(self, file: str) -> None:
        counts: Counter[str] = Counter()
        records = pages = errors = 0
        error: str | None = None
        try:
            assert self._store is not None
            self._store.start_archive(file)
            with open_archive(file, self.user_agent, self.timeout) as stream:
                counts["news/warc/files_started"] += 1
                for event in read_archive(stream, self.max_size):
                    records += 1
                    if isinstance(event, ArchivePage):
                        pages += 1
                        while not self._slots.acquire(timeout=0.5):
                            if self._stop.is_set():
                                return
                        self._post(_Page(file, event, counts))
                        counts = Counter()
                    elif isinstance(event, Skipped):
                        counts[f"news/warc/skipped/{event.reason}"] += 1
                    else:
                        errors += 1
                        counts[f"news/warc/errors/{event.reason}"] += 1
                        logger.warning(
                            "archive %s, record %d: %s (%s); reading on",
                            file,
                            records,
                            event.reason,
                            event.detail,
                        )
                    if self._stop.is_set():
                        return
        except ArchiveError as exc:
            error = str(exc)
        except (OSError, EOFError) as exc:  # the connection broke mid-file
            error = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # the store: the file is not started, the crawl goes on
            error = f"{type(exc).__name__}: {exc}"
        self._post(_Done(file, records, pages, errors, error, counts))


def archive_reader(crawler: Crawler, targets: Any) -> ArchiveReader | None:
    """The reader of a crawl's ``-a warc=`` files and ``-a ccnews=`` periods, or None.

    ``targets`` is the spider's `crawler.arguments.CrawlTargets`.
    """
    warcs: tuple[str, ...] = targets.warcs
    periods = targets.ccnews
    if not warcs and not periods:
        return None
    settings = crawler.settings

    def files() -> list[str]:
        from crawler.ccnews import ccnews_files

        listed = list(warcs)
        if periods:
            listed += ccnews_files(
                periods,
                settings.get("NEWS_CCNEWS_BASE") or DEFAULT_CCNEWS,
                settings.get("USER_AGENT") or "newsclean",
                settings.getfloat("DOWNLOAD_TIMEOUT", 60),
            )
        return listed

    # -a since=/until= (crawler.scope): a page whose URL dates it outside is not cleaned;
    # the publication date and -a lang= are judged after cleaning, as for live pages.
    scope = getattr(crawler.spider, "scope", None)
    accept = None
    if scope is not None and getattr(scope, "filters_dates", False):

        def accept(url: str) -> bool:
            return scope.skip_before_fetch(url, None) is None

    return ArchiveReader(crawler, files, domains=targets.only_domains, accept=accept)


DEFAULT_CCNEWS = "https://data.commoncrawl.org/"
