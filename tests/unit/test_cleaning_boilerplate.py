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


# --- evidence inside one crawl ---------------------------------------------------------

import pickle  # noqa: E402

from cleaning.boilerplate import (  # noqa: E402
    CRAWL_MIN_ARTICLES,
    CRAWL_MIN_COUNT,
    CRAWL_WINDOW,
    CrawlBoilerplate,
    page_evidence,
    strip_learned,
)
from cleaning.text import normalize  # noqa: E402

SLOGAN_KEY = "the harbour gazette: independent local journalism since 1851"


def observe_all(evidence: CrawlBoilerplate, corpus: list[str], site: str = "gazette") -> None:
    for i, text in enumerate(corpus):
        evidence.observe(site, f"Headline number {i}", text)


def test_a_line_on_every_page_of_a_crawl_is_learned_after_a_few_articles() -> None:
    evidence = CrawlBoilerplate()
    corpus = texts(CRAWL_MIN_ARTICLES)
    observe_all(evidence, corpus[:-1])
    assert evidence.learned("gazette") == frozenset()  # not yet enough articles
    observe_all(evidence, corpus[-1:])
    assert evidence.learned("gazette") == {SLOGAN_KEY}
    assert evidence.learned("other.example") == frozenset()  # sites are apart


def test_a_line_on_only_some_pages_of_a_crawl_is_not_learned() -> None:
    evidence = CrawlBoilerplate()
    observe_all(evidence, texts(20, slogan_every=3))  # 7 of 20: below the share
    assert evidence.learned("gazette") == frozenset()


def test_a_line_that_is_real_text_on_one_page_is_never_learned() -> None:
    evidence = CrawlBoilerplate()
    corpus = texts(10)
    quoted = f"As its masthead says, {SLOGAN} And so on."
    corpus[3] = corpus[3].replace(SLOGAN, quoted)
    observe_all(evidence, corpus)
    assert evidence.learned("gazette") == frozenset()
    # ...and a line learned earlier is forgotten when a page uses it as text
    evidence = CrawlBoilerplate()
    observe_all(evidence, texts(10))
    assert evidence.learned("gazette") == {SLOGAN_KEY}
    evidence.observe("gazette", "A later story", f"First paragraph.\n{quoted}")
    assert evidence.learned("gazette") == frozenset()


def test_the_same_article_seen_twice_counts_once() -> None:
    evidence = CrawlBoilerplate()
    text = texts(1)[0]
    for _ in range(CRAWL_MIN_ARTICLES * 2):
        evidence.observe("gazette", "The same story", text)
    assert evidence.learned("gazette") == frozenset()


def test_a_headline_is_never_learned() -> None:
    evidence = CrawlBoilerplate()
    for i in range(CRAWL_MIN_COUNT * 3):
        # a live blog's pages all repeat the blog's headline as a line
        evidence.observe(
            "gazette", "Live: storm hits the coast", f"Live: storm hits the coast\nUpdate {i}."
        )
    assert evidence.learned("gazette") == frozenset()


def test_learned_lines_are_stripped_from_an_earlier_text() -> None:
    text = f"First paragraph.\n{SLOGAN}\nLast paragraph."
    assert strip_learned(text, frozenset({SLOGAN_KEY})) == "First paragraph.\nLast paragraph."
    assert strip_learned(text, frozenset({"something else"})) is None
    assert strip_learned(text, frozenset()) is None


def test_a_line_that_leaves_the_window_is_forgotten() -> None:
    evidence = CrawlBoilerplate()
    observe_all(evidence, texts(CRAWL_MIN_ARTICLES))
    assert evidence.learned("gazette") == {SLOGAN_KEY}
    # the site changes its slogan: once the old one is in too few of the window's pages,
    # it is no longer learned (the window keeps the most recent articles only)
    changed = [
        t.replace(SLOGAN, "The Harbour Gazette: read by the whole coast.")
        for t in texts(CRAWL_WINDOW + CRAWL_MIN_ARTICLES)
    ]
    changed = [t.replace("Story", "Report") for t in changed]
    observe_all(evidence, changed)
    assert evidence.learned("gazette") == {
        normalize("The Harbour Gazette: read by the whole coast.")
    }


def test_evidence_computed_elsewhere_counts_as_the_article_itself() -> None:
    by_text, by_evidence = CrawlBoilerplate(), CrawlBoilerplate()
    for i, text in enumerate(texts(12, slogan_every=2)):
        title = f"Story {i}"
        learned = by_text.observe("gazette", title, text)
        # what a cleaning worker sends back, pickled and unpickled
        evidence = pickle.loads(pickle.dumps(page_evidence(title, text)))
        assert by_evidence.observe_evidence("gazette", evidence) == learned
