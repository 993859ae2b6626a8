"""Maintenance of the lake's Delta tables: compaction, checkpoint, vacuum; what deltalake does.

Per table, in this order:
1. `optimize.compact()`: one commit that swaps each partition's small files (one per
   nightly run) for few large ones; readers see one set or the other, never both. A table
   with `cluster_by` (the ledger, by `key`) is rewritten whole in that order instead
   (`optimize.z_order`, also one commit): discovery then reads a night's key range from one
   or two row groups, not the whole ledger (docs/lake.md, "Ledger layout");
2. `vacuum(retention)`: deletes the files no version younger than the retention refers to
   (those compaction and replacements retired). Readers in flight and time travel within the
   retention keep working. The default is Delta's own, 7 days; a shorter one than the
   table's `delta.deletedFileRetentionDuration` (also 7 days) is refused unless
   `allow_short_retention` (delta-rs's `enforce_retention_duration=False`), because it can
   delete files a running query or an `--as-of` read still needs;
3. `create_checkpoint()` and `cleanup_metadata()`: the table's state in one Parquet file, so
   opening the table reads it and the few commits after it instead of every commit since
   the start; log entries older than `delta.logRetentionDuration` (30 days) and older than
   the checkpoint are dropped, which bounds time travel to that age.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass, field

from imr_lake.errors import ConfigurationError
from imr_lake.lake.delta import storage_options, with_retry, writer_properties
from imr_lake.lake.tables import TABLES
from imr_lake.storage import Lake

log = logging.getLogger(__name__)

RETENTION_ENV = "IMR_VACUUM_RETENTION_HOURS"
DEFAULT_RETENTION_HOURS = 7 * 24


def retention_hours(value: int | None = None) -> int:
    """The vacuum retention: the argument, else IMR_VACUUM_RETENTION_HOURS, else 7 days."""
    if value is None:
        text = os.environ.get(RETENTION_ENV, str(DEFAULT_RETENTION_HOURS))
        try:
            value = int(text)
        except ValueError:
            raise ConfigurationError(f"{RETENTION_ENV}={text!r} is not a number of hours") from None
    if value < 0:
        raise ConfigurationError(f"vacuum retention must be >= 0 hours, not {value}")
    return value


@dataclass
class TableResult:
    """What maintenance did to one table."""

    files_before: int  # live files (the table's current version)
    files_after: int
    rows: int
    compacted: bool
    checkpoint: int  # the version the checkpoint holds: the table's version after maintenance
    vacuumed: int  # files deleted from storage


@dataclass
class MaintenanceResult:
    retention_hours: int
    tables: dict[str, TableResult] = field(default_factory=dict)

    def render(self) -> str:
        parts = [
            f"{name}: {t.files_before} -> {t.files_after} files ({t.rows} rows), "
            f"{t.vacuumed} vacuumed, checkpoint at v{t.checkpoint}"
            for name, t in self.tables.items()
        ]
        return "; ".join(parts) + f"; retention {self.retention_hours} h"

    def to_json(self) -> dict:
        return {"retention_hours": self.retention_hours} | {
            name: asdict(t) for name, t in self.tables.items()
        }


def table_uris(lake_url: str) -> dict[str, str]:
    lake = Lake(lake_url)
    return {name: table.uri(lake) for name, table in TABLES.items()}


def _rows(table) -> int:
    return sum(
        int(n) for n in table.get_add_actions(flatten=True).column("num_records").to_pylist()
    )


def maintain_table(
    uri: str,
    *,
    min_files: int = 2,
    retention: int = DEFAULT_RETENTION_HOURS,
    allow_short_retention: bool = False,
    cluster_by: tuple[str, ...] = (),
) -> TableResult:
    """Compact (when the table has `min_files` live files or more; by `cluster_by` when
    given), vacuum, checkpoint."""
    from deltalake import DeltaTable

    options = storage_options(uri)
    before = DeltaTable(uri, storage_options=options)
    files_before = len(before.file_uris())

    def compact() -> bool:
        table = DeltaTable(uri, storage_options=options)
        if len(table.file_uris()) < min_files:
            return False
        if cluster_by:
            done = table.optimize.z_order(cluster_by, writer_properties=writer_properties())
        else:
            done = table.optimize.compact(writer_properties=writer_properties())
        return done["numFilesRemoved"] > 0

    compacted = with_retry(compact)
    deleted = DeltaTable(uri, storage_options=options).vacuum(
        retention_hours=retention,
        dry_run=False,
        enforce_retention_duration=not allow_short_retention,
    )
    table = DeltaTable(uri, storage_options=options)
    table.create_checkpoint()
    table.cleanup_metadata()
    return TableResult(
        files_before=files_before,
        files_after=len(table.file_uris()),
        rows=_rows(table),
        compacted=compacted,
        checkpoint=table.version(),
        vacuumed=len(deleted),
    )


def maintain(
    lake_url: str,
    *,
    min_files: int = 2,
    retention: int | None = None,
    allow_short_retention: bool = False,
) -> MaintenanceResult:
    """Maintain every table of the lake that exists (a fresh lake may have none yet)."""
    from deltalake import DeltaTable

    result = MaintenanceResult(retention_hours=retention_hours(retention))
    if result.retention_hours < DEFAULT_RETENTION_HOURS and not allow_short_retention:
        raise ConfigurationError(
            f"vacuum retention {result.retention_hours} h is shorter than the tables' "
            f"{DEFAULT_RETENTION_HOURS} h (delta.deletedFileRetentionDuration): it can delete "
            "files that running queries and time travel still read; allow it explicitly "
            "(--allow-short-retention) if that is what you want"
        )
    lake = Lake(lake_url)
    for name, table in TABLES.items():
        uri = table.uri(lake)
        if not DeltaTable.is_deltatable(uri, storage_options=storage_options(uri)):
            continue
        result.tables[name] = maintain_table(
            uri,
            min_files=min_files,
            retention=result.retention_hours,
            allow_short_retention=allow_short_retention,
            cluster_by=table.cluster_by,
        )
    log.info("lake maintenance: %s", result.render())
    return result
