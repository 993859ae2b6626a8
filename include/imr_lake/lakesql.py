"""DuckDB over the curated tables: views `determinations` and `treatments` of a lake.

Local lakes are read directly; remote ones (s3://) through the lake's fsspec filesystem
registered with DuckDB, because DuckDB's own httpfs extension is downloaded at run time.
"""

from __future__ import annotations

import sys
from typing import Any

from imr_lake.storage import Lake

TABLES = ("determinations", "treatments")
RETRIES = 5


def connect(lake_url: str) -> Any:
    """A DuckDB connection with one view per curated table (empty views if none yet).

    The views read exactly the files of the lake's newest snapshot, so a query sees one
    whole commit: never half a run, never a document twice.
    """
    for attempt in range(RETRIES):
        try:
            return _connect(Lake(lake_url))
        except Exception as exc:
            if attempt == RETRIES - 1 or not _retired_file(exc):
                raise
    raise AssertionError("unreachable")


def _connect(lake: Lake) -> Any:
    import duckdb

    from imr_lake.schema import DETERMINATIONS, TREATMENTS
    from imr_lake.snapshot import current

    con = duckdb.connect()
    if not lake.is_local:
        con.register_filesystem(lake.fs)
    snap = current(lake)
    for name, schema in zip(TABLES, (DETERMINATIONS, TREATMENTS), strict=True):
        files = [lake.url_of(p).replace("'", "''") for p in snap.paths(lake, name)]
        if files:
            listing = ", ".join(f"'{f}'" for f in files)
            con.execute(
                f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listing}], "
                "hive_partitioning = true, hive_types = {'decision_year': INTEGER}, "
                "union_by_name = true)"
            )
        else:
            con.from_arrow(schema.empty_table()).create_view(name)
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
