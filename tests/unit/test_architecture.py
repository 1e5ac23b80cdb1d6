"""Dependency direction: crawler -> cleaning, storage; storage -> cleaning; cleaning -> none."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("cleaning", ("scrapy", "sqlalchemy", "twisted", "crawler", "storage")),
        ("storage", ("scrapy", "twisted", "crawler")),
    ],
)
def test_package_does_not_import(package: str, forbidden: tuple[str, ...]) -> None:
    code = (
        f"import sys, {package}\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {forbidden!r}]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
