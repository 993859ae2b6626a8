"""The ledger: one row per source object, the memory that makes runs incremental.

Each commit appends one file `restricted/ledger/part-<commit>.parquet` (never overwritten, so
a re-run of a run keeps the first attempt's rows); the state of an object is its newest row.
`compact_ledger` folds the parts into one file, keeping only the newest row per key.
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


def write_run_rows(lake: Lake, commit_id: str, rows: list[dict[str, Any]]) -> str:
    path = lake.restricted("ledger", f"part-{commit_id}.parquet")
    write_table(lake, path, to_table(rows, LEDGER))
    return path


def compact_ledger(lake: Lake, commit_id: str) -> int:
    """Fold every part into one file of newest rows; returns the parts folded.

    The merged file is written before the parts are deleted, and the newest row per key
    wins, so a reader in between sees the same state. Run it under the commit lock.
    """
    parts = lake.glob(ledger_pattern(lake))
    if len(parts) <= 1:
        return 0
    state = current_state(lake)
    write_run_rows(lake, commit_id, sorted(state.values(), key=lambda r: r["key"]))
    for path in parts:
        lake.fs.rm(path)
    return len(parts)
