"""Publishing a staged run (`pipeline.publish_run`) to the Delta tables: one commit per
table in the documented order, replacement by document_id and by key, the run streamed
batch by batch, and a run that dies before its ledger commit redone without doubles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.lake import commit
from imr_lake.lake.ledger import LedgerState, current_state, ledger_columns
from imr_lake.lake.publish import RunRows
from imr_lake.lake.sql import query
from imr_lake.lake.tables import TABLES
from imr_lake.pipeline import publish_run
from imr_lake.storage import Lake, run_key_of
from lake_rows import stage_run

FAILED_CHECK = {"q": ["determinations.injury_year.range"]}
RUN1 = [
    [("a.pdf", "a", None), ("b.pdf", "b", None)],
    [("c.pdf", "c", None), ("bad.pdf", None, "corrupt"), ("q.pdf", "q", None)],
]


def _rows(lake: Lake, table: str) -> list[tuple]:
    columns = {"determinations": "document_id, run_id", "treatments": "document_id, item_number"}
    _, rows = query(lake.url, f"SELECT {columns[table]} FROM {table} ORDER BY 1, 2")
    return rows


def _quarantined(lake: Lake) -> list[tuple]:
    uri = TABLES["quarantine"].uri(lake)
    table = DeltaTable(uri).to_pyarrow_table(columns=["key", "table_name", "run_id"])
    return sorted(zip(*(table[c].to_pylist() for c in table.column_names), strict=True))


def test_a_run_commits_each_table_once_ledger_last(tmp_path: Path, monkeypatch) -> None:
    lake = Lake(str(tmp_path / "lake"))
    stage_run(lake, "run1", RUN1, failed=FAILED_CHECK)
    order = []
    original = commit.commit_table

    def recording(lake_, table, parts, *, run_id):
        order.append(table.name)
        return original(lake_, table, parts, run_id=run_id)

    monkeypatch.setattr(commit, "commit_table", recording)
    summary = publish_run(lake.url, "run1")

    assert order == ["determinations", "treatments", "quarantine", "ledger"]
    assert (summary.published, summary.quarantined, summary.failed) == (3, 1, 1)
    assert summary.published + summary.quarantined + summary.failed == summary.discovered == 5
    assert summary.failures_by_code == {"corrupt": 1}
    for table in TABLES.values():
        delta = DeltaTable(table.uri(lake))
        assert delta.version() == 1  # created, then this run's one commit
        assert delta.history(1)[0]["imr_lake.run_id"] == "run1"
    assert _rows(lake, "determinations") == [("a", "run1"), ("b", "run1"), ("c", "run1")]
    assert len(_rows(lake, "treatments")) == 6
    assert (
        _quarantined(lake)
        == [("q.pdf", "determinations", "run1")] + [("q.pdf", "treatments", "run1")] * 2
    )
    state = current_state(lake)
    assert {k: r["status"] for k, r in state.items()} == {
        "a.pdf": "published",
        "b.pdf": "published",
        "c.pdf": "published",
        "bad.pdf": "failed",
        "q.pdf": "quarantined",
    }
    assert state["bad.pdf"]["error_code"] == "corrupt"
    assert not lake.exists(f"{lake.run_dir(run_key_of('run1'))}/batches")  # staging dropped


def test_a_rerun_replaces_rows_by_document_id_and_key(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    stage_run(lake, "run1", RUN1, failed=FAILED_CHECK)
    publish_run(lake.url, "run1")
    first = current_state(lake)
    # a re-parsed (same document), b.pdf replaced by another letter, c.pdf now broken,
    # q.pdf now passes validation
    stage_run(
        lake,
        "run2",
        [[("a.pdf", "a", None), ("b.pdf", "b2", None)], [("c.pdf", None, "not_pdf")]]
        + [[("q.pdf", "q", None)]],
        years=(2016,),
    )
    summary = publish_run(lake.url, "run2")
    assert (summary.published, summary.quarantined, summary.failed) == (3, 0, 1)

    assert _rows(lake, "determinations") == [("a", "run2"), ("b2", "run2"), ("q", "run2")]
    assert _rows(lake, "treatments") == [(d, i) for d in ("a", "b2", "q") for i in (1, 2)]
    assert _quarantined(lake) == []  # q.pdf's records of run 1 were replaced by its outcome
    ledger = ledger_columns(lake)
    assert ledger.num_rows == 5  # one row per source object
    state = current_state(lake)
    assert state["c.pdf"]["status"] == "failed" and state["c.pdf"]["document_id"] is None
    assert state["bad.pdf"]["run_id"] == "run1"  # not in run 2: untouched
    assert all(state[k]["first_seen"] == first[k]["first_seen"] for k in state)
    assert state["a.pdf"]["last_processed"] > first["a.pdf"]["last_processed"]
    # the ledger's history keeps run 1's outcome (time travel)
    old = ledger_columns(lake, ["key", "status"], version=1).to_pylist()
    assert {r["key"]: r["status"] for r in old}["c.pdf"] == "published"


def test_a_run_that_died_before_its_ledger_commit_is_redone_without_doubles(
    tmp_path: Path, monkeypatch
) -> None:
    lake = Lake(str(tmp_path / "lake"))
    stage_run(lake, "base", [[("a.pdf", "a", None)]])
    publish_run(lake.url, "base")
    original = commit.commit_table

    def dies_at_the_ledger(lake_, table, parts, *, run_id):
        if table.name == "ledger":
            raise SystemExit("killed")
        return original(lake_, table, parts, run_id=run_id)

    monkeypatch.setattr(commit, "commit_table", dies_at_the_ledger)
    run = [[("a.pdf", "a", None), ("b.pdf", "b", None)], [("q.pdf", "q", None)]]
    stage_run(lake, "crashed", run, failed=FAILED_CHECK)
    with pytest.raises(SystemExit):
        publish_run(lake.url, "crashed")
    assert _rows(lake, "determinations") == [("a", "crashed"), ("b", "crashed")]
    assert set(current_state(lake)) == {"a.pdf"}  # the ledger never heard of the run

    monkeypatch.setattr(commit, "commit_table", original)
    stage_run(lake, "next", run, failed=FAILED_CHECK)  # the next run takes them again
    publish_run(lake.url, "next")
    assert _rows(lake, "determinations") == [("a", "next"), ("b", "next")]
    assert len(_rows(lake, "treatments")) == 4
    assert [k for k, *_ in _quarantined(lake)] == ["q.pdf"] * 3  # replaced, not doubled
    assert set(current_state(lake)) == {"a.pdf", "b.pdf", "q.pdf"}


def test_each_commit_streams_the_run_one_staged_batch_at_a_time(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path / "lake"))
    batches = [[(f"{n}-{i}.pdf", f"d{n}-{i}", None) for i in range(3)] for n in range(4)]
    stage_run(lake, "run", batches)
    rows = RunRows(
        lake,
        lake.run_dir("run"),
        "run",
        failed_docs={},
        ledger=LedgerState.load(lake),
        now=datetime.now(tz=UTC),
    )
    for table, per_batch in (("determinations", 3), ("treatments", 6), ("ledger", 3)):
        parts = list(rows.parts(table))
        assert [p.rows.num_rows for p in parts] == [per_batch] * 4
        assert [len(p.keys) for p in parts] == [3] * 4
