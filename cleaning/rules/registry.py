"""The registry: every single-line rule, by name, in the order they are tried.

A line gets the audit name (`Rule.removes_as`) of the first rule that matches it. The
order matters where two rules could match: per-site and learned lines first (the user's
word wins), then labels (cheap set lookups), then the phrase and shape rules. Passes
over the whole text (teaser runs, headings, the headline, bylines at the edges) are in
`cleaning.clean`, which also uses the predicates here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from cleaning.lines import Line
from cleaning.rules import bylines, chrome, credits, evidence, labels, promo, teasers
from cleaning.rules import names as N
from cleaning.rules.context import MAX_RULE_WORDS, CleanContext, Page
from cleaning.text import WORD_RE

Check = Callable[[Line, CleanContext, Page], bool]


@dataclass(frozen=True)
class Rule:
    """One named line rule.

    Attributes:
        name: Unique name (documentation, tests).
        removes_as: The rule name recorded for a removed line (``Article.removed``).
        check: Whether the rule removes the line.
        any_length: Also tried on lines longer than `MAX_RULE_WORDS`.
    """

    name: str
    removes_as: str
    check: Check
    any_length: bool = False


def _site(line: Line, ctx: CleanContext, page: Page) -> bool:
    return bool(ctx.drop_patterns) and any(p.search(line.text) for p in ctx.drop_patterns)


def _learned(line: Line, ctx: CleanContext, page: Page) -> bool:
    return bool(ctx.boilerplate) and line.norm in ctx.boilerplate


#: The single-line rules, in the order they are tried.
SINGLE_LINE_RULES: Final[tuple[Rule, ...]] = (
    Rule("site_pattern", N.RULE_SITE, _site, any_length=True),
    Rule("learned_line", N.RULE_LEARNED, _learned, any_length=True),
    Rule("widget_label", N.RULE_WIDGET, lambda line, ctx, page: labels.is_widget_label(line)),
    Rule("ad_label", N.RULE_AD_LABEL, lambda line, ctx, page: labels.is_ad_label(line)),
    Rule(
        "ad_continuation",
        N.RULE_AD_LABEL,
        lambda line, ctx, page: labels.is_ad_continuation(line),
    ),
    Rule("inline_promo", N.RULE_PROMO, lambda line, ctx, page: promo.is_promo(line, ctx)),
    Rule("chrome", N.RULE_CHROME, chrome.is_chrome),
    Rule(
        "sister_site_promo",
        N.RULE_PROMO,
        lambda line, ctx, page: promo.is_sister_site_promo(line),
    ),
    Rule(
        "teaser_headline",
        N.RULE_TEASER_LINKS,
        lambda line, ctx, page: teasers.is_teaser_headline(line, ctx),
    ),
    # the rules that need no phrase of the page's language (`cleaning.rules.evidence`)
    Rule("linked_teaser", N.RULE_TEASER_LINKS, evidence.is_linked_teaser_rule),
    Rule("signup_appeal", N.RULE_CHROME, evidence.is_signup_appeal_rule),
    Rule(
        "platform_appeal",
        N.RULE_CHROME,
        lambda line, ctx, page: evidence.is_platform_appeal(line, page),
    ),
    Rule(
        "fragment_count",
        N.RULE_WIDGET,
        lambda line, ctx, page: evidence.is_fragment_count(line, ctx),
    ),
    Rule("menu_line", N.RULE_SECTION, lambda line, ctx, page: evidence.is_menu_line(line, ctx)),
    Rule(
        "language_switcher",
        N.RULE_WIDGET,
        lambda line, ctx, page: evidence.is_language_switcher(line),
    ),
    Rule(
        "image_credit", N.RULE_IMAGE_CREDIT, lambda line, ctx, page: credits.is_image_credit(line)
    ),
    # separators and stray punctuation ("|---|---|", "* * *", "。"): no word to read
    Rule("no_words", N.RULE_CHROME, lambda line, ctx, page: WORD_RE.search(line.text) is None),
    Rule(
        "date_or_dateline",
        N.RULE_BYLINE,
        lambda line, ctx, page: bylines.is_date_or_dateline(line),
    ),
    Rule("meta_line", N.RULE_BYLINE, lambda line, ctx, page: credits.is_meta_line(line)),
    Rule("reading_time", N.RULE_BYLINE, bylines.is_reading_time),
    Rule("copyright", N.RULE_COPYRIGHT, lambda line, ctx, page: chrome.is_copyright(line, page)),
)


def first_match(line: Line, ctx: CleanContext, page: Page) -> str | None:
    """The audit name of the first single-line rule that removes ``line``, or None."""
    short = line.words <= MAX_RULE_WORDS
    for rule in SINGLE_LINE_RULES:
        if (short or rule.any_length) and rule.check(line, ctx, page):
            return rule.removes_as
    return None
