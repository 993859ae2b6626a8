"""The lake through re-runs, increments, late arrivals, crashes and overlapping runs (local).

Real pipeline runs over generated letters; crashes are real processes killed with SIGKILL.
The same scenarios on S3 are in test_s3_lake.py.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from deltalake import DeltaTable
from imr_lake.generate import generate_corpus
from imr_lake.lake.ledger import current_state
from imr_lake.lake.tables import DETERMINATIONS_TABLE, TABLES
from imr_lake.pipeline import run_in_process
from imr_lake.storage import Lake
from lakecheck import (
    assert_consistent,
    assert_output_adds_up,
    assert_summary_adds_up,
    kill,
    start_child,
    view_counts,
    wait_paused,
)

DAY1 = datetime(2026, 3, 1, tzinfo=UTC)
DAY2 = DAY1 + timedelta(days=1)
DAY3 = DAY2 + timedelta(days=1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten good letters and two bad files, generated once for the module."""
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(out, 12, seed=7, bad_share=0.17)
    return out


def _copy(corpus: Path, dest: Path, names: list[str], arrived: datetime) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(corpus / name, dest / name)
        os.utime(dest / name, (arrived.timestamp(), arrived.timestamp()))


def _pdfs(corpus: Path) -> list[str]:
    return sorted(p.name for p in corpus.glob("*.pdf"))


def _run(source: Path, lake: Path, run_id: str, **kwargs):
    summary = run_in_process(
        source=str(source), lake=str(lake), run_id=run_id, max_failed_share=1.0, **kwargs
    )
    assert_summary_adds_up(summary)
    return summary


def test_nightly_increments_late_arrivals_reruns_and_reprocess(corpus: Path, tmp_path: Path):
    names = _pdfs(corpus)
    source, lake = tmp_path / "source", tmp_path / "lake"
    _copy(corpus, source, names[:5], DAY1 + timedelta(hours=2))
    _copy(corpus, source, names[5:8], DAY2 + timedelta(hours=2))  # arrives after night 1's end

    night1 = _run(source, lake, "scheduled__night1", not_after=DAY2, not_before=DAY1)
    assert night1.discovered == 5 and night1.skipped == 0

    # a late letter: it arrived (by its time stamp) on day 1, but only after night 1 ran
    _copy(corpus, source, names[8:10], DAY1 + timedelta(hours=5))
    night2 = _run(source, lake, "scheduled__night2", not_after=DAY3, not_before=DAY2)
    assert night2.discovered == 5 and night2.skipped == 5  # 3 of day 2 + 2 late ones
    before = view_counts(str(lake))
    assert_consistent(str(source), str(lake), expected_objects=10)

    again = _run(source, lake, "scheduled__night2", not_after=DAY3, not_before=DAY2)
    assert (again.discovered, again.skipped) == (0, 10)
    assert view_counts(str(lake)) == before

    # reprocess over night 2's interval: only the letters that arrived on day 2, once
    redo = _run(source, lake, "backfill__night2", not_after=DAY3, not_before=DAY2, reprocess=True)
    assert redo.discovered == 3
    assert view_counts(str(lake)) == before
    state = current_state(Lake(str(lake)))
    assert sorted(k for k, r in state.items() if r["run_id"] == "backfill__night2") == names[5:8]
    assert all(r["first_seen"] < r["last_processed"] for k, r in state.items() if k in names[5:8])
    assert_consistent(str(source), str(lake), expected_objects=10)


def test_changed_objects_replace_their_old_documents(corpus: Path, tmp_path: Path):
    names = _pdfs(corpus)  # imr_000002 (empty) and imr_000003 (not a PDF) are bad
    source, lake = tmp_path / "source", tmp_path / "lake"
    _copy(corpus, source, [names[0], names[1], names[4]], DAY1)
    _run(source, lake, "run1")
    old = current_state(Lake(str(lake)))
    # corrected uploads under the same keys: another letter, and a broken file
    shutil.copy(corpus / names[5], source / names[0])
    shutil.copy(corpus / names[3], source / names[1])
    for name in names[:2]:
        os.utime(source / name, (DAY2.timestamp(), DAY2.timestamp()))
    second = _run(source, lake, "run2")
    assert (second.discovered, second.skipped, second.failed) == (2, 1, 1)
    new = current_state(Lake(str(lake)))
    assert new[names[0]]["etag"] != old[names[0]]["etag"]
    assert new[names[0]]["document_id"] != old[names[0]]["document_id"]
    assert new[names[0]]["first_seen"] == old[names[0]]["first_seen"]
    assert (new[names[1]]["status"], new[names[1]]["error_code"]) == ("failed", "not_pdf")
    # both old documents left the curated tables with their objects' old content
    assert view_counts(str(lake))["documents"] == 2
    assert_consistent(str(source), str(lake), expected_objects=3)


@pytest.mark.parametrize(
    ("pause_at", "committed"),
    [
        ("lake.commit.commit_table:2", "determinations"),
        ("lake.commit.commit_table:3", "treatments"),
        ("lake.commit.commit_table:4", "quarantine"),
    ],
)
def test_killed_between_two_table_commits(
    corpus: Path, tmp_path: Path, pause_at: str, committed: str
):
    """SIGKILL between two of a run's commits (determinations -> treatments -> quarantine
    -> ledger): each table shows whole commits, the ledger has none of the run, and the
    next run takes the letters again and replaces their rows: never lost, never doubled."""
    names = _pdfs(corpus)
    source, lake = tmp_path / "source", tmp_path / "lake"
    _copy(corpus, source, names[:4], DAY1)
    _run(source, lake, "base")
    base = view_counts(str(lake))
    _copy(corpus, source, names[4:], DAY2)

    proc, marker = start_child(str(source), str(lake), "crashing", tmp_path, pause_at=pause_at)
    try:
        wait_paused(proc, marker)
    finally:
        kill(proc)
    after_crash = view_counts(str(lake))
    assert after_crash["rows"] == after_crash["documents"] > base["rows"]  # determinations in
    assert after_crash["items"] == after_crash["distinct_items"]
    if committed == "determinations":
        assert after_crash["items"] == base["items"]  # treatments not committed yet
    else:
        assert after_crash["items"] > base["items"]
    versions = {t: DeltaTable(TABLES[t].uri(Lake(str(lake)))).version() for t in TABLES}
    assert versions["ledger"] == 1  # the base run's commit only
    assert set(current_state(Lake(str(lake)))) == set(names[:4])

    recovery = _run(source, lake, "recovery")
    assert recovery.discovered == len(names) - 4  # the crashed run left no ledger rows
    assert_consistent(str(source), str(lake), expected_objects=len(names))
    assert view_counts(str(lake))["rows"] == after_crash["rows"]  # replaced, not added


def test_two_overlapping_runs_at_the_same_time(corpus: Path, tmp_path: Path):
    """Two processes discover the same letters and commit them both: each document once."""
    names = _pdfs(corpus)
    source, lake = tmp_path / "source", tmp_path / "lake"
    _copy(corpus, source, names, DAY1)
    procs = [start_child(str(source), str(lake), f"overlap{i}", tmp_path)[0] for i in (1, 2)]
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out[-3000:]
        assert_output_adds_up(out)
    table = DeltaTable(DETERMINATIONS_TABLE.uri(Lake(str(lake))))
    # both committed, one after the other (the loser of a race retried on the newer version)
    assert [h["operation"] for h in table.history()] == ["MERGE", "MERGE", "CREATE TABLE"]
    statuses = assert_consistent(str(source), str(lake), expected_objects=len(names))
    assert statuses["published"] + statuses["quarantined"] + statuses["failed"] == len(names)
