"""The crawl's store: one `storage.Store` per crawler, shared by its components.

The first component that needs the store (an incremental middleware, the storage
pipeline, the archive reader) opens it; the others get the same one. In a ``scrapy
crawl`` the command has opened it already, before the engine starts, so the schema is
brought current once per crawl. The crawler gives it back when its engine stops, after
every ``spider_closed`` handler (the crawl record, the end-of-crawl re-clean) has run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals

from crawler.config import StorageConfig
from storage import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_stores: WeakKeyDictionary[Crawler, Store] = WeakKeyDictionary()


def crawl_store(crawler: Crawler) -> Store:
    """The store of ``crawler`` (``NEWS_DB_URL``), opened on first use.

    Raises:
        storage.DatabaseUnavailable: The store cannot be reached or migrated.
    """
    store = _stores.get(crawler)
    if store is None:
        config = StorageConfig.from_settings(crawler.settings)
        store = Store.open(config.url, outage_timeout=config.outage_timeout)
        _stores[crawler] = store

        def release() -> None:
            if _stores.pop(crawler, None) is store:
                store.close()

        crawler.signals.connect(release, signal=signals.engine_stopped, weak=False)
    return store
