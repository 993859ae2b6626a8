"""DuckDB over the curated tables: views `determinations` and `treatments` of a lake.

Each view is DuckDB's own `delta_scan` of the Delta table (lake/duckdb_delta.py: the delta
and httpfs extensions from PyPI, an S3 secret from the environment for s3:// lakes).
"""

from __future__ import annotations

import sys
from typing import Any

from imr_lake.storage import Lake

TABLES = ("determinations", "treatments")
RETRIES = 5


def connect(lake_url: str) -> Any:
    """A DuckDB connection with one view per curated table (empty views if none yet).

    Each view reads the table's newest version, so a query sees one whole commit: never
    half a run, never a document twice.
    """
    for attempt in range(RETRIES):
        try:
            return _connect(Lake(lake_url))
        except Exception as exc:
            if attempt == RETRIES - 1 or not _retired_file(exc):
                raise
    raise AssertionError("unreachable")


def _connect(lake: Lake) -> Any:
    from deltalake import DeltaTable

    from imr_lake.lake import duckdb_delta
    from imr_lake.lake.delta import storage_options
    from imr_lake.lake.tables import TABLES as LAKE_TABLES

    con = duckdb_delta.connect(s3=not lake.is_local)
    for name in TABLES:
        table = LAKE_TABLES[name]
        uri = table.uri(lake)
        if DeltaTable.is_deltatable(uri, storage_options=storage_options(uri)):
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM {duckdb_delta.scan(uri)}")
        else:
            con.from_arrow(table.schema.empty_table()).create_view(name)
    return con


def _retired_file(exc: Exception) -> bool:
    """A file of the snapshot being read was deleted by a newer commit."""
    text = str(exc)
    return any(
        sign in text
        for sign in ("FileNotFoundError", "No such file", "NoSuchKey", "No files found")
    )


def format_table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join([line, rule, *body])


def execute(lake_url: str, sql: str, con: Any = None) -> tuple[Any, Any]:
    """Run one statement on the newest snapshot; if a commit retired one of its files
    meanwhile, run it again on the next snapshot (which holds the same or newer rows).
    Returns the connection used (a fresh one after a retry) and the cursor."""
    con = con or connect(lake_url)
    for attempt in range(RETRIES):
        try:
            return con, con.execute(sql)
        except Exception as exc:
            if attempt == RETRIES - 1 or not _retired_file(exc):
                raise
            con = connect(lake_url)
    raise AssertionError("unreachable")


def query(lake_url: str, sql: str) -> tuple[list[str], list[tuple]]:
    _, cursor = execute(lake_url, sql)
    return [d[0] for d in cursor.description], cursor.fetchall()


def run_sql(lake_url: str, sql: str | None) -> int:
    """`imr-lake sql`: one query; without one, a script piped on stdin or a prompt."""
    con = connect(lake_url)
    if sql:
        statements = [sql]
    elif not sys.stdin.isatty():
        script = sys.stdin.read()
        statements = [script] if script.strip() else []
        sql = script  # one script: its error is the command's error
    else:
        statements = _prompt()
    for statement in statements:
        try:
            con, cursor = execute(lake_url, statement, con)
        except Exception as exc:  # show DuckDB's message, keep the prompt going
            print(f"error: sql: {exc}", file=sys.stderr)
            if sql:
                return 1
            continue
        if cursor.description:
            print(format_table([d[0] for d in cursor.description], cursor.fetchall()))
    return 0


def _prompt():
    while True:
        try:
            line = input("imr-lake> ").strip()
        except EOFError:
            return
        if line in ("", ".quit", "exit"):
            if line:
                return
            continue
        yield line
