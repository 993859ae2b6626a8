"""A source's letters as Arrow pages: S3 ListObjectsV2 one request (1,000 keys) a page
through obstore (`s3list`), in key ranges listed at once when split points are given
(`ranges`), a local folder walked directory by directory; `start_after` lists only keys
after it.

Memory is one page, whatever the history: nothing here collects the listing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.discovery import LISTED, columns, is_letter_key
from imr_lake.discovery.ranges import RANGES_PER_WORKER, fan_in, key_ranges, quantiles
from imr_lake.discovery.s3list import UnreadableKey, prefix_splits, store_of
from imr_lake.discovery.s3list import pages as s3_pages

PAGE = 1000  # S3's most keys per ListObjectsV2 response; also the local page size
_MODIFIED = LISTED.field("last_modified").type
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROS = pa.timestamp("us", tz="UTC")


def protocol_of(fs: fsspec.AbstractFileSystem) -> str:
    return fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]


def page_of(rows: list[tuple[str, str, int, datetime]]) -> pa.RecordBatch:
    keys, etags, sizes, modified = zip(*rows, strict=True) if rows else ([], [], [], [])
    return _listed(keys, etags, sizes, modified)


def _listed(
    keys: Sequence[str], etags: Sequence[str], sizes: Sequence[int], modified: Sequence[datetime]
) -> pa.RecordBatch:
    """Listed objects as a LISTED batch, built from buffers (no pandas: `columns`)."""
    micros = [
        ((m if m.tzinfo else m.replace(tzinfo=UTC)) - _EPOCH) // timedelta(microseconds=1)
        for m in modified
    ]
    return pa.record_batch(
        [
            columns.strings(keys),
            columns.strings(etags),
            columns.int64s(sizes),
            columns.int64s(micros).view(_MICROS).cast(_MODIFIED),
        ],
        schema=LISTED,
    )


def object_pages(
    fs: fsspec.AbstractFileSystem,
    root: str,
    prefix: str = "",
    *,
    start_after: str | None = None,
    page_size: int = PAGE,
    requests: list[int] | None = None,
    splits: Callable[[], list[str]] | None = None,
    concurrency: int = 1,
) -> Iterator[pa.RecordBatch]:
    """Pages of the `.pdf` objects under `root/prefix` (keys relative to `root`), only those
    after `start_after` when given. `requests`, when given, gets one entry per listing
    request (S3: a page of `page_size` keys, S3's 1,000 a request) or directory read
    (local), for the run report and the benchmark.

    On S3, `splits` (called when the first page is wanted, so it may come from what was read
    before) cuts the listing into key ranges listed `concurrency` at a time (`ranges`); with
    no split points (a first load with no ledger) it is cut at the source's folders
    (`s3list.prefix_splits`). The pages then come in no particular order, each key once."""
    protocol = protocol_of(fs)
    if protocol in ("s3", "s3a"):
        points = _split_points(fs, root, prefix, splits, concurrency, requests)
        rest = (page_size, requests)
        jobs = [
            partial(_s3_pages, fs, root, prefix, _later(after, start_after), through, *rest)
            for after, through in key_ranges(points)
            if _meets(after, through, prefix, start_after)
        ]
        yield from fan_in(jobs, concurrency)
    elif protocol in ("file", "local"):
        yield from _local_pages(root, prefix, start_after, page_size, requests)
    else:
        yield from _find_pages(fs, root, prefix, start_after, page_size, requests)


def _split_points(
    fs: Any,
    root: str,
    prefix: str,
    splits: Callable[[], list[str]] | None,
    concurrency: int,
    requests: list[int] | None,
) -> list[str]:
    """The ledger's split points; with none (a first load, no ledger yet) the source's
    folders. Only then: the Delimiter request goes through botocore, whose client cost a
    nightly discovery 15 MB (flat@4 at 1.5 M: 212 MB with it on every run, 197 without)."""
    if splits is None or concurrency <= 1:
        return []
    points = splits()
    if points:
        return points
    wanted = concurrency * RANGES_PER_WORKER
    bucket, _, base = root.partition("/")
    base = f"{base}/" if base else ""
    folders = prefix_splits(fs, bucket, base + prefix, wanted, requests)
    return quantiles([f[len(base) :] for f in folders], wanted)


def _later(a: str | None, b: str | None) -> str | None:
    return b if a is None or (b is not None and b > a) else a


def _meets(after: str | None, through: str | None, prefix: str, start_after: str | None) -> bool:
    """The range (after, through] can hold a key under `prefix` that sorts after
    `start_after`."""
    if through is not None and (through < prefix or (start_after and through <= start_after)):
        return False
    return after is None or after <= prefix or after.startswith(prefix)


def _s3_pages(
    fs: Any,
    root: str,
    prefix: str,
    start_after: str | None,
    through: str | None,
    page_size: int,
    requests: list[int] | None,
) -> Iterator[pa.RecordBatch]:
    """One listing of the keys under `prefix` after `start_after` and up to `through`
    (None: to the end), through obstore; it stops at the first page that passes `through`.
    From a key obstore cannot read on, the rest of the range is listed through botocore."""
    bucket, _, base = root.partition("/")
    base = f"{base}/" if base else ""
    after = base + start_after if start_after else None
    last = base + through if through is not None else None
    try:
        for listed in s3_pages(store_of(fs, bucket), base + prefix, after, page_size):
            if requests is not None:
                requests.append(1)
            keys = listed.column("key")
            if not len(keys):
                continue
            after = keys[-1].as_py()
            page = _page_of(listed, len(base), last)
            if page.num_rows:
                yield page
            if last is not None and after > last:
                return  # past the range's end
        return
    except UnreadableKey:
        pass
    yield from _botocore_pages(fs, bucket, base, prefix, after, last, page_size, requests)


def _botocore_pages(
    fs: Any,
    bucket: str,
    base: str,
    prefix: str,
    after: str | None,
    last: str | None,
    page_size: int,
    requests: list[int] | None,
) -> Iterator[pa.RecordBatch]:
    """The same listing through s3fs/botocore's ListObjectsV2 (slower: a Python dict per
    key), for keys object_store refuses; `after` and `last` are full keys."""
    kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": base + prefix, "MaxKeys": page_size}
    if after:
        kwargs["StartAfter"] = after  # S3 ignores it once a token is given
    while True:
        out = fs.call_s3("list_objects_v2", **kwargs)  # s3fs retries a failed request
        if requests is not None:
            requests.append(1)
        items = out.get("Contents", [])
        if items:
            listed = _listed(
                [item["Key"] for item in items],
                [str(item.get("ETag", "")) for item in items],
                [int(item.get("Size", 0)) for item in items],
                [item["LastModified"] for item in items],
            )
            page = _page_of(listed, len(base), last)
            if page.num_rows:
                yield page
            if last is not None and items[-1]["Key"] > last:
                return
        if not out.get("IsTruncated"):
            return
        kwargs["ContinuationToken"] = out["NextContinuationToken"]


def _page_of(listed: pa.RecordBatch, base: int, last: str | None) -> pa.RecordBatch:
    """One page of listed letters (keys relative to the root, up to `last`), built column
    by column: no Python object per key."""
    names = listed.column("key")
    wanted = pc.ends_with(pc.utf8_lower(names), ".pdf")  # discovery.is_letter_key
    if last is not None:
        wanted = pc.and_(wanted, pc.less_equal(names, columns.string(last)))
    page = pa.record_batch(
        [
            pc.utf8_slice_codeunits(names, base) if base else names,
            pc.utf8_trim(listed.column("etag").cast(pa.string()), '"'),
            listed.column("size").cast(pa.int64()),
            listed.column("last_modified").cast(_MODIFIED),
        ],
        schema=LISTED,
    )
    return page.filter(wanted)


def local_etag(modified: datetime, size: int) -> str:
    """A local file has no ETag: its modification time and size stand in (the same value
    fsspec's listing gave before, so existing ledgers still match)."""
    return f"{int(modified.timestamp() * 1_000_000)}-{size}"


def _before_start(relative_dir: str, start_after: str | None) -> bool:
    """Every key under this directory sorts before `start_after`: skip it unread."""
    if not start_after:
        return False
    head = f"{relative_dir}/"
    return head < start_after and not start_after.startswith(head)


def _local_pages(
    root: str,
    prefix: str,
    start_after: str | None,
    page_size: int,
    requests: list[int] | None,
) -> Iterator[pa.RecordBatch]:
    top = os.path.join(root, prefix) if prefix else root
    if not os.path.isdir(top):  # a day nothing arrived on
        return
    rows: list[tuple[str, str, int, datetime]] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        if requests is not None:
            requests.append(1)
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = os.path.relpath(entry.path, root).replace(os.sep, "/")
                if entry.is_dir(follow_symlinks=False):
                    if not _before_start(relative, start_after):
                        pending.append(entry.path)
                    continue
                if not is_letter_key(entry.name) or (start_after and relative <= start_after):
                    continue
                stat = entry.stat()
                modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
                rows.append((relative, local_etag(modified, stat.st_size), stat.st_size, modified))
                if len(rows) >= page_size:
                    yield page_of(rows)
                    rows = []
    if rows:
        yield page_of(rows)


def _find_pages(
    fs: fsspec.AbstractFileSystem,
    root: str,
    prefix: str,
    start_after: str | None,
    page_size: int,
    requests: list[int] | None,
) -> Iterator[pa.RecordBatch]:
    """Any other fsspec filesystem (memory://, gcs...): its own listing, paged after it."""
    from imr_lake.storage import etag_of, modified_of

    top = f"{root}/{prefix}".rstrip("/")
    try:
        found = fs.find(top, detail=True)
    except FileNotFoundError:
        return
    if requests is not None:
        requests.append(1)
    rows = []
    for path, info in sorted(found.items()):
        key = path[len(root) :].lstrip("/")
        if info.get("type") == "directory" or not is_letter_key(key):
            continue
        if start_after and key <= start_after:
            continue
        modified = modified_of(info)
        rows.append((key, etag_of(info, modified), int(info.get("size") or 0), modified))
        if len(rows) >= page_size:
            yield page_of(rows)
            rows = []
    if rows:
        yield page_of(rows)
