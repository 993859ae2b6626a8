"""The real imr_compact DAG, run by Airflow on a lake of several nightly commits: each
table's files drop to one per partition, every row stays, the version before compaction is
still readable within the retention; a run with a short retention (allowed explicitly)
deletes the retired files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.lake.maintenance import table_uris
from imr_lake.lake.sql import AsOf, query
from imr_lake.storage import Lake

sys.path.insert(0, str(Path(__file__).parents[1] / "unit"))
from lake_rows import publish  # noqa: E402

pytestmark = pytest.mark.slow

ALL = "SELECT document_id, run_id, decision_year FROM determinations ORDER BY 1"
ITEMS = "SELECT document_id, item_number, decision_year FROM treatments ORDER BY 1, 2"


def _files_on_disk(uri: str) -> int:
    return len(list(Path(uri).glob("decision_year=*/*.parquet")))


def test_imr_compact_dag_compacts_vacuums_and_keeps_rows(airflow, tmp_path: Path) -> None:
    lake = str(tmp_path / "lake")
    for night in range(5):
        publish(Lake(lake), [f"n{night}-a", f"n{night}-b", f"n{night}-c"], f"night-{night}")
    publish(Lake(lake), ["n0-a", "n3-b"], "reprocess")
    det = table_uris(lake)["determinations"]
    live_before = len(DeltaTable(det).file_uris())
    version_before = DeltaTable(det).version()
    rows, items = query(lake, ALL)[1], query(lake, ITEMS)[1]
    assert live_before >= 10 and len(rows) == 15 and len(items) == 30

    run = airflow.run_dag("imr_compact", {"lake": lake})
    assert run.returncode == 0, run.output[-4000:]

    assert len(DeltaTable(det).file_uris()) == 2  # one per decision_year
    assert len(DeltaTable(table_uris(lake)["treatments"]).file_uris()) == 2
    assert query(lake, ALL)[1] == rows and query(lake, ITEMS)[1] == items
    assert query(lake, ALL, AsOf(version=version_before))[1] == rows  # within retention
    assert _files_on_disk(det) > 2  # retired files kept for readers and time travel
    assert (Path(det) / "_delta_log" / "_last_checkpoint").exists()

    run = airflow.run_dag(
        "imr_compact", {"lake": lake, "retention_hours": 0, "allow_short_retention": True}
    )
    assert run.returncode == 0, run.output[-4000:]
    assert _files_on_disk(det) == 2
    assert query(lake, ALL)[1] == rows
