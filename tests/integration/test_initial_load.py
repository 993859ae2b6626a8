"""The first load of a whole history (`imr-lake run --chunk N`), killed mid-way with
SIGKILL and started again: every letter ends in the lake exactly once, none lost, none
taken twice; the resumed load takes only what the ledger lacks."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from imr_lake.generate import generate_corpus
from lakecheck import assert_consistent, ledger_history

pytestmark = pytest.mark.slow

COUNT, CHUNK = 18, 6  # three chunks; imr_000002 is a bad file (seed 7)
CLI = Path(sys.executable).with_name("imr-lake")


def _command(source: Path, lake: Path) -> list[str]:
    return [
        str(CLI), "run", "--source", str(source), "--lake", str(lake),
        "--chunk", str(CHUNK), "--batch-size", "3", "--workers", "2",
    ]  # fmt: skip


def _reports(lake: Path) -> list[Path]:
    return sorted((lake / "restricted" / "reports").glob("initial__*/summary.json"))


def _staged(lake: Path, chunk: int) -> list[Path]:
    return list((lake / "restricted" / "runs").glob(f"initial__*__{chunk:05d}/batches/*"))


def _ledger_runs(lake: Path) -> dict[str, int]:
    """Letters per run in every ledger row ever committed (each version of the ledger)."""
    if not (lake / "restricted" / "ledger").exists():
        return {}
    return dict(Counter(run_id for _, _, run_id, _ in ledger_history(str(lake))))


def _counts(line: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}


def test_initial_load_killed_mid_way_resumes_without_losing_or_doubling(tmp_path: Path) -> None:
    source, lake = tmp_path / "source", tmp_path / "lake"
    generate_corpus(source, COUNT, seed=7, bad_share=0.13)
    proc = subprocess.Popen(
        _command(source, lake),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its pool, validation and extraction children die with it
    )
    deadline = time.monotonic() + 300
    # kill once the first chunk is committed and the second is being processed
    while not (_reports(lake) and _staged(lake, 2)):
        assert proc.poll() is None, f"the load ended before the kill: {proc.stdout.read()}"
        assert time.monotonic() < deadline, "the second chunk never started"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    committed = _ledger_runs(lake)
    held = sum(committed.values())
    assert held in (CHUNK, 2 * CHUNK), committed  # whole chunks only, the load unfinished
    assert all(n == CHUNK for n in committed.values())

    done = subprocess.run(_command(source, lake), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    totals = _counts(lines[-1])
    assert totals["published"] + totals["quarantined"] + totals["failed"] == COUNT - held
    assert totals["skipped"] == held, "the resumed load took only what the ledger lacked"
    assert re.search(rf"initial load: {COUNT - held} letters in \d+ runs, 0 left", done.stdout)
    chunk_lines = [line for line in lines if line.startswith("chunk ")]
    assert len(chunk_lines) == (COUNT - held) // CHUNK
    assert "left=" in chunk_lines[0] and "eta=" in chunk_lines[0]  # progress of the load

    statuses = assert_consistent(str(source), str(lake), expected_objects=COUNT)
    assert statuses["failed"] >= 1 and sum(statuses.values()) == COUNT
    runs = _ledger_runs(lake)
    assert sum(runs.values()) == COUNT, f"a letter was committed twice: {runs}"
    assert set(committed) <= set(runs) and all(n == CHUNK for n in runs.values())
