"""A source's letters as Arrow pages: S3 ListObjectsV2 one request (1,000 keys) a page,
a local folder walked directory by directory; `start_after` lists only keys after it.

Memory is one page, whatever the history: nothing here collects the listing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import fsspec
import pyarrow as pa

from imr_lake.discovery import LISTED, is_letter_key

PAGE = 1000  # S3's most keys per ListObjectsV2 response; also the local page size


def protocol_of(fs: fsspec.AbstractFileSystem) -> str:
    return fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]


def page_of(rows: list[tuple[str, str, int, datetime]]) -> pa.RecordBatch:
    keys, etags, sizes, modified = zip(*rows, strict=True) if rows else ([], [], [], [])
    return pa.record_batch(
        [
            pa.array(keys, pa.string()),
            pa.array(etags, pa.string()),
            pa.array(sizes, pa.int64()),
            pa.array(modified, LISTED.field("last_modified").type),
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
) -> Iterator[pa.RecordBatch]:
    """Pages of the `.pdf` objects under `root/prefix` (keys relative to `root`), only those
    after `start_after` when given. `requests`, when given, gets one entry per listing
    request (S3) or directory read (local), for the run report and the benchmark."""
    protocol = protocol_of(fs)
    if protocol in ("s3", "s3a"):
        yield from _s3_pages(fs, root, prefix, start_after, page_size, requests)
    elif protocol in ("file", "local"):
        yield from _local_pages(root, prefix, start_after, page_size, requests)
    else:
        yield from _find_pages(fs, root, prefix, start_after, page_size, requests)


def _s3_pages(
    fs: Any,
    root: str,
    prefix: str,
    start_after: str | None,
    page_size: int,
    requests: list[int] | None,
) -> Iterator[pa.RecordBatch]:
    bucket, _, base = root.partition("/")
    base = f"{base}/" if base else ""
    kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": base + prefix, "MaxKeys": page_size}
    if start_after:
        kwargs["StartAfter"] = base + start_after  # S3 ignores it once a token is given
    while True:
        out = fs.call_s3("list_objects_v2", **kwargs)  # s3fs retries a failed request
        if requests is not None:
            requests.append(1)
        rows = [
            (
                item["Key"][len(base) :],
                str(item.get("ETag", "")).strip('"'),
                int(item.get("Size", 0)),
                item["LastModified"],
            )
            for item in out.get("Contents", [])
            if is_letter_key(item["Key"])
        ]
        if rows:
            yield page_of(rows)
        if not out.get("IsTruncated"):
            return
        kwargs["ContinuationToken"] = out["NextContinuationToken"]


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
