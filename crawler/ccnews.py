"""Common Crawl's news archive: ``-a ccnews=YYYY-MM[,YYYY-MM]`` or a day range.

CC-NEWS publishes, for each month, ``crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz``: one WARC
file path a line, each named by the time its capture started
(``CC-NEWS-20240105083012-01234.warc.gz``). The listing and the files are read from
``NEWS_CCNEWS_BASE`` (Common Crawl's public data address by default; a mirror, or a local
server in the tests, otherwise); the files then go through `crawler.warc.ArchiveReader`.

Forms accepted (comma-separated, combined): ``2024-01`` (a month), ``2024-01..2024-03``
(months), ``2024-01-05`` (a day), ``2024-01-05..2024-01-11`` (days, both included). A day
selects the files whose capture started on it.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urljoin

from crawler.warc import ArchiveError, open_archive

DEFAULT_BASE = "https://data.commoncrawl.org/"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FILE_DAY = re.compile(r"CC-NEWS-(\d{4})(\d{2})(\d{2})\d*-\d+\.warc(?:\.gz)?$")
#: The longest listing accepted (a month holds a few hundred to a few thousand files).
MAX_LISTING = 64 * 1024 * 1024


class CcNewsError(ValueError):
    """A malformed ``-a ccnews=`` value."""


@dataclass(frozen=True)
class Period:
    """Days ``first`` to ``last`` (both included)."""

    first: date
    last: date

    def months(self) -> list[tuple[int, int]]:
        """The (year, month) pairs the period touches, in order."""
        months = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def _parse_one(text: str) -> tuple[date, date]:
    match = _MONTH.match(text)
    if match:
        first = date(int(match[1]), int(match[2]), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    match = _DAY.match(text)
    if match:
        day = date(int(match[1]), int(match[2]), int(match[3]))
        return day, day
    raise ValueError


def parse_ccnews(value: str) -> tuple[Period, ...]:
    """Parse ``-a ccnews=``.

    Raises:
        CcNewsError: With a one-line reason naming the accepted forms.
    """
    periods = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        start, _, end = part.partition("..")
        try:
            first, first_end = _parse_one(start.strip())
            last = _parse_one(end.strip())[1] if end else first_end
        except ValueError:
            raise CcNewsError(
                f"ccnews: {part!r} is not YYYY-MM, YYYY-MM-DD or a range of them "
                "(e.g. 2024-01, 2024-01..2024-03, 2024-01-05..2024-01-11)"
            ) from None
        if last < first:
            raise CcNewsError(f"ccnews: {part!r} ends before it starts")
        if first < date(2016, 8, 1):
            raise CcNewsError(f"ccnews: {part!r} is before CC-NEWS began (2016-08)")
        periods.append(Period(first, last))
    if not periods:
        raise CcNewsError("ccnews: give a month (YYYY-MM) or a day range")
    return tuple(periods)


def listing_url(base: str, year: int, month: int) -> str:
    """The ``warc.paths.gz`` of one month under ``base``."""
    path = f"crawl-data/CC-NEWS/{year:04d}/{month:02d}/warc.paths.gz"
    return urljoin(base.rstrip("/") + "/", path)


def file_day(path: str) -> date | None:
    """The day a CC-NEWS file's capture started, from its name; None if not so named."""
    match = _FILE_DAY.search(path)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def ccnews_files(
    periods: tuple[Period, ...],
    base: str = DEFAULT_BASE,
    user_agent: str = "newsclean",
    timeout: float = 60,
) -> list[str]:
    """The URLs of the CC-NEWS WARC files of ``periods``, in the listings' order.

    Raises:
        ArchiveError: A month's listing cannot be read.
    """
    files: list[str] = []
    root = base.rstrip("/") + "/"
    for year, month in dict.fromkeys(m for p in periods for m in p.months()):
        url = listing_url(base, year, month)
        with open_archive(url, user_agent, timeout) as stream:
            raw = stream.read(MAX_LISTING + 1)
        try:
            text = gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode()
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{url}: not a gzipped list of paths ({exc})") from None
        for line in text.splitlines():
            path = line.strip()
            if not path or path.startswith("#"):
                continue
            day = file_day(path)
            if day is not None and not any(p.first <= day <= p.last for p in periods):
                continue
            files.append(urljoin(root, path.lstrip("/")))
    return list(dict.fromkeys(files))
