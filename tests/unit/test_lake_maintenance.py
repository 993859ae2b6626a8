"""Lake maintenance on Delta tables: compaction drops the file count and keeps every row,
vacuum keeps what the retention protects (old versions stay readable) and deletes the rest,
a checkpoint is written, a short retention must be asked for."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.errors import ConfigurationError
from imr_lake.lake.maintenance import maintain, retention_hours
from imr_lake.lake.sql import AsOf, query
from imr_lake.lake.tables import TABLES
from imr_lake.storage import Lake
from lake_rows import publish as publish_run


def publish(lake: str, ids: list[str], run_id: str) -> None:
    publish_run(Lake(lake), ids, run_id)


def uri(lake: str, name: str) -> str:
    return TABLES[name].uri(Lake(lake))


ALL = "SELECT document_id, run_id, decision_year FROM determinations ORDER BY 1"


def _nightly_lake(root: Path, nights: int = 4) -> str:
    lake = str(root)
    for night in range(nights):
        publish(lake, [f"n{night}-a", f"n{night}-b"], f"night-{night}")
    publish(lake, ["n0-a"], "reprocess")  # a replacement retires a file
    return lake


def _data_files(table_uri: str) -> int:
    return len(list(Path(table_uri).glob("decision_year=*/*.parquet")))


def test_compaction_drops_files_keeps_rows_and_old_versions_stay_readable(tmp_path: Path) -> None:
    lake = _nightly_lake(tmp_path)
    before_rows = query(lake, ALL)[1]
    before_items = query(lake, "SELECT * FROM treatments ORDER BY document_id, item_number")[1]
    version_before = DeltaTable(uri(lake, "determinations")).version()
    live_before = len(DeltaTable(uri(lake, "determinations")).file_uris())
    assert live_before >= 8  # a file per night and partition, plus the replacement's

    result = maintain(lake)  # default retention: 7 days

    det = result.tables["determinations"]
    assert (det.files_before, det.files_after) == (live_before, 2)  # one per decision_year
    assert det.rows == len(before_rows) == 8 and det.compacted and det.vacuumed == 0
    assert result.tables["treatments"].files_after == 2
    assert query(lake, ALL)[1] == before_rows
    assert query(lake, "SELECT * FROM treatments ORDER BY document_id, item_number")[1] == (
        before_items
    )
    # within the retention the pre-compaction version still reads, from its own files
    assert query(lake, ALL, AsOf(version=version_before))[1] == before_rows
    assert query(lake, ALL, AsOf(version=1))[1] == [
        ("n0-a", "night-0", 2014),
        ("n0-b", "night-0", 2015),
    ]
    log = Path(uri(lake, "determinations")) / "_delta_log"
    assert (log / f"{det.checkpoint:020d}.checkpoint.parquet").exists()
    assert _data_files(uri(lake, "determinations")) > 2  # retired files kept for readers


def test_vacuum_past_the_retention_deletes_retired_files(tmp_path: Path) -> None:
    lake = _nightly_lake(tmp_path, nights=3)
    maintain(lake)
    on_disk = _data_files(uri(lake, "determinations"))
    with pytest.raises(ConfigurationError, match="shorter than the tables' 168 h"):
        maintain(lake, retention=0)
    result = maintain(lake, retention=0, allow_short_retention=True)
    assert result.tables["determinations"].vacuumed == on_disk - 2
    assert _data_files(uri(lake, "determinations")) == 2
    assert len(query(lake, ALL)[1]) == 6
    with pytest.raises(Exception, match="(?i)not found|no such file"):
        query(lake, ALL, AsOf(version=1))  # its files are gone: time travel ends there


def test_retention_comes_from_argument_env_or_default(monkeypatch) -> None:
    monkeypatch.delenv("IMR_VACUUM_RETENTION_HOURS", raising=False)
    assert retention_hours() == 168
    monkeypatch.setenv("IMR_VACUUM_RETENTION_HOURS", "720")
    assert retention_hours() == 720
    assert retention_hours(200) == 200
    with pytest.raises(ConfigurationError):
        retention_hours(-1)


def test_a_lake_without_tables_is_left_alone(tmp_path: Path) -> None:
    assert maintain(str(tmp_path)).tables == {}


COUNTS = (
    "SELECT (SELECT count(*) FROM determinations), "
    "(SELECT count(DISTINCT document_id) FROM determinations), "
    "(SELECT count(*) FROM treatments)"
)


def test_readers_never_see_missing_or_doubled_rows(tmp_path: Path) -> None:
    """A reader queries from a thread all along while the same documents are re-published
    and the tables maintained."""
    lake = str(tmp_path)
    for night in range(4):
        publish(lake, [f"n{night}-{i}" for i in range(3)], f"night{night}")
    seen: list[tuple] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(query(lake, COUNTS)[1][0])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for round_ in range(2):
            for night in (round_, round_ + 1):  # re-publish: same documents
                publish(lake, [f"n{night}-{i}" for i in range(3)], f"again{night}")
            maintain(lake)
    finally:
        stop.set()
        thread.join()
    assert seen and set(seen) == {(12, 12, 24)}


def test_imr_lake_compact_command(tmp_path: Path, capsys, monkeypatch) -> None:
    from imr_lake.cli import main

    lake = _nightly_lake(tmp_path, nights=3)
    assert main(["compact", "--lake", lake]) == 0
    out = capsys.readouterr().out
    assert "determinations: 6 -> 2 files (6 rows), 0 vacuumed" in out
    assert "ledger: 3 -> 1 files (6 rows)" in out and out.strip().endswith("retention 168 h")
    assert main(["compact", "--lake", lake, "--retention-hours", "1"]) == 3
    assert "error: config: vacuum retention 1 h is shorter" in capsys.readouterr().err
    monkeypatch.setenv("IMR_VACUUM_RETENTION_HOURS", "0")
    assert main(["compact", "--lake", lake, "--allow-short-retention"]) == 0
    assert "determinations: 2 -> 2 files (6 rows), 7 vacuumed" in capsys.readouterr().out
