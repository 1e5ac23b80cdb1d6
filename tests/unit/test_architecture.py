"""Dependency direction: crawler -> cleaning, storage; storage -> cleaning; cleaning -> none."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """The top-level packages a source file imports, wherever the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", ["crawler", "bench"])
def test_only_storage_speaks_sql(package: str) -> None:
    """`storage` is the only SQLAlchemy (and Alembic) importer: the crawler and the
    benchmarks go through `storage.Store` and the storage functions."""
    offenders = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / package).rglob("*.py")
        if imported_modules(path) & {"sqlalchemy", "alembic"}
    )
    assert offenders == []


def test_the_import_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("def f():\n    from sqlalchemy.orm import Session\n    return Session\n")
    assert "sqlalchemy" in imported_modules(source)
