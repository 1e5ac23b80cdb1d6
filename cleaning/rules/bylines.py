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
from cleaning.rules.phrasematch import LinePrefixes, Substrings, has_unspaced
from cleaning.text import WORD_RE, looks_like_names, normalize, tokens

# A dateline alone on its line: "BAAR, SWITZERLAND", "WASHINGTON —" (a comma or a dash
# tells it from a subheading in capitals such as "FORD MUSTANG MACH E").
DATELINE_RE: Final = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Z.'’ -]{1,30}\s*[-–—:]?|\s*[–—])\s*$"
)
DATELINE_MAX_WORDS: Final = 4

#: Words of a byline that names no person ("Staff Reports", "Wire Services").
STAFF_WORDS: Final = frozenset(
    {"staff", "reports", "report", "writer", "writers", "reporter", "reporters", "wire", "services"}
    | {"service", "news", "desk", "team", "editors", "editorial", "newsroom", "agencies", "bureau"}
)

# --- bylines and dates that only repeat metadata ------------------------------------
# "By Jane Doe | February 5, 2022", "Published: 05.02.2022", "Updated 3 hours ago",
# "5 min read": the header block of most news templates.
BYLINE_RE: Final = re.compile(
    r"^(?:by|from|written by|posted by|reported by|von|par|por|di|door|автор|text|texto|"
    r"testo)\s+\S",
    re.IGNORECASE,
)
BYLINE_MAX_WORDS: Final = 14
DATE_LINE_RE: Final = re.compile(
    r"^(?:published|updated|posted|last updated|first published|modified|date|datum|stand"
    r"|veröffentlicht|aktualisiert|erstellt|publié|mis à jour|modifié|publicado|actualizado|"
    r"atualizado"
    r"|pubblicato|aggiornato|gepubliceerd|bijgewerkt|опубликовано|обновлено)\b",
    re.IGNORECASE,
)
DATE_LINE_MAX_WORDS: Final = 14
READING_TIME_RE: Final = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|minuten|minutes?|minutos|minuti|мин\w*)\.?\s*(?:read|lesezeit|"
    r"de lecture|de lectura|de leitura|di lettura|leestijd|чтения)?"
    r"|(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|"
    r"tempo di lettura|leestijd)\W*\d+.*)\W*$",
    re.IGNORECASE,
)
_MONTHS: Final = (
    r"jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar)?|févr(?:ier)?|fev(?:ereiro)?|mar(?:ch|s|zo|"
    r"ço)?|märz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?"
    r"|may|mai|mayo|maio|maggio|mei|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|"
    r"juil(?:let)?|luglio"
    r"|aug(?:ust|usti)?|août|ago(?:sto)?|sep(?:t|tember|tembre|tiembre|iembre)?|set(?:embro|"
    r"tembre)?"
    r"|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?|nov(?:ember|embre|embro)?|"
    r"dec(?:ember)?|dez(?:ember|embro)?|déc(?:embre)?|dic(?:iembre|embre)?"
)
#: A line made only of an ISO timestamp ("2019-11-19T08:57:40+01:00").
ISO_TIMESTAMP_RE: Final = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
#: A line made only of a date and/or time ("February 5, 2022 09:12 AM IST", "05.02.2022").
DATE_ONLY_RE: Final = re.compile(
    r"^[\W\s]*(?:(?:mon|tue|wed|thu|fri|sat|sun|\w+-feira|sábado|domingo|lunes|martes|miércoles"
    r"|jueves|viernes|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche)\w*,?\s+)?"
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:"
    + _MONTHS
    + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\.?\s+(?:de\s+)?(?:" + _MONTHS + r")\.?\s+(?:de\s+)?\d{4})"
    r"(?:(?:[\s,|/at-]+|\s+(?:às|as|a las|um|à|alle|om)\s+)\d{1,2}[:.h]\d{2}(?::\d{2})?"
    r"\s*(?:am|pm|a\.m\.|p\.m\.|"
    r"uhr)?\s*[a-z]{0,4})?[\W\s]*$",
    re.IGNORECASE,
)


#: Lines at the very top and bottom where byline/date lines are looked for.
BYLINE_HEAD_LINES: Final = 4
BYLINE_TAIL_LINES: Final = 2
#: A date line must say when: a digit or a relative-time word.
_RELATIVE_TIME_RE: Final = re.compile(r"\d|ago|vor |il y a|hace|há ")


# --- reading times in every language ---------------------------------------------------
READING_TIME_PHRASES: Final = Substrings.of("cleaning.reading_time")
READING_TIME_MAX_WORDS: Final = 8


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
    words = tokens(part.replace(",", " "))
    if not words or not any(map(str.isdigit, part)):
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
        and len(parts) >= 2
        and all(_is_date_part(p) or _is_names_part(p) for p in parts)
    )


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
    if READING_TIME_RE.match(text) or DATE_ONLY_RE.match(text) or is_dated_byline(line):
        return True
    if DATE_LINE_RE.match(text) and words <= DATE_LINE_MAX_WORDS and _RELATIVE_TIME_RE.search(text):
        return True
    if BYLINE_RE.match(text):
        if any(normalize(a) in norm for a in ctx.authors if a):
            return True
        rest = BYLINE_RE.sub("", text, count=1)
        return looks_like_names(text.split(None, 1)[1] if " " in text else rest)
    return False


def is_date_or_dateline(line: Line) -> bool:
    """A date or timestamp alone, a dateline alone ("WASHINGTON —"), a desk's byline."""
    text = line.text
    if DATE_ONLY_RE.match(text) or ISO_TIMESTAMP_RE.match(text):
        return True
    return line.words <= DATELINE_MAX_WORDS and bool(
        DATELINE_RE.match(text) or all(w.casefold() in STAFF_WORDS for w in WORD_RE.findall(text))
    )
