"""Compaction: fold each table's small files (one per nightly run and partition) into few
large ones, with deltalake's `optimize.compact()`: one commit per table that swaps the
small files for the merged ones, so readers of the table see one set or the other.

(A minimal port onto the Delta tables; vacuum and checkpoints come with lake maintenance.)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from imr_lake.lake.delta import storage_options, with_retry
from imr_lake.lake.tables import TABLES
from imr_lake.storage import Lake

log = logging.getLogger(__name__)


@dataclass
class CompactionResult:
    """What one compaction did, per table: files removed and added, new version."""

    versions: dict[str, int] = field(default_factory=dict)
    files_before: dict[str, int] = field(default_factory=dict)
    files_after: dict[str, int] = field(default_factory=dict)

    def render(self) -> str:
        return "; ".join(
            f"{t}: {self.files_before.get(t, 0)} -> {self.files_after.get(t, 0)} files"
            for t in TABLES
        )


def compact(lake_url: str, *, min_files: int = 2) -> CompactionResult:
    """Compact every table holding at least `min_files` files."""
    from deltalake import DeltaTable

    lake = Lake(lake_url)
    result = CompactionResult()
    for name, table in TABLES.items():
        uri = table.uri(lake)
        if not DeltaTable.is_deltatable(uri, storage_options=storage_options(uri)):
            continue

        def run(uri: str = uri) -> tuple[dict, int] | None:
            delta = DeltaTable(uri, storage_options=storage_options(uri))
            if len(delta.file_uris()) < min_files:
                return None
            metrics = delta.optimize.compact()
            return metrics, delta.version()

        done = with_retry(run)
        if done and done[0]["numFilesRemoved"]:
            metrics, version = done
            result.files_before[name] = metrics["numFilesRemoved"]
            result.files_after[name] = metrics["numFilesAdded"]
            result.versions[name] = version
    log.info("compaction: %s", result.render())
    return result
