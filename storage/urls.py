"""The one URL normalisation every layer agrees on: it is the articles' unique key."""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

from courlan import normalize_url as _courlan_normalize


def normalize_url(url: str) -> str:
    """Return the storage key of ``url``.

    Lower-cases scheme and host, drops default ports, sorts the query, removes tracking
    parameters (``utm_*``, ``fbclid``, ``gclid`` ... as courlan knows them) and the fragment.

    Args:
        url: An absolute http(s) URL.

    Returns:
        The normalised URL.
    """
    try:
        normalised = _courlan_normalize(url.strip())
    except ValueError:
        normalised = url.strip()
    return urldefrag(normalised).url


def site_of(url: str) -> str:
    """Return the host of ``url`` without a leading ``www.``, as stored in ``site``."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
