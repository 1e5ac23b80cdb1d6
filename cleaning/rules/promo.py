"""Inline promos and the headings over teaser blocks.

News sites put "READ: <other story>" or "Also read - <other story>" between real
paragraphs (WordPress and Indian/Pakistani news templates, German "Lesen Sie auch",
French "Lire aussi", Hindi "यह भी पढ़ें", ...). The label alone, or the label followed by
a short teaser or by a link to another story, is a promo. Labels are matched
case-insensitively only when a separator (":", "-", "|", "»", ">") follows; without a
separator the label must be written in capitals ("ALSO READ Biden says ...") so a
sentence such as "Read the statement aloud" or "More than 100 people died" stays.

Tables: ``[cleaning]`` ``promo_labels``, ``weak_labels``, ``promo_headings``,
``heading_prefixes``.
"""

from __future__ import annotations

import re
from typing import Final

from cleaning.lines import Line
from cleaning.phrases import all_of
from cleaning.rules.context import CleanContext
from cleaning.rules.datafiles import rules_data
from cleaning.rules.phrasematch import (
    LineLabels,
    LinePrefixes,
    alternation,
    table,
    unaccented_greek,
)
from cleaning.text import COLONS, first_word, normalize, word_count

#: The labels as written in the tables (lower case, not case-folded: the regexes below
#: match the raw line, case-insensitively, so "ß" must stay "ß").
PROMO_LABELS: Final = all_of(["cleaning.promo_labels"])
#: Each label also as its capitals read back in lower case ("AUSSERDEM" for "außerdem",
#: Turkish "AYRICA" for "ayrıca"): a case-insensitive match does not map those.
PROMO_LABEL_FORMS: Final = tuple(
    dict.fromkeys(
        [
            *PROMO_LABELS,
            *(label.upper().lower() for label in PROMO_LABELS),
            *(unaccented_greek(label) for label in PROMO_LABELS),
        ]
    )
)
# Labels that are ordinary words at the start of a sentence ("More than 100 ...",
# "Watch the skies", "Leggi la legge"): only promos with a separator or as the whole line.
_WEAK_LABELS: Final = frozenset(table("cleaning.weak_labels"))


def _video_words() -> frozenset[str]:
    """The word for a video in languages without it in a table (`video_words.toml`)."""
    return frozenset(normalize(word) for word in rules_data("video_words.toml")["words"])


#: The word for a video in other languages and scripts ("bideoa", "бейне", "වීඩියෝ").
VIDEO_WORDS: Final = _video_words()

#: First words of the promo labels: a line whose first word is not one of them cannot
#: start with a label, so the label regexes are skipped (they are the costliest rules).
#: Derived from the labels, so no label lacks its trigger.
PROMO_FIRST_WORDS: Final = frozenset(
    first_word(re.split(r"[\s'’]", label, maxsplit=1)[0]) or label for label in PROMO_LABEL_FORMS
) | {first_word(word) or word for word in VIDEO_WORDS}

_LABEL_ALT: Final = alternation(PROMO_LABEL_FORMS)
#: What may stand between a label and its teaser.
_SEPARATOR: Final = rf"(?:[{COLONS}|»>›→–—】\]」』]|-\s|\.\.\.|…)"

#: A promo label followed by a separator, case-insensitive ("Read more: ...", "Lire aussi - ...").
PROMO_WITH_SEPARATOR_RE: Final = re.compile(
    rf"^[\s\W]{{0,3}}(?:{_LABEL_ALT})\s*(?:\(\w+\)\s*)?{_SEPARATOR}\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
#: A promo label alone on a line ("READ MORE", "Mehr zum Thema", "Related Articles >").
PROMO_ALONE_RE: Final = re.compile(rf"^[\s\W]{{0,3}}(?:{_LABEL_ALT})[\s\W]*$", re.IGNORECASE)
#: A capitalised promo label directly followed by a teaser ("ALSO READ Biden says ...").
PROMO_CAPS_RE: Final = re.compile(
    rf"^[\s\W]{{0,3}}(?P<label>(?:{_LABEL_ALT}))\.?\s+(?P<rest>\S.*)$", re.IGNORECASE
)
#: Ends of a sentence (a teaser headline has none).
_SENTENCE_ENDS: Final = (".", "?", "!", "。", "？", "！", "؟", "।", "۔")
#: Longest teaser (in words) after a promo label that is removed even without a link.
PROMO_MAX_TEASER_WORDS: Final = 30
#: Longest line tested as a label alone.
PROMO_ALONE_MAX_WORDS: Final = 8


def is_weak_label(label: str) -> bool:
    """Whether a promo label is also a common sentence opener (needs a separator)."""
    return normalize(label) in _WEAK_LABELS


def _is_link(text: str, ctx: CleanContext) -> bool:
    return bool(text) and normalize(text) in ctx.anchors


def is_promo(line: Line, ctx: CleanContext) -> bool:
    """A promo label alone, with a short teaser, or with a link to another story."""
    text = line.text
    if line.words == 0 or first_word(text) not in PROMO_FIRST_WORDS:
        return False
    if line.words <= PROMO_ALONE_MAX_WORDS and PROMO_ALONE_RE.match(text):
        return True
    match = PROMO_WITH_SEPARATOR_RE.match(text)
    if match:
        rest = match.group("rest")
        return not rest or word_count(rest) <= PROMO_MAX_TEASER_WORDS or _is_link(rest, ctx)
    match = PROMO_CAPS_RE.match(text)
    if match:
        label, rest = match.group("label"), match.group("rest")
        if word_count(rest) > PROMO_MAX_TEASER_WORDS:
            return False
        emphasised = (label.isupper() and len(label) > 2) or (
            bool(line.bold_prefix) and normalize(line.bold_prefix) == normalize(label)
        )
        starts_like_headline = rest[:1].isupper() or rest[:1] in "\"'“‘«„"
        if emphasised and starts_like_headline:
            return True
        # scripts without capitals cannot shout a label: a strong label there, then a
        # teaser headline (no sentence end), is a promo ("あわせて読みたい <headline>")
        if (
            label.lower() == label.upper()
            and not is_weak_label(label)
            and not rest.rstrip().endswith(_SENTENCE_ENDS)
        ):
            return True
        # "Also read <link to another story>": a strong label followed by a whole link
        if not is_weak_label(label) and _is_link(rest, ctx):
            return True
    return _is_labelled_teaser(line, ctx)


# --- a label, a colon, a teaser --------------------------------------------------------
# "Se video: Sådan ...", "Nézze meg a videót: ..." : a short label holding a one-word
# promo label ("video") before the colon, or any short label before a link to another
# story ("Zum Weiterlesen: <link>"), whatever else the label says.
#: One-word promo labels (normalised; "video", "watch", "relacionado"), and the word for
#: a video in other languages and scripts ("bideoa", "бейне", "වීඩියෝ").
PROMO_LABEL_WORDS: Final = (
    frozenset(form for label in PROMO_LABEL_FORMS if " " not in (form := normalize(label)))
    | VIDEO_WORDS
)
#: Longest label before the colon (words), and longest teaser after it.
LABEL_MAX_WORDS: Final = 3
LABELLED_TEASER_MAX_WORDS: Final = 20
_LABEL_COLON_RE: Final = re.compile(
    rf"^[\s\W]{{0,3}}(?P<label>[^{COLONS}.!?\d]{{1,40}}?)\s*[{COLONS}]\s*(?P<rest>\S.*)$"
)


def _is_labelled_teaser(line: Line, ctx: CleanContext) -> bool:
    """A short label, a colon and a link to another story, or a teaser headline after a
    label holding a one-word promo label ("Se video: Sådan ...")."""
    text = line.text
    if line.words > LABEL_MAX_WORDS + LABELLED_TEASER_MAX_WORDS or (
        not any(colon in text for colon in COLONS)
    ):
        return False
    match = _LABEL_COLON_RE.match(text)
    if match is None:
        return False
    label, rest = normalize(match.group("label")), match.group("rest")
    words = label.split()
    if not words or len(words) > LABEL_MAX_WORDS or rest.rstrip().endswith((".", "?", "!")):
        return False
    if _is_link(rest, ctx):
        return True
    # the teaser is a headline: it does not go on in lower case ("Video: wie ...")
    return any(word in PROMO_LABEL_WORDS for word in words) and not rest[:1].islower()


# "Also on rt.com <headline>", "Mehr auf spiegel.de ...": cross-promotion of a sister
# site; the phrase is a heading prefix followed by a domain name.
HEADING_PREFIXES: Final = LinePrefixes.of("cleaning.heading_prefixes")
_DOMAIN_RE: Final = re.compile(r"\s*[\w-]+(?:\.[\w-]+)+\b")
ALSO_ON_PREFIXES: Final = LinePrefixes.of("cleaning.heading_prefixes", "cleaning.promo_labels")


def is_sister_site_promo(line: Line) -> bool:
    """ "Also on example.com <headline>": a label, a domain name, a short teaser."""
    if line.words > PROMO_MAX_TEASER_WORDS or "." not in line.text:
        return False
    norm = line.norm
    end = ALSO_ON_PREFIXES.match(norm)
    return end >= 0 and _DOMAIN_RE.match(norm, end) is not None


# --- headings that open a block of teasers ---------------------------------------
# The "Related News" / "More from ..." / "Most read" block after an article (seed page,
# WordPress themes, German "Weitere Artikel", "Popular on <site>" at the end).
PROMO_HEADINGS: Final = LineLabels.of("cleaning.promo_headings")
#: Longest heading (words), and most words of the site or section name after a prefix.
PROMO_HEADING_MAX_WORDS: Final = 8
HEADING_NAME_MAX_WORDS: Final = 6


def is_promo_heading(line: Line) -> bool:
    """A heading over a block of teasers ("Related news", "More from The Times")."""
    if line.words > PROMO_HEADING_MAX_WORDS:
        return False
    norm = line.norm
    if PROMO_HEADINGS.match(norm):
        return True
    end = HEADING_PREFIXES.match(norm)
    return end >= 0 and 0 < len(norm[end:].split()) <= HEADING_NAME_MAX_WORDS
