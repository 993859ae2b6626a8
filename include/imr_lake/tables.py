"""Parquet in and out of the lake, always against the contract's Arrow schemas."""

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


def read_tables(lake: Lake, pattern: str, schema: pa.Schema) -> pa.Table:
    """All files matching a glob as one table (empty with the schema when none)."""
    tables = [read_table(lake, path, schema) for path in lake.glob(pattern)]
    if not tables:
        return schema.empty_table()
    return pa.concat_tables(tables)
