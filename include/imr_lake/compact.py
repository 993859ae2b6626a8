"""Compaction: fold a partition's many small files (one per nightly run) into few large ones.

It is a commit like any other (publish.py): the merged files are staged under hidden names,
installed, and swapped for the small ones in one snapshot, under the lake's commit lock, so
a snapshot reader sees the small files or the merged ones, never both and never neither.
The ledger's parts are folded the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq

from imr_lake import publish
from imr_lake import snapshot as snapshots
from imr_lake.ledger import compact_ledger
from imr_lake.lock import CommitLock
from imr_lake.storage import Lake

log = logging.getLogger(__name__)

MAX_ROWS_PER_FILE = 1_000_000


@dataclass
class CompactionResult:
    """What one compaction did: per table, files before and after (only partitions touched)."""

    snapshot: int | None
    files_before: dict[str, int] = field(default_factory=dict)
    files_after: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    ledger_parts_folded: int = 0

    def render(self) -> str:
        parts = [
            f"{t}: {self.files_before.get(t, 0)} -> {self.files_after.get(t, 0)} files "
            f"({self.rows.get(t, 0)} rows)"
            for t in snapshots.TABLES
        ]
        return "; ".join(parts) + f"; ledger parts folded: {self.ledger_parts_folded}"


def _partitions(files: list[str]) -> dict[str, list[str]]:
    by_partition: dict[str, list[str]] = {}
    for rel in files:
        by_partition.setdefault(rel.split("/", 1)[0], []).append(rel)
    return by_partition


def _merge(lake: Lake, table: str, rels: list[str]) -> pa.Table:
    parts = []
    for rel in rels:
        with lake.fs.open(f"{lake.curated(table)}/{rel}", "rb") as handle:
            parts.append(pq.read_table(handle))
    merged = pa.concat_tables(parts, promote_options="default")
    return merged.sort_by("document_id")


def compact(
    lake_url: str, *, min_files: int = 2, max_rows_per_file: int = MAX_ROWS_PER_FILE
) -> CompactionResult:
    """Rewrite every partition holding at least `min_files` files; fold the ledger."""
    lake = Lake(lake_url)
    commit_id = publish.new_commit_id()
    result = CompactionResult(snapshot=None)
    with CommitLock(lake).held():
        snap = snapshots.current(lake)
        files = {t: list(snap.files.get(t, [])) for t in snapshots.TABLES}
        staged: list[publish.Staged] = []
        n = 0
        for table in snapshots.TABLES:
            for partition, rels in sorted(_partitions(files[table]).items()):
                if len(rels) < min_files:
                    continue
                merged = _merge(lake, table, rels)
                year = partition.split("=", 1)[1]
                new = []
                for start in range(0, merged.num_rows, max_rows_per_file):
                    chunk = merged.slice(start, max_rows_per_file)
                    new.append(publish._stage(lake, table, chunk, commit_id, n, year))
                    n += 1
                files[table] = [f for f in files[table] if f not in rels] + [s.final for s in new]
                staged += new
                result.files_before[table] = result.files_before.get(table, 0) + len(rels)
                result.files_after[table] = result.files_after.get(table, 0) + len(new)
                result.rows[table] = result.rows.get(table, 0) + merged.num_rows
        if staged:
            publish.install(lake, staged)
            new_snap = publish.write_snapshot(
                lake, snap, files, operation="compact", run_id=f"compact-{commit_id}"
            )
            publish.cleanup(lake, new_snap)
            snapshots.prune(lake)
            result.snapshot = new_snap.sequence
        result.ledger_parts_folded = compact_ledger(lake, commit_id)
    log.info("compaction %s: %s", commit_id, result.render())
    return result
