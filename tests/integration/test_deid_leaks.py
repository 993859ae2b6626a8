"""Issue 5: the real imr_ingest DAG on letters with planted identifiers leaks none of them.

Scanned: every file the run writes under the lake (curated and restricted zones: Parquet
decoded, JSON, HTML and the rest as text), the Airflow task logs (the `airflow dags test`
output, exceptions included, and the log folder) and the Airflow metadata database (XComs,
run configuration).
A planted string counts in full; a name's words of four or more letters count alone
(case-sensitive, whole word). Digit-only values shorter than seven characters (ZIP codes,
a bare age) are looked for in the lake only: in logs and the database a PID or a port may
hold the same digits by chance.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import TEST_KEY, AirflowRunner
from imr_lake.generate import generate_corpus

pytestmark = pytest.mark.slow

SEED = 5509  # no other test uses it; its nine letters plant 17 kinds
_TITLES = re.compile(
    r"^(?:Dr|Mr|Mrs|Ms|Miss)\.?\s+|,?\s+(?:M\.D\.|MD|D\.O\.|DO|D\.C\.|DC|PA-C|NP|Ph\.D\.|PhD"
    r"|PT|L\.Ac\.)$"
)


def planted_strings(truth: list[dict]) -> set[str]:
    """Every planted identifier, and each name's words of four or more letters."""
    found: set[str] = set()
    for record in truth:
        raw = record.get("raw") or {}
        for value in (raw.get("case_number"), raw.get("claim_number"), *raw.get("known_names", [])):
            if value:
                found.add(value)
        for item in record["identifiers"]:
            text = item["text"].strip()
            found.add(text)
            if item["kind"] == "name":
                found |= {
                    w for w in re.findall(r"[A-Za-z'’-]+", _TITLES.sub("", text)) if len(w) >= 4
                }
    return {s for s in found if len(s) >= 3}


def lake_text(lake: Path) -> str:
    """All that the run wrote under the lake, Parquet decoded to JSON."""
    parts = []
    for path in sorted(p for p in lake.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            parts.append(json.dumps(pq.read_table(path).to_pylist(), default=str))
        else:
            parts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(parts)


def database_text(home: Path) -> str:
    """Every text and blob value of the Airflow metadata database (XComs, confs, logs)."""
    parts = []
    with sqlite3.connect(home / "airflow.db") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("utf-8", errors="replace"))
                    elif isinstance(value, str):
                        parts.append(value)
    return "\n".join(parts)


def leaks(strings: set[str], haystack: str) -> list[str]:
    return sorted(
        s for s in strings if re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", haystack) is not None
    )


@pytest.fixture(scope="module")
def leak_run(tmp_path_factory: pytest.TempPathFactory):
    """Nine letters of all layouts with planted identifiers, one DAG run, its own Airflow home
    (so no other test's letters share its logs and database)."""
    runner = AirflowRunner(tmp_path_factory.mktemp("airflow_home_deid"))
    migrated = runner.airflow("db", "migrate")
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    source = tmp_path_factory.mktemp("source")
    lake = tmp_path_factory.mktemp("lake")
    truth = generate_corpus(source, 9, seed=SEED)
    # Leaks are the subject here, not validation: a letter that fails an expectation is
    # quarantined (and its quarantine record scanned) without failing the run.
    conf = {"source": str(source), "lake": str(lake), "batch_size": 3, "max_failed_share": 1.0}
    run = runner.run_dag("imr_ingest", conf)
    assert run.returncode == 0, run.output[-4000:]
    return runner, lake, truth, run


def test_the_corpus_plants_identifiers_of_every_kind(leak_run) -> None:
    _, _, truth, _ = leak_run
    kinds = {i["kind"] for record in truth for i in record["identifiers"]}
    assert {"name", "date", "case_number"} <= kinds and len(kinds) >= 8, sorted(kinds)


def test_the_run_published_de_identified_rows(leak_run) -> None:
    _, lake, truth, _ = leak_run
    text = lake_text(lake / "curated")
    assert "[NAME]" in text and "[DATE-" in text
    assert sum(1 for _ in (lake / "curated" / "determinations").rglob("*.parquet")) >= 1


def test_no_planted_identifier_in_any_output_file(leak_run) -> None:
    _, lake, truth, _ = leak_run
    assert leaks(planted_strings(truth), lake_text(lake)) == []


def test_no_planted_identifier_in_task_logs_output_or_database(leak_run) -> None:
    runner, _, truth, run = leak_run
    strings = {s for s in planted_strings(truth) if not (s.isdigit() and len(s) < 7)}
    # `airflow dags test` runs the tasks in-process: their logs are in its output (and in
    # the log folder when a file handler is configured).
    assert "process_batch" in run.output, "the task logs were not captured"
    assert leaks(strings, run.task_logs()) == []
    assert leaks(strings, run.output) == []
    assert leaks(strings, database_text(runner.home)) == []


def test_the_pseudonym_key_appears_nowhere(leak_run) -> None:
    runner, lake, _, run = leak_run
    for haystack in (lake_text(lake), run.task_logs(), run.output, database_text(runner.home)):
        assert TEST_KEY not in haystack
