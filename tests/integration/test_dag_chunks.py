"""A whole-history load through the real imr_ingest DAG: a run with `chunk` takes that many
new letters, reports what is left and triggers the next run with its params; the last
chunk triggers nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from imr_lake.generate import generate_corpus

pytestmark = pytest.mark.slow

COUNT, CHUNK = 6, 4


def _triggered(airflow) -> list[dict]:
    """conf of the imr_ingest runs a trigger_next_chunk task created (queued: no scheduler)."""
    with sqlite3.connect(airflow.home / "airflow.db") as db:
        rows = db.execute(
            "SELECT conf, state FROM dag_run WHERE dag_id = 'imr_ingest' "
            "AND run_type = 'operator_triggered'"
        ).fetchall()
    return [{"conf": json.loads(c) if isinstance(c, str) else c, "state": s} for c, s in rows]


def _summary(lake: Path, run_number: int) -> dict:
    reports = sorted(
        lake.glob("restricted/reports/*/summary.json"), key=lambda p: p.stat().st_mtime
    )
    return json.loads(reports[run_number].read_text())


def test_a_chunked_load_takes_chunks_and_chains_its_runs(airflow, tmp_path: Path) -> None:
    source, lake = tmp_path / "source", tmp_path / "lake"
    generate_corpus(source, COUNT, seed=5, layouts=["header_table"])
    conf = {"source": str(source), "lake": str(lake), "chunk": CHUNK, "batch_size": 2}

    first = airflow.run_dag("imr_ingest", conf)
    assert first.returncode == 0, first.output[-4000:]
    summary = _summary(lake, 0)
    assert summary["discovered"] == CHUNK and summary["published"] == CHUNK
    progress = summary["progress"]
    assert (progress["done"], progress["left"]) == (CHUNK, COUNT - CHUNK)
    assert progress["rate"] > 0 and progress["eta_seconds"] is not None
    logs = first.output + first.task_logs()
    assert f"progress: done={CHUNK} left={COUNT - CHUNK}" in logs  # the publish task's log
    triggered = _triggered(airflow)
    assert len(triggered) == 1, (triggered, first.output[-3000:])
    assert triggered[0]["conf"]["chunk"] == CHUNK and triggered[0]["conf"]["lake"] == str(lake)

    second = airflow.run_dag("imr_ingest", conf)  # the chained run (dags test runs it here)
    assert second.returncode == 0, second.output[-4000:]
    summary = _summary(lake, 1)
    assert (summary["discovered"], summary["skipped"]) == (COUNT - CHUNK, CHUNK)
    assert summary["progress"]["left"] == 0
    assert "no chunk left to load" in second.output + second.task_logs()
    assert len(_triggered(airflow)) == 1, "the last chunk triggers nothing"
