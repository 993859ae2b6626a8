"""The ledger's files read from the Delta log by lake/delta_log.py, against what deltalake
itself says of the same table at each step of its life: commits that replace rows (remove +
add), a maintained table (z-order, checkpoint), commits after the checkpoint, a multi-part
checkpoint, and the logs it must refuse."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from imr_lake.bench.scale import ledger_table, write_ledger
from imr_lake.lake.delta_log import LOG, UnreadableLog, data_files
from imr_lake.lake.tables import LEDGER_TABLE


def _by_deltalake(uri: str) -> set[tuple[str, int, str, str]]:
    import pyarrow as pa
    from deltalake import DeltaTable

    table = DeltaTable(uri)
    actions = pa.RecordBatchReader.from_stream(table.get_add_actions(flatten=True)).read_all()
    rows = zip(
        actions.column("path").to_pylist(),
        actions.column("num_records").to_pylist(),
        actions.column("min.key").to_pylist(),
        actions.column("max.key").to_pylist(),
        strict=True,
    )
    found = {(os.path.basename(p), n, low, high) for p, n, low, high in rows}
    assert {os.path.basename(u) for u in table.file_uris()} == {f[0] for f in found}
    return found


def _by_log(uri: str) -> set[tuple[str, int, str, str]]:
    files = data_files(uri, "key") or []
    assert all(os.path.exists(f.uri) for f in files)
    return {(os.path.basename(f.uri), f.rows, f.low, f.high) for f in files}


def test_the_log_gives_the_files_deltalake_gives_through_a_tables_life(tmp_path: Path) -> None:
    from imr_lake.lake.maintenance import maintain

    lake = str(tmp_path / "lake")
    uri = LEDGER_TABLE.uri_at(lake)
    assert data_files(uri, "key") is None  # no table yet
    rows = ledger_table(900)
    write_ledger(lake, rows.slice(0, 400), "first")
    assert _by_log(uri) == _by_deltalake(uri)
    write_ledger(lake, rows.slice(300, 300), "replaces 100 rows, adds 200: a file rewritten")
    write_ledger(lake, rows.slice(600, 50), "only new rows: a file added")
    assert len(_by_log(uri)) == 2 and _by_log(uri) == _by_deltalake(uri)
    assert sum(n for _, n, _, _ in _by_log(uri)) == 650
    maintain(lake)  # z-order by key (removes every file, adds one), checkpoint
    log = Path(uri) / LOG
    assert list(log.glob("*.checkpoint.parquet"))
    assert _by_log(uri) == _by_deltalake(uri)
    write_ledger(lake, rows.slice(650, 250), "after the checkpoint")
    expected = _by_deltalake(uri)
    assert _by_log(uri) == expected and sum(n for _, n, _, _ in expected) == 900
    # the checkpoint stands for the commits before it: the reader needs none of them
    (checkpoint,) = log.glob("*.checkpoint.parquet")
    upto = int(checkpoint.name.split(".")[0])
    for version in range(upto + 1):
        (log / f"{version:020d}.json").unlink()
    assert _by_log(uri) == expected
    # a multi-part checkpoint is read whole, the same
    table = pq.read_table(checkpoint)
    half = table.num_rows // 2
    for n, part in enumerate((table.slice(0, half), table.slice(half)), start=1):
        pq.write_table(part, log / f"{upto:020d}.checkpoint.{n:010d}.0000000002.parquet")
    checkpoint.unlink()
    assert _by_log(uri) == expected
    # one part missing: the checkpoint is not complete, the commits before it are gone
    (log / f"{upto:020d}.checkpoint.0000000002.0000000002.parquet").unlink()
    with pytest.raises(UnreadableLog, match="lacks commit 0"):
        data_files(uri, "key")


def _commit(log: Path, version: int, *actions: dict) -> None:
    log.mkdir(parents=True, exist_ok=True)
    (log / f"{version:020d}.json").write_text("\n".join(json.dumps(a) for a in actions) + "\n")


@pytest.mark.parametrize(
    ("protocol", "configuration", "message"),
    [
        ({"minReaderVersion": 3, "readerFeatures": ["deletionVectors"]}, {}, "deletionVectors"),
        ({"minReaderVersion": 2}, {"delta.columnMapping.mode": "name"}, "columnMapping"),
        ({"minReaderVersion": 3, "readerFeatures": ["v2Checkpoint"]}, {}, "v2Checkpoint"),
    ],
)
def test_logs_a_bare_file_reader_cannot_honour_are_refused(
    tmp_path: Path, protocol: dict, configuration: dict, message: str
) -> None:
    log = tmp_path / "t" / LOG
    meta = {"metaData": {"id": "x", "configuration": configuration}}
    add = {"add": {"path": "a.parquet", "size": 1, "stats": '{"numRecords": 2}'}}
    _commit(log, 0, {"protocol": protocol}, meta, add)
    with pytest.raises(UnreadableLog, match=message):
        data_files(str(tmp_path / "t"), "key")


def test_a_removed_file_is_gone_and_an_escaped_path_is_decoded(tmp_path: Path) -> None:
    log = tmp_path / "t" / LOG
    stats = json.dumps({"numRecords": 3, "minValues": {"key": "a"}, "maxValues": {"key": "c"}})
    _commit(
        log,
        0,
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
        {"metaData": {"id": "x", "configuration": {}}},
        {"add": {"path": "x%20y.parquet", "size": 1, "stats": stats}},
        {"add": {"path": "old.parquet", "size": 1}},
    )
    _commit(log, 1, {"remove": {"path": "old.parquet"}})
    (files,) = [data_files(str(tmp_path / "t"), "key")]
    assert [(f.uri, f.rows, f.low, f.high) for f in files] == [
        (f"{tmp_path}/t/x y.parquet", 3, "a", "c")
    ]
    shutil.rmtree(log)
    assert data_files(str(tmp_path / "t"), "key") is None
