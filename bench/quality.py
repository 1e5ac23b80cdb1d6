"""Benchmark the cleaner against trafilatura alone on the same pages, in one run.

Usage::

    python -m bench.quality --dataset ../shared/datasets/scrapinghub [--limit N] [--workers N]
    python -m bench.quality --dataset ../shared/datasets/trafilatura-eval
    python -m bench.quality --dataset bench/datasets/multilingual --split holdout

A dataset folder holds ``html/<id>.html.gz`` and ``ground_truth.jsonl``. Rows with a
``body`` are scored with the scrapinghub article-extraction-benchmark metric (4-token
shingles; benchmark precision = mean page precision over pages with output, recall =
mean page recall over all pages, F1 of the two means); rows with ``with``/``without``
snippets are scored with the snippet metric (pooled whitespace-normalised substring
tests). Both systems run in the same worker process on the same page, one after the
other, and their times are measured there (CPU-bound, so ms/page are comparable).

Rows that list ``injected`` boilerplate lines (the project's multilingual set) are also
scored for the share of those lines each system kept (by widget kind when the rows carry
``injected_kinds``), and rows that list ``lookalike``
paragraphs (real text that mentions translating, sharing, reading...) for the share of
them kept; ``--split tune|holdout`` keeps only the rows of that split.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from cleaning import CleaningError, extract_article
from cleaning.language import detect_language

SYSTEMS = ("project", "trafilatura")
#: Snippet datasets count the headline as page content; the project keeps it in
#: `Article.title`, so it is also scored as title + text.
PROJECT_WITH_TITLE = "project+title"

#: Line openings counted as promo/widget leaks (the dataset README's list, independent
#: of the cleaner's own rules so the metric is not circular).
PROMO_STARTS = (
    "read:",
    "read more",
    "also read",
    "read also",
    "read next",
    "related:",
    "related articles",
    "related stories",
    "related news",
    "see also",
    "don't miss",
    "must read",
    "recommended",
    "watch:",
    "more:",
    "translate this news",
    "select language",
    "share this",
    "share on",
    "click here",
    "subscribe",
    "follow us",
    "sign up for",
    "advertisement",
    "story continues",
    "continue reading",
    "download the",
    "join our",
)

#: Lines of the cleaned text searched for the title.
TITLE_LINES = 3


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles (a shorter text gives one shorter shingle)."""
    tokens = _tokens(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_precision_recall(output: str, reference: str) -> tuple[float, float]:
    """Shingle precision and recall of one page (both 1.0 when fp = fn = 0)."""
    out, ref = shingles(output), shingles(reference)
    tp = sum((out & ref).values())
    fp = sum(out.values()) - tp
    fn = sum(ref.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def title_repeated(text: str, title: str, reference: str) -> bool:
    """The title is in the first lines of ``text`` although the reference does not start with it."""
    key = _norm(title)
    if len(key) < 10 or _norm(reference).startswith(key):
        return False
    for line in [line for line in text.splitlines() if line.strip()][:TITLE_LINES]:
        norm = _norm(line)
        if norm.startswith(key) or (norm and norm in key and len(norm) >= 0.8 * len(key)):
            return True
    return False


def promo_lines(text: str, reference: str) -> list[str]:
    """Lines of ``text`` that open with a promo/widget label and are not in the reference."""
    ref = _norm(reference)
    leaks = []
    for line in text.splitlines():
        start = line.strip().lstrip("-•*# ").casefold()
        if start.startswith(PROMO_STARTS) and _norm(line) not in ref:
            leaks.append(line)
    return leaks


#: Zero-width characters: extractors drop some of them (Persian ZWNJ), so the injected and
#: look-alike tests ignore them on both sides.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _line_norm(text: str) -> str:
    return _norm(text.translate(ZERO_WIDTH))


def _word_in(key: str, text: str) -> bool:
    return f" {key} " in f" {text} "


def injected_kept(text: str, injected: Sequence[str], reference: str) -> list[str]:
    """The injected boilerplate lines of a page that ``text`` still holds.

    A line is kept when its words appear in the output in a row (extractors often merge
    a widget into the line next to it), or when an output line is most of it (a widget
    partly removed). A line that is also a phrase of the body (a label "Share" beside a
    body that says "share") only counts when it stands as an output line of its own or
    opens one, so that the same words inside a sentence are not taken for the widget.
    """
    ref = _line_norm(reference)
    lines = [norm for norm in (_line_norm(line) for line in text.splitlines()) if norm]
    joined = " ".join(lines)
    kept = []
    for item in injected:
        key = _line_norm(item)
        if not key:
            continue
        if _word_in(key, ref):
            hit = any(line == key or line.startswith(key + " ") for line in lines)
        else:
            hit = _word_in(key, joined) or any(
                len(line) >= 0.5 * len(key) and _word_in(line, key) and not _word_in(line, ref)
                for line in lines
            )
        if hit:
            kept.append(item)
    return kept


def lookalikes_kept(text: str, lookalikes: Sequence[str]) -> int:
    """How many of the look-alike body paragraphs ``text`` holds in full."""
    joined = " ".join(_line_norm(line) for line in text.splitlines())
    return sum(_word_in(_line_norm(item), joined) for item in lookalikes)


def _kinds(row: dict[str, Any]) -> dict[str, str]:
    """Each injected line's widget kind (none when the row does not say)."""
    return dict(zip(row.get("injected") or (), row.get("injected_kinds") or (), strict=False))


def report_injected(rows: Sequence[dict[str, Any]], results: Sequence[PageResult]) -> list[str]:
    """Injected boilerplate and look-alike text kept, per system (rows that list them)."""
    n_injected = sum(len(row.get("injected") or ()) for row in rows)
    n_lookalike = sum(len(row.get("lookalike") or ()) for row in rows)
    if not n_injected and not n_lookalike:
        return []
    injected, lookalike = [], []
    totals: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {system: Counter() for system in SYSTEMS}
    for row in rows:
        totals.update(row.get("injected_kinds") or ())
    for system in SYSTEMS:
        kept = found = 0
        for row, res in zip(rows, results, strict=True):
            text = res.texts[system]
            lines = injected_kept(text, row.get("injected") or (), row.get("body", ""))
            kept += len(lines)
            kinds = _kinds(row)
            by_kind[system].update(kinds[line] for line in lines if line in kinds)
            found += lookalikes_kept(text, row.get("lookalike") or ())
        injected.append(f"{system} {100 * kept / max(1, n_injected):.1f}% ({kept})")
        lookalike.append(f"{system} {100 * found / max(1, n_lookalike):.1f}% ({found})")
    out = [
        f"injected boilerplate kept ({n_injected} lines): " + ", ".join(injected),
        f"look-alike text kept ({n_lookalike} paragraphs): " + ", ".join(lookalike),
    ]
    if totals:
        out.append(
            "injected kept by kind (project/trafilatura of lines): "
            + ", ".join(
                f"{kind} {by_kind['project'][kind]}/{by_kind['trafilatura'][kind]} of {n}"
                for kind, n in sorted(totals.items())
            )
        )
    return out


@dataclass
class PageResult:
    """Outputs and timings of both systems on one page."""

    id: str
    url: str
    title: str
    texts: dict[str, str] = field(default_factory=dict)
    ms: dict[str, float] = field(default_factory=dict)
    error: str | None = None


def _run_project(html: bytes, url: str, result: PageResult) -> None:
    start = time.process_time()
    try:
        article = extract_article(html, url)
        result.texts["project"] = article.text
        result.texts[PROJECT_WITH_TITLE] = f"{article.title}\n{article.text}"
        result.title = article.title
    except CleaningError as exc:
        result.texts["project"] = ""
        result.texts[PROJECT_WITH_TITLE] = ""
        result.error = f"{type(exc).__name__}: {exc}"
    _keep_fastest(result, "project", (time.process_time() - start) * 1000)


def _run_trafilatura(html: bytes, result: PageResult) -> None:
    start = time.process_time()
    result.texts["trafilatura"] = trafilatura.extract(html, include_comments=False) or ""
    _keep_fastest(result, "trafilatura", (time.process_time() - start) * 1000)


def _keep_fastest(result: PageResult, system: str, ms: float) -> None:
    result.ms[system] = min(ms, result.ms.get(system, ms))


def run_page(args: tuple[str, str, str, bool, int]) -> PageResult:
    """Run both systems on one page (in a worker process), ``repeat`` times each.

    Each system's time on the page is its fastest run: on a shared machine a run is
    only ever slowed down by other work, never sped up, so the fastest run is the one
    closest to the code's own cost. trafilatura memoises some text functions, so
    whichever system runs right after the other on a page is a little faster; the order
    alternates from run to run and from page to page to keep timings fair.
    """
    page_id, url, path, project_first, repeat = args
    html = gzip.decompress(Path(path).read_bytes())
    result = PageResult(id=page_id, url=url, title="")
    for k in range(max(1, repeat)):
        if project_first == (k % 2 == 0):
            _run_project(html, url, result)
            _run_trafilatura(html, result)
        else:
            _run_trafilatura(html, result)
            _run_project(html, url, result)
    if not result.title:
        meta = trafilatura.extract_metadata(html.decode("utf-8", "replace"))
        result.title = (meta.title if meta is not None else None) or ""
    return result


def warm_up(path: str) -> None:
    """Run both systems once so one-time initialisation is not charged to either.

    trafilatura builds the stop-word list of its jusText fallback (every language's list,
    about half a second) the first time a page needs that fallback: on whichever system
    happens to meet such a page first. It is built here instead, and so is the project's
    language detector (its model is loaded on the first page whose text contradicts or
    lacks a declared language).
    """
    with contextlib.suppress(AttributeError):
        if not trafilatura.external.JT_STOPLIST:
            trafilatura.external.jt_stoplist_init()
    detect_language("Warm-up text for the language detector.")
    html = gzip.decompress(Path(path).read_bytes())
    for _ in range(2):
        with contextlib.suppress(CleaningError):
            extract_article(html, "https://example.com/warm-up/article")
        trafilatura.extract(html, include_comments=False)


def load_dataset(folder: Path, limit: int | None) -> list[dict[str, Any]]:
    """Read ``ground_truth.jsonl`` rows (the first ``limit`` ones)."""
    rows = []
    with (folder / "ground_truth.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
    return rows[:limit] if limit else rows


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def report_body(rows: Sequence[dict[str, Any]], results: Sequence[PageResult]) -> list[str]:
    """Scrapinghub-style figures per system."""
    out = [
        f"{'system':<12} {'F1':>6} {'prec':>6} {'recall':>6} "
        f"{'title%':>7} {'promo%':>7} {'ms/page':>8}"
    ]
    figures: dict[str, dict[str, float]] = {}
    for system in SYSTEMS:
        precisions, recalls, titles, promos = [], [], 0, 0
        for row, res in zip(rows, results, strict=True):
            text = res.texts[system]
            precision, recall = page_precision_recall(text, row["body"])
            if text.strip():
                precisions.append(precision)
            recalls.append(recall)
            titles += title_repeated(text, res.title, row["body"])
            promos += bool(promo_lines(text, row["body"]))
        p, r = _mean(precisions), _mean(recalls)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        ms = _mean([res.ms[system] for res in results])
        n = len(results)
        figures[system] = {"f1": f1, "p": p, "r": r, "ms": ms}
        out.append(
            f"{system:<12} {f1:6.3f} {p:6.3f} {r:6.3f} {100 * titles / n:6.1f}% "
            f"{100 * promos / n:6.1f}% {ms:8.1f}"
        )
    out.append(_deltas(figures))
    out.extend(report_injected(rows, results))
    return out


def _snippet_counts(text: str, row: dict[str, Any]) -> tuple[int, int, int]:
    norm = " ".join(text.split())
    found = [" ".join(s.split()) in norm for s in row.get("with", [])]
    leaked = [" ".join(s.split()) in norm for s in row.get("without", [])]
    return sum(found), len(found) - sum(found), sum(leaked)


def report_snippets(rows: Sequence[dict[str, Any]], results: Sequence[PageResult]) -> list[str]:
    """Snippet-metric figures per system (pooled over pages)."""
    out = [f"{'system':<13} {'F1':>6} {'prec':>6} {'recall':>6} {'ms/page':>8}"]
    figures: dict[str, dict[str, float]] = {}
    for system in (*SYSTEMS, PROJECT_WITH_TITLE):
        tp = fn = fp = 0
        for row, res in zip(rows, results, strict=True):
            a, b, c = _snippet_counts(res.texts[system], row)
            tp, fn, fp = tp + a, fn + b, fp + c
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        ms = _mean([res.ms[system.split("+")[0]] for res in results])
        figures[system] = {"f1": f1, "p": p, "r": r, "ms": ms}
        out.append(f"{system:<13} {f1:6.3f} {p:6.3f} {r:6.3f} {ms:8.1f}")
    out.append(_deltas(figures))
    out.append(f"({PROJECT_WITH_TITLE}: the project's title field and text together)")
    return out


def _deltas(figures: dict[str, dict[str, float]]) -> str:
    proj, traf = figures["project"], figures["trafilatura"]
    overhead = 100 * (proj["ms"] / traf["ms"] - 1) if traf["ms"] else 0.0
    return (
        f"project - trafilatura: F1 {proj['f1'] - traf['f1']:+.3f}, "
        f"recall {proj['r'] - traf['r']:+.4f}, time {overhead:+.1f}%"
    )


def select_split(rows: list[dict[str, Any]], split: str | None) -> list[dict[str, Any]]:
    """The rows of one split (all rows when ``split`` is None)."""
    if split is None:
        return rows
    return [row for row in rows if row.get("split") == split]


def run(
    folder: Path, limit: int | None, workers: int, repeat: int = 1, split: str | None = None
) -> tuple[list[dict[str, Any]], list[PageResult]]:
    """Run both systems over a dataset (each ``repeat`` times a page, fastest run kept)."""
    rows = select_split(load_dataset(folder, None), split)
    rows = rows[:limit] if limit else rows
    tasks = [
        (
            row["id"],
            row.get("url", ""),
            str(folder / "html" / f"{row['id']}.html.gz"),
            i % 2 == 0,
            repeat,
        )
        for i, row in enumerate(rows)
    ]
    if not tasks:
        return rows, []
    if workers <= 1:
        warm_up(tasks[0][2])
        results = [run_page(task) for task in tasks]
    else:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=warm_up, initargs=(tasks[0][2],)
        ) as pool:
            results = list(pool.map(run_page, tasks, chunksize=4))
    return rows, results


def main(argv: Iterable[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.quality", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--dataset", required=True, type=Path, help="folder with html/ and ground_truth.jsonl"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument(
        "--workers", type=int, default=min(4, os.cpu_count() or 1), help="worker processes"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each system per page; the fastest is timed (default 3)",
    )
    parser.add_argument(
        "--show",
        choices=("errors", "title", "promo", "worst", "injected"),
        action="append",
        default=[],
        help="also list pages with project errors, title repeats, promo leaks, the worst F1 "
        "or injected lines kept",
    )
    parser.add_argument(
        "--split",
        choices=("tune", "holdout"),
        default=None,
        help="only the rows of this split (datasets whose rows carry a 'split' field)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.dataset / "ground_truth.jsonl").is_file():
        parser.error(f"{args.dataset} has no ground_truth.jsonl")
    if args.split and not select_split(load_dataset(args.dataset, None), args.split):
        parser.error(f"{args.dataset} has no rows with split {args.split!r}; drop --split")
    rows, results = run(args.dataset, args.limit, args.workers, args.repeat, args.split)
    snippet_mode = "body" not in rows[0]
    print(
        f"dataset: {args.dataset} ({len(rows)} pages, "
        f"{'snippet' if snippet_mode else 'benchmark'} metric)"
        + (f", split {args.split}" if args.split else "")
    )
    lines = report_snippets(rows, results) if snippet_mode else report_body(rows, results)
    print("\n".join(lines))
    errors = Counter((res.error or "").split(":")[0] for res in results if res.error)
    if errors:
        print("project errors: " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items())))
    _show(args.show, rows, results, snippet_mode)
    return 0


def _show(
    what: Sequence[str],
    rows: Sequence[dict[str, Any]],
    results: Sequence[PageResult],
    snippet: bool,
) -> None:
    for row, res in zip(rows, results, strict=True):
        text = res.texts["project"]
        if "errors" in what and res.error:
            print(f"[error] {res.id} {res.error}")
        if snippet:
            continue
        if "title" in what and title_repeated(text, res.title, row["body"]):
            print(f"[title] {res.id} {res.title!r}: {text.splitlines()[:TITLE_LINES]}")
        if "promo" in what:
            for leak in promo_lines(text, row["body"]):
                print(f"[promo] {res.id} {leak!r}")
        if "injected" in what:
            kinds = _kinds(row)
            for line in injected_kept(text, row.get("injected") or (), row["body"]):
                print(f"[injected] {res.id} {kinds.get(line, '?')} {line!r}")
    if "worst" in what and not snippet:
        scored = []
        for row, res in zip(rows, results, strict=True):
            p, r = page_precision_recall(res.texts["project"], row["body"])
            tp, tr = page_precision_recall(res.texts["trafilatura"], row["body"])
            scored.append((p + r - tp - tr, res.id, p, r, tp, tr))
        for delta, page_id, p, r, tp, tr in sorted(scored)[:15]:
            print(
                f"[worst] {page_id} delta {delta:+.3f} project p={p:.3f} r={r:.3f} "
                f"trafilatura p={tp:.3f} r={tr:.3f}"
            )


if __name__ == "__main__":
    sys.exit(main())
