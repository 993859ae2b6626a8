"""Validation on the real imr_ingest DAG: quarantine one bad letter, or stop the whole run.

The bad letter is a synthetic letter whose injury date was typed after its decision date
(as real letters sometimes have it): it parses fine and only the cross-field rules catch it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from imr_lake.deid.pseudonym import document_id
from imr_lake.document import sha256_hex
from imr_lake.generate import generate_corpus, pick_style
from imr_lake.generate.case import build_case
from imr_lake.generate.flow import render
from imr_lake.generate.layouts import writers

from tests.conftest import TEST_KEY

pytestmark = pytest.mark.slow

RULE = "determinations.decision_year.gte_injury_year"
BAD = "zz_injury_after_decision.pdf"


def injury_after_decision_letter(seed: int) -> bytes:
    """A header_table letter whose date of injury is 400 days after its decision date."""
    rng = random.Random(f"bad:{seed}")
    case = build_case("header_table", rng, ["physical_therapy"])
    case.injury_date = case.decision_date + timedelta(days=400)
    composed = writers()["header_table"].compose(case)
    style = pick_style(rng)
    style.running_header = composed.running_header
    return render(composed.blocks, style)


def _corpus(root: Path, good: int, seed: int) -> tuple[Path, str]:
    source = root / "source"
    generate_corpus(source, good, seed=seed, layouts=["header_table"])
    (source / BAD).write_bytes(injury_after_decision_letter(seed))
    bad_doc = document_id(TEST_KEY.encode(), sha256_hex((source / BAD).read_bytes()))
    return source, bad_doc


def _curated(lake: Path, table: str) -> list[Path]:
    return sorted((lake / "curated" / table).rglob("*.parquet"))


def _report(lake: Path) -> str:
    reports = list(lake.glob("restricted/reports/*/validation.html"))
    assert len(reports) == 1, reports
    return reports[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def quarantined(airflow, tmp_path_factory):
    """Five good letters and one bad one; 50% allowed, so the run goes on."""
    root = tmp_path_factory.mktemp("one_bad")
    source, bad_doc = _corpus(root, 5, seed=21)
    lake = root / "lake"
    conf = {"source": str(source), "lake": str(lake), "batch_size": 3, "max_failed_share": 0.5}
    run = airflow.run_dag("imr_ingest", conf)
    assert run.returncode == 0, run.output[-4000:]
    return lake, bad_doc, run


def test_bad_letter_is_quarantined_with_rule_and_run_id(quarantined) -> None:
    lake, bad_doc, _ = quarantined
    files = list((lake / "restricted" / "quarantine").glob("*.parquet"))
    rows = [r for f in files for r in pq.read_table(f).to_pylist()]
    assert {r["document_id"] for r in rows} == {bad_doc}
    assert {r["table_name"] for r in rows} >= {"determinations", "treatments"}
    assert all(RULE in r["failed_expectations"] for r in rows)
    assert all(r["reason"] == "validation" and r["key"].endswith(BAD) for r in rows)
    run_ids = {r["run_id"] for r in rows}
    assert len(run_ids) == 1 and next(iter(run_ids)).startswith("manual__")


def test_the_other_letters_publish(quarantined) -> None:
    lake, bad_doc, _ = quarantined
    con = duckdb.connect()
    ids = [
        r[0]
        for r in con.execute(
            f"SELECT document_id FROM read_parquet('{lake}/curated/determinations/*/*.parquet')"
        ).fetchall()
    ]
    assert len(ids) == 5 and bad_doc not in ids
    treated = con.execute(
        f"SELECT count(*) FROM read_parquet('{lake}/curated/treatments/*/*.parquet') "
        "WHERE document_id = ?",
        [bad_doc],
    ).fetchone()[0]
    assert treated == 0
    statuses = dict(
        con.execute(
            f"SELECT status, count(*) FROM read_parquet('{lake}/restricted/ledger/*.parquet') "
            "GROUP BY status"
        ).fetchall()
    )
    assert statuses == {"published": 5, "quarantined": 1}


def test_report_exists_and_names_the_rule(quarantined) -> None:
    lake, bad_doc, _ = quarantined
    html = _report(lake)
    assert RULE in html and bad_doc in html
    assert "6 documents: 5 passed, 1 failed" in html


def test_over_the_threshold_the_run_fails_and_publishes_nothing(airflow, tmp_path) -> None:
    source, bad_doc = _corpus(tmp_path, 3, seed=22)  # 1 of 4 fails: 25% > 5%
    lake = tmp_path / "lake"
    run = airflow.run_dag("imr_ingest", {"source": str(source), "lake": str(lake)})
    assert run.returncode != 0
    logs = run.output + run.task_logs()
    assert "ValidationThresholdExceeded" in logs
    assert "1 of 4 documents" in logs and RULE in logs
    assert _curated(lake, "determinations") == [] and _curated(lake, "treatments") == []
    assert not list((lake / "restricted" / "quarantine").glob("*.parquet"))
    html = _report(lake)
    assert "threshold exceeded" in html and RULE in html and bad_doc in html


def test_task_log_gives_the_report_path(quarantined) -> None:
    lake, _, run = quarantined
    assert "validation.html" in run.output + run.task_logs()


REPORT_TAB_PROBE = """
import json, sys
from urllib.parse import quote
from fastapi.testclient import TestClient
from airflow.api_fastapi.app import init_auth_manager
from airflow.api_fastapi.auth.managers.base_auth_manager import COOKIE_NAME_JWT_TOKEN
from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
from imr_lake.validate.web import create_app

run_id = sys.argv[1]
token = init_auth_manager().generate_jwt(SimpleAuthManagerUser(username="ann", role="viewer"))
client = TestClient(create_app())  # the real access check and the run's lake from the DB
url = "/reports/imr_ingest/" + quote(run_id, safe="")
seen = client.get(url, cookies={COOKIE_NAME_JWT_TOKEN: token})
anonymous = client.get(url)
missing = client.get("/reports/imr_ingest/no_such_run", cookies={COOKIE_NAME_JWT_TOKEN: token})
print(json.dumps({"seen": seen.status_code, "page": seen.text, "anonymous": anonymous.status_code,
                  "anonymous_page": anonymous.text, "missing": missing.status_code}))
"""


def test_report_tab_shows_the_report_to_logged_in_users_only(airflow, quarantined) -> None:
    """The plugin's route, with Airflow's own auth manager and the run recorded by the DAG."""
    lake, bad_doc, _ = quarantined
    quarantine = next((lake / "restricted" / "quarantine").glob("*.parquet"))
    run_id = pq.read_table(quarantine).column("run_id")[0].as_py()
    done = subprocess.run(
        [sys.executable, "-c", REPORT_TAB_PROBE, run_id],
        env=airflow.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["seen"] == 200 and RULE in result["page"] and bad_doc in result["page"]
    assert result["anonymous"] == 401 and RULE not in result["anonymous_page"]
    assert result["missing"] == 404


def test_airflow_loads_the_report_plugin(airflow) -> None:
    listed = airflow.airflow("plugins", "--output", "json")
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "imr_lake_validation_report" in listed.stdout
    assert "imr-lake/reports/{DAG_ID}/{RUN_ID}" in listed.stdout
