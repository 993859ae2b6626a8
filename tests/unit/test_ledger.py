"""The ledger as runs leave it (pipeline.publish_run): one row per source object in the
Delta table restricted/ledger, read back as columns (LedgerState, ledger_columns)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from imr_lake.lake.ledger import STATE_COLUMNS, LedgerState, current_state, ledger_columns
from imr_lake.pipeline import publish_run
from imr_lake.schema import LEDGER
from imr_lake.storage import Lake
from lake_rows import stage_run


def _lake(tmp_path: Path) -> Lake:
    lake = Lake(str(tmp_path / "lake"))
    stage_run(lake, "run1", [[("a.pdf", "doc_a", None), ("b.pdf", None, "corrupt")]])
    publish_run(lake.url, "run1")
    stage_run(
        lake,
        "run2",
        [[("a.pdf", "doc_a2", None), ("c.pdf", "doc_c", None)]],
        failed={"doc_c": ["determinations.injury_year.range"]},
    )
    publish_run(lake.url, "run2")
    return lake


def test_ledger_state_answers_for_the_keys_asked(tmp_path: Path) -> None:
    lake = _lake(tmp_path)
    state = LedgerState.load(lake)
    assert len(state) == 3
    assert state.table.column_names == list(STATE_COLUMNS)
    assert {k: r["document_id"] for k, r in state.rows_for(["a.pdf", "zzz.pdf"]).items()} == {
        "a.pdf": "doc_a2"
    }
    # doc_a is no longer what a.pdf holds; doc_c is quarantined, not published
    assert list(state.published_with(["doc_a", "doc_a2", "doc_c"])) == ["a.pdf"]


def test_ledger_columns_reads_only_what_is_asked(tmp_path: Path) -> None:
    lake = _lake(tmp_path)
    pair = ledger_columns(lake, ["key", "etag"])
    assert pair.schema == pa.schema([LEDGER.field("key"), LEDGER.field("etag")])
    assert sorted(pair["key"].to_pylist()) == ["a.pdf", "b.pdf", "c.pdf"]
    whole = ledger_columns(lake)
    assert whole.schema == LEDGER
    assert {r["key"]: r["status"] for r in whole.to_pylist()} == {
        "a.pdf": "published",
        "b.pdf": "failed",
        "c.pdf": "quarantined",
    }
    first = ledger_columns(lake, ["key", "document_id"], version=1)  # after run 1
    assert sorted(first.to_pylist(), key=lambda r: r["key"]) == [
        {"key": "a.pdf", "document_id": "doc_a"},
        {"key": "b.pdf", "document_id": None},
    ]


def test_empty_lake_has_empty_ledger(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    assert current_state(lake) == {}
    assert len(LedgerState.load(lake)) == 0
    assert ledger_columns(lake, ["key", "etag"]).num_rows == 0


def test_discovery_reads_the_delta_ledger_in_a_key_range(tmp_path: Path) -> None:
    """Discovery's reads (discovery/antijoin.py) on the ledger a run committed: its files
    hold deltalake's string_view columns, which pyarrow's scan filters cannot compare."""
    from imr_lake.discovery import antijoin
    from imr_lake.discovery.layouts import Listing

    lake = _lake(tmp_path)
    assert antijoin.greatest_key(lake.url) == "c.pdf"
    after = antijoin.ledger_keys(lake.url, Listing("sorted", start_after="a.pdf")).read_all()
    assert sorted(after.column("key").to_pylist()) == ["b.pdf", "c.pdf"]
    assert after.schema == antijoin.KEYS
    assert antijoin.ledger_keys(lake.url).read_all().num_rows == 3


def test_ledger_files_have_small_row_groups_and_maintenance_orders_them_by_key(
    tmp_path: Path, monkeypatch
) -> None:
    """Three runs of keys in no order leave files whose row groups each span almost every
    key: a night's key range meets them all. Maintenance rewrites the ledger by key
    (z-order on `key`), so the range meets the two groups that hold it."""
    import random
    from datetime import UTC, datetime

    import pyarrow.parquet as pq
    from deltalake import DeltaTable
    from imr_lake.discovery import antijoin
    from imr_lake.discovery.layouts import DATED, Listing
    from imr_lake.lake import delta
    from imr_lake.lake.commit import commit_table
    from imr_lake.lake.delta import Replacement
    from imr_lake.lake.ledger import ledger_rows
    from imr_lake.lake.maintenance import maintain
    from imr_lake.lake.tables import LEDGER_TABLE, ensure_tables

    monkeypatch.setattr(delta, "ROW_GROUP_ROWS", 5)
    lake = Lake(str(tmp_path / "lake"))
    ensure_tables(lake)
    keys = [f"{n:03d}.pdf" for n in range(36)]
    random.Random(5).shuffle(keys)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    for run in range(3):
        outcomes = [
            {"key": k, "etag": "e", "size": 1, "sha256": "s", "document_id": k}
            | {"error_code": None, "error_message": None}
            for k in keys[run * 12 : (run + 1) * 12]
        ]
        rows = ledger_rows(outcomes, ["published"] * 12, {}, f"run{run}", now)
        part = Replacement(rows, rows.column("key").combine_chunks())
        commit_table(lake, LEDGER_TABLE, lambda part=part: [part], run_id=f"run{run}")

    def groups() -> list[tuple[int, str, str, str]]:
        found = []
        for uri in DeltaTable(LEDGER_TABLE.uri(lake)).file_uris():
            meta = pq.ParquetFile(uri).metadata
            for g in range(meta.num_row_groups):
                column = meta.row_group(g).column(0)
                stats = column.statistics
                found.append((meta.row_group(g).num_rows, stats.min, stats.max, column.compression))
        return found

    night = Listing(DATED, prefixes=["01"])  # keys 010-019
    before = groups()
    assert len(before) == 9 and all(rows <= 5 and codec == "SNAPPY" for rows, *_, codec in before)
    assert antijoin.ledger_rows(lake.url, night) >= 30  # nearly every group meets the range

    result = maintain(lake.url).tables["ledger"]
    after = groups()
    assert (result.files_before, result.files_after, result.rows) == (3, 1, 36)
    assert [(rows, low, high) for rows, low, high, _ in after] == [
        (5, f"{n:03d}.pdf", f"{n + 4:03d}.pdf") for n in range(0, 35, 5)
    ] + [(1, "035.pdf", "035.pdf")]
    assert antijoin.ledger_rows(lake.url, night) == 10
    read = antijoin.ledger_keys(lake.url, night).read_all().column("key").to_pylist()
    assert sorted(read) == [f"{n:03d}.pdf" for n in range(10, 20)]
