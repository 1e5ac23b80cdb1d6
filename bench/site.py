"""A generated news site for the throughput benchmark (`bench.crawl`).

Pages look like real news pages in size and shape: 80-100 KB each, of which the article is
5-10 KB; the rest is what publishers wrap around it (inline CSS and scripts, JSON-LD, a
mega-menu, teaser lists, a comment box, a long footer). Three layouts, deterministic for a
given seed. A ``robots.txt``, a sitemap index with 1,000-URL sitemaps and a home page go with
them.
"""

from __future__ import annotations

import html
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

SECTIONS = ("world", "politics", "business", "science", "sport", "culture", "health", "tech")
PLACES = (
    "Lisbon",
    "Nairobi",
    "Osaka",
    "Toronto",
    "Bergen",
    "Valparaíso",
    "Tbilisi",
    "Hobart",
    "Leipzig",
    "Cebu",
    "Accra",
    "Montevideo",
)
SUBJECTS = (
    "the city council",
    "regional health officials",
    "the port authority",
    "a group of researchers",
    "the transport ministry",
    "local farmers",
    "the central bank",
    "union representatives",
    "the national weather service",
    "school administrators",
    "the energy regulator",
    "residents of the old town",
)
VERBS = (
    "announced",
    "warned",
    "confirmed",
    "argued",
    "reported",
    "estimated",
    "denied",
    "acknowledged",
    "proposed",
    "questioned",
)
OBJECTS = (
    "a plan to expand the tram network by 2030",
    "higher costs for the coming winter",
    "a sharp rise in applications since the spring",
    "delays to the bridge repairs",
    "that the budget gap would narrow next year",
    "new limits on water use",
    "a review of the tender process",
    "record visitor numbers at the museum",
    "that talks would resume on Monday",
    "a shortage of qualified nurses",
    "the closure of two rural branches",
    "a pilot scheme for cheaper housing",
)
NAMES = (
    "Ana Ribeiro",
    "Kwame Mensah",
    "Yuki Tanaka",
    "Claire Dubois",
    "Ingrid Solberg",
    "Mateo Rojas",
    "Nino Beridze",
    "Liam O'Connor",
    "Sofia Lang",
    "Marco Reyes",
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Word pools for the article text (`sentence`): wide enough that two articles share few
# three-word runs.
DETERMINERS = ("the", "a", "one", "another", "every", "that", "this", "its", "their", "no")
ADJECTIVES = _words(
    """
    new old local regional national rural urban coastal northern southern eastern western
    public private small large early late final first second annual monthly weekly interim
    formal informal cheap costly safe risky slow rapid sudden gradual modest sharp broad
    narrow strict loose quiet noisy open closed temporary permanent joint separate rival
    former current future recent popular unpopular official unofficial digital electric
    green wet dry cold warm heavy light crowded empty remote nearby central historic
    modern fragile stable volatile independent federal municipal medical legal technical
    financial cultural agricultural industrial coastal mountain harbour railway"""
)
NOUNS = _words(
    """
    council committee ministry agency bank union court hospital school university museum
    library port airport station bridge tunnel road railway tram bus ferry market factory
    farm mine forest river lake harbour dam reservoir pipeline grid plant refinery warehouse
    budget tax tariff subsidy loan grant pension wage salary rent price fee fine levy
    survey report study audit review inquiry investigation trial hearing appeal ruling
    verdict law bill decree permit licence contract tender bid deal agreement treaty pact
    plan scheme project programme strategy policy reform proposal measure rule standard
    festival exhibition concert match tournament election referendum vote campaign rally
    protest strike boycott shortage surplus deficit crisis outbreak flood drought storm
    wildfire earthquake heatwave harvest season quarter decade network system platform
    service app website database archive record figure estimate forecast target deadline
    delay closure opening expansion merger takeover partnership coalition government
    opposition mayor governor minister spokesperson director manager researcher farmer
    teacher nurse doctor driver engineer resident tenant landlord investor supplier"""
)
GROUPS = ("users", "staff", "members", "owners", "workers", "voters", "experts", "critics")
MODALS = ("would", "could", "will", "may", "might", "should", "must", "can")
PREPOSITIONS = (
    "in",
    "near",
    "outside",
    "across",
    "around",
    "beyond",
    "from",
    "for",
    "along",
    "within",
)
ACTIONS = _words(
    """
    delay expand review cancel approve reject fund cut raise extend suspend revive replace
    rebuild inspect audit challenge support oppose postpone accelerate reshape simplify
    reopen close merge privatise regulate subsidise tax redesign relocate monitor restore
    limit double halve protect examine modernise"""
)
CLAUSES = (
    "according to",
    "after talks with",
    "despite objections from",
    "citing figures from",
    "in a statement about",
    "following months of talks with",
    "as pressure mounted from",
    "with support from",
    "in response to",
    "ahead of a vote on",
    "two weeks after",
    "under pressure from",
)
QUOTES = (
    "We cannot ignore",
    "Nobody here expected",
    "People have waited too long for",
    "It is too early to judge",
    "The numbers say a lot about",
    "We will keep pushing for",
    "This was never about",
    "Everyone is talking about",
)
FIRST_NAMES = _words(
    """
    Ana Kwame Yuki Claire Ingrid Mateo Nino Liam Sofia Marco Amara Jonas Priya Tomasz Lea
    Hamid Elena Oskar Mei Tariq Freya Diego Aiko Rafael Zanele Henrik Laila Pavel Nadia
    Kofi"""
)
LAST_NAMES = _words(
    """
    Ribeiro Mensah Tanaka Dubois Solberg Rojas Beridze Connor Lang Reyes Okafor Novak
    Lindqvist Haddad Kowalski Moreau Sato Mbeki Petrov Castillo Nakamura Jensen Farouk
    Costa Walsh Iyer Brennan Vogel Santos Adeyemi"""
)
HEADLINE_WORDS = (
    "Council",
    "Plan",
    "Delay",
    "Record",
    "Warning",
    "Talks",
    "Shortage",
    "Budget",
    "Review",
    "Vote",
    "Strike",
    "Deal",
    "Flood",
    "Festival",
)


def _phrase(rng: random.Random) -> str:
    """A noun phrase: an adjective and a noun drawn from wide pools, so that three-word runs
    rarely repeat from one page to the next (as in real news text)."""
    return f"{rng.choice(DETERMINERS)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def sentence(rng: random.Random) -> str:
    """One news-style sentence.

    The sentences are drawn from wide word pools: the SimHash fingerprints of two generated
    articles then differ in about half of their bits, as those of two real articles do
    (narrow pools made every page share most of its word runs with every other, so the
    near-duplicate search found thousands of candidates per page in a long crawl).
    """
    kind = rng.random()
    place = rng.choice(PLACES)
    if kind < 0.15:
        return (
            f"\u201c{rng.choice(QUOTES)} {_phrase(rng)} {rng.choice(PREPOSITIONS)} {place},"
            f"\u201d said {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, who has followed "
            f"{_phrase(rng)} for {rng.randint(3, 25)} years."
        )
    if kind < 0.3:
        return (
            f"In {place}, {rng.randint(2, 98)} percent of {rng.choice(NOUNS)} "
            f"{rng.choice(GROUPS)} {rng.choice(VERBS)} {_phrase(rng)} "
            f"{rng.choice(PREPOSITIONS)} {_phrase(rng)}."
        )
    text = (
        f"{_phrase(rng)} {rng.choice(PREPOSITIONS)} {place} {rng.choice(VERBS)} that "
        f"{_phrase(rng)} {rng.choice(MODALS)} {rng.choice(ACTIONS)} {_phrase(rng)}, "
        f"{rng.choice(CLAUSES)} {_phrase(rng)}."
    )
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def _css(rng: random.Random, rules: int) -> str:
    props = (
        "margin:0 auto",
        "padding:12px 16px",
        "display:flex",
        "color:#1a1a1a",
        "font-family:Georgia,serif",
        "line-height:1.6",
        "border-bottom:1px solid #ddd",
        "grid-template-columns:repeat(3,1fr)",
        "background:#f7f7f5",
        "font-size:0.875rem",
    )
    return "\n".join(
        f".c-{rng.randint(1000, 9999)}-{i} > .item:hover{{{';'.join(rng.sample(props, 4))}}}"
        for i in range(rules)
    )


def _script(rng: random.Random, size: int) -> str:
    chunks = []
    total = 0
    while total < size:
        chunk = (
            f'{{"slot":"ad-{rng.randint(1, 999)}","sizes":[[300,250],[728,90]],'
            f'"targeting":{{"section":"{rng.choice(SECTIONS)}","pos":{rng.randint(1, 9)},'
            f'"kw":"{rng.choice(HEADLINE_WORDS).lower()}"}},"lazy":true}}'
        )
        chunks.append(chunk)
        total += len(chunk) + 1
    return "window.__adConfig=[" + ",".join(chunks) + "];"


def _nav(base: str, rng: random.Random) -> str:
    links = "".join(
        f'<li><a href="{base}/{s}/">{s.title()}</a><ul class="sub">'
        + "".join(
            f'<li><a href="{base}/{s}/topic-{k}/">{rng.choice(HEADLINE_WORDS)} '
            f"{rng.choice(PLACES)}</a></li>"
            for k in range(8)
        )
        + "</ul></li>"
        for s in SECTIONS
    )
    return (
        f'<header class="site-header"><a class="logo" href="{base}/">The Daily Bench</a>'
        f'<nav class="main-nav"><ul>{links}</ul></nav>'
        '<div class="subscribe">Subscribe for unlimited access. Sign in</div></header>'
    )


def _teasers(base: str, rng: random.Random, count: int, title: str) -> str:
    items = "".join(
        f'<li class="teaser"><a href="{base}/{rng.choice(SECTIONS)}/story-{rng.randint(1, 99999)}'
        f'.html"><img src="/img/{rng.randint(1, 500)}.jpg" alt=""><span>'
        f"{rng.choice(HEADLINE_WORDS)} in {rng.choice(PLACES)}: {rng.choice(OBJECTS)}"
        "</span></a></li>"
        for _ in range(count)
    )
    return f'<aside class="related"><h3>{title}</h3><ul>{items}</ul></aside>'


def _footer(base: str, rng: random.Random) -> str:
    links = "".join(
        f'<li><a href="{base}/page/{i}/">{rng.choice(HEADLINE_WORDS)} '
        f"{rng.choice(SECTIONS)}</a></li>"
        for i in range(60)
    )
    return (
        f'<footer class="site-footer"><ul class="footer-links">{links}</ul>'
        "<p>Follow us on social media. Download our app. Sign up for the morning "
        "newsletter.</p><p>\u00a9 2025 The Daily Bench. All rights reserved.</p></footer>"
    )


def article_page(base: str, index: int, seed: int = 0) -> tuple[str, str, datetime]:
    """Return (path, HTML, publication time) of article ``index``."""
    rng = random.Random(seed * 1_000_003 + index)
    section = SECTIONS[index % len(SECTIONS)]
    headline = (
        f"{rng.choice(HEADLINE_WORDS)} in {rng.choice(PLACES)}: "
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    )
    headline = headline[0].upper() + headline[1:]
    published = datetime(2025, 1, 6, 8, tzinfo=UTC) - timedelta(hours=3 * index)
    path = f"/{section}/{published:%Y/%m/%d}/story-{index}.html"
    author = rng.choice(NAMES)
    paragraphs = [paragraph(rng) for _ in range(rng.randint(10, 18))]
    layout = index % 3
    title = html.escape(headline)
    if layout == 0:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        main = (
            f'<article class="story"><h1>{title}</h1><p class="byline">By '
            f'<span class="author">{author}</span> <time datetime="{published.isoformat()}">'
            f"{published:%d %B %Y}</time></p>"
            f'<div class="article-body">{body}</div></article>'
        )
    elif layout == 1:
        parts = []
        for n, p in enumerate(paragraphs):
            if n and n % 5 == 0:
                parts.append(
                    f"<h2>{html.escape(rng.choice(HEADLINE_WORDS))} and what comes next</h2>"
                )
            parts.append(f"<p>{html.escape(p)}</p>")
        main = (
            f'<div class="story-wrapper"><div class="headline-block"><h1 class="title">'
            f'{title}</h1><div class="meta">{author} | {published:%Y-%m-%d %H:%M}</div></div>'
            f'<div class="story-content">{"".join(parts)}</div></div>'
        )
    else:
        parts = [
            f"<p>{html.escape(paragraphs[0])}</p>",
            f'<figure><img src="/img/{index}.jpg" alt=""><figcaption>'
            f"{html.escape(rng.choice(PLACES))}, {published:%B %Y}</figcaption></figure>",
        ]
        for n, p in enumerate(paragraphs[1:]):
            if n == 3:
                parts.append(f"<blockquote><p>{html.escape(rng.choice(QUOTES))}.</p></blockquote>")
            parts.append(f"<p>{html.escape(p)}</p>")
        main = (
            f'<main id="content"><section class="feature"><header><h1>{title}</h1>'
            f'<address class="author">{author}</address></header>{"".join(parts)}'
            "</section></main>"
        )
    jsonld = (
        f'{{"@context":"https://schema.org","@type":"NewsArticle","headline":'
        f'"{html.escape(headline)}","datePublished":"{published.isoformat()}",'
        f'"author":{{"@type":"Person","name":"{author}"}}}}'
    )
    head = (
        f'<head><meta charset="utf-8"><title>{title} | The Daily Bench</title>'
        f'<link rel="canonical" href="{base}{path}">'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        f'<meta name="author" content="{author}">'
        f'<script type="application/ld+json">{jsonld}</script>'
        f"<style>{_css(rng, rng.randint(120, 180))}</style></head>"
    )
    page = (
        f'<!DOCTYPE html><html lang="en">{head}<body class="layout-{layout}">'
        f"{_nav(base, rng)}{main}"
        f"{_teasers(base, rng, rng.randint(12, 20), 'More from ' + section.title())}"
        '<div class="comments"><h3>Comments</h3><p>Comments are closed for this '
        "article.</p></div>"
        f"{_teasers(base, rng, rng.randint(15, 25), 'Most read')}"
        f"{_footer(base, rng)}"
    )
    target = rng.randint(80_000, 100_000)
    padding = max(0, target - len(page.encode()) - 40)
    page += f"<script>{_script(rng, padding)}</script></body></html>"
    return path, page, published


def write_site(root: Path, base: str, pages: int, seed: int = 0) -> int:
    """Write ``pages`` article pages, sitemaps, ``robots.txt`` and a home page under ``root``.

    Returns:
        The total size of the article pages in bytes.
    """
    total = 0
    entries: list[tuple[str, datetime]] = []
    for index in range(pages):
        path, page, published = article_page(base, index, seed)
        file = root / path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        data = page.encode()
        file.write_bytes(data)
        total += len(data)
        entries.append((path, published))
    sitemaps = []
    for start in range(0, len(entries), 1000):
        name = f"sitemap-{start // 1000 + 1}.xml"
        urls = "".join(
            f"<url><loc>{base}{path}</loc><lastmod>{published.isoformat()}</lastmod></url>"
            for path, published in entries[start : start + 1000]
        )
        (root / name).write_text(
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )
        sitemaps.append(name)
    index_xml = "".join(f"<sitemap><loc>{base}/{name}</loc></sitemap>" for name in sitemaps)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index_xml}</sitemapindex>'
    )
    (root / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
    (root / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>The Daily Bench</title></head><body>"
        + "".join(f'<a href="{base}{path}">{path}</a>' for path, _ in entries[:50])
        + "</body></html>"
    )
    return total
