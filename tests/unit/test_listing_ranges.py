"""A flat listing in key ranges listed at once: every key exactly once, whatever the split
points (random ones, ones equal to keys, ones outside the keys), the prefix or the resume key.

The S3 side here is obstore's in-memory store (the listing's real client code, only the
store is in memory) and, for the botocore fallback and the folder fan-out, an in-memory
ListObjectsV2 (StartAfter, ContinuationToken, MaxKeys, Prefix, Delimiter as AWS documents
them), so thousands of random cases run in a second; the same code on a real S3 server is
tests/integration/test_s3_listing.py.
"""

from __future__ import annotations

import bisect
import random
import threading
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pytest
from imr_lake.discovery.antijoin import KEYS, letters_to_take
from imr_lake.discovery.pages import object_pages
from imr_lake.discovery.ranges import (
    KeySample,
    fan_in,
    in_range,
    key_ranges,
    list_concurrency,
    quantiles,
)
from imr_lake.discovery.s3list import (
    FANOUT_REQUESTS,
    UnreadableKey,
    clean_offset,
    offset_of,
    store_config,
)
from obstore.store import LocalStore, MemoryStore

WHEN = datetime(2026, 3, 1, tzinfo=UTC)
ALPHABET = "ab/0.9z"


def _accepted(key: str) -> bool:
    """A key object_store can hold (no empty, `.` or `..` segment)."""
    return clean_offset(key) == key


class ListingS3:
    """A bucket of fixed keys: obstore's in-memory store (`store`, what `store_of` gives the
    listing here) and ListObjectsV2 over the same keys in UTF-8 byte order like S3, for the
    botocore fallback and the Delimiter fan-out."""

    protocol = ("s3", "s3a")

    def __init__(self, bucket: str, keys: list[str]) -> None:
        self.bucket = bucket
        self.keys = sorted(set(keys))
        self.calls = 0
        self.lock = threading.Lock()
        self.store = MemoryStore()
        for key in self.keys:
            if _accepted(key):
                self.store.put(key, b"%PDF")

    def call_s3(self, method: str, **kwargs: Any) -> dict[str, Any]:
        assert method == "list_objects_v2" and kwargs["Bucket"] == self.bucket
        with self.lock:
            self.calls += 1
        prefix, size = kwargs.get("Prefix", ""), kwargs["MaxKeys"]
        if "ContinuationToken" in kwargs:
            start = int(kwargs["ContinuationToken"])
        else:
            start = bisect.bisect_right(self.keys, kwargs.get("StartAfter", ""))
        start = max(start, bisect.bisect_left(self.keys, prefix))
        chosen: list[str] = []
        folders: list[str] = []
        index = start
        while index < len(self.keys) and len(chosen) + len(folders) < size:
            key = self.keys[index]
            if not key.startswith(prefix):
                break
            index += 1
            cut = key.find("/", len(prefix)) if kwargs.get("Delimiter") == "/" else -1
            if cut < 0:
                chosen.append(key)
            elif not folders or folders[-1] != key[: cut + 1]:
                folders.append(key[: cut + 1])
        more = index < len(self.keys) and self.keys[index].startswith(prefix)
        out: dict[str, Any] = {
            "Contents": [
                {"Key": k, "ETag": f'"e-{k}"', "Size": len(k), "LastModified": WHEN} for k in chosen
            ],
            "CommonPrefixes": [{"Prefix": f} for f in folders],
            "IsTruncated": more,
        }
        if more:
            out["NextContinuationToken"] = str(index)
        return out


@pytest.fixture(autouse=True)
def _in_memory_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imr_lake.discovery.pages.store_of", lambda fs, bucket: fs.store)


def _random_key(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6)))


def _listed(pages) -> list[str]:
    return [k for page in pages for k in page.column("key").to_pylist()]


def test_ranges_cover_every_key_once_for_any_split_points() -> None:
    rng = random.Random(20261202)
    for _ in range(2000):
        keys = {_random_key(rng) for _ in range(rng.randint(0, 40))}
        splits = [_random_key(rng) for _ in range(rng.randint(0, 8))]
        splits += rng.sample(sorted(keys), min(len(keys), rng.randint(0, 3)))  # equal to keys
        splits += ["", *splits[:2]]  # empty and repeated split points
        ranges = key_ranges(splits)
        for key in keys:
            assert sum(in_range(key, r) for r in ranges) == 1, (key, ranges)
        assert ranges[0][0] is None and ranges[-1][1] is None


def test_a_key_equal_to_a_split_point_ends_its_range() -> None:
    assert key_ranges(["m", "c"]) == [(None, "c"), ("c", "m"), ("m", None)]
    assert in_range("c", (None, "c")) and not in_range("c", ("c", "m"))


@pytest.mark.parametrize("concurrency", [1, 2, 3, 8])
def test_ranged_s3_listing_lists_every_key_exactly_once(concurrency: int) -> None:
    rng = random.Random(concurrency)
    for case in range(300):
        suffixes = [".pdf", ".pdf", ".PDF", ".txt", ""]
        keys = {_random_key(rng) + rng.choice(suffixes) for _ in range(rng.randint(0, 60))}
        base = rng.choice(["", "letters"])
        full = [f"{base}/{k}" if base else k for k in keys]
        full += ["elsewhere/x.pdf", "letters0.pdf"] if base else []  # outside the root
        full = [k for k in full if _accepted(k)]
        keys = {k for k in keys if _accepted(f"{base}/{k}" if base else k)}
        fs = ListingS3("bucket", full)
        root = f"bucket/{base}" if base else "bucket"
        prefix = rng.choice(["", "a", "b/", "0", "a/b", "z/"])  # in a segment, or whole ones
        start_after = rng.choice([None, _random_key(rng)])
        points = [_random_key(rng) for _ in range(rng.randint(0, 6))]
        points += rng.sample(sorted(keys), min(len(keys), 2))  # split points equal to keys
        requests: list[int] = []
        got = _listed(
            object_pages(
                fs,
                root,
                prefix,
                start_after=start_after,
                page_size=rng.choice([1, 2, 5, 1000]),
                requests=requests,
                splits=lambda points=points: points,
                concurrency=concurrency,
            )
        )
        want = sorted(
            k
            for k in keys
            if k.lower().endswith(".pdf")
            and k.startswith(prefix)
            and (start_after is None or k > start_after)
        )
        assert sorted(got) == want, (case, prefix, start_after, points)
        assert len(got) == len(set(got))
        assert len(requests) >= fs.calls  # the pages and the fan-out's Delimiter requests


def test_the_rows_of_a_ranged_listing_are_those_of_one_sequence() -> None:
    keys = [f"2026/03/{d:02d}/{n:04d}.pdf" for d in range(1, 29) for n in range(40)]
    fs = ListingS3("bucket", keys)
    one = object_pages(fs, "bucket", page_size=100)
    many = object_pages(fs, "bucket", page_size=100, splits=lambda: keys[::97], concurrency=4)
    by_key = sorted((row for page in many for row in page.to_pylist()), key=lambda r: r["key"])
    assert by_key == [row for page in one for row in page.to_pylist()]
    meta = fs.store.head("2026/03/01/0000.pdf")
    first_etag = meta["e_tag"].strip('"')
    assert by_key[0]["last_modified"] == meta["last_modified"]
    assert by_key[0] == {
        "key": "2026/03/01/0000.pdf",
        "etag": first_etag,
        "size": len(b"%PDF"),
        "last_modified": meta["last_modified"],
    }


def test_a_range_stops_at_its_end_instead_of_listing_on() -> None:
    keys = [f"{n:05d}.pdf" for n in range(10_000)]
    fs = ListingS3("bucket", keys)
    splits = [keys[2499], keys[4999], keys[7499]]
    requests: list[int] = []
    got = _listed(
        object_pages(fs, "bucket", requests=requests, splits=lambda: splits, concurrency=4)
    )
    assert sorted(got) == keys
    # each quarter is 2,500 keys: 3 pages, the third passes the range's end (or ends the
    # bucket): 12 pages where one sequence makes 10; no Delimiter request (the ledger gave
    # split points)
    assert (len(requests), fs.calls) == (4 * 3, 0)


def test_splits_are_not_asked_for_one_sequence() -> None:
    fs = ListingS3("bucket", ["a.pdf", "b.pdf"])

    def never() -> list[str]:
        raise AssertionError("a listing of one sequence needs no split points")

    assert _listed(object_pages(fs, "bucket", splits=never, concurrency=1)) == ["a.pdf", "b.pdf"]


def test_key_sample_takes_every_nth_key_across_batches() -> None:
    keys = [f"k{n:05d}" for n in range(10_000)]
    batches = [
        pa.record_batch(
            [pa.array(keys[i : i + 777]), pa.array(["e"] * len(keys[i : i + 777]))], schema=KEYS
        )
        for i in range(0, len(keys), 777)
    ]
    sample = KeySample(rows=len(keys), size=100)
    read = sample.tap(pa.RecordBatchReader.from_batches(KEYS, iter(batches))).read_all()
    assert read.num_rows == 10_000  # the stream itself is unchanged
    assert sample.keys == keys[::100]
    assert sample.splits(4) == ["k02500", "k05000", "k07500"]


def test_quantiles_of_few_or_repeated_keys() -> None:
    assert quantiles([], 8) == []
    assert quantiles(["a", "b"], 1) == []
    assert quantiles(["x"] * 10, 4) == ["x"]
    assert quantiles(["d", "a", "c", "b"], 2) == ["c"]


def test_the_anti_join_reads_the_ledger_before_the_first_page() -> None:
    """The split points come from the ledger as the anti-join reads it: it must have read it
    all before it asks for a page, in one piece and in parts alike."""
    keys = [f"2026/03/01/{n:05d}.pdf" for n in range(3000)]
    fs = ListingS3("bucket", [*keys, "2026/03/02/new.pdf"])
    etags = [fs.store.head(k)["e_tag"].strip('"') for k in keys]  # as listed: unquoted
    for parts in (1, 3):
        sample = KeySample(rows=len(keys), size=30)
        ledger = pa.table({"key": keys, "etag": etags}, schema=KEYS)
        tapped = sample.tap(pa.RecordBatchReader.from_batches(KEYS, ledger.to_batches(500)))
        seen: list[int] = []

        def pages(seen: list[int] = seen, sample: KeySample = sample):
            seen.append(len(sample.keys))
            yield from object_pages(fs, "bucket", splits=lambda: sample.splits(4), concurrency=4)

        found = letters_to_take(pages(), tapped, parts=parts)
        assert seen == [30]
        assert found.letters.column("key").to_pylist() == ["2026/03/02/new.pdf"]
        assert (found.listed, found.skipped) == (3001, 3000)


def test_fan_in_raises_the_first_error_and_stops_the_others() -> None:
    started = threading.Event()

    def fails():
        yield 1
        raise OSError("list request failed")

    def endless():
        started.set()
        while True:
            yield 2

    with pytest.raises(OSError, match="list request failed"):
        list(fan_in([endless, fails, endless], workers=3))
    assert started.is_set()
    assert not [t for t in threading.enumerate() if t.name.startswith("imr-list-")]


def test_fan_in_closed_early_stops_its_threads() -> None:
    def endless():
        while True:
            yield 0

    items = fan_in([endless] * 4, workers=4)
    assert [next(items) for _ in range(10)] == [0] * 10
    items.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("imr-list-")]


def test_list_concurrency_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMR_LIST_CONCURRENCY", "3")
    assert list_concurrency() == 3
    assert list_concurrency(5) == 5
    monkeypatch.setenv("IMR_LIST_CONCURRENCY", "many")
    with pytest.raises(ValueError, match="IMR_LIST_CONCURRENCY must be a whole number"):
        list_concurrency()
    with pytest.raises(ValueError, match="not 0"):
        list_concurrency(0)


def test_offsets_are_cut_to_what_object_store_accepts() -> None:
    assert clean_offset("2026/03/01/0001.pdf") == "2026/03/01/0001.pdf"
    assert clean_offset("a//b.pdf") == "a"
    assert clean_offset("a/./b") == "a" and clean_offset("a/../b") == "a"
    assert clean_offset("a/b\x01c") == "a/b"
    assert clean_offset("2026/") == "2026"  # lower than the key: the rest is filtered
    assert clean_offset("/a") is None and clean_offset("") is None and clean_offset(None) is None


def test_an_offset_object_store_would_change_is_replaced_by_a_lower_one_naming_no_folder() -> None:
    """`a/b/` would reach S3 as `a/b`, and SeaweedFS skips the folder a StartAfter names."""
    top = "\U0010ffff"
    assert offset_of("2013/01/05/0001500.pdf") == "2013/01/05/0001500.pdf"
    assert offset_of("2013/01/22/") == f"2013/01/21{top}"
    assert offset_of("2013/01/") == f"2013/00{top}"
    assert offset_of("a/b0/") == f"a/b/{top}"  # 0 - 1 is the delimiter
    assert offset_of("a/0/") == f"`{top}"
    assert offset_of("a/b\x01c") == f"a/a{top}"
    assert offset_of("/a") is None and offset_of(None) is None
    for text in ("2013/01/22/", "a/b0/", "a/0/", "a/b\x01c", "x/../y", "a//b.pdf"):
        lower = offset_of(text)
        assert lower is not None and lower < text and clean_offset(lower) == lower


def test_a_resume_key_object_store_refuses_still_lists_only_later_keys() -> None:
    keys = ["a/1.pdf", "a/2.pdf", "a/3.pdf", "b/1.pdf"]
    fs = ListingS3("bucket", keys)
    assert _listed(object_pages(fs, "bucket", start_after="a//2.pdf")) == ["a/1.pdf", *keys[1:]]
    assert _listed(object_pages(fs, "bucket", start_after="a/2.pdf\x01")) == keys[2:]


def test_a_key_object_store_refuses_is_listed_through_botocore_from_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """obstore stops at a key it cannot hold (`a//b` on S3): the range goes on through
    botocore after the last key it gave, so every key is still listed once."""
    keys = [f"{n:03d}.pdf" for n in range(50)]
    odd = "020//x.pdf"  # sorts between 020.pdf and 021.pdf
    fs = ListingS3("bucket", [*keys, odd])
    real = object_pages.__globals__["s3_pages"]

    def refuses_after_020(store, prefix, after, page_size):
        for page in real(store, prefix, after, page_size):
            if page.column("key")[-1].as_py() > "020.pdf":
                raise UnreadableKey("a listed key is not a path object_store accepts")
            yield page

    monkeypatch.setattr("imr_lake.discovery.pages.s3_pages", refuses_after_020)
    requests: list[int] = []
    got = _listed(object_pages(fs, "bucket", page_size=7, requests=requests))
    assert sorted(got) == sorted([*keys, odd]) and len(got) == len(set(got))
    assert fs.calls == 5  # after the last page obstore gave: 30 keys in pages of 7


def test_object_store_refusing_a_listed_key_raises_unreadable_key(tmp_path) -> None:
    from imr_lake.discovery.s3list import pages

    (tmp_path / "d").mkdir()
    for name in ("a.pdf", "b\x01c.pdf", "z.pdf"):
        (tmp_path / "d" / name).write_bytes(b"%PDF")
    listed = pages(LocalStore(str(tmp_path)), "d/", None, 1)
    assert next(listed).column("key").to_pylist() == ["d/a.pdf"]
    with pytest.raises(UnreadableKey):
        list(listed)


def test_a_first_load_with_no_ledger_is_cut_at_the_source_folders() -> None:
    days = [(m, d) for m in (1, 2) for d in (1, 2)]
    keys = [f"n9/{y}/{m:02d}/{d:02d}.pdf" for y in (2013, 2014, 2015) for m, d in days]
    fs = ListingS3("bucket", keys)
    requests: list[int] = []
    pages = list(object_pages(fs, "bucket/n9", requests=requests, splits=lambda: [], concurrency=2))
    assert sorted(_listed(pages)) == [k.removeprefix("n9/") for k in keys]
    # wanted 4 ranges: the 3 years give 3 split points, one Delimiter request; each range
    # is a page of its own
    assert fs.calls == 1
    assert len(pages) >= 3 and max(p.num_rows for p in pages) <= 8


def test_the_fan_out_goes_deeper_and_stays_within_its_request_budget() -> None:
    from imr_lake.discovery.s3list import prefix_splits

    keys = [f"{y}/{m:02d}/x.pdf" for y in range(2000, 2040) for m in range(1, 3)]
    fs = ListingS3("bucket", keys)
    assert prefix_splits(fs, "bucket", "", 8) == [f"{y}/" for y in range(2000, 2040)]
    assert fs.calls == 1
    few = ListingS3("bucket", [f"{y}/{m:02d}/x.pdf" for y in (2001, 2002) for m in range(1, 13)])
    deeper = prefix_splits(few, "bucket", "", 8)
    assert deeper == [f"{y}/{m:02d}/" for y in (2001, 2002) for m in range(1, 13)]
    assert few.calls == 3  # the root, then each year
    wide = ListingS3("bucket", [f"{y}/{m:03d}/x.pdf" for y in range(40) for m in range(3)])
    wide_points = prefix_splits(wide, "bucket", "", 100)
    assert wide.calls == FANOUT_REQUESTS  # 1 + 15 of the 40 folders opened, no more
    assert len(wide_points) == 15 * 3 + 25
    flat = ListingS3("bucket", [f"{n:05d}.pdf" for n in range(3000)])
    assert prefix_splits(flat, "bucket", "", 8) == [] and flat.calls == 1


def test_the_store_takes_the_endpoint_and_credentials_of_the_file_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("IMR_S3_ENDPOINT_URL", "http://127.0.0.1:8333")
    assert store_config({}) == {"endpoint": "http://127.0.0.1:8333", "allow_http": True}
    monkeypatch.delenv("IMR_S3_ENDPOINT_URL")
    options = {
        "endpoint_url": "https://s3.example.test",
        "key": "AK",
        "secret": "SK",
        "token": "T",
        "client_kwargs": {"region_name": "eu-west-3"},
    }
    assert store_config(options) == {
        "endpoint": "https://s3.example.test",
        "allow_http": False,
        "access_key_id": "AK",
        "secret_access_key": "SK",
        "session_token": "T",
        "region": "eu-west-3",
    }
    assert store_config({}) == {}  # AWS itself: object_store reads AWS_* as botocore does


PANDAS_CHILD = """
import sys
from obstore.store import MemoryStore
import imr_lake.discovery.pages as pages

class Bucket:
    protocol = ("s3",)
    store = MemoryStore()
    def call_s3(self, method, **kwargs):
        return {"CommonPrefixes": [], "Contents": [], "IsTruncated": False}

bucket = Bucket()
for n in range(3000):
    bucket.store.put(f"a/{n:05d}.pdf", b"%PDF")
pages.store_of = lambda fs, name: fs.store
listed = pages.object_pages(bucket, "b", splits=lambda: ["a/01000.pdf"], concurrency=2)
print(sum(p.num_rows for p in listed), "pandas" in sys.modules)
"""


def test_an_s3_listing_leaves_pandas_unimported() -> None:
    """pyarrow imports pandas (57 MB) when handed a Python value (`discovery.columns`)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PANDAS_CHILD], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["3000", "False"]
