"""Learned site boilerplate: lines that recur across many articles of one site.

A slogan ("Independent journalism since 1851"), a fixed promo ("Get our free app") or a
standing disclaimer that a site prints under every article passes every built-in rule
because it reads like a sentence. Seen across many stored articles of the same site it
is obviously not part of any one story. `learn_site_boilerplate` finds such lines; the
crawler passes them to `extract_article(..., boilerplate=...)`, which removes them with
rule ``learned_boilerplate``.

`CrawlBoilerplate` does the same inside one crawl, from the articles as they are
cleaned, so a site's chrome is learned before the store holds twenty of its articles.

This module is pure: the caller (storage/crawler) reads the site's stored texts and
keeps the learned set.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from cleaning.text import normalize, word_count

#: Nothing is learned from fewer articles of a site: with few articles a shared line is
#: as likely a running story (the same quote, the same background paragraph) as chrome.
MIN_ARTICLES = 20

#: A line must appear in at least this share of the site's articles...
MIN_SHARE = 0.3

#: ...and in at least this many of them.
MIN_COUNT = 8

#: Lines longer than this (in words) are never learned: boilerplate is short, while a
#: long shared paragraph is usually a syndicated or updated story stored twice.
MAX_WORDS = 60


def learn_site_boilerplate(
    texts: Iterable[str],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    min_count: int = MIN_COUNT,
    max_words: int = MAX_WORDS,
) -> frozenset[str]:
    """Find lines that recur across a large share of one site's articles.

    Each article counts a line once (a line repeated inside one article does not make
    it boilerplate). Lines are compared after `cleaning.rules.normalize`, so case,
    quotes and spacing differences do not matter.

    Args:
        texts: The cleaned texts (one line per paragraph) of one site's articles,
            ideally distinct articles (re-fetches of the same article would count twice).
        min_articles: Fewest articles from which anything is learned.
        min_share: Fewest share of the articles a line must appear in.
        min_count: Fewest articles a line must appear in.
        max_words: Longest line (in words) that can be learned.

    Returns:
        The normalised boilerplate lines, empty when there are fewer than
        ``min_articles`` texts.
    """
    counts: Counter[str] = Counter()
    articles = 0
    for text in texts:
        articles += 1
        lines = {normalize(line) for line in text.splitlines()}
        counts.update(line for line in lines if line and word_count(line) <= max_words)
    if articles < min_articles:
        return frozenset()
    threshold = max(min_count, min_share * articles)
    return frozenset(line for line, count in counts.items() if count >= threshold)


# --- evidence inside one crawl ---------------------------------------------------------
# The store needs `MIN_ARTICLES` of a site before anything is learned from it; a new site
# would print its slogan under its first twenty articles. Inside one crawl the same
# lines recur on the site's pages as they are cleaned, and that is evidence too.

#: Nothing is learned for a site before this many of its distinct articles were seen.
CRAWL_MIN_ARTICLES = 6
#: A line must be a whole line of at least this many of them...
CRAWL_MIN_COUNT = 4
#: ...and of at least this share of the site's articles seen so far.
CRAWL_MIN_SHARE = 0.5
#: Longest line (words) learned inside a crawl (shorter than `MAX_WORDS`: less evidence).
CRAWL_MAX_WORDS = 40
#: Most recent articles of a site kept as evidence (memory stays bounded per site).
CRAWL_WINDOW = 120


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """What `CrawlBoilerplate` needs of one cleaned article, computed where it was cleaned.

    Attributes:
        key: A digest of the title and text: articles with the same text count once.
        title: The normalised title (never learned).
        lines: The text's lines, normalised.
    """

    key: bytes
    title: str
    lines: tuple[str, ...]


def page_evidence(title: str, text: str) -> PageEvidence:
    """The evidence of one article (``text`` one paragraph a line), for `CrawlBoilerplate`.

    Pure and picklable: a cleaning worker computes it, so the crawl process only counts.
    """
    key = hashlib.blake2b(
        (normalize(title) + "\n" + text).encode("utf-8", "surrogatepass"), digest_size=16
    ).digest()
    return PageEvidence(key, normalize(title), tuple(normalize(line) for line in text.splitlines()))


class CrawlBoilerplate:
    """Lines that recur verbatim on many pages of one site within one crawl.

    The crawler calls `observe` with each cleaned article and asks `learned` for the
    site's lines before cleaning the next page. A line is learned when it is a whole
    line of at least `CRAWL_MIN_COUNT` distinct articles of the site, and of at least
    `CRAWL_MIN_SHARE` of the site's articles seen (once `CRAWL_MIN_ARTICLES` were), and
    has at most `CRAWL_MAX_WORDS` words.

    A line that is real text on some page is never learned, and is forgotten if it was:
    it occurs inside a longer line of some article (a slogan quoted in a sentence), or
    it is some article's headline. Articles with the same text (re-fetches, syndicated
    copies) count once. Deterministic: the same articles in the same order give the
    same lines.
    """

    def __init__(self) -> None:
        self._pages: dict[str, list[tuple[str, frozenset[str]]]] = {}
        # how many of the window's articles hold each whole line, kept as pages come and go
        # (counting the window again for every article cost as much as the crawl's own work)
        self._counts: dict[str, Counter[str]] = {}
        # the lines of each site held by at least `CRAWL_MIN_COUNT` of them: the only
        # candidates, so learning does not walk every line of the window for each article
        self._frequent: dict[str, set[str]] = {}
        # digests of the articles seen (their texts would hold the whole crawl in memory)
        self._seen: dict[str, set[bytes]] = {}
        self._vetoed: dict[str, set[str]] = {}
        self._learned: dict[str, frozenset[str]] = {}

    def observe(self, site: str, title: str, text: str) -> frozenset[str]:
        """Take one cleaned article of ``site`` as evidence.

        Args:
            site: The site (``storage.urls.site_of`` of the URL).
            title: The article's title.
            text: The cleaned text, one paragraph a line.

        Returns:
            The site's learned lines after this article (normalised).
        """
        return self.observe_evidence(site, page_evidence(title, text))

    def observe_evidence(self, site: str, evidence: PageEvidence) -> frozenset[str]:
        """`observe`, with the article's `page_evidence` computed already (by a worker)."""
        seen = self._seen.setdefault(site, set())
        if evidence.key in seen:
            return self.learned(site)
        seen.add(evidence.key)
        lines = evidence.lines
        whole = frozenset(line for line in lines if line)
        joined = "\n".join(lines)
        pages = self._pages.setdefault(site, [])
        counts = self._counts.setdefault(site, Counter())
        frequent = self._frequent.setdefault(site, set())
        pages.append((joined, whole))
        counts.update(whole)
        frequent.update(line for line in whole if counts[line] >= CRAWL_MIN_COUNT)
        if len(pages) > CRAWL_WINDOW:
            _, gone = pages.pop(0)
            counts.subtract(gone)
            for line in gone:
                if counts[line] <= 0:
                    del counts[line]
                if counts[line] < CRAWL_MIN_COUNT:
                    frequent.discard(line)
        vetoed = self._vetoed.setdefault(site, set())
        vetoed.add(evidence.title)
        self._learned[site] = self._learn(pages, counts, frequent, vetoed)
        return self._learned[site]

    def learned(self, site: str) -> frozenset[str]:
        """The site's learned lines (normalised), empty before enough evidence."""
        return self._learned.get(site, frozenset())

    def sites(self) -> dict[str, frozenset[str]]:
        """Every site that learned lines, with its lines."""
        return {site: lines for site, lines in self._learned.items() if lines}

    @staticmethod
    def _learn(
        pages: list[tuple[str, frozenset[str]]],
        counts: Counter[str],
        frequent: set[str],
        vetoed: set[str],
    ) -> frozenset[str]:
        if len(pages) < CRAWL_MIN_ARTICLES:
            return frozenset()
        threshold = max(CRAWL_MIN_COUNT, CRAWL_MIN_SHARE * len(pages))
        learned = set()
        for line in frequent:
            if counts[line] < threshold or line in vetoed or word_count(line) > CRAWL_MAX_WORDS:
                continue
            # real text somewhere: the line inside a longer line of some article
            bounded = "\n" + line + "\n"
            inside = sum(
                joined.count(line) - ("\n" + joined + "\n").count(bounded) for joined, _ in pages
            )
            if inside > 0:
                vetoed.add(line)
                continue
            learned.add(line)
        return frozenset(learned)


def strip_learned(text: str, learned: frozenset[str]) -> str | None:
    """``text`` without its whole lines that are in ``learned``, or None when none is.

    Args:
        text: A cleaned text, one paragraph a line.
        learned: Normalised lines (`CrawlBoilerplate.learned`).
    """
    if not learned:
        return None
    kept = [line for line in text.splitlines() if normalize(line) not in learned]
    if len(kept) == len(text.splitlines()):
        return None
    return "\n".join(kept)
