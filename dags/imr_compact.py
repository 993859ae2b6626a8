"""imr_compact: weekly maintenance of the lake's Delta tables (compact, vacuum, checkpoint)."""

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
        "lake": Param(
            os.environ.get("IMR_LAKE_URL", "var/demo/lake"),
            type="string",
            description="The lake whose four Delta tables are maintained: a folder or s3://...",
        ),
        "min_files": Param(
            2,
            type="integer",
            minimum=2,
            description="Compact a table only when it holds at least this many live files.",
        ),
        "retention_hours": Param(
            int(os.environ.get("IMR_VACUUM_RETENTION_HOURS", "168")),
            type="integer",
            minimum=0,
            description="Vacuum keeps every file a version of the last this-many hours needs "
            "(time travel and readers in flight); default 168 (7 days).",
        ),
        "allow_short_retention": Param(
            False,
            type="boolean",
            description="Allow a retention under 168 hours (readers older than it may fail).",
        ),
    },
)
def imr_compact():
    """
    ### Weekly maintenance of the lake's Delta tables

    Each nightly run adds small Parquet files to every table. Once a week this DAG, for the
    four tables (determinations, treatments, quarantine, ledger), runs deltalake's
    **compaction** (one commit swapping the small files for few large ones: readers see
    one set or the other), **vacuum** (deletes files no version younger than
    `retention_hours`, default 7 days, refers to: readers in flight and time travel within
    it keep working) and writes a **checkpoint**. Nothing in the data changes, so no Asset
    event is emitted.
    """

    @task
    def maintain(params=None) -> dict:
        """Compact, vacuum and checkpoint every table; return counts only."""
        from imr_lake.airflow_glue import load_secrets
        from imr_lake.lake.maintenance import maintain

        load_secrets()
        result = maintain(
            params["lake"],
            min_files=params["min_files"],
            retention=params["retention_hours"],
            allow_short_retention=params["allow_short_retention"],
        )
        return result.to_json()

    maintain()


imr_compact()
