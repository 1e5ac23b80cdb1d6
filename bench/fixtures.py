"""The fixture pages as a held-out set: boilerplate kept, real text lost, metadata.

``tests/fixtures/pages/`` holds real and hand-written pages with the snippets their cleaned
text must contain (real paragraphs) and must not contain (boilerplate). The test suite
checks them one by one (listing the boilerplate still kept as ``known_leaks``); this
prints the totals, for the project and for trafilatura alone on the same pages, and, for
the pages of ``heldout2-metadata.jsonl``, whether the metadata is what a reader sees::

    python -m bench.fixtures                  # every fixture page
    python -m bench.fixtures --set heldout2   # the second held-out set only
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import trafilatura

from cleaning import extract_article
from cleaning.errors import CleaningError

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
METADATA = PAGES / "heldout2-metadata.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _metadata_labels() -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in METADATA.read_text(encoding="utf-8").splitlines())
    return {row["name"]: row for row in rows if row}


def _specs(only: Iterable[str] | None) -> list[Path]:
    names = set(only) if only is not None else None
    return [p for p in sorted(PAGES.glob("*.json")) if names is None or p.stem in names]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fixtures", description=__doc__)
    parser.add_argument("--set", choices=["all", "heldout2"], default="all")
    parser.add_argument("--show", action="store_true", help="list every kept or lost snippet")
    args = parser.parse_args(list(argv) if argv is not None else None)
    labels = _metadata_labels()
    specs = _specs(labels if args.set == "heldout2" else None)
    totals = {"boilerplate": 0, "kept": 0, "kept_traf": 0, "real": 0, "lost": 0, "lost_traf": 0}
    meta_right = meta_total = 0
    for spec_path in specs:
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        html = gzip.decompress(spec_path.with_suffix(".html.gz").read_bytes())
        try:
            article = extract_article(html, spec["url"])
            text = _norm(article.text)
        except CleaningError as exc:
            print(f"{spec_path.stem}: {type(exc).__name__}")
            continue
        traf = _norm(trafilatura.extract(html, include_comments=False) or "")
        bad, good = spec["must_not_contain"], spec["must_contain"]
        kept = [s for s in bad if _norm(s) in text]
        lost = [s for s in good if _norm(s) not in text]
        totals["boilerplate"] += len(bad)
        totals["kept"] += len(kept)
        totals["kept_traf"] += sum(_norm(s) in traf for s in bad)
        totals["real"] += len(good)
        totals["lost"] += len(lost)
        totals["lost_traf"] += sum(_norm(s) not in traf for s in good)
        if args.show:
            for snippet in kept:
                print(f"{spec_path.stem}: kept {snippet[:80]!r}")
            for snippet in lost:
                print(f"{spec_path.stem}: lost {snippet[:80]!r}")
        label = labels.get(spec_path.stem)
        if label is not None:
            published = article.published_at.date().isoformat() if article.published_at else None
            got = {
                "authors": article.authors,
                "organizations": article.organizations,
                "published": published,
                "language": article.language,
            }
            for key, value in got.items():
                meta_total += 1
                meta_right += value == label[key]
                if value != label[key] and args.show:
                    print(f"{spec_path.stem}: {key} {value!r}, a reader sees {label[key]!r}")
    print(f"pages: {len(specs)}")
    for system, kept, lost in (
        ("newsclean", totals["kept"], totals["lost"]),
        ("trafilatura", totals["kept_traf"], totals["lost_traf"]),
    ):
        share = 100 * kept / totals["boilerplate"] if totals["boilerplate"] else 0.0
        print(
            f"{system:<12} boilerplate kept {kept}/{totals['boilerplate']} ({share:.1f}%), "
            f"real snippets lost {lost}/{totals['real']}"
        )
    if meta_total:
        print(
            f"metadata (authors, organisations, day, language) as a reader sees it: "
            f"{meta_right}/{meta_total}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
