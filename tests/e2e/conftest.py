"""Fixtures of the end-to-end tests (the crawl helpers are in `tests.crawling`)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from crawler.demo.server import SITE_DIR

#: What the example site holds: its articles (title, date, first and last paragraph ...).
EXPECTED = json.loads((SITE_DIR / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def expected() -> dict[str, Any]:
    return dict(EXPECTED)
