"""Matchers derived from the phrase tables: the regexes and trigger sets of the line rules.

Nothing here is written by hand per phrase: every matcher is built from one or more
categories of `cleaning.phrases`, so a phrase added to a table is matched the next time
the process starts, and a phrase can never lack its trigger (the trigger *is* derived
from the phrase). Phrases are compared with `cleaning.text.normalize`-d lines.

Three shapes of phrase use:

- `LineLabels`: the whole line is the phrase ("Advertisement", "Copy link"), also with
  a count before or after it ("12 comments", "Comments (3)"). A set lookup.
- `LinePrefixes`: the line opens with the phrase at a word boundary ("Follow us on ...",
  "Translate this news in German"). Indexed by the phrase's first two characters.
- `Substrings`: the phrase occurs anywhere in the line ("click here", "all rights
  reserved"). A page-level test first keeps the phrases present anywhere in the page
  (one substring search per phrase over the page, far cheaper than one per line).

A ``*`` in a phrase stands for up to `WILDCARD_WORDS` words ("get our * newsletter").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Final

from cleaning.phrases import all_of
from cleaning.text import has_unspaced as has_unspaced
from cleaning.text import is_unspaced as is_unspaced
from cleaning.text import normalize

#: Most words a ``*`` in a phrase stands for.
WILDCARD_WORDS: Final = 5
#: A count before or after a label: "12 comments", "Comments (3)".
_COUNT_RE: Final = re.compile(r"^\(?\d+\)?\s+|\s+\(?\d+\)?$")
_DIGIT_RE: Final = re.compile(r"\d")


def is_syllabic(text: str) -> bool:
    """Whether a word is written in Hangul, where each character is a syllable: a stem
    of two characters ("번역", translate) is a whole word and still takes endings."""
    return any(0xAC00 <= ord(c) <= 0xD7AF for c in text)


def _tail_boundary(phrase: str) -> str:
    """A lookahead that stops "share" from matching "shareholders" (none after CJK)."""
    last = phrase.rstrip()[-1:]
    return r"(?!\w)" if last and (last.isalnum() or last == "_") and not is_unspaced(last) else ""


def phrase_regex(phrase: str) -> str:
    """The regex of one normalised phrase: literal parts, ``*`` as a few words."""
    parts = [re.escape(part.strip()) for part in phrase.split("*")]
    gap = rf"\s*(?:\S+\s+){{0,{WILDCARD_WORDS}}}"
    return gap.join(part for part in parts if part) + _tail_boundary(phrase)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first (so "read more" wins over "read")."""
    return "|".join(phrase_regex(p) for p in sorted(set(phrases), key=len, reverse=True))


_GREEK_RE: Final = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


def unaccented_greek(phrase: str) -> str:
    """A Greek phrase without its accents: Greek capitals are written without the tonos,
    so "ΔΙΑΦΗΜΙΣΗ" reads back in lower case as "διαφημιση", not "διαφήμιση"."""
    if not _GREEK_RE.search(phrase):
        return phrase
    decomposed = unicodedata.normalize("NFD", phrase)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def table(*categories: str) -> tuple[str, ...]:
    """The normalised phrases of ``categories`` in every language, without repeats.

    A Greek phrase also comes without its accents (`unaccented_greek`).
    """
    seen: dict[str, None] = {}
    for phrase in all_of(categories):
        key = normalize(phrase)
        if key:
            seen[key] = None
            seen[unaccented_greek(key)] = None
    return tuple(seen)


def literal_alternation(*categories: str) -> str:
    """A regex alternation of the phrases of ``categories`` as written in the tables
    (lower case, matched case-insensitively against raw text), longest first."""
    return "|".join(re.escape(p) for p in sorted(set(all_of(categories)), key=len, reverse=True))


def strip_count(norm: str) -> str:
    """A normalised line without a leading or trailing count ("12 comments" -> "comments")."""
    # `_COUNT_RE` needs a decimal digit: a line without one is its own result
    return _COUNT_RE.sub("", norm) if _DIGIT_RE.search(norm) else norm


@dataclass(frozen=True)
class LineLabels:
    """Whole-line phrases of some categories.

    Attributes:
        categories: The phrase categories (``"cleaning.ad_labels"``).
        labels: Their normalised phrases.
    """

    categories: tuple[str, ...]
    labels: frozenset[str]

    @classmethod
    def of(cls, *categories: str) -> LineLabels:
        """Build from the phrase tables."""
        return cls(categories, frozenset(table(*categories)))

    def match(self, norm: str) -> bool:
        """Whether a normalised line is one of the labels (a count aside, or with one of
        the `LABEL_ENDINGS` a language adds to a verb: Korean "공유하기" for "공유")."""
        if norm in self.labels or strip_count(norm) in self.labels:
            return True
        if not norm.endswith(LABEL_ENDINGS):
            return False
        ending = _ENDING_RE.search(norm)
        return ending is not None and norm[: ending.start()].rstrip() in self.labels


#: Endings a language puts on a button's verb ("번역하기", "共有する"): a label with one
#: of them is still the label. Table ``[cleaning] label_endings``.
LABEL_ENDINGS: Final = table("cleaning.label_endings")
_ENDING_RE: Final = re.compile(
    "(?:" + "|".join(re.escape(e) for e in sorted(LABEL_ENDINGS, key=len, reverse=True)) + ")$"
)


@dataclass(frozen=True)
class LinePrefixes:
    """Phrases that open a line, indexed by their first two characters.

    Attributes:
        categories: The phrase categories.
        buckets: First two characters -> the compiled phrases that start with them.
    """

    categories: tuple[str, ...]
    buckets: dict[str, tuple[re.Pattern[str], ...]]

    @classmethod
    def of(cls, *categories: str) -> LinePrefixes:
        """Build from the phrase tables (a phrase needs at least two characters)."""
        grouped: dict[str, list[str]] = {}
        for phrase in table(*categories):
            grouped.setdefault(phrase[:2], []).append(phrase)
        buckets = {
            key: tuple(re.compile(phrase_regex(p)) for p in sorted(group, key=len, reverse=True))
            for key, group in grouped.items()
        }
        return cls(categories, buckets)

    def match(self, norm: str) -> int:
        """The end of the phrase opening a normalised line, or -1 when none does."""
        for pattern in self.buckets.get(norm[:2], ()):
            found = pattern.match(norm)
            if found:
                return found.end()
        return -1


#: Characters by how common they are in text, most common first (English letter
#: frequencies); any other character counts as rarer than all of them.
_COMMON_CHARS: Final = " etaoinsrhldcumfpgwybvkxjqz"


def rarest_char(text: str) -> str:
    """The first of the rarest characters of a text by `_COMMON_CHARS` ("" for "")."""
    rarest, rank = "", -2
    for char in text:
        found = _COMMON_CHARS.find(char)
        if found < 0:
            return char
        if found > rank:
            rarest, rank = char, found
    return rarest


#: Characters of a word's start and end kept by `TextIndex`.
AFFIX_CHARS: Final = 3


class TextIndex:
    """What `Substrings.present` reads of a page's text besides the text itself, computed
    once for every matcher: its characters, its words (whitespace-separated) and their
    first and last `AFFIX_CHARS` characters.

    A phrase of several words occurs in the text only where its inner words are words of
    the text, its first word ends one and its last word starts one; a phrase occurs only
    where its rarest character does. Most phrases fail these set lookups, and are never
    searched for.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = set(text)
        self.words = words = set(text.split())
        self.starts = set(map(_START, words))
        self.ends = set(map(_END, words))


_START: Final = itemgetter(slice(None, AFFIX_CHARS))
_END: Final = itemgetter(slice(-AFFIX_CHARS, None))


#: What `TextIndex` must hold for a trigger to occur: its index, then None for a trigger
#: of one word, else its inner words, and the ending of its first word and the start of
#: its last word (None when shorter than `AFFIX_CHARS`).
_Entry = tuple[int, tuple[str, ...] | None, str | None, str | None]


def _entry(i: int, trigger: str) -> _Entry:
    words = trigger.split(" ")
    # several words with one space between them (no other whitespace)
    if len(words) < 2 or words != trigger.split():
        return (i, None, None, None)
    first, last = words[0], words[-1]
    return (
        i,
        tuple(words[1:-1]),
        first[-AFFIX_CHARS:] if len(first) >= AFFIX_CHARS else None,
        last[:AFFIX_CHARS] if len(last) >= AFFIX_CHARS else None,
    )


@dataclass(frozen=True)
class Substrings:
    """Phrases that may occur anywhere in a line.

    Attributes:
        categories: The phrase categories.
        phrases: The normalised phrases.
        triggers: For each phrase, the literal substring every match contains (the
            phrase itself, or its longest part around a ``*``).
        patterns: For each phrase with a ``*``, its regex; None for a literal phrase.
    """

    categories: tuple[str, ...]
    phrases: tuple[str, ...]
    triggers: tuple[str, ...]
    patterns: tuple[re.Pattern[str] | None, ...]
    #: The triggers (`_Entry`) by their rarest character (`rarest_char`; "" for an empty
    #: trigger), for `present`.
    by_rarest: tuple[tuple[str, tuple[_Entry, ...]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        grouped: dict[str, list[_Entry]] = {}
        for i, trigger in enumerate(self.triggers):
            grouped.setdefault(rarest_char(trigger), []).append(_entry(i, trigger))
        by_rarest = tuple((char, tuple(entries)) for char, entries in grouped.items())
        object.__setattr__(self, "by_rarest", by_rarest)

    @classmethod
    def of(cls, *categories: str) -> Substrings:
        """Build from the phrase tables."""
        phrases = table(*categories)
        triggers = tuple(max((part.strip() for part in p.split("*")), key=len) for p in phrases)
        patterns = tuple(re.compile(phrase_regex(p)) if "*" in p else None for p in phrases)
        return cls(categories, phrases, triggers, patterns)

    def present(self, page_norm: str, index: TextIndex | None = None) -> tuple[int, ...]:
        """Indices of the phrases whose trigger occurs in the page's normalised text.

        Args:
            page_norm: The page's normalised text.
            index: Its `TextIndex` (made when not given).
        """
        if index is None:
            index = TextIndex(page_norm)
        chars, words, starts, ends = index.chars, index.words, index.starts, index.ends
        triggers = self.triggers
        found = []
        for char, entries in self.by_rarest:
            if char and char not in chars:
                continue
            for i, inner, head, tail in entries:
                if inner is not None and (
                    (head is not None and head not in ends)
                    or (tail is not None and tail not in starts)
                    or not words.issuperset(inner)
                ):
                    continue
                if triggers[i] in page_norm:
                    found.append(i)
        found.sort()
        return tuple(found)

    def search(self, norm: str, present: tuple[int, ...]) -> bool:
        """Whether a normalised line holds one of the ``present`` phrases."""
        for i in present:
            if self.triggers[i] in norm:
                pattern = self.patterns[i]
                if pattern is None or pattern.search(norm):
                    return True
        return False


@dataclass(frozen=True)
class Stems:
    """Word stems of some categories, matched against a line's words.

    A stem of a spaced script matches a word that starts with it ("reklam" matches
    "reklamą", "reklamdan"); a stem of at most `SHORT_STEM_CHARS` letters only the
    whole word ("ad" is not "admin"), but a stem of Hangul syllables (`is_syllabic`)
    takes endings ("번역" matches "번역하기"); a stem with a space, or in a script written
    without spaces, matches anywhere in the line.

    Attributes:
        categories: The phrase categories.
        prefixes: Stems matched at the start of a word, longest first.
        words: Short stems matched as whole words.
        anywhere: Stems matched as substrings.
    """

    categories: tuple[str, ...]
    prefixes: tuple[str, ...]
    words: frozenset[str]
    anywhere: tuple[str, ...]

    @classmethod
    def of(cls, *categories: str) -> Stems:
        """Build from the phrase tables."""
        return cls._build(categories, table(*categories))

    def including(self, stems: Iterable[str]) -> Stems:
        """These stems and more (normalised stems from a data file of `cleaning.rules`)."""
        return self._build(self.categories, (*self.prefixes, *self.words, *self.anywhere, *stems))

    @classmethod
    def _build(cls, categories: tuple[str, ...], stems: Iterable[str]) -> Stems:
        prefixes, words, anywhere = [], set(), []
        for stem in dict.fromkeys(stems):
            if " " in stem or has_unspaced(stem):
                anywhere.append(stem)
            elif len(stem) <= SHORT_STEM_CHARS and not is_syllabic(stem):
                words.add(stem)
            else:
                prefixes.append(stem)
        prefixes.sort(key=len, reverse=True)
        return cls(categories, tuple(prefixes), frozenset(words), tuple(anywhere))

    def match(self, norm: str, tokens: list[str]) -> bool:
        """Whether a normalised line (and its words) holds one of the stems."""
        if any(stem in norm for stem in self.anywhere):
            return True
        return any(token in self.words or token.startswith(self.prefixes) for token in tokens)


#: Stems this short match whole words only.
SHORT_STEM_CHARS: Final = 3
