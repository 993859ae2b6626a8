"""The benchmark's scenarios, each run as `python -m imr_lake.bench.measure` in a fresh process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Scenario:
    """One row of the table."""

    name: str
    label: str
    kind: str  # a measure.py command
    engine: str = "pdfplumber"
    workers: int = 1
    isolation: str = "process"  # IMR_EXTRACT_ISOLATION: extraction in a child process, or off


def scenarios(workers: int) -> dict[str, Scenario]:
    """(a)-(d) of the issue, then the same with the pypdfium2 engine; (b) also without
    isolation (extraction in the worker itself), to show what the child process costs."""
    off = "off"
    rows = [  # pairs side by side: a code change mid-run cannot split a pair
        Scenario("a", "bare pdfplumber extract_text, 1 process", "extract-pdfplumber"),
        Scenario(
            "a_pdfium", "extraction, pypdfium2 engine, 1 process", "extract", "pypdfium2", 1, off
        ),
        Scenario("b", "pipeline in-process, 1 worker", "pipeline"),
        Scenario("b_inline", "pipeline, 1 worker, no isolation", "pipeline", isolation=off),
        Scenario("b_pdfium", "pipeline, pypdfium2, 1 worker", "pipeline", "pypdfium2"),
        Scenario(
            "b_pdfium_inline",
            "pipeline, pypdfium2, 1 worker, no isolation",
            "pipeline",
            "pypdfium2",
            1,
            off,
        ),
        Scenario("c", f"pipeline in-process, {workers} workers", "pipeline", workers=workers),
        Scenario(
            "c_pdfium",
            f"pipeline, pypdfium2, {workers} workers",
            "pipeline",
            "pypdfium2",
            workers,
        ),
        Scenario("d", "Airflow DAG (airflow dags test)", "airflow"),
        Scenario("d_pdfium", "Airflow DAG, pypdfium2", "airflow", "pypdfium2"),
    ]
    return {s.name: s for s in rows}


def run_scenario(
    scenario: Scenario, source: Path, work: Path, batch_size: int, airflow_home: Path
) -> dict[str, Any]:
    """Run one scenario in a child process; its JSON plus the machine's load around it."""
    lake = work / "lakes" / scenario.name
    if lake.exists():
        shutil.rmtree(lake)
    cmd = [
        sys.executable,
        "-m",
        "imr_lake.bench.measure",
        scenario.kind,
        "--source",
        str(source),
        "--lake",
        str(lake),
        "--workers",
        str(scenario.workers),
        "--batch-size",
        str(batch_size),
        "--engine",
        scenario.engine,
        "--isolation",
        scenario.isolation,
        "--airflow-home",
        str(airflow_home),
    ]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"scenario {scenario.name} failed: {done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(
        name=scenario.name,
        label=scenario.label,
        engine=scenario.engine,
        workers=scenario.workers,
        isolation=scenario.isolation,
        lake=str(lake),
        process_s=round(elapsed, 2),
        load_before=round(load_before, 2),
        load_after=round(os.getloadavg()[0], 2),
    )
    return result
