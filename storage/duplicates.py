"""Near-duplicate search: link a new article to an earlier one it nearly repeats.

Candidates share at least one 16-bit band of the SimHash (`storage.fingerprint`); the
search runs once per written batch, in the batch's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage import fingerprint as fp
from storage.models import ArticleRecord


def link_duplicates(session: Session, records: Sequence[ArticleRecord]) -> int:
    """Link each record to an earlier article it nearly duplicates, in one query.

    Candidates share at least one 16-bit band of the SimHash (`storage.fingerprint`) and
    differ in at most `fp.MAX_DISTANCE` bits; the original is the oldest such article (or
    what that one duplicates).

    Returns:
        How many records were linked.
    """
    records = sorted((r for r in records if r.fingerprint is not None), key=lambda r: r.id)
    if not records:
        return 0
    bands = [
        ArticleRecord.fp_band0,
        ArticleRecord.fp_band1,
        ArticleRecord.fp_band2,
        ArticleRecord.fp_band3,
    ]
    values = [{_bands(r)[i] for r in records} for i in range(4)]
    rows = session.execute(
        select(ArticleRecord.id, ArticleRecord.fingerprint, ArticleRecord.duplicate_of)
        .where(or_(*(band.in_(vals) for band, vals in zip(bands, values, strict=True))))
        .order_by(ArticleRecord.id)
    ).all()
    original_of = {int(row_id): dup for row_id, _, dup in rows}
    linked = 0
    for record in records:
        assert record.fingerprint is not None
        mine = fp.to_unsigned(record.fingerprint)
        for other_id, other_fp, _ in rows:
            if other_id >= record.id:
                break
            # within MAX_DISTANCE (3) bits, one of the four 16-bit bands is equal at least,
            # so every such article is among the rows the band query returned
            if other_fp is None or fp.distance(mine, fp.to_unsigned(other_fp)) > fp.MAX_DISTANCE:
                continue
            original = int(original_of.get(other_id) or other_id)
            if original != record.id:
                record.duplicate_of = original
                original_of[record.id] = original
                linked += 1
                break
    return linked


def _bands(record: ArticleRecord) -> tuple[int | None, int | None, int | None, int | None]:
    return (record.fp_band0, record.fp_band1, record.fp_band2, record.fp_band3)
