"""What the crawl hands the cleaner: site rules, learned boilerplate, and block pages.

The crawls run in-process; the rules file refused before the start and ``scrapy reclean``
are commands, run as subprocesses.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from cleaning import Article
from crawler.demo.server import SITE_DIR, SiteServer
from storage import PageVisit, RecrawlPolicy, make_engine, save_visits, upgrade
from tests.crawling import crawl, pages, run_command, run_crawl, stored

pytestmark = pytest.mark.slow
SEED = "/world/2022/02/pakistan-pm-russia-visit/"
SECOND_PARAGRAPH = "According to the state-run TASS news agency"


def _seed_article(expected: dict[str, Any]) -> dict[str, Any]:
    return next(a for a in expected["articles"] if a["path"] == SEED)


def test_site_rules_file_drops_lines_on_its_domain(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(f'[sites."127.0.0.1"]\ndrop_patterns = ["^{SECOND_PARAGRAPH}"]\n')
    crawl([f"url={site.base_url}{SEED}"], sqlite_url, {"NEWS_SITE_RULES": str(rules)})
    text = stored(sqlite_url)[SEED].text
    assert SECOND_PARAGRAPH not in text
    assert _seed_article(expected)["first_paragraph"] in text


def test_bad_rules_file_stops_the_crawl_before_fetching(
    site: SiteServer, sqlite_url: str, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('[sites."127.0.0.1"]\ndrop_patterns = ["(unclosed"]\n')
    result = run_crawl(
        [f"url={site.base_url}{SEED}"], sqlite_url, tmp_path, "-s", f"NEWS_SITE_RULES={rules}"
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "rules.toml" in lines[0] and ":2" in lines[0], result.stderr
    assert site.requests == []


def test_learned_boilerplate_is_removed_from_the_sites_pages(site: SiteServer, db_url: str) -> None:
    slogan = "Independent journalism needs your support: become a member today."
    engine = make_engine(db_url)
    upgrade(engine)
    when = datetime(2025, 1, 1, tzinfo=UTC)
    visits = []
    for n in range(30):
        text = f"Story number {n} about the harbour, the council and the weather.\n{slogan}"
        url = f"{site.base_url}/archive/{n}/"
        visits.append(
            PageVisit(
                url,
                "stored",
                when + timedelta(minutes=n),
                200,
                article=Article(
                    url=url,
                    canonical_url=url,
                    title=f"Story {n}",
                    text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest(),
                ),
            )
        )
    with Session(engine) as session, session.begin():
        save_visits(session, visits, RecrawlPolicy())
    engine.dispose()

    html = (SITE_DIR / SEED.strip("/") / "index.html").read_text(encoding="utf-8")
    with_slogan = html.replace("<p>In recent years", f"<p>{slogan}</p>\n<p>In recent years")
    site.override("/fresh/", body=with_slogan)
    result = crawl([f"url={site.base_url}/fresh/"], db_url)
    assert result.stats["news/cleaning/learned_boilerplate_lines"] >= 1
    text = stored(db_url)["/fresh/"].text
    assert slogan not in text and "In recent years" in text


BLOCK_PAGES = {
    "/challenge/": (
        "bot_challenge",
        """<html><head><title>Just a moment...</title></head>
<body><p>Checking if the site connection is secure.</p>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></body></html>""",
    ),
    "/consent/": (
        "consent_wall",
        """<html><head><title>Before you continue</title></head>
<body><h1>Before you continue to News</h1><p>We use cookies and data to deliver and
maintain our services.</p><button>Reject all</button><button>Accept all</button>
</body></html>""",
    ),
    "/premium/": (
        "paywall",
        """<html><head><title>Budget row deepens</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Budget row deepens", "isAccessibleForFree": false}</script></head><body>
<article><h1>Budget row deepens</h1><p>The finance minister defended the plan on Tuesday
as opposition parties demanded a vote.</p><p>Subscribe to continue reading. Already a
subscriber? Log in.</p></article></body></html>""",
    ),
}


def test_block_pages_are_recorded_as_blocked_not_stored(site: SiteServer, db_url: str) -> None:
    for path, (_, body) in BLOCK_PAGES.items():
        site.override(path, body=body)
    urls = ",".join(site.base_url + p for p in [*BLOCK_PAGES, SEED])
    result = crawl([f"url={urls}"], db_url)
    assert set(stored(db_url)) == {SEED}
    recorded = pages(db_url)
    for path, (kind, _) in BLOCK_PAGES.items():
        assert recorded[path].outcome == "blocked"
        reason = recorded[path].reason
        assert reason is not None and reason.startswith(kind)
        assert result.stats[f"news/cleaning/{kind}"] == 1
    assert result.stats["news/pages/blocked"] == len(BLOCK_PAGES)


def test_reclean_applies_a_new_site_rule_to_the_stored_pages(
    site: SiteServer, sqlite_url: str, tmp_path: Path, expected: dict[str, Any]
) -> None:
    other = next(a["path"] for a in expected["articles"] if a["path"] != SEED)
    crawl([f"url={site.base_url}{SEED},{site.base_url}{other}"], sqlite_url)
    rules = tmp_path / "rules.toml"
    rules.write_text(f'[sites."127.0.0.1"]\ndrop_patterns = ["^{SECOND_PARAGRAPH}"]\n')
    done = run_command(
        ["reclean", "--workers", "1", "--no-progress", "-s", f"NEWS_SITE_RULES={rules}"],
        tmp_path,
        sqlite_url,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "checked 2, changed 1" in done.stdout
    articles = stored(sqlite_url)
    assert SECOND_PARAGRAPH not in articles[SEED].text and articles[SEED].revision == 2
    assert articles[other].revision == 1
