"""The page that defines the job: the seed page must give exactly its real paragraphs."""

from __future__ import annotations

import gzip
from pathlib import Path

from cleaning import Article, extract_article

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED_URL = "https://worldnewsdesk.example/pakistan-pm-russia-visit/"


def _seed() -> Article:
    html = gzip.decompress((PAGES / "seed-worldnewsdesk.html.gz").read_bytes())
    return extract_article(html, SEED_URL)


def test_seed_text_is_exactly_the_expected_paragraphs() -> None:
    expected = (PAGES / "seed-worldnewsdesk.expected.txt").read_text(encoding="utf-8")
    paragraphs = [line for line in expected.splitlines() if line.strip()]
    assert _seed().text.splitlines() == paragraphs


def test_seed_boilerplate_is_removed_with_named_rules() -> None:
    article = _seed()
    assert "Translate This News In" not in article.text
    assert "READ:" not in article.text
    assert not article.text.startswith(article.title)
    rules = {r.rule for r in article.removed}
    # the translation widget, share bar and related list go by their markup
    assert {"title_repeat", "markup_widget"} <= rules
    widgets = [r.text for r in article.removed if r.rule == "markup_widget"]
    assert any(text.startswith("Translate This News In") for text in widgets)


def test_seed_metadata() -> None:
    article = _seed()
    assert article.title.startswith(
        "Pakistani Prime Minister Imran Khan is expected to visit Russia"
    )
    assert article.canonical_url == SEED_URL
    assert article.site_name == "World News Desk"
    assert article.authors == []  # "Staff Reporter" is not a person
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2022-02-05T09:12:00+00:00"
    assert article.published_at.tzinfo is not None
    assert article.language == "en"
    assert len(article.content_hash) == 64
    assert article.cleaner_version
