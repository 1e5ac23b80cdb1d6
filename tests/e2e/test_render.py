"""Pages built by scripts, crawled end to end with `scrapy crawl news` against a local site.

`tests/fixtures/render_site` holds three article pages: one whose text a script fetches
as JSON and inserts (only a browser can read it), a Next.js page (the text is in its
``__NEXT_DATA__``) and a shell that names its AMP version. Rendering runs the real
Chromium of the system (Debian's ``chromium``; `.ci/run` installs it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from crawler.demo import crawl_command
from crawler.demo.server import SiteServer
from tests.crawling import crawl, run, stored

pytestmark = pytest.mark.slow

SITE = Path(__file__).parents[1] / "fixtures" / "render_site"
STORY = json.loads((SITE / "api" / "story.json").read_text(encoding="utf-8"))
PAGES = ("script-built-story", "next-story", "amp-story")
BROWSER = "/usr/bin/chromium"
# A loaded CI machine (two cores, other suites) can take long to start the browser.
SLOW_MACHINE = {"NEWS_RENDER_TIMEOUT": 120}

# Under CI (`.ci/run` installs Chromium) these tests must run, never skip.
needs_browser = pytest.mark.skipif(
    not Path(BROWSER).exists() and not os.environ.get("CI"),
    reason=f"no Chromium at {BROWSER} (apt-get install chromium)",
)


def _urls(site: SiteServer, *names: str) -> str:
    return "url=" + ",".join(f"{site.base_url}/news/{name}/" for name in names)


def _paths(site: SiteServer) -> list[str]:
    return [path for _, path, _ in site.requests]


@needs_browser
def test_a_page_only_a_browser_can_read_is_stored(sqlite_url: str) -> None:
    with SiteServer(SITE) as site:
        result = crawl([_urls(site, *PAGES), "render=auto"], sqlite_url, SLOW_MACHINE)
        paths = _paths(site)
    articles = stored(sqlite_url)
    rendered = articles["/news/script-built-story/"]
    assert rendered.text_source == "browser"
    assert rendered.title == STORY["headline"]
    for part in STORY["parts"]:
        assert part in rendered.text
    assert "enable JavaScript" not in rendered.text
    assert STORY["headline"] not in rendered.text
    # the other two need no browser: auto renders only what nothing else could read
    assert articles["/news/next-story/"].text_source == "app_data"
    assert articles["/news/amp-story/"].text_source == "amp"
    assert paths.count("/news/script-built-story/") == 2  # plain, then in the browser
    assert paths.count("/news/next-story/") == 1
    assert "/api/story.json" in paths  # the browser ran the page's script
    stats = result.stats
    assert stats["news/text_source/browser"] == 1
    assert stats["news/text_source/app_data"] == 1
    assert stats["news/text_source/amp"] == 1
    assert stats["news/render/requests"] == 1


@needs_browser
def test_render_always_renders_every_article_page(sqlite_url: str) -> None:
    with SiteServer(SITE) as site:
        result = crawl([_urls(site, "next-story"), "render=always"], sqlite_url, SLOW_MACHINE)
    article = stored(sqlite_url)["/news/next-story/"]
    assert article.text_source == "browser", {
        k: v for k, v in result.stats.items() if k.startswith(("news/", "playwright"))
    }
    # the rendered page holds no article markup either (the fixture's script is not
    # there), so the browser's copy is read from its app data too, and says so
    assert article.text_source == "browser"
    assert "seabed softer than the surveys" in article.text
    assert result.stats["news/render/requests"] == 1


def test_a_plain_crawl_never_imports_playwright_or_starts_a_browser(
    sqlite_url: str, tmp_path: Path
) -> None:
    stats_file = tmp_path / "stats.json"
    with SiteServer(SITE) as site:
        command = crawl_command(
            [_urls(site, *PAGES)], sqlite_url, "-s", f"NEWS_STATS_FILE={stats_file}"
        )
        # every module the crawl process imports is listed on stderr
        command[1:1] = ["-X", "importtime"]
        done = run(command, tmp_path)
        paths = _paths(site)
    assert done.returncode == 0, done.stderr[-3000:]
    imported = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert any("scrapy" in line for line in imported)  # the listing is there
    assert not [line for line in imported if "playwright" in line]
    stats = json.loads(stats_file.read_text())
    assert not [key for key in stats if key.startswith(("playwright", "news/render"))]
    assert "/api/story.json" not in paths  # nothing ran the page's script
    articles = stored(sqlite_url)
    assert "/news/script-built-story/" not in articles
    assert articles["/news/next-story/"].text_source == "app_data"
    assert articles["/news/amp-story/"].text_source == "amp"
    assert stats["news/cleaning/no_text"] == 1
    assert "Launching browser" not in done.stderr


def test_a_bad_render_value_is_one_line_and_exit_2(sqlite_url: str, tmp_path: Path) -> None:
    command = crawl_command(["url=http://127.0.0.1:9/news/x/", "render=sometimes"], sqlite_url)
    done = run(command, tmp_path)
    assert done.returncode == 2
    assert "render: expected one of off, auto, always" in done.stderr
    assert "Traceback" not in done.stderr


def test_rendering_without_the_browser_names_the_fix(sqlite_url: str, tmp_path: Path) -> None:
    command = crawl_command(
        ["url=http://127.0.0.1:9/news/x/", "render=auto"],
        sqlite_url,
        "-s",
        f"NEWS_RENDER_BROWSER={tmp_path / 'no-such-chromium'}",
    )
    done = run(command, tmp_path)
    assert done.returncode == 2
    assert "apt-get install chromium" in done.stderr
    assert "Traceback" not in done.stderr
