"""Decoding fetched pages that lie about their charset, and spotting binary bodies.

Scrapy decodes a page with the charset its headers, BOM or ``<meta>`` declare, else tries
UTF-8, else cp1252 -- replacing what does not fit. A page in windows-1251 that declares
UTF-8 (a misconfigured server) or a Shift_JIS page that declares nothing then comes out as
U+FFFD or mojibake. Here a declared charset is trusted only when the body really decodes
with it; otherwise UTF-8 is tried strictly, then charset-normalizer guesses.
"""

from __future__ import annotations

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# Bodies served as text/html that are in fact files of another kind (magic numbers).
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"RIFF", "image/webp"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"\x7fELF", "application/x-executable"),
)
# Share of control bytes (other than tab, newline, carriage return, form feed) in the
# first kilobytes above which a body is not text, whatever it is labelled.
BINARY_CONTROL_SHARE = 0.10
_SNIFF_BYTES = 4096
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
#: Every byte but the binary control bytes (deleted to count those in C, not per byte).
_NOT_BINARY_CONTROLS = bytes(b for b in range(256) if b >= 0x20 or b in _TEXT_CONTROLS)


def binary_kind(body: bytes) -> str | None:
    """Return the kind of a binary body (``image/png``, ...), or None if it looks like text."""
    for signature, kind in BINARY_SIGNATURES:
        if body.startswith(signature):
            return kind
    head = body[:_SNIFF_BYTES]
    if head:
        controls = len(head.translate(None, _NOT_BINARY_CONTROLS))
        if controls / len(head) > BINARY_CONTROL_SHARE:
            return "application/octet-stream"
    return None


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode an HTML body whose declared charset may be wrong or missing.

    Args:
        body: The raw body.
        content_type: The ``Content-Type`` header, if any.

    Returns:
        The page text.
    """
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        return body[len(bom) :].decode(bom_encoding, "replace")  # a BOM is never wrong
    declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    if declared:
        encoding = resolve_encoding(declared) or declared
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies: guess below
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("utf-8", "replace")
