"""``scrapy export``: write the stored articles to JSON Lines, CSV or Parquet.

Field names are the ``articles`` column names, in schema order (see docs/schema.md);
datetimes are ISO 8601 in UTC. In JSON Lines the list columns (``authors``,
``organizations``, ``tags``) are arrays; in CSV they are JSON arrays in one cell and NULL
is an empty cell; Parquet keeps the native types (``list<string>``,
``timestamp[us, UTC]``) and needs pyarrow (the ``parquet`` extra). Rows are streamed
from the store and written in chunks, so memory stays flat however many articles there
are. The file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands._common import EXIT_STORE, EXIT_USAGE, add_filter_options, fail, open_store
from crawler.scope import CrawlScope, ScopeError, parse_bound
from crawler.warc_export import write_warc
from storage.archives import count_articles_without_raw, iter_export_pages
from storage.queries import Column, article_columns, iter_articles

FORMATS = ("jsonl", "csv", "parquet", "warc")
#: Rows per Parquet row group (and per write): large enough for good compression, small
#: enough to keep memory flat.
PARQUET_ROWS = 2000
#: Rows fetched from the store per round trip.
STREAM_ROWS = 500


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def write_jsonl(rows: Iterable[dict[str, Any]], columns: list[Column], out: IO[str]) -> int:
    """Write one JSON object per line; return the number of rows."""
    count = 0
    names = [column.name for column in columns]
    for row in rows:
        record = {name: _json_value(row[name]) for name in names}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], columns: list[Column], out: IO[str]) -> int:
    """Write a header and one CSV row per article; return the number of rows."""
    writer = csv.writer(out)
    writer.writerow([column.name for column in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(column, row[column.name]) for column in columns])
        count += 1
    return count


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "list":
        return json.dumps(list(value), ensure_ascii=False)
    if column.kind == "datetime":
        return str(value.isoformat())
    return str(value)


def write_parquet(rows: Iterable[dict[str, Any]], columns: list[Column], path: Path) -> int:
    """Write a Parquet file, one row group per `PARQUET_ROWS` rows; return the row count."""
    import pyarrow as pa  # the optional `parquet` extra, checked before the export starts
    import pyarrow.parquet as pq

    arrow_types = {
        "int": pa.int64(),
        "text": pa.string(),
        "datetime": pa.timestamp("us", tz="UTC"),
        "list": pa.list_(pa.string()),
    }
    schema = pa.schema(
        [pa.field(c.name, arrow_types[c.kind], nullable=c.nullable) for c in columns]
    )
    count = 0
    rows_iter = iter(rows)
    with pq.ParquetWriter(str(path), schema) as writer:
        while chunk := list(islice(rows_iter, PARQUET_ROWS)):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` that replaces it when the block succeeds."""
    partial = path.with_name(path.name + ".part")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return (
            "--format jsonl|csv|parquet|warc [--site HOST] [--since DATE] "
            "[--published-since DATE] [--published-until DATE] [--language CODES] -o FILE"
        )

    def short_desc(self) -> str:
        return "Export the stored articles to JSON Lines, CSV or Parquet"

    def long_desc(self) -> str:
        return (
            "Export the stored articles (table articles, one row each, by id) to FILE. "
            "Field names are the articles column names; datetimes are ISO 8601 UTC; in CSV "
            "the authors, organizations and tags lists are JSON arrays and NULL is an empty "
            "cell. Parquet "
            "needs pyarrow: pip install 'newsclean[parquet]'. Rows are streamed, so memory "
            "stays flat on a large store. The store is NEWS_DB_URL. --format warc writes "
            "the stored raw pages as WARC/1.1 response records (docs/archives.md)."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--format", "-f", dest="format", choices=FORMATS, required=True, help="output format"
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            required=True,
            help="file to write ('-' for stdout, jsonl and csv only)",
        )
        add_filter_options(
            parser,
            since_help="only articles new or changed at or after DATE (last_changed_at; "
            "ISO 8601 date or date-time, UTC unless it has a zone)",
        )
        # The same window and languages as the crawl's -a since=/until=/lang=.
        parser.add_argument(
            "--published-since",
            metavar="DATE",
            type=_published(end=False),
            help="only articles published at or after DATE (YYYY-MM-DD)",
        )
        parser.add_argument(
            "--published-until",
            metavar="DATE",
            type=_published(end=True),
            help="only articles published on or before DATE (a day includes that day)",
        )
        parser.add_argument(
            "--language",
            metavar="CODES",
            type=_languages,
            default=(),
            help="only articles in these languages, e.g. de,fr",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        if opts.format == "parquet":
            if opts.output == "-":
                fail("export", "--format parquet cannot write to stdout; give -o FILE", EXIT_USAGE)
            try:
                import pyarrow.parquet  # noqa: F401
            except ImportError:
                fail(
                    "export",
                    "--format parquet needs pyarrow: pip install 'newsclean[parquet]'",
                    EXIT_USAGE,
                )
        if opts.format == "warc":
            self._export_warc(opts)
            return
        store = open_store(self.settings, "export", read_only=True)
        columns = article_columns()
        try:
            with store.reading() as session:
                rows = iter_articles(
                    session,
                    site=opts.site,
                    changed_since=opts.since,
                    published_since=opts.published_since,
                    published_until=opts.published_until,
                    languages=opts.language,
                    chunk=STREAM_ROWS,
                )
                count = self._write(opts.format, opts.output, rows, columns)
        except OSError as exc:
            fail("export", f"cannot write {opts.output}: {exc.strerror or exc}", EXIT_STORE)
        finally:
            store.close()
        where = "stdout" if opts.output == "-" else opts.output
        sys.stderr.write(f"export: {count} articles written to {where} ({opts.format})\n")

    def _export_warc(self, opts: argparse.Namespace) -> None:
        """The stored raw pages as WARC records (`crawler.warc_export`)."""
        if opts.output == "-":
            fail("export", "--format warc cannot write to stdout; give -o FILE.warc.gz", EXIT_USAGE)
        store = open_store(self.settings, "export", read_only=True)
        try:
            with store.reading() as session:
                missing = count_articles_without_raw(
                    session, site=opts.site, changed_since=opts.since
                )
                pages = iter_export_pages(session, site=opts.site, changed_since=opts.since)
                with _replacing(Path(opts.output)) as partial, partial.open("wb") as out:
                    count = write_warc(pages, out, Path(opts.output).name)
        except OSError as exc:
            fail("export", f"cannot write {opts.output}: {exc.strerror or exc}", EXIT_STORE)
        finally:
            store.close()
        sys.stderr.write(f"export: {count} pages written to {opts.output} (warc)\n")
        if missing:
            sys.stderr.write(
                f"export: {missing} articles skipped: their raw HTML was not kept "
                "(NEWS_KEEP_RAW_HTML was off when they were stored)\n"
            )

    @staticmethod
    def _write(fmt: str, output: str, rows: Iterable[dict[str, Any]], columns: list[Column]) -> int:
        if output == "-":
            writer = write_jsonl if fmt == "jsonl" else write_csv
            return writer(rows, columns, sys.stdout)
        with _replacing(Path(output)) as partial:
            if fmt == "parquet":
                return write_parquet(rows, columns, partial)
            with partial.open("w", encoding="utf-8", newline="") as out:
                writer = write_jsonl if fmt == "jsonl" else write_csv
                return writer(rows, columns, out)


def _published(end: bool) -> Callable[[str], datetime]:
    def parse(value: str) -> datetime:
        try:
            bound = parse_bound(value, "date", end)
        except ScopeError as exc:
            raise argparse.ArgumentTypeError(str(exc).removeprefix("date: ")) from None
        if bound is None:
            raise argparse.ArgumentTypeError("empty date")
        return bound

    return parse


def _languages(value: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(CrawlScope.from_arguments({"lang": value}).languages))
    except ScopeError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("lang: ")) from None
