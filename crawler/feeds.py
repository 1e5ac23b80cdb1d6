"""Scrapy feed exporters for the stored articles (``scrapy crawl news -O file``).

The storage pipeline hands on, for each article the crawl stored, the article's row as
``scrapy export`` writes it (`crawler.items.export_row`): the ``articles`` column names in
schema order, datetimes as ISO 8601 UTC strings, lists as lists. JSON and JSON Lines need
nothing more than Scrapy's own exporters; these two give CSV the cells of ``scrapy export
--format csv`` (a list is a JSON array in one cell, NULL an empty cell) and XML an empty
element for NULL (Scrapy's would write ``None``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from scrapy.exporters import CsvItemExporter, XmlItemExporter


def csv_cell(value: Any) -> str:
    """One CSV cell as ``scrapy export --format csv`` writes it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


class CsvArticleExporter(CsvItemExporter):
    """CSV with the cells of ``scrapy export --format csv``."""

    def serialize_field(self, field: Mapping[str, Any], name: str, value: Any) -> Any:
        return csv_cell(value)


class XmlArticleExporter(XmlItemExporter):
    """Scrapy's XML feed (a list is a run of ``<value>`` elements); NULL is an empty element."""

    def serialize_field(self, field: Mapping[str, Any], name: str, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return [str(entry) for entry in value]
        return str(value)
