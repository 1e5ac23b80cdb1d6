"""Per-site cleaning rules from a user-editable TOML file.

A rule that only fits one publisher does not belong in code: it goes in the user's
site-rules file, one table per domain::

    [sites."example.com"]
    # elements removed from the page before extraction
    prune_xpaths = ["//div[contains(@class, 'newsletter-box')]"]
    prune_selectors = ["aside.related", ".paywall-teaser"]
    # extracted lines removed when a pattern matches (Python regex, re.search)
    drop_patterns = ["^Sign up for Example Daily", "^Our Standards:"]
    # pages built by scripts: "auto" renders those that come out as empty app shells in
    # a browser, "always" every article page (see docs/rendering.md)
    render = "auto"

A domain's rules also apply to its subdomains (``example.com`` covers
``www.example.com`` and ``news.example.com``); the most specific domain wins.

`load_site_rules` is the only function here that touches the file system; the crawler
calls it once at start, so a bad file stops the crawl before anything is fetched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from cleaning.errors import BadRulesFile

#: Keys allowed in a domain's table.
DOMAIN_KEYS = frozenset({"prune_xpaths", "prune_selectors", "drop_patterns", "render"})
#: Values of a domain's ``render`` key (the crawler's browser rendering, `crawler.render`).
RENDER_MODES = ("off", "auto", "always")


@dataclass(frozen=True)
class DomainRules:
    """The rules for one domain.

    Attributes:
        domain: The domain the rules were written for.
        prune_xpaths: XPath expressions of elements removed before extraction
            (CSS selectors from the file are converted to XPath).
        drop_patterns: Compiled line patterns; a matching extracted line is removed
            with rule ``site_rule``.
        render: Browser rendering for this site (one of `RENDER_MODES`), or None for the
            crawl's own setting.
    """

    domain: str
    prune_xpaths: tuple[str, ...] = ()
    drop_patterns: tuple[re.Pattern[str], ...] = ()
    render: str | None = None


@dataclass(frozen=True)
class SiteRules:
    """Rules for many domains, looked up by URL.

    Attributes:
        domains: Rules keyed by lower-case domain (without ``www.``).
        source: The file the rules came from, if any.
    """

    domains: Mapping[str, DomainRules] = field(default_factory=dict)
    source: str | None = None

    def for_url(self, url: str) -> DomainRules | None:
        """Return the rules of the most specific domain covering ``url``'s host.

        Args:
            url: A page URL.

        Returns:
            The matching domain's rules, or None when no domain covers the host.
        """
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        labels = host.split(".")
        for i in range(len(labels) - 1):
            rules = self.domains.get(".".join(labels[i:]))
            if rules is not None:
                return rules
        return None


def _line_of(source: str, *needles: str) -> int:
    """Best-effort 1-based line number of the first needle found in ``source``."""
    lines = source.splitlines()
    for needle in needles:
        if not needle:
            continue
        # a value appears in the file as written: backslashes doubled in basic strings
        for form in (needle, needle.replace("\\", "\\\\"), needle.replace('"', '\\"')):
            for number, line in enumerate(lines, start=1):
                if form in line:
                    return number
    return 1


def _bad(path: str, line: int, reason: str) -> BadRulesFile:
    return BadRulesFile(f"{path}:{line}: {reason}")


def _string_list(value: Any, key: str, domain: str, path: str, source: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        line = _line_of(source, f"{key}")
        raise _bad(path, line, f"[sites.{domain!r}] {key} must be a list of strings")
    return list(value)


def parse_site_rules(text: str, path: str = "<string>") -> SiteRules:
    """Parse site rules from TOML text.

    Args:
        text: The TOML document.
        path: The file name used in error messages.

    Returns:
        The validated rules.

    Raises:
        BadRulesFile: On a TOML syntax error, an unknown key, a wrong type, an invalid
            regular expression, XPath or CSS selector; the message names file, line and
            reason.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        if match:
            line = int(match.group(1))
        elif "end of document" in str(exc):
            line = text.count("\n") + 1
        else:
            line = 1
        raise _bad(path, line, f"invalid TOML: {exc}") from exc
    unknown = set(data) - {"sites"}
    if unknown:
        key = sorted(unknown)[0]
        raise _bad(
            path,
            _line_of(text, key),
            f'unknown top-level key {key!r} (expected [sites."domain"] tables)',
        )
    sites = data.get("sites", {})
    if not isinstance(sites, dict):
        raise _bad(path, _line_of(text, "sites"), "'sites' must be a table of domains")
    domains: dict[str, DomainRules] = {}
    for raw_domain, table in sites.items():
        domain = raw_domain.lower().strip().rstrip(".")
        domain = domain.removeprefix("www.")
        header = _line_of(text, f'"{raw_domain}"', f"sites.{raw_domain}", raw_domain)
        if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", domain):
            raise _bad(path, header, f"{raw_domain!r} is not a domain name")
        if not isinstance(table, dict):
            raise _bad(path, header, f"sites.{raw_domain!r} must be a table")
        for key in table:
            if key not in DOMAIN_KEYS:
                raise _bad(
                    path,
                    _line_of(text, key),
                    f"unknown key {key!r} for {raw_domain!r} "
                    f"(allowed: {', '.join(sorted(DOMAIN_KEYS))})",
                )
        xpaths = _string_list(table.get("prune_xpaths", []), "prune_xpaths", raw_domain, path, text)
        for expression in xpaths:
            try:
                etree.XPath(expression)
            except etree.XPathSyntaxError as exc:
                raise _bad(
                    path, _line_of(text, expression), f"invalid XPath {expression!r}: {exc}"
                ) from exc
        for selector in _string_list(
            table.get("prune_selectors", []), "prune_selectors", raw_domain, path, text
        ):
            try:
                from cssselect import GenericTranslator, SelectorError

                xpaths.append(
                    GenericTranslator().css_to_xpath(selector, prefix="descendant-or-self::")
                )
            except ImportError as exc:
                raise _bad(
                    path, _line_of(text, selector), "prune_selectors needs the 'cssselect' package"
                ) from exc
            except SelectorError as exc:
                raise _bad(
                    path, _line_of(text, selector), f"invalid CSS selector {selector!r}: {exc}"
                ) from exc
        patterns: list[re.Pattern[str]] = []
        for pattern in _string_list(
            table.get("drop_patterns", []), "drop_patterns", raw_domain, path, text
        ):
            try:
                patterns.append(re.compile(pattern))
            except re.error as exc:
                raise _bad(
                    path, _line_of(text, pattern), f"invalid regular expression {pattern!r}: {exc}"
                ) from exc
        render = table.get("render")
        if render is not None and render not in RENDER_MODES:
            raise _bad(
                path,
                _line_of(text, "render"),
                f"[sites.{raw_domain!r}] render must be one of: {', '.join(RENDER_MODES)}",
            )
        domains[domain] = DomainRules(
            domain=domain,
            prune_xpaths=tuple(xpaths),
            drop_patterns=tuple(patterns),
            render=render,
        )
    return SiteRules(domains=domains, source=path)


def load_site_rules(path: str | Path) -> SiteRules:
    """Read and validate a site-rules TOML file.

    Args:
        path: The file to read.

    Returns:
        The rules, ready for `extract_article(..., rules=...)`.

    Raises:
        BadRulesFile: When the file cannot be read or is invalid (file, line, reason).
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(name, 1, f"cannot read rules file: {exc}") from exc
    return parse_site_rules(text, name)
