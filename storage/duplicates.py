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
    what that one duplicates). One query fetches the candidates of the whole batch; each
    record is then compared only with the rows that share one of its own bands, so its
    work is its own candidates, not the batch's.

    Returns:
        How many records were linked.
    """
    records = sorted((r for r in records if r.fingerprint is not None), key=lambda r: r.id)
    if not records:
        return 0
    mine = {r.id: fp.to_unsigned(r.fingerprint) for r in records if r.fingerprint is not None}
    columns = [
        ArticleRecord.fp_band0,
        ArticleRecord.fp_band1,
        ArticleRecord.fp_band2,
        ArticleRecord.fp_band3,
    ]
    values = [{fp.bands(value)[i] for value in mine.values()} for i in range(4)]
    rows = session.execute(
        select(ArticleRecord.id, ArticleRecord.fingerprint, ArticleRecord.duplicate_of).where(
            or_(*(column.in_(vals) for column, vals in zip(columns, values, strict=True)))
        )
    ).all()
    original_of: dict[int, int | None] = {}
    # (band number, band value) -> (id, fingerprint) of the stored articles holding it
    by_band: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for row_id, stored, duplicate_of in rows:
        original_of[int(row_id)] = duplicate_of
        if stored is None:
            continue
        unsigned = fp.to_unsigned(stored)
        for key in enumerate(fp.bands(unsigned)):
            by_band.setdefault(key, []).append((int(row_id), unsigned))
    linked = 0
    for record in records:
        # within MAX_DISTANCE (3) bits, one of the four 16-bit bands is equal at least,
        # so every such article shares a band with this record; the oldest one wins
        candidates = sorted(
            {
                candidate
                for key in enumerate(fp.bands(mine[record.id]))
                for candidate in by_band.get(key, ())
                if candidate[0] < record.id
            }
        )
        for other_id, other_fp in candidates:
            if fp.distance(mine[record.id], other_fp) > fp.MAX_DISTANCE:
                continue
            original = int(original_of.get(other_id) or other_id)
            if original != record.id:
                record.duplicate_of = original
                original_of[record.id] = original
                linked += 1
                break
    return linked
