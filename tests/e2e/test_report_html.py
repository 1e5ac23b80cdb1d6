"""``scrapy report --html``: one self-contained page, checked in a real headless Chromium.

The page is rendered by Debian's ``chromium`` (``.ci/run`` installs it): the DOM it builds
must hold the charts, and its screenshot must have the size asked for and not be blank.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer
from tests.crawling import crawl, run_command

WIDTH, HEIGHT = 1100, 1400


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
    return path


def browser(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the decoded image data."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels))


def test_the_html_report_renders_offline_in_chromium(
    site: SiteServer, tmp_path: Path, sqlite_url: str
) -> None:
    for _ in range(2):  # two runs: the outcomes chart has two bars
        crawl([f"site={site.base_url}/"], sqlite_url)
    page = tmp_path / "report.html"
    done = run_command(["report", "--html", str(page)], tmp_path, sqlite_url)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "127.0.0.1" in done.stdout  # the text report is printed as before
    text = page.read_text(encoding="utf-8")
    # self-contained: nothing to fetch
    assert not re.search(r"<script|<link|<img|@import|url\(", text)
    assert not re.search(r"""(src|href)=["']?https?:""", text)

    dom = browser("--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") == 3
    bars = re.findall(r'<rect class="bar"[^>]*>', dom.stdout)
    assert len(bars) >= 2 + 2  # days, two runs, word bins
    assert "Drift flags" in dom.stdout
    assert "127.0.0.1" in dom.stdout

    shot = tmp_path / "report.png"
    done_shot = browser(f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri())
    assert done_shot.returncode == 0, done_shot.stderr[-2000:]
    width, height, colours = png_size_and_colours(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    assert shot.stat().st_size > 20_000  # text, a table and three charts, not a blank page
    assert colours > 50


def test_the_html_report_of_a_missing_store_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    done = run_command(
        ["report", "--html", str(page)], tmp_path, f"sqlite:///{tmp_path / 'nwes.db'}"
    )
    assert done.returncode == 1
    assert "no such store" in done.stderr
    assert not page.exists()
