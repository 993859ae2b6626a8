"""The ledger: one row per source object, the memory that makes runs incremental.

Each run appends one file `restricted/ledger/part-<run>.parquet` (a re-run of the same run
overwrites it); the state of an object is its newest row.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from imr_lake.schema import LEDGER
from imr_lake.storage import Lake
from imr_lake.tables import read_tables, to_table, write_table

PUBLISHED = "published"
QUARANTINED = "quarantined"
FAILED = "failed"


def ledger_pattern(lake: Lake) -> str:
    return lake.restricted("ledger", "*.parquet")


def current_state(lake: Lake) -> dict[str, dict[str, Any]]:
    """Newest ledger row per source key."""
    table: pa.Table = read_tables(lake, ledger_pattern(lake), LEDGER)
    state: dict[str, dict[str, Any]] = {}
    for row in sorted(table.to_pylist(), key=lambda r: r["last_processed"]):
        state[row["key"]] = row
    return state


def write_run_rows(lake: Lake, run_key: str, rows: list[dict[str, Any]]) -> str:
    path = lake.restricted("ledger", f"part-{run_key}.parquet")
    write_table(lake, path, to_table(rows, LEDGER))
    return path
