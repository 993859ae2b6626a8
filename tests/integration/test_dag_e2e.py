"""The real imr_ingest DAG, run by Airflow on a few letters into a temporary lake."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import duckdb
import pytest
from clean_output import noise
from conftest import TEST_KEY
from imr_lake.deid.pseudonym import document_id
from imr_lake.document import sha256_hex
from imr_lake.generate import generate_corpus
from imr_lake.lake import duckdb_delta

FULL_DATE = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},\s+\d{4}\b"
)


@pytest.fixture(scope="module")
def ingested(airflow, tmp_path_factory):
    """Five letters, two broken files, one DAG run with batches of two."""
    source = tmp_path_factory.mktemp("source")
    lake = tmp_path_factory.mktemp("lake")
    truth = generate_corpus(source, 5, seed=11, layouts=["header_table"])
    (source / "empty.pdf").write_bytes(b"")
    (source / "notes.pdf").write_bytes(b"this is a text file, not a PDF\n")
    run = airflow.run_dag("imr_ingest", {"source": str(source), "lake": str(lake), "batch_size": 2})
    assert run.returncode == 0, run.output[-4000:]
    return source, lake, truth, run


def _views(lake: Path) -> duckdb.DuckDBPyConnection:
    """DuckDB's own delta_scan of the Delta tables the run committed."""
    con = duckdb_delta.connect()
    zones = {"determinations": "curated", "treatments": "curated", "ledger": "restricted"}
    for name, zone in zones.items():
        scan = duckdb_delta.scan(str(lake / zone / name))
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {scan}")
    return con


def test_dag_publishes_every_letter_and_fails_broken_files(ingested) -> None:
    _, lake, truth, run = ingested
    con = _views(lake)
    assert con.execute("SELECT count(*) FROM determinations").fetchone()[0] == len(truth)
    expected_items = sum(len(t["raw"]["treatments"]) for t in truth)
    assert con.execute("SELECT count(*) FROM treatments").fetchone()[0] == expected_items
    statuses = dict(con.execute("SELECT status, count(*) FROM ledger GROUP BY status").fetchall())
    assert statuses == {"published": 5, "failed": 2}
    codes = sorted(
        r[0] for r in con.execute("SELECT error_code FROM ledger WHERE status='failed'").fetchall()
    )
    assert codes == ["empty", "not_pdf"]
    mapped = re.findall(r"starting task_id=process_batch map_index=(\d+)", run.output)
    assert sorted(set(mapped)) == ["0", "1", "2", "3"], (
        "7 objects in batches of 2 -> 4 mapped tasks"
    )


def test_curated_values_match_the_letters(ingested) -> None:
    source, lake, truth, _ = ingested
    con = _views(lake)
    for record in truth:
        doc = document_id(TEST_KEY.encode(), sha256_hex((source / record["file"]).read_bytes()))
        raw = record["raw"]
        row = con.execute(
            "SELECT layout, decision_year, injury_year, patient_age, patient_gender, priority, "
            "treatment_count, overall_outcome FROM determinations "
            "WHERE document_id = ?",
            [doc],
        ).fetchone()
        assert row is not None, record["file"]
        assert row == (
            "header_table",
            int(raw["decision_date"][:4]),
            int(raw["injury_date"][:4]) if raw["injury_date"] else None,
            min(raw["patient_age"], 90) if raw["patient_age"] is not None else None,
            raw["patient_gender"],
            raw["priority"],
            len(raw["treatments"]),
            raw["overall_outcome"],
        )
        items = con.execute(
            "SELECT item_number, decision, guideline_sources FROM treatments "
            "WHERE document_id = ? ORDER BY item_number",
            [doc],
        ).fetchall()
        assert items == [
            (t["item_number"], t["decision"], t["guideline_sources"]) for t in raw["treatments"]
        ]


def test_no_case_number_or_full_date_in_curated_files(ingested) -> None:
    _, lake, truth, _ = ingested
    con = _views(lake)
    text = json.dumps(
        [con.execute(f"SELECT * FROM {t}").fetchall() for t in ("determinations", "treatments")],
        default=str,
    )
    for record in truth:
        assert record["raw"]["case_number"] not in text
        if record["raw"]["claim_number"]:
            assert record["raw"]["claim_number"] not in text
    assert FULL_DATE.findall(text) == []


def test_second_run_skips_everything_and_duplicates_nothing(airflow, ingested) -> None:
    source, lake, truth, _ = ingested
    run = airflow.run_dag("imr_ingest", {"source": str(source), "lake": str(lake)})
    assert run.returncode == 0, run.output[-4000:]
    con = _views(lake)
    assert con.execute(
        "SELECT count(*), count(DISTINCT document_id) FROM determinations"
    ).fetchone() == (
        len(truth),
        len(truth),
    )
    summaries = sorted(
        lake.glob("restricted/reports/*/summary.json"), key=lambda p: p.stat().st_mtime
    )
    last = json.loads(summaries[-1].read_text())
    assert (last["published"], last["failed"], last["skipped"]) == (0, 0, 7)


def _asset_events(airflow) -> list[str]:
    with sqlite3.connect(airflow.home / "airflow.db") as db:
        return [
            name
            for (name,) in db.execute(
                "SELECT asset.name FROM asset_event JOIN asset ON asset.id = asset_event.asset_id"
            )
        ]


def test_a_successful_run_prints_no_warning_and_no_error(ingested) -> None:
    *_, run = ingested
    assert noise(run.output) == []
    assert noise(run.task_logs()) == []
    assert "validation process: " in run.output, "the validation's own lines, at INFO"


def test_asset_events_only_when_a_run_published(airflow, ingested) -> None:
    """The first run published: one event per curated table. A run that publishes
    nothing (everything already in the ledger) skips `announce`: no new event."""
    source, lake, _, _ = ingested
    before = _asset_events(airflow)
    assert sorted(set(before)) == ["imr_lake.curated.determinations", "imr_lake.curated.treatments"]
    run = airflow.run_dag("imr_ingest", {"source": str(source), "lake": str(lake)})
    assert run.returncode == 0, run.output[-4000:]
    assert "nothing published: no Asset event" in run.output
    assert _asset_events(airflow) == before


def test_summary_has_the_runs_seconds_and_peak_rss(ingested) -> None:
    _, lake, _, _ = ingested
    first = min(lake.glob("restricted/reports/*/summary.json"), key=lambda p: p.stat().st_mtime)
    summary = json.loads(first.read_text())
    assert summary["published"] == 5
    assert summary["seconds"]["extract"] > 0 and summary["seconds"]["parse"] > 0
    assert set(summary["peak_rss_mb"]) >= {"letters", "validate", "run"}
    assert all(v > 0 for k, v in summary["peak_rss_mb"].items() if k != "extract")
