"""The article's lead (standfirst): put back when trafilatura leaves it out and the
template marks it as the lead; a subtitle, another story's teaser and menus stay out."""

from __future__ import annotations

import pytest

from cleaning import extract_article
from tests.unit.metadata_pages import BODY

LEAD = (
    "Eine Schneedecke auf der Photovoltaikanlage sorgt nicht nur für geringeren Stromertrag, "
    "sie kann die Module auch beschädigen."
)


def _page(lead_markup: str, description: str = LEAD) -> str:
    return (
        "<html><head><title>Schnee belastet Solarmodule</title>"
        f'<meta property="og:description" content="{description}"></head><body>'
        f"<main><h1>Schnee belastet Solarmodule</h1>{lead_markup}"
        f'<div class="grid"><div class="col"><article class="body">{BODY}</article></div></div>'
        "</main></body></html>"
    )


@pytest.mark.parametrize(
    "markup",
    [
        f'<div class="teaser-text"><p>{LEAD}</p></div>',
        f'<p class="article-lead">{LEAD}</p>',
        f'<div class="chapo">{LEAD}</div>',
    ],
)
def test_a_lead_the_template_marks_comes_first(markup: str) -> None:
    article = extract_article(_page(markup), "https://example.org/energie/schnee-module")
    assert article.text.startswith(LEAD)
    assert article.text.count("Eine Schneedecke") == 1


@pytest.mark.parametrize(
    "markup",
    [
        # a subtitle (dek) is no lead; nor is a link or a menu's text
        f'<p class="article-dek">{LEAD}</p>',
        f'<a class="teaser" href="/x"><span>{LEAD}</span></a>',
        f'<nav><p class="intro">{LEAD}</p></nav>',
    ],
)
def test_subtitles_links_and_menus_are_no_lead(markup: str) -> None:
    article = extract_article(_page(markup), "https://example.org/energie/schnee-module")
    assert "Eine Schneedecke" not in article.text


def test_a_teaser_of_another_story_is_no_lead() -> None:
    other = "Windräder im Sauerland: Der Ausbau kommt voran, doch die Genehmigungen dauern lang."
    markup = f'<div class="teaser">{other}</div>'
    article = extract_article(_page(markup), "https://example.org/energie/schnee-module")
    assert other not in article.text
