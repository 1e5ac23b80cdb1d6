"""Text helpers shared by every part of `cleaning`: one definition of each.

Line rules, metadata, page-type and blocked-page checks all compare lines and titles
the same way; they import these helpers instead of keeping their own copies, so a
change to what "the same line" or "a word" means reaches every rule at once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "COLONS",
    "LETTER_UNSPACED_RE",
    "MARKED_UNSPACED_RE",
    "NAME_TOKEN_RE",
    "TITLE_SEPARATORS_RE",
    "TITLE_SEPARATOR_CHARS",
    "UNSPACED_RANGES",
    "UNSPACED_RE",
    "WORD_RE",
    "first_word",
    "has_unspaced",
    "is_unspaced",
    "looks_like_names",
    "normalize",
    "split_title",
    "tokens",
    "word_count",
    "words",
]

_QUOTES: Final = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
    # Turkish dotted capital I: case-folded it becomes "i" plus a combining dot
    | {"İ": "i"}
)
#: One of the characters `_QUOTES` replaces (a search is far cheaper than `str.translate`
#: with a table over a text that holds none of them, as most do).
_QUOTED_RE: Final = re.compile("[" + re.escape("".join(map(chr, _QUOTES))) + "]")
#: Characters stripped from both ends of a line before lines are compared.
_EDGE_PUNCTUATION: Final = " \t\n\r.,:;!?|-–—»«>•·*#\"'"

#: A word as the benchmark counts words.
WORD_RE: Final = re.compile(r"\w+")

#: A word of a name: letters first, then letters, digits, apostrophes, dots or hyphens.
NAME_TOKEN_RE: Final = re.compile(r"[^\W\d_][\w'’.-]*")

#: Characters that separate a headline from a site name or section in ``<title>``
#: ("Headline - Site", "Site | Headline", "Headline » Section").
TITLE_SEPARATOR_CHARS: Final = "|-–—:·•»/"
#: One of `TITLE_SEPARATOR_CHARS` (but "/") with spaces around it.
TITLE_SEPARATORS_RE: Final = re.compile(r"\s+[|\-–—:·•»]\s+")

_FIRST_WORD_RE: Final = re.compile(r"[\W_]*([^\W_]+)")

#: Scripts written without spaces between words whose letters carry few marks, so that
#: a word is about two characters: Thai and Lao, CJK (radicals, kana, ideographs,
#: compatibility ideographs, half-width katakana).
LETTER_UNSPACED_RANGES: Final = (
    (0x0E00, 0x0EFF),
    (0x2E80, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x2FFFF),
)
#: Scripts written without spaces that spell a word with subscript consonants and vowel
#: signs, about four code points a word: Myanmar, Khmer.
MARKED_UNSPACED_RANGES: Final = ((0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF))
#: Every script written without spaces between words. One home for the rules that count
#: their words or match their phrases without word boundaries.
UNSPACED_RANGES: Final = LETTER_UNSPACED_RANGES + MARKED_UNSPACED_RANGES


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )


#: One character of `UNSPACED_RANGES`, of `LETTER_UNSPACED_RANGES`, of
#: `MARKED_UNSPACED_RANGES`.
UNSPACED_RE: Final = _char_class(UNSPACED_RANGES)
LETTER_UNSPACED_RE: Final = _char_class(LETTER_UNSPACED_RANGES)
MARKED_UNSPACED_RE: Final = _char_class(MARKED_UNSPACED_RANGES)


def is_unspaced(char: str) -> bool:
    """Whether a character belongs to a script written without spaces between words
    (Chinese, Japanese kana, Thai, Khmer...): there a phrase needs no word boundary."""
    code = ord(char)
    return any(low <= code <= high for low, high in UNSPACED_RANGES)


def has_unspaced(text: str) -> bool:
    """Whether a text holds a character of a script written without spaces between words
    (`UNSPACED_RANGES`): one search of the text, not a test of each character."""
    return not text.isascii() and UNSPACED_RE.search(text) is not None


#: Colons of the scripts that have their own ("：" CJK full-width, "៖" Khmer, "፥" "፦"
#: Ethiopic): a label ends with any of them ("Tags:", "ស្លាក៖").
COLONS: Final = ":：៖፥፦"

#: Share of capitalised words from which a short line reads as a list of names.
NAMES_CAPITAL_SHARE: Final = 0.6


def normalize(text: str) -> str:
    """Return a comparison key for a line: NFKC, case-folded, quotes unified, spaces collapsed.

    Args:
        text: A line of text.

    Returns:
        The normalised line, stripped of surrounding punctuation and whitespace.
    """
    if not text.isascii():
        # curly quotes and compatibility forms only occur in non-ASCII text
        text = unicodedata.normalize("NFKC", text)
        if _QUOTED_RE.search(text):
            text = text.translate(_QUOTES)
    # whitespace runs collapsed by `str.split` (the characters ``\s`` matches; cheaper
    # than a regex substitution), the ends then stripped of punctuation and spaces
    return " ".join(text.casefold().split()).strip(_EDGE_PUNCTUATION)


def word_count(text: str) -> int:
    """Number of ``\\w+`` tokens in ``text`` (the benchmark's notion of a word)."""
    return len(WORD_RE.findall(text))


def words(text: str) -> list[str]:
    """The ``\\w+`` tokens of ``text``, case-folded."""
    return [word.casefold() for word in WORD_RE.findall(text)]


def tokens(text: str) -> list[str]:
    """The whitespace-separated words of ``text``, case-folded, without edge punctuation.

    Unlike `WORD_RE` this keeps the vowel signs of Indic scripts inside their word
    (``\\w`` does not match combining marks, so "अप्रैल" would fall into pieces).
    """
    out = []
    for raw in text.casefold().split():
        word = raw.strip(_EDGE_PUNCTUATION + "()[]{}")
        if word:
            out.append(word)
    return out


def first_word(text: str) -> str:
    """The first word of a line, case-folded, without leading punctuation."""
    match = _FIRST_WORD_RE.match(text)
    return match.group(1).replace("İ", "i").casefold() if match else ""


def split_title(title: str) -> list[str]:
    """Split a ``<title>`` at its separators ("Headline | Site" -> ["Headline", "Site"])."""
    return TITLE_SEPARATORS_RE.split(title)


def looks_like_names(text: str) -> bool:
    """Whether a short line reads as names (most words capitalised, no closing full stop).

    A byline's rest ("Jane Doe and John Roe") passes; a sentence ("He said so.") does
    not. "Jr." and "Sr." may end a name.
    """
    tokens = NAME_TOKEN_RE.findall(text)
    stripped = text.rstrip()
    if not tokens or (stripped.endswith((".", "!", "?")) and not stripped.endswith(("Jr.", "Sr."))):
        return False
    capital = sum(1 for token in tokens if token[:1].isupper())
    return capital >= NAMES_CAPITAL_SHARE * len(tokens)
