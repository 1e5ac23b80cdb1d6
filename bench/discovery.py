"""Discovery benchmark: finding a site's articles by following its links.

``python -m bench.discovery [--articles 2000]`` generates a news site with no sitemap and no
feed (`bench.linksite`: sections with pagination, author and tag pages, an endless
calendar, links to other hosts), serves it on 127.0.0.1, and measures in the same run:

- ``links``: ``scrapy crawl news -a site=URL/`` (robots.txt, ``/sitemap.xml`` tried, then
  link following), the real command with cleaning and storage;
- ``bfs``: a plain breadth-first crawl of the same site (every same-host link, robots.txt
  obeyed, same concurrency, no cleaning), stopped at 3 x the pages needed since the
  calendar never ends;
- ``links+sitemap``: the first crawl on the same site with a ``/sitemap.xml`` listing half
  of the articles.

Each prints articles found (of all), requests, requests / (articles + listing pages needed
to reach them: home, sections and their pagination) and pages/s. Targets: found >= 98 %,
requests <= 1.3 x needed, the crawl ends by itself.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench import linksite
from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from crawler.links import extract_links
from storage.maintenance import stored_articles

CONCURRENCY = 8


@dataclass
class Run:
    name: str
    found: int
    total: int
    requests: int
    needed: int
    seconds: float
    ended_by_itself: bool

    def line(self) -> str:
        share = 100 * self.found / self.total if self.total else 0.0
        return (
            f"{self.name:<14} found {self.found:>5}/{self.total} ({share:5.1f} %)  "
            f"requests {self.requests:>5}  x needed {self.requests / self.needed:4.2f}  "
            f"{self.requests / self.seconds:6.1f} pages/s  "
            f"{'ended by itself' if self.ended_by_itself else 'STOPPED AT THE CAP'}"
        )


def crawl_links(server: SiteServer, plan: linksite.LinkSite, db: Path, name: str) -> Run:
    """The project's crawl, ``-a site=``, as a subprocess."""
    server.requests.clear()
    command = crawl_command(
        [f"site={server.base_url}/"],
        f"sqlite:///{db}",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        f"CONCURRENT_REQUESTS_PER_DOMAIN={CONCURRENCY}",
        "-s",
        "LOG_LEVEL=WARNING",
        "-s",
        "NEWS_PROGRESS_ENABLED=False",
    )
    at = command.index("NEWS_ALLOW_PRIVATE_ADDRESSES=True")
    del command[at - 1 : at + 1]  # the start host is trusted because it is named
    started = time.monotonic()
    done = subprocess.run(
        command, env=crawl_env(), capture_output=True, text=True, check=False, timeout=3600
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
    paths = {"/" + r.url.split("/", 3)[3] for r in stored_articles(f"sqlite:///{db}")}
    return Run(
        name,
        len(paths & plan.article_paths),
        len(plan.stories),
        len(server.requests),
        len(plan.stories) + plan.listing_pages,
        seconds,
        done.returncode == 0,
    )


def crawl_bfs(server: SiteServer, plan: linksite.LinkSite) -> Run:
    """Breadth-first over every same-host link, robots.txt obeyed, capped at 3 x needed."""
    server.requests.clear()
    needed = len(plan.stories) + plan.listing_pages
    cap = 3 * needed
    host = urlsplit(server.base_url).netloc
    robots = urllib.robotparser.RobotFileParser(f"{server.base_url}/robots.txt")
    robots.read()
    seen = {f"{server.base_url}/"}
    queue = deque(seen)
    found: set[str] = set()
    fetched = 0
    started = time.monotonic()

    def fetch(url: str) -> tuple[str, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=30) as answer:
                return url, answer.read()
        except (urllib.error.URLError, OSError):
            return url, b""

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        while queue and fetched < cap:
            batch = [queue.popleft() for _ in range(min(len(queue), CONCURRENCY, cap - fetched))]
            fetched += len(batch)
            for url, body in pool.map(fetch, batch):
                path = urlsplit(url).path
                if path in plan.article_paths and body:
                    found.add(path)
                for link in extract_links(body, url) if body else ():
                    target = link.url.split("#", 1)[0]
                    if (
                        urlsplit(target).netloc == host
                        and target not in seen
                        and (robots.can_fetch("*", target))
                    ):
                        seen.add(target)
                        queue.append(target)
    seconds = time.monotonic() - started
    return Run(
        "bfs", len(found), len(plan.stories), len(server.requests), needed, seconds, not queue
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.discovery", description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    options = parser.parse_args(argv)
    plan = linksite.plan(options.articles)
    print(
        f"site: {options.articles} articles, {plan.listing_pages} listing pages needed "
        "(home, sections, their pagination); no sitemap, no feed"
    )
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        linksite.write(root, plan)
        with linksite.LinkSiteServer(root) as server:
            runs.append(crawl_links(server, plan, Path(tmp) / "links.db", "links"))
            print(runs[-1].line(), flush=True)
            runs.append(crawl_bfs(server, plan))
            print(runs[-1].line(), flush=True)
        half = Path(tmp) / "half"
        linksite.write(half, plan, sitemap_share=0.5)
        with linksite.LinkSiteServer(half) as server:
            runs.append(crawl_links(server, plan, Path(tmp) / "half.db", "links+sitemap"))
            print(runs[-1].line(), flush=True)
    ours = [runs[0], runs[2]]
    ok = all(r.found >= 0.98 * r.total and r.ended_by_itself for r in ours) and (
        runs[0].requests <= 1.3 * runs[0].needed
    )
    print(
        "targets (found >= 98 %, requests <= 1.3 x needed, ends by itself):",
        "met" if ok else "NOT met",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
