"""Commit a validated run: curated partitions, quarantine, ledger, run report.

Rows are replaced by document_id, never duplicated: a re-run, a reprocess or an
overlapping backfill removes older rows of the same documents from every partition.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from imr_lake.schema import PARTITION_COLUMN
from imr_lake.storage import Lake
from imr_lake.tables import write_table


def partition_path(lake: Lake, table: str, year: int, run_key: str) -> str:
    return f"{lake.curated(table)}/{PARTITION_COLUMN}={year}/part-{run_key}.parquet"


def curated_files(lake: Lake, table: str) -> list[str]:
    return lake.glob(f"{lake.curated(table)}/{PARTITION_COLUMN}=*/*.parquet")


def write_partitions(lake: Lake, name: str, table: pa.Table, run_key: str) -> list[str]:
    """One file per decision_year for this run (overwritten if the run is repeated)."""
    written = []
    years = sorted(set(table.column(PARTITION_COLUMN).to_pylist()))
    for year in years:
        rows = table.filter(pc.equal(table.column(PARTITION_COLUMN), year))
        path = partition_path(lake, name, year, run_key)
        write_table(lake, path, rows.drop_columns([PARTITION_COLUMN]))
        written.append(path)
    return written


def remove_documents(
    lake: Lake, name: str, document_ids: Iterable[str], keep: Iterable[str]
) -> int:
    """Drop rows of these documents from curated files other than `keep`; rows removed."""
    ids = pa.array(sorted(set(document_ids)), type=pa.string())
    keep_set = set(keep)
    removed = 0
    if len(ids) == 0:
        return 0
    for path in curated_files(lake, name):
        if path in keep_set:
            continue
        with lake.fs.open(path, "rb") as handle:
            table = pq.read_table(handle)
        hit = pc.is_in(table.column("document_id"), value_set=ids)
        count = pc.sum(hit).as_py() or 0
        if not count:
            continue
        removed += count
        rest = table.filter(pc.invert(hit))
        if rest.num_rows:
            tmp = path + ".rewrite"
            write_table(lake, tmp, rest)
            lake.fs.mv(tmp, path)
        else:
            lake.fs.rm(path)
    return removed


def records_json(table: pa.Table) -> dict[str, list[str]]:
    """document_id -> JSON of its rows, for the quarantine table."""
    out: dict[str, list[str]] = {}
    for row in table.to_pylist():
        out.setdefault(row["document_id"], []).append(json.dumps(row, default=str))
    return out


def staged_doc_ids(table: pa.Table) -> list[Any]:
    return table.column("document_id").to_pylist()
