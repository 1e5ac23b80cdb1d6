"""Browser rendering's settings and wiring (`crawler.render`), without starting a browser."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from cleaning import BadRulesFile, parse_site_rules
from crawler.render import (
    PLAYWRIGHT_HANDLER,
    AbortRequest,
    RenderAddon,
    RenderConfig,
    RenderError,
    check_render,
)
from crawler.spiders.news import NewsSpider

RULES = """
[sites."shells.example"]
render = "always"
[sites."plain.example"]
render = "off"
"""


def test_off_by_default_and_site_rules_override_the_crawl() -> None:
    config = RenderConfig.from_settings(Settings())
    assert config.mode == "off"
    rules = parse_site_rules(RULES)
    auto = RenderConfig(mode="auto")
    assert auto.mode_for("https://www.shells.example/a/1", rules) == "always"
    assert auto.mode_for("https://plain.example/a/1", rules) == "off"
    assert auto.mode_for("https://other.example/a/1", rules) == "auto"
    assert config.mode_for("https://other.example/a/1", None) == "off"


def test_a_bad_mode_and_a_bad_site_rule_are_refused() -> None:
    with pytest.raises(RenderError, match="NEWS_RENDER must be one of off, auto, always"):
        RenderConfig.from_settings(Settings({"NEWS_RENDER": "sometimes"}))
    with pytest.raises(BadRulesFile, match="render must be one of"):
        parse_site_rules('[sites."a.example"]\nrender = "yes"\n')


def test_check_render_needs_the_browser_only_when_rendering(tmp_path: Path) -> None:
    missing = str(tmp_path / "chromium")
    assert check_render(Settings({"NEWS_RENDER_BROWSER": missing})) is None
    with pytest.raises(RenderError, match="apt-get install chromium"):
        check_render(Settings({"NEWS_RENDER_BROWSER": missing}), "auto")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with pytest.raises(RenderError):  # a site rule asks for it
        check_render(Settings({"NEWS_RENDER_BROWSER": missing, "NEWS_SITE_RULES": str(rules)}))


def _addon_settings(arguments: dict[str, str], browser: str) -> Settings:
    crawler = get_crawler(NewsSpider, {"NEWS_RENDER_BROWSER": browser})
    crawler.spider = NewsSpider.from_crawler(crawler, **arguments)
    settings = Settings({"NEWS_RENDER_BROWSER": browser})
    RenderAddon.from_crawler(crawler).update_settings(settings)
    return settings


def test_the_addon_installs_playwright_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An in-process rendering crawl of another test may have imported Playwright: start
    # from a process without it (monkeypatch puts the modules back afterwards).
    for name in [n for n in sys.modules if n.startswith(("playwright", "scrapy_playwr"))]:
        monkeypatch.delitem(sys.modules, name)
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    plain = _addon_settings({"url": "https://a.example/x/"}, str(browser))
    assert not plain.getdict("DOWNLOAD_HANDLERS")
    rendered = _addon_settings({"url": "https://a.example/x/", "render": "auto"}, str(browser))
    assert rendered.getdict("DOWNLOAD_HANDLERS") == {
        "http": PLAYWRIGHT_HANDLER,
        "https": PLAYWRIGHT_HANDLER,
    }
    assert rendered["NEWS_RENDER"] == "auto"
    assert rendered.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")["executable_path"] == str(browser)
    assert rendered.getint("PLAYWRIGHT_MAX_CONTEXTS") == 1
    assert rendered.getint("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT") == 2
    # deciding all this imported nothing of Playwright
    assert not [name for name in sys.modules if name.startswith(("playwright", "scrapy_playwr"))]


@dataclass
class _BrowserRequest:
    url: str
    resource_type: str = "fetch"


@pytest.mark.parametrize(
    ("url", "kind", "allow_private", "aborted"),
    [
        ("http://127.0.0.1/api/story.json", "fetch", False, True),
        ("http://10.1.2.3/x.js", "script", False, True),
        ("http://169.254.169.254/latest/meta-data/", "fetch", False, True),
        ("http://127.0.0.1/api/story.json", "fetch", True, False),
        ("http://93.184.215.14/x.js", "script", False, False),
        ("http://93.184.215.14/photo.jpg", "image", False, True),
        ("http://93.184.215.14/font.woff2", "font", False, True),
        ("file:///etc/passwd", "document", True, True),
        ("data:text/plain,hi", "fetch", False, False),
    ],
)
def test_browser_requests_to_private_addresses_and_heavy_resources_are_aborted(
    url: str, kind: str, allow_private: bool, aborted: bool
) -> None:
    abort = AbortRequest(allow_private)
    assert asyncio.run(abort(_BrowserRequest(url, kind))) is aborted
