"""Pages that stand in front of the article: bot challenges, consent walls, paywall stubs.

Such pages come with status 200 and look like HTML, so a naive crawler stores them as
articles ("Just a moment...", "Before you continue", "Subscribe to continue reading").
Each kind is recognised by markers that its vendors and publishers use, and only on a
page with little text (`BLOCKED_MAX_WORDS`): an article that mentions cookies or captchas
is still an article.
"""

from __future__ import annotations

import re

# A page with at least this many words of extracted text is read as the article itself,
# whatever markers it also carries (cookie banners and subscribe boxes sit on most
# article pages).
BLOCKED_MAX_WORDS = 150
# Markers are searched in the first part of the page only, which keeps the check cheap:
# challenge pages are small, consent dialogs and JSON-LD flags sit near the top.
CHALLENGE_SCAN_CHARS = 30_000
SCAN_CHARS = 150_000

# Bot-protection interstitials (Cloudflare, DataDome, PerimeterX, Imperva, Akamai).
BOT_CHALLENGE = re.compile(
    r"<title>\s*(?:just a moment\.\.\.|attention required! \| cloudflare|access denied)\s*</title>"
    r"|cf-browser-verification|/cdn-cgi/challenge-platform/|cf_chl_opt|cf-turnstile"
    r"|checking (?:if the site connection is secure|your browser before accessing)"
    r"|captcha-delivery\.com|px-captcha|_incapsula_resource|perimeterx"
    r"|please (?:verify|confirm) (?:that )?you are (?:a )?human|verify you are human"
    r"|are you a robot\?|enable javascript and cookies to continue",
    # Matched against lower-cased text: faster than re.IGNORECASE on large pages.
)

# Consent walls: the whole page is the consent dialog (Google/Yahoo "before you
# continue", IAB TCF platforms) in several languages.
CONSENT_WALL = re.compile(
    r"before you continue to|consent\.(?:google|yahoo|youtube)\.com|guce\.(?:yahoo|oath)\.com"
    r"|we value your privacy|we care about your privacy|your privacy choices"
    r"|(?:accept|agree to|reject) (?:all )?cookies|cookie (?:consent|settings|preferences)"
    r"|wir benötigen ihre zustimmung|ihre privatsphäre|alle akzeptieren|zustimmen und weiter"
    r"|nous respectons votre vie privée|votre consentement|accepter et continuer|tout accepter"
    r"|utilizamos cookies|aceptar todas|aceitar todos|accetta tutti|alles accepteren",
    # Matched against lower-cased text: faster than re.IGNORECASE on large pages.
)
# Consent platforms by name: their scripts sit on most article pages, so they only count
# on a page that shows next to no text at all.
CONSENT_VENDOR = re.compile(
    r"consentmanager|didomi|onetrust|sp_message_container|privacy-mgmt\.com|trustarc|cmpbox",
    # Matched against lower-cased text: faster than re.IGNORECASE on large pages.
)
# Below this many words of text, consent markers anywhere in the page count.
VENDOR_MAX_WORDS = 20

# Paywall stubs: the lead, then "subscribe to read on", in English, German, French,
# Spanish, Portuguese, Italian, Dutch and Russian. Looked for in the extracted text, where
# the prompt stands in place of the rest of the article.
PAYWALL_PROMPT = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|to continue reading,? (?:please )?subscribe"
    r"|(?:available|only) (?:for|to) subscribers|subscribers only|already a subscriber\?"
    r"|exclusive(?:ly)? for subscribers|subscriber-only"
    r"|nur für abonnenten|für abonnenten|jetzt (?:weiterlesen|abonnieren)"
    r"|réservé aux abonnés|article réservé|exclusivo para (?:suscriptores|assinantes)"
    r"|conteúdo exclusivo para assinantes|riservato agli abbonati|alleen voor abonnees"
    r"|только для подписчиков",
    # Matched against lower-cased text: faster than re.IGNORECASE on large pages.
)
# The publisher's own flag (schema.org): only trusted on a page that shows almost nothing,
# since many publishers serve the whole text to crawlers and flag it all the same.
NOT_FREE = re.compile(r"\"isaccessibleforfree\"\s*:\s*\"?false")
NOT_FREE_MAX_WORDS = 40


def block_kind(html: str, text: str) -> str | None:
    """Return which kind of block page ``html`` is, or None for an ordinary page.

    Markers of bot challenges are looked for in the page; those of consent dialogs and
    paywall prompts in the extracted ``text`` (a short article under a cookie banner has
    its own text, not the banner's), or in the page when next to no text came out.

    Args:
        html: The decoded page.
        text: The text extracted from it (before cleaning), lines joined.

    Returns:
        ``bot_challenge``, ``consent_wall`` or ``paywall``; None otherwise.
    """
    words = len(text.split())
    if words >= BLOCKED_MAX_WORDS:
        return None
    text = text.lower()
    if BOT_CHALLENGE.search(html[:CHALLENGE_SCAN_CHARS].lower()):
        return "bot_challenge"
    head = html[:SCAN_CHARS].lower() if words < NOT_FREE_MAX_WORDS else ""
    if CONSENT_WALL.search(text) or (
        words < VENDOR_MAX_WORDS and (CONSENT_WALL.search(head) or CONSENT_VENDOR.search(head))
    ):
        return "consent_wall"
    if PAYWALL_PROMPT.search(text) or NOT_FREE.search(head):
        return "paywall"
    return None
