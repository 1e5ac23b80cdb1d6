"""A real browser as the last resort, for pages that only show their article after scripts.

Off by default. ``-a render=auto`` (or ``NEWS_RENDER = "auto"``, or ``render = "auto"`` in a
site's table of the site-rules file) renders a page only when neither its markup, its app
data (`cleaning.appdata`) nor its AMP version held the article and it looks like a script
shell; ``render=always`` renders every article page. The rendered page is cleaned like
any other and stored with ``text_source = "browser"``.

The browser is the system's Chromium (``NEWS_RENDER_BROWSER``, Debian's ``chromium``
package) driven by scrapy-playwright: never a browser download. When rendering is on,
`RenderAddon` installs scrapy-playwright's download handler for http(s); requests without
``meta["playwright"]`` still go through Scrapy's own handler, and the browser itself starts
with the first page to render. When rendering is off nothing of Playwright is imported.

A render request is an ordinary Scrapy request sent through the engine
(`crawler.pipelines.CleaningPipeline`): robots.txt, the per-site delay and concurrency,
the private-address check and retries apply to it as to any page; the rendered page is
refused over ``DOWNLOAD_MAXSIZE``. Inside the browser, requests to private addresses
(unless ``NEWS_ALLOW_PRIVATE_ADDRESSES``), to other schemes, and for images, media and
fonts are aborted (`AbortRequest`). One browser, one context, at most
``NEWS_RENDER_MAX_PAGES`` pages open.

Settings (``NEWS_RENDER_*``):

=========================  =====================  ==========================================
setting                    default                meaning
=========================  =====================  ==========================================
``NEWS_RENDER``            ``"off"``              ``off``, ``auto`` or ``always``
``NEWS_RENDER_BROWSER``    ``/usr/bin/chromium``  the Chromium executable
``NEWS_RENDER_MAX_PAGES``  ``2``                  browser pages open at once
``NEWS_RENDER_TIMEOUT``    ``30``                 seconds for a page to load and settle
=========================  =====================  ==========================================
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request

from crawler.config import CleaningConfig, news_bool, news_float, news_int, news_str
from crawler.middlewares import _host_is_public

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

    from cleaning import SiteRules

logger = logging.getLogger(__name__)

RENDER_MODES = ("off", "auto", "always")
#: The download handler that drives the browser (imported by Scrapy only when installed).
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
#: Browser requests for these resource types are aborted: the text never needs them.
BLOCKED_RESOURCES = frozenset({"image", "media", "font"})
#: Schemes a page may load besides http(s) (inline data, blobs it made itself).
INLINE_SCHEMES = frozenset({"data", "blob", "about"})


class RenderError(ValueError):
    """Rendering is asked for but cannot work (no browser, a bad mode)."""


@dataclass(frozen=True)
class RenderConfig:
    """``NEWS_RENDER_*`` settings.

    Attributes:
        mode: ``off``, ``auto`` or ``always`` for every site (``NEWS_RENDER``; the spider
            argument ``-a render=`` sets it).
        browser: Path of the Chromium executable (``NEWS_RENDER_BROWSER``).
        max_pages: Browser pages open at once (``NEWS_RENDER_MAX_PAGES``).
        timeout: Seconds for a page to load and its requests to settle
            (``NEWS_RENDER_TIMEOUT``).
    """

    mode: str = "off"
    browser: str = "/usr/bin/chromium"
    max_pages: int = 2
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RenderConfig:
        """Read the settings (an empty value means the default).

        Raises:
            RenderError: For a mode other than ``off``, ``auto`` or ``always``.
        """
        mode = (news_str(settings, "NEWS_RENDER") or "off").strip().lower()
        if mode not in RENDER_MODES:
            raise RenderError(f"NEWS_RENDER must be one of {', '.join(RENDER_MODES)}, not {mode!r}")
        return cls(
            mode=mode,
            browser=news_str(settings, "NEWS_RENDER_BROWSER") or cls.browser,
            max_pages=max(1, news_int(settings, "NEWS_RENDER_MAX_PAGES")),
            timeout=max(1.0, news_float(settings, "NEWS_RENDER_TIMEOUT")),
        )

    def mode_for(self, url: str, rules: SiteRules | None) -> str:
        """The mode for one page: its site's ``render`` rule, else the crawl's."""
        domain = rules.for_url(url) if rules is not None else None
        if domain is not None and domain.render is not None:
            return domain.render
        return self.mode

    def check_browser(self) -> None:
        """Raise `RenderError` with the fix when the browser executable is missing."""
        if not (os.path.isfile(self.browser) and os.access(self.browser, os.X_OK)):
            raise RenderError(
                f"rendering needs Chromium at {self.browser}: install Debian's 'chromium' "
                "package (apt-get install chromium) or set NEWS_RENDER_BROWSER"
            )


def wanted(config: RenderConfig, rules: SiteRules | None) -> bool:
    """Whether any page of the crawl may be rendered (the crawl's mode or a site rule)."""
    if config.mode != "off":
        return True
    return rules is not None and any(d.render not in (None, "off") for d in rules.domains.values())


def check_render(settings: BaseSettings, argument: str = "") -> RenderConfig | None:
    """The rendering settings when this crawl may render pages, else None.

    Args:
        settings: The crawl's settings.
        argument: The spider's ``-a render=`` value ("" when not given).

    Raises:
        RenderError: A bad mode, or no browser where ``NEWS_RENDER_BROWSER`` says.
    """
    config = RenderConfig.from_settings(settings)
    if argument:
        config = replace(config, mode=argument.strip().lower())
    from cleaning import BadRulesFile

    try:
        rules = CleaningConfig.from_settings(settings).load_rules()
    except BadRulesFile:
        rules = None  # the crawl command and the cleaning pipeline report it
    if not wanted(config, rules):
        return None
    config.check_browser()
    return config


def playwright_settings(config: RenderConfig, allow_private: bool) -> dict[str, Any]:
    """The Scrapy settings that install scrapy-playwright with the system browser."""
    return {
        "DOWNLOAD_HANDLERS": {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": config.browser,
            "headless": True,
            # a root user in a container has no sandbox to drop into
            "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
            if os.geteuid() == 0
            else ["--disable-gpu"],
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": config.max_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": config.timeout * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": AbortRequest(allow_private),
    }


class AbortRequest:
    """scrapy-playwright's ``PLAYWRIGHT_ABORT_REQUEST``: which browser requests to stop.

    Args:
        allow_private: Let the page load from private addresses (tests, an intranet).
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._verdicts: dict[str, bool] = {}

    async def __call__(self, request: Any) -> bool:
        if request.resource_type in BLOCKED_RESOURCES:
            return True
        parts = urlsplit(request.url)
        if parts.scheme in INLINE_SCHEMES:
            return False
        if parts.scheme not in ("http", "https"):
            return True
        if self.allow_private:
            return False
        host = (parts.hostname or "").strip("[]")
        public = self._verdicts.get(host)
        if public is None:
            public = await asyncio.to_thread(_host_is_public, host)
            self._verdicts[host] = public
        return not public


class RenderAddon:
    """Install scrapy-playwright when this crawl may render pages; else do nothing.

    Runs after the spider is created (Scrapy loads add-ons then), so ``-a render=`` counts.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderAddon:
        return cls(crawler)

    def update_settings(self, settings: BaseSettings) -> None:
        spider = self.crawler.spider
        mode = getattr(getattr(spider, "targets", None), "render", "")
        if mode:
            settings.set("NEWS_RENDER", mode, priority="spider")
        config = check_render(settings)
        if config is None:
            return
        for name, value in playwright_settings(
            config, news_bool(settings, "NEWS_ALLOW_PRIVATE_ADDRESSES")
        ).items():
            settings.set(name, value, priority="addon")
        logger.info(
            "rendering (%s) with %s, at most %d pages",
            config.mode,
            config.browser,
            config.max_pages,
        )


#: After the page's load event, its requests are given this long to settle (the JSON a
#: script fetches); a page that keeps polling is read as it is then.
SETTLE_SECONDS = 10.0


def render_request(url: str, config: RenderConfig) -> Request:
    """The request that has the browser load ``url`` and let its requests settle.

    Only called when rendering is on (scrapy-playwright is installed then).
    """
    from scrapy_playwright.page import PageMethod  # type: ignore[import-untyped]

    settle_ms = min(SETTLE_SECONDS, config.timeout) * 1000
    return Request(
        url,
        dont_filter=True,
        meta={
            "playwright": True,
            "playwright_page_goto_kwargs": {"wait_until": "load", "timeout": config.timeout * 1000},
            "playwright_page_methods": [PageMethod(_settle, settle_ms)],
            "source": "render",
        },
    )


async def _settle(page: Any, timeout_ms: float) -> None:
    """Wait until the page's network is idle, at most ``timeout_ms``; a busy page is fine."""
    from playwright.async_api import Error as PlaywrightError

    try:
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except PlaywrightError:  # TimeoutError derives from it
        logger.debug("%s still busy after %.0f ms; read as it is", page.url, timeout_ms)
