"""Scenario (d)'s Airflow: a project-local AIRFLOW_HOME on SQLite, and what a run took.

The home lives under var/bench/ (never the user's ~/airflow). Its database is migrated
once, outside the timed run; stage times come from the run's own task instances and the
`seconds` that each process_batch task returns (its XCom).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
DAG_ID = "imr_ingest"


def airflow_env(home: Path, engine: str | None = None) -> dict[str, str]:
    """The environment of `airflow` commands: local home, this repo's DAGs, no retries,
    warnings quiet as scripts/airflow_env.sh sets them. The test suite's runner uses it too."""
    from imr_lake.quiet import PYTHONWARNINGS

    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
        "IMR_TASK_RETRIES": "0",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONWARNINGS": PYTHONWARNINGS,
    }
    if engine is not None:
        env["IMR_EXTRACT_ENGINE"] = engine
    return env


def prepare_home(home: Path) -> None:
    """Migrate the SQLite metadata database (idempotent; not part of any timing)."""
    home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "airflow"), "db", "migrate"],
        env=airflow_env(home, "pdfplumber"),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed: {done.stderr[-2000:]}")


def _xcom(value: Any) -> dict[str, Any]:
    if isinstance(value, bytes | str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def dag_run_stats(home: Path) -> dict[str, Any]:
    """Stage seconds and peak RSS of the latest imr_ingest run, from the metadata database
    (task durations, and what process_batch and validate return in their XComs)."""
    con = sqlite3.connect(home / "airflow.db")
    try:
        (run_id,) = con.execute(
            "SELECT run_id FROM dag_run WHERE dag_id = ? ORDER BY id DESC LIMIT 1", (DAG_ID,)
        ).fetchone()
        states = con.execute(
            "SELECT state, count(*) FROM task_instance WHERE dag_id = ? AND run_id = ? "
            "GROUP BY state",
            (DAG_ID, run_id),
        ).fetchall()
        rows = con.execute(
            "SELECT task_id, count(*), sum(duration) FROM task_instance "
            "WHERE dag_id = ? AND run_id = ? GROUP BY task_id",
            (DAG_ID, run_id),
        ).fetchall()
        xcoms = con.execute(
            "SELECT task_id, value FROM xcom WHERE dag_id = ? AND run_id = ? "
            "AND task_id IN ('process_batch', 'validate') AND key = 'return_value'",
            (DAG_ID, run_id),
        ).fetchall()
    finally:
        con.close()
    seconds: dict[str, float] = {}
    peaks: dict[str, float] = {"process_batch": 0.0, "validate": 0.0, "extract": 0.0}
    for task_id, value in xcoms:
        result = _xcom(value)
        peaks[task_id] = max(peaks[task_id], float(result.get("peak_rss_mb") or 0.0))
        peaks["extract"] = max(peaks["extract"], float(result.get("extract_peak_rss_mb") or 0.0))
        if task_id == "process_batch":
            for stage, s in (result.get("seconds") or {}).items():
                seconds[stage] = seconds.get(stage, 0.0) + float(s)
    tasks = {task: {"count": n, "seconds": float(total or 0.0)} for task, n, total in rows}
    for task in ("discover", "validate", "publish"):
        if task in tasks:
            seconds[task] = tasks[task]["seconds"]
    return {
        "run_id": run_id,
        "tasks": tasks,
        "task_states": {str(state): n for state, n in states},
        "seconds": seconds,
        "rss_letters_mb": peaks["process_batch"],
        "rss_validate_mb": peaks["validate"],
        "rss_extract_mb": peaks["extract"],  # the letter workers' extraction processes
    }
