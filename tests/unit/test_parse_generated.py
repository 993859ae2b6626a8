"""Every layout on generated letters, over several seeds (property-style).

The generator's ground truth says what each PDF states; the parse of the extracted text
must match it on every structured field. The accuracy script runs the same comparison
at scale with a seed these tests do not use.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

generate = pytest.importorskip("imr_lake.generate")

from imr_lake.extract import extract_text  # noqa: E402
from imr_lake.parse import parse_text  # noqa: E402
from imr_lake.parse.accuracy import LETTER_FIELDS, similarity  # noqa: E402

LAYOUTS = ("header_table", "letter", "professional_review")
ITEM_EXACT = ("item_number", "decision", "treatment_category", "guideline_sources")


def _corpus(root: Path, seed: int, count: int, **kwargs) -> list[dict]:
    generate.generate_corpus(root, count, seed, **kwargs)
    return [json.loads(x) for x in (root / generate.TRUTH_FILE).read_text().splitlines()]


@pytest.mark.parametrize("seed", [11, 202, 3003])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_generated_letters_parse_to_their_truth(tmp_path: Path, layout: str, seed: int) -> None:
    records = _corpus(tmp_path, seed, 4, layouts=[layout])
    for record in records:
        truth = record["raw"]
        got = parse_text(extract_text((tmp_path / record["file"]).read_bytes())).to_json()
        for name in LETTER_FIELDS:
            assert got[name] == truth[name], (record["file"], name)
        assert len(got["treatments"]) == len(truth["treatments"])
        for expected, item in zip(truth["treatments"], got["treatments"], strict=True):
            for name in ITEM_EXACT:
                assert item[name] == expected[name], (record["file"], name)
            for name in ("treatment_requested", "reviewer_guideline"):
                assert similarity(expected[name], item[name]) >= 0.95, (record["file"], name)


def test_generated_bad_files_get_their_codes(tmp_path: Path) -> None:
    from imr_lake.errors import DocumentError

    records = _corpus(tmp_path, 77, 14, bad_share=1.0)
    checked = 0
    for record in records:
        if not record["error_code"]:
            continue  # an owner-password-only PDF: readable, a normal letter
        with pytest.raises(DocumentError) as info:
            parse_text(extract_text((tmp_path / record["file"]).read_bytes()))
        assert info.value.code.value == record["error_code"], record["file"]
        checked += 1
    assert checked >= 6
