"""A Scrapy extension for `bench.crawl`: the crawl process's own CPU and RSS as pages arrive.

Enabled by `bench.crawl` with ``-s EXTENSIONS={"bench.probe.Probe": 0}`` and
``-s BENCH_PROBE_FILE=FILE``. Every ``BENCH_PROBE_EVERY`` responses (default 1,000)
it appends one JSON line to the file: the count of responses, the process's user+sys CPU
seconds (its own, not its cleaning workers'), the reactor thread's share of them, its RSS
and the wall-clock time, so the benchmark can print the CPU per page of each stretch of
the crawl.

``BENCH_PROFILE=2000-4000,40000-42000`` also profiles the crawl process (cProfile)
between those response counts (the reactor thread's CPU time; the store's writer thread
is not in it) and writes ``FILE.<start>-<end>.pstats`` beside the probe file: what costs
more late in a crawl than early.

Scrapy's signals are imported only when Scrapy builds the extension (inside the crawl
process), so importing `bench` never pulls Scrapy in.
"""

from __future__ import annotations

import cProfile
import json
import os
import time
from pathlib import Path
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm", "rb") as handle:
        return int(handle.read().split()[1]) * _PAGE


class Probe:
    """Append the crawl process's CPU and RSS to a file every N responses."""

    def __init__(self, path: Path, every: int, profile: list[tuple[int, int]]) -> None:
        self.path = path
        self.every = every
        self.profile = profile
        self.count = 0
        self.profiler: cProfile.Profile | None = None
        self.profiling: tuple[int, int] | None = None
        path.write_text("")
        self._write()

    @classmethod
    def from_crawler(cls, crawler: Any) -> Probe:
        from scrapy import signals  # here: only the crawl process imports Scrapy

        settings = crawler.settings
        path = Path(settings.get("BENCH_PROBE_FILE") or "probe.jsonl")
        spans = []
        for span in (settings.get("BENCH_PROFILE") or "").split(","):
            if span.strip():
                start, _, end = span.partition("-")
                spans.append((int(start), int(end)))
        probe = cls(path, settings.getint("BENCH_PROBE_EVERY", 1000), spans)
        crawler.signals.connect(probe.response_received, signal=signals.response_received)
        crawler.signals.connect(probe.spider_closed, signal=signals.spider_closed)
        return probe

    def _write(self) -> None:
        times = os.times()
        line = {
            "responses": self.count,
            "cpu": times.user + times.system,
            # the reactor thread's own share (the rest: the store's writer and other threads)
            "main_cpu": time.thread_time(),
            "rss": _rss(),
            "time": time.time(),
        }
        with self.path.open("a") as handle:
            handle.write(json.dumps(line) + "\n")

    def response_received(self, **_: Any) -> None:
        self.count += 1
        if self.count % self.every == 0:
            self._write()
        for start, end in self.profile:
            if self.count == start and self.profiler is None:
                # CPU time of the reactor thread, not wall time: on a shared machine the
                # wall clock also counts waits for the other processes
                self.profiler = cProfile.Profile(time.thread_time)
                self.profiling = (start, end)
                self.profiler.enable()
            elif self.count == end and self.profiling == (start, end):
                self._dump()

    def _dump(self) -> None:
        if self.profiler is None or self.profiling is None:
            return
        self.profiler.disable()
        start, end = self.profiling
        self.profiler.dump_stats(f"{self.path}.{start}-{end}.pstats")
        self.profiler = None
        self.profiling = None

    def spider_closed(self, **_: Any) -> None:
        self._dump()
        self._write()
