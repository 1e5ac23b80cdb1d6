"""Language data: every language-specific word list of the project, one TOML file a language.

Each file ``<lang>.toml`` (ISO 639-1 code) holds TOML tables, one a concern; each key of a
table is a *category*, a list of phrases::

    [cleaning]
    promo_labels = ["read also", "see also"]

    [byline]
    prefixes = ["by", "written by"]

A table may also hold a sub-table of lists (month names by number, say)::

    [dates.months]
    1 = ["january", "jan"]

Code asks for a category by its dotted name (``"cleaning.promo_labels"``) and gets the
phrases of every language merged, in file order without repeats, or one list per language.
Files are read once per process (package data, no I/O after the first call). Adding a
language is adding one file; nothing in code lists the languages.

Regexes and trigger sets are *derived* from these lists where they are used, never kept
beside them by hand.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Final

#: Phrases are compared with lines after `cleaning.text.normalize`-style folding; tables
#: store them lower-case.
Phrases = tuple[str, ...]


class PhraseTableError(ValueError):
    """A phrase file is malformed (a value that is not a list of strings, say)."""


def _flatten(prefix: str, node: Mapping[str, object], out: dict[str, object], source: str) -> None:
    for key, value in node.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise PhraseTableError(f"{source}: {name}: every phrase must be a string")
            out[name] = tuple(value)
        elif isinstance(value, dict):
            _flatten(name, value, out, source)
        elif prefix == "" and key == "language":
            continue  # the optional header naming the language
        else:
            raise PhraseTableError(f"{source}: {name}: expected a list of strings or a table")


@cache
def _tables() -> Mapping[str, Mapping[str, Phrases]]:
    """Every language's flattened table: ``{lang: {"cleaning.promo_labels": (...)}}``."""
    tables: dict[str, Mapping[str, Phrases]] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        lang = entry.name.removesuffix(".toml")
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise PhraseTableError(f"{entry.name}: {error}") from error
        flat: dict[str, object] = {}
        _flatten("", data, flat, entry.name)
        tables[lang] = {k: v for k, v in flat.items() if isinstance(v, tuple)}
    return tables


def languages() -> tuple[str, ...]:
    """The ISO 639-1 codes that have a phrase file, sorted."""
    return tuple(_tables())


def categories() -> frozenset[str]:
    """Every dotted category name defined by at least one language."""
    return frozenset(name for table in _tables().values() for name in table)


def _check(category: str) -> None:
    if category not in categories() and not any(
        name.startswith(category + ".") for name in categories()
    ):
        raise KeyError(f"no phrase category {category!r} in any language file")


def by_language(category: str) -> dict[str, Phrases]:
    """The phrases of ``category`` for each language that defines it.

    Raises:
        KeyError: No language defines the category (a typo in code).
    """
    _check(category)
    return {lang: table[category] for lang, table in _tables().items() if category in table}


@cache
def phrases(category: str, langs: tuple[str, ...] | None = None) -> Phrases:
    """The phrases of ``category`` in all languages (or in ``langs``), merged, first seen first.

    Raises:
        KeyError: No language defines the category (a typo in code).
    """
    _check(category)
    merged: dict[str, None] = {}
    for lang, table in _tables().items():
        if langs is None or lang in langs:
            merged.update(dict.fromkeys(table.get(category, ())))
    return tuple(merged)


def subtable(category: str) -> dict[str, Phrases]:
    """A table of lists merged over languages: ``{"1": ("january", "janvier", ...), ...}``.

    For a category written as a sub-table (``[dates.months]``); keys are the sub-table's
    keys, values the merged phrases of every language under that key.

    Raises:
        KeyError: No language defines the category (a typo in code).
    """
    _check(category)
    merged: dict[str, dict[str, None]] = {}
    prefix = category + "."
    for table in _tables().values():
        for name, values in table.items():
            if name.startswith(prefix):
                merged.setdefault(name[len(prefix) :], {}).update(dict.fromkeys(values))
    return {key: tuple(values) for key, values in merged.items()}


def all_of(categories_: Iterable[str]) -> Phrases:
    """The merged phrases of several categories, in order, without repeats."""
    merged: dict[str, None] = {}
    for category in categories_:
        merged.update(dict.fromkeys(phrases(category)))
    return tuple(merged)


#: The languages every concern must cover (tests check each has its phrases).
REQUIRED_LANGUAGES: Final = tuple(
    "en de fr es pt it nl ru uk pl cs tr sv da no fi ro hu el ar hi id ja ko zh".split()  # noqa: SIM905
)
