"""A real imr_ingest DAG run over good letters mixed with the hostile corpus: every good
letter is published, every hostile file is a ledger row with its ground-truth code, no
task fails, and no worker (nor its extraction process) passes the memory budget."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from imr_lake.bench.airflow_run import dag_run_stats
from imr_lake.generate import generate_corpus
from imr_lake.lake.ledger import current_state
from imr_lake.storage import Lake
from lakecheck import assert_consistent

pytestmark = pytest.mark.slow

MEMORY_MB = 512  # the per-document budget of this run (default 1024)
MARGIN_MB = 64


@pytest.mark.parametrize("engine", ["pdfplumber", "pypdfium2"])
def test_hostile_files_cost_one_ledger_row_each(airflow, tmp_path, engine) -> None:
    source, lake = tmp_path / "source", tmp_path / "lake"
    truth = generate_corpus(source, 4, seed=23, hostile=True)
    env = {"IMR_BUDGET_MEMORY_MB": str(MEMORY_MB), "IMR_EXTRACT_ENGINE": engine}
    run = airflow.run_dag(
        "imr_ingest", {"source": str(source), "lake": str(lake), "batch_size": 6}, env=env
    )
    assert run.returncode == 0, run.output[-4000:]

    state = current_state(Lake(str(lake)))
    got = {key: (row["status"], row["error_code"]) for key, row in state.items()}
    want = {
        r["file"]: ("failed", r["error_code"]) if r["error_code"] else ("published", None)
        for r in truth
    }
    assert got == want, json.dumps({k: (got.get(k), v) for k, v in want.items() if got.get(k) != v})
    assert sum(1 for r in truth if r.get("hostile")) >= 12
    assert_consistent(str(source), str(lake), expected_objects=len(truth))

    stats = dag_run_stats(airflow.home)
    # no task failed; only the chain to a next chunk is skipped (this run is no chunked load)
    assert set(stats["task_states"]) == {"success", "skipped"}, stats["task_states"]
    assert _skipped_tasks(airflow.home) == {"next_chunk", "trigger_next_chunk"}
    assert stats["tasks"]["process_batch"]["count"] == 3
    assert 0 < stats["rss_extract_mb"] < MEMORY_MB + MARGIN_MB, stats
    assert stats["rss_letters_mb"] < MEMORY_MB + MARGIN_MB, stats


def _skipped_tasks(home: Path) -> set[str]:
    """Tasks skipped in the latest imr_ingest run (the metadata database is the session's)."""
    con = sqlite3.connect(home / "airflow.db")
    try:
        rows = con.execute(
            "SELECT task_id FROM task_instance WHERE state = 'skipped' AND run_id = "
            "(SELECT run_id FROM dag_run WHERE dag_id = 'imr_ingest' ORDER BY id DESC LIMIT 1)"
        ).fetchall()
    finally:
        con.close()
    return {task_id for (task_id,) in rows}
