"""``python -m cleaning explain FILE_OR_URL``: kept text and removed lines with rules."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cleaning.__main__ import main

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED = PAGES / "seed-worldnewsdesk.html.gz"
SEED_URL = "https://worldnewsdesk.example/pakistan-pm-russia-visit/"


def test_explain_gzipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED), "--url", SEED_URL]) == 0
    out = capsys.readouterr().out
    assert "== kept (8 lines" in out
    assert "[title_repeat] Pakistani Prime Minister Imran Khan" in out
    assert "Translate This News In" in out.split("== removed")[1]
    assert "Translate This News In" not in out.split("== removed")[0]


def test_explain_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(gzip.decompress(SEED.read_bytes()))
    assert main(["explain", str(page), "--url", SEED_URL, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(
        r["rule"] == "markup_widget" and r["text"].startswith("Translate This News In")
        for r in data["removed"]
    )
    assert data["text"].startswith("According to official Russian media")


def test_explain_not_an_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "home.html"
    page.write_text(
        "<html><head><meta property='og:type' content='website'></head><body></body></html>"
    )
    assert main(["explain", str(page), "--url", "https://worldnewsdesk.example/"]) == 1
    assert "not stored (not_article)" in capsys.readouterr().out


def test_explain_bad_rules_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('[sites."a.com"]\ndrop_patterns = ["("]\n')
    assert main(["explain", str(SEED), "--rules", str(rules)]) == 2
    assert f"{rules}:2: invalid regular expression" in capsys.readouterr().err


def test_explain_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "/nonexistent/page.html"]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "article.html").write_bytes(gzip.decompress(SEED.read_bytes()))
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_explain_url(local_site: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", f"{local_site}/article.html"]) == 0
    out = capsys.readouterr().out
    assert "[markup_widget] Translate This News In" in out
