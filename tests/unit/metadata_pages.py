"""What the metadata tests build their pages from: a fixed 'now' and an article body."""

from __future__ import annotations

from datetime import UTC, datetime

#: The clock of the tests: no date after it is a publication date.
NOW = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)
#: Six paragraphs: enough text for every stage of the cleaner to run.
BODY = "".join(
    "<p>The council voted on Tuesday evening to keep the harbour baths open through the "
    "winter, after residents collected more than four thousand signatures for it.</p>"
    for _ in range(6)
)
