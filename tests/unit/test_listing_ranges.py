"""A flat listing in key ranges listed at once: every key exactly once, whatever the split
points (random ones, ones equal to keys, ones outside the keys), the prefix or the resume key.

The S3 side here is an in-memory ListObjectsV2 (StartAfter, ContinuationToken, MaxKeys,
Prefix as AWS documents them) so thousands of random cases run in a second; the same code on
a real S3 server is tests/integration/test_s3_listing.py.
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
from imr_lake.discovery.s3list import COLUMNS, columns_of_response

WHEN = datetime(2026, 3, 1, tzinfo=UTC)
ALPHABET = "ab/0.9z"


class ListingS3:
    """ListObjectsV2 over a fixed set of keys, in UTF-8 byte order like S3."""

    protocol = ("s3", "s3a")

    def __init__(self, bucket: str, keys: list[str], as_columns: bool = False) -> None:
        self.bucket = bucket
        self.as_columns = as_columns  # answer as s3list's parser does, not as botocore
        self.keys = sorted(set(keys))
        self.calls = 0
        self.lock = threading.Lock()

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
        index = start
        while index < len(self.keys) and len(chosen) < size:
            if not self.keys[index].startswith(prefix):
                break
            chosen.append(self.keys[index])
            index += 1
        more = index < len(self.keys) and self.keys[index].startswith(prefix)
        out: dict[str, Any] = {
            "Contents": [
                {"Key": k, "ETag": f'"e-{k}"', "Size": len(k), "LastModified": WHEN} for k in chosen
            ],
            "IsTruncated": more,
        }
        if more:
            out["NextContinuationToken"] = str(index)
        if self.as_columns:
            rows = out.pop("Contents")
            out[COLUMNS] = (
                [r["Key"] for r in rows],
                [r["ETag"] for r in rows],
                [str(r["Size"]) for r in rows],
                [r["LastModified"].isoformat().replace("+00:00", ".000Z") for r in rows],
            )
        return out


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
        fs = ListingS3("bucket", full, as_columns=rng.random() < 0.5)
        root = f"bucket/{base}" if base else "bucket"
        prefix = rng.choice(["", "a", "b/", "0"])
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
        assert len(requests) == fs.calls


def test_the_rows_of_a_ranged_listing_are_those_of_one_sequence() -> None:
    keys = [f"2026/03/{d:02d}/{n:04d}.pdf" for d in range(1, 29) for n in range(40)]
    fs = ListingS3("bucket", keys, as_columns=True)
    one = object_pages(ListingS3("bucket", keys), "bucket", page_size=100)
    many = object_pages(fs, "bucket", page_size=100, splits=lambda: keys[::97], concurrency=4)
    by_key = sorted((row for page in many for row in page.to_pylist()), key=lambda r: r["key"])
    assert by_key == [row for page in one for row in page.to_pylist()]
    assert by_key[0] == {
        "key": "2026/03/01/0000.pdf",
        "etag": "e-2026/03/01/0000.pdf",
        "size": len("2026/03/01/0000.pdf"),
        "last_modified": WHEN,
    }


def test_a_range_stops_at_its_end_instead_of_listing_on() -> None:
    keys = [f"{n:05d}.pdf" for n in range(10_000)]
    fs = ListingS3("bucket", keys)
    splits = [keys[2499], keys[4999], keys[7499]]
    got = _listed(object_pages(fs, "bucket", splits=lambda: splits, concurrency=4))
    assert sorted(got) == keys
    # each quarter is 2,500 keys: 3 pages, the third passes the range's end (or ends the
    # bucket): 12 requests where one sequence makes 10
    assert fs.calls == 4 * 3


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
    for parts in (1, 3):
        sample = KeySample(rows=len(keys), size=30)
        ledger = pa.table({"key": keys, "etag": [f"e-{k}" for k in keys]}, schema=KEYS)
        tapped = sample.tap(pa.RecordBatchReader.from_batches(KEYS, ledger.to_batches(500)))
        seen: list[int] = []

        def pages(seen: list[int] = seen, sample: KeySample = sample):
            seen.append(len(sample.keys))
            fs = ListingS3("bucket", [*keys, "2026/03/02/new.pdf"])
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


LISTING_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>raw</Name>
<Prefix>letters/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
<IsTruncated>true</IsTruncated><NextContinuationToken>tok+1/=</NextContinuationToken>
<Contents><Key>letters/R&amp;D 2026/a b.pdf</Key>
<LastModified>2026-03-01T08:15:00.000Z</LastModified>
<ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag><Size>1234</Size>
<StorageClass>STANDARD</StorageClass></Contents>
<Contents><Key>letters/\xc3\xa9t\xc3\xa9.PDF</Key><LastModified>2026-03-02T00:00:00Z</LastModified>
<ETag>&quot;abc-2&quot;</ETag><Size>7</Size></Contents>
</ListBucketResult>"""


def test_a_listing_response_is_read_into_columns_and_the_rest_left_to_botocore() -> None:
    import botocore.parsers
    import botocore.session

    response = {"status_code": 200, "headers": {}, "body": LISTING_XML}
    extra: dict[str, Any] = {}
    columns_of_response(response_dict=response, customized_response_dict=extra)
    assert extra[COLUMNS] == (
        ["letters/R&D 2026/a b.pdf", "letters/\u00e9t\u00e9.PDF"],
        ['"0cc175b9c0f1b6a831c399e269772661"', '"abc-2"'],
        ["1234", "7"],
        ["2026-03-01T08:15:00.000Z", "2026-03-02T00:00:00Z"],
    )
    model = botocore.session.get_session().get_service_model("s3")
    shape = model.operation_model("ListObjectsV2").output_shape
    parsed = botocore.parsers.create_parser("rest-xml").parse(response, shape)
    assert "Contents" not in parsed
    assert (parsed["IsTruncated"], parsed["NextContinuationToken"]) == (True, "tok+1/=")


def test_pages_from_parsed_columns_keep_the_values() -> None:
    fs = ListingS3("raw", ["letters/R&D 2026/a b.pdf", "letters/x.txt"], as_columns=True)
    (page,) = list(object_pages(fs, "raw/letters"))
    assert page.to_pylist() == [
        {
            "key": "R&D 2026/a b.pdf",
            "etag": "e-letters/R&D 2026/a b.pdf",
            "size": 24,
            "last_modified": WHEN,
        }
    ]


@pytest.mark.parametrize(
    "response",
    [
        {"status_code": 404, "headers": {}, "body": b"<Error><Code>NoSuchBucket</Code></Error>"},
        {"status_code": 200, "headers": {}, "body": b"not xml"},
        {"status_code": 200, "headers": {}, "body": b"<Other><Contents/></Other>"},
    ],
)
def test_errors_and_other_bodies_are_left_to_botocore(response: dict[str, Any]) -> None:
    body = response["body"]
    extra: dict[str, Any] = {}
    columns_of_response(response_dict=response, customized_response_dict=extra)
    assert extra == {} and response["body"] == body


def test_url_encoded_keys_are_decoded_as_botocore_decodes_them() -> None:
    body = (
        b'<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        b"<EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
        b"<Contents><Key>letters/R%26D+2026/%C3%A9t%C3%A9+1%2B1.pdf</Key><Size>3</Size>"
        b"<LastModified>2026-03-01T08:15:00.000Z</LastModified><ETag>x</ETag></Contents>"
        b"</ListBucketResult>"
    )
    extra: dict[str, Any] = {}
    columns_of_response(
        response_dict={"status_code": 200, "headers": {}, "body": body},
        customized_response_dict=extra,
    )
    assert extra[COLUMNS][0] == ["letters/R&D 2026/\u00e9t\u00e9 1+1.pdf"]
