"""The re-clean contract: `CLEANER_VERSION` changes whenever what is stored for a page would.

`scrapy reclean` and downstream readers tell stale articles by `articles.cleaner_version`,
so a change to the rules, the phrase tables or the metadata that changes what is stored
for a page must come with a new version. This test keeps a digest of what the cleaner
stores for every fixture page (title, text, metadata), recorded with the version it was
made under: when the digest changes and the version did not, it fails.

After a deliberate change: bump `CLEANER_VERSION` in `cleaning/rules/__init__.py`, then
record the new digest with ``python -m tests.unit.test_cleaner_version``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import fields
from importlib.metadata import version
from pathlib import Path

from cleaning import CLEANER_VERSION, extract_article
from cleaning.errors import CleaningError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RECORD = FIXTURES / "cleaner-version.json"
# What the stored output also depends on: the extractor and the date finder, pinned in
# pyproject.toml. A new release of either changes stored text, so it is recorded too.
LIBRARIES = ("trafilatura", "htmldate")


#: Article fields the store does not keep as the page's output: the audit trail, the
#: version itself and the crawl's time-zone evidence.
NOT_STORED = frozenset({"removed", "cleaner_version", "zone_evidence"})


def stored_output(path: Path, url: str) -> dict[str, object]:
    """What the store keeps for one page: every field of the `Article` but `NOT_STORED`."""
    html = gzip.decompress(path.read_bytes()).decode("utf-8")
    try:
        article = extract_article(html, url)
    except CleaningError as exc:
        return {"error": type(exc).__name__}
    return {
        field.name: getattr(article, field.name)
        for field in fields(article)
        if field.name not in NOT_STORED
    }


def pages() -> list[tuple[Path, str]]:
    """Every gzipped fixture page that has a URL beside it."""
    found = []
    for page in sorted(FIXTURES.rglob("*.html.gz")):
        meta = page.with_name(page.name.removesuffix(".html.gz") + ".json")
        url = "https://example.org/" + page.name.removesuffix(".html.gz")
        if meta.exists():
            url = json.loads(meta.read_text(encoding="utf-8")).get("url") or url
        found.append((page, url))
    return found


def digest() -> str:
    """SHA-256 over what is stored for every fixture page, in a fixed order."""
    outputs = {str(p.relative_to(FIXTURES)): stored_output(p, u) for p, u in pages()}
    blob = json.dumps(outputs, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def libraries() -> dict[str, str]:
    return {name: version(name) for name in LIBRARIES}


def test_fixture_pages_cover_the_languages() -> None:
    assert len(pages()) >= 20


def test_stored_output_changes_only_with_a_new_cleaner_version() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    now = digest()
    if record["digest"] == now:
        return
    assert record["cleaner_version"] != CLEANER_VERSION, (
        f"what the cleaner stores for the fixture pages changed under CLEANER_VERSION "
        f"{CLEANER_VERSION} (libraries then {record['libraries']}, now {libraries()}): "
        "bump CLEANER_VERSION in cleaning/rules/__init__.py, then record the digest with "
        "`python -m tests.unit.test_cleaner_version`"
    )
    raise AssertionError(
        f"CLEANER_VERSION is {CLEANER_VERSION}; record its digest with "
        "`python -m tests.unit.test_cleaner_version`"
    )


if __name__ == "__main__":
    RECORD.write_text(
        json.dumps(
            {"cleaner_version": CLEANER_VERSION, "libraries": libraries(), "digest": digest()},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"recorded the digest of CLEANER_VERSION {CLEANER_VERSION} in {RECORD}")
