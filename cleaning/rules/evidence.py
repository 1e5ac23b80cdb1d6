"""Boilerplate told by evidence inside the page, whatever its language.

The phrase tables only know the languages they were written for. These rules need no
words of the page's language: they compare a line with the page's own links, with
brand names (the ``platforms`` of the tables are the same in every language), with the
names of languages (`language_names.toml`), and with its neighbour lines.

- `is_linked_teaser`: another story's headline, alone or after a short label ("<label>:
  <headline>"), when the page links that headline to another article of the same site
  (a related list, a "read also" box);
- `is_platform_appeal`: a short line naming two or more platforms with hardly any other
  word ("Pratite nas na Facebooku, Instagramu i Telegramu");
- `is_language_switcher`: a line of language names ("English | Русский | العربية");
- `label_echoes`: a one-word label next to a short line that repeats it ("Oglas" /
  "Članak se nastavlja ispod oglasa"): an ad slot's label and its continuation note.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Final
from urllib.parse import urljoin, urlsplit

from cleaning.lines import LazyAnchors, Line
from cleaning.rules.bylines import is_date_or_dateline
from cleaning.rules.context import CleanContext, Page
from cleaning.rules.datafiles import rules_data
from cleaning.rules.labels import PLATFORMS
from cleaning.rules.phrasematch import Substrings, has_unspaced
from cleaning.text import COLONS, normalize, tokens

# --- another story's headline, linked elsewhere on the page ---------------------------
#: Shortest and longest linked headline (words), whole line or after a label.
LINKED_TEASER_MIN_WORDS: Final = 3
LINKED_TEASER_MAX_WORDS: Final = 25
#: ...and characters (a Thai or Chinese headline has few spaces).
LINKED_TEASER_MAX_CHARS: Final = 200
#: Longest label before the headline (words, characters): "Read also", "Lesen Sie auch".
TEASER_LABEL_MAX_WORDS: Final = 4
TEASER_LABEL_MAX_CHARS: Final = 30
#: "<label>: <headline>", "<label> | <headline>", "<label> – <headline>".
TEASER_LABEL_RE: Final = re.compile(
    rf"^(?P<label>[^{COLONS}|–—»]{{1,30}}?)\s*[{COLONS}|–—»]\s*(?P<rest>.+)$"
)
#: "<label>: <headline>", "<label> | <headline>", "<label> - <headline>".
TEASER_DASH_RE: Final = re.compile(r"^(?P<label>.{1,30}?)\s+-\s+(?P<rest>.+)$")
#: A list entry's number or bullet before a linked headline ("1. ", "▶ ", "• "): a
#: "most read" list printed as lines, a video promo's play sign.
LIST_MARKER_RE: Final = re.compile(r"^(?:\d{1,2}[.)]|[^\w\s\"'“„«(\[]{1,2})\s+(?=\w)")
#: A sentence ends so; a headline in a teaser list does not.
_SENTENCE_END: Final = (".", "?", "!", "。", "？", "！", "؟", "।")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _points_elsewhere(hrefs: Sequence[str], page_urls: frozenset[str]) -> bool:
    """Whether one of ``hrefs`` is another page of the page's site (not the page itself,
    not the home page)."""
    base = next(iter(sorted(page_urls)), "")
    if not base:
        return False
    host = _host(base)
    own = {(parts.path.rstrip("/"), parts.query) for parts in map(urlsplit, page_urls)}
    for href in hrefs:
        if href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urlsplit(urljoin(base + "/", href))
        if (target.hostname or "").removeprefix("www.") != host:
            continue
        path = target.path.rstrip("/")
        # another page of the site ("/?p=48211", "/lajme/48190", "/a-b-c"), not the home
        if (path, target.query) not in own and (path or target.query):
            return True
    return False


def _is_linked_headline(norm: str, ctx: CleanContext) -> bool:
    anchors = ctx.anchors
    if not isinstance(anchors, LazyAnchors):
        return False
    targets = anchors.targets(norm)
    if not targets or any(normalize(title) == norm for title in ctx.titles):
        return False
    return _points_elsewhere(targets, ctx.page_urls)


def is_linked_teaser(line: Line, ctx: CleanContext) -> bool:
    """Another story's headline that the page links to another of its articles.

    A whole line that is such a link text and no finished sentence (a related list's
    entry printed as a paragraph), or a short label and such a link text ("Pročitajte i:
    <headline>"). A paragraph that quotes a headline among other words stays, and so
    does the page's own headline.
    """
    text = line.text.strip()
    if line.kind == "table":
        # a table row of one cell is a block of a table layout, not a row of data
        if len(_UNESCAPED_PIPE_RE.findall(text)) != 2:
            return False
        text = text.strip("| ")
        line = Line(text)
    marker = LIST_MARKER_RE.match(text)
    if marker is not None and line.kind != "table":
        line = Line(text[marker.end() :])
        text = line.text
    if (
        line.kind == "table"
        or not ctx.page_urls
        or len(text.split()) > LINKED_TEASER_MAX_WORDS
        or len(text) > LINKED_TEASER_MAX_CHARS
    ):
        return False
    # every candidate below (the line, the part after a label) ends as the line does, so
    # a line whose end is no link text's end is no teaser (most lines)
    anchors = ctx.anchors
    if not isinstance(anchors, LazyAnchors) or not anchors.may_end(line.norm):
        return False
    if (
        line.words >= LINKED_TEASER_MIN_WORDS
        and not text.endswith(_SENTENCE_END)
        and _is_linked_headline(line.norm, ctx)
    ):
        return True
    found = TEASER_LABEL_RE.match(text) or TEASER_DASH_RE.match(text)
    if found is not None:
        return _is_labelled(found["label"].strip(), found["rest"].strip(), ctx)
    # a label without a separator ("<b>Loe ka</b> <headline>"): a few words, then a link
    words = text.split()
    for cut in range(1, min(TEASER_LABEL_MAX_WORDS, len(words) - 2) + 1):
        if _is_labelled(" ".join(words[:cut]), " ".join(words[cut:]), ctx):
            return True
    return False


def _is_labelled(label: str, rest: str, ctx: CleanContext) -> bool:
    if (
        not label
        or len(label.split()) > TEASER_LABEL_MAX_WORDS
        or len(label) > TEASER_LABEL_MAX_CHARS
        or any(map(str.isdigit, label))
        or Line(rest).words < 2
    ):
        return False
    return _is_linked_headline(normalize(rest), ctx)


def is_linked_teaser_rule(line: Line, ctx: CleanContext, page: object) -> bool:
    """`is_linked_teaser` with the registry's signature."""
    return is_linked_teaser(line, ctx)


# --- a count that links to a part of the page -------------------------------------------
#: Most words of such a line ("Komentāri: 11", "12 comentaris", "Коментари (8)").
FRAGMENT_COUNT_MAX_WORDS: Final = 3
_NUMBER_RE: Final = re.compile(r"^\(?\d+\)?:?$")


def is_fragment_count(line: Line, ctx: CleanContext) -> bool:
    """A word and a number that link only to a part of the same page: the comment
    counter of a story ("Komentāri: 11" -> ``#komentari``), in any language.

    A linked headline with a number goes elsewhere ("3 Hochhäuser geräumt" -> another
    article), and a number in running text is no link of its own.
    """
    anchors = ctx.anchors
    if not isinstance(anchors, LazyAnchors):
        return False
    # a table row's cell borders are no words
    words = [word for word in line.text.split() if word.strip("|")]
    if len(words) > FRAGMENT_COUNT_MAX_WORDS:
        return False
    numbers = sum(bool(_NUMBER_RE.match(word)) for word in words)
    if numbers != 1 or len(words) < 2:
        return False
    if sum(any(map(str.isdigit, word)) for word in words) != 1:
        return False  # "2:1", "Chapter 3.2": the number is all the digits of the line
    targets = anchors.targets(line.norm)
    return bool(targets) and all(href.strip().startswith("#") for href in targets)


# --- an appeal that opens with the page's sign-up button ----------------------------------
#: Longest such appeal (words).
SIGNUP_APPEAL_MAX_WORDS: Final = 16


def is_signup_appeal(line: Line, ctx: CleanContext) -> bool:
    """A short line that opens with the words of the page's own sign-up button (a button
    beside an e-mail field): the newsletter appeal printed in the text, in any language
    ("Harpidetu zaitez gure asteko buletinera" over a form whose button is "Harpidetu")."""
    if not ctx.signup_labels or line.words > SIGNUP_APPEAL_MAX_WORDS:
        return False
    norm = line.norm
    return any(
        norm == label or (norm.startswith(label) and norm[len(label)] == " ")
        for label in ctx.signup_labels
    )


def is_signup_appeal_rule(line: Line, ctx: CleanContext, page: object) -> bool:
    """`is_signup_appeal` with the registry's signature."""
    return is_signup_appeal(line, ctx)


# --- follow / share appeals that name platforms ----------------------------------------
#: Longest appeal (whitespace-separated words) and most words that are not platforms
#: ("Bashkohu me kanalin tonë në WhatsApp dhe Telegram për lajmet më të fundit").
APPEAL_MAX_TOKENS: Final = 16
APPEAL_OTHER_MAX_TOKENS: Final = 13
#: ...and in `Line.words`, which also counts the words of scripts without spaces (a Thai
#: sentence naming Facebook and LINE is a few "tokens" but many words).
APPEAL_MAX_WORDS: Final = 20
#: ...and most such words when the line ends as a sentence ("Facebook, X i Telegram.").
APPEAL_SENTENCE_OTHER_MAX_TOKENS: Final = 2
#: One platform named must be at least this long: short names ("x", "line", "mail") are
#: also ordinary words, so two of them alone prove nothing.
APPEAL_BRAND_MIN_CHARS: Final = 6


def _script_platforms() -> tuple[str, ...]:
    """Platform names in other scripts (`platform_names.toml`, package data), as stems: a
    final vowel killer (virama, pulli) goes, since an inflected form replaces it with a
    vowel sign ("யூடியூப்" / "யூடியூபில்")."""
    stems = []
    for name in rules_data("platform_names.toml")["names"]:
        stem = normalize(name)
        while stem and unicodedata.category(stem[-1]) == "Mn":
            stem = stem[:-1]
        stems.append(stem)
    return tuple(stems)


_SCRIPT_PLATFORMS: Final = _script_platforms()
#: The platforms of every phrase table and of `platform_names.toml`.
APPEAL_PLATFORMS: Final = PLATFORMS.including(n for n in _SCRIPT_PLATFORMS if " " not in n)
#: Names of two words ("فیس بک"), found in the line before it is split into words.
_TWO_WORD_PLATFORMS: Final = tuple(n for n in _SCRIPT_PLATFORMS if " " in n)
#: Names in scripts that join a preposition to the next word ("በፌስቡክ", on Facebook) are
#: found inside a word; this long at least.
CONTAINED_PLATFORM_MIN_CHARS: Final = 4
_CONTAINED_PLATFORMS: Final = tuple(
    n
    for n in _SCRIPT_PLATFORMS
    if " " not in n and not n.isascii() and len(n) >= CONTAINED_PLATFORM_MIN_CHARS
)


#: A name in another script is distinctive from this many characters ("ዩቲዩብ").
APPEAL_SCRIPT_BRAND_MIN_CHARS: Final = 4


def _distinctive(stem: str) -> bool:
    """A platform name that is no ordinary word: long enough for its script."""
    if stem.isascii():
        return len(stem) >= APPEAL_BRAND_MIN_CHARS
    return len(stem) >= APPEAL_SCRIPT_BRAND_MIN_CHARS


#: Cheap first test: an appeal names a platform of at least `APPEAL_BRAND_MIN_CHARS`
#: letters, so a line without one anywhere is no appeal (most lines are not).
_BRAND_STEMS: Final = tuple(
    sorted(
        {s for s in (*APPEAL_PLATFORMS.prefixes, *APPEAL_PLATFORMS.words) if _distinctive(s)}
        | set(_TWO_WORD_PLATFORMS),
        key=len,
        reverse=True,
    )
)
_BRAND_RE: Final = re.compile("|".join(map(re.escape, _BRAND_STEMS)) or r"(?!)")
#: ...the same stems as a `Substrings` matcher: with the text's `Page`, only the stems
#: somewhere in the text are looked for in a line (most texts name no platform).
_BRANDS: Final = Substrings(
    ("cleaning.platforms",), _BRAND_STEMS, _BRAND_STEMS, tuple(None for _ in _BRAND_STEMS)
)


def _platform(token: str) -> str | None:
    """The platform stem a word names ("facebooku" -> "facebook"), or None."""
    if token in APPEAL_PLATFORMS.words:
        return token
    for stem in APPEAL_PLATFORMS.prefixes:
        if token.startswith(stem):
            return stem
    if not token.isascii():
        for stem in _CONTAINED_PLATFORMS:
            if stem in token:
                return stem
    return None


def is_platform_appeal(line: Line, page: Page | None = None) -> bool:
    """A short line naming two or more platforms and little else: a follow or share
    appeal in any language ("Ikuti kami di Facebook, Instagram dan Telegram").

    A sentence that mentions two platforms among more words stays ("Rumours spread on
    Facebook and WhatsApp, police said.").

    ``page``, the `Page` of a text the line is a short line of (no longer than
    `MAX_RULE_WORDS`), only makes the test cheaper.
    """
    if page is not None:
        # the text's lines are normalised (case-folded) already, as a line's ``norm``
        present = page.present(_BRANDS)
        if not present or not _BRANDS.search(line.norm, present):
            return False
    elif _BRAND_RE.search(line.norm) is None:
        return False
    norm = line.norm
    named: set[str] = set()
    for name in _TWO_WORD_PLATFORMS:
        if name in norm:
            named.add(name)
            norm = norm.replace(name, " ")
    found = tokens(norm)
    if len(found) + len(named) > APPEAL_MAX_TOKENS or line.words > APPEAL_MAX_WORDS:
        return False
    others = 0
    for token in found:
        # "ku-Facebook", "naku-WhatsApp": a prefix joined to the name by a hyphen
        stem = next(filter(None, map(_platform, token.split("-"))), None)
        if stem is None:
            others += 1
        else:
            named.add(stem)
    if len(named) < 2 or not any(_distinctive(stem) for stem in named):
        return False
    if line.text.rstrip().endswith(_SENTENCE_END):
        return others <= APPEAL_SENTENCE_OTHER_MAX_TOKENS
    return others <= APPEAL_OTHER_MAX_TOKENS


# --- language switchers -----------------------------------------------------------------
#: Separators between the entries of a language menu rendered as one line.
SWITCHER_SEPARATORS: Final = "|,·•/¦"
SWITCHER_SPLIT_RE: Final = re.compile(rf"\s*[{re.escape(SWITCHER_SEPARATORS)}]\s*")
#: Fewest entries, and share of them that must be language names.
SWITCHER_MIN_ITEMS: Final = 3
SWITCHER_NAME_SHARE: Final = 0.8
#: Fewest entries after a label ("Read in: English | Русский").
SWITCHER_LABELLED_MIN_ITEMS: Final = 2
#: Longest entry (words): "Bahasa Indonesia", "Simplified Chinese".
SWITCHER_ITEM_MAX_WORDS: Final = 3


@cache
def language_names() -> frozenset[str]:
    """Normalised language names of `language_names.toml` (package data, read once)."""
    return frozenset(normalize(name) for name in rules_data("language_names.toml")["names"])


@cache
def language_codes() -> frozenset[str]:
    """Language codes of `language_names.toml` ("en", "pt-br")."""
    return frozenset(normalize(code) for code in rules_data("language_names.toml")["codes"])


def is_language_switcher(line: Line) -> bool:
    """A line made mostly of language names: a language menu ("Hrvatski | English")."""
    text = line.text.strip()
    labelled = TEASER_LABEL_RE.match(text)
    needed = SWITCHER_MIN_ITEMS
    if labelled is not None and len(labelled["label"].split()) <= TEASER_LABEL_MAX_WORDS:
        # "Lexo në: Shqip | English": a label and two names are enough
        text, needed = labelled["rest"].strip(), SWITCHER_LABELLED_MIN_ITEMS
    if any(separator in text for separator in SWITCHER_SEPARATORS):
        items = [item for item in SWITCHER_SPLIT_RE.split(text) if item.strip()]
    else:
        items = [text] if text.strip() else []  # the split of a line without separators
    if len(items) < needed:
        items = text.split()  # "English Русский العربية": one name a word
        if len(items) < needed:
            return False
    elif any(len(item.split()) > SWITCHER_ITEM_MAX_WORDS for item in items):
        # (words of `str.split` are one word each)
        return False
    names, codes = language_names(), language_codes()
    # "EN | FR | DE": language codes, only as a whole menu with separators
    code_menu = len(items) >= needed and text.count("|") + text.count("·") >= len(items) - 1
    share = SWITCHER_NAME_SHARE * len(items)
    found = 0
    for index, item in enumerate(items):
        key = normalize(item)
        found += key in names
        code_menu = code_menu and key in codes
        # most lines are prose: stop once neither test can pass (the words are
        # normalised one by one, not the whole line's at once)
        if not code_menu and found + len(items) - index - 1 < share:
            return False
    return found >= share or code_menu


# --- a label and its echo ---------------------------------------------------------------
#: Lines around a one-word label searched for its echo.
ECHO_DISTANCE: Final = 2
#: Longest echo line (whitespace-separated words), and shortest label (characters).
ECHO_MAX_WORDS: Final = 8
ECHO_LABEL_MIN_CHARS: Final = 3
#: Longest label: an ad slot's label is a short word ("Advertisement", "Publicidade",
#: "isikhangiso"); a longer one is a field's name ("Basisinformation: keine").
ECHO_LABEL_MAX_CHARS: Final = 13
#: Scripts from here on (Hangul, kana, CJK) write a word in one or two characters.
SYLLABIC_SCRIPTS_START: Final = 0x1100
#: Letters of an affix the echo may have instead of the label's ("reklam-a" /
#: "reklam-ou", "i-sikhangiso" / "kwe-sikhangiso"), and the shortest part compared.
ECHO_AFFIX_CHARS: Final = 2
ECHO_CORE_MIN_CHARS: Final = 4


def _is_label(line: Line) -> bool:
    text = line.text.strip().rstrip(":")
    # two characters are a word in Chinese, Japanese or Korean ("广告", "광고")
    shortest = 2 if all(ord(c) >= SYLLABIC_SCRIPTS_START for c in text) else ECHO_LABEL_MIN_CHARS
    return (
        line.kind != "head"
        and shortest <= len(text) <= ECHO_LABEL_MAX_CHARS
        and len(text.split()) == 1
        and not any(map(str.isdigit, text))
        and not text.endswith(_SENTENCE_END)
    )


#: Longest echo (characters) in a script without spaces ("อ่านต่อหลังโฆษณา" is one "word").
ECHO_MAX_CHARS: Final = 40


def _echoes(label: str, line: Line) -> bool:
    text = line.text.strip()
    if line.kind == "head" or text.endswith(_SENTENCE_END):
        return False
    if any(c.isdigit() for c in text):
        return False  # a field's value ("Genauigkeit" / "0,5s Genauigkeitsklasse")
    if has_unspaced(label):
        return label in line.low and len(label) < len(text) <= ECHO_MAX_CHARS
    return 2 <= len(text.split()) <= ECHO_MAX_WORDS and (
        label in line.low or any(same_stem(label, word) for word in tokens(text))
    )


def same_stem(label: str, word: str) -> bool:
    """Whether ``word`` holds ``label`` with another ending or another prefix
    ("reklama" / "reklamou", "isikhangiso" / "kwesikhangiso"): some part of the label
    `ECHO_AFFIX_CHARS` letters shorter than it is in the word."""
    core = max(len(label) - ECHO_AFFIX_CHARS, min(len(label), ECHO_CORE_MIN_CHARS))
    return len(word) >= core and any(
        label[start : start + core] in word for start in range(len(label) - core + 1)
    )


def label_echoes(lines: Sequence[Line]) -> list[int]:
    """Indices of one-word labels with a short line within `ECHO_DISTANCE` lines that
    holds the label ("Anzeige" / "Weiter nach der Anzeige", "Oglas" / "Članak se
    nastavlja ispod oglasa"), and of those lines.

    The ad slot's label and its "continues after" note, in any language. A one-word
    heading over a paragraph stays (headings and finished sentences are no echo).
    """
    found: list[int] = []
    for i, line in enumerate(lines):
        if not _is_label(line):
            continue
        label = line.text.strip().rstrip(":").casefold()
        low, high = max(0, i - ECHO_DISTANCE), min(len(lines), i + ECHO_DISTANCE + 1)
        echoes = [j for j in range(low, high) if j != i and _echoes(label, lines[j])]
        if echoes:
            found.append(i)
            found.extend(echoes)
    return sorted(set(found))


# --- a menu printed as a line -----------------------------------------------------------
#: Fewest entries of a menu line, and longest menu line (words).
MENU_MIN_ENTRIES: Final = 3
MENU_LINE_MAX_WORDS: Final = 15
#: A table row of menu entries may hold one short label ("Share:") among its links.
MENU_LABEL_MAX_WORDS: Final = 2
#: Cells of a table row rendered as a line ("| Cluj | Actualitate | Economie |").
_CELL_SPLIT_RE: Final = re.compile(r"\s*\|\s*")
#: A cell border of a table row as trafilatura renders it (a "|" in a cell is "\|").
_UNESCAPED_PIPE_RE: Final = re.compile(r"(?<!\\)\|")


def is_menu_line(line: Line, ctx: CleanContext) -> bool:
    """A line made only of the page's short link texts: a menu that trafilatura kept
    (a table template's menu row, "Lokalt Danmark Erhverv Sport"), in any language.

    Each cell of a table row must be a link text or a run of one-word menu entries (one
    short label ending in a colon may stand among them, and a row of a menu entry and a
    date is the story's header row: "| World | 04.09.2025 14:10 |"); a line that is no
    table row must be such a run of at least `MENU_MIN_ENTRIES` entries.
    A sentence ends with a stop, and its words are rarely all menu entries.
    """
    anchors = ctx.anchors
    text = line.text.strip()
    if (
        not isinstance(anchors, LazyAnchors)
        or line.words > MENU_LINE_MAX_WORDS
        or text.endswith(_SENTENCE_END)
    ):
        return False
    if line.kind == "table":
        cells = [cell for cell in _CELL_SPLIT_RE.split(text) if cell.strip()]
        entries = dates = labels = 0
        for cell in cells:
            norm = normalize(cell)
            if anchors.is_menu_entry(norm) or norm in anchors:
                entries += 1
            elif all(anchors.is_menu_entry(word) for word in tokens(norm)):
                entries += len(norm.split())
            elif is_date_or_dateline(Line(cell.strip())):
                dates += 1  # "| Novadā | 04.09.2025 14:10 |": section and date
            elif cell.strip().endswith(":") and len(cell.split()) <= MENU_LABEL_MAX_WORDS:
                labels += 1  # "| Print | Share: | Facebook | X |": a button row's label
            else:
                return False
        if labels > 1:
            return False
        return entries >= MENU_MIN_ENTRIES or (entries >= 1 and dates == 1 and not labels)
    words = tokens(line.norm)
    return len(words) >= MENU_MIN_ENTRIES and all(anchors.is_menu_entry(w) for w in words)
