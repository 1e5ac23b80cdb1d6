"""Article metadata: JSON-LD first when sane, then Open Graph / meta tags, then trafilatura.

JSON-LD (``NewsArticle``, ``Article``, ``ReportageNewsArticle``, ... also inside
``@graph``) is what publishers maintain for search engines, so it wins when it is
well-formed; meta tags and trafilatura's (htmldate's) guesses fill the gaps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath, _Element

from cleaning.rules import normalize

#: schema.org types that mark a page as one article.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "advertisercontentarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "techarticle",
        "scholarlyarticle",
        "medicalscholarlyarticle",
        "review",
    }
)

#: schema.org types of listing pages (home, section, tag, search, author pages).
LISTING_TYPES = frozenset(
    {"collectionpage", "itemlist", "searchresultspage", "profilepage", "blog"}
)

#: Words that mark a byline as an organisation or a role rather than a person
#: (wire-service and "Staff Reporter" bylines on news sites in many languages).
NON_PERSON_WORDS = frozenset(
    {
        "staff",
        "reporter",
        "reporters",
        "desk",
        "team",
        "editor",
        "editors",
        "editorial",
        "newsroom",
        "news",
        "agency",
        "agencies",
        "correspondent",
        "correspondents",
        "bureau",
        "service",
        "wire",
        "press",
        "media",
        "online",
        "digital",
        "admin",
        "administrator",
        "webmaster",
        "web",
        "contributor",
        "contributors",
        "guest",
        "redaktion",
        "rédaction",
        "redacción",
        "redação",
        "redazione",
        "redactie",
        "редакция",
        "afp",
        "ap",
        "reuters",
        "dpa",
        "pti",
        "ians",
        "ani",
        "efe",
        "ansa",
        "apa",
        "sid",
        "epd",
        "kna",
        "tass",
        "ria",
        "bloomberg",
        "associated",
        "report",
        "author",
        "unknown",
        "anonymous",
        "sport",
        "sports",
        "business",
        "insider",
        "writer",
        "writers",
        "columnist",
        "contributing",
        "magazine",
        "network",
        "international",
    }
)
#: Articles that open an outlet's or a desk's name, never a person's.
ARTICLE_WORDS = frozenset({"the", "der", "die", "das", "les", "los", "las"})

#: Most words a person's name has; longer "authors" are sentences or job titles.
MAX_NAME_WORDS = 5

#: Dates before this year are parsing accidents.
MIN_YEAR = 1995


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


def _iter_nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _iter_nodes(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _iter_nodes(value["@graph"])


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].casefold() for v in values if v}


def _load_json(text: str) -> Any:
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text)
    try:
        return json.loads(text)
    except ValueError:
        pass
    # Common breakage: raw newlines/tabs inside strings, trailing commas.
    repaired = re.sub(r"[\n\r\t]+", " ", text)
    repaired = re.sub(r",\s*([}\]])", r"\1", repaired)
    try:
        return json.loads(repaired)
    except ValueError:
        return None


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
    # one pass over the tree for all four element kinds
    for element in tree.iter("script", "meta", "time", "link"):
        tag = element.tag
        if tag == "meta":
            key = (
                (element.get("property") or element.get("name") or element.get("itemprop") or "")
                .strip()
                .lower()
            )
            content = (element.get("content") or "").strip()
            if key and content:
                meta.setdefault(key, []).append(content)
        elif tag == "script":
            kind = (element.get("type") or "").strip().lower()
            if kind != "application/ld+json" or not element.text:
                continue
            for node in _iter_nodes(_load_json(element.text)):
                node_id = node.get("@id")
                if isinstance(node_id, str) and len(node) > 1:
                    nodes.setdefault(node_id, node)
                node_types = _types(node)
                types |= node_types
                if not article and node_types & ARTICLE_TYPES:
                    article = node
                elif (
                    not article
                    and "webpage" in node_types
                    and isinstance(node.get("mainEntity"), dict)
                ):
                    main = node["mainEntity"]
                    if _types(main) & ARTICLE_TYPES:
                        article = main
        elif tag == "time":
            prop = (element.get("itemprop") or "").lower()
            stamp = element.get("datetime") or ""
            if prop in ("datepublished", "datemodified") and stamp:
                meta.setdefault("itemprop:" + prop, []).append(stamp)
            elif stamp and "time:article" not in meta and _is_article_time(element):
                meta["time:article"] = [stamp]
        elif canonical is None and "canonical" in (element.get("rel") or "").lower().split():
            canonical = (element.get("href") or "").strip() or None
    html_lang = tree.get("lang") or tree.get("xml:lang") if tree.tag == "html" else None
    return PageMeta(frozenset(types), article, meta, html_lang, canonical, nodes)


#: Class words of a ``<time>`` element that dates the article itself.
_TIME_CLASS_RE = re.compile(r"publish|posted|entry|article|byline|meta|date", re.IGNORECASE)


def _is_article_time(element: _Element) -> bool:
    """A ``<time datetime>`` inside ``<article>``/``<header>`` or marked as a post date."""
    if element.get("pubdate") is not None or _TIME_CLASS_RE.search(element.get("class") or ""):
        return True
    return any(True for _ in element.iterancestors("article", "header"))


def parse_datetime(value: str | None, *, now: datetime) -> datetime | None:
    """Parse an ISO-8601-like timestamp into an aware datetime (the page's own offset).

    Args:
        value: The raw string (``2022-02-05T09:12:00+00:00``, ``2022-02-05``, ...).
        now: Dates after this moment are rejected.

    Returns:
        The timestamp (naive input is taken as UTC), or None when unparsable, before
        `MIN_YEAR` or in the future.
    """
    if not value:
        return None
    text = value.strip()
    text = re.sub(r"(\d)\s+(?=\d{2}:\d{2})", r"\1T", text, count=1)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not match:
            return None
        try:
            parsed = datetime(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if parsed.year < MIN_YEAR or parsed > now:
        return None
    return parsed


#: A timestamp's wall-clock part and its UTC offset, if written.
_STAMP_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?"
)


def in_local_time(instant: datetime, stamps: Iterable[str]) -> datetime:
    """The same instant in the publisher's own UTC offset, when the page reveals it.

    Many pages give the publication time in UTC only in one place and in local time in
    another (``sailthru.date``, ``<time>``, a second meta tag): a local timestamp that
    is the same instant, or a wall-clock time that differs from the UTC one by whole
    half hours at the same seconds, gives the offset. The day a reader
    sees is the day in that offset ("Tuesday 9:57 pm PST" is Wednesday in UTC).

    Args:
        instant: The publication time, in UTC.
        stamps: Other timestamps of the page, as written.

    Returns:
        ``instant`` converted to the offset found, or unchanged.
    """
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    for stamp in stamps:
        match = _STAMP_RE.search(stamp)
        if match is None:
            continue
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            wall = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            continue
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if offset and abs(wall - offset - utc) < SAME_MOMENT:
                return instant.astimezone(timezone(offset))
        elif zone is None:
            half_hours = round((wall - utc).total_seconds() / 1800)
            offset = timedelta(minutes=30 * half_hours)
            if offset and abs(wall - utc - offset) < SAME_MOMENT and -24 <= half_hours <= 28:
                return instant.astimezone(timezone(offset))
    return instant


#: Two timestamps this close are the same moment written twice (one may drop seconds).
SAME_MOMENT = timedelta(seconds=60)


def _timestamps(page: PageMeta) -> list[str]:
    """Every date-like value of the page's meta tags and article JSON-LD."""
    stamps = [
        value
        for key, values in page.meta.items()
        if ("date" in key or "time" in key or "publish" in key)
        and "modif" not in key
        and "updat" not in key
        for value in values
    ]
    for key in ("datePublished", "dateCreated", "uploadDate"):
        stamps.extend(_strings(page.article.get(key)))
    return stamps


try:  # htmldate's parser for one date expression ("17.01.2021", "2. November 2021")
    from htmldate.extractors import try_date_expr as _try_date_expr
except ImportError:  # pragma: no cover - a later htmldate without it: no dateline dates
    _try_date_expr = None  # type: ignore[assignment]

#: Longest line (in words) read as a dateline; longer ones are sentences, whose dates are
#: the story's events ("the vote on 31 October"), not its publication.
DATELINE_MAX_WORDS = 12


def dateline_date(lines: Iterable[str], *, now: datetime) -> datetime | None:
    """The publication day printed in a dateline, for a page whose markup has none.

    Args:
        lines: Short lines from the top of the article: the byline and date lines the
            cleaner removed, then the first kept lines.
        now: Dates after this moment are rejected.

    Returns:
        The first date found (midnight UTC: the day is known, not the time), or None.
    """
    if _try_date_expr is None:
        return None
    earliest = datetime(MIN_YEAR, 1, 1)
    latest = now.astimezone(UTC).replace(tzinfo=None)
    for line in lines:
        if len(line.split()) > DATELINE_MAX_WORDS:
            continue
        found = _try_date_expr(line, "%Y-%m-%d", False, earliest, latest)
        if found:
            return parse_datetime(found, now=now)
    return None


#: Text pieces around the headline read for a dateline, and how many characters of them.
HEADLINE_CONTEXT_PIECES = 40
HEADLINE_CONTEXT_CHARS = 800
_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})


def headline_date(tree: _Element, *, now: datetime) -> datetime | None:
    """The date printed next to the headline, for a page whose markup has none.

    Read from the short text pieces of the headline's container (the ``<h1>``'s
    grandparent: the article header of most templates), in page order.

    Args:
        tree: The parsed page.
        now: Dates after this moment are rejected.

    Returns:
        The first date found (midnight UTC), or None.
    """
    headline = tree.find(".//h1")
    if headline is None:
        return None
    container = headline.getparent()
    if container is not None and container.getparent() is not None:
        container = container.getparent()
    if container is None:
        return None
    pieces: list[str] = []
    size = 0
    for element in container.iter():
        if not isinstance(element.tag, str) or element.tag in _NO_TEXT_TAGS:
            continue
        for text in (element.text, element.tail):
            text = (text or "").strip()
            if text:
                pieces.append(text)
                size += len(text)
        if len(pieces) >= HEADLINE_CONTEXT_PIECES or size >= HEADLINE_CONTEXT_CHARS:
            break
    return dateline_date(pieces, now=now)


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        for key in ("name", "url", "@id"):
            if isinstance(value.get(key), str):
                return [value[key]]
    return []


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


#: Words that open a byline or an author box before the name(s).
BYLINE_PREFIX_RE = re.compile(
    # "By", and "Written by", "Veröffentlicht von", "Publicado por", "Publié par"...
    r"^\s*(?:(?:(?:written|posted|reported|analysis|commentary|story|words|text|recipe|photos?"
    r"|veröffentlicht|geschrieben|erstellt|verfasst|publicado|escrito|publié|écrit|rédigé"
    r"|pubblicato|scritto|geplaatst|geschreven)\s+)?(?:by|von|par|por|di|door)"
    r"|автор|текст|text|texto|testo|author|autor|auteur|autore"
    r"|about|sobre|über|à propos de)\s*:?\s+",
    re.IGNORECASE,
)
#: Words after a name in a byline that are not part of it: days, months, roles, outlets.
NAME_END_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz
    juni juli oktober dezember lundi mardi mercredi jeudi vendredi samedi dimanche janvier
    février mars avril mai juin juillet août septembre octobre novembre décembre lunes martes
    miércoles jueves viernes sábado domingo enero febrero marzo mayo junio julio agosto
    septiembre octubre noviembre diciembre published updated posted writer writers reporter
    columnist correspondent contributing contributor editor senior chief staff special news
    sports sport business share follow email on at am um publié publicado veröffentlicht
    aktualisiert""".split()  # noqa: SIM905 (a word list reads better this way)
)
#: Words after a name that make the whole byline a desk's, not a person's.
DESK_WORDS = frozenset({"staff", "team", "desk", "redaktion", "rédaction", "redacción"})
#: Between names in a byline: punctuation, "and" in the byline languages.
NAME_SEPARATOR_RE = re.compile(
    r"\s*(?:;|,|&|\||·|•|\s[-–—]\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bи\b)\s*"
)
#: Roman numerals, the only capitals-only words a name keeps after its second word.
_ROMAN = frozenset({"ii", "iii", "iv", "jr", "sr"})


def split_names(raw: str) -> list[str]:
    """Split a byline into names ("By A, B and C" -> [A, B, C]).

    Args:
        raw: A byline or author field.

    Returns:
        The individual name strings, stripped of "By"/"Text:", and of roles, outlets and
        dates that follow a name ("Jane Doe CBS Sports Writer", "Jane Doe Monday").
    """
    text = BYLINE_PREFIX_RE.sub("", raw.strip())
    parts = NAME_SEPARATOR_RE.split(text)
    names = []
    for part in parts:
        name = _trim_name(BYLINE_PREFIX_RE.sub("", part)).strip(" .-–—")
        if name:
            names.append(name)
    return names


def _trim_name(part: str) -> str:
    """Cut what follows a name of at least two words: a role, outlet, date or handle.

    A byline that names a desk ("Jerusalem Post Staff") gives no name at all.
    """
    tokens = part.split()
    all_caps = part.isupper()
    for i, token in enumerate(tokens):
        if i < 2:
            continue
        bare = token.strip(".,:;()")
        previous = tokens[i - 1]
        if bare.casefold() in DESK_WORDS:
            return ""
        if (
            bare.casefold() in NAME_END_WORDS
            or any(c.isdigit() for c in bare)
            or bare.startswith("@")
            or token.startswith("(")
            or (
                not all_caps
                and len(bare) >= 2
                and bare.isupper()
                and bare.casefold() not in _ROMAN
            )
            # "Jane Doe. Outlet Name": a full stop after a word that is not an initial
            or (previous.endswith(".") and len(previous.strip(".")) > 1)
        ):
            return " ".join(tokens[:i])
    return part


def is_person_name(name: str, site_name: str | None = None) -> bool:
    """Whether a string looks like one person's name.

    Args:
        name: Candidate name.
        site_name: The publisher's name; a byline equal to it is not a person.

    Returns:
        False for organisations, roles ("Staff Reporter"), URLs, e-mail addresses,
        the site's name, single words and over-long strings.
    """
    if not name or any(c in name for c in "@/:#<>{}=") or re.search(r"\d", name):
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", name)
    if not 2 <= len(words) <= MAX_NAME_WORDS:
        return False
    if any(w.casefold().strip(".") in NON_PERSON_WORDS for w in words):
        return False
    # "The Editors", "Der Spiegel"; "CNN Business" (an outlet opening with an acronym)
    if words[0].casefold() in ARTICLE_WORDS or (
        len(words[0]) >= 2 and words[0].isupper() and not name.isupper()
    ):
        return False
    if site_name and normalize(name) in (
        normalize(site_name),
        normalize(site_name).replace(" ", ""),
    ):
        return False
    # particles ("von der", "de la", "van") may be lower-case; the ends may not
    capitals = sum(1 for w in words if w[:1].isupper())
    return words[0][:1].isupper() and words[-1][:1].isupper() and capitals * 2 >= len(words)


def people(raw_names: Iterable[str], site_name: str | None) -> list[str]:
    """Turn raw author strings into a de-duplicated list of people.

    Args:
        raw_names: Author strings as found (may hold several names each).
        site_name: The publisher's name.

    Returns:
        Person names in first-seen order.
    """
    result: list[str] = []
    seen: set[str] = set()
    for raw in raw_names:
        for name in split_names(raw):
            name = " ".join(name.split())
            if name.isupper() and len(name) > 3:
                name = name.title()
            key = normalize(name)
            # "Anna Menin" then "Anna Menin Share" (a byline and its share box)
            extends = any(key.startswith(earlier + " ") for earlier in seen)
            if key not in seen and not extends and is_person_name(name, site_name):
                seen.add(key)
                result.append(name)
    return result


def _jsonld_authors(article: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> list[str]:
    raw = article.get("author") or article.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and item.get("@id") in nodes:
            item = nodes[item["@id"]]
        if isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            names.extend(_strings(item.get("name")))
        elif isinstance(item, str):
            names.append(item)
    return names


def language_code(value: str | None) -> str | None:
    """Reduce ``en-US`` / ``de_DE`` / ``English`` to an ISO 639-1 code when possible."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].casefold()
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def http_url(value: str | None, base: str) -> str | None:
    """Resolve ``value`` against ``base`` and keep it only if it is an http(s) URL."""
    if not value:
        return None
    resolved = urljoin(base, value.strip())
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


def _meta(page: PageMeta, *keys: str) -> str | None:
    for key in keys:
        for value in page.meta.get(key, []):
            if value.strip():
                return " ".join(value.split())
    return None


def _meta_all(page: PageMeta, *keys: str) -> list[str]:
    return [v for key in keys for v in page.meta.get(key, [])]


def _node_str(node: Any, key: str) -> str | None:
    if not isinstance(node, dict):
        return None
    values = _strings(node.get(key))
    return " ".join(values[0].split()) if values and values[0].strip() else None


def _date(now: datetime, *values: str | None) -> datetime | None:
    for value in values:
        parsed = parse_datetime(value, now=now)
        if parsed is not None:
            return parsed
    return None


def strip_site_affix(title: str, site_name: str | None) -> str:
    """Remove a " | Site Name" / "Site Name - " affix from a title."""
    if not site_name:
        return title
    parts = SEPARATOR_RE.split(title)
    if len(parts) > 1:
        site = normalize(site_name)
        if normalize(parts[-1]) == site:
            return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
        if normalize(parts[0]) == site:
            return parts[1] if len(parts) == 2 else " - ".join(parts[1:])
    return title


#: Separators between a headline and a site name in ``<title>`` and og:title.
SEPARATOR_RE = re.compile(r"\s+[|\-–—·•»:]\s+")


#: Byline elements in the page body (schema.org microdata, rel=author, "byline"/"author"
#: classes of most CMS templates); used when JSON-LD and meta tags name no person.
BYLINE_XPATH = XPath(
    # attribute axes first: about twice as fast as testing every element's attributes
    '//@class[contains(., "byline") or contains(., "author")]/..'
    ' | //@rel[. = "author"]/.. | //@itemprop[. = "author"]/..'
)
#: Byline elements looked at, and their longest text (longer ones are author boxes).
MAX_BYLINE_ELEMENTS = 5
MAX_BYLINE_CHARS = 80
MAX_BYLINE_CHILDREN = 10


def byline_candidates(tree: _Element) -> list[str]:
    """Texts of the page's first byline elements (see `BYLINE_XPATH`)."""
    found: list[str] = []
    for element in BYLINE_XPATH(tree):
        if len(element) > MAX_BYLINE_CHILDREN:  # a container ("<body class=author-x>")
            continue
        # element texts joined with spaces: "<a>Jane Doe</a><span>Share</span>" is two words
        text = " ".join(" ".join(element.itertext()).split())
        if text and len(text) < MAX_BYLINE_CHARS and text not in found:
            found.append(text)
            if len(found) == MAX_BYLINE_ELEMENTS:
                break
    return found


def _html_title(tree: _Element) -> str | None:
    element = tree.find("head/title")
    if element is None:
        element = tree.find(".//title")
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def build_metadata(tree: _Element, page: PageMeta, url: str, *, now: datetime) -> ArticleMeta:
    """Choose every metadata field: JSON-LD, then meta tags, then trafilatura/htmldate.

    Args:
        tree: The parsed page (not modified).
        page: Output of `read_page_meta`.
        url: The page URL (base for relative URLs).
        now: Dates after this moment are rejected.

    Returns:
        The metadata fields.
    """
    from htmldate import find_date
    from trafilatura.metadata import extract_title

    art = page.article
    publisher = art.get("publisher")
    site_name = _first(
        _meta(page, "og:site_name", "application-name", "twitter:app:name:iphone"),
        _node_str(publisher, "name"),
    )
    headline = _node_str(art, "headline")
    if headline and headline.endswith(("...", "…")):
        headline = None
    html_title = _html_title(tree)
    raw_title = _first(
        headline,
        _meta(page, "og:title", "twitter:title", "title", "dc.title"),
        _node_str(art, "name"),
    )
    if not raw_title:
        raw_title = extract_title(tree) or html_title
    title = strip_site_affix(raw_title or "", site_name)

    authors = people(_jsonld_authors(art, page.nodes), site_name) if art else []
    if not authors:
        meta_authors = [
            a
            for a in _meta_all(
                page,
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "byl",
            )
            if "://" not in a
        ]
        authors = people(meta_authors, site_name)
    if not authors:
        # the byline printed on the page (many pages' JSON-LD names only the publisher)
        authors = people(byline_candidates(tree), site_name)

    published = _date(
        now,
        _node_str(art, "datePublished"),
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
            "publication_date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.date",
            "parsely-pub-date",
            "sailthru.date",
        ),
        _node_str(art, "dateCreated"),
    )
    if published is None:
        # the first <time datetime> of the article, before htmldate's costlier search
        published = _date(now, _meta(page, "time:article"))
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
        published = _date(now, found_date)
    if published is not None and published.utcoffset() == timedelta(0):
        published = in_local_time(published, _timestamps(page))
    modified = _date(
        now,
        _node_str(art, "dateModified"),
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

    canonical = http_url(page.canonical, url) or http_url(_meta(page, "og:url"), url) or url
    language = (
        language_code(page.html_lang)
        or language_code(_node_str(art, "inLanguage"))
        or language_code(_meta(page, "og:locale", "content-language", "language", "dc.language"))
    )
    description = _first(
        _meta(page, "og:description", "description", "twitter:description"),
        _node_str(art, "description"),
    )
    tags: list[str] = []
    keywords = art.get("keywords")
    if isinstance(keywords, str):
        tags.extend(keywords.split(","))
    elif isinstance(keywords, list):
        tags.extend(str(k) for k in keywords)
    tags.extend(_meta_all(page, "article:tag"))
    if not tags:
        tags.extend(k for v in _meta_all(page, "news_keywords", "keywords") for k in v.split(","))
    image = (
        http_url(
            _meta(page, "og:image", "og:image:url", "og:image:secure_url", "twitter:image"), url
        )
        or http_url(next(iter(_strings(art.get("image"))), None), url)
        or http_url(_node_str(art.get("image"), "url"), url)
    )
    variants = tuple(
        t
        for t in (
            title,
            raw_title,
            headline,
            _meta(page, "og:title"),
            _meta(page, "twitter:title"),
            html_title,
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
        tags=dedupe(tags),
        image_url=image,
        title_variants=variants,
    )
