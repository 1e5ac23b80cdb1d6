"""Meta tags: one pass over ``<meta>``, ``<script type=ld+json>``, ``<time>`` and ``<link>``.

The keys the builder reads are named constants (``METANAME_*``, as trafilatura's
``metaxpaths``), in the order they are trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from lxml.etree import _Element

from cleaning.metadata.jsonld import ARTICLE_TYPES, iter_nodes, load_json, node_types

#: Meta keys naming the authors (people or desks; the byline code sorts them).
METANAME_AUTHOR: Final = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
)
#: Meta keys of the publication time, most trusted first.
METANAME_PUBLISHED: Final = (
    "article:published_time",
    "og:published_time",
    "itemprop:datepublished",
    "datepublished",
    "hatom:published",
)
#: Meta keys that often hold the publication time, less reliably.
METANAME_DATE: Final = (
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
)
#: Meta keys of the last modification time.
METANAME_MODIFIED: Final = (
    "article:modified_time",
    "og:updated_time",
    "itemprop:datemodified",
    "datemodified",
    "last-modified",
    "hatom:updated",
)
#: Meta keys of the publisher's name.
METANAME_SITENAME: Final = ("og:site_name", "application-name", "twitter:app:name:iphone")
#: Meta keys of the headline.
METANAME_TITLE: Final = ("og:title", "twitter:title", "title", "dc.title")
#: Meta keys of the summary.
METANAME_DESCRIPTION: Final = ("og:description", "description", "twitter:description")
#: Meta keys of the language.
METANAME_LANGUAGE: Final = ("og:locale", "content-language", "language", "dc.language")
#: Meta keys of the lead image.
METANAME_IMAGE: Final = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
#: Meta keys of the article's tags, then of its keywords (read only when no tag is given).
METANAME_TAG: Final = ("article:tag",)
METANAME_KEYWORDS: Final = ("news_keywords", "keywords")
#: Meta keys of the article's section or publisher (not read as authors).
METANAME_PUBLISHER: Final = ("article:publisher", "dc.publisher", "publisher")


@dataclass(frozen=True)
class PageMeta:
    """Metadata gathered from one page, before the trafilatura fallback."""

    jsonld_types: frozenset[str] = frozenset()
    article: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, list[str]] = field(default_factory=dict)
    html_lang: str | None = None
    canonical: str | None = None
    #: JSON-LD nodes by ``@id``: an article's author is often only a reference
    #: (``{"@id": ".../#/schema/person/1"}``) to a Person node elsewhere in the graph.
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The first ``WebPage`` node that names an author, for a graph without an article
    #: node (Yoast's older graph puts ``author`` on the WebPage).
    webpage: dict[str, Any] = field(default_factory=dict)


def read_page_meta(tree: _Element) -> PageMeta:
    """Read JSON-LD nodes, meta tags, ``<html lang>`` and the canonical link.

    Args:
        tree: The parsed HTML page.

    Returns:
        The raw metadata; `build_metadata` turns it into Article fields.
    """
    types: set[str] = set()
    article: dict[str, Any] = {}
    meta: dict[str, list[str]] = {}
    nodes: dict[str, dict[str, Any]] = {}
    canonical = None
    webpage: dict[str, Any] = {}
    # one pass over the tree for all five element kinds
    for element in tree.iter("script", "meta", "time", "link", "abbr"):
        tag = element.tag
        if tag == "meta":
            content = element.get("content")
            if not content or not (content := content.strip()):
                continue  # a meta without content ("<meta charset>")
            key = element.get("property") or element.get("name")
            if key is None:
                key = element.get("itemprop")
                if key is not None and _of_nested_item(element):
                    continue  # a cited work's or a comment's author, not the page's
            key = (key or "").strip().lower()
            if key:
                meta.setdefault(key, []).append(content)
        elif tag == "script":
            kind = (element.get("type") or "").strip().lower()
            if kind != "application/ld+json":
                continue
            text = element.text  # read once: lxml copies it into a new string each time
            if not text:
                continue
            for node in iter_nodes(load_json(text)):
                node_id = node.get("@id")
                if isinstance(node_id, str) and len(node) > 1:
                    nodes.setdefault(node_id, node)
                kinds = node_types(node)
                types |= kinds
                if "webpage" in kinds:
                    if not webpage and node.get("author"):
                        webpage = node
                    # a graph's WebPage holds the dates when its Article node has none
                    # (Yoast's graph): read after the article's own and the meta tags
                    for name in ("datePublished", "dateModified"):
                        if isinstance(node.get(name), str):
                            meta.setdefault("webpage:" + name.lower(), []).append(node[name])
                if not article and kinds & ARTICLE_TYPES:
                    article = node
                elif (
                    not article and "webpage" in kinds and isinstance(node.get("mainEntity"), dict)
                ):
                    main = node["mainEntity"]
                    if node_types(main) & ARTICLE_TYPES:
                        article = main
        elif tag == "time":
            prop = (element.get("itemprop") or "").lower()
            stamp = element.get("datetime") or ""
            if prop in ("datepublished", "datemodified") and stamp:
                meta.setdefault("itemprop:" + prop, []).append(stamp)
            elif stamp and "time:article" not in meta and _is_article_time(element):
                meta["time:article"] = [stamp]
            elif (
                "time:plain" not in meta
                and (stamp or element.text)
                and not any(True for _ in element.iterancestors(*_NOT_DATELINE_TAGS))
            ):
                # the first other <time> outside lists, links and sidebars (other
                # articles'): its machine-readable date, or the date it prints
                meta["time:plain"] = [stamp or " ".join((element.text or "").split())]
        elif tag == "abbr":
            # hAtom's "value-title" dates (Blogger, old WordPress themes): <abbr
            # class="published" title="2025-03-12T08:30:00+05:30">8:30 AM</abbr>
            stamp = (element.get("title") or "").strip()
            if not stamp[:4].isdigit():
                continue
            prop = (element.get("itemprop") or "").lower()
            classes = (element.get("class") or "").lower().split()
            if prop in ("datepublished", "datemodified"):
                meta.setdefault("itemprop:" + prop, []).append(stamp)
            elif "published" in classes or "updated" in classes:
                key = "hatom:published" if "published" in classes else "hatom:updated"
                meta.setdefault(key, []).append(stamp)
        elif canonical is None and "canonical" in (element.get("rel") or "").lower().split():
            canonical = (element.get("href") or "").strip() or None
    html_lang = tree.get("lang") or tree.get("xml:lang") if tree.tag == "html" else None
    return PageMeta(frozenset(types), article, meta, html_lang, canonical, nodes, webpage)


#: Ancestors of a microdata ``<meta itemprop>`` looked at for its item.
ITEM_LEVELS: Final = 6


def _of_nested_item(element: _Element) -> bool:
    """Whether a ``<meta itemprop>`` is a property of an item that is itself another
    item's property (``<li itemprop="citation" itemscope>``: a reference's author)."""
    node = element.getparent()
    for _ in range(ITEM_LEVELS):
        if node is None:
            return False
        if node.get("itemscope") is not None:
            return node.get("itemprop") is not None
        node = node.getparent()
    return False


#: Ancestors of a ``<time>`` that date other articles (teasers, lists, sidebars).
_NOT_DATELINE_TAGS: Final = ("a", "nav", "aside", "footer", "li")

#: Class words of a ``<time>`` element that dates the article itself.
_TIME_CLASS_RE = re.compile(r"publish|posted|entry|article|byline|meta|date", re.IGNORECASE)


def _is_article_time(element: _Element) -> bool:
    """A ``<time datetime>`` inside ``<article>``/``<header>`` or marked as a post date."""
    if element.get("pubdate") is not None or _TIME_CLASS_RE.search(element.get("class") or ""):
        return True
    if any(True for _ in element.iterancestors("article", "header")):
        return True
    # the byline's own box ("authortime-info > timeinfo-txt > time"), outside <article>
    parent = element.getparent()
    for _ in range(TIME_BOX_LEVELS):
        if parent is None:
            break
        if _TIME_BOX_RE.search(parent.get("class") or ""):
            return True
        parent = parent.getparent()
    return False


#: Ancestors of a ``<time>`` looked at for a byline or dateline box, and their class words.
TIME_BOX_LEVELS = 2
_TIME_BOX_RE = re.compile(r"byline|author|dateline|timeinfo|pubdate|publish", re.IGNORECASE)


def meta_first(page: PageMeta, *keys: str) -> str | None:
    """The first non-empty value of the first key present, spaces collapsed."""
    for key in keys:
        for value in page.meta.get(key, []):
            if value.strip():
                return " ".join(value.split())
    return None


def meta_all(page: PageMeta, *keys: str) -> list[str]:
    """Every value of the keys, in key order."""
    return [v for key in keys for v in page.meta.get(key, [])]
