"""`make bench-scale`: what discovery costs against the size of the history, per layout.

A SeaweedFS `weed mini` S3 server holds a history of small objects (10,000, 100,000,
300,000 by default, `--sizes`) under date-laid keys `{year}/{month}/{day}/{seq}.pdf` (about
316 letters a day from 2013-01-01, the real arrival rate: 1.5 million in 13 years), so the
same bucket serves every layout: flat (the whole listing, anti-joined), sorted (StartAfter
the ledger's greatest key), dated (the night's prefixes) and an S3 Inventory report (CSV,
written as AWS writes it). The ledger holds all but the newest `--new` (300) letters: the
nightly run must find exactly those. Each measurement runs in a fresh process (peak RSS
honest: VmHWM). Also: the ledger's size and read time, and the time to commit a night's
rows to it. Prints a Markdown table, a linear model per layout extrapolated to 1.5 million,
and writes var/bench/scale/result.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

PER_DAY = 316  # letters a day: 1.5 million since 2013
FIRST_DAY = date(2013, 1, 1)
BUCKETS = ("scale-raw", "scale-sizes", "scale-lake", "scale-inventory")
LARGEST_BUCKET = 300_000  # scale-raw holds this history at its root; smaller ones: scale-sizes
LAYOUTS = ("flat", "sorted", "dated", "inventory")
TARGET_LETTERS = 1_500_000
TARGETS = {"seconds": 30.0, "peak_rss_mb": 300.0}
DATED = "{year}/{month}/{day}/"
# the ledgers a run seeds are kept under this suffix; a new one when the ledger's file layout
# changes (here: row groups of lake.delta.ROW_GROUP_ROWS rows, session 5)
LAKE_TAG = "rg65536"


def day_of(seq: int) -> date:
    return FIRST_DAY + timedelta(days=seq // PER_DAY)


def key_of(seq: int) -> str:
    return f"{day_of(seq):%Y/%m/%d}/{seq:07d}.pdf"


def content_of(seq: int) -> bytes:
    return b"%PDF-1.4 bench letter " + str(seq).encode()


def etag_of(seq: int) -> str:
    return hashlib.md5(content_of(seq)).hexdigest()  # S3's ETag of a single-part PUT


# --- the history in the bucket -----------------------------------------------------------


def source_of(count: int) -> tuple[str, str]:
    """(bucket, prefix) of the history of `count` letters: each size its own, so a flat
    listing lists exactly that history."""
    if count == LARGEST_BUCKET:
        return "scale-raw", ""
    return "scale-sizes", f"n{count}/"


def ensure_objects(root: Path, count: int, filer: str, chunk: int = 2000) -> float:
    """Upload letters until the history of `count` holds them all (kept between runs);
    seconds spent. Through the SeaweedFS filer's HTTP API (`filer`: its URL), which stores an
    S3 bucket's objects under /buckets/<bucket>/ with the same MD5 ETag as an S3 PUT: about
    800 objects/s here against 50-150 through the S3 gateway's signed PUTs (measured
    2026-12-02), so a 300,000 history seeds in minutes, not hours."""
    from concurrent.futures import ThreadPoolExecutor

    bucket, prefix = source_of(count)
    marker = root / ("uploaded.json" if not prefix else f"uploaded-n{count}.json")
    have = json.loads(marker.read_text())["count"] if marker.exists() else 0
    started = time.monotonic()
    with ThreadPoolExecutor(UPLOADERS) as pool:
        put = _FilerPut(filer, f"/buckets/{bucket}/{prefix}")
        for start in range(have, count, chunk):
            end = min(start + chunk, count)
            list(pool.map(put, range(start, end)))
            marker.write_text(json.dumps({"count": end}))
            print(f"bench-scale: {end:,} objects of {count:,}", file=sys.stderr, flush=True)
    return time.monotonic() - started


UPLOADERS = 16  # concurrent filer PUTs while seeding


class _FilerPut:
    """PUT one letter to the filer, on a kept-alive connection per thread."""

    def __init__(self, filer: str, folder: str) -> None:
        from urllib.parse import urlsplit

        address = urlsplit(filer)
        self.host, self.port = address.hostname or "127.0.0.1", address.port or 80
        self.folder = folder
        self.local = threading.local()

    def __call__(self, seq: int) -> None:
        import http.client

        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection(self.host, self.port)
        connection.request("PUT", self.folder + key_of(seq), body=content_of(seq))
        response = connection.getresponse()
        response.read()
        if response.status >= 300:
            raise RuntimeError(f"filer PUT of letter {seq}: HTTP {response.status}")


def ledger_table(count: int) -> pa.Table:
    """Ledger rows of the first `count` letters, all published (contract columns)."""
    from imr_lake.schema import LEDGER

    now = datetime.now(tz=UTC)
    keys = [key_of(s) for s in range(count)]
    return pa.table(
        {
            "key": keys,
            "etag": [etag_of(s) for s in range(count)],
            "size": [len(content_of(s)) for s in range(count)],
            "sha256": [hashlib.sha256(content_of(s)).hexdigest() for s in range(count)],
            "document_id": [hashlib.sha256(k.encode()).hexdigest() for k in keys],
            "status": ["published"] * count,
            "error_code": pa.nulls(count, pa.string()),
            "error_message": pa.nulls(count, pa.string()),
            "parser_version": ["bench"] * count,
            "run_id": [f"bench__{s // 50_000}" for s in range(count)],
            "first_seen": [now] * count,
            "last_processed": [now] * count,
        }
    ).cast(LEDGER)


def write_ledger(lake_url: str, rows: pa.Table, commit_id: str) -> int | None:
    """Add rows to the lake's ledger the way a run's commit does (`commit_table`: one
    MERGE by key into the Delta ledger, streamed in parts of 50,000 rows); its version."""
    from imr_lake.lake.commit import commit_table
    from imr_lake.lake.delta import Replacement
    from imr_lake.lake.tables import LEDGER_TABLE, ensure_tables
    from imr_lake.storage import Lake

    lake = Lake(lake_url)
    ensure_tables(lake)

    def parts():
        for start in range(0, rows.num_rows, 50_000):
            chunk = rows.slice(start, 50_000)
            yield Replacement(chunk, chunk.column("key").combine_chunks())

    return commit_table(lake, LEDGER_TABLE, parts, run_id=commit_id)


def ledger_bytes(lake_url: str) -> int:
    from imr_lake.storage import Lake

    lake = Lake(lake_url)
    return sum(int(lake.fs.info(p)["size"]) for p in lake.fs.find(lake.restricted("ledger")))


def ensure_inventory(count: int) -> str:
    """An S3 Inventory report (CSV) of the bucket's `count` letters; its manifest URL."""
    from imr_lake.bench.inventory_report import write_report
    from imr_lake.storage import filesystem

    fs, _ = filesystem("s3://scale-inventory")
    stamp = f"n{count}"
    bucket, prefix = source_of(count)
    manifest = f"inventory/{bucket}/letters-{stamp}/{stamp}/manifest.json"
    if not fs.exists(f"scale-inventory/{manifest}"):
        modified = datetime(2026, 3, 1, tzinfo=UTC)
        rows = [
            {
                "key": prefix + key_of(s),
                "etag": etag_of(s),
                "size": len(content_of(s)),
                "last_modified": modified,
            }
            for s in range(count)
        ]
        written = write_report(
            lambda key, data: fs.pipe_file(f"scale-inventory/{key}", data),
            source_bucket=bucket,
            destination_bucket="scale-inventory",
            rows=rows,
            files=max(1, math.ceil(count / 250_000)),
            config_id=f"letters-{stamp}",  # one report per history size
            stamp=stamp,
        )
        assert written == manifest
    return f"s3://scale-inventory/{manifest}"


# --- measurements, each in a fresh process -------------------------------------------------


def measure_discovery(spec: dict[str, Any]) -> dict[str, Any]:
    """One nightly discovery: read the ledger, list by the layout, anti-join."""
    from imr_lake import heap
    from imr_lake.discovery.find import find_letters

    heap.system_arrow_pool()
    base = heap.peak_rss_mb()
    name, _, concurrency = spec["layout"].partition("@")  # flat@8: 8 listing requests at once
    layout = {"dated": DATED, "inventory": None}.get(name, name)
    interval = (
        datetime.fromisoformat(spec["not_before"]),
        datetime.fromisoformat(spec["not_after"]),
    )
    started, cpu = time.perf_counter(), time.process_time()
    found = find_letters(
        spec["source"],
        spec["lake"],
        layout=layout,
        inventory=spec["inventory"] if name == "inventory" else None,
        interval=interval,  # the night's prefixes; the objects' real upload times are later
        concurrency=int(concurrency) if concurrency else None,
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu, 3),  # the client's own CPU, all its threads (not the server's)
        "peak_rss_mb": heap.peak_rss_mb(),
        "imports_rss_mb": base,
        "listed": found.found.listed,
        "new": found.found.new,
        "requests": len(found.requests),
        "kind": found.listing.kind,
    }


def measure_ledger(spec: dict[str, Any]) -> dict[str, Any]:
    """The whole ledger's (key, etag), as a flat listing's anti-join needs it."""
    from imr_lake import heap
    from imr_lake.discovery.antijoin import ledger_keys

    heap.system_arrow_pool()
    started = time.perf_counter()
    rows = ledger_keys(spec["lake"]).read_all().num_rows
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "rows": rows, "peak_rss_mb": heap.peak_rss_mb()}


def measure_commit(spec: dict[str, Any]) -> dict[str, Any]:
    """A night's ledger rows committed to a ledger of the history's size."""
    from imr_lake import heap

    rows = ledger_table(spec["count"]).slice(spec["count"] - spec["new"])
    from deltalake import DeltaTable

    from imr_lake.lake.delta import storage_options
    from imr_lake.lake.tables import LEDGER_TABLE
    from imr_lake.storage import Lake

    started = time.perf_counter()
    version = write_ledger(spec["lake"], rows, f"night-{int(time.time() * 1000)}")
    seconds = time.perf_counter() - started
    uri = LEDGER_TABLE.uri(Lake(spec["lake"]))
    if version:  # the next measurement's night is new again
        DeltaTable(uri, storage_options=storage_options(uri)).restore(version - 1)
    return {"seconds": round(seconds, 3), "peak_rss_mb": heap.peak_rss_mb()}


CHILDREN = {"discovery": measure_discovery, "ledger": measure_ledger, "commit": measure_commit}


def in_child(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    command = [sys.executable, "-m", "imr_lake.bench.scale", "--child", kind, json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{kind} measurement failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- `imr-lake run` on 1, 2, 4 worker processes ---------------------------------------------


def busy_cores_seconds() -> float:
    """CPU seconds the whole machine has been busy (/proc/stat), all processes counted.

    A run's own CPU cannot be read from `RUSAGE_CHILDREN`: pool workers leave by `os._exit`
    without waiting for their extraction children, whose time is then never reported. On a
    quiet machine the busy cores are the run's; on a shared one they show the contention.
    """
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def measure_workers(root: Path, count: int, workers: list[int]) -> list[dict[str, Any]]:
    """`imr-lake run` over one generated corpus on each number of worker processes (batches
    sized automatically), a fresh lake each: wall time, letters/s, CPU cores it got."""
    import shutil

    from imr_lake.bench import BENCH_KEY
    from imr_lake.bench.corpus import ensure_corpus

    source = ensure_corpus(root.parent, count, 20261127)
    cli = Path(sys.executable).with_name("imr-lake")
    env = {**os.environ, "IMR_PSEUDONYM_KEY": os.environ.get("IMR_PSEUDONYM_KEY", BENCH_KEY)}
    rows = []
    for n in workers:
        lake = root / "worker-lakes" / f"w{n}"
        shutil.rmtree(lake, ignore_errors=True)
        print(f"bench-scale: imr-lake run, {n} workers ...", file=sys.stderr, flush=True)
        before = busy_cores_seconds()
        load = os.getloadavg()[0]
        started = time.perf_counter()
        command = [str(cli), "run", "--source", str(source), "--lake", str(lake)]
        done = subprocess.run(
            [*command, "--workers", str(n)], capture_output=True, text=True, env=env, check=False
        )
        wall = time.perf_counter() - started
        if done.returncode:
            raise RuntimeError(f"imr-lake run failed: {done.stderr[-3000:]}")
        cpu = busy_cores_seconds() - before
        rows.append(
            {
                "workers": n,
                "letters": count,
                "wall_s": round(wall, 1),
                "letters_per_s": round(count / wall, 2),
                "machine_cores_busy": round(cpu / wall, 2),
                "load_before": round(load, 1),
                "last_line": done.stdout.strip().splitlines()[-1],
            }
        )
    base = rows[0]["wall_s"]
    for row in rows:
        row["speedup"] = round(base / row["wall_s"], 2)
    return rows


def workers_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| workers | letters | wall s | letters/s | speed-up vs 1 | machine cores busy "
        "| load before |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['workers']} | {r['letters']} | {r['wall_s']} | {r['letters_per_s']} | "
            f"{r['speedup']:.2f} | {r['machine_cores_busy']} | {r['load_before']} |"
        )
    per_100k = 100_000 / rows[0]["letters_per_s"] / 3600
    lines.append(f"\nOne worker: {per_100k:.1f} h per 100,000 letters at this rate.")
    return "\n".join(lines)


# --- the run --------------------------------------------------------------------------------


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares y = a + b * n."""
    if len(points) < 2:
        n, y = points[0]
        return 0.0, y / n
    mean_n = sum(n for n, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((n - mean_n) ** 2 for n, _ in points)
    slope = sum((n - mean_n) * (y - mean_y) for n, y in points) / var
    return mean_y - slope * mean_n, slope


def measure_size(
    root: Path, count: int, new: int, layouts: list[str], tag: str = "", filer: str = ""
) -> dict[str, Any]:
    upload_s = ensure_objects(root, count, filer)
    name = f"n{count}" + (f"-{tag}" if tag else "")
    lake = f"s3://scale-lake/{name}"
    from imr_lake.storage import Lake

    if not Lake(lake).fs.exists(f"scale-lake/{name}/restricted/ledger"):
        write_ledger(lake, ledger_table(count - new), "history")
    inventory = ensure_inventory(count) if "inventory" in layouts else None
    first, last = day_of(count - new), day_of(count - 1)
    spec = {
        "source": "s3://{}/{}".format(*source_of(count)).rstrip("/"),
        "lake": lake,
        "inventory": inventory,
        "not_before": datetime(first.year, first.month, first.day, tzinfo=UTC).isoformat(),
        "not_after": (
            datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
        ).isoformat(),
    }
    row: dict[str, Any] = {
        "history": count,
        "upload_s": round(upload_s, 1),
        "ledger_mb": round(ledger_bytes(lake) / 1e6, 2),
        "layouts": {},
    }
    for layout in layouts:
        print(f"bench-scale: {count:,} letters, {layout} ...", file=sys.stderr, flush=True)
        result = in_child("discovery", {**spec, "layout": layout})
        if result["new"] != new:
            raise RuntimeError(f"{layout} found {result['new']} new letters, not {new}")
        row["layouts"][layout] = result
    row["ledger"] = in_child("ledger", {"lake": lake})
    row["commit"] = in_child("commit", {"lake": lake, "count": count, "new": new})
    return row


def report(rows: list[dict[str, Any]], layouts: list[str]) -> tuple[str, dict[str, Any]]:
    lines = [
        "| history | layout | discovery s | peak RSS MB | listed | requests | pages/s | "
        "discovery CPU ms/request | ledger MB | ledger read s | commit s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for layout in layouts:
            r = row["layouts"][layout]
            lines.append(
                f"| {row['history']:,} | {layout} | {r['seconds']:.2f} | {r['peak_rss_mb']:.0f} | "
                f"{r['listed']:,} | {r['requests']:,} | {r['requests'] / r['seconds']:.0f} | "
                f"{1000 * r.get('cpu_s', 0) / max(1, r['requests']):.1f} | "
                f"{row['ledger_mb']:.1f} | "
                f"{row['ledger']['seconds']:.2f} | {row['commit']['seconds']:.2f} |"
            )
    model: dict[str, Any] = {}
    lines += ["", f"Linear model y = a + b x history, at {TARGET_LETTERS:,} letters:", ""]
    lines += ["| layout | s = a + b n | at 1.5 M s | MB = a + b n | at 1.5 M MB | targets |"]
    lines += ["|---|---|---|---|---|---|"]
    for layout in layouts:
        seconds = fit([(r["history"], r["layouts"][layout]["seconds"]) for r in rows])
        memory = fit([(r["history"], r["layouts"][layout]["peak_rss_mb"]) for r in rows])
        at_s = seconds[0] + seconds[1] * TARGET_LETTERS
        at_mb = memory[0] + memory[1] * TARGET_LETTERS
        met = at_s <= TARGETS["seconds"] and at_mb <= TARGETS["peak_rss_mb"]
        model[layout] = {"seconds": seconds, "mb": memory, "at_s": at_s, "at_mb": at_mb, "met": met}
        lines.append(
            f"| {layout} | {seconds[0]:.2f} + {seconds[1] * 1e6:.2f}/M | {at_s:.1f} | "
            f"{memory[0]:.0f} + {memory[1] * 1e6:.1f}/M | {at_mb:.0f} | "
            f"{'met' if met else 'missed'} |"
        )
    return "\n".join(lines), model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="imr_lake.bench.scale", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,300000")
    parser.add_argument("--new", type=int, default=300, help="letters of the night")
    parser.add_argument(
        "--layouts",
        default=",".join(LAYOUTS),
        help="layout[@N]: N listing requests at once (flat; default IMR_LIST_CONCURRENCY), "
        "e.g. flat@1,flat@8 measures both in one run",
    )
    parser.add_argument("--root", type=Path, default=Path("var/bench/scale"))
    parser.add_argument(
        "--lake-tag",
        default=LAKE_TAG,
        help="the seeded ledgers' name suffix: a new one seeds new ledgers (kept objects)",
    )
    parser.add_argument(
        "--workers",
        default="",
        help="instead of discovery: imr-lake run on these worker counts, e.g. 1,2,4",
    )
    parser.add_argument("--letters", type=int, default=200, help="letters of --workers runs")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SPEC"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, spec = args.child
        print(json.dumps(CHILDREN[kind](json.loads(spec))))
        return 0
    if args.workers:
        root = args.root.resolve()
        root.mkdir(parents=True, exist_ok=True)
        rows = measure_workers(root, args.letters, [int(w) for w in args.workers.split(",")])
        (root / "workers.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows}))
        print(workers_table(rows))
        print(f"{os.cpu_count()} cores, shared with other work")
        return 0
    from imr_lake.bench.seaweedfs import SeaweedFS

    root = args.root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    layouts = [x.strip() for x in args.layouts.split(",") if x.strip()]
    server = SeaweedFS(root / "seaweedfs", BUCKETS)
    server.start()
    os.environ.update(server.env())
    started = datetime.now(tz=UTC)
    load = os.getloadavg()[0]
    try:
        rows = [
            measure_size(root, n, args.new, layouts, args.lake_tag, server.filer_url) for n in sizes
        ]
    finally:
        server.stop()
    text, model = report(rows, layouts)
    result = {
        "started": started.isoformat(),
        "finished": datetime.now(tz=UTC).isoformat(),
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "new": args.new,
        "rows": rows,
        "model": model,
        "targets": TARGETS,
    }
    (root / "result.json").write_text(json.dumps(result, indent=2))
    print(text)
    print(
        f"\nload average {load:.1f} before, {result['load_after']:.1f} after; "
        f"{os.cpu_count()} cores (shared)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
