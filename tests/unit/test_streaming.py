"""The pieces that keep memory flat: chunked validation, first copies across batches,
streamed Parquet, the columnar ledger state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from imr_lake.ledger import LedgerState, write_run_rows
from imr_lake.publish import CuratedStager
from imr_lake.schema import DETERMINATIONS, TREATMENTS
from imr_lake.staged import FirstCopy
from imr_lake.storage import Lake
from imr_lake.tables import ParquetStream
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


def test_parquet_stream_writes_row_groups_and_needs_close(tmp_path: Path):
    lake = Lake(str(tmp_path))
    dets, _ = batch(10)
    table = pa.Table.from_pylist(dets, schema=DETERMINATIONS)
    three_rows = table.slice(0, 3).nbytes
    path = str(tmp_path / "out" / "_staged-x.tmp")
    stream = ParquetStream(lake, path, DETERMINATIONS, group_bytes=2 * three_rows - 1)
    for start in (0, 3, 6):
        stream.write(table.slice(start, 3))
    assert stream.rows == 9 and stream.buffered_bytes == table.slice(6, 3).nbytes  # 6 written
    stream.write(table.slice(9, 1))
    path = stream.close()
    written = pq.ParquetFile(path)
    groups = [written.metadata.row_group(i).num_rows for i in range(written.num_row_groups)]
    assert groups == [6, 4]
    assert written.read().column("document_id").to_pylist() == [doc_id(n) for n in range(10)]


def test_an_empty_parquet_stream_still_leaves_a_file_with_the_schema(tmp_path: Path):
    lake = Lake(str(tmp_path))
    path = ParquetStream(lake, str(tmp_path / "empty.parquet"), TREATMENTS).close()
    assert pq.read_schema(path).names == TREATMENTS.names
    assert pq.read_metadata(path).num_rows == 0


def test_curated_stager_streams_one_file_per_table_and_year(tmp_path: Path):
    lake = Lake(str(tmp_path))
    dets, treats = batch(12)
    for n in range(0, 12, 2):
        dets[n]["decision_year"] = 2015
    year_of = {d["document_id"]: d["decision_year"] for d in dets}
    for t in treats:
        t["decision_year"] = year_of[t["document_id"]]
    five_rows = pa.Table.from_pylist(dets[:5], schema=DETERMINATIONS).nbytes
    stager = CuratedStager(lake, "20261127T000000000000-abcdef01", buffer_bytes=five_rows)
    for chunk in _chunks(dets, treats, 4):
        stager.add("determinations", chunk[0])
        stager.add("treatments", chunk[1])
    staged = stager.close()
    finals = sorted((s.table, s.final.split("/")[0]) for s in staged)
    assert finals == [
        ("determinations", "decision_year=2014"),
        ("determinations", "decision_year=2015"),
        ("treatments", "decision_year=2014"),
        ("treatments", "decision_year=2015"),
    ]
    root = Path(lake.curated("determinations"))
    counts = {
        s.final.split("/")[0]: pq.read_metadata(root / s.staged).num_rows
        for s in staged
        if s.table == "determinations"
    }
    assert counts == {"decision_year=2014": 6, "decision_year=2015": 6}
    assert all(s.staged.split("/")[1].startswith("_staged-") for s in staged)
    row_groups = pq.ParquetFile(root / staged[0].staged).num_row_groups
    assert row_groups > 1  # flushed as the budget filled, not held to the end


T0 = datetime(2026, 2, 1, tzinfo=UTC)


def _ledger_row(key: str, doc: str, status: str, days: int) -> dict:
    return {
        "key": key,
        "etag": f"{key}-{days}",
        "size": 1,
        "sha256": "0" * 64,
        "document_id": doc,
        "status": status,
        "parser_version": "0.1.0",
        "run_id": f"run{days}",
        "first_seen": T0,
        "last_processed": T0 + timedelta(days=days),
    }


def test_ledger_state_answers_for_the_keys_asked(tmp_path: Path):
    lake = Lake(str(tmp_path))
    write_run_rows(
        lake,
        "b",
        [_ledger_row("a.pdf", "doc_a", "published", 1), _ledger_row("b.pdf", "doc_b", "failed", 1)],
    )
    write_run_rows(
        lake,
        "a",
        [
            _ledger_row("a.pdf", "doc_a2", "published", 2),
            _ledger_row("c.pdf", "doc_c", "quarantined", 0),
        ],
    )
    state = LedgerState.load(lake)
    assert len(state) == 3
    listed = ["c.pdf", "a.pdf", "a.pdf", "new.pdf"]
    assert state.holds(listed, ["c.pdf-0", "a.pdf-1", "a.pdf-2", "x"]) == [True, False, True, False]
    assert {k: r["document_id"] for k, r in state.rows_for(["a.pdf", "zzz.pdf"]).items()} == {
        "a.pdf": "doc_a2"
    }
    # doc_a is no longer what a.pdf holds; doc_c is not published
    assert list(state.published_with(["doc_a", "doc_a2", "doc_c"])) == ["a.pdf"]
    assert len(LedgerState.load(Lake(str(tmp_path / "none")))) == 0
