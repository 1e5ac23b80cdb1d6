"""A generated news site found only by its links (`bench.discovery`, e2e tests).

Sections with paginated listings, article pages linking to their author, tags and related
stories, author and tag pages (tags paginated too), a calendar that goes on day after day
without end (a crawler trap), footer links to login and legal pages, links to other hosts,
a robots.txt that disallows one folder, and, optionally, a sitemap listing part of the
articles. Pages are small (a few KB): the benchmark measures discovery, not parsing.
"""

from __future__ import annotations

import html
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.site import NAMES, PLACES, SECTIONS, paragraph
from crawler.demo.server import SiteServer

PER_PAGE = 20
TAGS = (
    "economy",
    "climate",
    "elections",
    "transport",
    "housing",
    "health-care",
    "energy",
    "education",
    "courts",
    "farming",
    "tourism",
    "water",
)
CALENDAR = "/calendar/"
OFFSITE = ("https://www.example.com/partner-story", "https://social.example.org/share")


@dataclass
class Story:
    index: int
    section: str
    path: str
    headline: str
    published: datetime
    author: str
    tags: tuple[str, ...]


@dataclass
class LinkSite:
    """The generated site's plan: every article, and the listing pages that reach them."""

    stories: list[Story] = field(default_factory=list)
    listing_pages: int = 0  # home and section pages (pagination included)

    @property
    def article_paths(self) -> set[str]:
        return {story.path for story in self.stories}


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ascii_name.lower().replace(" ", "-").replace(".", "")


def plan(articles: int, seed: int = 0) -> LinkSite:
    """The stories of a site of ``articles`` articles, newest first."""
    rng = random.Random(seed)
    site = LinkSite()
    start = datetime(2025, 1, 6, 8, tzinfo=UTC)
    for index in range(articles):
        section = SECTIONS[index % len(SECTIONS)]
        published = start - timedelta(hours=3 * index)
        words = (
            f"{rng.choice(PLACES)} {rng.choice(('council', 'port', 'school', 'bank'))} "
            f"{rng.choice(('vote', 'plan', 'delay', 'record', 'deal'))}"
        )
        headline = f"{words.title()} as officials weigh the next steps"
        path = f"/{section}/{published:%Y/%m/%d}/{_slug(words)}-{index}.html"
        site.stories.append(
            Story(
                index,
                section,
                path,
                headline,
                published,
                rng.choice(NAMES),
                tuple(rng.sample(TAGS, 2)),
            )
        )
    per_section = {s: sum(1 for st in site.stories if st.section == s) for s in SECTIONS}
    site.listing_pages = 1 + sum(max(1, -(-n // PER_PAGE)) for n in per_section.values())
    return site


def _nav() -> str:
    sections = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in SECTIONS)
    return (
        f'<header><a href="/">The Link Daily</a><nav class="menu"><ul>{sections}</ul>'
        f'</nav><a href="/search?q=">Search</a> <a href="/account/login">Sign in</a></header>'
    )


def _footer() -> str:
    return (
        '<footer><a href="/about/privacy/">Privacy</a> <a href="/contact/">Contact</a> '
        f'<a href="{CALENDAR}{date(2025, 1, 6)}/">Events calendar</a> '
        + " ".join(f'<a href="{url}">Partner</a>' for url in OFFSITE)
        + ' <a href="/feed.rss">RSS</a></footer>'
    )


def _page(
    title: str,
    body: str,
    kind: str = "website",
    lang: str = "en",
    published: datetime | None = None,
) -> str:
    meta = f'<meta property="og:type" content="{kind}">'
    if published is not None:
        meta += f'<meta property="article:published_time" content="{published.isoformat()}">'
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{meta}</head><body>{_nav()}"
        f"<main>{body}</main>{_footer()}</body></html>"
    )


def _teaser_list(stories: list[Story]) -> str:
    return (
        "<ul>"
        + "".join(f'<li><a href="{s.path}">{html.escape(s.headline)}</a></li>' for s in stories)
        + "</ul>"
    )


def _paginated(root: Path, base: str, title: str, stories: list[Story]) -> None:
    pages = max(1, -(-len(stories) // PER_PAGE))
    for number in range(1, pages + 1):
        chunk = stories[(number - 1) * PER_PAGE : number * PER_PAGE]
        pager = ""
        if number > 1:
            previous = base if number == 2 else f"{base}page/{number - 1}/"
            pager += f'<a href="{previous}">Newer</a> '
        if number < pages:
            pager += f'<a href="{base}page/{number + 1}/">Older</a>'
        path = base if number == 1 else f"{base}page/{number}/"
        _write(
            root,
            path,
            _page(
                f"{title} - page {number}",
                f"<h1>{html.escape(title)}</h1>{_teaser_list(chunk)}"
                f'<div class="pagination">{pager}</div>',
            ),
        )


def _write(root: Path, path: str, text: str) -> None:
    file = root / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def article_html(site: LinkSite, story: Story, seed: int = 0) -> str:
    """One article page: headline, byline, text, tags and three related stories."""
    rng = random.Random(seed * 7919 + story.index)
    same = [s for s in site.stories if s.section == story.section and s is not story]
    related = rng.sample(same, min(3, len(same)))
    text = "".join(f"<p>{html.escape(paragraph(rng))}</p>" for _ in range(rng.randint(5, 8)))
    tags = " ".join(f'<a href="/tag/{t}/">{t}</a>' for t in story.tags)
    body = (
        f'<article><h1>{html.escape(story.headline)}</h1><p class="byline">By '
        f'<a href="/author/{_slug(story.author)}/">{story.author}</a>, '
        f'<time datetime="{story.published.isoformat()}">{story.published:%d %B %Y}'
        f'</time></p>{text}<p class="tags">{tags}</p></article>'
        f'<aside class="related"><h3>Related</h3>{_teaser_list(related)}</aside>'
    )
    return _page(story.headline, body, "article", published=story.published)


def write(root: Path, site: LinkSite, sitemap_share: float = 0.0, seed: int = 0) -> None:
    """Write the site under ``root``; a sitemap lists ``sitemap_share`` of the articles."""
    for story in site.stories:
        _write(root, story.path, article_html(site, story, seed))
    _write(
        root,
        "/",
        _page("The Link Daily", "<h1>Latest</h1>" + _teaser_list(site.stories[:PER_PAGE])),
    )
    for section in SECTIONS:
        _paginated(
            root, f"/{section}/", section.title(), [s for s in site.stories if s.section == section]
        )
    for tag in TAGS:
        _paginated(root, f"/tag/{tag}/", f"Tag: {tag}", [s for s in site.stories if tag in s.tags])
    for author in NAMES:
        _paginated(
            root,
            f"/author/{_slug(author)}/",
            author,
            [s for s in site.stories if s.author == author][:PER_PAGE],
        )
    _write(
        root,
        "/private/",
        _page(
            "Private",
            '<a href="/private/2025/01/06/'
            'staff-only-budget-memo-leaked.html">Staff memo on the '
            "budget and what it means for you</a>",
        ),
    )
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    if sitemap_share > 0:
        step = max(1, round(1 / sitemap_share))
        urls = "".join(
            f"<url><loc>{{{{BASE_URL}}}}{s.path}</loc></url>" for s in site.stories[::step]
        )
        (root / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )


class LinkSiteServer(SiteServer):
    """`SiteServer` with an endless calendar: each day's page links the day before and after."""

    def resolve(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        clean = path.split("?", 1)[0]
        if clean.startswith(CALENDAR):
            try:
                day = date.fromisoformat(clean[len(CALENDAR) :].strip("/"))
            except ValueError:
                return super().resolve(path)
            body = (
                f'<h1>Events on {day}</h1><p>No events.</p><a href="{CALENDAR}'
                f'{day - timedelta(days=1)}/">Previous day</a> <a href="{CALENDAR}'
                f'{day + timedelta(days=1)}/">Next day</a>'
            )
            return (
                200,
                _page(f"Events {day}", body).encode(),
                {"Content-Type": "text/html; charset=utf-8"},
            )
        return super().resolve(path)
