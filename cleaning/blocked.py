"""Pages that stand in front of the article: bot challenges, consent walls, paywall stubs.

Such pages come with status 200 and look like HTML, so a naive crawler stores them as
articles ("Just a moment...", "Before you continue", "Subscribe to continue reading").
Each kind is recognised by markers that its vendors and publishers use, and only on a
page with little text: an article that mentions cookies or captchas is still an article.
"""

from __future__ import annotations

import re

# A page with at least this many words of extracted text is read as the article itself,
# whatever markers it also carries (cookie banners and subscribe boxes sit on most
# article pages).
BLOCKED_MAX_WORDS = 150
# Markers are searched in the first part of the page only: cheap on huge pages.
SCAN_CHARS = 400_000

# Bot-protection interstitials (Cloudflare, DataDome, PerimeterX, Imperva, Akamai).
BOT_CHALLENGE = re.compile(
    r"<title>\s*(?:just a moment\.\.\.|attention required! \| cloudflare|access denied)\s*</title>"
    r"|cf-browser-verification|/cdn-cgi/challenge-platform/|cf_chl_opt|cf-turnstile"
    r"|checking (?:if the site connection is secure|your browser before accessing)"
    r"|captcha-delivery\.com|px-captcha|_incapsula_resource|perimeterx"
    r"|please (?:verify|confirm) (?:that )?you are (?:a )?human|verify you are human"
    r"|are you a robot\?|enable javascript and cookies to continue",
    re.IGNORECASE,
)

# Consent walls: the whole page is the consent dialog (Google/Yahoo "before you
# continue", IAB TCF platforms) in several languages.
CONSENT_WALL = re.compile(
    r"before you continue to|consent\.(?:google|yahoo|youtube)\.com|guce\.(?:yahoo|oath)\.com"
    r"|we value your privacy|we care about your privacy|your privacy choices"
    r"|(?:accept|agree to|reject) (?:all )?cookies|cookie (?:consent|settings|preferences)"
    r"|wir benötigen ihre zustimmung|ihre privatsphäre|alle akzeptieren|zustimmen und weiter"
    r"|nous respectons votre vie privée|votre consentement|accepter et continuer|tout accepter"
    r"|utilizamos cookies|aceptar todas|aceitar todos|accetta tutti|alles accepteren"
    r"|consentmanager|didomi|onetrust|sp_message_container|privacy-mgmt\.com|trustarc|cmpbox",
    re.IGNORECASE,
)

# Paywall stubs: the lead, then "subscribe to read on"; JSON-LD flags the article as
# not free. English, German, French, Spanish, Portuguese, Italian, Dutch, Russian.
PAYWALL = re.compile(
    r"\"isaccessibleforfree\"\s*:\s*\"?false"
    r"|subscribe (?:now )?to (?:continue|keep) reading|to continue reading,? (?:please )?subscribe"
    r"|(?:this (?:article|story|content) is )?(?:available |only )?(?:for|to) subscribers only"
    r"|already a subscriber\?|exclusive(?:ly)? for subscribers|subscriber-only"
    r"|nur für abonnenten|für abonnenten|jetzt (?:weiterlesen|abonnieren)|weiterlesen mit \w+\+?"
    r"|réservé aux abonnés|article réservé|exclusivo para (?:suscriptores|assinantes)"
    r"|conteúdo exclusivo para assinantes|riservato agli abbonati|alleen voor abonnees"
    r"|только для подписчиков|paywall",
    re.IGNORECASE,
)

#: Reasons, as `cleaning.errors.Blocked.reason` values, in the order they are checked.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bot_challenge", BOT_CHALLENGE),
    ("consent_wall", CONSENT_WALL),
    ("paywall", PAYWALL),
)


def block_kind(html: str, words: int) -> str | None:
    """Return which kind of block page ``html`` is, or None for an ordinary page.

    Args:
        html: The decoded page.
        words: Words of article text extracted from it.

    Returns:
        ``bot_challenge``, ``consent_wall`` or ``paywall``; None when the page carries
        enough text to be the article, or none of the markers.
    """
    if words >= BLOCKED_MAX_WORDS:
        return None
    head = html[:SCAN_CHARS]
    for kind, markers in KINDS:
        if markers.search(head):
            return kind
    return None
