"""Text fields as a reader sees them: entities decoded, tags and invisible characters gone.

Titles from JSON-LD keep ``&#8211;`` and ``&quot;`` (encoded twice by the CMS), site names
``&amp;``, descriptions stray ``<b>`` tags, zero-width spaces and soft hyphens.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Final

#: Characters that never belong in a stored field: zero-width space, word joiner, BOM,
#: soft hyphen, and bidirectional marks.
_INVISIBLE_RE: Final = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e]")
#: Zero-width (non-)joiners are letters' business in Persian and Indic scripts; only at a
#: word's edge are they stray.
_EDGE_JOINER_RE: Final = re.compile(r"(?:(?<=\s)|^)[\u200c\u200d]+|[\u200c\u200d]+(?=\s|$)")
#: An HTML entity, named or numeric, as left undecoded.
ENTITY_RE: Final = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: A markup tag inside a field ("<b>Live</b>", "<br/>").
_TAG_RE: Final = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
#: Control characters (C0 and C1) other than whitespace.
_CONTROL_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_field(value: str | None) -> str | None:
    """A text field decoded and normalised, or None when nothing is left.

    Entities are decoded until none is left (at most three rounds, for ``&amp;quot;``),
    tags dropped, invisible and control characters removed, Unicode composed (NFC) and
    whitespace collapsed.

    Args:
        value: The raw field.

    Returns:
        The clean text, or None for an empty one.
    """
    if not value:
        return None
    text = value
    for _ in range(3):
        if "&" not in text or not ENTITY_RE.search(text):
            break
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if not text.isascii():
        text = _INVISIBLE_RE.sub("", text)
        text = _CONTROL_RE.sub(" ", text)
        text = _EDGE_JOINER_RE.sub("", text)
        text = unicodedata.normalize("NFC", text)
    elif not text.isprintable():
        # ASCII: only the C0 controls and DEL can be there (the rest is not ASCII)
        text = _CONTROL_RE.sub(" ", text)
    text = " ".join(text.split())
    return text or None


def clean_fields(values: list[str]) -> list[str]:
    """`clean_field` of each value, dropping the empty ones."""
    return [v for v in map(clean_field, values) if v]
