"""Lakes of Delta tables for reader and maintenance tests, written with the lake's own
commit code: one commit per curated table per simulated run, rows replaced by document_id."""

from __future__ import annotations

from imr_lake.lake.delta import ensure_table, replace_rows
from imr_lake.schema import DETERMINATIONS, PARTITION_COLUMN, TREATMENTS
from imr_lake.storage import Lake
from lake_rows import tables

SCHEMAS = {"determinations": DETERMINATIONS, "treatments": TREATMENTS}


def uri(lake_url: str, name: str) -> str:
    lake = Lake(lake_url)
    return lake.url_of(lake.curated(name))


def publish(lake_url: str, ids: list[str], run_id: str, withdraw: tuple[str, ...] = ()) -> None:
    """A run that published `ids` (replacing their rows) and withdrew `withdraw`."""
    rows = tables(ids, run_id)
    for name, schema in SCHEMAS.items():
        ensure_table(uri(lake_url, name), schema, [PARTITION_COLUMN])
        replace_rows(uri(lake_url, name), rows[name], key="document_id", replace={*ids, *withdraw})
