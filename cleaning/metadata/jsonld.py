"""JSON-LD: the article node, its authors and publisher, nodes by ``@id``.

JSON-LD (``NewsArticle``, ``Article``, ``ReportageNewsArticle``, ... also inside
``@graph``) is what publishers maintain for search engines, so the builder trusts it first
when it is well-formed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

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


def iter_nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from iter_nodes(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from iter_nodes(value["@graph"])


def node_types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].casefold() for v in values if v}


#: A CDATA wrapper around a script's JSON (XHTML templates), with its ``//`` comments.
_CDATA_RE: Final = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def load_json(text: str) -> Any:
    text = text.strip()
    if "<![CDATA[" in text or "]]>" in text:
        # the regex's unanchored second branch is tried at every character of the text
        text = _CDATA_RE.sub("", text)
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


def strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        for key in ("name", "url", "@id"):
            if isinstance(value.get(key), str):
                return [value[key]]
    return []


def node_str(node: Any, key: str) -> str | None:
    if not isinstance(node, dict):
        return None
    values = strings(node.get(key))
    return " ".join(values[0].split()) if values and values[0].strip() else None


#: schema.org types of an organisation credited as an author.
ORGANIZATION_TYPES = frozenset(
    {"organization", "newsmediaorganization", "corporation", "organisation", "newsagency"}
)


def jsonld_credits(
    article: dict[str, Any], nodes: dict[str, dict[str, Any]]
) -> tuple[list[str], list[str]]:
    """The article's ``author``/``creator`` names: people and organisations apart.

    Args:
        article: The article node.
        nodes: Nodes by ``@id`` (authors given as references are looked up there).

    Returns:
        ``(people, organisations)``: raw names as written; untyped strings count as people
        (the byline code decides what they are).
    """
    raw = article.get("author") or article.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    persons: list[str] = []
    organizations: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and item.get("@id") in nodes:
            item = nodes[item["@id"]]
        if isinstance(item, dict):
            kinds = node_types(item)
            # a site run by one person types its author both ways ("Person",
            # "Organization"): the person is who wrote the article
            if kinds & ORGANIZATION_TYPES and "person" not in kinds:
                organizations.extend(strings(item.get("name")))
            else:
                persons.extend(strings(item.get("name")))
        elif isinstance(item, str):
            persons.append(item)
    return persons, organizations
