"""Share, follow, subscribe and app appeals; sign-up and paywall chrome; copyright lines.

Share bars and "Follow us on Google News" / "Join our WhatsApp channel" / newsletter
boxes land inside the article body on many templates (Indian, Pakistani, US local
news; German "Folgen Sie uns", French "Suivez-nous", ...).

Tables: ``[cleaning]`` ``share_starts``, ``chrome_phrases``, ``appeal_verbs``,
``channel_words``, ``copyright``, ``copyright_starts``.
"""

from __future__ import annotations

import re
from typing import Final

from cleaning.lines import Line
from cleaning.rules.context import CleanContext, Page
from cleaning.rules.phrasematch import (
    LinePrefixes,
    Substrings,
    is_unspaced,
    literal_alternation,
    table,
)

# --- appeals that open a line ----------------------------------------------------------
SHARE_STARTS: Final = LinePrefixes.of("cleaning.share_starts")
#: Longest share/follow/subscribe appeal removed (longer lines are treated as sentences).
CHROME_MAX_WORDS: Final = 20

# --- an appeal verb and a channel in one short line ------------------------------------
# "For the latest news, join our WhatsApp channel", "Get the Telegram app for ...".
_CHANNELS: Final = table("cleaning.channel_words")
_VERBS: Final = table("cleaning.appeal_verbs")


def _stem(phrase: str) -> str:
    # verbs are stems ("abonn", "subscri"): a boundary before, none after; none at all
    # in scripts written without spaces
    head = r"(?<!\w)" if phrase[:1].isalnum() and not is_unspaced(phrase[0]) else ""
    return head + re.escape(phrase)


#: Channel words this short in Latin letters match only as whole words: as substrings
#: they open hundreds of words ("app" in "apply", "approach", "kidnapping").
SHORT_CHANNEL_CHARS: Final = 3


def _channel(phrase: str) -> str:
    if len(phrase) <= SHORT_CHANNEL_CHARS and phrase.isascii() and phrase.isalpha():
        # next to Chinese or Japanese ("下载APP") the word stands alone all the same
        return rf"(?<![0-9a-zß-ÿ]){re.escape(phrase)}(?![0-9a-zß-ÿ])"
    return re.escape(phrase)


_CHANNEL_ALT: Final = "|".join(_channel(c) for c in sorted(_CHANNELS, key=len, reverse=True))
_VERB_ALT: Final = "|".join(_stem(v) for v in sorted(_VERBS, key=len, reverse=True))
CHROME_ANYWHERE_RE: Final = re.compile(
    rf"(?:{_CHANNEL_ALT}).*(?:{_VERB_ALT})|(?:{_VERB_ALT}).*(?:{_CHANNEL_ALT})"
)
CHROME_ANYWHERE_MAX_WORDS: Final = 35
#: Every `CHROME_ANYWHERE_RE` match holds a channel word (derived: the page-level test).
CHROME_ANYWHERE_TRIGGERS: Final = Substrings.of("cleaning.channel_words")
#: ...and an appeal verb, as written (a stem matches only where its letters are): a
#: line, or a page, without any of them holds no `CHROME_ANYWHERE_RE` match.
CHROME_ANYWHERE_VERBS: Final = Substrings(
    ("cleaning.appeal_verbs",), _VERBS, _VERBS, tuple(None for _ in _VERBS)
)

# --- phrases that never occur in a story's own sentences --------------------------------
# Sign-up confirmations, error messages of newsletter/share widgets, reprint notices,
# paywall prompts and "click here" appeals (US sports/business templates, Dow Jones
# reprint boxes, magazine footers, German "Jetzt unterstützen").
CHROME_PHRASES: Final = Substrings.of("cleaning.chrome_phrases")
CHROME_PHRASE_MAX_WORDS: Final = 45

# "Write to Jane Doe at jane.doe@example.com", "Contact: tips@example.com"; tables
# ``contact_starts`` and ``phone_labels``.
CONTACT_LINE_RE: Final = re.compile(
    rf"^(?:{literal_alternation('cleaning.contact_starts')})(?!\w)"
    r".*\b[\w.+-]+@[\w-]+\.[\w.]+",
    re.IGNORECASE,
)
CONTACT_MAX_WORDS: Final = 15
#: "Telefon: +49 40 ...", "Fax: ...", "E-Mail: presse@...": press-release contact blocks.
PHONE_LINE_RE: Final = re.compile(
    rf"^(?:{literal_alternation('cleaning.phone_labels')})\s*:", re.IGNORECASE
)
# WordPress shortcodes that a plugin failed to render: "[button link=...]Text[/button]".
SHORTCODE_RE: Final = re.compile(r"^\s*\[\w+[^\]]*\].*\[/\w+\]\s*$")
# A line that is only an image/asset URL (share and embed boxes, leaked JSON of
# Business Insider-style templates).
ASSET_URL_RE: Final = re.compile(
    r"^\s*https?://\S+\.(?:jpe?g|png|gif|webp|svg|avif|mp4|mp3|pdf)(?:\?\S*)?\s*$", re.IGNORECASE
)


#: A line opening with a share or follow word is a sentence of the story ("Поділитися
#: досвідом ... приїдуть хірурги.", "Sharing the water is the debate.") when it ends a
#: sentence, is longer than this (words) and names no channel (an appeal names one).
SHARE_SENTENCE_MIN_WORDS: Final = 9


def _is_story_sentence(line: Line, page: Page) -> bool:
    if line.words < SHARE_SENTENCE_MIN_WORDS or not line.text.rstrip().endswith((".", "。", "۔")):
        return False
    present = page.present(CHROME_ANYWHERE_TRIGGERS)
    return not (present and CHROME_ANYWHERE_TRIGGERS.search(line.norm, present))


def is_chrome(line: Line, ctx: CleanContext, page: Page) -> bool:
    """A share/follow/subscribe appeal, sign-up or paywall chrome, a contact line."""
    words, norm = line.words, line.norm
    # "Sign up for a Hulu account for $11.99" in a list is the article's own advice; in a
    # list only an appeal naming a newsletter/channel/app counts
    if (
        line.kind != "item"
        and words <= CHROME_MAX_WORDS
        and SHARE_STARTS.match(norm) >= 0
        and not _is_story_sentence(line, page)
    ):
        return True
    if words <= CHROME_ANYWHERE_MAX_WORDS:
        present = page.present(CHROME_ANYWHERE_TRIGGERS)
        if (
            present
            and CHROME_ANYWHERE_TRIGGERS.search(norm, present)
            and CHROME_ANYWHERE_VERBS.search(norm, page.present(CHROME_ANYWHERE_VERBS))
            and CHROME_ANYWHERE_RE.search(norm)
        ):
            return True
    if words <= CHROME_PHRASE_MAX_WORDS:
        present = page.present(CHROME_PHRASES)
        if present and CHROME_PHRASES.search(norm, present):
            return True
    text = line.text
    if words <= CONTACT_MAX_WORDS and (CONTACT_LINE_RE.match(text) or PHONE_LINE_RE.match(text)):
        return True
    if SHORTCODE_RE.match(text) or ASSET_URL_RE.match(text):
        return True
    return bool(ctx.page_urls) and text.strip().rstrip("/") in ctx.page_urls


# --- copyright footers -------------------------------------------------------------
# "© 2023 World News Desk. Alle Rechte vorbehalten." and "Copyright 2020 The Associated
# Press. All rights reserved." lines that templates put right after the article body.
#: Signs that open a copyright line in any language.
COPYRIGHT_SIGNS: Final = ("©", "(c)", "ⓒ")
COPYRIGHT_STARTS: Final = LinePrefixes.of("cleaning.copyright_starts")
COPYRIGHT_PHRASES: Final = Substrings.of("cleaning.copyright")
COPYRIGHT_MAX_WORDS: Final = 25


def is_copyright(line: Line, page: Page) -> bool:
    """A short copyright notice."""
    if line.words > COPYRIGHT_MAX_WORDS:
        return False
    norm = line.norm
    if norm.startswith(COPYRIGHT_SIGNS) or line.text.lstrip()[:1] == "©":
        return True
    if COPYRIGHT_STARTS.match(norm) >= 0:
        return True
    present = page.present(COPYRIGHT_PHRASES)
    return bool(present) and COPYRIGHT_PHRASES.search(norm, present)
