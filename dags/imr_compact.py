"""imr_compact: merge the curated tables' small nightly files into few large ones, weekly."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.sdk import Param, dag, task


@dag(
    dag_id="imr_compact",
    schedule="0 5 * * 0",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "imr-lake",
        "retries": int(os.environ.get("IMR_TASK_RETRIES", "2")),
        "retry_delay": timedelta(minutes=10),
    },
    tags=["imr-lake", "maintenance"],
    params={
        "lake": Param(os.environ.get("IMR_LAKE_URL", "var/demo/lake"), type="string"),
        "min_files": Param(2, type="integer", minimum=2),
    },
)
def imr_compact():
    """
    ### Weekly compaction of the curated lake

    Each nightly run adds one small Parquet file per decision year. Once a week this DAG
    **compacts** every partition holding several files into one large file (per million
    rows) and folds the ledger's parts, in a single commit under the lake's commit lock:
    readers see the old files or the new ones, never both. Nothing in the data changes,
    so no Asset event is emitted.
    """

    @task
    def compact(params=None) -> dict:
        """Rewrite partitions with `min_files` or more files; return counts only."""
        from imr_lake.airflow_glue import load_secrets
        from imr_lake.compact import compact

        load_secrets()
        result = compact(params["lake"], min_files=params["min_files"])
        return {
            "snapshot": result.snapshot,
            "files_before": result.files_before,
            "files_after": result.files_after,
            "ledger_parts_folded": result.ledger_parts_folded,
        }

    compact()


imr_compact()
