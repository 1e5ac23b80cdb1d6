"""`python -m bench.fixtures`: the fixture pages' totals, for both systems."""

from __future__ import annotations

import pytest

from bench import fixtures


def test_held_out_totals_are_printed_for_both_systems(capsys: pytest.CaptureFixture[str]) -> None:
    assert fixtures.main(["--set", "heldout2"]) == 0
    out = capsys.readouterr().out
    assert "pages: 12" in out
    assert "newsclean    boilerplate kept" in out and "trafilatura  boilerplate kept" in out
    # the project loses no real snippet of these pages (the suite checks each one)
    assert "real snippets lost 0/96" in out.split("newsclean")[1].splitlines()[0]
    assert "metadata (authors, organisations, day, language)" in out
