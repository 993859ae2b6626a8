"""S3 ListObjectsV2 through obstore (Rust `object_store`): each page arrives as Arrow columns.

Why: through s3fs/botocore a 1,000-key page cost the client 27-33 ms of CPU (signing,
s3fs's per-call overhead, XML parsing in Python, even with our own ElementTree reader of
session 6); through obstore 3.2 ms (measured 2026-12-02 on SeaweedFS, docs/lake.md "Flat
listing (session 7)"). A 1.5-million-key listing is 1,500 pages: 45 s of one CPU against
5 s. obstore streams `RecordBatch`es (`return_arrow=True`), so no Python object is made
per key, and it releases the GIL while it waits, so ranges listed in threads overlap.

The store is made from the same settings as the rest of the S3 access: the endpoint of
`IMR_S3_ENDPOINT_URL` / `AWS_ENDPOINT_URL` (or the s3fs file system's `endpoint_url`),
credentials and region from `AWS_*` (object_store reads them as botocore does, with the
instance, container and web-identity providers), or the file system's `key`/`secret`/
`token` when it was given them.

Two differences from S3 that this module hides:
- object_store's prefix is a whole path segment (`a/b` lists `a/b/...`, not `a/bc`), so a
  prefix that ends inside a segment lists its folder from an offset and is filtered here;
- object_store refuses some keys S3 allows (an empty segment `a//b`, a `.` or `..`
  segment, control characters) and drops a trailing `/`. An offset of that kind is
  replaced by a lower one it takes as it is (`offset_of`; the keys before the real one are
  filtered here); a listed key of that kind raises `UnreadableKey`, and `pages` then lists
  the rest of its range through botocore.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from imr_lake.discovery import columns

ENDPOINT_ENVS = ("IMR_S3_ENDPOINT_URL", "AWS_ENDPOINT_URL")
FANOUT_REQUESTS = 16  # at most this many Delimiter requests to find a first load's split points
FIELDS = ("key", "etag", "size", "last_modified")


class UnreadableKey(Exception):
    """A listed key object_store cannot represent (`a//b`, `./x`): list on without it."""


def endpoint_of(options: dict[str, Any]) -> str | None:
    for name in ENDPOINT_ENVS:
        if os.environ.get(name):
            return os.environ[name]
    return options.get("endpoint_url") or (options.get("client_kwargs") or {}).get("endpoint_url")


def store_config(options: dict[str, Any]) -> dict[str, Any]:
    """S3Store settings from an s3fs file system's options and the environment (what
    object_store does not read from `AWS_*` itself); `allow_http` is a client option."""
    config: dict[str, Any] = {}
    endpoint = endpoint_of(options)
    if endpoint:
        config["endpoint"] = endpoint
        config["allow_http"] = endpoint.startswith("http://")
    for ours, theirs in (("key", "access_key_id"), ("secret", "secret_access_key")):
        if options.get(ours):
            config[theirs] = options[ours]
    if options.get("token"):
        config["session_token"] = options["token"]
    region = (options.get("client_kwargs") or {}).get("region_name")
    if region:
        config["region"] = region
    return config


@functools.lru_cache(maxsize=16)
def _store(bucket: str, config: tuple[tuple[str, Any], ...], pid: int) -> Any:
    from obstore.store import S3Store

    settings = dict(config)
    allow_http = bool(settings.pop("allow_http", False))
    return S3Store(bucket, client_options={"allow_http": allow_http}, **settings)


def store_of(fs: Any, bucket: str) -> Any:
    """The obstore S3 store of `bucket` with `fs`'s settings, made once a process (and
    again in a forked one: its runtime is the parent's)."""
    config = store_config(dict(getattr(fs, "storage_options", {}) or {}))
    return _store(bucket, tuple(sorted(config.items())), os.getpid())


def _accepted_part(segment: str) -> str | None:
    """The part of a path segment object_store accepts; None for none (an empty, `.` or
    `..` segment). A control character ends it."""
    if segment in ("", ".", ".."):
        return None
    for index, char in enumerate(segment):
        if ord(char) < 0x20 or ord(char) == 0x7F:
            return segment[:index] or None
    return segment


def clean_offset(key: str | None) -> str | None:
    """The leading segments of `key` that object_store takes as a path (up to the first it
    refuses); None when none is left."""
    kept: list[str] = []
    for segment in (key or "").split("/"):
        part = _accepted_part(segment)
        if part is not None:
            kept.append(part)
        if part != segment:
            break
    return "/".join(kept) or None


HIGHEST = "\U0010ffff"  # the greatest code point: no key character sorts after it


def _below(text: str) -> str | None:
    """A path object_store accepts that sorts before `text` and names no folder: SeaweedFS
    skips the whole folder named by a StartAfter (`a/b` skips `a/b/...`; AWS does not)."""
    while text:
        head, last = text[:-1], text[-1]
        candidate = head + chr(ord(last) - 1) + HIGHEST
        if clean_offset(candidate) == candidate:  # not a control character, `a//`, `./`
            return candidate
        text = head.rstrip("/")
    return None


def offset_of(after: str | None) -> str | None:
    """The offset (S3 StartAfter) to list the keys after `after` from: `after` itself when
    object_store takes it as it is, else a lower one (the keys between are filtered out)."""
    if not after:
        return None
    clean = clean_offset(after)
    return after if clean == after else _below(clean or "")


def pages(store: Any, prefix: str, after: str | None, page_size: int) -> Iterator[pa.RecordBatch]:
    """The objects whose key starts with `prefix` and sorts after `after`, in key order, a
    batch (key, etag, size, last_modified) a page of `page_size` keys; the caller stops
    reading when it has what it wants (a range's end). Raises `UnreadableKey`."""
    import obstore
    from obstore.exceptions import InvalidPathError

    folder, _, tail = prefix.rpartition("/")
    low = after
    if tail:  # a prefix inside a segment: every key that starts with it sorts after this
        low = max((k for k in (after, prefix[:-1]) if k), default=None)
    stream = obstore.list(
        store,
        folder or None,
        offset=offset_of(low),
        chunk_size=page_size,
        return_arrow=True,
    )
    while True:
        try:
            batch = pa.record_batch(next(stream))
        except StopIteration:
            return
        except (InvalidPathError, ValueError) as error:  # it could not parse a listed key
            raise UnreadableKey("a listed key is not a path object_store accepts") from error
        keys = batch.column("path")
        wanted = pc.starts_with(keys, prefix) if tail else None
        if after:
            later = pc.greater(keys, columns.string(after))
            wanted = later if wanted is None else pc.and_(wanted, later)
        fields = [keys, batch.column("e_tag"), batch.column("size"), batch.column("last_modified")]
        page = pa.record_batch(fields, names=list(FIELDS))
        yield page if wanted is None else page.filter(wanted)
        greatest = keys[-1].as_py() if len(keys) else ""
        if tail and greatest > prefix and not greatest.startswith(prefix):
            return  # past the prefix


def prefix_splits(
    fs: Any, bucket: str, prefix: str, wanted: int, requests: list[int] | None = None
) -> list[str]:
    """Split points for a listing with no ledger to sample: the folders under `prefix`
    (S3 `Delimiter='/'`, full keys), a level deeper while there are fewer than `wanted`, at
    most `FANOUT_REQUESTS` requests of one page each (bounded, whatever the bucket holds);
    none for a bucket without folders. Through botocore: a page of folders is cheap to
    parse, and obstore's delimiter listing reads every page of its level."""
    found: list[str] = []
    frontier, budget = [prefix], FANOUT_REQUESTS
    while frontier and budget > 0 and len(found) + 1 < wanted:
        level: list[str] = []
        asked, budget = frontier[:budget], budget - len(frontier[:budget])
        for folder in asked:
            if requests is not None:
                requests.append(1)
            out = fs.call_s3(
                "list_objects_v2", Bucket=bucket, Prefix=folder, Delimiter="/", MaxKeys=1000
            )
            level.extend(p["Prefix"] for p in out.get("CommonPrefixes", []) if p.get("Prefix"))
        level.extend(frontier[len(asked) :])  # not opened (budget spent): still split points
        if not level:
            break
        found, frontier = level, level
    return found
