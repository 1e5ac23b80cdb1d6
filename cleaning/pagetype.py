"""Article or not: tell listing, tag, search and home pages from articles.

Evidence, strongest first:

1. JSON-LD: an article type (``NewsArticle``, ``BlogPosting``, ...) means article; a
   listing type (``CollectionPage``, ``ItemList``, ``SearchResultsPage``) without an
   article type means listing.
2. Open Graph: ``og:type=article`` means article.
3. URL shape: the site root, ``/tag/...``, ``/category/...``, ``/search``, ``/author/...``,
   ``/page/2`` are listings.
4. Text: when most extracted lines are teaser links (anchor texts of the page) the page
   is a list of other stories.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from urllib.parse import urlsplit

from cleaning.lines import Line, opens_with_anchor
from cleaning.metadata import ARTICLE_TYPES, LISTING_TYPES, PageMeta

#: Path segments of listing pages (WordPress, Drupal, Ghost and most CMS conventions):
#: the segment plus at most one short name without a file extension (``/tag/politics``), so an
#: article URL that merely
#: has ``/category/`` in its permalink (``/category/politics/2020/slug``) is not caught.
LISTING_PATH_RE = re.compile(
    r"/(?:tag|tags|topic|topics|category|categories|section|sections|author|authors|autor|auteur|search|suche"
    r"|recherche|buscar|busca|cerca|zoeken|archive|archives|archiv|label|labels|thema|themen)"
    r"(?:/[^/.]{1,40})?/?(?:page/\d+/?)?$"
    r"|/page/\d+/?$",
    re.IGNORECASE,
)

#: Paths of a site's (or a language edition's) front page besides "/".
ROOT_PATH_RE = re.compile(r"/(?:index\.\w+|home|[a-z]{2}(?:-[a-z]{2})?)/?", re.IGNORECASE)

#: Open Graph types used by listing pages.
LISTING_OG_TYPES = frozenset({"website", "profile", "blog"})

#: A page is a teaser list when at least this share of its extracted lines are links...
TEASER_LINE_SHARE = 0.5
#: ...and at least this many lines are.
TEASER_MIN_LINES = 5
#: Longest line (in words) that can be a teaser (headline plus a one-line summary).
TEASER_LINE_MAX_WORDS = 60
#: A line opening with a link of at least this many words counts as a link line.
TEASER_ANCHOR_MIN_WORDS = 4


def not_article_reason(
    url: str, meta: PageMeta, lines: Sequence[Line], anchors: Container[str]
) -> str | None:
    """Decide whether a page is something other than an article.

    Args:
        url: The page URL.
        meta: Raw page metadata (JSON-LD types, meta tags).
        lines: The extracted lines (before cleaning), possibly empty.
        anchors: Normalised anchor texts of the page.

    Returns:
        None for an article, else a human-readable reason.
    """
    if meta.jsonld_types & ARTICLE_TYPES:
        return None
    og_type = (meta.meta.get("og:type") or [""])[0].strip().lower()
    if og_type == "article" or og_type.startswith("article"):
        return None
    listing_types = meta.jsonld_types & LISTING_TYPES
    if listing_types:
        return f"JSON-LD type {', '.join(sorted(listing_types))} without an article type"
    parts = urlsplit(url)
    path = parts.path
    site_typed = og_type in LISTING_OG_TYPES or "website" in meta.jsonld_types
    is_root = path in ("", "/") or ROOT_PATH_RE.fullmatch(path) is not None
    # "/?p=123" is a WordPress article, not the home page
    if is_root and not parts.query and site_typed:
        return f"home page (site root URL, og:type {og_type or '-'}, JSON-LD {_types(meta)})"
    if is_root and not parts.query and _teaser_share(lines, anchors, TEASER_LINE_SHARE / 2):
        return "home page (site root URL with many links to other pages)"
    match = LISTING_PATH_RE.search(path)
    if match:
        return f"listing URL ({match.group(0).strip('/')})"
    share = _teaser_share(lines, anchors, TEASER_LINE_SHARE)
    if share >= TEASER_LINE_SHARE:
        return f"teaser list ({share:.0%} of {len(lines)} lines are links to other pages)"
    return None


def _types(meta: PageMeta) -> str:
    return ", ".join(sorted(meta.jsonld_types)) or "-"


def _teaser_share(lines: Sequence[Line], anchors: Container[str], needed: float) -> float:
    """Share of lines that are links to other pages (0.0 when it cannot reach ``needed``).

    Only short lines can be teasers, so when too few lines are short the anchors of the
    page are not even collected.
    """
    short = [line for line in lines if line.words <= TEASER_LINE_MAX_WORDS]
    if len(short) < TEASER_MIN_LINES or len(short) < needed * len(lines):
        return 0.0
    links = sum(1 for line in short if _is_link_line(line, anchors))
    return links / len(lines) if links >= TEASER_MIN_LINES else 0.0


def _is_link_line(line: Line, anchors: Container[str]) -> bool:
    return line.norm in anchors or opens_with_anchor(line, anchors, TEASER_ANCHOR_MIN_WORDS)
