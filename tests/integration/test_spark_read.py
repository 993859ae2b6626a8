"""PySpark reads the lake's Delta tables from each table's current file list
(`DeltaTable.file_uris()`, what a job without the Delta connector should do) with the rows
DuckDB's delta_scan sees, also after a re-publication replaced rows: the retired files,
still on disk until vacuum, are not in the list. (`format("delta")` needs the delta-spark
jars from Maven, which this environment cannot fetch: docs/lake.md has its configuration.)"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.generate import generate_corpus
from imr_lake.lake.sql import query
from imr_lake.lake.tables import TABLES
from imr_lake.pipeline import run_in_process
from imr_lake.storage import Lake

pyspark = pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("imr-lake-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Six letters published, then all re-parsed (every row replaced once)."""
    root = tmp_path_factory.mktemp("spark")
    generate_corpus(root / "source", 6, seed=5)
    url = str(root / "lake")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IMR_PSEUDONYM_KEY", "made-up-test-key-for-spark-tests")
        for run_id, reprocess in (("spark-1", False), ("spark-2", True)):
            run_in_process(
                source=str(root / "source"),
                lake=url,
                run_id=run_id,
                reprocess=reprocess,
                max_failed_share=1.0,
            )
    return url


def _frame(spark, lake: str, name: str):
    """The table's current version as a Spark frame: its file list, partition columns
    read from the Hive-style folder names under the table root."""
    uri = TABLES[name].uri(Lake(lake))
    files = DeltaTable(uri).file_uris()
    return spark.read.option("basePath", uri).parquet(*files), files


def test_spark_reads_the_current_file_list_like_duckdb(spark, lake: str) -> None:
    from pyspark.sql import functions as F

    frame, files = _frame(spark, lake, "treatments")
    root = Path(TABLES["treatments"].uri(Lake(lake)))
    on_disk = [p for p in root.rglob("*.parquet") if "_delta_log" not in p.parts]
    assert len(on_disk) > len(files), "the re-parse retired files that are still on disk"
    assert dict(frame.dtypes)["decision_year"] == "int"
    assert dict(frame.dtypes)["guideline_sources"] == "array<string>"
    by_year = {
        r["decision_year"]: (r["items"], r["docs"])
        for r in frame.groupBy("decision_year")
        .agg(F.count("*").alias("items"), F.countDistinct("document_id").alias("docs"))
        .collect()
    }
    _, rows = query(
        lake,
        "SELECT decision_year, count(*), count(DISTINCT document_id) FROM treatments GROUP BY 1",
    )
    assert by_year == {year: (items, docs) for year, items, docs in rows}
    assert sum(items for items, _ in by_year.values()) > 6


def test_spark_sees_each_document_once_after_the_reparse(spark, lake: str) -> None:
    frame, _ = _frame(spark, lake, "determinations")
    got = sorted((r["document_id"], r["run_id"]) for r in frame.collect())
    _, rows = query(lake, "SELECT document_id, run_id FROM determinations ORDER BY 1")
    assert got == rows
    assert len({doc for doc, _ in got}) == len(got) >= 4
    assert {run for _, run in got} == {"spark-2"}
