"""SimHash fingerprints of article text, for near-duplicate detection.

Two texts whose fingerprints differ in at most `MAX_DISTANCE` of 64 bits are treated as
the same story (a wire story on several sites, one story at several URLs). The
fingerprint is cut into four 16-bit bands: by the pigeonhole principle two fingerprints
within 3 bits share at least one band, so an indexed band lookup finds every candidate.
"""

from __future__ import annotations

import hashlib
import re

MAX_DISTANCE = 3
SHINGLE = 3  # words per shingle
MIN_WORDS = 40  # below this a fingerprint says too little to call two texts the same
# The opening of a story decides whether two texts are the same one; capping the shingles
# keeps the cost flat on very long pages.
MAX_SHINGLES = 600
_WORD = re.compile(r"\w+")


def simhash(text: str) -> int | None:
    """Return the 64-bit SimHash of ``text`` (unsigned), or None for a very short text."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    weights = [0] * 64
    for i in range(min(len(words) - SHINGLE + 1, MAX_SHINGLES)):
        shingle = " ".join(words[i : i + SHINGLE]).encode()
        value = int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big")
        for bit, char in enumerate(reversed(f"{value:064b}")):
            weights[bit] += 1 if char == "1" else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def bands(fingerprint: int) -> tuple[int, int, int, int]:
    """The four 16-bit bands of an unsigned fingerprint."""
    return (
        fingerprint & 0xFFFF,
        fingerprint >> 16 & 0xFFFF,
        fingerprint >> 32 & 0xFFFF,
        fingerprint >> 48 & 0xFFFF,
    )


def to_signed(fingerprint: int) -> int:
    """Map an unsigned 64-bit value into a signed BIGINT column."""
    return fingerprint - (1 << 64) if fingerprint >= 1 << 63 else fingerprint


def to_unsigned(stored: int) -> int:
    """Inverse of `to_signed`."""
    return stored + (1 << 64) if stored < 0 else stored


def distance(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()
