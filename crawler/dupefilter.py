"""A duplicate filter for one run, also when the crawl is resumed from ``JOBDIR``.

Scrapy's default filter persists every request it has seen in ``JOBDIR/requests.seen``
as soon as the request is scheduled. After a hard kill (SIGKILL, OOM, power loss) the
requests that were in flight, and the pages fetched but not yet written to the store,
are then "seen" for ever and never fetched again: the resumed crawl silently misses
them. Here the filter lives in memory only: a resumed crawl runs its discovery (robots,
sitemaps, feeds) again, the store's ``pages`` table skips every page already stored
(`crawler.incremental`), and whatever was lost in flight is fetched again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class RunDupeFilter(RFPDupeFilter):
    """`RFPDupeFilter` that never reads or writes ``JOBDIR/requests.seen``."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(
            None,
            crawler.settings.getbool("DUPEFILTER_DEBUG"),
            fingerprinter=crawler.request_fingerprinter,
        )
