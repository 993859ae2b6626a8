"""A large anti-join in parts: both sides spilled to local files by a hash of the key, then
joined one part at a time, so memory holds one part whatever the history.

DuckDB alone keeps the whole ledger side in memory (its in-memory table and hash table:
measured 365-575 MB at 1.5 million keys, whatever `memory_limit`), and its partitioned
COPY held as much; here each side streams through once, one batch at a time, into Arrow
IPC files (one per part), and the join of a part reads only that part's two files.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

PART_ROWS = 100_000  # ledger rows per part: about 10 MB of (key, etag) in memory at a time
CHUNK_ROWS = 16_384  # rows hashed and written at a time


def parts_for(ledger_rows: int) -> int:
    """How many parts an anti-join against this many ledger rows is cut into."""
    return max(1, math.ceil(ledger_rows / PART_ROWS))


@contextmanager
def spill_folder() -> Iterator[str]:
    folder = tempfile.mkdtemp(prefix="imr-discovery-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _chunks(batches: Iterable[pa.RecordBatch], rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
    """The batches regrouped into tables of about `rows` rows (a listing page is 1,000)."""
    held: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        if batch.num_rows:
            held.append(batch)
            count += batch.num_rows
        if count >= rows:
            yield pa.Table.from_batches(held)
            held, count = [], 0
    if held:
        yield pa.Table.from_batches(held)


def spill(
    con: Any, batches: Iterable[pa.RecordBatch], schema: pa.Schema, parts: int, path: str
) -> None:
    """Write the batches' rows to `path`-<part>.arrow by DuckDB's hash of `key` (the same
    function on both sides, so a key meets its ledger row in the same part)."""
    writers: dict[int, pa.RecordBatchStreamWriter] = {}
    try:
        for chunk in _chunks(batches):
            con.register("spill_chunk", chunk)
            hashed = (  # the rows with their part (in any order: DuckDB keeps none here)
                con.execute(
                    f"SELECT *, (hash(key) % {int(parts)})::INTEGER AS part FROM spill_chunk"
                )
                .arrow()
                .read_all()  # before the chunk is unregistered: the result is read lazily
            )
            con.unregister("spill_chunk")
            order = pc.sort_indices(hashed.column("part"))
            ordered = hashed.take(order)
            counts = pc.value_counts(ordered.column("part")).to_pylist()
            ordered = ordered.select(schema.names).cast(schema)
            start = 0
            for item in sorted(counts, key=lambda c: c["values"]):  # the sort's order
                number, rows = item["values"], item["counts"]
                if number not in writers:
                    writers[number] = pa.ipc.new_stream(f"{path}-{number}.arrow", schema)
                writers[number].write_table(ordered.slice(start, rows))
                start += rows
    finally:
        for writer in writers.values():
            writer.close()


def read_part(path: str, number: int, schema: pa.Schema) -> pa.Table:
    """One part of a spilled side (empty when no row fell in it)."""
    name = f"{path}-{number}.arrow"
    if not os.path.exists(name):
        return schema.empty_table()
    with pa.ipc.open_stream(name) as reader:
        return reader.read_all()
