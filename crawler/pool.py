"""Article extraction in a pool of processes, off the reactor.

Extraction (trafilatura plus the line rules) costs about 10 ms of CPU a page. Run in the
parse callback or an item pipeline it blocks Scrapy's single-threaded reactor and uses one
core; threads do not help (the GIL). `CleaningPool` runs `cleaning.extract_article` in
``NEWS_CLEANING_WORKERS`` processes (default: one per core) created once per crawl, and
hands each result back to the reactor as a Deferred, so fetching goes on meanwhile.

Backpressure: at most ``NEWS_CLEANING_MAX_PENDING`` pages are in the pool at once (default:
four per worker: the crawl process shares the cores with the workers, and while the OS
has it off a core the workers must still have pages queued). A pipeline call that finds
the pool full waits; the item stays in Scrapy's scraper slot, whose size limit
(``SCRAPER_SLOT_MAX_ACTIVE_SIZE``) then stops the downloader from feeding more responses,
so memory stays bounded when extraction is slower than fetching.

The workers are started by a fork server that has imported `cleaning` once (cheap,
copy-on-write workers), never forked from the crawling process itself, whose reactor and
database threads must not be copied half-way through a lock.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.internet.defer import Deferred, DeferredSemaphore

from cleaning import Article, Blocked, CleaningError, extract_article
from cleaning.boilerplate import PageEvidence, page_evidence
from crawler.encoding import decode_html
from storage import PageOutcome, Prepared, prepare

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext


logger = logging.getLogger(__name__)


class WorkerDied(CleaningError):
    """The page killed its cleaning worker twice (a crash in a C library, memory)."""

    reason = "worker_died"


@dataclass(frozen=True)
class CleanResult:
    """What a worker sends back for one page.

    Attributes:
        article: The article, or None when the cleaner rejected the page.
        prepared: What storing the article needs (fingerprint, compressed HTML).
        error: Why the cleaner rejected the page. Its ``str`` is the message, its
            ``reason`` the counted reason; a `cleaning.NoArticleText` also names the
            page's AMP version and whether it is a script shell (every `CleaningError`
            keeps its attributes through pickling).
        evidence: The article's lines as evidence of its site's recurring boilerplate
            (`cleaning.boilerplate.page_evidence`), normalised in the worker so the
            crawl process only counts them.
    """

    article: Article | None = None
    prepared: Prepared | None = None
    error: CleaningError | None = None
    evidence: PageEvidence | None = None

    @property
    def outcome(self) -> PageOutcome:
        """The page's outcome: stored, blocked (a wall or challenge), not an article, or
        an error (its worker died)."""
        if self.article is not None:
            return PageOutcome.STORED
        if isinstance(self.error, WorkerDied):
            return PageOutcome.ERROR
        return PageOutcome.BLOCKED if isinstance(self.error, Blocked) else PageOutcome.NOT_ARTICLE


def clean_page(
    body: bytes,
    content_type: str | None,
    url: str,
    options: dict[str, Any],
    keep_raw_html: bool = True,
    text_source: str | None = None,
) -> CleanResult:
    """Decode and extract one page and prepare it for the store; runs in a worker process.

    Decoding, and the store's CPU work (SimHash, gzip of the raw HTML), are done here
    too, so the crawl process only fetches and writes: it hands the worker the body as
    fetched (bytes cross the process boundary as a plain copy). A `CleaningError` is
    returned in the result rather than raised. ``text_source``
    (``amp``, ``browser``) says where the crawler got this HTML from, when not from the
    page itself.
    """
    html = decode_html(body, content_type)
    try:
        article = extract_article(html, url, **options)
    except CleaningError as exc:
        return CleanResult(error=exc)
    if text_source is not None:
        article = replace(article, text_source=text_source)
    return CleanResult(
        article,
        prepare(article, html, keep_raw_html),
        evidence=page_evidence(article.title, article.text),
    )


#: A page for `warm_up`: enough text for every stage of the cleaner to run once.
_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    + "".join(
        f"<p>Paragraph {i} of the page each cleaning worker extracts once at start, so that "
        "imports and first-call set-up are done before the crawl's pages arrive.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
).encode()


def ignore_interrupts() -> None:
    """Run in each worker at start: Ctrl-C is the crawl's to handle.

    A terminal sends Ctrl-C to every process of the group; a worker that took it would
    die with a KeyboardInterrupt traceback and break the pool. The crawl process stops
    the workers itself (`CleaningPool.close`, `CleaningPool.kill`). SIGTERM keeps its
    default: the executor itself stops a broken pool's workers with it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_fork_server() -> None:
    """Start the fork server with Ctrl-C ignored, so that it and its workers ignore it.

    A process started with SIGINT ignored keeps it ignored (Python then installs no
    KeyboardInterrupt handler); a Ctrl-C while the server imports `cleaning` would
    otherwise print a traceback. Only the main thread can change a signal's handler.
    """
    if (
        "forkserver" not in multiprocessing.get_all_start_methods()
        or threading.current_thread() is not threading.main_thread()
    ):
        return
    from multiprocessing import forkserver

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def process_pool(workers: int, preload: Sequence[str]) -> ProcessPoolExecutor:
    """A pool of ``workers`` cleaning processes that ignore Ctrl-C (`ignore_interrupts`).

    The workers are forked from a fork server that has imported the modules of
    ``preload`` once, never from this process, whose threads (the reactor's, the
    database's) must not be copied half-way through a lock; ``spawn`` where there is no
    fork server. The crawl (`CleaningPool`) and ``scrapy reclean`` (`crawler.reclean`)
    start their workers here.
    """
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(list(preload))
        context = forkserver
        _start_fork_server()
    else:  # pragma: no cover - macOS / Windows
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=ignore_interrupts
    )


def warm_up() -> int:
    """Clean `_WARM_UP_PAGE` once in this worker; returns the worker's pid."""
    clean_page(_WARM_UP_PAGE, "text/html; charset=utf-8", "https://example.com/warm-up", {})
    return os.getpid()


class CleaningPool:
    """A process pool for `clean_page`, with a bound on the pages waiting in it.

    Args:
        workers: Number of processes (at least 1).
        max_pending: Pages submitted and not yet answered, at most.
    """

    def __init__(self, workers: int, max_pending: int, keep_raw_html: bool = True) -> None:
        self.keep_raw_html = keep_raw_html
        self.workers = max(1, workers)
        self.max_pending = max(1, max_pending)
        self._slots = DeferredSemaphore(self.max_pending)
        self._executor: ProcessPoolExecutor | None = None
        self.restarts = 0

    def start(self) -> None:
        """Start the processes (the fork server imports `cleaning` once).

        Each worker cleans a small page right away, while the crawl is still fetching
        robots.txt and sitemaps: a process pool starts a worker only when a task finds
        none idle, so otherwise the second core would wait for the second page, and each
        worker would pay its imports and first-call set-up on the crawl's first pages.
        (A re-run that finds nothing to clean pays about a CPU-second for this.)
        """
        if self._executor is None:
            self._executor = self._new_executor()
            # starting processes blocks on pipes (the fork server imports `cleaning`
            # first): done in a thread, the reactor goes on fetching meanwhile
            threading.Thread(
                target=self._warm_up, args=(self._executor,), name="pool-warm-up", daemon=True
            ).start()

    def _warm_up(self, executor: ProcessPoolExecutor) -> None:
        with contextlib.suppress(RuntimeError):  # shut down before it started
            for _ in range(self.workers):
                executor.submit(warm_up)

    def _new_executor(self) -> ProcessPoolExecutor:
        return process_pool(self.workers, ("cleaning", __name__))

    async def clean(
        self,
        body: bytes,
        content_type: str | None,
        url: str,
        text_source: str | None = None,
        **options: Any,
    ) -> CleanResult:
        """Extract the page ``body`` in a worker; wait first while the pool is full.

        A worker that dies (killed, out of memory) breaks the whole pool: it is replaced
        and the page is tried once more; if it dies again, the result is a `WorkerDied`.
        """
        await maybe_deferred_to_future(self._slots.acquire())
        try:
            try:
                return await maybe_deferred_to_future(
                    self._submit(body, content_type, url, options, text_source)
                )
            except BrokenProcessPool:
                self._restart()
            try:
                return await maybe_deferred_to_future(
                    self._submit(body, content_type, url, options, text_source)
                )
            except BrokenProcessPool:
                self._restart()
                return CleanResult(error=WorkerDied("cleaning worker died"))
        finally:
            self._slots.release()

    def _submit(
        self,
        body: bytes,
        content_type: str | None,
        url: str,
        options: dict[str, Any],
        text_source: str | None = None,
    ) -> Deferred[CleanResult]:
        self.start()
        assert self._executor is not None
        future = self._executor.submit(
            clean_page, body, content_type, url, options, self.keep_raw_html, text_source
        )
        return _deferred_from_future(future)

    def _restart(self) -> None:
        broken = self._executor
        if broken is not None and not getattr(broken, "_broken", False):
            return  # another call has replaced it already
        logger.warning("a cleaning worker died; starting a new pool")
        self.restarts += 1
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()

    async def close(self) -> None:
        """Stop the processes, waiting for them in a thread (not on the reactor)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            await maybe_deferred_to_future(threads.deferToThread(executor.shutdown, wait=True))

    def kill(self) -> None:
        """Stop the processes at once (a crawl stopped by a second Ctrl-C)."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()


def _deferred_from_future(future: Future[CleanResult]) -> Deferred[CleanResult]:
    """A Deferred fired on the reactor thread when ``future`` completes (any reactor)."""
    from twisted.internet import reactor  # the installed one, not a default installed here

    deferred: Deferred[CleanResult] = Deferred()

    def done(completed: Future[CleanResult]) -> None:
        error = completed.exception()
        if error is not None:
            reactor.callFromThread(deferred.errback, error)
        else:
            reactor.callFromThread(deferred.callback, completed.result())

    future.add_done_callback(done)
    return deferred
