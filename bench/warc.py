"""WARC reading benchmark: ``python -m bench.warc --pages 5000``.

Generates the benchmark site's realistic 80-100 KB news pages (`bench.site`), writes the same
pages into a local ``.warc.gz`` (one gzip member a record, a request record before each
response, as Common Crawl writes them), and in the same run, taking turns over ``--rounds``:

- (live) ``scrapy crawl news -a sitemap=...`` of the pages served by nginx on 127.0.0.1,
  into a fresh SQLite file, as shipped (cleaning in the pool);
- (warc) ``scrapy crawl news -a warc=FILE`` of the same pages, into a fresh SQLite file,
  as shipped.

For each: pages stored per second over the crawl (Scrapy's ``elapsed_time_seconds``), CPU
(user+sys of the process tree) and peak RSS of the process tree (sampled every 50 ms). The
WARC path must not be slower than the live one, and must not use more memory for a large
file: its peak RSS is printed beside the live crawl's and the file's size.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.crawl import CRAWL_SETTINGS, Measure, _free_port, crawl, nginx, run_measured
from bench.site import article_page, write_site


def write_pages_warc(path: Path, base: str, pages: int, seed: int = 0) -> int:
    """Write the site's article pages as a WARC (request + response records); return its size."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for index in range(pages):
            page_path, page, _ = article_page(base, index, seed)
            url = base + page_path
            body = page.encode()
            request = StatusAndHeaders(
                f"GET {page_path} HTTP/1.1",
                [("Host", base.split("//")[1])],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=request
                )
            )
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path.stat().st_size


def crawl_warc(label: str, warc: Path, work: Path, pages: int) -> Measure:
    """Run ``scrapy crawl news -a warc=FILE`` into a fresh SQLite file and measure it."""
    stats_file = work / f"stats-{label}.json"
    db = work / f"{label}.db"
    db.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-a",
        f"warc={warc}",
        "-s",
        f"NEWS_DB_URL=sqlite:///{db}",
        "-s",
        f"NEWS_STATS_FILE={stats_file}",
    ]
    for setting in CRAWL_SETTINGS:
        command += ["-s", setting]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings")
    env.pop("NEWS_DB_URL", None)
    status, wall, cpu, peak = run_measured(command, work, env)
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return Measure(
        label,
        pages,
        float(stats.get("elapsed_time_seconds") or wall),
        wall,
        cpu,
        peak,
        stats,
        status,
    )


def _row(measure: Measure) -> str:
    stored = measure.stats.get("news/storage/articles_new", 0)
    return (
        f"| {measure.label} | {stored} | {stored / measure.crawl_seconds:6.1f} | "
        f"{measure.crawl_seconds:6.1f} | {measure.cpu_seconds:6.1f} | "
        f"{measure.cpu_seconds / max(stored, 1) * 1000:5.1f} | {measure.peak_rss / 2**20:5.0f} |"
        + ("" if measure.returncode == 0 else f" exit {measure.returncode}")
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the pages and the WARC, run both crawls and print the figures."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.warc",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--pages", type=int, default=5000, help="article pages (default 5000)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="rounds of (live) and (warc), taking turns; each keeps its fastest",
    )
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsclean-bench-warc-"))
    os.chmod(work, 0o755)  # nginx workers may run as another user
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    size = write_site(work / "site", base, options.pages)
    warc = work / "pages.warc.gz"
    warc_size = write_pages_warc(warc, base, options.pages)
    print(
        f"generated {options.pages} pages ({size / 2**20:.0f} MB; the WARC "
        f"{warc_size / 2**20:.0f} MB gzipped) in {time.perf_counter() - started:.0f} s; "
        f"{os.cpu_count()} cores"
    )
    best: dict[str, Measure] = {}
    ratios = []
    with nginx(work / "site", work, port):
        for _ in range(options.rounds):
            live = crawl("live", base, work, f"sqlite:///{work / 'live.db'}", options.pages)
            (work / "live.db").unlink(missing_ok=True)
            archive = crawl_warc("warc", warc, work, options.pages)
            for measure in (live, archive):
                if measure.label not in best or (
                    measure.crawl_seconds < best[measure.label].crawl_seconds
                ):
                    best[measure.label] = measure
            ratios.append(live.crawl_seconds / archive.crawl_seconds)
    print(f"\n`python -m bench.warc --pages {options.pages} --rounds {options.rounds}`\n")
    print("| run | stored | pages/s | crawl s | CPU s | CPU ms/page | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label in ("live", "warc"):
        print(_row(best[label]))
    print(
        f"\nwarc/live speed, per round: {', '.join(f'{r:.2f}x' for r in ratios)}; "
        f"peak RSS warc - live: {(best['warc'].peak_rss - best['live'].peak_rss) / 2**20:+.0f} MB "
        f"for a {warc_size / 2**20:.0f} MB WARC"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
