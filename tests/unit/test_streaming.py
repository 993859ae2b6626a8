"""The pieces that keep memory flat: chunked validation, first copies across batches.
(The commit's streaming and the columnar ledger state: test_publish.py, test_ledger.py.)"""

from __future__ import annotations

import pytest
from imr_lake.lake.staged import FirstCopy
from imr_lake.validate import RunValidator, ValidationThresholdExceeded, validate_run

from tests.unit.validate_fixtures import RUN_ID, batch, doc_id, tables


def _chunks(dets: list[dict], treats: list[dict], size: int):
    for start in range(0, len(dets), size):
        docs = {d["document_id"] for d in dets[start : start + size]}
        yield tables(dets[start : start + size], [t for t in treats if t["document_id"] in docs])


def _validator(**kwargs) -> RunValidator:
    options = {"run_id": RUN_ID, "existing_document_ids": set(), "reprocess": False}
    return RunValidator(**{**options, "current_year": 2026, **kwargs})


def _broken(count: int, bad: list[int]) -> tuple[list[dict], list[dict]]:
    dets, treats = batch(count)
    for n in bad:
        # before 1940: no living worker's injury, fails its range rule (the age fits)
        dets[n].update(injury_year=1930, patient_age=90, patient_age_band="90+")
    return dets, treats


def test_chunked_validation_gives_the_one_chunk_verdict():
    dets, treats = _broken(30, [3, 14, 27])
    whole = validate_run(
        *tables(dets, treats),
        run_id=RUN_ID,
        existing_document_ids=set(),
        reprocess=False,
        max_failed_share=0.5,
        current_year=2026,
    )
    validator = _validator(max_failed_share=0.5)
    for chunk in _chunks(dets, treats, 10):
        validator.add(*chunk)
    chunked = validator.finish()
    assert chunked.chunks == 3 and whole.chunks == 1
    assert (
        chunked.failed
        == whole.failed
        == {doc_id(n): ["determinations.injury_year.range"] for n in (3, 14, 27)}
    )
    assert {k: v for k, v in chunked.summary().items() if k != "chunks"} == {
        k: v for k, v in whole.summary().items() if k != "chunks"
    }
    rows = {o.name: o.evaluated_rows for o in chunked.outcomes}
    assert rows == {o.name: o.evaluated_rows for o in whole.outcomes}
    assert rows["determinations.injury_year.range"] == 30


def test_the_threshold_is_judged_on_the_whole_run_not_a_chunk():
    dets, treats = _broken(40, [1])  # 1 of the first 10 (10%), 1 of 40 in the run (2.5%)
    validator = _validator()
    for chunk in _chunks(dets, treats, 10):
        validator.add(*chunk)
    assert validator.finish().failed_share == pytest.approx(0.025)

    dets, treats = _broken(40, [1, 2, 3])  # 7.5% of the run
    validator = _validator()
    for chunk in _chunks(dets, treats, 10):
        validator.add(*chunk)
    with pytest.raises(ValidationThresholdExceeded, match="3 of 40 documents") as caught:
        validator.finish()
    assert caught.value.summary["failed"] == 3 and caught.value.result is not None


def test_the_threshold_error_can_be_rebuilt_from_a_summary_alone():
    summary = {
        "failed": 9,
        "documents": 100,
        "failed_share": 0.09,
        "max_failed_share": 0.05,
        "failed_by_expectation": {"determinations.injury_year.range": 9},
    }
    error = ValidationThresholdExceeded(summary, RUN_ID)
    assert "9 of 100 documents (9.0%" in str(error)
    assert "determinations.injury_year.range (9)" in str(error)
    assert error.result is None


def test_first_copy_keeps_a_document_once_across_batches():
    first_copy = FirstCopy()
    dets, treats = batch(3)
    one = first_copy(*tables(dets, treats))
    assert one[0].num_rows == 3 and one[1].num_rows == 6
    # batch 2: document 1 again (same PDF under another key), twice, and a new document 5
    dets2, treats2 = batch(6)
    again = [dets2[1], dets2[1], dets2[5]]
    again_t = [t for t in treats2 if t["document_id"] in (doc_id(1), doc_id(5))]
    two = first_copy(*tables(again, again_t + again_t))
    assert two[0].column("document_id").to_pylist() == [doc_id(5)]
    assert sorted(two[1].column("item_number").to_pylist()) == [1, 2]
    assert set(two[1].column("document_id").to_pylist()) == {doc_id(5)}
