"""Clean the extracted lines of one article: named passes over the rules registry.

`clean_lines` runs `PASSES` in order. Each pass reads the lines and the verdicts so far
(None: kept; a rule name: removed) and may set verdicts of kept lines:

1. ``single_line``: every rule of `cleaning.rules.registry.SINGLE_LINE_RULES`;
   ``label_echoes``: a one-word label next to a short line that repeats it;
2. ``repeated_links``: short link lines repeated in the text (widgets under entries);
   ``repeated_blocks``: a run of paragraphs printed again later in the text;
   ``tag_lines``: the page's own keywords printed as a line;
3. ``promo_headings``: "Related news" headings and the teaser links under them;
4. ``teaser_runs``: runs of whole-link teaser lines at the edges of the text;
   ``teaser_labels``: the short label right above removed teaser links;
5. ``above_headline``: short header lines above the repeated headline;
6. ``head``: the headline repeated at the top, section labels and breadcrumbs, and
   bylines/dates around the headline;
7. ``tail``: bylines/dates at the very end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from cleaning.article import RemovedLine
from cleaning.lines import Line
from cleaning.rules import bylines, evidence, labels, promo, teasers
from cleaning.rules import names as N
from cleaning.rules.context import CleanContext, Page
from cleaning.rules.registry import first_match
from cleaning.rules.title import (
    TITLE_SCAN_LINES,
    matches_title,
    matches_title_norm,
    strip_title_prefix,
    title_keys,
)
from cleaning.text import COLONS, normalize, word_count

#: A sentence ends so; a box's label does not.
_SENTENCE_END: Final = (".", "?", "!", "。", "？", "！", "؟", "।")

__all__ = [
    "PASSES",
    "CleanContext",
    "clean_lines",
    "matches_title",
    "strip_title_prefix",
    "title_keys",
]


@dataclass
class _Work:
    """The state the passes share: lines, verdicts, and headline cuts."""

    page: Page
    ctx: CleanContext
    verdicts: list[str | None]
    texts: list[str]
    cut: list[RemovedLine] = field(default_factory=list)
    _title_keys: tuple[str, ...] | None = None

    @property
    def lines(self) -> Sequence[Line]:
        return self.page.lines

    @property
    def title_keys(self) -> tuple[str, ...]:
        """`title_keys` of the page's titles (two passes use them; computed once)."""
        if self._title_keys is None:
            self._title_keys = title_keys(self.ctx.titles, self.ctx.site_name)
        return self._title_keys


def _single_line(work: _Work) -> None:
    """Every single-line rule of the registry, first match wins."""
    work.verdicts[:] = [first_match(line, work.ctx, work.page) for line in work.lines]


def _label_echoes(work: _Work) -> None:
    """A one-word label next to a short line that repeats it (an ad slot's label and its
    "continues after" note), in any language: `cleaning.rules.evidence.label_echoes`."""
    for i in evidence.label_echoes(work.lines):
        if work.verdicts[i] is None:
            work.verdicts[i] = N.RULE_AD_LABEL


def _repeated_links(work: _Work) -> None:
    """Short link lines repeated in one text (a widget under every list entry).

    Only links: a recipe or a workout plan repeats its own short lines.
    """
    counts: dict[str, int] = {}
    for line in work.lines:
        if line.words <= teasers.REPEATED_LINE_MAX_WORDS:
            counts[line.text] = counts.get(line.text, 0) + 1
    for i, line in enumerate(work.lines):
        repeated = counts.get(line.text, 0) >= teasers.REPEATED_LINE_MIN
        if work.verdicts[i] is None and repeated and line.norm and line.norm in work.ctx.anchors:
            work.verdicts[i] = N.RULE_REPEATED


#: A repeated block: at least this many paragraphs of at least `REPEATED_BLOCK_WORDS`
#: words each, in the same order as earlier in the text.
REPEATED_BLOCK_PARAGRAPHS: Final = 3
REPEATED_BLOCK_WORDS: Final = 20
#: Share of the run's lines that must be such paragraphs: a meal plan or a schedule
#: repeats runs of short items with a long one here and there.
REPEATED_BLOCK_PROSE_SHARE: Final = 0.6


def _repeated_blocks(work: _Work) -> None:
    """The article printed again under itself (a second template copy, a feed of the
    same story): a run of paragraphs that repeats an earlier run, line for line.

    A single repeated line is left alone (an interview's recurring question, a recipe's
    repeated step), and so is a repeated run of mostly short items (a meal plan's days);
    only whole runs of long paragraphs in the same order go.
    """
    kept = [i for i, verdict in enumerate(work.verdicts) if verdict is None]
    # the text as printed: a copy is the same string (normalising every long paragraph
    # would cost more than the comparison)
    keys = [work.lines[i].text.strip() for i in kept]
    first: dict[str, int] = {}
    p = 0
    while p < len(kept):
        q = first.setdefault(keys[p], p)
        length = long = 0
        if q < p:
            while (
                p + length < len(kept) and q + length < p and keys[q + length] == keys[p + length]
            ):
                long += work.lines[kept[p + length]].words >= REPEATED_BLOCK_WORDS
                length += 1
        if long >= REPEATED_BLOCK_PARAGRAPHS and long >= REPEATED_BLOCK_PROSE_SHARE * length:
            for k in kept[p : p + length]:
                work.verdicts[k] = N.RULE_REPEATED
            p += length
        else:
            p += 1


#: A tag line: at least this many comma-separated items, at least this share of them the
#: page's own tags (WordPress and similar themes print the keywords under the story).
TAG_LINE_MIN_ITEMS: Final = 4
TAG_LINE_SHARE: Final = 0.8
#: Most words per item: tags are short; a sentence's clauses between commas are longer.
TAG_LINE_ITEM_MAX_WORDS: Final = 5
_ITEM_SEPARATORS: Final = re.compile(r"[,;]")
#: A labelled tag line ("Tags: Kaunas, Transport", "Etiketler: #a #b"): a label of at
#: most this many words before a colon, then at least this many items, every one a tag.
TAG_LABEL_MAX_WORDS: Final = 2
TAG_LABELLED_MIN_ITEMS: Final = 2
TAG_LABELLED_MAX_WORDS: Final = 20
_TAG_LABEL_RE: Final = re.compile(rf"^(?P<label>[^{COLONS}]{{1,30}})[{COLONS}]\s*(?P<rest>.+)$")


def _labelled_tags(text: str, tags: frozenset[str]) -> bool:
    """A short label, a colon and nothing but the page's own tags ("Žymos: Kaunas, Oro
    uostas", "#கோவை #மெட்ரோ"). A sentence naming a tag after a colon has other words."""
    found = _TAG_LABEL_RE.match(text)
    if found is None or len(found["label"].split()) > TAG_LABEL_MAX_WORDS:
        return False
    rest = found["rest"]
    parts = rest.split("#") if rest.lstrip().startswith("#") else _ITEM_SEPARATORS.split(rest)
    items = [normalize(item) for item in parts if item.strip()]
    return len(items) >= TAG_LABELLED_MIN_ITEMS and all(item in tags for item in items)


def _tag_lines(work: _Work) -> None:
    """Lines that list the page's own keywords ("stock car 2018, stock car brasil, ...").

    A sentence that names a few of the tags among other words stays: nearly every item
    of the line must be a tag.
    """
    tags = work.ctx.tags
    if not tags:
        return
    for i, line in enumerate(work.lines):
        if work.verdicts[i] is not None:
            continue
        labelled = any(colon in line.text for colon in COLONS)
        if labelled and line.words <= TAG_LABELLED_MAX_WORDS and _labelled_tags(line.text, tags):
            work.verdicts[i] = N.RULE_TAG_LIST
            continue
        if "," not in line.text:
            continue
        parts = [item for item in _ITEM_SEPARATORS.split(line.text) if item.strip()]
        if len(parts) < TAG_LINE_MIN_ITEMS or line.words > TAG_LINE_ITEM_MAX_WORDS * len(parts):
            continue
        items = [normalize(item) for item in parts]
        if sum(item in tags for item in items) >= TAG_LINE_SHARE * len(items):
            work.verdicts[i] = N.RULE_TAG_LIST


def _promo_headings(work: _Work) -> None:
    """Promo headings ("Related News") and the teaser links that follow them."""
    lines, verdicts, ctx = work.lines, work.verdicts, work.ctx
    for i, line in enumerate(lines):
        heading_like = verdicts[i] is None or verdicts[i] == N.RULE_PROMO
        if heading_like and promo.is_promo_heading(line):
            verdicts[i] = N.RULE_PROMO_HEADING
            j = i + 1
            while j < len(lines) and (
                verdicts[j] is not None or teasers.is_teaser_candidate(lines[j], ctx)
            ):
                if verdicts[j] is None:
                    verdicts[j] = N.RULE_TEASER_LINKS
                j += 1
            _teaser_tail(work, i, j)


#: Teaser summaries under a promo heading at the end of the text: at least this many
#: lines, none longer than `TEASER_TAIL_MAX_WORDS` words.
TEASER_TAIL_MIN_LINES: Final = 2
TEASER_TAIL_MAX_WORDS: Final = 30


def _teaser_tail(work: _Work, heading: int, start: int) -> None:
    """The rest of the text under a promo heading, when it is only short lines (teaser
    summaries whose headline links trafilatura left out) and the text ends there.

    Only under a heading that is a promo heading as a whole ("Top stories", not "More
    than 400 screenings") and that follows the story (a paragraph above it): a section
    name in the page header stands above the whole of a short story.
    """
    if not promo.PROMO_HEADINGS.match(work.lines[heading].norm):
        return
    if not any(
        work.verdicts[k] is None and work.lines[k].words >= teasers.TEASER_PARAGRAPH_WORDS
        for k in range(heading)
    ):
        return
    rest = [k for k in range(start, len(work.lines)) if work.verdicts[k] is None]
    if len(rest) >= TEASER_TAIL_MIN_LINES and all(
        work.lines[k].words <= TEASER_TAIL_MAX_WORDS for k in rest
    ):
        for k in rest:
            work.verdicts[k] = N.RULE_TEASER_LINKS


def _at_edge(work: _Work, start: int, end: int) -> bool:
    """No kept paragraph follows ``lines[start:end]``, or none precedes it."""
    lines, verdicts = work.lines, work.verdicts

    def paragraph(k: int) -> bool:
        return verdicts[k] is None and lines[k].words >= teasers.TEASER_PARAGRAPH_WORDS

    return not any(paragraph(k) for k in range(end, len(lines))) or not any(
        paragraph(k) for k in range(start)
    )


def _teaser_runs(work: _Work) -> None:
    """Runs of whole-link teaser lines, only at the edges of the text.

    A run of linked items between real paragraphs is usually the article's own list
    (products, sources, steps), not a teaser block. Shape is checked before links
    (links need a walk over the page's anchors).
    """
    lines, verdicts, ctx = work.lines, work.verdicts, work.ctx
    n = len(lines)
    shaped = [verdicts[k] is None and teasers.teaser_shape(lines[k]) for k in range(n)]
    i = 0
    while i < n:
        if not shaped[i]:
            i += 1
            continue
        j = i
        while j < n and shaped[j]:
            j += 1
        k = i
        while j - i >= teasers.TEASER_MIN_RUN and k < j:
            m = k
            while m < j and teasers.is_teaser_candidate(lines[m], ctx):
                m += 1
            if m - k >= teasers.TEASER_MIN_RUN and _at_edge(work, k, m):
                for x in range(k, m):
                    verdicts[x] = N.RULE_TEASER_LINKS
            k = max(m, k + 1)
        i = j


#: A label over linked teasers ("Lestu einnig:" / <headline>, "Lasītākie" / 1. ... 2. ...):
#: at most this many words (characters in a script without spaces), no digit, no
#: sentence end; over one removed teaser when it ends with a colon, else over a run.
TEASER_LABEL_MAX_WORDS: Final = 4
TEASER_LABEL_MAX_CHARS: Final = 30
TEASER_LABEL_MIN_RUN: Final = 2


def _teaser_labels(work: _Work) -> None:
    """The short label right above removed teaser links, in any language.

    The links below it were told by the page's own links (another article's headline);
    a short line over them with no sentence of its own is their box's title. A
    subheading over the story's next paragraph stays: that paragraph is no teaser.
    """
    lines, verdicts = work.lines, work.verdicts
    for i in range(len(lines) - 1):
        line = lines[i]
        text = line.text.strip()
        if (
            verdicts[i] is not None
            or verdicts[i + 1] != N.RULE_TEASER_LINKS
            or not text
            or text.endswith(_SENTENCE_END)
            or any(map(str.isdigit, text))
            or (len(text.split()) > TEASER_LABEL_MAX_WORDS or len(text) > TEASER_LABEL_MAX_CHARS)
        ):
            continue
        run = 0
        while i + 1 + run < len(lines) and verdicts[i + 1 + run] == N.RULE_TEASER_LINKS:
            run += 1
        if text.endswith(tuple(COLONS)) or run >= TEASER_LABEL_MIN_RUN:
            verdicts[i] = N.RULE_PROMO_HEADING


#: Kept lines at the top looked at by the head pass.
HEAD_LINES: Final = max(TITLE_SCAN_LINES, bylines.BYLINE_HEAD_LINES)


#: Kept lines searched for the headline by `_above_headline`, and the longest line
#: (words) above it that is taken for header chrome (menus, kickers, section names).
ABOVE_HEADLINE_SCAN: Final = 8
ABOVE_HEADLINE_MAX_WORDS: Final = 6


def _above_headline(work: _Work) -> None:
    """Short lines above the repeated headline: the page header (menus, section names).

    Table templates and some CMSs give trafilatura the header with the body; whatever
    short line stands above the headline is not part of the story.
    """
    lines, verdicts = work.lines, work.verdicts
    keys = work.title_keys
    if not keys:
        return
    kept = [i for i, verdict in enumerate(verdicts) if verdict is None][:ABOVE_HEADLINE_SCAN]
    # the last copy of the headline in the scan: the page header prints it once and the
    # body again ("312" claps and the "Miestas" kicker between the two go with the header)
    found = [p for p, i in enumerate(kept) if matches_title_norm(lines[i].norm, keys)]
    if not found:
        return
    for position, j in enumerate(kept[: found[-1]]):
        if position in found:
            continue  # an earlier copy: the head pass takes it as the headline
        line = lines[j]
        short = word_count(line.text) <= ABOVE_HEADLINE_MAX_WORDS
        if (short or line.kind == "table") and not line.text.rstrip().endswith("."):
            verdicts[j] = N.RULE_SECTION


def _head(work: _Work) -> None:
    """The top of the text: the headline repeated, section labels, breadcrumbs, bylines."""
    lines, verdicts, ctx = work.lines, work.verdicts, work.ctx
    keys = work.title_keys
    seen = 0
    for i, line in enumerate(lines):
        if verdicts[i] is not None:
            continue
        if seen >= HEAD_LINES:
            break
        if seen < TITLE_SCAN_LINES:
            if keys and matches_title_norm(line.norm, keys):
                verdicts[i] = N.RULE_TITLE_REPEAT
                continue
            if labels.is_section_label(line) or (
                seen == 0
                and (
                    labels.is_menu_label(line, ctx.anchors)
                    or labels.is_declared_section(line, ctx.sections)
                )
            ):
                verdicts[i] = N.RULE_SECTION
                continue
            if labels.is_breadcrumb(line, ctx.anchors):
                verdicts[i] = N.RULE_BREADCRUMB
                continue
            rest = strip_title_prefix(line.text, keys)
            if rest is not None:
                head = line.text[: len(line.text) - len(rest)].strip()
                work.cut.append(RemovedLine(text=head, rule=N.RULE_TITLE_REPEAT))
                work.texts[i] = rest
        if bylines.is_byline(line, ctx):
            verdicts[i] = N.RULE_BYLINE
            continue
        seen += 1


def _tail(work: _Work) -> None:
    """Bylines and dates among the last kept lines."""
    kept = [i for i, verdict in enumerate(work.verdicts) if verdict is None]
    for i in reversed(kept[-bylines.BYLINE_TAIL_LINES :]):
        if not bylines.is_byline(work.lines[i], work.ctx):
            break
        work.verdicts[i] = N.RULE_BYLINE


#: The passes, in order (see the module docstring).
PASSES: Final[tuple[tuple[str, Callable[[_Work], None]], ...]] = (
    ("single_line", _single_line),
    ("label_echoes", _label_echoes),
    ("repeated_links", _repeated_links),
    ("repeated_blocks", _repeated_blocks),
    ("tag_lines", _tag_lines),
    ("promo_headings", _promo_headings),
    ("teaser_runs", _teaser_runs),
    ("teaser_labels", _teaser_labels),
    ("above_headline", _above_headline),
    ("head", _head),
    ("tail", _tail),
)


def clean_lines(lines: Sequence[Line], ctx: CleanContext) -> tuple[list[str], list[RemovedLine]]:
    """Apply every pass to the lines of one article.

    Args:
        lines: The extracted lines, in order.
        ctx: What is known about the page.

    Returns:
        The kept line texts, in order, and the removed lines with their rules, in order.
    """
    work = _Work(Page(lines), ctx, [None] * len(lines), [line.text for line in lines])
    for _name, run in PASSES:
        run(work)
    kept = [
        text for text, verdict in zip(work.texts, work.verdicts, strict=True) if verdict is None
    ]
    removed = work.cut + [
        RemovedLine(text=line.text, rule=verdict)
        for line, verdict in zip(lines, work.verdicts, strict=True)
        if verdict is not None
    ]
    return kept, removed
