"""A large anti-join in parts: both sides spilled to local files by a hash of the key, then
joined one part at a time, so memory holds one part whatever the history.

DuckDB alone kept the whole ledger side in memory (its in-memory table and hash table:
measured 365-575 MB at 1.5 million keys, whatever `memory_limit`), and its partitioned
COPY held as much; here each side streams through once, one chunk at a time, into Arrow
IPC files (one per part), and the join of a part reads only that part's two files.

The part of a key is Python's `hash()` of it modulo the parts (pyarrow has no hash kernel;
measured 0.57 s per million keys): the same function on both sides within one process, so
a key meets its ledger row in the same part. A hash, not key ranges from the ledger's
statistics: row groups of an unmaintained ledger overlap, and ranges cut from them could
put most keys in one part.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.discovery import columns

PART_ROWS = 50_000  # ledger rows per part: a part's join holds about 12 MB (measured: docs/lake.md)
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


def chunks(batches: Iterable[pa.RecordBatch], rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
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


def part_of(keys: pa.Array, parts: int) -> pa.Array:
    """Each key's part, 0 <= part < parts (a null key: part 0)."""
    return columns.int32s([0 if k is None else hash(k) % parts for k in keys.to_pylist()])


def spill(batches: Iterable[pa.RecordBatch], schema: pa.Schema, parts: int, path: str) -> None:
    """Write the batches' rows to `path`-<part>.arrow by the hash of `key`."""
    writers: dict[int, pa.RecordBatchStreamWriter] = {}
    try:
        for chunk in chunks(batches):
            chunk = chunk.select(schema.names).cast(schema)
            numbers = part_of(chunk.column("key").combine_chunks(), parts)
            order = pc.sort_indices(numbers)
            ordered = chunk.take(order)
            counts = pc.value_counts(numbers.take(order)).to_pylist()
            start = 0
            for item in counts:  # value_counts keeps the order of first appearance: sorted
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
        return columns.empty(schema)
    with pa.ipc.open_stream(name) as reader:
        return reader.read_all()


@functools.cache
def _libc() -> Any:
    """The C library when it is glibc (it has `malloc_trim`), else None."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory() -> None:
    """Give the memory freed by the last part back to the system before the next one.

    Arrow's buffers (the system allocator: `imr_lake/__init__.py`) and Python's strings are
    freed after each part, but glibc keeps freed heap pages in its arenas for reuse, and
    with pyarrow's threads allocating in several arenas the process's RSS grew by about
    10 MB a part (1.5 million ledger rows locally: 172 -> 230 MB over 15 parts, while Arrow
    held 5 MB); `malloc_trim` hands them back (flat at 180 MB). Elsewhere (musl, macOS)
    only Arrow's pool is asked.
    """
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
