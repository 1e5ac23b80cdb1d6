"""What a person running crawls meets: Ctrl-C, SIGTERM, a wrong spider name, the summary.

Each test runs ``scrapy crawl`` as a subprocess against the local example site, slowed
down so that pages are in flight when the signal arrives, and checks the exit status,
the crawl record in the store, the output (no tracebacks) and the run that follows.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from crawler.demo import crawl_command, crawl_env
from crawler.demo.server import SiteServer
from storage import CrawlRunRecord
from tests.crawling import crawl, run_command, run_crawl, runs, stored

SUMMARY = re.compile(r"^\d+ articles? stored \(\d+ new, \d+ updated\).*; \d+ s", re.M)


def paths(expected: dict[str, Any]) -> set[str]:
    return {article["path"] for article in expected["articles"]}


def start_crawl(site: SiteServer, db_url: str, cwd: Path, *settings: str) -> subprocess.Popen[str]:
    """A crawl in its own process group, as a terminal runs it (Ctrl-C reaches the group)."""
    command = crawl_command(
        [f"site={site.base_url}/"],
        db_url,
        "-s",
        "LOG_LEVEL=INFO",
        "-s",
        "NEWS_CLEANING_WORKERS=2",
        *settings,
    )
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=crawl_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_requests(site: SiteServer, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(site.requests) < count:
        assert time.monotonic() < deadline, f"only {len(site.requests)} requests arrived"
        time.sleep(0.05)


def test_ctrl_c_stores_pages_in_flight_exits_130_and_the_next_run_completes(
    site: SiteServer, tmp_path: Path, sqlite_url: str, expected: dict[str, Any]
) -> None:
    site.delay = 0.5  # each page takes half a second: several are in flight at any time
    process = start_crawl(site, sqlite_url, tmp_path)
    wait_for_requests(site, 8)  # robots.txt, sitemaps, feeds and some articles
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C on a terminal does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr[-3000:]
    assert time.monotonic() - started < 10 + 5  # NEWS_SHUTDOWN_TIMEOUT and the close
    assert "Traceback" not in stderr
    assert "KeyboardInterrupt" not in stderr
    assert "cleaning worker died" not in stderr
    assert SUMMARY.search(stderr), stderr[-2000:]
    assert "the next run fetches the rest" in stderr
    first = runs(sqlite_url)
    assert [r.finish_reason for r in first] == ["shutdown"]
    assert first[0].finished_at is not None
    before = stored(sqlite_url)
    site.delay = 0.0
    crawl([f"site={site.base_url}/"], sqlite_url)
    assert set(stored(sqlite_url)) == paths(expected)
    assert set(before) <= set(stored(sqlite_url))
    assert [r.finish_reason for r in runs(sqlite_url)] == ["shutdown", "finished"]


def test_sigterm_exits_143_with_the_record_finished(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    site.delay = 0.5
    process = start_crawl(site, sqlite_url, tmp_path)
    wait_for_requests(site, 6)
    process.send_signal(signal.SIGTERM)  # scrapyd, systemd, kill
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr[-3000:]
    assert "Traceback" not in stderr
    assert [r.finish_reason for r in runs(sqlite_url)] == ["shutdown"]


def test_a_second_ctrl_c_stops_at_once_and_a_jobdir_run_completes_the_rest(
    site: SiteServer, tmp_path: Path, sqlite_url: str, expected: dict[str, Any]
) -> None:
    site.delay = 8.0  # pages in flight would hold a graceful stop for seconds
    jobdir = tmp_path / "job"
    process = start_crawl(site, sqlite_url, tmp_path, "-s", f"JOBDIR={jobdir}")
    wait_for_requests(site, 2)
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.5)
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - started < 7  # at once: not after the 8 s pages
    assert process.returncode == 130, stderr[-3000:]
    assert "Traceback" not in stderr
    assert "stopping at once" in stderr
    assert SUMMARY.search(stderr), stderr[-2000:]
    assert [r.finish_reason for r in runs(sqlite_url)] == ["shutdown"]
    site.delay = 0.0
    crawl([f"site={site.base_url}/"], sqlite_url, {"JOBDIR": str(jobdir)})
    assert set(stored(sqlite_url)) == paths(expected)


def test_ctrl_c_during_start_up_records_a_finish_reason(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    """The signal arrives as soon as the crawl record exists, before pages are fetched."""
    site.delay = 0.5
    process = start_crawl(site, sqlite_url, tmp_path)
    deadline = time.monotonic() + 60
    while not (Path(sqlite_url.removeprefix("sqlite:///")).exists() and runs_or_none(sqlite_url)):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr[-3000:]
    assert "Traceback" not in stderr
    assert [r.finish_reason for r in runs(sqlite_url)] == ["shutdown"]


def runs_or_none(db_url: str) -> list[CrawlRunRecord] | None:
    try:
        return runs(db_url)
    except Exception:  # the schema is still being created
        return None


def test_an_unknown_spider_name_suggests_the_right_one(tmp_path: Path) -> None:
    done = run_command(["crawl", "nwes"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        "scrapy crawl nwes: error: no spider named 'nwes'; did you mean news?"
    )
    assert "Traceback" not in done.stderr


def test_the_summary_and_progress_say_what_happened(
    site: SiteServer,
    tmp_path: Path,
    sqlite_url: str,
    expected: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_crawl(
        [f"site={site.base_url}/"], sqlite_url, tmp_path, "-s", "NEWS_PROGRESS_INTERVAL=0.5"
    )
    assert result.returncode == 0
    count = len(expected["articles"])  # type: ignore[arg-type]
    summary = SUMMARY.findall(result.stderr)
    assert len(summary) == 1
    assert summary[0].startswith(f"{count} articles stored ({count} new, 0 updated); ")
    assert "listing page" in summary[0]
    assert re.search(
        r"\[crawler\.extensions\] INFO: progress: \d+ pages? fetched; stored ", result.stderr
    )
    assert "Disabled" not in result.stderr  # components off by configuration say nothing
    assert "PageItem(" not in result.stderr  # a dropped page logs its reason, not its record
    capsys.readouterr()
    crawl([f"site={site.base_url}/"], sqlite_url)  # in-process: the summary on our stderr
    assert (
        SUMMARY.search(capsys.readouterr().err)
        .group(0)
        .startswith(  # type: ignore[union-attr]
            "0 articles stored (0 new, 0 updated); "
        )
    )


def test_outside_the_project_the_commands_say_how_to_reach_it(tmp_path: Path) -> None:
    env = crawl_env()
    del env["SCRAPY_SETTINGS_MODULE"]  # tmp_path has no scrapy.cfg: outside the project
    for command in (["crawl", "news"], ["report"], ["export", "-f", "jsonl", "-o", "-"]):
        done = run_command(command, tmp_path, env=env)
        assert done.returncode == 2, done
        assert done.stderr.strip().splitlines() == [
            f"scrapy {command[0]}: error: not run inside the newsclean project: run it in "
            "the folder that holds scrapy.cfg, or set SCRAPY_SETTINGS_MODULE=crawler.settings"
        ]


def test_on_a_terminal_the_progress_line_is_redrawn(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    """With stderr on a terminal (a pty), one line is redrawn in place, then the summary."""
    import pty

    site.delay = 0.3  # long enough for a few redraws
    master, slave = pty.openpty()
    command = crawl_command([f"site={site.base_url}/"], sqlite_url, "-s", "LOG_LEVEL=WARNING")
    process = subprocess.Popen(
        command, cwd=tmp_path, env=crawl_env(), stdout=subprocess.DEVNULL, stderr=slave
    )
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the crawl closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    assert process.wait(timeout=120) == 0
    text = output.decode("utf-8", "replace")
    redraws = re.findall(r"\r\x1b\[K(\d+ pages? fetched; stored \d+ new, [^\r]*)", text)
    assert len(redraws) >= 2, text[-2000:]
    assert any(line.endswith(" queued") for line in redraws)
    assert SUMMARY.search(text.replace("\r\x1b[K", "\n")), text[-2000:]
