"""Text as the store keeps it: without the control characters PostgreSQL refuses."""

from __future__ import annotations

import re

# C0 control characters other than tab and newline, and DEL. PostgreSQL rejects NUL in
# text; the others are invisible debris of broken CMS exports. They are removed, the
# text around them is kept.
_CONTROL_CHARS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Return ``value`` without NUL and other control characters (tab, newline kept)."""
    # The search runs in C; the (slow) translation only when there is something to remove.
    return value.translate(_CONTROL_CHARS) if _CONTROL_RE.search(value) else value


def clean_optional(value: str | None) -> str | None:
    return None if value is None else clean_text(value)
