"""Write the multilingual evaluation set from its source texts (deterministic).

Usage::

    python -m bench.datasets.make_multilingual    # (re)write the dataset and its labels

Source: ``multilingual_src/<lang>.json``, one file a language, holding the site (name,
domain, time zone), the page furniture in that language (``ui``: widget labels, month
names, date format) and the articles (title, byline as printed, the people and
organisations it credits, local publication time, body blocks). Every article is
rendered through one of the site templates of ``TEMPLATES`` (chosen by position, so the
same source always gives the same pages); each template looks like a real CMS and
places boilerplate *inside and next to* the article body in that page's language.

Output (``bench/datasets/multilingual/``):

- ``html/<id>.html.gz``: the page (gzip with a fixed mtime, so reruns are byte-identical);
- ``ground_truth.jsonl``: ``{"id", "url", "body", "lang", "template", "split",
  "injected", "lookalike"}``: ``body`` is the article text a reader reads (subheadings,
  list items and quotes included; headline, byline and dateline not), ``injected`` the
  boilerplate lines placed in or next to the content area (exactly as a reader sees each
  as a line) that must not be kept, ``lookalike`` the body paragraphs that mention
  translating, sharing, watching, reading or advertising and must be kept;
- ``bench/labels/multilingual-metadata.jsonl``: the metadata a reader sees (dateline's
  day in the publisher's time zone, byline people, credited organisations).
"""

# The page templates are HTML as CMSs print it, one element a line, wider than code lines.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as htmllib
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
SRC = HERE / "multilingual_src"
OUT = HERE / "multilingual"
LABELS = HERE.parent / "labels" / "multilingual-metadata.jsonl"

#: Templates whose pages are all in the holdout split (used nowhere in ``tune``).
HOLDOUT_TEMPLATES = frozenset({"ghost", "regional"})
#: Languages whose pages are all in the holdout split.
HOLDOUT_LANGUAGES = frozenset({"zu", "sw", "th", "he"})
#: Of the remaining pages, one in ``HOLDOUT_EVERY`` (by a hash of the page id, so adding
#: pages never moves others) also goes to holdout, so that it covers tune templates too.
HOLDOUT_EVERY = 20


def esc(text: str) -> str:
    """Text for HTML (quotes too, so it also fits attributes)."""
    return htmllib.escape(text, quote=True)


def slugify(text: str) -> str:
    """An ASCII slug (non-Latin titles fall back to the article's own slug)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Page:
    """One article with everything a template needs to render it."""

    lang: str
    index: int
    site: dict[str, Any]
    ui: dict[str, Any]
    art: dict[str, Any]
    others: list[str]
    template: str = ""
    rng: random.Random = field(default_factory=random.Random)
    injected: list[str] = field(default_factory=list)
    injected_kinds: list[str] = field(default_factory=list)
    #: How the page's markup gives the publication time: "local" (ISO with the offset),
    #: "utc" (only a UTC time) or "none" (only the visible dateline).
    markup_time: str = "none"

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.index:02d}-{self.art['slug']}"

    @property
    def title(self) -> str:
        return str(self.art["title"])

    @property
    def site_name(self) -> str:
        return str(self.site["name"])

    @property
    def local(self) -> datetime:
        naive = datetime.fromisoformat(self.art["published"])
        return naive.replace(tzinfo=ZoneInfo(self.site["tz"]))

    @property
    def utc(self) -> datetime:
        return self.local.astimezone(UTC)

    @property
    def section(self) -> str:
        return str(self.art["section"])

    @property
    def url(self) -> str:
        d = self.local
        base = f"https://{self.site['domain']}"
        shapes = {
            "wp": f"{base}/{d:%Y/%m/%d}/{self.art['slug']}/",
            "arc": f"{base}/{slugify(self.art.get('section_slug', 'news'))}/{d:%Y/%m/%d}/"
            f"{self.art['slug']}/",
            "drupal": f"{base}/{slugify(self.art.get('section_slug', 'news'))}/{self.art['slug']}",
            "ghost": f"{base}/{self.art['slug']}/",
            "table": f"{base}/news/view.php?id={40000 + 97 * self.index + len(self.lang)}",
            "regional": f"{base}/{slugify(self.art.get('section_slug', 'news'))}/"
            f"{self.art['slug']}-{d:%Y%m%d}{self.index}",
            "cjk": f"{base}/article/{d:%Y%m%d}{self.index:04d}",
            "wire": f"{base}/world/{self.art['slug']}-{d:%Y-%m-%d}/",
        }
        return shapes[self.template]

    def dateline(self, when: datetime | None = None) -> str:
        """The date as the page prints it, in the publisher's time zone."""
        d = when or self.local
        months = self.ui["months"]
        return str(self.ui["date"]).format(
            d=d.day,
            d2=f"{d.day:02d}",
            m=d.month,
            m2=f"{d.month:02d}",
            month=months[d.month - 1],
            y=d.year,
            H=f"{d.hour:02d}",
            M=f"{d.minute:02d}",
        )

    def inject(self, *lines: str, kind: str) -> None:
        """Record boilerplate lines a reader sees, with the kind of widget they belong to."""
        for line in lines:
            if line.strip():
                self.injected.append(line)
                self.injected_kinds.append(kind)


# ---------------------------------------------------------------------------------------
# Body blocks


def body_text(blocks: Sequence[Any]) -> str:
    """The reference body: one line a paragraph, subheading, list item or quote."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif "ul" in block or "ol" in block:
            lines.extend(block.get("ul") or block.get("ol"))
        else:
            lines.append(next(iter(block.values())))
    return "\n\n".join(lines)


def lookalikes(blocks: Sequence[Any]) -> list[str]:
    return [b["la"] for b in blocks if isinstance(b, dict) and "la" in b]


def render_blocks(
    blocks: Sequence[Any], *, p: str = "<p>{}</p>", h: str = "<h2>{}</h2>", br: bool = False
) -> list[str]:
    """HTML of each block (``br``: old portals separate paragraphs by ``<br><br>``)."""
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(f"{esc(block)}<br><br>" if br else p.format(esc(block)))
        elif "h" in block:
            out.append(f"<b>{esc(block['h'])}</b><br><br>" if br else h.format(esc(block["h"])))
        elif "q" in block:
            out.append(f"<blockquote><p>{esc(block['q'])}</p></blockquote>")
        elif "la" in block:
            out.append(f"{esc(block['la'])}<br><br>" if br else p.format(esc(block["la"])))
        else:
            tag = "ul" if "ul" in block else "ol"
            items = "".join(f"<li>{esc(i)}</li>" for i in block[tag])
            out.append(f"<{tag}>{items}</{tag}>")
    return out


def weave(parts: list[str], inserts: Sequence[tuple[int, str]]) -> str:
    """Place widget HTML after the given block positions (clamped to the body)."""
    out = list(parts)
    for pos, snippet in sorted(inserts, key=lambda x: -x[0]):
        out.insert(min(max(pos, 0), len(out)), snippet)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# Widgets: each returns its HTML and records the lines a reader sees. ``style`` varies
# the markup: "class" (telling class names), "plain" (bare p/div) or "button".


def w_translate(pg: Page, style: str) -> str:
    ui = pg.ui
    label, choose = ui["translate"], ui["choose_language"]
    options = "".join(
        f'<option value="{i}">{esc(n)}</option>' for i, n in enumerate(ui["languages"])
    )
    if style == "class":
        pg.inject(label, choose, kind="translate")
        return (
            f'<div class="translate-widget gtranslate_wrapper" aria-label="{esc(label)}">'
            f'<span class="translate-label">{esc(label)}</span>'
            f'<select class="gt_selector notranslate" onchange="doGTranslate(this);">'
            f'<option value="">{esc(choose)}</option>{options}</select></div>'
        )
    if style == "plain":
        langs = " | ".join(ui["languages"])
        pg.inject(label, langs, kind="translate")
        links = " | ".join(f'<a href="?hl={i}">{esc(n)}</a>' for i, n in enumerate(ui["languages"]))
        return f"<p><strong>{esc(label)}</strong></p>\n<div>{links}</div>"
    pg.inject(f"{label} {choose}", kind="translate")
    return (
        f'<div class="tools"><label for="tl">{esc(label)}</label> '
        f'<select id="tl"><option>{esc(choose)}</option>{options}</select></div>'
    )


NETWORKS = ("Facebook", "X", "WhatsApp", "Telegram")


def w_share(pg: Page, style: str) -> str:
    ui = pg.ui
    if style == "class":
        pg.inject(ui["share"], f"{ui['copy_link']}", kind="share")
        icons = "".join(
            f'<li class="share-{n.lower()}"><a href="https://share.example/{n.lower()}" '
            f'title="{n}" aria-label="{n}"><svg class="icon"><use href="#i-{n.lower()}"/></svg>'
            "</a></li>"
            for n in NETWORKS
        )
        return (
            f'<div class="share-bar social-share"><span class="share-title">{esc(ui["share"])}'
            f'</span><ul class="share-list">{icons}</ul>'
            f'<button class="copy-link" data-clipboard="{esc(pg.url)}">{esc(ui["copy_link"])}'
            "</button></div>"
        )
    if style == "plain":
        line = " ".join((ui["share"], *NETWORKS[:3], ui["email"]))
        pg.inject(line, kind="share")
        links = " ".join(f'<a href="#">{n}</a>' for n in (*NETWORKS[:3], ui["email"]))
        return f"<div>{esc(ui['share'])} {links}</div>"
    pg.inject(ui["copy_link"], ui["print"], kind="share")
    return (
        f'<div class="actions"><button type="button">{esc(ui["copy_link"])}</button> '
        f'<button type="button" onclick="window.print()">{esc(ui["print"])}</button></div>'
    )


def w_video(pg: Page, style: str) -> str:
    ui = pg.ui
    title = pg.rng.choice(ui["videos"])
    line = f"{ui['watch']} {title}"
    pg.inject(line, kind="video")
    if style == "class":
        return (
            f'<div class="video-promo inline-video"><a href="/video/{pg.index}">'
            f'<span class="video-label">{esc(ui["watch"])}</span> {esc(title)}</a></div>'
        )
    return f'<p><a href="/video/{pg.index}"><b>{esc(ui["watch"])}</b> {esc(title)}</a></p>'


def w_ad(pg: Page, style: str) -> str:
    ui = pg.ui
    if style == "class":
        pg.inject(ui["ad"], kind="ad")
        return (
            f'<div class="ad-slot ad-container" data-ad-unit="/2134/{pg.site["domain"]}/mid">'
            f'<span class="ad-label">{esc(ui["ad"])}</span><div id="div-gpt-ad-{pg.index}">'
            "</div></div>"
        )
    if style == "plain":
        pg.inject(ui["ad"], ui["ad_continue"], kind="ad")
        return f"<div><small>{esc(ui['ad'])}</small></div>\n<p><i>{esc(ui['ad_continue'])}</i></p>"
    pg.inject(ui["ad_continue"], kind="ad")
    return f'<div><a href="#after-ad" role="button">{esc(ui["ad_continue"])}</a></div>'


def w_read_also(pg: Page, style: str) -> str:
    other = pg.others[pg.index % len(pg.others)]
    label = pg.ui["read_also"]
    pg.inject(f"{label} {other}", kind="read_also")
    href = f"/{slugify(other) or 'news'}-{pg.index + 7}"
    if style == "class":
        return (
            f'<aside class="read-also related-inline"><strong>{esc(label)}</strong> '
            f'<a href="{href}">{esc(other)}</a></aside>'
        )
    return f'<p><strong>{esc(label)}</strong> <a href="{href}">{esc(other)}</a></p>'


def w_newsletter(pg: Page, style: str) -> str:
    ui = pg.ui
    pg.inject(ui["newsletter"], ui["subscribe"], kind="newsletter")
    if style == "class":
        return (
            f'<div class="newsletter-signup"><p>{esc(ui["newsletter"])}</p><form action="/nl">'
            f'<input type="email" name="email"><button type="submit">{esc(ui["subscribe"])}'
            "</button></form></div>"
        )
    return (
        f'<p>{esc(ui["newsletter"])}</p>\n<p><a href="/newsletter">{esc(ui["subscribe"])}</a></p>'
    )


def w_follow(pg: Page, style: str) -> str:
    line = pg.ui["follow"]
    pg.inject(line, kind="follow")
    if style == "class":
        return f'<div class="follow-us social-follow"><p>{esc(line)}</p></div>'
    return f"<p><em>{esc(line)}</em></p>"


def w_list(pg: Page, heading: str, style: str, count: int = 3) -> str:
    titles = [t for t in pg.others if t][:count]
    pg.inject(heading, *titles, kind="list")
    items = "".join(
        f'<li><a href="/{slugify(t) or "a"}-{k}">{esc(t)}</a></li>' for k, t in enumerate(titles)
    )
    if style == "class":
        return f'<section class="related-posts"><h3>{esc(heading)}</h3><ul>{items}</ul></section>'
    return f"<div><h4>{esc(heading)}</h4><ul>{items}</ul></div>"


def w_related(pg: Page, style: str) -> str:
    return w_list(pg, pg.ui["related"], style)


def w_popular(pg: Page, style: str) -> str:
    heading = str(pg.ui["popular"]).format(site=pg.site_name)
    pg.others = pg.others[1:] + pg.others[:1]
    return w_list(pg, heading, style, count=4)


def w_listen(pg: Page, style: str) -> str:
    ui = pg.ui
    minutes = max(1, len(body_text(pg.art["blocks"]).split()) // 200 + 1)
    reading = str(ui["reading_time"]).format(n=minutes)
    pg.inject(ui["listen"], reading, kind="listen")
    if style == "class":
        return (
            f'<div class="article-audio"><button class="listen-button">{esc(ui["listen"])}'
            f'</button><span class="reading-time">{esc(reading)}</span></div>'
        )
    return f"<div><span>{esc(ui['listen'])}</span> · <span>{esc(reading)}</span></div>".replace(
        " · ", "</div><div>"
    )


def w_comments(pg: Page) -> str:
    ui = pg.ui
    samples = ui["comment_samples"]
    heading = f"{ui['comments']} ({len(samples)})"
    pg.inject(heading, *samples, kind="comments")
    items = "".join(
        f'<li class="comment"><div class="comment-author">user{k + 12}</div>'
        f'<div class="comment-content"><p>{esc(s)}</p></div></li>'
        for k, s in enumerate(samples)
    )
    return (
        f'<section id="comments" class="comments-area"><h3 class="comments-title">'
        f'{esc(heading)}</h3><ol class="comment-list">{items}</ol></section>'
    )


def w_tags(pg: Page) -> str:
    tags = pg.art.get("tags") or [pg.section]
    label = pg.ui["tags"]
    pg.inject(f"{label}: {', '.join(tags)}", kind="tags")
    links = ", ".join(
        f'<a href="/tag/{slugify(t) or k}" rel="tag">{esc(t)}</a>' for k, t in enumerate(tags)
    )
    return f'<div class="tags-links">{esc(label)}: {links}</div>'


def repeated_headline(pg: Page) -> str:
    """The headline as some CMSs repeat it atop the body, sometimes with a space lost."""
    title = pg.title
    spaces = [m.start() for m in re.finditer(" ", title)]
    if spaces and pg.rng.random() < 0.5:
        cut = spaces[len(spaces) // 2]
        title = title[:cut] + title[cut + 1 :]
    pg.inject(title, kind="headline")
    return title


# ---------------------------------------------------------------------------------------
# Head: meta, Open Graph, JSON-LD, sometimes missing or wrong in the ways real pages are.


def head(
    pg: Page, *, title_sep: str = " &#8211; ", jsonld: str = "full", utc_only: bool = False
) -> str:
    site = esc(pg.site_name)
    desc = esc(first_sentence(pg.art["blocks"]))
    stamp = pg.utc.strftime("%Y-%m-%dT%H:%M:%SZ") if utc_only else pg.local.isoformat()
    if jsonld != "none":
        pg.markup_time = "utc" if utc_only else "local"
    parts = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(pg.title)}{title_sep}{site}</title>",
        f'<meta name="description" content="{desc}">',
        f'<link rel="canonical" href="{esc(pg.url)}">',
        f'<meta property="og:title" content="{esc(pg.title)}">',
        f'<meta property="og:site_name" content="{site}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{esc(pg.url)}">',
        f'<meta property="og:image" content="https://{pg.site["domain"]}/img/{pg.index}.jpg">',
        '<meta name="twitter:card" content="summary_large_image">',
    ]
    if jsonld != "none":
        parts.append(f'<meta property="article:published_time" content="{stamp}">')
        parts.append(f'<meta property="article:section" content="{esc(pg.section)}">')
    if jsonld in ("full", "entity", "generic"):
        people = [{"@type": "Person", "name": a} for a in pg.art["authors"]]
        orgs = [{"@type": "Organization", "name": o} for o in pg.art["organizations"]]
        headline, publisher = pg.title, pg.site_name
        if jsonld == "entity":
            # WordPress SEO plugins write HTML-escaped text into the JSON strings.
            headline = esc(headline).replace("–", "&#8211;").replace("’", "&#8217;")
            publisher = esc(publisher)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "datePublished": stamp,
            "author": (people + orgs) or {"@type": "Organization", "name": pg.site_name},
            # "generic": the CMS account that posted the story, typed as a person.
            **(
                {"author": {"@type": "Person", "name": pg.site_name}} if jsonld == "generic" else {}
            ),
            "publisher": {"@type": "Organization", "name": publisher},
            "inLanguage": pg.lang,
            "mainEntityOfPage": pg.url,
        }
        if pg.art.get("modified"):
            mod = datetime.fromisoformat(pg.art["modified"]).replace(tzinfo=ZoneInfo(pg.site["tz"]))
            data["dateModified"] = (
                mod.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if utc_only else mod.isoformat()
            )
        parts.append(
            '<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            + "</script>"
        )
    parts.append(
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
        "gtag('js',new Date());gtag('config','G-X12345');</script>"
    )
    parts.append('<link rel="stylesheet" href="/assets/main.css?v=20250301">')
    return "\n".join(parts)


def first_sentence(blocks: Sequence[Any]) -> str:
    text = next(b for b in blocks if isinstance(b, str))
    match = re.match(r"(.+?[.!?。！？।])(\s|$)", text)
    return match.group(1) if match else text[:160]


def nav(pg: Page) -> str:
    items = "".join(
        f'<li><a href="/{slugify(n) or k}/">{esc(n)}</a></li>' for k, n in enumerate(pg.ui["nav"])
    )
    return f'<nav class="main-nav" role="navigation"><ul class="menu">{items}</ul></nav>'


def breadcrumb(pg: Page) -> str:
    return (
        f'<nav class="breadcrumb" aria-label="breadcrumb"><a href="/">{esc(pg.ui["home"])}</a>'
        f' › <a href="/{slugify(pg.section) or "s"}/">{esc(pg.section)}</a></nav>'
    )


def footer(pg: Page) -> str:
    year = pg.local.year
    links = " | ".join(f'<a href="/{k}">{esc(n)}</a>' for k, n in enumerate(pg.ui["nav"][:3]))
    return (
        f'<footer class="site-footer"><div class="footer-links">{links}</div>'
        f"<p>© {year} {esc(pg.site_name)}. {esc(pg.ui['footer'])}</p></footer>"
    )


def html_lang(pg: Page, wrong: bool = False) -> str:
    """The ``lang`` attribute (``wrong``: a theme's default left in); RTL sites add ``dir``."""
    lang = "en-GB" if wrong else str(pg.site.get("html_lang", pg.lang))
    return f'{lang}" dir="rtl' if pg.site.get("rtl") else lang


# ---------------------------------------------------------------------------------------
# Templates


def t_wp(pg: Page) -> str:
    """A WordPress news theme: entry-content, Jetpack sharing, related posts, comments."""
    a = pg.art
    blocks = render_blocks(a["blocks"])
    style = pg.rng.choice(["class", "plain"])
    top = w_translate(pg, style) if pg.index % 2 == 0 else ""
    inserts = [(2, w_read_also(pg, style)), (4, w_ad(pg, pg.rng.choice(["class", "plain"])))]
    if pg.index % 2:
        inserts.append((3, w_video(pg, style)))
    body = weave(blocks, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(pg.section, kind="section")
    pg.inject(byline, kind="byline")
    pg.inject(date, kind="dateline")
    after = w_share(pg, "class") + "\n" + w_related(pg, "class") + "\n" + w_tags(pg)
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg)}" prefix="og: https://ogp.me/ns#"><head>
{head(pg, jsonld="entity" if pg.index % 3 == 0 else "full")}
<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3' media='all'>
</head>
<body class="post-template-default single single-post postid-{1000 + pg.index} single-format-standard">
<div id="page" class="site"><header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{esc(pg.site_name)}</a></p></div>
{nav(pg)}</header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-{1000 + pg.index}" class="post type-post status-publish hentry">
<header class="entry-header"><span class="cat-links"><a href="/category/{slugify(pg.section) or "s"}/" rel="category tag">{esc(pg.section)}</a></span>
<h1 class="entry-title">{esc(pg.title)}</h1>
<div class="entry-meta"><span class="byline">{esc(byline)}</span> <span class="posted-on"><time class="entry-date published" datetime="{pg.local.isoformat()}">{esc(date)}</time></span></div>
</header>
<div class="entry-content">
{top}
{body}
</div>
<footer class="entry-footer">{after}</footer>
</article>
{w_comments(pg)}
</main></div>
{footer(pg)}</div>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</body></html>"""


def t_arc(pg: Page) -> str:
    """An Arc/Next.js-style page: JSON-LD, __NEXT_DATA__, data-testid markup, UTC times."""
    a = pg.art
    blocks = render_blocks(
        a["blocks"],
        p='<p class="c-paragraph" data-testid="paragraph">{}</p>',
        h='<h2 class="c-heading">{}</h2>',
    )
    utc_only = pg.index % 2 == 1
    inserts = [
        (1, w_video(pg, "class")),
        (3, w_ad(pg, "button" if pg.index % 2 else "class")),
        (5, w_read_also(pg, "plain")),
    ]
    body = weave(blocks, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(pg.section, kind="section")
    pg.inject(byline, kind="byline")
    pg.inject(date, kind="dateline")
    listen = w_listen(pg, "class")
    share = w_share(pg, "button")
    after = w_newsletter(pg, "class") + "\n" + w_popular(pg, "plain")
    nextdata = json.dumps(
        {
            "props": {
                "pageProps": {
                    "globalContent": {
                        "_id": f"ABC{pg.index}XYZ",
                        "type": "story",
                        "headlines": {"basic": pg.title},
                    }
                }
            },
            "page": "/[...slug]",
            "buildId": "a1b2c3",
        },
        ensure_ascii=False,
    ).replace("</", "<\\/")
    stamp = pg.utc.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg)}"><head>
{head(pg, title_sep=" | ", utc_only=utc_only, jsonld="generic" if pg.index % 3 == 2 else "full")}
<link rel="preload" href="/_next/static/css/7a1c.css" as="style">
</head><body>
<div id="__next"><div class="b-layout">
<header class="c-header" data-testid="header"><a class="c-logo" href="/">{esc(pg.site_name)}</a>{nav(pg)}</header>
<main class="b-main"><article class="b-article">
<div class="c-overline" data-testid="overline"><a href="/{slugify(pg.section) or "s"}/">{esc(pg.section)}</a></div>
<h1 class="c-headline" data-testid="headline">{esc(pg.title)}</h1>
<div class="c-byline" data-testid="byline"><span class="c-byline__name">{esc(byline)}</span></div>
<div class="c-date"><time datetime="{stamp}">{esc(date)}</time></div>
{listen}
{share}
<div class="b-article-body article-body__content" data-testid="article-body">
{body}
</div>
{after}
</article></main>
{footer(pg)}</div></div>
<script id="__NEXT_DATA__" type="application/json">{nextdata}</script>
</body></html>"""


def t_drupal(pg: Page) -> str:
    """A Drupal site: field--name-body, block-views teasers, breadcrumb, comments."""
    a = pg.art
    blocks = render_blocks(a["blocks"])
    pg.inject(pg.section, kind="section")
    inserts = [(2, w_newsletter(pg, "plain")), (4, w_read_also(pg, "class"))]
    body = weave(blocks, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(date, kind="dateline")
    pg.inject(byline, kind="byline")
    follow = w_follow(pg, "plain")
    related = w_related(pg, "plain")
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg)}" dir="ltr"><head>
{head(pg, title_sep=" | ", jsonld="none" if pg.index % 3 == 2 else "full")}
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<meta name="author" content="{esc(pg.site_name)}">
</head><body class="path-node page-node-type-article">
<div class="dialog-off-canvas-main-canvas"><header role="banner"><div class="region region-header"><a href="/" class="site-logo">{esc(pg.site_name)}</a></div>
<div class="region region-primary-menu">{nav(pg)}</div></header>
<div class="region region-breadcrumb">{breadcrumb(pg)}</div>
<main role="main"><div class="region region-content">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{esc(pg.title)}</span></h1>
<div class="node__content">
<div class="field field--name-field-section">{esc(pg.section)}</div>
<div class="node__meta"><div>{esc(date)}</div><div class="field field--name-field-author">{esc(byline)}</div></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{body}
</div>
{follow}
</div></article>
<div class="block block-views block-views-blockrelated-content-block-1">{related}</div>
{w_comments(pg)}
</div></main>
{footer(pg)}</div>
<script src="/core/assets/vendor/once/once.min.js?v=1.0.1"></script>
</body></html>"""


def t_ghost(pg: Page) -> str:
    """A Ghost blog-style publication: gh-content, kg cards, members signup."""
    a = pg.art
    blocks = render_blocks(a["blocks"])
    headline = repeated_headline(pg)
    inserts = [
        (0, f"<p><strong>{esc(headline)}</strong></p>"),
        (3, w_video(pg, "plain")),
        (5, w_ad(pg, "plain")),
    ]
    body = weave(blocks, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(byline, kind="byline")
    pg.inject(date, kind="dateline")
    share = w_share(pg, "plain")
    signup = w_newsletter(pg, "plain")
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg)}"><head>
{head(pg, title_sep=" - ", utc_only=True)}
<meta name="generator" content="Ghost 5.80">
</head><body class="post-template">
<div class="viewport"><header id="gh-head" class="gh-head"><a class="gh-head-logo" href="/">{esc(pg.site_name)}</a>{nav(pg)}</header>
<main id="site-main" class="site-main"><article class="article post">
<header class="article-header gh-canvas"><div class="article-tag post-card-tags"><a href="/tag/{slugify(pg.section) or "s"}/">{esc(pg.section)}</a></div>
<h1 class="article-title">{esc(pg.title)}</h1>
<div class="article-byline"><div class="article-byline-meta"><h4 class="author-name">{esc(byline)}</h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="{pg.utc:%Y-%m-%d}">{esc(date)}</time></div></div></div>
</header>
<section class="gh-content gh-canvas">
{body}
{share}
</section>
<section class="article-comments gh-canvas">{signup}</section>
</article></main>
{footer(pg)}</div>
<script src="/assets/built/casper.js?v=1a2b3c"></script>
</body></html>"""


def t_table(pg: Page) -> str:
    """An old table-based portal: font tags, <br><br> paragraphs, no JSON-LD."""
    a = pg.art
    parts = render_blocks(a["blocks"], br=True)
    pg.inject(pg.section, kind="section")
    inserts = [(2, w_ad(pg, "plain")), (3, w_read_also(pg, "plain"))]
    body = weave(parts, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(f"{date} | {byline}", kind="byline")
    translate = w_translate(pg, "button")
    navcells = "".join(
        f'<td class="menu"><a href="/{k}.php">{esc(n)}</a></td>' for k, n in enumerate(pg.ui["nav"])
    )
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(pg.site_name)} :: {esc(pg.title)}</title>
<meta name="keywords" content="{esc(", ".join(a.get("tags") or [pg.section]))}">
<meta name="description" content="{esc(first_sentence(a["blocks"]))}">
</head><body bgcolor="#ffffff" topmargin="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="2"><a href="/"><img src="/img/logo.gif" alt="{esc(pg.site_name)}" border="0"></a></td></tr>
<tr>{navcells}</tr></table>
<table width="980" border="0" cellspacing="0" cellpadding="4" align="center"><tr>
<td width="160" valign="top" class="left"><b>{esc(pg.ui["nav"][0])}</b><br><a href="/a.php">{esc(pg.ui["nav"][1])}</a><br><a href="/b.php">{esc(pg.ui["nav"][2])}</a></td>
<td width="640" valign="top">
<font size="2" color="#999999">{esc(pg.section)}</font><br>
<font size="5"><b>{esc(pg.title)}</b></font><br>
<font size="1">{esc(date)} | {esc(byline)}</font><br><br>
{translate}
<font size="3" face="Arial">
{body}
</font>
</td>
<td width="180" valign="top">{w_popular(pg, "plain")}</td></tr></table>
<table width="980" align="center"><tr><td align="center"><font size="1">© {pg.local.year} {esc(pg.site_name)} &middot; {esc(pg.ui["footer"])}</font></td></tr></table>
</body></html>"""


def t_regional(pg: Page) -> str:
    """A regional portal with heavy widgets in plain divs (few telling class names)."""
    a = pg.art
    blocks = render_blocks(a["blocks"], p="<p>{}</p>", h="<h3>{}</h3>")
    pg.inject(pg.section, kind="section")
    headline = repeated_headline(pg)
    inserts = [
        (1, w_read_also(pg, "plain")),
        (2, w_video(pg, "plain")),
        (3, w_ad(pg, "plain")),
        (5, w_follow(pg, "plain")),
    ]
    body = weave(blocks, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(byline, kind="byline")
    pg.inject(date, kind="dateline")
    translate = w_translate(pg, "plain")
    share = w_share(pg, "plain")
    share_bottom = w_share(pg, "button")
    popular = w_popular(pg, "plain")
    wrong_lang = pg.index % 2 == 0
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg, wrong=wrong_lang)}"><head>
{head(pg, title_sep=" &#8211; ", jsonld="full", utc_only=True)}
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head><body>
<div id="wrap"><div id="top">{nav(pg)}<div id="weather">{esc(pg.ui["nav"][-1])} 14°</div></div>
<div id="c1"><div id="c2">
<div>{esc(pg.section)}</div>
<div><strong>{esc(headline)}</strong></div>
<h1>{esc(pg.title)}</h1>
<div>{esc(byline)}</div>
<div>{esc(date)}</div>
{translate}
{share}
<div id="txt">
{body}
</div>
{share_bottom}
{popular}
</div></div>
{footer(pg)}</div>
</body></html>"""


def t_cjk(pg: Page) -> str:
    """A big Asian portal (Naver/Yomiuri/Dainik style): <br> text, reporter line, tools."""
    a = pg.art
    parts = render_blocks(a["blocks"], br=True)
    byline, date = a["byline"], pg.dateline()
    updated = ""
    if a.get("modified"):
        mod = datetime.fromisoformat(a["modified"]).replace(tzinfo=ZoneInfo(pg.site["tz"]))
        updated = f"{pg.ui['updated']} {pg.dateline(mod)}"
    pg.inject(f"{pg.ui['published']} {date}", updated, kind="dateline")
    crumbs = f"{pg.ui['home']} > {pg.section}"
    pg.inject(crumbs, kind="breadcrumb")
    inserts = [(2, w_ad(pg, "plain")), (4, w_read_also(pg, "class"))]
    if pg.index % 2 == 0:
        # Portals of this kind print the headline again atop the text, often losing a space.
        inserts.append((0, f"<b>{esc(repeated_headline(pg))}</b><br><br>"))
    body = weave(parts, inserts)
    pg.inject(byline, kind="byline")
    tools = w_share(pg, "button")
    translate = w_translate(pg, "class") if pg.index % 2 else ""
    follow = w_follow(pg, "class")
    upd = f'<span class="date">{esc(updated)}</span>' if updated else ""
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg)}"><head>
{head(pg, title_sep=" : ", jsonld="full" if pg.index % 2 else "none", utc_only=pg.index % 3 == 0)}
</head><body>
<div id="wrap"><div id="header"><h2 class="logo"><a href="/">{esc(pg.site_name)}</a></h2>{nav(pg)}</div>
<div id="ct" class="content">
<div class="location"><a href="/">{esc(pg.ui["home"])}</a> &gt; <a href="/{slugify(pg.section) or "s"}/">{esc(pg.section)}</a></div>
<div class="media_end_head"><h2 id="title_area" class="media_end_head_headline"><span>{esc(pg.title)}</span></h2>
<div class="media_end_head_info_datestamp"><span class="date">{esc(pg.ui["published"])} {esc(date)}</span>{upd}</div>
{tools}
{translate}
</div>
<div id="dic_area" class="go_trans _article_content">
{body}
<span class="byline_s">{esc(byline)}</span>
</div>
{follow}
{w_related(pg, "class")}
</div>
{footer(pg)}</div>
</body></html>"""


def t_wire(pg: Page) -> str:
    """A wire-service story page: dateline credit, short body, licensing and topics."""
    a = pg.art
    blocks = render_blocks(a["blocks"], p='<p data-testid="paragraph">{}</p>')
    inserts = [(3, w_ad(pg, "class"))]
    body = weave(blocks, inserts)
    byline, date = a["byline"], pg.dateline()
    pg.inject(byline, kind="byline")
    pg.inject(date, kind="dateline")
    share = w_share(pg, "class")
    licensing = pg.ui["licensing"]
    pg.inject(licensing, kind="licensing")
    return f"""<!DOCTYPE html>
<html lang="{html_lang(pg)}"><head>
{head(pg, title_sep=" | ", utc_only=True)}
</head><body>
<header class="site-header">{nav(pg)}</header>
<main><article class="story" data-testid="article">
<div class="story-meta"><a class="section-link" href="/world/">{esc(pg.section)}</a></div>
<h1 data-testid="Heading">{esc(pg.title)}</h1>
<address class="byline" data-testid="AuthorByline">{esc(byline)}</address>
<time datetime="{pg.utc:%Y-%m-%dT%H:%M:%SZ}" class="date">{esc(date)}</time>
{share}
<div class="article-body" data-testid="ArticleBody">
{body}
</div>
<p class="licensing"><a href="/licensing">{esc(licensing)}</a></p>
</article></main>
{footer(pg)}
</body></html>"""


TEMPLATES: dict[str, Callable[[Page], str]] = {
    "wp": t_wp,
    "arc": t_arc,
    "table": t_table,
    "regional": t_regional,
    "drupal": t_drupal,
    "cjk": t_cjk,
    "wire": t_wire,
    "ghost": t_ghost,
}


# ---------------------------------------------------------------------------------------
# Build


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def load_sources(folder: Path = SRC) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


#: The languages' template rotation offsets, fixed so that a new language file never
#: moves the pages of the others to other templates (a new language gets a hashed slot).
LANGUAGE_SLOTS = (
    "ar",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "fa",
    "fi",
    "fr",
    "he",
    "hi",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "ru",
    "sv",
    "sw",
    "th",
    "tr",
    "uk",
    "vi",
    "zh",
    "zu",
)


def _slot(lang: str) -> int:
    if lang in LANGUAGE_SLOTS:
        return LANGUAGE_SLOTS.index(lang)
    return int(hashlib.sha1(lang.encode("utf-8")).hexdigest(), 16) % len(TEMPLATES)


def build_pages(sources: Iterable[dict[str, Any]]) -> list[tuple[Page, str]]:
    """Render every article; returns (page, html) in a fixed order."""
    names = list(TEMPLATES)
    out = []
    for src in sources:
        titles = [a["title"] for a in src["articles"]]
        for i, art in enumerate(src["articles"]):
            others = titles[i + 1 :] + titles[:i]
            extra = list(src["ui"].get("more_titles", []))
            pg = Page(
                lang=src["lang"],
                index=i,
                site=src["site"],
                ui=src["ui"],
                art=art,
                others=others + extra,
            )
            pg.template = art.get("template") or names[(_slot(src["lang"]) * 3 + i) % len(names)]
            pg.rng = random.Random(pg.id)
            out.append((pg, TEMPLATES[pg.template](pg)))
    return out


def split_of(pg: Page) -> str:
    """A page's split; stable when pages are added (it depends on the page alone)."""
    if pg.template in HOLDOUT_TEMPLATES or pg.lang in HOLDOUT_LANGUAGES:
        return "holdout"
    digest = int(hashlib.sha1(pg.id.encode("utf-8")).hexdigest(), 16)
    return "holdout" if digest % HOLDOUT_EVERY == 0 else "tune"


def check_page(pg: Page) -> None:
    """Injected lines must not be body text, and look-alikes must be in the body."""
    body = norm(body_text(pg.art["blocks"]))
    for line in pg.injected:
        key = norm(line)
        if len(key) > 12 and key in body:
            raise ValueError(f"{pg.id}: injected line is body text: {line!r}")
    for la in lookalikes(pg.art["blocks"]):
        if norm(la) not in body:
            raise ValueError(f"{pg.id}: look-alike not in body: {la!r}")


def rows(pages: Sequence[tuple[Page, str]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    truth, labels = [], []
    for pg, _ in pages:
        check_page(pg)
        split = split_of(pg)
        first_kinds: dict[str, str] = {}
        for line, kind in zip(pg.injected, pg.injected_kinds, strict=True):
            first_kinds.setdefault(line, kind)
        truth.append(
            {
                "id": pg.id,
                "url": pg.url,
                "body": body_text(pg.art["blocks"]),
                "lang": pg.lang,
                "template": pg.template,
                "split": split,
                "injected": list(first_kinds),
                "injected_kinds": list(first_kinds.values()),
                "lookalike": lookalikes(pg.art["blocks"]),
            }
        )
        labels.append(
            {
                "id": pg.id,
                "published": pg.local.date().isoformat(),
                "authors": list(pg.art["authors"]),
                "organizations": list(pg.art["organizations"]),
                "evidence": f"byline {pg.art['byline']!r}, dateline {pg.dateline()!r}"
                + _markup_note(pg),
            }
        )
    return truth, labels


def _markup_note(pg: Page) -> str:
    if pg.markup_time == "none":
        return "; no time in markup"
    if pg.markup_time == "utc" and pg.utc.date() != pg.local.date():
        return f"; markup only UTC {pg.utc:%Y-%m-%d %H:%M}Z, another day"
    return f"; markup {pg.markup_time} time"


def write(out: Path = OUT, labels_path: Path = LABELS) -> tuple[int, int]:
    """(Re)write the dataset; returns (pages, holdout pages)."""
    pages = build_pages(load_sources())
    truth, labels = rows(pages)
    html_dir = out / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{pg.id}.html.gz" for pg, _ in pages}
    for stale in html_dir.glob("*.html.gz"):
        if stale.name not in wanted:
            stale.unlink()
    for pg, page_html in pages:
        data = gzip.compress(page_html.encode("utf-8"), compresslevel=9, mtime=0)
        target = html_dir / f"{pg.id}.html.gz"
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    (out / "ground_truth.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in truth), encoding="utf-8"
    )
    labels_path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels), encoding="utf-8"
    )
    return len(truth), sum(r["split"] == "holdout" for r in truth)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.datasets.make_multilingual", description=__doc__.split("\n\n")[0]
    )
    parser.parse_args(list(argv) if argv is not None else None)
    total, holdout = write()
    print(f"wrote {total} pages ({holdout} holdout) to {OUT} and labels to {LABELS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
