"""Compaction: few large files per partition, same rows, and readers never see a difference."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from imr_lake import publish, snapshot
from imr_lake.compact import compact
from imr_lake.lakesql import query
from imr_lake.ledger import current_state, write_run_rows
from imr_lake.publish import commit
from imr_lake.storage import Lake
from lake_rows import tables

COUNTS = (
    "SELECT (SELECT count(*) FROM determinations), "
    "(SELECT count(DISTINCT document_id) FROM determinations), "
    "(SELECT count(*) FROM treatments)"
)


def _nightly(lake: Lake, nights: int) -> None:
    for night in range(nights):
        docs = [f"n{night}-{i}" for i in range(3)]
        commit(lake, tables(docs, f"night{night}"), run_id=f"night{night}", replace=set(docs))


def test_compaction_merges_each_partition_into_one_file(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    _nightly(lake, 6)
    before = snapshot.current(lake)
    assert len(before.files["determinations"]) == 12  # 6 nights x 2 years
    _, [rows_before] = query(lake.url, COUNTS)

    result = compact(lake.url)
    after = snapshot.current(lake)
    assert sorted(after.files["determinations"])[0].startswith("decision_year=2014/part-")
    assert len(after.files["determinations"]) == len(after.files["treatments"]) == 2
    assert result.files_before == {"determinations": 12, "treatments": 12}
    assert result.rows == {"determinations": 18, "treatments": 36}
    assert query(lake.url, COUNTS)[1] == [rows_before] == [(18, 18, 36)]
    assert sorted(snapshot.listed_files(lake, "determinations")) == after.files["determinations"]
    assert compact(lake.url).snapshot is None  # nothing left to merge


def test_readers_never_see_missing_or_doubled_rows(tmp_path: Path, monkeypatch) -> None:
    """A reader queries before and after every step of every commit and compaction, and
    from a thread all along, while the same documents are re-published and compacted."""
    lake = Lake(str(tmp_path / "lake"))
    _nightly(lake, 4)
    expected = (12, 12, 24)
    at_steps: list[tuple] = []
    for step in ("install", "write_snapshot", "cleanup"):
        original = getattr(publish, step)

        def checked(*args, _original=original, **kwargs):
            at_steps.append(query(lake.url, COUNTS)[1][0])
            result = _original(*args, **kwargs)
            at_steps.append(query(lake.url, COUNTS)[1][0])
            return result

        monkeypatch.setattr(publish, step, checked)

    in_thread: list[tuple] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            in_thread.append(query(lake.url, COUNTS)[1][0])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for round_ in range(3):
            docs = [f"n{round_}-{i}" for i in range(3)]  # re-publish: same documents
            commit(lake, tables(docs, f"redo{round_}"), run_id=f"redo{round_}", replace=set(docs))
            compact(lake.url)
    finally:
        stop.set()
        thread.join()
    assert len(at_steps) == 6 * 6  # 3 steps x before/after x (3 commits + 3 compactions)
    assert set(at_steps) == {expected}
    assert set(in_thread) <= {expected}


def test_ledger_parts_fold_into_one_with_the_same_state(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(3):
        write_run_rows(
            lake,
            f"c{n}",
            [
                {
                    "key": "a.pdf",
                    "etag": f"e{n}",
                    "status": "published",
                    "run_id": f"r{n}",
                    "first_seen": t0,
                    "last_processed": t0 + timedelta(days=n),
                },
                {
                    "key": f"only{n}.pdf",
                    "etag": "x",
                    "status": "failed",
                    "run_id": f"r{n}",
                    "first_seen": t0,
                    "last_processed": t0,
                },
            ],
        )
    state = current_state(lake)
    assert state["a.pdf"]["etag"] == "e2"
    result = compact(lake.url)
    assert result.ledger_parts_folded == 3
    assert len(lake.glob(lake.restricted("ledger", "*.parquet"))) == 1
    assert current_state(lake) == state


def test_imr_lake_compact_command(tmp_path: Path, capsys) -> None:
    from imr_lake.cli import main

    lake = Lake(str(tmp_path / "lake"))
    _nightly(lake, 3)
    assert main(["compact", "--lake", lake.url]) == 0
    out = capsys.readouterr().out
    assert "determinations: 6 -> 2 files (9 rows)" in out
    assert "treatments: 6 -> 2 files (18 rows)" in out
    assert main(["compact", "--lake", lake.url, "--min-files", "3"]) == 0
    assert "determinations: 0 -> 0 files" in capsys.readouterr().out
