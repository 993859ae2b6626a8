"""The curated zone's commit log: which Parquet files make up the tables right now.

A commit writes one new object `curated/_lake/snapshots/snapshot-<seq>.json` listing every
live file of both tables. Writing one object is atomic on S3 and on a local disk (write to a
temporary name, then rename), so a reader that resolves the newest snapshot sees a whole
commit or none of it. Files are never rewritten in place: a commit adds new files and drops
old ones from the list, so the files of any snapshot stay valid until they are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from imr_lake.schema import PARTITION_COLUMN
from imr_lake.storage import Lake

TABLES = ("determinations", "treatments")
KEEP_SNAPSHOTS = 20


@dataclass
class Snapshot:
    """A consistent set of curated files; paths are relative to `curated/<table>/`."""

    sequence: int
    files: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in TABLES})
    committed_at: str = ""
    operation: str = ""
    run_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        return cls(**data)

    def paths(self, lake: Lake, table: str) -> list[str]:
        """Full paths (within the lake's filesystem) of one table's live files."""
        return [f"{lake.curated(table)}/{rel}" for rel in self.files.get(table, [])]


def snapshot_dir(lake: Lake) -> str:
    return lake.path("curated", "_lake", "snapshots")


def _name(sequence: int) -> str:
    return f"snapshot-{sequence:012d}.json"


def snapshot_names(lake: Lake) -> list[str]:
    directory = snapshot_dir(lake)
    if not lake.exists(directory):
        return []
    names = [p.rsplit("/", 1)[-1] for p in lake.fs.ls(directory, detail=False)]
    return sorted(n for n in names if n.startswith("snapshot-") and n.endswith(".json"))


def listed_files(lake: Lake, table: str) -> list[str]:
    """Files a Hive-style reader sees: `decision_year=*/*.parquet` (relative paths)."""
    root = lake.curated(table)
    return [p[len(root) + 1 :] for p in lake.glob(f"{root}/{PARTITION_COLUMN}=*/*.parquet")]


def current(lake: Lake) -> Snapshot:
    """The newest snapshot; a lake from before snapshots is read as what its folders hold."""
    names = snapshot_names(lake)
    if not names:
        return Snapshot(sequence=0, files={t: listed_files(lake, t) for t in TABLES})
    return Snapshot.from_json(lake.read_json(f"{snapshot_dir(lake)}/{names[-1]}"))


def write_next(
    lake: Lake, previous: Snapshot, files: dict[str, list[str]], *, operation: str, run_id: str
) -> Snapshot:
    """The commit point: one new snapshot object. Call only while holding the commit lock."""
    snap = Snapshot(
        sequence=previous.sequence + 1,
        files={t: sorted(files.get(t, [])) for t in TABLES},
        committed_at=datetime.now(tz=UTC).isoformat(),
        operation=operation,
        run_id=run_id,
    )
    path = f"{snapshot_dir(lake)}/{_name(snap.sequence)}"
    if lake.exists(path):  # another writer broke the lock: refuse rather than overwrite
        raise RuntimeError(f"snapshot {snap.sequence} already exists; commit lock was not held")
    lake.write_json_atomic(path, snap.to_json())
    return snap


def prune(lake: Lake, keep: int = KEEP_SNAPSHOTS) -> None:
    """Drop old snapshot objects (their data files are already gone or still live)."""
    for name in snapshot_names(lake)[:-keep]:
        lake.fs.rm(f"{snapshot_dir(lake)}/{name}")
