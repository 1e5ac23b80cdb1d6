"""``(html, url) -> Article``: trafilatura extraction plus the cleaning layer.

Stages:

1. decode (declared charset, else detection) and parse the page once;
2. read JSON-LD / meta tags; prune per-site XPaths;
3. trafilatura (comments excluded, formatting kept) gives structured lines;
4. article-or-not check (`cleaning.pagetype`);
5. line rules (`cleaning.clean`) remove repeated headlines, widgets, promos, ...;
6. metadata fields are chosen (JSON-LD first, then meta tags, then trafilatura).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from copy import deepcopy
from datetime import UTC, datetime
from typing import Any

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

from cleaning.article import Article
from cleaning.clean import CleanContext, clean_lines
from cleaning.errors import NoArticleText, NotAnArticle
from cleaning.lines import Line, anchor_texts, body_lines
from cleaning.metadata import (
    PageMeta,
    _jsonld_authors,
    _strings,
    dedupe,
    http_url,
    language_code,
    parse_datetime,
    people,
    read_page_meta,
)
from cleaning.rules import CLEANER_VERSION, normalize
from cleaning.site_rules import SiteRules

#: Bytes inspected for a declared charset (``<meta charset>``, http-equiv).
CHARSET_SNIFF_BYTES = 4096
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def decode_html(data: str | bytes) -> str:
    """Decode page bytes: the declared charset when it decodes cleanly, else detection.

    Args:
        data: The page as fetched.

    Returns:
        The page as text.
    """
    if isinstance(data, str):
        return data
    match = _CHARSET_RE.search(data[:CHARSET_SNIFF_BYTES])
    if match:
        declared = match.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(data)


def _meta(meta: PageMeta, *keys: str) -> str | None:
    for key in keys:
        for value in meta.meta.get(key, []):
            if value.strip():
                return " ".join(value.split())
    return None


def _meta_all(meta: PageMeta, *keys: str) -> list[str]:
    return [v for key in keys for v in meta.meta.get(key, [])]


def _jsonld_str(node: dict[str, Any], key: str) -> str | None:
    values = _strings(node.get(key))
    return " ".join(values[0].split()) if values and values[0].strip() else None


def _prune(tree: HtmlElement, xpaths: Collection[str]) -> HtmlElement:
    if not xpaths:
        return tree
    pruned = deepcopy(tree)
    for expression in xpaths:
        for element in pruned.xpath(expression):
            if isinstance(element, _Element) and element.getparent() is not None:
                element.drop_tree() if isinstance(
                    element, HtmlElement
                ) else element.getparent().remove(element)
    return pruned


def extract_article(
    html: str | bytes,
    url: str,
    *,
    rules: SiteRules | None = None,
    boilerplate: Collection[str] = (),
    now: datetime | None = None,
) -> Article:
    """Extract and clean the article on one page.

    Args:
        html: The page, as text or as fetched bytes.
        url: The URL it was fetched from.
        rules: Per-site rules (see `cleaning.site_rules.load_site_rules`).
        boilerplate: Learned boilerplate lines of this site (see
            `cleaning.boilerplate.learn_site_boilerplate`); matching lines are removed
            with rule ``learned_boilerplate``.
        now: Dates after this moment are rejected (default: the current time).

    Returns:
        The cleaned article.

    Raises:
        NotAnArticle: The page is a listing, tag, search or home page.
        NoArticleText: No article text is left (empty page, script-only, all
            boilerplate).
    """
    now = now or datetime.now(UTC)
    text_html = decode_html(html)
    tree = load_html(text_html)
    if tree is None:
        raise NoArticleText(f"{url}: not an HTML document")
    page = read_page_meta(tree)
    domain_rules = rules.for_url(url) if rules is not None else None
    work_tree = _prune(tree, domain_rules.prune_xpaths if domain_rules else ())
    anchors = anchor_texts(work_tree)

    document = trafilatura.bare_extraction(
        work_tree,
        url=url,
        include_comments=False,
        include_formatting=True,
        with_metadata=True,
    )
    body = getattr(document, "body", None) if document is not None else None
    lines: list[Line] = body_lines(body) if body is not None else []

    reason = _not_article(url, page, lines, anchors)
    if reason is not None:
        raise NotAnArticle(f"{url}: {reason}")
    if document is None or not lines:
        raise NoArticleText(f"{url}: no article text found")

    site_name = _first_text(
        _meta(page, "og:site_name"),
        _jsonld_str(page.article.get("publisher") or {}, "name")
        if isinstance(page.article.get("publisher"), dict)
        else None,
        getattr(document, "sitename", None),
    )
    title = (
        _first_text(
            getattr(document, "title", None),
            _jsonld_str(page.article, "headline"),
            _meta(page, "og:title", "twitter:title"),
        )
        or ""
    )
    raw_authors = _jsonld_authors(page.article) if page.article else []
    authors = people(raw_authors, site_name)
    if not authors:
        meta_authors = [
            a
            for a in _meta_all(
                page, "author", "article:author", "parsely-author", "sailthru.author", "dc.creator"
            )
            if "://" not in a
        ]
        authors = people(meta_authors, site_name)
    doc_author = getattr(document, "author", None)
    if not authors and doc_author:
        authors = people(str(doc_author).split(";"), site_name)

    ctx = CleanContext(
        titles=tuple(
            t
            for t in (
                title,
                _meta(page, "og:title"),
                _meta(page, "twitter:title"),
                _jsonld_str(page.article, "headline"),
                _html_title(tree),
            )
            if t
        ),
        authors=tuple(authors),
        site_name=site_name,
        anchors=anchors,
        drop_patterns=domain_rules.drop_patterns if domain_rules else (),
        boilerplate=frozenset(normalize(line) for line in boilerplate),
    )
    kept, removed = clean_lines(lines, ctx)
    if not kept:
        raise NoArticleText(
            f"{url}: no article text left after removing {len(removed)} boilerplate lines"
        )
    text = "\n".join(kept)

    published = _first_date(
        now,
        _jsonld_str(page.article, "datePublished"),
        _meta(
            page,
            "article:published_time",
            "og:published_time",
            "itemprop:datepublished",
            "datepublished",
        ),
        _meta(
            page,
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "parsely-pub-date",
            "sailthru.date",
        ),
        getattr(document, "date", None),
    )
    modified = _first_date(
        now,
        _jsonld_str(page.article, "dateModified"),
        _meta(
            page,
            "article:modified_time",
            "og:updated_time",
            "itemprop:datemodified",
            "datemodified",
            "last-modified",
        ),
    )
    if modified is not None and published is not None and modified < published:
        modified = None

    canonical = (
        http_url(page.canonical, url)
        or http_url(_meta(page, "og:url"), url)
        or http_url(getattr(document, "url", None), url)
        or url
    )
    language = (
        language_code(page.html_lang)
        or language_code(_jsonld_str(page.article, "inLanguage"))
        or language_code(_meta(page, "og:locale", "content-language", "language", "dc.language"))
        or language_code(getattr(document, "language", None))
    )
    description = _first_text(
        _meta(page, "og:description", "description", "twitter:description"),
        _jsonld_str(page.article, "description"),
        getattr(document, "description", None),
    )
    keywords = page.article.get("keywords")
    tag_values: list[str] = []
    if isinstance(keywords, str):
        tag_values.extend(keywords.split(","))
    elif isinstance(keywords, list):
        tag_values.extend(str(k) for k in keywords)
    tag_values.extend(_meta_all(page, "article:tag"))
    tag_values.extend(getattr(document, "tags", None) or [])
    image = (
        http_url(_meta(page, "og:image", "og:image:url", "twitter:image"), url)
        or http_url(next(iter(_strings(page.article.get("image"))), None), url)
        or http_url(getattr(document, "image", None), url)
    )
    return Article(
        url=url,
        canonical_url=canonical,
        title=title,
        text=text,
        authors=authors,
        published_at=published,
        modified_at=modified,
        language=language,
        site_name=site_name,
        description=description,
        tags=dedupe(tag_values),
        image_url=image,
        content_hash=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
        removed=tuple(removed),
        cleaner_version=CLEANER_VERSION,
    )


def _not_article(
    url: str, page: PageMeta, lines: list[Line], anchors: frozenset[str]
) -> str | None:
    from cleaning.pagetype import not_article_reason

    return not_article_reason(url, page, lines, anchors)


def _first_text(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def _first_date(now: datetime, *values: str | None) -> datetime | None:
    for value in values:
        parsed = parse_datetime(value, now=now)
        if parsed is not None:
            return parsed
    return None


def _html_title(tree: HtmlElement) -> str | None:
    element = tree.find(".//title")
    return element.text_content() if element is not None else None
