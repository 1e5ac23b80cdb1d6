"""Downloader middlewares that keep a crawl of the open web safe.

- `PrivateAddressMiddleware`: a public page (a sitemap entry, a feed link, a redirect)
  cannot send the crawler to loopback, link-local or private addresses -- the cloud
  metadata service, the admin page of a router, a database on localhost. The hosts the
  operator named on the command line (``-a url/urls_file/sitemap/feed/site/follow``) are
  trusted whatever their address, so an intranet site can be crawled;
  ``NEWS_ALLOW_PRIVATE_ADDRESSES = True`` trusts every host.
- `ConnectedAddressMiddleware`: checks the address each download actually connected to
  (``response.ip_address``), so a name that resolved public for the check and private for
  the connection (DNS rebinding) is refused; its answer is never used.
- `PublicOnlyResolver`: NOT enabled -- as ``DNS_RESOLVER`` it failed to resolve names in a
  real crawl (CannotResolveHostError); kept with its unit test until that is understood.
- `RetryAfterMiddleware`: Scrapy's retries, but a 429 or 503 that says when to come back
  (``Retry-After``) is retried then, not at once; a wait longer than
  ``NEWS_RETRY_AFTER_MAX`` seconds is not waited for (the page is recorded as failed and
  backs off in the store instead).
- `RobotsTxtMiddleware`: Scrapy's, with one fix: every request that waits for a site's
  robots.txt gets its rules. (Scrapy's awaits the same Deferred from each waiting request;
  turning a Deferred into a future replaces its result with None, so from the third
  request on the rules were None, read as "allow all", and disallowed pages were fetched.)
- `RedirectLoopMiddleware`: a redirect back to a URL already visited in the same chain
  is refused as ``redirect_loop`` instead of being dropped silently by the duplicate filter.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import (
    RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware,
)
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.resolver import CachingThreadedResolver
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import task, threads
from twisted.internet.defer import Deferred

from crawler.config import news_bool, news_float

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser


class PrivateAddress(IgnoreRequest):
    """The request's host is, or resolves to, a non-public address."""


class RedirectLoop(IgnoreRequest):
    """A redirect points back to a URL already visited in the same chain."""


def is_public(address: str) -> bool:
    """True when ``address`` (an IP literal) is a global unicast address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def trusted_hosts(crawler: Crawler) -> frozenset[str]:
    """The hosts of the spider's start points (``spider.targets.domains``), lower-case."""
    targets = getattr(crawler.spider, "targets", None)
    return frozenset(host.lower() for host in getattr(targets, "domains", ()))


class PrivateAddressMiddleware:
    """Refuse requests to untrusted hosts that are or resolve to non-public addresses."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._verdicts: dict[str, bool] = {}
        self._trusted: frozenset[str] | None = None

    def trusted(self, host: str) -> bool:
        if self._trusted is None:
            self._trusted = trusted_hosts(self.crawler)
        return host.lower() in self._trusted

    def refuse(self, host: str, detail: str) -> PrivateAddress:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("news/security/private_address")
        return PrivateAddress(f"{host} {detail}; only hosts named on the command line may be")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        if news_bool(crawler.settings, "NEWS_ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured  # allowed: nothing to check
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        await self.check(request.url)

    async def check(self, url: str) -> None:
        """Raise `PrivateAddress` when ``url``'s host is untrusted and not public."""
        host = (urlsplit(url).hostname or "").strip("[]")
        if not host or self.trusted(host):
            return
        public = self._verdicts.get(host)
        if public is None:
            public = await maybe_deferred_to_future(threads.deferToThread(_host_is_public, host))
            self._verdicts[host] = public
        if not public:
            raise self.refuse(host, "is not a public address")


class ConnectedAddressMiddleware(PrivateAddressMiddleware):
    """Refuse a response whose connection went to a non-public address (DNS rebinding).

    Sits next to the download handler, so it sees every answer before any other
    middleware acts on it; a redirect's target is checked here too, so that a redirect to
    a private address is refused with its reason (Scrapy's offsite filter would drop it
    without a word when it is another host).
    """

    async def process_request(self, request: Request) -> None:
        return None

    async def process_response(self, request: Request, response: Response) -> Response:
        host = (urlsplit(request.url).hostname or "").strip("[]")
        address = getattr(response, "ip_address", None)
        if address is not None and host and not self.trusted(host) and not is_public(str(address)):
            raise self.refuse(host, f"connected to non-public address {address}")
        location = response.headers.get(b"Location")
        if location and 300 <= response.status < 400:
            await self.check(urljoin(request.url, location.decode("latin-1")))
        return response


def _host_is_public(host: str) -> bool:
    """True when every address ``host`` resolves to is public (unresolvable: let it fail)."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return True  # the download fails with dns_error, its own reason
        return all(is_public(str(info[4][0])) for info in infos)
    return is_public(host)


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing private answers for untrusted host names."""

    def __init__(self, reactor: Any, cache_size: int, timeout: float) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> PublicOnlyResolver:
        resolver = super().from_crawler(crawler, reactor)
        if not news_bool(crawler.settings, "NEWS_ALLOW_PRIVATE_ADDRESSES"):
            resolver.crawler = crawler
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        answer = super().getHostByName(name, timeout)
        crawler = self.crawler
        if crawler is None:
            return answer

        def check(address: str) -> str:
            if is_public(address) or name.lower() in trusted_hosts(crawler):
                return address
            if crawler.stats is not None:
                crawler.stats.inc_value("news/security/private_address")
            raise PrivateAddress(
                f"{name} resolved to non-public address {address}; only "
                "hosts named on the command line may be"
            )

        return answer.addCallback(check)


class RedirectLoopMiddleware:
    """Turn a redirect back into the same chain into a `RedirectLoop` error.

    Sits after Scrapy's RedirectMiddleware (600), so it sees the 3xx response first.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        return cls()

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        visited = {*request.meta.get("redirect_urls", []), request.url}
        if target in visited:
            raise RedirectLoop(f"redirect loop back to {target}")
        return response


class RetryAfterMiddleware(RetryMiddleware):
    """`RetryMiddleware` that honours ``Retry-After`` on 429 and 503 answers."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_wait = news_float(settings, "NEWS_RETRY_AFTER_MAX")

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if response.status in (429, 503) and not request.meta.get("dont_retry"):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None:
                if wait > self.max_wait:
                    return response  # not worth holding the slot: recorded, backs off
                if wait > 0:
                    # Imported here: importing the reactor at module level would install
                    # the default one before Scrapy installs the configured one.
                    from twisted.internet import reactor

                    await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return super().process_response(request, response)


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """`scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware`, every waiter served."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            # A Deferred of its own per waiter, fed by a callback that passes the result on.
            waiter: Deferred[RobotParser | None] = Deferred()

            def feed(result: Any) -> Any:
                waiter.callback(result)
                return result

            pending.addBoth(feed)
            return await maybe_deferred_to_future(waiter)
        return await super().robot_parser(request)
