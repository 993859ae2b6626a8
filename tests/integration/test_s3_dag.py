"""The real imr_ingest DAG on S3 (SeaweedFS), with credentials only in the `imr_s3` Airflow
connection: the tasks take them from there, publish, and the lake holds up (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from imr_lake.generate import generate_corpus
from imr_lake.storage import filesystem
from lakecheck import assert_consistent
from seaweedfs import ACCESS_KEY, SECRET_KEY, seaweedfs

pytestmark = pytest.mark.slow


def test_dag_on_s3_with_credentials_from_the_connection(airflow, tmp_path: Path, monkeypatch):
    generate_corpus(tmp_path / "letters", 4, seed=3, layouts=["header_table"])
    with seaweedfs(tmp_path / "s3") as s3:
        for key, value in s3.env().items():
            monkeypatch.setenv(key, value)
        fs, _ = filesystem("s3://imr-raw")
        for pdf in sorted((tmp_path / "letters").glob("*.pdf")):
            fs.pipe_file(f"imr-raw/dag/{pdf.name}", pdf.read_bytes())
        fs.pipe_file("imr-raw/dag/broken.pdf", b"not a pdf at all")
        connection = {
            "conn_type": "aws",
            "login": ACCESS_KEY,
            "password": SECRET_KEY,
            "extra": {"endpoint_url": s3.endpoint, "region_name": "us-east-1"},
        }
        no_env_credentials = {  # the task environment has none: the connection must supply them
            "AWS_ACCESS_KEY_ID": "",
            "AWS_SECRET_ACCESS_KEY": "",
            "AWS_ENDPOINT_URL": "",
            "IMR_S3_ENDPOINT_URL": "",
            "AIRFLOW_CONN_IMR_S3": json.dumps(connection),
        }
        conf = {"source": "s3://imr-raw/dag", "lake": "s3://imr-lake/dag", "batch_size": 2}
        run = airflow.run_dag("imr_ingest", conf, env=no_env_credentials)
        assert run.returncode == 0, run.output[-4000:]
        assert SECRET_KEY not in run.output + run.task_logs()

        statuses = assert_consistent(conf["source"], conf["lake"], expected_objects=5)
        assert statuses["failed"] == 1 and statuses["published"] + statuses["quarantined"] == 4
