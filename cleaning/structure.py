"""Structure before phrases: widgets found by what they are in the markup, whatever the language.

A share bar, a translation menu, a newsletter box or an ad slot says what it is in its
``class``, ``id``, ``role`` or ``aria-label`` long before its text is read: the same
``share-buttons`` class wraps "Share", "Teilen" and "Partager". `widgets` finds such
elements on the parsed page; `detached` takes them out of the tree while trafilatura
runs and puts them back afterwards (trafilatura copies the tree it is given, so the copy
it works on has no widgets and the page tree stays whole for metadata, without a copy of
our own).

What trafilatura already does is not repeated here: its ``OVERALL_DISCARD_XPATH``
(``trafilatura/xpaths.py``) drops ``share-``, ``social``, ``newsletter``, ``related``,
``bread-crumb``, ``sidebar``, ``-ad-`` and ``button`` classes, and its ``MANUALLY_CLEANED``
tags (``nav``, ``aside``, ``form``, ``button``, ``select``, ``option``, ``input``,
``label``, ...). But those run only on the main extractor's candidate body, under an
over-pruning guard that restores everything when too much goes, and only on ``div``,
``p``, ``section``, ``span`` and lists; the readability and jusText fallbacks see the raw
tree. This module adds what those token lists lack (translation, sponsor, promo,
recommendation, read-more, screen-reader-only and player tokens, ``ad``/``ads`` as whole
class words, ``role`` and ``aria-label``, ``data-*`` component names, link lists, and
widgets told by their neighbour element), for every tag, before any extractor runs.

A container is never taken out when it holds the article: the headline (``h1``), the
``articleBody``, or several long paragraphs (a wrapper called ``article-share-count``
around the whole story stays; its share bar inside still goes).

Language-independent tokens (class names) are constants here; aria-label words, which are
language-specific, come from the ``[structure]`` phrase tables.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Final
from urllib.parse import urlsplit

from lxml.etree import Element, XPath, _Element

from cleaning.lines import Line, string_value
from cleaning.phrases import phrases
from cleaning.rules.evidence import (
    ECHO_LABEL_MIN_CHARS,
    SYLLABIC_SCRIPTS_START,
    is_language_switcher,
    same_stem,
)
from cleaning.rules.phrasematch import has_unspaced
from cleaning.text import COLONS, normalize, tokens

# --- class / id / data-* tokens -------------------------------------------------------------
# Matched against the lower-cased attribute values joined by spaces. A token starts at a word
# boundary (start, space, "-", "_" or a digit) so "antisocial" or "download" do not match.

#: Widget tokens by concept. Each names a kind of widget seen on news templates (WordPress
#: share plugins, Google Translate menus, DFP/GPT ad slots, Outbrain/Taboola feeds, ...).
WIDGET_TOKENS: Final = {
    # share bars and follow-us boxes: "share-buttons", "sharing", "addtoany", "shariff"
    "share": r"shar(?:e(?!d)|ing|er|iff|ethis)|social|addthis|addtoany|a2a_|sociable|follow-?us",
    # translation menus: "gtranslate", "google_translate_element", "translate-widget"
    # ("translation" alone names a translated quote's blockquote, not a widget)
    "translate": r"g?translat(?:e|or)(?=$|[\s_-])|g?translate-?(?:widget|bar|menu|box|button|links?"
    r"|select|wrapper|element|this)|gtranslate|lang(?:uage)?-?(?:switch|select|picker|chooser)",
    # newsletter and sign-up boxes
    "newsletter": r"newsletter|sign-?up|opt-?in",
    # related / recommended stories, "popular on", "more from", "read next"
    "related": r"related|recommend|(?:most-?)?popular|trending|most-?(?:read|viewed|shared)"
    r"|more-?(?:stories|news|articles|from|on)|read-?(?:next|also)|also-?read|you-?may-?like"
    r"|outbrain|taboola|further-?reading",
    # "read more" links and expanders
    "read_more": r"read-?more|continue-?reading",
    # breadcrumb trails
    "breadcrumb": r"bread-?crumb|crumbs",
    # ad slots and sponsored content: "ad-slot", "ads_top", "advertisement", "dfp-ad"
    "ad": r"ads?(?=$|[\s_-])|advert|adslot|adunit|ad-?(?:slot|unit|container|wrapper|box|label)"
    r"|adsbygoogle|dfp|gpt-?ad|sponsor|promo(?!tion)|partner-?content|paid-?content",
    # text for screen readers only ("Opens in a new window", "Skip to content")
    "screen_reader": r"sr-only|screen-?reader|visually-?hidden|visuallyhidden|skip-?(?:link|to)",
    # video promos and players: "video-player", "jwplayer", "playlist"
    "player": r"(?:video|audio|jw|media)-?player|playlist|vjs-",
    # toolbars, licensing and copyright lines (pop-ups and modal dialogs are left to
    # trafilatura: taking a hidden dialog out changes which block it picks, and its text
    # is no article's)
    "chrome": r"toolbar|article-?tools|print-?(?:button|link)(?=$|[\s_-])|licens|copyright",
    # section labels and kickers above the headline ("World", "Sport"): cat-links, eyebrow
    "section_label": r"cat-?links|categor(?:y|ies)-?(?:links?|labels?|names?|badges?|tags?)"
    r"|kicker|eyebrow|overline|section-?(?:label|name|tag)|rubric-?(?:label|name)",
    # author boxes under the story ("About the author", WordPress Simple Author Box): a
    # bio of the writer, the same on every story of theirs
    "author_bio": r"author-?(?:bio|box|info|description|details|card|profile|avatar)"
    r"|about-?(?:the-?)?author|saboxplugin|entry-?author(?=$|[\s_-])",
    # bylines, date stamps, reading time and listen bars (the metadata is read from the
    # whole tree, never from these)
    "meta": r"byline|posted-?on|entry-?meta|dateline|timestamp|dates?(?=$|[\s_\-0-9])"
    r"|reading-?time|read-?time|article-?audio|listen-?(?:bar|button|player|to)"
    r"|publish(?:ed)?-?(?:date|time|at|on)|article-?(?:date|time)",
}

# The value is searched with a space in front: a leading character set lets the regex engine
# skip to candidate positions instead of trying every alternative at every character.
# A token after "--" is a BEM modifier ("TestReport__Section--Ads": a section that holds
# ads, not an ad), so it does not count.
_TOKEN_RE: Final = re.compile(
    r"(?:[\s_0-9]|(?<!-)-)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in WIDGET_TOKENS.items()) + ")"
)

#: Concepts whose containers may hold only a few words: a player's or screen-reader span
#: with a paragraph in it is not what these tokens describe, and a "read more" container
#: with text is the collapsed rest of the article.
SMALL_CONCEPTS: Final = frozenset(
    {"screen_reader", "player", "meta", "stamp", "read_more", "section_label", "tag_link"}
)
#: Most words a container of a `SMALL_CONCEPTS` concept may hold.
SMALL_WIDGET_MAX_WORDS: Final = 30

#: ``data-*`` attributes naming a component (React/Vue templates name widgets there).
DATA_ATTRIBUTES: Final = ("data-component", "data-module", "data-testid")

#: ``rel`` values of links to tag and category pages (WordPress ``rel="category tag"``).
TAG_RELS: Final = frozenset({"tag", "category"})

#: ARIA roles of page chrome and controls, never of article text.
WIDGET_ROLES: Final = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "menu",
        "menubar",
        "menuitem",
        "toolbar",
        "tablist",
        "tab",
        "button",
        "switch",
        "dialog",
        "alertdialog",
        "listbox",
        "option",
        "combobox",
    }
)

#: Tags that are the page, not a widget in it: their classes name page templates
#: ("single-post has-share-bar"), so they are never taken out.
PAGE_TAGS: Final = frozenset({"html", "body", "main", "article", "h1", "head"})

#: Form controls, dropped with their labels (``MANUALLY_CLEANED`` of trafilatura does so in
#: its main extractor only).
FORM_TAGS: Final = frozenset(
    {"select", "option", "optgroup", "button", "input", "textarea", "label"}
)

#: Date stamps and bylines as their own tags (``<time>``, ``<address>``), outside sentences.
STAMP_TAGS: Final = frozenset({"time", "address"})

# --- guards ---------------------------------------------------------------------------------
#: A paragraph of at least this many characters is article prose (about 25 words of a
#: European language; teaser summaries and widget blurbs are shorter)...
LONG_PARAGRAPH_CHARS: Final = 150
#: ...and a container with this many of them holds the article, whatever its class says.
PROTECT_LONG_PARAGRAPHS: Final = 2
_HOLDS_ARTICLE: Final = XPath(
    ".//h1 or .//*[@itemprop='articleBody'] or count(.//p[string-length(normalize-space(.)) >= "
    f"{LONG_PARAGRAPH_CHARS}]) >= {PROTECT_LONG_PARAGRAPHS}"
)

# --- icon-only links ------------------------------------------------------------------------
# Links with only an icon ("f", "X", "in") are left in the tree: their text is next to
# nothing, and taking them out changes which block trafilatura picks (trafilatura-eval:
# fewer leaked snippets with them in).
#: Longest text of an inline element that still stands alone (no sentence around it).
ICON_LINK_MAX_CHARS: Final = 3

# --- link lists -----------------------------------------------------------------------------
#: A list is a link list when it has at least this many items...
LINK_LIST_MIN_ITEMS: Final = 3
#: A link list's container is the widget when, besides the list, it holds at most this
#: many words (a heading such as "Most read on <site>").
LINK_BLOCK_HEADING_WORDS: Final = 10
#: Tags that may hold a link list and its heading.
LINK_BLOCK_TAGS: Final = frozenset({"div", "section", "aside", "nav", "td"})
#: ...and at least this share of its words are link text.
LINK_LIST_MIN_SHARE: Final = 0.9
#: Longest link (in characters) of a link list: teaser headlines and menu entries are short.
LINK_LIST_MAX_LINK_CHARS: Final = 120


# --- entries under a related-stories heading ------------------------------------------------
#: Headings that may title a block of related stories ("You may like...").
HEADING_TAGS: Final = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: Fewest repeated sibling elements (teaser boxes) after such a heading taken as its entries;
#: a single list is taken whole.
RELATED_MIN_ENTRIES: Final = 2
_LIST_TAGS: Final = frozenset({"ul", "ol"})
_NOT_ENTRIES: Final = (PAGE_TAGS - {"article"}) | HEADING_TAGS | {"p"}
# --- labels next to an ad slot or an embedded player ----------------------------------------
# "Advertisement" / "Reklama" / "광고" printed above an ad slot, and "VIDEO: <title>" /
# "[영상] <title>" above or below an embedded player: the slot or the player is found by
# its markup, so its label is found by where it stands, whatever its language.
#: Ad slots by tag (AMP), besides the ``ad`` class tokens.
AD_SLOT_TAGS: Final = frozenset({"amp-ad", "amp-embed", "amp-sticky-ad"})
#: Embedded players.
EMBED_TAGS: Final = frozenset(
    {
        "iframe",
        "video",
        "embed",
        "object",
        "amp-youtube",
        "amp-video",
        "amp-iframe",
        "amp-brightcove",
    }
)
#: An ad slot holds at most this many words (a sponsored story with text is not a slot).
AD_SLOT_MAX_WORDS: Final = 3
#: Longest ad label (words, characters): "Advertisement", "Publicidad", "Annonce".
AD_LABEL_MAX_WORDS: Final = 2
AD_LABEL_MAX_CHARS: Final = 25
#: Longest video promo next to a player (words).
PLAYER_LABEL_MAX_WORDS: Final = 16
#: Tags a label is written in (never a heading, a list or a table).
LABEL_TAGS: Final = frozenset(
    {"p", "div", "span", "small", "strong", "b", "em", "i", "figcaption", "font"}
)
#: A promo's label ends before one of these ("VIDEO: ...", "Video | ...", "[영상] ...").
_PROMO_MARK_RE: Final = re.compile(rf"^[^.!?]{{1,30}}?(?:[{COLONS}|]\s|[\]】]\s?)|^\s*[\[【]")
_SENTENCE_END: Final = (".", "?", "!", "…", "。", "？", "！", "؟", "।")


def _text_of(element: _Element) -> str:
    """An element's whole text, whitespace collapsed."""
    return " ".join(string_value(element).split())


def _label_text(element: _Element) -> str | None:
    """The text of a label element: a short block of its own (no list, table, heading or
    long link inside), or None."""
    if not isinstance(element.tag, str) or element.tag not in LABEL_TAGS:
        return None
    for child in element.iterdescendants():
        if not isinstance(child.tag, str) or child.tag not in _INLINE_TAGS:
            return None
    return _text_of(element)


_INLINE_TAGS: Final = frozenset(
    {"a", "b", "strong", "em", "i", "span", "small", "br", "sup", "font"}
)


def _is_ad_label(element: _Element) -> bool:
    text = _label_text(element)
    return (
        bool(text)
        and text is not None
        and len(text.split()) <= AD_LABEL_MAX_WORDS
        and len(text) <= AD_LABEL_MAX_CHARS
        and element.find(".//a") is None
        and not any(map(str.isdigit, text))
        and not text.endswith(_SENTENCE_END)
    )


def _is_player_label(element: _Element) -> bool:
    text = _label_text(element)
    return (
        bool(text)
        and text is not None
        and len(text.split()) <= PLAYER_LABEL_MAX_WORDS
        and not text.endswith(_SENTENCE_END)
        and _PROMO_MARK_RE.match(text) is not None
    )


def _block_of(element: _Element) -> _Element:
    """The element, or the wrappers around it that hold nothing else (``figure``, a
    responsive-ratio ``div``)."""
    block = element
    parent = block.getparent()
    while (
        parent is not None
        and parent.tag not in PAGE_TAGS
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (block.tail or "").strip()
    ):
        block, parent = parent, parent.getparent()
    return block


def _neighbour_labels(hits: dict[_Element, str], tree: _Element) -> None:
    """Add the labels standing next to ad slots and players to ``hits``."""
    slots = [element for element, reason in hits.items() if reason == "ad"]
    slots += _in_document(tree, AD_SLOT_TAGS)
    for slot in slots:
        if _words(slot) > AD_SLOT_MAX_WORDS:
            continue
        # the label stands above the slot; below it only inside a wrapper of the two
        block = _block_of(slot)
        parent = block.getparent()
        below = block.getnext() if parent is not None and len(parent) == 2 else None
        for sibling in (block.getprevious(), below):
            if sibling is not None and sibling not in hits and _is_ad_label(sibling):
                hits[sibling] = "ad_label"
        if slot not in hits:
            hits[slot] = "ad"
    for player in _in_document(tree, EMBED_TAGS):
        block = _block_of(player)
        for sibling in (block.getprevious(), block.getnext()):
            if sibling is not None and sibling not in hits and _is_player_label(sibling):
                hits[sibling] = "player_label"


# --- widgets told by their neighbour --------------------------------------------------------
# Some widgets say what they are only through the element next to them, in any language:
# an ad label and the "story continues after the ad" note that repeats its word; the prompt
# above a language menu ("Translate this story into:"); the appeal above a sign-up button
# that links to the newsletter page.

#: Elements searched for an ad label's echo, before and after it (an empty slot between).
ECHO_SIBLINGS: Final = 2
#: Longest echo (whitespace-separated words), and longest in characters for scripts
#: written without spaces ("อ่านต่อหลังโฆษณา").
ECHO_MAX_WORDS: Final = 8
ECHO_MAX_CHARS: Final = 40
#: Longest prompt above a language menu, and longest appeal above a sign-up button
#: (whitespace-separated words; characters for scripts without spaces).
MENU_PROMPT_MAX_WORDS: Final = 8
MENU_PROMPT_MAX_CHARS: Final = 40
SIGNUP_APPEAL_MAX_WORDS: Final = 25
SIGNUP_APPEAL_MAX_CHARS: Final = 80
#: Longest sign-up button text (words) and the link targets that make it one.
SIGNUP_BUTTON_MAX_WORDS: Final = 4
_SIGNUP_HREF_RE: Final = re.compile(r"newsletter|subscri|sign-?up|opt-?in", re.IGNORECASE)
#: Short one-word texts (ad label candidates) and elements with several links (language
#: menu candidates), found by libxml2.
#: Tags an ad label's own text stands in (its word, without children).
_LABEL_TEXT_TAGS: Final = ("small", "span", "div", "p", "b", "strong", "em", "i", "font")
#: Links and buttons: their words are controls, never an ad's label.
_CONTROL_TAGS: Final = frozenset({"a", "button"})


#: The whitespace of XPath's ``normalize-space``.
_XML_SPACES: Final = " \t\n\r"


def _text_siblings(block: _Element, forward: bool) -> Iterator[_Element]:
    """Up to `ECHO_SIBLINGS` element siblings with text on one side (empty slots skipped)."""
    found = 0
    for sibling in block.itersiblings(preceding=not forward):
        if not isinstance(sibling.tag, str):
            continue
        if not string_value(sibling).strip(_XML_SPACES):  # XPath normalize-space()
            continue
        yield sibling
        found += 1
        if found >= ECHO_SIBLINGS:
            return


def _unspaced(text: str) -> bool:
    """Written without spaces (Thai, Chinese, Japanese), or in syllables where two
    characters make a word (Hangul): a word is found inside another there."""
    return has_unspaced(text) or all(ord(c) >= SYLLABIC_SCRIPTS_START for c in text)


def _short(text: str, words: int, chars: int) -> bool:
    """At most ``words`` words, or ``chars`` characters in a script without spaces."""
    return len(text.split()) <= words if not _unspaced(text) else len(text) <= chars


def _echoes(label: str, text: str) -> bool:
    """Whether a short text repeats an ad label's word ("Anzeige" / "Weiter nach der
    Anzeige", "Isikhangiso" / "... ngemuva kwesikhangiso", "โฆษณา" / "อ่านต่อหลังโฆษณา")."""
    low = text.casefold()
    if low == label or text.endswith(_SENTENCE_END):
        return False
    if _unspaced(label):
        return label in low and len(text) <= ECHO_MAX_CHARS
    words = tokens(low)
    return 2 <= len(text.split()) <= ECHO_MAX_WORDS and any(same_stem(label, w) for w in words)


def _paired_widgets(hits: dict[_Element, str], tree: _Element) -> None:
    """Add widgets told by their neighbour to ``hits`` (see above).

    One walk over the links (menus of two links or more, links to a sign-up page) and one
    over the elements that may hold a label's word alone: XPath tests of every element's
    text cost more here.
    """
    links_of: dict[_Element, int] = {}
    signups = []
    for link in tree.iter("a"):
        parent = link.getparent()
        if parent is not None:
            links_of[parent] = links_of.get(parent, 0) + 1
        href = link.get("href")
        if href and ("sign" in href or "opt" in href or "newsletter" in href or "subscri" in href):
            signups.append(link)
    for element in tree.iter(*_LABEL_TEXT_TAGS):
        if len(element):
            continue  # (before its text is read: most such elements hold others)
        text = element.text
        if not text or len(text) > 3 * AD_LABEL_MAX_CHARS:
            continue
        text = text.strip()
        if not 2 <= len(text) <= AD_LABEL_MAX_CHARS or " " in text:
            continue
        _label_and_echo(hits, element, text)
    for row, count in links_of.items():
        if count >= 2:
            _menu_and_prompt(hits, row)
    for link in signups:
        _button_and_appeal(hits, link)
    for field in tree.iter("input"):
        if (field.get("type") or "text").strip().lower() in _TEXT_FIELDS:
            _email_box(hits, field)


def _label_and_echo(hits: dict[_Element, str], element: _Element, text: str) -> None:
    """An ad label and, within `ECHO_SIBLINGS` elements, a note that repeats its word."""
    # the tests of the word alone first (they end most candidates): the block must be
    # this one word (``text`` holds no space), so `_is_ad_label`'s tests of the block's
    # text are tests of the word
    if any(map(str.isdigit, text)) or text.endswith(_SENTENCE_END):
        return
    label = text.rstrip(":").casefold()
    if len(label) < ECHO_LABEL_MIN_CHARS and not _unspaced(label):
        return
    block = _block_of(element)
    if block in hits or _label_text(block) != text:
        return  # more than the one word
    if block.find(".//a") is not None:
        return  # a link's words
    if any(ancestor.tag in _CONTROL_TAGS for ancestor in block.iterancestors()):
        return  # a button's own words ("Save" / "Save recipe"), no ad's
    for forward in (True, False):
        for sibling in _text_siblings(block, forward):
            echo = _label_text(sibling)
            if echo and sibling not in hits and _echoes(label, echo):
                hits[block] = hits[sibling] = "ad_label"


def _menu_and_prompt(hits: dict[_Element, str], row: _Element) -> None:
    """A language menu and the short prompt right above it ("Translate this story into:")."""
    menu = _block_of(row)
    if menu in hits or _label_text(row) is None:
        return
    if not is_language_switcher(Line(_text_of(row))):
        return
    hits[menu] = "translate"
    _label_above(hits, menu, "translate", MENU_PROMPT_MAX_WORDS, MENU_PROMPT_MAX_CHARS, False)


def _button_and_appeal(hits: dict[_Element, str], link: _Element) -> None:
    """A sign-up button (a link of its own to a newsletter page) and the appeal above it."""
    if not _SIGNUP_HREF_RE.search(urlsplit(link.get("href") or "").path):
        return
    button = _block_of(link)
    text = _text_of(button)
    if button in hits or not text or len(text.split()) > SIGNUP_BUTTON_MAX_WORDS:
        return
    if _text_of(link) != text:
        return  # a link inside a sentence
    hits[button] = "newsletter"
    _label_above(hits, button, "newsletter", SIGNUP_APPEAL_MAX_WORDS, SIGNUP_APPEAL_MAX_CHARS)


def _label_above(
    hits: dict[_Element, str],
    widget: _Element,
    reason: str,
    max_words: int,
    max_chars: int,
    sentence: bool = True,
) -> None:
    """Mark the short label element right above ``widget`` (a prompt, an appeal) as part
    of it; with ``sentence`` False, not a label that ends a sentence."""
    above = widget.getprevious()
    text = _label_text(above) if above is not None else None
    if (
        text
        and above not in hits
        and _short(text, max_words, max_chars)
        and (sentence or not text.endswith(_SENTENCE_END))
    ):
        hits[above] = reason


#: Shortest sign-up button label (characters) and longest (words) whose words open an
#: appeal elsewhere in the text ("Harpidetu" / "Harpidetu zaitez gure buletinera").
SIGNUP_LABEL_MIN_CHARS: Final = 5
SIGNUP_LABEL_MAX_WORDS: Final = 3


def signup_labels(tree: _Element) -> frozenset[str]:
    """The words of the page's sign-up buttons: a button (or submit input) in the same
    small block as an e-mail field, normalised, in any language."""
    labels: set[str] = set()
    for field in tree.iter("input"):
        if (field.get("type") or "").strip().lower() != "email":
            continue
        node = field
        for _ in range(SIGNUP_BOX_DEPTH):
            parent = node.getparent()
            if parent is None or parent.tag in PAGE_TAGS:
                break
            node = parent
            for button in node.iter("button", "input"):
                kind = (button.get("type") or "").strip().lower()
                if button.tag == "input" and kind != "submit":
                    continue
                text = normalize(
                    button.get("value", "") if button.tag == "input" else _text_of(button)
                )
                if len(text) >= SIGNUP_LABEL_MIN_CHARS and len(text.split()) <= (
                    SIGNUP_LABEL_MAX_WORDS
                ):
                    labels.add(text)
            if labels:
                break
    return frozenset(labels)


#: Wrappers climbed from a text field to the sign-up box around it, and the fields
#: (``type``) such a box asks for an address with (not check boxes or radio buttons).
SIGNUP_BOX_DEPTH: Final = 3
_TEXT_FIELDS: Final = frozenset({"email", "text"})


def _email_box(hits: dict[_Element, str], field: _Element) -> None:
    """A sign-up box: the small block around a text or e-mail field, with its appeal and
    button ("Skráðu þig á póstlistann ..." over a field and "Skrá"), in any language.

    Only wrappers whose whole text is as short as an appeal and a button are climbed: a
    field among the article's paragraphs takes none of them along.
    """
    box = None
    node = field
    for _ in range(SIGNUP_BOX_DEPTH):
        parent = node.getparent()
        if parent is None or parent.tag in PAGE_TAGS:
            break
        text = _text_of(parent)
        if not _short(
            text,
            SIGNUP_APPEAL_MAX_WORDS + SIGNUP_BUTTON_MAX_WORDS,
            SIGNUP_APPEAL_MAX_CHARS + SIGNUP_BUTTON_MAX_WORDS * 10,
        ):
            break
        node = parent
        if text:
            box = parent
    if box is not None and box not in hits:
        hits[box] = "newsletter"


_AD_SLOTS: Final = XPath(" | ".join(f"//{tag}" for tag in sorted(AD_SLOT_TAGS)))
_PLAYERS: Final = XPath(" | ".join(f"//{tag}" for tag in sorted(EMBED_TAGS)))


def _in_document(tree: _Element, tags: Collection[str]) -> Iterator[_Element]:
    """The elements of these tags in the tree's whole document, in document order: what
    an XPath union ``//tag1 | //tag2`` gives, in one walk instead of one a tag (a page
    may hold a second top-level ``html`` after the first)."""
    for top in _tops(tree):
        yield from top.iter(*tags)


def _tops(tree: _Element) -> list[_Element]:
    """The top-level elements of the tree's document, in order."""
    root = tree.getroottree().getroot()
    return [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]


@dataclass(frozen=True)
class Widget:
    """One element found to be a widget.

    Attributes:
        element: The element.
        reason: Why: a concept name (``share``, ``ad``, ...), ``role``, ``aria_label``,
            ``form``, ``stamp``, ``tag_link`` or ``link_list``.
    """

    element: _Element
    reason: str


@cache
def _aria_words() -> tuple[tuple[str, bool], ...]:
    """Words of widget aria-labels in every language (``structure.aria_labels``), each with
    whether it must start a word (Latin, Greek and Cyrillic words do; CJK ones need not)."""
    return tuple(
        (word, word[:1].isascii() or ord(word[0]) < 0x3000)
        for word in phrases("structure.aria_labels")
    )


def _names_widget(label: str) -> bool:
    """Whether an aria-label holds a widget word (substring tests: cheaper than a regex of
    a few hundred alternatives; labels repeat, so answers are cached)."""
    try:
        return _label_cache[label]
    except KeyError:
        pass
    if len(_label_cache) >= _CACHE_SIZE:
        _label_cache.clear()
    _label_cache[label] = answer = _has_widget_word(label.lower())
    return answer


_label_cache: dict[str, bool] = {}


def _has_widget_word(label: str) -> bool:
    for word, at_word_start in _aria_words():
        start = label.find(word)
        while start >= 0:
            if not at_word_start or start == 0 or not label[start - 1].isalnum():
                return True
            start = label.find(word, start + 1)
    return False


def _words(element: _Element) -> int:
    return len(string_value(element).split())


def _holds_article(element: _Element) -> bool:
    """Whether the element holds the headline, the marked-up body or long paragraphs."""
    # an element without children holds none of them (most hits: links, icons, labels)
    return len(element) > 0 and bool(_HOLDS_ARTICLE(element))


def _link_list_words(element: _Element) -> int:
    """The words of a list whose text is nearly all short links (menus, "most read", tag
    clouds); 0 for any other list."""
    texts = _TEXTS(element)
    words = len("".join(texts).split())  # the words of its string value
    if words == 0 or _LONG_LINK(element):
        return 0
    if element.tag == "a" or next(element.iterancestors("a"), None) is not None:
        outside = 0
    else:
        # the words of the text nodes outside links: each text node's words counted
        # apart, all of them less those inside a link (no walk up from every text node)
        outside = len(" ".join(texts).split()) - len(" ".join(_LINK_TEXTS(element)).split())
    return words if outside <= (1 - LINK_LIST_MIN_SHARE) * words else 0


def _link_block(link_list: _Element, words: int) -> _Element:
    """The link list's container (the list holds ``words`` words) when all it holds
    besides the list is a short heading."""
    parent = link_list.getparent()
    if parent is None or parent.tag not in LINK_BLOCK_TAGS:
        return link_list
    if _words(parent) - words > LINK_BLOCK_HEADING_WORDS:
        return link_list
    return parent


_LONG_LINK: Final = XPath(f".//a[string-length(normalize-space(.)) > {LINK_LIST_MAX_LINK_CHARS}]")
_TEXTS: Final = XPath(".//text()", smart_strings=False)
_LINK_TEXTS: Final = XPath(".//a//text()", smart_strings=False)


#: The attributes that may name a widget (`widgets` reads them in one walk over the
#: document: an XPath union of ``//@class | //@id | ...`` walks it once a name and builds
#: a result object for every value).
_ATTRIBUTE_NAMES: Final = frozenset({"class", "id", "role", "aria-label", "rel", *DATA_ATTRIBUTES})


#: Concept of each class/id value seen (values repeat within a page and across a site's
#: pages); each cache is emptied when it grows past `_CACHE_SIZE`.
_concept_cache: dict[str, str | None] = {}
_CACHE_SIZE: Final = 50_000


#: The attributes read by `_concept` (the rest of `_ATTRIBUTE_NAMES` are read by name).
_CONCEPT_ATTRIBUTES: Final = frozenset({"class", "id", *DATA_ATTRIBUTES})
#: A cache miss (no concept is called so).
_UNSEEN: Final = "\0unseen"


def _concept(value: str) -> str | None:
    """The `WIDGET_TOKENS` concept named in a class, id or data-* value, if any."""
    try:
        return _concept_cache[value]
    except KeyError:
        pass
    match = _TOKEN_RE.search(" " + value.lower())
    concept = match.lastgroup if match else None
    if len(_concept_cache) >= _CACHE_SIZE:
        _concept_cache.clear()
    _concept_cache[value] = concept
    return concept


#: Form controls, lists and stamps: the shapes tested further in Python (`_shapes`).
_SHAPE_TAGS: Final = tuple(sorted(FORM_TAGS | STAMP_TAGS | _LIST_TAGS))


def _shapes(tree: _Element) -> Iterator[_Element]:
    """Form controls, lists of at least `LINK_LIST_MIN_ITEMS` items and stamps, in document
    order (as the XPath union ``//select | ... | //ul[li[3]] | //ol[li[3]]`` would give
    them, in one walk)."""
    for element in _in_document(tree, _SHAPE_TAGS):
        tag = element.tag
        if tag in _LIST_TAGS:
            for items, _item in enumerate(element.iterchildren("li"), 1):
                if items >= LINK_LIST_MIN_ITEMS:
                    yield element
                    break
        else:
            yield element


def widgets(tree: _Element) -> list[Widget]:
    """The outermost widget elements of a page.

    Args:
        tree: The parsed page (`cleaning.parsing.parse_html`).

    Returns:
        Widgets that hold no article text; none inside another.
    """
    hits: dict[_Element, str] = {}
    # the loop's names as locals (it reads every attribute of every element)
    cached, unseen, mark = _concept_cache.get, _UNSEEN, hits.setdefault
    names, concept_names = _ATTRIBUTE_NAMES, _CONCEPT_ATTRIBUTES
    for top in _tops(tree):
        for element in top.iter(Element):
            for name, value in element.items():
                if name not in names:
                    continue
                if name in concept_names:
                    # `_concept`, its cache read inline (most values are cached and name
                    # nothing)
                    concept = cached(value, unseen)
                    if concept is unseen:
                        concept = _concept(value)
                    if concept is not None:
                        mark(element, concept)
                elif name == "role":
                    if value.strip().lower() in WIDGET_ROLES:
                        mark(element, "role")
                elif name == "rel":
                    if TAG_RELS.intersection(value.lower().split()):
                        mark(element, "tag_link")
                elif name == "aria-label" and _names_widget(value):
                    mark(element, "aria_label")
    for element in _shapes(tree):
        if element in hits:
            continue
        tag = element.tag
        if tag in FORM_TAGS:
            hits[element] = "form"
        elif tag in STAMP_TAGS:
            if _stands_alone(element):
                hits[element] = "stamp"
        else:
            words = _link_list_words(element)
            if words:
                hits.setdefault(_link_block(element, words), "link_list")
    _neighbour_labels(hits, tree)
    _paired_widgets(hits, tree)
    accepted = _accepted(hits)
    outermost = len(accepted)
    for heading in [e for e, reason in accepted.items() if reason == "related"]:
        if heading.tag in HEADING_TAGS:
            for entry in _related_entries(heading):
                accepted.setdefault(entry, "related")
    if len(accepted) == outermost:
        return [Widget(element, reason) for element, reason in accepted.items()]
    # an entry may hold accepted hits (a teaser box's link)
    return [
        Widget(element, reason)
        for element, reason in accepted.items()
        if accepted.keys().isdisjoint(element.iterancestors())
    ]


def _accepted(hits: dict[_Element, str]) -> dict[_Element, str]:
    """The hits that `_accept` takes, none inside another, in the order of ``hits``.

    A hit inside an accepted one goes out with it, so it is not tested (a container's
    test for the article's paragraphs is the costly part); each element's ancestors are
    read once, outermost first.
    """
    verdicts: dict[_Element, bool] = {}
    # element -> whether an accepted hit above it holds it
    inside: dict[_Element, bool] = {}

    def taken(element: _Element) -> bool:
        verdict = verdicts.get(element)
        if verdict is None:
            verdict = verdicts[element] = _accept(element, hits[element])
        return verdict

    def held(element: _Element) -> bool:
        path = []
        node = element.getparent()
        found = False
        while node is not None:
            known = inside.get(node)
            if known is not None:
                found = known or (node in hits and taken(node))
                break
            path.append(node)
            node = node.getparent()
        for node in reversed(path):
            inside[node] = found
            found = found or (node in hits and taken(node))
        # ``found`` now tells whether ``element``'s parent or one above it is taken
        return found

    return {
        element: reason for element, reason in hits.items() if not held(element) and taken(element)
    }


def _accept(element: _Element, reason: str) -> bool:
    """Whether a hit really is a widget: not the page itself, not running text, no article."""
    tag = element.tag
    if not isinstance(tag, str) or tag in PAGE_TAGS:
        return False
    if reason == "form":
        return True
    # a link inside a sentence is part of the sentence, whatever its class
    if tag == "a" and not _stands_alone(element):
        return False
    # so is a dateline or byline span that opens the lead paragraph ("<p><span
    # class="dateline">KOBE –</span> A total of 6,000 masks ...")
    if reason == "meta" and _in_prose(element):
        return False
    if reason in SMALL_CONCEPTS and _words(element) > SMALL_WIDGET_MAX_WORDS:
        return False
    return not _holds_article(element)


def _related_entries(heading: _Element) -> list[_Element]:
    """The entries a related-stories heading titles: the run of same-tag siblings after it
    (teaser boxes, a list), when the heading's class is all that names the block.

    Paragraphs never count (a heading followed by paragraphs is the article going on), and
    the run stops at anything that holds the article.
    """
    run: list[_Element] = []
    for sibling in heading.itersiblings():
        tag = sibling.tag
        if run and tag != run[0].tag:
            break
        # teaser boxes are often <article> elements of their own
        if not isinstance(tag, str) or tag in _NOT_ENTRIES:
            break
        if _holds_article(sibling):
            break
        run.append(sibling)
    if len(run) >= RELATED_MIN_ENTRIES or (len(run) == 1 and run[0].tag in _LIST_TAGS):
        return run
    return []


def _stands_alone(element: _Element) -> bool:
    """Whether an inline element is not part of running text (no words run around it in
    its parent)."""
    parent = element.getparent()
    if parent is None:
        return True
    # the parent's own text: what runs between its children (a sentence around the link)
    outside = len((parent.text or "").strip())
    for child in parent:
        outside += len((child.tail or "").strip())
        if outside > ICON_LINK_MAX_CHARS:
            return False
    return True


#: Words of a paragraph around an inline element that make it a sentence.
PROSE_MIN_WORDS: Final = 12


def _in_prose(element: _Element) -> bool:
    """Whether an element sits inside a paragraph's sentence: a ``<p>``'s child with at
    least `PROSE_MIN_WORDS` words of the paragraph's own text around it."""
    parent = element.getparent()
    if parent is None or parent.tag != "p":
        return False
    words = len((parent.text or "").split())
    for child in parent:
        words += len((child.tail or "").split())
        if words >= PROSE_MIN_WORDS:
            return True
    return False


@dataclass
class _Detached:
    element: _Element
    parent: _Element
    index: int
    previous: _Element | None
    joined_text: str | None  # the previous sibling's tail (or parent's text) before the cut


@contextmanager
def detached(elements: Sequence[_Element]) -> Iterator[None]:
    """Take elements out of their tree for the duration of the block, then put them back.

    Each element's tail text stays in the tree while it is out (as `drop_tree` leaves it),
    and everything is restored exactly, in reverse order, when the block ends.

    Args:
        elements: Elements of one tree, none inside another (as `widgets` gives them).
    """
    cuts: list[_Detached] = []
    try:
        for element in elements:
            parent = element.getparent()
            if parent is None:
                continue
            previous = element.getprevious()
            joined = previous.tail if previous is not None else parent.text
            cuts.append(_Detached(element, parent, parent.index(element), previous, joined))
            tail = element.tail
            element.tail = None
            parent.remove(element)
            if tail:
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            element.tail = tail
        yield
    finally:
        for cut in reversed(cuts):
            if cut.previous is not None:
                cut.previous.tail = cut.joined_text
            else:
                cut.parent.text = cut.joined_text
            tail = cut.element.tail
            cut.parent.insert(cut.index, cut.element)
            cut.element.tail = tail


__all__ = ["WIDGET_TOKENS", "Widget", "detached", "widgets"]


# --- the article's lead (standfirst) --------------------------------------------------------
#: Class and id tokens of an article's lead paragraph: the standfirst a template prints
#: between the headline and the body ("article-lead", "teaser-text", "chapo", "Vorspann").
#: A subtitle ("dek", "subheading") is not one: news benchmarks leave it out of the text.
LEAD_TOKENS: Final = re.compile(
    r"lead|intro|teaser|chapo|preface|standfirst|summary|abstract|excerpt|einleitung"
    r"|vorspann|bajada|entradilla|perex"
)
#: Shortest description taken for the lead, and the characters compared.
LEAD_MIN_CHARS: Final = 60
LEAD_KEY_CHARS: Final = 50
#: Wrappers around the lead's element whose class or id may name it.
LEAD_WRAPPERS: Final = 2
#: Tags that may hold the lead, and ancestors that never do (menus, sidebars, links).
_LEAD_TAGS: Final = ("p", "div", "span", "h2", "strong")
_NOT_LEAD_ANCESTORS: Final = frozenset({"nav", "aside", "footer", "a", "header"})


def standfirst(tree: _Element, description: str | None, text: str) -> str | None:
    """The article's lead paragraph when trafilatura left it out, else None.

    The lead is the element whose text is the page's own description (``og:description``
    and the like: so it is this article's, not a teaser of another) and whose class or id
    names a lead ("article-lead", "teaser-text", "chapo"); trafilatura often skips it
    because it stands apart from the body's paragraphs.

    Args:
        tree: The parsed page.
        description: The page's description meta value.
        text: The article text extracted so far.
    """
    if not description:
        return None
    key = " ".join(description.split())
    if len(key) < LEAD_MIN_CHARS or key[:LEAD_KEY_CHARS] in " ".join(text.split()):
        return None
    key = key[:LEAD_KEY_CHARS]
    first_word = key.split()[0]
    longest = len(description) * 3 // 2 + 20
    for element in tree.iter(*_LEAD_TAGS):
        own = element.text
        if not own or first_word not in own:
            continue  # the lead's element opens with its first word (a cheap test first)
        found = " ".join(string_value(element).split())
        if not found.startswith(key) or len(found) > longest:
            continue
        if any(a.tag in _NOT_LEAD_ANCESTORS for a in element.iterancestors()):
            return None
        # the element or the wrappers right around it name the lead
        names = " ".join(
            f"{node.get('class') or ''} {node.get('id') or ''}"
            for node in (element, *itertools.islice(element.iterancestors(), LEAD_WRAPPERS))
        ).lower()
        return found if LEAD_TOKENS.search(names) else None
    return None
