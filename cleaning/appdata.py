"""The article in a page's own app data, for pages whose markup is only a script shell.

Sites built with Next.js, Nuxt, Apollo or a Redux store send the article as data inside
the page and let JavaScript render it. Nothing is executed here: the data is read as
data.

Where it is looked for (`SOURCES` names them in `AppArticle.source`):

- ``<script id="__NEXT_DATA__" type="application/json">`` (Next.js) and any other
  ``application/json`` script (``__NUXT_DATA__`` is decoded from Nuxt 3's flat payload
  format, see `decode_nuxt_payload`);
- a JavaScript object literal assigned in an inline script, ``window.__NUXT__ = {...}``,
  ``window.__APOLLO_STATE__ = {...}``, ``__INITIAL_STATE__``, ``__PRELOADED_STATE__`` (any
  ``__NAME__`` variable), also ``= JSON.parse("...")``: parsed as JSON, else with the
  `json5` library (unquoted keys, single quotes, trailing commas; never ``eval``), and
  Nuxt 2's ``window.__NUXT__ = (function(a,b){return {...}}(...))`` with each parameter
  replaced by its argument;
- JSON-LD ``articleBody``.

The article is the candidate with the most words among the values under keys that name a
body (`BODY_KEY_RE`): a string (plain text, or an HTML fragment whose blocks become
paragraphs) or a list of strings or of rich-text blocks. Only paragraph-like strings
count towards its size (`MIN_PARAGRAPH_WORDS`), so ids, URLs and labels never win. The
title is the nearest string under a title key beside it. Apollo's normalised cache
(``{"__ref": "Paragraph:1"}``) is followed.

`amp_url` and `is_app_shell` tell the crawler what else it can try when neither markup
nor data holds the article: the page's AMP version, or a browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.etree import _Element
from lxml.html import HtmlElement, fragment_fromstring

from cleaning.lines import Line

#: Keys whose value may be the article body ("body", "bodyHtml", "content", "articleText",
#: "paragraphs", "blocks", Contentful's "richText", Sanity's "portableText"...).
BODY_KEY_RE = re.compile(
    r"body|content|text|html|paragraph|blocks|story|copy|markup", re.IGNORECASE
)
#: Keys that hold the headline beside a body.
TITLE_KEY_RE = re.compile(
    r"^(?:title|headline|heading|name|seo_?title|display_?title)$", re.IGNORECASE
)
#: Keys never read: they hold other stories, comments, navigation or the site's chrome,
#: whose texts can be long too (a list of related teasers under "content").
SKIP_KEY_RE = re.compile(
    r"related|recommend|comment|teaser|promo|navigation|^nav|menu|footer|header|sidebar"
    r"|breadcrumb|newsletter|advert|^ads?$|trending|popular|most_?read|taxonom|seo|meta",
    re.IGNORECASE,
)
#: Inline-script assignments of app state: ``window.__INITIAL_STATE__ =``, ``var __X__=``.
STATE_ASSIGN_RE = re.compile(
    r"(?:window\.|self\.|globalThis\.|\b)(__[A-Za-z][A-Za-z0-9_]*__)"
    r"\s*=\s*"
)
#: A string counts as a paragraph from this many words (shorter ones are headings,
#: labels, captions; kept inside a body when paragraphs surround them).
MIN_PARAGRAPH_WORDS = 8
#: A candidate needs this many words of paragraph-like strings to be an article.
MIN_ARTICLE_WORDS = 40
#: Strings that look like markup: an element tag.
HTML_TAG_RE = re.compile(
    r"<(?:p|br|div|h[1-6]|li|ul|ol|blockquote|span|a|strong|em|b|i)\b", re.IGNORECASE
)
#: Strings that are not prose: URLs, paths, ids, CSS classes, dates.
NOT_PROSE_RE = re.compile(r"^(?:https?:|/|#|\w+://)|^[\w.-]+$|^\d{4}-\d\d-\d\d")
#: Block elements of an HTML fragment that become one paragraph each.
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption")
#: Walking a state stops after this many nodes and this depth (a multi-megabyte store).
MAX_NODES = 200_000
MAX_DEPTH = 48
#: Scripts longer than this are not parsed with the slow tolerant parser.
MAX_TOLERANT_CHARS = 2_000_000
#: A shell's body shows at most this many words outside scripts.
APP_SHELL_MAX_WORDS = 150

SOURCES = ("json_ld", "next_data", "nuxt_data", "json_script", "script_state")


@dataclass(frozen=True)
class AppArticle:
    """An article found in app data.

    Attributes:
        title: The headline beside the body, or None.
        paragraphs: The body's paragraphs, in order.
        source: Where it was found (one of `SOURCES`), with the variable or script id
            (``script_state:__APOLLO_STATE__``).
    """

    title: str | None
    paragraphs: tuple[str, ...]
    source: str

    @property
    def words(self) -> int:
        """Words in the paragraphs."""
        return sum(len(p.split()) for p in self.paragraphs)

    def lines(self) -> list[Line]:
        """The paragraphs as lines for the line rules (a short one as a heading)."""
        return [
            Line(p, "p" if len(p.split()) >= MIN_PARAGRAPH_WORDS else "head")
            for p in self.paragraphs
        ]


def find_app_article(tree: _Element, article_body: object = None) -> AppArticle | None:
    """The longest article body in the page's app data, or None.

    Args:
        tree: The parsed page.
        article_body: JSON-LD ``articleBody`` of the page's article node, if any.

    Returns:
        The candidate with the most paragraph words, at least `MIN_ARTICLE_WORDS`.
    """
    best: AppArticle | None = None
    for source, data in _data_sources(tree, article_body):
        found = best_body(data, source)
        if found is not None and (best is None or found.words > best.words):
            best = found
    return best


def best_body(data: Any, source: str) -> AppArticle | None:
    """The largest body under a body key of ``data`` (any JSON value).

    Args:
        data: Parsed JSON.
        source: Recorded in the result.

    Returns:
        The best candidate, or None when none reaches `MIN_ARTICLE_WORDS`.
    """
    walker = _Walker(data)
    walker.visit(data, (), 0)
    if walker.best is None:
        return None
    paragraphs, holder_chain = walker.best
    title = None
    for holder in reversed(holder_chain):
        title = _title_of(holder)
        if title:
            break
    return AppArticle(title, tuple(paragraphs), source)


class _Walker:
    """Depth-first walk of a JSON value, keeping the best body candidate."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.nodes = 0
        self.best: tuple[list[str], tuple[dict[str, Any], ...]] | None = None
        self.best_words = MIN_ARTICLE_WORDS

    def resolve(self, value: Any) -> Any:
        """Follow an Apollo cache reference (``{"__ref": "Type:id"}``)."""
        if isinstance(value, dict) and isinstance(self.root, dict):
            ref = value.get("__ref")
            if ref is None and value.get("type") == "id" and value.get("generated") is not None:
                ref = value.get("id")  # Apollo 2's reference shape
            if isinstance(ref, str) and len(value) <= 3 and isinstance(self.root.get(ref), dict):
                return self.root[ref]
        return value

    def visit(self, value: Any, holders: tuple[dict[str, Any], ...], depth: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            return
        value = self.resolve(value)
        if isinstance(value, dict):
            chain = (*holders, value)
            for key, child in value.items():
                if not isinstance(key, str) or SKIP_KEY_RE.search(key):
                    continue
                child = self.resolve(child)
                if BODY_KEY_RE.search(key) and isinstance(child, str | list | dict):
                    self.consider(child, chain, depth)
                if isinstance(child, dict | list):
                    self.visit(child, chain, depth + 1)
        elif isinstance(value, list):
            for child in value:
                if isinstance(child, dict | list):
                    self.visit(child, holders, depth + 1)

    def consider(self, value: Any, chain: tuple[dict[str, Any], ...], depth: int) -> None:
        paragraphs = _trim(self.paragraphs(value, depth))
        words = sum(len(p.split()) for p in paragraphs if _is_paragraph(p))
        # on a tie the inner value wins (visited after its parent): the more specific
        # holder has the title beside it
        if words >= self.best_words:
            if isinstance(value, dict):
                chain = (*chain, value)
            self.best, self.best_words = (paragraphs, chain), words

    def paragraphs(self, value: Any, depth: int) -> list[str]:
        """The paragraphs of a body value: a text, an HTML fragment or a list of blocks."""
        value = self.resolve(value)
        if isinstance(value, str):
            return _string_paragraphs(value)
        if isinstance(value, list) and depth < MAX_DEPTH:
            out: list[str] = []
            for item in value:
                item = self.resolve(item)
                if isinstance(item, str):
                    out.extend(_string_paragraphs(item))
                elif isinstance(item, dict | list):
                    out.extend(self.block(item, depth + 1))
            return out
        if isinstance(value, dict) and depth < MAX_DEPTH:
            return self.block(value, depth + 1)
        return []

    def block(self, value: Any, depth: int) -> list[str]:
        """One rich-text block: its own text, or its children's paragraphs.

        A block whose children are inline spans (``{"text": "A "}, {"text": "bold"}``)
        is one paragraph; a block of blocks gives each its own.
        """
        value = self.resolve(value)
        if isinstance(value, list):
            return self.paragraphs(value, depth)
        if not isinstance(value, dict) or depth > MAX_DEPTH:
            return []
        out: list[str] = []
        for key, child in value.items():
            if not isinstance(key, str) or SKIP_KEY_RE.search(key) or TITLE_KEY_RE.match(key):
                continue
            child = self.resolve(child)
            if not BODY_KEY_RE.search(key) and key not in ("value", "children", "nodes"):
                continue
            if isinstance(child, str):
                out.extend(_string_paragraphs(child))
            elif isinstance(child, list):
                if child and all(_is_span(self.resolve(c)) for c in child):
                    joined = "".join(_span_text(self.resolve(c)) for c in child)
                    out.extend(_string_paragraphs(joined))
                else:
                    out.extend(self.paragraphs(child, depth + 1))
            elif isinstance(child, dict):
                out.extend(self.block(child, depth + 1))
        return out


def _is_span(value: Any) -> bool:
    """An inline span of rich text: a dict with a text string and no nested blocks
    (its ``marks`` may be a list of names)."""
    if not isinstance(value, dict):
        return isinstance(value, str)
    text = value.get("text", value.get("value"))
    return isinstance(text, str) and not any(_holds_text(v) for v in value.values())


def _holds_text(value: Any) -> bool:
    """A dict (or a list of dicts) with text of its own: nested blocks, not a span's marks
    (Contentful's ``marks: [{"type": "bold"}]``)."""
    items = value if isinstance(value, list) else [value]
    return any(
        isinstance(item, dict)
        and any(key in item for key in ("text", "value", "content", "children"))
        for item in items
    )


def _span_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    text = value.get("text", value.get("value"))
    return text if isinstance(text, str) else ""


def _string_paragraphs(text: str) -> list[str]:
    """Paragraphs of a string: an HTML fragment's blocks, else its non-empty lines."""
    text = text.strip()
    if not text or NOT_PROSE_RE.match(text):
        return []
    if "<" in text and HTML_TAG_RE.search(text):
        return _html_paragraphs(text)
    return [" ".join(part.split()) for part in re.split(r"\n+", text) if part.strip()]


def _html_paragraphs(fragment: str) -> list[str]:
    try:
        root = fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for junk in root.xpath(".//script|.//style|.//noscript|.//template|.//iframe"):
        if isinstance(junk, HtmlElement):
            junk.drop_tree()
    blocks = [el for el in root.iter(*BLOCK_TAGS) if not _inside_block(el, root)]
    if not blocks:
        text = " ".join(root.text_content().split())
        return [text] if text else []
    out = []
    for block in blocks:
        text = " ".join(block.text_content().split())
        if text:
            out.append(text)
    return out


def _inside_block(element: _Element, root: _Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not root:
        if parent.tag in BLOCK_TAGS:
            return True
        parent = parent.getparent()
    return False


def _is_paragraph(text: str) -> bool:
    return len(text.split()) >= MIN_PARAGRAPH_WORDS and not NOT_PROSE_RE.match(text)


def _trim(paragraphs: list[str]) -> list[str]:
    """Drop repeats, and short strings before the first and after the last paragraph."""
    seen: set[str] = set()
    unique = []
    for p in paragraphs:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    marks = [i for i, p in enumerate(unique) if _is_paragraph(p)]
    if not marks:
        return []
    # a heading just above the first paragraph stays
    return unique[marks[0] : marks[-1] + 1]


def _title_of(holder: dict[str, Any]) -> str | None:
    for key, value in holder.items():
        if isinstance(key, str) and TITLE_KEY_RE.match(key) and isinstance(value, str):
            title = " ".join(value.split())
            if 2 <= len(title.split()) <= 40 and "<" not in title:
                return title
    return None


# -- where the data sits --------------------------------------------------------------------


def _data_sources(tree: _Element, article_body: object) -> Iterator[tuple[str, Any]]:
    if isinstance(article_body, str) and article_body.strip():
        yield "json_ld", {"articleBody": article_body}
    for script in tree.iter("script"):
        text = script.text or ""
        if not text.strip():
            continue
        kind = (script.get("type") or "").strip().lower()
        script_id = script.get("id") or ""
        if kind == "application/ld+json":
            continue
        if kind == "application/json" or script_id in ("__NEXT_DATA__", "__NUXT_DATA__"):
            data = _loads(text)
            if data is None:
                continue
            if script_id == "__NUXT_DATA__" or script.get("data-nuxt-data") is not None:
                yield "nuxt_data", decode_nuxt_payload(data)
            elif script_id == "__NEXT_DATA__":
                yield "next_data", data
            else:
                yield f"json_script:{script_id or '-'}", data
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            for name, value in script_states(text):
                yield f"script_state:{name}", value


def script_states(script: str) -> Iterator[tuple[str, Any]]:
    """Values assigned to ``__NAME__`` variables in an inline script.

    ``window.__INITIAL_STATE__ = {...};`` and ``= JSON.parse("...")`` are read, and
    Nuxt 2's ``window.__NUXT__ = (function(a,b){return {...}}("x",2))``: the returned
    literal with each parameter replaced by its argument (`_nuxt2_state`). Any other
    expression is not read (nothing is executed).

    Args:
        script: The script's source.

    Yields:
        ``(variable name, parsed value)`` pairs.
    """
    for match in STATE_ASSIGN_RE.finditer(script):
        start = match.end()
        value: Any = None
        if script.startswith("JSON.parse(", start):
            literal = _literal_at(script, start + len("JSON.parse("))
            if literal is not None:
                inner = _loads(literal)
                value = _loads(inner) if isinstance(inner, str) else None
        elif NUXT2_IIFE_RE.match(script, start):
            value = _nuxt2_state(script, start)
        else:
            literal = _literal_at(script, start)
            if literal is not None:
                value = _loads(literal)
        if isinstance(value, dict | list):
            yield match.group(1), value


#: Nuxt 2's payload: a function whose parameters stand for repeated values, called at once.
NUXT2_IIFE_RE = re.compile(r"\(function\s*\(([\w$,\s]*)\)\s*\{\s*return\s*")
_IDENTIFIER_RE = re.compile(r"[A-Za-z_$][\w$]*")


def _nuxt2_state(script: str, start: int) -> Any:
    """The value of ``(function(a,b){return {...}}(x,y))``: parameters replaced by arguments.

    Only a function whose body is one ``return`` of a literal is read.
    """
    match = NUXT2_IIFE_RE.match(script, start)
    if match is None:
        return None
    params = [p.strip() for p in match.group(1).split(",") if p.strip()]
    literal = _literal_at(script, match.end())
    if literal is None:
        return None
    rest = script[match.end() + _source_length(script, match.end()) :]
    call = re.match(r"\s*;?\s*\}\s*\(", rest)
    if call is None:
        return None
    args_start = match.end() + _source_length(script, match.end()) + call.end() - 1
    args = _literal_at("[" + script[args_start + 1 :], 0, closer_for_open_paren=True)
    values = _loads(args) if args is not None else None
    if not isinstance(values, list):
        return None
    mapping = {name: values[i] if i < len(values) else None for i, name in enumerate(params)}
    return _loads(_substitute(literal, mapping))


def _source_length(text: str, start: int) -> int:
    """Length in the source of the literal at ``start`` (strings skipped, brackets matched)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            end = _string_end(text, i)
            if end is None:
                return len(text) - start
            i = end + 1
            continue
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i + 1 - start
        i += 1
    return len(text) - start


def _substitute(literal: str, mapping: dict[str, Any]) -> str:
    """Replace parameter names in value positions (not keys) by their arguments' JSON."""
    out: list[str] = []
    i = 0
    while i < len(literal):
        ch = literal[i]
        if ch in "\"'":
            end = _string_end(literal, i)
            if end is None:
                return literal
            out.append(literal[i : end + 1])
            i = end + 1
            continue
        token = _IDENTIFIER_RE.match(literal, i) if (ch.isalpha() or ch in "_$") else None
        if token is not None and not _word_char(literal, i - 1):
            name = token.group(0)
            after = literal[token.end() :].lstrip()[:1]
            if name in mapping and after != ":":
                out.append(json.dumps(mapping[name]))
            else:
                out.append(name)
            i = token.end()
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_CLOSERS = {"{": "}", "[": "]"}


def _literal_at(text: str, start: int, closer_for_open_paren: bool = False) -> str | None:
    """The object, array or string literal starting at ``text[start]``, or None.

    Brackets are matched outside strings (quotes and backslash escapes respected);
    bare ``undefined`` and the minifier's ``!0``/``!1`` become ``null``/``true``/``false``.
    """
    if start >= len(text):
        return None
    first = text[start]
    if first in "\"'`":
        end = _string_end(text, start)
        return text[start : end + 1] if end is not None else None
    if first not in _CLOSERS:
        return None
    stack: list[str] = []
    out: list[str] = []
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            end = _string_end(text, i)
            if end is None:
                return None
            out.append(text[i : end + 1])
            i = end + 1
            continue
        if ch in _CLOSERS:
            stack.append(_CLOSERS[ch])
        elif ch == "(" and closer_for_open_paren:
            stack.append(")")
        elif ch in "}])":
            if ch == ")" and not closer_for_open_paren:
                out.append(ch)
                i += 1
                continue
            expected = stack.pop() if stack else None
            if len(stack) == 0 and closer_for_open_paren and ch == ")":
                out.append("]")  # the call's argument list, read as an array
                return "".join(out)
            if expected != ch:
                return None
            if not stack:
                out.append(ch)
                return "".join(out)
        elif ch == "u" and text.startswith("undefined", i) and not _word_char(text, i - 1):
            out.append("null")
            i += len("undefined")
            continue
        elif ch == "v" and text.startswith("void 0", i) and not _word_char(text, i - 1):
            out.append("null")
            i += len("void 0")
            continue
        elif ch == "!" and i + 1 < n and text[i + 1] in "01" and not _word_char(text, i + 2):
            out.append("true" if text[i + 1] == "0" else "false")
            i += 2
            continue
        out.append(ch)
        i += 1
    return None


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_$")


def _string_end(text: str, start: int) -> int | None:
    quote = text[start]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == quote:
            return i
        i += 1
    return None


def _loads(text: str) -> Any:
    """JSON, else (for a JS literal) `json5`; None when neither parses it."""
    text = text.strip().rstrip(";")
    try:
        return json.loads(text)
    except ValueError:
        pass
    if len(text) > MAX_TOLERANT_CHARS:
        return None
    try:
        import json5
    except ImportError:  # pragma: no cover - a dependency; without it JSON only
        return None
    try:
        return json5.loads(text)
    except (ValueError, TypeError, RecursionError, IndexError):
        return None


# -- Nuxt 3 payloads ------------------------------------------------------------------------

#: Wrappers of Nuxt's payload format (the `devalue` library): ``["Reactive", 5]``.
_NUXT_WRAPPERS = frozenset(
    {
        "Reactive",
        "ShallowReactive",
        "Ref",
        "ShallowRef",
        "EmptyRef",
        "EmptyShallowRef",
        "NuxtError",
        "Island",
        "Date",
        "Object",
        "BigInt",
        "RegExp",
    }
)


def decode_nuxt_payload(payload: Any) -> Any:
    """Rebuild the value of a ``__NUXT_DATA__`` payload (devalue's flat array).

    Every array item is a value whose arrays and objects hold indices into the array;
    item 0 is the root. Negative indices stand for ``undefined``, ``NaN`` and the like.

    Args:
        payload: The parsed JSON array.

    Returns:
        The rebuilt value (references resolved once each; cycles cut), or ``payload``
        unchanged when it is not in that format.
    """
    if not isinstance(payload, list) or not payload:
        return payload
    done: dict[int, Any] = {}
    budget = [MAX_NODES]

    def hydrate(index: Any, depth: int) -> Any:
        if not isinstance(index, int) or isinstance(index, bool):
            return None
        if index < 0 or index >= len(payload):
            return None
        if index in done:
            return done[index]
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_DEPTH:
            return None
        done[index] = None  # a cycle reads None
        raw = payload[index]
        value: Any
        if isinstance(raw, list):
            tag = raw[0] if raw and isinstance(raw[0], str) else None
            if tag in ("Set",):
                value = [hydrate(i, depth + 1) for i in raw[1:]]
            elif tag in ("Map", "null"):
                items = raw[1:]
                value = {
                    str(hydrate(items[k], depth + 1) if tag == "Map" else items[k]): hydrate(
                        items[k + 1], depth + 1
                    )
                    for k in range(0, len(items) - 1, 2)
                }
            elif tag in _NUXT_WRAPPERS:
                value = hydrate(raw[1], depth + 1) if len(raw) > 1 else None
            else:
                value = [hydrate(i, depth + 1) for i in raw]
        elif isinstance(raw, dict):
            value = {key: hydrate(i, depth + 1) for key, i in raw.items()}
        else:
            value = raw
        done[index] = value
        return value

    return hydrate(0, 0)


# -- what else the crawler can try ----------------------------------------------------------


def amp_url(tree: _Element, url: str) -> str | None:
    """The page's AMP version (``<link rel="amphtml" href>``), absolute; None when absent.

    Args:
        tree: The parsed page.
        url: Its URL (base of a relative link).

    Returns:
        An http(s) URL other than the page's own, or None.
    """
    for link in tree.iter("link"):
        if "amphtml" not in (link.get("rel") or "").lower().split():
            continue
        href = str(link.get("href") or "").strip()
        if not href:
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).scheme in ("http", "https") and absolute != url:
            return absolute
    return None


def shell_without_text(tree: _Element, lines: list[Line]) -> bool:
    """Whether the markup's lines are only a shell's chrome: menu words, a noscript note.

    On a script-built shell (`is_app_shell`) the extracted lines are the menu and the
    ``<noscript>`` "enable JavaScript" note; without one paragraph-like line outside
    ``<noscript>`` they are no article text.

    Args:
        tree: The parsed page.
        lines: The lines extracted from its markup.

    Returns:
        True when the page is a shell and none of the lines is a paragraph.
    """
    if not is_app_shell(tree):
        return False
    noscript = " ".join(" ".join(el.itertext()) for el in tree.iter("noscript"))
    noscript = " ".join(noscript.split())
    return not any(
        line.words >= MIN_PARAGRAPH_WORDS and line.text not in noscript for line in lines
    )


def is_app_shell(tree: _Element) -> bool:
    """Whether the page looks like a script-built shell: scripts, and little text outside.

    Args:
        tree: The parsed page.

    Returns:
        True when the body shows at most `APP_SHELL_MAX_WORDS` words outside
        ``script``/``style``/``noscript``/``template`` and outside links, ``nav`` and
        ``footer`` (a shell's server-rendered menus and footer are mostly links), and the
        page has a script.
    """
    scripts = False
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            scripts = True
            break
    if not scripts:
        return False
    bodies = tree.xpath("//body")
    root = bodies[0] if bodies else tree
    words = 0
    for text in root.xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
        " or ancestor::template or ancestor::a or ancestor::nav or ancestor::footer)]"
    ):
        words += len(str(text).split())
        if words > APP_SHELL_MAX_WORDS:
            return False
    return True
