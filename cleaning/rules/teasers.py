"""Teaser headlines of other stories, runs of teaser links, widgets repeated in one text."""

from __future__ import annotations

import re
from typing import Final

from cleaning.lines import Line, opens_with_anchor
from cleaning.rules.context import CleanContext

# Teaser headlines that tabloids tag with a bracketed label between paragraphs
# ("Plague fears: holidaymakers die [INSIGHT]", "Lakers vs Nets: ... [VIDEO]").
BRACKET_TAG_RE: Final = re.compile(r"\[(?:[A-Z][A-Z ]{2,20}|[Vv]ideo|[Pp]hotos?|[Gg]allery)\]\W*$")
BRACKET_TAG_MAX_WORDS: Final = 30

# Headlines of other stories written in capitals between paragraphs (US cable-news
# sites: "CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES ..."), and "GET X ON THE GO".
ALL_CAPS_MIN_WORDS: Final = 5
ALL_CAPS_MAX_WORDS: Final = 30
#: Fewest words of a capitalised line removed even when it is not a link.
ALL_CAPS_UNLINKED_MIN_WORDS: Final = 9
#: Share of a capitalised line's letters that are capitals: ``str.isupper`` holds for a
#: Japanese or Chinese sentence with one Latin capital in it ("J3", "FW"), which is no
#: line in capitals (kana and ideographs have no case).
ALL_CAPS_LETTER_SHARE: Final = 0.8


def in_capitals(text: str) -> bool:
    """Whether a line is written in capitals: cased, and nearly all its letters capitals."""
    if not text.isupper():
        return False
    letters = sum(c.isalpha() for c in text)
    return sum(c.isupper() for c in text) >= ALL_CAPS_LETTER_SHARE * letters


# A short fragment cut off with an ellipsis ("All...", "If you …"): teaser truncations.
TRUNCATED_MAX_WORDS: Final = 2

# A short link line repeated this many times in one text is a widget ("10 things in tech
# you need to know today" under every list entry), not prose.
REPEATED_LINE_MIN: Final = 3
REPEATED_LINE_MAX_WORDS: Final = 15

# --- teaser-link lists ---------------------------------------------------------------
#: Shortest and longest teaser headline (in words) in a run of link lines.
TEASER_MIN_WORDS: Final = 3
TEASER_MAX_WORDS: Final = 25
#: A run of this many consecutive whole-link lines is a teaser list...
TEASER_MIN_RUN: Final = 2
#: ...when no paragraph of at least this many words follows it (or precedes it).
TEASER_PARAGRAPH_WORDS: Final = 15


def is_teaser_headline(line: Line, ctx: CleanContext) -> bool:
    """A headline of another story dropped between paragraphs (tagged or in capitals)."""
    text, words = line.text, line.words
    if words <= BRACKET_TAG_MAX_WORDS and "]" in text and BRACKET_TAG_RE.search(text):
        return True
    # capitals alone are also how AP and recipe sites write subheadings: a long line in
    # capitals, or one that links elsewhere, is another story's headline
    if (
        line.kind not in ("table", "head")
        and ALL_CAPS_MIN_WORDS <= words <= ALL_CAPS_MAX_WORDS
        and in_capitals(text)
        and (words >= ALL_CAPS_UNLINKED_MIN_WORDS or line.norm in ctx.anchors)
    ):
        return True
    return words <= TRUNCATED_MAX_WORDS and text.rstrip().endswith(("...", "…"))


def teaser_shape(line: Line) -> bool:
    """Could be a teaser headline: short, not a table row, not a finished sentence."""
    if line.kind == "table" or not TEASER_MIN_WORDS <= line.words <= TEASER_MAX_WORDS:
        return False
    return line.kind == "item" or not line.text.rstrip().endswith(".")


def is_teaser_candidate(line: Line, ctx: CleanContext) -> bool:
    """A whole link of teaser length, or a list item opening with a linked headline."""
    if line.kind == "table" or not TEASER_MIN_WORDS <= line.words <= TEASER_MAX_WORDS:
        return False
    if line.norm in ctx.anchors:
        return True
    # a list item opening with a linked headline and a one-line summary ("- Pochettino
    # fired by Tottenham Pochettino took the club to ...")
    return line.kind == "item" and opens_with_anchor(line, ctx.anchors, TEASER_MIN_WORDS)
