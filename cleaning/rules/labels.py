"""Whole-line labels of widgets and ads, section labels and breadcrumb trails.

Tables: ``[cleaning]`` ``widget_labels``, ``widget_prefixes``, ``ad_labels``,
``section_labels``, ``home_words`` of every `cleaning/phrases/<lang>.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Final

from cleaning.lines import LazyAnchors, Line
from cleaning.rules.phrasematch import LineLabels, LinePrefixes, Stems
from cleaning.text import normalize, tokens

#: Widget labels and ad markers are whole lines of at most this many words.
LABEL_MAX_WORDS: Final = 10

# Translation and language-selector widgets (GTranslate on WordPress news sites: the
# seed page's "Translate This News In"; "Select Language" dropdown labels), print,
# font-size, copy-link, comment-count and share buttons rendered as text.
WIDGET_LABELS: Final = LineLabels.of("cleaning.widget_labels")
#: "Translate this news in <language>": the label and a language name or two.
WIDGET_PREFIXES: Final = LinePrefixes.of("cleaning.widget_prefixes")
#: Most words after a widget prefix (a language name: "Brazilian Portuguese").
WIDGET_PREFIX_REST_WORDS: Final = 2

# "Advertisement" markers and "Story continues below advertisement" (Canadian and US
# news templates), "Article content" (Postmedia), "Anzeige" (German), "Passer la
# publicité" (French video-ad skip buttons).
AD_LABELS: Final = LineLabels.of("cleaning.ad_labels")


# --- buttons by their words, whatever the wording ------------------------------------
# A share button names a platform with a share or copy word ("Partilhar no Facebook",
# "페이스북 공유하기"); a translation button holds a translate word in a few words
# ("Terjemahkan artikel ini"). Stems, so a language's inflections need no list.
SHARE_WORDS: Final = Stems.of("cleaning.share_words")
PLATFORMS: Final = Stems.of("cleaning.platforms")
TRANSLATE_WORDS: Final = Stems.of("cleaning.translate_words")
#: Longest share button ("Share this story on Facebook") and translation button (words).
SHARE_BUTTON_MAX_WORDS: Final = 6
TRANSLATE_BUTTON_MAX_WORDS: Final = 4
#: A sentence ends so; a button's label does not.
_SENTENCE_END: Final = (".", "?", "!", "。", "？", "！", "؟", "।")
#: Separators between the buttons of one bar rendered as one line ("Share · Copy link").
BUTTON_SPLIT_RE: Final = re.compile(r"\s*[·•|¦/]\s*")


def _is_button(norm: str, text: str) -> bool:
    """Whether one button's text (normalised and raw) is a widget's label."""
    if WIDGET_LABELS.match(norm):
        return True
    end = WIDGET_PREFIXES.match(norm)
    if end >= 0 and len(norm[end:].split()) <= WIDGET_PREFIX_REST_WORDS:
        return True
    if text.rstrip().endswith(_SENTENCE_END) or any(map(str.isdigit, norm)):
        return False
    found = tokens(norm)
    if (
        len(found) <= SHARE_BUTTON_MAX_WORDS
        and SHARE_WORDS.match(norm, found)
        and PLATFORMS.match(norm, found)
    ):
        return True
    return len(found) <= TRANSLATE_BUTTON_MAX_WORDS and TRANSLATE_WORDS.match(norm, found)


def is_widget_label(line: Line) -> bool:
    """A short line that is a widget's label ("Copy link", "Übersetzen", "A+"), or a bar
    of such labels ("Share on Facebook · Copy link").

    A heading is never a button ("Translating the classics" over a section).
    """
    if line.words > LABEL_MAX_WORDS:
        return False
    norm = line.norm
    if WIDGET_LABELS.match(norm):
        return True
    if line.kind == "head":
        end = WIDGET_PREFIXES.match(norm)
        return end >= 0 and len(norm[end:].split()) <= WIDGET_PREFIX_REST_WORDS
    parts = [part for part in BUTTON_SPLIT_RE.split(line.text.strip()) if part.strip()]
    if len(parts) > 1:
        return all(_is_button(normalize(part), part) for part in parts)
    return _is_button(norm, line.text)


def is_ad_label(line: Line) -> bool:
    """A short line that only marks an ad ("Advertisement", "Reklama")."""
    return line.words <= LABEL_MAX_WORDS and AD_LABELS.match(line.norm)


# "Article continues after this ad", "Lesen Sie nach der Anzeige weiter", "Haberin
# devamı reklamdan sonra": an ad word and a continue word in one short line, however
# the template phrases it.
AD_WORDS: Final = Stems.of("cleaning.ad_words")
CONTINUE_WORDS: Final = Stems.of("cleaning.continue_words")
AD_CONTINUATION_MAX_WORDS: Final = 10
#: Longest such note ending in a full stop.
AD_NOTE_MAX_WORDS: Final = 6


def is_ad_continuation(line: Line) -> bool:
    """A short line saying the text goes on after an ad."""
    if line.words > AD_CONTINUATION_MAX_WORDS or line.text.rstrip().endswith(("?", "!")):
        return False
    # a finished sentence this short can still be a note; a longer one is a sentence
    if line.text.rstrip().endswith(".") and line.words > AD_NOTE_MAX_WORDS:
        return False
    norm = line.norm
    found = tokens(norm)
    return AD_WORDS.match(norm, found) and CONTINUE_WORDS.match(norm, found)


# --- the top of the text -------------------------------------------------------------
# A section name printed above the headline ("World", "Politik") and breadcrumb trails
# ("Home > News > World"), which trafilatura keeps as the first line of many templates.
SECTION_LABELS: Final = LineLabels.of("cleaning.section_labels")
HOME_WORDS: Final = LineLabels.of("cleaning.home_words")
#: Longest section label (words).
SECTION_MAX_WORDS: Final = 4
#: Separators between the steps of a breadcrumb trail.
BREADCRUMB_SPLIT_RE: Final = re.compile(r"\s*(?:[>›»→/|]|\s-\s)\s*")
#: Longest step and longest whole trail (words).
BREADCRUMB_STEP_MAX_WORDS: Final = 6
BREADCRUMB_MAX_WORDS: Final = 16


def is_section_label(line: Line) -> bool:
    """A section name alone on a line ("World", "Economía")."""
    return line.words <= SECTION_MAX_WORDS and SECTION_LABELS.match(line.norm)


#: A sentence ends so; a menu entry does not.
_MENU_ENDS: Final = (".", "?", "!", ":", "…", "。", "？", "！", "؟", "।", ",")


def is_menu_label(line: Line, anchors: Container[str]) -> bool:
    """A short line that is also the whole text of a short link of the page: the section's
    menu entry printed above the story ("Región", "Thời sự"), whatever the language.

    Only for the first line of the text (`cleaning.clean` asks there).
    """
    text = line.text.strip()
    if (
        line.kind == "item"
        or len(text.split()) > SECTION_MAX_WORDS
        or text.endswith(_MENU_ENDS)
        or any(map(str.isdigit, text))
    ):
        return False
    return isinstance(anchors, LazyAnchors) and anchors.is_menu_entry(line.norm)


def is_declared_section(line: Line, sections: Container[str]) -> bool:
    """A short first line that is the section the page declares in its metadata
    (``article:section`` "Miestas" printed as a kicker without a link), in any language.

    Only for the first line of the text (`cleaning.clean` asks there).
    """
    text = line.text.strip()
    if line.kind == "item" or len(text.split()) > SECTION_MAX_WORDS or text.endswith(_MENU_ENDS):
        return False
    return line.norm in sections


def is_breadcrumb(line: Line, anchors: Container[str]) -> bool:
    """A trail of two or more steps that starts at the home page or names sections.

    "Home > World > Asia", "Startseite / Politik / Ausland": the first step is a home
    word, or at least half the steps are section names or links.
    """
    if line.words > BREADCRUMB_MAX_WORDS or line.kind == "table":
        return False
    steps = [step for step in BREADCRUMB_SPLIT_RE.split(line.text.strip()) if step.strip()]
    if len(steps) < 2 or any(len(step.split()) > BREADCRUMB_STEP_MAX_WORDS for step in steps):
        return False
    keys = [normalize(step) for step in steps]
    if HOME_WORDS.match(keys[0]):
        return True
    known = sum(1 for key in keys if SECTION_LABELS.match(key) or key in anchors)
    return known * 2 >= len(keys) and known >= 2
