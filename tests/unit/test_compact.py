"""Compaction of the Delta tables: fewer files, same rows, and readers never see a
difference (optimize.compact is one commit per table)."""

from __future__ import annotations

import threading
from pathlib import Path

from deltalake import DeltaTable
from imr_lake.compact import compact
from imr_lake.lake.tables import TABLES
from imr_lake.lakesql import query
from imr_lake.storage import Lake
from lake_rows import publish

COUNTS = (
    "SELECT (SELECT count(*) FROM determinations), "
    "(SELECT count(DISTINCT document_id) FROM determinations), "
    "(SELECT count(*) FROM treatments)"
)


def _nightly(lake: Lake, nights: int, first: int = 0) -> None:
    for night in range(first, first + nights):
        publish(lake, [f"n{night}-{i}" for i in range(3)], f"night{night}")


def _files(lake: Lake, table: str) -> int:
    return len(DeltaTable(TABLES[table].uri(lake)).file_uris())


def test_compaction_merges_each_partition_into_one_file(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    _nightly(lake, 6)
    assert _files(lake, "determinations") == 12  # 6 nights x 2 years
    _, [rows_before] = query(lake.url, COUNTS)

    result = compact(lake.url)
    assert _files(lake, "determinations") == _files(lake, "treatments") == 2
    assert _files(lake, "ledger") == 1
    assert result.files_before["determinations"] == result.files_before["treatments"] == 12
    assert result.files_after["determinations"] == 2
    assert query(lake.url, COUNTS)[1] == [rows_before] == [(18, 18, 36)]
    assert compact(lake.url).versions == {}  # nothing left to merge


def test_readers_never_see_missing_or_doubled_rows(tmp_path: Path) -> None:
    """A reader queries from a thread all along while the same documents are
    re-published and compacted."""
    lake = Lake(str(tmp_path / "lake"))
    _nightly(lake, 4)
    expected = (12, 12, 24)
    seen: list[tuple] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(query(lake.url, COUNTS)[1][0])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for round_ in range(2):
            _nightly(lake, 2, first=round_)  # re-publish: same documents
            compact(lake.url)
    finally:
        stop.set()
        thread.join()
    assert seen and set(seen) == {expected}


def test_imr_lake_compact_command(tmp_path: Path, capsys) -> None:
    from imr_lake.cli import main

    lake = Lake(str(tmp_path / "lake"))
    _nightly(lake, 3)
    assert main(["compact", "--lake", lake.url]) == 0
    out = capsys.readouterr().out
    assert "determinations: 6 -> 2 files" in out and "treatments: 6 -> 2 files" in out
    assert main(["compact", "--lake", lake.url, "--min-files", "3"]) == 0
    assert "determinations: 0 -> 0 files" in capsys.readouterr().out
