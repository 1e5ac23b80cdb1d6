"""Block pages (bot challenge, consent wall, paywall stub) against look-alike articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from cleaning import Blocked, extract_article
from cleaning.blocked import BLOCKED_MAX_WORDS, block_kind
from cleaning.parsing import parse_html
from cleaning.phrases import REQUIRED_LANGUAGES, by_language


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
    article_text = (
        "The council approved the new cycle lanes on Thursday after a two-hour "
        "debate, with work due to start in spring and to finish before the end "
        "of next year."
    )
    assert block_kind(page, article_text) is None


# --- whole pages: fixtures in eight languages, each kind next to a real short article ---

FIXTURES = Path(__file__).parent.parent / "fixtures" / "blocked"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))


def _url(case: dict[str, Any]) -> str:
    return f"https://news.example/{case['lang']}/2025/03/ferry-resumes-after-storm"


@pytest.mark.parametrize("case", [c for c in CASES if c["blocked"]], ids=lambda c: c["file"])
def test_fixture_block_pages_raise_blocked(case: dict[str, Any]) -> None:
    page = (FIXTURES / case["file"]).read_bytes()
    with pytest.raises(Blocked) as info:
        extract_article(page, _url(case))
    assert info.value.reason == case["blocked"]


@pytest.mark.parametrize("case", [c for c in CASES if not c["blocked"]], ids=lambda c: c["file"])
def test_fixture_short_articles_under_banners_are_stored(case: dict[str, Any]) -> None:
    article = extract_article((FIXTURES / case["file"]).read_bytes(), _url(case))
    for text in case["must_contain"]:
        assert text in article.text
    for text in case["must_not_contain"]:
        assert text not in article.text


def test_fixtures_cover_six_languages_or_more() -> None:
    kinds_by_lang: dict[str, set[str | None]] = {}
    for case in CASES:
        kinds_by_lang.setdefault(case["lang"], set()).add(case["blocked"])
    full = [lang for lang, kinds in kinds_by_lang.items() if len(kinds) == 4]
    assert len(full) >= 6


# --- the example and the shape checks ---

CONSENT_200 = """<html><head><title>Before you continue</title></head><body><div class="wall">
<h1>We care about your privacy</h1>
<p>We and our partners store and/or access information on a device, such as cookies, and
process personal data, such as unique identifiers and standard information sent by a
device, for personalised advertising and content, measurement and audience research.</p>
<div><a class="btn" href="/accept">Accept</a> <a class="btn" href="/reject">Reject</a>
<a class="btn" href="/manage">Manage</a></div></div></body></html>"""


def test_a_consent_wall_served_with_status_200_raises_blocked() -> None:
    with pytest.raises(Blocked) as info:
        extract_article(CONSENT_200, "https://news.example/world/2025/03/some-story")
    assert info.value.reason == "consent_wall"


def test_consent_vocabulary_and_buttons_without_a_title_are_a_consent_wall() -> None:
    page = """<html><head><title>Il Gazzettino</title></head><body><div class="box">
    <p>Noi e i nostri partner utilizziamo cookie e trattiamo dati personali per
    personalizzare gli annunci.</p><button>Accetta tutti</button><button>Rifiuta</button>
    </div></body></html>"""
    tree = parse_html(page)[1]
    assert block_kind(page, text_of(page), tree) == "consent_wall"


def test_consent_vocabulary_without_buttons_or_dialog_is_not_a_consent_wall() -> None:
    page = """<html><head><title>Brief</title></head><body><p>Regulators said partners of
    the ad network stored cookies and processed personal data without consent.</p>
    </body></html>"""
    tree = parse_html(page)[1]
    assert block_kind(page, text_of(page), tree) is None


def test_a_short_article_about_cookie_rules_under_a_banner_is_stored() -> None:
    page = """<html lang="en"><head><title>EU tightens cookie consent rules</title>
    <meta property="og:type" content="article"></head><body>
    <div role="dialog"><p>We use cookies.</p><button>Accept all</button></div>
    <article><h1>EU tightens cookie consent rules</h1>
    <p>The European Parliament on Tuesday approved rules that require websites to offer a
    reject button next to the accept button on every cookie consent banner, ending designs
    that hid the option to refuse behind several menus.</p>
    <p>Publishers have two years to comply. Regulators said fines for breaches of the
    personal data rules would be doubled, and that partners of ad networks would share the
    liability for consent collected unlawfully.</p>
    <p>Consumer groups welcomed the vote, while an industry association said the change
    would cut advertising revenue for smaller news sites.</p></article></body></html>"""
    article = extract_article(page, "https://news.example/tech/2025/03/eu-cookie-rules")
    assert "reject button next to the accept button" in article.text


def test_a_challenge_phrase_on_a_page_with_text_is_not_a_challenge() -> None:
    text = "Security researchers showed how bots verify you are human checks. " * 12
    page = f"<html><head><title>Bots</title></head><body><p>{text}</p></body></html>"
    assert block_kind(page, text[:400], parse_html(page)[1]) is None


def test_a_paywall_phrase_inside_a_long_sentence_is_not_a_prompt() -> None:
    text = (
        "The publisher said that articles reserved for subscribers only made up a small "
        "share of its output this year, and that the number of readers who pay has risen "
        "by a fifth since the spring, mostly among younger readers in the big cities."
    )
    assert block_kind(f"<html><body><p>{text}</p></body></html>", text) is None


@pytest.mark.parametrize(
    "category",
    [
        "blocked.consent_titles",
        "blocked.consent_words",
        "blocked.consent_buttons",
        "blocked.challenge_phrases",
        "blocked.paywall_prompts",
    ],
)
def test_every_required_language_has_its_block_phrases(category: str) -> None:
    tables = by_language(category)
    missing = [lang for lang in REQUIRED_LANGUAGES if not tables.get(lang)]
    assert missing == []
    for lang, words in tables.items():
        assert all(word == word.lower().strip() and word for word in words), lang


def test_a_prompt_in_the_middle_of_a_short_article_is_not_a_paywall() -> None:
    lines = [
        "Der Stadtrat hat am Dienstag den Haushalt beschlossen.",
        "Bereits Abonnent? Hier anmelden",
        "Die Opposition stimmte dagegen und kündigte Widerstand an.",
        "Der Kämmerer rechnet mit einem Defizit von drei Millionen Euro.",
        "Im Herbst soll ein Nachtragshaushalt folgen.",
        "Die Sitzung dauerte mehr als vier Stunden.",
    ]
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    assert block_kind(page, "\n".join(lines), parse_html(page)[1]) is None
    assert block_kind(page, "\n".join(lines[:2]), parse_html(page)[1]) == "paywall"
