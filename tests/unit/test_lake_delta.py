"""The lake's Delta tables: one-commit replacement by document_id, time travel, DuckDB's
own delta_scan reading them, and the bounded jittered retry, with two processes
committing to the same table at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from deltalake import DeltaTable
from deltalake.exceptions import CommitFailedError
from imr_lake.lake import duckdb_delta
from imr_lake.lake.delta import (
    append_rows,
    ensure_table,
    read_rows,
    replace_rows,
    storage_options,
    with_retry,
)
from imr_lake.schema import DETERMINATIONS, PARTITION_COLUMN, TREATMENTS
from lake_rows import tables

WRITER = Path(__file__).with_name("delta_writer.py")


def _tables(root: Path) -> dict[str, str]:
    uris = {name: str(root / "curated" / name) for name in ("determinations", "treatments")}
    ensure_table(uris["determinations"], DETERMINATIONS, [PARTITION_COLUMN])
    ensure_table(uris["treatments"], TREATMENTS, [PARTITION_COLUMN])
    return uris


def _publish(uris: dict[str, str], ids: list[str], run_id: str, replace: set[str]) -> None:
    rows = tables(ids, run_id)
    for name, uri in uris.items():
        replace_rows(uri, rows[name], key="document_id", replace=replace)


def test_replace_by_document_id_is_one_commit_per_table(tmp_path: Path) -> None:
    uris = _tables(tmp_path)
    _publish(uris, ["a", "b", "c"], "run1", {"a", "b", "c"})
    _publish(uris, ["c", "d"], "run2", {"c", "d"})
    dets = DeltaTable(uris["determinations"])
    assert dets.version() == 2  # created, then one commit per run
    assert [h["operation"] for h in dets.history()][:2] == ["WRITE", "WRITE"]
    got = read_rows(uris["determinations"], DETERMINATIONS).sort_by("document_id")
    assert list(zip(got["document_id"].to_pylist(), got["run_id"].to_pylist(), strict=True)) == [
        ("a", "run1"),
        ("b", "run1"),
        ("c", "run2"),
        ("d", "run2"),
    ]
    assert got.schema == DETERMINATIONS
    con = duckdb_delta.connect()
    scan = duckdb_delta.scan(uris["treatments"])
    rows, distinct = con.execute(
        f"SELECT count(*), count(DISTINCT (document_id, item_number)) FROM {scan}"
    ).fetchone()
    assert (rows, distinct) == (8, 8)
    years = con.execute(
        f"SELECT decision_year, count(*) FROM {duckdb_delta.scan(uris['determinations'])} "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert years == [(2014, 2), (2015, 2)]


def test_withdrawn_document_and_time_travel(tmp_path: Path) -> None:
    uris = _tables(tmp_path)
    _publish(uris, ["a", "b"], "run1", {"a", "b"})
    _publish(uris, [], "run2", {"a"})  # a's new parse failed: it leaves the tables
    now = read_rows(uris["treatments"], TREATMENTS)
    assert set(now["document_id"].to_pylist()) == {"b"}
    before = read_rows(uris["treatments"], TREATMENTS, version=1)
    assert sorted(before["document_id"].to_pylist()) == ["a", "a", "b", "b"]
    con = duckdb_delta.connect()
    [(count,)] = con.execute(
        f"SELECT count(*) FROM {duckdb_delta.scan(uris['determinations'], version=1)}"
    ).fetchall()
    assert count == 2


def test_nothing_to_commit_makes_no_version(tmp_path: Path) -> None:
    uris = _tables(tmp_path)
    assert (
        replace_rows(
            uris["determinations"], tables([])["determinations"], key="document_id", replace=set()
        )
        is None
    )
    assert append_rows(uris["determinations"], tables([])["determinations"]) is None
    assert DeltaTable(uris["determinations"]).version() == 0


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
    uri = _tables(tmp_path)["determinations"]
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WRITER.parent), *sys.path])}
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), uri, name, "8", str(go)],
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
    table = DeltaTable(uri)
    assert table.version() == 16  # the create, then 8 commits of each writer
    ids = read_rows(uri, DETERMINATIONS)["document_id"].to_pylist()
    assert sorted(ids) == sorted(["shared"] + [f"w{w}-{n}" for w in (1, 2) for n in range(8)])


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
