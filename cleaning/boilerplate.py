"""Learned site boilerplate: lines that recur across many articles of one site.

A slogan ("Independent journalism since 1851"), a fixed promo ("Get our free app") or a
standing disclaimer that a site prints under every article passes every built-in rule
because it reads like a sentence. Seen across many stored articles of the same site it
is obviously not part of any one story. `learn_site_boilerplate` finds such lines; the
crawler passes them to `extract_article(..., boilerplate=...)`, which removes them with
rule ``learned_boilerplate``.

This module is pure: the caller (storage/crawler) reads the site's stored texts and
keeps the learned set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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
