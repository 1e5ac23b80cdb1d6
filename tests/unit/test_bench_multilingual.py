"""The multilingual evaluation set: reproducible, well-formed, and scored as documented."""

from __future__ import annotations

import gzip
import html as htmllib
import json
from pathlib import Path

import pytest

from bench.datasets import make_multilingual as mm
from bench.quality import injected_kept, lookalikes_kept, main, select_split

DATASET = Path(mm.OUT)


def _rows() -> list[dict[str, object]]:
    with (DATASET / "ground_truth.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_generator_reproduces_the_committed_dataset(tmp_path: Path) -> None:
    total, _ = mm.write(tmp_path / "set", tmp_path / "labels.jsonl")
    assert total == len(_rows())
    assert (tmp_path / "set" / "ground_truth.jsonl").read_bytes() == (
        DATASET / "ground_truth.jsonl"
    ).read_bytes()
    assert (tmp_path / "labels.jsonl").read_bytes() == mm.LABELS.read_bytes()
    for page in sorted((tmp_path / "set" / "html").iterdir()):
        assert page.read_bytes() == (DATASET / "html" / page.name).read_bytes(), page.name


def test_rows_are_well_formed_and_splits_keep_templates_apart() -> None:
    rows = _rows()
    assert {"id", "url", "body", "lang", "template", "split", "injected"} <= set(rows[0])
    tune_templates = {r["template"] for r in rows if r["split"] == "tune"}
    assert not tune_templates & mm.HOLDOUT_TEMPLATES
    assert {r["split"] for r in rows} == {"tune", "holdout"}
    for row in rows:
        html = gzip.decompress((DATASET / "html" / f"{row['id']}.html.gz").read_bytes())
        page = htmllib.unescape(html.decode("utf-8"))
        assert str(row["body"]).split("\n")[0][:40] in page, row["id"]
        assert row["injected"], row["id"]
        assert len(row["injected_kinds"]) == len(row["injected"]), row["id"]


def test_injected_lines_count_whole_widgets_not_words_in_sentences() -> None:
    body = "The council will share the costs.\n\nWork starts in May."
    injected = ["Share", "Advertisement", "Sign up for our morning briefing today"]
    kept = injected_kept(
        "The council will share the costs.\nAdvertisement\nWork starts in May.", injected, body
    )
    assert kept == ["Advertisement"]
    # A widget partly removed still counts; its words inside real text do not.
    assert injected_kept("Sign up for our morning briefing", injected, body) == [injected[2]]
    assert injected_kept("Share Facebook X", injected, body) == ["Share"]
    # Merged into the line before it, a widget still counts.
    assert injected_kept("Work starts in May. Advertisement", injected, body) == [injected[1]]
    assert lookalikes_kept("Work starts in May.", ["Work starts in May."]) == 1
    assert lookalikes_kept("Work starts.", ["Work starts in May."]) == 0
    # Extractors drop the Persian zero-width non-joiner; the text is still kept.
    assert lookalikes_kept("نشان میدهد هزینه", ["نشان می\u200cدهد هزینه"]) == 1


def test_split_selection_and_the_user_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"id": "a", "split": "tune"}, {"id": "b", "split": "holdout"}]
    assert [r["id"] for r in select_split(rows, "holdout")] == ["b"]
    assert select_split(rows, None) == rows
    with pytest.raises(SystemExit) as exit_info:
        (tmp_path / "ground_truth.jsonl").write_text('{"id": "a", "url": "", "body": "x"}\n')
        main(["--dataset", str(tmp_path), "--split", "holdout"])
    assert exit_info.value.code == 2
    assert "drop --split" in capsys.readouterr().err
