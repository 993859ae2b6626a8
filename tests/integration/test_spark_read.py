"""PySpark reads the lake: through the Delta table's current file list (what a job without
the Delta connector should do) and
as a plain Hive-partitioned folder, with the same rows DuckDB sees. Local lake: Spark's S3A
connector needs Hadoop jars downloaded at run time, which this environment cannot do."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from imr_lake.generate import generate_corpus
from imr_lake.lake.tables import TREATMENTS_TABLE
from imr_lake.lakesql import query
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
    root = tmp_path_factory.mktemp("spark")
    generate_corpus(root / "source", 6, seed=5)
    url = str(root / "lake")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IMR_PSEUDONYM_KEY", "made-up-test-key-for-spark-tests")
        run_in_process(source=str(root / "source"), lake=url, run_id="spark", max_failed_share=1.0)
    return url


def test_spark_reads_the_current_files_like_duckdb(spark, lake: str) -> None:
    from deltalake import DeltaTable
    from pyspark.sql import functions as F

    handle = Lake(lake)
    root = handle.curated("treatments")
    files = DeltaTable(TREATMENTS_TABLE.uri(handle)).file_uris()
    frame = spark.read.option("basePath", root).parquet(*files)
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


def test_spark_reads_the_hive_folders(spark, lake: str) -> None:
    frame = spark.read.parquet(Lake(lake).curated("determinations"))
    docs = {r["document_id"] for r in frame.select("document_id").collect()}
    _, rows = query(lake, "SELECT document_id FROM determinations")
    assert docs == {r[0] for r in rows}
    assert frame.count() == len(docs) == len(rows) >= 4
