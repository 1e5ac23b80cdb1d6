"""Passes over the whole text, and rules whose matching was tightened against real text."""

from __future__ import annotations

import pytest

from cleaning.blocked import _vocabulary, block_kind
from cleaning.clean import CleanContext, clean_lines
from cleaning.lines import Line

#: Paragraphs long enough to count as prose (`REPEATED_BLOCK_WORDS` words and more).
PARAGRAPHS = [
    "The New York state attorney general is investigating the company amid layoffs, and "
    "the company confirmed that it had been contacted by the attorney general's office.",
    "The chief executive is stepping down in May next year and will hand over the reins "
    "to the chief operating officer, who has run the business side for three years.",
    "Investors have told the executives that they want the company to turn a profit by "
    "2021 and to look for new sources of revenue as the group tries to recover its losses.",
    "A new game is finally coming out after twelve years of waiting, but the catch is "
    "that it is made for virtual reality headsets only, which few players own today.",
]


def _kept(lines: list[Line]) -> list[str]:
    kept, _ = clean_lines(lines, CleanContext())
    return kept


def test_article_printed_twice_keeps_its_first_copy() -> None:
    lines = [Line(text) for text in PARAGRAPHS] + [Line(text) for text in PARAGRAPHS[:3]]
    kept, removed = clean_lines(lines, CleanContext())
    assert kept == PARAGRAPHS
    assert [r.rule for r in removed] == ["repeated_line"] * 3


def test_one_repeated_paragraph_stays() -> None:
    # an interview's recurring question, a quote repeated as a pull quote
    lines = [Line(PARAGRAPHS[0]), Line(PARAGRAPHS[1]), Line(PARAGRAPHS[0])]
    assert _kept(lines) == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[0]]


def test_repeated_run_of_short_items_stays() -> None:
    # a meal plan: day 3 repeats day 1, mostly short items with one long line
    day = [
        "Breakfast: 1 scoop shake, 1 cup spinach, 1 cup strawberries",
        "Portion containers: 1 green, 1 red, 1 yellow, 1 tsp.",
        PARAGRAPHS[3],
        "Snack: 1 apple and 2 tbsp. peanut butter",
        "Portion containers: 1 purple, 1 yellow, 1 tsp.",
    ]
    lines = [Line(text) for text in (*day, "Day 2: rest", *day)]
    assert len(_kept(lines)) == len(lines)


@pytest.mark.parametrize(
    "text",
    [
        "Sondland's appearance follows the testimony Tuesday of four officials.",
        "The following chart summarizes the approximate value of the seizures.",
        "I am excited to be joining a club after my appointment, the coach said.",
        "The installation confirms the clever approach of the designer to light.",
        "He was convicted of kidnapping after following the victim for weeks.",
    ],
)
def test_words_starting_with_app_are_no_channel(text: str) -> None:
    lines = [Line(PARAGRAPHS[0]), Line(text), Line(PARAGRAPHS[1])]
    assert text in _kept(lines)


@pytest.mark.parametrize(
    "text",
    ["Download our app for the latest news", "下载APP，关注更多新闻"],
)
def test_app_appeals_are_still_chrome(text: str) -> None:
    lines = [Line(PARAGRAPHS[0]), Line(text), Line(PARAGRAPHS[1])]
    _, removed = clean_lines(lines, CleanContext())
    assert [r.rule for r in removed] == ["chrome"]


@pytest.mark.parametrize(
    "category", ["consent_words", "consent_titles", "consent_buttons", "paywall_prompts"]
)
def test_vocabulary_within_a_text_finds_what_the_whole_vocabulary_finds(category: str) -> None:
    vocabulary = _vocabulary(category)
    text = "we and our partners store cookies\naccept all\nsubscribe to continue reading"
    within = vocabulary.within(" ".join(text.split()))
    assert len(within.entries) < len(vocabulary.entries)
    for line in text.split("\n"):
        assert within.any_in(line) == vocabulary.any_in(line)


def test_consent_wall_still_found_with_the_narrowed_vocabulary() -> None:
    html = (
        "<html><head><title>Before you continue</title></head><body>"
        "<h1>Before you continue</h1><p>We and our partners use cookies and data to "
        "deliver and maintain services and to measure audience engagement.</p>"
        "<button>Accept all</button><button>Reject all</button></body></html>"
    )
    text = (
        "We and our partners use cookies and data to deliver and maintain services and "
        "to measure audience engagement.\nAccept all\nReject all"
    )
    assert block_kind(html, text) == "consent_wall"


# --- the page's keywords printed as a line ---------------------------------------------

TAGS = frozenset({"stock car 2018", "stock car brasil", "stock car cascavel", "interlagos"})


def test_line_of_the_pages_own_tags_is_removed() -> None:
    line = "Stock Car 2018, Stock Car Brasil, Stock Car Cascavel, Interlagos"
    lines = [Line(PARAGRAPHS[0]), Line(line)]
    kept, removed = clean_lines(lines, CleanContext(tags=TAGS))
    assert kept == [PARAGRAPHS[0]]
    assert [r.rule for r in removed] == ["tag_list"]


@pytest.mark.parametrize(
    "line",
    [
        # a sentence naming two tags among other words
        "Races at Interlagos, Cascavel and Santa Cruz do Sul open the Stock Car 2018 season.",
        # a list of other things
        "Drivers: Daniel Serra, Felipe Fraga, Thiago Camilo, Ricardo Maurício",
    ],
)
def test_lines_that_are_not_the_tag_list_stay(line: str) -> None:
    lines = [Line(PARAGRAPHS[0]), Line(line)]
    kept, _ = clean_lines(lines, CleanContext(tags=TAGS))
    assert line in kept


def test_tag_like_line_stays_without_tags() -> None:
    line = "Stock Car 2018, Stock Car Brasil, Stock Car Cascavel, Interlagos"
    kept, _ = clean_lines([Line(PARAGRAPHS[0]), Line(line)], CleanContext())
    assert line in kept


# --- teaser summaries under a promo heading at the end --------------------------------

SUMMARIES = [
    "The House voted on Tuesday to recognise the genocide, a step long sought by activists.",
    "A French actor of Armenian descent died on Thursday at the age of 96, reports said.",
    "Relics of an ancient kingdom have been found on a mountain in the north of the country.",
]


def test_short_summaries_under_a_promo_heading_at_the_end_go() -> None:
    lines = [Line(PARAGRAPHS[0]), Line(PARAGRAPHS[1]), Line("Top stories")]
    lines += [Line(text) for text in SUMMARIES]
    kept, removed = clean_lines(lines, CleanContext())
    assert kept == PARAGRAPHS[:2]
    assert [r.rule for r in removed] == ["promo_heading"] + ["teaser_links"] * 3


def test_story_under_a_section_name_at_the_top_stays() -> None:
    # a heading over the whole (short) story is the page header, not a teaser block
    lines = [Line("Top stories")] + [Line(text) for text in SUMMARIES]
    kept, _ = clean_lines(lines, CleanContext())
    assert kept == SUMMARIES


def test_paragraphs_under_a_heading_that_merely_opens_like_a_promo_stay() -> None:
    # "Plus de ..." opens promo headings ("Plus de vidéos") but here names a programme
    lines = [Line(PARAGRAPHS[0]), Line("Plus de 400 séances")]
    lines += [Line(text) for text in SUMMARIES]
    kept, _ = clean_lines(lines, CleanContext())
    assert kept[-3:] == SUMMARIES


def test_long_paragraphs_under_a_promo_heading_stay() -> None:
    long = PARAGRAPHS[1] + " The board will meet again in March."
    lines = [Line(PARAGRAPHS[0]), Line("Top stories"), Line(long), Line(SUMMARIES[0])]
    kept, _ = clean_lines(lines, CleanContext())
    assert long in kept and SUMMARIES[0] in kept


# --- the language's script, counted by the regex engine ----------------------------------


@pytest.mark.parametrize(
    ("declared", "text", "plainly"),
    [
        ("ru", "Правительство утвердило новый бюджет, сообщили в пятницу.", True),
        ("ru", "The government approved the new budget on Friday.", False),
        # Arabic punctuation is in the script's block but is no letter
        ("ar", "وافقت الحكومة على الميزانية الجديدة، يوم الجمعة؟", True),
        ("ja", "政府は金曜日に新しい予算を承認した。", True),
        ("ko", "정부는 금요일에 새 예산을 승인했다.", True),
        ("ko", "12345 !!!", False),
    ],
)
def test_declared_script_is_recognised(declared: str, text: str, plainly: bool) -> None:
    from cleaning.language import _plainly

    assert _plainly(declared, text) is plainly


def test_page_parts_are_read_on_demand() -> None:
    from cleaning.blocked import _Page
    from cleaning.parsing import parse_html

    html = (
        "<html><head><title>Budget</title></head><body><h1>Budget</h1>"
        f"<p>{PARAGRAPHS[0]}</p><button>Share</button></body></html>"
    )
    tree = parse_html(html)[1]
    assert tree is not None
    assert block_kind(html, PARAGRAPHS[0], tree) is None
    page = _Page.read(tree)
    assert page.title == "budget"
    assert page.visible.startswith("budget the new york state")
    assert "buttons" not in vars(page) and "headings" not in vars(page)
    assert page.buttons == ("share",)
    assert page.headings == ("budget",)
    assert page.dialogs == 0
    assert _Page.empty().buttons == () and _Page.empty().visible == ""


def test_widget_audit_keeps_the_start_of_a_long_widget() -> None:
    from lxml.html import fromstring

    from cleaning.extract import WIDGET_AUDIT_CHARS, _widget_audit

    menu = fromstring(
        "<ul>" + "".join(f"<li>  Section\n   number {i}  </li>" for i in range(500)) + "</ul>"
    )
    full = " ".join(" ".join(menu.itertext()).split())
    (line,) = _widget_audit([menu])
    assert line.rule == "markup_widget"
    assert line.text == full[:WIDGET_AUDIT_CHARS]
    assert _widget_audit([fromstring("<div> </div>")]) == []


def test_extraction_passes_the_pages_keywords_to_the_tag_lines_pass() -> None:
    from cleaning import extract_article

    keywords = "stock car 2018, stock car brasil, stock car cascavel, interlagos"
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    html = (
        f'<html lang="en"><head><title>Calendar</title><meta name="keywords" content="{keywords}">'
        '<meta property="og:type" content="article"></head><body><article><h1>Calendar</h1>'
        f"{body}<p>{keywords.title()}</p></article></body></html>"
    )
    article = extract_article(html, "https://example.com/2018/03/calendar")
    assert "Stock Car Brasil" not in article.text
    assert PARAGRAPHS[3] in article.text
    assert ("tag_list", keywords.title()) in [(r.rule, r.text) for r in article.removed]
