"""`make bench`: how fast the pipeline is beside its extractor, and what it costs in memory.

Runs, on one generated corpus (made once under var/bench/ and reused): (a) bare pdfplumber
`extract_text` over every page; (b) the pipeline in-process on one worker; (c) on W
workers; (d) the real imr_ingest DAG through `airflow dags test`; then extraction, (b)
and (c) again with the pypdfium2 engine, and a record-by-record comparison of what the
two engines published. Prints a table and writes var/bench/result-nN.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from imr_lake.bench.corpus import corpus_info, ensure_corpus
from imr_lake.bench.report import derive, ratios, summary_lines, table, targets
from imr_lake.bench.scenarios import run_scenario, scenarios

BENCH_KEY = "imr-lake-benchmark-key-not-a-secret"  # throwaway lakes under var/bench only


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imr_lake.bench", description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="letters in the corpus")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--bad-share", type=float, default=0.0, help="share of bad files")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="W of (c)")
    parser.add_argument("--batch-size", type=int, default=50, help="letters per batch")
    parser.add_argument(
        "--only", default="", help="comma-separated scenarios (a,b,c,d,a_pdfium,...)"
    )
    parser.add_argument("--root", type=Path, default=Path("var/bench"))
    return parser


def run(args: argparse.Namespace) -> dict[str, Any]:
    os.environ.setdefault("IMR_PSEUDONYM_KEY", BENCH_KEY)
    root = args.root.resolve()
    source = ensure_corpus(root, args.count, args.seed, args.bad_share)
    chosen = scenarios(args.workers)
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(chosen)
    unknown = sorted(set(names) - set(chosen))
    if unknown:
        raise SystemExit(f"unknown scenarios {unknown}; choose from {list(chosen)}")
    airflow_home = root / "airflow_home"
    if any(name.startswith("d") for name in names):
        from imr_lake.bench.airflow_run import prepare_home

        prepare_home(airflow_home)
    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"bench: running ({name}) {chosen[name].label} ...", file=sys.stderr, flush=True)
        row = run_scenario(chosen[name], source, root, args.batch_size, airflow_home)
        rows[name] = derive(row, args.count)
        print(
            f"bench: ({name}) {row['wall_s']:.1f} s, {row['docs_per_s']:.2f} docs/s",
            file=sys.stderr,
            flush=True,
        )
    equivalence = None
    for plumber, pdfium in (("b", "b_pdfium"), ("c", "c_pdfium")):
        if plumber in rows and pdfium in rows:
            from imr_lake.bench.equivalence import compare_lakes

            equivalence = compare_lakes(rows[plumber]["lake"], rows[pdfium]["lake"]).to_json()
            break
    found = ratios(rows)
    met = targets(rows, found)
    pages = rows["a"]["pages"] if "a" in rows else None
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "corpus": {**corpus_info(source), "path": str(source), "pages": pages},
        "batch_size": args.batch_size,
        "workers": args.workers,
        "scenarios": rows,
        "ratios": found,
        "targets": met,
        "engine_equivalence": equivalence,
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result = run(args)
    only = "-" + args.only.replace(",", "-") if args.only else ""
    out = args.root.resolve() / f"result-n{args.count}{only}.json"
    out.write_text(json.dumps(result, indent=2, default=str))
    corpus = result["corpus"]
    print(
        f"corpus: {args.count} letters {corpus['layouts']}, {corpus['pages']} pages; "
        f"batch size {args.batch_size}; {result['machine']['cores']} cores; {result['when']}"
    )
    print(table(result["scenarios"]))
    eq = result["engine_equivalence"]
    eq_text = (
        None
        if eq is None
        else ("identical" if eq["identical"] else "DIFFER") + (f" {eq['compared']}")
    )
    print("\n".join(summary_lines(result["ratios"], result["targets"], eq_text)))
    print(f"json: {out}")
    return 0
