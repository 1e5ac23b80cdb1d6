"""Decode page bytes and parse them into the lxml tree trafilatura works on.

`parse_html` builds the same tree as `trafilatura.utils.load_html` does for the same
text, minus its costliest step when that step would change nothing: before parsing,
trafilatura deletes the characters libxml2 rejects with a regular-expression pass over
the whole page (about a third of the parse time of an 80 KB page). Real pages almost
never hold such characters, and a substring search for each of them costs a fraction of
that pass, so the pass runs only when one is found.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from lxml.etree import ElementDefaultClassLookup
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura import utils as _traf

#: Bytes inspected for a declared charset (``<meta charset>``, http-equiv).
CHARSET_SNIFF_BYTES: Final = 4096
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)

#: The characters trafilatura deletes before parsing (its ``INVALID_XML_CHARS``).
_INVALID_CHARS: Final = tuple(
    chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)
)
#: The same characters in UTF-8: a control byte, or U+FFFE/U+FFFF's three bytes.
_INVALID_UTF8: Final = tuple(char.encode("utf-8") for char in _INVALID_CHARS)

#: trafilatura's own repair patterns; without them every page takes `load_html`.
_DOCTYPE_TAG: re.Pattern[str] | None = getattr(_traf, "DOCTYPE_TAG", None)
_FAULTY_HTML: re.Pattern[str] | None = getattr(_traf, "FAULTY_HTML", None)

LOGGER = logging.getLogger(__name__)

#: trafilatura's parser options (``trafilatura.utils.HTML_PARSER``) with a class lookup
#: done in C: lxml.html's own lookup is a Python call for every element object created
#: (thousands a page, about 8% of the extraction time), only to pick special classes for
#: form fields, which extraction never uses. Every element is still an `HtmlElement`.
HTML_PARSER: Final = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
HTML_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)


def decode_html(data: str | bytes) -> str:
    """Decode page bytes: UTF-8 when valid, else the declared charset, else detection.

    Valid UTF-8 is tried first because pages often declare ``iso-8859-1`` while serving
    UTF-8, and non-ASCII text in another encoding is practically never valid UTF-8.

    Args:
        data: The page as fetched.

    Returns:
        The page as text.
    """
    return _decode(data)[0]


def _decode(data: str | bytes) -> tuple[str, bytes | None]:
    """The text, and the bytes when they were valid UTF-8."""
    if isinstance(data, str):
        return data, None
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError:
        pass
    match = _CHARSET_RE.search(data[:CHARSET_SNIFF_BYTES])
    if match:
        declared = match.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass
    return _traf.decode_file(data), None


def has_invalid_chars(text: str, utf8: bytes | None = None) -> bool:
    """Whether the page holds a character that trafilatura deletes before parsing.

    Args:
        text: The decoded page.
        utf8: The UTF-8 bytes ``text`` was decoded from, if any (searching them is
            faster than searching the text).

    Returns:
        True when one of trafilatura's ``INVALID_XML_CHARS`` occurs.
    """
    if utf8 is not None:
        return any(seq in utf8 for seq in _INVALID_UTF8)
    return any(char in text for char in _INVALID_CHARS)


def parse_html(html: str | bytes) -> tuple[str, HtmlElement | None]:
    """Decode and parse a page into the tree `trafilatura.utils.load_html` would give.

    Args:
        html: The page, as text or as fetched bytes.

    Returns:
        The decoded text, and its tree (None when it is not an HTML document).
    """
    text, utf8 = _decode(html)
    if _DOCTYPE_TAG is None or _FAULTY_HTML is None or has_invalid_chars(text, utf8):
        return text, _traf.load_html(text)
    return text, _load_valid_text(text, _DOCTYPE_TAG, _FAULTY_HTML)


def _load_valid_text(
    text: str, doctype_tag: re.Pattern[str], faulty_html: re.Pattern[str]
) -> HtmlElement | None:
    """`load_html` for a text without invalid characters: its repairs, parse and checks."""
    beginning = text[:50].lower()
    if "doctype" in beginning:
        first_line, _, rest = text.partition("\n")
        text = doctype_tag.sub("", first_line, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            text = faulty_html.sub(r"\1>", text, count=1)
            break
    tree: HtmlElement | None = None
    fallback_parse = False
    try:
        tree = fromstring(text, parser=HTML_PARSER)
    except ValueError:
        tree = _fromstring_bytes(text)
        fallback_parse = True
    except Exception as err:  # lxml raises assorted errors on hostile input
        LOGGER.debug("lxml parsing failed: %s", err)
    if (tree is None or len(tree) < 1) and not fallback_parse:
        tree = _fromstring_bytes(text)
    # what trafilatura rejects: no "html" near the top and at most one element
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None
    return tree


def _fromstring_bytes(text: str) -> HtmlElement | None:
    """trafilatura's second try: the text as UTF-8 bytes (as its ``fromstring_bytes``)."""
    try:
        tree: HtmlElement = fromstring(text.encode("utf8", "surrogatepass"), parser=HTML_PARSER)
    except Exception as err:  # lxml raises assorted errors on hostile input
        LOGGER.debug("lxml parsing of bytes failed: %s", err)
        return None
    return tree


#: Joiners that trafilatura drops as "non-printable" (`remove_control_characters`) but that
#: words need: the zero-width non-joiner of Persian and Kurdish, the zero-width joiner of
#: Sinhala and other Indic conjuncts ("මධ්‍යම"). They go through trafilatura as printable
#: stand-ins that no text uses (Sutton SignWriting letters) and come back in its lines.
_JOINER_STANDINS: Final = {"\u200c": "\U0001d800", "\u200d": "\U0001d801"}
_STANDIN_JOINERS: Final = str.maketrans({v: k for k, v in _JOINER_STANDINS.items()})
_TO_STANDINS: Final = str.maketrans(_JOINER_STANDINS)
#: How a page spells them in its source: the characters, or character references.
_JOINER_MARKS: Final = (
    "\u200c",
    "\u200d",
    "&zwnj;",
    "&zwj;",
    "&#8204;",
    "&#8205;",
    *(f"&#{x}200{c}" for x in "xX" for c in "cCdD"),
)


def has_joiners(text_html: str) -> bool:
    """Whether a page's source holds a zero-width (non-)joiner, as a character or a
    character reference."""
    return any(mark in text_html for mark in _JOINER_MARKS)


def has_standins(text: str) -> bool:
    """Whether trafilatura's text holds joiner stand-ins (see `joiners_kept`)."""
    return "\U0001d800" in text or "\U0001d801" in text


def restore_joiners(text: str) -> str:
    """trafilatura's text with its joiner stand-ins turned back into joiners."""
    return text.translate(_STANDIN_JOINERS)


@contextmanager
def joiners_kept(tree: HtmlElement, present: bool) -> Iterator[None]:
    """Joiners in the tree's text as stand-ins while trafilatura reads it (see
    `_JOINER_STANDINS`); the tree is as it was afterwards."""
    if not present:
        yield
        return
    _translate_text(tree, _TO_STANDINS)
    try:
        yield
    finally:
        _translate_text(tree, _STANDIN_JOINERS)


def _translate_text(tree: HtmlElement, table: dict[int, str]) -> None:
    for element in tree.iter():
        if element.text and not element.text.isascii():
            element.text = element.text.translate(table)
        if element.tail and not element.tail.isascii():
            element.tail = element.tail.translate(table)
