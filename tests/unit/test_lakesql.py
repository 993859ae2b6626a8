"""DuckDB views (delta_scan) over the newest version of the Delta tables."""

from __future__ import annotations

import io
from pathlib import Path

from imr_lake.lakesql import connect, execute, query, run_sql
from imr_lake.storage import Lake
from lake_rows import publish


def test_empty_lake_has_empty_views_with_the_contract_columns(tmp_path: Path) -> None:
    columns, rows = query(str(tmp_path), "SELECT * FROM treatments")
    assert rows == [] and columns[:3] == ["document_id", "case_id", "item_number"]


def test_views_ignore_files_outside_the_table(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    publish(lake, ["a", "b"], "r1")
    stray = f"{lake.curated('determinations')}/decision_year=2014/part-stray.parquet"
    first = lake.glob(f"{lake.curated('determinations')}/decision_year=2014/*.parquet")[0]
    lake.fs.copy(first, stray)  # e.g. written by a commit that died before its log entry
    _, rows = query(lake.url, "SELECT decision_year, document_id FROM determinations ORDER BY 2")
    assert rows == [(2014, "a"), (2015, "b")]


def test_a_connection_made_before_a_commit_reads_the_new_version(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    publish(lake, ["a", "b"], "r1")
    con = connect(lake.url)  # views made at version 1
    publish(lake, ["a"], "r2")  # retires a's files
    _, cursor = execute(lake.url, "SELECT document_id, run_id FROM determinations ORDER BY 1", con)
    assert cursor.fetchall() == [("a", "r2"), ("b", "r1")]


def test_run_sql_prints_a_table(tmp_path: Path, capsys) -> None:
    lake = Lake(str(tmp_path))
    publish(lake, ["a", "b", "c"], "r1")
    assert run_sql(lake.url, "SELECT count(*) AS n FROM determinations") == 0
    assert capsys.readouterr().out.split() == ["n", "-", "3"]
    assert run_sql(lake.url, "SELECT nope FROM determinations") == 1


def test_run_sql_reads_a_script_from_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    lake = Lake(str(tmp_path))
    publish(lake, ["a", "b"], "r1")
    script = "-- a comment\nSELECT decision_year, count(*) AS n\nFROM determinations\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(script + "GROUP BY 1 ORDER BY 1;\n"))
    assert run_sql(lake.url, None) == 0
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
