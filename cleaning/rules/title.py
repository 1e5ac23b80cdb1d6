"""The headline repeated at the top of the text.

Templates print the headline above the body; trafilatura often keeps it as the first
line, sometimes with the site name ("Headline - Site"), a section, or a space lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Final

from cleaning.text import TITLE_SEPARATOR_CHARS, normalize, split_title, word_count

#: How many of the first kept lines are compared with the title.
TITLE_SCAN_LINES: Final = 3
#: difflib ratio at or above which a line is "near-identical" to the title.
TITLE_SIMILARITY: Final = 0.88
#: Most words a site-name suffix/prefix may add ("Headline - World News Desk").
TITLE_AFFIX_MAX_WORDS: Final = 8
#: Shortest title variant compared (characters): shorter ones match too much.
TITLE_MIN_CHARS: Final = 10
#: A line inside the title counts when it is at least this share of it.
TITLE_PART_SHARE: Final = 0.6
#: Lines compared by similarity must be this close in length.
TITLE_LENGTH_RATIO: Final = 0.75
#: Characters of a long line looked at for an opening headline, and of the title used
#: for the cheap first test.
TITLE_PREFIX_SCAN_CHARS: Final = 64
TITLE_PREFIX_KEY_CHARS: Final = 8


def title_keys(titles: Sequence[str], site_name: str | None = None) -> tuple[str, ...]:
    """Normalised title variants to compare lines with.

    Besides each title, its longest part when split at " - ", " | " and the like (the
    ``<title>`` element usually carries a site-name suffix) is included.

    Args:
        titles: Raw title strings (empty ones are ignored).
        site_name: The site name, removed from the ends of titles when present.

    Returns:
        Distinct normalised variants of at least 10 characters.
    """
    keys: list[str] = []
    site = normalize(site_name or "")
    for title in titles:
        key = normalize(title)
        candidates = [key]
        parts = [normalize(p) for p in split_title(title)]
        if len(parts) > 1:
            candidates.append(max(parts, key=len))
        if site and key.endswith(site):
            candidates.append(normalize(key[: -len(site)]))
        for candidate in candidates:
            if len(candidate) >= TITLE_MIN_CHARS and candidate not in keys:
                keys.append(candidate)
    return tuple(keys)


def matches_title(line: str, keys: Sequence[str]) -> bool:
    """Whether a line repeats the headline (exact, near-identical or with an affix).

    Args:
        line: The line.
        keys: Output of `title_keys`.

    Returns:
        True when the line is the title, the title plus a short site-name or section
        affix, most of the title, or a near-identical spelling of it.
    """
    return matches_title_norm(normalize(line), keys)


def matches_title_norm(norm: str, keys: Sequence[str]) -> bool:
    """`matches_title` of a line normalised already (a `Line`'s ``norm``)."""
    if len(norm) < TITLE_MIN_CHARS:
        return False
    for key in keys:
        if norm == key:
            return True
        # "Headline - Site Name", "Site Name | Headline": an affix behind a separator
        if norm.startswith(key):
            extra = norm[len(key) :].lstrip()
            if extra[:1] in TITLE_SEPARATOR_CHARS and word_count(extra) <= TITLE_AFFIX_MAX_WORDS:
                return True
        if norm.endswith(key):
            extra = norm[: -len(key)].rstrip()
            if extra[-1:] in TITLE_SEPARATOR_CHARS and word_count(extra) <= TITLE_AFFIX_MAX_WORDS:
                return True
        # the headline with a space lost in rendering (Devanagari, Thai, inline markup)
        if len(norm) < len(key) and norm.replace(" ", "") == key.replace(" ", ""):
            return True
        if norm in key and len(norm) >= TITLE_PART_SHARE * len(key):
            return True
        shorter, longer = sorted((len(norm), len(key)))
        if shorter >= TITLE_LENGTH_RATIO * longer:
            matcher = SequenceMatcher(None, norm, key, autojunk=False)
            if matcher.quick_ratio() >= TITLE_SIMILARITY and matcher.ratio() >= TITLE_SIMILARITY:
                return True
    return False


def strip_title_prefix(line: str, keys: Sequence[str]) -> str | None:
    """Cut a headline that opens a longer line ("Headline by A. Writer, May 5 Text ...").

    Table-based and print layouts render the headline, byline and body as one cell, so
    trafilatura returns them as one line.

    Args:
        line: The line.
        keys: Output of `title_keys`.

    Returns:
        The rest of the line after the headline, or None when it does not open with one.
    """
    head = line[:TITLE_PREFIX_SCAN_CHARS].casefold()
    head = head.lstrip(" \t|-–—#*'\"‘’“”«»„")
    if not any(head.startswith(key[:TITLE_PREFIX_KEY_CHARS]) for key in keys):
        return None
    tokens = list(re.finditer(r"\w+", line))
    for key in keys:
        title_tokens = re.findall(r"\w+", key)
        n = len(title_tokens)
        if n < 3 or len(tokens) <= n + TITLE_AFFIX_MAX_WORDS:
            continue
        if [t.group(0).casefold() for t in tokens[:n]] == title_tokens:
            rest = line[tokens[n - 1].end() :].lstrip(" \t|:-–—.,")
            return rest or None
    return None
