"""What came of a fetched URL (``pages.outcome``), and of re-cleaning a stored page.

The values are the schema's: downstream readers select on them, so a member is never
renamed. `PageOutcome` is a `StrEnum`: a member equals, stores and prints as its value.
"""

from __future__ import annotations

from enum import StrEnum


class PageOutcome(StrEnum):
    """What happened to a fetched URL, as recorded in ``pages.outcome``."""

    #: new article, or its text or title changed (a new revision)
    STORED = "stored"
    #: fetched again, same content hash: nothing rewritten
    UNCHANGED = "unchanged"
    #: the server answered 304 to a conditional request
    NOT_MODIFIED = "not_modified"
    #: a listing, tag, search or home page, or no article text
    NOT_ARTICLE = "not_article"
    #: consent wall, bot challenge or paywall stub
    BLOCKED = "blocked"
    #: over the download size limit
    TOO_LARGE = "too_large"
    #: not an HTML page
    NOT_HTML = "not_html"
    #: HTTP error status or network failure; see reason
    ERROR = "error"
    #: robots.txt forbids it
    ROBOTS_DISALLOWED = "robots_disallowed"
    #: outside -a since/until/lang/max_articles; see reason
    OUT_OF_SCOPE = "out_of_scope"


#: Every page outcome, in the order of `PageOutcome`.
OUTCOMES = tuple(PageOutcome)
#: Outcomes that count as a failure for back-off.
FAILURES = frozenset({PageOutcome.ERROR, PageOutcome.TOO_LARGE})


class RecleanOutcome(StrEnum):
    """What storing a re-cleaned article did (`storage.writer.save_recleaned`)."""

    #: a new revision: title, text or metadata changed
    CHANGED = "changed"
    #: what would be stored is what is stored
    UNCHANGED = "unchanged"
    #: a crawl stored newer HTML meanwhile (or the article is gone): nothing written
    REPLACED = "replaced"
