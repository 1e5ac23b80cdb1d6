"""Benchmark publication dates and authors against hand labels, with trafilatura alone.

Usage::

    python -m bench.metadata --dataset ../shared/datasets/scrapinghub \\
        --labels bench/labels/scrapinghub-metadata.jsonl
    python -m bench.metadata --dataset ../shared/datasets/trafilatura-eval \\
        --labels bench/labels/trafilatura-eval-metadata.jsonl

The label files (``bench/labels/``) were made by reading each page as a reader sees it:
the day of first publication shown in the dateline (markup only where the page shows
none, or only a relative "3 hours ago"), and the people credited in the byline (no
agencies, desks or site names; ``[]`` when no person is credited). They were written
without running any extractor. ``evidence`` says where each label was read.

Figures, for the project (``extract_article``) and trafilatura's ``extract_metadata``:

- date: share of pages with a labelled day whose extracted day (in the page's own time
  zone) is that day; a page the project rejects counts as wrong;
- date given where none: pages labelled without a date that got one anyway;
- authors exact: share of all labelled pages whose extracted author list is exactly the
  labelled list (names compared case- and space-insensitively, order ignored);
- authors none-right / some-right: the same split by whether the label has no person.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura

from cleaning import CleaningError, extract_article

#: Moment after which no page of the datasets was published; dates are checked against
#: it so that a page's "now" does not depend on when the benchmark runs.
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Extracted:
    """What one system found on one page."""

    published: str | None
    authors: list[str]
    error: str | None = None


def name_key(name: str) -> str:
    """Compare names case-, accent-form- and space-insensitively."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace(".", " ").split())


def same_authors(found: Sequence[str], expected: Sequence[str]) -> bool:
    """Exactly the labelled people, in any order."""
    return sorted(map(name_key, found)) == sorted(map(name_key, expected))


def run_project(html: bytes, url: str) -> Extracted:
    """The project's fields for one page."""
    try:
        article = extract_article(html, url, now=NOW)
    except CleaningError as exc:
        return Extracted(None, [], f"{type(exc).__name__}")
    published = article.published_at.date().isoformat() if article.published_at else None
    return Extracted(published, list(article.authors))


def run_trafilatura(html: bytes, url: str) -> Extracted:
    """trafilatura's own metadata for one page (its defaults, as a user would call it)."""
    document = trafilatura.extract_metadata(html.decode("utf-8", "replace"), default_url=url)
    if document is None:
        return Extracted(None, [])
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    return Extracted(document.date or None, authors)


SYSTEMS = {"project": run_project, "trafilatura": run_trafilatura}


def load(dataset: Path, labels: Path) -> list[tuple[dict[str, Any], bytes, str]]:
    """Labelled rows with their page bytes and URL."""
    urls = {}
    with (dataset / "ground_truth.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                urls[row["id"]] = row.get("url", "")
    out = []
    with labels.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                label = json.loads(line)
                html = gzip.decompress((dataset / "html" / f"{label['id']}.html.gz").read_bytes())
                out.append((label, html, urls.get(label["id"], "")))
    return out


def score(
    rows: Sequence[tuple[dict[str, Any], bytes, str]], results: Sequence[Extracted]
) -> dict[str, float]:
    """The figures of one system."""
    pairs = [(lab, res) for (lab, _, _), res in zip(rows, results, strict=True)]
    dated = [(lab, res) for lab, res in pairs if lab["published"]]
    undated = [(lab, res) for lab, res in pairs if not lab["published"]]
    nobody = [(lab, res) for lab, res in pairs if not lab["authors"]]
    somebody = [(lab, res) for lab, res in pairs if lab["authors"]]
    exact = sum(same_authors(res.authors, lab["authors"]) for lab, res in pairs)
    return {
        "date": sum(res.published == lab["published"] for lab, res in dated) / max(1, len(dated)),
        "date_where_none": sum(res.published is not None for _, res in undated),
        "undated": len(undated),
        "authors": exact / max(1, len(rows)),
        "authors_none": sum(not res.authors for _, res in nobody) / max(1, len(nobody)),
        "authors_some": sum(same_authors(res.authors, lab["authors"]) for lab, res in somebody)
        / max(1, len(somebody)),
    }


def main(argv: Iterable[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.metadata", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--dataset", required=True, type=Path, help="folder with html/")
    parser.add_argument("--labels", required=True, type=Path, help="labels (JSON lines)")
    parser.add_argument(
        "--show", action="store_true", help="list the project's wrong dates and authors"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    rows = load(args.dataset, args.labels)
    results = {name: [run(html, url) for _, html, url in rows] for name, run in SYSTEMS.items()}
    print(f"dataset: {args.dataset} ({len(rows)} labelled pages, labels {args.labels})")
    print(
        f"{'system':<12} {'date':>6} {'authors':>8} {'no-one':>7} {'people':>7} "
        f"{'date where none':>16}"
    )
    for name, found in results.items():
        f = score(rows, found)
        print(
            f"{name:<12} {f['date']:6.1%} {f['authors']:8.1%} {f['authors_none']:7.1%} "
            f"{f['authors_some']:7.1%} {int(f['date_where_none']):>9} of {int(f['undated'])}"
        )
    errors = [res.error for res in results["project"] if res.error]
    if errors:
        print(f"project: {len(errors)} pages rejected ({', '.join(sorted(set(errors)))})")
    if args.show:
        for (label, _, _), res in zip(rows, results["project"], strict=True):
            if res.published != label["published"]:
                print(
                    f"[date] {label['id']} got {res.published} want {label['published']}"
                    f" ({label['evidence']})"
                )
            if not same_authors(res.authors, label["authors"]):
                print(
                    f"[authors] {label['id']} got {res.authors} want {label['authors']}"
                    f" ({label['evidence']})"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
