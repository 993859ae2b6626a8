"""Validation on the real imr_ingest DAG: quarantine one bad letter, or stop the whole run.

The bad letter is a synthetic letter whose injury date was typed after its decision date
(as real letters sometimes have it): it parses fine and only the cross-field rules catch it.
"""

from __future__ import annotations

import random
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
