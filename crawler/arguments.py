"""The `news` spider's ``-a`` arguments, parsed and checked before anything is fetched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from crawler.ccnews import CcNewsError, Period, parse_ccnews
from crawler.scope import CrawlScope, ScopeError
from crawler.warc import parse_domains


class ArgumentError(ValueError):
    """A spider argument is unknown, malformed or points to a missing file."""


ALLOWED_SCHEMES = frozenset({"http", "https"})
# Listing hops from a start page: home -> section -> tag or author page -> ...
# (the pages of one paginated listing count as one hop).
DEFAULT_DEPTH = 3


@dataclass(frozen=True)
class CrawlTargets:
    """Where a crawl starts: article URLs, sitemaps, feeds and sites to discover."""

    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    # Link following (crawler.links): pages to start from, and listing hops allowed.
    follow: tuple[str, ...] = ()
    depth: int = DEFAULT_DEPTH
    # Archives (crawler.warc, crawler.ccnews): WARC files, CC-NEWS periods, and the hosts
    # whose pages are kept from them (-a domains=; empty: every host).
    warcs: tuple[str, ...] = ()
    ccnews: tuple[Period, ...] = ()
    only_domains: frozenset[str] = frozenset()
    # Browser rendering (crawler.render): "off", "auto", "always"; "" leaves NEWS_RENDER.
    render: str = ""

    @classmethod
    def from_arguments(cls, arguments: dict[str, str]) -> CrawlTargets:
        """Parse the spider's ``-a name=value`` arguments.

        Recognised: ``url`` and ``sitemap``, ``feed``, ``site`` (each a comma-separated
        list of absolute http(s) URLs) and ``urls_file`` (one URL per line; blank lines and
        ``#`` comments ignored); ``follow`` (pages to follow links from) and ``depth`` (listing
        hops from a start page, default `DEFAULT_DEPTH`); ``warc`` (WARC files: paths or
        http(s) URLs), ``ccnews``
        (months or days of Common Crawl's news archive) and ``domains`` (the hosts whose
        archived pages are kept).

        Raises:
            ArgumentError: With a one-line reason, for an unknown name, a malformed URL, a
                missing or unreadable file, or no start point at all.
        """
        # scrapyd adds ``_job`` (and may add other ``_``-prefixed names) to every run.
        unknown = sorted(n for n in set(arguments) - KNOWN_ARGUMENTS if not n.startswith("_"))
        if unknown:
            raise ArgumentError(
                f"unknown argument {unknown[0]!r}; expected one of: "
                + ", ".join(sorted(KNOWN_ARGUMENTS))
            )
        urls = _url_list(arguments.get("url", ""), "url")
        if "urls_file" in arguments:
            urls += _urls_from_file(arguments["urls_file"])
        targets = cls(
            urls=_unique(urls),
            sitemaps=_unique(_url_list(arguments.get("sitemap", ""), "sitemap")),
            feeds=_unique(_url_list(arguments.get("feed", ""), "feed")),
            sites=_unique(_url_list(arguments.get("site", ""), "site")),
            follow=_unique(_url_list(arguments.get("follow", ""), "follow")),
            depth=_depth(arguments.get("depth", "")),
            warcs=_warc_list(arguments.get("warc", "")),
            ccnews=_ccnews(arguments.get("ccnews", "")),
            only_domains=_domains(arguments.get("domains", "")),
            render=_render(arguments.get("render", "")),
        )
        parse_scope(arguments)  # a bad date or limit fails here too, before any fetch
        if not (
            targets.urls
            or targets.sitemaps
            or targets.feeds
            or targets.sites
            or targets.follow
            or targets.warcs
            or targets.ccnews
        ):
            raise ArgumentError(
                "nothing to crawl: give -a url=, urls_file=, sitemap=, feed=, site=, follow=, "
                "warc= or ccnews="
            )
        return targets

    @property
    def domains(self) -> tuple[str, ...]:
        """Hosts of every start point: the crawl stays inside them."""
        hosts = []
        for url in (*self.urls, *self.sitemaps, *self.feeds, *self.sites, *self.follow):
            host = urlsplit(url).hostname or ""
            if host and host not in hosts:
                hosts.append(host)
        return tuple(hosts)


KNOWN_ARGUMENTS = frozenset(
    {
        "url",
        "urls_file",
        "sitemap",
        "feed",
        "site",
        "warc",
        "ccnews",
        "domains",
        "follow",
        "depth",
        "max_articles",
        "since",
        "until",
        "lang",
        "render",
    }
)


def parse_scope(arguments: dict[str, str]) -> CrawlScope:
    """``max_articles``, ``since``, ``until`` and ``lang`` (`crawler.scope`).

    Raises:
        ArgumentError: With the scope's one-line reason.
    """
    try:
        return CrawlScope.from_arguments(arguments)
    except ScopeError as exc:
        raise ArgumentError(str(exc)) from None


def _depth(value: str) -> int:
    value = value.strip()
    if not value:
        return DEFAULT_DEPTH
    if not value.isdigit():
        raise ArgumentError(f"depth: expected a whole number >= 0, got {value!r}")
    return int(value)


def check_url(url: str, argument: str) -> str:
    """Return ``url`` stripped, or raise `ArgumentError` if it is not absolute http(s)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise ArgumentError(f"{argument}: malformed URL {url!r}: {exc}") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise ArgumentError(
            f"{argument}: malformed URL {url!r}: need an absolute http:// or https:// URL"
        )
    return url


def _url_list(value: str, argument: str) -> list[str]:
    return [check_url(part, argument) for part in value.split(",") if part.strip()]


def _urls_from_file(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ArgumentError(f"urls_file: cannot read {path!r}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ArgumentError(f"urls_file: {path!r} is not UTF-8 text") from None
    urls = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            urls.append(check_url(line, "urls_file"))
        except ArgumentError as exc:
            raise ArgumentError(f"{exc} (line {number} of {path})") from None
    return urls


def _warc_list(value: str) -> tuple[str, ...]:
    """``-a warc=``: http(s) URLs, or local files that exist."""
    sources = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        if "://" in part:
            sources.append(check_url(part, "warc"))
        elif not Path(part).is_file():
            raise ArgumentError(f"warc: no such file {part!r}")
        else:
            sources.append(str(Path(part).resolve()))
    return _unique(sources)


def _ccnews(value: str) -> tuple[Period, ...]:
    if not value.strip():
        return ()
    try:
        return parse_ccnews(value)
    except CcNewsError as exc:
        raise ArgumentError(str(exc)) from None


def _domains(value: str) -> frozenset[str]:
    domains = parse_domains(value)
    if value.strip() and not domains:
        raise ArgumentError(f"domains: no host name in {value!r} (e.g. domains=a.com,b.org)")
    return domains


#: ``-a render=`` values (`crawler.render`).
RENDER_MODES = ("off", "auto", "always")


def _render(value: str) -> str:
    mode = value.strip().lower()
    if mode and mode not in RENDER_MODES:
        raise ArgumentError(
            f"render: expected one of {', '.join(RENDER_MODES)}, not {value.strip()!r}"
        )
    return mode


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
