"""What a line rule sees besides the line: the page (`CleanContext`) and the text (`Page`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass, field
from typing import Final

from cleaning.lines import Line
from cleaning.rules.phrasematch import Substrings, TextIndex

#: Lines longer than this (in words) are never boilerplate by a built-in line rule:
#: every promo, widget, share or credit line is shorter. Saves time on real paragraphs.
MAX_RULE_WORDS: Final = 45


@dataclass(frozen=True)
class CleanContext:
    """What the rules know about the page besides its lines.

    Attributes:
        titles: Title variants (headline, og:title, <title>, JSON-LD headline).
        authors: Author names from the metadata.
        site_name: The publisher's name, if known.
        anchors: Normalised anchor texts of the page (see `cleaning.lines.LazyAnchors`).
        drop_patterns: Per-site line patterns (rule ``site_rule``).
        boilerplate: Learned boilerplate lines for this site (rule ``learned_boilerplate``).
        page_urls: The page's own URLs without a trailing slash; a line that is only one
            of them is a share box (rule ``chrome``).
        tags: The page's keywords and section tags, normalised (rule ``tag_list``).
        sections: The section the page declares (``article:section``, JSON-LD
            ``articleSection``), normalised: printed alone atop the story, a label.
        signup_labels: The words of the page's sign-up buttons (a button beside an
            e-mail field), normalised: an appeal in the text opens with them.
    """

    titles: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    anchors: Container[str] = frozenset()
    drop_patterns: tuple[re.Pattern[str], ...] = ()
    boilerplate: Collection[str] = field(default_factory=frozenset)
    page_urls: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    signup_labels: frozenset[str] = frozenset()


class Page:
    """The lines of one text, with what is computed once for all of them.

    Attributes:
        lines: The extracted lines.
        norm: The normalised lines the phrase rules may look at (none longer than
            `MAX_RULE_WORDS`), joined by newlines, for page-level trigger tests: the
            long paragraphs, most of the text, need not be searched for every phrase of
            every language.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.norm = "\n".join(line.norm for line in lines if line.words <= MAX_RULE_WORDS)
        self._present: dict[int, tuple[int, ...]] = {}
        self._index: TextIndex | None = None

    def present(self, matcher: Substrings) -> tuple[int, ...]:
        """The phrases of a `Substrings` matcher that occur somewhere in this text."""
        key = id(matcher)
        found = self._present.get(key)
        if found is None:
            if self._index is None:
                self._index = TextIndex(self.norm)
            found = self._present[key] = matcher.present(self.norm, self._index)
        return found
