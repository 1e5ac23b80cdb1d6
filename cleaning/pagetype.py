"""Article or not: tell listing, tag, search and home pages from articles.

Evidence, strongest first:

1. JSON-LD: an article type (``NewsArticle``, ``BlogPosting``, ...) means article; a
   listing type (``CollectionPage``, ``ItemList``, ``SearchResultsPage``) without an
   article type means listing.
2. Open Graph: ``og:type=article`` means article.
3. URL shape: the site root, ``/tag/...``, ``/category/...``, ``/search``, ``/author/...``,
   ``/page/2`` are listings, with the segments of every language of the phrase tables
   (``[pagetype]``: ``/thema/``, ``/rubrique/``, ``/etiqueta/``, ...).
4. Text: when most extracted lines are teaser links (anchor texts of the page) the page
   is a list of other stories.
5. Shape: many sibling blocks of one kind, each with a headline link (a grid of teaser
   cards), and no lines of article prose: a section or home page whose URL says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import cache
from urllib.parse import unquote, urlsplit

from lxml.etree import XPath, _Element

from cleaning.lines import Line, opens_with_anchor, string_value
from cleaning.metadata import ARTICLE_TYPES, LISTING_TYPES, PageMeta
from cleaning.phrases import phrases

#: Path segments of listing pages in every language (``pagetype.listing_segments`` of the
#: phrase tables: ``tag``, ``thema``, ``rubrique``, ``etiqueta``, ...): the segment plus at
#: most one short name without a file extension (``/tag/politics``), so an article URL that
#: merely has ``/category/`` in its permalink (``/category/politics/2020/slug``) is not caught.
LISTING_NAME_MAX_CHARS = 40


@cache
def _listing_path_re() -> re.Pattern[str]:
    segments = sorted(phrases("pagetype.listing_segments"), key=len, reverse=True)
    alternatives = "|".join(re.escape(segment) for segment in segments)
    return re.compile(
        rf"/(?:{alternatives})(?:/[^/.]{{1,{LISTING_NAME_MAX_CHARS}}})?/?(?:page/\d+/?)?$"
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

#: Repeated teaser blocks: at least this many sibling blocks of one tag and class, each
#: holding a headline link (``<h3><a>`` or ``<a><h3>``), make a page a list of stories...
TEASER_BLOCKS_MIN = 8
#: ...unless its extracted text has this many lines of prose (a teaser's summary is shorter),
#: as an article with a long "more stories" grid under it has (a cheap first test)...
PROSE_LINE_WORDS = 50
PROSE_LINES_MIN = 2
#: ...or this many paragraphs of at least this many words outside the cards (the
#: article's own text; a section page has an intro paragraph at most).
PROSE_PARAGRAPHS_MIN = 3
PROSE_PARAGRAPH_WORDS = 20
#: Levels above a headline link where its card may be (``li > article > div > h3 > a``).
CARD_LEVELS = 3
_HEADLINE_LINKS = XPath("//h2[a] | //h3[a] | //h4[a] | //a[h2 or h3 or h4]")


def not_article_reason(
    url: str,
    meta: PageMeta,
    lines: Sequence[Line],
    anchors: Container[str],
    tree: _Element | None = None,
) -> str | None:
    """Decide whether a page is something other than an article.

    Args:
        url: The page URL.
        meta: Raw page metadata (JSON-LD types, meta tags).
        lines: The extracted lines (before cleaning), possibly empty.
        anchors: Normalised anchor texts of the page.
        tree: The parsed page, for its shape (repeated teaser blocks).

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
    match = _listing_path_re().search(unquote(path))
    if match:
        return f"listing URL ({match.group(0).strip('/')})"
    share = _teaser_share(lines, anchors, TEASER_LINE_SHARE)
    if share >= TEASER_LINE_SHARE:
        return f"teaser list ({share:.0%} of {len(lines)} lines are links to other pages)"
    if tree is not None:
        prose = sum(1 for line in lines if line.words >= PROSE_LINE_WORDS)
        blocks = _teaser_blocks(tree) if prose < PROSE_LINES_MIN else 0
        if blocks >= TEASER_BLOCKS_MIN:
            return f"teaser blocks ({blocks} repeated headline links, no article prose)"
    return None


def _teaser_blocks(tree: _Element) -> int:
    """Size of the largest group of sibling blocks (one tag and class, one parent), each
    holding a headline link (the cards of a listing's grid), when the page has no article
    prose outside them; else 0.

    The card is the headline itself or one of its nearest `CARD_LEVELS` ancestors;
    blocks are counted once each, so a wrapper shared by all headlines counts one.
    """
    # keyed by the elements themselves: lxml proxies stay the same only while referenced
    groups: dict[tuple[_Element, str, str], set[_Element]] = {}
    result = _HEADLINE_LINKS(tree)
    for headline in result if isinstance(result, list) else ():
        if not isinstance(headline, _Element):
            continue
        block: _Element | None = headline
        for _ in range(CARD_LEVELS + 1):
            if block is None or block.tag in ("body", "html"):
                break
            parent = block.getparent()
            if parent is None:
                break
            key = (parent, str(block.tag), block.get("class") or "")
            groups.setdefault(key, set()).add(block)
            block = parent
    cards = max(groups.values(), key=len, default=set())
    if len(cards) < TEASER_BLOCKS_MIN:
        return 0
    prose = 0
    for paragraph in tree.iter("p"):
        if len(string_value(paragraph).split()) < PROSE_PARAGRAPH_WORDS:
            continue
        if not any(ancestor in cards for ancestor in paragraph.iterancestors()):
            prose += 1
            if prose >= PROSE_PARAGRAPHS_MIN:
                return 0
    return len(cards)


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
