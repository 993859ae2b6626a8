"""Publishing: replace by document_id, the commit lock, leftovers of crashed commits."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from imr_lake import snapshot
from imr_lake.lakesql import query
from imr_lake.lock import CommitLock
from imr_lake.publish import STAGED_PREFIX, commit, new_commit_id, stage_tables
from imr_lake.storage import Lake
from lake_rows import tables


def _counts(lake: Lake) -> tuple[int, int, int]:
    _, [row] = query(
        lake.url,
        "SELECT (SELECT count(*) FROM determinations), "
        "(SELECT count(DISTINCT document_id) FROM determinations), "
        "(SELECT count(*) FROM treatments)",
    )
    return row


def test_commit_replaces_rows_by_document_id(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    commit(lake, tables(["a", "b", "c"], "run1"), run_id="run1", replace={"a", "b", "c"})
    result = commit(lake, tables(["c", "d"], "run2"), run_id="run2", replace={"c", "d"})
    assert result.replaced_rows == 3  # c's determination and its two items
    assert _counts(lake) == (4, 4, 8)
    _, rows = query(lake.url, "SELECT document_id, run_id FROM determinations ORDER BY 1")
    assert rows == [("a", "run1"), ("b", "run1"), ("c", "run2"), ("d", "run2")]
    snap = snapshot.current(lake)
    assert snap.sequence == 2
    # what a Hive-style reader sees in the folders is exactly the snapshot
    assert sorted(snapshot.listed_files(lake, "treatments")) == snap.files["treatments"]


def test_withdrawing_a_document_without_new_rows(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    commit(lake, tables(["a", "b"]), run_id="r1", replace=set())
    commit(lake, tables([]), run_id="r2", replace={"a"})
    _, rows = query(lake.url, "SELECT document_id FROM determinations")
    assert rows == [("b",)]


def test_leftovers_of_crashed_commits_are_invisible_then_removed(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    commit(lake, tables(["a"]), run_id="r1", replace=set())
    # a commit that died after staging (old), one staging right now, one killed after install
    old = "20200101T000000000000-deadbeef"
    stage_tables(lake, tables(["x"]), old)
    fresh = stage_tables(lake, tables(["y"]), new_commit_id())
    orphan = f"{lake.curated('determinations')}/decision_year=2014/part-orphan.parquet"
    lake.fs.copy(f"{lake.curated('determinations')}/{fresh[0].staged}", orphan)
    assert _counts(lake) == (1, 1, 2)  # snapshot readers never see any of them

    commit(lake, tables(["b"]), run_id="r2", replace=set())
    names = [p.rsplit("/", 1)[-1] for p in lake.fs.find(lake.curated("determinations"))]
    assert not lake.exists(orphan)
    assert not [n for n in names if old in n]
    assert [n for n in names if n.startswith(STAGED_PREFIX)] == [fresh[0].staged.split("/")[-1]]
    assert _counts(lake) == (2, 2, 4)


def test_snapshot_is_never_overwritten(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    commit(lake, tables(["a"]), run_id="r1", replace=set())
    stale = snapshot.Snapshot(sequence=0)
    with pytest.raises(RuntimeError, match="already exists"):
        snapshot.write_next(lake, stale, {}, operation="publish", run_id="late")


def test_lock_excludes_a_second_holder_until_released(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    first, second = CommitLock(lake), CommitLock(lake)
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()
    assert lake.fs.ls(first.dir) == []


def test_lock_of_a_dead_process_is_broken(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    child = "import os; print(os.getpid())"
    pid = int(subprocess.run([sys.executable, "-c", child], capture_output=True).stdout)
    entry = {"host": socket.gethostname(), "pid": pid, "created": time.time()}
    lock = CommitLock(lake)
    lake.write_json(f"{lock.dir}/00000000T000000000000-dead.json", entry)
    assert lock.try_acquire()
    assert [p.rsplit("/", 1)[-1] for p in lake.fs.ls(lock.dir)] == [lock.entry.rsplit("/", 1)[-1]]
    lock.release()


def test_lock_of_a_live_process_elsewhere_holds_until_its_lease_ends(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    lock = CommitLock(lake, lease=600)
    other = {"host": "another-worker", "pid": 1, "created": time.time()}
    lake.write_json(f"{lock.dir}/00000000T000000000000-other.json", other)
    assert not lock.try_acquire()
    lake.write_json(f"{lock.dir}/00000000T000000000000-other.json", {**other, "created": 0})
    assert lock.try_acquire()
    lock.release()


def test_lock_serialises_read_modify_write(tmp_path: Path) -> None:
    """Threads that each read a counter, then write it + 1, under the lock: no update lost."""
    lake = Lake(str(tmp_path / "lake"))
    counter = lake.restricted("counter.json")
    lake.write_json(counter, {"n": 0})

    def bump(times: int) -> None:
        for _ in range(times):
            with CommitLock(lake).held(timeout=120):
                value = json.loads(lake.fs.cat_file(counter))["n"]
                lake.write_json_atomic(counter, {"n": value + 1})

    threads = [threading.Thread(target=bump, args=(5,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert lake.read_json(counter) == {"n": 20}
