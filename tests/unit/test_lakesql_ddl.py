"""ddl/ registers the lake's four Delta tables in Trino's Delta Lake connector and Athena.

Both engines take the columns, types and partitioning from the table's _delta_log, so the
DDL declares none; what is checked is that each table is registered at its location, and
that the schema a table's log carries (what those engines read) is DESIGN.md's contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pytest
from deltalake import DeltaTable
from imr_lake.lake.delta import ensure_table
from imr_lake.schema import DETERMINATIONS, LEDGER, PARTITION_COLUMN, QUARANTINE, TREATMENTS

DDL = Path(__file__).resolve().parents[2] / "ddl"
LAKE = "s3://imr-lake/lake"
TABLES = {
    "determinations": ("curated", "imr", DETERMINATIONS, [PARTITION_COLUMN]),
    "treatments": ("curated", "imr", TREATMENTS, [PARTITION_COLUMN]),
    "ledger": ("restricted", "imr_restricted", LEDGER, []),
    "quarantine": ("restricted", "imr_restricted", QUARANTINE, []),
}
# Delta log type -> the contract's Arrow type
TYPES = {
    "string": pa.string(),
    "integer": pa.int32(),
    "long": pa.int64(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "array<string>": pa.list_(pa.string()),
}


def _statements(engine: str) -> str:
    text = (DDL / f"{engine}.sql").read_text()
    return "\n".join(line for line in text.splitlines() if not line.startswith("--"))


def _log_type(field: dict) -> str:
    kind = field["type"]
    return kind if isinstance(kind, str) else f"array<{kind['elementType']}>"


@pytest.mark.parametrize("name", TABLES)
def test_trino_registers_each_delta_table_at_its_location(name: str) -> None:
    zone, schema_name, _, _ = TABLES[name]
    sql = _statements("trino")
    calls = re.findall(
        r"CALL delta\.system\.register_table\(\s*schema_name => '(\w+)',\s*"
        r"table_name => '(\w+)',\s*table_location => '([^']+)'\s*\);",
        sql,
    )
    assert (schema_name, name, f"{LAKE}/{zone}/{name}") in calls
    assert len(calls) == len(TABLES)
    assert f"CREATE SCHEMA IF NOT EXISTS delta.{schema_name};" in sql


@pytest.mark.parametrize("name", TABLES)
def test_athena_declares_each_delta_table_without_columns(name: str) -> None:
    zone, schema_name, _, _ = TABLES[name]
    sql = _statements("athena")
    statement = re.search(
        rf"CREATE EXTERNAL TABLE IF NOT EXISTS {schema_name}\.{name}\n(.*?);", sql, re.S
    )
    assert statement is not None
    assert statement.group(1).split("\n") == [
        f"LOCATION '{LAKE}/{zone}/{name}/'",
        "TBLPROPERTIES ('table_type' = 'DELTA')",
    ]
    assert "PARTITIONED BY" not in sql and "projection" not in sql  # from the log


@pytest.mark.parametrize("name", TABLES)
def test_the_delta_log_carries_the_contract_schema(name: str, tmp_path: Path) -> None:
    _, _, schema, partitions = TABLES[name]
    ensure_table(str(tmp_path), schema, partitions or None)
    table = DeltaTable(str(tmp_path))
    fields = json.loads(table.schema().to_json())["fields"]
    assert [f["name"] for f in fields] == schema.names
    assert [TYPES[_log_type(f)] for f in fields] == list(schema.types)
    assert table.metadata().partition_columns == partitions
