"""Turn trafilatura's structured output into lines with the features the rules need.

trafilatura keeps paragraphs, headings, list items, quotes and tables as XML elements
(``p``, ``head``, ``list/item``, ``quote``, ``table``). One element becomes one or more
lines (a ``<lb/>`` splits a line); each line remembers its element kind and whether
the element opened with bold text, so a bold "READ:" label can be told from a sentence.

Links are not taken from trafilatura's output (asking it to keep links changes what it
extracts and costs recall); instead the anchor texts of the page are collected from the
HTML, and a line, or what follows a label, that equals an anchor text is a link.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from copy import deepcopy
from dataclasses import dataclass
from html import unescape
from typing import Any, Generic, TypeVar, overload

from lxml.etree import XPath, _Element
from trafilatura.xml import xmltotxt

from cleaning.text import LETTER_UNSPACED_RE, MARKED_UNSPACED_RE, normalize

#: Anchor texts shorter than this many words are ignored (menus, "More", "Home").
MIN_ANCHOR_WORDS = 2
#: ...and shorter than this many characters.
MIN_ANCHOR_CHARS = 8
#: Characters of a link text's end compared by `LazyAnchors.may_end`.
TARGET_ENDING_CHARS = 3
#: Longest link text looked for at the start of a line, and longest such line (words).
MAX_LINK_WORDS = 25
MAX_TEASER_LINE_WORDS = 60


#: Characters of Chinese, Japanese or Thai counted as one word (about what a word of
#: those languages takes).
CHARS_PER_UNSPACED_WORD = 2
#: Characters counted as words of scripts written without spaces (`cleaning.text`): CJK
#: and Thai a word per `CHARS_PER_UNSPACED_WORD` characters, Khmer and Myanmar (subscript
#: consonants and vowel signs) a word per `CHARS_PER_MARKED_WORD` code points.
_UNSPACED_RE = LETTER_UNSPACED_RE
CHARS_PER_MARKED_WORD = 4
_MARKED_UNSPACED_RE = MARKED_UNSPACED_RE

_T = TypeVar("_T")


class _cached(Generic[_T]):
    """A lock-free `functools.cached_property` (3.11's takes a lock on every first access).

    Values are stored in the instance ``__dict__``, which then shadows this non-data
    descriptor, so later reads are plain attribute reads.
    """

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _cached[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type[Any]) -> _T: ...
    def __get__(self, obj: object | None, owner: type[Any]) -> _T | _cached[_T]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class Line:
    """One line of extracted text.

    Attributes:
        text: The line as trafilatura renders it in plain text.
        kind: The element it came from: ``p``, ``head``, ``item``, ``quote``, ``table``
            or ``other``.
        bold_prefix: Text of a bold/strong element opening the line, or "".
    """

    text: str
    kind: str = "p"
    bold_prefix: str = ""

    @_cached
    def norm(self) -> str:
        """`cleaning.rules.normalize` of the text (computed once, when first needed)."""
        return normalize(self.text)

    @_cached
    def low(self) -> str:
        """The text case-folded (for substring pre-tests)."""
        return self.text.casefold()

    @_cached
    def words(self) -> int:
        """Words of the text (computed once, when first needed): whitespace-separated,
        plus one per `CHARS_PER_UNSPACED_WORD` characters of scripts written without
        spaces (a Chinese or Japanese paragraph is one "word" between spaces).

        Cheaper than `cleaning.text.word_count` and close enough for the rules' length
        limits.
        """
        return count_words(self.text)


def count_words(text: str) -> int:
    """`Line.words` of a text (without making a `Line` of it)."""
    count = len(text.split())
    if not text.isascii():
        unspaced = len(_UNSPACED_RE.findall(text))
        if unspaced:
            count += unspaced // CHARS_PER_UNSPACED_WORD
        marked = len(_MARKED_UNSPACED_RE.findall(text))
        if marked:
            count += marked // CHARS_PER_MARKED_WORD
    return count


def opens_with_anchor(line: Line, anchors: Container[str], min_words: int) -> bool:
    """Whether the line opens with a link text of at least ``min_words`` words.

    Teaser items render as "<linked headline> <summary>" on one line.

    Args:
        line: The line.
        anchors: Normalised anchor texts of the page.
        min_words: Shortest link text that counts.

    Returns:
        True when some prefix of the line (at word boundaries) is an anchor text.
    """
    if line.words > MAX_TEASER_LINE_WORDS:
        return False
    words = line.norm.split(" ")
    # each prefix extends the one before (not joined again from the first word)
    prefix = " ".join(words[: min_words - 1])
    for end in range(min_words, min(len(words), MAX_LINK_WORDS + 1)):
        prefix = f"{prefix} {words[end - 1]}" if end > 1 else words[0]
        if prefix.rstrip(".,:;!?-") in anchors:
            return True
    return False


class LazyAnchors:
    """The page's anchor texts, collected on the first membership test.

    Most pages never need them (no short link-like lines), so the walk over every
    ``<a>`` of the page is skipped there.
    """

    def __init__(self, tree: _Element) -> None:
        self._tree = tree
        self._links: list[tuple[str, str]] | None = None
        self._norms: dict[str, str] = {}
        self._texts: frozenset[str] | None = None
        self._menu: frozenset[str] | None = None
        self._targets: dict[str, tuple[str, ...]] | None = None
        self._endings: frozenset[str] | None = None

    def _read(self) -> tuple[list[tuple[str, str]], Callable[[str], str]]:
        """The page's links (one walk, shared by the three collections) and a memoised
        `normalize` (the collections normalise many of the same texts)."""
        if self._links is None:
            self._links = page_links(self._tree)
        norms = self._norms

        def norm(raw: str) -> str:
            found = norms.get(raw)
            if found is None:
                found = norms[raw] = normalize(raw)
            return found

        return self._links, norm

    def __contains__(self, text: object) -> bool:
        if self._texts is None:
            self._texts = anchor_texts(*self._read())
        return text in self._texts

    def is_menu_entry(self, norm: str) -> bool:
        """Whether a normalised text is the whole text of a short link of the page (a menu
        or section link: "World", "Thời sự"), collected on the first call."""
        if self._menu is None:
            self._menu = menu_texts(*self._read())
        return norm in self._menu

    def targets(self, norm: str) -> tuple[str, ...]:
        """The ``href`` values of the page's links whose normalised text is ``norm``
        (links of at least `MIN_ANCHOR_WORDS` words), collected on the first call."""
        return self._target_map().get(norm, ())

    def _target_map(self) -> dict[str, tuple[str, ...]]:
        if self._targets is None:
            self._targets = link_targets(*self._read())
        return self._targets

    def may_end(self, norm: str) -> bool:
        """Whether a link text of `targets` could end ``norm``: its last
        `TARGET_ENDING_CHARS` characters are those of a link text (a cheap test before
        trying each suffix of a line)."""
        if self._endings is None:
            keys = self._target_map()
            if any(len(key) < TARGET_ENDING_CHARS for key in keys):
                self._endings = frozenset({""})
            else:
                self._endings = frozenset(key[-TARGET_ENDING_CHARS:] for key in keys)
        if "" in self._endings:
            return True
        return norm[-TARGET_ENDING_CHARS:] in self._endings


def _kind(tag: str) -> str:
    if tag in ("p", "head", "quote", "table"):
        return tag
    if tag == "list":
        return "item"
    return "other"


def _bold_prefix(element: _Element) -> str:
    if (element.text or "").strip() or len(element) == 0:
        return ""
    first = element[0]
    if first.tag != "hi" or first.get("rend", "") not in ("#b", "#strong", "#i", "#em", "#u"):
        return ""
    return "".join(first.itertext()).strip()


def body_lines(body: _Element) -> list[Line]:
    """Render trafilatura's ``Document.body`` as lines, one element at a time.

    Args:
        body: The extracted body tree (``bare_extraction(...).body``).

    Returns:
        The non-empty lines in document order, as trafilatura's plain-text output
        would show them.
    """
    lines: list[Line] = []
    for element in body:
        kind = _kind(str(element.tag))
        if kind == "table" and _is_layout_table(element):
            lines.extend(_layout_table_lines(element))
            continue
        raw_text = element.text or ""
        if len(element) == 0 and kind in ("p", "head", "quote") and not element.tail:
            # fast path for the common childless one-line paragraph: what xmltotxt gives
            text = " ".join(raw_text.split())
            if "\n" not in raw_text and "\xa0" not in raw_text and text.isprintable():
                if text:
                    lines.append(Line(unescape(text) if "&" in text else text, kind))
                continue
        rendered = xmltotxt(element, False)
        bold = _bold_prefix(element) if kind in ("p", "head", "quote") else ""
        for raw in rendered.split("\n"):
            text = raw.strip()
            if text:
                lines.append(Line(text, kind, bold))
                bold = ""
    return lines


#: Elements inside a table cell that make the table a page layout (old table templates
#: put the whole article in one cell), not a table of data.
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote"})


def _is_layout_table(table: _Element) -> bool:
    return any(child.tag in _BLOCK_TAGS for child in table.iter("cell") for child in child)


def _text_lines(text: str | None, kind: str) -> Iterator[Line]:
    for raw in (text or "").split("\n"):
        clean = " ".join(raw.split())
        if clean:
            yield Line(unescape(clean) if "&" in clean else clean, kind)


def _layout_table_lines(table: _Element) -> list[Line]:
    """A layout table's cells as the paragraphs they hold, one line per block.

    Cells without paragraphs (menus, data) keep the row rendering of plain tables.
    """
    lines: list[Line] = []
    for row in table.iter("row"):
        cells = list(row.iter("cell"))
        if not any(child.tag in _BLOCK_TAGS for cell in cells for child in cell):
            lines.extend(Line(text, "table") for text in _rendered(row))
            continue
        for cell in cells:
            lines.extend(_text_lines(cell.text, "p"))
            for child in cell:
                kind = _kind(str(child.tag)) if child.tag in _BLOCK_TAGS else "p"
                bold = _bold_prefix(child) if kind in ("p", "head", "quote") else ""
                for text in _rendered(child, with_tail=False):
                    lines.append(Line(text, kind, bold))
                    bold = ""
                lines.extend(_text_lines(child.tail, "p"))
    return lines


def _rendered(element: _Element, *, with_tail: bool = True) -> list[str]:
    if not with_tail and element.tail:
        element = deepcopy(element)
        element.tail = None
    return [text for raw in xmltotxt(element, False).split("\n") if (text := raw.strip())]


def page_links(tree: _Element) -> list[tuple[str, str]]:
    """The ``href`` (stripped, "" when absent) and stripped text of every link of the page,
    in document order (one walk for `anchor_texts`, `link_targets` and `menu_texts`)."""
    return [
        ((anchor.get("href") or "").strip(), string_value(anchor).strip())
        for anchor in tree.iter("a")
    ]


_STRING = XPath("string()", smart_strings=False)


def string_value(element: _Element) -> str:
    """An element's text and the text of all it holds (XPath ``string()``, as
    `lxml.html.HtmlElement.text_content`); an element without children (most links and
    labels) is read without evaluating an XPath."""
    if len(element) == 0:
        return element.text or ""
    return str(_STRING(element))


def anchor_texts(
    links: list[tuple[str, str]], norm: Callable[[str], str] = normalize
) -> frozenset[str]:
    """Collect the normalised texts of the page's links.

    Args:
        links: `page_links` of the page.
        norm: `normalize`, or a memoised copy of it.

    Returns:
        Normalised anchor texts of at least `MIN_ANCHOR_WORDS` words.
    """
    return frozenset(_iter_anchor_texts(links, norm))


def _iter_anchor_texts(links: list[tuple[str, str]], norm: Callable[[str], str]) -> Iterator[str]:
    for _href, raw in links:
        # cheap pre-filter: menu items ("Home", "World") are short and single words
        if len(raw) >= MIN_ANCHOR_CHARS and " " in raw:
            text = norm(raw)
            if " " in text:  # still at least MIN_ANCHOR_WORDS (two) words
                yield text


def link_targets(
    links: list[tuple[str, str]], norm: Callable[[str], str] = normalize
) -> dict[str, tuple[str, ...]]:
    """The ``href`` of each link of the page by its normalised text (two words or more,
    counted as `Line.words` counts them).

    Args:
        links: `page_links` of the page.
        norm: `normalize`, or a memoised copy of it.

    Returns:
        ``{anchor text: (href, ...)}``, hrefs as written (relative or absolute).
    """
    found: dict[str, list[str]] = {}
    for href, raw in links:
        if not href or len(raw) < MIN_ANCHOR_CHARS:
            continue
        # a headline in Thai, Chinese or Japanese may have no space at all
        if (
            " " in raw
            or len(_UNSPACED_RE.findall(raw)) + len(_MARKED_UNSPACED_RE.findall(raw))
            >= MIN_ANCHOR_CHARS
        ):
            text = norm(raw)
            if count_words(text) >= MIN_ANCHOR_WORDS:
                found.setdefault(text, []).append(href)
    return {text: tuple(hrefs) for text, hrefs in found.items()}


#: Longest menu link text (words) kept by `menu_texts`.
MENU_MAX_WORDS = 3


def menu_texts(
    links: list[tuple[str, str]], norm: Callable[[str], str] = normalize
) -> frozenset[str]:
    """The normalised texts of the page's short links (at most `MENU_MAX_WORDS` words).

    Args:
        links: `page_links` of the page.
        norm: `normalize`, or a memoised copy of it.
    """
    found = set()
    for _href, raw in links:
        if raw and len(raw) <= MENU_MAX_CHARS and len(raw.split()) <= MENU_MAX_WORDS:
            found.add(norm(raw))
    return frozenset(found)


#: ...and characters.
MENU_MAX_CHARS = 30


# --- an article rescued as one block ------------------------------------------------------
# When its main extractor finds too little text (a short story, and every Chinese,
# Japanese or Thai story is short in characters), trafilatura falls back on the text of the
# page's <article> element as a single paragraph: headline, section label, video promo,
# ad label and share bar run together into one line that no line rule can take apart.
# The article's own blocks give the lines back.

#: Inline tags: their text runs on in the block around them.
_INLINE_HTML_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    }
)
#: Tags whose text is never page text.
_SKIPPED_HTML_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
#: Line kinds of block tags (the kinds of trafilatura's own output); others are ``p``.
_HTML_KINDS = {
    **{f"h{level}": "head" for level in range(1, 7)},
    "li": "item",
    "dd": "item",
    "blockquote": "quote",
    "td": "table",
    "th": "table",
}
#: Share of the rescued line's characters the article's blocks must account for.
RESCUED_MIN_SHARE = 0.9


def _html_blocks(element: _Element) -> list[Line]:
    """The text of an HTML element as lines, one per block element (``p``, ``div``,
    ``li``, a heading...); inline elements run on, ``<br>`` ends a line."""
    lines: list[Line] = []
    buffer: list[str] = []

    def flush(kind: str) -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            lines.append(Line(text, kind))

    def walk(node: _Element, kind: str) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag and tag not in _SKIPPED_HTML_TAGS:
            if tag == "br":
                flush(kind)
            elif tag in _INLINE_HTML_TAGS:
                buffer.append(node.text or "")
                for child in node:
                    walk(child, kind)
            else:
                flush(kind)
                own = _HTML_KINDS.get(tag, "p")
                buffer.append(node.text or "")
                for child in node:
                    walk(child, own)
                flush(own)
        buffer.append(node.tail or "")

    for child in element:
        walk(child, "p")
    flush("p")
    return lines


def _squeezed(text: str) -> str:
    return "".join(text.split())


def split_rescued_article(lines: list[Line], tree: _Element) -> list[Line]:
    """The lines again, block by block, when trafilatura gave the text of an ``<article>``
    element as one line (its fallback for short texts).

    Args:
        lines: trafilatura's lines (`body_lines`).
        tree: The page trafilatura read.

    Returns:
        The blocks of that article that are in the line, in order, or ``lines`` unchanged
        when the line is no article's text run together.
    """
    if len(lines) != 1 or lines[0].kind != "p":
        return lines
    blob = _squeezed(lines[0].text)
    for article in tree.iter("article"):
        blocks = _html_blocks(article)
        if len(blocks) < 2:
            continue
        found: list[Line] = []
        position = 0
        for block in blocks:
            # the line is the blocks run together; a block that is not next in it was
            # left out (a widget, what trafilatura's cleaning drops)
            key = _squeezed(block.text)
            if blob.startswith(key, position):
                found.append(block)
                position += len(key)
        if len(found) >= 2 and position >= RESCUED_MIN_SHARE * len(blob):
            return found
    return lines
