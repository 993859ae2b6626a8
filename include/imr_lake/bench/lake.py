"""`make bench-lake`: what the Delta tables cost to commit, maintain and read as they grow.

Rows are synthetic but shaped like the pipeline's (a 64-hex document_id, free text of a
letter's size, about three treatment items a letter, a ledger row each, a quarantine record
for one letter in fifty) and go through the lake's own commit code, so the numbers are
those of the Delta commits, not of parsing. Measures:

- nightly: one run of `--letters` letters (default 300) into a lake already holding
  `--base` letters: the commit of the four tables;
- reprocess: a lake of `--reprocess` letters (default 10,000) re-published whole (every
  row replaced by document_id), as after a parser fix;
- growth: `--nights` nightly commits (default 365) into one lake with no maintenance and
  no checkpoints, and into another maintained weekly (compaction, vacuum, checkpoint):
  commit time, the time to open `imr-lake sql`'s views and run a query, and maintenance
  time, sampled every `--every` nights; a series stops once a commit takes longer than
  `--max-commit-s` (default 30 s: without maintenance that comes within 200 nights).

Prints numbers and writes var/bench/lake-<nights>.json; never a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from imr_lake.schema import DETERMINATIONS, LEDGER, QUARANTINE, TREATMENTS

QUERY = (
    "SELECT d.decision_year, t.treatment_category, count(*), "
    "avg(CASE WHEN t.decision = 'Overturned' THEN 1 ELSE 0 END) "
    "FROM treatments t JOIN determinations d USING (document_id) GROUP BY 1, 2"
)
WORDS = (
    "patient lumbar cervical pain chronic therapy physical injection guideline MTUS ACOEM "
    "ODG medication opioid tramadol request denied approved review evidence function "
    "improvement sessions weeks radiculopathy MRI shoulder knee surgery"
).split()


class Letters:
    """Synthetic curated, ledger and quarantine rows of letters, reproducible by seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _text(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words))

    def tables(self, ids: list[str], run_id: str, years: range) -> dict[str, pa.Table]:
        rng = self.rng
        dets, treats, ledger, quarantine = [], [], [], []
        now = datetime.now(UTC)
        for doc in ids:
            year = rng.choice(years)
            items = rng.choice((1, 2, 3, 3, 4, 6))
            if rng.random() < 0.02:
                quarantine.append(
                    {"document_id": doc, "key": f"letters/{doc[:16]}.pdf", "run_id": run_id}
                    | {"table_name": "determinations", "record_json": self._text(120)}
                    | {"failed_expectations": ["expect_x"], "reason": "validation"}
                    | {"quarantined_at": now}
                )
                status = "quarantined"
            else:
                status = "published"
                dets.append(
                    {"document_id": doc, "case_id": doc[::-1], "layout": "header_table"}
                    | {"decision_year": year, "injury_year": year - 3, "patient_age": 45}
                    | {"patient_age_band": "40-49", "overall_outcome": "Upheld"}
                    | {"diagnoses": [self._text(3)], "treatment_count": items}
                    | {"clinical_summary": self._text(250), "parser_version": "bench"}
                    | {"run_id": run_id, "reviewer_specialty": "Orthopedic Surgery"}
                )
                for n in range(1, items + 1):
                    treats.append(
                        {"document_id": doc, "case_id": doc[::-1], "item_number": n}
                        | {"treatment_requested": self._text(12), "decision_year": year}
                        | {"treatment_category": rng.choice(("physical_therapy", "other"))}
                        | {"decision": rng.choice(("Upheld", "Overturned"))}
                        | {"reviewer_guideline": self._text(10), "guideline_sources": ["MTUS"]}
                        | {"rationale": self._text(150)}
                    )
            ledger.append(
                {"key": f"letters/{doc[:16]}.pdf", "etag": doc[:32], "size": 90_000}
                | {"sha256": doc, "document_id": doc, "status": status, "run_id": run_id}
                | {"parser_version": "bench", "first_seen": now, "last_processed": now}
            )
        return {
            "determinations": pa.Table.from_pylist(dets, schema=DETERMINATIONS),
            "treatments": pa.Table.from_pylist(treats, schema=TREATMENTS),
            "ledger": pa.Table.from_pylist(ledger, schema=LEDGER),
            "quarantine": pa.Table.from_pylist(quarantine, schema=QUARANTINE),
        }

    def ids(self, count: int) -> list[str]:
        return [f"{self.rng.getrandbits(256):064x}" for _ in range(count)]


def commit(lake: str, rows: dict[str, pa.Table], run_id: str) -> float:
    """The run's commit through the lake's commit code (`commit_run`: one MERGE per table,
    the ledger last); returns its wall time."""
    import pyarrow.compute as pc

    from imr_lake.lake.commit import commit_run
    from imr_lake.lake.delta import Replacement
    from imr_lake.lake.tables import TABLES
    from imr_lake.storage import Lake

    def parts(name: str) -> list[Replacement]:
        # the keys every letter of the run replaces (its ledger rows name them all,
        # quarantined letters too), as a run does
        keys = pc.unique(rows["ledger"].column(TABLES[name].key).combine_chunks())
        return [Replacement(rows[name], keys)]

    started = time.perf_counter()
    commit_run(Lake(lake), parts, run_id=run_id)
    return time.perf_counter() - started


def read_time(lake: str) -> tuple[float, float]:
    """Open `imr-lake sql`'s views (a fresh connection, as the CLI does: it loads the
    extensions and resolves each table's version) and run QUERY: both wall times."""
    from imr_lake.lake.sql import connect

    started = time.perf_counter()
    con = connect(lake)
    opened = time.perf_counter()
    con.execute(QUERY).fetchall()
    return opened - started, time.perf_counter() - opened


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    out = work()
    return time.perf_counter() - started, out


def no_checkpoints(lake: str) -> None:
    """Switch off delta-rs's checkpoint every 100 commits (the 'no maintenance' lake)."""
    from deltalake import DeltaTable

    from imr_lake.lake.maintenance import table_uris

    for uri in table_uris(lake).values():
        DeltaTable(uri).alter.set_table_properties({"delta.checkpointInterval": "1000000"})


def nightly(root: Path, letters: int, base: int, seed: int) -> dict[str, Any]:
    gen = Letters(seed)
    lake = str(root / "nightly")
    load = _timed(lambda: commit(lake, gen.tables(gen.ids(base), "load", range(2013, 2027)), "l"))
    times = [
        commit(lake, gen.tables(gen.ids(letters), f"n{i}", range(2025, 2027)), f"n{i}")
        for i in range(3)
    ]
    return {"letters": letters, "base": base, "load_s": load[0], "commit_s": times}


def reprocess(root: Path, count: int, seed: int) -> dict[str, Any]:
    gen = Letters(seed)
    lake = str(root / "reprocess")
    ids = gen.ids(count)
    load_s = commit(lake, gen.tables(ids, "load", range(2013, 2027)), "load")
    again_s = commit(lake, gen.tables(ids, "reparse", range(2013, 2027)), "reparse")
    return {"letters": count, "load_s": load_s, "reprocess_s": again_s}


def growth(
    root: Path,
    nights: int,
    letters: int,
    every: int,
    seed: int,
    maintained: bool,
    max_commit_s: float = float("inf"),
) -> dict:
    from imr_lake.lake.maintenance import maintain

    gen = Letters(seed)
    lake = str(root / ("maintained" if maintained else "unmaintained"))
    samples, maintenance = [], []
    for night in range(1, nights + 1):
        rows = gen.tables(gen.ids(letters), f"night-{night}", range(2025, 2027))
        commit_s = commit(lake, rows, f"night-{night}")
        if night == 1 and not maintained:
            no_checkpoints(lake)
        if maintained and night % 7 == 0:
            seconds, result = _timed(lambda: maintain(lake))
            maintenance.append({"night": night, "s": seconds} | _files(result))
        stop = commit_s > max_commit_s
        if night == 1 or night % every == 0 or night == nights or stop:
            open_s, query_s = read_time(lake)
            samples.append(
                {"night": night, "commit_s": commit_s, "open_s": open_s, "query_s": query_s}
            )
            print(f"bench-lake: {Path(lake).name} night {night}: {samples[-1]}", file=sys.stderr)
        if stop:  # the series has shown its trend; the rest would take hours
            break
    out: dict[str, Any] = {"samples": samples, "maintenance": maintenance, "nights": night}
    if not maintained:  # a year of small files compacted at once
        seconds, result = _timed(lambda: maintain(lake))
        out["final_maintenance"] = {"s": seconds} | _files(result)
        out["query_after_maintenance_s"] = read_time(lake)[1]
    return out


def _files(result) -> dict[str, int]:
    tables = result.tables.values()
    return {
        "files_before": sum(t.files_before for t in tables),
        "files_after": sum(t.files_after for t in tables),
        "vacuumed": sum(t.vacuumed for t in tables),
    }


def render(result: dict[str, Any]) -> str:
    n, r = result["nightly"], result["reprocess"]
    lines = [
        f"nightly commit, {n['letters']} letters into {n['base']}: "
        f"median {statistics.median(n['commit_s']):.2f} s (4 tables)",
        f"reprocess of {r['letters']} letters: {r['reprocess_s']:.2f} s "
        f"(first load {r['load_s']:.2f} s)",
    ]
    for name in ("unmaintained", "maintained"):
        g = result["growth"][name]
        cap = result["max_commit_s"]
        stopped = (
            f" (stopped: a commit took over {cap} s)" if g["nights"] < result["nights"] else ""
        )
        lines.append(f"{name}{stopped}: night  commit_s  open_s  query_s")
        lines += [
            f"  {s['night']:>5}  {s['commit_s']:8.3f}  {s['open_s']:6.3f}  {s['query_s']:7.3f}"
            for s in g["samples"]
        ]
        if g["maintenance"]:
            m = g["maintenance"]
            lines.append(
                f"  weekly maintenance: median {statistics.median(x['s'] for x in m):.2f} s, "
                f"last {m[-1]['s']:.2f} s ({m[-1]['files_before']} -> {m[-1]['files_after']} files)"
            )
        if "final_maintenance" in g:
            f = g["final_maintenance"]
            lines.append(
                f"  maintenance after {g['samples'][-1]['night']} nights: {f['s']:.2f} s "
                f"({f['files_before']} -> {f['files_after']} files); "
                f"query then {g['query_after_maintenance_s']:.3f} s"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="imr_lake.bench.lake", description=__doc__)
    parser.add_argument("--letters", type=int, default=300, help="letters a night")
    parser.add_argument("--base", type=int, default=10_000, help="letters before the nightly run")
    parser.add_argument("--reprocess", type=int, default=10_000)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--every", type=int, default=30, help="sample every N nights")
    parser.add_argument(
        "--max-commit-s",
        type=float,
        default=30.0,
        help="stop a growth series once a nightly commit takes longer than this",
    )
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--root", type=Path, default=Path("var/bench/lake"))
    args = parser.parse_args(argv)
    root = args.root.resolve()
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "nights": args.nights,
        "max_commit_s": args.max_commit_s,
        "nightly": nightly(root, args.letters, args.base, args.seed),
        "reprocess": reprocess(root, args.reprocess, args.seed + 1),
        "growth": {
            name: growth(
                root,
                args.nights,
                args.letters,
                args.every,
                args.seed + 2,
                maintained=name == "maintained",
                max_commit_s=args.max_commit_s,
            )
            for name in ("maintained", "unmaintained")
        },
    }
    out = root.parent / f"lake-{args.nights}.json"
    out.write_text(json.dumps(result, indent=2))
    print(render(result))
    print(f"json: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
