"""Judge links before they are fetched, and learn per site which URL shapes are articles.

Link following spends its requests on what a crawl wants: article pages, and only the
listing pages (sections, their pagination, tag and author pages) needed to reach them.

- `extract_links` reads a page's ``<a href>`` links with their anchor text and where they
  stand (navigation, header, footer, aside, or the page's main content).
- `url_shape` turns a URL into its shape (``/{w}/{year}/{n}/{n}/{slug}.html``): what the
  crawl learns about, since one shape covers many pages of one site.
- `judge` scores a link from its URL (dates, slugs, numeric ids, the listing and skip
  segments of the phrase tables ``urls.listing_segments`` and ``urls.skip_segments``), its
  anchor text and its position, then from what the crawl has seen of the same shape.
- `page_kind` says, from a fetched page's structure, whether it was an article or a
  listing; `Frontier` records it per shape and holds the listing pages still to visit,
  best first, and gives up on listing shapes whose pages bring no new articles (the end
  of calendars, faceted filters and other traps).

Pure functions and plain classes: no Scrapy, no I/O (the spider wires them).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from lxml import etree, html

from cleaning.phrases import phrases

ARTICLE = "article"
LISTING = "listing"
SKIP = "skip"

# Regions of a page, from the tag, id or class of a link's ancestors. A link in the
# navigation or footer is usually a section (listing); one in the main column a story.
NAV = "nav"
MAIN = "main"
_REGION_WORDS = {
    "nav": NAV,
    "menu": NAV,
    "header": NAV,
    "footer": NAV,
    "breadcrumb": NAV,
    "masthead": NAV,
    "pagination": NAV,
    "pager": NAV,
}
_REGION_TAGS = {"nav": NAV, "header": NAV, "footer": NAV, "article": MAIN, "main": MAIN}
_TOKEN_RE = re.compile(r"[a-z]+")

# URL pieces.
_YEAR_RE = re.compile(r"(?:19|20)\d\d$")
_DATE_IN_SEGMENT_RE = re.compile(r"(?:19|20)\d\d[-_]?[01]\d[-_]?[0-3]\d")
_NUMBER_RE = re.compile(r"\d+$")
_LONG_ID_RE = re.compile(r"\d{5,}")
_WORD_RE = re.compile(r"[^\W\d_]+$")
_EXTENSION_RE = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$")
# Files that are never pages to read.
_ASSET_RE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|json|xml|rss|atom|pdf|zip|gz|mp[34]|avi|mov|"
    r"woff2?|ttf|eot|docx?|xlsx?|pptx?|txt|csv)$"
)
# Query parameters that page through a listing, and ones that sort or filter it
# (faceted navigation multiplies them without end).
PAGE_PARAMS = frozenset({"page", "p", "pg", "paged", "pagina", "seite", "offset", "start"})
FILTER_PARAMS = frozenset(
    {
        "sort",
        "order",
        "orderby",
        "filter",
        "view",
        "q",
        "query",
        "s",
        "search",
        "date",
        "from",
        "to",
        "year",
        "month",
        "day",
        "type",
        "format",
        "lang",
        "replytocom",
        "share",
        "print",
        "output",
        "amp",
        "utm_source",
        "fbclid",
    }
)

# A story's anchor text is a headline: several words. A section's is one or two.
HEADLINE_WORDS = 5


@cache
def listing_segments() -> frozenset[str]:
    """Path segments that mark a listing page, in every language of the phrase tables."""
    return frozenset(phrases("urls.listing_segments"))


@cache
def skip_segments() -> frozenset[str]:
    """Path segments of pages that are never articles (login, account, print...)."""
    return frozenset(phrases("urls.skip_segments"))


@dataclass(frozen=True)
class Link:
    """One ``<a href>`` of a page: absolute URL, anchor text, region (``nav``/``main``/"")."""

    url: str
    text: str = ""
    region: str = ""


def extract_links(body: bytes | str, base_url: str) -> list[Link]:
    """Return the http(s) links of a page, in page order, each URL once (its first link).

    ``<base href>`` is honoured; ``rel=nofollow`` links and fragments are dropped.
    """
    try:
        tree = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    base = tree.xpath("string(//base/@href)").strip()
    base_url = urljoin(base_url, base) if base else base_url
    found: dict[str, Link] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        if "nofollow" in (anchor.get("rel") or "").lower():
            continue
        try:
            url = urljoin(base_url, href).split("#", 1)[0]
        except ValueError:
            continue
        if urlsplit(url).scheme not in ("http", "https") or url in found:
            continue
        text = " ".join(anchor.text_content().split()) or (anchor.get("title") or "")
        found[url] = Link(url, text, _region(anchor))
    return list(found.values())


def _region(element: etree._Element) -> str:
    node = element.getparent()
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _REGION_TAGS:
            return _REGION_TAGS[tag]
        words = _TOKEN_RE.findall(f"{node.get('class') or ''} {node.get('id') or ''}".lower())
        for word in words:
            if word in _REGION_WORDS:
                return _REGION_WORDS[word]
            if word in ("aside", "sidebar", "related", "widget"):
                return ""
        node = node.getparent()
    return ""


def _segments(url: str) -> list[str]:
    return [unquote(s).lower() for s in urlsplit(url).path.split("/") if s]


def _segment_class(segment: str) -> str:
    """One path segment's class: ``{year}``, ``{n}``, ``{id}``, ``{date}``, ``{slug}``..."""
    stem = _EXTENSION_RE.sub("", segment)
    extension = segment[len(stem) :]
    if stem in listing_segments() or stem in skip_segments():
        return segment  # kept literally: ``tag``, ``page``, ``login`` are what they say
    if _YEAR_RE.match(stem):
        kind = "{year}"
    elif _NUMBER_RE.match(stem):
        kind = "{id}" if len(stem) >= 5 else "{n}"
    elif _DATE_IN_SEGMENT_RE.search(stem):
        kind = "{date}"
    elif _word_count(stem) >= 3:
        kind = "{slug}"
    elif _LONG_ID_RE.search(stem):
        kind = "{id}"
    else:
        kind = "{w}"
    return kind + extension


def _word_count(stem: str) -> int:
    return len([w for w in re.split(r"[-_+.\s]+", stem) if w])


def url_shape(url: str) -> str:
    """The URL's shape: its path with each segment replaced by its class.

    Query parameters count by name (``?page=``), their values ignored. Two stories of one
    site share a shape (``/{w}/{year}/{n}/{n}/{slug}.html``), as do its section pages
    (``/{w}/``) or the pages of a tag (``/tag/{w}/page/{n}/``).
    """
    parts = urlsplit(url)
    shape = "/" + "/".join(_segment_class(s) for s in _segments(url))
    if parts.path.endswith("/") and shape != "/":
        shape += "/"
    names = sorted({name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    if names:
        shape += "?" + "&".join(names)
    return shape


def pagination_key(url: str) -> str:
    """``url`` without its page number: the pages of one listing share it."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    while segments and (_NUMBER_RE.match(segments[-1]) or segments[-1].lower() in ("page",)):
        segments.pop()
    query = "&".join(f"{k}={v}" for k, v in parse_qsl(parts.query) if k.lower() not in PAGE_PARAMS)
    return f"{parts.netloc}/{'/'.join(segments)}?{query}"


def is_pagination(url: str, from_url: str) -> bool:
    """True when ``url`` is another page of the listing ``from_url`` (``/page/2/``, ``?p=2``)."""
    if url == from_url or pagination_key(url) != pagination_key(from_url):
        return False
    return _page_number(url) != _page_number(from_url)


def _page_number(url: str) -> int:
    parts = urlsplit(url)
    for name, value in parse_qsl(parts.query):
        if name.lower() in PAGE_PARAMS and value.isdigit():
            return int(value)
    segments = [s for s in parts.path.split("/") if s]
    if segments and _NUMBER_RE.match(segments[-1]) and len(segments[-1]) < 5:
        return int(segments[-1])
    return 1


@dataclass(frozen=True)
class Verdict:
    """What a link probably leads to (`ARTICLE`, `LISTING` or `SKIP`), with a score.

    ``score`` runs from 0 (surely a listing) to 1 (surely an article); ``reason`` names the
    deciding signal, for the stats (``news/links/<kind>/<reason>``).
    """

    kind: str
    score: float
    reason: str


def prior(link: Link) -> Verdict:
    """Judge a link from its URL, anchor text and position alone (nothing learned)."""
    url = link.url
    parts = urlsplit(url)
    segments = _segments(url)
    path = parts.path.lower()
    if _ASSET_RE.search(path):
        return Verdict(SKIP, 0.0, "asset")
    if any(_EXTENSION_RE.sub("", s) in skip_segments() for s in segments):
        return Verdict(SKIP, 0.0, "skip_segment")
    params = {name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if params & FILTER_PARAMS or len(params - PAGE_PARAMS) > 1:
        return Verdict(SKIP, 0.0, "query")  # sorted, filtered, searched: endless variants
    if not segments:
        return Verdict(LISTING, 0.1, "home")
    last = _EXTENSION_RE.sub("", segments[-1])
    score = 0.3
    reason = "shape"
    classes = [_segment_class(s) for s in segments]
    if any(c.startswith("{date}") for c in classes) or (
        any(c == "{year}" for c in classes[:-1]) and len(segments) >= 3
    ):
        score += 0.25
        reason = "date"
    if _word_count(last) >= 3 and not _NUMBER_RE.match(last):
        score += 0.3
        reason = "slug"
    if _LONG_ID_RE.search(last):
        score += 0.2
        reason = "id" if reason == "shape" else reason
    if _EXTENSION_RE.search(segments[-1]) and score > 0.3:
        score += 0.05
    stems = [_EXTENSION_RE.sub("", s) for s in segments]
    if any(s in listing_segments() for s in stems[-2:]) and reason in ("shape", "slug"):
        # ``/tag/economy/``, ``/author/jane-doe/``, ``/page/3/``: a listing, unless a date
        # or a story id says otherwise (``/news/2025/01/06/...``, ``/news/123456``).
        score = 0.1
        reason = "listing_segment"
    elif params & PAGE_PARAMS or (
        _NUMBER_RE.match(last)
        and len(last) < 5
        and len(stems) > 1
        and stems[-2] in listing_segments()
    ):
        score, reason = 0.1, "pagination"
    elif len(segments) == 1 and _WORD_RE.match(last.replace("-", "")) and _word_count(last) < 3:
        score, reason = 0.15, "section"
    words = len(link.text.split())
    if words >= HEADLINE_WORDS:
        score += 0.15
    elif words <= 2:
        score -= 0.1
    if link.region == NAV:
        score -= 0.15
    elif link.region == MAIN:
        score += 0.05
    score = min(1.0, max(0.0, score))
    return Verdict(ARTICLE if score >= 0.5 else LISTING, score, reason)


@dataclass
class ShapeStats:
    """What the crawl has seen of one URL shape of one site."""

    articles: int = 0
    listings: int = 0
    # Listing pages of this shape fetched, and the new article links they brought.
    visits: int = 0
    recent_yield: list[int] = field(default_factory=list)


# Evidence needed before a shape's record overrides the prior, and the share that decides.
MIN_EVIDENCE = 3
DECISIVE_SHARE = 0.8
# A listing shape whose last UNPRODUCTIVE_VISITS pages brought no new article and no new
# listing is given up on (a calendar's next month, a filter's next combination).
UNPRODUCTIVE_VISITS = 4


@dataclass(order=True)
class _Pending:
    rank: tuple[int, float, int]
    url: str = field(compare=False)
    depth: int = field(compare=False)
    shape: str = field(compare=False)
    pagination: bool = field(compare=False)


class Frontier:
    """The listing pages still to visit, best first, and what each shape turned out to be.

    Args:
        max_depth: Listing hops from a start page (pagination does not count).
        max_pages: Pages of one paginated listing followed at most.
    """

    def __init__(self, max_depth: int = 3, max_pages: int = 100) -> None:
        self.max_depth = max_depth
        self.max_pages = max_pages
        self.shapes: dict[tuple[str, str], ShapeStats] = {}
        self._heap: list[_Pending] = []
        self._queued: set[str] = set()
        self._pages: dict[str, int] = {}
        # New articles each paginated listing brought, by `pagination_key`: a listing
        # whose pages brought some is paged to its end, whatever other listings of the
        # same shape did (related-story links may have found a page's stories first).
        self._chain_yield: dict[str, int] = {}
        self._order = 0
        self.given_up = 0

    def _stats(self, url: str) -> ShapeStats:
        key = (urlsplit(url).netloc, url_shape(url))
        stats = self.shapes.get(key)
        if stats is None:
            stats = self.shapes[key] = ShapeStats()
        return stats

    def judge(self, link: Link) -> Verdict:
        """`prior`, corrected by what fetched pages of the same shape turned out to be."""
        verdict = prior(link)
        if verdict.kind == SKIP:
            return verdict
        stats = self.shapes.get((urlsplit(link.url).netloc, url_shape(link.url)))
        if stats is None:
            return verdict
        seen = stats.articles + stats.listings
        if seen >= MIN_EVIDENCE:
            share = stats.articles / seen
            if share >= DECISIVE_SHARE:
                return Verdict(ARTICLE, max(verdict.score, 0.5 + share / 2), "learned")
            if share <= 1 - DECISIVE_SHARE:
                return Verdict(LISTING, min(verdict.score, 0.5 * share), "learned")
        return verdict

    def learn(self, url: str, kind: str) -> None:
        """Record that the page at ``url`` was an article or a listing."""
        stats = self._stats(url)
        if kind == ARTICLE:
            stats.articles += 1
        else:
            stats.listings += 1

    def visited_listing(self, url: str, new_articles: int, new_listings: int) -> None:
        """Record what one listing page brought: how many links not seen before."""
        key = pagination_key(url)
        self._chain_yield[key] = self._chain_yield.get(key, 0) + new_articles
        stats = self._stats(url)
        stats.visits += 1
        stats.recent_yield = [
            *stats.recent_yield[-(UNPRODUCTIVE_VISITS - 1) :],
            new_articles + new_listings,
        ]

    def productive(self, url: str) -> bool:
        """False once the listing shape of ``url`` stopped bringing anything new."""
        stats = self.shapes.get((urlsplit(url).netloc, url_shape(url)))
        if stats is None or len(stats.recent_yield) < UNPRODUCTIVE_VISITS:
            return True
        return any(stats.recent_yield)

    def add(self, url: str, depth: int, score: float, from_url: str | None = None) -> bool:
        """Queue a listing page; False when it is too deep, a page too far, or queued."""
        if url in self._queued:
            return False
        pagination = from_url is not None and is_pagination(url, from_url)
        if pagination:
            key = pagination_key(url)
            pages = self._pages.get(key, 1) + 1
            if pages > self.max_pages:
                return False
            self._pages[key] = pages
            depth -= 1  # another page of the same listing, not a step deeper
        if depth > self.max_depth:
            return False
        self._queued.add(url)
        self._order += 1
        # Shallow first (sections before tags), pagination right behind its listing, then
        # by score: a listing whose links look like stories is worth more.
        rank = (depth, -score, self._order)
        heapq.heappush(self._heap, _Pending(rank, url, depth, url_shape(url), pagination))
        return True

    def mark_seen(self, url: str) -> None:
        """Never queue ``url`` (a start page, fetched already)."""
        self._queued.add(url)

    def pop(self) -> tuple[str, int] | None:
        """The best listing page still worth fetching, with its depth; None when done."""
        while self._heap:
            pending = heapq.heappop(self._heap)
            chain = self._chain_yield.get(pagination_key(pending.url), 0)
            if (pending.pagination and chain > 0) or self.productive(pending.url):
                return pending.url, pending.depth
            self.given_up += 1
        return None

    def __len__(self) -> int:
        return len(self._heap)


# -- what a fetched page was ------------------------------------------------------------

_ARTICLE_TYPES = re.compile(
    rb'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Analysis|Opinion|Review|Background)?'
    rb'(?:Article|BlogPosting|LiveBlogPosting)"'
)
_OG_ARTICLE = re.compile(
    rb'<meta[^>]+(?:property|name)=["\']og:type["\'][^>]+content=["\']'
    rb"article",
    re.IGNORECASE,
)
_OG_ARTICLE_REVERSED = re.compile(
    rb'<meta[^>]+content=["\']article["\'][^>]+(?:property|name)='
    rb'["\']og:type',
    re.IGNORECASE,
)


def page_kind(body: bytes, links: Iterable[Link]) -> str:
    """`ARTICLE` or `LISTING`, from a fetched page's markup and its links.

    An article says so in its metadata (``og:type`` article, a JSON-LD ``NewsArticle``),
    or carries more running text in paragraphs than link text; a listing is mostly links
    with headline-long anchors.
    """
    head = body[:200_000]
    if _OG_ARTICLE.search(head) or _OG_ARTICLE_REVERSED.search(head):
        return ARTICLE
    if _ARTICLE_TYPES.search(body):
        return ARTICLE
    try:
        tree = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return LISTING
    paragraphs = 0
    for p in tree.iter("p"):
        if p.find(".//a") is None and len(" ".join(p.text_content().split())) >= 120:
            paragraphs += 1
    headlines = sum(1 for link in links if len(link.text.split()) >= HEADLINE_WORDS)
    return ARTICLE if paragraphs >= 3 and paragraphs * 2 > headlines else LISTING
