"""The hostile corpus (generate/hostile.py) gives its ground-truth code on both engines,
through the isolated extraction process the pipeline uses, within the default budget."""

from __future__ import annotations

import json
import random
from functools import cache, partial

import pytest
from imr_lake.errors import DocumentError
from imr_lake.extract import extract_text
from imr_lake.extract.budget import Budget
from imr_lake.extract.streams import check_inflated_size
from imr_lake.generate import make_letter
from imr_lake.generate.hostile import HOSTILE_KINDS, MB, blank_deflate
from imr_lake.parse import parse_text

ENGINES = ["pdfplumber", "pypdfium2"]


@cache
def hostile(kind: str) -> tuple[bytes, str | None]:
    data, code, _ = HOSTILE_KINDS[kind](random.Random(kind), partial(make_letter, 3, 5, "letter"))
    return data, code


def outcome(data: bytes) -> tuple[str | None, str]:
    try:
        parse_text(extract_text(data))
    except DocumentError as exc:
        return exc.code.value, exc.message
    return None, ""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("kind", sorted(HOSTILE_KINDS))
def test_hostile_file_gets_its_code(kind: str, engine: str, monkeypatch) -> None:
    monkeypatch.setenv("IMR_EXTRACT_ENGINE", engine)
    data, expected = hostile(kind)
    code, message = outcome(data)
    assert code == expected, message
    if code == "too_complex":  # the message names the limit and its setting
        assert "IMR_BUDGET_" in message


def test_the_corpus_is_small_however_much_it_inflates() -> None:
    sizes = {kind: len(hostile(kind)[0]) for kind in HOSTILE_KINDS}
    assert max(sizes.values()) < 3 * MB, sizes


def test_blank_deflate_is_a_valid_zlib_stream() -> None:
    import zlib

    assert zlib.decompress(blank_deflate(3 * MB)) == b" " * (3 * MB)


def test_inflated_size_counts_streams_and_skips_images() -> None:
    budget = Budget(inflated_mb=10**6)
    assert check_inflated_size(hostile("bomb_16mb")[0], budget) == 16 * MB
    assert check_inflated_size(hostile("enormous_image")[0], budget) < MB


def test_the_inflated_budget_is_a_setting(monkeypatch) -> None:
    data = hostile("bomb_16mb")[0]
    monkeypatch.setenv("IMR_BUDGET_INFLATED_MB", "8")
    with pytest.raises(DocumentError, match="inflate past 8 MB"):
        check_inflated_size(data, Budget.from_env())
    with pytest.raises(DocumentError, match="inflate past 100 MB"):  # 16 GB through 2 filters
        check_inflated_size(hostile("bomb_16gb_chained")[0], Budget(inflated_mb=100))


@pytest.mark.parametrize("engine", ENGINES)
def test_same_codes_without_isolation(engine: str, monkeypatch) -> None:
    monkeypatch.setenv("IMR_EXTRACT_ENGINE", engine)
    monkeypatch.setenv("IMR_EXTRACT_ISOLATION", "off")
    for kind in ("bomb_2gb", "glyph_flood_300k", "page_tree_loop", "reference_loop"):
        data, expected = hostile(kind)
        assert outcome(data)[0] == expected, kind


def test_generate_hostile_writes_every_kind_with_its_truth(tmp_path) -> None:
    from imr_lake.cli import main

    assert (
        main(["generate", "--out", str(tmp_path), "--count", "2", "--seed", "9", "--hostile"]) == 0
    )
    records = [json.loads(line) for line in (tmp_path / "ground_truth.jsonl").open()]
    assert len(records) == 2 + len(HOSTILE_KINDS)
    hostile_records = [r for r in records if r.get("hostile")]
    assert sorted(r["variant"] for r in hostile_records) == sorted(HOSTILE_KINDS)
    for record in hostile_records:
        assert record["error_code"] == hostile(record["variant"])[1]
        assert (tmp_path / record["file"]).stat().st_size > 0
