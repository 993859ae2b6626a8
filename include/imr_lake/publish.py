"""Commit rows to the curated tables: stage, then one atomic snapshot, replacing by document_id.

Order of a commit (see docs/lake.md for what each kind of reader sees):

1. stage: new Parquet files are written next to their partition under names every reader
   ignores (`_staged-<commit>-<n>.tmp`: Hive, Trino, Spark and Athena skip `_` files, a
   `*.parquet` glob skips `.tmp`). No lock is held while staging.
2. under the lake's commit lock: read the current snapshot; rewrite (as staged files) every
   live file that holds a document this commit replaces, without those rows;
3. install: rename staged files to `part-<commit>-<n>.parquet`;
4. commit point: write the next snapshot listing the new set of live files;
5. clean up: delete the files the snapshot dropped and leftovers of crashed commits.

A crash before 4 leaves the previous snapshot intact (the leftovers are removed by the next
commit); a crash after 4 leaves the new one. Documents are unique in every snapshot because
step 2 runs under the lock against the snapshot it replaces.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from imr_lake import snapshot as snapshots
from imr_lake.lock import LEASE_SECONDS, CommitLock
from imr_lake.schema import PARTITION_COLUMN
from imr_lake.storage import Lake
from imr_lake.tables import GROUP_BYTES, ParquetStream, write_table

log = logging.getLogger(__name__)

STAGED_PREFIX = "_staged-"
RESTRICTED_STAGED = ("ledger", "quarantine")  # zones whose files a run stages too


def new_commit_id() -> str:
    """Sortable and unique: UTC time then random hex (also names the commit's files)."""
    return f"{datetime.now(tz=UTC).strftime('%Y%m%dT%H%M%S%f')}-{uuid.uuid4().hex[:8]}"


def _commit_time(commit_id: str) -> float:
    try:
        stamp = datetime.strptime(commit_id[:21], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    except ValueError:
        return 0.0
    return stamp.timestamp()


@dataclass
class Staged:
    """A file written under a hidden name, and the name it takes at install."""

    table: str
    staged: str  # relative to curated/<table>/
    final: str


@dataclass
class CommitResult:
    snapshot: int
    added: int
    replaced_rows: int
    removed_files: int


def _partition_dir(year: Any) -> str:
    return f"{PARTITION_COLUMN}={year}"


def _stage(lake: Lake, table: str, rows: pa.Table, commit_id: str, n: int, year: Any) -> Staged:
    base = f"{_partition_dir(year)}/"
    staged = Staged(
        table,
        staged=f"{base}{STAGED_PREFIX}{commit_id}-{n:04d}.tmp",
        final=f"{base}part-{commit_id}-{n:04d}.parquet",
    )
    write_table(lake, f"{lake.curated(table)}/{staged.staged}", rows)
    return staged


def stage_tables(lake: Lake, tables: dict[str, pa.Table], commit_id: str) -> list[Staged]:
    """Step 1 for tables at hand: one hidden file per table and decision_year."""
    stager = CuratedStager(lake, commit_id)
    for name, table in tables.items():
        stager.add(name, table)
    return stager.close()


class CuratedStager:
    """Step 1 for a run streamed batch by batch: rows go, as they come, into one hidden
    file per table and decision_year (partition column dropped); at most about
    `buffer_bytes` of Arrow data are held at any time, over all files together."""

    def __init__(self, lake: Lake, commit_id: str, buffer_bytes: int = GROUP_BYTES) -> None:
        self.lake = lake
        self.commit_id = commit_id
        self.buffer_bytes = buffer_bytes
        self.files: dict[tuple[str, Any], tuple[Staged, ParquetStream]] = {}

    def add(self, table_name: str, rows: pa.Table) -> None:
        if rows.num_rows == 0:
            return
        years = rows.column(PARTITION_COLUMN)
        for year in sorted(set(years.to_pylist())):
            part = rows.filter(pc.equal(years, year)).drop_columns([PARTITION_COLUMN])
            if (table_name, year) not in self.files:
                n = len(self.files)
                base = f"{_partition_dir(year)}/"
                staged = Staged(
                    table_name,
                    staged=f"{base}{STAGED_PREFIX}{self.commit_id}-{n:04d}.tmp",
                    final=f"{base}part-{self.commit_id}-{n:04d}.parquet",
                )
                path = f"{self.lake.curated(table_name)}/{staged.staged}"
                stream = ParquetStream(self.lake, path, part.schema, self.buffer_bytes)
                self.files[(table_name, year)] = (staged, stream)
            self.files[(table_name, year)][1].write(part)
        held = sum(stream.buffered_bytes for _, stream in self.files.values())
        if held >= self.buffer_bytes:
            for _, stream in self.files.values():
                stream.flush()

    def close(self) -> list[Staged]:
        out = []
        for staged, stream in self.files.values():
            stream.close()
            out.append(staged)
        return out


def _read(lake: Lake, path: str) -> pa.Table:
    with lake.fs.open(path, "rb") as handle:
        return pq.read_table(handle)


def stage_removals(
    lake: Lake, snap: snapshots.Snapshot, document_ids: set[str], commit_id: str
) -> tuple[list[Staged], dict[str, list[str]], int]:
    """Step 2: for each live file holding any of these documents, stage it without them.

    Returns the rewrites, the files they retire (per table) and the number of rows dropped.
    """
    rewrites: list[Staged] = []
    retired: dict[str, list[str]] = {t: [] for t in snapshots.TABLES}
    dropped = 0
    if not document_ids:
        return rewrites, retired, 0
    ids = pa.array(sorted(document_ids), type=pa.string())
    n = 5000  # rewrite numbers start after the new files' numbers
    for table in snapshots.TABLES:
        for rel in snap.files.get(table, []):
            path = f"{lake.curated(table)}/{rel}"
            with lake.fs.open(path, "rb") as handle:
                doc_col = pq.read_table(handle, columns=["document_id"]).column(0)
            hit = pc.is_in(doc_col, value_set=ids)
            count = pc.sum(hit).as_py() or 0
            if not count:
                continue
            dropped += count
            retired[table].append(rel)
            rest = _read(lake, path).filter(pc.invert(hit))
            if rest.num_rows:
                year = rel.split("/", 1)[0].split("=", 1)[1]
                rewrites.append(_stage(lake, table, rest, commit_id, n, year))
                n += 1
    return rewrites, retired, dropped


def install(lake: Lake, staged: list[Staged]) -> None:
    """Step 3: give staged files their visible names (a rename; a server-side copy on S3)."""
    for item in staged:
        root = lake.curated(item.table)
        lake.fs.mv(f"{root}/{item.staged}", f"{root}/{item.final}")


def write_snapshot(
    lake: Lake,
    previous: snapshots.Snapshot,
    files: dict[str, list[str]],
    *,
    operation: str,
    run_id: str,
) -> snapshots.Snapshot:
    """Step 4, the commit point (a separate function so tests can stop a process here)."""
    return snapshots.write_next(lake, previous, files, operation=operation, run_id=run_id)


def cleanup(lake: Lake, snap: snapshots.Snapshot, lease: float = LEASE_SECONDS) -> int:
    """Step 5: delete visible files no snapshot lists and staged files of dead commits
    (curated files, and the ledger and quarantine rows a run stages beside its commit).

    Runs under the lock: a visible file outside the snapshot is a retired file or the
    leftover of a commit that crashed between install and its snapshot.
    """
    removed = 0
    now = time.time()
    for table in snapshots.TABLES:
        root = lake.curated(table)
        live = set(snap.files.get(table, []))
        for rel in snapshots.listed_files(lake, table):
            if rel not in live:
                removed += _remove(lake, f"{root}/{rel}")
        removed += _remove_dead_staged(lake, f"{root}/{PARTITION_COLUMN}=*", now, lease)
    for zone in RESTRICTED_STAGED:  # a commit's ledger and quarantine rows, not installed
        removed += _remove_dead_staged(lake, lake.restricted(zone), now, lease)
    return removed


def _remove_dead_staged(lake: Lake, folder: str, now: float, lease: float) -> int:
    removed = 0
    for path in lake.glob(f"{folder}/{STAGED_PREFIX}*"):
        commit_id = path.rsplit("/", 1)[-1][len(STAGED_PREFIX) :]
        if now - _commit_time(commit_id) > lease:
            removed += _remove(lake, path)
    return removed


def _remove(lake: Lake, path: str) -> int:
    try:
        lake.fs.rm(path)
    except FileNotFoundError:
        return 0
    return 1


def commit(
    lake: Lake,
    tables: dict[str, pa.Table],
    *,
    run_id: str,
    replace: set[str],
    operation: str = "publish",
    commit_id: str | None = None,
) -> CommitResult:
    """Publish `tables` (with their partition column), replacing every row of `replace`."""
    commit_id = commit_id or new_commit_id()
    staged = stage_tables(lake, tables, commit_id)
    return commit_staged(
        lake, staged, run_id=run_id, replace=replace, operation=operation, commit_id=commit_id
    )


def commit_staged(
    lake: Lake,
    staged: list[Staged],
    *,
    run_id: str,
    replace: set[str],
    commit_id: str,
    operation: str = "publish",
) -> CommitResult:
    """Steps 2-5 for files already staged under `commit_id`."""
    with CommitLock(lake).held():
        snap = snapshots.current(lake)
        rewrites, retired, dropped = stage_removals(lake, snap, replace, commit_id)
        everything = staged + rewrites
        install(lake, everything)
        files = {t: [f for f in snap.files.get(t, []) if f not in retired[t]] for t in snap.files}
        for item in everything:
            files.setdefault(item.table, []).append(item.final)
        new = write_snapshot(lake, snap, files, operation=operation, run_id=run_id)
        removed = cleanup(lake, new)
        snapshots.prune(lake)
    log.info(
        "commit %s: snapshot %d, %d files added, %d rows replaced, %d files removed",
        commit_id,
        new.sequence,
        len(everything),
        dropped,
        removed,
    )
    return CommitResult(new.sequence, len(everything), dropped, removed)


def curated_document_ids(lake: Lake) -> set[str]:
    """Documents of the current snapshot."""
    snap = snapshots.current(lake)
    ids: set[str] = set()
    for path in snap.paths(lake, "determinations"):
        with lake.fs.open(path, "rb") as handle:
            ids.update(pq.read_table(handle, columns=["document_id"]).column(0).to_pylist())
    return ids
