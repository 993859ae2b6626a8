"""The Trino and Athena DDL in ddl/ declare exactly the contract's columns and types."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest
from imr_lake.schema import DETERMINATIONS, PARTITION_COLUMN, TREATMENTS

DDL = Path(__file__).resolve().parents[2] / "ddl"
TYPES = {
    "trino": {
        pa.string(): "varchar",
        pa.int32(): "integer",
        pa.list_(pa.string()): "array(varchar)",
    },
    "athena": {pa.string(): "string", pa.int32(): "int", pa.list_(pa.string()): "array<string>"},
}


def _columns(sql: str, table: str) -> dict[str, str]:
    body = re.search(rf"TABLE IF NOT EXISTS [\w.]*\b{table} \((.*?)\n\)", sql, re.S).group(1)
    cols = {}
    for line in body.strip().splitlines():
        name, kind = line.strip().rstrip(",").split(None, 1)
        cols[name] = kind
    partition = re.search(rf"{table}.*?PARTITIONED BY \((\w+) (\w+)\)", sql, re.S)
    if partition:
        cols[partition.group(1)] = partition.group(2)
    return cols


@pytest.mark.parametrize("engine", ["trino", "athena"])
@pytest.mark.parametrize(
    "table,schema", [("determinations", DETERMINATIONS), ("treatments", TREATMENTS)]
)
def test_ddl_matches_the_contract(engine: str, table: str, schema: pa.Schema) -> None:
    sql = (DDL / f"{engine}.sql").read_text()
    expected = {f.name: TYPES[engine][f.type] for f in schema}
    assert _columns(sql, table) == expected
    assert f"/curated/{table}/" in sql
    assert PARTITION_COLUMN in sql
