"""`imr-lake sql`: DuckDB views `determinations` and `treatments` over the lake's Delta tables.

Each view is DuckDB's own `delta_scan` of its table (duckdb_delta.py: the delta and httpfs
extensions from PyPI, an S3 secret from the environment for s3:// lakes), exactly what an
analyst's DuckDB runs, so every query reads one committed version of each table.

Time travel (`--as-of`): a version number pins each view to that version of its table
(`delta_scan(..., version := N)`); a time stamp pins each table to its newest version
committed at or before that time. DuckDB's delta extension 1.5.5 only takes a version, so
the time stamp is resolved to a version from the table's history (deltalake), with the rule
Spark and newer delta extensions apply. (`DeltaTable.load_as_version(datetime)` is not used:
in deltalake 1.6.6 it answers the oldest version for a time before the table existed.)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from imr_lake.lake import duckdb_delta
from imr_lake.lake.delta import storage_options
from imr_lake.lake.tables import DETERMINATIONS_TABLE, TREATMENTS_TABLE, LakeTable
from imr_lake.storage import Lake

VIEWS: tuple[LakeTable, ...] = (DETERMINATIONS_TABLE, TREATMENTS_TABLE)


class AsOfError(ValueError):
    """An --as-of that names no version of a table (before it existed, or not yet)."""


@dataclass(frozen=True)
class AsOf:
    """A point in a table's history: a version number or a time stamp (UTC if no zone)."""

    version: int | None = None
    timestamp: datetime | None = None

    @classmethod
    def parse(cls, text: str) -> AsOf:
        text = text.strip()
        if re.fullmatch(r"\d+", text):
            return cls(version=int(text))
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise AsOfError(
                f"--as-of {text!r}: expected a version number or an ISO time stamp "
                "(2026-03-01, 2026-03-01T03:00:00Z)"
            ) from None
        return cls(timestamp=when if when.tzinfo else when.replace(tzinfo=UTC))

    def version_of(self, uri: str, name: str) -> int:
        """This point as a version of the table at `uri`."""
        from deltalake import DeltaTable

        table = DeltaTable(uri, storage_options=storage_options(uri))
        latest = table.version()
        if self.version is not None:
            if self.version > latest:
                raise AsOfError(f"{name} has versions 0 to {latest}, not {self.version}")
            return self.version
        assert self.timestamp is not None
        at = self.timestamp.timestamp() * 1000
        found = [h["version"] for h in table.history() if h["timestamp"] <= at]
        if not found:
            oldest = min(h["timestamp"] for h in table.history()) / 1000
            raise AsOfError(
                f"{name} has no version as of {self.timestamp.isoformat()} (its oldest is "
                f"from {datetime.fromtimestamp(oldest, UTC).isoformat(timespec='seconds')})"
            )
        return max(found)


def _is_table(uri: str) -> bool:
    from deltalake import DeltaTable

    return DeltaTable.is_deltatable(uri, storage_options=storage_options(uri))


def connect(lake_url: str, as_of: AsOf | None = None) -> Any:
    """A DuckDB connection with the views `determinations` and `treatments`.

    Without `as_of` each view reads its table's newest version at every query; a table not
    created yet is an empty view with the contract's columns. With `as_of` each view is
    pinned to one version.
    """
    lake = Lake(lake_url)
    con = duckdb_delta.connect(s3=not lake.is_local)
    for table in VIEWS:
        uri = table.uri(lake)
        if _is_table(uri):
            version = as_of.version_of(uri, table.name) if as_of else None
            scan = duckdb_delta.scan(uri, version)
            con.execute(f"CREATE VIEW {table.name} AS SELECT * FROM {scan}")
        elif as_of:
            raise AsOfError(f"{table.name}: no table at {uri}")
        else:
            con.from_arrow(table.schema.empty_table()).create_view(table.name)
    return con


def query(lake_url: str, sql: str, as_of: AsOf | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one statement over the lake's views."""
    cursor = connect(lake_url, as_of).execute(sql)
    return [d[0] for d in cursor.description], cursor.fetchall()


def format_table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join([line, rule, *body])


def run_sql(lake_url: str, sql: str | None, as_of: str | None = None) -> int:
    """`imr-lake sql`: one query; without one, a script piped on stdin or a prompt."""
    try:
        con = connect(lake_url, AsOf.parse(as_of) if as_of else None)
    except AsOfError as exc:
        print(f"error: sql: {exc}", file=sys.stderr)
        return 1
    if sql:
        statements: Iterator[str] | list[str] = [sql]
    elif not sys.stdin.isatty():
        script = sys.stdin.read()
        statements = [script] if script.strip() else []
        sql = script  # one script: its error is the command's error
    else:
        statements = _prompt()
    for statement in statements:
        try:
            cursor = con.execute(statement)
        except Exception as exc:  # show DuckDB's message, keep the prompt going
            print(f"error: sql: {exc}", file=sys.stderr)
            if sql:
                return 1
            continue
        if cursor.description:
            print(format_table([d[0] for d in cursor.description], cursor.fetchall()))
    return 0


def _prompt() -> Iterator[str]:
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
