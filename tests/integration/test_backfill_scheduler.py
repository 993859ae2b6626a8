"""A real Airflow 3 backfill of imr_ingest, run by a real scheduler.

`airflow backfill create` only writes queued dag runs to the metadata database; the
scheduler starts them and the LocalExecutor runs their tasks. Here an API server, a
scheduler and a DAG processor run as processes in a temporary AIRFLOW_HOME on a throwaway
PostgreSQL (Airflow 3 allows the LocalExecutor on SQLite, but `backfill create
--reprocess-behavior completed` then fails with "database is locked" while the scheduler
writes). The letters sit in a local folder laid out by arrival date (`{year}/{month}/{day}/`,
the `source_layout` param), their arrival times (file mtimes) spread over three daily data
intervals; the backfill must publish each letter once, in the run of the interval it arrived
in, each run listing only its interval's prefixes (a letter under an earlier day's prefix is
never listed, so never taken). A second backfill of the same range, re-running the completed
runs without `reprocess`, must publish nothing.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from imr_lake.deid.pseudonym import document_id
from imr_lake.document import sha256_hex
from imr_lake.generate import generate_corpus
from imr_lake.storage import dated_prefixes, run_key_of
from lakecheck import ledger_history
from services import (
    AirflowCluster,
    api_ready,
    install_services,
    postgres,
    wait_for,
    xcom_value,
)

DAG = "imr_ingest"
# The schedule is "0 3 * * *": the run of logical date D 03:00 covers [D 03:00, D+1 03:00).
FROM_DATE, TO_DATE = "2026-03-01", "2026-03-04"  # logical dates inclusive: 03-01 .. 03-03
LOGICAL_DATES = ["2026-03-01T03:00:00Z", "2026-03-02T03:00:00Z", "2026-03-03T03:00:00Z"]
# (arrival time, index of the backfill run that must publish the letter; None: no run)
LAYOUT = "{year}/{month}/{day}/"
ARRIVALS = [
    (datetime(2026, 2, 20, 8, tzinfo=UTC), None),  # under a prefix no run of the range lists
    (datetime(2026, 3, 1, 12, tzinfo=UTC), 0),
    (datetime(2026, 3, 2, 2, 59, 59, tzinfo=UTC), 0),
    (datetime(2026, 3, 2, 3, tzinfo=UTC), 1),  # an interval's end belongs to the next one
    (datetime(2026, 3, 2, 20, tzinfo=UTC), 1),
    (datetime(2026, 3, 3, 10, tzinfo=UTC), 2),
    (datetime(2026, 3, 4, 3, tzinfo=UTC), None),  # the last interval's end: a later run's
]
BATCH = 2
TIMEOUT = 300  # seconds for the runs of one backfill


def _backfill(cluster: AirflowCluster, conf: dict, *extra: str) -> None:
    done = cluster.airflow(
        "backfill",
        "create",
        "--dag-id",
        DAG,
        "--from-date",
        FROM_DATE,
        "--to-date",
        TO_DATE,
        "--dag-run-conf",
        json.dumps(conf),
        *extra,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]


def _backfill_runs(api) -> list[dict]:
    runs = api.get(f"/dags/{DAG}/dagRuns", params={"limit": 100}).json()["dag_runs"]
    return sorted((r for r in runs if r["run_type"] == "backfill"), key=lambda r: r["logical_date"])


def _wait_backfill_done(api, backfill_id: int, timeout: float) -> dict:
    """Until the scheduler marks the backfill completed (it checks every 30 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        backfill = api.get(f"/backfills/{backfill_id}").json()
        if backfill["completed_at"]:
            return backfill
        time.sleep(2)
    raise TimeoutError(f"backfill {backfill_id} not completed after {timeout:.0f}s")


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _wait_runs_finished(api, started_after: datetime, timeout: float) -> list[dict]:
    """Until every backfill run has ended after `started_after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = _backfill_runs(api)
        if len(runs) == len(LOGICAL_DATES) and all(
            r["state"] in ("success", "failed")
            and r["end_date"]
            and _time(r["end_date"]) > started_after
            for r in runs
        ):
            return runs
        time.sleep(2)
    raise TimeoutError(f"backfill runs not finished after {timeout:.0f}s")


def _ledger(lake: Path) -> list[tuple]:
    """Every ledger row ever committed, as (key, status, run_id, last_processed)."""
    return ledger_history(str(lake))


def _discovered(lake: Path, run_id: str) -> dict:
    """What a run's discover task recorded: counts and the listing it made."""
    path = lake / "restricted" / "runs" / run_key_of(run_id) / "discovered.json"
    return json.loads(path.read_text())


def _listing(lake: Path, run_id: str) -> dict:
    return _discovered(lake, run_id)["listing"]


def _curated(lake: Path) -> list[tuple]:
    """(document_id, run_id) of every row the analysts' views show."""
    from imr_lake.lake.sql import query

    return sorted(query(str(lake), "SELECT document_id, run_id FROM determinations")[1])


@pytest.mark.slow
def test_backfill_run_by_the_scheduler_publishes_each_interval_once(
    tmp_path: Path, pseudonym_key: str
) -> None:
    started = time.monotonic()
    phases: dict[str, float] = {}
    source, lake = tmp_path / "source", tmp_path / "lake"
    truth = generate_corpus(source, len(ARRIVALS), seed=11)
    names = sorted(r["file"] for r in truth)
    assert len(names) == len(ARRIVALS)
    files = []  # keys under the prefix of the day each letter arrived
    for name, (arrived, _) in zip(names, ARRIVALS, strict=True):
        key = f"{arrived:%Y/%m/%d}/{name}"
        (source / key).parent.mkdir(parents=True, exist_ok=True)
        (source / name).rename(source / key)
        os.utime(source / key, (arrived.timestamp(), arrived.timestamp()))
        files.append(key)
    doc_of = {
        name: document_id(pseudonym_key.encode(), sha256_hex((source / name).read_bytes()))
        for name in files
    }

    pg_bin = install_services()["postgres_bin"]
    with postgres(pg_bin) as db_url:
        cluster = AirflowCluster(
            tmp_path / "airflow_home",
            db_url,
            "redis://127.0.0.1:9/0",  # a Celery setting only; nothing connects to it
            {
                "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
                "AIRFLOW__CORE__PARALLELISM": "4",
                "IMR_PSEUDONYM_KEY": pseudonym_key,
            },
        )
        try:
            _scenario(cluster, source, lake, files, doc_of, started, phases)
        except BaseException:
            print(cluster.logs())
            raise
        finally:
            cluster.stop_all()
            phases["stopped"] = time.monotonic() - started
            print("backfill phases (s since start):", {k: round(v) for k, v in phases.items()})


def _scenario(
    cluster: AirflowCluster,
    source: Path,
    lake: Path,
    files: list[str],
    doc_of: dict[str, str],
    started: float,
    phases: dict[str, float],
) -> None:
    conf = {"source": str(source), "lake": str(lake), "batch_size": BATCH, "source_layout": LAYOUT}
    migrated = cluster.airflow("db", "migrate")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    phases["migrated"] = time.monotonic() - started
    api = cluster.start("api-server", "api-server", "--port", str(cluster.api_port))
    cluster.start("scheduler", "scheduler")
    cluster.start("dag-processor", "dag-processor")
    wait_for("api-server", lambda: api_ready(cluster.url), 180, api.proc)
    client = cluster.client()
    wait_for("imr_ingest parsed", lambda: client.get(f"/dags/{DAG}").is_success, 180)
    # Backfill runs start only while the DAG is unpaused (the scheduler's queued-run
    # query requires it); the scheduler makes no cron runs (use_job_schedule off).
    assert client.patch(f"/dags/{DAG}", json={"is_paused": False}).is_success
    phases["ready"] = time.monotonic() - started

    # 1. The backfill, one run at a time: a backfill does not inherit the DAG's
    # max_active_runs=1, and concurrent runs would take each other's letters.
    _backfill(cluster, conf, "--max-active-runs", "1")
    [backfill] = client.get("/backfills", params={"dag_id": DAG}).json()["backfills"]
    assert backfill["max_active_runs"] == 1 and backfill["dag_run_conf"] == conf
    runs = _wait_runs_finished(client, datetime.min.replace(tzinfo=UTC), TIMEOUT)
    phases["backfill"] = time.monotonic() - started
    assert [r["logical_date"] for r in runs] == LOGICAL_DATES
    assert [r["state"] for r in runs] == ["success"] * 3, cluster.logs()
    run_ids = [r["dag_run_id"] for r in runs]
    assert all(r["conf"] == conf for r in runs)
    for earlier, later in zip(runs, runs[1:], strict=False):
        assert _time(earlier["end_date"]) <= _time(later["start_date"]), "one at a time, in order"
    summaries = [xcom_value(client, run_id, "publish") for run_id in run_ids]
    expected = [sum(run == i for _, run in ARRIVALS) for i in range(3)]
    assert [s["published"] for s in summaries] == expected == [2, 2, 1]
    assert [s["discovered"] for s in summaries] == expected
    # skipped: letters of a listed prefix that an earlier run of the range took
    assert [s["skipped"] for s in summaries] == [0, 1, 0]
    assert [s["quarantined"] + s["failed"] for s in summaries] == [0, 0, 0]

    # Each run listed only the days its interval touches, never another interval's prefix.
    listed = [_listing(lake, run_id) for run_id in run_ids]
    for run, listing in zip(runs, listed, strict=True):
        interval = (_time(run["data_interval_start"]), _time(run["data_interval_end"]))
        assert listing["kind"] == "dated"
        assert listing["prefixes"] == dated_prefixes(LAYOUT, *interval)
    assert [x["prefixes"] for x in listed] == [
        ["2026/03/01/", "2026/03/02/"],
        ["2026/03/02/", "2026/03/03/"],
        ["2026/03/03/", "2026/03/04/"],
    ]
    assert [x["listed"] for x in (_discovered(lake, r) for r in run_ids)] == [2, 3, 1]

    # Each letter published exactly once, by the run of the interval it arrived in.
    ledger = _ledger(lake)
    published = {
        name: run_ids[run]
        for name, (_, run) in zip(files, ARRIVALS, strict=True)
        if run is not None
    }
    assert {(key, status, run_id) for key, status, run_id, _ in ledger} == {
        (name, "published", run_id) for name, run_id in published.items()
    }
    assert len(ledger) == len(published), "one ledger row per letter: published once"
    assert _curated(lake) == sorted((doc_of[name], rid) for name, rid in published.items())

    # 2. The same range again, re-running the completed runs without `reprocess`.
    _wait_backfill_done(client, backfill["id"], 90)
    phases["backfill_completed"] = time.monotonic() - started
    before = (_ledger(lake), _curated(lake))
    clock = _time(client.get(f"/dags/{DAG}/dagRuns/{run_ids[-1]}").json()["end_date"])
    _backfill(cluster, conf, "--reprocess-behavior", "completed", "--max-active-runs", "3")
    rerun = _wait_runs_finished(client, clock, TIMEOUT)
    phases["rerun"] = time.monotonic() - started
    assert [r["dag_run_id"] for r in rerun] == run_ids, "the same runs, cleared and re-run"
    assert [r["state"] for r in rerun] == ["success"] * 3, cluster.logs()
    summaries = [xcom_value(client, run_id, "publish") for run_id in run_ids]
    assert [s["published"] for s in summaries] == [0, 0, 0]
    assert [s["discovered"] for s in summaries] == [0, 0, 0]
    assert [s["skipped"] for s in summaries] == [2, 3, 1]
    assert (_ledger(lake), _curated(lake)) == before, "nothing new in ledger or lake"
