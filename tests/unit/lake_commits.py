"""Lakes of Delta tables for reader and maintenance tests, written with the lake's own
commit code (`commit_table`): one commit per curated table per simulated run, rows replaced
by document_id."""

from __future__ import annotations

import pyarrow as pa
from imr_lake.lake.commit import commit_table
from imr_lake.lake.delta import Replacement
from imr_lake.lake.tables import DETERMINATIONS_TABLE, TREATMENTS_TABLE, ensure_tables
from imr_lake.storage import Lake
from lake_rows import tables


def uri(lake_url: str, name: str) -> str:
    lake = Lake(lake_url)
    return lake.url_of(lake.curated(name))


def publish(lake_url: str, ids: list[str], run_id: str, withdraw: tuple[str, ...] = ()) -> None:
    """A run that published `ids` (replacing their rows) and withdrew `withdraw`."""
    lake = Lake(lake_url)
    ensure_tables(lake)
    rows = tables(ids, run_id)
    keys = pa.array(sorted({*ids, *withdraw}), pa.string())
    for table in (DETERMINATIONS_TABLE, TREATMENTS_TABLE):
        part = Replacement(rows[table.name], keys)
        commit_table(lake, table, lambda p=part: [p], run_id=run_id)
