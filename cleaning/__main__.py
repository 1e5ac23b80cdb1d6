"""Command line: ``python -m cleaning explain FILE_OR_URL``.

Prints the cleaned article (metadata and kept text) and every removed line with the
rule that removed it, so a user can see why a line went and write a site rule.

This is the only place in `cleaning` that does I/O: it reads the file (``.gz`` too) or
fetches the URL with urllib, then calls the pure `extract_article`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from cleaning.article import Article
from cleaning.errors import BadRulesFile, CleaningError
from cleaning.extract import extract_article
from cleaning.site_rules import SiteRules, load_site_rules

#: User-Agent for ``explain URL`` (the crawler has its own, configurable one).
USER_AGENT = "newsclean-explain/0.1 (+https://github.com/; cleaning audit)"
#: Seconds before a fetch gives up.
FETCH_TIMEOUT = 30
#: Largest page read from a URL.
MAX_BYTES = 20 * 1024 * 1024


def read_source(source: str) -> tuple[bytes, str]:
    """Read a page from a file path (plain or gzip) or an http(s) URL.

    Args:
        source: A path or a URL.

    Returns:
        The page bytes and the URL to clean it as (the final URL after redirects for a
        fetched page, a ``file://`` URL for a file).

    Raises:
        OSError: When the file cannot be read or the URL cannot be fetched.
    """
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            return response.read(MAX_BYTES), response.geturl()
    path = Path(source)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data, path.resolve().as_uri()


def format_explanation(article: Article) -> str:
    """Render an article and its removed lines for people.

    Args:
        article: The cleaned article.

    Returns:
        A multi-line report: metadata, kept text, removed lines with rules.
    """
    published = article.published_at.isoformat() if article.published_at else "-"
    out = [
        f"title:     {article.title}",
        f"url:       {article.canonical_url}",
        f"site:      {article.site_name or '-'}",
        f"authors:   {', '.join(article.authors) or '-'}",
        f"published: {published}",
        f"language:  {article.language or '-'}",
        f"cleaner:   {article.cleaner_version}",
        "",
        f"== kept ({len(article.text.splitlines())} lines, {article.word_count} words)",
        article.text,
        "",
        f"== removed ({len(article.removed)} lines)",
    ]
    out.extend(f"[{r.rule}] {r.text}" for r in article.removed)
    return "\n".join(out)


def _as_json(article: Article) -> str:
    data = {
        "title": article.title,
        "canonical_url": article.canonical_url,
        "site_name": article.site_name,
        "authors": article.authors,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "modified_at": article.modified_at.isoformat() if article.modified_at else None,
        "language": article.language,
        "text": article.text,
        "removed": [{"rule": r.rule, "text": r.text} for r in article.removed],
        "cleaner_version": article.cleaner_version,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m cleaning``.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        0 on success, 1 when the page is not an article or has no text, 2 on bad input.
    """
    parser = argparse.ArgumentParser(prog="python -m cleaning")
    commands = parser.add_subparsers(dest="command", required=True)
    explain = commands.add_parser("explain", help="show kept text and removed lines with rules")
    explain.add_argument("source", help="an HTML file (.html or .html.gz) or an http(s) URL")
    explain.add_argument("--url", help="clean the file as if fetched from this URL")
    explain.add_argument("--rules", help="a site-rules TOML file")
    explain.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)

    try:
        rules: SiteRules | None = load_site_rules(args.rules) if args.rules else None
    except BadRulesFile as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        html, url = read_source(args.source)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {args.source}: {exc}", file=sys.stderr)
        return 2
    try:
        article = extract_article(html, args.url or url, rules=rules)
    except CleaningError as exc:
        print(f"not stored ({exc.reason}): {exc}")
        return 1
    print(_as_json(article) if args.json else format_explanation(article))
    return 0


if __name__ == "__main__":
    sys.exit(main())
