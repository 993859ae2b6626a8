"""The ledger: one row per source object (its newest outcome), the memory that makes runs
incremental. It is the Delta table `restricted/ledger`, replaced by `key` in the last commit
of every run (lake/commit.py); earlier outcomes are in the table's history (time travel).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake import PARSER_VERSION
from imr_lake.lake.delta import storage_options
from imr_lake.lake.parquet import to_table
from imr_lake.lake.tables import LEDGER_TABLE
from imr_lake.schema import LEDGER
from imr_lake.storage import Lake

PUBLISHED = "published"
QUARANTINED = "quarantined"
FAILED = "failed"

# what runs need of the ledger: discovery (key, etag), replacement and first_seen
STATE_COLUMNS = ("key", "etag", "document_id", "status", "first_seen")


def ledger_columns(
    lake: Lake, columns: Sequence[str] | None = None, version: Any = None
) -> pa.Table:
    """The ledger's `columns` (all by default) as one Arrow table, in the contract's types;
    empty when the lake has no ledger yet. Reads only those columns' data, so an anti-join
    of a listing against (key, etag) costs two short strings per letter."""
    from deltalake import DeltaTable
    from deltalake.exceptions import TableNotFoundError

    names = list(columns or LEDGER.names)
    schema = pa.schema([LEDGER.field(n) for n in names])
    uri = LEDGER_TABLE.uri(lake)
    try:
        table = DeltaTable(uri, storage_options=storage_options(uri))
    except TableNotFoundError:
        return schema.empty_table()
    if version is not None:
        table.load_as_version(version)
    return pa.table(table.to_pyarrow_table(columns=names)).select(names).cast(schema)


class LedgerState:
    """The ledger's rows (one per source key), kept as one Arrow table.

    Columnar rather than a dict of rows: a lake of 1.5 million letters is a few hundred
    bytes a letter here, and callers ask only for the rows of the keys they handle.
    """

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    @classmethod
    def load(cls, lake: Lake, columns: Sequence[str] = STATE_COLUMNS) -> LedgerState:
        return cls(ledger_columns(lake, columns))

    def __len__(self) -> int:
        return self.table.num_rows

    def _where(self, mask: pa.ChunkedArray | pa.Array) -> dict[str, dict[str, Any]]:
        return {row["key"]: row for row in self.table.filter(mask).to_pylist()}

    def rows(self) -> dict[str, dict[str, Any]]:
        return {row["key"]: row for row in self.table.to_pylist()}

    def rows_for(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The rows of these source keys (those the ledger has)."""
        wanted = pa.array(sorted(set(keys)), type=pa.string())
        return self._where(pc.is_in(self.table.column("key"), value_set=wanted))

    def published_with(self, document_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Rows of objects whose newest state is published as one of these documents."""
        wanted = pa.array(sorted(set(document_ids)), type=pa.string())
        return self._where(
            pc.and_(
                pc.equal(self.table.column("status"), PUBLISHED),
                pc.is_in(self.table.column("document_id"), value_set=wanted),
            )
        )


def current_state(lake: Lake) -> dict[str, dict[str, Any]]:
    """The ledger as dicts by key, all columns (small lakes, tests and tools)."""
    return LedgerState(ledger_columns(lake)).rows()


def ledger_rows(
    outcomes: list[dict[str, Any]],
    statuses: list[str],
    previous: dict[str, dict[str, Any]],
    run_id: str,
    now: datetime,
) -> pa.Table:
    """A batch's new ledger rows: one per object, first_seen kept from its previous row."""
    rows = []
    for outcome, status in zip(outcomes, statuses, strict=True):
        seen = previous.get(outcome["key"])
        rows.append(
            {
                "key": outcome["key"],
                "etag": outcome["etag"],
                "size": outcome["size"],
                "sha256": outcome["sha256"],
                "document_id": outcome["document_id"],
                "status": status,
                "error_code": outcome["error_code"],
                "error_message": outcome["error_message"],
                "parser_version": PARSER_VERSION,
                "run_id": run_id,
                "first_seen": seen["first_seen"] if seen else now,
                "last_processed": now,
            }
        )
    return to_table(rows, LEDGER)
