"""The ledger: newest row per key, parts never overwritten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from imr_lake.ledger import current_state, write_run_rows
from imr_lake.storage import Lake

T0 = datetime(2026, 2, 1, tzinfo=UTC)


def _row(key: str, etag: str, status: str, days: int) -> dict:
    return {
        "key": key,
        "etag": etag,
        "size": 10,
        "sha256": "0" * 64,
        "status": status,
        "error_code": "corrupt" if status == "failed" else None,
        "parser_version": "0.1.0",
        "run_id": f"run{days}",
        "first_seen": T0,
        "last_processed": T0 + timedelta(days=days),
    }


def test_newest_row_per_key_wins_whatever_the_file_order(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    write_run_rows(lake, "zzz-late-name", [_row("a.pdf", "e1", "failed", 1)])
    write_run_rows(lake, "aaa-early-name", [_row("a.pdf", "e2", "published", 2)])
    write_run_rows(lake, "mmm", [_row("b.pdf", "e9", "quarantined", 0)])
    state = current_state(lake)
    assert {k: (r["etag"], r["status"]) for k, r in state.items()} == {
        "a.pdf": ("e2", "published"),
        "b.pdf": ("e9", "quarantined"),
    }
    assert state["a.pdf"]["error_code"] is None


def test_empty_lake_has_empty_ledger(tmp_path: Path) -> None:
    assert current_state(Lake(str(tmp_path))) == {}
