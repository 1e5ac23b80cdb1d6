"""Bylines, date lines, reading times and datelines that only repeat the metadata.

"By Jane Doe | February 5, 2022", "Published: 05.02.2022", "Updated 3 hours ago",
"5 min read": the header block of most news templates.
"""

from __future__ import annotations

import re
from typing import Final

from cleaning.lines import Line
from cleaning.phrases import all_of, subtable
from cleaning.rules.context import CleanContext, Page
from cleaning.rules.phrasematch import LinePrefixes, Stems, Substrings, has_unspaced, table
from cleaning.text import looks_like_names, normalize, tokens

# A dateline alone on its line: "BAAR, SWITZERLAND", "WASHINGTON —" (a comma or a dash
# tells it from a subheading in capitals such as "FORD MUSTANG MACH E").
DATELINE_RE: Final = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Z.'’ -]{1,30}\s*[-–—:]?|\s*[–—])\s*$"
)
DATELINE_MAX_WORDS: Final = 4

#: A byline that names no person, alone on its line ("Staff Reports", "Wire Services",
#: "Redaktion"): a desk (``[organizations] desks``) or a role (``[byline] roles``).
_STAFF_LINES: Final = frozenset(table("organizations.desks", "byline.roles"))

# --- bylines and dates that only repeat metadata ------------------------------------
# "By Jane Doe | February 5, 2022", "Published: 05.02.2022", "Updated 3 hours ago",
# "5 min read": the header block of most news templates. Every word comes from the
# phrase tables: byline openers (``[byline] prefixes``), date-line labels and the word of
# a relative time (``[dates] labels``, ``ago``), reading-time units and phrases
# (``[cleaning] minute_words``, ``reading_time``), months and weekdays.
BYLINE_MAX_WORDS: Final = 14
DATE_LINE_MAX_WORDS: Final = 14
_DATE_LABELS: Final = LinePrefixes.of("dates.labels")
_AGO_WORDS: Final = Stems.of("dates.ago")
_MINUTE_WORDS: Final = frozenset(table("cleaning.minute_words"))
#: Lines at the very top and bottom where byline/date lines are looked for.
BYLINE_HEAD_LINES: Final = 4
BYLINE_TAIL_LINES: Final = 2


# --- reading times in every language ---------------------------------------------------
READING_TIME_PHRASES: Final = Substrings.of("cleaning.reading_time")
READING_TIME_MAX_WORDS: Final = 8
_ALL_READING_TIME_PHRASES: Final = tuple(range(len(READING_TIME_PHRASES.phrases)))


def is_reading_time_line(line: Line) -> bool:
    """A reading time alone: "4 min", "5 minutes read", "Lesezeit: 3 Minuten"."""
    if line.words > READING_TIME_MAX_WORDS or not any(c.isdigit() for c in line.text):
        return False
    words = tokens(line.norm)
    # "4 min", "4 Minuten": a number and a unit, nothing else
    if (
        len(words) <= 2
        and any(w in _MINUTE_WORDS or w.lstrip("0123456789") in _MINUTE_WORDS for w in words)
        and words[0][:1].isdigit()
    ):
        return True
    return READING_TIME_PHRASES.search(line.norm, _ALL_READING_TIME_PHRASES)


def is_reading_time(line: Line, ctx: CleanContext, page: Page) -> bool:
    """ "5 min read", "Lesezeit: 3 Minuten", "Lukuaika: 1 min", "阅读约需1分钟"."""
    if line.words > READING_TIME_MAX_WORDS or not any(map(str.isdigit, line.text)):
        return False
    present = page.present(READING_TIME_PHRASES)
    return bool(present) and READING_TIME_PHRASES.search(line.norm, present)


# --- "date | byline" lines in every language --------------------------------------------
# "20. Juni 2025, 13:05 Uhr | Von Sabine Krüger, dpa", "2025.08.14 22:40 | 이지은·박준호 기자",
# "15 अप्रैल 2025, 16:20 IST | पीटीआई": one part a date, the others names or a desk. The
# date words come from the ``[dates]`` tables, the byline openers from ``[byline]``.
_DATE_WORDS: Final = frozenset(
    normalize(word)
    for word in (
        *(w for names in subtable("dates.months").values() for w in names),
        *all_of(["dates.weekdays", "dates.words"]),
    )
    for word in word.split()
)
_BYLINE_OPENERS: Final = LinePrefixes.of("byline.prefixes")
#: Separators between the parts of such a line.
_PART_SPLIT_RE: Final = re.compile(r"\s[|·•]\s|\s[-–—]\s|\s*\|\s*")
#: Longest such line (words) and longest name part.
DATED_BYLINE_MAX_WORDS: Final = 16
BYLINE_PART_MAX_WORDS: Final = 7
#: Unknown short words a date part may hold ("le", "de", "at", a zone such as "IST").
_DATE_FILLER_CHARS: Final = 3
_DATE_FILLER_MAX: Final = 2


def _is_date_part(part: str) -> bool:
    if not any(c.isdigit() for c in part):
        return False
    words = tokens(part.replace(",", " "))
    if not words:
        return False
    unknown = [t for t in words if not any(map(str.isdigit, t)) and t not in _DATE_WORDS]
    return len(unknown) <= _DATE_FILLER_MAX and all(len(t) <= _DATE_FILLER_CHARS for t in unknown)


def _is_names_part(part: str) -> bool:
    norm = normalize(part)
    if (
        not norm
        or len(norm.split()) > BYLINE_PART_MAX_WORDS
        or part.rstrip().endswith((".", "!", "?"))
    ):
        return False
    end = _BYLINE_OPENERS.match(norm)
    rest = part.split(None, len(norm[:end].split()))[-1] if end > 0 else part
    rest = rest.lstrip(" :：")
    if not rest:
        return False
    # scripts without capitals (Arabic, Devanagari, Hangul, CJK): a short part is a name
    if not any(c.isupper() or c.islower() for c in rest if c.isalpha()) or has_unspaced(rest):
        return True
    return looks_like_names(rest)


def is_dated_byline(line: Line) -> bool:
    """A date and names (or a desk) on one short line, in any language."""
    if line.words > DATED_BYLINE_MAX_WORDS:
        return False
    parts = [p for p in _PART_SPLIT_RE.split(line.text.strip()) if p.strip()]
    dates = [p for p in parts if _is_date_part(p)]
    return (
        bool(dates)
        and len(dates) < len(parts)  # two dates or times alone are a span, not a byline
        and all(_is_date_part(p) or _is_names_part(p) for p in parts)
    )


#: A line made only of an ISO timestamp ("2019-11-19T08:57:40+01:00").
ISO_TIMESTAMP_RE: Final = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
#: The shapes of a date that need no words: "05.02.2022", "2022-02-05", "5/2/22",
#: "2022年2月5日", "2022년 2월 5일".
_NUMERIC_DATE_RE: Final = re.compile(
    r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?!\d)|\d{2,4}\s*[年년]\s*\d{1,2}\s*[月월]"
)
#: A clock time ("09:12", "10h30"), a date only with a word of the tables around it.
_CLOCK_RE: Final = re.compile(r"(?<!\d)\d{1,2}[:.h]\d{2}(?!\d)")
_MONTH_WORDS: Final = frozenset(
    normalize(word) for names in subtable("dates.months").values() for word in names
)
#: A word of a date or time with its digits: "05.02.2022", "10:30", "10h30", "9am",
#: "2022年2月5日".
_DATE_TOKEN_RE: Final = re.compile(r"^[\d./:\-–h年月日년월일时時分秒시분초]+(?:am|pm)?$")
#: Longest date-only line (characters).
DATE_ONLY_MAX_CHARS: Final = 60


def is_date_only(text: str) -> bool:
    """A line made only of a date and/or a time, in any language of the tables:
    "February 5, 2022 09:12 AM IST", "05.02.2022", "Sa., 5. Februar 2022, 10:30 Uhr",
    "2022年2月5日", "3:59 PM".

    The line opens with a number or a date word, its numbers are dates or times, and it
    holds a whole date (a numeric one, or a month name with a day and a year) or a single
    clock time with a word such as "PM" or "Uhr". A year, a month and a year, a span of
    times or dates (a schedule, an event) or a sentence with a date in it is no date line.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > DATE_ONLY_MAX_CHARS or not _is_date_part(stripped):
        return False
    words = tokens(stripped.replace(",", " "))
    numbers = [w for w in words if any(c.isdigit() for c in w)]
    if not all(_DATE_TOKEN_RE.match(w) for w in numbers):
        return False  # "第17届…[引用日期2014-05-19]", "+81": words with numbers, not dates
    if not (words[0] in numbers or words[0] in _DATE_WORDS):
        return False  # "was in September 2008."
    numeric = _NUMERIC_DATE_RE.findall(stripped)
    if len(numeric) > 1:
        return False  # "23.10.2015 - 25.10.2015": an event's span
    if numeric or ISO_TIMESTAMP_RE.match(stripped):
        return True
    named = [w for w in words if w not in numbers]
    if any(w in _MONTH_WORDS for w in named):
        days = [w for w in numbers if w.isdigit() and 1 <= int(w) <= 31]
        years = [w for w in numbers if w.isdigit() and len(w) == 4]
        return bool(days and years)  # "5. Februar 2022", "Feb 5, 2022"
    return len(_CLOCK_RE.findall(stripped)) == 1 and bool(named)  # "3:59 PM", "10:30 Uhr"


#: Most words besides the authors' names on a byline that names every author of the page's
#: metadata ("记者 赵磊、孙悦", "Reporting by A and B"), in any language.
AUTHORS_LINE_OTHER_MAX_WORDS: Final = 3


def names_every_author(line: Line, authors: tuple[str, ...]) -> bool:
    """Whether a short line is every author of the metadata and hardly anything else:
    a byline, whatever word it uses for "by" or "reporter". A sentence about them stays
    (it says more, or ends as a sentence)."""
    if not authors or line.text.rstrip().endswith((".", "!", "?", "。", "！", "？")):
        return False
    rest = line.text.casefold()
    for author in authors:
        key = author.strip().casefold()
        if not key or key not in rest:
            return False
        rest = rest.replace(key, " ")
    return Line(rest).words <= AUTHORS_LINE_OTHER_MAX_WORDS


def is_byline(line: Line, ctx: CleanContext) -> bool:
    """A byline, date line or reading time (only looked for at the top and bottom)."""
    text = line.text
    words = line.words
    if words > BYLINE_MAX_WORDS:
        return False
    norm = line.norm
    if ctx.authors and (
        norm in {normalize(a) for a in ctx.authors} or names_every_author(line, ctx.authors)
    ):
        return True
    if is_reading_time_line(line) or is_date_only(text) or is_dated_byline(line):
        return True
    if (
        words <= DATE_LINE_MAX_WORDS
        and _DATE_LABELS.match(norm) >= 0
        and (any(c.isdigit() for c in text) or _AGO_WORDS.match(norm, tokens(norm)))
    ):
        return True  # "Published: 05.02.2022", "Updated 3 hours ago"
    end = _BYLINE_OPENERS.match(norm)
    if end > 0 and end < len(norm) and norm[end] in " :":
        if any(normalize(a) in norm for a in ctx.authors if a):
            return True
        rest = text.split(None, len(norm[:end].split()))[-1].lstrip(" :：")
        return bool(rest) and looks_like_names(rest)
    return False


def is_date_or_dateline(line: Line) -> bool:
    """A date or timestamp alone, a dateline alone ("WASHINGTON —"), a desk's byline."""
    text = line.text
    if is_date_only(text) or ISO_TIMESTAMP_RE.match(text):
        return True
    return line.words <= DATELINE_MAX_WORDS and bool(
        DATELINE_RE.match(text) or line.norm in _STAFF_LINES
    )
