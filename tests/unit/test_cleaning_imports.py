"""Dependency direction: ``cleaning`` imports neither Scrapy nor SQLAlchemy and keeps no state."""

from __future__ import annotations

import subprocess
import sys


def test_cleaning_does_not_import_scrapy_or_sqlalchemy() -> None:
    code = (
        "import sys, cleaning, cleaning.__main__\n"
        "forbidden = {'scrapy', 'sqlalchemy', 'twisted', 'crawler', 'storage'}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in forbidden)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_extraction_is_deterministic() -> None:
    from datetime import UTC, datetime

    from cleaning import extract_article

    html = "<html><body><article><h1>T</h1>" + "<p>A sentence about the harbour budget. </p>" * 20
    html += "</article></body></html>"
    now = datetime(2025, 1, 1, tzinfo=UTC)
    first = extract_article(html, "https://x.example/a/b", now=now)
    second = extract_article(html, "https://x.example/a/b", now=now)
    assert first == second
