"""Errors raised by the cleaning package; every one derives from `CleaningError`."""

from __future__ import annotations


class CleaningError(Exception):
    """Base class: the page could not be turned into an article.

    Attributes:
        reason: A short machine-readable reason (``no_text``, ``not_article``, ...)
            used in crawl stats and in the store.
    """

    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class NoArticleText(CleaningError):
    """The page holds no article text (empty, script-only, or all boilerplate).

    Attributes:
        amp_url: The page's AMP version (``<link rel="amphtml">``), which may hold the
            text; None when it has none.
        app_shell: The page is a script-built shell (scripts, little text): a browser
            may show the article.

    Like every `CleaningError` it survives pickling (the crawl's worker processes send
    it back): the attributes are instance attributes, restored from ``__dict__``.
    """

    reason = "no_text"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        amp_url: str | None = None,
        app_shell: bool = False,
    ) -> None:
        super().__init__(message, reason=reason)
        self.amp_url = amp_url
        self.app_shell = app_shell


class NotAnArticle(CleaningError):
    """The page is a listing, tag, search or home page rather than an article."""

    reason = "not_article"


class Blocked(CleaningError):
    """A bot challenge, consent wall or paywall stub stands where the article should be.

    ``reason`` names the kind: ``bot_challenge``, ``consent_wall`` or ``paywall``.
    """

    reason = "blocked"


class BadRulesFile(CleaningError):
    """A site-rules TOML file is malformed; the message names file, line and reason."""

    reason = "bad_rules"
