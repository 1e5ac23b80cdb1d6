"""Benchmark publication days, people and organisations against hand labels, with trafilatura.

Usage::

    python -m bench.metadata                 # every labelled set below, one table each
    python -m bench.metadata --split tune    # only the tune pages (multilingual set)
    python -m bench.metadata --no-timing --show   # quality only, with every miss listed
    python -m bench.metadata --dataset ../shared/datasets/scrapinghub \\
        --labels bench/labels/scrapinghub-metadata.jsonl --show

The label files (``bench/labels/``) were made by reading each page as a reader sees it:
the day of first publication shown in the dateline (markup only where the page shows
none, or only a relative "3 hours ago"), the people credited in the byline (no agencies,
desks or site names; ``[]`` when no person is credited) and, where labelled, the
organisations credited (agencies with one spelling each, desks, the site itself). They
were written without running any extractor. ``evidence`` says where each label was read.

Figures, for the project (``extract_article``) and trafilatura's ``extract_metadata``:

- day: share of pages with a labelled day whose extracted day (in the page's own time
  zone) is that day; a page the project rejects counts as wrong;
- people: share of all labelled pages whose extracted author list is exactly the
  labelled list (names compared case- and space-insensitively, order ignored);
- orgs: the same for organisations, over pages whose label lists them (trafilatura has
  no such field: its figure is the share of pages labelled with none);
- entities: pages with an HTML entity left in title, site name, description, authors or
  tags; widgets: pages whose authors hold a share-widget word or the site's name;
- ms/page: metadata CPU time per page (reading the page's metadata and choosing the
  fields, language included, on an already parsed page; trafilatura's ``extract_metadata``
  on the same tree), mean of the fastest of three runs per page; CPU time rather than
  wall time, as other processes share the machine, and the project's time is also printed
  as a share of trafilatura's, measured alternately in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura

from cleaning import CleaningError, extract_article
from cleaning.language import decide_language
from cleaning.metadata import build_metadata, read_page_meta
from cleaning.metadata.fields import ENTITY_RE
from cleaning.parsing import parse_html
from cleaning.phrases import phrases

#: Moment after which no page of the datasets was published; dates are checked against
#: it so that a page's "now" does not depend on when the benchmark runs.
NOW = datetime(2026, 1, 1, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
#: The labelled sets run when none is named: (dataset folder, labels file).
_SHARED = ROOT.parent / "shared" / "datasets"
_LABELS = ROOT / "bench" / "labels"
DEFAULT_SETS = (
    (_SHARED / "scrapinghub", _LABELS / "scrapinghub-metadata.jsonl"),
    (_SHARED / "trafilatura-eval", _LABELS / "trafilatura-eval-metadata.jsonl"),
    (ROOT / "bench" / "datasets" / "multilingual", _LABELS / "multilingual-metadata.jsonl"),
)
#: Runs per page for the timing; the fastest counts (the CPU is shared and noisy).
TIMING_REPEAT = 3


@dataclass
class Extracted:
    """What one system found on one page."""

    published: str | None
    authors: list[str]
    organizations: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    site_name: str | None = None
    error: str | None = None


def name_key(name: str) -> str:
    """Compare names case-, accent-form- and space-insensitively."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace(".", " ").split())


def same_authors(found: Sequence[str], expected: Sequence[str]) -> bool:
    """Exactly the labelled people (or organisations), in any order."""
    return sorted(map(name_key, found)) == sorted(map(name_key, expected))


def run_project(html: bytes, url: str) -> Extracted:
    """The project's fields for one page."""
    try:
        article = extract_article(html, url, now=NOW)
    except CleaningError as exc:
        return Extracted(None, [], error=f"{type(exc).__name__}")
    published = article.published_at.date().isoformat() if article.published_at else None
    texts = [article.title, article.site_name or "", article.description or ""]
    return Extracted(
        published,
        list(article.authors),
        list(article.organizations),
        [*texts, *article.authors, *article.tags],
        article.site_name,
    )


def run_trafilatura(html: bytes, url: str) -> Extracted:
    """trafilatura's own metadata for one page (its defaults, as a user would call it)."""
    document = trafilatura.extract_metadata(html.decode("utf-8", "replace"), default_url=url)
    if document is None:
        return Extracted(None, [])
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    texts = [document.title or "", document.sitename or "", document.description or ""]
    return Extracted(
        document.date or None,
        authors,
        [],
        [*texts, *authors, *(document.tags or [])],
        document.sitename,
    )


SYSTEMS = {"project": run_project, "trafilatura": run_trafilatura}


def time_metadata(html: bytes, url: str) -> tuple[float, float]:
    """CPU seconds of the metadata step on a parsed page: the project's, trafilatura's."""
    _, tree = parse_html(html)
    if tree is None:
        return 0.0, 0.0
    ours, theirs = [], []
    for _ in range(TIMING_REPEAT):
        start = time.process_time()
        page = read_page_meta(tree)
        meta = build_metadata(tree, page, url, now=NOW)
        decide_language(meta.language, meta.description or meta.title)
        ours.append(time.process_time() - start)
        start = time.process_time()
        trafilatura.extract_metadata(tree, default_url=url)
        theirs.append(time.process_time() - start)
    return min(ours), min(theirs)


def load(
    dataset: Path, labels: Path, split: str | None = None
) -> list[tuple[dict[str, Any], bytes, str]]:
    """Labelled rows with their page bytes and URL (of one split, when given)."""
    urls, splits = {}, {}
    with (dataset / "ground_truth.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                urls[row["id"]] = row.get("url", "")
                splits[row["id"]] = row.get("split")
    out = []
    with labels.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                label = json.loads(line)
                if split is not None and splits.get(label["id"]) not in (split, None):
                    continue
                html = gzip.decompress((dataset / "html" / f"{label['id']}.html.gz").read_bytes())
                out.append((label, html, urls.get(label["id"], "")))
    return out


def _widget_author(res: Extracted) -> bool:
    widgets = {w.casefold() for w in phrases("people.non_person")}
    site = name_key(res.site_name) if res.site_name else None
    for name in res.authors:
        words = {w.strip(".,:;()").casefold() for w in name.split()}
        if words & widgets or (site and name_key(name) == site):
            return True
    return False


def score(
    rows: Sequence[tuple[dict[str, Any], bytes, str]], results: Sequence[Extracted]
) -> dict[str, float]:
    """The figures of one system."""
    pairs = [(lab, res) for (lab, _, _), res in zip(rows, results, strict=True)]
    dated = [(lab, res) for lab, res in pairs if lab["published"]]
    undated = [(lab, res) for lab, res in pairs if not lab["published"]]
    with_orgs = [(lab, res) for lab, res in pairs if "organizations" in lab]
    exact = sum(same_authors(res.authors, lab["authors"]) for lab, res in pairs)
    return {
        "date": sum(res.published == lab["published"] for lab, res in dated) / max(1, len(dated)),
        "date_where_none": sum(res.published is not None for _, res in undated),
        "undated": len(undated),
        "authors": exact / max(1, len(rows)),
        "orgs": sum(same_authors(res.organizations, lab["organizations"]) for lab, res in with_orgs)
        / max(1, len(with_orgs)),
        "org_pages": len(with_orgs),
        "entities": sum(any(ENTITY_RE.search(t) for t in res.texts) for _, res in pairs),
        "widgets": sum(_widget_author(res) for _, res in pairs),
    }


def run_set(
    dataset: Path, labels: Path, split: str | None, show: bool, timing: bool = True
) -> None:
    """Print one labelled set's table."""
    rows = load(dataset, labels, split)
    decide_language(None, "a warm-up loads the language model once, as a crawl worker does")
    results = {name: [run(html, url) for _, html, url in rows] for name, run in SYSTEMS.items()}
    timings = [time_metadata(html, url) for _, html, url in rows] if timing else []
    ms = {
        "project": 1000 * statistics.fmean(t[0] for t in timings) if timings else 0.0,
        "trafilatura": 1000 * statistics.fmean(t[1] for t in timings) if timings else 0.0,
    }
    split_note = f", split {split}" if split else ""
    print(f"dataset: {dataset} ({len(rows)} labelled pages{split_note}, labels {labels})")
    print(
        f"{'system':<12} {'day':>6} {'people':>7} {'orgs':>6} {'entities':>9} {'widgets':>8} "
        f"{'ms/page':>8} {'date where none':>16}"
    )
    for name, found in results.items():
        f = score(rows, found)
        orgs = f"{f['orgs']:6.1%}" if f["org_pages"] else f"{'-':>6}"
        print(
            f"{name:<12} {f['date']:6.1%} {f['authors']:7.1%} {orgs} {int(f['entities']):>9} "
            f"{int(f['widgets']):>8} {ms[name]:8.2f} {int(f['date_where_none']):>9} of "
            f"{int(f['undated'])}"
        )
    if timings:
        print(
            f"metadata CPU time: project {ms['project']:.2f} ms/page, "
            f"{ms['project'] / max(ms['trafilatura'], 1e-9):.2f} x trafilatura's"
        )
    errors = [res.error for res in results["project"] if res.error]
    if errors:
        print(f"project: {len(errors)} pages rejected ({', '.join(sorted(set(errors)))})")
        kept = [
            (row, res) for row, res in zip(rows, results["project"], strict=True) if not res.error
        ]
        f = score([row for row, _ in kept], [res for _, res in kept])
        print(
            f"project on the {len(kept)} pages it extracted: day {f['date']:.1%}, "
            f"people {f['authors']:.1%}, orgs {f['orgs']:.1%}"
        )
    if show:
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
            if "organizations" in label and not same_authors(
                res.organizations, label["organizations"]
            ):
                print(
                    f"[orgs] {label['id']} got {res.organizations} want "
                    f"{label['organizations']} ({label['evidence']})"
                )
    print()


def main(argv: Iterable[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.metadata", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--dataset", type=Path, help="folder with html/ (default: every set)")
    parser.add_argument("--labels", type=Path, help="labels (JSON lines), with --dataset")
    parser.add_argument("--split", choices=("tune", "holdout"), help="only pages of this split")
    parser.add_argument(
        "--show", action="store_true", help="list the project's wrong dates and authors"
    )
    parser.add_argument(
        "--no-timing", action="store_true", help="quality figures only (ms/page shows 0)"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if (args.dataset is None) != (args.labels is None):
        parser.error("give --dataset and --labels together (or neither, for every set)")
    sets = [(args.dataset, args.labels)] if args.dataset else list(DEFAULT_SETS)
    for dataset, labels in sets:
        if not (dataset / "ground_truth.jsonl").is_file() or not labels.is_file():
            print(f"skipped {dataset}: no ground_truth.jsonl or no {labels.name}")
            continue
        run_set(dataset, labels, args.split, args.show, timing=not args.no_timing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
