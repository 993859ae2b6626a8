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

from imr_lake.discovery import LISTED

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


def ledger_keys(lake_url: str) -> pa.Table:
    """(key, etag) of the ledger's newest row per key: all discovery reads of the ledger.

    One line to change when the ledger is a Delta table (its rows are one per key there).
    """
    from imr_lake.ledger import LedgerState
    from imr_lake.storage import Lake

    return LedgerState.load(Lake(lake_url)).table.select(["key", "etag"])


def greatest_key(ledger: pa.Table) -> str | None:
    if not ledger.num_rows:
        return None
    return pc.max(ledger.column("key")).as_py()


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
    ledger: pa.Table,
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
        con.register("ledger", ledger.select(["key", "etag"]))
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
