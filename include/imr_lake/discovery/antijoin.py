"""The letters a run takes: the listing's pages anti-joined with the ledger in DuckDB.

The listing streams into DuckDB as an Arrow stream; the ledger's (key, etag) stream from
only the row groups whose key statistics meet the listing's key range (`ledger_keys`). A
ledger side of many rows (a flat or inventory listing of the whole history) is joined in
parts spilled to local files (`partitions`), so memory holds one part. DuckDB keeps only
the letters to take (for a night, a few hundred rows) and hands back the first `limit` of
them by key: an initial load takes its chunk of 50,000 from a history of millions and
knows how many are left.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from imr_lake.discovery import LISTED
from imr_lake.discovery.layouts import Listing

KEYS = pa.schema([("key", pa.string()), ("etag", pa.string())])
BATCH_ROWS = 65_536

DUCKDB_MEMORY = os.environ.get("IMR_DISCOVERY_MEMORY", "256MB")  # DuckDB spills past it


@dataclass
class Found:
    """What a listing holds for this run."""

    letters: pa.Table  # LISTED rows to take, sorted by key (at most `limit`)
    listed: int  # objects listed that arrived before the run's cutoff
    new: int  # letters to take in all (this run's and those left for later runs)
    skipped: int  # listed letters the ledger holds (with the same etag), not taken

    @property
    def left(self) -> int:
        return self.new - self.letters.num_rows


def ledger_dataset(lake_url: str) -> ds.Dataset | None:
    """The ledger as a pyarrow Dataset (None before the first commit): all that discovery
    knows of the ledger's storage (the Delta table's current files, one row per key)."""
    from imr_lake.lake.ledger import ledger_dataset as dataset
    from imr_lake.storage import Lake

    return dataset(Lake(lake_url))


def _after(prefix: str) -> str:
    """The smallest string greater than every key that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# Key intervals [low, high) a listing can meet (high None: no end); None: every key.
Bounds = list[tuple[str, str | None]]


def key_bounds(listing: Listing) -> Bounds | None:
    """The ledger keys a listing can meet: under its prefixes, or after its resume key
    (key > k is key >= k + NUL); None for a listing of everything."""
    if listing.start_after:
        return [(listing.start_after + "\0", None)]
    if listing.prefixes is None or not all(listing.prefixes):  # an empty prefix: everything
        return None
    return [(p, _after(p)) for p in listing.prefixes]


def _meets(low: str | None, high: str | None, bounds: Bounds) -> bool:
    """A row group whose keys lie in [low, high] (None: no statistics) can hold a key in
    the bounds."""
    if low is None or high is None:
        return True
    return any(high >= a and (b is None or low < b) for a, b in bounds)


def _in_bounds(keys: pa.Array, bounds: Bounds) -> pa.Array:
    mask = pa.array([False] * len(keys))
    for low, high in bounds:
        inside = pc.greater_equal(keys, low)
        if high is not None:
            inside = pc.and_(inside, pc.less(keys, high))
        mask = pc.or_(mask, inside)
    return mask


GroupStats = tuple[ds.Fragment, int, str | None, str | None, int]


def _key_statistics(dataset: ds.Dataset) -> Iterator[GroupStats]:
    """(file, row group, min key, max key, rows) of every row group, from the Parquet
    footers (one small read a file; None where a group has no statistics)."""
    for fragment in dataset.get_fragments():
        fragment.ensure_complete_metadata()
        for group in fragment.row_groups:
            stats = (group.statistics or {}).get("key") or {}
            yield fragment, group.id, stats.get("min"), stats.get("max"), group.num_rows


def _row_groups(dataset: ds.Dataset, bounds: Bounds | None) -> Iterator[ds.Fragment]:
    """The ledger's row groups, one at a time, those whose key statistics meet the bounds
    (all without bounds): a night's key range reads the one or two groups that hold it
    (maintenance keeps the ledger ordered by key, the writer keeps its groups small),
    whatever the history; and a whole read holds one group, not a file (measured: a file at
    a time with pyarrow's read-ahead held twice as much at 1.5 M)."""
    for fragment, group, low, high, _ in _key_statistics(dataset):
        if bounds is None or _meets(low, high, bounds):
            yield fragment.subset(row_group_ids=[group])


def ledger_keys(lake_url: str, listing: Listing | None = None) -> pa.RecordBatchReader:
    """(key, etag) of the ledger rows in the listing's key range, as a stream: only the row
    groups whose statistics meet the range are read, so a night of a dated or sorted source
    decodes a few thousand rows, not the history; a flat listing's anti-join gets the whole
    ledger one batch at a time (and joins it in parts: `letters_to_take`). A key the ledger
    holds more than once counts as held with any of its etags; a Delta ledger has one row
    per key."""
    dataset = ledger_dataset(lake_url)
    if dataset is None:
        return pa.RecordBatchReader.from_batches(KEYS, iter(()))
    bounds = key_bounds(listing) if listing is not None else None

    # deltalake writes the strings as string_view, which pyarrow's scan filters cannot
    # compare yet: the row groups are chosen by their statistics, and each batch is cast to
    # plain strings and filtered here, one at a time
    def batches() -> Iterator[pa.RecordBatch]:
        for fragment in _row_groups(dataset, bounds):
            for batch in fragment.to_batches(
                columns=KEYS.names, batch_size=BATCH_ROWS, use_threads=False, batch_readahead=0
            ):
                part = pa.Table.from_batches([batch]).cast(KEYS)
                if bounds is not None:
                    part = part.filter(_in_bounds(part.column("key").combine_chunks(), bounds))
                yield from part.to_batches()

    return pa.RecordBatchReader.from_batches(KEYS, batches())


def ledger_rows(lake_url: str, listing: Listing | None = None) -> int:
    """How many rows `ledger_keys` decodes for this listing: those of the row groups it
    meets (from the footers, no data read); what sizes the anti-join's parts."""
    dataset = ledger_dataset(lake_url)
    if dataset is None:
        return 0
    bounds = key_bounds(listing) if listing is not None else None
    return sum(
        rows
        for _, _, low, high, rows in _key_statistics(dataset)
        if bounds is None or _meets(low, high, bounds)
    )


def ledger_size(lake_url: str) -> int:
    """Ledger rows, from the files' metadata (no data read)."""
    dataset = ledger_dataset(lake_url)
    return dataset.count_rows() if dataset is not None else 0


def greatest_key(lake_url: str) -> str | None:
    """The greatest key the ledger holds, from the Parquet row groups' statistics (no data
    read; the column is read only where a group has none)."""
    dataset = ledger_dataset(lake_url)
    if dataset is None:
        return None
    best: str | None = None
    for fragment, group, _, top, _ in _key_statistics(dataset):
        if top is None:
            column = fragment.subset(row_group_ids=[group]).to_table(columns=["key"])["key"]
            top = pc.max(column).as_py() if len(column) else None
        if top is not None and (best is None or top > best):
            best = top
    return best


def _arrived(
    pages: Iterable[pa.RecordBatch],
    not_after: datetime | None,
    counted: list[int],
    errors: list[BaseException],
) -> Iterator[pa.RecordBatch]:
    try:
        for page in pages:
            if not_after is not None:
                page = page.filter(pc.less(page.column("last_modified"), pa.scalar(not_after)))
            counted.append(page.num_rows)
            if page.num_rows:
                yield page
    except BaseException as error:  # DuckDB would wrap it in its own message: keep it
        errors.append(error)
        raise


def letters_to_take(
    pages: Iterable[pa.RecordBatch],
    ledger: pa.Table | pa.RecordBatchReader,
    *,
    not_after: datetime | None = None,
    not_before: datetime | None = None,
    reprocess: bool = False,
    limit: int | None = None,
    parts: int = 1,
) -> Found:
    """Listed letters that arrived before `not_after` and that the ledger lacks (or holds
    with another etag); with `reprocess`, also those it holds that arrived in
    [`not_before`, `not_after`). The first `limit` by key are returned. A ledger side of
    many rows is joined in `parts` (partitions.parts_for), each side spilled to local files
    by key, so memory holds one part (a flat or inventory listing of the whole history)."""
    import duckdb

    counted: list[int] = []
    errors: list[BaseException] = []
    arrived = _arrived(pages, not_after, counted, errors)
    con = duckdb.connect(
        config={
            "memory_limit": DUCKDB_MEMORY,
            "temp_directory": os.path.join(tempfile.gettempdir(), "imr-discovery"),
            "preserve_insertion_order": False,
        }
    )
    window = "TRUE" if not_before is None else "l.last_modified >= $not_before"
    again = f"({window})" if reprocess else "FALSE"
    anti_join = (
        "INSERT INTO todo SELECT l.* FROM listing l WHERE NOT EXISTS ("
        "SELECT 1 FROM ledger r WHERE r.key = l.key AND r.etag = l.etag)"
        f" OR {again}"
    )
    values = {"not_before": not_before} if reprocess and not_before is not None else {}
    try:
        con.execute(
            "CREATE TEMP TABLE todo (key VARCHAR, etag VARCHAR, size BIGINT, "
            "last_modified TIMESTAMPTZ)"
        )
        if parts <= 1:
            con.register("listing", pa.RecordBatchReader.from_batches(LISTED, arrived))
            con.register("ledger_in", ledger)  # a table or a stream of (key, etag)
            # into DuckDB's own storage first: a stream is read once, and the table is held
            # in DuckDB's compact form under its memory limit, not as Arrow
            con.execute("CREATE TEMP TABLE ledger AS SELECT key, etag FROM ledger_in")
            con.execute(anti_join, values)
        else:
            _join_in_parts(con, arrived, ledger, parts, anti_join, values)
        new = con.execute("SELECT count(*) FROM todo").fetchone()[0]
        query = "SELECT key, etag, size, last_modified FROM todo ORDER BY key"
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        letters = con.execute(query).arrow().read_all().cast(LISTED)
    except duckdb.Error:
        if errors:  # the listing failed (S3, a bad inventory): its own error, not DuckDB's
            raise errors[0] from None
        raise
    finally:
        con.close()
    listed = sum(counted)
    return Found(letters=letters, listed=listed, new=int(new), skipped=listed - int(new))


def _join_in_parts(
    con: Any,
    listing: Iterator[pa.RecordBatch],
    ledger: pa.Table | pa.RecordBatchReader,
    parts: int,
    anti_join: str,
    values: dict[str, Any],
) -> None:
    """The anti-join into `todo`, one part of both sides at a time."""
    from imr_lake.discovery.partitions import read_part, spill, spill_folder

    ledger_batches = ledger.to_batches() if isinstance(ledger, pa.Table) else ledger
    with spill_folder() as folder:
        spill(con, ledger_batches, KEYS, parts, os.path.join(folder, "ledger"))
        spill(con, listing, LISTED, parts, os.path.join(folder, "listing"))
        for number in range(parts):
            con.register("listing", read_part(os.path.join(folder, "listing"), number, LISTED))
            con.register("ledger", read_part(os.path.join(folder, "ledger"), number, KEYS))
            con.execute(anti_join, values)
            con.unregister("listing")
            con.unregister("ledger")
