"""A flat listing cut into key ranges that are listed at the same time.

S3 ListObjectsV2 returns at most 1,000 keys a request and each request needs the previous
one's continuation token, so one listing of 1.5 million keys is 1,500 round trips in a row.
Ranges of the key space have no such chain: range i starts at `StartAfter=split_i` and stops
at the first key past `split_{i+1}`, and N of them run at once, so a listing takes about
pages / N x page latency (until the client's or the server's CPU is the limit: docs/lake.md).

Ranges are (after, through]: every key k with after < k <= through, the first range open
below and the last open above, so any split points, in any order, cover every key exactly
once (a key equal to a split point is in the range that ends there). Split points only
decide the balance, never the result: they come from the ledger's keys, which have the
history's distribution (`KeySample`, a sample taken as the anti-join reads the ledger).
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import pyarrow as pa
import pyarrow.compute as pc

CONCURRENCY_ENV = "IMR_LIST_CONCURRENCY"
DEFAULT_CONCURRENCY = 4  # measured on SeaweedFS: docs/lake.md "Flat listing: key ranges"
RANGES_PER_WORKER = 2  # more ranges than workers: a range that runs long does not idle the rest
SAMPLE_KEYS = 4096  # ledger keys kept for the split points (about 100 KB)

Range = tuple[str | None, str | None]  # (after, through]; None: no bound on that side
T = TypeVar("T")


def list_concurrency(value: int | str | None = None) -> int:
    """Listing requests in flight at once: `value`, else `IMR_LIST_CONCURRENCY`, else the
    measured default; 1 lists in one sequence as before."""
    raw = value if value is not None else os.environ.get(CONCURRENCY_ENV) or DEFAULT_CONCURRENCY
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(f"{CONCURRENCY_ENV} must be a whole number >= 1, not {raw!r}") from None
    if number < 1:
        raise ValueError(f"{CONCURRENCY_ENV} must be a whole number >= 1, not {number}")
    return number


def key_ranges(splits: Iterable[str]) -> list[Range]:
    """The ranges that the split points cut the key space into, in key order."""
    points = sorted({s for s in splits if s})  # "" would bound nothing: every key is > ""
    lows: list[str | None] = [None, *points]
    highs: list[str | None] = [*points, None]
    return list(zip(lows, highs, strict=True))


def in_range(key: str, bounds: Range) -> bool:
    after, through = bounds
    return (after is None or key > after) and (through is None or key <= through)


def quantiles(sample: Iterable[str], ranges: int) -> list[str]:
    """Split points that cut the sample into `ranges` parts of about equal size."""
    ordered = sorted(sample)
    if ranges <= 1 or not ordered:
        return []
    return sorted({ordered[len(ordered) * i // ranges] for i in range(1, ranges)})


class KeySample:
    """Every n-th ledger key, taken as the ledger streams past (no read of its own): a
    uniform sample whatever the ledger's file order, from which `splits` are quantiles."""

    def __init__(self, rows: int, size: int = SAMPLE_KEYS) -> None:
        self.step = max(1, rows // max(1, size))
        self.keys: list[str] = []
        self._seen = 0

    def tap(self, reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
        """The same stream, sampled as it is read."""

        def batches() -> Iterator[pa.RecordBatch]:
            for batch in reader:
                self._take(batch.column("key"))
                yield batch

        return pa.RecordBatchReader.from_batches(reader.schema, batches())

    def _take(self, keys: pa.Array) -> None:
        first = (-self._seen) % self.step
        self._seen += len(keys)
        if first < len(keys):
            picked = pc.take(keys, pa.array(range(first, len(keys), self.step), pa.int64()))
            self.keys.extend(k for k in picked.to_pylist() if k is not None)

    def splits(self, ranges: int) -> list[str]:
        return quantiles(self.keys, ranges)


_DONE = object()


def fan_in(jobs: list[Callable[[], Iterator[T]]], workers: int) -> Iterator[T]:
    """The items of every job, `workers` jobs running at a time in threads, in the order they
    come. At most 2 x `workers` items wait: memory stays a few pages. The first error stops
    the others and is raised here; closing the iterator early stops them too."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield from job()
        return
    waiting: queue.Queue[object] = queue.Queue(maxsize=2 * workers)
    todo: queue.SimpleQueue[Callable[[], Iterator[T]]] = queue.SimpleQueue()
    for job in jobs:
        todo.put(job)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            while not stop.is_set():
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    break
                for item in job():
                    if not put(item):
                        return
        except BaseException as error:  # handed to the reader, which raises it
            put(error)
            stop.set()
        finally:
            put(_DONE)

    threads = [
        threading.Thread(target=work, name=f"imr-list-{n}", daemon=True)
        for n in range(min(workers, len(jobs)))
    ]
    for thread in threads:
        thread.start()
    running = len(threads)
    try:
        while running:
            item = waiting.get()
            if item is _DONE:
                running -= 1
            elif isinstance(item, BaseException):
                raise item
            else:
                yield item  # type: ignore[misc]
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
