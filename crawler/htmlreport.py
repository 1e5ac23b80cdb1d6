"""``scrapy report --html FILE``: the per-site report as one self-contained HTML page.

No script, no stylesheet or font to fetch: the page is inline CSS and small inline SVG
charts (articles per day, page outcomes per run, words per article, the drift flags),
so it opens offline, from a mail attachment or a CI artefact, in any browser.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

#: Outcome column of the report -> its colour in the charts.
COLOURS = {
    "stored": "#2e7d32",
    "unchanged": "#90a4ae",
    "failed": "#c62828",
    "blocked": "#ef6c00",
    "skipped": "#5e35b1",
}
#: Upper bounds of the words-per-article bins; the last bin holds everything longer.
WORD_BINS = (100, 200, 300, 400, 600, 800, 1000, 1500, 2000)
#: Days shown in the articles-per-day chart at most (the latest).
MAX_DAYS = 60
CHART_WIDTH = 640
CHART_HEIGHT = 160

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
p.window{color:#555;margin:0 0 16px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}
.flag{background:#fdecea;border-left:4px solid #c62828;padding:6px 10px;margin:6px 0}
.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:6px 10px}
.legend span{display:inline-block;margin-right:14px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
svg text{font:11px system-ui,sans-serif;fill:#444}
"""


@dataclass(frozen=True)
class RunBar:
    """One crawl run in the outcomes chart: its label and pages per report column."""

    label: str
    counts: dict[str, int]


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(values: Sequence[tuple[str, int]], colour: str, title: str) -> str:
    """A vertical bar chart of ``(label, value)`` as inline SVG (labels thinned out)."""
    if not values:
        return '<p class="empty">(nothing to show)</p>'
    top = max(value for _, value in values) or 1
    left, bottom = 36, 28
    width = (CHART_WIDTH - left) / len(values)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}" '
        f'height="{CHART_HEIGHT + bottom}" aria-label="{_esc(title)}">',
        f'<text x="0" y="12">{top}</text><text x="0" y="{CHART_HEIGHT}">0</text>',
        f'<line x1="{left}" y1="{CHART_HEIGHT}" x2="{CHART_WIDTH}" y2="{CHART_HEIGHT}" '
        'stroke="#999"/>',
    ]
    # every label that fits (about 6.5 px a character at 11 px), no overlaps
    longest = max(len(label) for label, _ in values)
    step = max(1, math.ceil((longest * 6.5 + 6) / width))
    for index, (label, value) in enumerate(values):
        height = (CHART_HEIGHT - 16) * value / top
        x = left + index * width
        parts.append(
            f'<rect class="bar" x="{x + 1:.1f}" y="{CHART_HEIGHT - height:.1f}" '
            f'width="{max(width - 2, 1):.1f}" height="{height:.1f}" fill="{colour}">'
            f"<title>{_esc(label)}: {value}</title></rect>"
        )
        if index % step == 0:
            parts.append(f'<text x="{x + 1:.1f}" y="{CHART_HEIGHT + 16}">{_esc(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_runs(runs: Sequence[RunBar]) -> str:
    """One horizontal bar a run, split by page outcome, as inline SVG with a legend."""
    if not runs:
        return '<p class="empty">(no crawl runs recorded)</p>'
    top = max(sum(run.counts.values()) for run in runs) or 1
    label_width, row = 150, 22
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}" '
        f'height="{row * len(runs) + 4}" aria-label="page outcomes per run">'
    ]
    for index, run in enumerate(runs):
        y = index * row + 2
        parts.append(f'<text x="0" y="{y + 14}">{_esc(run.label)}</text>')
        x = float(label_width)
        for column, colour in COLOURS.items():
            count = run.counts.get(column, 0)
            if not count:
                continue
            width = (CHART_WIDTH - label_width - 50) * count / top
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{row - 6}" '
                f'fill="{colour}"><title>{column}: {count}</title></rect>'
            )
            x += width
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(run.counts.values())}</text>')
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{colour}"></i>{column}</span>'
        for column, colour in COLOURS.items()
    )
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def word_bins(word_counts: Sequence[int]) -> list[tuple[str, int]]:
    """Word counts binned by `WORD_BINS`, labelled ``<100``, ``100-199``, ..., ``2000+``."""
    counts = [0] * (len(WORD_BINS) + 1)
    for words in word_counts:
        index = next((i for i, bound in enumerate(WORD_BINS) if words < bound), len(WORD_BINS))
        counts[index] += 1
    labels = [f"<{WORD_BINS[0]}"]
    labels += [f"{low}-{high - 1}" for low, high in itertools.pairwise(WORD_BINS)]
    labels.append(f"{WORD_BINS[-1]}+")
    return list(zip(labels, counts, strict=True))


def render_html(
    *,
    title: str,
    window: str,
    table: list[list[str]],
    flagged: dict[str, list[str]],
    runs: Sequence[RunBar],
    days: dict[str, int],
    word_counts: Sequence[int],
    generated_at: datetime,
) -> str:
    """The whole page."""
    dated = sorted((day, count) for day, count in days.items() if day)[-MAX_DAYS:]
    undated = days.get("", 0)
    header, *rows = table
    table_html = (
        "<table><thead><tr>"
        + "".join(f"<th>{_esc(cell)}</th>" for cell in header)
        + "</tr></thead><tbody>"
        + "".join(
            "<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>" for row in rows
        )
        + "</tbody></table>"
    )
    if not rows:
        table_html = "<p>(no pages fetched and no articles first seen in the window)</p>"
    if flagged:
        flags = "".join(
            f'<div class="flag"><b>DEGRADED {_esc(site)}</b>: {_esc("; ".join(reasons))}</div>'
            for site, reasons in flagged.items()
        )
    else:
        flags = '<div class="ok">No site is flagged: extraction looks as good as before.</div>'
    generated = generated_at.isoformat(timespec="seconds")
    undated_note = f"<p>{undated} articles without a date are not shown.</p>" if undated else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{_esc(title)}</h1>
<p class="window">{_esc(window)} &middot; generated {_esc(generated)}</p>
<h2>Drift flags</h2>
{flags}
<h2>Sites</h2>
{table_html}
<h2>Articles per day (publication date, articles first seen in the window)</h2>
{bar_chart(dated, COLOURS["stored"], "articles per day")}
{undated_note}
<h2>Page outcomes per run</h2>
{stacked_runs(runs)}
<h2>Words per article (articles first seen in the window)</h2>
{bar_chart(word_bins(word_counts), "#1565c0", "words per article")}
</body></html>
"""
