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


GROUP_BYTES = 4 * 1024 * 1024  # Arrow bytes held before they are written as a row group


class ParquetStream:
    """One Parquet object written batch by batch: rows are buffered up to `group_bytes`
    of Arrow data, then flushed as a row group, so a run of any size costs at most one
    row group of memory.

    Write it under a name readers ignore and rename it when done: the object is only
    complete after `close`.
    """

    def __init__(
        self, lake: Lake, path: str, schema: pa.Schema, group_bytes: int = GROUP_BYTES
    ) -> None:
        self.lake = lake
        self.path = path
        self.schema = schema
        self.group_bytes = group_bytes
        self.rows = 0
        self.buffered_bytes = 0
        self._buffer: list[pa.Table] = []
        self._handle: Any = None
        self._writer: pq.ParquetWriter | None = None

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        self._buffer.append(table.select(self.schema.names).cast(self.schema))
        self.buffered_bytes += table.nbytes
        self.rows += table.num_rows
        if self.buffered_bytes >= self.group_bytes:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        if self._writer is None:
            self._open()
        assert self._writer is not None
        self._writer.write_table(pa.concat_tables(self._buffer))
        self._buffer, self.buffered_bytes = [], 0

    def _open(self) -> None:
        self.lake.fs.makedirs(self.path.rsplit("/", 1)[0], exist_ok=True)
        self._handle = self.lake.fs.open(self.path, "wb")
        self._writer = pq.ParquetWriter(self._handle, self.schema, compression="zstd")

    def close(self) -> str:
        """Flush and finish the object (an empty file with the schema when no rows came)."""
        if self._writer is None and not self._buffer:
            write_table(self.lake, self.path, self.schema.empty_table())
            return self.path
        self.flush()
        assert self._writer is not None
        self._writer.close()
        self._handle.close()
        return self.path
