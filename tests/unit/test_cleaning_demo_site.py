"""The bundled demo site: every article page gives its expected paragraphs and metadata.

The site and its ``expected.json`` belong to the crawler (``crawler/demo/site``); this test
checks the cleaning half of that contract without a crawl.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from cleaning import CleaningError, NotAnArticle, extract_article

SITE = Path(__file__).resolve().parents[2] / "crawler" / "demo" / "site"
EXPECTED = SITE / "expected.json"
BASE = "http://127.0.0.1:8765"

pytestmark = pytest.mark.skipif(not EXPECTED.is_file(), reason="demo site not present")


def _expected() -> dict[str, Any]:
    return json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.is_file() else {}


def _page(path: str) -> str:
    file = SITE / path.strip("/") / "index.html" if path.strip("/") else SITE / "index.html"
    return file.read_text(encoding="utf-8").replace("{{BASE_URL}}", BASE)


ARTICLES = _expected().get("articles", [])


@pytest.mark.parametrize("expected", ARTICLES, ids=[a["path"] for a in ARTICLES])
def test_demo_article(expected: dict[str, Any]) -> None:
    article = extract_article(_page(expected["path"]), BASE + expected["path"])
    assert article.text.splitlines() == expected["paragraphs"]
    assert article.title == expected["title"]
    assert article.authors == expected["authors"]
    assert article.language == expected["language"]
    assert article.site_name == expected["site_name"]
    assert article.published_at == datetime.fromisoformat(expected["published_at"])
    for snippet in expected.get("must_not_contain", []):
        assert snippet not in article.text


@pytest.mark.parametrize("path", ["/", "/tag/politics/", "/tag/economy/"])
def test_demo_listing_pages_are_not_articles(path: str) -> None:
    if not (SITE / path.strip("/")).exists() and path != "/":
        pytest.skip(f"{path} not in the demo site")
    with pytest.raises(NotAnArticle):
        extract_article(_page(path), BASE + path)


def test_no_demo_article_raises() -> None:
    for expected in ARTICLES:
        try:
            extract_article(_page(expected["path"]), BASE + expected["path"])
        except CleaningError as exc:  # pragma: no cover - reported by the assertion
            pytest.fail(f"{expected['path']}: {exc}")
