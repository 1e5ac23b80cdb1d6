"""Dates: timestamps of the markup, the dateline printed on the page, the publisher's zone.

Publication and modification times are reconciled here: a UTC timestamp is shown in the
publisher's offset when the page reveals it (another timestamp of the page, else the site's
country or language), the printed dateline's day wins over a markup day one off, the
modification is never before the publication, and neither is in the future.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from typing import Final
from urllib.parse import urlsplit

from lxml.etree import _Element

from cleaning.metadata.jsonld import strings
from cleaning.metadata.metatags import PageMeta
from cleaning.metadata.people import literal_alternation, phrase_alternation
from cleaning.phrases import phrases, subtable
from cleaning.rules.phrasematch import alternation, table
from cleaning.text import normalize

#: Dates before this year are parsing accidents.
MIN_YEAR = 1995


#: A space between a day and its time ("2022-02-05 09:12"), a "+0100" offset, a day.
_SPACED_TIME_RE: Final = re.compile(r"(\d)\s+(?=\d{2}:\d{2})")
_COMPACT_OFFSET_RE: Final = re.compile(r"([+-]\d{2})(\d{2})$")
_ISO_DAY_RE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


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
    text = _SPACED_TIME_RE.sub(r"\1T", text, count=1)
    text = _COMPACT_OFFSET_RE.sub(r"\1:\2", text)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        match = _ISO_DAY_RE.match(text)
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


def timestamps(page: PageMeta) -> list[str]:
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
        stamps.extend(strings(page.article.get(key)))
    return stamps


try:  # htmldate's parser for one date expression ("17.01.2021", "2. November 2021")
    from htmldate.extractors import try_date_expr as _try_date_expr
except ImportError:  # pragma: no cover - a later htmldate without it: no dateline dates
    _try_date_expr = None  # type: ignore[assignment]

#: Longest line (in words) read as a dateline; longer ones are sentences, whose dates are
#: the story's events ("the vote on 31 October"), not its publication.
DATELINE_MAX_WORDS = 12
#: Two days joined by a dash before a month name: the span of an event or exhibition.
_DAY_RANGE_RE: Final = re.compile(r"(?<![\d.])\d{1,2}\.?\s*[-–]\s*\d{1,2}\.?\s+[^\W\d_]")


def dateline_date(lines: Iterable[str], *, now: datetime) -> datetime | None:
    """The publication day printed in a dateline, for a page whose markup has none.

    Args:
        lines: Short lines from the top of the article: the byline and date lines the
            cleaner removed, then the first kept lines.
        now: Dates after this moment are rejected.

    Returns:
        The first date found (midnight UTC: the day is known, not the time), or None.
    """
    earliest = datetime(MIN_YEAR, 1, 1)
    latest = now.astimezone(UTC).replace(tzinfo=None)
    updated = _updated_re()
    for whole in lines:
        if _DIGIT_RE.search(whole) is None:
            continue  # every date expression read holds a number
        whole = published_part(whole, updated)
        # a dateline and a byline on one line ("8 de abril de 2025 - 00:50 | Por ...")
        segments = [whole] if len(whole.split()) <= DATELINE_MAX_WORDS else _SEGMENT_RE.split(whole)
        for line in segments:
            if not line or len(line.split()) > DATELINE_MAX_WORDS:
                continue  # a sentence, or only the date of an update ("Updated Nov 13")
            if _DAY_RANGE_RE.search(line):
                continue  # an event's span ("9-23 Feb 2017", "6. – 7. März"), not a dateline
            day = text_date(line, now=now)
            if day is not None:
                return day
            found = (
                _try_date_expr(line, "%Y-%m-%d", False, earliest, latest)
                if _try_date_expr is not None
                else None
            )
            if found:
                return parse_datetime(found, now=now)
    return None


def published_part(line: str, updated: re.Pattern[str] | None = None) -> str:
    """``line`` up to its first "updated" word ("Nov 18, 2:26 PM - Updated Nov 18 ..."
    gives "Nov 18, 2:26 PM -"); empty when the line starts with one."""
    match = (updated or _updated_re()).search(line)
    return line if match is None else line[: match.start()].strip()


_DIGIT_RE: Final = re.compile(r"\d")
#: Separators between the dateline and the byline printed on one line.
_SEGMENT_RE: Final = re.compile(r"\s[|•·]\s")


@cache
def _updated_re() -> re.Pattern[str]:
    """Words that mark a line's date as an update's (``dates.updated``)."""
    # a trie: one branch tried per character instead of every word in turn (this one
    # is searched at every position of each dateline)
    words = literal_alternation(phrases("dates.updated"))
    return re.compile(r"(?<!\w)(?:" + words + r")(?!\w)", re.IGNORECASE)


#: Text pieces around the headline read for a dateline, and how many characters of them.
HEADLINE_CONTEXT_PIECES = 40
HEADLINE_CONTEXT_CHARS = 800
_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})


#: Elements looked at for the headline when the page has no ``<h1>``, and the shortest
#: text taken for one.
MAX_HEADLINE_SEARCH: Final = 400
MIN_HEADLINE_CHARS: Final = 10
#: Least share of the ``<title>`` that the headline's text covers.
HEADLINE_TITLE_SHARE: Final = 0.4


def find_headline(tree: _Element) -> _Element | None:
    """The page's headline element: the first ``<h1>`` (of several, the first that is most of
    the page's ``<title>``), else the first element whose
    text is most of the page's ``<title>`` (templates that print the logo
    as ``<h1>``, or old table layouts with ``<font><b>headline</b></font>``).

    An ``<h1>`` the title does not repeat yields to an ``<h2>`` it does (templates whose
    only ``<h1>`` is a navigation box's "Quicklinks"); an empty ``<h1>`` (a logo image)
    is never the headline.
    """
    h1s = [h1 for h1 in tree.findall(".//h1") if "".join(h1.itertext()).strip()]
    title_element = tree.find(".//title")
    title = ""
    if title_element is not None:
        title = " ".join("".join(title_element.itertext()).split()).casefold()
    if len(h1s) == 1 and (not title or _covers_title(_heading_text(h1s[0]), title)):
        return h1s[0]
    if h1s:
        # several: the logo, a menu's or sidebar's heading come first in some templates
        # ("Zoll", "Fachmeldungen", then the headline); the one the title repeats wins
        for h1 in h1s:
            if _covers_title(_heading_text(h1), title):
                return h1
        for h2 in tree.iterfind(".//h2"):
            if _covers_title(_heading_text(h2), title):
                return h2
        return h1s[0]
    if not title:
        return None
    body = tree.find("body")
    for i, element in enumerate((body if body is not None else tree).iter()):
        if i >= MAX_HEADLINE_SEARCH:
            break
        if not element.text or not isinstance(element.tag, str) or element.tag in _NO_TEXT_TAGS:
            continue  # most elements hold no text of their own
        text = " ".join(element.text.split()).casefold()
        if _covers_title(text, title):
            return element
    return None


def _heading_text(element: _Element) -> str:
    return " ".join("".join(element.itertext()).split()).casefold()


def _covers_title(text: str, title: str) -> bool:
    """The headline is most of the title ("Site :: Headline"); the site's name is not."""
    return bool(title) and (
        len(text) >= max(MIN_HEADLINE_CHARS, HEADLINE_TITLE_SHARE * len(title)) and text in title
    )


#: `find_headline` not yet asked (its answer may be None: the page has no headline).
_UNKNOWN: Final = object()


def headline_context(tree: _Element, headline: object = _UNKNOWN) -> list[str]:
    """The short text pieces of the headline's container, in page order.

    The container is the headline's grandparent: the article header of most templates
    (or the table cell of old layouts). ``headline``: `find_headline`'s answer, when
    already known.
    """
    headline = find_headline(tree) if headline is _UNKNOWN else headline
    if not isinstance(headline, _Element):
        return []
    container = headline.getparent()
    if container is not None and container.getparent() is not None:
        container = container.getparent()
    if container is None:
        return []
    pieces: list[str] = []
    size = 0
    # the headline's own words are not its dateline ("Results of 19.5.2007", posted on
    # the 20th)
    in_headline = set(headline.iter())
    for element in container.iter():
        if not isinstance(element.tag, str) or element.tag in _NO_TEXT_TAGS:
            continue
        inside = element in in_headline
        own = "" if inside or not element.text else element.text.strip()
        tail = "" if (inside and element is not headline) or not element.tail else element.tail
        tail = tail.strip()
        if not own and not tail:
            continue
        if _is_modification_stamp(element):
            continue  # "updated 29.12." printed before "published 30.12."
        for text in (own, tail):
            if text:
                pieces.append(text)
                size += len(text)
        if len(pieces) >= HEADLINE_CONTEXT_PIECES or size >= HEADLINE_CONTEXT_CHARS:
            break
    return pieces


#: Levels above the headline searched for a dateline its container does not hold, and the
#: text pieces read on each side of the headline there (press releases and CMS templates
#: that print "Pressemitteilung vom 12.03.2021" a few blocks above or below the headline).
HEADLINE_WINDOW_LEVELS: Final = 5
HEADLINE_WINDOW_PIECES: Final = 8
#: Elements whose text is never the article's dateline: links (other articles' teasers and
#: their dates), navigation, sidebars, footers, form controls.
_NOT_DATELINE_TAGS: Final = frozenset(
    {"a", "nav", "aside", "footer", "select", "option", "button", "form", *_NO_TEXT_TAGS}
)


def headline_window(
    tree: _Element, headline: object = _UNKNOWN, *, before_only: bool = False
) -> list[str]:
    """Short text pieces near the headline beyond its container, nearest first.

    Read when the headline's container (`headline_context`) prints no date: the pieces
    of the headline's ancestor `HEADLINE_WINDOW_LEVELS` up, up to `HEADLINE_WINDOW_PIECES`
    on each side of the headline, alternating after and before it; text in links,
    navigation, sidebars and footers is skipped. ``before_only``: the pieces before it
    only (``headline`` is then the article's first paragraph, see `body_start_date`).
    """
    headline = find_headline(tree) if headline is _UNKNOWN else headline
    if not isinstance(headline, _Element):
        return []
    scope = headline
    for _ in range(HEADLINE_WINDOW_LEVELS):
        parent = scope.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    before: list[str] = []
    after: list[str] = []
    passed = False
    skipped: set[_Element] = set()
    for element in scope.iter():
        if not isinstance(element.tag, str):
            continue
        if element is headline:
            passed = True
            skipped.add(element)
            continue
        if element.tag in _NOT_DATELINE_TAGS or element.getparent() in skipped:
            skipped.add(element)
            continue
        text = " ".join((element.text or "").split())
        if not text:
            continue
        if passed:
            after.append(text)
            if len(after) >= HEADLINE_WINDOW_PIECES:
                break
        else:
            before.append(text)
    before = before[-HEADLINE_WINDOW_PIECES:][::-1]
    if before_only:
        return before
    window: list[str] = []
    for i in range(max(len(before), len(after))):
        window.extend(side[i] for side in (after, before) if i < len(side))
    return window


def _is_modification_stamp(element: _Element) -> bool:
    """A ``<time>`` (or any element) marked as the modification time, not the publication:
    ``itemprop="dateModified"``, or class ``updated`` without ``published``
    (WordPress themes print both)."""
    if (element.get("itemprop") or "").strip() == "dateModified":
        return True
    classes = (element.get("class") or "").split()
    return "updated" in classes and "published" not in classes


def headline_date(tree: _Element, *, now: datetime) -> datetime | None:
    """The date printed next to the headline (see `headline_context`), else a few blocks
    above or below it (see `headline_window`).

    Args:
        tree: The parsed page.
        now: Dates after this moment are rejected.

    Returns:
        The first date found (midnight UTC), or None.
    """
    headline = find_headline(tree)
    return dateline_date(headline_context(tree, headline), now=now) or dateline_date(
        headline_window(tree, headline), now=now
    )


#: Characters of the article's first line that find its element in the page.
BODY_START_KEY_CHARS: Final = 24


def body_start_date(tree: _Element, first_line: str, *, now: datetime) -> datetime | None:
    """The date printed a few blocks above the article's first paragraph.

    For pages whose headline is not found (a ``<title>`` that does not repeat it, every
    ``<h1>`` in a sidebar): the dateline sits between the headline and the text, so the
    article's own first line is the anchor instead. Its element is the first whose own
    text opens with the line's first `BODY_START_KEY_CHARS` characters; the pieces before
    it are read as in `headline_window`.
    """
    key = " ".join(first_line.split())[:BODY_START_KEY_CHARS]
    if len(key) < BODY_START_KEY_CHARS:
        return None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NO_TEXT_TAGS:
            continue
        text = element.text
        if text and len(text) >= BODY_START_KEY_CHARS and " ".join(text.split()).startswith(key):
            return dateline_date(headline_window(tree, element, before_only=True), now=now)
    return None


@cache
def _original_re() -> re.Pattern[str]:
    """Notes that the article first appeared earlier (``dates.original``)."""
    return re.compile(alternation(table("dates.original")))


#: Longest note of a first publication (characters): twelve words of any length.
ORIGINAL_NOTE_MAX_CHARS: Final = 400


def first_publication(lines: Iterable[str], *, now: datetime) -> datetime | None:
    """The day a republished article first appeared, from a short note that says so
    ("This article was originally published on 27 February 2017", "Dieser Artikel ist
    ursprünglich am 27. Februar 2017 erschienen").

    Args:
        lines: The article's lines (kept and removed); only those of at most
            `DATELINE_MAX_WORDS` words are read, longer ones are the story's sentences.
        now: Dates after this moment are rejected.

    Returns:
        Midnight UTC of that day, or None.
    """
    pattern = _original_re()
    for line in lines:
        # a paragraph of the story is no note: its length in characters tells first
        if len(line) > ORIGINAL_NOTE_MAX_CHARS or len(line.split()) > DATELINE_MAX_WORDS:
            continue
        if _DIGIT_RE.search(line) is None:
            continue
        if pattern.search(normalize(line)) is not None:
            day = dateline_date([line], now=now)
            if day is not None:
                return day
    return None


@cache
def _month_patterns() -> tuple[re.Pattern[str], ...]:
    """Date expressions with month names of every language (``[dates.months]``)."""
    names: dict[str, int] = {}
    for number, values in subtable("dates.months").items():
        for value in values:
            names.setdefault(value.casefold(), int(number))
    month = rf"(?P<month>{phrase_alternation(names)})\.?"
    return (
        # "19 November 2019", "19. November 2019", "19 de novembro de 2019", "19 ноября 2019"
        re.compile(
            rf"(?<!\d)(?P<day>\d{{1,2}})\.?,?\s*(?:de\s+)?{month}\s*,?\s*(?:de\s+)?(?P<year>\d{{4}})",
            re.IGNORECASE,
        ),
        # "November 19, 2019", "Nov. 19 2019"
        re.compile(
            rf"{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", re.IGNORECASE
        ),
        # "2019. november 19." (Hungarian)
        re.compile(rf"(?P<year>\d{{4}})\.?\s+{month}\s+(?P<day>\d{{1,2}})", re.IGNORECASE),
    )


@cache
def _month_numbers() -> dict[str, int]:
    return {
        value.casefold(): int(number)
        for number, values in subtable("dates.months").items()
        for value in values
    }


#: Every date expression read holds a four-digit year.
_YEAR_RE: Final = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: "2019年11月19日", "2019년 11월 19일", and numeric dates with the year first.
_CJK_DATE_RE: Final = re.compile(
    r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]?"
)
_ISO_DATE_RE: Final = re.compile(
    r"(?<!\d)(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})(?!\d)"
)
#: "6.11.22": day, month and a two-digit year with full stops (German, Czech, Polish...).
_DMY_SHORT_RE: Final = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2})(?![\d.])"
)
#: "19.11.2019" (day first, as written outside the US), "19/11/2019" where the day is > 12.
_DMY_DATE_RE: Final = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
)


def text_date(line: str, *, now: datetime) -> datetime | None:
    """The day written in a dateline, in any language of the phrase tables.

    Args:
        line: A short line ("Publié le 19 novembre 2019 à 10h", "2019년 11월 19일 입력").
        now: Dates after this moment are rejected.

    Returns:
        Midnight UTC of that day, or None.
    """
    if _YEAR_RE.search(line) is None:
        short = _DMY_SHORT_RE.search(line)
        if short is None:
            return None
        try:
            day = datetime(
                2000 + int(short["year"]), int(short["month"]), int(short["day"]), tzinfo=UTC
            )
        except ValueError:
            return None
        return day if day <= now else None
    found: tuple[int, int, int] | None = None
    for pattern in (_CJK_DATE_RE, _ISO_DATE_RE):
        match = pattern.search(line)
        if match:
            found = (int(match["year"]), int(match["month"]), int(match["day"]))
            break
    if found is None and any(c.isalpha() for c in line):
        months = _month_numbers()
        for pattern in _month_patterns():
            match = pattern.search(line)
            if match:
                month = months.get(" ".join(match["month"].casefold().split()))
                if month:
                    found = (int(match["year"]), month, int(match["day"]))
                    break
    if found is None:
        match = _DMY_DATE_RE.search(line)
        if match and (match["sep"] == "." or int(match["day"]) > 12):
            found = (int(match["year"]), int(match["month"]), int(match["day"]))
    if found is None:
        return None
    try:
        day = datetime(*found, tzinfo=UTC)
    except ValueError:
        return None
    if day.year < MIN_YEAR or day > now:
        return None
    return day


#: The publisher's usual UTC offset (hours, standard time) by country-code TLD: the last
#: resort when a page gives a UTC time and nothing else says where it was published.
OFFSET_BY_TLD: Final[dict[str, float]] = {
    "uk": 0, "ie": 0, "pt": 0, "is": 0,
    "de": 1, "at": 1, "ch": 1, "fr": 1, "es": 1, "it": 1, "nl": 1, "be": 1, "lu": 1,
    "pl": 1, "cz": 1, "sk": 1, "hu": 1, "se": 1, "no": 1, "dk": 1, "hr": 1, "si": 1,
    "rs": 1, "ba": 1, "ng": 1,
    "fi": 2, "ee": 2, "lv": 2, "lt": 2, "ro": 2, "bg": 2, "gr": 2, "ua": 2, "cy": 2,
    "il": 2, "eg": 2, "za": 2, "lb": 2, "jo": 2,
    "ru": 3, "by": 3, "tr": 3, "sa": 3, "qa": 3, "kw": 3, "iq": 3, "ke": 3, "et": 3,
    "ae": 4, "om": 4, "ir": 3.5, "pk": 5, "in": 5.5, "lk": 5.5, "np": 5.75, "bd": 6,
    "th": 7, "vn": 7, "id": 7, "cn": 8, "hk": 8, "tw": 8, "sg": 8, "my": 8, "ph": 8,
    "jp": 9, "kr": 9, "au": 10, "nz": 12,
    "br": -3, "ar": -3, "cl": -4, "co": -5, "pe": -5, "mx": -6, "ca": -5, "us": -5,
}  # fmt: skip
#: The same by the page's language, for generic TLDs (.com, .org, .net, .info).
OFFSET_BY_LANGUAGE: Final[dict[str, float]] = {
    "de": 1, "fr": 1, "it": 1, "nl": 1, "pl": 1, "cs": 1, "sk": 1, "hu": 1, "sv": 1,
    "da": 1, "no": 1, "nb": 1, "hr": 1, "sr": 1, "sl": 1,
    "fi": 2, "ro": 2, "bg": 2, "el": 2, "uk": 2, "he": 2, "et": 2, "lv": 2, "lt": 2,
    "ru": 3, "tr": 3, "ar": 3, "fa": 3.5, "hi": 5.5, "bn": 6, "th": 7, "vi": 7,
    "id": 7, "ms": 8, "zh": 8, "ja": 9, "ko": 9,
}  # fmt: skip


def publisher_offset(host: str, language: str | None) -> timedelta | None:
    """The publisher's usual UTC offset from its TLD, else from the page's language.

    Args:
        host: The page's host name.
        language: The page's ISO 639-1 code, if known.

    Returns:
        The offset, or None when neither says (a ``.com`` page in English, say).
    """
    tld = host.rsplit(".", 1)[-1].casefold() if host else ""
    hours = OFFSET_BY_TLD.get(tld)
    if hours is None and language:
        hours = OFFSET_BY_LANGUAGE.get(language)
    return None if hours is None else timedelta(hours=hours)


#: Widest gap between a visible dateline's day and the markup's UTC day that a time zone
#: explains (UTC-12 to UTC+14).
_ZONE_SPAN: Final = (timedelta(hours=-12), timedelta(hours=14))


def reconcile_dates(
    published: datetime | None,
    modified: datetime | None,
    *,
    visible_day: datetime | None,
    zone_known: bool,
    fallback_offset: timedelta | None,
    now: datetime,
    day_only: bool = False,
) -> tuple[datetime | None, datetime | None]:
    """Publication and modification times that agree with the page and with each other.

    Args:
        published: The markup's publication time (its own offset), or None.
        modified: The markup's modification time, or None.
        visible_day: The day printed in the dateline (midnight UTC), or None.
        zone_known: Whether ``published`` is already in the publisher's offset (the page
            wrote it with a non-zero offset, or another timestamp revealed it); a printed
            day one off still wins.
        fallback_offset: The publisher's usual offset (see `publisher_offset`).
        now: Nothing may be later.
        day_only: ``published`` is a day without a time (``2020-02-12``, a URL's date):
            it is never moved to another offset, and a visible day next to it wins.

    Returns:
        ``(published, modified)``: a UTC markup time is moved to the offset in which its
        day is the visible day (the fallback offset when it agrees, else the smallest
        that does), or to the fallback offset when no day is visible; with neither, a
        visible day stands in for a missing time. A modification before the
        publication is dropped; times after ``now`` are dropped.
    """
    if published is not None and published > now:
        published = None
    if modified is not None and modified > now:
        modified = None
    if published is None:
        published = visible_day
    elif day_only:
        if (
            visible_day is not None
            and abs(published.date() - visible_day.date()) <= timedelta(days=1)
            and not _is_update(visible_day, modified)
        ):
            published = visible_day
    elif not zone_known:
        published = _shift_to_day(published, visible_day, fallback_offset)
    if (
        published is not None
        and visible_day is not None
        and published.date() != visible_day.date()
        and abs(published.date() - visible_day.date()) <= timedelta(days=1)
        and not _is_update(visible_day, modified)
    ):
        # the page prints the day before or after its markup's: the same instant in the
        # offset the page displays (farther days are an update's or another article's)
        published = _shift_to_day(published, visible_day, None)
        if published.date() != visible_day.date():
            # no time zone explains it (a naive local time read as UTC): the printed day
            published = visible_day
    elif (
        published is not None
        and visible_day is not None
        and published.date() != visible_day.date()
        and not _is_update(visible_day, modified)
    ):
        # days apart: the markup's date is the template's (a page's creation, a sitemap's
        # build, a press release re-filed) and the printed dateline is what readers see
        published = visible_day
    if modified is not None and published is not None and modified < published:
        modified = None
    if modified is not None and published is not None:
        modified = modified.astimezone(published.tzinfo)
    return published, modified


@cache
def _zone_offsets() -> dict[str, int]:
    """Printed time-zone abbreviations and their offsets in minutes (``dates.zones``)."""
    return {
        name.casefold(): int(minutes)
        for minutes, names in subtable("dates.zones").items()
        for name in names
    }


@cache
def _printed_time_re() -> re.Pattern[str]:
    """A printed wall-clock time ("8:19 PM", "19:14", "2:26 p.m. HST"), its zone if any."""
    zones = "|".join(sorted(map(re.escape, _zone_offsets()), key=len, reverse=True))
    return re.compile(
        r"(?<![\d:+\-−])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?(?![\d:])"
        r"\s*(?P<half>[ap]\.?\s?m\b\.?)?"
        rf"(?:\s*\(?(?P<zone>{zones})\b"
        r"(?:\s*(?P<sign>[+-−])(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?(?!\d))?)?",
        re.IGNORECASE,
    )


#: Widest UTC offsets, in minutes.
_OFFSET_MINUTES: Final = (-12 * 60, 14 * 60)


def printed_offset(lines: Iterable[str], instant: datetime) -> timedelta | None:
    """The publisher's UTC offset from the time printed in its dateline.

    A time printed with its zone ("7:04 pm ET", "2:26 PM HST", "04:40 WIB") gives the
    offset (the exact one when the wall clock and the markup's UTC time agree within an
    hour of it: "ET" is -4 in summer). A time printed without a zone ("Posted Nov 18,
    8:19 PM") gives it when its minutes are those of the markup's UTC time and one
    whole-half-hour offset, within UTC-12 to UTC+14 and agreeing with the line's day
    when it prints one, explains the difference. Times after an "updated" word are not
    the publication's.

    Args:
        lines: Byline and dateline lines, best first.
        instant: The markup's publication time.

    Returns:
        The offset, or None when no printed time tells.
    """
    utc = instant.astimezone(UTC)
    utc_minutes = utc.hour * 60 + utc.minute
    zones = _zone_offsets()
    pattern = _printed_time_re()
    for raw in lines:
        if ":" not in raw:
            continue  # no wall-clock time
        line = published_part(raw)
        if not line or len(line.split()) > DATELINE_MAX_WORDS + 8:
            continue
        for match in pattern.finditer(line):
            hour, minute = int(match["hour"]), int(match["minute"])
            half = (match["half"] or "").casefold()
            if half and not 1 <= hour <= 12:
                continue
            if half.startswith("p") and hour < 12:
                hour += 12
            elif half.startswith("a") and hour == 12:
                hour = 0
            if hour > 23 or minute > 59:
                continue
            diff = hour * 60 + minute - utc_minutes
            fits = [
                d
                for d in (diff - 1440, diff, diff + 1440)
                if _OFFSET_MINUTES[0] <= d <= _OFFSET_MINUTES[1] and d % 30 == 0
            ]
            zone = match["zone"]
            if zone:
                named = zones[zone.casefold()]
                if match["sign"]:  # "GMT+7", "UTC-03:00"
                    sign = -1 if match["sign"] in "-−" else 1
                    named += sign * (60 * int(match["zh"]) + int(match["zm"] or 0))
                exact = [d for d in fits if abs(d - named) <= 60]
                return timedelta(minutes=exact[0] if exact else named)
            # the markup's own clock again (the same timestamp written twice) tells nothing
            fits = [d for d in fits if d]
            day = text_date(line, now=datetime.max.replace(tzinfo=UTC))
            if day is not None:
                fits = [d for d in fits if (utc + timedelta(minutes=d)).date() == day.date()]
            if len(fits) == 1:
                return timedelta(minutes=fits[0])
    return None


def _is_update(visible_day: datetime | None, modified: datetime | None) -> bool:
    """Whether the printed day is the markup's modification day (the page shows when it
    was updated, not when it was published)."""
    return (
        visible_day is not None and modified is not None and modified.date() == visible_day.date()
    )


def _shift_to_day(instant: datetime, day: datetime | None, fallback: timedelta | None) -> datetime:
    """``instant`` in an offset where its calendar day is ``day`` (see `reconcile_dates`)."""
    if day is None:
        return instant.astimezone(timezone(fallback)) if fallback else instant
    target = day.date()
    if instant.date() == target and (fallback is None or _day_in(instant, fallback) == target):
        return instant.astimezone(timezone(fallback)) if fallback else instant
    candidates = [fallback] if fallback is not None else []
    candidates += sorted((timedelta(minutes=30 * k) for k in range(-24, 29)), key=lambda d: abs(d))
    for offset in candidates:
        if _ZONE_SPAN[0] <= offset <= _ZONE_SPAN[1] and _day_in(instant, offset) == target:
            return instant.astimezone(timezone(offset))
    return instant


def _day_in(instant: datetime, offset: timedelta) -> date:
    return instant.astimezone(timezone(offset)).date()


#: A date in a URL path: "/2019/11/18/", "/2019/nov/18/".
_URL_DATE_RE: Final = re.compile(
    r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2}|[a-z]{3,9})/(?P<day>\d{1,2})(?:/|$)", re.I
)


#: A path segment that is a whole day, day first: "/meldungen/29-10-2021", "/29.10.2021.html".
_URL_DAY_FIRST_RE: Final = re.compile(
    r"/(?P<day>\d{2})[-.](?P<month>\d{2})[-.](?P<year>(?:19|20)\d\d)(?:/|\.html?|$)"
)


def url_day(url: str) -> date | None:
    """The day a URL's path names ("/2019/nov/18/", "/29-10-2021"), or None."""
    match = _URL_DATE_RE.search(url) or _URL_DAY_FIRST_RE.search(urlsplit(url).path)
    if match is None:
        return None
    month_text = match["month"].casefold()
    month = int(month_text) if month_text.isdigit() else _month_numbers().get(month_text)
    try:
        return date(int(match["year"]), month, int(match["day"])) if month else None
    except ValueError:
        return None


def dateline_matching(lines: Iterable[str], day: date, *, now: datetime) -> datetime | None:
    """The dateline among ``lines`` that prints ``day`` (a URL's day), or None: of several
    dates near the headline ("a claim made on 13 October", "published 18 November"), the
    one the URL names is the publication's."""
    for line in lines:
        found = dateline_date([line], now=now)
        if found is not None and found.date() == day:
            return found
    return None
