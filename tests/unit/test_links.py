"""Link scoring before fetching, and what the crawl learns per site (`crawler.links`)."""

from __future__ import annotations

import pytest

from crawler.links import (
    ARTICLE,
    LISTING,
    SKIP,
    UNPRODUCTIVE_VISITS,
    Frontier,
    Link,
    extract_links,
    is_pagination,
    page_kind,
    prior,
    url_shape,
)
from crawler.scope import CrawlScope, ScopeError, url_date

HEADLINE = "Council approves a plan to extend the tram network to the harbour"


@pytest.mark.parametrize(
    ("url", "text", "region", "kind"),
    [
        ("https://a.example/world/2025/01/06/tram-plan-approved-12.html", HEADLINE, "", ARTICLE),
        ("https://a.example/politik/wahl-in-berlin-ergebnis-a-1234567.html", HEADLINE, "", ARTICLE),
        ("https://a.example/news/4829113", HEADLINE, "main", ARTICLE),
        (
            "https://a.example/2024-11-03-harbour-reopens-after-storm",
            "Harbour reopens",
            "",
            ARTICLE,
        ),
        ("https://a.example/world/", "World", "nav", LISTING),
        ("https://a.example/world/page/3/", "3", "", LISTING),
        ("https://a.example/tag/climate-change-policy/", "climate change policy", "", LISTING),
        ("https://a.example/autor/erika-mustermann/", "Erika Mustermann", "", LISTING),
        ("https://a.example/rubrique/economie/", "Économie", "nav", LISTING),
        ("https://a.example/", "Home", "nav", LISTING),
        ("https://a.example/account/login?next=/x", "Sign in", "nav", SKIP),
        ("https://a.example/anmelden/", "Anmelden", "nav", SKIP),
        ("https://a.example/search?q=tram", "tram", "", SKIP),
        ("https://a.example/world/?sort=date&filter=video", "Newest", "", SKIP),
        ("https://a.example/images/map-of-the-new-tram-line.jpg", HEADLINE, "", SKIP),
    ],
)
def test_prior_judges_url_shape_anchor_text_and_position(
    url: str, text: str, region: str, kind: str
) -> None:
    assert prior(Link(url, text, region)).kind == kind


def test_anchor_text_and_position_move_the_score() -> None:
    url = "https://a.example/world/harbour-tram-plan"
    in_text = prior(Link(url, HEADLINE, "main")).score
    in_menu = prior(Link(url, "Tram", "nav")).score
    assert in_text > in_menu


def test_shapes_group_pages_of_one_kind() -> None:
    one = url_shape("https://a.example/world/2025/01/06/tram-plan-approved-12.html")
    two = url_shape("https://a.example/sport/2024/12/30/late-winner-for-the-harbour-club.html")
    assert one == two
    assert url_shape("https://a.example/tag/economy/") == url_shape("https://a.example/tag/water/")
    assert url_shape("https://a.example/tag/economy/") != url_shape("https://a.example/world/")


def test_extract_links_with_text_region_and_base() -> None:
    page = (
        '<html><head><base href="https://a.example/sub/"></head><body>'
        '<nav><a href="/world/">World</a></nav><div class="content">'
        f'<a href="story-one-two-three.html">{HEADLINE}</a>'
        '<a href="story-one-two-three.html#comments">Comments</a>'
        '<a href="mailto:desk@a.example">Mail</a><a rel="nofollow" href="/ad">Ad</a></div>'
        '<footer><a href="https://b.example/">Partner</a></footer></body></html>'
    )
    links = extract_links(page, "https://a.example/")
    assert [(x.url, x.region) for x in links] == [
        ("https://a.example/world/", "nav"),
        ("https://a.example/sub/story-one-two-three.html", ""),
        ("https://b.example/", "nav"),
    ]
    assert links[1].text == HEADLINE


def test_pagination_is_recognised() -> None:
    assert is_pagination("https://a.example/world/page/2/", "https://a.example/world/")
    assert is_pagination("https://a.example/world/?page=3", "https://a.example/world/?page=2")
    assert not is_pagination("https://a.example/sport/page/2/", "https://a.example/world/")


def test_learning_overrides_the_prior_once_evidence_is_in() -> None:
    frontier = Frontier()
    # Slug-less ids the prior cannot tell apart from listings: they turn out to be stories.
    link = Link("https://a.example/w/77", "Budget", "")
    assert frontier.judge(link).kind == LISTING
    for n in range(3):
        frontier.learn(f"https://a.example/w/{n}", ARTICLE)
    assert frontier.judge(link).kind == ARTICLE
    # Learning is per site: another host still gets the prior.
    assert frontier.judge(Link("https://b.example/w/77", "Budget", "")).kind == LISTING


def test_unproductive_listing_shapes_are_given_up() -> None:
    frontier = Frontier(max_depth=10)
    for day in range(1, 20):
        frontier.add(f"https://a.example/calendar/2025-01-{day:02d}/", 1, 0.3)
    frontier.add("https://a.example/world/", 1, 0.2)
    fetched = []
    while (pending := frontier.pop()) is not None:
        url, _ = pending
        fetched.append(url)
        frontier.visited_listing(url, 0, 0)  # nothing new on any calendar page
    calendar = [u for u in fetched if "/calendar/" in u]
    assert len(calendar) == UNPRODUCTIVE_VISITS
    assert "https://a.example/world/" in fetched


def test_depth_and_pagination_limits() -> None:
    frontier = Frontier(max_depth=1, max_pages=3)
    assert frontier.add("https://a.example/world/", 1, 0.2)
    assert not frontier.add("https://a.example/world/eu/", 2, 0.2)  # too deep
    # Pagination does not count as a hop, but only max_pages pages of one listing.
    assert frontier.add("https://a.example/world/page/2/", 2, 0.2, "https://a.example/world/")
    assert frontier.add(
        "https://a.example/world/page/3/", 2, 0.2, "https://a.example/world/page/2/"
    )
    assert not frontier.add(
        "https://a.example/world/page/4/", 2, 0.2, "https://a.example/world/page/3/"
    )


def test_page_kind_from_markup() -> None:
    story = (
        b'<html><head><meta property="og:type" content="article"></head><body>'
        b"<p>Short.</p></body></html>"
    )
    assert page_kind(story, []) == ARTICLE
    text = "".join(f"<p>{'A sentence of running text in the story. ' * 5}</p>" for _ in range(4))
    assert page_kind(f"<html><body>{text}</body></html>".encode(), []) == ARTICLE
    teasers = [Link(f"https://a.example/s/{n}", HEADLINE) for n in range(20)]
    listing = "".join(f'<li><a href="/s/{n}">{HEADLINE}</a></li>' for n in range(20))
    assert page_kind(f"<html><body><ul>{listing}</ul></body></html>".encode(), teasers) == LISTING


def test_scope_arguments_and_dates() -> None:
    scope = CrawlScope.from_arguments(
        {"since": "2025-01-04", "until": "2025-01-05", "lang": "DE,fr", "max_articles": "10"}
    )
    assert scope.languages == frozenset({"de", "fr"})
    assert scope.skip_before_fetch("https://a.example/2024/12/30/x-y-z.html", None)
    assert scope.skip_before_fetch("https://a.example/2025/01/04/x-y-z.html", None) is None
    assert scope.language_reason("de-AT") is None
    assert scope.language_reason("en")
    assert url_date("https://a.example/politics/2025-01-06-vote") is not None
    for bad in (
        {"since": "yesterday"},
        {"max_articles": "0"},
        {"lang": "german!"},
        {"since": "2025-02-01", "until": "2025-01-01"},
    ):
        with pytest.raises(ScopeError):
            CrawlScope.from_arguments(bad)


def test_a_productive_paginated_listing_is_paged_to_its_end() -> None:
    frontier = Frontier(max_depth=5)
    for section in ("a", "b", "c", "d"):  # deep pages of other sections brought nothing new
        frontier.visited_listing(f"https://x.example/{section}/page/5/", 0, 0)
    frontier.visited_listing("https://x.example/world/", 5, 0)
    assert frontier.add("https://x.example/world/page/2/", 1, 0.1, "https://x.example/world/")
    assert frontier.add("https://x.example/e/page/2/", 1, 0.1, "https://x.example/e/")
    assert frontier.pop() == ("https://x.example/world/page/2/", 0)
    assert frontier.pop() is None  # /e/ brought nothing, and its shape stopped paying
