"""Discovery's listing on real S3 (SeaweedFS `weed mini`): ListObjectsV2 in pages,
StartAfter, key ranges listed at once, an S3 Inventory report in the destination bucket
read as the listing."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from imr_lake.bench.inventory_report import write_report
from imr_lake.discovery.antijoin import letters_to_take
from imr_lake.discovery.inventory import inventory_pages
from imr_lake.discovery.layouts import listing_pages, plan
from imr_lake.discovery.pages import object_pages
from imr_lake.storage import filesystem
from seaweedfs import SeaweedFS, s3_server

pytestmark = pytest.mark.slow

LETTERS = [f"2026/03/{day:02d}/letter-{n:02d}.pdf" for day in (1, 2, 3, 4, 5) for n in range(5)]


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    buckets = ("imr-raw", "imr-inventory")
    with s3_server(tmp_path_factory.mktemp("seaweedfs"), buckets) as server:
        fs, _ = filesystem("s3://imr-raw")
        for key in LETTERS:
            fs.pipe_file(f"imr-raw/letters/{key}", b"%PDF-1.4 " + key.encode())
        fs.pipe_file("imr-raw/letters/readme.txt", b"not a letter")
        fs.pipe_file("imr-raw/other/x.pdf", b"%PDF-1.4 outside the source root")
        yield server


def _keys(pages) -> list[str]:
    return sorted(k for page in pages for k in page.column("key").to_pylist())


def test_listing_is_paged_one_request_per_page(s3: SeaweedFS) -> None:
    fs, root = filesystem("s3://imr-raw/letters")
    requests: list[int] = []
    pages = list(object_pages(fs, root, page_size=10, requests=requests))
    assert _keys(pages) == LETTERS
    assert all(page.num_rows <= 10 for page in pages)
    assert len(requests) == math.ceil((len(LETTERS) + 1) / 10)  # the .txt is listed too
    info = fs.info(f"imr-raw/letters/{LETTERS[0]}")
    first = next(r for p in pages for r in p.to_pylist() if r["key"] == LETTERS[0])
    assert first["etag"] == info["ETag"].strip('"') and first["size"] == info["size"]


def test_start_after_lists_only_the_later_keys(s3: SeaweedFS) -> None:
    fs, root = filesystem("s3://imr-raw/letters")
    requests: list[int] = []
    later = _keys(object_pages(fs, root, start_after=LETTERS[19], page_size=10, requests=requests))
    assert later == LETTERS[20:]
    assert len(requests) == 1  # 5 keys and the .txt after it: one page, not three


@pytest.mark.parametrize("concurrency", [2, 8])
def test_a_listing_in_key_ranges_lists_every_key_once(s3: SeaweedFS, concurrency: int) -> None:
    fs, root = filesystem("s3://imr-raw/letters")
    requests: list[int] = []
    # split points equal to keys, between keys, before and after all of them
    splits = [LETTERS[0], LETTERS[7], "2026/03/03/", LETTERS[19], "2026/03/05/zzz", "a"]
    pages = object_pages(
        fs,
        root,
        page_size=3,
        requests=requests,
        splits=lambda: splits,
        concurrency=concurrency,
    )
    listed = [k for page in pages for k in page.column("key").to_pylist()]
    assert sorted(listed) == LETTERS
    assert len(requests) >= 7  # more requests than ranges: each range was paged


def test_keys_of_any_characters_list_as_written(s3: SeaweedFS) -> None:
    """The listing's own XML reader decodes the url-encoded keys botocore asks for."""
    fs, root = filesystem("s3://imr-raw/odd")
    keys = sorted(["R&D 2026/été 1+1.pdf", "a%20b/c d.pdf", "plain/x.pdf", "<tag>'q\".pdf"])
    for key in keys:
        fs.pipe_file(f"imr-raw/odd/{key}", b"%PDF-1.4 odd")
    pages = object_pages(fs, root, page_size=2, splits=lambda: [keys[1]], concurrency=2)
    listed = [row for page in pages for row in page.to_pylist()]
    assert sorted(r["key"] for r in listed) == keys
    assert {r["size"] for r in listed} == {len(b"%PDF-1.4 odd")}


def test_inventory_report_in_the_destination_bucket_is_the_listing(s3: SeaweedFS) -> None:
    fs, root = filesystem("s3://imr-raw/letters")
    rows = [
        {**row, "key": f"letters/{row['key']}"}
        for page in object_pages(fs, root)
        for row in page.to_pylist()
    ]
    inventory, _ = filesystem("s3://imr-inventory")
    for file_format in ("CSV", "Parquet"):
        manifest = write_report(
            lambda key, data: inventory.pipe_file(f"imr-inventory/{key}", data),
            source_bucket="imr-raw",
            destination_bucket="imr-inventory",
            rows=rows,
            file_format=file_format,
            config_id=file_format.lower(),
        )
        url = f"s3://imr-inventory/{manifest}"
        assert _keys(inventory_pages(url, root)) == LETTERS
        listing = plan(None, inventory=url)
        pages = listing_pages("s3://imr-raw/letters", listing)
        found = letters_to_take(pages, _ledger_of(rows[:10]))
        assert found.letters.column("key").to_pylist() == LETTERS[10:]
        assert (found.listed, found.skipped) == (len(LETTERS), 10)


def _ledger_of(rows: list[dict]):
    import pyarrow as pa

    return pa.table(
        {
            "key": [r["key"].removeprefix("letters/") for r in rows],
            "etag": [r["etag"] for r in rows],
        }
    )
