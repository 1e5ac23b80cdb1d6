"""The data files of `cleaning.rules` that are no one language's (package data, read once).

`language_names.toml` (language menus), `platform_names.toml` (platform names in other
scripts), `video_words.toml` (the word for a video where no phrase table has it). The
phrase tables of the languages are `cleaning.phrases`.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def rules_data(name: str) -> dict[str, Any]:
    """The parsed TOML file ``name`` of this package."""
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))
