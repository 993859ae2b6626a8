"""The lake's Delta tables through the pipeline's commit (`commit_table`): one-commit
replacement by key, a withdrawn document, time travel, DuckDB's own delta_scan reading
them, the bounded jittered retry, and two processes committing to one table at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from deltalake import DeltaTable
from deltalake.exceptions import CommitFailedError
from imr_lake.lake import duckdb_delta
from imr_lake.lake.commit import commit_table
from imr_lake.lake.delta import Replacement, storage_options, with_retry
from imr_lake.lake.tables import DETERMINATIONS_TABLE, TREATMENTS_TABLE, ensure_tables
from imr_lake.storage import Lake
from lake_rows import tables

WRITER = Path(__file__).with_name("delta_writer.py")
CURATED = (DETERMINATIONS_TABLE, TREATMENTS_TABLE)


def _lake(root: Path) -> Lake:
    lake = Lake(str(root))
    ensure_tables(lake)
    return lake


def _publish(lake: Lake, ids: list[str], run_id: str, replace: set[str]) -> None:
    rows = tables(ids, run_id)
    keys = pa.array(sorted(replace), pa.string())
    for table in CURATED:
        part = Replacement(rows[table.name], keys)
        commit_table(lake, table, lambda p=part: [p], run_id=run_id)


def _ids(lake: Lake, table=DETERMINATIONS_TABLE, version: int | None = None) -> list[str]:
    delta = DeltaTable(table.uri(lake))
    if version is not None:
        delta.load_as_version(version)
    return sorted(delta.to_pyarrow_table(columns=["document_id"])["document_id"].to_pylist())


def test_replace_by_document_id_is_one_commit_per_table(tmp_path: Path) -> None:
    lake = _lake(tmp_path)
    _publish(lake, ["a", "b", "c"], "run1", {"a", "b", "c"})
    _publish(lake, ["c", "d"], "run2", {"c", "d"})
    dets = DeltaTable(DETERMINATIONS_TABLE.uri(lake))
    assert dets.version() == 2  # created, then one commit per run
    history = dets.history()[:2]
    assert [h["operation"] for h in history] == ["MERGE", "MERGE"]
    assert [h["imr_lake.run_id"] for h in history] == ["run2", "run1"]
    got = pa.table(dets.to_pyarrow_table(columns=["document_id", "run_id"])).sort_by("document_id")
    assert list(zip(got["document_id"].to_pylist(), got["run_id"].to_pylist(), strict=True)) == [
        ("a", "run1"),
        ("b", "run1"),
        ("c", "run2"),
        ("d", "run2"),
    ]
    con = duckdb_delta.connect()
    scan = duckdb_delta.scan(TREATMENTS_TABLE.uri(lake))
    rows, distinct = con.execute(
        f"SELECT count(*), count(DISTINCT (document_id, item_number)) FROM {scan}"
    ).fetchone()
    assert (rows, distinct) == (8, 8)
    years = con.execute(
        f"SELECT decision_year, count(*) FROM {duckdb_delta.scan(DETERMINATIONS_TABLE.uri(lake))} "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert years == [(2014, 2), (2015, 2)]
    described = con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
    assert [r[0] for r in described] == TREATMENTS_TABLE.schema.names


def test_a_document_that_moves_partition_is_replaced_not_doubled(tmp_path: Path) -> None:
    lake = _lake(tmp_path)
    _publish(lake, ["a", "b"], "run1", {"a", "b"})  # a in 2014, b in 2015
    rows = tables(["a"], "run2", years=(2015,))  # a's new parse: decided in 2015
    keys = pa.array(["a"])
    for table in CURATED:
        part = Replacement(rows[table.name], keys)
        commit_table(lake, table, lambda p=part: [p], run_id="run2")
    con = duckdb_delta.connect()
    scan = duckdb_delta.scan(DETERMINATIONS_TABLE.uri(lake))
    got = con.execute(f"SELECT document_id, decision_year FROM {scan} ORDER BY 1").fetchall()
    assert got == [("a", 2015), ("b", 2015)]
    assert _ids(lake, TREATMENTS_TABLE) == ["a", "a", "b", "b"]


def test_withdrawn_document_and_time_travel(tmp_path: Path) -> None:
    lake = _lake(tmp_path)
    _publish(lake, ["a", "b"], "run1", {"a", "b"})
    _publish(lake, [], "run2", {"a"})  # a's new parse failed: it leaves the tables
    assert _ids(lake, TREATMENTS_TABLE) == ["b", "b"]
    assert _ids(lake, TREATMENTS_TABLE, version=1) == ["a", "a", "b", "b"]
    con = duckdb_delta.connect()
    [(count,)] = con.execute(
        f"SELECT count(*) FROM {duckdb_delta.scan(DETERMINATIONS_TABLE.uri(lake), version=1)}"
    ).fetchall()
    assert count == 2


def test_nothing_to_commit_makes_no_version(tmp_path: Path) -> None:
    lake = _lake(tmp_path)
    empty = Replacement(tables([])["determinations"], pa.array([], pa.string()))
    assert commit_table(lake, DETERMINATIONS_TABLE, lambda: [empty, empty], run_id="r") is None
    assert commit_table(lake, DETERMINATIONS_TABLE, lambda: [], run_id="r") is None
    assert DeltaTable(DETERMINATIONS_TABLE.uri(lake)).version() == 0


def test_a_key_repeated_across_parts_is_replaced_once(tmp_path: Path) -> None:
    """The same PDF under two keys gives the same document in two batches' keys: its old
    rows are deleted, its new row is there once."""
    lake = _lake(tmp_path)
    _publish(lake, ["a"], "run1", {"a"})
    rows = tables(["a"], "run2")["determinations"]
    parts = [Replacement(rows, pa.array(["a"])), Replacement(rows.slice(0, 0), pa.array(["a"]))]
    commit_table(lake, DETERMINATIONS_TABLE, lambda: parts, run_id="run2")
    assert _ids(lake) == ["a"]


def test_retry_is_bounded_and_jittered() -> None:
    calls, pauses = [], []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise CommitFailedError("a concurrent transaction deleted data this operation read")
        return "won"

    assert with_retry(flaky, sleep=pauses.append, base=0.1, cap=1.0) == "won"
    assert len(calls) == 3 and len(pauses) == 2
    assert all(0 <= p <= min(1.0, 0.1 * 2 ** (i + 1)) for i, p in enumerate(pauses))

    def always() -> None:
        calls.append(1)
        raise CommitFailedError("lost again")

    calls.clear()
    with pytest.raises(CommitFailedError):
        with_retry(always, attempts=4, sleep=lambda _: None)
    assert len(calls) == 4


def test_two_processes_committing_at_once(tmp_path: Path) -> None:
    """Both writers replace the same document in every commit: the losers retry, no
    commit is lost and the shared document is there once."""
    lake = _lake(tmp_path)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WRITER.parent), *sys.path])}
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), lake.url, name, "8", str(go)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("w1", "w2")
    ]
    go.write_text("go")
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
    assert DeltaTable(DETERMINATIONS_TABLE.uri(lake)).version() == 16  # create + 2 x 8
    assert _ids(lake) == sorted(["shared"] + [f"w{w}-{n}" for w in (1, 2) for n in range(8)])


def test_storage_options_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert storage_options("/tmp/lake/curated/determinations") == {}
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("IMR_S3_ENDPOINT_URL", "http://127.0.0.1:8333")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    options = storage_options("s3://imr-lake/lake/curated/determinations")
    assert options["aws_conditional_put"] == "etag"  # no lock service
    assert options["AWS_ENDPOINT_URL"] == "http://127.0.0.1:8333"
    assert options["AWS_ALLOW_HTTP"] == "true"
    assert "AWS_SESSION_TOKEN" not in options
    secret = duckdb_delta.s3_secret_sql()
    assert "ENDPOINT '127.0.0.1:8333'" in secret and "USE_SSL false" in secret
