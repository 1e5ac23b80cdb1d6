"""The project's commands, as seen from outside the project: a hint instead of "Unknown".

Registered as ``scrapy.commands`` entry points (``pyproject.toml``). Inside the project
(a folder with ``scrapy.cfg``, or ``SCRAPY_SETTINGS_MODULE=crawler.settings``) the
project's own commands (`crawler.commands`) replace these; outside it, ``scrapy report``
and the others say how to get there instead of "Unknown command".
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import ScrapyCommand
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.utils.project import inside_project

#: Exit status of a command run outside the project.
EXIT_USAGE = 2
HINT = (
    "not run inside the newsclean project: run it in the folder that holds scrapy.cfg, "
    "or set SCRAPY_SETTINGS_MODULE=crawler.settings"
)


class OutsideProject(ScrapyCommand):
    """A stand-in for a project command that only says how to reach the real one."""

    requires_project = False
    requires_crawler_process = False
    #: The command's name, set by each subclass.
    name = ""

    def syntax(self) -> str:
        return "(inside the newsclean project)"

    def short_desc(self) -> str:
        return f"newsclean's {self.name}: needs SCRAPY_SETTINGS_MODULE=crawler.settings"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        sys.stderr.write(f"scrapy {self.name}: error: {HINT}\n")
        sys.exit(EXIT_USAGE)


class Crawl(ScrapyCrawlCommand):
    """Scrapy's own ``crawl`` inside any project; outside one, the hint.

    An entry point replaces the built-in command everywhere, so in another Scrapy
    project this must be the built-in command, unchanged.
    """

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        if not inside_project():
            sys.stderr.write(f"scrapy crawl: error: {HINT}\n")
            sys.exit(EXIT_USAGE)
        super().process_options(args, opts)


class Report(OutsideProject):
    name = "report"


class Export(OutsideProject):
    name = "export"


class Reclean(OutsideProject):
    name = "reclean"
