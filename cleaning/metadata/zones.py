"""The publisher's time zone, learned from a site's other pages in the same crawl.

Many pages give their publication time only in UTC and print no time of their own
(or print only the day); on those the day a reader sees depends on the publisher's
offset, which the page alone cannot tell. Other pages of the same site often do tell
it: a timestamp written with its offset, or a printed time ("8:19 PM ET") beside the
UTC one. `CrawlZones` collects that evidence as a crawl cleans the site's articles,
the way `cleaning.boilerplate.CrawlBoilerplate` collects recurring lines, and gives
the site's usual offset to the pages that need it (`build_metadata`'s ``zone_hint``).

Pure and deterministic: the same observations in the same order give the same answer.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Final

#: Pages of a site that must have shown their offset before one is given to others.
ZONE_MIN_PAGES: Final = 2
#: Least share of those pages that agree on the offset (summer and winter time split a
#: site's pages between two offsets an hour apart: the more frequent one is given).
ZONE_MIN_SHARE: Final = 0.5
#: Most recent observations kept per site (a crawl's memory stays bounded).
ZONE_WINDOW: Final = 200
#: Widest UTC offsets, in minutes (UTC-12 to UTC+14).
_SPAN: Final = (-12 * 60, 14 * 60)


def offset_between(markup_utc: datetime, printed: datetime) -> timedelta | None:
    """The UTC offset that turns ``markup_utc`` into the printed wall-clock time.

    Args:
        markup_utc: The publication instant (aware; naive is taken as UTC).
        printed: The local wall-clock time the page shows for it (an aware value is
            read as its wall clock).

    Returns:
        The offset in whole half hours (seconds dropped), or None when the two are not
        the same moment in any zone.
    """
    instant = markup_utc if markup_utc.tzinfo else markup_utc.replace(tzinfo=UTC)
    utc = instant.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)
    wall = printed.replace(tzinfo=None, second=0, microsecond=0)
    minutes = round((wall - utc).total_seconds() / 60)
    if minutes % 30 or not _SPAN[0] <= minutes <= _SPAN[1]:
        return None
    return timedelta(minutes=minutes)


class CrawlZones:
    """Each site's usual UTC offset, from the pages of one crawl that showed theirs.

    The crawler calls `observe` with a cleaned article's evidence (its
    ``zone_evidence``: the markup's UTC time and the local time the page showed) and
    asks `offset` before cleaning the site's next page. An offset is given once
    `ZONE_MIN_PAGES` pages showed one and at least `ZONE_MIN_SHARE` of them agree.
    """

    def __init__(self) -> None:
        self._seen: dict[str, list[int]] = {}

    def observe(self, site: str, markup_utc: datetime, printed: datetime) -> None:
        """Take one page's publication time and the local time it showed as evidence.

        Args:
            site: The site (``storage.urls.site_of`` of the URL).
            markup_utc: The publication instant.
            printed: The wall-clock time the page showed for it.
        """
        offset = offset_between(markup_utc, printed)
        if offset is None:
            return
        seen = self._seen.setdefault(site, [])
        seen.append(int(offset.total_seconds() // 60))
        if len(seen) > ZONE_WINDOW:
            del seen[0]

    def offset(self, site: str) -> timedelta | None:
        """The site's usual offset, or None before enough agreeing evidence."""
        seen = self._seen.get(site)
        if not seen or len(seen) < ZONE_MIN_PAGES:
            return None
        # most frequent; ties go to the offset seen first (deterministic)
        counts = Counter(seen)
        minutes, count = max(counts.items(), key=lambda item: (item[1], -seen.index(item[0])))
        if count < ZONE_MIN_SHARE * len(seen) or count < ZONE_MIN_PAGES:
            return None
        return timedelta(minutes=minutes)

    def sites(self) -> dict[str, timedelta]:
        """Every site with a usual offset."""
        found = {site: self.offset(site) for site in self._seen}
        return {site: offset for site, offset in found.items() if offset is not None}
