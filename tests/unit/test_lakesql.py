"""DuckDB views over the newest snapshot."""

from __future__ import annotations

import io
from pathlib import Path

from imr_lake.lakesql import connect, execute, query, run_sql
from imr_lake.publish import commit
from imr_lake.storage import Lake
from lake_rows import tables


def test_empty_lake_has_empty_views_with_the_contract_columns(tmp_path: Path) -> None:
    columns, rows = query(str(tmp_path), "SELECT * FROM treatments")
    assert rows == [] and columns[:3] == ["document_id", "case_id", "item_number"]


def test_views_ignore_files_outside_the_snapshot(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    commit(lake, tables(["a", "b"]), run_id="r1", replace=set())
    stray = f"{lake.curated('determinations')}/decision_year=2014/part-stray.parquet"
    first = lake.glob(f"{lake.curated('determinations')}/decision_year=2014/*.parquet")[0]
    lake.fs.copy(first, stray)  # e.g. installed by a commit that died before its snapshot
    _, rows = query(lake.url, "SELECT decision_year, document_id FROM determinations ORDER BY 2")
    assert rows == [(2014, "a"), (2015, "b")]


def test_a_query_on_a_retired_snapshot_is_run_again_on_the_new_one(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    commit(lake, tables(["a", "b"], "r1"), run_id="r1", replace=set())
    con = connect(lake.url)  # views over snapshot 1
    commit(lake, tables(["a"], "r2"), run_id="r2", replace={"a"})  # retires a's files
    _, cursor = execute(lake.url, "SELECT document_id, run_id FROM determinations ORDER BY 1", con)
    assert cursor.fetchall() == [("a", "r2"), ("b", "r1")]


def test_run_sql_prints_a_table(tmp_path: Path, capsys) -> None:
    lake = Lake(str(tmp_path))
    commit(lake, tables(["a", "b", "c"]), run_id="r1", replace=set())
    assert run_sql(lake.url, "SELECT count(*) AS n FROM determinations") == 0
    assert capsys.readouterr().out.split() == ["n", "-", "3"]
    assert run_sql(lake.url, "SELECT nope FROM determinations") == 1


def test_run_sql_reads_a_script_from_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    lake = Lake(str(tmp_path))
    commit(lake, tables(["a", "b"]), run_id="r1", replace=set())
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
