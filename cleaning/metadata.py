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
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element

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
    }
)

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
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        for node in _iter_nodes(_load_json(script.text)):
            node_types = _types(node)
            types |= node_types
            if not article and node_types & ARTICLE_TYPES:
                article = node
            elif (
                not article and "webpage" in node_types and isinstance(node.get("mainEntity"), dict)
            ):
                main = node["mainEntity"]
                if _types(main) & ARTICLE_TYPES:
                    article = main
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (
            (element.get("property") or element.get("name") or element.get("itemprop") or "")
            .strip()
            .lower()
        )
        content = (element.get("content") or "").strip()
        if key and content:
            meta.setdefault(key, []).append(content)
    for element in tree.iter("time"):
        if (element.get("itemprop") or "").lower() in (
            "datepublished",
            "datemodified",
        ) and element.get("datetime"):
            meta.setdefault("itemprop:" + element.get("itemprop", "").lower(), []).append(
                element.get("datetime", "")
            )
    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = (link.get("href") or "").strip()
            break
    html_lang = tree.get("lang") or tree.get("xml:lang") if tree.tag == "html" else None
    return PageMeta(frozenset(types), article, meta, html_lang, canonical)


def parse_datetime(value: str | None, *, now: datetime) -> datetime | None:
    """Parse an ISO-8601-like timestamp into an aware UTC datetime.

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
    parsed = parsed.astimezone(UTC)
    if parsed.year < MIN_YEAR or parsed > now:
        return None
    return parsed


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


def split_names(raw: str) -> list[str]:
    """Split a byline into names ("By A, B and C" -> [A, B, C]).

    Args:
        raw: A byline or author field.

    Returns:
        The individual name strings, stripped of "By" and roles after a comma/pipe.
    """
    text = re.sub(
        r"^\s*(?:by|von|par|por|di|door|автор)\s*:?\s+", "", raw.strip(), flags=re.IGNORECASE
    )
    parts = re.split(r"\s*(?:;|,|&|\||\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bи\b)\s*", text)
    return [p.strip(" .-–—") for p in parts if p.strip(" .-–—")]


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
    if site_name and normalize(name) in (
        normalize(site_name),
        normalize(site_name).replace(" ", ""),
    ):
        return False
    return sum(1 for w in words if w[:1].isupper()) >= len(words) - 1


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
            if key not in seen and is_person_name(name, site_name):
                seen.add(key)
                result.append(name)
    return result


def _jsonld_authors(article: dict[str, Any]) -> list[str]:
    raw = article.get("author") or article.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for item in items:
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
