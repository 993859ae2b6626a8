"""What the DAG needs from Airflow itself: secrets, connections, run kinds.

Kept out of the DAG file so the file stays a story, and out of the pipeline so the
pipeline runs without Airflow.
"""

from __future__ import annotations

import os
from datetime import datetime

from imr_lake.config import PSEUDONYM_KEY_ENV

S3_CONNECTION_ID = "imr_s3"


def load_secrets() -> None:
    """Fill the environment from Airflow Variables/Connections where it lacks a value.

    Nothing is logged: the values are secrets.
    """
    from airflow.sdk import BaseHook, Variable

    if not os.environ.get(PSEUDONYM_KEY_ENV):
        key = Variable.get(PSEUDONYM_KEY_ENV, default=None)
        if key:
            os.environ[PSEUDONYM_KEY_ENV] = key
    if not os.environ.get("AWS_ACCESS_KEY_ID"):
        try:
            conn = BaseHook.get_connection(S3_CONNECTION_ID)
        except Exception:  # no connection configured: local folders or env credentials
            return
        if conn.login:
            os.environ["AWS_ACCESS_KEY_ID"] = conn.login
        if conn.password:
            os.environ["AWS_SECRET_ACCESS_KEY"] = conn.password
        extra = conn.extra_dejson or {}
        endpoint = extra.get("endpoint_url") or conn.host
        if endpoint:
            os.environ["IMR_S3_ENDPOINT_URL"] = endpoint
        if extra.get("region_name"):
            os.environ.setdefault("AWS_DEFAULT_REGION", extra["region_name"])


ON_DEMAND = ("manual", "operator_triggered")  # run kinds without an interval of their own


def on_demand(run_type: str) -> bool:
    """A run someone (or a whole-history load's previous chunk) asked for now: its data
    interval is Airflow's guess, not the letters' interval."""
    return str(run_type).lower().rsplit(".", 1)[-1] in ON_DEMAND


def arrival_cutoff(run_type: str, data_interval_end: datetime | None) -> datetime | None:
    """Scheduled runs and backfills take letters that arrived before their interval's end;
    a manual or operator-triggered run takes everything present now."""
    if on_demand(run_type):
        return None
    return data_interval_end


def interval_start(run_type: str, data_interval_start: datetime | None) -> datetime | None:
    """Where a scheduled run or a backfill's own interval begins; a manual run has none.

    With `reprocess` the run re-parses the letters that arrived in its interval (so a
    backfill re-parses each letter once); with a dated source layout it lists only the
    prefixes of its interval. A manual run takes, and lists, everything."""
    if on_demand(run_type):
        return None
    return data_interval_start
