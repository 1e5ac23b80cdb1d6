"""The spider's arguments are checked before anything is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.arguments import ArgumentError, CrawlTargets


def test_lists_and_files_combine(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# a comment\n\nhttps://a.example/1\n  https://a.example/2  \nhttps://a.example/1\n"
    )
    targets = CrawlTargets.from_arguments(
        {
            "url": "https://b.example/x,https://b.example/y",
            "urls_file": str(urls),
            "sitemap": "https://c.example/sitemap.xml",
            "feed": "https://d.example/rss",
            "site": "https://e.example/",
            "_job": "scrapyd-job-id",
        }
    )
    assert targets.urls == (
        "https://b.example/x",
        "https://b.example/y",
        "https://a.example/1",
        "https://a.example/2",
    )
    assert targets.sitemaps == ("https://c.example/sitemap.xml",)
    assert targets.feeds == ("https://d.example/rss",)
    assert targets.sites == ("https://e.example/",)
    assert targets.domains == ("b.example", "a.example", "c.example", "d.example", "e.example")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"urls": "https://a.example/"}, "unknown argument 'urls'"),
        ({"url": "a.example/page"}, "malformed URL"),
        ({"url": "ftp://a.example/file"}, "malformed URL"),
        ({"sitemap": "http://"}, "malformed URL"),
        ({"feed": "http://a.example:99999/rss"}, "malformed URL"),
        ({"urls_file": "/no/such/file.txt"}, "cannot read"),
        ({}, "nothing to crawl"),
    ],
)
def test_bad_arguments_are_refused(arguments: dict[str, str], message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        CrawlTargets.from_arguments(arguments)


def test_bad_line_in_urls_file_names_the_line(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("https://a.example/1\nnot a url\n")
    with pytest.raises(ArgumentError, match=r"line 2 of"):
        CrawlTargets.from_arguments({"urls_file": str(urls)})


def test_follow_depth_and_scope_arguments() -> None:
    targets = CrawlTargets.from_arguments(
        {
            "follow": "https://f.example/world/",
            "depth": "2",
            "since": "2025-01-01",
            "lang": "de",
            "max_articles": "10",
        }
    )
    assert targets.follow == ("https://f.example/world/",)
    assert targets.depth == 2
    assert targets.domains == ("f.example",)
    for bad, message in (
        ({"depth": "deep"}, "depth"),
        ({"since": "last week"}, "since"),
        ({"until": "2025-13-01"}, "until"),
        ({"max_articles": "-1"}, "max_articles"),
    ):
        with pytest.raises(ArgumentError, match=message):
            CrawlTargets.from_arguments({"follow": "https://f.example/", **bad})
