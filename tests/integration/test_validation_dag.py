"""Validation on the real imr_ingest DAG: quarantine one bad letter, or stop the whole run.

The bad letter is a byte-for-byte copy of a published letter under a new key (a re-upload
under another name). It parses like any other letter. Only the rule that a document must
not already be in the lake (`determinations.document_id.not_in_lake`) catches it. That
keeps these tests independent of parser heuristics. Each rule has its own one-bad-value
test in tests/unit/test_validate_rules.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.deid.pseudonym import document_id
from imr_lake.document import sha256_hex
from imr_lake.generate import generate_corpus
from imr_lake.lake import duckdb_delta

from tests.conftest import TEST_KEY

pytestmark = pytest.mark.slow

RULE = "determinations.document_id.not_in_lake"
COPY = "reuploaded_copy.pdf"


def _doc_id(path: Path) -> str:
    return document_id(TEST_KEY.encode(), sha256_hex(path.read_bytes()))


def _good_letters(dest: Path, count: int, seed: int, prefix: str) -> list[Path]:
    """`count` generated letters, copied into `dest`: every one must publish.

    Not filtered through the product's own parser: a letter the parser misreads is a
    parser regression and fails these tests, as it should (issue 13).
    """
    pool = dest.parent / f"pool-{prefix}"
    records = generate_corpus(pool, count, seed=seed, layouts=["header_table"])
    assert all(r["error_code"] is None for r in records)
    dest.mkdir(parents=True, exist_ok=True)
    return [
        Path(shutil.copyfile(pool / r["file"], dest / f"{prefix}_{r['file']}")) for r in records
    ]


def _first_run(airflow, root: Path, count: int, seed: int) -> tuple[Path, Path, list[Path]]:
    source, lake = root / "source", root / "lake"
    letters = _good_letters(source, count, seed, "first")
    run = airflow.run_dag("imr_ingest", {"source": str(source), "lake": str(lake)})
    assert run.returncode == 0, run.output[-4000:]
    return source, lake, letters


def _version(lake: Path, table: str) -> int:
    """The Delta table's version: a commit to it would raise it."""
    return DeltaTable(str(lake / table)).version()


def _quarantine(lake: Path) -> list[dict]:
    return DeltaTable(str(lake / "restricted" / "quarantine")).to_pyarrow_table().to_pylist()


def _scan(lake: Path, table: str) -> str:
    return duckdb_delta.scan(str(lake / table))


def _reports(lake: Path) -> set[Path]:
    return set(lake.glob("restricted/reports/*/validation.html"))


def _rows(lake: Path, sql_from: str, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb_delta.connect()
    return con.execute(query.replace("{t}", sql_from), params or []).fetchall()


@pytest.fixture(scope="module")
def quarantined(airflow, tmp_path_factory):
    """Run 1 publishes four letters. Run 2 sees two new letters and one re-uploaded copy;
    with 50% allowed, it quarantines the copy and publishes the two new letters."""
    source, lake, first = _first_run(airflow, tmp_path_factory.mktemp("one_bad"), 4, seed=21)
    before = _reports(lake)
    copy = Path(shutil.copyfile(first[0], source / COPY))
    new = _good_letters(source, 2, seed=121, prefix="new")
    conf = {"source": str(source), "lake": str(lake), "batch_size": 2, "max_failed_share": 0.5}
    run = airflow.run_dag("imr_ingest", conf)
    assert run.returncode == 0, run.output[-4000:]
    (report,) = _reports(lake) - before
    return lake, _doc_id(copy), [_doc_id(p) for p in new], report, run


def test_bad_letter_is_quarantined_with_rule_and_run_id(quarantined) -> None:
    lake, bad_doc, _, _, _ = quarantined
    rows = _quarantine(lake)
    assert {r["document_id"] for r in rows} == {bad_doc}
    assert {r["table_name"] for r in rows} >= {"determinations", "treatments"}
    assert all(r["failed_expectations"] == [RULE] for r in rows)
    assert all(r["reason"] == "validation" and r["key"].endswith(COPY) for r in rows)
    run_ids = {r["run_id"] for r in rows}
    assert len(run_ids) == 1 and next(iter(run_ids)).startswith("manual__")


def test_the_other_letters_publish_and_nothing_is_duplicated(quarantined) -> None:
    lake, bad_doc, new_docs, _, _ = quarantined
    dets = _scan(lake, "curated/determinations")
    ids = [r[0] for r in _rows(lake, dets, "SELECT document_id FROM {t}")]
    assert len(ids) == 6 == len(set(ids))  # four from run 1, two new
    assert set(new_docs) <= set(ids) and ids.count(bad_doc) == 1  # the original stays
    ledger = _scan(lake, "restricted/ledger")
    statuses = dict(
        _rows(
            lake,
            ledger,
            "SELECT status, count(*) FROM {t} WHERE run_id = "
            "(SELECT run_id FROM {t} WHERE key LIKE ?) GROUP BY status",
            [f"%{COPY}"],
        )
    )
    assert statuses == {"published": 2, "quarantined": 1}


def test_report_exists_and_names_the_rule(quarantined) -> None:
    _, bad_doc, _, report, _ = quarantined
    html = report.read_text(encoding="utf-8")
    assert RULE in html and bad_doc in html
    assert "3 documents: 2 passed, 1 failed" in html


def test_over_the_threshold_the_run_fails_and_publishes_nothing(airflow, tmp_path) -> None:
    source, lake, first = _first_run(airflow, tmp_path, 3, seed=22)
    shutil.copyfile(first[1], source / COPY)
    new = _good_letters(source, 1, seed=122, prefix="new")
    published, before = _version(lake, "curated/determinations"), _reports(lake)
    quarantine_before = _version(lake, "restricted/quarantine")
    run = airflow.run_dag("imr_ingest", {"source": str(source), "lake": str(lake)})
    assert run.returncode != 0  # 1 of 2 documents fails: 50% > 5%
    logs = run.output + run.task_logs()
    assert "ValidationThresholdExceeded" in logs
    assert "1 of 2 documents" in logs and f"{RULE} (1)" in logs
    assert _version(lake, "curated/determinations") == published  # not even the good letter
    dets = _scan(lake, "curated/determinations")
    assert _rows(
        lake, dets, "SELECT count(*) FROM {t} WHERE document_id = ?", [_doc_id(new[0])]
    ) == [(0,)]
    assert _version(lake, "restricted/quarantine") == quarantine_before
    (report,) = _reports(lake) - before
    html = report.read_text(encoding="utf-8")
    assert "threshold exceeded" in html and RULE in html


def test_task_log_gives_the_report_path(quarantined) -> None:
    _, _, _, report, run = quarantined
    assert str(report) in run.output + run.task_logs()


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
    lake, bad_doc, _, _, _ = quarantined
    rows = [row for row in _quarantine(lake) if row["document_id"] == bad_doc]
    run_id = rows[0]["run_id"]
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
