"""imr_ingest: new IMR determination letters to the curated lake, every night."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import Asset, CronDataIntervalTimetable, Param, dag, task

DETERMINATIONS = Asset(name="imr_lake.curated.determinations")
TREATMENTS = Asset(name="imr_lake.curated.treatments")
# process_batch tasks of one run at a time; batches are sized to keep these slots busy
PROCESS_SLOTS = int(os.environ.get("IMR_PROCESS_SLOTS", "4"))


@dag(
    dag_id="imr_ingest",
    schedule=CronDataIntervalTimetable("0 3 * * *", timezone="UTC"),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "imr-lake",
        "retries": int(os.environ.get("IMR_TASK_RETRIES", "2")),
        "retry_delay": timedelta(minutes=5),
    },
    tags=["imr-lake", "ingest"],
    params={
        "source": Param(
            os.environ.get("IMR_SOURCE_URL", "var/demo/source"),
            type="string",
            description="Where the letter PDFs are: a folder or any fsspec URL (s3://bucket/prefix).",
        ),
        "lake": Param(
            os.environ.get("IMR_LAKE_URL", "var/demo/lake"),
            type="string",
            description="The lake root URL: curated tables, ledger, quarantine, run reports.",
        ),
        "batch_size": Param(
            0,
            type="integer",
            minimum=0,
            description="Letters per process_batch task (one mapped task per batch); 0 sizes "
            f"batches for the run: about 4 per parallel slot ({PROCESS_SLOTS}), 20 to 500 "
            "letters each, never more batches than max_map_length.",
        ),
        "source_layout": Param(
            os.environ.get("IMR_SOURCE_LAYOUT", ""),
            type="string",
            description="How the source is listed. A key template of a source laid out by "
            "arrival date, e.g. '{year}/{month}/{day}/': a scheduled run or backfill lists only "
            "its interval's prefixes. 'sorted' (keys sort by arrival): only keys after the "
            "greatest the ledger holds (S3 StartAfter). Empty or 'flat': the whole source, in "
            "pages, anti-joined with the ledger.",
        ),
        "source_inventory": Param(
            os.environ.get("IMR_SOURCE_INVENTORY", ""),
            type="string",
            description="URL of an S3 Inventory report's manifest.json (CSV or Parquet) to read "
            "as the listing instead of listing the bucket. Empty: list the bucket.",
        ),
        "chunk": Param(
            0,
            type="integer",
            minimum=0,
            description="Loading the whole history: take at most this many new letters "
            "(e.g. 50000) and, while letters are left, trigger the next run with the same "
            "params; a failed or stopped chain resumes from the ledger when triggered again. "
            "0: take every new letter in this run.",
        ),
        "reprocess": Param(
            False,
            type="boolean",
            description="Also take letters the ledger already has (after a parser fix); a plain "
            "re-trigger finds nothing new without it.",
        ),
        "policy": Param(
            "safe_harbor",
            enum=["safe_harbor", "limited_data_set"],
            description="De-identification policy: HIPAA Safe Harbor, or a limited data set.",
        ),
        "max_failed_share": Param(
            0.05,
            type="number",
            minimum=0,
            maximum=1,
            description="Share of letters allowed to fail validation; above it the run "
            "fails and publishes nothing.",
        ),
    },
)
def imr_ingest():
    """
    ### IMR letters to the curated lake

    Every night: **discover** letters that arrived in the source bucket during the data
    interval and are not in the ledger yet, **process** them in batches (pdfplumber
    extraction, layout parsing, de-identification), **validate** every record with Great
    Expectations (failures go to quarantine), then **publish** Parquet partitions by
    decision year and update the ledger. Set `reprocess` to re-parse letters already
    published (after a parser fix); backfills: `airflow backfill create --dag-id imr_ingest`.
    """

    @task
    def discover(
        params=None, run_id=None, dag_run=None, data_interval_start=None, data_interval_end=None
    ) -> list[str]:
        """Write batch manifests of new letters; return their paths (no letter data)."""
        from imr_lake.airflow_glue import arrival_cutoff, interval_start, load_secrets
        from imr_lake.pipeline import discover

        load_secrets()
        return discover(
            params["source"],
            params["lake"],
            run_id,
            not_after=arrival_cutoff(dag_run.run_type, data_interval_end),
            not_before=interval_start(dag_run.run_type, data_interval_start),
            layout=params["source_layout"] or None,
            inventory=params.get("source_inventory") or None,
            reprocess=params["reprocess"],
            batch_size=params["batch_size"] or None,
            workers=PROCESS_SLOTS,
            limit=params["chunk"] or None,
        )

    @task(
        max_active_tis_per_dagrun=PROCESS_SLOTS,
        # a mapped task loses its docstring in the UI: give the docs explicitly
        doc_md="Extract (pdfplumber), parse and de-identify one batch of letters into the "
        "run's staging area; one mapped task per batch manifest written by `discover`.",
    )
    def process_batch(manifest: str, params=None) -> dict:
        """Extract, parse and de-identify one batch into the run's staging area."""
        from imr_lake.airflow_glue import load_secrets
        from imr_lake.pipeline import process_batch

        load_secrets()
        return process_batch(manifest, params["lake"], policy=params["policy"])

    @task(trigger_rule="none_failed")
    def validate(params=None, run_id=None) -> dict:
        """Great Expectations over the staged rows; too many failures stop the run."""
        from imr_lake.airflow_glue import load_secrets
        from imr_lake.pipeline import validate_staged

        load_secrets()
        return validate_staged(
            params["lake"],
            run_id,
            reprocess=params["reprocess"],
            max_failed_share=params["max_failed_share"],
        )

    @task(trigger_rule="none_failed")
    def publish(verdict: dict, params=None, run_id=None, ti=None) -> dict:
        """Commit passing documents to the curated zone and every letter to the ledger."""
        from imr_lake.airflow_glue import load_secrets
        from imr_lake.pipeline import publish_run

        load_secrets()
        # every mapped batch's counts and timings ([] when discover found nothing)
        batches = ti.xcom_pull(task_ids="process_batch", default=[]) or []
        batches = [batches] if isinstance(batches, dict) else list(batches)
        return publish_run(params["lake"], run_id, batches=batches, verdict=verdict).to_json()

    @task(outlets=[DETERMINATIONS, TREATMENTS])
    def announce(summary: dict) -> int:
        """Emit the curated tables' Asset events, only when this run published letters
        (skipped otherwise, so DAGs scheduled on the tables do not run on empty nights)."""
        from airflow.sdk.exceptions import AirflowSkipException

        if not summary["published"]:
            raise AirflowSkipException("nothing published: no Asset event")
        return summary["published"]

    @task
    def next_chunk(summary: dict, params=None) -> dict:
        """A chunked load (`chunk` > 0) with letters left: the next run's conf (these
        params); skipped when the history is loaded or the run is not chunked."""
        from airflow.sdk.exceptions import AirflowSkipException

        left = (summary.get("progress") or {}).get("left", 0)
        if not params["chunk"] or not left or not summary["discovered"]:
            raise AirflowSkipException("no chunk left to load")
        return dict(params)

    batches = process_batch.partial().expand(manifest=discover())
    verdict = validate()
    batches >> verdict
    summary = publish(verdict)
    announce(summary)
    TriggerDagRunOperator(
        task_id="trigger_next_chunk",
        trigger_dag_id="imr_ingest",
        conf=next_chunk(summary),
        doc_md="Starts the next chunk of a whole-history load (runs queue: max_active_runs=1).",
    )


imr_ingest()
