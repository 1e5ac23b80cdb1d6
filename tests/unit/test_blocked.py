"""Block pages (bot challenge, consent wall, paywall stub) against look-alike articles."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from cleaning.blocked import BLOCKED_MAX_WORDS, block_kind


def text_of(page: str) -> str:
    return " ".join(lxml_html.fromstring(page).xpath("//body")[0].text_content().split())

CLOUDFLARE = """<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>
<div id="challenge-stage">Checking if the site connection is secure</div>
<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/jsch/v1"></script></body></html>"""
DATADOME = """<html><head><title>news.example</title></head><body>
<p>Please enable JS and disable any ad blocker</p>
<script src="https://ct.captcha-delivery.com/c.js"></script></body></html>"""
GOOGLE_CONSENT = """<html><head><title>Before you continue to Google News</title></head><body>
<form action="https://consent.google.com/save"><button>Accept all</button>
<button>Reject all</button></form></body></html>"""
GERMAN_CONSENT = """<html lang="de"><body><div class="cmpbox"><h2>Wir benötigen Ihre
Zustimmung</h2><p>Wir und unsere Partner verwenden Cookies.</p><button>Alle akzeptieren</button>
</div></body></html>"""
PAYWALL_EN = """<html><head><script type="application/ld+json">{"@type": "NewsArticle",
"isAccessibleForFree": "False"}</script></head><body><article><h1>Budget row</h1>
<p>The minister defended the plan on Tuesday.</p>
<div class="wall">Subscribe to continue reading. Already a subscriber? Log in</div>
</article></body></html>"""
PAYWALL_FR = """<html lang="fr"><body><article><p>Le conseil municipal a voté jeudi.</p>
<p class="premium">Cet article est réservé aux abonnés.</p></article></body></html>"""


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        (CLOUDFLARE, "bot_challenge"),
        (DATADOME, "bot_challenge"),
        (GOOGLE_CONSENT, "consent_wall"),
        (GERMAN_CONSENT, "consent_wall"),
        (PAYWALL_EN, "paywall"),
        (PAYWALL_FR, "paywall"),
    ],
)
def test_block_pages_are_recognised(html: str, kind: str) -> None:
    assert block_kind(html, text_of(html)) == kind


@pytest.mark.parametrize("html", [CLOUDFLARE, GOOGLE_CONSENT, PAYWALL_EN, PAYWALL_FR])
def test_a_page_with_a_whole_article_is_not_blocked(html: str) -> None:
    # Cookie banners and subscribe boxes sit on most full article pages.
    assert block_kind(html, text_of(html) + " word" * BLOCKED_MAX_WORDS) is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Officials said the robot vacuum market grew.</p></body></html>",
        "<html><body><p>Le maire a présenté son projet aux habitants.</p></body></html>",
        "<html><body><p>Die Abonnenten der Zeitung erhielten Post.</p></body></html>",
    ],
)
def test_ordinary_short_pages_are_not_blocked(html: str) -> None:
    assert block_kind(html, text_of(html)) is None


def test_a_short_article_under_a_cookie_banner_or_paywall_script_is_kept() -> None:
    page = """<html><head><script src="https://cdn.cookielaw.org/onetrust.js"></script>
    <script>window.paywallConfig = {"meter": 5};</script></head><body>
    <div id="banner">We value your privacy. Accept all cookies</div><article><p>The
    council approved the new cycle lanes on Thursday after a two-hour debate, with work
    due to start in spring and to finish before the end of next year.</p></article>
    </body></html>"""
    article_text = ("The council approved the new cycle lanes on Thursday after a two-hour "
                    "debate, with work due to start in spring and to finish before the end "
                    "of next year.")
    assert block_kind(page, article_text) is None
