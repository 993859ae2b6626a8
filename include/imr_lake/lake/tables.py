"""The lake's four Delta tables: where each lives, its contract schema, its replacement key.

The schemas are DESIGN.md's contract (schema.py). Curated tables are replaced by
`document_id` (a re-parse replaces the letter's rows wherever its decision_year went), the
restricted ones by the source object's `key` (one ledger row per object, its newest
outcome; its quarantine records of the latest processing).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from imr_lake.lake.delta import ensure_table
from imr_lake.schema import DETERMINATIONS, LEDGER, PARTITION_COLUMN, QUARANTINE, TREATMENTS
from imr_lake.storage import CURATED, RESTRICTED, Lake


@dataclass(frozen=True)
class LakeTable:
    """One Delta table of the lake."""

    name: str
    zone: str  # curated | restricted
    schema: pa.Schema
    key: str  # rows are replaced by this column
    partition_by: tuple[str, ...] = ()
    # maintenance rewrites the table in this order (a z-order; on one column, by it): the
    # files' and row groups' min/max then cover narrow, mostly disjoint key ranges, so a
    # reader of a few keys (discovery of a night) skips the rest of the table unread
    cluster_by: tuple[str, ...] = ()

    def uri(self, lake: Lake) -> str:
        """The table's URI for deltalake and DuckDB (a path, or s3://bucket/...)."""
        return lake.url_of(lake.path(self.zone, self.name))

    def uri_at(self, lake_url: str) -> str:
        """The same URI from the lake's URL alone, no file system made: for readers that
        open it with pyarrow's (discovery, where an s3fs client would cost 27 MB)."""
        return f"{lake_url.rstrip('/')}/{self.zone}/{self.name}"


DETERMINATIONS_TABLE = LakeTable(
    "determinations", CURATED, DETERMINATIONS, "document_id", (PARTITION_COLUMN,)
)
TREATMENTS_TABLE = LakeTable("treatments", CURATED, TREATMENTS, "document_id", (PARTITION_COLUMN,))
QUARANTINE_TABLE = LakeTable("quarantine", RESTRICTED, QUARANTINE, "key")
LEDGER_TABLE = LakeTable("ledger", RESTRICTED, LEDGER, "key", cluster_by=("key",))

TABLES = {
    t.name: t for t in (DETERMINATIONS_TABLE, TREATMENTS_TABLE, QUARANTINE_TABLE, LEDGER_TABLE)
}


def ensure_tables(lake: Lake) -> None:
    """Create the tables a lake lacks (empty, with their schema and partitions)."""
    for table in TABLES.values():
        ensure_table(table.uri(lake), table.schema, list(table.partition_by) or None)
