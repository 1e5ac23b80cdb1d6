"""What pages built by scripts cost: ``python -m bench.render --pages 40``.

Writes three sets of the same articles (`bench.site`'s text) in a temporary folder,
serves them on 127.0.0.1 (`crawler.demo.server.SiteServer`), and crawls each set with the
real ``scrapy crawl news -a urls_file=...``, one after the other, in the same run:

- (a) ``plain``: the article in the markup (the baseline);
- (b) ``app_data``: a Next.js-style shell with the article in ``__NEXT_DATA__`` (read by
  `cleaning.appdata`, no browser);
- (c) ``browser``: a shell whose script fetches the article as JSON and inserts it: the
  crawl runs with ``-a render=auto`` and the system Chromium renders each page.

For each: articles stored, pages/s over the crawl (Scrapy's ``elapsed_time_seconds``),
wall time of the command, CPU (user+sys of the process tree: the cleaning workers and the
browser included) and peak RSS summed over the tree (sampled every 50 ms), and the ratio
to (a) measured in the same run.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.crawl import Measure, run_measured
from bench.site import HEADLINE_WORDS, PLACES, SUBJECTS, paragraph
from crawler.demo.server import SiteServer

SETTINGS = (
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS=16",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "LOG_LEVEL=WARNING",
    "NEWS_DB_FLUSH_INTERVAL=1",
    "NEWS_LEARN_BOILERPLATE=False",
    "NEWS_ALLOW_PRIVATE_ADDRESSES=True",
)
KINDS = ("plain", "app_data", "browser")
#: The text source each set's articles must come from (the ``source`` column counts them).
SOURCE_OF = {"plain": "markup", "app_data": "app_data", "browser": "browser"}

_HEAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Post'
    '</title><meta property="og:type" content="article"><meta property="og:title" '
    'content="{title}"></head><body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
)
_SCRIPT = (
    "<script>fetch('/api/{index}.json').then(function(r){{return r.json();}})"
    ".then(function(s){{var a=document.createElement('article');"
    "var h=document.createElement('h1');h.textContent=s.title;a.appendChild(h);"
    "s.paragraphs.forEach(function(t){{var p=document.createElement('p');p.textContent=t;"
    "a.appendChild(p);}});document.getElementById('app').appendChild(a);}});</script>"
)


def write_sets(root: Path, base: str, pages: int) -> dict[str, Path]:
    """Write the three sets and a URL list for each; returns the URL files by kind."""
    lists: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for index in range(pages):
        rng = random.Random(index)
        title = (
            f"{rng.choice(HEADLINE_WORDS)} in {rng.choice(PLACES)}: {rng.choice(SUBJECTS)}"
        ).capitalize()
        paragraphs = [paragraph(rng) for _ in range(rng.randint(8, 14))]
        head = _HEAD.format(title=html.escape(title))
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        files = {
            f"plain/story-{index}/index.html": (
                f"{head}<article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
            ),
            f"app_data/story-{index}/index.html": (
                f'{head}<div id="__next"></div><script id="__NEXT_DATA__" '
                'type="application/json">'
                + json.dumps(
                    {"props": {"pageProps": {"story": {"title": title, "bodyHtml": body}}}}
                )
                + '</script><script src="/static/app.js" defer></script></body></html>'
            ),
            f"browser/story-{index}/index.html": (
                f'{head}<div id="app"></div>{_SCRIPT.format(index=index)}</body></html>'
            ),
            f"api/{index}.json": json.dumps({"title": title, "paragraphs": paragraphs}),
        }
        for path, text in files.items():
            file = root / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        for kind in KINDS:
            lists[kind].append(f"{base}/{kind}/story-{index}/")
    out = {}
    for kind, urls in lists.items():
        out[kind] = root / f"urls-{kind}.txt"
        out[kind].write_text("\n".join(urls) + "\n", encoding="utf-8")
    return out


def crawl(kind: str, urls_file: Path, work: Path, pages: int) -> Measure:
    """Crawl one set and measure it."""
    stats_file = work / f"stats-{kind}.json"
    db_url = f"sqlite:///{work / f'{kind}.db'}"
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls_file={urls_file}"]
    if kind == "browser":
        command += ["-a", "render=auto"]
    command += ["-s", f"NEWS_DB_URL={db_url}", "-s", f"NEWS_STATS_FILE={stats_file}"]
    for setting in SETTINGS:
        command += ["-s", setting]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings")
    env.pop("NEWS_DB_URL", None)
    status, wall, cpu, peak = run_measured(command, work, env)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    seconds = float(stats.get("elapsed_time_seconds") or wall)
    return Measure(kind, pages, seconds, wall, cpu, peak, stats, status, db_url)


def _row(m: Measure, base: Measure) -> str:
    stored = m.stats.get("news/storage/articles_new", 0)
    source = m.stats.get(f"news/text_source/{SOURCE_OF[m.label]}", 0)
    rate = stored / m.crawl_seconds if m.crawl_seconds else 0.0
    base_rate = base.stats.get("news/storage/articles_new", 0) / base.crawl_seconds
    return (
        f"{m.label:<9} {stored:>6} {source:>7} {rate:>8.1f} {rate / base_rate:>6.2f}x "
        f"{m.wall_seconds:>7.1f} {m.cpu_seconds:>7.1f} {m.peak_rss / 2**20:>8.0f} "
        f"{m.peak_rss / max(base.peak_rss, 1):>6.2f}x  exit {m.returncode}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__)
    parser.add_argument("--pages", type=int, default=40, help="articles per set")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as temp:
        work = Path(temp)
        site_root = work / "site"
        site_root.mkdir()
        with SiteServer(site_root) as site:
            files = write_sets(site_root, site.base_url, options.pages)
            runs = {kind: crawl(kind, files[kind], work, options.pages) for kind in KINDS}
    base = runs["plain"]
    print(f"{options.pages} pages per set, {os.cpu_count()} cores, same run")
    print(
        f"{'set':<9} {'stored':>6} {'source':>7} {'pages/s':>8} {'ratio':>7} {'wall s':>7} "
        f"{'CPU s':>7} {'peak MB':>8} {'ratio':>7}"
    )
    for kind in KINDS:
        print(_row(runs[kind], base))
    return 0 if all(m.returncode == 0 for m in runs.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
