"""Discovery at scale: paged listing, StartAfter, S3 Inventory reports, the ledger anti-join."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest
from imr_lake.bench.inventory_report import write_report
from imr_lake.discovery import LISTED
from imr_lake.discovery.antijoin import greatest_key, letters_to_take
from imr_lake.discovery.inventory import InventoryError, inventory_pages
from imr_lake.discovery.layouts import DATED, FLAT, INVENTORY, SORTED, listing_pages, plan
from imr_lake.discovery.pages import object_pages
from imr_lake.pipeline import discover
from imr_lake.storage import filesystem

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def _letter(root: Path, key: str, arrived: datetime) -> None:
    path = root / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 " + key.encode())
    os.utime(path, (arrived.timestamp(), arrived.timestamp()))


def _history(root: Path, days: int = 6, per_day: int = 5) -> list[str]:
    keys = []
    for day in range(days):
        for n in range(per_day):
            key = f"2026/03/{day + 1:02d}/letter-{n}.pdf"
            _letter(root, key, T0 + timedelta(days=day, hours=n))
            keys.append(key)
    (root / "2026/03/01/notes.txt").write_text("not a letter")
    return sorted(keys)


def _keys(pages) -> list[str]:
    return sorted(k for page in pages for k in page.column("key").to_pylist())


def test_local_listing_comes_in_pages_of_at_most_the_page_size(tmp_path: Path) -> None:
    keys = _history(tmp_path)
    fs, root = filesystem(str(tmp_path))
    pages = list(object_pages(fs, root, page_size=4))
    assert all(page.num_rows <= 4 for page in pages) and len(pages) >= 30 // 4
    assert all(page.schema == LISTED for page in pages)
    assert _keys(pages) == keys  # every letter once, the text file left out


def test_start_after_lists_only_later_keys_and_skips_earlier_folders(tmp_path: Path) -> None:
    keys = _history(tmp_path)
    fs, root = filesystem(str(tmp_path))
    everything: list[int] = []
    list(object_pages(fs, root, requests=everything))
    after: list[int] = []
    later = _keys(object_pages(fs, root, start_after="2026/03/05/letter-2.pdf", requests=after))
    assert later == [k for k in keys if k > "2026/03/05/letter-2.pdf"]
    assert len(later) == 2 + 5
    # folders 03/01..03/04 hold only earlier keys: not read (root, 2026, 03, 05, 06)
    assert len(after) == 5 < len(everything) == 9


def _ledger(rows: list[tuple[str, str]]) -> pa.Table:
    return pa.table(
        {"key": [k for k, _ in rows], "etag": [e for _, e in rows]},
        schema=pa.schema([("key", pa.string()), ("etag", pa.string())]),
    )


def _etags(pages: list[pa.RecordBatch]) -> dict[str, str]:
    return {row["key"]: row["etag"] for page in pages for row in page.to_pylist()}


def _listed(tmp_path: Path) -> list[pa.RecordBatch]:
    fs, root = filesystem(str(tmp_path))
    return list(object_pages(fs, root, page_size=7))


def test_anti_join_takes_new_and_changed_letters_and_counts_the_rest(tmp_path: Path) -> None:
    keys = _history(tmp_path)
    pages = _listed(tmp_path)
    etags = _etags(pages)
    held = [(k, etags[k]) for k in keys[:20]]
    held[3] = (keys[3], "an-older-etag")  # changed since it was processed: taken again
    found = letters_to_take(iter(pages), _ledger(held))
    assert found.letters.column("key").to_pylist() == sorted([keys[3], *keys[20:]])
    assert (found.listed, found.new, found.skipped, found.left) == (30, 11, 19, 0)


def test_anti_join_limit_takes_the_first_keys_and_says_how_many_are_left(tmp_path: Path) -> None:
    keys = _history(tmp_path)
    found = letters_to_take(iter(_listed(tmp_path)), _ledger([]), limit=12)
    assert found.letters.column("key").to_pylist() == keys[:12]
    assert (found.new, found.left, found.skipped) == (30, 18, 0)


def test_anti_join_cutoff_and_reprocess_window(tmp_path: Path) -> None:
    keys = _history(tmp_path)
    pages = _listed(tmp_path)
    etags = _etags(pages)
    ledger = _ledger([(k, etags[k]) for k in keys])  # everything processed already
    cutoff = T0 + timedelta(days=3)  # 03-01 .. 03-03 arrived before it
    found = letters_to_take(iter(pages), ledger, not_after=cutoff)
    assert (found.listed, found.new, found.skipped) == (15, 0, 15)
    window = letters_to_take(
        iter(_listed(tmp_path)),
        ledger,
        not_after=cutoff,
        not_before=T0 + timedelta(days=2),
        reprocess=True,
    )
    assert window.letters.column("key").to_pylist() == [k for k in keys if "/03/03/" in k]
    assert (window.new, window.skipped) == (5, 10)


def test_anti_join_cutoff_given_as_airflow_passes_it(tmp_path: Path) -> None:
    """Airflow's data interval comes as pendulum DateTimes, in any time zone."""
    pendulum = pytest.importorskip("pendulum")
    keys = _history(tmp_path)
    pages = _listed(tmp_path)
    etags = _etags(pages)
    ledger = _ledger([(k, etags[k]) for k in keys])
    cutoff = pendulum.instance(T0 + timedelta(days=3)).in_timezone("America/Los_Angeles")
    window = letters_to_take(
        iter(pages),
        ledger,
        not_after=cutoff,
        not_before=pendulum.instance(T0 + timedelta(days=2)),
        reprocess=True,
    )
    assert window.letters.column("key").to_pylist() == [k for k in keys if "/03/03/" in k]
    assert (window.listed, window.new, window.skipped) == (15, 5, 10)


def test_plans_by_layout() -> None:
    start, end = T0, T0 + timedelta(days=1)
    assert plan(None).kind == plan("flat").kind == FLAT
    dated = plan("{year}/{month}/{day}/", not_before=start, not_after=end)
    assert (dated.kind, dated.prefixes) == (DATED, ["2026/03/01/"])
    assert plan("{year}/{month}/{day}/").kind == FLAT  # a manual run: no interval
    assert plan("sorted", greatest_key="2026/03/05/x.pdf").start_after == "2026/03/05/x.pdf"
    assert plan("sorted", greatest_key=None).kind == FLAT  # an empty ledger lists everything
    assert plan("sorted", greatest_key="k", reprocess=True).kind == FLAT
    assert plan(None, inventory="s3://b/manifest.json").kind == INVENTORY
    with pytest.raises(ValueError, match="unknown source layout"):
        plan("by-date")
    assert SORTED == "sorted"


def test_the_ledger_is_read_only_in_the_listings_key_range(tmp_path: Path, monkeypatch) -> None:
    """Two ledger files (a key processed twice), row groups of 4; a third file the Delta
    log's key statistics place in April, which no read of March may open (it is absent)."""
    import pyarrow.parquet as pq
    from imr_lake.discovery import antijoin
    from imr_lake.discovery.layouts import Listing
    from imr_lake.lake.delta_log import DataFile

    def part(name: str, rows: list[tuple[str, str, int]]) -> Path:
        table = pa.table(
            {
                "key": [k for k, _, _ in rows],
                "etag": [e for _, e, _ in rows],
                "last_processed": [T0 + timedelta(hours=h) for _, _, h in rows],
            }
        )
        pq.write_table(table, tmp_path / name, row_group_size=4)
        return tmp_path / name

    days = [(f"2026/03/{d:02d}/x-{n}.pdf", f"e{d}{n}", 0) for d in (1, 2, 3) for n in range(3)]
    files = [part("a.parquet", days), part("b.parquet", [("2026/03/02/x-1.pdf", "newer", 5)])]
    april = DataFile(str(tmp_path / "absent.parquet"), 7, "2026/04/01/a.pdf", "2026/04/02/z.pdf")
    ledger = [DataFile(str(f), None) for f in files]
    monkeypatch.setattr(antijoin, "ledger_files", lambda url: [*ledger, april])
    day = antijoin.ledger_keys("lake", Listing(DATED, prefixes=["2026/03/02/"])).read_all()
    assert day.num_rows == 4
    assert antijoin.ledger_rows("lake", Listing(DATED, prefixes=["2026/03/09/"])) == 0
    with pytest.raises(FileNotFoundError):  # the April file is opened only when it can meet
        antijoin.ledger_rows("lake", Listing(DATED, prefixes=["2026/04/"]))
    monkeypatch.setattr(antijoin, "ledger_files", lambda url: ledger)
    assert greatest_key("lake") == "2026/03/03/x-2.pdf"
    day = antijoin.ledger_keys("lake", Listing(DATED, prefixes=["2026/03/02/"])).read_all()
    assert sorted(tuple(r.values()) for r in day.to_pylist()) == [
        ("2026/03/02/x-0.pdf", "e20"),
        ("2026/03/02/x-1.pdf", "e21"),
        ("2026/03/02/x-1.pdf", "newer"),
        ("2026/03/02/x-2.pdf", "e22"),
    ]
    later = antijoin.ledger_keys("lake", Listing(SORTED, start_after="2026/03/03/x-0.pdf"))
    assert later.read_all().column("key").to_pylist() == [
        "2026/03/03/x-1.pdf",
        "2026/03/03/x-2.pdf",
    ]
    assert antijoin.ledger_keys("lake").read_all().num_rows == 10 == antijoin.ledger_size("lake")
    # only the row groups whose key statistics meet the range are read: a.parquet's first
    # group (03/01 x0-x2, 03/02 x0) and second (03/02 x1 - 03/03 x1), not its third; b's one
    assert antijoin.ledger_rows("lake", Listing(DATED, prefixes=["2026/03/02/"])) == 9
    assert antijoin.ledger_rows("lake", Listing(DATED, prefixes=["2026/04/"])) == 0
    assert antijoin.ledger_rows("lake") == 10
    # held with the etag it has now; the key is listed once, so it is taken at most once
    pages = [
        pa.record_batch(
            {
                "key": ["2026/03/02/x-1.pdf", "2026/03/02/x-9.pdf"],
                "etag": ["newer", "e29"],
                "size": [1, 1],
                "last_modified": [T0, T0],
            },
            schema=LISTED,
        )
    ]
    found = letters_to_take(iter(pages), antijoin.ledger_keys("lake"))
    assert found.letters.column("key").to_pylist() == ["2026/03/02/x-9.pdf"]


def _rows(tmp_path: Path) -> list[dict]:
    return [row for page in _listed(tmp_path) for row in page.to_pylist()]


@pytest.mark.parametrize("file_format", ["CSV", "Parquet"])
def test_an_inventory_report_lists_what_the_bucket_holds(tmp_path: Path, file_format) -> None:
    source = tmp_path / "raw" / "letters"
    _history(source)
    rows = [{**r, "key": f"letters/{r['key']}"} for r in _rows(source)]
    rows.append({**rows[0], "key": "letters/2026/03/01/with space+plus.pdf"})
    rows.append({**rows[0], "key": "letters/2026/03/01/gone.pdf", "is_delete_marker": True})
    rows.append({**rows[0], "key": "letters/2026/03/01/old.pdf", "is_latest": False})
    rows.append({**rows[0], "key": "elsewhere/x.pdf"})  # outside the source root
    destination = tmp_path / "inv-bucket"

    def put(key: str, data: bytes) -> None:
        path = destination / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    manifest = destination / write_report(
        put,
        source_bucket="raw",
        destination_bucket="inv-bucket",
        rows=rows,
        file_format=file_format,
    )
    listed = list(inventory_pages(str(manifest), "raw/letters"))
    expected = sorted([r["key"] for r in _rows(source)] + ["2026/03/01/with space+plus.pdf"])
    assert _keys(listed) == expected
    by_key = {r["key"]: r for page in listed for r in page.to_pylist()}
    first = _rows(source)[0]
    assert by_key[first["key"]]["etag"] == first["etag"]
    assert by_key[first["key"]]["size"] == first["size"]
    assert abs(by_key[first["key"]]["last_modified"] - first["last_modified"]) < timedelta(
        milliseconds=1
    )
    day = list(inventory_pages(str(manifest), "raw/letters", ["2026/03/02/"]))
    assert _keys(day) == [k for k in expected if k.startswith("2026/03/02/")]
    with pytest.raises(InventoryError, match="lists bucket 'raw'"):
        list(inventory_pages(str(manifest), "other-bucket"))


def test_discover_with_an_inventory_takes_the_reported_letters(tmp_path: Path) -> None:
    source = tmp_path / "raw"
    keys = _history(source)
    destination = tmp_path / "inv"

    def put(key: str, data: bytes) -> None:
        (destination / key).parent.mkdir(parents=True, exist_ok=True)
        (destination / key).write_bytes(data)

    reported = [r for r in _rows(source) if r["key"] < "2026/03/04/"]
    manifest = destination / write_report(
        put, source_bucket="raw", destination_bucket="inv", rows=reported
    )
    manifests = discover(
        str(source), str(tmp_path / "lake"), "manual__inv", inventory=str(manifest)
    )
    taken = sorted(o["key"] for m in manifests for o in json.loads(Path(m).read_text())["objects"])
    assert taken == [k for k in keys if k < "2026/03/04/"]
    report = json.loads((tmp_path / "lake/restricted/runs/manual__inv/discovered.json").read_text())
    assert report["listing"]["kind"] == INVENTORY and report["discovered"] == 15


def test_discover_in_chunks_writes_the_remaining_count(tmp_path: Path) -> None:
    source, lake = tmp_path / "raw", tmp_path / "lake"
    keys = _history(source)
    manifests = discover(str(source), str(lake), "load_1", limit=8, batch_size=3)
    objects = [o for m in manifests for o in json.loads(Path(m).read_text())["objects"]]
    assert [o["key"] for o in objects] == keys[:8]
    assert [len(json.loads(Path(m).read_text())["objects"]) for m in manifests] == [3, 3, 2]
    report = json.loads((lake / "restricted/runs/load_1/discovered.json").read_text())
    assert (report["discovered"], report["left"], report["skipped"]) == (8, 22, 0)
    assert datetime.fromisoformat(objects[0]["last_modified"]) == T0


def test_listing_pages_of_a_dated_plan_read_only_its_prefixes(tmp_path: Path) -> None:
    _history(tmp_path)
    requests: list[int] = []
    listing = plan("{year}/{month}/{day}/", not_before=T0, not_after=T0 + timedelta(days=1))
    assert _keys(listing_pages(str(tmp_path), listing, requests)) == [
        f"2026/03/01/letter-{n}.pdf" for n in range(5)
    ]
    assert len(requests) == 1  # one folder read, none of the other days


def test_a_chained_chunk_run_takes_everything_present_like_a_manual_run() -> None:
    from imr_lake.airflow_glue import arrival_cutoff, interval_start

    start, end = T0, T0 + timedelta(days=1)
    for run_type in ("manual", "operator_triggered", "DagRunType.OPERATOR_TRIGGERED"):
        assert arrival_cutoff(run_type, end) is None and interval_start(run_type, start) is None
    for run_type in ("scheduled", "backfill"):
        assert arrival_cutoff(run_type, end) == end and interval_start(run_type, start) == start


@pytest.mark.parametrize("reprocess", [False, True])
def test_an_anti_join_in_parts_takes_exactly_what_one_join_takes(reprocess: bool) -> None:
    """Both sides spilled by key hash and joined part by part (a flat or inventory listing
    of a long history): the same letters, counts and order as the join in one piece, with
    more rows than DuckDB reads in one vector and in any order."""
    from imr_lake.discovery import antijoin

    keys = [f"2026/{n % 12 + 1:02d}/{n:06d}.pdf" for n in range(30_000)]
    held = keys[:27_000]  # 3,000 new; of the held, every 50th has changed since
    ledger = pa.table(
        {"key": held, "etag": [f"e{n}" if n % 50 else "old" for n in range(len(held))]},
        schema=antijoin.KEYS,
    )
    arrived = [T0 + timedelta(minutes=n % 500) for n in range(len(keys))]
    order = sorted(range(len(keys)), key=lambda n: (n * 7919) % len(keys))  # not by key

    def pages() -> list[pa.RecordBatch]:
        rows = [order[i : i + 1000] for i in range(0, len(order), 1000)]
        return [
            pa.record_batch(
                {
                    "key": [keys[n] for n in page],
                    "etag": [f"e{n}" for n in page],
                    "size": [1] * len(page),
                    "last_modified": [arrived[n] for n in page],
                },
                schema=LISTED,
            )
            for page in rows
        ]

    window = {"not_before": T0 + timedelta(minutes=400), "reprocess": reprocess}
    whole = letters_to_take(iter(pages()), ledger, limit=2_000, **window)
    parts = letters_to_take(iter(pages()), ledger, limit=2_000, parts=4, **window)
    # 3,000 new, 540 changed; reprocessed: the 5,400 held in the window (108 of them changed)
    assert parts.new == whole.new == (8_832 if reprocess else 3_540)
    assert (
        (parts.listed, parts.skipped)
        == (whole.listed, whole.skipped)
        == (
            30_000,
            30_000 - parts.new,
        )
    )
    assert parts.letters.equals(whole.letters)
    assert parts.letters.num_rows == 2_000
    assert parts.letters.column("key").to_pylist() == sorted(
        parts.letters.column("key").to_pylist()
    )


def test_a_limit_keeps_the_first_keys_of_a_listing_larger_than_it_holds() -> None:
    """An initial load over an empty ledger: 40,000 letters listed out of key order, a limit
    of 50; only about the limit is kept as pages pass, the count is of all."""
    order = [(n * 7919) % 40_000 for n in range(40_000)]  # a permutation of 0..39,999
    pages = [
        pa.record_batch(
            {
                "key": [f"k/{n:05d}.pdf" for n in order[s : s + 1000]],
                "etag": ["e"] * 1000,
                "size": [1] * 1000,
                "last_modified": [T0] * 1000,
            },
            schema=LISTED,
        )
        for s in range(0, 40_000, 1000)
    ]
    empty = pa.table({"key": pa.array([], pa.string()), "etag": pa.array([], pa.string())})
    found = letters_to_take(iter(pages), empty, limit=50)
    assert found.letters.column("key").to_pylist() == [f"k/{n:05d}.pdf" for n in range(50)]
    assert (found.new, found.listed, found.left) == (40_000, 40_000, 39_950)


_NO_PANDAS = """
import json, sys
from datetime import datetime
from imr_lake.discovery import antijoin
from imr_lake.discovery.find import find_letters

lake, source, manifest, since = sys.argv[1:5]
found = find_letters(source, lake, inventory=manifest).found
from imr_lake.discovery.inventory import inventory_pages
pages = inventory_pages(manifest, source, bucket_root=False)
again = antijoin.letters_to_take(
    pages, antijoin.ledger_keys(lake), parts=3, reprocess=True,
    not_before=datetime.fromisoformat(since), not_after=datetime(2100, 1, 1),
)
print(json.dumps({"new": found.new, "again": again.new, "pandas": "pandas" in sys.modules}))
"""


def test_a_discovery_leaves_pandas_unimported(tmp_path: Path) -> None:
    """pyarrow imports pandas (57 MB) the first time it is handed a Python value to check
    for a pandas object (discovery.columns): an inventory discovery, and an anti-join in
    parts with a reprocess window, in a fresh process, must not, and still be right."""
    import subprocess
    import sys

    from imr_lake.bench.scale import etag_of, key_of, ledger_table, write_ledger

    lake, source, inventory = tmp_path / "lake", tmp_path / "raw", tmp_path / "inv"
    source.mkdir()
    write_ledger(str(lake), ledger_table(40), "history")
    since = T0 + timedelta(minutes=45)
    rows = [
        {"key": key_of(s), "etag": etag_of(s), "size": 3, "last_modified": since} for s in range(50)
    ]
    rows[0]["last_modified"] = T0  # held, before the window: not reprocessed

    def put(key: str, data: bytes) -> None:
        (inventory / key).parent.mkdir(parents=True, exist_ok=True)
        (inventory / key).write_bytes(data)

    manifest = inventory / write_report(
        put, source_bucket="raw", destination_bucket="inv", rows=rows
    )
    command = [sys.executable, "-c", _NO_PANDAS, str(lake), str(source), str(manifest)]
    done = subprocess.run([*command, since.isoformat()], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"new": 10, "again": 49, "pandas": False}
