"""Apply the line rules of `cleaning.rules` to extracted lines.

`clean_lines` is the whole cleaning layer: it takes trafilatura's lines plus what is
known about the page (title variants, authors, anchor texts, per-site and learned
patterns) and returns the kept lines and an audit trail of removed ones.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from cleaning import rules as R
from cleaning.article import RemovedLine
from cleaning.lines import Line, opens_with_anchor

#: Lines at the very top and bottom where byline/date lines are looked for.
BYLINE_HEAD_LINES = 4
BYLINE_TAIL_LINES = 2


@dataclass(frozen=True)
class CleanContext:
    """What the rules know about the page besides its lines.

    Attributes:
        titles: Title variants (headline, og:title, <title>, JSON-LD headline).
        authors: Author names from the metadata.
        site_name: The publisher's name, if known.
        anchors: Normalised anchor texts of the page (see `cleaning.lines.LazyAnchors`).
        drop_patterns: Per-site line patterns (rule ``site_rule``).
        boilerplate: Learned boilerplate lines for this site (rule ``learned_boilerplate``).
        page_urls: The page's own URLs without a trailing slash; a line that is only one
            of them is a share box (rule ``chrome``).
    """

    titles: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    anchors: Container[str] = frozenset()
    drop_patterns: tuple[re.Pattern[str], ...] = ()
    boilerplate: Collection[str] = field(default_factory=frozenset)
    page_urls: frozenset[str] = frozenset()


def title_keys(titles: Sequence[str], site_name: str | None = None) -> tuple[str, ...]:
    """Normalised title variants to compare lines with.

    Besides each title, its longest part when split at " - ", " | " and the like (the
    ``<title>`` element usually carries a site-name suffix) is included.

    Args:
        titles: Raw title strings (empty ones are ignored).
        site_name: The site name, removed from the ends of titles when present.

    Returns:
        Distinct normalised variants of at least 10 characters.
    """
    keys: list[str] = []
    site = R.normalize(site_name or "")
    for title in titles:
        key = R.normalize(title)
        candidates = [key]
        parts = [R.normalize(p) for p in R.TITLE_SEPARATORS_RE.split(title)]
        if len(parts) > 1:
            candidates.append(max(parts, key=len))
        if site and key.endswith(site):
            candidates.append(R.normalize(key[: -len(site)]))
        for candidate in candidates:
            if len(candidate) >= 10 and candidate not in keys:
                keys.append(candidate)
    return tuple(keys)


def matches_title(line: str, keys: Sequence[str]) -> bool:
    """Whether a line repeats the headline (exact, near-identical or with an affix).

    Args:
        line: The line.
        keys: Output of `title_keys`.

    Returns:
        True when the line is the title, the title plus a short site-name or section
        affix, most of the title, or a near-identical spelling of it.
    """
    norm = R.normalize(line)
    if len(norm) < 10:
        return False
    for key in keys:
        if norm == key:
            return True
        # "Headline - Site Name", "Site Name | Headline": an affix behind a separator
        if norm.startswith(key):
            extra = norm[len(key) :].lstrip()
            if (
                extra[:1] in R.TITLE_SEPARATOR_CHARS
                and R.word_count(extra) <= R.TITLE_AFFIX_MAX_WORDS
            ):
                return True
        if norm.endswith(key):
            extra = norm[: -len(key)].rstrip()
            if (
                extra[-1:] in R.TITLE_SEPARATOR_CHARS
                and R.word_count(extra) <= R.TITLE_AFFIX_MAX_WORDS
            ):
                return True
        if norm in key and len(norm) >= 0.6 * len(key):
            return True
        shorter, longer = sorted((len(norm), len(key)))
        if shorter >= 0.75 * longer:
            matcher = SequenceMatcher(None, norm, key, autojunk=False)
            if (
                matcher.quick_ratio() >= R.TITLE_SIMILARITY
                and matcher.ratio() >= R.TITLE_SIMILARITY
            ):
                return True
    return False


def strip_title_prefix(line: str, keys: Sequence[str]) -> str | None:
    """Cut a headline that opens a longer line ("Headline by A. Writer, May 5 Text ...").

    Table-based and print layouts render the headline, byline and body as one cell, so
    trafilatura returns them as one line.

    Args:
        line: The line.
        keys: Output of `title_keys`.

    Returns:
        The rest of the line after the headline, or None when it does not open with one.
    """
    head = line[:64].casefold()
    head = head.lstrip(" \t|-–—#*'\"‘’“”«»„")
    if not any(head.startswith(key[:8]) for key in keys):
        return None
    tokens = list(re.finditer(r"\w+", line))
    for key in keys:
        title_tokens = re.findall(r"\w+", key)
        n = len(title_tokens)
        if n < 3 or len(tokens) <= n + R.TITLE_AFFIX_MAX_WORDS:
            continue
        if [t.group(0).casefold() for t in tokens[:n]] == title_tokens:
            rest = line[tokens[n - 1].end() :].lstrip(" \t|:-–—.,")
            return rest or None
    return None


def _is_link(text: str, anchors: Container[str]) -> bool:
    return bool(text) and R.normalize(text) in anchors


def _promo(line: Line, ctx: CleanContext) -> bool:
    text = line.text
    if line.words == 0 or R.first_word(text) not in R.PROMO_FIRST_WORDS:
        return False
    if line.words <= 8 and R.PROMO_ALONE_RE.match(text):
        return True
    match = R.PROMO_WITH_SEPARATOR_RE.match(text)
    if match:
        rest = match.group("rest")
        return (
            not rest
            or R.word_count(rest) <= R.PROMO_MAX_TEASER_WORDS
            or _is_link(rest, ctx.anchors)
        )
    match = R.PROMO_CAPS_RE.match(text)
    if match:
        label, rest = match.group("label"), match.group("rest")
        if R.word_count(rest) > R.PROMO_MAX_TEASER_WORDS:
            return False
        emphasised = (label.isupper() and len(label) > 2) or (
            bool(line.bold_prefix) and R.normalize(line.bold_prefix) == R.normalize(label)
        )
        starts_like_headline = rest[:1].isupper() or rest[:1] in "\"'“‘«„"
        if emphasised and starts_like_headline:
            return True
        # "Also read <link to another story>": a strong label followed by a whole link
        return not R.is_weak_label(label) and _is_link(rest, ctx.anchors)
    return False


@dataclass(frozen=True)
class _PageTriggers:
    """The trigger substrings of each rule that occur anywhere in the page's text.

    One substring search over the whole text per trigger costs far less than testing
    every trigger on every line; a line is then only tested for the triggers found.
    """

    chrome_anywhere: tuple[str, ...]
    chrome_phrase: tuple[str, ...]
    copyright: tuple[str, ...]

    @classmethod
    def of(cls, lines: Sequence[Line]) -> _PageTriggers:
        low = "\n".join(line.text for line in lines).casefold()
        return cls(
            chrome_anywhere=tuple(t for t in R.CHROME_ANYWHERE_TRIGGERS if t in low),
            chrome_phrase=tuple(t for t in R.CHROME_PHRASE_TRIGGERS if t in low),
            copyright=tuple(t for t in R.COPYRIGHT_TRIGGERS if t in low),
        )


def _triggered(
    line: Line, max_words: int, present: tuple[str, ...], pattern: re.Pattern[str]
) -> bool:
    """A short line holding one of the page's ``present`` trigger words, and matching."""
    return (
        line.words <= max_words
        and any(t in line.low for t in present)
        and pattern.search(line.text) is not None
    )


def _chrome(line: Line, triggers: _PageTriggers) -> bool:
    text, words = line.text, line.words
    # "Sign up for a Hulu account for $11.99" in a list is the article's own advice; in a
    # list only an appeal naming a newsletter/channel/app counts
    if line.kind != "item" and words <= R.CHROME_MAX_WORDS and R.CHROME_START_RE.match(text):
        return True
    if _triggered(
        line, R.CHROME_ANYWHERE_MAX_WORDS, triggers.chrome_anywhere, R.CHROME_ANYWHERE_RE
    ) or _triggered(line, R.CHROME_PHRASE_MAX_WORDS, triggers.chrome_phrase, R.CHROME_PHRASE_RE):
        return True
    if words <= R.CONTACT_MAX_WORDS and (
        R.CONTACT_LINE_RE.match(text) or R.PHONE_LINE_RE.match(text)
    ):
        return True
    return bool(R.SHORTCODE_RE.match(text) or R.ASSET_URL_RE.match(text))


def _teaser_headline(line: Line, ctx: CleanContext) -> bool:
    """A headline of another story dropped between paragraphs (tagged or in capitals)."""
    text, words = line.text, line.words
    if words <= R.BRACKET_TAG_MAX_WORDS and "]" in text and R.BRACKET_TAG_RE.search(text):
        return True
    # capitals alone are also how AP and recipe sites write subheadings: a long line in
    # capitals, or one that links elsewhere, is another story's headline
    if (
        line.kind not in ("table", "head")
        and R.ALL_CAPS_MIN_WORDS <= words <= R.ALL_CAPS_MAX_WORDS
        and text.isupper()
        and (words >= R.ALL_CAPS_UNLINKED_MIN_WORDS or line.norm in ctx.anchors)
    ):
        return True
    stripped = text.rstrip()
    return words <= R.TRUNCATED_MAX_WORDS and stripped.endswith(("...", "…"))


def _image_credit(line: Line) -> bool:
    # more than twice the limit in whitespace-separated words: not a credit line (half
    # its words would have to be bare punctuation); shorter lines are counted exactly,
    # and only once a cheaper test has passed
    if line.words > 2 * R.IMAGE_CREDIT_MAX_WORDS:
        return False
    text = line.text
    if R.IMAGE_CREDIT_RE.match(text):
        return R.word_count(text) <= R.IMAGE_CREDIT_MAX_WORDS
    stripped = text.strip()
    bracketed = stripped[:1] in "([" and stripped[-1:] in ")]"
    return (
        (bracketed or not stripped.endswith((".", "!", "?")))
        and R.word_count(text) <= 10
        and R.IMAGE_AGENCY_RE.search(text) is not None
    )


def _looks_like_names(text: str) -> bool:
    tokens = [t for t in re.findall(r"[^\W\d_][\w'’.-]*", text)]
    if not tokens or (
        text.rstrip().endswith((".", "!", "?")) and not text.rstrip().endswith(("Jr.", "Sr."))
    ):
        return False
    capital = sum(1 for t in tokens if t[:1].isupper())
    return capital >= 0.6 * len(tokens)


def _byline(line: Line, ctx: CleanContext) -> bool:
    text = line.text
    words = line.words
    if words > R.BYLINE_MAX_WORDS:
        return False
    norm = line.norm
    if ctx.authors and norm in {R.normalize(a) for a in ctx.authors}:
        return True
    if R.READING_TIME_RE.match(text) or R.DATE_ONLY_RE.match(text):
        return True
    if (
        R.DATE_LINE_RE.match(text)
        and words <= R.DATE_LINE_MAX_WORDS
        and re.search(r"\d|ago|vor |il y a|hace|há ", text)
    ):
        return True
    if R.BYLINE_RE.match(text) and words <= R.BYLINE_MAX_WORDS:
        if any(R.normalize(a) in norm for a in ctx.authors if a):
            return True
        rest = R.BYLINE_RE.sub("", text, count=1)
        return _looks_like_names(text.split(None, 1)[1] if " " in text else rest)
    return False


def _single_line_rule(line: Line, ctx: CleanContext, triggers: _PageTriggers) -> str | None:
    text = line.text
    if ctx.drop_patterns and any(p.search(text) for p in ctx.drop_patterns):
        return R.RULE_SITE
    if ctx.boilerplate and line.norm in ctx.boilerplate:
        return R.RULE_LEARNED
    if line.words > R.MAX_RULE_WORDS:
        return None
    if line.words <= R.LABEL_MAX_WORDS:
        norm = line.norm
        if R.WIDGET_LINE_RE.match(norm) or R.WIDGET_LINE_RE.match(text.strip()):
            return R.RULE_WIDGET
        if R.AD_LINE_RE.match(text.strip()) or R.AD_LINE_RE.match(norm):
            return R.RULE_AD_LABEL
    if _promo(line, ctx):
        return R.RULE_PROMO
    if _chrome(line, triggers):
        return R.RULE_CHROME
    if ctx.page_urls and line.text.strip().rstrip("/") in ctx.page_urls:
        return R.RULE_CHROME
    if R.ALSO_ON_SITE_RE.match(text) and line.words <= R.PROMO_MAX_TEASER_WORDS:
        return R.RULE_PROMO
    if _teaser_headline(line, ctx):
        return R.RULE_TEASER_LINKS
    if (
        line.words <= R.CAPTION_MAX_WORDS
        and text.rstrip(" .").endswith(")")
        and R.CAPTION_CREDIT_RE.search(text)
    ):
        return R.RULE_IMAGE_CREDIT
    if _image_credit(line):
        return R.RULE_IMAGE_CREDIT
    if R.DATE_ONLY_RE.match(text) or R.ISO_TIMESTAMP_RE.match(text):
        return R.RULE_BYLINE
    if line.words <= R.DATELINE_MAX_WORDS and (
        R.DATELINE_RE.match(text)
        or all(w.casefold() in R.STAFF_WORDS for w in R.WORD_RE.findall(text))
    ):
        return R.RULE_BYLINE
    if line.words <= R.META_LINE_MAX_WORDS and (
        R.META_LINE_RE.match(text)
        or R.META_LABEL_RE.match(text)
        or (line.words <= 3 and ("/" in text or "(" in text) and R.SIGNATURE_RE.match(text))
    ):
        return R.RULE_BYLINE
    if _triggered(line, R.COPYRIGHT_MAX_WORDS, triggers.copyright, R.COPYRIGHT_RE):
        return R.RULE_COPYRIGHT
    return None


def _teaser_shape(line: Line) -> bool:
    """Could be a teaser headline: short, not a table row, not a finished sentence."""
    if line.kind == "table" or not R.TEASER_MIN_WORDS <= line.words <= R.TEASER_MAX_WORDS:
        return False
    return line.kind == "item" or not line.text.rstrip().endswith(".")


def _at_edge(lines: Sequence[Line], verdicts: Sequence[str | None], start: int, end: int) -> bool:
    """No kept paragraph follows ``lines[start:end]``, or none precedes it."""

    def paragraph(k: int) -> bool:
        return verdicts[k] is None and lines[k].words >= R.TEASER_PARAGRAPH_WORDS

    return not any(paragraph(k) for k in range(end, len(lines))) or not any(
        paragraph(k) for k in range(start)
    )


def _teaser_candidate(line: Line, ctx: CleanContext) -> bool:
    if line.kind == "table" or not R.TEASER_MIN_WORDS <= line.words <= R.TEASER_MAX_WORDS:
        return False
    if line.norm in ctx.anchors:
        return True
    # a list item opening with a linked headline and a one-line summary ("- Pochettino
    # fired by Tottenham Pochettino took the club to ...")
    return line.kind == "item" and _opens_with_link(line, ctx)


def _opens_with_link(line: Line, ctx: CleanContext) -> bool:
    return opens_with_anchor(line, ctx.anchors, R.TEASER_MIN_WORDS)


def clean_lines(lines: Sequence[Line], ctx: CleanContext) -> tuple[list[str], list[RemovedLine]]:
    """Apply every rule to the lines of one article.

    Args:
        lines: The extracted lines, in order.
        ctx: What is known about the page.

    Returns:
        The kept line texts, in order, and the removed lines with their rules, in order.
    """
    triggers = _PageTriggers.of(lines)
    verdicts: list[str | None] = [_single_line_rule(line, ctx, triggers) for line in lines]

    # Short lines repeated many times in one text (widgets under every list entry).
    counts: dict[str, int] = {}
    for line in lines:
        if line.words <= R.REPEATED_LINE_MAX_WORDS:
            counts[line.text] = counts.get(line.text, 0) + 1
    for i, line in enumerate(lines):
        repeated = counts.get(line.text, 0) >= R.REPEATED_LINE_MIN
        # only links: a recipe or a workout plan repeats its own short lines
        if verdicts[i] is None and repeated and line.norm and line.norm in ctx.anchors:
            verdicts[i] = R.RULE_REPEATED

    # Promo headings ("Related News") and the teaser links that follow them.
    for i, line in enumerate(lines):
        heading_like = verdicts[i] is None or verdicts[i] == R.RULE_PROMO
        if heading_like and line.words <= 8 and R.PROMO_HEADING_RE.match(line.norm):
            verdicts[i] = R.RULE_PROMO_HEADING
            j = i + 1
            while j < len(lines) and (verdicts[j] is not None or _teaser_candidate(lines[j], ctx)):
                if verdicts[j] is None:
                    verdicts[j] = R.RULE_TEASER_LINKS
                j += 1

    # Runs of whole-link teaser lines, only at the edges of the text: a run of linked
    # items between real paragraphs is usually the article's own list (products,
    # sources, steps), not a teaser block. Shape is checked before links (links need a
    # walk over the page's anchors).
    n = len(lines)
    shaped = [verdicts[k] is None and _teaser_shape(lines[k]) for k in range(n)]
    i = 0
    while i < n:
        if not shaped[i]:
            i += 1
            continue
        j = i
        while j < n and shaped[j]:
            j += 1
        k = i
        while j - i >= R.TEASER_MIN_RUN and k < j:
            m = k
            while m < j and _teaser_candidate(lines[m], ctx):
                m += 1
            if m - k >= R.TEASER_MIN_RUN and _at_edge(lines, verdicts, k, m):
                for x in range(k, m):
                    verdicts[x] = R.RULE_TEASER_LINKS
            k = max(m, k + 1)
        i = j

    # The headline repeated among the first kept lines, and byline/date lines around it.
    keys = title_keys(ctx.titles, ctx.site_name)
    texts = [line.text for line in lines]
    cut: list[RemovedLine] = []
    seen = 0
    for i, line in enumerate(lines):
        if verdicts[i] is not None:
            continue
        if seen >= max(R.TITLE_SCAN_LINES, BYLINE_HEAD_LINES):
            break
        if seen < R.TITLE_SCAN_LINES and keys and matches_title(line.text, keys):
            verdicts[i] = R.RULE_TITLE_REPEAT
            continue
        rest = strip_title_prefix(line.text, keys) if seen < R.TITLE_SCAN_LINES else None
        if rest is not None:
            cut.append(
                RemovedLine(
                    text=line.text[: len(line.text) - len(rest)].strip(), rule=R.RULE_TITLE_REPEAT
                )
            )
            texts[i] = rest
        if _byline(line, ctx):
            verdicts[i] = R.RULE_BYLINE
            continue
        seen += 1
    tail = [i for i in range(len(lines)) if verdicts[i] is None][-BYLINE_TAIL_LINES:]
    for i in reversed(tail):
        if _byline(lines[i], ctx):
            verdicts[i] = R.RULE_BYLINE
        else:
            break

    kept = [text for text, verdict in zip(texts, verdicts, strict=True) if verdict is None]
    removed = cut + [
        RemovedLine(text=line.text, rule=verdict)
        for line, verdict in zip(lines, verdicts, strict=True)
        if verdict is not None
    ]
    return kept, removed
