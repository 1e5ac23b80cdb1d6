"""Offline demo: serve the bundled example news site on 127.0.0.1 and crawl it.

``python -m crawler.demo`` starts the site, runs the real ``scrapy crawl news`` command as a
subprocess (discovering the articles from robots.txt, the sitemaps and the feeds), stores
them in a SQLite file and prints what was stored.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from crawler.demo.server import SiteServer
from storage.maintenance import stored_articles

PROJECT_SETTINGS = "crawler.settings"


def crawl_command(target_args: Sequence[str], db_url: str, *extra: str) -> list[str]:
    """The ``scrapy crawl news`` command line the demo (and the tests) run."""
    command = [sys.executable, "-m", "scrapy", "crawl", "news"]
    for argument in target_args:
        command += ["-a", argument]
    command += [
        "-s",
        f"NEWS_DB_URL={db_url}",
        # The example site is local: no need to wait between requests.
        "-s",
        "AUTOTHROTTLE_START_DELAY=0.05",
        "-s",
        "NEWS_DB_FLUSH_INTERVAL=1",
        # ... and it is on 127.0.0.1, which a crawl of the open web refuses by default.
        "-s",
        "NEWS_ALLOW_PRIVATE_ADDRESSES=True",
        *extra,
    ]
    return command


def crawl_env() -> dict[str, str]:
    """Environment that finds the project's settings from any working folder."""
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = PROJECT_SETTINGS
    return env


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo; return the crawl's exit status."""
    parser = argparse.ArgumentParser(prog="python -m crawler.demo", description=__doc__)
    parser.add_argument("--db", default="demo.db", help="SQLite file to store into")
    parser.add_argument("--quiet", action="store_true", help="hide the crawl's log")
    options = parser.parse_args(argv)
    db_path = Path(options.db).resolve()
    db_url = f"sqlite:///{db_path}"
    with SiteServer() as site:
        print(f"Example news site: {site.base_url}/")
        print(f"Crawling it with: scrapy crawl news -a site={site.base_url}/")
        result = subprocess.run(
            crawl_command([f"site={site.base_url}/"], db_url),
            env=crawl_env(),
            stdout=subprocess.DEVNULL if options.quiet else None,
            stderr=subprocess.DEVNULL if options.quiet else None,
            check=False,
        )
    if result.returncode != 0:
        print(f"the crawl failed with exit status {result.returncode}", file=sys.stderr)
        return result.returncode
    print_store(db_url)
    return 0


def print_store(db_url: str) -> None:
    """Print one line per stored article: title, site, date, words, first line of text."""
    records = stored_articles(db_url)
    print(f"\n{len(records)} articles stored in {db_url.removeprefix('sqlite:///')}:\n")
    for record in records:
        date = record.published_at.date().isoformat() if record.published_at else "-"
        first_line = record.text.split("\n", 1)[0]
        print(f"* {record.title}")
        print(f"  {record.site} | {date} | {record.word_count} words")
        print(f"  {first_line[:110]}{'...' if len(first_line) > 110 else ''}\n")
