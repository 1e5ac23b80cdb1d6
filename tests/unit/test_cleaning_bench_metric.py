"""The benchmark's metrics, as defined in the datasets README."""

from __future__ import annotations

from bench.quality import page_precision_recall, promo_lines, shingles, title_repeated


def test_shingles() -> None:
    assert sum(shingles("one two three four five").values()) == 2
    assert shingles("one two") == {("one", "two"): 1}
    assert not shingles("")


def test_precision_recall() -> None:
    assert page_precision_recall("", "") == (1.0, 1.0)
    assert page_precision_recall("a b c d", "a b c d") == (1.0, 1.0)
    p, r = page_precision_recall("a b c d e", "a b c d")
    assert (p, r) == (0.5, 1.0)
    assert page_precision_recall("", "a b c d") == (0.0, 0.0)


def test_title_and_promo_leaks() -> None:
    title = "Budget approved after long debate"
    assert title_repeated(f"{title}\nText.", title, "Text.")
    assert not title_repeated(f"{title}\nText.", title, f"{title} Text.")
    assert promo_lines("Real text.\nREAD MORE: other story", "Real text.") == [
        "READ MORE: other story"
    ]
