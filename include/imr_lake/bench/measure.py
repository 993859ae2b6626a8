"""One benchmark scenario in a fresh process: `python -m imr_lake.bench.measure KIND ...`.

A fresh process per scenario keeps peak RSS honest (ru_maxrss never goes down) and pays
each scenario's own imports. The last stdout line is the scenario's JSON result.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _peak_rss_mb() -> dict[str, float]:
    """Peak RSS of this process and of its largest finished child (Linux: KiB)."""
    from imr_lake.heap import peak_rss_mb

    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"rss_self_mb": peak_rss_mb(), "rss_children_mb": round(children / 1024, 1)}


def cpu_seconds() -> float:
    """User + system CPU of this process and its finished children, so far."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _letters(source: Path) -> list[Path]:
    return sorted(source.glob("*.pdf"))


def extract_pdfplumber(source: Path) -> dict[str, Any]:
    """(a): bare pdfplumber `extract_text` over every page, nothing else."""
    import pdfplumber

    started = time.perf_counter()
    pages = errors = 0
    for path in _letters(source):
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()
                    pages += 1
        except Exception:  # a bad file in a corpus with --bad-share
            errors += 1
    wall = time.perf_counter() - started
    return {"wall_s": wall, "pages": pages, "errors": errors, "seconds": {"extract": wall}}


def extract_engine(source: Path, engine: str) -> dict[str, Any]:
    """The project's extraction (envelope checks, budget, error codes) with one engine."""
    os.environ["IMR_EXTRACT_ENGINE"] = engine
    from imr_lake.errors import DocumentError
    from imr_lake.extract import extract_pages

    started = time.perf_counter()
    pages = errors = 0
    for path in _letters(source):
        try:
            pages += len(extract_pages(path.read_bytes()))
        except DocumentError:
            errors += 1
    wall = time.perf_counter() - started
    return {"wall_s": wall, "pages": pages, "errors": errors, "seconds": {"extract": wall}}


def pipeline(
    source: Path, lake: Path, workers: int, batch_size: int, engine: str
) -> dict[str, Any]:
    """(b)/(c): `run_in_process`, the stages `imr-lake run` and the DAG both call."""
    os.environ["IMR_EXTRACT_ENGINE"] = engine
    from imr_lake.pipeline import run_in_process

    started = time.perf_counter()
    summary = run_in_process(
        source=str(source), lake=str(lake), workers=workers, batch_size=batch_size
    )
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "seconds": summary.seconds,
        "rss_letters_mb": summary.peak_rss_mb["letters"],
        "rss_validate_mb": summary.peak_rss_mb["validate"],
        "rss_extract_mb": summary.peak_rss_mb["extract"],
        "summary": {
            k: v for k, v in summary.to_json().items() if k not in ("seconds", "peak_rss_mb")
        },
    }


def airflow_dag(source: Path, lake: Path, batch_size: int, home: Path, engine: str) -> dict:
    """(d): the real imr_ingest DAG through `airflow dags test` in a project-local home."""
    from imr_lake.bench.airflow_run import airflow_env, dag_run_stats

    env = airflow_env(home, engine)
    conf = {"source": str(source), "lake": str(lake), "batch_size": batch_size}
    airflow = str(Path(sys.executable).parent / "airflow")
    log_path = home / "last_dags_test.log"
    started = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [airflow, "dags", "test", "imr_ingest", "-c", json.dumps(conf)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        main_rss = _watch_peak_rss(proc)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        tail = log_path.read_text()[-2000:]
        raise SystemExit(f"airflow dags test failed ({proc.returncode}): {tail}")
    return {"wall_s": wall, "rss_main_mb": main_rss, **dag_run_stats(home)}


def _watch_peak_rss(proc: subprocess.Popen, every: float = 0.2) -> float:
    """The child's own peak RSS (VmHWM), read until it exits: its children are not in it."""
    peak_kib = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kib = max(peak_kib, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(every)
    return round(peak_kib / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="imr_lake.bench.measure")
    parser.add_argument("kind", choices=["extract-pdfplumber", "extract", "pipeline", "airflow"])
    parser.add_argument("--source", type=Path, required=True)
    parser.add_argument("--lake", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--engine", default="pdfplumber")
    parser.add_argument("--isolation", default="process", choices=["process", "off"])
    parser.add_argument("--airflow-home", type=Path)
    args = parser.parse_args(argv)
    os.environ["IMR_EXTRACT_ISOLATION"] = args.isolation  # the DAG's tasks inherit it too
    cpu_before = cpu_seconds()
    if args.kind == "extract-pdfplumber":
        result = extract_pdfplumber(args.source)
    elif args.kind == "extract":
        result = extract_engine(args.source, args.engine)
    elif args.kind == "pipeline":
        result = pipeline(args.source, args.lake, args.workers, args.batch_size, args.engine)
    else:
        result = airflow_dag(
            args.source, args.lake, args.batch_size, args.airflow_home, args.engine
        )
    from imr_lake.extract.pool import close_shared

    close_shared()  # a finished child: its CPU seconds count in RUSAGE_CHILDREN
    result.update(_peak_rss_mb())
    # CPU used while the scenario ran (imports included): cores used = cpu_s / wall_s
    result["cpu_s"] = round(cpu_seconds() - cpu_before, 2)
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
