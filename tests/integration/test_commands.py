"""``scrapy reclean``, ``scrapy export`` and ``scrapy report`` as real subprocesses.

The store is filled through `storage.save_visits` with the example site's real pages,
cleaned by `cleaning.extract_article`, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from cleaning import Article, extract_article
from crawler.commands.report import degradation
from crawler.demo import crawl_env
from crawler.demo.server import SITE_DIR
from storage import (
    ArticleRecord,
    ArticleRevisionRecord,
    PageOutcome,
    PageRecord,
    PageVisit,
    RawPageRecord,
    RecrawlPolicy,
    finish_run,
    make_engine,
    save_visits,
    start_run,
    upgrade,
)
from storage.queries import ArticleFigures, article_columns

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((SITE_DIR / "expected.json").read_text(encoding="utf-8"))
PATHS: list[str] = [a["path"] for a in EXPECTED["articles"]]
WITH_AUTHORS: list[str] = [a["path"] for a in EXPECTED["articles"] if a["authors"]]

NEWS = "http://news.example"
WIRE = "http://wire.example"
# After every example article was published: no date is rejected as lying in the future.
T0 = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=1)


def page_html(path: str, base: str) -> str:
    """The example site's page at ``path`` as the server would send it from ``base``."""
    file = SITE_DIR / path.strip("/") / "index.html"
    return file.read_text(encoding="utf-8").replace("{{BASE_URL}}", base)


def visit(
    base: str, path: str, at: datetime, change: Callable[[Article], Article] | None = None
) -> PageVisit:
    """A stored visit of a real page; ``change`` stands for an older cleaner's output."""
    html = page_html(path, base)
    article = extract_article(html, base + path, now=at)
    if change is not None:
        article = change(article)
    return PageVisit(
        url=base + path,
        outcome=PageOutcome.STORED,
        fetched_at=at,
        status=200,
        article=article,
        html=html,
    )


def fill(db_url: str, visits: Sequence[PageVisit]) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with Session(engine) as session, session.begin():
            save_visits(session, visits, RecrawlPolicy())
    finally:
        engine.dispose()


def command_env(*paths: Path) -> dict[str, str]:
    """The project's environment, importing this checkout's packages first."""
    env = crawl_env()
    env["PYTHONPATH"] = os.pathsep.join(
        [*map(str, paths), str(REPO_ROOT), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env


def scrapy(
    command: str, db_url: str, *arguments: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", command, *arguments, "-s", f"NEWS_DB_URL={db_url}"],
        cwd=cwd,
        env=env or command_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def snapshot(db_url: str) -> dict[str, Any]:
    """Articles by URL, revisions per article URL, and page rows, as plain values."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            articles = {
                r.url: (
                    r.id,
                    r.revision,
                    r.content_hash,
                    r.text,
                    r.first_seen_at,
                    r.last_fetched_at,
                    r.last_changed_at,
                )
                for r in session.scalars(select(ArticleRecord))
            }
            revisions: dict[str, list[tuple[int, str]]] = {}
            for url, revision, text in session.execute(
                select(
                    ArticleRecord.url, ArticleRevisionRecord.revision, ArticleRevisionRecord.text
                )
                .join(ArticleRecord, ArticleRecord.id == ArticleRevisionRecord.article_id)
                .order_by(ArticleRevisionRecord.revision)
            ):
                revisions.setdefault(url, []).append((revision, text))
            pages = {
                p.url: (p.outcome, p.last_fetched_at, p.next_fetch_at, p.article_id)
                for p in session.scalars(select(PageRecord))
            }
    finally:
        engine.dispose()
    return {"articles": articles, "revisions": revisions, "pages": pages}


def set_raw_html(db_url: str, url: str, html: str) -> None:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            raw = session.scalars(select(RawPageRecord).where(RawPageRecord.url == url)).one()
            raw.html_gzip = gzip.compress(html.encode("utf-8"))
    finally:
        engine.dispose()


# --- reclean ---------------------------------------------------------------------

# An older cleaner let an inline promo through on this page; the current rules do not.
OLD_RULES_PATH = "/business/2023/03/karachi-port-container-backlog/"
# After a redesign this page's stored HTML is a listing: the cleaner now rejects it.
REJECTED_PATH = "/world/2024/07/nepal-trekking-permit-rules/"
WIRE_PATHS = PATHS[6:9]


def with_promo(article: Article) -> Article:
    text = article.text + "\nREAD MORE: Port strike enters its third week"
    digest = hashlib.sha256(f"{article.title}\n{text}".encode()).hexdigest()
    return replace(article, text=text, content_hash=digest)


def test_reclean_updates_exactly_the_affected_articles(db_url: str, tmp_path: Path) -> None:
    fill(db_url, [visit(NEWS, p, T0, with_promo if p == OLD_RULES_PATH else None) for p in PATHS])
    fill(db_url, [visit(WIRE, p, T1) for p in WIRE_PATHS])
    set_raw_html(db_url, NEWS + REJECTED_PATH, page_html("/tag/politics/", NEWS))
    before = snapshot(db_url)
    total = len(PATHS) + len(WIRE_PATHS)

    done = scrapy("reclean", db_url, "--workers", "2", cwd=tmp_path)
    assert ok(done).strip() == (
        f"reclean: checked {total}, changed 1, unchanged {total - 2}, failed 1 (not_article: 1)"
    )
    assert f"{total}/{total}" in done.stderr  # the progress bar
    after = snapshot(db_url)

    fixed = NEWS + OLD_RULES_PATH
    fresh = extract_article(page_html(OLD_RULES_PATH, NEWS), fixed, now=T0)
    _, revision, content_hash, text, first_seen, last_fetched, last_changed = after["articles"][
        fixed
    ]
    assert (revision, content_hash, text) == (2, fresh.content_hash, fresh.text)
    assert (first_seen, last_fetched) == (T0, T0)
    assert last_changed > T1
    assert after["revisions"][fixed] == [(1, with_promo(fresh).text), (2, fresh.text)]
    # Everything else, including the page the cleaner now rejects, is exactly as it was.
    for url in before["articles"]:
        if url != fixed:
            assert after["articles"][url] == before["articles"][url], url
            assert after["revisions"][url] == before["revisions"][url], url
    assert after["pages"] == before["pages"]

    # A second run finds nothing more to do.
    assert ok(scrapy("reclean", db_url, "--workers", "2", "--no-progress", cwd=tmp_path)) == (
        f"reclean: checked {total}, changed 0, unchanged {total - 1}, failed 1 (not_article: 1)\n"
    )

    # One wire page's stored HTML differs: only that site is checked, one article changes.
    edited = WIRE + WIRE_PATHS[0]
    first = EXPECTED["articles"][6]["first_paragraph"]
    html = page_html(WIRE_PATHS[0], WIRE)
    assert first in html
    set_raw_html(db_url, edited, html.replace(first, "A corrected first paragraph."))
    only_wire = ["--site", "www.wire.example", "--since", T1.date().isoformat()]
    done = scrapy("reclean", db_url, *only_wire, "--workers", "1", "--no-progress", cwd=tmp_path)
    assert ok(done) == "reclean: checked 3, changed 1, unchanged 2, failed 0\n"
    final = snapshot(db_url)
    assert [r for r, _ in final["revisions"][edited]] == [1, 2]
    assert final["revisions"][edited][1][1].startswith("A corrected first paragraph.")
    changed = {
        url for url in final["articles"] if final["revisions"][url] != before["revisions"][url]
    }
    assert changed == {fixed, edited}

    # --since after every fetch: nothing to check.
    later = (T1 + timedelta(seconds=1)).isoformat()
    done = scrapy("reclean", db_url, "--since", later, "--no-progress", cwd=tmp_path)
    assert ok(done).startswith("reclean: checked 0,")


# --- export ----------------------------------------------------------------------


def stored_rows(db_url: str) -> tuple[list[str], dict[int, dict[str, Any]]]:
    """The ``articles`` column names as the database has them, and every row by id."""
    engine = make_engine(db_url)
    try:
        names = [c["name"] for c in inspect(engine).get_columns("articles")]
        with Session(engine) as session:
            table = ArticleRecord.__table__
            rows = {row.id: dict(row._mapping) for row in session.execute(select(table))}
    finally:
        engine.dispose()
    return names, rows


def test_export_round_trips_in_every_format(db_url: str, tmp_path: Path) -> None:
    fill(db_url, [visit(NEWS, p, T0) for p in PATHS])
    fill(db_url, [visit(WIRE, p, T1) for p in WIRE_PATHS])
    names, rows = stored_rows(db_url)
    datetimes = {
        "published_at",
        "modified_at",
        "first_seen_at",
        "last_fetched_at",
        "last_changed_at",
    }
    assert datetimes | {"authors", "organizations", "tags", "duplicate_of"} <= set(names)
    # fields in the schema's order (docs/schema.md), whatever order upgrades gave the table
    order = [column.name for column in article_columns()]
    assert sorted(order) == sorted(names)
    names = order

    ok(
        scrapy(
            "export",
            db_url,
            "--format",
            "jsonl",
            "--site",
            "news.example",
            "-o",
            str(tmp_path / "out.jsonl"),
            cwd=tmp_path,
        )
    )
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(PATHS)
    for line in lines:
        record = json.loads(line)
        assert list(record) == names
        row = rows[record["id"]]
        for name in names:
            value = record[name]
            if name in datetimes and value is not None:
                assert value.endswith("+00:00")
                value = datetime.fromisoformat(value)
            assert value == row[name], name
    assert sum(json.loads(line)["published_at"] is None for line in lines) == 0

    ok(
        scrapy(
            "export",
            db_url,
            "--format",
            "csv",
            "--since",
            T1.isoformat(),
            "-o",
            str(tmp_path / "out.csv"),
            cwd=tmp_path,
        )
    )
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames == names
        records = list(reader)
    assert len(records) == len(WIRE_PATHS)
    for record in records:
        row = rows[int(record["id"])]
        assert row["site"] == "wire.example"
        assert json.loads(record["authors"]) == row["authors"]
        assert json.loads(record["tags"]) == row["tags"]
        assert json.loads(record["organizations"]) == row["organizations"]
        assert record["text"] == row["text"]  # multi-line text survives
        assert datetime.fromisoformat(record["published_at"]) == row["published_at"]
        assert int(record["word_count"]) == row["word_count"]
        assert record["modified_at"] == (
            "" if row["modified_at"] is None else row["modified_at"].isoformat()
        )

    ok(
        scrapy(
            "export",
            db_url,
            "--format",
            "parquet",
            "-o",
            str(tmp_path / "out.parquet"),
            cwd=tmp_path,
        )
    )
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names == names
    assert str(table.schema.field("first_seen_at").type) == "timestamp[us, tz=UTC]"
    assert str(table.schema.field("authors").type) == "list<element: string>"
    exported = table.to_pylist()
    assert len(exported) == len(PATHS) + len(WIRE_PATHS)
    for record in exported:
        assert record == rows[record["id"]]
    assert not list(tmp_path.glob("*.part"))


def test_export_parquet_without_pyarrow_is_one_clear_line(tmp_path: Path) -> None:
    fake = tmp_path / "no_pyarrow"
    (fake / "pyarrow").mkdir(parents=True)
    (fake / "pyarrow" / "__init__.py").write_text("raise ImportError('No module named pyarrow')\n")
    env = command_env(fake)
    done = scrapy(
        "export",
        f"sqlite:///{tmp_path / 'news.db'}",
        "--format",
        "parquet",
        "-o",
        str(tmp_path / "out.parquet"),
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "scrapy export: error: --format parquet needs pyarrow: pip install 'newsclean[parquet]'\n"
    )
    assert not (tmp_path / "out.parquet").exists()


@pytest.mark.parametrize("command", ["reclean", "export", "report"])
def test_unreachable_store_and_bad_since(command: str, tmp_path: Path) -> None:
    arguments = ["--format", "jsonl", "-o", "out.jsonl"] if command == "export" else []
    done = scrapy(
        command, "postgresql+psycopg://nobody:secret@127.0.0.1:1/news", *arguments, cwd=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"scrapy {command}: error: cannot ")
    assert len(done.stderr.splitlines()) == 1 and "secret" not in done.stderr
    if command != "report":
        done = scrapy(
            command,
            f"sqlite:///{tmp_path / 'news.db'}",
            *arguments,
            "--since",
            "last week",
            cwd=tmp_path,
        )
        assert done.returncode == 2
        assert "not an ISO 8601 date or date-time: 'last week'" in done.stderr


# --- report ----------------------------------------------------------------------


def degraded(article: Article) -> Article:
    """What a redesign that breaks extraction gives: no date, no byline, a teaser."""
    return replace(article, published_at=None, authors=[], text=article.text.splitlines()[0])


def record_run(db_url: str, started: datetime, stats: dict[str, int]) -> None:
    engine = make_engine(db_url)
    try:
        with Session(engine) as session, session.begin():
            run_id = start_run(session, "news", {"site": "http://good.example/"}, started)
            finish_run(session, run_id, started + timedelta(minutes=30), "finished", stats)
    finally:
        engine.dispose()


def report_rows(output: str) -> dict[str, list[str]]:
    rows = {}
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("site "))
    for line in lines[header + 1 :]:
        if not line.strip():
            break
        cells = line.split()
        rows[cells[0]] = cells[1:]
    return rows


def test_report_gives_per_site_figures_and_flags_a_degraded_site(
    db_url: str, tmp_path: Path
) -> None:
    good, bad = "http://good.example", "http://bad.example"
    earlier, window = WITH_AUTHORS[:6], WITH_AUTHORS[6:12]
    fill(db_url, [visit(site, p, T0) for site in (good, bad) for p in earlier])
    fill(
        db_url,
        [visit(good, p, T1) for p in window]
        + [visit(bad, p, T1, degraded) for p in window]
        + [
            PageVisit(
                url=good + earlier[0], outcome=PageOutcome.NOT_MODIFIED, fetched_at=T1, status=304
            ),
            PageVisit(
                url=good + "/broken/",
                outcome=PageOutcome.ERROR,
                fetched_at=T1,
                status=500,
                reason="http_500",
            ),
            PageVisit(
                url=good + "/consent/",
                outcome=PageOutcome.BLOCKED,
                fetched_at=T1,
                status=200,
                reason="consent_wall",
            ),
        ],
    )
    record_run(db_url, T0 - timedelta(minutes=5), {"news/pages/stored": 12})
    record_run(
        db_url,
        T1 - timedelta(minutes=5),
        {
            "news/pages/stored": 12,
            "news/pages/not_modified": 1,
            "news/pages/error": 1,
            "news/pages/blocked": 1,
        },
    )

    done = scrapy("report", db_url, "--runs", "1", cwd=tmp_path)
    assert done.returncode == 3, done.stderr  # a flagged site: non-zero for cron
    output = done.stdout
    assert f"since {(T1 - timedelta(minutes=5)).isoformat()}" in output
    assert "fetched 15: stored 12, unchanged 1, failed 1, blocked 1, skipped 0" in output
    rows = report_rows(output)
    # fetched stored unchanged failed blocked skipped articles no_date no_authors median
    assert rows["good.example"][:8] == ["9", "6", "1", "1", "1", "0", "6", "0%"]
    assert rows["good.example"][8] == "0%"
    assert rows["bad.example"][:9] == ["6", "6", "0", "0", "0", "0", "6", "100%", "100%"]
    assert int(rows["bad.example"][9]) < int(rows["good.example"][9]) / 2
    flags = [line for line in output.splitlines() if "DEGRADED" in line]
    assert len(flags) == 1, output
    assert flags[0].startswith("DEGRADED bad.example: ")
    assert "without a date rose from 0% to 100%" in flags[0]
    assert "without authors rose from 0% to 100%" in flags[0]
    assert "median words fell from" in flags[0]

    # Over both runs there is nothing earlier to compare with: no flag.
    output = ok(scrapy("report", db_url, "--runs", "2", cwd=tmp_path))
    assert "DEGRADED" not in output
    rows = report_rows(output)
    assert rows["good.example"][:7] == ["14", "11", "1", "1", "1", "0", "12"]
    assert rows["bad.example"][6:9] == ["12", "50%", "50%"]


def figures(articles: int, without_date: int, without_authors: int, words: int) -> ArticleFigures:
    return ArticleFigures(articles, without_date, without_authors, [words] * articles)


def test_degradation_thresholds() -> None:
    healthy = figures(10, 0, 1, 400)
    assert degradation(figures(10, 2, 3, 250), healthy) == []  # within every threshold
    assert degradation(figures(4, 4, 4, 10), healthy) == []  # too few to tell
    reasons = degradation(figures(10, 3, 1, 230), healthy)
    assert [r.split(" rose")[0].split(" fell")[0] for r in reasons] == [
        "articles without a date",
        "median words",
    ]
