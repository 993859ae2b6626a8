"""Every DAG imports cleanly and follows the project's policy (owner, retries, tags)."""

from __future__ import annotations

import ast
import os
import time
from pathlib import Path

import pendulum
import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"
HEAVY_MODULES = {"great_expectations", "pdfplumber", "pandas", "pyarrow", "duckdb", "pdfminer"}


@pytest.fixture(scope="module")
def dagbag():
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    from airflow.dag_processing.dagbag import DagBag

    started = time.perf_counter()
    bag = DagBag(dag_folder=str(DAGS))
    print(f"\nDagBag parse time: {time.perf_counter() - started:.2f} s for {len(bag.dags)} DAGs")
    return bag


def test_every_dag_imports_without_errors(dagbag) -> None:
    assert dagbag.import_errors == {}
    assert "imr_ingest" in dagbag.dags


def test_dags_have_owner_tags_and_retries(dagbag) -> None:
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags, f"{dag_id} has no tags"
        for task in dag.tasks:
            assert task.owner == "imr-lake", f"{dag_id}.{task.task_id} owner"


def test_imr_ingest_wiring_and_schedule(dagbag) -> None:
    dag = dagbag.dags["imr_ingest"]
    assert [t.task_id for t in dag.topological_sort()] == [
        "discover",
        "process_batch",
        "validate",
        "publish",
        "announce",
        "next_chunk",  # a whole-history load's next run (param chunk)
        "trigger_next_chunk",
    ]
    assert dag.get_task("trigger_next_chunk").upstream_task_ids == {"next_chunk"}
    assert dag.get_task("next_chunk").upstream_task_ids == {"publish"}
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    from airflow.timetables.interval import CronDataIntervalTimetable

    core = CronDataIntervalTimetable(dag.timetable.expression, timezone=dag.timetable.timezone)
    interval = core.infer_manual_data_interval(
        run_after=pendulum.datetime(2026, 3, 10, 12, tz="UTC")
    )
    assert interval.end > interval.start, "nightly runs need a real data interval"
    assert type(dag.get_task("process_batch")).__name__.endswith("MappedOperator")
    assert not dag.get_task("publish").outlets, "Asset events only from announce"
    assert {o.name for o in dag.get_task("announce").outlets} == {
        "imr_lake.curated.determinations",
        "imr_lake.curated.treatments",
    }


@pytest.mark.parametrize("path", sorted(DAGS.glob("*.py")), ids=lambda p: p.name)
def test_dag_files_import_nothing_heavy_at_module_level(path: Path) -> None:
    tree = ast.parse(path.read_text())
    top_level = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            top_level += [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            top_level.append(node.module.split(".")[0])
    assert not HEAVY_MODULES & set(top_level)


def test_ui_shows_param_descriptions_and_mapped_task_docs(dagbag) -> None:
    for dag_id in ("imr_ingest", "imr_compact"):
        for name, param in dagbag.dags[dag_id].params.items():
            assert param.description and len(param.description) > 20, f"{dag_id}.{name}"
    dag = dagbag.dags["imr_ingest"]
    for task_id in ("discover", "process_batch", "validate", "publish", "announce"):
        assert dag.get_task(task_id).doc_md, f"{task_id} shows no docs in the UI"
