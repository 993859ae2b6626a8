"""`make bench-lake` on a tiny scale: it commits through the lake's own code what it says it
does (numbers are printed, never asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from imr_lake.bench.lake import main
from imr_lake.lake.ledger import ledger_columns
from imr_lake.lake.sql import query
from imr_lake.storage import Lake


def test_bench_lake_runs_and_its_lakes_add_up(tmp_path: Path, capsys) -> None:
    root = tmp_path / "lake"
    args = ["--nights", "3", "--every", "2", "--letters", "40", "--base", "60"]
    assert main([*args, "--reprocess", "50", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "nightly commit, 40 letters into 60" in out and "reprocess of 50 letters" in out
    result = json.loads((tmp_path / "lake-3.json").read_text())
    assert [s["night"] for s in result["growth"]["maintained"]["samples"]] == [1, 2, 3]
    for name, letters in (("unmaintained", 120), ("maintained", 120), ("reprocess", 50)):
        lake = str(root / name)
        ledger = ledger_columns(Lake(lake), ["status", "run_id"]).to_pylist()
        assert len(ledger) == letters
        published = sum(row["status"] == "published" for row in ledger)
        _, [(rows, docs)] = query(
            lake, "SELECT count(*), count(DISTINCT document_id) FROM determinations"
        )
        assert rows == docs == published
    reparsed = ledger_columns(Lake(str(root / "reprocess")), ["run_id"]).column("run_id")
    assert set(reparsed.to_pylist()) == {"reparse"}
