"""Crawls of the local example site: discovery, cleaning and storing in-process; the
checks that ``scrapy crawl`` makes before it starts as a subprocess."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawler.demo.server import SiteServer
from tests.crawling import crawl, run_crawl, stored

pytestmark = pytest.mark.slow


def _articles(expected: dict[str, Any], flag: str | None = None) -> dict[str, dict[str, Any]]:
    return {a["path"]: a for a in expected["articles"] if flag is None or a.get(flag)}


def _check_article(record: Any, want: dict[str, Any]) -> None:
    assert record.title == want["title"]
    assert record.published_at is not None
    assert record.published_at.date().isoformat() == want["published"]
    lines = record.text.split("\n")
    assert lines[0] == want["first_paragraph"]
    assert lines[-1] == want["last_paragraph"]
    for junk in want["must_not_contain"]:
        assert junk not in record.text, f"{junk!r} left in {want['path']}"
    assert record.title not in record.text


def test_sitemap_crawl_stores_exactly_the_articles_and_a_rerun_adds_none(
    site: SiteServer, db_url: str, expected: dict[str, Any]
) -> None:
    result = crawl([f"sitemap={site.base_url}/sitemap.xml"], db_url)
    articles = stored(db_url)
    want = _articles(expected)
    assert set(articles) == set(want)
    for path, record in articles.items():
        _check_article(record, want[path])
        assert record.site == "127.0.0.1"
    # The home and tag pages are in the sitemap but are not articles.
    assert result.stats.get("news/cleaning/not_article", 0) >= len(expected["non_articles"])

    first_seen = {path: r.first_seen_at for path, r in articles.items()}
    crawl([f"sitemap={site.base_url}/sitemap.xml"], db_url)
    articles_again = stored(db_url)
    assert set(articles_again) == set(want)
    assert {p: r.first_seen_at for p, r in articles_again.items()} == first_seen


def test_google_news_sitemap(site: SiteServer, sqlite_url: str, expected: dict[str, Any]) -> None:
    result = crawl([f"sitemap={site.base_url}/sitemap-news.xml"], sqlite_url)
    articles = stored(sqlite_url)
    assert articles and set(articles) <= set(_articles(expected))
    assert result.stats["news/discovery/sitemap_entries"] == len(articles)


@pytest.mark.parametrize(("feed", "flag"), [("feed.xml", "in_feed"), ("atom.xml", "in_atom")])
def test_feed_crawl(
    site: SiteServer,
    sqlite_url: str,
    expected: dict[str, Any],
    feed: str,
    flag: str,
) -> None:
    crawl([f"feed={site.base_url}/{feed}"], sqlite_url)
    want = _articles(expected, flag)
    assert want
    articles = stored(sqlite_url)
    assert set(articles) == set(want)
    for path, record in articles.items():
        _check_article(record, want[path])


def test_urls_file(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    paths = [a["path"] for a in expected["articles"][:3]]
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text(
        "# articles to fetch\n\n"
        + "\n".join(f"{site.base_url}{p}?utm_source=newsletter" for p in paths)
        + "\n"
    )
    crawl([f"urls_file={urls_file}"], sqlite_url)
    articles = stored(sqlite_url)
    assert set(articles) == set(paths)  # tracking parameters dropped from the key


def test_site_discovery_uses_robots_sitemaps_and_home_page_feeds(
    site: SiteServer, sqlite_url: str, expected: dict[str, Any]
) -> None:
    result = crawl([f"site={site.base_url}/"], sqlite_url)
    assert set(stored(sqlite_url)) == set(_articles(expected))
    assert result.stats["news/discovery/robots_sitemaps"] >= 1
    assert result.stats["news/discovery/home_feeds"] >= 1
    requested = {path.split("?")[0] for _, path, _ in site.requests}
    assert "/feed.xml" in requested and "/sitemap.xml" in requested
    for path in expected["robots_disallowed"]:
        assert path not in requested, f"robots.txt disallows {path}"
    user_agents = {headers.get("User-Agent", "") for _, _, headers in site.requests}
    assert all(ua.startswith("newsclean/") for ua in user_agents)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["urls=http://127.0.0.1:1/"], "unknown argument 'urls'"),
        (["url=127.0.0.1/no-scheme"], "malformed URL"),
        (["urls_file=/nonexistent/list.txt"], "cannot read"),
    ],
)
def test_bad_argument_stops_before_fetching(
    site: SiteServer, sqlite_url: str, tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = run_crawl([*arguments, f"sitemap={site.base_url}/sitemap.xml"], sqlite_url, tmp_path)
    assert result.returncode == 2
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 1 and message in error_lines[0], result.stderr
    assert site.requests == []


def test_unreachable_database_fails_at_start_without_leaking_the_password(
    site: SiteServer, tmp_path: Path
) -> None:
    db_url = "postgresql+psycopg://newsuser:s3cr3t-pw@127.0.0.1:1/news"
    result = run_crawl([f"sitemap={site.base_url}/sitemap.xml"], db_url, tmp_path)
    assert result.returncode == 1
    assert "cannot connect to database" in result.stderr
    assert "s3cr3t-pw" not in result.stderr + result.stdout
    assert site.requests == []


def test_robots_txt_holds_for_every_waiting_request(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    # Several requests wait for the site's robots.txt at once; each must get its rules
    # (Scrapy's middleware let all but the first waiters through).
    urls_file = tmp_path / "urls.txt"
    paths = [a["path"] for a in expected["articles"][:5]] + expected["robots_disallowed"]
    urls_file.write_text("\n".join(site.base_url + p for p in paths) + "\n")
    result = crawl([f"urls_file={urls_file}"], sqlite_url)
    requested = {path for _, path, _ in site.requests}
    for path in expected["robots_disallowed"]:
        assert path not in requested
    assert result.stats["news/pages/robots_disallowed"] == len(expected["robots_disallowed"])
    assert set(stored(sqlite_url)) == set(paths) - set(expected["robots_disallowed"])
