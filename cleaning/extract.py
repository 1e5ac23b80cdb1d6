"""``(html, url) -> Article``: trafilatura extraction plus the cleaning layer.

Stages:

1. decode (declared charset, else detection) and parse the page once (`cleaning.parsing`);
2. read JSON-LD / meta tags; prune per-site XPaths;
3. trafilatura (comments excluded) gives structured lines (paragraphs, headings, items);
4. article-or-not check (`cleaning.pagetype`);
5. line rules (`cleaning.clean`) remove repeated headlines, widgets, promos, ...;
6. metadata fields are chosen (JSON-LD first, then meta tags, then trafilatura and
   htmldate, then a dateline at the top of the text).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Collection
from copy import deepcopy
from datetime import UTC, datetime, timedelta
from typing import Final

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement

from cleaning.appdata import (
    MIN_PARAGRAPH_WORDS,
    AppArticle,
    amp_url,
    find_app_article,
    is_app_shell,
    shell_without_text,
)
from cleaning.article import Article, RemovedLine
from cleaning.blocked import block_kind
from cleaning.clean import CleanContext, clean_lines
from cleaning.errors import Blocked, NoArticleText, NotAnArticle
from cleaning.language import decide_language
from cleaning.lines import LazyAnchors, Line, body_lines, split_rescued_article
from cleaning.metadata import (
    PageMeta,
    body_start_date,
    build_metadata,
    dateline_date,
    first_publication,
    headline_date,
    read_page_meta,
    signature_people,
)
from cleaning.pagetype import not_article_reason
from cleaning.parsing import has_joiners, has_standins, joiners_kept, parse_html, restore_joiners
from cleaning.rules import (
    CLEANER_VERSION,
    RULE_BYLINE,
    RULE_MARKUP_WIDGET,
    RULE_TITLE_REPEAT,
    normalize,
)
from cleaning.site_rules import SiteRules
from cleaning.structure import detached, signup_labels, standfirst, widgets


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


#: Scripts whose words use zero-width joiners: Arabic (Persian, Urdu, Kurdish), the Indic
#: scripts and Sinhala. Only a page whose title is in one of them is searched for joiners
#: (a search of the whole source costs about half a millisecond).
_JOINER_SCRIPTS: Final = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0900, 0x0DFF))


def _joiner_script(tree: HtmlElement) -> bool:
    title = tree.findtext(".//title") or ""
    return not title.isascii() and any(
        low <= ord(c) <= high for c in title for low, high in _JOINER_SCRIPTS
    )


def _trafilatura_lines(tree: HtmlElement, url: str, *, favor_recall: bool = False) -> list[Line]:
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_formatting=False,
        with_metadata=False,
        # "txt" skips the plain-text rendering of the whole body inside trafilatura:
        # `body_lines` renders it element by element anyway.
        output_format="txt",
        favor_recall=favor_recall,
    )
    body = getattr(document, "body", None) if document is not None else None
    lines = body_lines(body) if body is not None else []
    if any(has_standins(line.text) for line in lines):
        return [Line(restore_joiners(line.text), line.kind, line.bold_prefix) for line in lines]
    return lines


#: trafilatura's text is checked against the page's marked-up article (``<article>``,
#: ``itemprop="articleBody"``) when it is shorter than this many words...
RECALL_CHECK_MAX_WORDS = 300
#: ...and read again with ``favor_recall`` when it holds less than this share of the
#: words of that article's paragraphs, and they are at least `RECALL_ARTICLE_MIN_WORDS`:
#: broken markup can nest the article inside a sidebar, which trafilatura skips.
RECALL_ARTICLE_SHARE = 0.3
RECALL_ARTICLE_MIN_WORDS = 150


def _marked_article_words(tree: HtmlElement) -> int:
    """Words in the paragraphs of the page's largest marked-up article element."""
    best = 0
    for element in tree.iter("article"):
        best = max(best, sum(len(p.text_content().split()) for p in element.iter("p")))
    for element in tree.xpath(".//*[@itemprop='articleBody']"):
        best = max(best, sum(len(p.text_content().split()) for p in element.iter("p")))
    return best


def _recalled(lines: list[Line], tree: HtmlElement, url: str) -> list[Line]:
    """trafilatura's lines, read again with ``favor_recall`` when they are a small part
    of the page's marked-up article (see `RECALL_ARTICLE_SHARE`)."""
    words = sum(line.words for line in lines)
    if words >= RECALL_CHECK_MAX_WORDS:
        return lines
    article = _marked_article_words(tree)
    if article < RECALL_ARTICLE_MIN_WORDS or words >= RECALL_ARTICLE_SHARE * article:
        return lines
    again = _trafilatura_lines(tree, url, favor_recall=True)
    return again if sum(line.words for line in again) > words else lines


def _description(page: PageMeta) -> str | None:
    """The page's own description (``og:description``, ``description``, Twitter's)."""
    for key in ("og:description", "description", "twitter:description"):
        values = page.meta.get(key)
        if values:
            return values[0]
    return None


def _declared_sections(page: PageMeta) -> frozenset[str]:
    """The section names the page declares (``article:section``, ``articleSection``)."""
    found = list(page.meta.get("article:section", ()))
    declared = page.article.get("articleSection")
    found.extend([declared] if isinstance(declared, str) else declared or ())
    return frozenset(normalize(name) for name in found if isinstance(name, str) and name.strip())


def extract_article(
    html: str | bytes,
    url: str,
    *,
    rules: SiteRules | None = None,
    boilerplate: Collection[str] = (),
    now: datetime | None = None,
    zone_hint: timedelta | None = None,
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
        zone_hint: The site's usual UTC offset learned from its other pages
            (`cleaning.metadata.zones.CrawlZones`), for a page that does not show its own.

    Returns:
        The cleaned article.

    Raises:
        Blocked: A bot challenge, consent wall or paywall stub stands where the article
            should be (``reason`` names which).
        NotAnArticle: The page is a listing, tag, search or home page.
        NoArticleText: No article text is left (empty page, script-only, all
            boilerplate).
    """
    now = now or datetime.now(UTC)
    text_html, tree = parse_html(html)
    if tree is None:
        raise NoArticleText(f"{url}: not an HTML document")
    page = read_page_meta(tree)
    domain_rules = rules.for_url(url) if rules is not None else None
    work_tree = _prune(tree, domain_rules.prune_xpaths if domain_rules else ())
    anchors = LazyAnchors(work_tree)

    # Widgets (share bars, translation menus, ad slots, ...) are out of the tree while
    # trafilatura copies and reads it, and back in afterwards (`cleaning.structure`).
    found = [widget.element for widget in widgets(work_tree)]
    joiners = _joiner_script(tree) and has_joiners(text_html)
    with detached(found), joiners_kept(work_tree, joiners):
        lines = _recalled(_trafilatura_lines(work_tree, url), work_tree, url)
    pruned = _widget_audit(found)
    if not lines and found:
        # a very short article can fall under trafilatura's size thresholds once the
        # widgets are gone; the line rules still clean the whole page's text
        with joiners_kept(work_tree, joiners):
            lines = _trafilatura_lines(work_tree, url)
        pruned = []

    # A bot challenge, consent wall or paywall stub is neither an article nor a listing.
    kind = block_kind(text_html, "\n".join(line.text for line in lines), tree)
    if kind is not None:
        raise Blocked(f"{url}: {kind.replace('_', ' ')} instead of the article", reason=kind)
    reason = not_article_reason(url, page, lines, anchors, tree)
    if reason is not None:
        raise NotAnArticle(f"{url}: {reason}")
    # Pages built by scripts: the article in the page's own app data (`cleaning.appdata`).
    app = _app_article(tree, page, lines)
    if app is not None:
        lines = app.lines()
    elif (
        lines
        and sum(line.words for line in lines) < APP_DATA_MARKUP_MAX_WORDS
        and shell_without_text(tree, lines)
    ):
        lines = []
    if not lines:
        raise _no_text(f"{url}: no article text found", tree, url)

    meta = build_metadata(tree, page, url, now=now, zone_hint=zone_hint)
    ctx = CleanContext(
        titles=meta.title_variants + ((app.title,) if app is not None and app.title else ()),
        authors=tuple(meta.authors),
        site_name=meta.site_name,
        anchors=anchors,
        drop_patterns=domain_rules.drop_patterns if domain_rules else (),
        boilerplate=frozenset(normalize(line) for line in boilerplate),
        page_urls=frozenset(u.rstrip("/") for u in (url, meta.canonical_url)),
        tags=frozenset(normalize(tag) for tag in meta.tags),
        sections=_declared_sections(page),
        signup_labels=signup_labels(tree),
    )
    kept, removed = clean_lines(split_rescued_article(lines, work_tree), ctx)
    if not kept:
        raise _no_text(
            f"{url}: no article text left after removing {len(removed)} boilerplate lines",
            tree,
            url,
        )
    lead = standfirst(tree, _description(page), "\n".join(kept))
    if lead is not None:
        kept.insert(0, lead)
    # stored text is in composed form (NFC), as the metadata fields are: the same word
    # typed with a precomposed or a decomposed letter is then the same string to readers
    text = unicodedata.normalize("NFC", "\n".join(kept))
    title = _visible_title(meta.title or (app.title if app is not None else None) or "", removed)
    language = _language(meta.language, text)
    return Article(
        url=url,
        canonical_url=meta.canonical_url,
        title=title,
        text=text,
        authors=meta.authors or _signed(removed, kept, meta.site_name),
        organizations=meta.organizations,
        published_at=_published(meta.published_at, removed, kept, tree, now),
        modified_at=meta.modified_at,
        language=language,
        site_name=meta.site_name,
        description=meta.description,
        tags=meta.tags,
        image_url=meta.image_url,
        content_hash=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
        removed=(*pruned, *removed),
        cleaner_version=CLEANER_VERSION,
        text_source="markup" if app is None else "app_data",
        zone_evidence=meta.zone_evidence,
    )


# -- pages built by scripts (`cleaning.appdata`) -------------------------------------------

#: App data is read only when the markup's lines hold fewer words than this (a shell's
#: "Loading...", a cookie note, the footer), and used when it holds more than they do.
APP_DATA_MARKUP_MAX_WORDS = 100


#: Characters of a pruned widget's text kept in the audit trail.
WIDGET_AUDIT_CHARS = 200


def _widget_audit(elements: list[_Element]) -> list[RemovedLine]:
    """The audit lines of widgets taken out by their markup: each one's visible text."""
    audit = []
    for element in elements:
        # only as much text as the audit keeps: a footer menu holds thousands of words
        pieces, length = [], 0
        for piece in element.itertext():
            pieces.append(piece)
            length += len(" ".join(piece.split()))
            if length >= WIDGET_AUDIT_CHARS:
                break
        text = " ".join(" ".join(pieces).split())
        if text:
            audit.append(RemovedLine(text[:WIDGET_AUDIT_CHARS], RULE_MARKUP_WIDGET))
    return audit


def _app_article(tree: HtmlElement, page: PageMeta, lines: list[Line]) -> AppArticle | None:
    markup_words = sum(line.words for line in lines)
    if markup_words >= APP_DATA_MARKUP_MAX_WORDS:
        return None
    found = find_app_article(tree, page.article.get("articleBody"))
    if found is None or found.words <= markup_words:
        return None
    # A short article in the markup is replaced only by data that continues it (the full
    # text behind a teaser), never by some other long text of the page's data.
    paragraphs = [line for line in lines if line.words >= MIN_PARAGRAPH_WORDS]
    if paragraphs and not shell_without_text(tree, lines):
        data_text = normalize(" ".join(found.paragraphs))
        if normalize(paragraphs[0].text)[:60] not in data_text:
            return None
    return found


def _no_text(message: str, tree: HtmlElement, url: str) -> NoArticleText:
    """`NoArticleText` with what the crawler can try next: the AMP version, a browser."""
    amp = amp_url(tree, url)
    if amp is not None:
        message = f"{message}; AMP version: {amp}"
    return NoArticleText(message, amp_url=amp, app_shell=is_app_shell(tree))


#: Kept lines at the top of the text read for a dateline.
DATELINE_KEPT_LINES = 2


def _published(
    marked: datetime | None,
    removed: list[RemovedLine],
    kept: list[str],
    tree: HtmlElement,
    now: datetime,
) -> datetime | None:
    """The publication time: the markup's (``marked``), else the printed dateline; a
    note that the article first appeared on an earlier day ("originally published on
    ...") wins over both."""
    published = marked or _dateline(removed, kept, tree, now)
    first = first_publication([*(line.text for line in removed), *kept], now=now)
    if first is not None and (published is None or first.date() < published.date()):
        return first
    return published


def _dateline(
    removed: list[RemovedLine], kept: list[str], tree: HtmlElement, now: datetime
) -> datetime | None:
    """The date printed at the top of the article, when the markup gives none: in a
    removed date line, the first kept lines, next to the headline, or a few blocks above
    the first paragraph."""
    removed_dates = [line.text for line in removed if line.rule == RULE_BYLINE]
    found = dateline_date([*removed_dates, *kept[:DATELINE_KEPT_LINES]], now=now)
    return found or headline_date(tree, now=now) or body_start_date(tree, kept[0], now=now)


#: Kept lines at each end of the text read for a signature ("Autor: Jane Doe").
SIGNATURE_LINES = 2


def _signed(removed: list[RemovedLine], kept: list[str], site_name: str | None) -> list[str]:
    """The people of a signature line, when no byline names anybody: a removed byline
    line, or one of the first or last kept lines."""
    removed_bylines = [line.text for line in removed if line.rule == RULE_BYLINE]
    ends = [*kept[:SIGNATURE_LINES], *kept[-SIGNATURE_LINES:][::-1]]
    return signature_people([*removed_bylines, *ends], site_name)


def _language(declared: str | None, text: str) -> str | None:
    """The declared language unless the text plainly is in another one."""
    return decide_language(declared, text)


def _visible_title(title: str, removed: list[RemovedLine]) -> str:
    """Prefer the headline as printed in the content over a metadata title with extras.

    When the repeated headline removed from the top of the text is the metadata title
    without a suffix ("Headline" vs. og:title "Headline: what we know"), the printed one is
    the page's own headline.
    """
    for line in removed:
        if line.rule != RULE_TITLE_REPEAT:
            continue
        candidate = line.text.strip(" -|#*")
        key, cand_key = normalize(title), normalize(candidate)
        if (
            cand_key
            and cand_key != key
            and key.startswith(cand_key)
            and len(cand_key) >= 0.5 * len(key)
        ):
            return candidate
        break
    return title
