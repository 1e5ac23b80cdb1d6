"""Crawl throughput benchmark: ``python -m bench.crawl --pages 2000``.

Generates a site of realistic 80-100 KB news pages (`bench.site`) in a temporary folder,
serves it with nginx on 127.0.0.1 (a real web server: Python's ``http.server`` would be the
bottleneck), and runs the real ``scrapy crawl news -a sitemap=...`` against it:

- (a) fetching only: the news spider with no item pipelines and no store look-ups;
- (b) the full pipeline into SQLite, cleaning in-line (``NEWS_CLEANING_WORKERS=0``);
- (c) the full pipeline into SQLite as shipped (cleaning in a pool of processes);
- (d) as (c), into a throw-away PostgreSQL database (``NEWS_BENCH_POSTGRES_URL``, default
  ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), dropped afterwards;
- (e) (c) again with nothing changed: every page is within its re-crawl interval;
- (f) (c) again with every page due for a re-check: each answered 304.

For each: pages/s over the crawl (Scrapy's ``elapsed_time_seconds``), wall time of the
command, CPU (user+sys of the crawl's process tree, pool workers included) and peak RSS
(summed over the process tree, sampled every 50 ms). nginx is installed with
``apt-get install -y nginx`` (Debian/Ubuntu).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.site import write_site
from crawler.settings import EXTENSIONS
from storage.maintenance import make_all_pages_due, scratch_postgres_database

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
NGINX_CONF = """\
{user}
worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; application/xml xml; text/plain txt; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
    }}
}}
"""
# The same crawl settings for every run: no AutoThrottle delays on a local server, and
# enough concurrency (also per domain: the whole site is one host) to keep the CPU busy.
CRAWL_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS=32",
    "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    "LOG_LEVEL=WARNING",
    "NEWS_DB_FLUSH_INTERVAL=1",
    # The site is on 127.0.0.1, which the crawler refuses by default.
    "NEWS_ALLOW_PRIVATE_ADDRESSES=True",
)


@dataclass
class Measure:
    """One run's figures."""

    label: str
    pages: int
    crawl_seconds: float
    wall_seconds: float
    cpu_seconds: float
    peak_rss: int
    stats: dict[str, Any]
    returncode: int
    db_url: str = ""
    #: the crawl process's own figures every 1,000 responses (`bench.probe`), when probed
    probe: list[dict[str, float]] = field(default_factory=list)
    #: (wall-clock time, RSS of the whole process tree) every 50 ms, when probed
    tree_rss: list[tuple[float, int]] = field(default_factory=list)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.crawl_seconds if self.crawl_seconds else 0.0


# -- process tree sampling ------------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _proc_table() -> dict[int, tuple[int, float, int]]:
    """pid -> (parent pid, CPU seconds, RSS bytes) of every process, from /proc."""
    table: dict[int, tuple[int, float, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        ppid, utime, stime, rss = int(fields[1]), int(fields[11]), int(fields[12]), int(fields[21])
        table[int(entry.name)] = (ppid, (utime + stime) / _TICKS, rss * _PAGE)
    return table


def run_measured(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    rss_samples: list[tuple[float, int]] | None = None,
) -> tuple[int, float, float, int]:
    """Run ``command``; return exit status, wall seconds, CPU seconds and peak RSS of its tree.

    The tree is every process started from the command, also after its parent exited (the
    pool's fork server outlives the crawl process by a moment). ``rss_samples``, when given,
    receives (wall-clock time, RSS of the tree) at every sample.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env)
    tree = {process.pid}
    cpu: dict[int, float] = {}
    peak = 0
    status: int | None = None
    root_cpu = 0.0
    while status is None:
        table = _proc_table()
        for pid, (ppid, _, _) in sorted(table.items()):
            if ppid in tree:
                tree.add(pid)
        rss = 0
        for pid in tree:
            if pid in table and pid != process.pid:
                cpu[pid] = table[pid][1]
            if pid in table:
                rss += table[pid][2]
        peak = max(peak, rss)
        if rss_samples is not None:
            rss_samples.append((time.time(), rss))
        pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(wait_status)
            root_cpu = usage.ru_utime + usage.ru_stime
            process.returncode = status
        else:
            time.sleep(0.05)
    wall = time.perf_counter() - started
    return status, wall, root_cpu + sum(cpu.values()), peak


# -- nginx --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def nginx(site: Path, work: Path, port: int) -> Iterator[str]:
    """Serve ``site`` with nginx on 127.0.0.1:``port``; yield the base URL."""
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if binary is None:
        sys.exit(
            "bench.crawl needs nginx to serve the generated site; install it with\n"
            "    apt-get install -y nginx      (Debian/Ubuntu; no service is started)"
        )
    (work / "tmp").mkdir(exist_ok=True)
    conf = work / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, root=work, port=port, site=site))
    server = subprocess.Popen(
        [binary, "-p", str(work), "-c", str(conf), "-e", str(work / "error.log")],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                    sys.exit(f"nginx did not start:\n{log}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)


# -- PostgreSQL ---------------------------------------------------------------------------


def postgres_database(server_url: str) -> AbstractContextManager[str]:
    """A throw-away database on ``server_url``; dropped afterwards."""
    return scratch_postgres_database(server_url, prefix="newsclean_bench")


def make_all_due(db_url: str) -> None:
    """Make every stored page due for a re-check, as if its re-crawl interval had passed."""
    make_all_pages_due(db_url)


# -- runs ---------------------------------------------------------------------------------


def crawl(
    label: str,
    base: str,
    work: Path,
    db_url: str,
    pages: int,
    *settings: str,
    probe: str | None = None,
) -> Measure:
    """Run ``scrapy crawl news`` on the site's sitemap and measure it.

    With ``probe`` (a ``BENCH_PROFILE`` value, or ``""``), the crawl process also records its
    own CPU and RSS every 1,000 responses (`bench.probe`), and cProfiles the given spans.
    """
    stats_file = work / f"stats-{label}.json"
    probe_file = work / f"probe-{label}.jsonl"
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "news",
        "-a",
        f"sitemap={base}/sitemap.xml",
        "-s",
        f"NEWS_DB_URL={db_url}",
        "-s",
        f"NEWS_STATS_FILE={stats_file}",
    ]
    for setting in (*CRAWL_SETTINGS, *settings):
        command += ["-s", setting]
    if probe is not None:
        extensions = {**EXTENSIONS, "bench.probe.Probe": 0}
        command += ["-s", f"EXTENSIONS={json.dumps(extensions)}"]
        command += ["-s", f"BENCH_PROBE_FILE={probe_file}", "-s", f"BENCH_PROFILE={probe}"]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="crawler.settings")
    env.pop("NEWS_DB_URL", None)
    # the crawl runs in the temporary folder: `bench.probe` must stay importable
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    samples: list[tuple[float, int]] = []
    status, wall, cpu, peak = run_measured(
        command, work, env, samples if probe is not None else None
    )
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    measure = Measure(
        label,
        pages,
        float(stats.get("elapsed_time_seconds") or wall),
        wall,
        cpu,
        peak,
        stats,
        status,
        db_url,
    )
    if probe is not None and probe_file.exists():
        measure.probe = [json.loads(line) for line in probe_file.read_text().splitlines()]
        measure.tree_rss = samples
    return measure


def stretches(measure: Measure, stretch: int) -> list[str]:
    """The crawl process's CPU per page over each ``stretch`` responses, and RSS figures.

    Each line: the stretch, its CPU ms per page (the crawl process alone, cleaning workers
    not included), how much of it the reactor thread spent (the rest: the store's writer
    thread), the crawl process's RSS at its end and the peak RSS of the whole tree (crawl
    process and cleaning workers) up to its end.
    """
    # Points on whole thousands only: the last one, at the crawl's end, also holds the
    # shutdown. The first stretch starts at 1,000 responses, after the start-up (imports,
    # migration check, pool start, sitemaps), which is no cost per page.
    points = {int(p["responses"]): p for p in measure.probe if p["responses"] % 1000 == 0}
    ends = sorted(points)
    lines: list[str] = []
    first: float | None = None
    start = 1000
    while start in points:
        end = min((start // stretch + 1) * stretch, ends[-1])
        if end <= start:
            break
        a, b = points[start], points[end]
        ms = (b["cpu"] - a["cpu"]) / (end - start) * 1000
        first = ms if first is None else first
        main = (b.get("main_cpu", 0) - a.get("main_cpu", 0)) / (end - start) * 1000
        tree = max((rss for t, rss in measure.tree_rss if t <= b["time"]), default=0)
        lines.append(
            f"| {start:,}-{end:,} | {ms:6.2f} | {ms / first:5.0%} | {main:6.2f} | "
            f"{b['rss'] / 2**20:6.0f} | {tree / 2**20:6.0f} |"
        )
        start = end
    return lines


def _row(measure: Measure, cores: int) -> str:
    stats = measure.stats
    stored = stats.get("news/storage/articles_new", 0)
    fetched = stats.get("downloader/response_status_count/200", 0)
    not_modified = stats.get("downloader/response_status_count/304", 0)
    cpu_share = (
        measure.cpu_seconds / measure.wall_seconds / cores * 100 if measure.wall_seconds else 0
    )
    return (
        f"| {measure.label} | {measure.pages_per_second:8.1f} | {measure.crawl_seconds:7.1f} | "
        f"{measure.wall_seconds:6.1f} | {measure.cpu_seconds:7.1f} | {cpu_share:4.0f}% | "
        f"{measure.cpu_seconds / measure.pages * 1000:6.1f} | {measure.peak_rss / 2**20:6.0f} | "
        f"{fetched} / {not_modified} / {stored} |"
    )


def _ratios(rounds: Sequence[dict[str, Measure]], cores: int) -> str:
    """(c)/(b), (c)'s share of the CPU-bound ceiling and (d)/(c): each round's, and their median."""
    speedup, share, postgres = [], [], []
    for one in rounds:
        b, c = one["b"], one["c"]
        speedup.append(c.pages_per_second / b.pages_per_second)
        # the ceiling: every core busy at (b)'s CPU cost per page
        share.append(c.pages_per_second / (cores / (b.cpu_seconds / b.pages)))
        if "d" in one:
            postgres.append(one["d"].pages_per_second / c.pages_per_second)
    lines = [
        "ratios of runs made back to back, per round, then their median:",
        f"(c)/(b) pages/s: {_series(speedup, '{:.2f}x')}",
        f"(c) share of the CPU-bound ceiling ({cores} cores / (b)'s CPU ms a page): "
        f"{_series(share, '{:.0%}')}",
    ]
    if postgres:
        lines.append(f"(d)/(c) pages/s: {_series(postgres, '{:.2f}x')}")
    return "\n".join(lines)


def _series(values: Sequence[float], form: str) -> str:
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return f"{' '.join(form.format(v) for v in values)}; median {form.format(median)}"


def _print_stretches(measure: Measure, stretch: int, pages: int) -> None:
    lines = stretches(measure, stretch)
    print(
        f"\n(c) per stretch of {stretch:,} responses: the crawl process's own CPU (cleaning "
        "workers not included), its RSS, and the peak RSS of the whole process tree so far\n"
    )
    print(
        "| responses | CPU ms/page | of the first | reactor thread ms/page | crawl RSS MB "
        "| tree peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for line in lines:
        print(line)
    points = {int(p["responses"]): p for p in measure.probe}
    if 2000 in points and pages > 2000:
        early = max((rss for t, rss in measure.tree_rss if t <= points[2000]["time"]), default=0)
        print(
            f"tree peak RSS over the first 2,000 responses: {early / 2**20:.0f} MB; over the "
            f"whole crawl: {measure.peak_rss / 2**20:.0f} MB "
            f"(+{(measure.peak_rss - early) / 2**20:.0f} MB)"
        )


def _keep_faster(runs: dict[str, Measure], key: str, measure: Measure) -> None:
    best = runs.get(key)
    faster = measure.pages_per_second > best.pages_per_second if best else True
    if best is None or (measure.returncode == 0 and faster):
        runs[key] = measure


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the site, serve it, run the crawls and print the figures."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.crawl",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--pages", type=int, default=2000, help="article pages to generate")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("NEWS_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="PostgreSQL server for run (d); 'none' skips it",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--runs",
        default=None,
        help="which runs, e.g. 'bc' (default: abcdef up to 10,000 pages, c alone above: "
        "a 50,000-page run is about the cost per page late in a long crawl)",
    )
    parser.add_argument(
        "--stretch",
        type=int,
        default=10_000,
        help="pages per stretch in (c)'s CPU-per-page table (default 10,000)",
    )
    parser.add_argument(
        "--profile",
        default="",
        metavar="START-END,...",
        help="cProfile (c)'s crawl process between these response counts; the .pstats "
        "files are kept in the folder (implies --keep)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="rounds of (b), (c) and (d), interleaved; each keeps its fastest "
        "(default 2 up to 10,000 pages, 1 above)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an extra Scrapy setting for every run (to try a change)",
    )
    options = parser.parse_args(argv)
    wanted = set(options.runs or ("abcdef" if options.pages <= 10_000 else "c"))
    if not wanted <= set("abcdef") or (wanted & set("ef") and "c" not in wanted):
        parser.error("--runs takes letters of abcdef; e and f need c")
    if options.profile:
        options.keep = True
    if options.rounds is None:
        options.rounds = 2 if options.pages <= 10_000 else 1
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    os.chmod(work, 0o755)  # nginx workers may run as another user
    try:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        site = work / "site"
        started = time.perf_counter()
        size = write_site(site, base, options.pages)
        print(
            f"generated {options.pages} pages ({size / options.pages / 1000:.0f} KB each on "
            f"average) in {time.perf_counter() - started:.1f} s; {cores} cores"
        )
        runs: dict[str, Measure] = {}
        rounds: list[dict[str, Measure]] = []
        with nginx(site, work, port):
            extra = tuple(options.set)
            if "a" in wanted:
                runs["a"] = crawl(
                    "a",
                    base,
                    work,
                    f"sqlite:///{work / 'a.db'}",
                    options.pages,
                    "ITEM_PIPELINES={}",
                    "NEWS_INCREMENTAL_ENABLED=False",
                    *extra,
                )
            # On a shared machine the speed of the whole machine drifts from minute to
            # minute: the compared runs take turns, the table keeps each one's fastest
            # round, and the ratios compare runs made back to back, in the same round.
            for round_ in range(max(1, options.rounds)):
                this: dict[str, Measure] = {}
                rounds.append(this)
                plan = [
                    ("b", f"sqlite:///{work / f'b{round_}.db'}", ("NEWS_CLEANING_WORKERS=0",)),
                    ("c", f"sqlite:///{work / f'c{round_}.db'}", ()),
                ]
                for key, db_url, settings in plan:
                    if key not in wanted:
                        continue
                    probe = options.profile if key == "c" else None
                    this[key] = crawl(
                        key, base, work, db_url, options.pages, *settings, *extra, probe=probe
                    )
                    _keep_faster(runs, key, this[key])
                if "d" in wanted and options.postgres_url.lower() != "none":
                    with postgres_database(options.postgres_url) as pg_url:
                        this["d"] = crawl("d", base, work, pg_url, options.pages, *extra)
                        _keep_faster(runs, "d", this["d"])
            if "e" in wanted or "f" in wanted:
                c_db = runs["c"].db_url
            if "e" in wanted:
                runs["e"] = crawl("e", base, work, c_db, options.pages, *extra)
            if "f" in wanted:
                make_all_due(c_db)
                runs["f"] = crawl("f", base, work, c_db, options.pages, *extra)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    names = {
        "a": "(a) fetch only (no pipelines)",
        "b": "(b) SQLite, cleaning in-line",
        "c": "(c) SQLite, as shipped (pool)",
        "d": "(d) PostgreSQL, as shipped",
        "e": "(e) re-run of (c), all fresh",
        "f": "(f) re-run of (c), all due (304)",
    }
    print(
        f"\n`python -m bench.crawl --pages {options.pages}`, {cores} cores, nginx on 127.0.0.1, "
        f"(b)-(d) fastest of {max(1, options.rounds)} rounds\n"
    )
    print(
        "| run | pages/s | crawl s | wall s | CPU s | CPU | CPU ms/page | peak RSS MB "
        "| 200 / 304 / new |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for key, measure in runs.items():
        measure.label = names[key]
        print(_row(measure, cores))
    failed = [key for key, m in runs.items() if m.returncode != 0]
    failed += [
        key
        for key in "abcd"
        if key in runs
        and runs[key].stats.get("downloader/response_status_count/200", 0) < options.pages
    ]
    print()
    if "b" in wanted and "c" in wanted:
        print(_ratios(rounds, cores))
    for key in "ef":
        if key in runs:
            c, other = runs["c"], runs[key]
            print(
                f"({key}) time / (c) time: {other.crawl_seconds / c.crawl_seconds:.0%} "
                f"(wall {other.wall_seconds / c.wall_seconds:.0%})"
            )
    if "c" in runs and runs["c"].probe:
        _print_stretches(runs["c"], options.stretch, options.pages)
    if failed:
        print(f"runs that exited non-zero: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
