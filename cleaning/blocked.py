"""Pages that stand in front of the article: bot challenges, consent walls, paywall stubs.

Such pages come with status 200 and look like HTML, so a naive crawler stores them as
articles ("Just a moment...", "Before you continue", "Subscribe to continue reading").
Each kind is told by its vocabulary *and* its shape, in every language of the phrase
tables (``[blocked]`` of ``cleaning/phrases/<lang>.toml``):

- a **bot challenge** carries a vendor's markup (Cloudflare, DataDome, PerimeterX, ...), or
  says "verify you are human" on a page with next to no text;
- a **consent wall** is a page whose text is about consent (cookies, partners, personal
  data), named so in its title or a heading, or offering consent buttons (Accept / Reject
  / Manage) or a dialog;
- a **paywall stub** is a lead followed by a short prompt line about subscribing
  ("Subscribe to continue reading", among the last lines), or a page the publisher flags
  as not free that shows almost nothing.

Only a page with little extracted text (`BLOCKED_MAX_WORDS`) can be any of them, and a
consent wall only when most of that text is about consent: a short article under a
cookie banner or next to a subscribe box has its own text, and is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import islice
from typing import Final

from lxml.etree import XPath, _Element

from cleaning.lines import string_value
from cleaning.phrases import phrases

# A page with at least this many words of extracted text is read as the article itself,
# whatever markers it also carries (cookie banners and subscribe boxes sit on most
# article pages).
BLOCKED_MAX_WORDS: Final = 150
# Markers are searched in the first part of the page only, which keeps the check cheap:
# challenge pages are small, consent dialogs and JSON-LD flags sit near the top.
CHALLENGE_SCAN_CHARS: Final = 30_000
SCAN_CHARS: Final = 150_000

#: Bot-protection interstitials by their vendors' markup (Cloudflare, DataDome,
#: PerimeterX, Imperva, Akamai): language-independent.
BOT_CHALLENGE: Final = re.compile(
    r"<title>\s*(?:just a moment\.\.\.|attention required! \| cloudflare)\s*</title>"
    r"|cf-browser-verification|/cdn-cgi/challenge-platform/|cf_chl_opt|cf-turnstile"
    r"|captcha-delivery\.com|px-captcha|_incapsula_resource|perimeterx|geo\.captcha-delivery"
    r"|<title>\s*access denied\s*</title>",
    # Matched against lower-cased text: faster than re.IGNORECASE on large pages.
)
#: A challenge phrase ("verify you are human") counts on a page with at most this many
#: words of visible text: challenge pages say that and little else.
CHALLENGE_MAX_WORDS: Final = 80

#: Consent services by their hosts: a page that posts to one is the consent step itself.
CONSENT_HOSTS: Final = re.compile(
    r"consent\.(?:google|yahoo|youtube)\.com|guce\.(?:yahoo|oath)\.com"
)
#: Consent platforms by name: their scripts sit on most article pages, so they only count
#: as the dialog of a page that shows next to no text (`VENDOR_MAX_WORDS`).
CONSENT_VENDOR: Final = re.compile(
    r"consentmanager|didomi|onetrust|sp_message_container|privacy-mgmt\.com|trustarc|cmpbox"
    r"|usercentrics|quantcast-choice|qc-cmp|cookiebot|fc-consent-root",
)
VENDOR_MAX_WORDS: Final = 20
#: Distinct consent words needed when neither title nor heading names a consent step...
CONSENT_MIN_WORDS: Final = 2
#: ...in a text of at most this many words (a consent notice, not an article about one).
CONSENT_UNNAMED_MAX_WORDS: Final = 80
#: A line of at most this many words holding consent-button labels is the buttons' row.
BUTTON_LINE_MAX_WORDS: Final = 8
#: Share of the extracted lines that must speak of consent for a consent wall.
CONSENT_LINE_SHARE: Final = 0.5

#: A paywall prompt is a line of its own of at most this many words (a sentence of an
#: article that mentions subscribers is longer, or has more around it).
PROMPT_MAX_WORDS: Final = 30
#: ...among the last this many lines of the text (an ad's "continue reading below" label
#: sits in the middle).
PROMPT_TAIL_LINES: Final = 3
# The publisher's own flag (schema.org): only trusted on a page that shows almost nothing,
# since many publishers serve the whole text to crawlers and flag it all the same.
NOT_FREE: Final = re.compile(r"\"isaccessibleforfree\"\s*:\s*\"?false")
NOT_FREE_MAX_WORDS: Final = 40

#: Characters a label may have beyond the phrase it starts with.
LABEL_SLACK: Final = 20

_TITLE: Final = XPath("string(//title)")
_HEADINGS: Final = XPath("//h1 | //h2 | //h3 | //*[@role='heading']")
_VISIBLE_TEXT: Final = XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]",
    smart_strings=False,  # plain strings: no link back to each text's element
)
_BUTTONS: Final = XPath(
    "//button | //*[@role='button'] | //input[@type='submit' or @type='button']"
    " | //a[contains(@class, 'btn') or contains(@class, 'button')]"
)
_DIALOGS: Final = XPath(
    "//dialog | //*[@role='dialog' or @role='alertdialog' or @aria-modal='true']"
)


@dataclass(frozen=True)
class _Vocabulary:
    """A phrase list of every language, matched at word starts (anywhere for CJK)."""

    entries: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, category: str) -> _Vocabulary:
        words = sorted(phrases(category), key=len, reverse=True)
        return cls(tuple((w, w[:1].isascii() or ord(w[0]) < 0x3000) for w in words))

    def found(self, text: str) -> list[str]:
        """The phrases that occur in ``text`` (lower-cased by the caller)."""
        return [word for word, at_start in self.entries if _occurs(text, word, at_start)]

    def any_in(self, text: str) -> bool:
        return any(_occurs(text, word, at_start) for word, at_start in self.entries)

    def within(self, text: str) -> _Vocabulary:
        """Only the phrases that occur somewhere in ``text``: the lines of a text are then
        searched for those few, not for every phrase of every language."""
        return _Vocabulary(tuple(entry for entry in self.entries if entry[0] in text))

    def equals(self, label: str) -> bool:
        """Whether a label (button, title, heading) is one of the phrases, or one and a
        little more ("Before you continue to Google News")."""
        return any(
            label == word or (label.startswith(word) and len(label) <= len(word) + LABEL_SLACK)
            for word, _ in self.entries
        )


def _occurs(text: str, word: str, at_word_start: bool) -> bool:
    start = text.find(word)
    while start >= 0:
        if not at_word_start or start == 0 or not text[start - 1].isalnum():
            return True
        start = text.find(word, start + 1)
    return False


@cache
def _vocabulary(category: str) -> _Vocabulary:
    return _Vocabulary.of(f"blocked.{category}")


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .,:;!?·|-–—\"'«»")


def block_kind(html: str, text: str, tree: _Element | None = None) -> str | None:
    """Return which kind of block page ``html`` is, or None for an ordinary page.

    Args:
        html: The decoded page.
        text: The text extracted from it (before cleaning), lines joined by newlines.
        tree: The parsed page; its title, headings, buttons and dialogs are the shape a
            consent wall is told by (without it only the text and markers count).

    Returns:
        ``bot_challenge``, ``consent_wall`` or ``paywall``; None otherwise.
    """
    words = len(text.split())
    if words >= BLOCKED_MAX_WORDS:
        return None
    lowered = text.lower()
    page = _Page.read(tree) if tree is not None else _Page.empty()
    if _is_challenge(html, lowered, page):
        return "bot_challenge"
    head = html[:SCAN_CHARS].lower()
    if _is_consent_wall(lowered, words, page, head):
        return "consent_wall"
    if _is_paywall(lowered, words, page, head):
        return "paywall"
    return None


class _Page:
    """What the block checks read from the tree (only for pages with little text), each
    part read when a check first needs it: an ordinary short article is cleared by its
    title and visible text, and its buttons, headings and dialogs are never searched."""

    def __init__(self, tree: _Element | None) -> None:
        self._tree = tree

    @classmethod
    def empty(cls) -> _Page:
        return cls(None)

    @classmethod
    def read(cls, tree: _Element) -> _Page:
        return cls(tree)

    @cached_property
    def title(self) -> str:
        return _norm(str(_TITLE(self._tree))) if self._tree is not None else ""

    @cached_property
    def headings(self) -> tuple[str, ...]:
        if self._tree is None:
            return ()
        return tuple(_norm(string_value(e)) for e in _elements(_HEADINGS(self._tree)))

    @cached_property
    def visible(self) -> str:
        if self._tree is None:
            return ""
        visible = " ".join(_strings(_VISIBLE_TEXT(self._tree)))
        return " ".join(visible.lower().split())[:SCAN_CHARS]

    def more_visible_words_than(self, limit: int) -> bool:
        """Whether `visible` surely has more than ``limit`` words, told by reading the
        body's texts only until they hold that many (a short article's page has that
        many in its menus): False when it has not, or when this walk cannot be sure.

        The walk reads what `_VISIBLE_TEXT` selects (texts and tails under the body, none
        inside a script, style, noscript or template), in document order. It can only
        count fewer words than the XPath, never more: lxml joins adjacent text nodes
        into one ``text`` or ``tail``, which may merge two words, never split one. It
        stops while the words read are still well within `SCAN_CHARS` of `visible`, so
        that cutting `visible` there cannot take them away.
        """
        if self._tree is None or "visible" in self.__dict__:
            return False
        bodies = list(islice(self._tree.getroottree().iter("body"), 2))
        if len(bodies) != 1 or any(
            ancestor.tag in _HIDDEN for ancestor in bodies[0].iterancestors()
        ):
            return False  # a body nested in another or hidden: left to the XPath
        words = chars = 0
        # Each entry: a text to count, or an element whose children come next.
        stack: list[str | _Element] = _children_reversed(bodies[0])
        body_text = bodies[0].text
        if body_text:
            stack.append(body_text)
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                words += len(item.split())
                chars += len(item)
                if chars > _WALK_MAX_CHARS:
                    return False
                if words > limit:
                    return True
                continue
            tail = item.tail
            if tail:
                stack.append(tail)
            tag = item.tag
            if not isinstance(tag, str) or tag in _HIDDEN:
                continue  # a comment's, instruction's or entity's own text is no text()
            stack.extend(_children_reversed(item))
            text = item.text
            if text:
                stack.append(text)
        return False

    @cached_property
    def buttons(self) -> tuple[str, ...]:
        if self._tree is None:
            return ()
        buttons = []
        for element in _elements(_BUTTONS(self._tree)):
            label = element.get("value") if element.tag == "input" else None
            label = _norm(label or string_value(element) or element.get("aria-label") or "")
            if label:
                buttons.append(label)
        return tuple(buttons)

    @cached_property
    def dialogs(self) -> int:
        return len(_elements(_DIALOGS(self._tree))) if self._tree is not None else 0


#: Elements whose texts `_VISIBLE_TEXT` leaves out.
_HIDDEN: Final = frozenset({"script", "style", "noscript", "template"})
#: Characters the walk of `_Page.more_visible_words_than` reads at most: lower-casing
#: may lengthen a character (to at most three) and joining adds a space per text node,
#: so what it read stays within the first `SCAN_CHARS` characters of `visible`.
_WALK_MAX_CHARS: Final = SCAN_CHARS // 4


def _children_reversed(element: _Element) -> list[str | _Element]:
    children: list[str | _Element] = list(element)
    children.reverse()
    return children


def _strings(result: object) -> list[str]:
    return [str(item) for item in result] if isinstance(result, list) else []


def _elements(result: object) -> list[_Element]:
    if not isinstance(result, list):
        return []
    return [item for item in result if isinstance(item, _Element)]


def _is_challenge(html: str, text: str, page: _Page) -> bool:
    if BOT_CHALLENGE.search(html[:CHALLENGE_SCAN_CHARS].lower()):
        return True
    if page.more_visible_words_than(CHALLENGE_MAX_WORDS):
        return False
    challenge = _vocabulary("challenge_phrases")
    visible_words = len(page.visible.split()) if page.visible else len(text.split())
    if visible_words > CHALLENGE_MAX_WORDS:
        return False
    return challenge.any_in(page.title) or challenge.any_in(text) or challenge.any_in(page.visible)


def _is_consent_wall(text: str, words: int, page: _Page, head: str) -> bool:
    titles, vocabulary = _vocabulary("consent_titles"), _vocabulary("consent_words")
    buttons = _vocabulary("consent_buttons")
    lines = [line for line in text.split("\n") if line.strip()]
    short_lines = [_norm(line) for line in lines if len(line.split()) <= BUTTON_LINE_MAX_WORDS]
    # every line (and its `_norm`) is a piece of the text with its spaces collapsed
    collapsed = " ".join(text.split())
    in_text = (vocabulary.within(collapsed), titles.within(collapsed), buttons.within(collapsed))
    consent_lines = sum(
        1
        for line in lines
        if in_text[0].any_in(line) or in_text[1].any_in(line) or in_text[2].any_in(_norm(line))
    )
    if lines and consent_lines < CONSENT_LINE_SHARE * len(lines):
        return False  # the text is something else: an article under a banner
    # Shape: buttons to consent with, a dialog, the consent service itself, or a
    # consent platform on a page with next to no text.
    consent_buttons = sum(1 for label in page.buttons if buttons.equals(label)) + sum(
        1 for line in short_lines if buttons.any_in(line)
    )
    vendor = words < VENDOR_MAX_WORDS and CONSENT_VENDOR.search(head) is not None
    hosted = CONSENT_HOSTS.search(head) is not None
    shaped = consent_buttons > 0 or page.dialogs > 0 or vendor or hosted
    if not shaped:
        return False
    # Vocabulary: the title or a heading *is* a consent title ("Before you continue";
    # a headline about cookie rules merely mentions one), or a short text speaks of
    # cookies, partners and personal data.
    named = (
        titles.equals(page.title)
        or any(titles.equals(heading) for heading in page.headings)
        or any(titles.equals(line) for line in (_norm(line) for line in lines))
        or hosted
    )
    if named:
        return True
    source = text if words else page.visible
    return (
        words <= CONSENT_UNNAMED_MAX_WORDS
        and len(set(vocabulary.found(source))) >= CONSENT_MIN_WORDS
    )


def _is_paywall(text: str, words: int, page: _Page, head: str) -> bool:
    prompts = _vocabulary("paywall_prompts")
    # the prompt stands where the rest of the article would be: among the last lines
    tail = list(_lines(text))[-PROMPT_TAIL_LINES:]
    if any(len(line.split()) <= PROMPT_MAX_WORDS and prompts.any_in(line) for line in tail):
        return True
    if words < NOT_FREE_MAX_WORDS and NOT_FREE.search(head):
        return True
    # the prompt sits in a box trafilatura left out, under a lead of a few lines
    return words < NOT_FREE_MAX_WORDS and any(
        prompts.any_in(line) for line in _short_blocks(page.buttons, page.headings)
    )


def _lines(text: str) -> Iterable[str]:
    return (line for line in text.split("\n") if line.strip())


def _short_blocks(*groups: Sequence[str]) -> Iterable[str]:
    for group in groups:
        yield from (item for item in group if len(item.split()) <= PROMPT_MAX_WORDS)
