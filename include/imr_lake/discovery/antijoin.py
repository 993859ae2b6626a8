"""The letters a run takes: the listing's pages anti-joined with the ledger in DuckDB.

The listing streams into DuckDB as an Arrow stream; the ledger is one Arrow table of
(key, etag). DuckDB keeps only the letters to take (for a night, a few hundred rows) and
hands back the first `limit` of them by key: an initial load takes its chunk of 50,000
from a history of millions and knows how many are left.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

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


def key_range(listing: Listing) -> ds.Expression | None:
    """The ledger rows a listing can meet: keys under its prefixes, or after its resume key;
    None for a listing of everything."""
    key = ds.field("key")
    if listing.start_after:
        return key > listing.start_after
    if listing.prefixes is None:
        return None
    ranges = [(key >= p) & (key < _after(p)) for p in listing.prefixes if p]
    if len(ranges) < len(listing.prefixes):  # an empty prefix: the whole source
        return None
    found = ranges[0] if ranges else key < ""
    for more in ranges[1:]:
        found = found | more
    return found


def ledger_keys(lake_url: str, listing: Listing | None = None) -> pa.RecordBatchReader:
    """(key, etag) of the ledger rows in the listing's key range, as a stream: a night of a
    dated or sorted source reads a few hundred rows, not the history, and not even a flat
    listing's anti-join holds the ledger in Arrow (DuckDB builds its own, spillable, table).
    A key the ledger holds more than once (the Parquet parts of a re-run) counts as held
    with any of its etags; a Delta ledger has one row per key."""
    dataset = ledger_dataset(lake_url)
    if dataset is None:
        return pa.RecordBatchReader.from_batches(KEYS, iter(()))
    where = key_range(listing) if listing is not None else None
    # deltalake writes the strings as string_view, which pyarrow's scan filters cannot
    # compare yet: each batch is cast to plain strings and filtered here, one at a time
    scanner = dataset.scanner(columns=KEYS.names, batch_size=BATCH_ROWS, use_threads=False)

    def batches() -> Iterator[pa.RecordBatch]:
        for batch in scanner.to_batches():
            part = pa.Table.from_batches([batch]).cast(KEYS)
            part = part.filter(where) if where is not None else part
            yield from part.to_batches()

    return pa.RecordBatchReader.from_batches(KEYS, batches())


def ledger_size(lake_url: str) -> int:
    """Ledger rows, from the files' metadata (no data read)."""
    dataset = ledger_dataset(lake_url)
    return dataset.count_rows() if dataset is not None else 0


def greatest_key(lake_url: str) -> str | None:
    """The greatest key the ledger holds, from the Parquet row groups' statistics (no data
    read; the column is read only where a file has none)."""
    dataset = ledger_dataset(lake_url)
    if dataset is None:
        return None
    best: str | None = None
    for fragment in dataset.get_fragments():
        for group in fragment.split_by_row_group():
            group.ensure_complete_metadata()
            stats = group.row_groups[0].statistics if group.row_groups else {}
            top = stats.get("key", {}).get("max") if stats else None
            if top is None:
                column = group.to_table(columns=["key"]).column("key")
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
) -> Found:
    """Listed letters that arrived before `not_after` and that the ledger lacks (or holds
    with another etag); with `reprocess`, also those it holds that arrived in
    [`not_before`, `not_after`). The first `limit` by key are returned."""
    import duckdb

    counted: list[int] = []
    errors: list[BaseException] = []
    stream = pa.RecordBatchReader.from_batches(LISTED, _arrived(pages, not_after, counted, errors))
    con = duckdb.connect(
        config={
            "memory_limit": DUCKDB_MEMORY,
            "temp_directory": os.path.join(tempfile.gettempdir(), "imr-discovery"),
            "preserve_insertion_order": False,
        }
    )
    try:
        con.register("listing", stream)
        con.register("ledger_in", ledger)  # a table or a stream of (key, etag)
        # into DuckDB's own storage first: a stream is read once, and the table is held in
        # DuckDB's compact form under its memory limit (spilled past it), not as Arrow
        con.execute("CREATE TEMP TABLE ledger AS SELECT key, etag FROM ledger_in")
        window = "TRUE" if not_before is None else "l.last_modified >= $not_before"
        again = f"({window})" if reprocess else "FALSE"
        con.execute(
            "CREATE TEMP TABLE todo AS SELECT l.* FROM listing l WHERE NOT EXISTS ("
            "SELECT 1 FROM ledger r WHERE r.key = l.key AND r.etag = l.etag)"
            f" OR {again}",
            {"not_before": not_before} if reprocess and not_before is not None else {},
        )
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
