"""The letters a run takes: the listing's pages anti-joined with the ledger, in pyarrow.

The ledger's (key, etag) stream from only the row groups whose key statistics meet the
listing's key range (`ledger_keys`), read from its Parquet files with ranged reads (the
Delta log gives the files, pyarrow's file system the byte ranges), one row group at a
time. A ledger side of many rows (a flat or inventory listing of the whole history) is
joined in parts spilled to local files (`partitions`), so memory holds one part. Only the
letters to take are kept (for a night, a few hundred rows), the first `limit` of them by
key: an initial load takes its chunk of 50,000 from a history of millions and knows how
many are left.

No DuckDB and no `pyarrow.dataset` here: either imports pandas into the process
(`pyarrow._dataset` does; DuckDB imports it when handed any Arrow object), 60-80 MB of a
discovery's 300 MB budget before a row is read (docs/lake.md, "Discovery memory").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.discovery import LISTED, columns
from imr_lake.discovery.layouts import Listing
from imr_lake.discovery.partitions import (
    CHUNK_ROWS,
    chunks,
    read_part,
    release_memory,
    spill,
    spill_folder,
)
from imr_lake.lake.delta_log import DataFile

KEYS = pa.schema([("key", pa.string()), ("etag", pa.string())])
_MODIFIED = LISTED.field("last_modified").type


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


def ledger_files(lake_url: str) -> list[DataFile] | None:
    """The ledger's current files (None before the first commit): all that discovery
    knows of the ledger's storage (the Delta table's files, one row per key)."""
    from imr_lake.lake.delta_log import data_files
    from imr_lake.lake.tables import LEDGER_TABLE

    return data_files(LEDGER_TABLE.uri_at(lake_url), "key")


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
    mask = columns.booleans(len(keys), False)
    for low, high in bounds:
        inside = pc.greater_equal(keys, columns.string(low))
        if high is not None:
            inside = pc.and_(inside, pc.less(keys, columns.string(high)))
        mask = pc.or_(mask, inside)
    return mask


@dataclass(frozen=True)
class Group:
    """One row group of a ledger file, with its key statistics (None: none written)."""

    file: DataFile
    number: int
    low: str | None
    high: str | None
    rows: int


def _open(uri: str) -> Any:
    """A Parquet file of the ledger, opened for ranged reads (footer first)."""
    import pyarrow.parquet as pq

    from imr_lake.lake.arrow_fs import arrow_filesystem

    fs, path = arrow_filesystem(uri)
    return pq.ParquetFile(fs.open_input_file(path))


def _groups(file: DataFile, handle: Any) -> Iterator[Group]:
    metadata = handle.metadata
    names = handle.schema_arrow.names
    column = names.index("key") if "key" in names else None
    for number in range(metadata.num_row_groups):
        group = metadata.row_group(number)
        stats = group.column(column).statistics if column is not None else None
        low = high = None
        if stats is not None and stats.has_min_max:
            low, high = stats.min, stats.max
        yield Group(file, number, low, high, group.num_rows)


def _meeting(files: list[DataFile], bounds: Bounds | None) -> Iterator[tuple[Any, Group]]:
    """(open file, row group) of the groups whose key statistics meet the bounds (all
    without bounds). A file whose Delta-log min/max miss them is not opened; of the rest,
    one footer read each."""
    for file in files:
        if bounds is not None and not _meets(file.low, file.high, bounds):
            continue
        handle = _open(file.uri)
        try:
            for group in _groups(file, handle):
                if bounds is None or _meets(group.low, group.high, bounds):
                    yield handle, group
        finally:
            handle.close()


def ledger_keys(lake_url: str, listing: Listing | None = None) -> pa.RecordBatchReader:
    """(key, etag) of the ledger rows in the listing's key range, as a stream, one row
    group at a time: only the groups whose statistics meet the range are read (a night of
    a dated or sorted source decodes a few thousand rows, not the history: maintenance keeps
    the ledger ordered by key, the writer keeps its groups small); a flat listing's
    anti-join gets the whole ledger a group at a time (and joins it in parts:
    `letters_to_take`). A key the ledger holds more than once counts as held with any of
    its etags; a Delta ledger has one row per key."""
    files = ledger_files(lake_url)
    bounds = key_bounds(listing) if listing is not None else None

    # deltalake writes the strings as string_view: each group is cast to plain strings
    # and filtered to the bounds here, one at a time
    def batches() -> Iterator[pa.RecordBatch]:
        for handle, group in _meeting(files or [], bounds):
            part = handle.read_row_group(group.number, columns=KEYS.names, use_threads=False)
            part = part.cast(KEYS)
            if bounds is not None:
                part = part.filter(_in_bounds(part.column("key").combine_chunks(), bounds))
            yield from part.to_batches()

    return pa.RecordBatchReader.from_batches(KEYS, batches())


def ledger_rows(lake_url: str, listing: Listing | None = None) -> int:
    """How many rows `ledger_keys` decodes for this listing: those of the row groups it
    meets (from the footers, no data read); what sizes the anti-join's parts."""
    files = ledger_files(lake_url)
    bounds = key_bounds(listing) if listing is not None else None
    return sum(group.rows for _, group in _meeting(files or [], bounds))


def ledger_size(lake_url: str) -> int:
    """Ledger rows, from the Delta log (a file's footer where the log has no count)."""
    total = 0
    for file in ledger_files(lake_url) or []:
        if file.rows is None:
            handle = _open(file.uri)
            try:
                total += handle.metadata.num_rows
            finally:
                handle.close()
        else:
            total += file.rows
    return total


def greatest_key(lake_url: str) -> str | None:
    """The greatest key the ledger holds, from the row groups' statistics (no data read;
    the column is read only where a group has none)."""
    best: str | None = None
    for handle, group in _meeting(ledger_files(lake_url) or [], None):
        top = group.high
        if top is None:
            column = handle.read_row_group(group.number, columns=["key"])["key"]
            column = column.cast(pa.string())
            top = pc.max(column).as_py() if len(column) else None
        if top is not None and (best is None or top > best):
            best = top
    return best


def _arrived(
    pages: Iterable[pa.RecordBatch], not_after: datetime | None, counted: list[int]
) -> Iterator[pa.RecordBatch]:
    """The pages' rows that arrived before `not_after`, counted as they pass."""
    cutoff = None if not_after is None else columns.timestamp(not_after, _MODIFIED)
    for page in pages:
        if cutoff is not None:
            page = page.filter(pc.less(page.column("last_modified"), cutoff))
        counted.append(page.num_rows)
        if page.num_rows:
            yield page


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
    counted: list[int] = []
    arrived = _arrived(pages, not_after, counted)
    taken = _Taken(limit)
    ledger_batches = ledger.to_batches() if isinstance(ledger, pa.Table) else ledger
    if parts <= 1:
        held = _pairs(pa.Table.from_batches(list(ledger_batches), KEYS))
        for chunk in chunks(arrived):  # listed rows joined a chunk at a time
            taken.add(_todo(chunk, held, reprocess, not_before))
    else:
        with spill_folder() as folder:
            ledger_path, listing_path = f"{folder}/ledger", f"{folder}/listing"
            spill(ledger_batches, KEYS, parts, ledger_path)
            spill(arrived, LISTED, parts, listing_path)
            for number in range(parts):
                release_memory()  # what the spills and the last part freed
                held = _pairs(read_part(ledger_path, number, KEYS))
                listed = read_part(listing_path, number, LISTED)
                taken.add(_todo(listed, held, reprocess, not_before))
                del held, listed
    listed = sum(counted)
    return Found(letters=taken.first(), listed=listed, new=taken.new, skipped=listed - taken.new)


def _pairs(table: pa.Table) -> pa.Array:
    """Each row's key and etag as one value (NUL between: no key or etag holds one)."""
    if not table.num_rows:
        return columns.strings([])
    return pc.binary_join_element_wise(
        table.column("key").combine_chunks(),
        table.column("etag").combine_chunks(),
        columns.string("\0"),
    )


def _todo(
    listed: pa.Table, held: pa.Array, reprocess: bool, not_before: datetime | None
) -> pa.Table:
    """The listed rows to take: those whose (key, etag) the ledger lacks (a null etag
    matches nothing), and with `reprocess` those that arrived in the window."""
    if not listed.num_rows:
        return columns.empty(LISTED)
    listed = listed.select(LISTED.names).cast(LISTED)
    take = pc.invert(pc.is_in(_pairs(listed), value_set=held, skip_nulls=True))
    if reprocess:
        window = (
            columns.booleans(listed.num_rows, True)
            if not_before is None
            else pc.fill_null(
                pc.greater_equal(
                    listed.column("last_modified"), columns.timestamp(not_before, _MODIFIED)
                ),
                columns.boolean(False),
            )
        )
        take = pc.or_(take, window)
    return listed.filter(take)


class _Taken:
    """The letters to take, as they come: all counted, the first `limit` by key kept."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.new = 0
        self.kept: list[pa.Table] = []
        self.rows = 0

    def add(self, rows: pa.Table) -> None:
        self.new += rows.num_rows
        if rows.num_rows:
            self.kept.append(rows)
            self.rows += rows.num_rows
        if self.limit is not None and self.rows > 2 * max(self.limit, CHUNK_ROWS):
            self.kept = [self.first()]  # keep memory at about the limit, not the history
            self.rows = self.kept[0].num_rows

    def first(self) -> pa.Table:
        """The kept rows sorted by key, at most `limit`."""
        if not self.kept:
            return columns.empty(LISTED)
        table = pa.concat_tables(self.kept)
        table = table.take(pc.sort_indices(table, sort_keys=[("key", "ascending")]))
        if self.limit is not None:
            table = table.slice(0, max(0, int(self.limit)))
        return table.combine_chunks()
