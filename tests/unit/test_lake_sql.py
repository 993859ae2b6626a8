"""`imr-lake sql` over the lake's Delta tables: DuckDB's own delta_scan, the newest version
by default, `--as-of VERSION|TIMESTAMP` time travel, and clear errors for a point in time
that no version covers."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from imr_lake.cli import main
from imr_lake.lake.sql import AsOf, AsOfError, connect, query, run_sql
from imr_lake.lake.tables import TABLES
from imr_lake.storage import Lake
from lake_rows import publish as publish_run


def publish(lake: str, ids: list[str], run_id: str, withdraw: tuple[str, ...] = ()) -> None:
    """A real run's publication (pipeline.publish_run); `withdraw`: letters whose new parse
    failed validation, so they leave the curated tables."""
    publish_run(Lake(lake), [*ids, *withdraw], run_id, failed={d: ["expect_x"] for d in withdraw})


def _ids_runs(lake: str, as_of: AsOf | None = None) -> list[tuple]:
    _, rows = query(lake, "SELECT document_id, run_id FROM determinations ORDER BY 1", as_of)
    return rows


def test_empty_lake_has_empty_views_with_the_contract_columns(tmp_path: Path) -> None:
    columns, rows = query(str(tmp_path), "SELECT * FROM treatments")
    assert rows == [] and columns[:3] == ["document_id", "case_id", "item_number"]


def test_views_are_delta_scans_of_the_newest_version(tmp_path: Path) -> None:
    lake = str(tmp_path)
    publish(lake, ["a", "b"], "r1")
    con = connect(lake)
    publish(lake, ["b", "c"], "r2")  # replaces b: the open connection sees it too
    [(sql,)] = con.execute(
        "SELECT sql FROM duckdb_views() WHERE view_name = 'treatments'"
    ).fetchall()
    assert "delta_scan(" in sql
    _, rows = query(
        lake, "SELECT count(*), count(DISTINCT (document_id, item_number)) FROM treatments"
    )
    assert rows == [(6, 6)]
    assert con.execute("SELECT document_id, run_id FROM determinations ORDER BY 1").fetchall() == [
        ("a", "r1"),
        ("b", "r2"),
        ("c", "r2"),
    ]
    _, types = query(
        lake, "SELECT typeof(decision_year), typeof(run_id) FROM determinations LIMIT 1"
    )
    assert types == [("INTEGER", "VARCHAR")]


def test_files_outside_the_delta_log_are_not_read(tmp_path: Path) -> None:
    lake = str(tmp_path)
    publish(lake, ["a", "b"], "r1")
    table = Path(TABLES["determinations"].uri(Lake(lake)))
    part = next(table.glob("decision_year=2014/*.parquet"))
    (part.parent / "part-stray.parquet").write_bytes(part.read_bytes())  # a dead writer's file
    assert _ids_runs(lake) == [("a", "r1"), ("b", "r1")]


def test_as_of_a_version_and_a_timestamp(tmp_path: Path) -> None:
    lake = str(tmp_path)
    publish(lake, ["a", "b"], "r1")  # version 1 of each table (0: created empty)
    time.sleep(0.05)
    between = datetime.now(UTC)
    time.sleep(0.05)
    publish(lake, ["c"], "r2", withdraw=("a",))  # version 2: a left, c arrived
    assert _ids_runs(lake) == [("b", "r1"), ("c", "r2")]
    assert _ids_runs(lake, AsOf.parse("1")) == [("a", "r1"), ("b", "r1")]
    assert _ids_runs(lake, AsOf.parse("0")) == []
    assert _ids_runs(lake, AsOf.parse(between.isoformat())) == [("a", "r1"), ("b", "r1")]
    naive_utc = between.replace(tzinfo=None).isoformat()  # no zone: UTC
    assert _ids_runs(lake, AsOf.parse(naive_utc)) == [("a", "r1"), ("b", "r1")]
    later = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _ids_runs(lake, AsOf.parse(later)) == [("b", "r1"), ("c", "r2")]
    _, items = query(lake, "SELECT count(*) FROM treatments", AsOf.parse("1"))
    assert items == [(4,)]


def test_as_of_outside_the_history_is_a_clear_error(tmp_path: Path, capsys) -> None:
    lake = str(tmp_path)
    with pytest.raises(AsOfError, match="no table"):
        connect(lake, AsOf.parse("0"))
    publish(lake, ["a"], "r1")
    with pytest.raises(AsOfError, match="versions 0 to 1, not 7"):
        connect(lake, AsOf.parse("7"))
    with pytest.raises(AsOfError, match="no version as of 2020-01-01"):
        connect(lake, AsOf.parse("2020-01-01"))
    with pytest.raises(AsOfError, match="expected a version number or an ISO time stamp"):
        AsOf.parse("yesterday")
    assert main(["sql", "--lake", lake, "--as-of", "9", "SELECT 1"]) == 1
    assert (
        capsys.readouterr().err.strip() == "error: sql: determinations has versions 0 to 1, not 9"
    )


def test_imr_lake_sql_prints_a_table_now_and_as_of(tmp_path: Path, capsys) -> None:
    lake = str(tmp_path)
    publish(lake, ["a", "b", "c"], "r1")
    publish(lake, ["d"], "r2")
    assert main(["sql", "--lake", lake, "SELECT count(*) AS n FROM determinations"]) == 0
    assert capsys.readouterr().out.split() == ["n", "-", "4"]
    count = "SELECT count(*) AS n FROM determinations"
    assert main(["sql", "--lake", lake, "--as-of", "1", count]) == 0
    assert capsys.readouterr().out.split() == ["n", "-", "3"]
    assert run_sql(lake, "SELECT nope FROM determinations") == 1


def test_run_sql_reads_a_script_from_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    lake = str(tmp_path)
    publish(lake, ["a", "b"], "r1")
    script = "-- a comment\nSELECT decision_year, count(*) AS n\nFROM determinations\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(script + "GROUP BY 1 ORDER BY 1;\n"))
    assert run_sql(lake, None) == 0
    assert capsys.readouterr().out.split() == [
        "decision_year",
        "n",
        "-------------",
        "-",
        "2014",
        "1",
        "2015",
        "1",
    ]
