"""The ledger: one row per source object, the memory that makes runs incremental.

Each commit appends one file `restricted/ledger/part-<commit>.parquet` (never overwritten, so
a re-run of a run keeps the first attempt's rows); the state of an object is its newest row.
`compact_ledger` folds the parts into one file, keeping only the newest row per key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.schema import LEDGER
from imr_lake.storage import Lake
from imr_lake.tables import read_tables, to_table, write_table

PUBLISHED = "published"
QUARANTINED = "quarantined"
FAILED = "failed"


def ledger_pattern(lake: Lake) -> str:
    return lake.restricted("ledger", "*.parquet")


class LedgerState:
    """Newest ledger row per source key, kept as one Arrow table.

    Columnar rather than a dict of rows: a lake of 1.5 million letters is a few hundred
    bytes a letter here, and callers ask only for the rows of the keys they handle.
    """

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    @classmethod
    def load(cls, lake: Lake) -> LedgerState:
        table = read_tables(lake, ledger_pattern(lake), LEDGER)
        if table.num_rows:
            order = pc.sort_indices(
                table, sort_keys=[("key", "ascending"), ("last_processed", "descending")]
            )
            table = table.take(order)
            keys = table.column("key")
            newest = pc.not_equal(keys.slice(1), keys.slice(0, len(keys) - 1))
            first = pa.chunked_array([pa.array([True]), *newest.chunks], type=pa.bool_())
            table = table.filter(first)
        return cls(table)

    def __len__(self) -> int:
        return self.table.num_rows

    def _where(self, mask: pa.ChunkedArray | pa.Array) -> dict[str, dict[str, Any]]:
        return {row["key"]: row for row in self.table.filter(mask).to_pylist()}

    def rows(self) -> dict[str, dict[str, Any]]:
        return {row["key"]: row for row in self.table.to_pylist()}

    def rows_for(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The newest rows of these source keys (those the ledger has)."""
        wanted = pa.array(sorted(set(keys)), type=pa.string())
        return self._where(pc.is_in(self.table.column("key"), value_set=wanted))

    def holds(self, keys: list[str], etags: list[str]) -> list[bool]:
        """For each listed object: does the ledger have this key with this very etag?
        (A join, so discovery never builds a per-key dict of the whole ledger.)"""
        listed = pa.table(
            {
                "key": pa.array(keys, pa.string()),
                "etag": pa.array(etags, pa.string()),
                "position": pa.array(range(len(keys)), pa.int64()),
            }
        )
        known = self.table.select(["key", "etag"])
        found = listed.join(known, keys=["key", "etag"], join_type="inner")
        held = [False] * len(keys)
        for position in found.column("position").to_pylist():
            held[position] = True
        return held

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
    """Newest ledger row per source key, as dicts (small lakes, tests and tools)."""
    return LedgerState.load(lake).rows()


def part_path(lake: Lake, commit_id: str) -> str:
    return lake.restricted("ledger", f"part-{commit_id}.parquet")


def write_run_rows(lake: Lake, commit_id: str, rows: list[dict[str, Any]]) -> str:
    path = part_path(lake, commit_id)
    write_table(lake, path, to_table(rows, LEDGER))
    return path


def install_run_rows(lake: Lake, staged_path: str, commit_id: str) -> str:
    """Make a commit's ledger rows, written under a hidden name, the ledger's newest part."""
    path = part_path(lake, commit_id)
    lake.fs.mv(staged_path, path)
    return path


def compact_ledger(lake: Lake, commit_id: str) -> int:
    """Fold every part into one file of newest rows; returns the parts folded.

    The merged file is written before the parts are deleted, and the newest row per key
    wins, so a reader in between sees the same state. Run it under the commit lock.
    """
    parts = lake.glob(ledger_pattern(lake))
    if len(parts) <= 1:
        return 0
    write_table(lake, part_path(lake, commit_id), LedgerState.load(lake).table)
    for path in parts:
        lake.fs.rm(path)
    return len(parts)
