"""What the ledger's file layout costs discovery, at a history size SeaweedFS is not filled to.

`python -m imr_lake.bench.ledger_layout --count 1500000`: a local lake's Delta ledger of
`count` letters (bench.scale's keys and rows, all but the newest `--new` held), written
(1) in key order in one commit (an initial load's chunks, ListObjectsV2's order), (2) in no
order by five commits of shuffled keys, and (3) that one after `maintain` (z-order by key).
For each: the ledger rows a night's dated read decodes (`ledger_rows`) and, each in a fresh
process, peak RSS (VmHWM) and seconds of a dated night's discovery and of a whole-history
anti-join (a flat or inventory listing, generated in the process: its seconds include
making 1.5 million keys in Python, about a third of them). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from imr_lake.bench.scale import day_of, etag_of, key_of, ledger_table, write_ledger

ARRIVED = datetime(2026, 3, 1, tzinfo=UTC)


def night_days(count: int, new: int) -> list[str]:
    return sorted({f"{day_of(s):%Y/%m/%d}/" for s in range(count - new, count)})


def _pages(first: int, last: int) -> Any:
    """The listing's pages, built as a listing builds them (without pyarrow's pandas shim:
    discovery.columns), so the measured process holds what a real discovery holds."""
    from imr_lake.discovery import LISTED, columns

    size, modified = columns.int64s([30])[0], columns.timestamp(ARRIVED, LISTED[3].type)
    for start in range(first, last, 1000):
        end = min(start + 1000, last)
        yield pa.record_batch(
            [
                columns.strings([key_of(s) for s in range(start, end)]),
                columns.strings([etag_of(s) for s in range(start, end)]),
                pa.repeat(size, end - start),
                pa.repeat(modified, end - start),
            ],
            schema=LISTED,
        )


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """One discovery against the ledger, in this (fresh) process."""
    from imr_lake import heap

    heap.system_arrow_pool()
    from imr_lake.discovery.antijoin import ledger_keys, ledger_rows, letters_to_take
    from imr_lake.discovery.layouts import Listing
    from imr_lake.discovery.partitions import parts_for

    lake, count, new = spec["lake"], spec["count"], spec["new"]
    started = time.perf_counter()
    if spec["read"] == "dated":
        days = night_days(count, new)
        listing = Listing("dated", prefixes=days)
        first = next(s for s in range(count - new - 400, count) if key_of(s)[:11] in days)
        pages = _pages(first, count)
    else:
        listing = None
        pages = _pages(0, count)
    decoded = ledger_rows(lake, listing)
    found = letters_to_take(pages, ledger_keys(lake, listing), parts=parts_for(decoded))
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": heap.peak_rss_mb(),
        "new": found.new,
        "ledger_rows_read": decoded,
    }


def _child(spec: dict[str, Any]) -> dict[str, Any]:
    command = [sys.executable, "-m", "imr_lake.bench.ledger_layout", "--child", json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"measurement failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def seed(lake: str, count: int, new: int, shuffled: bool) -> float:
    rows = ledger_table(count - new)
    started = time.perf_counter()
    if not shuffled:
        write_ledger(lake, rows, "history")
    else:
        order = list(range(rows.num_rows))
        random.Random(1).shuffle(order)
        fifth = len(order) // 5 + 1
        for n in range(5):
            write_ledger(lake, rows.take(pa.array(order[n * fifth : (n + 1) * fifth])), f"c{n}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="imr_lake.bench.ledger_layout", description=__doc__)
    parser.add_argument("--count", type=int, default=1_500_000)
    parser.add_argument("--new", type=int, default=300)
    parser.add_argument("--root", type=Path, default=Path("var/bench/ledger-layout"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(json.loads(args.child))))
        return 0
    from imr_lake.lake.maintenance import maintain

    root = args.root.resolve()
    shutil.rmtree(root, ignore_errors=True)
    lines = [
        "| ledger layout | seed / maintain s | dated: ledger rows read | dated s | dated MB "
        "| whole anti-join s | whole MB |",
        "|---|---|---|---|---|---|---|",
    ]
    states = [("key order", False, False), ("no order", True, False), ("no order", True, True)]
    for name, shuffled, maintained in states:
        lake = str(root / ("shuffled" if shuffled else "sorted"))
        if maintained:
            started = time.perf_counter()
            maintain(lake)
            cost = f"maintain {time.perf_counter() - started:.1f}"
            name += ", then maintained (z-order)"
        else:
            cost = f"seed {seed(lake, args.count, args.new, shuffled):.1f}"
        spec = {"lake": lake, "count": args.count, "new": args.new}
        dated, whole = _child({**spec, "read": "dated"}), _child({**spec, "read": "whole"})
        if dated["new"] != args.new or whole["new"] != args.new:
            raise RuntimeError(f"{name}: found {dated['new']} / {whole['new']}, not {args.new}")
        lines.append(
            f"| {name} | {cost} | {dated['ledger_rows_read']:,} | {dated['seconds']} | "
            f"{dated['peak_rss_mb']:.0f} | {whole['seconds']} | {whole['peak_rss_mb']:.0f} |"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
