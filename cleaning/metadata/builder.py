"""The builder: every metadata field chosen from JSON-LD, meta tags, the page and htmldate.

Sources are reconciled, not just tried in turn: a JSON-LD ``Person`` beats a guess, a
byline printed on the page beats a generic meta value (and splits a JSON-LD name that is
several people run together), organisations are kept apart from people, UTC times are
shown in the publisher's offset, and every text field is decoded (`clean_field`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element

from cleaning.metadata.dates import (
    dateline_date,
    dateline_matching,
    find_headline,
    headline_context,
    headline_window,
    in_local_time,
    parse_datetime,
    printed_offset,
    publisher_offset,
    reconcile_dates,
    timestamps,
    url_day,
)
from cleaning.metadata.fields import clean_field, clean_fields
from cleaning.metadata.jsonld import jsonld_credits, node_str, strings
from cleaning.metadata.metatags import (
    METANAME_AUTHOR,
    METANAME_DATE,
    METANAME_DESCRIPTION,
    METANAME_IMAGE,
    METANAME_KEYWORDS,
    METANAME_LANGUAGE,
    METANAME_MODIFIED,
    METANAME_PUBLISHED,
    METANAME_SITENAME,
    METANAME_TAG,
    METANAME_TITLE,
    PageMeta,
    meta_all,
    meta_first,
)
from cleaning.metadata.people import (
    BYLINE_XPATH,
    Credits,
    author_links,
    byline_elements,
    byline_line,
    credits,
    edited_by,
    footer_credits,
    hcard_names,
    labelled_credits,
    names_host,
    organization_name,
    prefixed_bylines,
    signature_people,
)
from cleaning.parsing import has_joiners, joiners_kept, restore_joiners
from cleaning.text import normalize


def language_code(value: str | None) -> str | None:
    """Reduce ``en-US`` / ``de_DE`` / ``English`` to an ISO 639-1 code when possible."""
    if not value:
        return None
    code = _CODE_SEPARATOR_RE.split(value.strip())[0].casefold()
    return code if _TWO_LETTERS_RE.fullmatch(code) else None


_CODE_SEPARATOR_RE = re.compile(r"[-_]")
_TWO_LETTERS_RE = re.compile(r"[a-z]{2}")


def http_url(value: str | None, base: str) -> str | None:
    """Resolve ``value`` against ``base`` and keep it only if it is an http(s) URL."""
    if not value:
        return None
    value = value.strip()
    # an absolute URL is its own resolution (most canonical and image URLs are)
    resolved = value if value.startswith(("https://", "http://")) else urljoin(base, value)
    parts = urlsplit(resolved)
    return resolved if parts.scheme in ("http", "https") and parts.netloc else None


def dedupe(values: Iterable[str], limit: int = 60) -> list[str]:
    """Strip, drop empty or over-long values and duplicates, keeping order."""
    result: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = " ".join(value.split())
        key = value.casefold()
        if value and len(value) <= limit and key not in seen:
            seen.add(key)
            result.append(value)
    return result


@dataclass(frozen=True)
class ArticleMeta:
    """The metadata fields of an `Article` (everything except the text)."""

    title: str
    canonical_url: str
    authors: list[str]
    published_at: datetime | None
    modified_at: datetime | None
    language: str | None
    site_name: str | None
    description: str | None
    tags: list[str]
    image_url: str | None
    title_variants: tuple[str, ...]
    organizations: list[str] = field(default_factory=list)
    #: Whether ``published_at`` is known to be in the publisher's own offset.
    zone_known: bool = False
    #: ``(UTC time, local wall-clock time)`` of the publication when the page itself
    #: showed the publisher's offset (the crawl learns each site's usual offset from
    #: them: `cleaning.metadata.zones.CrawlZones`).
    zone_evidence: tuple[datetime, datetime] | None = None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def _date(now: datetime, *values: str | None) -> datetime | None:
    return _dated(now, *values)[0]


#: A wall-clock time in a timestamp: without one the value is a day, not an instant.
_CLOCK_RE = re.compile(r"\d{1,2}:\d{2}")


def _dated(now: datetime, *values: str | None) -> tuple[datetime | None, bool]:
    """The first parsable value, and whether it is a day only (no time written)."""
    for value in values:
        parsed = parse_datetime(value, now=now)
        if parsed is not None:
            return parsed, _CLOCK_RE.search(value or "") is None
    return None, False


#: Byline elements read for the printed dateline: the first (later ones are comments'
#: and related articles').
DATELINE_BYLINES = 1


def strip_site_affix(title: str, site_name: str | None) -> str:
    """Remove a " | Site Name" / "Site Name - " affix from a title (only that separator)."""
    if not site_name:
        return title
    separators = list(SEPARATOR_RE.finditer(title))
    if separators:
        site = normalize(site_name)
        last, first = separators[-1], separators[0]
        if normalize(title[last.end() :]) == site:
            return title[: last.start()].strip()
        if normalize(title[: first.start()]) == site:
            return title[first.end() :].strip()
    return title


#: Separators between a headline and a site name in ``<title>`` and og:title.
SEPARATOR_RE = re.compile(r"\s+[|\-–—·•»:]\s+")


#: Byline elements in the page body (schema.org microdata, rel=author, "byline"/"author"


def html_title(tree: _Element) -> str | None:
    element = tree.find("head/title")
    if element is None:
        element = tree.find(".//title")
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def _run_together(names: Iterable[str], parts: list[str]) -> bool:
    """Whether one of ``names`` is several of ``parts`` written as one ("A B C D")."""
    keys = [normalize(p) for p in parts]
    for name in names:
        key = normalize(name)
        inside = [k for k in keys if k and k in key]
        if len(inside) >= 2 and sum(len(k) for k in inside) + len(inside) - 1 >= len(key) - 1:
            return True
    return False


#: Longest organisation name taken from JSON-LD.
MAX_ORGANIZATION_CHARS = 60
#: Most people one printed byline element names; more are a list (tags, contributors).
MAX_PRINTED_PEOPLE = 6


def choose_people(
    strong: list[str],
    generic: list[str],
    printed: list[list[str]],
    credited_only: int | None = None,
    lists: list[bool] | None = None,
) -> list[str]:
    """Reconcile the people of JSON-LD (``strong``), meta tags and the printed bylines.

    A JSON-LD ``Person`` beats a guess and a generic meta value beats the page's byline
    elements (those also match related articles' bylines and author boxes); but one
    printed byline that splits a run-together name, or that names more people including
    all of the others, wins over both. Without either, the first printed byline with
    people is taken.

    Args:
        strong: People from JSON-LD.
        generic: People from meta tags.
        printed: People of each byline element printed on the page, in page order.
        credited_only: Index of the first byline element that credits organisations and
            no person ("By HNN Staff", "Associated Press"): later elements are related
            articles' and author boxes', not this article's (without JSON-LD or meta
            people, none is taken from them).
        lists: Whether each byline element is a list of names (not mostly other words,
            as an author box's "View author publications ; PubMed ; Google Scholar"):
            only such a one adds people to JSON-LD's or the meta tags' (all by default).

    Returns:
        The chosen list.
    """
    for chosen in (strong, generic):
        if not chosen:
            continue
        keys = {normalize(n) for n in chosen}
        for index, byline in enumerate(printed):
            if _run_together(chosen, byline) or (
                len(byline) > len(chosen)
                and keys <= {normalize(n) for n in byline}
                and (lists is None or lists[index])
            ):
                return byline
        return chosen
    # no other source: the first byline element that names people (later ones are
    # related articles' bylines, author boxes and tag lists more often than co-authors)
    for index, byline in enumerate(printed):
        if credited_only is not None and index > credited_only:
            break
        if 0 < len(byline) <= MAX_PRINTED_PEOPLE:
            # the same byline again with more of its people (the first element ran two
            # names together with an outlet: "ERIC TUCKERAssociated Press")
            keys = {normalize(n) for n in byline}
            for later in printed[index + 1 :]:
                if len(byline) < len(later) <= MAX_PRINTED_PEOPLE and keys <= {
                    normalize(n) for n in later
                }:
                    return later
            return byline
    return []


def _people_before(bylines: list[Credits], index: int) -> list[str]:
    return [n for b in bylines[:index] for n in b.people]


def _outlets_apart(found: Credits, site_name: str | None, host: str) -> Credits:
    """``found`` with the outlet's own name (see `names_host`) among the organisations."""
    outlets = [p for p in found.people if host and names_host(p, host)]
    if not outlets:
        return found
    return Credits(
        [p for p in found.people if p not in outlets],
        found.organizations + [o for o in (site_name or o for o in outlets) if o],
        found.dropped,
    )


#: The end of the name an author box opens with ("Stefanus Stahl - Maschinenbauer, ...").
_NAME_END_RE = re.compile(r"\s[-–—|·•]\s|[,.;:(]")


def _full_name(name: str, pieces: list[str], site_name: str | None) -> str:
    """A one-word byline name ("Stefanus") as the author box beside the headline writes
    it in full ("Stefanus Stahl - Maschinenbauer, ..."): the first piece that opens with
    the word and then a surname."""
    for piece in pieces:
        if not piece.startswith(name + " "):
            continue
        head = _NAME_END_RE.split(piece, maxsplit=1)[0].strip()
        found = credits([head], site_name).people
        if len(found) == 1 and found[0].split()[0] == name and found[0] == head:
            return found[0]
    return name


def _printed_confirmed(strong: list[str], generic: list[str], printed: list[list[str]]) -> bool:
    """Whether the first printed byline's people are among the meta tags' and none of
    JSON-LD's people is printed in any byline."""
    if not strong or not generic or not printed or not printed[0]:
        return False
    first = {normalize(n) for n in printed[0]}
    shown = {normalize(n) for b in printed for n in b}
    return first <= {normalize(n) for n in generic} and not shown & {normalize(n) for n in strong}


#: A text piece this long is the article's text, not its header.
MIN_TEXT_PIECE_CHARS = 200


def _before_text(pieces: list[str]) -> list[str]:
    """The pieces before the first paragraph of text (the header's dateline and credits)."""
    end = next((i for i, p in enumerate(pieces) if len(p) >= MIN_TEXT_PIECE_CHARS), len(pieces))
    return pieces[:end]


def _printed_word(name: str, text: str) -> bool:
    """Whether ``name`` stands in ``text`` as a word of its own, not inside another."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        start = text.find(name, start + 1)
    return False


def _credited(
    art: dict[str, object],
    page: PageMeta,
    raw_bylines: list[str],
    context: Callable[[], list[str]],
    site_name: str | None,
    now: datetime,
    host: str = "",
    tree: _Element | None = None,
    matches: list[_Element] | None = None,
    headline: Callable[[], _Element | None] | None = None,
) -> tuple[list[str], list[str]]:
    """``(people, organisations)`` credited on the page."""
    jl_people, jl_orgs = jsonld_credits(art, page.nodes) if art else ([], [])
    strong = credits(clean_fields(jl_people), site_name, typed=True)
    generic = credits(
        clean_fields([a for a in meta_all(page, *METANAME_AUTHOR) if "://" not in a]),
        site_name,
    )
    bylines = [
        _outlets_apart(credits([text], site_name), site_name, host)
        for text in clean_fields(raw_bylines)
    ]
    printed = Credits(
        [n for i, b in enumerate(bylines) for n in b.people if n not in _people_before(bylines, i)],
        [o for i, b in enumerate(bylines) for o in b.organizations],
    )
    credited_only = next(
        (i for i, b in enumerate(bylines) if b.organizations and not b.people), None
    )
    # the outlet's own name as the meta author ("Deutsche Welle" on dw.com) names nobody
    strong, generic = (_outlets_apart(c, site_name, host) for c in (strong, generic))
    if _printed_confirmed(strong.people, generic.people, [b.people for b in bylines]):
        # the printed byline and the meta tags name the same people, JSON-LD someone no
        # byline prints (the CMS user who posted the article)
        strong = Credits(bylines[0].people, strong.organizations)
    editors = edited_by(raw_bylines)
    if editors:
        # the meta author is the editor the page credits as such ("责任编辑：孔德明")
        generic = Credits([p for p in generic.people if p not in editors], generic.organizations)
    persons = choose_people(
        strong.people,
        generic.people,
        [b.people for b in bylines],
        credited_only,
        [b.dropped <= len(b.people) for b in bylines],
    )
    if host:
        # the outlet's own name in its byline ("LinkNaija" on linknaija.com)
        outlets = [p for p in persons if names_host(p, host)]
        persons = [p for p in persons if p not in outlets]
        printed = Credits(
            [p for p in printed.people if p not in outlets],
            printed.organizations + [site_name or o for o in outlets],
        )
    if not persons and not printed.organizations:
        # a byline printed under the headline without byline markup (old table layouts)
        printed = credits(prefixed_bylines(context(), now=now), site_name)
        if not printed.people and not printed.organizations:
            # ... or a signature line beside it ("05.02.2020 - Redaktion: Jane Doe")
            printed = Credits(signature_people(_before_text(context()), site_name), [])
        if not printed.people and not printed.organizations and tree is not None:
            # ... or the first link to an author's page
            printed = credits(author_links(tree)[:1], site_name)
        if not printed.people and not printed.organizations and tree is not None:
            # ... or an author's hCard ("vcard author" > "fn"), a one-word user name too
            printed = Credits(hcard_names(tree, site_name, matches), [])
        if not printed.people and not printed.organizations and page.webpage and not art:
            # ... or, last, the author of a graph's WebPage when it has no article node
            printed = Credits(
                credits(
                    clean_fields(jsonld_credits(page.webpage, page.nodes)[0]), site_name, typed=True
                ).people,
                [],
            )
        if not printed.people and not printed.organizations and tree is not None:
            # ... or a labelled credit apart from the text ("作者： X", "<b>Autor:</b> <a>X</a>")
            printed = Credits(labelled_credits(tree, site_name), [])
        if not printed.people and not printed.organizations and tree is not None and headline:
            # ... or a post's footer line "Name | date" in the headline's container
            printed = Credits(footer_credits(tree, headline(), site_name, now=now), [])
        persons = [p for p in printed.people if not (host and names_host(p, host))]
    if len(persons) == 1 and " " not in persons[0]:
        persons = [_full_name(persons[0], context(), site_name)]
    organizations: list[str] = []
    if printed.people or printed.organizations:
        # a byline printed on the page says who is credited: only its organisations, and
        # those JSON-LD types as organisations that it prints too ("Aminu Bello (NAN)")
        sources: list[Credits] = [printed]
        printed_text = " ".join(clean_fields(raw_bylines)).casefold()
        typed_orgs = [o for o in clean_fields(jl_orgs) if _printed_word(o.casefold(), printed_text)]
    else:
        sources = [strong, generic]
        typed_orgs = clean_fields(jl_orgs)
    for source in sources:
        organizations.extend(o for o in source.organizations if o not in organizations)
    for raw in typed_orgs:
        name = organization_name(raw, site_name) or raw
        if name not in organizations and len(name) <= MAX_ORGANIZATION_CHARS:
            organizations.append(name)
    if persons and organizations == [site_name]:
        organizations = []  # the site credited beside its own people is its template's
    return persons, organizations


def build_metadata(
    tree: _Element,
    page: PageMeta,
    url: str,
    *,
    now: datetime,
    zone_hint: timedelta | None = None,
) -> ArticleMeta:
    """Choose every metadata field: JSON-LD, then meta tags, then trafilatura/htmldate.

    Args:
        tree: The parsed page (not modified).
        page: Output of `read_page_meta`.
        url: The page URL (base for relative URLs).
        now: Dates after this moment are rejected.
        zone_hint: The site's usual UTC offset learned from its other pages in the same
            crawl (`cleaning.metadata.zones.CrawlZones`), used when the page itself does
            not show its offset (before the TLD's or language's).

    Returns:
        The metadata fields, text fields decoded.
    """
    from htmldate import find_date
    from trafilatura.metadata import extract_title

    art = page.article
    publisher = art.get("publisher")
    site_name = clean_field(
        _first(meta_first(page, *METANAME_SITENAME), node_str(publisher, "name"))
    )
    headline = clean_field(node_str(art, "headline"))
    if headline and headline.endswith(("...", "…")):
        headline = None
    printed_title = clean_field(html_title(tree))
    raw_title = clean_field(
        _first(headline, meta_first(page, *METANAME_TITLE), node_str(art, "name"))
    )
    if not raw_title:
        # trafilatura drops zero-width joiners as non-printable (see `joiners_kept`)
        with joiners_kept(tree, bool(printed_title) and has_joiners(printed_title or "")):
            found_title = extract_title(tree)
        raw_title = clean_field(restore_joiners(found_title or "")) or printed_title
    title = strip_site_affix(raw_title or "", site_name)

    # one pass for the byline elements and the authors' hCards ("author vcard")
    matches = BYLINE_XPATH(tree)
    printed_bylines = byline_elements(tree, matches)
    raw_bylines = [text for _, text in printed_bylines]
    # the text pieces next to the headline: read only when the bylines leave a question
    headline_element = cache(lambda: find_headline(tree))
    context = cache(lambda: headline_context(tree, headline_element()))
    window = cache(lambda: headline_window(tree, headline_element()))
    canonical = http_url(page.canonical, url) or http_url(meta_first(page, "og:url"), url) or url
    host = urlsplit(url).hostname or urlsplit(canonical).hostname or ""
    authors, organizations = _credited(
        art, page, raw_bylines, context, site_name, now, host, tree, matches, headline_element
    )

    markup_dates = (
        node_str(art, "datePublished"),
        meta_first(page, *METANAME_PUBLISHED),
        meta_first(page, *METANAME_DATE),
        node_str(art, "dateCreated"),
        meta_first(page, "webpage:datepublished"),
    )
    published, day_only = _dated(now, *markup_dates)
    if published is None:
        # the first <time datetime> of the article, before htmldate's costlier search
        published, day_only = _dated(now, meta_first(page, "time:article"))
    # the day a reader sees is the one printed in the byline, else next to the headline
    visible_day = dateline_date(raw_bylines[:DATELINE_BYLINES], now=now)
    if visible_day is None:
        visible_day = dateline_date(context(), now=now)
        in_url = url_day(url) if visible_day is not None else None
        if in_url is not None and visible_day is not None and visible_day.date() != in_url:
            visible_day = dateline_matching(context(), in_url, now=now) or visible_day
    if published is None and visible_day is None:
        # the first <time> outside lists and sidebars, without the article's markup
        plain = meta_first(page, "time:plain")
        published, day_only = _dated(now, plain)
        if published is None:
            visible_day = dateline_date([plain] if plain else [], now=now)
    if visible_day is None and published is not None:
        # the markup's sources disagree on the day: the one printed near the headline
        # decides between them
        days = {d.date() for v in markup_dates if (d := _date(now, v)) is not None}
        if len(days) > 1:
            near = dateline_date(window(), now=now)
            chosen = next(
                (
                    v
                    for v in markup_dates
                    if near and (d := _date(now, v)) and d.date() == near.date()
                ),
                None,
            )
            if chosen is not None:
                published, day_only = _dated(now, chosen)
    if published is None and visible_day is None and printed_bylines:
        # the date on the first byline's line ("Mai 03, 2017 / Sandra" in a post footer)
        visible_day = dateline_date(byline_line(printed_bylines[0][0]), now=now)
    if published is None and visible_day is None:
        # a dateline a few blocks from the headline: weaker evidence than the markup's
        visible_day = dateline_date(window(), now=now)
    if published is None and visible_day is not None:
        # a printed dateline and no timestamp: the day is known, not the time
        published, day_only = visible_day, True
    if published is None:
        # htmldate last, markup and URL only: its extensive search of the free text costs
        # about ten times as much (10+ ms a page) and guesses from copyright years and
        # comment dates as often as it finds the publication date
        found_date = find_date(
            tree,
            extensive_search=False,
            original_date=True,
            url=url,
            max_date=now.strftime("%Y-%m-%d"),
        )
        published, day_only = _date(now, found_date), True
        if published is None:
            # a day-first date as a whole path segment ("/meldungen/29-10-2021")
            in_path = url_day(url)
            if in_path is not None:
                published = datetime(in_path.year, in_path.month, in_path.day, tzinfo=UTC)
    zone_known = published is not None and (day_only or published.utcoffset() != timedelta(0))
    evidence: tuple[datetime, datetime] | None = None
    if published is not None and not zone_known:
        stamps = timestamps(page)
        local = in_local_time(published, stamps)
        zone_known = local.utcoffset() != timedelta(0)
        if not zone_known:
            # a time printed in the byline or dateline ("7:04 pm ET", "Posted 8:19 PM")
            offset = printed_offset([*raw_bylines, *context(), *stamps], published)
            if offset is not None:
                local, zone_known = published.astimezone(timezone(offset)), True
        published = local
        if zone_known:
            evidence = (published.astimezone(UTC), published.replace(tzinfo=None))
    elif published is not None and not day_only:
        evidence = (published.astimezone(UTC), published.replace(tzinfo=None))
    modified = _date(
        now,
        node_str(art, "dateModified"),
        meta_first(page, *METANAME_MODIFIED),
        meta_first(page, "webpage:datemodified"),
    )

    language = (
        language_code(page.html_lang)
        or language_code(node_str(art, "inLanguage"))
        or language_code(meta_first(page, *METANAME_LANGUAGE))
    )
    if published is not None:
        # the day a reader sees is the one printed next to the headline
        published, modified = reconcile_dates(
            published,
            modified,
            visible_day=visible_day,
            zone_known=zone_known,
            fallback_offset=zone_hint
            if zone_hint is not None
            else publisher_offset(host, language),
            now=now,
            day_only=day_only,
        )
    description = clean_field(
        _first(meta_first(page, *METANAME_DESCRIPTION), node_str(art, "description"))
    )
    tags: list[str] = []
    keywords = art.get("keywords")
    if isinstance(keywords, str):
        tags.extend(keywords.split(","))
    elif isinstance(keywords, list):
        tags.extend(str(k) for k in keywords)
    tags.extend(meta_all(page, *METANAME_TAG))
    if not tags:
        tags.extend(k for v in meta_all(page, *METANAME_KEYWORDS) for k in v.split(","))
    image = (
        http_url(meta_first(page, *METANAME_IMAGE), url)
        or http_url(next(iter(strings(art.get("image"))), None), url)
        or http_url(node_str(art.get("image"), "url"), url)
    )
    variants = tuple(
        t
        for t in (
            title,
            raw_title,
            headline,
            clean_field(meta_first(page, "og:title")),
            clean_field(meta_first(page, "twitter:title")),
            printed_title,
        )
        if t
    )
    return ArticleMeta(
        title=title,
        canonical_url=canonical,
        authors=authors,
        published_at=published,
        modified_at=modified,
        language=language,
        site_name=site_name,
        description=description,
        tags=dedupe(clean_fields(tags)),
        image_url=image,
        title_variants=variants,
        organizations=organizations,
        zone_known=zone_known,
        zone_evidence=evidence,
    )
