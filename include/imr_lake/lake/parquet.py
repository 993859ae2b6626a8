"""Parquet files of a run's staging area (restricted/runs/<run>/), in the contract's types.

Only the staging area is plain Parquet: the lake's tables are Delta tables (tables.py).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from imr_lake.storage import Lake


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def write_table(lake: Lake, path: str, table: pa.Table) -> None:
    """Write one Parquet object whole (readers never see a half-written file)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    lake.write_bytes_atomic(path, sink.getvalue().to_pybytes())


def read_table(lake: Lake, path: str, schema: pa.Schema, columns: list[str] | None = None):
    with lake.fs.open(path, "rb") as handle:
        table = pq.read_table(handle, columns=columns)
    if columns is None:
        table = table.select(schema.names).cast(schema)
    return table
