"""Shared fixtures: a test pseudonym key, a project-local Airflow on SQLite, a DAG runner."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from imr_lake.bench.airflow_run import airflow_env

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TEST_KEY = "test-pseudonym-key-not-a-secret-0001"


@pytest.fixture(autouse=True)
def pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("IMR_PSEUDONYM_KEY", TEST_KEY)
    return TEST_KEY


@dataclass
class DagRun:
    """The outcome of one `airflow dags test` run: its exit code, output and task logs."""

    returncode: int
    output: str
    logs_dir: Path

    def task_logs(self) -> str:
        parts = [
            p.read_text(errors="replace") for p in sorted(self.logs_dir.rglob("*")) if p.is_file()
        ]
        return "\n".join(parts)


class AirflowRunner:
    """Runs the real DAGs of dags/ through the Airflow CLI in a project-local AIRFLOW_HOME."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {**airflow_env(home), "IMR_PSEUDONYM_KEY": TEST_KEY}

    def airflow(self, *args: str, env: dict[str, str] | None = None, timeout: int = 900):
        return subprocess.run(
            [str(BIN / "airflow"), *args],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
        )

    def run_dag(
        self,
        dag_id: str,
        conf: dict,
        env: dict[str, str] | None = None,
        logical_date: str | None = None,
    ) -> DagRun:
        args = ["dags", "test", dag_id]
        if logical_date:
            args.append(logical_date)
        done = self.airflow(*args, "-c", json.dumps(conf), env=env)
        return DagRun(done.returncode, done.stdout + done.stderr, self.home / "logs")


@pytest.fixture(scope="session")
def airflow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowRunner]:
    """A migrated SQLite Airflow home shared by the session's DAG runs."""
    runner = AirflowRunner(tmp_path_factory.mktemp("airflow_home"))
    migrated = runner.airflow("db", "migrate")
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    yield runner
