"""Checks the lake tests share: the invariants every run, crash and recovery must keep.

- DuckDB over the lake's views (what `imr-lake sql` reads: `delta_scan`) shows each document
  once and each treatment item once;
- deltalake's own reader (pyarrow) agrees with DuckDB's on the same table version;
- the ledger accounts for every source object exactly once: published + quarantined +
  failed == objects discovered, and the published documents are exactly the curated ones.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from imr_lake.lake.delta import read_rows
from imr_lake.lake.ledger import FAILED, PUBLISHED, QUARANTINED, current_state
from imr_lake.lake.sql import query
from imr_lake.schema import DETERMINATIONS
from imr_lake.storage import Lake, Source

CHILD = Path(__file__).with_name("lake_child.py")


def view_counts(lake_url: str) -> dict[str, int]:
    """Rows and distinct keys through the DuckDB views (delta_scan of the newest version)."""
    _, [row] = query(
        lake_url,
        "SELECT (SELECT count(*) FROM determinations), "
        "(SELECT count(DISTINCT document_id) FROM determinations), "
        "(SELECT count(*) FROM treatments), "
        "(SELECT count(DISTINCT (document_id, item_number)) FROM treatments)",
    )
    return dict(zip(("rows", "documents", "items", "distinct_items"), row, strict=True))


def delta_counts(lake_url: str) -> dict[str, int]:
    """What deltalake's own reader sees in the determinations table (a second engine)."""
    from imr_lake.lake.tables import DETERMINATIONS_TABLE

    ids = read_rows(DETERMINATIONS_TABLE.uri(Lake(lake_url)), DETERMINATIONS)["document_id"]
    return {"rows": len(ids), "documents": len(set(ids.to_pylist()))}


def ledger_history(lake_url: str) -> list[tuple]:
    """Every ledger row ever committed: the rows of each version of the Delta ledger (one
    per object in each), as (key, status, run_id, last_processed), each once, sorted."""
    from deltalake import DeltaTable
    from imr_lake.lake.tables import LEDGER_TABLE

    table = DeltaTable(LEDGER_TABLE.uri(Lake(lake_url)))
    rows = set()
    for version in range(1, table.version() + 1):
        table.load_as_version(version)
        data = table.to_pyarrow_table(columns=["key", "status", "run_id", "last_processed"])
        rows.update(zip(*(data[c].to_pylist() for c in data.column_names), strict=True))
    return sorted(rows)


def curated_ids(lake_url: str) -> set[str]:
    return {r[0] for r in query(lake_url, "SELECT document_id FROM determinations")[1]}


def assert_consistent(source_url: str, lake_url: str, expected_objects: int | None = None) -> dict:
    """Every invariant at once; returns the status counts of the ledger."""
    counts = view_counts(lake_url)
    assert counts["rows"] == counts["documents"], f"duplicate document_id: {counts}"
    assert counts["items"] == counts["distinct_items"], f"duplicate treatment item: {counts}"
    assert delta_counts(lake_url) == {"rows": counts["rows"], "documents": counts["documents"]}

    source_keys = {o.key for o in Source(source_url).list_letters()}
    state = current_state(Lake(lake_url))
    assert set(state) == source_keys, "ledger and source disagree on the objects"
    if expected_objects is not None:
        assert len(source_keys) == expected_objects
    statuses = {PUBLISHED: 0, QUARANTINED: 0, FAILED: 0}
    for row in state.values():
        statuses[row["status"]] += 1
        assert row["first_seen"] <= row["last_processed"]
        assert row["sha256"] and row["etag"] and row["parser_version"] and row["run_id"]
    assert sum(statuses.values()) == len(source_keys)
    published_docs = {r["document_id"] for r in state.values() if r["status"] == PUBLISHED}
    assert published_docs == curated_ids(lake_url)
    return statuses


def assert_summary_adds_up(summary) -> None:
    assert summary.published + summary.quarantined + summary.failed == summary.discovered


def assert_output_adds_up(output: str) -> dict[str, int]:
    """The summary printed by a run: published + quarantined + failed == discovered."""
    discovered = int(re.search(r"(\d+) letters discovered", output).group(1))
    last = output.strip().splitlines()[-1]
    counts = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", last)}
    assert counts["published"] + counts["quarantined"] + counts["failed"] == discovered, output
    return {**counts, "discovered": discovered}


def start_child(
    source: str,
    lake: str,
    run_id: str,
    workdir: Path,
    *,
    pause_at: str = "",
    reprocess: bool = False,
    batch_size: int = 200,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen, Path]:
    """`run_in_process` in a child process that can stop itself at `pause_at` (a function
    name, e.g. `lake.commit.commit_table:2`) and wait there to be killed or released."""
    marker = workdir / f"paused-{run_id}"
    args = [sys.executable, str(CHILD), source, lake, run_id, str(marker), pause_at]
    args += ["--reprocess"] if reprocess else []
    args += ["--batch-size", str(batch_size)]
    proc = subprocess.Popen(
        args,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return proc, marker


def wait_paused(proc: subprocess.Popen, marker: Path, limit: float = 240.0) -> None:
    """Wait until the child reached its pause point (fail if it exited instead)."""
    deadline = time.monotonic() + limit
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited {proc.returncode}: {proc.stdout.read()[-3000:]}")
        assert time.monotonic() < deadline, "child never reached its pause point"
        time.sleep(0.1)


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL: no cleanup code runs, as in a lost worker."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def release(marker: Path) -> None:
    marker.with_suffix(".go").write_text("go")
