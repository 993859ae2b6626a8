"""The lake's Delta tables on real S3 (SeaweedFS `weed mini`, credentials enforced, no lock
service: commits are put-if-absent): runs, re-runs, an S3 outage in the middle of a run and
before its first commit, SIGKILL between two table commits, overlapping runs, maintenance
under readers, and `imr-lake sql --lake s3://...` (DuckDB's delta_scan over httpfs), also
`--as-of` within and past the vacuum retention."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.generate import generate_corpus
from imr_lake.lake.delta import storage_options
from imr_lake.lake.tables import DETERMINATIONS_TABLE
from imr_lake.pipeline import run_in_process
from imr_lake.storage import Lake, filesystem
from lakecheck import (
    assert_consistent,
    assert_output_adds_up,
    assert_summary_adds_up,
    kill,
    release,
    start_child,
    view_counts,
    wait_paused,
)
from seaweedfs import SeaweedFS, s3_server

pytestmark = pytest.mark.slow

COUNT = 8  # imr_000002 is a bad file (seed 7)


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    """One server for the module; the client environment points at it."""
    with s3_server(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("s3corpus")
    generate_corpus(out, COUNT, seed=7, bad_share=0.13)
    return out


def _upload(corpus: Path, prefix: str, names: list[str]) -> str:
    fs, _ = filesystem("s3://imr-raw")
    for name in names:
        fs.pipe_file(f"imr-raw/{prefix}/{name}", (corpus / name).read_bytes())
    return f"s3://imr-raw/{prefix}"


def _names(corpus: Path) -> list[str]:
    return sorted(p.name for p in corpus.glob("*.pdf"))


def _determinations(lake: str) -> DeltaTable:
    uri = DETERMINATIONS_TABLE.uri(Lake(lake))
    return DeltaTable(uri, storage_options=storage_options(uri))


def _run(source: str, lake: str, run_id: str, **kwargs):
    summary = run_in_process(
        source=source, lake=lake, run_id=run_id, max_failed_share=1.0, **kwargs
    )
    assert_summary_adds_up(summary)
    return summary


def test_run_rerun_and_sql_on_s3(s3: SeaweedFS, corpus: Path) -> None:
    source = _upload(corpus, "plain", _names(corpus))
    lake = "s3://imr-lake/plain"
    first = _run(source, lake, "night1")
    assert (first.discovered, first.failed) == (COUNT, 1)
    statuses = assert_consistent(source, lake, expected_objects=COUNT)
    assert statuses == {"published": COUNT - 1, "quarantined": 0, "failed": 1}

    again = _run(source, lake, "night1")  # the same run again: nothing new
    assert (again.discovered, again.skipped) == (0, COUNT)

    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "imr-lake"),
            "sql",
            "--lake",
            lake,
            "SELECT count(*) AS letters, count(DISTINCT document_id) AS docs FROM determinations",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ,
    )
    assert done.returncode == 0, done.stderr
    header, rule, row = done.stdout.strip().splitlines()
    assert header.split() == ["letters", "docs"]
    assert row.split() == [str(COUNT - 1), str(COUNT - 1)]


def test_wrong_credentials_are_refused(s3: SeaweedFS) -> None:
    import s3fs

    fs = s3fs.S3FileSystem(
        key="imr-test-access-key",
        secret="not-the-secret",
        endpoint_url=s3.endpoint,
        skip_instance_cache=True,
    )
    with pytest.raises(PermissionError):
        fs.ls("imr-lake")


@pytest.mark.parametrize("stop_at", ["pipeline.process_batch:2", "lake.commit.commit_table:1"])
def test_s3_server_stopped_in_the_middle_of_a_run(
    s3: SeaweedFS, corpus: Path, tmp_path: Path, stop_at: str
) -> None:
    names = _names(corpus)
    prefix = "outage-" + stop_at.split(".")[-1].split(":")[0]
    source = _upload(corpus, prefix, names[:3])
    lake = f"s3://imr-lake/{prefix}"
    _run(source, lake, "base")
    base = view_counts(lake)
    _upload(corpus, prefix, names[3:])

    proc, marker = start_child(
        source, lake, "interrupted", tmp_path, pause_at=stop_at, batch_size=2
    )
    try:
        wait_paused(proc, marker)
        s3.stop()
        release(marker)
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode != 0, "the run went on without its storage"
    finally:
        if proc.poll() is None:
            kill(proc)
        if s3.proc is None or s3.proc.poll() is not None:
            s3.start()
    assert view_counts(lake) == base  # nothing of the interrupted run is visible

    recovery = _run(source, lake, "recovery")
    assert recovery.discovered == len(names) - 3
    assert_consistent(source, lake, expected_objects=len(names))


def test_killed_between_two_commits_on_s3(s3: SeaweedFS, corpus: Path, tmp_path: Path):
    names = _names(corpus)
    source = _upload(corpus, "killed", names[:4])
    lake = "s3://imr-lake/killed"
    _run(source, lake, "base")
    base = view_counts(lake)
    _upload(corpus, "killed", names[4:])
    # reprocess: the determinations commit replaces the base rows too (a MERGE that deletes
    # and inserts); killed before the treatments commit
    proc, marker = start_child(
        source, lake, "killed", tmp_path, pause_at="lake.commit.commit_table:2", reprocess=True
    )
    try:
        wait_paused(proc, marker)
    finally:
        kill(proc)
    during = view_counts(lake)
    assert during["rows"] == during["documents"] > base["rows"]
    assert during["items"] == base["items"]  # the treatments commit never happened
    recovery = _run(source, lake, "recovery")
    assert recovery.discovered == len(names) - 4
    assert_consistent(source, lake, expected_objects=len(names))


def test_two_overlapping_runs_on_s3(s3: SeaweedFS, corpus: Path, tmp_path: Path) -> None:
    names = _names(corpus)
    source = _upload(corpus, "overlap", names)
    lake = "s3://imr-lake/overlap"
    procs = [start_child(source, lake, f"backfill{i}", tmp_path)[0] for i in (1, 2)]
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out[-3000:]
        assert_output_adds_up(out)
    assert [h["operation"] for h in _determinations(lake).history()] == [
        "MERGE",
        "MERGE",
        "CREATE TABLE",
    ]
    assert_consistent(source, lake, expected_objects=len(names))


def _sql(lake: str, query: str, *options: str) -> subprocess.CompletedProcess:
    """`imr-lake sql` itself, on the S3 lake (httpfs with an S3 secret from the env)."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "imr-lake"), "sql", "--lake", lake, *options, query],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ,
    )


def test_maintenance_and_time_travel_on_s3_under_readers(s3: SeaweedFS, corpus: Path) -> None:
    """Three nightly runs leave three files per partition. Maintenance (compaction, vacuum,
    checkpoint) leaves one per partition while a reader querying all along sees the same
    rows every time; `imr-lake sql --as-of` still reads the first night within the
    retention, and no longer once a zero retention has vacuumed its files."""
    from imr_lake.lake.ledger import ledger_columns
    from imr_lake.lake.maintenance import maintain

    names = _names(corpus)
    lake = "s3://imr-lake/compact"
    for night, chunk in enumerate((names[:3], names[3:6], names[6:]), start=1):
        source = _upload(corpus, "compact", chunk)
        _run(source, lake, f"night{night}")
    before = view_counts(lake)
    files_before = len(_determinations(lake).file_uris())
    ledger = ledger_columns(Lake(lake), ["run_id", "status"]).to_pylist()
    night1_published = ledger.count({"run_id": "night1", "status": "published"})
    assert 0 < night1_published < before["rows"]

    seen: list[dict] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(view_counts(lake))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        result = maintain(lake)
    finally:
        stop.set()
        thread.join()
    assert seen and all(counts == before for counts in seen)
    assert view_counts(lake) == before
    files = _determinations(lake).file_uris()
    partitions = {f.rsplit("/", 2)[-2] for f in files}
    assert len(files) == len(partitions) < files_before
    assert (result.tables["ledger"].files_before, result.tables["ledger"].files_after) == (3, 1)
    assert result.tables["determinations"].vacuumed == 0  # within the 7-day retention
    assert_consistent("s3://imr-raw/compact", lake, expected_objects=len(names))

    count = "SELECT count(*) AS n FROM determinations"
    done = _sql(lake, count, "--as-of", "1")  # version 1: the first night's commit
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["n", "-", str(night1_published)]

    vacuumed = maintain(lake, retention=0, allow_short_retention=True)
    assert vacuumed.tables["determinations"].vacuumed > 0
    fs, _ = filesystem(lake)
    stored = {
        f"s3://{path}"
        for path in fs.find("imr-lake/compact/curated/determinations")
        if path.endswith(".parquet") and "/_delta_log/" not in path
    }
    assert stored == set(_determinations(lake).file_uris())  # only the live files are left
    assert view_counts(lake) == before
    gone = _sql(lake, count, "--as-of", "1")
    assert gone.returncode == 1 and gone.stderr.startswith("error: sql: ")
    assert _sql(lake, count).stdout.split() == ["n", "-", str(before["rows"])]


def test_delta_tables_on_s3_two_writers_and_duckdb_delta_scan(
    s3: SeaweedFS, tmp_path: Path
) -> None:
    """Delta commits on SeaweedFS with no lock service (put-if-absent): two processes
    replacing the same document at once lose nothing; DuckDB's own delta_scan (httpfs with
    an S3 secret, as an analyst's DuckDB) reads the table."""
    from imr_lake.lake import duckdb_delta
    from imr_lake.lake.tables import ensure_tables

    lake = "s3://imr-lake/delta"
    ensure_tables(Lake(lake))
    uri = DETERMINATIONS_TABLE.uri(Lake(lake))
    writer = Path(__file__).parents[1] / "unit" / "delta_writer.py"
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(writer.parent), *sys.path])}
    procs = [
        subprocess.Popen(
            [sys.executable, str(writer), lake, name, "5", str(go)],
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
    assert _determinations(lake).version() == 10

    con = duckdb_delta.connect(s3=True)
    rows, docs, shared = con.execute(
        "SELECT count(*), count(DISTINCT document_id), count(*) FILTER (document_id = 'shared') "
        f"FROM {duckdb_delta.scan(uri)}"
    ).fetchone()
    assert (rows, docs, shared) == (11, 11, 1)
    [(first,)] = con.execute(f"SELECT count(*) FROM {duckdb_delta.scan(uri, version=1)}").fetchall()
    assert first == 2
