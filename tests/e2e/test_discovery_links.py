"""Link following, end to end: ``scrapy crawl news -a follow=`` / ``-a site=`` crawls (in
this process) against a generated site on 127.0.0.1 that has no sitemap and no feed
(`bench.linksite`); ``scrapy export`` as a subprocess.

No test here sets ``NEWS_ALLOW_PRIVATE_ADDRESSES``: the start host is on 127.0.0.1 and is
crawled because the operator named it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bench import linksite
from tests.crawling import Crawl, export_rows, pages, stored
from tests.crawling import crawl as crawl_in_process

ARTICLES = 40
FAST = {
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "NEWS_CLEANING_WORKERS": 0,
    "NEWS_DB_FLUSH_INTERVAL": 1,
}

GERMAN = (
    "<p>Die Stadtverwaltung hat am Montag angekündigt, dass die neue Straßenbahnlinie "
    "erst im kommenden Jahr fertig wird, weil die Bauarbeiten länger dauern als geplant.</p>"
    "<p>Nach Angaben der Verkehrsbetriebe sind vor allem die Arbeiten an der Brücke über "
    "den Fluss aufwendiger, als man bei der Planung vor drei Jahren angenommen hatte.</p>"
    "<p>Die Opposition im Stadtrat kritisierte die Verzögerung scharf und verlangte, dass "
    "die Kosten für die Bürger offen und vollständig dargelegt werden müssen.</p>"
)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[linksite.LinkSiteServer, linksite.LinkSite]]:
    plan = linksite.plan(ARTICLES)
    root = tmp_path / "site"
    linksite.write(root, plan)
    with linksite.LinkSiteServer(root) as server:
        yield server, plan


def crawl(arguments: Sequence[str], db_url: str, finish_reason: str = "finished") -> Crawl:
    """A crawl without the private-address setting the demo command adds."""
    return crawl_in_process(arguments, db_url, FAST, local_site=False, finish_reason=finish_reason)


def requested(server: linksite.LinkSiteServer) -> list[str]:
    return [path for _, path, _ in server.requests]


def test_link_only_site_is_crawled_whole_trap_and_robots_respected(
    site: tuple[linksite.LinkSiteServer, linksite.LinkSite], tmp_path: Path
) -> None:
    server, plan = site
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    stats = crawl([f"follow={server.base_url}/"], db_url).stats
    assert set(stored(db_url)) == plan.article_paths
    paths = requested(server)
    # The calendar goes on without end; the crawl gave up on it after a few days.
    calendar = [p for p in paths if p.startswith(linksite.CALENDAR)]
    assert 0 < len(calendar) <= 6
    assert not any(p.startswith("/private/2025") for p in paths)  # robots.txt disallows it
    assert not any(p.startswith(("/account/", "/search")) for p in paths)
    assert len(paths) == len(set(paths))  # nothing fetched twice
    # Listing pages are recorded, never stored as articles.
    recorded = pages(db_url)
    assert recorded["/sport/"].outcome == "not_article"
    assert stats["news/links/offsite"] > 0


def test_site_without_robots_tries_the_sitemap_and_follows_links(
    site: tuple[linksite.LinkSiteServer, linksite.LinkSite], tmp_path: Path
) -> None:
    server, plan = site
    server.override("/robots.txt", status=404, body="not here")
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    crawl([f"site={server.base_url}/"], db_url)
    assert "/sitemap.xml" in requested(server)
    assert set(stored(db_url)) == plan.article_paths


def test_max_articles_since_until_and_lang(
    site: tuple[linksite.LinkSiteServer, linksite.LinkSite], tmp_path: Path
) -> None:
    server, plan = site
    db_url = f"sqlite:///{tmp_path / 'limit.db'}"
    stats = crawl([f"follow={server.base_url}/", "max_articles=5"], db_url, "max_articles").stats
    assert len(stored(db_url)) == 5
    assert stats["finish_reason"] == "max_articles"

    # The window: 2025-01-04 and 2025-01-05 only (stories are three hours apart).
    window = {
        s.path
        for s in plan.stories
        if s.published.date().isoformat() in ("2025-01-04", "2025-01-05")
    }
    assert window and len(window) < len(plan.stories)
    db_url = f"sqlite:///{tmp_path / 'window.db'}"
    server.requests.clear()
    crawl([f"follow={server.base_url}/", "since=2025-01-04", "until=2025-01-05"], db_url)
    assert set(stored(db_url)) == window
    # Stories whose URL date is days outside the window were not even fetched.
    far = [s.path for s in plan.stories if s.published.date().isoformat() < "2025-01-03"]
    assert far and not set(far) & set(requested(server))
    left_out = [p for p in pages(db_url).values() if p.outcome == "out_of_scope"]
    assert left_out and all(p.reason for p in left_out)
    # The same window on export: one day of it.
    day = {s.path for s in plan.stories if s.published.date().isoformat() == "2025-01-04"}
    assert {
        "/" + row["url"].split("/", 3)[3]
        for row in export_rows(
            db_url, tmp_path, "--published-since", "2025-01-04", "--published-until", "2025-01-04"
        )
    } == day

    # Languages: one German story among English ones.
    german = "/de/2025/01/06/stadt-verschiebt-die-neue-strassenbahn.html"
    server.override(
        german,
        body=(
            '<!DOCTYPE html><html lang="de"><head><meta property="og:type" content="article">'
            "<title>Stadt verschiebt die neue Straßenbahn</title></head><body><article><h1>"
            f"Stadt verschiebt die neue Straßenbahn</h1>{GERMAN}</article></body></html>"
        ),
    )
    home = (tmp_path / "site" / "index.html").read_text()
    server.override(
        "/",
        body=home.replace(
            "<h1>Latest</h1>",
            f'<h1>Latest</h1><a href="{german}">Stadt verschiebt die neue '
            "Straßenbahn um ein Jahr</a>",
        ),
    )
    db_url = f"sqlite:///{tmp_path / 'lang.db'}"
    crawl([f"follow={server.base_url}/", "lang=de"], db_url)
    assert set(stored(db_url)) == {german}
    assert [row["language"] for row in export_rows(db_url, tmp_path, "--language", "de")] == ["de"]
    assert export_rows(db_url, tmp_path, "--language", "fr") == []


def test_a_redirect_to_a_private_address_no_start_url_named_is_refused(
    site: tuple[linksite.LinkSiteServer, linksite.LinkSite], tmp_path: Path
) -> None:
    server, _ = site
    server.override(
        "/go/", status=302, headers={"Location": f"http://127.0.0.2:{server.port}/politics/"}
    )
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    done = crawl([f"url={server.base_url}/go/"], db_url)
    assert done.stats["news/security/private_address"] == 1
    assert pages(db_url)["/go/"].reason == "private_address"
    # Nothing stored: the warning says where the crawl started.
    assert f"no article stored from {server.base_url}/go/" in done.text


def test_rerun_finds_a_newly_linked_article_and_fetches_no_unchanged_one(
    site: tuple[linksite.LinkSiteServer, linksite.LinkSite], tmp_path: Path
) -> None:
    server, plan = site
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    crawl([f"follow={server.base_url}/"], db_url)
    assert set(stored(db_url)) == plan.article_paths

    new = "/sport/2025/01/07/late-winner-sends-the-harbour-club-through.html"
    story = plan.stories[0]
    server.override(
        new,
        body=linksite.article_html(plan, story).replace(
            story.headline, "Late winner sends the harbour club through to the final"
        ),
    )
    section = (tmp_path / "site" / "sport" / "index.html").read_text()
    server.override(
        "/sport/",
        body=section.replace(
            "<ul>",
            f'<ul><li><a href="{new}">Late winner sends the harbour club through to the '
            "final</a></li>",
            1,
        ),
    )
    server.requests.clear()
    crawl([f"follow={server.base_url}/"], db_url)
    assert new in stored(db_url)
    assert not set(requested(server)) & plan.article_paths
