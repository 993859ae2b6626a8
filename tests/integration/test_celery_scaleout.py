"""Scale-out on Airflow's CeleryExecutor, proven with real processes on this machine.

The production stack of docker-compose.yml, without Docker: PostgreSQL (metadata), Redis
(broker), SeaweedFS (S3), an API server, a scheduler, a DAG processor and two Celery workers
named like two hosts. One `imr_ingest` run, triggered through the REST API, must spread its
mapped batches over both workers and leave a complete lake.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import pytest
import s3fs
from imr_lake.deid.pseudonym import document_id
from imr_lake.document import sha256_hex
from imr_lake.generate import generate_corpus
from seaweedfs import seaweedfs
from services import api_ready, stack, wait_for, xcom_value

LETTERS = 40
BATCH = 5
WORKERS = ("imr-worker-1", "imr-worker-2")
RUN_TIMEOUT = 420  # seconds for the DAG run itself


def _upload(local: Path, fs: s3fs.S3FileSystem, bucket: str) -> list[str]:
    names = sorted(p.name for p in local.glob("*.pdf"))
    for name in names:
        fs.put_file(str(local / name), f"{bucket}/letters/{name}")
    return names


def _wait_run(api, run_id: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = api.get(f"/dags/imr_ingest/dagRuns/{run_id}").json()["state"]
        if state in ("success", "failed"):
            return state
        time.sleep(3)
    return "timeout"


@pytest.mark.slow
def test_mapped_batches_run_on_both_celery_workers_and_the_lake_is_complete(
    tmp_path: Path, pseudonym_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    truth = generate_corpus(tmp_path / "corpus", LETTERS, seed=23, bad_share=0.1)
    bad = {r["file"]: r["error_code"] for r in truth if r["error_code"]}
    assert bad, "the corpus holds broken files on purpose"

    with seaweedfs(tmp_path / "s3", buckets=("imr-raw", "imr-lake")) as s3:
        fs = s3fs.S3FileSystem(
            key=s3.env()["AWS_ACCESS_KEY_ID"],
            secret=s3.env()["AWS_SECRET_ACCESS_KEY"],
            endpoint_url=s3.endpoint,
            skip_instance_cache=True,
        )
        names = _upload(tmp_path / "corpus", fs, "imr-raw")
        assert len(names) == LETTERS
        source, lake = "s3://imr-raw/letters", "s3://imr-lake/lake"

        # The workers get S3 only from the Airflow connection, as in docker-compose.yml.
        connection = {
            "conn_type": "aws",
            "login": s3.env()["AWS_ACCESS_KEY_ID"],
            "password": s3.env()["AWS_SECRET_ACCESS_KEY"],
            "extra": {"endpoint_url": s3.endpoint},
        }
        extra_env = {
            "AIRFLOW_CONN_IMR_S3": json.dumps(connection),
            "AWS_DEFAULT_REGION": "us-east-1",
            "IMR_PSEUDONYM_KEY": pseudonym_key,
        }
        started = time.monotonic()
        phases: dict[str, float] = {}
        with stack(tmp_path / "stack", extra_env) as parts:
            cluster = parts["airflow"]
            phases["services"] = time.monotonic() - started
            migrated = cluster.airflow("db", "migrate")
            phases["migrate"] = time.monotonic() - started
            assert migrated.returncode == 0, migrated.stderr[-3000:]
            api = cluster.start("api-server", "api-server", "--port", str(cluster.api_port))
            cluster.start("scheduler", "scheduler")
            cluster.start("dag-processor", "dag-processor")
            workers = [cluster.start_worker(name) for name in WORKERS]
            try:
                wait_for("api-server", lambda: api_ready(cluster.url), 180, api.proc)
                for worker in workers:
                    wait_for(
                        worker.name,
                        lambda w=worker: (
                            f"{w.name}@" in w.tail(20000) and " ready." in w.tail(20000)
                        ),
                        180,
                        worker.proc,
                    )
                client = cluster.client()
                wait_for(
                    "imr_ingest parsed",
                    lambda: client.get("/dags/imr_ingest").status_code == 200,
                    180,
                )
                assert client.patch("/dags/imr_ingest", json={"is_paused": False}).is_success
                conf = {"source": source, "lake": lake, "batch_size": BATCH}
                trigger = client.post(
                    "/dags/imr_ingest/dagRuns", json={"logical_date": None, "conf": conf}
                )
                assert trigger.status_code == 200, trigger.text
                run_id = trigger.json()["dag_run_id"]
                phases["triggered"] = time.monotonic() - started
                state = _wait_run(client, run_id, RUN_TIMEOUT)
                phases["run_done"] = time.monotonic() - started
                tis = client.get(
                    f"/dags/imr_ingest/dagRuns/{run_id}/taskInstances",
                    params={"task_id": "process_batch", "limit": 100},
                ).json()["task_instances"]
                summary = xcom_value(client, run_id, "publish") if state == "success" else {}
            except BaseException:
                print(cluster.logs())
                raise
            assert state == "success", cluster.logs()
        phases["stopped"] = time.monotonic() - started
        print("scale-out phases (s since start):", {k: round(v) for k, v in phases.items()})

        batches = [t for t in tis if t["task_id"] == "process_batch"]
        assert len(batches) == math.ceil(LETTERS / BATCH)
        assert {t["state"] for t in batches} == {"success"}
        assert sorted(t["map_index"] for t in batches) == list(range(len(batches)))
        assert {t["hostname"] for t in batches} == set(WORKERS), "batches ran on both workers"

        # The run's own account, as the publish task returned it through the API.
        assert summary["discovered"] == LETTERS and summary["skipped"] == 0
        assert summary["published"] + summary["quarantined"] + summary["failed"] == LETTERS
        assert summary["failed"] == len(bad)

        for name, value in s3.env().items():
            monkeypatch.setenv(name, value)
        ledger = _assert_lake_complete(lake, names, bad, tmp_path / "corpus", pseudonym_key)
        for status in ("published", "quarantined", "failed"):
            assert summary[status] == sum(r["status"] == status for r in ledger.values())


def _assert_lake_complete(
    lake_url: str, names: list[str], bad: dict[str, str], corpus: Path, key: str
) -> dict[str, dict]:
    """Every source object has one ledger row; curated rows are exactly the published ones."""
    from imr_lake.lake.ledger import current_state
    from imr_lake.lake.sql import connect
    from imr_lake.storage import Lake

    ledger = current_state(Lake(lake_url))
    assert sorted(ledger) == names, "published + quarantined + failed == discovered"
    statuses = {row["status"] for row in ledger.values()}
    assert statuses <= {"published", "quarantined", "failed"}
    failed = {k: r["error_code"] for k, r in ledger.items() if r["status"] == "failed"}
    assert failed == bad

    published = [k for k, r in ledger.items() if r["status"] == "published"]
    assert len(published) == len(names) - len(bad), "every good letter published"
    con = connect(lake_url)
    count, distinct = con.execute(
        "SELECT count(*), count(DISTINCT document_id) FROM determinations"
    ).fetchone()
    assert count == distinct == len(published), "no duplicate document_id"
    ids = {r[0] for r in con.execute("SELECT document_id FROM determinations").fetchall()}
    expected = {document_id(key.encode(), sha256_hex((corpus / k).read_bytes())) for k in published}
    assert ids == expected
    orphans = con.execute(
        "SELECT count(*) FROM treatments WHERE document_id NOT IN "
        "(SELECT document_id FROM determinations)"
    ).fetchone()[0]
    assert orphans == 0
    return ledger
