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
from collections.abc import Sequence
from urllib.parse import urlsplit

from cleaning.lines import Line
from cleaning.metadata import ARTICLE_TYPES, LISTING_TYPES, PageMeta
from cleaning.rules import normalize

#: Path segments of listing pages (WordPress, Drupal, Ghost and most CMS conventions):
#: the segment plus at most one name (``/tag/politics``), so an article URL that merely
#: has ``/category/`` in its permalink (``/category/politics/2020/slug``) is not caught.
LISTING_PATH_RE = re.compile(
    r"/(?:tag|tags|topic|topics|category|categories|section|sections|author|authors|autor|auteur|search|suche"
    r"|recherche|buscar|busca|cerca|zoeken|archive|archives|archiv|label|labels|thema|themen)"
    r"(?:/[^/]+)?/?(?:page/\d+/?)?$"
    r"|/page/\d+/?$",
    re.IGNORECASE,
)

#: Open Graph types used by listing pages.
LISTING_OG_TYPES = frozenset({"website", "profile", "blog"})

#: A page is a teaser list when at least this share of its extracted lines are links...
TEASER_LINE_SHARE = 0.5
#: ...and at least this many lines are.
TEASER_MIN_LINES = 5


def not_article_reason(
    url: str, meta: PageMeta, lines: Sequence[Line], anchors: frozenset[str]
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
    path = urlsplit(url).path
    if path in ("", "/") or re.fullmatch(
        r"/(?:index\.\w+|home|[a-z]{2}(?:-[a-z]{2})?)/?", path, re.IGNORECASE
    ):
        return "home page (site root URL)"
    match = LISTING_PATH_RE.search(path)
    if match:
        return f"listing URL ({match.group(0).strip('/')})"
    if lines:
        links = sum(1 for line in lines if normalize(line.text) in anchors)
        if links >= TEASER_MIN_LINES and links >= TEASER_LINE_SHARE * len(lines):
            return f"teaser list ({links} of {len(lines)} lines are links to other pages)"
    return None
