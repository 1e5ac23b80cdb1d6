"""The article in a page's app data (`cleaning.appdata`), on local pages of each shape.

`tests/fixtures/appdata/cases.json` lists, per page, what the text must and must not
contain: Next.js (``__NEXT_DATA__``, an HTML body), Nuxt 3 (``__NUXT_DATA__``, rich-text
blocks), Apollo (a normalised cache of references), ``__INITIAL_STATE__`` (a JavaScript
literal, in German) and an AMP pair (a shell that only names its AMP version).
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from cleaning import NoArticleText, extract_article
from cleaning.appdata import best_body, decode_nuxt_payload, script_states

FIXTURES = Path(__file__).parents[1] / "fixtures" / "appdata"
CASES: dict[str, dict[str, Any]] = json.loads((FIXTURES / "cases.json").read_text("utf-8"))
ARTICLES = sorted(name for name, case in CASES.items() if case["source"] != "no_text")


@pytest.mark.parametrize("name", ARTICLES)
def test_article_from_each_shape(name: str) -> None:
    case = CASES[name]
    article = extract_article((FIXTURES / name).read_bytes(), case["url"])
    assert article.text_source == case["source"]
    assert article.title == case["title"]
    for snippet in case["must"]:
        assert snippet in article.text, snippet
    for snippet in case["not"]:
        assert snippet not in article.text, snippet
    # the title is beside the text, not in it
    assert case["title"] not in article.text


def test_shell_without_data_names_its_amp_version() -> None:
    case = CASES["amp_canonical.html"]
    with pytest.raises(NoArticleText) as caught:
        extract_article((FIXTURES / "amp_canonical.html").read_bytes(), case["url"])
    error = caught.value
    assert error.amp_url == case["amp_url"]
    assert error.app_shell
    assert case["amp_url"] in str(error)
    # the crawl's worker processes send the error back pickled
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.amp_url, copy.app_shell, copy.reason, str(copy)) == (
        error.amp_url,
        True,
        "no_text",
        str(error),
    )


def _page(body: str, head: str = "") -> bytes:
    return (
        "<html><head><title>A page</title><meta property='og:type' content='article'>"
        f"{head}</head><body>{body}</body></html>"
    ).encode()


PARAGRAPH = (
    "The committee met for the third time this month and again failed to agree on the "
    "budget for the coming year, leaving the schools without a plan for the autumn term."
)


def test_markup_article_wins_over_app_data() -> None:
    data = {"props": {"body": "<p>" + "Other words from a different story here. " * 40 + "</p>"}}
    html = _page(
        "<article><h1>Committee fails again</h1>"
        + "".join(f"<p>Point {i}: {PARAGRAPH}</p>" for i in range(8))
        + "</article>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    )
    article = extract_article(html, "https://news.example/politics/committee-fails-again")
    assert article.text_source == "markup"
    assert "different story" not in article.text


def test_shell_whose_data_holds_no_article() -> None:
    data = {"props": {"menu": ["Home", "World"], "content": {"label": "Loading"}}}
    html = _page(
        '<div id="__next"></div><noscript>Please enable JavaScript to view this page.</noscript>'
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>',
        '<script src="/app.js"></script>',
    )
    with pytest.raises(NoArticleText) as caught:
        extract_article(html, "https://news.example/world/some-story-2024")
    assert caught.value.app_shell and caught.value.amp_url is None


def test_json_ld_article_body_of_a_shell() -> None:
    body = "\n".join([PARAGRAPH, PARAGRAPH.replace("third", "fourth")])
    ld = {"@type": "NewsArticle", "headline": "Committee fails again", "articleBody": body}
    html = _page(
        '<div id="root"></div>',
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<script src="/a.js"></script>',
    )
    article = extract_article(html, "https://news.example/politics/committee-fails-again")
    assert "fourth time" in article.text
    assert article.text_source in ("markup", "app_data")


def test_script_states_read_literals_and_json_parse_but_run_nothing() -> None:
    script = (
        'window.__PRELOADED_STATE__ = JSON.parse(\'{"a": {"text": "x"}}\');'
        "window.__INITIAL_STATE__ = {page: {title: 'T', ok: !0, gone: undefined,}};"
        "window.__APP_STATE__ = loadState();"  # a call: not data, never run
        # Nuxt 2: parameters replaced by the call's arguments; keys left alone
        "window.__NUXT__=(function(a,b){return {data:[{a:a,tags:[b,a]}]}}('x',void 0));"
        # a function body with statements is not read
        "window.__OTHER__=(function(a){a.b=1;return {c:a}}({}));"
    )
    states = dict(script_states(script))
    assert states["__PRELOADED_STATE__"] == {"a": {"text": "x"}}
    assert states["__INITIAL_STATE__"] == {"page": {"title": "T", "ok": True, "gone": None}}
    assert "__APP_STATE__" not in states
    assert states["__NUXT__"] == {"data": [{"a": "x", "tags": [None, "x"]}]}
    assert "__OTHER__" not in states


def test_nuxt_payload_is_rebuilt() -> None:
    # ["Reactive", 1] -> {"story": 2} -> {"title": 3, "tags": 4} ...
    payload = [["Reactive", 1], {"story": 2}, {"title": 3, "tags": 4}, "Headline", ["Set", 5], "x"]
    assert decode_nuxt_payload(payload) == {"story": {"title": "Headline", "tags": ["x"]}}
    # a cycle is cut, not followed for ever
    assert decode_nuxt_payload([{"self": 0}]) == {"self": None}


def test_rich_text_spans_make_one_paragraph_and_related_items_are_skipped() -> None:
    spans = [{"text": PARAGRAPH[:50]}, {"text": PARAGRAPH[50:], "marks": ["bold"]}]
    data = {
        "story": {
            "headline": "Committee fails again",
            "content": [{"type": "paragraph", "children": spans}] * 1
            + [{"type": "paragraph", "children": [{"text": PARAGRAPH.upper()}]}] * 4,
            "related": [{"content": "Another story's teaser text with many words " * 20}],
        }
    }
    found = best_body(data, "test")
    assert found is not None
    assert found.title == "Committee fails again"
    assert found.paragraphs[0] == PARAGRAPH
    assert not any("teaser" in p for p in found.paragraphs)


SENTENCES = [
    f"Sentence number {i} of the story says what happened in the town hall on the night "
    "of the vote, and who was there to see it."
    for i in range(4)
]


def test_contentful_and_arc_shapes() -> None:
    contentful = {
        "fields": {
            "title": "Town hall vote ends in a tie",
            "body": {
                "nodeType": "document",
                "content": [
                    {
                        "nodeType": "paragraph",
                        "content": [
                            {"nodeType": "text", "value": s[:30], "marks": []},
                            {"nodeType": "text", "value": s[30:], "marks": [{"type": "bold"}]},
                        ],
                    }
                    for s in SENTENCES
                ],
            },
        }
    }
    found = best_body(contentful, "test")
    assert found is not None and list(found.paragraphs) == SENTENCES
    assert found.title == "Town hall vote ends in a tie"
    arc = {
        "headlines": {"basic": "Town hall vote ends in a tie"},
        "content_elements": [
            {"_id": "A1", "type": "text", "content": f"<b>{s[:20]}</b>{s[20:]}"} for s in SENTENCES
        ]
        + [
            {
                "_id": "I1",
                "type": "image",
                "caption": "The town hall at night, seen from the square.",
            }
        ],
    }
    found = best_body(arc, "test")
    assert found is not None and list(found.paragraphs) == SENTENCES


def test_a_short_markup_article_is_not_replaced_by_other_data_text() -> None:
    brief = "The library on Mill Street will close for two weeks in August for new shelves."
    other = {"props": {"legal": {"content": [f"{s} Terms apply." for s in SENTENCES] * 3}}}
    html = _page(
        f"<article><h1>Library closes in August</h1><p>{brief}</p></article>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(other)}</script>'
    )
    article = extract_article(html, "https://news.example/local/library-closes-in-august")
    assert article.text_source == "markup"
    assert article.text == brief
    # ... but data that continues the teaser is the full article
    full = {"props": {"story": {"body": [brief, *SENTENCES]}}}
    html = _page(
        f"<article><h1>Library closes in August</h1><p>{brief}</p></article>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(full)}</script>'
    )
    article = extract_article(html, "https://news.example/local/library-closes-in-august")
    assert article.text_source == "app_data"
    assert SENTENCES[-1] in article.text and brief in article.text


def test_a_shell_with_big_menus_is_still_a_shell() -> None:
    menu = "".join(
        f'<li><a href="/s/{i}">Section number {i} of the site</a></li>' for i in range(60)
    )
    footer = "<footer>" + "Imprint, contact, privacy and terms of use. " * 30 + "</footer>"
    html = _page(
        f'<nav><ul>{menu}</ul></nav><div id="root"></div>{footer}',
        '<script src="/bundle.js"></script>',
    )
    with pytest.raises(NoArticleText) as caught:
        extract_article(html, "https://news.example/world/2024/05/some-story")
    assert caught.value.app_shell
    # a page of prose is no shell, scripts or not
    prose = "".join(f"<p>Point {i}: {PARAGRAPH}</p>" for i in range(8))
    assert not _is_shell(_page(f"<div>{prose}</div>", '<script src="/bundle.js"></script>'))


def _is_shell(html: bytes) -> bool:
    from lxml import html as lxml_html

    from cleaning.appdata import is_app_shell

    return is_app_shell(lxml_html.fromstring(html))
