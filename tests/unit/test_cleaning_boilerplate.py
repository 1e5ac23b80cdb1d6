"""Learned site boilerplate: thresholds, and removal with rule ``learned_boilerplate``."""

from __future__ import annotations

from cleaning import extract_article, learn_site_boilerplate
from cleaning.boilerplate import MIN_ARTICLES

SLOGAN = "The Harbour Gazette: independent local journalism since 1851."


def texts(n: int, *, slogan_every: int = 1, quote_in: int = 0) -> list[str]:
    out = []
    for i in range(n):
        lines = [f"Story {i} begins with its own first paragraph about topic {i}."]
        if quote_in and i < quote_in:
            lines.append("“We will rebuild the harbour,” the mayor said.")
        lines.append(f"Story {i} ends with its own last paragraph.")
        if i % slogan_every == 0:
            lines.append(SLOGAN)
        out.append("\n".join(lines))
    return out


def test_recurring_line_is_learned() -> None:
    learned = learn_site_boilerplate(texts(40))
    assert learned == {"the harbour gazette: independent local journalism since 1851"}


def test_nothing_is_learned_from_few_articles() -> None:
    assert learn_site_boilerplate(texts(MIN_ARTICLES - 1)) == frozenset()


def test_line_in_only_some_articles_is_not_learned() -> None:
    # a quote repeated in a running story (5 of 40 articles) is real text
    learned = learn_site_boilerplate(texts(40, quote_in=5))
    assert all("mayor" not in line for line in learned)


def test_line_repeated_inside_one_article_counts_once() -> None:
    corpus = texts(30, slogan_every=1000)  # the slogan only in article 0...
    corpus[0] = "\n".join([SLOGAN] * 50)  # ...many times
    assert learn_site_boilerplate(corpus) == frozenset()


def test_extract_removes_learned_lines() -> None:
    body = "\n".join(
        f"<p>Paragraph {i}: the regional parliament debated the harbour budget for hours, and "
        f"members of every party asked for more money for schools, buses and the old docks.</p>"
        for i in range(5)
    )
    html = f"<html><body><article><h1>Budget</h1>{body}<p>{SLOGAN}</p></article></body></html>"
    url = "https://gazette.example/2024/budget/"
    assert SLOGAN in extract_article(html, url).text
    article = extract_article(html, url, boilerplate=learn_site_boilerplate(texts(40)))
    assert SLOGAN not in article.text
    assert [r.rule for r in article.removed if r.text == SLOGAN] == ["learned_boilerplate"]
